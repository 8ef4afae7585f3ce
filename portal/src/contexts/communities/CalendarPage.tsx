import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCalendarPlus, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { MethodEventCalendarQuery, MethodEventKind } from '../../gql/graphql';
import { formatDateTime, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { addDays, calendarWindow } from './communities-helpers';
import { absolute, c, MunicipalitySelect, useParam } from './communities-ui';
import { CALENDAR } from './operations';

export const EVENT_KINDS: MethodEventKind[] = [
  'SEMINAR',
  'WEBINAR',
  'MASTER_CLASS',
  'CONFERENCE',
  'FORUM',
  'PEDAGOGICAL_READINGS',
  'INTERNSHIP',
  'ROUND_TABLE',
  'OTHER',
];

type Row = MethodEventCalendarQuery['methodEventCalendar'][number];

/** Seats as a badge: free of all, or full with the waitlist's length. */
export const SeatsBadge = ({ e }: { e: Pick<Row, 'freeSeats' | 'capacity' | 'waiting' | 'cancelled'> }) =>
  e.cancelled ? (
    <Badge color="gray">{c.calendar.cancelled}</Badge>
  ) : e.freeSeats > 0 ? (
    <Badge color="green">{c.calendar.seatsLeft(e.freeSeats, e.capacity)}</Badge>
  ) : (
    <Badge color="orange">{c.calendar.full(e.waiting)}</Badge>
  );

/**
 * The public calendar of methodological events: a municipality's with the region's (or the
 * region's only), by kind, subject and dates, everything in the address. A municipality's
 * calendar can be subscribed to (.ics). The organiser's page is the same list with a button to
 * publish (`organise`).
 */
export const CalendarPage = ({ organise }: { organise?: { municipalityId: string | null } }) => {
  const [params, set] = useParam();
  const { session } = useSession();
  const today = regionToday();
  const municipalityId = organise ? organise.municipalityId : (params.get('municipality') ?? session?.claims.municipalityId ?? null);
  const from = params.get('from') ?? (organise ? addDays(today, -30) : today);
  const to = params.get('to') ?? addDays(today, 90);
  const kind = params.get('kind') as MethodEventKind | null;
  const subject = params.get('subject') ?? '';
  const filter = {
    ...calendarWindow(from, to),
    ...(municipalityId ? { municipalityId } : {}),
    ...(kind ? { kind } : {}),
    ...(subject.trim() ? { subject: subject.trim() } : {}),
  };
  const [result, reexecute] = useQuery({ query: CALENDAR, variables: { filter }, requestPolicy: 'cache-and-network' });
  const rows = result.data?.methodEventCalendar ?? [];
  const base = organise ? (organise.municipalityId ? `/municipalities/${organise.municipalityId}/events` : '/region/events') : null;
  const feed = municipalityId ? `/calendar/municipalities/${encodeURIComponent(municipalityId)}.ics` : null;
  const title = organise ? (organise.municipalityId ? c.organise.title : c.organise.regionTitle) : c.calendar.title;

  return (
    <Page
      title={title}
      intro={organise ? c.organise.intro : c.calendar.intro}
      actions={
        base ? (
          <Button component={Link} to={`${base}/new`} leftSection={<IconPlus size={16} aria-hidden />}>
            {c.calendar.publish}
          </Button>
        ) : undefined
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        {!organise && <MunicipalitySelect value={municipalityId} onChange={(v) => set('municipality', v)} />}
        <Select
          label={c.common.kind}
          clearable
          placeholder={t.app.any}
          data={EVENT_KINDS.map((k) => ({ value: k, label: label('MethodEventKind', k) }))}
          value={kind}
          onChange={(v) => set('kind', v)}
        />
        <TextInput label={c.calendar.subjectFilter} value={subject} onChange={(e) => set('subject', e.currentTarget.value || null)} />
        <TextInput type="date" label={c.common.from} value={from} onChange={(e) => set('from', e.currentTarget.value || null)} />
        <TextInput type="date" label={c.common.to} value={to} onChange={(e) => set('to', e.currentTarget.value || null)} />
      </SimpleGrid>
      {!organise && feed && (
        <Group gap="xs" wrap="wrap">
          <Button
            component="a"
            href={feed}
            variant="default"
            size="xs"
            leftSection={<IconCalendarPlus size={16} aria-hidden />}
            data-testid="municipality-feed"
            data-feed-url={absolute(feed)}
          >
            {c.calendar.subscribe}
          </Button>
          <Text size="sm" c="dimmed">
            {c.calendar.subscribeHint}
          </Text>
        </Group>
      )}
      {!organise && !municipalityId && (
        <Text size="sm" c="dimmed">
          {c.calendar.pickMunicipality}
        </Text>
      )}
      {result.error && !rows.length ? (
        <ErrorNotice error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <Stack gap={0}>
          <DataTable
            caption={title}
            fileName={organise ? 'method-events-organiser' : 'method-events'}
            rows={rows}
            loading={result.fetching}
            rowKey={(e) => e.id}
            empty={c.calendar.empty}
            columns={[
              { title: c.calendar.when, value: (e) => `${formatDateTime(e.startsAt)} — ${formatDateTime(e.endsAt)}` },
              {
                title: c.common.title,
                value: (e) => e.title,
                render: (e) => (
                  <Anchor component={Link} to={`/events/${encodeURIComponent(e.id)}`}>
                    {e.title}
                  </Anchor>
                ),
              },
              { title: c.common.kind, value: (e) => label('MethodEventKind', e.kind) },
              { title: c.calendar.organiser, value: (e) => e.organiserName ?? (e.tenantId === 'region' ? c.common.region : null) },
              { title: c.calendar.where, value: (e) => [e.place, e.onlineUrl ? c.calendar.online : null].filter(Boolean).join(' · ') || null },
              { title: c.event.subjects, value: (e) => e.subjects.join(', ') || null },
              {
                title: c.calendar.seats,
                value: (e) =>
                  e.cancelled ? c.calendar.cancelled : e.freeSeats > 0 ? c.calendar.seatsLeft(e.freeSeats, e.capacity) : c.calendar.full(e.waiting),
                render: (e) => <SeatsBadge e={e} />,
              },
            ]}
          />
        </Stack>
      )}
    </Page>
  );
};

export const PublicCalendarPage = () => <CalendarPage />;
