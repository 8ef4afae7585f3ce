import { IconChartBar, IconChartLine } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import type { PortalRoute } from '../../app/portal-route';
import { t } from '../../i18n/ru';
import { LoadingRows } from '../../ui/QueryState';
import { MunicipalityIndicatorsPage } from './MunicipalityIndicatorsPage';
import { SchoolIndicatorsPage } from './SchoolIndicatorsPage';

// The dashboard carries the charts (ECharts): its own chunk, loaded when the regional operator opens it.
const RegionalDashboardPage = lazy(() => import('./RegionalDashboardPage').then((m) => ({ default: m.RegionalDashboardPage })));

/** Monitoring's pages: the region, a municipality, a school (each drills down to the next). */
export const monitoringRoutes: PortalRoute[] = [
  {
    path: '/region',
    element: (
      <Suspense fallback={<LoadingRows rows={8} />}>
        <RegionalDashboardPage />
      </Suspense>
    ),
    roles: ['regional_operator'],
    home: ['regional_operator'],
    nav: { label: t.nav.regionDashboard, icon: <IconChartBar size={18} aria-hidden />, href: (c) => (c?.role === 'regional_operator' ? '/region' : null) },
  },
  {
    path: '/municipalities/:municipalityId/indicators',
    element: <MunicipalityIndicatorsPage />,
    roles: ['municipal_methodologist', 'regional_operator'],
    nav: {
      label: t.nav.municipalityIndicators,
      icon: <IconChartLine size={18} aria-hidden />,
      href: (c) => (c?.role === 'municipal_methodologist' && c.municipalityId ? `/municipalities/${c.municipalityId}/indicators` : null),
    },
  },
  {
    path: '/schools/:organizationId/indicators',
    element: <SchoolIndicatorsPage />,
    roles: ['school_coordinator', 'municipal_methodologist', 'regional_operator'],
    nav: {
      label: t.nav.schoolIndicators,
      icon: <IconChartLine size={18} aria-hidden />,
      href: (c) => (c?.role === 'school_coordinator' && c.organizationId ? `/schools/${c.organizationId}/indicators` : null),
    },
  },
];
