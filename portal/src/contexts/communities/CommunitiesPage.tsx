import { Anchor, Badge, Button, Select, SimpleGrid, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { CommunityKind, CommunityStatus } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { c, MunicipalitySelect, useParam } from './communities-ui';
import { COMMUNITIES, OVERDUE_GROUP_TASKS } from './operations';

export const COMMUNITY_KINDS: CommunityKind[] = [
  'SCHOOL_ASSOCIATION',
  'MUNICIPAL_ASSOCIATION',
  'VIRTUAL_ASSOCIATION',
  'DISCUSSION_PLATFORM',
  'RESOURCE_CENTRE',
  'CREATIVE_LAB',
  'WORKING_GROUP',
  'PROFESSIONAL_COMMUNITY',
  'EXPERT_COMMUNITY',
];
const STATUSES: CommunityStatus[] = ['PROPOSED', 'APPROVED', 'ACTIVE', 'CLOSED'];
const STATUS_COLOR: Record<CommunityStatus, string> = { PROPOSED: 'yellow', APPROVED: 'blue', ACTIVE: 'green', CLOSED: 'gray' };

export const CommunityStatusBadge = ({ status }: { status: CommunityStatus }) => <Badge color={STATUS_COLOR[status]}>{label('CommunityStatus', status)}</Badge>;

/** The public register of communities: a municipality's with the region's (or the region's only), by kind and status, in the address. */
export const CommunitiesPage = () => {
  const [params, set] = useParam();
  const { session } = useSession();
  const municipalityId = params.get('municipality') ?? session?.claims.municipalityId ?? null;
  const kind = params.get('kind') as CommunityKind | null;
  const status = params.get('status') as CommunityStatus | null;
  const filter = { ...(municipalityId ? { municipalityId } : {}), ...(kind ? { kind } : {}), ...(status ? { status } : {}) };
  const [result, reexecute] = useQuery({ query: COMMUNITIES, variables: { filter }, requestPolicy: 'cache-and-network' });
  const rows = result.data?.communities ?? [];
  const claims = session?.claims;
  const canPropose = claims?.role === 'municipal_methodologist' && !!claims.municipalityId;
  return (
    <Page
      title={c.register.title}
      intro={c.register.intro}
      actions={
        canPropose ? (
          <Button component={Link} to={`/municipalities/${claims.municipalityId}/communities/new`} leftSection={<IconPlus size={16} aria-hidden />}>
            {c.register.propose}
          </Button>
        ) : undefined
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <MunicipalitySelect value={municipalityId} onChange={(v) => set('municipality', v)} />
        <Select
          label={c.common.kind}
          clearable
          placeholder={t.app.any}
          data={COMMUNITY_KINDS.map((k) => ({ value: k, label: label('CommunityKind', k) }))}
          value={kind}
          onChange={(v) => set('kind', v)}
        />
        <Select
          label={c.common.status}
          clearable
          placeholder={t.app.any}
          data={STATUSES.map((s) => ({ value: s, label: label('CommunityStatus', s) }))}
          value={status}
          onChange={(v) => set('status', v)}
        />
      </SimpleGrid>
      {result.error && !rows.length ? (
        <ErrorNotice error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <DataTable
          caption={c.register.title}
          fileName="communities"
          rows={rows}
          loading={result.fetching}
          rowKey={(x) => x.id}
          empty={c.register.empty}
          columns={[
            {
              title: c.register.name,
              value: (x) => x.name,
              render: (x) => (
                <Anchor component={Link} to={`/communities/${encodeURIComponent(x.id)}`}>
                  {x.name}
                </Anchor>
              ),
            },
            { title: c.common.kind, value: (x) => label('CommunityKind', x.kind) },
            { title: c.common.level, value: (x) => label('NetworkLevel', x.level) },
            { title: `${c.common.subject} / ${c.common.direction}`, value: (x) => x.subject ?? x.direction ?? null },
            { title: c.common.status, value: (x) => label('CommunityStatus', x.status), render: (x) => <CommunityStatusBadge status={x.status} /> },
            { title: c.register.head, value: (x) => x.head?.fullName ?? null },
            { title: c.register.members, value: (x) => x.memberCount },
            { title: c.register.host, value: (x) => x.hostOrganization?.name ?? null },
            { title: c.community.term, value: (x) => (x.term ? `${formatDate(x.term.from)} — ${formatDate(x.term.to)}` : c.community.permanent) },
          ]}
        />
      )}
      {(claims?.role === 'municipal_methodologist' || claims?.role === 'regional_operator') && (
        <OverdueTasks municipalityId={claims.role === 'municipal_methodologist' ? claims.municipalityId : municipalityId} />
      )}
    </Page>
  );
};

/** Working groups' tasks past their deadline and not done: a municipality's (its methodologist) or the region's (the operator). */
const OverdueTasks = ({ municipalityId }: { municipalityId: string | null }) => {
  const [result] = useQuery({ query: OVERDUE_GROUP_TASKS, variables: { municipalityId }, requestPolicy: 'cache-and-network' });
  return (
    <section aria-labelledby="overdue-tasks">
      <Title order={2} size="h4" id="overdue-tasks" mb="xs">
        {c.community.overdueTasks}
      </Title>
      {result.error && !result.data ? (
        <ErrorNotice error={result.error} />
      ) : (
        <DataTable
          caption={c.community.overdueTasks}
          fileName="overdue-group-tasks"
          rows={result.data?.overdueGroupTasks ?? []}
          loading={result.fetching && !result.data}
          rowKey={(x) => `${x.community.id}-${x.taskId}`}
          empty={c.community.noOverdueTasks}
          columns={[
            {
              title: c.community.community,
              value: (x) => x.community.name,
              render: (x) => (
                <Anchor component={Link} to={`/communities/${encodeURIComponent(x.community.id)}`}>
                  {x.community.name}
                </Anchor>
              ),
            },
            { title: c.community.taskTitle, value: (x) => x.title },
            { title: c.community.owner, value: (x) => x.owner.fullName ?? x.owner.id },
            { title: c.community.dueOn, value: (x) => formatDate(x.dueOn) },
          ]}
        />
      )}
    </section>
  );
};
