/** Every internal event of the directory (its own projections and reactions read them). */
export const DIRECTORY_INTERNAL_TOPIC = 'directory.internal';
