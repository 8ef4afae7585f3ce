import { Anchor, Badge, Breadcrumbs, Group, Paper, Stack, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePaged } from '../../api/paged';
import { useSession } from '../../auth/session';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { FiguresGrid, NetworkGrid, usePeriod } from './Figures';
import { SCHOOL_EDUCATORS, SCHOOL_REPORT } from './operations';

const m = t.monitoring;
const e = t.dirEducators;

/** A school's indicators and its working educators (the coordinator's own school; drilled down to by the methodologist and the regional operator). */
export const SchoolIndicatorsPage = () => {
  const { organizationId } = useParams();
  const [params] = useSearchParams();
  const { session } = useSession();
  const role = session?.claims.role;
  const { period, picker } = usePeriod();
  const [{ data, error }, reload] = useQuery({ query: SCHOOL_REPORT, variables: { organizationId: organizationId!, ...period } });
  const educators = usePaged(SCHOOL_EDUCATORS, { filter: { organizationId, status: 'ACTIVE' as const } }, (d) => d.educators);
  const year = params.get('year');
  const keep = year ? `?year=${encodeURIComponent(year)}` : '';
  const school = data?.organization;

  return (
    <Page title={school ? m.schoolTitle(school.name) : m.educatorsOfSchool} intro={m.schoolIntro}>
      {school && role !== 'school_coordinator' && (
        <Breadcrumbs>
          {role === 'regional_operator' && (
            <Anchor component={Link} to={`/region${keep}`}>
              {m.regionTitle}
            </Anchor>
          )}
          <Anchor component={Link} to={`/municipalities/${school.municipality.id}/indicators${keep}`}>
            {school.municipality.name}
          </Anchor>
          <span>{school.name}</span>
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
            <FiguresGrid report={data.schoolIndicators} />
            <NetworkGrid network={data.schoolIndicators.network} />
          </Stack>
        </Paper>
      )}
      <Title order={2} size="h4">
        {m.educatorsOfSchool}
      </Title>
      <DataTable
        caption={m.educatorsOfSchool}
        fileName="school-educators"
        paged={educators}
        rowKey={(x) => x.id}
        empty={m.educatorsEmpty}
        columns={[
          { title: e.fullName, value: (x) => x.fullName ?? e.erasedName },
          { title: e.position, value: (x) => x.position },
          { title: e.subjects, value: (x) => x.subjects.join(', ') },
          { title: e.careerStart, value: (x) => formatDate(x.careerStartDate) },
          { title: e.category, value: (x) => label('QualificationCategory', x.qualificationCategory) },
          {
            title: e.young,
            value: (x) => (x.isYoungTeacher ? t.app.yes : t.app.no),
            render: (x) => (x.isYoungTeacher ? <Badge color="violet">{t.app.yes}</Badge> : t.app.no),
          },
        ]}
      />
    </Page>
  );
};
