/**
 * Every seeding stage, in the order they run. This list is the one place that knows the
 * contexts: a new context adds its folder (stages/<context>/) and one line here.
 */
import { SeedStage } from '../runner/stages';
import { directoryStage } from './directory/directory.stage';
import { communitiesStage } from './communities/communities.stage';
import { contestsStage } from './contests/contests.stage';
import { professionalDevelopmentStage } from './professional-development/pd.stage';

export const SEED_STAGES: readonly SeedStage[] = [directoryStage, professionalDevelopmentStage, contestsStage, communitiesStage];
