import {
  IconBook,
  IconBooks,
  IconCalendarDue,
  IconCertificate,
  IconCertificate2,
  IconChecklist,
  IconFileImport,
  IconHeartHandshake,
  IconRoute,
  IconUser,
} from '@tabler/icons-react';
import type { Claims } from '../../auth/claims';
import type { PortalRoute } from '../../app/portal-route';
import { t } from '../../i18n/ru';
import { ApplicationsPage } from './ApplicationsPage';
import { CataloguePage } from './CataloguePage';
import { CertificatesPage } from './CertificatesPage';
import { CohortEnrolmentsPage } from './CohortEnrolmentsPage';
import { DiagnosticsImportPage } from './DiagnosticsImportPage';
import { MentoringPage } from './MentoringPage';
import { MyEnrolmentsPage } from './MyEnrolmentsPage';
import { MyMentoringPage } from './MyMentoringPage';
import { MyProfilePage } from './MyProfilePage';
import { ProgrammeCohortsPage } from './ProgrammeCohortsPage';
import { ProgrammesPage } from './ProgrammesPage';
import { RoutePage } from './RoutePage';
import { RoutesPage } from './RoutesPage';
import { TrainingDuePage } from './TrainingDuePage';

/** The methodologist's own municipality's page (the menu link); the operator opens any municipality's by its address. */
const own = (page: string) => (c: Claims | null) =>
  c?.role === 'municipal_methodologist' && c.municipalityId ? `/municipalities/${c.municipalityId}/${page}` : null;
const operator = (path: string) => (c: Claims | null) => (c?.role === 'regional_operator' ? path : null);
const municipal: PortalRoute['roles'] = ['municipal_methodologist', 'regional_operator'];

/** Professional development's pages. */
export const professionalDevelopmentRoutes: PortalRoute[] = [
  // The methodologist's work (the operator reaches the same pages for any municipality).
  {
    path: '/municipalities/:municipalityId/training-due',
    element: <TrainingDuePage />,
    roles: municipal,
    home: ['municipal_methodologist'],
    nav: { label: t.nav.trainingDue, icon: <IconCalendarDue size={18} aria-hidden />, href: own('training-due') },
  },
  {
    path: '/municipalities/:municipalityId/programmes',
    element: <ProgrammesPage />,
    roles: municipal,
    nav: { label: t.nav.pdProgrammes, icon: <IconBooks size={18} aria-hidden />, href: own('programmes') },
  },
  { path: '/municipalities/:municipalityId/programmes/:programmeId', element: <ProgrammeCohortsPage />, roles: municipal },
  { path: '/municipalities/:municipalityId/cohorts/:cohortId', element: <CohortEnrolmentsPage />, roles: municipal },
  {
    path: '/municipalities/:municipalityId/diagnostics-import',
    element: <DiagnosticsImportPage />,
    roles: ['municipal_methodologist'],
    nav: { label: t.nav.pdImport, icon: <IconFileImport size={18} aria-hidden />, href: own('diagnostics-import') },
  },
  {
    path: '/municipalities/:municipalityId/routes',
    element: <RoutesPage />,
    roles: municipal,
    nav: { label: t.nav.pdRoutes, icon: <IconRoute size={18} aria-hidden />, href: own('routes') },
  },
  { path: '/municipalities/:municipalityId/routes/:educatorId', element: <RoutePage />, roles: municipal },
  {
    path: '/municipalities/:municipalityId/mentoring',
    element: <MentoringPage />,
    roles: municipal,
    nav: { label: t.nav.pdMentoring, icon: <IconHeartHandshake size={18} aria-hidden />, href: own('mentoring') },
  },
  {
    path: '/municipalities/:municipalityId/certificates',
    element: <CertificatesPage />,
    roles: municipal,
    nav: { label: t.nav.pdCertificates, icon: <IconCertificate2 size={18} aria-hidden />, href: own('certificates') },
  },
  // The regional operator's catalogue and register.
  {
    path: '/region/programmes',
    element: <ProgrammesPage />,
    roles: ['regional_operator'],
    nav: { label: t.nav.pdRegionProgrammes, icon: <IconBooks size={18} aria-hidden />, href: operator('/region/programmes') },
  },
  { path: '/region/programmes/:programmeId', element: <ProgrammeCohortsPage />, roles: ['regional_operator'] },
  { path: '/region/cohorts/:cohortId', element: <CohortEnrolmentsPage />, roles: ['regional_operator'] },
  {
    path: '/region/certificates',
    element: <CertificatesPage />,
    roles: ['regional_operator'],
    nav: { label: t.nav.pdCertificates, icon: <IconCertificate2 size={18} aria-hidden />, href: operator('/region/certificates') },
  },
  // Everyone's catalogue; the teacher's own pages.
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
    path: '/me/mentoring',
    element: <MyMentoringPage />,
    roles: ['teacher'],
    nav: { label: t.nav.pdMyMentoring, icon: <IconHeartHandshake size={18} aria-hidden />, href: () => '/me/mentoring' },
  },
  // The school coordinator's.
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
  {
    path: '/schools/:organizationId/training-due',
    element: <TrainingDuePage />,
    roles: ['school_coordinator', 'municipal_methodologist', 'regional_operator'],
    nav: {
      label: t.nav.trainingDue,
      icon: <IconCalendarDue size={18} aria-hidden />,
      href: (c) => (c?.role === 'school_coordinator' && c.organizationId ? `/schools/${c.organizationId}/training-due` : null),
    },
  },
];
