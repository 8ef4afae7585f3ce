import { Button, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { useSession } from '../auth/session';
import { t } from '../i18n/ru';
import type { Role } from './portal-route';
import { reaches } from './reaches';

export const Forbidden = () => (
  <Stack align="flex-start" gap="xs" role="alert">
    <Title order={1} size="h2">
      {t.app.forbidden}
    </Title>
    <Text>{t.app.forbiddenHint}</Text>
    <Button component={Link} to="/" variant="light">
      {t.app.home}
    </Button>
  </Stack>
);

/** Signed out: to sign in, and back here afterwards. Wrong role or someone else's ids: a clear "no". */
export const RequireAccess = ({ roles, children }: { roles?: Role[]; children: ReactNode }) => {
  const { session } = useSession();
  const location = useLocation();
  const params = useParams();
  if (!roles) return <>{children}</>;
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(session.claims.role) || !reaches(session.claims, params)) return <Forbidden />;
  return <>{children}</>;
};
