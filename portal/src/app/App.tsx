import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Provider as GraphQLProvider } from 'urql';
import { createClient } from '../api/client';
import { SessionProvider, useSession } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { allRoutes } from './contexts';
import { HomeRedirect } from './HomeRedirect';
import { NotFound } from './NotFound';
import { RequireAccess } from './RequireAccess';
import { Shell } from './Shell';
import { cssVariables, theme } from './theme';

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/sign-in', element: <SignInPage /> },
      ...allRoutes.map((r) => ({ path: r.path, element: <RequireAccess roles={r.roles}>{r.element}</RequireAccess> })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** The GraphQL client follows the session: a new token, a new client (no answers cached across people). */
const WithClient = () => {
  const { session, signOut } = useSession();
  const token = session?.token ?? null;
  const client = useMemo(
    () =>
      createClient(
        () => token,
        () => signOut('expired'),
      ),
    [token, signOut],
  );
  return (
    <GraphQLProvider value={client}>
      <ModalsProvider>
        <RouterProvider router={router} />
      </ModalsProvider>
    </GraphQLProvider>
  );
};

export const App = () => (
  <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
    <Notifications position="top-right" />
    <SessionProvider>
      <WithClient />
    </SessionProvider>
  </MantineProvider>
);
