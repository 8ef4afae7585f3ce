/** The brief's roles. A token carries exactly one. */
export const ROLES = ['regional_operator', 'municipal_methodologist', 'school_coordinator', 'teacher', 'expert'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** Roles whose data scope is one municipality (the tenant). */
export const MUNICIPAL_ROLES: readonly Role[] = ['municipal_methodologist', 'school_coordinator', 'teacher', 'expert'];
