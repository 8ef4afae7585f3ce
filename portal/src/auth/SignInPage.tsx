import { Alert, Button, Paper, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { FormEvent, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { t } from '../i18n/ru';
import { Page } from '../ui/Page';
import type { Claims } from './claims';
import { useSession } from './session';

const MUNICIPALITIES = graphql(`
  query SignInMunicipalities {
    municipalities(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

const ORGANIZATIONS = graphql(`
  query SignInOrganizations($municipalityId: ID!) {
    organizations(filter: { municipalityId: $municipalityId, status: ACTIVE }, first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

type Role = Claims['role'];
const ROLES: Role[] = ['teacher', 'school_coordinator', 'municipal_methodologist', 'regional_operator', 'juror', 'expert'];
/** A juror is an educator of the region (picked like a teacher) or an external expert (by the id the organiser put on the jury). */
type JurorKind = 'educator' | 'expert';
const needs = (role: Role, juror: JurorKind) => {
  const expert = role === 'juror' && juror === 'expert';
  return {
    municipality: role !== 'regional_operator' && !expert,
    organization: role === 'teacher' || role === 'school_coordinator' || (role === 'juror' && !expert),
    educator: role === 'teacher' || (role === 'juror' && !expert),
    expert,
  };
};

/** Only a path inside the portal: a crafted `next` must not send anyone elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

/**
 * Development sign-in: the stand-in identity provider of the local run (POST /dev/login on the
 * gateway). A production deployment signs in with its identity provider instead (portal/README.md).
 */
export const SignInPage = () => {
  const { signIn, endedBecause } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [role, setRole] = useState<Role>('teacher');
  const [municipalityId, setMunicipalityId] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [educatorId, setEducatorId] = useState<string | null>(null);
  const [jurorKind, setJurorKind] = useState<JurorKind>('educator');
  const [expertId, setExpertId] = useState('');
  const [educators, setEducators] = useState<{ id: string; fullName: string | null; position: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [busy, setBusy] = useState(false);
  const need = needs(role, jurorKind);

  const [municipalities] = useQuery({ query: MUNICIPALITIES });
  const [organizations] = useQuery({ query: ORGANIZATIONS, variables: { municipalityId: municipalityId ?? '' }, pause: !municipalityId || !need.organization });

  useEffect(() => {
    setEducators([]);
    setEducatorId(null);
    if (!organizationId || !need.educator) return;
    fetch(`/dev/educators?organizationId=${encodeURIComponent(organizationId)}`)
      .then(async (r) => {
        if (r.status === 404) return setUnavailable(true);
        const body = await r.json();
        setEducators(body.educators ?? []);
      })
      .catch(() => setError(t.errors.network));
  }, [organizationId, need.educator]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await fetch('/dev/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          need.expert
            ? { role, expertId: expertId.trim() }
            : { role, municipalityId, organizationId: role === 'juror' ? null : organizationId, educatorId: need.educator ? educatorId : null },
        ),
      });
      if (r.status === 404) return setUnavailable(true);
      const body = await r.json();
      if (!r.ok) return setError(body.errors?.[0]?.message ?? t.errors.internal(null));
      if (signIn(body.token)) navigate(safeNext(params.get('next')), { replace: true });
    } catch {
      setError(t.errors.network);
    } finally {
      setBusy(false);
    }
  };

  const ready =
    (!need.municipality || municipalityId) && (!need.organization || organizationId) && (!need.educator || educatorId) && (!need.expert || expertId.trim());
  return (
    <Page title={t.signIn.title}>
      <Paper withBorder p="lg" radius="md" maw={520}>
        <form onSubmit={submit}>
          <Stack>
            {endedBecause === 'expired' && (
              <Alert color="yellow" role="status">
                {t.signIn.expired}
              </Alert>
            )}
            {endedBecause === 'signed-out' && <Alert role="status">{t.signIn.signedOut}</Alert>}
            <Text size="sm" c="dimmed">
              <IconInfoCircle size={14} aria-hidden /> {t.signIn.devNotice}
            </Text>
            {unavailable && <Alert color="red">{t.signIn.unavailable}</Alert>}
            <Select
              label={t.signIn.role}
              data={ROLES.map((r) => ({ value: r, label: t.roles[r]! }))}
              value={role}
              onChange={(v) => {
                setRole((v as Role) ?? 'teacher');
                setOrganizationId(null);
              }}
              allowDeselect={false}
            />
            {role === 'juror' && (
              <Radio.Group label={t.signIn.jurorKind} value={jurorKind} onChange={(v) => setJurorKind(v as JurorKind)}>
                <Stack gap="xs" mt="xs">
                  <Radio value="educator" label={t.signIn.jurorEducator} />
                  <Radio value="expert" label={t.signIn.jurorExpert} />
                </Stack>
              </Radio.Group>
            )}
            {need.expert && (
              <TextInput
                label={t.signIn.expertId}
                description={t.signIn.expertIdHint}
                required
                value={expertId}
                onChange={(e) => setExpertId(e.currentTarget.value)}
              />
            )}
            {need.municipality && (
              <Select
                label={t.signIn.municipality}
                placeholder={t.signIn.pickMunicipality}
                searchable
                data={(municipalities.data?.municipalities.nodes ?? []).map((m) => ({ value: m.id, label: m.name }))}
                value={municipalityId}
                onChange={(v) => {
                  setMunicipalityId(v);
                  setOrganizationId(null);
                }}
              />
            )}
            {need.organization && municipalityId && (
              <Select
                label={t.signIn.organization}
                placeholder={t.signIn.pickOrganization}
                searchable
                data={(organizations.data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: o.name }))}
                value={organizationId}
                onChange={setOrganizationId}
              />
            )}
            {need.educator && organizationId && (
              <Select
                label={t.signIn.educator}
                placeholder={t.signIn.pickEducator}
                searchable
                data={educators.map((x) => ({ value: x.id, label: `${x.fullName ?? x.id} — ${x.position}` }))}
                value={educatorId}
                onChange={setEducatorId}
              />
            )}
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Button type="submit" disabled={!ready} loading={busy}>
              {t.signIn.submit}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
};
