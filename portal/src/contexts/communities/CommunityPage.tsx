import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { CommunityCloseReason, CommunityPageQuery, MemberRole } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { CommunityStatusBadge } from './CommunitiesPage';
import { c, describe, Fact, report, useSettle } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import {
  ADD_COMMUNITY_ORGANIZATION,
  ADD_MEMBER,
  APPROVE_COMMUNITY,
  CHANGE_MEMBER_ROLE,
  CLOSE_COMMUNITY,
  COMMUNITY,
  COMMUNITY_HISTORY,
  COMPLETE_GROUP_TASK,
  EDUCATORS,
  EXTEND_COMMUNITY,
  ORGANIZATIONS,
  REMOVE_MEMBER,
  SET_GROUP_TASK,
  START_COMMUNITY,
  START_THREAD,
  SUBMIT_COMMUNITY_REPORT,
} from './operations';

type Community = NonNullable<CommunityPageQuery['community']>;
type Settle = (done: (d: CommunityPageQuery) => boolean) => void;
const ROLES: MemberRole[] = ['HEAD', 'DEPUTY', 'MEMBER', 'EXPERT'];
const CLOSE_REASONS: CommunityCloseReason[] = ['TASK_DONE', 'TERM_OVER', 'BY_DECISION'];

/**
 * A community: its charter, orders, members (and those who left), reports, a working group's
 * tasks and the discussions. Whoever runs it approves it by an order, names members and the
 * head, starts and closes it; members start discussion threads.
 */
