/** Every contests page: loaded as one chunk when someone first opens one (routes.tsx). */
export { CodeSheetPage } from './CodeSheetPage';
export { JuryAppealsPage } from './JuryAppealsPage';
export { MyWorksPage } from './MyWorksPage';
export { PartitionPage } from './PartitionPage';
export { PublicResultsPage } from './PublicResultsPage';
export { PublicStagesPage } from './PublicStagesPage';
export { ScheduleStagePage } from './ScheduleStagePage';
export { SchoolStagePage } from './SchoolStagePage';
export { SchoolStagesPage } from './SchoolStagesPage';
export { ScoreImportPage } from './ScoreImportPage';
export { StagePage } from './StagePage';
export { StagesPage } from './StagesPage';
export { StudentsPage } from './StudentsPage';
