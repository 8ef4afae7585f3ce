/** The tenant of what belongs to the region (regional communities, sites, events) rather than to a municipality. */
export const REGION_TENANT = 'region';