export const CommunityPage = () => {
  const { communityId = '' } = useParams();
  const { session } = useSession();
  const [result, reexecute] = useQuery({ query: COMMUNITY, variables: { id: communityId }, requestPolicy: 'cache-and-network' });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const settle = useSettle(result.data, reload);
  const x = result.data?.community;
  const back = (
    <Button variant="default" component={Link} to="/communities" leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {c.register.title}
    </Button>
  );
  if (result.error && !x) return <ErrorNotice error={result.error} onRetry={reload} />;
  if (!result.data) return <LoadingRows />;
  if (!x)
    return (
      <Page title={c.community.notFound} actions={back}>
        <Text>{c.community.notFound}</Text>
      </Page>
    );
  const manager = !!session && ['municipal_methodologist', 'regional_operator', 'school_coordinator'].includes(session.claims.role);
  const current = x.members.filter((m) => !m.leftOn);

  return (
    <Page title={x.name} intro={`${label('CommunityKind', x.kind)} · ${label('NetworkLevel', x.level)}`} actions={back}>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Fact label={c.common.status}>
            <Group gap="xs">
              <CommunityStatusBadge status={x.status} />
              {x.closedOn && <Text size="sm">{c.community.closedOn(formatDate(x.closedOn))}</Text>}
            </Group>
          </Fact>
          <Fact label={`${c.common.subject} / ${c.common.direction}`}>{x.subject ?? x.direction}</Fact>
          <Fact label={c.register.head}>{x.head?.fullName ?? null}</Fact>
          <Fact label={c.register.members}>{x.memberCount}</Fact>
          <Fact label={c.register.host}>{x.hostOrganization?.name ?? null}</Fact>
          {x.kind !== 'SCHOOL_ASSOCIATION' && <Fact label={c.community.schools}>{x.organizations.map((o) => o.name).join(', ') || null}</Fact>}
          <Fact label={c.community.term}>{x.term ? `${formatDate(x.term.from)} — ${formatDate(x.term.to)}` : c.community.permanent}</Fact>
          {x.task && <Fact label={c.community.task}>{x.task}</Fact>}
          {x.closeReason && <Fact label={c.community.closeReason}>{label('CommunityCloseReason', x.closeReason)}</Fact>}
        </SimpleGrid>
      </Paper>
      {x.canRun && <RunActions x={x} manager={manager} settle={settle} />}
      <section aria-labelledby="orders">
        <Title order={2} size="h4" id="orders" mb="xs">
          {c.community.orders}
        </Title>
        {x.orders.length ? (
          <Stack gap={2} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
            {x.orders.map((o) => (
              <li key={`${o.number}-${o.date}`}>
                <Text>{c.common.order(o.number, formatDate(o.date), o.issuer)}</Text>
              </li>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{c.community.noOrders}</Text>
        )}
      </section>
      <section aria-labelledby="members">
        <Title order={2} size="h4" id="members" mb="xs">
          {c.community.members}
        </Title>
        <MembersTable x={x} settle={settle} />
      </section>
      {x.threads && <Discussions x={x} settle={settle} member={current.some((m) => m.educator.id === session?.claims.educatorId)} />}
      <section aria-labelledby="reports">
        <Title order={2} size="h4" id="reports" mb="xs">
          {c.community.reports}
        </Title>
        <DataTable
          caption={c.community.reports}
          fileName="community-reports"
          rows={x.reports}
          rowKey={(r) => `${r.period}-${r.submittedOn}`}
          empty={c.community.noReports}
          columns={[
            { title: c.community.period, value: (r) => r.period },
            { title: c.community.submittedOn, value: (r) => formatDate(r.submittedOn) },
            { title: c.community.summary, value: (r) => r.summary },
          ]}
        />
      </section>
      {x.kind === 'WORKING_GROUP' && <Tasks x={x} settle={settle} />}
    </Page>
  );
};

const MembersTable = ({ x, settle }: { x: Community; settle: Settle }) => {
  const [, remove] = useMutation(REMOVE_MEMBER);
  const [, changeRole] = useMutation(CHANGE_MEMBER_ROLE);
  const who = (m: Community['members'][number]) => m.educator.fullName ?? m.educator.id;
  const openRole = (m: Community['members'][number]) =>
    modals.open({
      title: `${c.community.changeRole}: ${who(m)}`,
      children: (
        <ModalForm
          submit={c.community.changeRole}
          fields={(v, set, e) => (
            <Select
              label={c.community.role}
              required
              allowDeselect={false}
              data={ROLES.map((r) => ({ value: r, label: label('MemberRole', r) }))}
              value={v['role'] ?? m.role}
              onChange={(val) => set('role', val ?? m.role)}
              error={e['role'] ?? e['educatorId']}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          onSubmit={async (v) => {
            const role = (v['role'] ?? m.role) as MemberRole;
            const r = await changeRole({ id: x.id, educatorId: m.educator.id, role });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.roleChanged);
              settle((data) => data.community?.members.find((y) => y.educator.id === m.educator.id && !y.leftOn)?.role === role);
            }
            return d;
          }}
        />
      ),
    });
  return (
    <DataTable
      caption={c.community.members}
      fileName="community-members"
      rows={x.members}
      rowKey={(m) => `${m.educator.id}-${m.since}`}
      empty={c.community.noMembers}
      columns={[
        { title: c.common.educator, value: who },
        { title: c.common.school, value: (m) => m.educator.organization?.name ?? null },
        { title: c.community.role, value: (m) => label('MemberRole', m.role) },
        { title: c.community.since, value: (m) => formatDate(m.since) },
        {
          title: c.community.left,
          value: (m) => (m.leftOn ? `${formatDate(m.leftOn)}${m.leftReason ? ` · ${label('LeaveReason', m.leftReason)}` : ''}` : null),
        },
        ...(x.canRun && x.status !== 'CLOSED'
          ? [
              {
                title: '',
                exported: false,
                value: () => null,
                render: (m: Community['members'][number]) =>
                  m.leftOn ? null : (
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="xs" variant="subtle" aria-label={`${c.community.changeRole}: ${who(m)}`} onClick={() => openRole(m)}>
                        {c.community.changeRole}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${c.community.remove}: ${who(m)}`}
                        onClick={async () => {
                          const r = await remove({ id: x.id, educatorId: m.educator.id });
                          if (report(r.error, c.community.removed))
                            settle((d) => !!d.community?.members.find((y) => y.educator.id === m.educator.id && y.since === m.since)?.leftOn);
                        }}
                      >
                        {c.community.remove}
                      </Button>
                    </Group>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
};

/** Whoever runs the community: the order, members and the head, start, reports, closure, its history. */
const RunActions = ({ x, manager, settle }: { x: Community; manager: boolean; settle: Settle }) => {
  const [, approve] = useMutation(APPROVE_COMMUNITY);
  const [, start] = useMutation(START_COMMUNITY);
  const [, close] = useMutation(CLOSE_COMMUNITY);
  const [, addMember] = useMutation(ADD_MEMBER);
  const [, submitReport] = useMutation(SUBMIT_COMMUNITY_REPORT);
  const [, extend] = useMutation(EXTEND_COMMUNITY);
  const [, addOrganization] = useMutation(ADD_COMMUNITY_ORGANIZATION);
  const network = manager && x.kind !== 'SCHOOL_ASSOCIATION' && x.status !== 'CLOSED';
  const [orgs] = useQuery({ query: ORGANIZATIONS, variables: { filter: { status: 'ACTIVE' }, first: 200 }, pause: !network });
  const openOrganization = () =>
    modals.open({
      title: c.community.addSchool,
      children: (
        <ModalForm
          submit={c.community.addSchool}
          fields={(v, set, e) => (
            <Select
              label={c.common.school}
              required
              searchable
              data={(orgs.data?.organizations.nodes ?? [])
                .filter((o) => !x.organizations.some((y) => y.id === o.id))
                .map((o) => ({ value: o.id, label: o.name }))}
              value={v['organizationId'] ?? null}
              onChange={(val) => set('organizationId', val ?? '')}
              error={e['organizationId']}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['organizationId']);
            if (missing) return missing;
            const organizationId = v['organizationId']!;
            const r = await addOrganization({ id: x.id, organizationId });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.schoolAdded);
              settle((data) => !!data.community?.organizations.some((o) => o.id === organizationId));
            }
            return d;
          }}
        />
      ),
    });
  const [educators] = useQuery({ query: EDUCATORS, variables: { filter: { status: 'ACTIVE' }, first: 200 }, pause: !x.canRun });
  const educatorOptions = (educators.data?.educators.nodes ?? []).map((e) => ({
    value: e.id,
    label: `${e.fullName ?? e.id} — ${e.position}${e.organization ? `, ${e.organization.name}` : ''}`,
  }));
  const status = (s: Community['status']) => (d: CommunityPageQuery) => d.community?.status === s;

  const openApprove = () =>
    modals.open({
      title: c.community.approve,
      children: (
        <ModalForm
          submit={c.community.approve}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.common.orderNumber}
                required
                value={v['number'] ?? ''}
                onChange={(ev) => set('number', ev.currentTarget.value)}
                error={e['number']}
                data-autofocus
              />
              <TextInput
                type="date"
                label={c.common.orderDate}
                required
                value={v['date'] ?? ''}
                onChange={(ev) => set('date', ev.currentTarget.value)}
                error={e['date']}
              />
              <TextInput
                label={c.common.orderIssuer}
                required
                value={v['issuer'] ?? ''}
                onChange={(ev) => set('issuer', ev.currentTarget.value)}
                error={e['issuer']}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer']);
            if (missing) return missing;
            const r = await approve({ id: x.id, order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() } });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.approved);
              settle(status('APPROVED'));
            }
            return d;
          }}
        />
      ),
    });
  const openAddMember = () =>
    modals.open({
      title: c.community.addMember,
      children: (
        <ModalForm
          submit={c.community.addMember}
          fields={(v, set, e) => (
            <>
              <Select
                label={c.community.pickEducator}
                required
                searchable
                data={educatorOptions}
                value={v['educatorId'] ?? null}
                onChange={(val) => set('educatorId', val ?? '')}
                error={e['educatorId']}
                comboboxProps={{ withinPortal: false }}
              />
              <Select
                label={c.community.role}
                required
                allowDeselect={false}
                data={ROLES.map((r) => ({ value: r, label: label('MemberRole', r) }))}
                value={v['role'] ?? 'MEMBER'}
                onChange={(val) => set('role', val ?? 'MEMBER')}
                error={e['role']}
                comboboxProps={{ withinPortal: false }}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['educatorId']);
            if (missing) return missing;
            const educatorId = v['educatorId']!;
            const role = (v['role'] ?? 'MEMBER') as MemberRole;
            const r = await addMember({ id: x.id, educatorId, role });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.memberAdded);
              settle((data) => !!data.community?.members.some((m) => m.educator.id === educatorId && !m.leftOn && m.role === role));
            }
            return d;
          }}
        />
      ),
    });
  const openClose = () =>
    modals.open({
      title: c.community.close,
      children: (
        <ModalForm
          submit={c.community.close}
          fields={(v, set, e) => (
            <>
              <Select
                label={c.community.closeReason}
                required
                allowDeselect={false}
                data={CLOSE_REASONS.map((r) => ({ value: r, label: label('CommunityCloseReason', r) }))}
                value={v['reason'] ?? null}
                onChange={(val) => set('reason', val ?? '')}
                error={e['reason']}
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                label={c.community.closeNote}
                value={v['note'] ?? ''}
                onChange={(ev) => set('note', ev.currentTarget.value)}
                error={e['note']}
                autosize
                minRows={2}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['reason']);
            if (missing) return missing;
            const r = await close({ id: x.id, reason: v['reason'] as CommunityCloseReason, note: v['note']?.trim() || null });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.closed);
              settle(status('CLOSED'));
            }
            return d;
          }}
        />
      ),
    });
  const openExtend = () =>
    modals.open({
      title: c.community.extend,
      children: (
        <ModalForm
          submit={c.community.extend}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.common.orderNumber}
                required
                value={v['number'] ?? ''}
                onChange={(ev) => set('number', ev.currentTarget.value)}
                error={e['number']}
                data-autofocus
              />
              <TextInput
                type="date"
                label={c.common.orderDate}
                required
                value={v['date'] ?? ''}
                onChange={(ev) => set('date', ev.currentTarget.value)}
                error={e['date']}
              />
              <TextInput
                label={c.common.orderIssuer}
                required
                value={v['issuer'] ?? ''}
                onChange={(ev) => set('issuer', ev.currentTarget.value)}
                error={e['issuer']}
              />
              <TextInput
                type="date"
                label={c.community.extendTo}
                required
                value={v['to'] ?? ''}
                onChange={(ev) => set('to', ev.currentTarget.value)}
                error={e['to']}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer', 'to']);
            if (missing) return missing;
            const to = v['to']!;
            const r = await extend({ id: x.id, order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() }, to });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.extended);
              settle((data) => data.community?.term?.to === to);
            }
            return d;
          }}
        />
      ),
    });
  const openReport = () =>
    modals.open({
      title: c.community.report,
      children: (
        <ModalForm
          submit={c.community.report}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.community.reportPeriod}
                required
                value={v['period'] ?? ''}
                onChange={(ev) => set('period', ev.currentTarget.value)}
                error={e['period']}
                data-autofocus
              />
              <Textarea
                label={c.community.summary}
                required
                value={v['summary'] ?? ''}
                onChange={(ev) => set('summary', ev.currentTarget.value)}
                error={e['summary']}
                autosize
                minRows={3}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['period', 'summary']);
            if (missing) return missing;
            const before = x.reports.length;
            const r = await submitReport({ id: x.id, period: v['period']!.trim(), summary: v['summary']!.trim() });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.reportSubmitted);
              settle((data) => (data.community?.reports.length ?? 0) > before);
            }
            return d;
          }}
        />
      ),
    });

  return (
    <Group gap="xs" wrap="wrap">
      {manager && x.status === 'PROPOSED' && <Button onClick={openApprove}>{c.community.approve}</Button>}
      {x.status !== 'CLOSED' && (
        <Button variant="light" onClick={openAddMember}>
          {c.community.addMember}
        </Button>
      )}
      {manager && x.status === 'APPROVED' && (
        <Button
          onClick={async () => {
            const r = await start({ id: x.id });
            if (report(r.error, c.community.started)) settle(status('ACTIVE'));
          }}
        >
          {c.community.start}
        </Button>
      )}
      {x.status === 'ACTIVE' && (
        <Button variant="light" onClick={openReport}>
          {c.community.report}
        </Button>
      )}
      {network && (
        <Button variant="light" onClick={openOrganization}>
          {c.community.addSchool}
        </Button>
      )}
      {x.status === 'ACTIVE' && (
        <Button variant="light" component={Link} to={`/communities/${encodeURIComponent(x.id)}/events/new`}>
          {c.community.holdEvent}
        </Button>
      )}
      {manager && x.status === 'ACTIVE' && x.term && (
        <Button variant="light" onClick={openExtend}>
          {c.community.extend}
        </Button>
      )}
      {manager && x.status !== 'CLOSED' && (
        <Button variant="light" color="red" onClick={openClose}>
          {c.community.close}
        </Button>
      )}
      <HistoryButton title={x.name} query={COMMUNITY_HISTORY} variables={{ id: x.id }} pick={(d) => d.community?.history} />
    </Group>
  );
};

/** Discussion threads (members and whoever runs the community); a member starts one. */
const Discussions = ({ x, settle, member }: { x: Community; settle: Settle; member: boolean }) => {
  const [, startThread] = useMutation(START_THREAD);
  const openNew = () =>
    modals.open({
      title: c.community.newThread,
      size: 'lg',
      children: (
        <ModalForm
          submit={c.community.newThread}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.community.threadTitle}
                required
                value={v['title'] ?? ''}
                onChange={(ev) => set('title', ev.currentTarget.value)}
                error={e['title']}
                data-autofocus
              />
              <Textarea
                label={c.community.firstPost}
                description={c.community.noPersonalData}
                required
                value={v['text'] ?? ''}
                onChange={(ev) => set('text', ev.currentTarget.value)}
                error={e['text']}
                autosize
                minRows={3}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['title', 'text']);
            if (missing) return missing;
            const r = await startThread({ id: x.id, title: v['title']!.trim(), text: v['text']!.trim() });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.threadStarted);
              const id = r.data!.startCommunityThread.id;
              settle((data) => !!data.community?.threads?.some((th) => th.id === id));
            }
            return d;
          }}
        />
      ),
    });
  return (
    <section aria-labelledby="discussions">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="discussions">
          {c.community.discussions}
        </Title>
        {(member || x.canRun) && x.status !== 'CLOSED' && (
          <Button size="xs" variant="light" onClick={openNew}>
            {c.community.newThread}
          </Button>
        )}
      </Group>
      <DataTable
        caption={c.community.discussions}
        fileName="community-threads"
        rows={x.threads ?? []}
        rowKey={(th) => th.id}
        empty={c.community.noThreads}
        columns={[
          {
            title: c.community.threadTitle,
            value: (th) => th.title,
            render: (th) => (
              <Anchor component={Link} to={`/communities/${encodeURIComponent(x.id)}/threads/${encodeURIComponent(th.id)}`}>
                {th.title}
              </Anchor>
            ),
          },
          { title: c.community.posts, value: (th) => th.posts },
          { title: c.community.lastPost, value: (th) => formatDateTime(th.lastPostAt) },
          { title: c.common.status, value: (th) => label('ThreadStatus', th.status) },
        ]}
      />
    </section>
  );
};

/** A working group's tasks with owners and deadlines, overdue ones marked; whoever runs it sets tasks and marks them done. */
const Tasks = ({ x, settle }: { x: Community; settle: Settle }) => {
  const [, setTask] = useMutation(SET_GROUP_TASK);
  const [, complete] = useMutation(COMPLETE_GROUP_TASK);
  const members = x.members.filter((m) => !m.leftOn).map((m) => ({ value: m.educator.id, label: m.educator.fullName ?? m.educator.id }));
  const running = x.canRun && x.status !== 'CLOSED';
  const openNew = () =>
    modals.open({
      title: c.community.addTask,
      children: (
        <ModalForm
          submit={c.community.addTask}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={c.community.taskTitle}
                required
                value={v['title'] ?? ''}
                onChange={(ev) => set('title', ev.currentTarget.value)}
                error={e['title']}
                data-autofocus
              />
              <Select
                label={c.community.owner}
                required
                searchable
                data={members}
                value={v['ownerId'] ?? null}
                onChange={(val) => set('ownerId', val ?? '')}
                error={e['ownerId']}
                comboboxProps={{ withinPortal: false }}
              />
              <TextInput
                type="date"
                label={c.community.dueOn}
                required
                value={v['dueOn'] ?? ''}
                onChange={(ev) => set('dueOn', ev.currentTarget.value)}
                error={e['dueOn']}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['title', 'ownerId', 'dueOn']);
            if (missing) return missing;
            const title = v['title']!.trim();
            const r = await setTask({ id: x.id, title, ownerId: v['ownerId']!, dueOn: v['dueOn']! });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.community.taskAdded);
              settle((data) => !!data.community?.tasks.some((task) => task.title === title));
            }
            return d;
          }}
        />
      ),
    });
  type Task = Community['tasks'][number];
  return (
    <section aria-labelledby="tasks">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="tasks">
          {c.community.tasks}
        </Title>
        {running && (
          <Button size="xs" variant="light" onClick={openNew}>
            {c.community.addTask}
          </Button>
        )}
      </Group>
      <DataTable
        caption={c.community.tasks}
        fileName="community-tasks"
        rows={x.tasks}
        rowKey={(task) => task.taskId}
        empty={c.community.noTasks}
        columns={[
          { title: c.common.title, value: (task) => task.title },
          { title: c.community.owner, value: (task) => task.owner.fullName ?? task.owner.id },
          { title: c.community.dueOn, value: (task) => formatDate(task.dueOn) },
          {
            title: c.common.status,
            value: (task) => (task.doneOn ? c.community.doneOn(formatDate(task.doneOn)) : task.overdue ? c.community.overdue : c.community.inWork),
            render: (task) =>
              task.doneOn ? (
                <Badge color="green">{c.community.doneOn(formatDate(task.doneOn))}</Badge>
              ) : task.overdue ? (
                <Badge color="red">{c.community.overdue}</Badge>
              ) : (
                c.community.inWork
              ),
          },
          ...(running
            ? [
                {
                  title: '',
                  exported: false,
                  value: () => null,
                  render: (task: Task) =>
                    task.doneOn ? null : (
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`${c.community.complete}: ${task.title}`}
                        onClick={async () => {
                          const r = await complete({ id: x.id, taskId: task.taskId });
                          if (report(r.error, c.community.completed)) settle((d) => !!d.community?.tasks.find((y) => y.taskId === task.taskId)?.doneOn);
                        }}
                      >
                        {c.community.complete}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
};
