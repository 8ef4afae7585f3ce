import type { UserClaims } from '@mms/auth';

/** What the directory says about the places a token names (null: not found). */
export interface IdentityFacts {
  municipality: { id: string } | null;
  organization?: { id: string; municipalityId: string; status: string } | null;
  educator?: { id: string; municipalityId: string; organizationId: string; status: string } | null;
}

/** The directory lookups a token needs: none for the regional operator and the public. */
export const identityQuestions = (u: UserClaims | null) =>
  !u || u.role === 'regional_operator' || !u.municipalityId
    ? null
    : { municipalityId: u.municipalityId, organizationId: u.organizationId ?? null, educatorId: u.educatorId ?? null };

/**
 * Why a token's claims contradict each other or the directory, or null when they agree:
 * the municipality is onboarded, the organisation is an open one of that municipality,
 * and the educator is still placed there (in that organisation, when the token names one).
 * A token kept after its holder moved or left says so here.
 */
export const identityContradiction = (u: UserClaims, f: IdentityFacts): string | null => {
  const m = u.municipalityId;
  if (!f.municipality) return `municipality ${m} is not onboarded`;
  if (u.organizationId) {
    const o = f.organization;
    if (!o) return `organization ${u.organizationId} does not exist`;
    if (o.municipalityId !== m) return `organization ${u.organizationId} is not in municipality ${m}`;
    if (o.status !== 'ACTIVE') return `organization ${u.organizationId} is closed`;
  }
  if (u.educatorId) {
    const e = f.educator;
    if (!e) return `educator ${u.educatorId} does not exist`;
    if (e.status !== 'ACTIVE') return `educator ${u.educatorId} is no longer placed (${e.status.toLowerCase()})`;
    if (e.municipalityId !== m) return `educator ${u.educatorId} is not placed in municipality ${m}`;
    if (u.organizationId && e.organizationId !== u.organizationId) return `educator ${u.educatorId} does not work at organization ${u.organizationId}`;
  }
  return null;
};
