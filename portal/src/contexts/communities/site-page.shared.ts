/* What the site page's parts share: the site as queried, how a part waits for its change to show, the fixed choices. */
import type { SitePageQuery, SiteTerminationReason } from '../../gql/graphql';
import { c } from './communities-ui';

export type Site = NonNullable<SitePageQuery['site']>;
export type Settle = (done: (d: SitePageQuery) => boolean) => void;
export const s = c.sites;
/** The expert council's criteria (each scored 0–10). */
export const SITE_CRITERIA = ['Актуальность', 'Новизна', 'Реалистичность плана', 'Ресурсы'];
export const TERMINATION_REASONS: SiteTerminationReason[] = ['NOT_CARRIED_OUT', 'REPORT_NOT_SUBMITTED', 'AT_SITE_REQUEST'];
