import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { formatDate } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { c, Fact, useSettle } from './communities-ui';
import { SITE, SITE_HISTORY } from './operations';
import { SitePhaseBadge } from './SitesPage';
import { Site, s } from './site-page.shared';
import { HostActions, OpinionButton, ReportActions } from './SiteActions';
import { Procedure } from './SiteProcedure';

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
