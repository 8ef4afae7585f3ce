import { Alert, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { SitePageQuery, SiteRecommendation, SiteTerminationReason } from '../../gql/graphql';
import { formatDate, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { splitList } from './communities-helpers';
import { c, describe, Fact, report, useSettle } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import {
  CHECK_SITE,
  CLOSE_SITE,
  DECLINE_SITE,
  EXTEND_SITE,
  FINAL_SITE_REPORT,
  GRANT_SITE,
  RESUBMIT_SITE,
  REVIEW_SITE_REPORT,
  SITE,
  SITE_HISTORY,
  SITE_OPINION,
  SUBMIT_SITE_REPORT,
  TERMINATE_SITE,
} from './operations';
import { CardDraft, cardInput, draftOf } from './project-card';
import { ProjectCardFields } from './ProjectCardFields';
import { SitePhaseBadge } from './SitesPage';

type Site = NonNullable<SitePageQuery['site']>;
type Settle = (done: (d: SitePageQuery) => boolean) => void;
const s = c.sites;
/** The expert council's criteria (each scored 0–10). */
export const SITE_CRITERIA = ['Актуальность', 'Новизна', 'Реалистичность плана', 'Ресурсы'];
const TERMINATION_REASONS: SiteTerminationReason[] = ['NOT_CARRIED_OUT', 'REPORT_NOT_SUBMITTED', 'AT_SITE_REQUEST'];

/**
 * A site: its status, schools, term, the register's steps and annual reports; the project card,
 * returns and opinions for those who see them. The authority checks completeness, grants the
 * status by an order or declines, and reviews reports; an expert gives an opinion; the host
 * school's coordinator submits the annual report.
 */
export const SitePage = () => {
  const { siteId = '' } = useParams();
  const { session } = useSession();
  const [result, reexecute] = useQuery({ query: SITE, variables: { id: siteId }, requestPolicy: 'cache-and-network' });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const settle = useSettle(result.data, reload);
  const x = result.data?.site;
  const back = (
    <Button variant="default" component={Link} to="/sites" leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {s.title}
    </Button>
  );
  if (result.error && !x) return <ErrorNotice error={result.error} onRetry={reload} />;
  if (!result.data) return <LoadingRows />;
  if (!x)
    return (
      <Page title={s.notFound} actions={back}>
        <Text>{s.notFound}</Text>
      </Page>
    );
  const claims = session?.claims;
  const host = claims?.role === 'school_coordinator' && x.organizations[0]?.id === claims.organizationId;
  const expert = claims?.role === 'expert';

  return (
    <Page title={x.theme} intro={`${label('SiteStatusKind', x.status)} · ${label('SiteLevel', x.level)}`} actions={back}>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Fact label={s.phase}>
            <SitePhaseBadge phase={x.phase} />
          </Fact>
          <Fact label={c.common.direction}>{x.direction}</Fact>
          <Fact label={s.schools}>{x.organizations.map((o) => o.name).join(', ') || null}</Fact>
          <Fact label={s.term}>{x.term ? `${formatDate(x.term.from)} — ${formatDate(x.term.to)}` : null}</Fact>
        </SimpleGrid>
      </Paper>
      {x.missing && x.missing.length > 0 && x.phase === 'RETURNED' && (
        <Alert color="red" title={s.missing} role="status">
          {x.missing.map((m) => s.missingLabels[m] ?? m).join('; ')}
        </Alert>
      )}
      {x.canDecide && <Procedure x={x} settle={settle} />}
      {expert && x.phase === 'UNDER_REVIEW' && <OpinionButton x={x} settle={settle} />}
      {host && <HostActions x={x} settle={settle} />}
      {(x.canDecide || host) && (
        <Group>
          <HistoryButton title={x.theme} query={SITE_HISTORY} variables={{ id: x.id }} pick={(d) => d.site?.history} />
        </Group>
      )}
      <section aria-labelledby="register">
        <Title order={2} size="h4" id="register" mb="xs">
          {s.registerSteps}
        </Title>
        <DataTable
          caption={s.registerSteps}
          fileName="site-register"
          rows={x.register}
          rowKey={(r) => `${r.on}-${r.what}`}
          empty="—"
          columns={[
            { title: c.common.date, value: (r) => formatDate(r.on) },
            { title: s.phase, value: (r) => label('SiteRegisterStep', r.what) },
            { title: c.community.orders, value: (r) => (r.order ? c.common.order(r.order.number, formatDate(r.order.date), r.order.issuer) : null) },
            { title: s.comment, value: (r) => r.note ?? null },
          ]}
        />
      </section>
      <section aria-labelledby="site-reports">
        <Title order={2} size="h4" id="site-reports" mb="xs">
          {s.reports}
        </Title>
        <DataTable
          caption={s.reports}
          fileName="site-reports"
          rows={x.reports}
          rowKey={(r) => r.year}
          empty={s.noReports}
          columns={[
            { title: s.year, value: (r) => r.year },
            { title: s.dueOn, value: (r) => formatDate(r.dueOn) },
            { title: s.submittedOn, value: (r) => (r.submittedOn ? formatDate(r.submittedOn) : null) },
            {
              title: c.common.status,
              value: (r) => (r.overdue ? s.overdue : r.accepted === true ? s.accepted : r.accepted === false ? s.returnWith : null),
              render: (r) =>
                r.overdue ? (
                  <Badge color="red">{s.overdue}</Badge>
                ) : r.accepted ? (
                  <Badge color="green">{s.accepted}</Badge>
                ) : r.submittedOn ? (
                  s.submittedOn
                ) : (
                  '—'
                ),
            },
            ...(host || x.canDecide
              ? [
                  {
                    title: '',
                    exported: false,
                    value: () => null,
                    render: (r: Site['reports'][number]) => <ReportActions x={x} r={r} host={host} settle={settle} />,
                  },
                ]
              : []),
          ]}
        />
      </section>
      {x.card && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="card">
          <Stack gap="sm">
            <Title order={2} size="h4" id="card">
              {s.card}
            </Title>
            <Fact label={s.goals}>{x.card.goals}</Fact>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Fact label={s.foundersAgreement}>{x.card.foundersAgreement}</Fact>
              <Fact label={s.councilDecision}>{x.card.councilDecision}</Fact>
            </SimpleGrid>
            <DataTable
              caption={s.stages}
              fileName="site-stages"
              rows={x.card.stages}
              rowKey={(st) => `${st.title}-${st.from}`}
              empty="—"
              columns={[
                { title: s.stageTitle, value: (st) => st.title },
                { title: s.term, value: (st) => `${formatDate(st.from)} — ${formatDate(st.to)}` },
                { title: s.expectedResults, value: (st) => st.expectedResults },
              ]}
            />
            <DataTable
              caption={s.calendarPlan}
              fileName="site-plan"
              rows={x.card.calendarPlan}
              rowKey={(p) => `${p.what}-${p.when}`}
              empty="—"
              columns={[
                { title: s.planWhat, value: (p) => p.what },
                { title: s.planWhen, value: (p) => p.when },
              ]}
            />
          </Stack>
        </Paper>
      )}
      {x.opinions && x.opinions.length > 0 && (
        <section aria-labelledby="opinions">
          <Title order={2} size="h4" id="opinions" mb="xs">
            {s.opinions}
          </Title>
          <DataTable
            caption={s.opinions}
            fileName="site-opinions"
            rows={x.opinions}
            rowKey={(o) => o.expertId}
            empty="—"
            columns={[
              { title: s.recommendation, value: (o) => label('SiteRecommendation', o.recommendation) },
              { title: s.criterion, value: (o) => o.scores.map((sc) => `${sc.criterion}: ${sc.score}`).join('; ') },
              { title: s.comment, value: (o) => o.comment },
            ]}
          />
        </section>
      )}
    </Page>
  );
};

/** The authority's steps: completeness, grant by order, decline. */
const Procedure = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, check] = useMutation(CHECK_SITE);
  const [, grant] = useMutation(GRANT_SITE);
  const [, decline] = useMutation(DECLINE_SITE);
  const [, extend] = useMutation(EXTEND_SITE);
  const [, terminate] = useMutation(TERMINATE_SITE);
  const [, closeSite] = useMutation(CLOSE_SITE);
  const phase = (p: Site['phase']) => (d: SitePageQuery) => d.site?.phase === p;
  const openCheck = () =>
    modals.open({
      title: s.check,
      children: (
        <ModalForm
          submit={s.check}
          fields={(v, set, e) => (
            <Textarea
              label={s.missingItems}
              description={s.complete}
              value={v['missing'] ?? ''}
              onChange={(ev) => set('missing', ev.currentTarget.value)}
              error={e['missing']}
              autosize
              minRows={3}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = splitList((v['missing'] ?? '').replace(/\n/g, ','));
            const r = await check({ id: x.id, missing: missing.length ? missing : null });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.checked);
              settle((data) => data.site?.phase !== x.phase);
            }
            return d;
          }}
        />
      ),
    });
  const openGrant = () =>
    modals.open({
      title: s.grant,
      children: (
        <ModalForm
          submit={s.grant}
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
              <SimpleGrid cols={2}>
                <TextInput
                  type="date"
                  label={`${s.term}: ${c.common.from}`}
                  required
                  value={v['from'] ?? ''}
                  onChange={(ev) => set('from', ev.currentTarget.value)}
                  error={e['from']}
                />
                <TextInput
                  type="date"
                  label={`${s.term}: ${c.common.to}`}
                  required
                  value={v['to'] ?? ''}
                  onChange={(ev) => set('to', ev.currentTarget.value)}
                  error={e['to'] ?? e['term']}
                />
              </SimpleGrid>
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer', 'from', 'to']);
            if (missing) return missing;
            const r = await grant({
              id: x.id,
              order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() },
              term: { from: v['from']!, to: v['to']! },
            });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.granted);
              settle(phase('ACTIVE'));
            }
            return d;
          }}
        />
      ),
    });
  const openDecline = () =>
    modals.open({
      title: s.decline,
      children: (
        <ModalForm
          submit={s.decline}
          fields={(v, set, e) => (
            <Textarea
              label={t.app.reason}
              required
              value={v['reason'] ?? ''}
              onChange={(ev) => set('reason', ev.currentTarget.value)}
              error={e['reason']}
              autosize
              minRows={2}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['reason']);
            if (missing) return missing;
            const r = await decline({ id: x.id, reason: v['reason']!.trim() });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.declined);
              settle(phase('DECLINED'));
            }
            return d;
          }}
        />
      ),
    });
  const openExtend = () =>
    modals.open({
      title: s.extend,
      children: (
        <ModalForm
          submit={s.extend}
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
              <TextInput type="date" label={s.extendTo} required value={v['to'] ?? ''} onChange={(ev) => set('to', ev.currentTarget.value)} error={e['to']} />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['number', 'date', 'issuer', 'to']);
            if (missing) return missing;
            const to = v['to']!;
            const r = await extend({ id: x.id, order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() }, to });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.extended);
              settle((data) => data.site?.term?.to === to);
            }
            return d;
          }}
        />
      ),
    });
  const openTerminate = () =>
    modals.open({
      title: s.terminate,
      children: (
        <ModalForm
          submit={s.terminate}
          fields={(v, set, e) => (
            <>
              <Select
                label={s.terminateReason}
                required
                allowDeselect={false}
                data={TERMINATION_REASONS.map((r) => ({ value: r, label: label('SiteTerminationReason', r) }))}
                value={v['reason'] ?? null}
                onChange={(val) => set('reason', val ?? '')}
                error={e['reason']}
                comboboxProps={{ withinPortal: false }}
              />
              <TextInput
                label={c.common.orderNumber}
                required
                value={v['number'] ?? ''}
                onChange={(ev) => set('number', ev.currentTarget.value)}
                error={e['number']}
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
            const missing = required(v, ['reason', 'number', 'date', 'issuer']);
            if (missing) return missing;
            const r = await terminate({
              id: x.id,
              order: { number: v['number']!.trim(), date: v['date']!, issuer: v['issuer']!.trim() },
              reason: v['reason'] as SiteTerminationReason,
            });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.terminated);
              settle(phase('TERMINATED'));
            }
            return d;
          }}
        />
      ),
    });
  if (x.phase === 'ACTIVE')
    return (
      <Group gap="xs">
        <Button variant="light" onClick={openExtend}>
          {s.extend}
        </Button>
        <Button variant="light" color="red" onClick={openTerminate}>
          {s.terminate}
        </Button>
      </Group>
    );
  if (x.phase === 'FINAL_REPORTED')
    return (
      <Group gap="xs">
        <Button
          onClick={async () => {
            const r = await closeSite({ id: x.id });
            if (report(r.error, s.closedDone)) settle(phase('CLOSED'));
          }}
        >
          {s.close}
        </Button>
      </Group>
    );
  if (!['APPLIED', 'UNDER_REVIEW'].includes(x.phase)) return null;
  return (
    <Group gap="xs">
      {x.phase === 'APPLIED' && <Button onClick={openCheck}>{s.check}</Button>}
      {x.phase === 'UNDER_REVIEW' && <Button onClick={openGrant}>{s.grant}</Button>}
      <Button variant="light" color="red" onClick={openDecline}>
        {s.decline}
      </Button>
    </Group>
  );
};

