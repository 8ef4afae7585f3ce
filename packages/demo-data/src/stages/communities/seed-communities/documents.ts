/** The GraphQL the communities seeder sends (contracts/subgraphs/communities.graphql). */

const COMMUNITY = `id tenantId name status members { educator { id } role } tasks { taskId title doneOn }`;

export const PROPOSE_COMMUNITY = `mutation ProposeCommunity($input: CommunityInput!) { proposeCommunity(input: $input) { ${COMMUNITY} } }`;
export const APPROVE_COMMUNITY = `mutation ApproveCommunity($communityId: ID!, $order: OrderInput!) { approveCommunity(communityId: $communityId, order: $order) { ${COMMUNITY} } }`;
export const ADD_MEMBERS = `mutation AddCommunityMembers($communityId: ID!, $members: [CommunityMemberInput!]!) { addCommunityMembers(communityId: $communityId, members: $members) { community { ${COMMUNITY} } refused { index error { code message fields } } } }`;

/** A refused entry of a list command, by its index in the list sent. */
export interface RefusedEntry {
  index: number;
  error: { code: string; message: string; fields: string[] };
}
export const START_COMMUNITY = `mutation StartCommunity($communityId: ID!) { startCommunity(communityId: $communityId) { ${COMMUNITY} } }`;
export const SET_GROUP_TASK = `mutation SetGroupTask($communityId: ID!, $title: String!, $ownerId: ID!, $dueOn: String!) { setGroupTask(communityId: $communityId, title: $title, ownerId: $ownerId, dueOn: $dueOn) { ${COMMUNITY} } }`;
export const COMPLETE_GROUP_TASK = `mutation CompleteGroupTask($communityId: ID!, $taskId: ID!) { completeGroupTask(communityId: $communityId, taskId: $taskId) { ${COMMUNITY} } }`;

export interface CommunityLive {
  id: string;
  tenantId: string;
  name: string;
  status: 'PROPOSED' | 'APPROVED' | 'ACTIVE' | 'CLOSED';
  members: { educator: { id: string }; role: string }[];
  tasks: { taskId: string; title: string; doneOn: string | null }[];
}

const CALL = `id tenantId title open from to`;
export const ANNOUNCE_SITE_CALL = `mutation AnnounceSiteCall($input: SiteCallInput!) { announceSiteCall(input: $input) { ${CALL} } }`;
export interface SiteCallLive {
  id: string;
  tenantId: string;
  title: string;
  open: boolean;
  from: string;
  to: string;
}

const SITE = `id tenantId phase missing opinions { expertId } reports { year dueOn submittedOn accepted }`;
export const APPLY_FOR_SITE = `mutation ApplyForSiteStatus($input: SiteApplicationInput!) { applyForSiteStatus(input: $input) { ${SITE} } }`;
export const CHECK_SITE = `mutation CheckSiteApplication($siteId: ID!, $missing: [String!]) { checkSiteApplication(siteId: $siteId, missing: $missing) { ${SITE} } }`;
export const RESUBMIT_SITE = `mutation ResubmitSiteApplication($siteId: ID!, $card: ProjectCardInput!) { resubmitSiteApplication(siteId: $siteId, card: $card) { ${SITE} } }`;
export const SITE_OPINION = `mutation GiveSiteExpertOpinion($siteId: ID!, $scores: [CriterionScoreInput!]!, $recommendation: SiteRecommendation!, $comment: String!) { giveSiteExpertOpinion(siteId: $siteId, scores: $scores, recommendation: $recommendation, comment: $comment) { ${SITE} } }`;
export const GRANT_SITE = `mutation GrantSiteStatus($siteId: ID!, $order: OrderInput!, $term: TermInput!) { grantSiteStatus(siteId: $siteId, order: $order, term: $term) { ${SITE} } }`;
export const DECLINE_SITE = `mutation DeclineSiteApplication($siteId: ID!, $reason: String!) { declineSiteApplication(siteId: $siteId, reason: $reason) { ${SITE} } }`;
export const SUBMIT_SITE_REPORT = `mutation SubmitSiteAnnualReport($siteId: ID!, $year: String!, $summary: String!) { submitSiteAnnualReport(siteId: $siteId, year: $year, summary: $summary) { ${SITE} } }`;
export const REVIEW_SITE_REPORT = `mutation ReviewSiteAnnualReport($siteId: ID!, $year: String!, $accepted: Boolean!, $opinion: String!) { reviewSiteAnnualReport(siteId: $siteId, year: $year, accepted: $accepted, opinion: $opinion) { ${SITE} } }`;

