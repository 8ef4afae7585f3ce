import { Badge, Button, Card, Group, SimpleGrid, Stack, Tabs, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconBan, IconEdit, IconSettings } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/errors';
import { useSession } from '../../auth/session';
import type { OrganiserStageQuery } from '../../gql/graphql';
import { formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { gradesText, Settings, toPercent } from './contests-helpers';
import { Fact, groupText, ReasonForm, report, StageFacts, stageLine, stagesBase, studentName, useParam } from './contests-ui';
import { JuryTab } from './JuryTab';
import { WorksTab } from './StageWorksTab';
import { CANCEL_STAGE, ORGANISER_STAGE, STAGE_ENTRIES, STAGE_HISTORY } from './operations';
import { AdmissionTab, PassingTab } from './PassingTab';
import { SettingsForm, StageForm } from './StageForm';

const s = t.contests.stage;
const c = t.contests.common;
const set = t.contests.settings;
type Stage = NonNullable<OrganiserStageQuery['olympiadStage']>;
const TABS = ['overview', 'jury', 'works', 'entries', 'passing', 'admission'] as const;
type Tab = (typeof TABS)[number];

/** Whether the signed-in person organises this stage (the API decides; this only hides buttons they could not use). */
const organises = (stage: { organiser: string }, claims: { role: string; municipalityId: string | null } | undefined) =>
  stage.organiser === 'region' ? claims?.role === 'regional_operator' : claims?.role === 'municipal_methodologist' && claims.municipalityId === stage.organiser;

const Overview = ({ stage, canEdit, onChange }: { stage: Stage; canEdit: boolean; onChange: () => void }) => {
  const st = stage.settings;
  return (
    <Stack gap="md">
      <Card withBorder>
        <StageFacts stage={stage} />
      </Card>
      <DataTable
        caption={s.groupsCaption}
        fileName={`groups-${stage.id}`}
        rows={stage.groups}
        rowKey={(g) => g.groupId}
        empty="—"
        columns={[
          { title: c.group, value: (g) => g.groupId },
          { title: c.grades, value: (g) => gradesText(g.grades) },
          { title: s.tasksCount, value: (g) => g.tasks.length },
          { title: t.contests.stageForm.maxPoints, value: (g) => g.tasks.map((x) => `${x.taskId}: ${formatNumber(x.maxPoints)}`).join('; ') },
          { title: c.maxScore, value: (g) => g.maxScore },
        ]}
      />
      {st && (
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {s.settingsCaption}
            </Title>
            {canEdit && stage.status === 'SCHEDULED' && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconSettings size={14} aria-hidden />}
                onClick={() =>
                  modals.open({ title: set.title, size: 'xl', children: <SettingsForm stageId={stage.id} settings={st as Settings} onDone={onChange} /> })
                }
              >
                {set.edit}
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
            <Fact label={set.scoringMode} value={label('ScoringMode', st.scoringMode)} />
            <Fact label={set.agreeingFinal} value={st.scoringMode === 'DOUBLE' ? label('AgreeingFinal', st.agreeingFinal) : '—'} />
            <Fact label={set.awardedPercent} value={`${formatNumber(toPercent(st.quotas.awardedShare))} %`} />
            <Fact label={set.winnerPercent} value={`${formatNumber(toPercent(st.quotas.winnerShare))} %`} />
            <Fact label={set.minScorePercent} value={`${formatNumber(toPercent(st.quotas.minScoreShare))} %`} />
            <Fact label={set.tieRule} value={label('TieRule', st.quotas.tieRule)} />
            <Fact label={set.consentLeadWorkingDays} value={st.consentLeadWorkingDays} />
            <Fact label={set.appealDays} value={st.appealDays} />
            <Fact label={set.holidays} value={st.holidays.length ? st.holidays.join(', ') : '—'} />
          </SimpleGrid>
        </Card>
      )}
    </Stack>
  );
};

/** Every entry of the stage within the organiser's reach, with the codes issued. */
const Entries = ({ stage }: { stage: Stage }) => {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: STAGE_ENTRIES, variables: { stageId: stage.id } });
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  return (
    <DataTable
      caption={s.entriesCaption}
      fileName={`entries-${stage.id}`}
      rows={data?.olympiadStage?.entries ?? []}
      loading={fetching}
      rowKey={(e) => e.id}
      empty={s.entriesEmpty}
      columns={[
        { title: c.student, value: (e) => studentName(e.student) },
        { title: c.school, value: (e) => e.school.name },
        { title: c.grade, value: (e) => e.grade },
        { title: c.group, value: (e) => groupText(stage.groups, e.groupId) },
        { title: c.code, value: (e) => e.code ?? null },
        {
          title: c.status,
          value: (e) => label('EntryStatus', e.status),
          render: (e) => <Badge color={e.status === 'ENTERED' ? 'blue' : 'gray'}>{label('EntryStatus', e.status)}</Badge>,
        },
      ]}
    />
  );
};