/** An expert's opinion: each criterion 0–10, a recommendation and the reasoning. */
const OpinionButton = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, give] = useMutation(SITE_OPINION);
  const open = () =>
    modals.open({
      title: s.opinion,
      size: 'lg',
      children: (
        <ModalForm
          submit={s.opinion}
          fields={(v, set, e) => (
            <>
              <SimpleGrid cols={2}>
                {SITE_CRITERIA.map((cr) => (
                  <Select
                    key={cr}
                    label={`${cr}: ${s.score}`}
                    required
                    data={Array.from({ length: 11 }, (_, i) => String(i))}
                    value={v[cr] ?? null}
                    onChange={(val) => set(cr, val ?? '')}
                    comboboxProps={{ withinPortal: false }}
                  />
                ))}
              </SimpleGrid>
              <Select
                label={s.recommendation}
                required
                data={(['GRANT', 'DECLINE'] as SiteRecommendation[]).map((r) => ({ value: r, label: label('SiteRecommendation', r) }))}
                value={v['recommendation'] ?? null}
                onChange={(val) => set('recommendation', val ?? '')}
                error={e['recommendation']}
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                label={s.comment}
                required
                value={v['comment'] ?? ''}
                onChange={(ev) => set('comment', ev.currentTarget.value)}
                error={e['comment'] ?? e['scores']}
                autosize
                minRows={3}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, [...SITE_CRITERIA, 'recommendation', 'comment']);
            if (missing) return missing;
            const r = await give({
              id: x.id,
              scores: SITE_CRITERIA.map((cr) => ({ criterion: cr, score: Number(v[cr]) })),
              recommendation: v['recommendation'] as SiteRecommendation,
              comment: v['comment']!.trim(),
            });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.opinionGiven);
              settle((data) => (data.site?.opinions?.length ?? 0) > (x.opinions?.length ?? 0));
            }
            return d;
          }}
        />
      ),
    });
  return (
    <Group>
      <Button onClick={open}>{s.opinion}</Button>
    </Group>
  );
};

