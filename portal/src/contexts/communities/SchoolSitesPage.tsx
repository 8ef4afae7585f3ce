import { Alert, Anchor, Badge, Button, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { formatDate } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { c } from './communities-ui';
import { SCHOOL_SITES, SITE_CALLS } from './operations';
import { SitePhaseBadge } from './SitesPage';

const s = c.sites;

/** A school's sites and applications with their annual reports, and the open calls it may apply to (its coordinator). */
export const SchoolSitesPage = () => {
  const { organizationId = '' } = useParams();
  const { session } = useSession();
  const [result, reexecute] = useQuery({ query: SCHOOL_SITES, variables: { id: organizationId }, requestPolicy: 'cache-and-network' });
  const [calls] = useQuery({ query: SITE_CALLS, variables: { municipalityId: session?.claims.municipalityId ?? null } });
  const open = (calls.data?.siteCalls ?? []).filter((x) => x.open);
  const org = result.data?.organization;
  if (result.error && !org) return <ErrorNotice error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!result.data) return <LoadingRows />;
  const coordinator = session?.claims.role === 'school_coordinator' && session.claims.organizationId === organizationId;
  return (
    <Page
      title={s.schoolTitle}
      intro={org ? `${org.name}. ${s.schoolIntro}` : s.schoolIntro}
      actions={
        coordinator && open.length ? (
          <Button component={Link} to={`/schools/${organizationId}/sites/apply`} leftSection={<IconPlus size={16} aria-hidden />}>
            {s.apply}
          </Button>
        ) : undefined
      }
    >
      <section aria-labelledby="open-calls">
        <Title order={2} size="h4" id="open-calls" mb="xs">
          {s.calls}
        </Title>
        {open.length ? (
          <Stack gap={4} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
            {open.map((x) => (
              <li key={x.id}>
                <Text>
                  {x.title} · {x.statuses.map((st) => label('SiteStatusKind', st)).join(', ')} · {formatDate(x.from)} — {formatDate(x.to)}
                </Text>
              </li>
            ))}
          </Stack>
        ) : (
          <Alert color="gray">{s.noOpenCalls}</Alert>
        )}
      </section>
      <DataTable
        caption={s.schoolTitle}
        fileName="school-sites"
        rows={org?.sites ?? []}
        rowKey={(x) => x.id}
        empty={s.noSites}
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
          { title: c.common.level, value: (x) => label('SiteLevel', x.level) },
          { title: s.term, value: (x) => (x.term ? `${formatDate(x.term.from)} — ${formatDate(x.term.to)}` : null) },
          { title: s.phase, value: (x) => label('SitePhase', x.phase), render: (x) => <SitePhaseBadge phase={x.phase} /> },
          {
            title: s.nextReport,
            value: (x) => {
              const next = x.reports.find((r) => !r.submittedOn);
              return next ? `${next.year} · ${formatDate(next.dueOn)}` : null;
            },
            render: (x) => {
              const next = x.reports.find((r) => !r.submittedOn);
              if (!next) return '—';
              return (
                <>
                  {next.year} · {formatDate(next.dueOn)} {next.overdue && <Badge color="red">{s.overdue}</Badge>}
                </>
              );
            },
          },
        ]}
      />
    </Page>
  );
};
