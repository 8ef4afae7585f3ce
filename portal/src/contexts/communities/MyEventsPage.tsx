import { Anchor, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useClaims } from '../../auth/session';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { absolute, c } from './communities-ui';
import { RegistrationBadge } from './EventPage';
import { CommunityStatusBadge } from './CommunitiesPage';
import { MY_EVENTS, MY_NETWORK } from './operations';

/**
 * A teacher's registrations (soonest first) with their waitlist place, attendance and certificates;
 * their personal calendar feed; the communities they belong to and the experience they presented.
 */
export const MyEventsPage = () => {
  const [result, reexecute] = useQuery({ query: MY_EVENTS, requestPolicy: 'cache-and-network' });
  const rows = result.data?.myEventRegistrations ?? [];
  const feed = result.data?.myCalendarFeedPath;
  const hours = rows.reduce((sum, r) => sum + (r.certificateNumber ? (r.hours ?? 0) : 0), 0);
  return (
    <Page
      title={c.my.title}
      intro={c.my.intro}
      actions={
        <Button component={Link} to="/events" variant="default">
          {c.my.toCalendar}
        </Button>
      }
    >
      {feed && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <Group gap="xs">
              <Button component="a" href={feed} variant="default" size="xs" leftSection={<IconCalendarPlus size={16} aria-hidden />} data-testid="my-feed">
                {c.my.feed}
              </Button>
            </Group>
            <Code block>{absolute(feed)}</Code>
            <Text size="sm" c="dimmed">
              {c.my.feedHint}
            </Text>
          </Stack>
        </Paper>
      )}
      {hours > 0 && <Text fw={600}>{c.my.totalHours(formatNumber(hours))}</Text>}
      {result.error && !rows.length ? (
        <ErrorNotice error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <DataTable
          caption={c.my.title}
          fileName="my-method-events"
          rows={rows}
          loading={result.fetching}
          rowKey={(r) => r.methodEventId}
          empty={c.my.empty}
          columns={[
            { title: c.calendar.when, value: (r) => (r.methodEvent ? formatDateTime(r.methodEvent.startsAt) : null) },
            {
              title: c.my.event,
              value: (r) => r.methodEvent?.title ?? r.methodEventId,
              render: (r) => (
                <Anchor component={Link} to={`/events/${encodeURIComponent(r.methodEventId)}`}>
                  {r.methodEvent?.title ?? r.methodEventId}
                </Anchor>
              ),
            },
            { title: c.common.kind, value: (r) => (r.methodEvent ? label('MethodEventKind', r.methodEvent.kind) : null) },
            {
              title: c.my.status,
              value: (r) => label('RegistrationStatus', r.status),
              render: (r) => <RegistrationBadge status={r.status} position={r.waitlistPosition} />,
            },
            { title: c.my.position, value: (r) => (r.status === 'WAITLISTED' ? r.waitlistPosition : null) },
            { title: c.event.attended, value: (r) => (r.attended ? c.event.checkedIn : null) },
            { title: c.my.certificate, value: (r) => r.certificateNumber },
            { title: c.my.hours, value: (r) => (r.certificateNumber ? r.hours : null) },
          ]}
        />
      )}
      <MyNetwork />
    </Page>
  );
};

/** The teacher's communities (role, since when) and presentations at methodological events. */
const MyNetwork = () => {
  const claims = useClaims();
  const [result] = useQuery({ query: MY_NETWORK, variables: { id: claims.educatorId ?? '' }, pause: !claims.educatorId, requestPolicy: 'cache-and-network' });
  const e = result.data?.educator;
  if (result.error && !e) return <ErrorNotice error={result.error} />;
  return (
    <>
      <section aria-labelledby="my-communities">
        <Title order={2} size="h4" id="my-communities" mb="xs">
          {c.my.communities}
        </Title>
        <DataTable
          caption={c.my.communities}
          fileName="my-communities"
          rows={e?.communityMemberships ?? []}
          loading={result.fetching && !e}
          rowKey={(m) => `${m.community.id}-${m.since}`}
          empty={c.my.noCommunities}
          columns={[
            {
              title: c.register.name,
              value: (m) => m.community.name,
              render: (m) => (
                <Anchor component={Link} to={`/communities/${encodeURIComponent(m.community.id)}`}>
                  {m.community.name}
                </Anchor>
              ),
            },
            { title: c.common.kind, value: (m) => label('CommunityKind', m.community.kind) },
            { title: c.community.role, value: (m) => label('MemberRole', m.role) },
            { title: c.community.since, value: (m) => formatDate(m.since) },
            {
              title: c.common.status,
              value: (m) => label('CommunityStatus', m.community.status),
              render: (m) => <CommunityStatusBadge status={m.community.status} />,
            },
          ]}
        />
      </section>
      {e && e.presentations.length > 0 && (
        <section aria-labelledby="my-presentations">
          <Title order={2} size="h4" id="my-presentations" mb="xs">
            {c.my.presentations}
          </Title>
          <DataTable
            caption={c.my.presentations}
            fileName="my-presentations"
            rows={e.presentations}
            rowKey={(x) => `${x.methodEvent.id}-${x.title}`}
            empty="—"
            columns={[
              { title: c.calendar.when, value: (x) => formatDateTime(x.methodEvent.startsAt) },
              { title: c.my.event, value: (x) => x.methodEvent.title },
              { title: c.event.presentation, value: (x) => x.title },
            ]}
          />
        </section>
      )}
    </>
  );
};