/** A year's report: the host submits it, the authority reviews it. */
const ReportActions = ({ x, r, host, settle }: { x: Site; r: Site['reports'][number]; host: boolean; settle: Settle }) => {
  const [, submit] = useMutation(SUBMIT_SITE_REPORT);
  const [, review] = useMutation(REVIEW_SITE_REPORT);
  const reportOf = (d: SitePageQuery) => d.site?.reports.find((y) => y.year === r.year);
  const openSubmit = () =>
    modals.open({
      title: `${s.submitReport}: ${r.year}`,
      children: (
        <ModalForm
          submit={s.submitReport}
          fields={(v, set, e) => (
            <Textarea
              label={s.reportSummary}
              required
              value={v['summary'] ?? ''}
              onChange={(ev) => set('summary', ev.currentTarget.value)}
              error={e['summary']}
              autosize
              minRows={4}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['summary']);
            if (missing) return missing;
            const res = await submit({ id: x.id, year: r.year, summary: v['summary']!.trim() });
            const d = describe(res.error);
            if (!d) {
              report(undefined, s.reportSubmitted);
              settle((data) => !!reportOf(data)?.submittedOn);
            }
            return d;
          }}
        />
      ),
    });
  const openReview = () =>
    modals.open({
      title: `${s.reviewReport}: ${r.year}`,
      children: (
        <ModalForm
          submit={s.reviewReport}
          fields={(v, set, e) => (
            <>
              <Select
                label={s.accepted}
                required
                data={[
                  { value: 'yes', label: t.app.yes },
                  { value: 'no', label: t.app.no },
                ]}
                value={v['accepted'] ?? null}
                onChange={(val) => set('accepted', val ?? '')}
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                label={s.comment}
                required
                value={v['opinion'] ?? ''}
                onChange={(ev) => set('opinion', ev.currentTarget.value)}
                error={e['opinion']}
                autosize
                minRows={3}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['accepted', 'opinion']);
            if (missing) return missing;
            const res = await review({ id: x.id, year: r.year, accepted: v['accepted'] === 'yes', opinion: v['opinion']!.trim() });
            const d = describe(res.error);
            if (!d) {
              report(undefined, s.reportReviewed);
              settle((data) => reportOf(data)?.accepted !== null && reportOf(data)?.accepted !== undefined);
            }
            return d;
          }}
        />
      ),
    });
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {host && !r.submittedOn && x.phase === 'ACTIVE' && (
        <Button size="xs" variant="light" onClick={openSubmit} aria-label={`${s.submitReport}: ${r.year}`}>
          {s.submitReport}
        </Button>
      )}
      {x.canDecide && r.submittedOn && (r.accepted === null || r.accepted === undefined) && (
        <Button size="xs" variant="light" onClick={openReview} aria-label={`${s.reviewReport}: ${r.year}`}>
          {s.reviewReport}
        </Button>
      )}
    </Group>
  );
};

