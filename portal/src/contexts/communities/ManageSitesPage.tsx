import { Anchor, Badge, Button, MultiSelect, SimpleGrid, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { SiteCallsQuery, SiteLevel, SiteStatusKind } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { c, describe, report, useSettle } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import { ANNOUNCE_CALL, OVERDUE_SITE_REPORTS, SITE_CALLS, SITE_REPORTS_DUE_SOON, SITES } from './operations';
import { SITE_STATUSES, SitePhaseBadge } from './SitesPage';

const s = c.sites;
const IN_PROGRESS = ['APPLIED', 'RETURNED', 'UNDER_REVIEW'];
type Report = { year: string; dueOn: string; site: { id: string; theme: string; status: SiteStatusKind; organizations: { id: string; name: string }[] } };

/**
 * The authority's side of the sites (a municipality's methodologist; the operator for the
 * region's): calls for applications and announcing one, applications in progress, annual
 * reports overdue and due within 30 days.
 */
export const ManageSitesPage = () => {
  const { municipalityId = null } = useParams();
  const { session } = useSession();
  const variables = { municipalityId };
  const [calls, reexecuteCalls] = useQuery({ query: SITE_CALLS, variables, requestPolicy: 'cache-and-network' });
  const reload = useCallback(() => reexecuteCalls({ requestPolicy: 'network-only' }), [reexecuteCalls]);
  const settle = useSettle(calls.data, reload);
  const [sites] = useQuery({ query: SITES, variables: { filter: municipalityId ? { municipalityId } : {} }, requestPolicy: 'cache-and-network' });
  const [overdue] = useQuery({ query: OVERDUE_SITE_REPORTS, variables, requestPolicy: 'cache-and-network' });
  const [dueSoon] = useQuery({ query: SITE_REPORTS_DUE_SOON, variables: { ...variables, days: 30 }, requestPolicy: 'cache-and-network' });
  const [, announce] = useMutation(ANNOUNCE_CALL);
  const levels: SiteLevel[] = municipalityId ? ['MUNICIPAL'] : ['REGIONAL'];
  const canAnnounce = municipalityId ? session?.claims.role === 'municipal_methodologist' : session?.claims.role === 'regional_operator';
  // The region's calls are listed with a municipality's; the authority here runs its own level.
  const ownCalls = (calls.data?.siteCalls ?? []).filter((x) => levels.includes(x.level));
  const applications = (sites.data?.sites ?? []).filter((x) => IN_PROGRESS.includes(x.phase) && levels.includes(x.level));

  const openAnnounce = () =>
    modals.open({
      title: s.announce,
      size: 'lg',
      children: (
        <ModalForm
          submit={s.announce}
          fields={(v, set, e) => (
            <>
              <TextInput
                label={s.callTitle}
                required
                value={v['title'] ?? ''}
                onChange={(ev) => set('title', ev.currentTarget.value)}
                error={e['title']}
                data-autofocus
              />
              <MultiSelect
                label={s.callStatuses}
                required
                data={SITE_STATUSES.map((x) => ({ value: x, label: label('SiteStatusKind', x) }))}
                value={v['statuses'] ? v['statuses'].split(',') : []}
                onChange={(val) => set('statuses', val.join(','))}
                error={e['statuses']}
                comboboxProps={{ withinPortal: false }}
              />
              <SimpleGrid cols={2}>
                <TextInput
                  type="date"
                  label={`${s.window}: ${c.common.from}`}
                  required
                  value={v['from'] ?? ''}
                  onChange={(ev) => set('from', ev.currentTarget.value)}
                  error={e['from']}
                />
                <TextInput
                  type="date"
                  label={`${s.window}: ${c.common.to}`}
                  required
                  value={v['to'] ?? ''}
                  onChange={(ev) => set('to', ev.currentTarget.value)}
                  error={e['to']}
                />
              </SimpleGrid>
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['title', 'statuses', 'from', 'to']);
            if (missing) return missing;
            const r = await announce({
              input: { title: v['title']!.trim(), level: levels[0]!, statuses: v['statuses']!.split(',') as SiteStatusKind[], from: v['from']!, to: v['to']! },
            });
            const d = describe(r.error);
            if (!d) {
              report(undefined, s.announced);
              const id = r.data!.announceSiteCall.id;
              settle((data: SiteCallsQuery) => data.siteCalls.some((x) => x.id === id));
            }
            return d;
          }}
        />
      ),
    });

  const reportColumns = [
    {
      title: s.theme,
      value: (r: Report) => r.site.theme,
      render: (r: Report) => (
        <Anchor component={Link} to={`/sites/${encodeURIComponent(r.site.id)}`}>
          {r.site.theme}
        </Anchor>
      ),
    },
    { title: s.status, value: (r: Report) => label('SiteStatusKind', r.site.status) },
    { title: s.schools, value: (r: Report) => r.site.organizations.map((o) => o.name).join(', ') || null },
    { title: s.year, value: (r: Report) => r.year },
    { title: s.dueOn, value: (r: Report) => formatDate(r.dueOn) },
  ];

  return (
    <Page
      title={s.manageTitle}
      intro={s.manageIntro}
      actions={
        canAnnounce ? (
          <Button onClick={openAnnounce} leftSection={<IconPlus size={16} aria-hidden />}>
            {s.announce}
          </Button>
        ) : undefined
      }
    >
      <section aria-labelledby="calls">
        <Title order={2} size="h4" id="calls" mb="xs">
          {s.calls}
        </Title>
        <DataTable
          caption={s.calls}
          fileName="site-calls"
          rows={ownCalls}
          loading={calls.fetching && !calls.data}
          rowKey={(x) => x.id}
          empty={s.noCalls}
          columns={[
            { title: s.callTitle, value: (x) => x.title },
            { title: s.callStatuses, value: (x) => x.statuses.map((st) => label('SiteStatusKind', st)).join(', ') },
            { title: s.window, value: (x) => `${formatDate(x.from)} — ${formatDate(x.to)}` },
            {
              title: c.common.status,
              value: (x) => (x.open ? s.callOpen : s.callClosed),
              render: (x) => (x.open ? <Badge color="green">{s.callOpen}</Badge> : s.callClosed),
            },
          ]}
        />
      </section>
      <section aria-labelledby="applications">
        <Title order={2} size="h4" id="applications" mb="xs">
          {s.inReview}
        </Title>
        <DataTable
          caption={s.inReview}
          fileName="site-applications"
          rows={applications}
          loading={sites.fetching && !sites.data}
          rowKey={(x) => x.id}
          empty={s.noApplications}
          columns={[
            {
              title: s.theme,
              value: (x) => x.theme,
              render: (x) => (
                <Anchor component={Link} to={`/sites/${encodeURIComponent(x.id)}`}>
                  {x.theme}
                </Anchor>
              ),
            },
            { title: s.status, value: (x) => label('SiteStatusKind', x.status) },
            { title: s.schools, value: (x) => x.organizations.map((o) => o.name).join(', ') || null },
            { title: s.phase, value: (x) => label('SitePhase', x.phase), render: (x) => <SitePhaseBadge phase={x.phase} /> },
          ]}
        />
      </section>
      <section aria-labelledby="overdue-reports">
        <Title order={2} size="h4" id="overdue-reports" mb="xs">
          {s.overdueReports}
        </Title>
        <DataTable
          caption={s.overdueReports}
          fileName="site-reports-overdue"
          rows={overdue.data?.overdueSiteReports ?? []}
          loading={overdue.fetching && !overdue.data}
          rowKey={(r) => `${r.site.id}-${r.year}`}
          empty={s.noOverdue}
          columns={reportColumns}
        />
      </section>
      <section aria-labelledby="due-soon">
        <Title order={2} size="h4" id="due-soon" mb="xs">
          {s.dueSoon}
        </Title>
        <DataTable
          caption={s.dueSoon}
          fileName="site-reports-due-soon"
          rows={dueSoon.data?.siteReportsDueSoon ?? []}
          loading={dueSoon.fetching && !dueSoon.data}
          rowKey={(r) => `${r.site.id}-${r.year}`}
          empty={s.noDueSoon}
          columns={reportColumns}
        />
      </section>
    </Page>
  );
};
