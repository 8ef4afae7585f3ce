import { IconBuildingCommunity, IconMap2, IconSchool, IconUsers } from '@tabler/icons-react';
import type { PortalRoute } from '../../app/portal-route';
import { t } from '../../i18n/ru';
import { EducatorsPage } from './EducatorsPage';
import { MunicipalitiesPage } from './MunicipalitiesPage';
import { MunicipalityOrganizationsPage } from './MunicipalityOrganizationsPage';
import { OrganizationsPage } from './OrganizationsPage';

/** The directory's pages. */
export const directoryRoutes: PortalRoute[] = [
  {
    path: '/municipalities/:municipalityId/organizations',
    element: <MunicipalityOrganizationsPage />,
    roles: ['municipal_methodologist'],
    nav: {
      label: t.nav.municipalityOrganizations,
      icon: <IconSchool size={18} aria-hidden />,
      href: (c) => (c?.role === 'municipal_methodologist' && c.municipalityId ? `/municipalities/${c.municipalityId}/organizations` : null),
    },
  },
  {
    path: '/municipalities/:municipalityId/educators',
    element: <EducatorsPage scope="municipality" />,
    roles: ['municipal_methodologist'],
    nav: {
      label: t.nav.municipalityEducators,
      icon: <IconUsers size={18} aria-hidden />,
      href: (c) => (c?.role === 'municipal_methodologist' && c.municipalityId ? `/municipalities/${c.municipalityId}/educators` : null),
    },
  },
  {
    path: '/schools/:organizationId/educators',
    element: <EducatorsPage scope="school" />,
    roles: ['school_coordinator', 'municipal_methodologist'],
    nav: {
      label: t.nav.schoolEducators,
      icon: <IconUsers size={18} aria-hidden />,
      href: (c) => (c?.role === 'school_coordinator' && c.organizationId ? `/schools/${c.organizationId}/educators` : null),
    },
  },
  {
    path: '/region/municipalities',
    element: <MunicipalitiesPage />,
    roles: ['regional_operator'],
    nav: { label: t.nav.municipalities, icon: <IconMap2 size={18} aria-hidden />, href: () => '/region/municipalities' },
  },
  {
    path: '/organizations',
    element: <OrganizationsPage />,
    nav: { label: t.nav.directory, icon: <IconBuildingCommunity size={18} aria-hidden />, href: () => '/organizations' },
  },
];