/** The host school's steps: a returned application resubmitted with its card completed; the final report after the term (or a termination). */
const HostActions = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, finalReport] = useMutation(FINAL_SITE_REPORT);
  const openResubmit = () =>
    modals.open({
      title: s.resubmitTitle,
      size: 'xl',
      children: <ResubmitForm x={x} settle={settle} />,
    });
  const openFinal = () =>
    modals.open({
      title: s.finalReport,
      children: (
        <ModalForm
          submit={s.finalReport}
          fields={(v, set, e) => (
            <Textarea
              label={s.reportSummary}
              required
              value={v['summary'] ?? ''}
              onChange={(ev) => set('summary', ev.currentTarget.value)}
              error={e['summary']}
              autosize
              minRows={4}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['summary']);
            if (missing) return missing;
            const r = await finalReport({ id: x.id, summary: v['summary']!.trim() });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.finalReported);
              settle((data) => data.site?.phase === 'FINAL_REPORTED');
            }
            return d;
          }}
        />
      ),
    });
  if (x.phase === 'RETURNED' && x.card)
    return (
      <Group>
        <Button onClick={openResubmit}>{s.resubmit}</Button>
      </Group>
    );
  const holdEvent = x.phase === 'ACTIVE' && (
    <Button variant="light" component={Link} to={`/sites/${encodeURIComponent(x.id)}/events/new`}>
      {s.holdEvent}
    </Button>
  );
  if (x.phase === 'ACTIVE' && x.term && x.term.to > regionToday()) return <Group>{holdEvent}</Group>;
  if ((x.phase === 'ACTIVE' && x.term && x.term.to <= regionToday()) || x.phase === 'TERMINATED')
    return (
      <Group>
        {holdEvent}
        <Button variant="light" onClick={openFinal}>
          {s.finalReport}
        </Button>
      </Group>
    );
  return null;
};

const ResubmitForm = ({ x, settle }: { x: Site; settle: Settle }) => {
  const [, resubmit] = useMutation(RESUBMIT_SITE);
  const [card, setCard] = useState<CardDraft>(() => draftOf(x.card!));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const r = await resubmit({ id: x.id, card: cardInput(card) });
        setBusy(false);
        const d = describe(r.error);
        if (!d) {
          report(undefined, s.resubmitted);
          settle((data) => data.site?.phase === 'APPLIED');
          modals.closeAll();
          return;
        }
        const fields = Object.fromEntries(Object.entries(d.fields).map(([k, m]) => [k.split('.').pop()!, m]));
        setErrors(fields);
        setMessage(Object.keys(fields).length ? null : d.message);
      }}
    >
      <Stack>
        {x.missing && x.missing.length > 0 && (
          <Alert color="red" title={s.missing}>
            {x.missing.map((m) => s.missingLabels[m] ?? m).join('; ')}
          </Alert>
        )}
        <ProjectCardFields value={card} onChange={setCard} errors={errors} />
        {message && (
          <Text c="red" role="alert">
            {message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {s.resubmit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