/**
 * A stage for its organiser (and the operator, who reads every stage): the plan and settings, the
 * jury with conflicts, works and protocols, entries, passing scores and the admission list, each a
 * tab named in the address (`?tab=jury`).
 */
export const StagePage = () => {
  const { municipalityId, stageId = '' } = useParams();
  const { session } = useSession();
  const [params, setParam] = useParam();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ORGANISER_STAGE, variables: { stageId } });
  const [, cancel] = useMutation(CANCEL_STAGE);
  const base = stagesBase(municipalityId);
  const back = (
    <Button variant="default" component={Link} to={base} leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {t.contests.stages.back}
    </Button>
  );
  const stage = data?.olympiadStage;
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !stage) return <LoadingRows rows={8} />;
  if (!stage) return <ErrorNotice error={new Error(c.notFound)} />;
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const canEdit = organises(stage, session?.claims);
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'overview';
  const active = stage.status === 'SCHEDULED';

  return (
    <Page
      title={stage.title}
      intro={stageLine(stage)}
      actions={
        <>
          {back}
          <HistoryButton title={stage.title} query={STAGE_HISTORY} variables={{ id: stage.id }} pick={(d) => d.olympiadStage?.history} />
          {canEdit && active && (
            <>
              <Button
                variant="light"
                leftSection={<IconEdit size={16} aria-hidden />}
                onClick={() =>
                  modals.open({
                    title: t.contests.stageForm.editTitle,
                    size: 'xl',
                    children: <StageForm levels={[stage.level]} existing={stage} onDone={reload} />,
                  })
                }
              >
                {s.editPlan}
              </Button>
              <Button
                variant="light"
                color="red"
                leftSection={<IconBan size={16} aria-hidden />}
                onClick={() =>
                  modals.open({
                    title: s.cancelTitle,
                    children: (
                      <ReasonForm
                        label={s.cancelReason}
                        submit={s.cancel}
                        danger
                        field="reason"
                        onSubmit={async (reason) => {
                          const d = describeError((await cancel({ input: { stageId: stage.id, reason } })).error);
                          if (!d) {
                            modals.closeAll();
                            report(undefined, s.cancelledDone);
                            reload();
                          }
                          return d;
                        }}
                      />
                    ),
                  })
                }
              >
                {s.cancel}
              </Button>
            </>
          )}
        </>
      }
    >
      <Tabs value={tab} onChange={(v) => setParam('tab', v === 'overview' ? null : v)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {s.tabs[x]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview stage={stage} canEdit={canEdit} onChange={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="jury" pt="md">
          <JuryTab stage={stage} canEdit={canEdit} onChange={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="works" pt="md">
          <WorksTab stage={stage} base={base} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="entries" pt="md">
          <Entries stage={stage} />
        </Tabs.Panel>
        <Tabs.Panel value="passing" pt="md">
          <PassingTab stage={stage} canEdit={canEdit && active} onChange={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="admission" pt="md">
          <AdmissionTab stage={stage} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
};
