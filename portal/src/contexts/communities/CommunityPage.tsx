import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { formatDate } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { CommunityStatusBadge } from './CommunitiesPage';
import { c, Fact, useSettle } from './communities-ui';
import { COMMUNITY } from './operations';
import { MembersTable } from './CommunityMembers';
import { Discussions, Tasks } from './CommunityWork';
import { RunActions } from './CommunityRunActions';

/**
 * A community: its charter, orders, members (and those who left), reports, a working group's
 * tasks and the discussions. Whoever runs it approves it by an order, names members and the
 * head, starts and closes it; members start discussion threads.
 */
export const CommunityPage = () => {
  const { communityId = '' } = useParams();
  const { session } = useSession();
  const [result, reexecute] = useQuery({ query: COMMUNITY, variables: { id: communityId }, requestPolicy: 'cache-and-network' });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const settle = useSettle(result.data, reload);
  const x = result.data?.community;
  const back = (
    <Button variant="default" component={Link} to="/communities" leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {c.register.title}
    </Button>
  );
  if (result.error && !x) return <ErrorNotice error={result.error} onRetry={reload} />;
  if (!result.data) return <LoadingRows />;
  if (!x)
    return (
      <Page title={c.community.notFound} actions={back}>
        <Text>{c.community.notFound}</Text>
      </Page>
    );
  const manager = !!session && ['municipal_methodologist', 'regional_operator', 'school_coordinator'].includes(session.claims.role);
  const current = x.members.filter((m) => !m.leftOn);

  return (
    <Page title={x.name} intro={`${label('CommunityKind', x.kind)} · ${label('NetworkLevel', x.level)}`} actions={back}>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Fact label={c.common.status}>
            <Group gap="xs">
              <CommunityStatusBadge status={x.status} />
              {x.closedOn && <Text size="sm">{c.community.closedOn(formatDate(x.closedOn))}</Text>}
            </Group>
          </Fact>
          <Fact label={`${c.common.subject} / ${c.common.direction}`}>{x.subject ?? x.direction}</Fact>
          <Fact label={c.register.head}>{x.head?.fullName ?? null}</Fact>
          <Fact label={c.register.members}>{x.memberCount}</Fact>
          <Fact label={c.register.host}>{x.hostOrganization?.name ?? null}</Fact>
          {x.kind !== 'SCHOOL_ASSOCIATION' && <Fact label={c.community.schools}>{x.organizations.map((o) => o.name).join(', ') || null}</Fact>}
          <Fact label={c.community.term}>{x.term ? `${formatDate(x.term.from)} — ${formatDate(x.term.to)}` : c.community.permanent}</Fact>
          {x.task && <Fact label={c.community.task}>{x.task}</Fact>}
          {x.closeReason && <Fact label={c.community.closeReason}>{label('CommunityCloseReason', x.closeReason)}</Fact>}
        </SimpleGrid>
      </Paper>
      {x.canRun && <RunActions x={x} manager={manager} settle={settle} />}
      <section aria-labelledby="orders">
        <Title order={2} size="h4" id="orders" mb="xs">
          {c.community.orders}
        </Title>
        {x.orders.length ? (
          <Stack gap={2} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
            {x.orders.map((o) => (
              <li key={`${o.number}-${o.date}`}>
                <Text>{c.common.order(o.number, formatDate(o.date), o.issuer)}</Text>
              </li>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{c.community.noOrders}</Text>
        )}
      </section>
      <section aria-labelledby="members">
        <Title order={2} size="h4" id="members" mb="xs">
          {c.community.members}
        </Title>
        <MembersTable x={x} settle={settle} />
      </section>
      {x.threads && <Discussions x={x} settle={settle} member={current.some((m) => m.educator.id === session?.claims.educatorId)} />}
      <section aria-labelledby="reports">
        <Title order={2} size="h4" id="reports" mb="xs">
          {c.community.reports}
        </Title>
        <DataTable
          caption={c.community.reports}
          fileName="community-reports"
          rows={x.reports}
          rowKey={(r) => `${r.period}-${r.submittedOn}`}
          empty={c.community.noReports}
          columns={[
            { title: c.community.period, value: (r) => r.period },
            { title: c.community.submittedOn, value: (r) => formatDate(r.submittedOn) },
            { title: c.community.summary, value: (r) => r.summary },
          ]}
        />
      </section>
      {x.kind === 'WORKING_GROUP' && <Tasks x={x} settle={settle} />}
    </Page>
  );
};
