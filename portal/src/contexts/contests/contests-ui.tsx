import { Alert, Badge, Button, Group, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { CombinedError } from 'urql';
import { describeError, Described } from '../../api/errors';
import type { ParticipantStatus, ProtocolRowFieldsFragment, StageSummaryFragment } from '../../gql/graphql';
import { formatDate, formatNumber, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { Column, DataTable } from '../../ui/DataTable';
import { academicYearChoices, FieldErrors, gradesText, OlympiadSubject, placeProblems, yearFrom } from './contests-helpers';
import { MUNICIPALITY_NAMES, OLYMPIAD_SUBJECTS, ORGANIZATION_NAMES } from './operations';

const c = t.contests.common;

/** A filter kept in the address: set (or clear) one query parameter, replacing the history entry. */
export const useParam = () => {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  return [params, set] as const;
};

/** The academic year in the address (`?year=2026/2027`; the current one by default) and a select for it. */
export const useYear = () => {
  const [params, set] = useParam();
  const today = regionToday();
  const year = yearFrom(params.get('year'), today);
  const select = (
    <Select
      label={c.year}
      allowDeselect={false}
      data={[...new Set([...academicYearChoices(today), year])].sort()}
      value={year}
      onChange={(v) => set('year', v)}
      maw={180}
    />
  );
  return { year, select, params, set };
};

/** After a mutation: a red message for a typed error, a green one otherwise; true when it went through. */
export const report = (error: CombinedError | undefined, ok: string): boolean => {
  const d = describeError(error);
  notifications.show(d ? { color: 'red', message: d.message } : { color: 'green', message: ok });
  return !d;
};

/** The organiser's pages of a stage: the municipality's (methodologist, operator) or the region's (operator). */
export const stagesBase = (municipalityId: string | undefined) => (municipalityId ? `/municipalities/${municipalityId}/olympiads` : '/region/olympiads');

// Badges keep the theme's dot variant: a tinted or filled badge's text does not reach AA contrast (axe in the browser tests).
const STATUS_COLOR: Record<string, string> = { WINNER: 'yellow', PRIZE_WINNER: 'teal', PARTICIPANT: 'gray' };

export const ParticipantBadge = ({ status }: { status: ParticipantStatus | string }) => (
  <Badge color={STATUS_COLOR[status] ?? 'gray'}>{label('ParticipantStatus', status)}</Badge>
);

export const ProtocolBadge = ({ status }: { status: string }) => (
  <Badge color={status === 'FINAL' ? 'green' : status === 'PRELIMINARY' ? 'blue' : 'gray'}>{label('ProtocolStatus', status)}</Badge>
);

/** A stage as its title line says it: subject, level, year, and whether it was cancelled. */
export const stageLine = (s: Pick<StageSummaryFragment, 'subjectTitle' | 'level' | 'academicYear' | 'kind'>) =>
  `${label('OlympiadKind', s.kind)} · ${s.subjectTitle} · ${label('StageLevel', s.level)} · ${s.academicYear}`;

/** The stage's dates at a glance. */
export const StageFacts = ({ stage }: { stage: StageSummaryFragment }) => (
  <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
    <Fact label={c.dates} value={c.dateRange(formatDate(stage.startsOn), formatDate(stage.endsOn))} />
    <Fact label={c.registration} value={c.dateRange(formatDate(stage.registrationFrom), formatDate(stage.registrationTo))} />
    <Fact label={c.consentDeadline} value={formatDate(stage.consentDeadline)} />
    <Fact
      label={c.status}
      value={stage.status === 'CANCELLED' ? <Badge color="red">{label('StageStatus', stage.status)}</Badge> : label('StageStatus', stage.status)}
    />
    {stage.cancelReason && <Fact label={t.app.reason} value={stage.cancelReason} />}
  </SimpleGrid>
);

export const Fact = ({ label: name, value }: { label: string; value: ReactNode }) => (
  <div>
    <Text size="xs" c="dimmed">
      {name}
    </Text>
    <Text size="sm" component="div">
      {value}
    </Text>
  </div>
);

/** A participant's name only as the API gave it (masked rows carry none): never added here. */
export const studentName = (s: { fullName?: string | null; erased?: boolean } | null | undefined): string | null =>
  s ? (s.fullName ?? (s.erased ? c.erased : null)) : null;

type Row = ProtocolRowFieldsFragment;

/**
 * A protocol (a draft, a published one, a school's rows): code, the student as the API gave them,
 * school, municipality, each task's score, the total, the place and the status; exports to CSV
 * and XLSX with the same columns.
 */
export const ProtocolTable = ({
  caption,
  fileName,
  rows,
  tasks,
  loading,
  empty,
  municipality = true,
  actions,
}: {
  caption: string;
  fileName: string;
  rows: Row[];
  tasks: { taskId: string }[];
  loading?: boolean;
  empty: ReactNode;
  municipality?: boolean;
  actions?: (row: Row) => ReactNode;
}) => {
  const columns: Column<Row>[] = [
    { title: c.rank, value: (r) => r.rank },
    { title: c.code, value: (r) => r.code },
    { title: c.student, value: (r) => studentName(r.student) },
    { title: c.school, value: (r) => r.school.name },
    ...(municipality ? [{ title: c.municipality, value: (r: Row) => r.municipality.name }] : []),
    { title: c.grade, value: (r) => r.grade },
    ...tasks.map((task, i) => ({ title: c.task(task.taskId), value: (r: Row) => r.taskScores[i] ?? null })),
    { title: c.score, value: (r) => r.score },
    { title: c.status, value: (r) => label('ParticipantStatus', r.status), render: (r) => <ParticipantBadge status={r.status} /> },
    ...(actions ? [{ title: '', exported: false, value: () => null, render: actions }] : []),
  ];
  return <DataTable caption={caption} fileName={fileName} rows={rows} loading={loading} rowKey={(r) => r.code} empty={empty} columns={columns} />;
};

/** The grade group of a partition, in words ("7–8 классы"), or its id while the stage is unknown. */
export const groupText = (groups: readonly { groupId: string; grades: readonly number[] }[] | undefined, groupId: string) => {
  const g = groups?.find((x) => x.groupId === groupId);
  return g ? gradesText(g.grades) : `${c.group} ${groupId}`;
};

/** A dialog that asks once more before an irreversible step (publish, approve, withdraw a consent). */
export const confirm = ({ title, text, action, danger, run }: { title: string; text: string; action: string; danger?: boolean; run: () => void }) =>
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{text}</Text>,
    labels: { confirm: action, cancel: t.app.cancel },
    confirmProps: danger ? { color: 'red' } : {},
    onConfirm: run,
  });

