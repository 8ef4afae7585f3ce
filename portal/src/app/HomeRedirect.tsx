import { Navigate } from 'react-router';
import { useSession } from '../auth/session';
import { allRoutes } from './contexts';

/** Where each person starts: the page a context declares as their home, or the public catalogue. */
export const HomeRedirect = () => {
  const { session } = useSession();
  const claims = session?.claims ?? null;
  const home = claims && allRoutes.find((r) => r.home?.includes(claims.role) && r.nav?.href(claims));
  return <Navigate to={home ? home.nav!.href(claims)! : '/catalogue'} replace />;
};
