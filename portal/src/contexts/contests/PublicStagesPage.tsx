import { Anchor, Group, Select } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { StageLevel, StageSummaryFragment } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { subjectChoices } from './contests-helpers';
import { useNames, useSubjects, useYear } from './contests-ui';
import { PUBLIC_STAGES } from './operations';

const s = t.contests.public;
const c = t.contests.common;
const LEVELS: StageLevel[] = ['SCHOOL', 'MUNICIPAL', 'REGIONAL'];

/** Everyone's olympiad schedule (no sign-in): the year, level and subject in the address; each stage links to its published results. */
export const PublicStagesPage = () => {
  const { year, select, params, set } = useYear();
  const level = LEVELS.find((l) => l === params.get('level')) ?? null;
  const subject = params.get('subject');
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: PUBLIC_STAGES,
    variables: { filter: { academicYear: year, ...(level ? { level } : {}), ...(subject ? { subject } : {}) } },
  });
  const names = useNames(null);
  const subjects = useSubjects();
  const organiser = (st: StageSummaryFragment) => (st.organiser === 'region' ? c.organiserRegion : names(st.organiser));
  return (
    <Page title={s.title} intro={s.intro}>
      <Group align="flex-end" wrap="wrap">
        {select}
        <Select
          label={s.levelFilter}
          placeholder={t.app.any}
          clearable
          data={LEVELS.map((l) => ({ value: l, label: label('StageLevel', l) }))}
          value={level}
          onChange={(v) => set('level', v)}
          maw={220}
        />
        <Select
          label={s.subjectFilter}
          placeholder={t.app.any}
          clearable
          searchable
          data={subjectChoices(subjects)}
          value={subject}
          onChange={(v) => set('subject', v)}
          maw={320}
        />
      </Group>
      {error ? (
        <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <DataTable
          caption={s.title}
          fileName={`olympiads-${year.replace('/', '-')}`}
          rows={data?.olympiadStages ?? []}
          loading={fetching}
          rowKey={(st) => st.id}
          empty={s.empty}
          columns={[
            {
              title: c.title,
              value: (st) => st.title,
              render: (st) => (
                <Anchor component={Link} to={`/olympiads/${encodeURIComponent(st.id)}`}>
                  {st.title}
                </Anchor>
              ),
            },
            { title: c.subject, value: (st) => st.subjectTitle },
            { title: c.level, value: (st) => label('StageLevel', st.level) },
            { title: t.contests.stageForm.kind, value: (st) => label('OlympiadKind', st.kind) },
            { title: t.pd.common.owner, value: organiser },
            { title: c.dates, value: (st) => c.dateRange(formatDate(st.startsOn), formatDate(st.endsOn)) },
            { title: c.registration, value: (st) => c.dateRange(formatDate(st.registrationFrom), formatDate(st.registrationTo)) },
            { title: c.status, value: (st) => label('StageStatus', st.status) },
          ]}
        />
      )}
    </Page>
  );
};
