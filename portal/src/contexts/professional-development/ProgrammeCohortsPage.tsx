import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError, Described } from '../../api/errors';
import { usePaged } from '../../api/paged';
import { graphql } from '../../gql';
import type { CohortFieldsFragment, CohortStatus } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { COHORT_HISTORY, PROGRAMME_HISTORY } from './catalogue-fields';
import { intOrNull } from './pd-helpers';
import { municipalityBase, report, TextForm } from './pd-ui';
import { ProgrammeStatusBadge, useManages } from './ProgrammesPage';

const PROGRAMME = graphql(`
  query ManagedProgramme($id: ID!) {
    programme(id: $id) {
      ...ProgrammeFields
    }
  }
`);

const COHORTS = graphql(`
  query ProgrammeCohorts($filter: CohortFilter, $first: Int, $after: String) {
    cohortsPage(filter: $filter, first: $first, after: $after) {
      nodes {
        ...CohortFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SCHEDULE = graphql(`
  mutation ScheduleCohort($input: ScheduleCohortInput!) {
    scheduleCohort(input: $input) {
      id
    }
  }
`);

const SEATS = graphql(`
  mutation ChangeCohortSeats($input: ChangeCohortSeatsInput!) {
    changeCohortSeats(input: $input) {
      id
      seats
      free
    }
  }
`);

const CANCEL = graphql(`
  mutation CancelCohort($input: CancelCohortInput!) {
    cancelCohort(input: $input) {
      id
      status
    }
  }
`);

const COHORT_COLORS: Record<CohortStatus, string> = { SCHEDULED: 'green', CANCELLED: 'red' };

type Submit<V> = (v: V) => Promise<Described | null>;

const ScheduleForm = ({ onSubmit }: { onSubmit: Submit<{ startDate: string; endDate: string; seats: number }> }) => {
  const [startDate, setStart] = useState('');
  const [endDate, setEnd] = useState('');
  const [seats, setSeats] = useState<string | number>(20);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const n = intOrNull(seats);
        const local: Record<string, string> = {};
        if (!startDate) local['startDate'] = t.pd.common.required;
        if (!endDate) local['endDate'] = t.pd.common.required;
        if (n === null || n < 1) local['seats'] = t.pd.common.required;
        setErrors(local);
        if (Object.keys(local).length) return;
        setBusy(true);
        const d = await onSubmit({ startDate, endDate, seats: n! });
        setBusy(false);
        setErrors(d?.fields ?? {});
        setMessage(d && !Object.keys(d.fields).length ? d.message : null);
      }}
    >
      <Stack>
        <Group grow>
          <TextInput
            type="date"
            label={t.pd.cohorts.startDate}
            required
            value={startDate}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={errors['startDate']}
            data-autofocus
          />
          <TextInput
            type="date"
            label={t.pd.cohorts.endDate}
            required
            value={endDate}
            onChange={(e) => setEnd(e.currentTarget.value)}
            error={errors['endDate']}
          />
        </Group>
        <NumberInput label={t.pd.cohorts.seats} required min={1} value={seats} onChange={setSeats} error={errors['seats']} />
        {message && <Alert color="red">{message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {t.pd.cohorts.schedule}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const SeatsForm = ({ initial, onSubmit }: { initial: number; onSubmit: Submit<number> }) => {
  const [seats, setSeats] = useState<string | number>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const n = intOrNull(seats);
        if (n === null || n < 1) return setError(t.pd.common.required);
        setBusy(true);
        const d = await onSubmit(n);
        setBusy(false);
        setError(d ? (d.fields['seats'] ?? d.message) : null);
      }}
    >
      <Stack>
        <NumberInput label={t.pd.cohorts.seats} required min={1} value={seats} onChange={setSeats} error={error} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {t.app.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** One programme as its owner runs it: details, history, and its groups (schedule, seats, cancel, the learners). */
export const ProgrammeCohortsPage = () => {
  const { municipalityId, programmeId = '' } = useParams();
  const base = municipalityBase(municipalityId);
  const manages = useManages();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PROGRAMME, variables: { id: programmeId } });
  const cohorts = usePaged(COHORTS, { filter: { programmeId } }, (d) => d.cohortsPage);
  const [, schedule] = useMutation(SCHEDULE);
  const [, seats] = useMutation(SEATS);
  const [, cancel] = useMutation(CANCEL);
  const p = data?.programme;
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !p) return <LoadingRows rows={6} />;
  if (!p) return <ErrorNotice error={new Error(t.pd.programmes.notFound)} />;
  const mine = manages(p);

  const done = (ok: string) => (d: Described | null) => {
    if (!d) {
      modals.closeAll();
      report(undefined, ok);
      cohorts.reload();
    }
    return d;
  };
  const openSchedule = () =>
    modals.open({
      title: `${t.pd.cohorts.scheduleTitle}: ${p.title}`,
      children: (
        <ScheduleForm onSubmit={async (v) => done(t.pd.cohorts.scheduled)(describeError((await schedule({ input: { programmeId: p.id, ...v } })).error))} />
      ),
    });
  const openSeats = (c: CohortFieldsFragment) =>
    modals.open({
      title: `${t.pd.cohorts.changeSeatsTitle}: ${formatDate(c.startDate)} — ${formatDate(c.endDate)}`,
      children: (
        <SeatsForm
          initial={c.seats}
          onSubmit={async (n) => done(t.pd.cohorts.seatsChanged)(describeError((await seats({ input: { id: c.id, seats: n } })).error))}
        />
      ),
    });
  const openCancel = (c: CohortFieldsFragment) =>
    modals.open({
      title: `${t.pd.cohorts.cancelTitle}: ${formatDate(c.startDate)} — ${formatDate(c.endDate)}`,
      children: (
        <TextForm
          label={t.app.reason}
          submit={t.pd.cohorts.cancel}
          danger
          field="reason"
          onSubmit={async (reason) => done(t.pd.cohorts.cancelled)(describeError((await cancel({ input: { id: c.id, reason } })).error))}
        />
      ),
    });

  return (
    <Page
      title={t.pd.cohorts.title(p.title)}
      intro={`${p.provider} · ${p.hours} ч. · ${label('ProgrammeFormat', p.format)}`}
      actions={
        <>
          <Button variant="default" component={Link} to={`${base}/programmes`} leftSection={<IconArrowLeft size={16} aria-hidden />}>
            {t.pd.cohorts.back}
          </Button>
          {mine && p.status === 'PUBLISHED' && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openSchedule}>
              {t.pd.cohorts.schedule}
            </Button>
          )}
        </>
      }
    >
      <Card withBorder>
        <Group justify="space-between">
          <Stack gap={4}>
            <Group gap="xs">
              <ProgrammeStatusBadge status={p.status} />
              <Text size="sm">{p.ownerMunicipality?.name ?? t.pd.common.regional}</Text>
            </Group>
            <Text size="sm">
              {t.pd.programmes.competences}: {p.competences.map((c) => label('CompetenceArea', c)).join(', ')}
            </Text>
            {p.withdrawnReason && (
              <Text size="sm">
                {t.pd.programmes.withdrawnReason}: {p.withdrawnReason}
              </Text>
            )}
          </Stack>
          <HistoryButton title={p.title} query={PROGRAMME_HISTORY} variables={{ id: p.id }} pick={(d) => d.programme?.history} />
        </Group>
      </Card>
      {mine && p.status !== 'PUBLISHED' && <Alert color="blue">{t.pd.cohorts.notPublished}</Alert>}
      <DataTable
        caption={t.pd.cohorts.title(p.title)}
        fileName="cohorts"
        paged={cohorts}
        rowKey={(c) => c.id}
        empty={t.pd.cohorts.empty}
        columns={[
          { title: t.pd.cohorts.dates, value: (c) => `${formatDate(c.startDate)} — ${formatDate(c.endDate)}` },
          { title: t.pd.cohorts.seats, value: (c) => c.seats },
          { title: t.pd.cohorts.held, value: (c) => c.held },
          { title: t.pd.cohorts.free, value: (c) => c.free },
          {
            title: t.pd.common.status,
            value: (c) => label('CohortStatus', c.status),
            render: (c) => <Badge color={COHORT_COLORS[c.status]}>{label('CohortStatus', c.status)}</Badge>,
          },
          { title: t.app.reason, value: (c) => c.cancelReason ?? null },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (c) => {
              const name = `${formatDate(c.startDate)} — ${formatDate(c.endDate)}`;
              return (
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="light" component={Link} to={`${base}/cohorts/${c.id}`} aria-label={`${t.pd.cohorts.enrolments}: ${name}`}>
                    {t.pd.cohorts.enrolments}
                  </Button>
                  <HistoryButton title={name} query={COHORT_HISTORY} variables={{ id: c.id }} pick={(d) => d.cohort?.history} />
                  {mine && c.status === 'SCHEDULED' && (
                    <>
                      <Button size="xs" variant="default" onClick={() => openSeats(c)} aria-label={`${t.pd.cohorts.changeSeats}: ${name}`}>
                        {t.pd.cohorts.changeSeats}
                      </Button>
                      <Button size="xs" variant="light" color="red" onClick={() => openCancel(c)} aria-label={`${t.pd.cohorts.cancel}: ${name}`}>
                        {t.pd.cohorts.cancel}
                      </Button>
                    </>
                  )}
                </Group>
              );
            },
          },
        ]}
      />
    </Page>
  );
};