export interface SiteLive {
  id: string;
  tenantId: string;
  phase: 'APPLIED' | 'RETURNED' | 'UNDER_REVIEW' | 'DECLINED' | 'ACTIVE' | 'TERMINATED' | 'FINAL_REPORTED' | 'CLOSED';
  missing: string[] | null;
  opinions: { expertId: string }[] | null;
  reports: { year: string; dueOn: string; submittedOn: string | null; accepted: boolean | null }[];
}

const EVENT = `id tenantId startsAt endsAt seated waiting attended ratings speakers { educator { id } title } registrations { educator { id } status seq attended certificateNumber }`;
export const PUBLISH_EVENT = `mutation PublishMethodEvent($input: MethodEventInput!) { publishMethodEvent(input: $input) { ${EVENT} } }`;
export const ADD_SPEAKER = `mutation AddMethodEventSpeaker($methodEventId: ID!, $educatorId: ID!, $title: String!, $summary: String) { addMethodEventSpeaker(methodEventId: $methodEventId, educatorId: $educatorId, title: $title, summary: $summary) { ${EVENT} } }`;
export const ISSUE_CERTIFICATES = `mutation IssueMethodEventCertificates($methodEventId: ID!, $hours: Float!) { issueMethodEventCertificates(methodEventId: $methodEventId, hours: $hours) { ${EVENT} } }`;
export const GIVE_FEEDBACK = `mutation GiveMethodEventFeedback($methodEventId: ID!, $rating: Int!, $comment: String) { giveMethodEventFeedback(methodEventId: $methodEventId, rating: $rating, comment: $comment) { id ratings } }`;

const REGISTRATION = `educator { id } status seq attended certificateNumber`;
export const REGISTER = `mutation RegisterForMethodEvent($methodEventId: ID!, $educatorId: ID) { registerForMethodEvent(methodEventId: $methodEventId, educatorId: $educatorId) { ${REGISTRATION} } }`;
export const CANCEL_REGISTRATION = `mutation CancelMethodEventRegistration($methodEventId: ID!, $educatorId: ID) { cancelMethodEventRegistration(methodEventId: $methodEventId, educatorId: $educatorId) { ${REGISTRATION} } }`;
export const APPROVE_REGISTRATION = `mutation ApproveMethodEventRegistration($methodEventId: ID!, $educatorId: ID!) { approveMethodEventRegistration(methodEventId: $methodEventId, educatorId: $educatorId) { ${REGISTRATION} } }`;
export const REJECT_REGISTRATION = `mutation RejectMethodEventRegistration($methodEventId: ID!, $educatorId: ID!, $reason: String!) { rejectMethodEventRegistration(methodEventId: $methodEventId, educatorId: $educatorId, reason: $reason) { ${REGISTRATION} } }`;
export const MARK_ATTENDANCE_SHEET = `mutation MarkMethodEventAttendanceSheet($methodEventId: ID!, $entries: [AttendanceEntryInput!]!) { markMethodEventAttendanceSheet(methodEventId: $methodEventId, entries: $entries) { methodEvent { ${EVENT} } refused { index error { code message fields } } } }`;

export interface RegistrationLive {
  educator: { id: string };
  status: 'PENDING' | 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED' | 'REJECTED';
  seq: number;
  attended: boolean;
  certificateNumber: string | null;
}

export interface MethodEventLive {
  id: string;
  tenantId: string;
  startsAt: string;
  endsAt: string;
  seated: number;
  waiting: number;
  attended: number;
  ratings: number;
  speakers: { educator: { id: string }; title: string }[];
  registrations: RegistrationLive[] | null;
}
