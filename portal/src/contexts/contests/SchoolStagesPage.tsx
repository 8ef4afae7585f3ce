import { Anchor, Badge, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { formatDate, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { concernsSchool, registrationState, RegistrationState, subjectText } from './contests-helpers';
import { ParticipantBadge, studentName, useSubjects, useYear } from './contests-ui';
import { SCHOOL_OLYMPIADS } from './operations';

const s = t.contests.school;
const c = t.contests.common;

const REGISTRATION: Record<RegistrationState, { text: string; color: string }> = {
  OPEN: { text: s.registrationOpen, color: 'green' },
  UPCOMING: { text: s.registrationUpcoming, color: 'blue' },
  CLOSED: { text: s.registrationClosed, color: 'gray' },
  CANCELLED: { text: c.cancelled, color: 'red' },
};

/**
 * The coordinator's olympiads: the stages the school takes part in (its municipality's school and
 * municipal stages, the region's), those open for registration first, with how many of its
 * students are entered; and the school's final results of the year.
 */
export const SchoolStagesPage = () => {
  const { organizationId = '' } = useParams();
  const { session } = useSession();
  const { year, select, params, set } = useYear();
  const subjects = useSubjects();
  const show = params.get('show') === 'all' ? 'all' : 'open';
  const today = regionToday();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SCHOOL_OLYMPIADS, variables: { organizationId, academicYear: year } });
  const municipalityId = session?.claims.municipalityId ?? null;
  const stages = (data?.olympiadStages ?? [])
    .filter((st) => concernsSchool(st, municipalityId))
    .filter((st) => show === 'all' || registrationState(st, today) === 'OPEN')
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const entered = (stageId: string) => (data?.organization?.olympiadParticipation ?? []).filter((e) => e.stageId === stageId && e.status === 'ENTERED').length;
  const title = data?.organization?.name ? `${s.title}: ${data.organization.name}` : s.title;

  return (
    <Page title={title} intro={s.intro}>
      <Group align="flex-end" wrap="wrap">
        {select}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="school-stages-show">
            {s.show}
          </Text>
          <SegmentedControl
            aria-labelledby="school-stages-show"
            value={show}
            onChange={(v) => set('show', v === 'all' ? 'all' : null)}
            data={[
              { value: 'open', label: s.openNow },
              { value: 'all', label: s.allStages },
            ]}
          />
        </Stack>
      </Group>
      {error ? (
        <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <DataTable
          caption={show === 'all' ? s.allStages : s.openNow}
          fileName={`school-olympiads-${year.replace('/', '-')}`}
          rows={stages}
          loading={fetching}
          rowKey={(st) => st.id}
          empty={show === 'all' ? s.empty : s.emptyOpen}
          columns={[
            {
              title: c.title,
              value: (st) => st.title,
              render: (st) => (
                <Anchor component={Link} to={`/schools/${organizationId}/olympiads/${encodeURIComponent(st.id)}`}>
                  {st.title}
                </Anchor>
              ),
            },
            { title: c.subject, value: (st) => st.subjectTitle },
            { title: c.level, value: (st) => label('StageLevel', st.level) },
            { title: c.dates, value: (st) => c.dateRange(formatDate(st.startsOn), formatDate(st.endsOn)) },
            {
              title: c.registration,
              value: (st) =>
                `${c.dateRange(formatDate(st.registrationFrom), formatDate(st.registrationTo))} (${REGISTRATION[registrationState(st, today)].text})`,
              render: (st) => {
                const r = REGISTRATION[registrationState(st, today)];
                return (
                  <Stack gap={2}>
                    <Text size="sm">{c.dateRange(formatDate(st.registrationFrom), formatDate(st.registrationTo))}</Text>
                    <Badge color={r.color}>{r.text}</Badge>
                  </Stack>
                );
              },
            },
            { title: c.consentDeadline, value: (st) => formatDate(st.consentDeadline) },
            { title: s.entered, value: (st) => entered(st.id) },
          ]}
        />
      )}

      <Stack gap="xs">
        <Title order={2} size="h4">
          {s.results}
        </Title>
        <DataTable
          caption={s.results}
          fileName={`school-olympiad-results-${year.replace('/', '-')}`}
          rows={data?.organization?.olympiadResults ?? []}
          loading={fetching}
          rowKey={(r) => `${r.stageId}-${r.student?.id ?? ''}-${r.grade}-${r.score}`}
          empty={s.resultsEmpty}
          columns={[
            { title: c.subject, value: (r) => subjectText(r.subject, subjects) },
            { title: c.level, value: (r) => label('StageLevel', r.level) },
            { title: c.student, value: (r) => studentName(r.student) },
            { title: c.grade, value: (r) => r.grade },
            { title: c.score, value: (r) => r.score },
            { title: c.status, value: (r) => label('ParticipantStatus', r.status), render: (r) => <ParticipantBadge status={r.status} /> },
          ]}
        />
      </Stack>
    </Page>
  );
};
