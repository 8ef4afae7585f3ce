import type { ReactNode } from 'react';
import type { Claims } from '../auth/claims';

export type Role = Claims['role'];

/**
 * One page of a context. A context's folder exports its pages as a list of these; the app puts
 * them into the router and the menu (app/contexts.ts). That is all a new context adds.
 */
export interface PortalRoute {
  /** Router path; `:municipalityId` / `:organizationId` / `:educatorId` are checked against the token (app/RequireAccess.tsx). */
  path: string;
  element: ReactNode;
  /** Who may open it; absent: everyone, signed in or not. */
  roles?: Role[];
  /** A menu entry, with the link filled in for the signed-in person. */
  nav?: { label: string; icon: ReactNode; href: (claims: Claims | null) => string | null };
  /** The roles that start here after signing in (the menu entry's link); the first route naming a role wins. */
  home?: Role[];
}