/**
 * A form with one required text (a reason, a statement): the API's message for that field under
 * it, any other error above the buttons. `onSubmit` answers null when done.
 */
export const ReasonForm = ({
  label: name,
  submit,
  danger,
  field,
  onSubmit,
}: {
  label: string;
  submit: string;
  danger?: boolean;
  field: string;
  onSubmit: (text: string) => Promise<Described | null>;
}) => {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return setError(c.reasonRequired);
        setBusy(true);
        const d = await onSubmit(text.trim());
        setBusy(false);
        setError(d?.fields[field] ?? null);
        setMessage(d && !d.fields[field] ? d.message : null);
      }}
    >
      <Stack>
        <Textarea label={name} required value={text} onChange={(e) => setText(e.currentTarget.value)} error={error} autosize minRows={2} data-autofocus />
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" color={danger ? 'red' : undefined} loading={busy}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

export type { FieldErrors };

/**
 * A command in a dialog (or on a page): the form's own checks first, then every typed error
 * becomes a message, problems the API names by field show at those fields, the rest above the
 * buttons; success says so, closes the dialog and reloads what the page shows.
 */
export const CommandForm = ({
  children,
  fields,
  submitLabel,
  submitColor,
  disabled,
  check,
  run,
  done,
  onDone,
  inModal = true,
}: {
  children: (errors: FieldErrors) => ReactNode;
  fields: readonly string[];
  submitLabel: string;
  submitColor?: string;
  disabled?: boolean;
  /** The form's own checks: problems by field (empty: send). */
  check?: () => FieldErrors;
  run: () => Promise<{ error?: CombinedError }>;
  done: string;
  onDone: () => void;
  inModal?: boolean;
}) => {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const local = check?.() ?? {};
        if (Object.keys(local).length) {
          setErrors(local);
          setMessage(null);
          return;
        }
        setBusy(true);
        const r = await run();
        setBusy(false);
        const d = describeError(r.error);
        if (d) {
          const { at, rest } = placeProblems(d.fields, fields);
          setErrors(at);
          setMessage(rest.length || !Object.keys(at).length ? [d.message, ...rest].join(' ') : null);
          return;
        }
        setErrors({});
        setMessage(null);
        if (inModal) modals.closeAll();
        notifications.show({ color: 'green', message: done });
        onDone();
      }}
    >
      <Stack>
        {children(errors)}
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group justify="flex-end">
          {inModal && (
            <Button variant="default" onClick={() => modals.closeAll()}>
              {t.app.cancel}
            </Button>
          )}
          <Button type="submit" color={submitColor} loading={busy} disabled={disabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** Municipalities and schools are public reference data: read as the public reads them (a methodologist's token sees only their own). */
const AS_PUBLIC = { fetchOptions: { headers: {} } };

/**
 * Names of municipalities and schools for what the API counts by id (quota and passing-score
 * previews): the region's municipalities, and the schools of one municipality (or the first 200
 * of the region). An id without a name is shown as it is.
 */
export const useNames = (municipalityId: string | null) => {
  const [municipalities] = useQuery({ query: MUNICIPALITY_NAMES, context: AS_PUBLIC });
  const [organizations] = useQuery({ query: ORGANIZATION_NAMES, variables: { filter: municipalityId ? { municipalityId } : {} }, context: AS_PUBLIC });
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const m of municipalities.data?.municipalities.nodes ?? []) names.set(m.id, m.name);
    for (const o of organizations.data?.organizations.nodes ?? []) names.set(o.id, o.name);
    return (id: string, more?: Map<string, string>) => more?.get(id) ?? names.get(id) ?? id;
  }, [municipalities.data, organizations.data]);
};

/** The ВсОШ subjects from the API (read once a session; empty until they arrive: a stored subject then shows as its code). */
export const useSubjects = (): readonly OlympiadSubject[] => {
  const [{ data }] = useQuery({ query: OLYMPIAD_SUBJECTS, context: AS_PUBLIC });
  return data?.olympiadSubjects ?? NO_SUBJECTS;
};
const NO_SUBJECTS: readonly OlympiadSubject[] = [];

/** A preview count's school or municipality, by the name the API gives with it (its id if the directory has none). */
export const placeName = (r: { id: string; school?: { name: string } | null; municipality?: { name: string } | null }) =>
  r.school?.name ?? r.municipality?.name ?? r.id;

/** A count as the tables show it. */
export const n = (v: number | null | undefined) => formatNumber(v);
