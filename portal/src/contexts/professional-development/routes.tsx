import { IconBook, IconCertificate, IconChecklist, IconUser } from '@tabler/icons-react';
import type { PortalRoute } from '../../app/portal-route';
import { t } from '../../i18n/ru';
import { ApplicationsPage } from './ApplicationsPage';
import { CataloguePage } from './CataloguePage';
import { MyEnrolmentsPage } from './MyEnrolmentsPage';
import { MyProfilePage } from './MyProfilePage';

/** Professional development's pages. */
export const professionalDevelopmentRoutes: PortalRoute[] = [
  {
    path: '/catalogue',
    element: <CataloguePage />,
    nav: { label: t.nav.catalogue, icon: <IconBook size={18} aria-hidden />, href: () => '/catalogue' },
  },
  {
    path: '/me',
    element: <MyProfilePage />,
    roles: ['teacher'],
    home: ['teacher'],
    nav: { label: t.nav.myProfile, icon: <IconUser size={18} aria-hidden />, href: () => '/me' },
  },
  {
    path: '/me/enrolments',
    element: <MyEnrolmentsPage />,
    roles: ['teacher'],
    nav: { label: t.nav.myEnrolments, icon: <IconCertificate size={18} aria-hidden />, href: () => '/me/enrolments' },
  },
  {
    path: '/schools/:organizationId/applications',
    element: <ApplicationsPage />,
    roles: ['school_coordinator', 'municipal_methodologist', 'regional_operator'],
    home: ['school_coordinator'],
    nav: {
      label: t.nav.applications,
      icon: <IconChecklist size={18} aria-hidden />,
      href: (c) => (c?.role === 'school_coordinator' && c.organizationId ? `/schools/${c.organizationId}/applications` : null),
    },
  },
];
