import { Alert, Badge, Button, Card, Group, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconPrinter, IconTicket, IconUserPlus, IconUsersPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/errors';
import type { AppealKind, EntryRowFragment, ProtocolRowFieldsFragment, SchoolStageQuery } from '../../gql/graphql';
import { formatDateTime, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { appealsOpen, groupOf, registrationState } from './contests-helpers';
import { AppealsTable } from './AppealsTable';
import { CommandForm, groupText, ProtocolBadge, ProtocolTable, ReasonForm, report, StageFacts, stageLine, studentName } from './contests-ui';
import { EnterForm, EnterManyForm } from './EnterForms';
import { FILE_APPEAL, ISSUE_CODES, PARTITION, SCHOOL_STAGE, WITHDRAW_ENTRY } from './operations';

const s = t.contests.school;
const c = t.contests.common;
type Stage = NonNullable<SchoolStageQuery['olympiadStage']>;
const KINDS: AppealKind[] = ['TECHNICAL_ERROR', 'DISAGREEMENT'];

/** An appeal for a student of the school: which task, on what ground, and the statement. */
const AppealForm = ({ stage, row, onDone }: { stage: Stage; row: ProtocolRowFieldsFragment; onDone: () => void }) => {
  const tasks = groupOf(stage.groups, row.grade)?.tasks ?? [];
  const [taskId, setTaskId] = useState<string | null>(tasks[0]?.taskId ?? null);
  const [kind, setKind] = useState<AppealKind>('DISAGREEMENT');
  const [statement, setStatement] = useState('');
  const [, file] = useMutation(FILE_APPEAL);
  return (
    <CommandForm
      fields={['taskId', 'kind', 'statement']}
      submitLabel={s.fileAppeal}
      done={s.appealFiled}
      onDone={onDone}
      check={() => {
        const p: Record<string, string> = {};
        if (!taskId) p['taskId'] = c.required;
        if (!statement.trim()) p['statement'] = c.required;
        return p;
      }}
      run={() => file({ input: { stageId: stage.id, studentId: row.student!.id, taskId: taskId!, kind, statement: statement.trim() } })}
    >
      {(errors) => (
        <>
          <Select
            label={s.appealTask}
            required
            allowDeselect={false}
            data={tasks.map((task) => ({ value: task.taskId, label: `${c.task(task.taskId)} (${c.maxScore.toLowerCase()} ${task.maxPoints})` }))}
            value={taskId}
            onChange={setTaskId}
            error={errors['taskId']}
          />
          <Radio.Group label={s.appealKind} value={kind} onChange={(v) => setKind(v as AppealKind)} error={errors['kind']}>
            <Stack gap="xs" mt="xs">
              {KINDS.map((k) => (
                <Radio key={k} value={k} label={label('AppealKind', k)} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label={s.statement}
            description={s.statementHint}
            required
            autosize
            minRows={3}
            value={statement}
            onChange={(e) => setStatement(e.currentTarget.value)}
            error={errors['statement']}
            data-autofocus
          />
        </>
      )}
    </CommandForm>
  );
};

/** One grade group's protocol as the school sees it: its own rows, an appeal per student while appeals are open, its appeals. */
const SchoolProtocol = ({ stage, partitionId }: { stage: Stage; partitionId: string }) => {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PARTITION, variables: { id: partitionId } });
  const p = data?.olympiadPartition;
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !p) return <LoadingRows rows={3} />;
  if (!p) return null;
  const group = stage.groups.find((g) => g.groupId === p.groupId);
  const open = appealsOpen(p);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const caption = s.protocolCaption(groupText(stage.groups, p.groupId), label('ProtocolStatus', p.status));
  return (
    <Stack gap="xs" data-testid={`protocol-${p.groupId}`}>
      <Group gap="sm">
        <Title order={3} size="h5">
          {groupText(stage.groups, p.groupId)}
        </Title>
        <ProtocolBadge status={p.status} />
        {p.appealsUntil && (
          <Text size="sm" c="dimmed">
            {c.appealsUntil} {formatDateTime(p.appealsUntil)}
          </Text>
        )}
      </Group>
      <ProtocolTable
        caption={caption}
        fileName={`protocol-${stage.id}-${p.groupId}-school`}
        rows={p.rows}
        tasks={group?.tasks ?? []}
        municipality={false}
        empty={s.protocolsEmpty}
        actions={
          open
            ? (row) =>
                row.student && (
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={`${s.fileAppeal}: ${row.code}`}
                    onClick={() =>
                      modals.open({ title: s.fileAppealTitle(row.code), children: <AppealForm stage={stage} row={row} onDone={reload} />, size: 'lg' })
                    }
                  >
                    {s.fileAppeal}
                  </Button>
                )
            : undefined
        }
      />
      {p.status === 'PRELIMINARY' && !open && <Text size="sm">{s.appealsClosed}</Text>}
      {p.appeals.length > 0 && (
        <AppealsTable caption={`${s.appeals}: ${groupText(stage.groups, p.groupId)}`} appeals={p.appeals} fileName={`appeals-${p.groupId}`} />
      )}
    </Stack>
  );
};

/**
 * One stage for the school's coordinator: its dates, the students entered (enter, withdraw),
 * participant codes (issue, print), and once published, the school's rows of each protocol with
 * appeals.
 */
export const SchoolStagePage = () => {
  const { organizationId = '', stageId = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SCHOOL_STAGE, variables: { stageId } });
  const [issuing, setIssuing] = useState(false);
  const [, issue] = useMutation(ISSUE_CODES);
  const [, withdraw] = useMutation(WITHDRAW_ENTRY);
  const stage = data?.olympiadStage;
  const back = (
    <Button variant="default" component={Link} to={`/schools/${organizationId}/olympiads`} leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {s.back}
    </Button>
  );
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !stage) return <LoadingRows rows={8} />;
  if (!stage) return <ErrorNotice error={new Error(c.notFound)} />;
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const registration = registrationState(stage, regionToday());
  const open = registration === 'OPEN';
  const published = stage.partitions.filter((p) => p.status !== 'SCORING');

  const openWithdraw = (e: EntryRowFragment) =>
    modals.open({
      title: `${s.withdrawTitle}: ${studentName(e.student) ?? e.code ?? ''}`,
      children: (
        <ReasonForm
          label={t.app.reason}
          submit={s.withdraw}
          danger
          field="reason"
          onSubmit={async (reason) => {
            const d = describeError((await withdraw({ input: { stageId: stage.id, studentId: e.student!.id, reason } })).error);
            if (!d) {
              modals.closeAll();
              report(undefined, s.withdrawn);
              reload();
            }
            return d;
          }}
        />
      ),
    });

  return (
    <Page title={stage.title} intro={stageLine(stage)} actions={back}>
      <Card withBorder>
        <StageFacts stage={stage} />
      </Card>

      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4">
            {s.entries}
          </Title>
          <Group gap="xs">
            <Button
              leftSection={<IconUserPlus size={16} aria-hidden />}
              disabled={!open}
              onClick={() =>
                modals.open({ title: s.enterTitle, children: <EnterForm stage={stage} organizationId={organizationId} onDone={reload} />, size: 'lg' })
              }
            >
              {s.enter}
            </Button>
            <Button
              variant="light"
              leftSection={<IconUsersPlus size={16} aria-hidden />}
              disabled={!open}
              onClick={() =>
                modals.open({ title: s.enterManyTitle, children: <EnterManyForm stage={stage} organizationId={organizationId} onDone={reload} />, size: 'lg' })
              }
            >
              {s.enterManyButton}
            </Button>
            <Button
              variant="light"
              leftSection={<IconTicket size={16} aria-hidden />}
              loading={issuing}
              disabled={stage.status === 'CANCELLED'}
              onClick={async () => {
                setIssuing(true);
                const r = await issue({ stageId: stage.id });
                setIssuing(false);
                if (report(r.error, s.codesIssued(r.data?.issueParticipantCodes.length ?? 0))) reload();
              }}
            >
              {s.issueCodes}
            </Button>
            <Button
              variant="default"
              component={Link}
              to={`/schools/${organizationId}/olympiads/${encodeURIComponent(stage.id)}/codes`}
              leftSection={<IconPrinter size={16} aria-hidden />}
            >
              {s.codeSheet}
            </Button>
          </Group>
        </Group>
        {!open && stage.status !== 'CANCELLED' && (
          <Alert color="gray" role="status">
            {registration === 'UPCOMING' ? s.registrationUpcoming : s.closedHint}
          </Alert>
        )}
        <DataTable
          caption={s.entries}
          fileName={`entries-${stage.id}`}
          rows={stage.entries}
          rowKey={(e) => e.id}
          empty={s.entriesEmpty}
          columns={[
            { title: c.student, value: (e) => studentName(e.student) },
            { title: s.competingGrade, value: (e) => e.grade },
            { title: c.group, value: (e) => groupText(stage.groups, e.groupId) },
            { title: c.code, value: (e) => e.code ?? null, render: (e) => e.code ?? <Text c="dimmed">{s.noCode}</Text> },
            {
              title: c.status,
              value: (e) => label('EntryStatus', e.status),
              render: (e) => <Badge color={e.status === 'ENTERED' ? 'blue' : 'gray'}>{label('EntryStatus', e.status)}</Badge>,
            },
            {
              title: '',
              exported: false,
              value: () => null,
              render: (e) =>
                e.status === 'ENTERED' &&
                open &&
                e.student && (
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    aria-label={`${s.withdraw}: ${studentName(e.student) ?? e.code ?? ''}`}
                    onClick={() => openWithdraw(e)}
                  >
                    {s.withdraw}
                  </Button>
                ),
            },
          ]}
        />
      </Stack>

      <Stack gap="sm">
        <Title order={2} size="h4">
          {s.protocols}
        </Title>
        {published.length ? published.map((p) => <SchoolProtocol key={p.id} stage={stage} partitionId={p.id} />) : <EmptyState>{s.protocolsEmpty}</EmptyState>}
      </Stack>
    </Page>
  );
};
