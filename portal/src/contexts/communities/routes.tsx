import {
  IconBuildingCommunity,
  IconCalendarEvent,
  IconCalendarUser,
  IconClipboardList,
  IconPresentation,
  IconRocket,
  IconUsersGroup,
} from '@tabler/icons-react';
import { ComponentType, lazy, Suspense } from 'react';
import type { Claims } from '../../auth/claims';
import type { PortalRoute } from '../../app/portal-route';
import { t } from '../../i18n/ru';
import { LoadingRows } from '../../ui/QueryState';

type Pages = typeof import('./pages');

/** A communities page, loaded with the others in one chunk the first time one is opened. */
const page = (name: keyof Pages) => {
  const Page = lazy(() => import('./pages').then((m) => ({ default: m[name] as ComponentType })));
  return (
    <Suspense fallback={<LoadingRows rows={8} />}>
      <Page />
    </Suspense>
  );
};

const methodologist = (path: string) => (c: Claims | null) =>
  c?.role === 'municipal_methodologist' && c.municipalityId ? `/municipalities/${c.municipalityId}/${path}` : null;
const coordinator = (path: string) => (c: Claims | null) =>
  c?.role === 'school_coordinator' && c.organizationId ? `/schools/${c.organizationId}/${path}` : null;
const operator = (path: string) => (c: Claims | null) => (c?.role === 'regional_operator' ? path : null);
const municipal: PortalRoute['roles'] = ['municipal_methodologist', 'regional_operator'];

/**
 * Communities' pages: everyone's calendar of methodological events and an event's page (a
 * teacher registers there, the organiser runs it); the teacher's own events and calendar feed;
 * the organiser's events and the form that publishes one. The public registers of communities
 * and sites with a community's page (whoever runs it: the order, members, tasks, reports; its
 * members: the discussions) and a site's (the procedure's steps, annual reports); the
 * methodologist proposes a community and runs the sites' procedure (the operator the region's);
 * the school coordinator applies for a site status and reports.
 */
export const communitiesRoutes: PortalRoute[] = [
  {
    path: '/events',
    element: page('PublicCalendarPage'),
    nav: { label: t.nav.methodEvents, icon: <IconCalendarEvent size={18} aria-hidden />, href: () => '/events' },
  },
  { path: '/events/:eventId', element: page('EventPage') },
  {
    path: '/me/events',
    element: page('MyEventsPage'),
    roles: ['teacher'],
    nav: { label: t.nav.myMethodEvents, icon: <IconCalendarUser size={18} aria-hidden />, href: () => '/me/events' },
  },
  {
    path: '/municipalities/:municipalityId/events',
    element: page('OrganiserEventsPage'),
    roles: municipal,
    nav: { label: t.nav.organiseEvents, icon: <IconPresentation size={18} aria-hidden />, href: methodologist('events') },
  },
  { path: '/municipalities/:municipalityId/events/new', element: page('PublishEventPage'), roles: ['municipal_methodologist'] },
  {
    path: '/region/events',
    element: page('OrganiserEventsPage'),
    roles: ['regional_operator'],
    nav: { label: t.nav.organiseEvents, icon: <IconPresentation size={18} aria-hidden />, href: operator('/region/events') },
  },
  { path: '/region/events/new', element: page('PublishEventPage'), roles: ['regional_operator'] },
  // Communities and their discussions.
  {
    path: '/communities',
    element: page('CommunitiesPage'),
    nav: { label: t.nav.communities, icon: <IconUsersGroup size={18} aria-hidden />, href: () => '/communities' },
  },
  { path: '/communities/:communityId', element: page('CommunityPage') },
  {
    path: '/communities/:communityId/threads/:threadId',
    element: page('ThreadPage'),
    roles: ['teacher', 'school_coordinator', 'municipal_methodologist', 'regional_operator'],
  },
  { path: '/municipalities/:municipalityId/communities/new', element: page('ProposeCommunityPage'), roles: ['municipal_methodologist'] },
  {
    path: '/communities/:communityId/events/new',
    element: page('PublishEventPage'),
    roles: ['teacher', 'school_coordinator', 'municipal_methodologist', 'regional_operator'],
  },
  // Sites.
  {
    path: '/sites',
    element: page('SitesPage'),
    // An expert of the council starts at the applications under review.
    home: ['expert'],
    nav: {
      label: t.nav.sites,
      icon: <IconBuildingCommunity size={18} aria-hidden />,
      href: (c) => (c?.role === 'expert' ? '/sites?phase=UNDER_REVIEW' : '/sites'),
    },
  },
  { path: '/sites/:siteId', element: page('SitePage') },
  { path: '/sites/:siteId/events/new', element: page('PublishEventPage'), roles: ['school_coordinator', 'municipal_methodologist', 'regional_operator'] },
  {
    path: '/municipalities/:municipalityId/sites',
    element: page('ManageSitesPage'),
    roles: municipal,
    nav: { label: t.nav.manageSites, icon: <IconClipboardList size={18} aria-hidden />, href: methodologist('sites') },
  },
  {
    path: '/region/sites',
    element: page('ManageSitesPage'),
    roles: ['regional_operator'],
    nav: { label: t.nav.manageSites, icon: <IconClipboardList size={18} aria-hidden />, href: operator('/region/sites') },
  },
  {
    path: '/schools/:organizationId/sites',
    element: page('SchoolSitesPage'),
    roles: ['school_coordinator', 'municipal_methodologist', 'regional_operator'],
    nav: { label: t.nav.schoolSites, icon: <IconRocket size={18} aria-hidden />, href: coordinator('sites') },
  },
  { path: '/schools/:organizationId/sites/apply', element: page('ApplyForSitePage'), roles: ['school_coordinator'] },
];
