import { Anchor, Badge, Select, SimpleGrid } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { SitePhase, SiteStatusKind } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { c, MunicipalitySelect, useParam } from './communities-ui';
import { SITES } from './operations';

export const SITE_STATUSES: SiteStatusKind[] = ['INNOVATION', 'BASE', 'SUPPORT', 'INTERNSHIP', 'RESOURCE_CENTRE'];
export const SITE_PHASES: SitePhase[] = ['APPLIED', 'RETURNED', 'UNDER_REVIEW', 'DECLINED', 'ACTIVE', 'TERMINATED', 'FINAL_REPORTED', 'CLOSED'];
const PHASE_COLOR: Partial<Record<SitePhase, string>> = { ACTIVE: 'green', APPLIED: 'yellow', UNDER_REVIEW: 'blue', RETURNED: 'orange', DECLINED: 'red' };

export const SitePhaseBadge = ({ phase }: { phase: SitePhase }) => <Badge color={PHASE_COLOR[phase] ?? 'gray'}>{label('SitePhase', phase)}</Badge>;

/** The public register of sites: statuses held and the steps that led there, by municipality, status and phase. */
export const SitesPage = () => {
  const [params, set] = useParam();
  const { session } = useSession();
  const municipalityId = params.get('municipality') ?? session?.claims.municipalityId ?? null;
  const status = params.get('status') as SiteStatusKind | null;
  const phase = params.get('phase') as SitePhase | null;
  const filter = { ...(municipalityId ? { municipalityId } : {}), ...(status ? { status } : {}), ...(phase ? { phase } : {}) };
  const [result, reexecute] = useQuery({ query: SITES, variables: { filter }, requestPolicy: 'cache-and-network' });
  const rows = result.data?.sites ?? [];
  return (
    <Page title={c.sites.title} intro={c.sites.intro}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <MunicipalitySelect value={municipalityId} onChange={(v) => set('municipality', v)} />
        <Select
          label={c.sites.status}
          clearable
          placeholder={t.app.any}
          data={SITE_STATUSES.map((s) => ({ value: s, label: label('SiteStatusKind', s) }))}
          value={status}
          onChange={(v) => set('status', v)}
        />
        <Select
          label={c.sites.phase}
          clearable
          placeholder={t.app.any}
          data={SITE_PHASES.map((s) => ({ value: s, label: label('SitePhase', s) }))}
          value={phase}
          onChange={(v) => set('phase', v)}
        />
      </SimpleGrid>
      {result.error && !rows.length ? (
        <ErrorNotice error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <DataTable
          caption={c.sites.title}
          fileName="sites"
          rows={rows}
          loading={result.fetching}
          rowKey={(s) => s.id}
          empty={c.sites.empty}
          columns={[
            {
              title: c.sites.theme,
              value: (s) => s.theme,
              render: (s) => (
                <Anchor component={Link} to={`/sites/${encodeURIComponent(s.id)}`}>
                  {s.theme}
                </Anchor>
              ),
            },
            { title: c.sites.status, value: (s) => label('SiteStatusKind', s.status) },
            { title: c.common.level, value: (s) => label('SiteLevel', s.level) },
            { title: c.common.direction, value: (s) => s.direction },
            { title: c.sites.schools, value: (s) => s.organizations.map((o) => o.name).join(', ') || null },
            { title: c.sites.term, value: (s) => (s.term ? `${formatDate(s.term.from)} — ${formatDate(s.term.to)}` : null) },
            { title: c.sites.phase, value: (s) => label('SitePhase', s.phase), render: (s) => <SitePhaseBadge phase={s.phase} /> },
          ]}
        />
      )}
    </Page>
  );
};
