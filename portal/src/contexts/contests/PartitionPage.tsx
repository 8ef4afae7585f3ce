import { Alert, Button, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconCircleCheck, IconEye, IconSend } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useCatchUp } from '../../ui/use-catch-up';
import { describeError } from '../../api/errors';
import { useSession } from '../../auth/session';
import type { OrganiserStageQuery, ProtocolRowFieldsFragment, QuotaSettingsInput } from '../../gql/graphql';
import { formatDateTime, formatNumber, formatShare } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { AppealDecisionForm } from './AppealDecisionForm';
import { AppealsTable } from './AppealsTable';
import { WorkAuditTable } from './WorkAuditTable';
import { DEFAULT_SETTINGS, jurorLabel, Settings, settingsDraft, settingsFromDraft, taskScoreOf } from './contests-helpers';
import { confirm, groupText, placeName, ProtocolBadge, ProtocolTable, ReasonForm, report, stagesBase, useParam } from './contests-ui';
import {
  APPROVE_FINAL,
  CHANGE_STAGE_SETTINGS,
  DISQUALIFY_WORK,
  ORGANISER_STAGE,
  PARTITION,
  PARTITION_ASSIGNMENTS,
  PARTITION_DRAFT,
  PARTITION_HISTORY,
  PUBLISH_PRELIMINARY,
  QUOTA_PREVIEW,
} from './operations';
import { SettingsFields } from './StageForm';

const p = t.contests.partition;
const q = t.contests.quotas;
const c = t.contests.common;
type Stage = NonNullable<OrganiserStageQuery['olympiadStage']>;
const TABS = ['draft', 'quotas', 'protocol', 'appeals', 'assignments'] as const;
type Tab = (typeof TABS)[number];

/** The protocol as it would be now: every work ranked, works still waiting for scores, and each juror's agreement with the finals. */
const Draft = ({
  stage,
  partitionId,
  tasks,
  disqualify,
}: {
  stage: Stage;
  partitionId: string;
  tasks: { taskId: string }[];
  disqualify?: (row: ProtocolRowFieldsFragment) => void;
}) => {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PARTITION_DRAFT, variables: { partitionId }, requestPolicy: 'network-only' });
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <LoadingRows rows={6} />;
  const d = data?.olympiadPartitionDraft;
  if (!d) return null;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {p.draftIntro}
      </Text>
      <Alert color={d.incomplete.length ? 'yellow' : 'green'} role="status" data-testid="draft-incomplete">
        {d.incomplete.length ? p.incomplete(d.incomplete.length, d.incomplete.slice(0, 20).join(', ') + (d.incomplete.length > 20 ? ', …' : '')) : p.complete}
      </Alert>
      <ProtocolTable
        caption={p.draftCaption}
        fileName={`protocol-draft-${partitionId}`}
        rows={d.rows}
        tasks={tasks}
        empty={p.draftEmpty}
        actions={
          disqualify &&
          ((row) => (
            <Button size="xs" variant="subtle" color="red" onClick={() => disqualify(row)} aria-label={`${p.disqualify}: ${row.code}`}>
              {p.disqualify}
            </Button>
          ))
        }
      />
      <Stack gap="xs">
        <Title order={2} size="h4">
          {p.agreement}
        </Title>
        <Text size="sm" c="dimmed">
          {p.agreementHint}
        </Text>
        <DataTable
          caption={p.agreement}
          fileName={`juror-agreement-${partitionId}`}
          rows={d.agreement}
          rowKey={(x) => x.jurorId}
          empty={p.agreementEmpty}
          columns={[
            { title: p.juror, value: (x) => jurorLabel(stage.jury, x.jurorId) },
            { title: p.scored, value: (x) => x.scored },
            { title: p.meanDeviation, value: (x) => x.meanDeviation },
            { title: p.thirdChecks, value: (x) => x.thirdChecksTriggered },
            { title: p.thirdCheckShare, value: (x) => formatShare(x.thirdCheckShare) },
          ]}
        />
      </Stack>
    </Stack>
  );
};

