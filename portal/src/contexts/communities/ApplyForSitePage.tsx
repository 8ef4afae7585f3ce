import { Alert, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { SiteStatusKind } from '../../gql/graphql';
import { label } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { c, describe, report } from './communities-ui';
import { APPLY_FOR_SITE, ORGANIZATIONS, SITE_CALLS } from './operations';
import { CardDraft, cardInput, emptyCard } from './project-card';
import { ProjectCardFields } from './ProjectCardFields';

const s = c.sites;

/** The host school's coordinator applies for a site status in an open call: status, direction, partner schools and the project card. */
export const ApplyForSitePage = () => {
  const { organizationId = '' } = useParams();
  const { session } = useSession();
  const navigate = useNavigate();
  const [, apply] = useMutation(APPLY_FOR_SITE);
  const [calls] = useQuery({ query: SITE_CALLS, variables: { municipalityId: session?.claims.municipalityId ?? null } });
  const [orgs] = useQuery({ query: ORGANIZATIONS, variables: { filter: { status: 'ACTIVE' }, first: 200 } });
  const open = (calls.data?.siteCalls ?? []).filter((x) => x.open);
  const [callId, setCallId] = useState<string | null>(null);
  const call = open.find((x) => x.id === callId) ?? (open.length === 1 ? open[0] : undefined);
  const [status, setStatus] = useState<SiteStatusKind | null>(null);
  const [direction, setDirection] = useState('');
  const [partners, setPartners] = useState<string[]>([]);
  const [card, setCard] = useState<CardDraft>(emptyCard);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = `/schools/${organizationId}/sites`;

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!call) missing['call'] = c.common.required;
    if (!status) missing['status'] = c.common.required;
    if (!direction.trim()) missing['direction'] = c.common.required;
    if (!card.theme.trim()) missing['theme'] = c.common.required;
    if (!card.goals.trim()) missing['goals'] = c.common.required;
    setErrors(missing);
    setMessage(null);
    if (Object.keys(missing).length || !call || !status) return;
    setBusy(true);
    const r = await apply({
      input: { status, level: call.level, direction: direction.trim(), organizationIds: [organizationId, ...partners], card: cardInput(card) },
    });
    setBusy(false);
    const d = describe(r.error);
    if (d) {
      const fields = Object.fromEntries(Object.entries(d.fields).map(([k, m]) => [k.split('.').pop()!, m]));
      setErrors(fields);
      setMessage(Object.keys(fields).length ? null : d.message);
      return;
    }
    report(undefined, s.applied);
    navigate(`/sites/${encodeURIComponent(r.data!.applyForSiteStatus.id)}`);
  };

  return (
    <Page
      title={s.applyTitle}
      intro={s.applyIntro}
      actions={
        <Button variant="default" component={Link} to={back} leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {s.schoolTitle}
        </Button>
      }
    >
      <Paper withBorder p="md" radius="md" maw={1000}>
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
            {calls.data && !open.length && <Alert color="gray">{s.noOpenCalls}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={s.call}
                required
                allowDeselect={false}
                data={open.map((x) => ({ value: x.id, label: `${x.title} (${label('SiteLevel', x.level)})` }))}
                value={call?.id ?? null}
                onChange={(v) => {
                  setCallId(v);
                  setStatus(null);
                }}
                error={errors['call']}
              />
              <Select
                label={s.status}
                required
                data={(call?.statuses ?? []).map((x) => ({ value: x, label: label('SiteStatusKind', x) }))}
                value={status}
                onChange={(v) => setStatus(v as SiteStatusKind | null)}
                error={errors['status']}
              />
            </SimpleGrid>
            <TextInput
              label={c.common.direction}
              required
              value={direction}
              onChange={(e) => setDirection(e.currentTarget.value)}
              error={errors['direction']}
            />
            <MultiSelect
              label={s.partners}
              description={s.partnersHint}
              searchable
              clearable
              data={(orgs.data?.organizations.nodes ?? []).filter((o) => o.id !== organizationId).map((o) => ({ value: o.id, label: o.name }))}
              value={partners}
              onChange={setPartners}
              error={errors['organizationIds']}
            />
            <ProjectCardFields value={card} onChange={setCard} errors={errors} />
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {s.apply}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
};
