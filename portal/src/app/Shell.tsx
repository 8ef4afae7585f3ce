import { Anchor, AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogin, IconLogout } from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { t } from '../i18n/ru';
import { allRoutes } from './contexts';

/** The frame of every page: the header with who is signed in, the menu for their role, the page. */
export const Shell = () => {
  const [opened, { toggle, close }] = useDisclosure();
  const { session, signOut } = useSession();
  const claims = session?.claims ?? null;
  const location = useLocation();
  const navigate = useNavigate();
  const entries = allRoutes
    .filter((r) => r.nav && (!r.roles || (claims && r.roles.includes(claims.role))))
    .map((r) => ({ ...r.nav!, to: r.nav!.href(claims) }))
    .filter((e): e is typeof e & { to: string } => !!e.to);

  // The menu entry of this page: the longest link the address starts with (so /me/enrolments is not also /me).
  const current = entries
    .filter((e) => location.pathname === e.to || location.pathname.startsWith(`${e.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t.a11y.openMenu} />
            <Anchor component={Link} to="/" fw={700} c="inherit" underline="never">
              {t.app.name}
            </Anchor>
          </Group>
          {claims ? (
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" visibleFrom="sm" data-testid="signed-in-as">
                {t.roles[claims.role]}
              </Text>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconLogout size={16} aria-hidden />}
                onClick={() => {
                  signOut('signed-out');
                  navigate('/sign-in');
                }}
              >
                {t.app.signOut}
              </Button>
            </Group>
          ) : (
            <Button component={Link} to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} size="xs" leftSection={<IconLogin size={16} aria-hidden />}>
              {t.app.signIn}
            </Button>
          )}
        </Group>
      </AppShell.Header>
      {/* A long menu (a methodologist's) scrolls within the navbar. */}
      <AppShell.Navbar p="xs" aria-label={t.app.menu} style={{ overflowY: 'auto' }}>
        {entries.map((e) => (
          <NavLink key={e.to} component={Link} to={e.to} label={e.label} leftSection={e.icon} active={e.to === current} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
};
