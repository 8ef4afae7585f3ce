/** Stream ids of this context: one per stream type (DESIGN.md). */
export const streams = {
  community: (communityId: string) => `community-${communityId}`,
  methodEvent: (methodEventId: string) => `methodEvent-${methodEventId}`,
  site: (siteId: string) => `site-${siteId}`,
  siteCall: (callId: string) => `siteCall-${callId}`,
  thread: (threadId: string) => `thread-${threadId}`,
};
