import { Alert, Badge, Button, Card, Checkbox, Group, NumberInput, Progress, Select, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/errors';
import type { MyJuryWorksQuery } from '../../gql/graphql';
import { label, t } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { scoreChanges, waitsForMe } from './contests-helpers';
import { useParam } from './contests-ui';
import { MY_JURY_DUTIES, MY_JURY_WORKS, RECORD_SCORE } from './operations';

const j = t.contests.juror;
type Work = MyJuryWorksQuery['myJuryWorks'][number];

/**
 * One work, by its code only: a score per task, third checks marked; the changed scores are sent
 * task by task, and each refusal shows at its task.
 */
const WorkCard = ({ work, onSaved }: { work: Work; onSaved: () => void }) => {
  const [typed, setTyped] = useState<Record<string, string | number>>(() => Object.fromEntries(work.tasks.map((task) => [task.taskId, task.myScore ?? ''])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [, record] = useMutation(RECORD_SCORE);
  const waiting = waitsForMe(work);

  const save = async () => {
    const { send, problems } = scoreChanges(work.tasks, typed);
    const found: Record<string, string> = Object.fromEntries(
      Object.entries(problems).map(([taskId, p]) => [
        taskId,
        p === 'NUMBER' ? t.contests.common.notANumber : t.contests.common.outOfRange(work.tasks.find((x) => x.taskId === taskId)!.maxPoints),
      ]),
    );
    if (!send.length && !Object.keys(found).length) {
      setErrors({});
      return notifications.show({ message: j.nothingToSave });
    }
    setBusy(true);
    let saved = 0;
    for (const s of send) {
      const r = await record({ input: { code: work.code, taskId: s.taskId, score: s.score } });
      const d = describeError(r.error);
      if (d) found[s.taskId] = Object.values(d.fields)[0] ?? d.message;
      else saved++;
    }
    setBusy(false);
    setErrors(found);
    if (saved) {
      notifications.show({ color: 'green', message: j.saved(work.code) });
      onSaved();
    }
  };

  return (
    <Card withBorder padding="sm" data-testid={`work-${work.code}`} style={waiting ? { borderColor: 'var(--mantine-color-blue-6)' } : undefined}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          <Group justify="space-between">
            <Text ff="monospace" fw={700} fz="lg">
              {work.code}
            </Text>
            {waiting ? (
              <Badge color="blue">{j.waiting}</Badge>
            ) : (
              <Badge color="green" leftSection={<IconCheck size={12} aria-hidden />}>
                {j.done}
              </Badge>
            )}
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs">
            {work.tasks.map((task) => (
              <Stack key={task.taskId} gap={2}>
                <NumberInput
                  label={t.contests.common.task(task.taskId)}
                  description={j.of(task.maxPoints)}
                  aria-label={j.scoreOf(work.code, task.taskId, task.maxPoints)}
                  min={0}
                  max={task.maxPoints}
                  decimalScale={2}
                  decimalSeparator=","
                  value={typed[task.taskId]}
                  onChange={(v) => setTyped({ ...typed, [task.taskId]: v })}
                  error={errors[task.taskId]}
                  styles={task.thirdCheck ? { input: { borderColor: 'var(--mantine-color-orange-7)', borderWidth: 2 } } : undefined}
                />
                {task.thirdCheck && (
                  <Tooltip label={j.thirdCheckHint}>
                    <Badge color="orange" leftSection={<IconAlertTriangle size={12} aria-hidden />} tabIndex={0} data-testid="third-check">
                      {j.thirdCheck}
                    </Badge>
                  </Tooltip>
                )}
              </Stack>
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={busy} aria-label={j.saveFor(work.code)}>
              {j.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
};

/** The juror's works: by code only, across the stages whose jury lists them; the stage, a code search and "waiting only" in the address. */
export const MyWorksPage = () => {
  const [params, set] = useParam();
  const stageId = params.get('stage');
  const search = params.get('code') ?? '';
  const pendingOnly = params.get('pending') === '1';
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MY_JURY_WORKS, variables: stageId ? { stageId } : {}, requestPolicy: 'cache-and-network' });
  // The stages whose jury lists the juror name the filter, whichever year they belong to.
  const [duties] = useQuery({ query: MY_JURY_DUTIES });
  const all = data?.myJuryWorks ?? [];
  const stageIds = [...new Set(all.map((w) => w.stageId).concat(stageId ? [stageId] : []))];
  const titleOf = (id: string) => {
    const st = duties.data?.myJuryDuties.find((x) => x.stage.id === id)?.stage;
    return st ? `${st.title} (${label('StageLevel', st.level)})` : id;
  };
  const works = all
    .filter((w) => !search.trim() || w.code.toLowerCase().includes(search.trim().toLowerCase()))
    .filter((w) => !pendingOnly || waitsForMe(w))
    .sort((a, b) => Number(waitsForMe(b)) - Number(waitsForMe(a)) || a.code.localeCompare(b.code));
  const done = all.filter((w) => !waitsForMe(w)).length;
  const reload = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <Page title={j.title} intro={j.intro}>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={j.stageFilter}
          placeholder={t.contests.common.all}
          clearable
          data={stageIds.map((id) => ({ value: id, label: titleOf(id) }))}
          value={stageId}
          onChange={(v) => set('stage', v)}
          w={360}
        />
        <TextInput label={j.search} value={search} onChange={(e) => set('code', e.currentTarget.value || null)} w={200} />
        <Checkbox label={j.pendingOnly} checked={pendingOnly} onChange={(e) => set('pending', e.currentTarget.checked ? '1' : null)} mb={8} />
      </Group>
      {all.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" role="status" aria-live="polite" data-testid="works-progress">
            {j.progress(done, all.length)}
          </Text>
          <Progress value={(done / all.length) * 100} aria-label={j.progress(done, all.length)} />
        </Stack>
      )}
      {error ? (
        <ErrorNotice error={error} onRetry={reload} />
      ) : fetching && !data ? (
        <LoadingRows rows={6} />
      ) : !works.length ? (
        <EmptyState>{all.length ? j.emptyFiltered : j.empty}</EmptyState>
      ) : (
        <Stack gap="sm">
          {works.some((w) => w.tasks.some((x) => x.thirdCheck)) && <Alert color="orange">{j.thirdCheckHint}</Alert>}
          {works.map((w) => (
            <WorkCard key={`${w.partitionId}-${w.code}`} work={w} onSaved={reload} />
          ))}
        </Stack>
      )}
    </Page>
  );
};
