import { Anchor, Badge, Button, Group, Select, Textarea, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { formatDate, formatDateTime } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { c, describe, report } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import { COMPLETE_GROUP_TASK, SET_GROUP_TASK, START_THREAD } from './operations';
import { Community, Settle } from './community-page.shared';

export const Discussions = ({ x, settle, member }: { x: Community; settle: Settle; member: boolean }) => {
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
export const Tasks = ({ x, settle }: { x: Community; settle: Settle }) => {
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
