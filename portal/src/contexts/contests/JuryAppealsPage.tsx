import { Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { formatDateTime, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { AppealDecisionForm } from './AppealDecisionForm';
import { AppealsTable } from './AppealsTable';
import { academicYearOf } from './contests-helpers';
import { ProtocolBadge, useParam } from './contests-ui';
import { JURY_DUTIES, JURY_PARTITION_APPEALS, JURY_STAGE_TITLES, MY_JURY_WORKS } from './operations';

const j = t.contests.juror;
const a = t.contests.appeals;
const c = t.contests.common;

/** One grade group's appeals for the commission: by code only; deciding one shows its effect first. */
const PartitionAppeals = ({
  partitionId,
  stageTitle,
  maxPoints,
  showDecided,
  onShown,
}: {
  partitionId: string;
  stageTitle: (stageId: string) => string;
  maxPoints: (taskId: string) => number | null;
  showDecided: boolean;
  /** How many appeals it shows (the page says so when none of its groups has any). */
  onShown: (partitionId: string, n: number) => void;
}) => {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: JURY_PARTITION_APPEALS, variables: { id: partitionId } });
  const shownCount = (data?.olympiadPartition?.appeals ?? []).filter((x) => showDecided || !x.decided).length;
  useEffect(() => onShown(partitionId, shownCount), [onShown, partitionId, shownCount]);
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <LoadingRows rows={2} />;
  const p = data?.olympiadPartition;
  if (!p) return null;
  const appeals = p.appeals.filter((x) => showDecided || !x.decided);
  if (!appeals.length) return null;
  const caption = j.appealsOf(stageTitle(p.stageId), `${c.group} ${p.groupId}`);
  return (
    <Stack gap="xs" data-testid={`jury-appeals-${p.groupId}`}>
      <Group gap="sm">
        <Title order={2} size="h4">
          {caption}
        </Title>
        <ProtocolBadge status={p.status} />
        {p.appealsUntil && (
          <Text size="sm" c="dimmed">
            {c.appealsUntil} {formatDateTime(p.appealsUntil)}
          </Text>
        )}
      </Group>
      <AppealsTable
        caption={caption}
        fileName={`appeals-${p.id}`}
        appeals={appeals}
        actions={(x) =>
          !x.decided &&
          p.status !== 'FINAL' && (
            <Button
              size="xs"
              aria-label={`${a.decide}: ${x.code}, ${c.task(x.taskId)}`}
              onClick={() =>
                modals.open({
                  title: a.decideTitle(x.code, x.taskId),
                  size: 'lg',
                  children: (
                    <AppealDecisionForm
                      partitionId={p.id}
                      appeal={x}
                      maxPoints={maxPoints(x.taskId)}
                      current={null}
                      onDone={() => reexecute({ requestPolicy: 'network-only' })}
                    />
                  ),
                })
              }
            >
              {a.decide}
            </Button>
          )
        }
      />
    </Stack>
  );
};

/**
 * The appeal commission's appeals: the grade groups of the stages whose jury lists the juror (the
 * groups of their works, and for an educator juror their jury duties), each with the appeals
 * waiting for a decision. The API decides who may decide.
 */
export const JuryAppealsPage = () => {
  const { session } = useSession();
  const educatorId = session?.claims.educatorId ?? null;
  const [params, set] = useParam();
  const showDecided = params.get('decided') === '1';
  const [works] = useQuery({ query: MY_JURY_WORKS, variables: {} });
  const [duties] = useQuery({ query: JURY_DUTIES, variables: { educatorId: educatorId ?? '' }, pause: !educatorId });
  const [titles] = useQuery({ query: JURY_STAGE_TITLES, variables: { academicYear: academicYearOf(regionToday()) } });
  const partitionIds = [
    ...new Set([
      ...(works.data?.myJuryWorks ?? []).map((w) => w.partitionId),
      ...(duties.data?.educator?.juryDuties ?? []).flatMap((s) => s.partitions.map((p) => p.id)),
    ]),
  ];
  const stageTitle = (stageId: string) => {
    const st = titles.data?.olympiadStages.find((x) => x.id === stageId) ?? duties.data?.educator?.juryDuties.find((x) => x.id === stageId);
    return st ? `${st.title} (${label('StageLevel', st.level)})` : stageId;
  };
  const maxPoints = (partitionId: string) => (taskId: string) =>
    works.data?.myJuryWorks.find((w) => w.partitionId === partitionId)?.tasks.find((x) => x.taskId === taskId)?.maxPoints ?? null;
  const loading = (works.fetching && !works.data) || (duties.fetching && !duties.data);
  const [shown, setShown] = useState<Record<string, number>>({});
  const [onShown] = useState(() => (id: string, n: number) => setShown((x) => (x[id] === n ? x : { ...x, [id]: n })));
  const none = partitionIds.every((id) => shown[id] === 0);

  return (
    <Page title={j.appealsTitle} intro={j.appealsIntro}>
      <Checkbox label={j.showDecided} checked={showDecided} onChange={(e) => set('decided', e.currentTarget.checked ? '1' : null)} />
      {works.error && <ErrorNotice error={works.error} />}
      {loading ? (
        <LoadingRows rows={4} />
      ) : partitionIds.length ? (
        <Stack gap="lg">
          {partitionIds.map((id) => (
            <PartitionAppeals key={id} partitionId={id} stageTitle={stageTitle} maxPoints={maxPoints(id)} showDecided={showDecided} onShown={onShown} />
          ))}
          {none && <EmptyState>{j.appealsEmpty}</EmptyState>}
        </Stack>
      ) : (
        <EmptyState>{j.appealsEmpty}</EmptyState>
      )}
    </Page>
  );
};
