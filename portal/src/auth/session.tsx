import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Claims, readClaims } from './claims';

/**
 * The signed-in person: a bearer token and what it says. Kept in sessionStorage (one tab, gone
 * with the browser): the token is a credential, not a preference. When it expires or the API
 * refuses it, the person is sent to sign in, and `returnTo` brings them back where they were.
 */
export interface Session {
  token: string;
  claims: Claims;
}

export type SignOutReason = 'expired' | 'signed-out';

interface SessionApi {
  session: Session | null;
  signIn(token: string): boolean;
  signOut(reason: SignOutReason): void;
  /** Why the last session ended, for the sign-in page to say. */
  endedBecause: SignOutReason | null;
}

const KEY = 'mms.session.token';
const SessionContext = createContext<SessionApi | null>(null);

const restore = (): Session | null => {
  const token = sessionStorage.getItem(KEY);
  const claims = token ? readClaims(token) : null;
  return token && claims && claims.expiresAt * 1000 > Date.now() ? { token, claims } : null;
};

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [session, setSession] = useState<Session | null>(restore);
  const [endedBecause, setEndedBecause] = useState<SignOutReason | null>(() => (sessionStorage.getItem(KEY) && !restore() ? 'expired' : null));

  const signOut = useCallback((reason: SignOutReason) => {
    sessionStorage.removeItem(KEY);
    setSession(null);
    setEndedBecause(reason);
  }, []);

  const signIn = useCallback((token: string) => {
    const claims = readClaims(token);
    if (!claims) return false;
    sessionStorage.setItem(KEY, token);
    setSession({ token, claims });
    setEndedBecause(null);
    return true;
  }, []);

  // The token's own expiry ends the session even when the page makes no request.
  useEffect(() => {
    if (!session) return;
    const ms = session.claims.expiresAt * 1000 - Date.now();
    const timer = setTimeout(() => signOut('expired'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const api = useMemo(() => ({ session, signIn, signOut, endedBecause }), [session, signIn, signOut, endedBecause]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionApi => {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
};

/** The signed-in claims; pages behind RequireRole may rely on them. */
export const useClaims = (): Claims => {
  const { session } = useSession();
  if (!session) throw new Error('useClaims without a session');
  return session.claims;
};