/** What-if quotas: the four settings in a form, then the counts per municipality and school and where ties cut; saved to the stage on request. */
const Quotas = ({ stage, partitionId, canEdit, onSaved }: { stage: Stage; partitionId: string; canEdit: boolean; onSaved: () => void }) => {
  const settings = (stage.settings as Settings | null) ?? DEFAULT_SETTINGS;
  const [draft, setDraft] = useState(settingsDraft(settings));
  const [asked, setAsked] = useState<QuotaSettingsInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [, change] = useMutation(CHANGE_STAGE_SETTINGS);
  const [{ data, fetching, error }] = useQuery({ query: QUOTA_PREVIEW, variables: { partitionId, quotas: asked! }, pause: !asked });
  const read = () => {
    const { settings: next, problems } = settingsFromDraft(draft);
    const quotaProblems = Object.fromEntries(
      Object.entries(problems)
        .filter(([k]) => k.startsWith('quotas.'))
        .map(([k, v]) => [k, v === 'aboveAwarded' ? t.contests.settings.aboveAwarded : t.contests.settings.percentRange]),
    );
    setErrors(quotaProblems);
    return Object.keys(quotaProblems).length ? null : next.quotas;
  };
  const v = data?.olympiadQuotaPreview;
  const countColumns = (who: string) => [
    { title: who, value: placeName },
    { title: c.winners, value: (r: { winners: number }) => r.winners },
    { title: c.prizeWinners, value: (r: { prizeWinners: number }) => r.prizeWinners },
    { title: c.participants, value: (r: { participants: number }) => r.participants },
  ];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {q.intro}
      </Text>
      <Card withBorder>
        <Stack>
          <SettingsFields draft={draft} onChange={setDraft} errors={errors} quotasOnly />
          <Group>
            <Button leftSection={<IconEye size={16} aria-hidden />} onClick={() => setAsked(read())}>
              {q.preview}
            </Button>
            {canEdit && (
              <Button
                variant="light"
                onClick={async () => {
                  const quotas = read();
                  if (!quotas) return;
                  // A plain copy of the stage's settings (what the API answered carries no input's shape), the quotas replaced.
                  const r = await change({ input: { stageId: stage.id, settings: { ...settingsFromDraft(settingsDraft(settings)).settings, quotas } } });
                  if (report(r.error, q.savedToStage)) onSaved();
                }}
              >
                {q.saveToStage}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
      {error && <ErrorNotice error={error} />}
      {fetching && !v && <LoadingRows rows={4} />}
      {v && (
        <Stack gap="md" data-testid="quota-preview">
          <Text fw={600} role="status" aria-live="polite">
            {q.summary(v.total, v.winners, v.prizeWinners, v.participants)}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <DataTable
              caption={q.byMunicipality}
              fileName={`quotas-${partitionId}-municipalities`}
              rows={v.byMunicipality}
              rowKey={(r) => r.id}
              empty="—"
              columns={countColumns(c.municipality)}
            />
            <DataTable
              caption={q.bySchool}
              fileName={`quotas-${partitionId}-schools`}
              rows={v.bySchool}
              rowKey={(r) => r.id}
              empty="—"
              columns={countColumns(c.school)}
            />
          </SimpleGrid>
          <DataTable
            caption={q.cuts}
            fileName={`quotas-${partitionId}-cuts`}
            rows={v.cuts}
            rowKey={(x) => `${x.boundary}-${x.score}`}
            empty={q.cutsEmpty}
            columns={[
              { title: q.boundary, value: (x) => label('QuotaBoundary', x.boundary) },
              { title: c.score, value: (x) => x.score },
              { title: q.quota, value: (x) => x.quota },
              { title: q.tied, value: (x) => x.tiedAtBoundary },
              { title: q.leftOut, value: (x) => x.leftOut },
              { title: q.letIn, value: (x) => x.letInBeyondQuota },
            ]}
          />
        </Stack>
      )}
    </Stack>
  );
};

/** Who scores which code (the organiser's). */
const Assignments = ({ stage, partitionId }: { stage: Stage; partitionId: string }) => {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PARTITION_ASSIGNMENTS, variables: { id: partitionId } });
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  return (
    <DataTable
      caption={p.assignmentsCaption}
      fileName={`assignments-${partitionId}`}
      rows={data?.olympiadPartition?.assignments ?? []}
      loading={fetching}
      rowKey={(x) => x.code}
      empty={p.assignmentsEmpty}
      columns={[
        { title: c.code, value: (x) => x.code },
        { title: p.jurors, value: (x) => x.jurorIds.map((id) => jurorLabel(stage.jury, id)).join('; ') },
      ]}
    />
  );
};

