import { Alert, Anchor, Badge, Button, Code, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconCalendarPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { MethodEventPageQuery, RegistrationStatus } from '../../gql/graphql';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { parseHours } from './communities-helpers';
import { absolute, askReason, c, describe, Fact, report, useSettle } from './communities-ui';
import { ModalForm, required } from './ModalForm';
import {
  ADD_SPEAKER,
  APPROVE_REGISTRATION,
  CANCEL_EVENT,
  CANCEL_REGISTRATION,
  CHANGE_CAPACITY,
  CHECK_IN,
  EDUCATORS,
  FEEDBACK,
  ISSUE_CERTIFICATES,
  MARK_ATTENDANCE,
  METHOD_EVENT,
  METHOD_EVENT_HISTORY,
  REGISTER,
  REJECT_REGISTRATION,
} from './operations';

type Event = NonNullable<MethodEventPageQuery['methodEvent']>;
type Registration = NonNullable<Event['registrations']>[number];
const ACTIVE: RegistrationStatus[] = ['PENDING', 'CONFIRMED', 'WAITLISTED'];
const STATUS_COLOR: Record<RegistrationStatus, string> = { PENDING: 'yellow', CONFIRMED: 'green', WAITLISTED: 'orange', CANCELLED: 'gray', REJECTED: 'red' };

export const RegistrationBadge = ({ status, position }: { status: RegistrationStatus; position?: number | null }) => (
  <Badge color={STATUS_COLOR[status]}>
    {label('RegistrationStatus', status)}
    {status === 'WAITLISTED' && position ? ` · ${position}` : ''}
  </Badge>
);

/**
 * A methodological event: when and where, seats left and the waitlist, speakers, the
 * municipality's calendar to subscribe to. A teacher registers, cancels, checks in with the
 * code and leaves feedback here; the organiser sees the registrations in order of arrival,
 * marks attendance, shows the code, issues certificates and cancels.
 */
export const EventPage = () => {
  const { eventId = '' } = useParams();
  const { session } = useSession();
  const location = useLocation();
  const [result, reexecute] = useQuery({ query: METHOD_EVENT, variables: { id: eventId }, requestPolicy: 'cache-and-network' });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const settle = useSettle(result.data, reload);
  const e = result.data?.methodEvent;
  // Just published: the calendar's row follows the stream by a moment, so a missing event is asked for again (once, up to 12 s).
  const retried = useRef(false);
  useEffect(() => {
    if (result.data && !result.data.methodEvent && !retried.current) {
      retried.current = true;
      settle((d) => !!d.methodEvent);
    }
  }, [result.data, settle]);
  const back = (
    <Button variant="default" component={Link} to="/events" leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {c.calendar.title}
    </Button>
  );
  if (result.error && !e) return <ErrorNotice error={result.error} onRetry={reload} />;
  if (!result.data) return <LoadingRows />;
  if (!e)
    return (
      <Page title={c.event.notFound} actions={back}>
        <Text>{c.event.notFound}</Text>
      </Page>
    );
  const feed = e.tenantId !== 'region' ? `/calendar/municipalities/${encodeURIComponent(e.tenantId)}.ics` : null;
  const isTeacher = session?.claims.role === 'teacher' && !!session.claims.educatorId;

  return (
    <Page title={e.title} intro={`${label('MethodEventKind', e.kind)} · ${label('NetworkLevel', e.level)}`} actions={back}>
      {e.cancelled && (
        <Alert color="red" title={c.event.cancelledTitle} role="status">
          {e.cancelReason}
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Fact label={c.event.when}>{`${formatDateTime(e.startsAt)} — ${formatDateTime(e.endsAt)}`}</Fact>
          <Fact label={c.event.place}>{e.place}</Fact>
          <Fact label={c.event.onlineUrl}>
            {e.onlineUrl ? (
              <Anchor href={e.onlineUrl} target="_blank" rel="noopener noreferrer">
                {e.onlineUrl}
              </Anchor>
            ) : null}
          </Fact>
          <Fact label={c.event.organiser}>{e.organiserName ?? (e.tenantId === 'region' ? c.common.region : null)}</Fact>
          <Fact label={c.event.subjects}>{e.subjects.join(', ') || null}</Fact>
          <Fact label={c.event.positions}>{e.positions.join(', ') || null}</Fact>
          <Fact label={c.event.capacity}>{formatNumber(e.capacity)}</Fact>
          <Fact label={c.event.freeSeats}>
            <span data-testid="free-seats">{formatNumber(e.freeSeats)}</span>
          </Fact>
          <Fact label={c.event.waiting}>
            <span data-testid="waiting">{formatNumber(e.waiting)}</span>
          </Fact>
        </SimpleGrid>
        {e.moderated && (
          <Text size="sm" mt="sm">
            {c.event.moderated}
          </Text>
        )}
        {e.ratings > 0 && e.meanRating !== null && e.meanRating !== undefined && (
          <Text size="sm" mt="sm">
            {c.event.rating(formatNumber(Math.round(e.meanRating * 10) / 10), e.ratings)}
          </Text>
        )}
      </Paper>
      <section aria-labelledby="speakers">
        <Title order={2} size="h4" id="speakers" mb="xs">
          {c.event.speakers}
        </Title>
        {e.speakers.length ? (
          <Stack gap={4} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
            {e.speakers.map((s) => (
              <li key={`${s.educator.id}-${s.title}`}>
                <Text>
                  {s.title}
                  {s.educator.fullName ? ` — ${s.educator.fullName}` : ''}
                </Text>
              </li>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{c.event.noSpeakers}</Text>
        )}
      </section>
      {feed && (
        <Group gap="xs">
          <Button component="a" href={feed} variant="default" size="xs" leftSection={<IconCalendarPlus size={16} aria-hidden />} data-feed-url={absolute(feed)}>
            {c.calendar.subscribe}
          </Button>
        </Group>
      )}
      {isTeacher ? (
        <TeacherPart e={e} settle={settle} />
      ) : (
        !session &&
        !e.cancelled && (
          <Text>
            <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>
              {c.event.signInToRegister}
            </Anchor>
          </Text>
        )
      )}
      {session?.claims.role === 'school_coordinator' && session.claims.organizationId && !e.cancelled && (
        <CoordinatorPart e={e} organizationId={session.claims.organizationId} />
      )}
      {e.canOrganise && <OrganiserPart e={e} settle={settle} />}
    </Page>
  );
};

type Settle = (done: (d: MethodEventPageQuery) => boolean) => void;

/** The teacher's own registration: register, cancel, check in, feedback, the certificate. */
const TeacherPart = ({ e, settle }: { e: Event; settle: Settle }) => {
  const [, register] = useMutation(REGISTER);
  const [, cancel] = useMutation(CANCEL_REGISTRATION);
  const mine = e.myRegistration;
  const active = !!mine && ACTIVE.includes(mine.status);
  const confirmRegister = () =>
    modals.openConfirmModal({
      title: c.event.register,
      children: c.event.registerConfirm(e.title),
      labels: { confirm: c.event.register, cancel: t.app.cancel },
      onConfirm: async () => {
        const r = await register({ id: e.id });
        const status = r.data?.registerForMethodEvent.status;
        if (report(r.error, status ? `${c.event.registered}: ${label('RegistrationStatus', status)}` : c.event.registered) && status)
          settle((d) => d.methodEvent?.myRegistration?.status === status);
      },
    });
  const confirmCancel = () =>
    modals.openConfirmModal({
      title: c.event.cancelRegistration,
      children: c.event.cancelConfirm,
      labels: { confirm: c.event.cancelRegistration, cancel: t.app.cancel },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        const r = await cancel({ id: e.id });
        if (report(r.error, c.event.cancelledRegistration)) settle((d) => d.methodEvent?.myRegistration?.status === 'CANCELLED');
      },
    });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-registration">
      <Stack gap="sm">
        <Title order={2} size="h4" id="my-registration">
          {c.event.myStatus}
        </Title>
        {mine && (
          <Group gap="xs" data-testid="my-registration">
            <RegistrationBadge status={mine.status} position={mine.waitlistPosition} />
            {mine.status === 'WAITLISTED' && mine.waitlistPosition && <Text>{c.event.waitlistPosition(mine.waitlistPosition)}</Text>}
            {mine.status === 'CONFIRMED' && <Text>{c.event.confirmedSeat}</Text>}
            {mine.status === 'PENDING' && <Text>{c.event.pendingApproval}</Text>}
            {mine.attended && <Badge color="teal">{c.event.checkedIn}</Badge>}
            {mine.certificateNumber && <Text fw={600}>{c.event.certificate(mine.certificateNumber, formatNumber(mine.hours))}</Text>}
          </Group>
        )}
        {!e.cancelled && (
          <Group gap="xs">
            {!active && !mine?.attended && <Button onClick={confirmRegister}>{c.event.register}</Button>}
            {active && (
              <Button variant="light" color="red" onClick={confirmCancel}>
                {c.event.cancelRegistration}
              </Button>
            )}
          </Group>
        )}
        {mine?.status === 'CONFIRMED' && !mine.attended && !e.cancelled && <CheckInForm id={e.id} settle={settle} />}
        {mine?.attended && <FeedbackForm id={e.id} />}
      </Stack>
    </Paper>
  );
};

const CheckInForm = ({ id, settle }: { id: string; settle: Settle }) => {
  const [, checkIn] = useMutation(CHECK_IN);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={async (ev) => {
        ev.preventDefault();
        if (!code.trim()) return setError(c.common.required);
        const r = await checkIn({ id, code: code.trim() });
        const d = describe(r.error);
        setError(d ? (d.fields['code'] ?? d.message) : null);
        if (!d) {
          report(undefined, c.event.checkedIn);
          settle((x) => !!x.methodEvent?.myRegistration?.attended);
        }
      }}
    >
      <Group align="flex-end" gap="xs">
        <TextInput label={c.event.checkInCode} description={c.event.checkInHint} value={code} onChange={(x) => setCode(x.currentTarget.value)} error={error} />
        <Button type="submit" variant="light">
          {c.event.checkIn}
        </Button>
      </Group>
    </form>
  );
};

const FeedbackForm = ({ id }: { id: string }) => {
  const [, give] = useMutation(FEEDBACK);
  const [rating, setRating] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={async (ev) => {
        ev.preventDefault();
        if (!rating) return setErrors({ rating: c.event.ratingRequired });
        const r = await give({ id, rating: Number(rating), comment: comment.trim() || null });
        const d = describe(r.error);
        setErrors(d?.fields ?? {});
        setMessage(d && !Object.keys(d.fields).length ? d.message : null);
        if (!d) report(undefined, c.event.feedbackThanks);
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {c.event.feedback}
        </Title>
        <Select
          label={c.event.feedbackRating}
          data={['1', '2', '3', '4', '5']}
          value={rating}
          onChange={setRating}
          error={errors['rating']}
          maw={240}
          allowDeselect={false}
        />
        <Textarea
          label={c.event.feedbackComment}
          value={comment}
          onChange={(x) => setComment(x.currentTarget.value)}
          error={errors['comment']}
          autosize
          minRows={2}
        />
        {message && (
          <Text c="red" role="alert">
            {message}
          </Text>
        )}
        <Group>
          <Button type="submit" variant="light">
            {c.event.feedbackSend}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** The organiser's part: the code, registrations in order of arrival with attendance, certificates, cancellation. */
const OrganiserPart = ({ e, settle }: { e: Event; settle: Settle }) => {
  const [, addSpeaker] = useMutation(ADD_SPEAKER);
  const [, changeCapacity] = useMutation(CHANGE_CAPACITY);
  const [educators] = useQuery({ query: EDUCATORS, variables: { filter: { status: 'ACTIVE' }, first: 200 }, pause: e.cancelled });
  const educatorOptions = (educators.data?.educators.nodes ?? []).map((x) => ({
    value: x.id,
    label: `${x.fullName ?? x.id} — ${x.position}${x.organization ? `, ${x.organization.name}` : ''}`,
  }));
  const openSpeaker = () =>
    modals.open({
      title: c.event.addSpeaker,
      children: (
        <ModalForm
          submit={c.event.addSpeaker}
          fields={(v, set, err) => (
            <>
              <Select
                label={c.event.speaker}
                required
                searchable
                data={educatorOptions}
                value={v['educatorId'] ?? null}
                onChange={(val) => set('educatorId', val ?? '')}
                error={err['educatorId']}
                comboboxProps={{ withinPortal: false }}
              />
              <TextInput
                label={c.event.presentation}
                required
                value={v['title'] ?? ''}
                onChange={(ev) => set('title', ev.currentTarget.value)}
                error={err['title']}
              />
              <Textarea
                label={c.event.summary}
                value={v['summary'] ?? ''}
                onChange={(ev) => set('summary', ev.currentTarget.value)}
                error={err['summary']}
                autosize
                minRows={2}
              />
            </>
          )}
          onSubmit={async (v) => {
            const missing = required(v, ['educatorId', 'title']);
            if (missing) return missing;
            const title = v['title']!.trim();
            const r = await addSpeaker({ id: e.id, educatorId: v['educatorId']!, title, summary: v['summary']?.trim() || null });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.event.speakerAdded);
              settle((data) => !!data.methodEvent?.speakers.some((x) => x.title === title));
            }
            return d;
          }}
        />
      ),
    });
  const openCapacity = () =>
    modals.open({
      title: c.event.changeCapacity,
      children: (
        <ModalForm
          submit={c.event.changeCapacity}
          fields={(v, set, err) => (
            <TextInput
              label={c.event.capacity}
              required
              inputMode="numeric"
              value={v['capacity'] ?? String(e.capacity)}
              onChange={(ev) => set('capacity', ev.currentTarget.value)}
              error={err['capacity']}
              data-autofocus
            />
          )}
          onSubmit={async (v) => {
            const capacity = Number((v['capacity'] ?? String(e.capacity)).trim());
            const r = await changeCapacity({ id: e.id, capacity });
            const d = describe(r.error);
            if (!d) {
              report(undefined, c.event.capacityChanged);
              settle((data) => data.methodEvent?.capacity === capacity);
            }
            return d;
          }}
        />
      ),
    });
  const [, approve] = useMutation(APPROVE_REGISTRATION);
  const [, reject] = useMutation(REJECT_REGISTRATION);
  const [, mark] = useMutation(MARK_ATTENDANCE);
  const [, cancelEvent] = useMutation(CANCEL_EVENT);
  const regs = e.registrations ?? [];
  const who = (r: Registration) => r.educator.fullName ?? r.educator.id;
  const regOf = (d: MethodEventPageQuery, educatorId: string) => d.methodEvent?.registrations?.find((x) => x.educator.id === educatorId);

  const setPresent = async (r: Registration, present: boolean) => {
    const x = await mark({ id: e.id, educatorId: r.educator.id, present });
    if (report(x.error, present ? c.event.markedPresent : c.event.markedAbsent)) settle((d) => regOf(d, r.educator.id)?.attended === present);
  };
  const doApprove = async (r: Registration) => {
    const x = await approve({ id: e.id, educatorId: r.educator.id });
    if (report(x.error, c.event.approved)) settle((d) => regOf(d, r.educator.id)?.status !== 'PENDING');
  };
  const doReject = (r: Registration) =>
    askReason(`${c.event.reject}: ${who(r)}`, {
      label: c.event.rejectReason,
      submit: c.event.reject,
      field: 'reason',
      danger: true,
      onSubmit: async (reason) => {
        const x = await reject({ id: e.id, educatorId: r.educator.id, reason });
        const d = describe(x.error);
        if (!d) {
          report(undefined, c.event.rejected);
          settle((data) => regOf(data, r.educator.id)?.status === 'REJECTED');
        }
        return d;
      },
    });
  const doCancel = () =>
    askReason(c.event.cancelEvent, {
      label: c.event.cancelReason,
      submit: c.event.cancelEvent,
      field: 'reason',
      danger: true,
      onSubmit: async (reason) => {
        const x = await cancelEvent({ id: e.id, reason });
        const d = describe(x.error);
        if (!d) {
          report(undefined, c.event.eventCancelled);
          settle((data) => !!data.methodEvent?.cancelled);
        }
        return d;
      },
    });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="organiser">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="organiser">
            {c.event.organiserPanel}
          </Title>
          <Group gap="xs">
            <HistoryButton title={e.title} query={METHOD_EVENT_HISTORY} variables={{ id: e.id }} pick={(d) => d.methodEvent?.history} />
            {!e.cancelled && (
              <>
                <Button variant="light" size="xs" onClick={openSpeaker}>
                  {c.event.addSpeaker}
                </Button>
                <Button variant="light" size="xs" onClick={openCapacity}>
                  {c.event.changeCapacity}
                </Button>
                <Button variant="light" color="red" size="xs" onClick={doCancel}>
                  {c.event.cancelEvent}
                </Button>
              </>
            )}
          </Group>
        </Group>
        {e.checkInCode && (
          <div>
            <Text size="sm" c="dimmed">
              {c.event.code}
            </Text>
            <Code fz="xl" data-testid="check-in-code">
              {e.checkInCode}
            </Code>
            <Text size="sm">{c.event.codeHint}</Text>
          </div>
        )}
        <DataTable
          caption={c.event.registrations}
          fileName="method-event-registrations"
          rows={regs}
          rowKey={(r) => r.educator.id}
          empty={c.event.noRegistrations}
          columns={[
            { title: c.event.seq, value: (r) => r.seq },
            { title: c.common.educator, value: (r) => who(r) },
            { title: c.common.school, value: (r) => r.educator.organization?.name ?? null },
            {
              title: c.common.status,
              value: (r) => `${label('RegistrationStatus', r.status)}${r.waitlistPosition ? ` · ${r.waitlistPosition}` : ''}`,
              render: (r) => <RegistrationBadge status={r.status} position={r.waitlistPosition} />,
            },
            { title: c.event.registeredAt, value: (r) => formatDateTime(r.registeredAt) },
            { title: c.event.registeredBy, value: (r) => label('RegisteredBy', r.registeredBy) },
            { title: c.event.attended, value: (r) => (r.attended ? t.app.yes : t.app.no) },
            {
              title: c.event.certificateNumber,
              value: (r) => (r.certificateNumber ? c.event.certificateWithHours(r.certificateNumber, formatNumber(r.hours)) : null),
            },
            {
              title: '',
              exported: false,
              value: () => null,
              render: (r) => (
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {r.status === 'PENDING' && (
                    <>
                      <Button size="xs" variant="light" onClick={() => void doApprove(r)} aria-label={`${c.event.approve}: ${who(r)}`}>
                        {c.event.approve}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => doReject(r)} aria-label={`${c.event.reject}: ${who(r)}`}>
                        {c.event.reject}
                      </Button>
                    </>
                  )}
                  {r.status === 'WAITLISTED' && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => doReject(r)} aria-label={`${c.event.reject}: ${who(r)}`}>
                      {c.event.reject}
                    </Button>
                  )}
                  {r.status === 'CONFIRMED' && !e.cancelled && (
                    <Button
                      size="xs"
                      variant={r.attended ? 'default' : 'light'}
                      onClick={() => void setPresent(r, !r.attended)}
                      aria-label={`${r.attended ? c.event.absent : c.event.present}: ${who(r)}`}
                    >
                      {r.attended ? c.event.absent : c.event.present}
                    </Button>
                  )}
                </Group>
              ),
            },
          ]}
        />
        {!e.cancelled && <CertificatesForm e={e} settle={settle} />}
        <div>
          <Title order={3} size="h5" mb={4}>
            {c.event.comments}
          </Title>
          {e.feedbackComments?.length ? (
            <Stack gap={2} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
              {e.feedbackComments.map((x, i) => (
                <li key={i}>
                  <Text>{x}</Text>
                </li>
              ))}
            </Stack>
          ) : (
            <Text c="dimmed">{c.event.noComments}</Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
};

/** A school's coordinator registers one of the school's teachers (seated, waiting or pending like any registration). */
const CoordinatorPart = ({ e, organizationId }: { e: Event; organizationId: string }) => {
  const [, register] = useMutation(REGISTER);
  const [educators] = useQuery({ query: EDUCATORS, variables: { filter: { organizationId, status: 'ACTIVE' }, first: 200 } });
  const [educatorId, setEducatorId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = (educators.data?.educators.nodes ?? []).map((x) => ({ value: x.id, label: `${x.fullName ?? x.id} — ${x.position}` }));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="coordinator">
      <form
        noValidate
        onSubmit={async (ev) => {
          ev.preventDefault();
          if (!educatorId) return setError(c.common.required);
          setBusy(true);
          const r = await register({ id: e.id, educatorId });
          setBusy(false);
          const d = describe(r.error);
          setError(d ? (d.fields['educatorId'] ?? d.message) : null);
          const status = r.data?.registerForMethodEvent.status;
          const who = options.find((o) => o.value === educatorId)?.label ?? educatorId;
          if (!d && status) report(undefined, c.event.coordinatorRegistered(who, label('RegistrationStatus', status)));
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4" id="coordinator">
            {c.event.coordinatorTitle}
          </Title>
          <Group align="flex-end" gap="xs">
            <Select label={c.common.educator} searchable data={options} value={educatorId} onChange={setEducatorId} error={error} miw={320} />
            <Button type="submit" variant="light" loading={busy}>
              {c.event.register}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
};

const CertificatesForm = ({ e, settle }: { e: Event; settle: Settle }) => {
  const [, issue] = useMutation(ISSUE_CERTIFICATES);
  const [hours, setHours] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={async (ev) => {
        ev.preventDefault();
        const h = parseHours(hours);
        if (h === null) return setError(c.event.hoursInvalid);
        const r = await issue({ id: e.id, hours: h });
        const d = describe(r.error);
        setError(d ? (d.fields['hours'] ?? d.message) : null);
        if (!d) {
          report(undefined, c.event.certificatesIssued);
          settle((x) => (x.methodEvent?.registrations ?? []).every((reg) => !reg.attended || !!reg.certificateNumber));
        }
      }}
    >
      <Group align="flex-end" gap="xs">
        <TextInput
          label={c.event.hours}
          description={c.event.hoursHint}
          value={hours}
          onChange={(x) => setHours(x.currentTarget.value)}
          error={error}
          inputMode="decimal"
        />
        <Button type="submit" variant="light">
          {c.event.issueCertificates}
        </Button>
      </Group>
    </form>
  );
};
