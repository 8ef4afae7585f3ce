import { Anchor, Badge, Button, Group, Select } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { StageLevel, StageSummaryFragment } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { stagesBase, useYear } from './contests-ui';
import { MUNICIPALITY_NAMES, MUNICIPALITY_STAGES, REGION_STAGES } from './operations';

const s = t.contests.stages;
const c = t.contests.common;
const LEVELS: StageLevel[] = ['SCHOOL', 'MUNICIPAL'];
const AS_PUBLIC = { fetchOptions: { headers: {} } };

/**
 * The organiser's stages of a year: a municipality's school and municipal stages (its
 * methodologist schedules them; the operator reads any municipality's), or the region's regional
 * stage (the operator). The year and level are in the address.
 */
export const StagesPage = () => {
  const { municipalityId } = useParams();
  const { session } = useSession();
  const region = !municipalityId;
  const { year, select, params, set } = useYear();
  const level = LEVELS.find((l) => l === params.get('level')) ?? null;
  const [municipal, reloadMunicipal] = useQuery({
    query: MUNICIPALITY_STAGES,
    variables: { municipalityId: municipalityId ?? '', academicYear: year },
    pause: region,
  });
  const [regional, reloadRegional] = useQuery({ query: REGION_STAGES, variables: { academicYear: year }, pause: !region });
  const result = region ? regional : municipal;
  const stages: StageSummaryFragment[] = (region ? regional.data?.olympiadStages : municipal.data?.municipality?.olympiadStages) ?? [];
  const shown = stages
    .filter((st) => !level || st.level === level)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.title.localeCompare(b.title, 'ru'));
  const base = stagesBase(municipalityId);
  // Scheduling is the organiser's: the methodologist for their municipality, the operator for the region.
  const canSchedule = region ? session?.claims.role === 'regional_operator' : session?.claims.role === 'municipal_methodologist';
  const municipalityName = municipal.data?.municipality?.name;
  const navigate = useNavigate();
  // The operator reads every municipality's stages too: one pick away from the region's page.
  const [municipalities] = useQuery({ query: MUNICIPALITY_NAMES, context: AS_PUBLIC, pause: !region });

  return (
    <Page
      title={region ? s.regionTitle : municipalityName ? `${s.title}: ${municipalityName}` : s.title}
      intro={region ? s.regionIntro : s.intro}
      actions={
        canSchedule && (
          <Button component={Link} to={`${base}/new`} leftSection={<IconPlus size={16} aria-hidden />}>
            {s.schedule}
          </Button>
        )
      }
    >
      <Group align="flex-end" wrap="wrap">
        {select}
        {region && (
          <Select
            label={s.municipalityStages}
            placeholder={s.pickMunicipality}
            searchable
            data={(municipalities.data?.municipalities.nodes ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={null}
            onChange={(v) => v && navigate(`/municipalities/${encodeURIComponent(v)}/olympiads?year=${encodeURIComponent(year)}`)}
            maw={320}
          />
        )}
        {!region && (
          <Select
            label={c.level}
            placeholder={t.app.any}
            clearable
            data={LEVELS.map((l) => ({ value: l, label: label('StageLevel', l) }))}
            value={level}
            onChange={(v) => set('level', v)}
            maw={220}
          />
        )}
      </Group>
      {result.error ? (
        <ErrorNotice error={result.error} onRetry={() => (region ? reloadRegional : reloadMunicipal)({ requestPolicy: 'network-only' })} />
      ) : (
        <DataTable
          caption={region ? s.regionTitle : s.title}
          fileName={`olympiad-stages-${year.replace('/', '-')}`}
          rows={shown}
          loading={result.fetching}
          rowKey={(st) => st.id}
          empty={canSchedule ? s.empty : s.emptyReadOnly}
          columns={[
            {
              title: c.title,
              value: (st) => st.title,
              render: (st) => (
                <Anchor component={Link} to={`${base}/${encodeURIComponent(st.id)}`}>
                  {st.title}
                </Anchor>
              ),
            },
            { title: c.subject, value: (st) => st.subjectTitle },
            { title: c.level, value: (st) => label('StageLevel', st.level) },
            { title: t.contests.stageForm.kind, value: (st) => label('OlympiadKind', st.kind) },
            { title: c.dates, value: (st) => c.dateRange(formatDate(st.startsOn), formatDate(st.endsOn)) },
            { title: c.registration, value: (st) => c.dateRange(formatDate(st.registrationFrom), formatDate(st.registrationTo)) },
            {
              title: c.status,
              value: (st) => label('StageStatus', st.status),
              render: (st) => <Badge color={st.status === 'CANCELLED' ? 'red' : 'blue'}>{label('StageStatus', st.status)}</Badge>,
            },
          ]}
        />
      )}
    </Page>
  );
};
