/** The roles a token may carry (the gateway's @mms/auth ROLES). */
export const ROLES = ['regional_operator', 'municipal_methodologist', 'school_coordinator', 'teacher', 'expert', 'juror'] as const;
export type Role = (typeof ROLES)[number];

/** What the portal reads from the token (the gateway checks it; the portal only shows and routes by it). */
export interface Claims {
  subject: string;
  role: Role;
  municipalityId: string | null;
  organizationId: string | null;
  educatorId: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** The payload of a JWT, unverified: signatures are the gateway's business. Null when it is not one. */
export const readClaims = (token: string): Claims | null => {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    const role = json.role;
    if (!(ROLES as readonly string[]).includes(role) || typeof json.exp !== 'number') return null;
    return {
      subject: String(json.sub ?? ''),
      role,
      municipalityId: str(json.municipality),
      organizationId: str(json.organization),
      educatorId: str(json.educator),
      expiresAt: json.exp,
    };
  } catch {
    return null;
  }
};
