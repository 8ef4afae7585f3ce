import { Navigate } from 'react-router';
import { useSession } from '../auth/session';

/** Where each person starts: their own work, or the public catalogue before signing in. */
export const HomeRedirect = () => {
  const { session } = useSession();
  const c = session?.claims;
  if (c?.role === 'teacher') return <Navigate to="/me" replace />;
  if (c?.role === 'school_coordinator' && c.organizationId) return <Navigate to={`/schools/${c.organizationId}/applications`} replace />;
  return <Navigate to="/catalogue" replace />;
};
