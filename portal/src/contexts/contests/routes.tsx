import { IconClipboardCheck, IconGavel, IconMedal, IconSchool, IconTrophy, IconUsers } from '@tabler/icons-react';
import { ComponentType, lazy, Suspense } from 'react';
import type { Claims } from '../../auth/claims';
import type { PortalRoute } from '../../app/portal-route';
import { t } from '../../i18n/ru';
import { LoadingRows } from '../../ui/QueryState';

type Pages = typeof import('./pages');

/** A contests page, loaded with the others in one chunk the first time one is opened. */
const page = (name: keyof Pages) => {
  const Page = lazy(() => import('./pages').then((m) => ({ default: m[name] as ComponentType })));
  return (
    <Suspense fallback={<LoadingRows rows={8} />}>
      <Page />
    </Suspense>
  );
};

const coordinator = (path: string) => (c: Claims | null) =>
  c?.role === 'school_coordinator' && c.organizationId ? `/schools/${c.organizationId}/${path}` : null;
const municipal: PortalRoute['roles'] = ['municipal_methodologist', 'regional_operator'];

/**
 * Contests' pages (olympiads): everyone's schedule and published results; the school
 * coordinator's students, consents, entries, codes and appeals; the organiser's stages (a
 * methodologist's school and municipal stages, the operator's regional stage; the operator reads
 * every municipality's too) with jury, scores, protocols, appeals and admission; the juror's works
 * and the appeal commission's appeals.
 */
export const contestsRoutes: PortalRoute[] = [
  // The school coordinator's.
  {
    path: '/schools/:organizationId/students',
    element: page('StudentsPage'),
    roles: ['school_coordinator', 'municipal_methodologist', 'regional_operator'],
    nav: { label: t.nav.schoolStudents, icon: <IconUsers size={18} aria-hidden />, href: coordinator('students') },
  },
  {
    path: '/schools/:organizationId/olympiads',
    element: page('SchoolStagesPage'),
    roles: ['school_coordinator'],
    nav: { label: t.nav.schoolOlympiads, icon: <IconTrophy size={18} aria-hidden />, href: coordinator('olympiads') },
  },
  { path: '/schools/:organizationId/olympiads/:stageId', element: page('SchoolStagePage'), roles: ['school_coordinator'] },
  { path: '/schools/:organizationId/olympiads/:stageId/codes', element: page('CodeSheetPage'), roles: ['school_coordinator'] },
  // The organiser: a municipality's stages (its methodologist; the operator reads any municipality's).
  {
    path: '/municipalities/:municipalityId/olympiads',
    element: page('StagesPage'),
    roles: municipal,
    nav: {
      label: t.nav.olympiadStages,
      icon: <IconMedal size={18} aria-hidden />,
      href: (c) => (c?.role === 'municipal_methodologist' && c.municipalityId ? `/municipalities/${c.municipalityId}/olympiads` : null),
    },
  },
  { path: '/municipalities/:municipalityId/olympiads/new', element: page('ScheduleStagePage'), roles: ['municipal_methodologist'] },
  { path: '/municipalities/:municipalityId/olympiads/:stageId', element: page('StagePage'), roles: municipal },
  { path: '/municipalities/:municipalityId/olympiads/:stageId/scores-import', element: page('ScoreImportPage'), roles: ['municipal_methodologist'] },
  { path: '/municipalities/:municipalityId/olympiads/:stageId/partitions/:partitionId', element: page('PartitionPage'), roles: municipal },
  // The regional operator: the regional stage.
  {
    path: '/region/olympiads',
    element: page('StagesPage'),
    roles: ['regional_operator'],
    nav: {
      label: t.nav.regionOlympiads,
      icon: <IconMedal size={18} aria-hidden />,
      href: (c) => (c?.role === 'regional_operator' ? '/region/olympiads' : null),
    },
  },
  { path: '/region/olympiads/new', element: page('ScheduleStagePage'), roles: ['regional_operator'] },
  { path: '/region/olympiads/:stageId', element: page('StagePage'), roles: ['regional_operator'] },
  { path: '/region/olympiads/:stageId/scores-import', element: page('ScoreImportPage'), roles: ['regional_operator'] },
  { path: '/region/olympiads/:stageId/partitions/:partitionId', element: page('PartitionPage'), roles: ['regional_operator'] },
  // The juror: works by code, and the appeal commission's appeals.
  {
    path: '/jury',
    element: page('MyWorksPage'),
    roles: ['juror'],
    home: ['juror'],
    nav: { label: t.nav.myJuryWorks, icon: <IconClipboardCheck size={18} aria-hidden />, href: () => '/jury' },
  },
  {
    path: '/jury/appeals',
    element: page('JuryAppealsPage'),
    roles: ['juror'],
    nav: { label: t.nav.juryAppeals, icon: <IconGavel size={18} aria-hidden />, href: () => '/jury/appeals' },
  },
  // Everyone: the schedule and published results.
  {
    path: '/olympiads',
    element: page('PublicStagesPage'),
    nav: { label: t.nav.olympiads, icon: <IconSchool size={18} aria-hidden />, href: () => '/olympiads' },
  },
  { path: '/olympiads/:stageId', element: page('PublicResultsPage') },
];
