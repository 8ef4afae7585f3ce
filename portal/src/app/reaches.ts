import type { Claims } from '../auth/claims';

/**
 * Whether the person's token reaches the ids in the address. The API refuses what is not theirs
 * anyway; this only keeps a hand-edited address from showing an empty page instead of a clear "no".
 */
export const reaches = (claims: Claims, params: Record<string, string | undefined>): boolean => {
  if (claims.role === 'regional_operator') return true;
  if (params['municipalityId'] && params['municipalityId'] !== claims.municipalityId) return false;
  if (params['organizationId'] && claims.role !== 'municipal_methodologist' && params['organizationId'] !== claims.organizationId) return false;
  if (params['educatorId'] && claims.role === 'teacher' && params['educatorId'] !== claims.educatorId) return false;
  return true;
};
