/**
 * Pure helpers of the contests pages (unit-tested in contests-helpers.test.ts): academic years,
 * subjects, grades and grade groups, the stage settings form, names, the score file's upload and
 * progress, the jury's members, appeal decisions and the code sheet.
 */

export * from './helpers/years-and-subjects';
export * from './helpers/grade-groups';
export * from './helpers/stage-settings';
export * from './helpers/field-problems';
export * from './helpers/registration';
export * from './helpers/score-file';
export * from './helpers/jury-and-appeals';
