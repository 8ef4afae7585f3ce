/** The brief's roles. A token carries exactly one. */
export const ROLES = ['regional_operator', 'municipal_methodologist', 'school_coordinator', 'teacher', 'expert', 'juror'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/**
 * Roles whose data scope is one municipality (the tenant). A juror (olympiad jury member) is
 * scoped by the stages whose jury names them, not by a municipality: an educator juror's
 * token names their municipality and educator, an external expert's names neither.
 */
export const MUNICIPAL_ROLES: readonly Role[] = ['municipal_methodologist', 'school_coordinator', 'teacher', 'expert'];
