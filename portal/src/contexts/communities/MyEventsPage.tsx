import { Anchor, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { label } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { absolute, c } from './communities-ui';
import { RegistrationBadge } from './EventPage';
import { MY_EVENTS } from './operations';

/** A teacher's registrations (soonest first) with their waitlist place, attendance and certificates; their personal calendar feed. */
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
    </Page>
  );
};
