import { Alert, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation } from 'urql';
import type { EventOrganiserKind, MethodEventKind, NetworkLevel } from '../../gql/graphql';
import { label } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { EVENT_KINDS } from './CalendarPage';
import { splitList } from './communities-helpers';
import { c, describe, report } from './communities-ui';
import { PUBLISH_EVENT } from './operations';

const f = c.organise;

/**
 * The organiser publishes an event of their methodological service: kind, title, times as the
 * region's wall clock (a datetime-local input: YYYY-MM-DDTHH:mm), place or link, audience,
 * seats, moderation. The API's problems show at their fields.
 */
export const PublishEventPage = () => {
  const { municipalityId, communityId, siteId } = useParams();
  const navigate = useNavigate();
  const [, publish] = useMutation(PUBLISH_EVENT);
  // The organiser: a community (its head, deputy or whoever runs it), a site (its host school), else the caller's service.
  const organiser: { kind: EventOrganiserKind; id: string | null } = communityId
    ? { kind: 'COMMUNITY', id: communityId }
    : siteId
      ? { kind: 'SITE', id: siteId }
      : { kind: 'SERVICE', id: null };
  const base = communityId
    ? `/communities/${encodeURIComponent(communityId)}`
    : siteId
      ? `/sites/${encodeURIComponent(siteId)}`
      : municipalityId
        ? `/municipalities/${municipalityId}/events`
        : '/region/events';
  const levels: NetworkLevel[] = organiser.id ? ['MUNICIPAL', 'SCHOOL', 'REGIONAL'] : municipalityId ? ['MUNICIPAL', 'SCHOOL'] : ['REGIONAL'];
  // Internships are held by their host site only.
  const kinds = EVENT_KINDS.filter((k) => (k === 'INTERNSHIP' ? organiser.kind === 'SITE' : true));
  const [v, setV] = useState({
    kind: 'SEMINAR' as MethodEventKind,
    title: '',
    level: levels[0]!,
    startsAt: '',
    endsAt: '',
    place: '',
    onlineUrl: '',
    subjects: '',
    positions: '',
    capacity: 30 as number | string,
    moderated: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((x) => ({ ...x, [k]: value }));

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!v.title.trim()) missing['title'] = c.common.required;
    if (!v.startsAt) missing['startsAt'] = c.common.required;
    if (!v.endsAt) missing['endsAt'] = c.common.required;
    setErrors(missing);
    if (Object.keys(missing).length) return setMessage(null);
    setBusy(true);
    const r = await publish({
      input: {
        kind: v.kind,
        title: v.title.trim(),
        organiserKind: organiser.kind,
        organiserId: organiser.id,
        level: v.level,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        place: v.place.trim() || null,
        onlineUrl: v.onlineUrl.trim() || null,
        subjects: splitList(v.subjects),
        positions: splitList(v.positions),
        capacity: typeof v.capacity === 'number' ? v.capacity : Number(v.capacity),
        moderated: v.moderated,
      },
    });
    setBusy(false);
    const d = describe(r.error);
    if (d) {
      const fields = Object.fromEntries(Object.entries(d.fields).map(([k, m]) => [k.replace(/^input\./, '').replace(/^audience\./, ''), m]));
      setErrors(fields);
      setMessage(Object.keys(fields).length ? null : d.message);
      return;
    }
    report(undefined, f.published);
    navigate(`/events/${encodeURIComponent(r.data!.publishMethodEvent.id)}`);
  };

  return (
    <Page
      title={f.newTitle}
      actions={
        <Button variant="default" component={Link} to={base} leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {c.common.back}
        </Button>
      }
    >
      <Paper withBorder p="md" radius="md" maw={900}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={f.kind}
                required
                allowDeselect={false}
                data={kinds.map((k) => ({ value: k, label: label('MethodEventKind', k) }))}
                value={v.kind}
                onChange={(x) => x && set('kind', x as MethodEventKind)}
                error={errors['kind']}
              />
              <Select
                label={f.level}
                required
                allowDeselect={false}
                data={levels.map((l) => ({ value: l, label: label('NetworkLevel', l) }))}
                value={v.level}
                onChange={(x) => x && set('level', x as NetworkLevel)}
                error={errors['level']}
              />
            </SimpleGrid>
            <TextInput label={f.title_} required value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors['title']} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="datetime-local"
                label={f.startsAt}
                required
                value={v.startsAt}
                onChange={(e) => set('startsAt', e.currentTarget.value)}
                error={errors['startsAt']}
              />
              <TextInput
                type="datetime-local"
                label={f.endsAt}
                required
                value={v.endsAt}
                onChange={(e) => set('endsAt', e.currentTarget.value)}
                error={errors['endsAt']}
              />
              <TextInput
                label={f.place}
                description={f.placeHint}
                value={v.place}
                onChange={(e) => set('place', e.currentTarget.value)}
                error={errors['place']}
              />
              <TextInput label={f.onlineUrl} value={v.onlineUrl} onChange={(e) => set('onlineUrl', e.currentTarget.value)} error={errors['onlineUrl']} />
              <TextInput label={f.subjects} value={v.subjects} onChange={(e) => set('subjects', e.currentTarget.value)} error={errors['subjects']} />
              <TextInput label={f.positions} value={v.positions} onChange={(e) => set('positions', e.currentTarget.value)} error={errors['positions']} />
              <NumberInput
                label={f.capacity}
                required
                value={v.capacity}
                onChange={(x) => set('capacity', x)}
                error={errors['capacity']}
                allowDecimal={false}
              />
            </SimpleGrid>
            <Checkbox label={f.moderated} checked={v.moderated} onChange={(e) => set('moderated', e.currentTarget.checked)} />
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {f.submit}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
};