/**
 * One grade group of a stage for its organiser: the draft protocol with juror agreement, what-if
 * quotas, the published protocol (CSV/XLSX), appeals decided after a preview of their effect, the
 * assignment of works; publishing the preliminary protocol and approving the final one.
 */
export const PartitionPage = () => {
  const { municipalityId, stageId = '', partitionId = '' } = useParams();
  const { session } = useSession();
  const [params, setParam] = useParam();
  const [stageResult, reloadStage] = useQuery({ query: ORGANISER_STAGE, variables: { stageId } });
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PARTITION, variables: { id: partitionId } });
  const [, publish] = useMutation(PUBLISH_PRELIMINARY);
  const [, approve] = useMutation(APPROVE_FINAL);
  const [, disqualifyWork] = useMutation(DISQUALIFY_WORK);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const expectVersion = useCatchUp(data?.olympiadPartition?.version, reload);
  const stagePath = `${stagesBase(municipalityId)}/${encodeURIComponent(stageId)}`;
  const back = (
    <Button variant="default" component={Link} to={`${stagePath}?tab=works`} leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {p.back}
    </Button>
  );
  const stage = stageResult.data?.olympiadStage;
  const partition = data?.olympiadPartition;
  const err = error ?? stageResult.error;
  if (err) return <ErrorNotice error={err} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if ((fetching && !partition) || (stageResult.fetching && !stage)) return <LoadingRows rows={8} />;
  if (!stage || !partition) return <ErrorNotice error={new Error(c.notFound)} />;

  const claims = session?.claims;
  const canEdit =
    stage.organiser === 'region'
      ? claims?.role === 'regional_operator'
      : claims?.role === 'municipal_methodologist' && claims.municipalityId === stage.organiser;
  const group = stage.groups.find((g) => g.groupId === partition.groupId);
  const tasks = group?.tasks ?? [];
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? (partition.status === 'SCORING' ? 'draft' : 'protocol');
  const pending = partition.appeals.filter((x) => !x.decided).length;
  const appealDays = stage.settings?.appealDays ?? DEFAULT_SETTINGS.appealDays;
  const title = p.title(stage.title, groupText(stage.groups, partition.groupId));

  const openDisqualify = (row: ProtocolRowFieldsFragment) =>
    modals.open({
      title: p.disqualifyTitle(row.code),
      children: (
        <ReasonForm
          label={t.app.reason}
          submit={p.disqualify}
          danger
          field="reason"
          onSubmit={async (reason) => {
            const r = await disqualifyWork({ input: { partitionId: partition.id, code: row.code, reason } });
            const d = describeError(r.error);
            if (!d) {
              modals.closeAll();
              report(undefined, p.disqualified);
              expectVersion(r.data?.disqualifyOlympiadWork.version);
            }
            return d;
          }}
        />
      ),
    });
  const rowOf = (code: string) => partition.rows.find((r) => r.code === code);

  return (
    <Page
      title={title}
      intro={p.statusLine(label('ProtocolStatus', partition.status), partition.version, partition.marks)}
      actions={
        <>
          {back}
          <HistoryButton title={title} query={PARTITION_HISTORY} variables={{ id: partition.id }} pick={(d) => d.olympiadPartition?.history} />
          {canEdit && partition.status === 'SCORING' && (
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              onClick={() =>
                confirm({
                  title: p.publishTitle,
                  text: p.publishText(appealDays),
                  action: p.publish,
                  run: async () => {
                    const r = await publish({ partitionId: partition.id });
                    if (report(r.error, p.published)) expectVersion(r.data?.publishPreliminaryProtocol.version);
                  },
                })
              }
            >
              {p.publish}
            </Button>
          )}
          {canEdit && partition.status === 'PRELIMINARY' && (
            <Button
              leftSection={<IconCircleCheck size={16} aria-hidden />}
              onClick={() =>
                confirm({
                  title: p.approveTitle,
                  text: p.approveText,
                  action: p.approve,
                  run: async () => {
                    const r = await approve({ partitionId: partition.id });
                    if (report(r.error, p.approved)) expectVersion(r.data?.approveFinalProtocol.version);
                  },
                })
              }
            >
              {p.approve}
            </Button>
          )}
        </>
      }
    >
      <Group gap="sm">
        <ProtocolBadge status={partition.status} />
        {partition.appealsUntil && (
          <Text size="sm">
            {c.appealsUntil} {formatDateTime(partition.appealsUntil)}
          </Text>
        )}
        {partition.maxScore != null && (
          <Text size="sm" c="dimmed">
            {c.maxScore}: {formatNumber(partition.maxScore)}
          </Text>
        )}
      </Group>
      <Tabs value={tab} onChange={(v) => setParam('tab', v)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {p.tabs[x]}
              {x === 'appeals' && pending ? ` (${pending})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="draft" pt="md">
          <Draft stage={stage} partitionId={partition.id} tasks={tasks} disqualify={canEdit && partition.status !== 'FINAL' ? openDisqualify : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="quotas" pt="md">
          <Quotas
            stage={stage}
            partitionId={partition.id}
            canEdit={canEdit && stage.status === 'SCHEDULED'}
            onSaved={() => reloadStage({ requestPolicy: 'network-only' })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="protocol" pt="md">
          {partition.status === 'SCORING' ? (
            <EmptyState>{p.protocolEmpty}</EmptyState>
          ) : (
            <ProtocolTable
              caption={`${p.protocolCaption}: ${title}`}
              fileName={`protocol-${partition.id}-v${partition.version}`}
              rows={partition.rows}
              tasks={tasks}
              empty={p.protocolEmpty}
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="appeals" pt="md">
          <AppealsTable
            caption={t.contests.appeals.caption}
            fileName={`appeals-${partition.id}`}
            appeals={partition.appeals}
            actions={(x) =>
              !x.decided &&
              partition.status !== 'FINAL' && (
                <Button
                  size="xs"
                  aria-label={`${t.contests.appeals.decide}: ${x.code}, ${c.task(x.taskId)}`}
                  onClick={() =>
                    modals.open({
                      title: t.contests.appeals.decideTitle(x.code, x.taskId),
                      size: 'lg',
                      children: (
                        <AppealDecisionForm
                          partitionId={partition.id}
                          appeal={x}
                          maxPoints={tasks.find((task) => task.taskId === x.taskId)?.maxPoints ?? null}
                          current={taskScoreOf(rowOf(x.code), tasks, x.taskId)}
                          onDone={expectVersion}
                        />
                      ),
                    })
                  }
                >
                  {t.contests.appeals.decide}
                </Button>
              )
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="assignments" pt="md">
          <Stack gap="xl">
            <Assignments stage={stage} partitionId={partition.id} />
            <WorkAuditTable jury={stage.jury} partitionId={partition.id} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
};
