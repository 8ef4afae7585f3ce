/* What the community page's parts share: the community as queried, how a part waits for its change to show, the fixed choices. */
import type { CommunityCloseReason, CommunityPageQuery, MemberRole } from '../../gql/graphql';

export type Community = NonNullable<CommunityPageQuery['community']>;
export type Settle = (done: (d: CommunityPageQuery) => boolean) => void;
export const ROLES: MemberRole[] = ['HEAD', 'DEPUTY', 'MEMBER', 'EXPERT'];
export const CLOSE_REASONS: CommunityCloseReason[] = ['TASK_DONE', 'TERM_OVER', 'BY_DECISION'];
