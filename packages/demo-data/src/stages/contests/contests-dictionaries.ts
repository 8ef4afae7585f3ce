/** The contests stage's word lists: subjects with their grade groups and tasks, children's names, appeal texts. */
export * from './contests-dictionaries/subjects';
export * from './contests-dictionaries/children';
export * from './contests-dictionaries/appeals';
