import { Anchor, Breadcrumbs, Group, Paper, Stack, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePaged } from '../../api/paged';
import { useSession } from '../../auth/session';
import { formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { FiguresGrid, NetworkGrid, indicatorValue, usePeriod } from './Figures';
import { INDICATORS } from './indicators';
import { MUNICIPALITY_REPORT, MUNICIPALITY_SCHOOLS } from './operations';

const m = t.monitoring;

/** A municipality's indicators and its schools' (the methodologist's own; any for the regional operator), each school opening its educators. */
export const MunicipalityIndicatorsPage = () => {
  const { municipalityId } = useParams();
  const [params] = useSearchParams();
  const { session } = useSession();
  const { period, picker } = usePeriod();
  const [{ data, error }, reload] = useQuery({ query: MUNICIPALITY_REPORT, variables: { municipalityId: municipalityId!, ...period } });
  const schools = usePaged(
    MUNICIPALITY_SCHOOLS,
    { filter: { municipalityId, status: 'ACTIVE' as const }, academicYear: period.academicYear, asOf: period.asOf },
    (d) => d.organizations,
  );
  const year = params.get('year');
  const keep = year ? `?year=${encodeURIComponent(year)}` : '';
  const name = data?.municipality?.name ?? '';

  return (
    <Page title={name ? m.municipalityTitle(name) : m.regionTitle} intro={m.municipalityIntro}>
      {session?.claims.role === 'regional_operator' && (
        <Breadcrumbs>
          <Anchor component={Link} to={`/region${keep}`}>
            {m.regionTitle}
          </Anchor>
          <span>{name}</span>
        </Breadcrumbs>
      )}
      <Group align="flex-end">{picker}</Group>
      {error && !data ? (
        <ErrorNotice error={error} onRetry={() => reload({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <LoadingRows rows={4} />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <FiguresGrid report={data.municipalityIndicators} />
            <NetworkGrid network={data.municipalityIndicators.network} />
          </Stack>
        </Paper>
      )}
      <Title order={2} size="h4">
        {m.openSchools}
      </Title>
      <DataTable
        caption={m.schoolsCaption}
        fileName="municipality-schools"
        paged={schools}
        rowKey={(o) => o.id}
        empty={m.noSchools}
        columns={[
          {
            title: m.school,
            value: (o) => o.name,
            render: (o) => (
              <Anchor component={Link} to={`/schools/${o.id}/indicators${keep}`}>
                {o.name}
              </Anchor>
            ),
          },
          { title: t.directory.kind, value: (o) => label('OrganizationKind', o.kind) },
          ...INDICATORS.map((i) => ({
            title: m.figures[i.key]!,
            value: (o: { indicators?: Parameters<typeof indicatorValue>[0] | null }) => (o.indicators ? indicatorValue(o.indicators, i.key) : '—'),
          })),
          { title: m.figures['overdue']!, value: (o) => formatNumber(o.indicators?.overdue) },
        ]}
      />
    </Page>
  );
};
