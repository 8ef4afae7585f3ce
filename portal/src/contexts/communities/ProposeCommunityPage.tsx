import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { CommunityKind, NetworkLevel } from '../../gql/graphql';
import { label } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { COMMUNITY_KINDS } from './CommunitiesPage';
import { c, describe, report } from './communities-ui';
import { ORGANIZATIONS, PROPOSE_COMMUNITY } from './operations';

const f = c.community;
const PERMANENT: CommunityKind[] = ['SCHOOL_ASSOCIATION', 'MUNICIPAL_ASSOCIATION', 'EXPERT_COMMUNITY'];

/** The methodologist proposes a community of the municipality: kind, level, name, subject or direction, school, term and task. */
export const ProposeCommunityPage = () => {
  const navigate = useNavigate();
  const [, propose] = useMutation(PROPOSE_COMMUNITY);
  const [orgs] = useQuery({ query: ORGANIZATIONS, variables: { filter: { status: 'ACTIVE' }, first: 200 } });
  const [v, setV] = useState({
    kind: 'MUNICIPAL_ASSOCIATION' as CommunityKind,
    level: 'MUNICIPAL' as NetworkLevel,
    name: '',
    subject: '',
    direction: '',
    host: null as string | null,
    from: '',
    to: '',
    task: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((x) => ({ ...x, [k]: value }));
  const temporary = !PERMANENT.includes(v.kind);

  const submit = async () => {
    if (!v.name.trim()) return setErrors({ name: c.common.required });
    const r = await propose({
      input: {
        kind: v.kind,
        level: v.level,
        name: v.name.trim(),
        subject: v.subject.trim() || null,
        direction: v.direction.trim() || null,
        hostOrganizationId: v.host,
        term: temporary && (v.from || v.to) ? { from: v.from, to: v.to } : null,
        task: temporary ? v.task.trim() || null : null,
      },
    });
    const d = describe(r.error);
    if (d) {
      const fields = Object.fromEntries(
        Object.entries(d.fields).map(([k, m]) => [
          k
            .replace(/^input\./, '')
            .replace(/^term\.from$/, 'from')
            .replace(/^term\.to$/, 'to'),
          m,
        ]),
      );
      setErrors(fields);
      setMessage(Object.keys(fields).length ? null : d.message);
      return;
    }
    report(undefined, f.proposed);
    navigate(`/communities/${encodeURIComponent(r.data!.proposeCommunity.id)}`);
  };

  return (
    <Page
      title={f.proposeTitle}
      actions={
        <Button variant="default" component={Link} to="/communities" leftSection={<IconArrowLeft size={16} aria-hidden />}>
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
                label={c.common.kind}
                required
                allowDeselect={false}
                data={COMMUNITY_KINDS.map((k) => ({ value: k, label: label('CommunityKind', k) }))}
                value={v.kind}
                onChange={(x) => {
                  if (!x) return;
                  set('kind', x as CommunityKind);
                  if (x === 'SCHOOL_ASSOCIATION') set('level', 'SCHOOL');
                  else if (v.level === 'SCHOOL') set('level', 'MUNICIPAL');
                }}
                error={errors['kind']}
              />
              <Select
                label={c.common.level}
                required
                allowDeselect={false}
                data={(['SCHOOL', 'MUNICIPAL'] as NetworkLevel[]).map((l) => ({ value: l, label: label('NetworkLevel', l) }))}
                value={v.level}
                onChange={(x) => x && set('level', x as NetworkLevel)}
                error={errors['level']}
              />
            </SimpleGrid>
            <TextInput label={f.name} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors['name']} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={c.common.subject} value={v.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors['subject']} />
              <TextInput label={c.common.direction} value={v.direction} onChange={(e) => set('direction', e.currentTarget.value)} error={errors['direction']} />
            </SimpleGrid>
            <Select
              label={f.host}
              clearable
              searchable
              data={(orgs.data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={v.host}
              onChange={(x) => set('host', x)}
              error={errors['hostOrganizationId']}
            />
            {temporary && (
              <>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    type="date"
                    label={f.termFrom}
                    description={f.termHint}
                    value={v.from}
                    onChange={(e) => set('from', e.currentTarget.value)}
                    error={errors['from'] ?? errors['term']}
                  />
                  <TextInput type="date" label={f.termTo} value={v.to} onChange={(e) => set('to', e.currentTarget.value)} error={errors['to']} />
                </SimpleGrid>
                <Textarea label={f.task} value={v.task} onChange={(e) => set('task', e.currentTarget.value)} error={errors['task']} autosize minRows={2} />
              </>
            )}
            <Group justify="flex-end">
              <Button type="submit">{f.submit}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
};
