import { communitiesRoutes } from '../contexts/communities/routes';
import { contestsRoutes } from '../contexts/contests/routes';
import { directoryRoutes } from '../contexts/directory/routes';
import { monitoringRoutes } from '../contexts/monitoring/routes';
import { professionalDevelopmentRoutes } from '../contexts/professional-development/routes';
import type { PortalRoute } from './portal-route';

/**
 * Every context's pages, in menu order. A new context (contests, communities, …) adds its folder
 * under contexts/ with a routes.tsx, and one line here.
 */
export const allRoutes: PortalRoute[] = [...professionalDevelopmentRoutes, ...directoryRoutes, ...monitoringRoutes, ...contestsRoutes, ...communitiesRoutes];
