import { Button, Checkbox, Group, Stack, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery } from 'urql';
import type { MyJuryAppealsQuery, MyJuryDutiesQuery } from '../../gql/graphql';
import { label, t } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { AppealDecisionForm } from './AppealDecisionForm';
import { AppealsTable } from './AppealsTable';
import { groupText, ProtocolBadge, useParam } from './contests-ui';
import { MY_JURY_APPEALS, MY_JURY_DUTIES } from './operations';

const j = t.contests.juror;
const a = t.contests.appeals;
const c = t.contests.common;
type JuryAppeal = MyJuryAppealsQuery['myJuryAppeals'][number];
type Duty = MyJuryDutiesQuery['myJuryDuties'][number];

/** The appeals of one grade group, by code only; deciding one shows its effect on the whole group first. */
const GroupAppeals = ({ appeals, duty, onDecided }: { appeals: JuryAppeal[]; duty: Duty | undefined; onDecided: () => void }) => {
  const first = appeals[0]!;
  const stageTitle = duty ? `${duty.stage.title} (${label('StageLevel', duty.stage.level)})` : first.stageId;
  const caption = j.appealsOf(stageTitle, groupText(duty?.stage.groups, first.groupId));
  const byId = new Map(appeals.map((x) => [x.appeal.id, x]));
  return (
    <Stack gap="xs" data-testid={`jury-appeals-${first.partitionId}`}>
      <Group gap="sm">
        <Title order={2} size="h4">
          {caption}
        </Title>
        <ProtocolBadge status={first.protocolStatus} />
      </Group>
      <AppealsTable
        caption={caption}
        fileName={`appeals-${first.partitionId}`}
        appeals={appeals.map((x) => x.appeal)}
        actions={(x) => {
          const it = byId.get(x.id)!;
          return (
            !x.decided &&
            it.protocolStatus !== 'FINAL' && (
              <Button
                size="xs"
                aria-label={`${a.decide}: ${x.code}, ${c.task(x.taskId)}`}
                onClick={() =>
                  modals.open({
                    title: a.decideTitle(x.code, x.taskId),
                    size: 'lg',
                    children: (
                      <AppealDecisionForm
                        partitionId={it.partitionId}
                        appeal={x}
                        maxPoints={it.maxPoints}
                        current={it.currentScore ?? null}
                        onDone={onDecided}
                      />
                    ),
                  })
                }
              >
                {a.decide}
              </Button>
            )
          );
        }}
      />
    </Stack>
  );
};

/**
 * The appeal commission's appeals (`myJuryAppeals`): every appeal on the published protocols of
 * the stages where the juror sits on the commission or chairs the jury, grouped by grade group and
 * named by the juror's duties; the API decides who may decide.
 */
export const JuryAppealsPage = () => {
  const [params, set] = useParam();
  const showDecided = params.get('decided') === '1';
  const [appeals, reexecute] = useQuery({ query: MY_JURY_APPEALS, variables: {}, requestPolicy: 'cache-and-network' });
  const [duties] = useQuery({ query: MY_JURY_DUTIES });
  const shown = (appeals.data?.myJuryAppeals ?? []).filter((x) => showDecided || !x.appeal.decided);
  const groups = new Map<string, JuryAppeal[]>();
  for (const x of shown) groups.set(x.partitionId, [...(groups.get(x.partitionId) ?? []), x]);
  const dutyOf = (stageId: string) => duties.data?.myJuryDuties.find((d) => d.stage.id === stageId);
  const commission = (duties.data?.myJuryDuties ?? []).some((d) => d.appealCommission);
  const error = appeals.error ?? duties.error;

  return (
    <Page title={j.appealsTitle} intro={j.appealsIntro}>
      <Checkbox label={j.showDecided} checked={showDecided} onChange={(e) => set('decided', e.currentTarget.checked ? '1' : null)} />
      {error && <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {appeals.fetching && !appeals.data ? (
        <LoadingRows rows={4} />
      ) : groups.size ? (
        <Stack gap="lg">
          {[...groups.values()].map((g) => (
            <GroupAppeals key={g[0]!.partitionId} appeals={g} duty={dutyOf(g[0]!.stageId)} onDecided={() => reexecute({ requestPolicy: 'network-only' })} />
          ))}
        </Stack>
      ) : (
        <EmptyState>{duties.data && !commission ? j.notOnCommission : j.appealsEmpty}</EmptyState>
      )}
    </Page>
  );
};
