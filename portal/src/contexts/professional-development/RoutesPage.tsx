import { Badge, Button, Group, Select, SimpleGrid } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePaged } from '../../api/paged';
import { graphql } from '../../gql';
import type { CompetenceArea, RouteStatus } from '../../gql/graphql';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { COMPETENCES, useParam } from './pd-ui';

const DEFICITS = graphql(`
  query EducatorsWithDeficits($municipalityId: ID, $competence: CompetenceArea, $routeStatus: RouteStatus, $first: Int, $after: String) {
    educatorsWithDeficitsPage(municipalityId: $municipalityId, competence: $competence, routeStatus: $routeStatus, first: $first, after: $after) {
      nodes {
        educator {
          id
          fullName
          position
        }
        organization {
          id
          name
        }
        deficits
        routeStatus
        routeItems
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ROUTE_COLORS: Record<RouteStatus, string> = { NONE: 'orange', DRAFT: 'blue', APPROVED: 'green' };

/** Educators with open deficits and where their route stands: the methodologist's worklist for routes (ИОМ). */
export const RoutesPage = () => {
  const { municipalityId } = useParams();
  const [params, set] = useParam();
  const competence = params.get('competence') as CompetenceArea | null;
  const routeStatus = params.get('route') as RouteStatus | null;
  const list = usePaged(
    DEFICITS,
    { municipalityId, ...(competence ? { competence } : {}), ...(routeStatus ? { routeStatus } : {}) },
    (d) => d.educatorsWithDeficitsPage,
  );
  return (
    <Page title={t.pd.routes.title} intro={t.pd.routes.intro}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Select
          label={t.pd.routes.competence}
          clearable
          placeholder={t.app.any}
          data={COMPETENCES.map((c) => ({ value: c, label: label('CompetenceArea', c) }))}
          value={competence}
          onChange={(v) => set('competence', v)}
        />
        <Select
          label={t.pd.routes.routeStatus}
          clearable
          placeholder={t.app.any}
          data={(['NONE', 'DRAFT', 'APPROVED'] as const).map((s) => ({ value: s, label: label('RouteStatus', s) }))}
          value={routeStatus}
          onChange={(v) => set('route', v)}
        />
      </SimpleGrid>
      <DataTable
        caption={t.pd.routes.title}
        fileName="educators-with-deficits"
        paged={list}
        rowKey={(r) => r.educator.id}
        empty={t.pd.routes.empty}
        columns={[
          { title: t.pd.common.educator, value: (r) => r.educator.fullName },
          { title: t.pd.common.position, value: (r) => r.educator.position },
          { title: t.pd.common.organization, value: (r) => r.organization?.name ?? null },
          { title: t.pd.routes.deficits, value: (r) => r.deficits.map((d) => label('CompetenceArea', d)).join(', ') },
          {
            title: t.pd.routes.routeStatus,
            value: (r) => label('RouteStatus', r.routeStatus),
            render: (r) => <Badge color={ROUTE_COLORS[r.routeStatus]}>{label('RouteStatus', r.routeStatus)}</Badge>,
          },
          { title: t.pd.routes.items, value: (r) => r.routeItems },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (r) => (
              <Group justify="flex-end">
                <Button
                  size="xs"
                  variant="light"
                  component={Link}
                  to={`/municipalities/${municipalityId}/routes/${r.educator.id}`}
                  aria-label={t.pd.routes.openLabel(r.educator.fullName ?? '')}
                >
                  {t.pd.routes.open}
                </Button>
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
