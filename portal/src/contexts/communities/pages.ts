/** Every communities page: loaded as one chunk when someone first opens one (routes.tsx). */
export { ApplyForSitePage } from './ApplyForSitePage';
export { PublicCalendarPage } from './CalendarPage';
export { CommunitiesPage } from './CommunitiesPage';
export { CommunityPage } from './CommunityPage';
export { EventPage } from './EventPage';
export { ManageSitesPage } from './ManageSitesPage';
export { MyEventsPage } from './MyEventsPage';
export { OrganiserEventsPage } from './OrganiserEventsPage';
export { ProposeCommunityPage } from './ProposeCommunityPage';
export { PublishEventPage } from './PublishEventPage';
export { SchoolSitesPage } from './SchoolSitesPage';
export { SitePage } from './SitePage';
export { SitesPage } from './SitesPage';
export { ThreadPage } from './ThreadPage';
