import { IconBuildingCommunity } from '@tabler/icons-react';
import type { PortalRoute } from '../../app/portal-route';
import { t } from '../../i18n/ru';
import { OrganizationsPage } from './OrganizationsPage';

/** The directory's pages. */
export const directoryRoutes: PortalRoute[] = [
  {
    path: '/organizations',
    element: <OrganizationsPage />,
    nav: { label: t.nav.directory, icon: <IconBuildingCommunity size={18} aria-hidden />, href: () => '/organizations' },
  },
];
