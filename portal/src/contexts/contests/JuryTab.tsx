import { ActionIcon, Alert, Badge, Button, Checkbox, Divider, Group, Radio, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { OrganiserStageQuery } from '../../gql/graphql';
import { t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { juryInput, jurorIdOfDraft, MemberDraft } from './contests-helpers';
import { CommandForm } from './contests-ui';
import { APPOINT_JURY, JURY_EDUCATORS, MUNICIPALITY_NAMES, ORGANIZATION_NAMES } from './operations';

const j = t.contests.jury;
type Stage = NonNullable<OrganiserStageQuery['olympiadStage']>;
type Member = NonNullable<Stage['jury']>[number];
const AS_PUBLIC = { fetchOptions: { headers: {} } };

const drafts = (jury: Stage['jury']): MemberDraft[] =>
  (jury ?? []).map((m) => ({
    educatorId: m.educator ? m.educator.id : null,
    expertId: m.educator ? null : m.jurorId,
    organizationId: m.organization?.id ?? null,
    chair: m.chair,
    appealCommission: m.appealCommission,
    label: m.educator?.fullName ?? m.jurorId,
  }));

/**
 * The jury of a stage: educators of the directory (the municipality's for its stages; any
 * municipality's for the regional stage) and external experts by their id, exactly one chair,
 * the appeal commission ticked.
 */
const JuryForm = ({ stage, onDone }: { stage: Stage; onDone: () => void }) => {
  const region = stage.organiser === 'region';
  const [members, setMembers] = useState<MemberDraft[]>(drafts(stage.jury));
  const [municipalityId, setMunicipalityId] = useState<string | null>(region ? null : stage.organiser);
  const [educatorId, setEducatorId] = useState<string | null>(null);
  const [expertId, setExpertId] = useState('');
  const [expertOrganization, setExpertOrganization] = useState<string | null>(null);
  const [municipalities] = useQuery({ query: MUNICIPALITY_NAMES, context: AS_PUBLIC, pause: !region });
  // The methodologist's token reads their own municipality's educators; the operator names the municipality.
  const [educators] = useQuery({
    query: JURY_EDUCATORS,
    variables: { filter: { status: 'ACTIVE', ...(region && municipalityId ? { municipalityId } : {}) } },
    pause: region && !municipalityId,
  });
  const [organizations] = useQuery({
    query: ORGANIZATION_NAMES,
    variables: { filter: municipalityId ? { municipalityId } : {} },
    context: AS_PUBLIC,
  });
  const [, appoint] = useMutation(APPOINT_JURY);
  const chosen = new Set(members.map(jurorIdOfDraft));
  const input = juryInput(members);
  const problem = input.problem && { EMPTY: j.problemEmpty, CHAIR: j.problemChair, TWICE: j.problemTwice }[input.problem];
  const set = (i: number, patch: Partial<MemberDraft>) => setMembers(members.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  const chairIndex = members.findIndex((m) => m.chair);

  const addEducator = () => {
    const e = educators.data?.educators.nodes.find((x) => x.id === educatorId);
    if (!e) return;
    setMembers([
      ...members,
      {
        educatorId: e.id,
        expertId: null,
        organizationId: e.organization.id,
        chair: !members.length,
        appealCommission: false,
        label: `${e.fullName ?? e.id} (${e.organization.name})`,
      },
    ]);
    setEducatorId(null);
  };
  const addExpert = () => {
    const id = expertId.trim();
    if (!id) return;
    const school = organizations.data?.organizations.nodes.find((o) => o.id === expertOrganization);
    setMembers([
      ...members,
      {
        educatorId: null,
        expertId: id,
        organizationId: expertOrganization,
        chair: !members.length,
        appealCommission: false,
        label: school ? `${id} (${school.name})` : id,
      },
    ]);
    setExpertId('');
    setExpertOrganization(null);
  };

  return (
    <CommandForm
      fields={['members']}
      submitLabel={j.appoint}
      done={j.appointed}
      onDone={onDone}
      check={(): Record<string, string> => (problem ? { members: problem } : {})}
      run={() => appoint({ input: { stageId: stage.id, members: input.members } })}
    >
      {(errors) => (
        <>
          <Table withTableBorder verticalSpacing="xs" data-testid="jury-draft">
            <Table.Caption>{j.members(members.length)}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{j.member}</Table.Th>
                <Table.Th scope="col">{j.chair}</Table.Th>
                <Table.Th scope="col">{j.appealCommission}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t.app.actions}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m, i) => (
                <Table.Tr key={jurorIdOfDraft(m) || i}>
                  <Table.Td>
                    {m.label}
                    {!m.educatorId && (
                      <Badge ml={6} size="xs">
                        {j.external}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Radio
                      name="jury-chair"
                      checked={chairIndex === i}
                      onChange={() => setMembers(members.map((x, k) => ({ ...x, chair: k === i })))}
                      aria-label={j.chairOf(m.label)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      checked={m.appealCommission}
                      onChange={(e) => set(i, { appealCommission: e.currentTarget.checked })}
                      aria-label={j.commissionOf(m.label)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" onClick={() => setMembers(members.filter((_, k) => k !== i))} aria-label={j.remove(m.label)}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {errors['members'] && (
            <Alert color="red" role="alert">
              {errors['members']}
            </Alert>
          )}
          <Divider label={j.addEducator} labelPosition="left" />
          <Group align="flex-end" wrap="wrap">
            {region && (
              <Select
                label={j.educatorMunicipality}
                searchable
                data={(municipalities.data?.municipalities.nodes ?? []).map((m) => ({ value: m.id, label: m.name }))}
                value={municipalityId}
                onChange={(v) => {
                  setMunicipalityId(v);
                  setEducatorId(null);
                }}
                w={260}
              />
            )}
            <Select
              label={j.addEducator}
              placeholder={j.pickEducator}
              searchable
              data={(educators.data?.educators.nodes ?? [])
                .filter((e) => !chosen.has(e.id))
                .map((e) => ({ value: e.id, label: `${e.fullName ?? e.id} — ${e.organization.name}` }))}
              value={educatorId}
              onChange={setEducatorId}
              w={360}
            />
            <Button leftSection={<IconPlus size={14} aria-hidden />} onClick={addEducator} disabled={!educatorId}>
              {j.add}
            </Button>
          </Group>
          <Divider label={j.external} labelPosition="left" />
          <Group align="flex-end" wrap="wrap">
            <TextInput label={j.expertId} description={j.expertIdHint} value={expertId} onChange={(e) => setExpertId(e.currentTarget.value)} w={260} />
            <Select
              label={j.expertOrganization}
              clearable
              searchable
              data={(organizations.data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={expertOrganization}
              onChange={setExpertOrganization}
              w={300}
            />
            <Button
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={addExpert}
              disabled={!expertId.trim() || chosen.has(expertId.trim())}
            >
              {j.add}
            </Button>
          </Group>
        </>
      )}
    </CommandForm>
  );
};

/** The jury tab: who is on it (chair, appeal commission), how many works of their own school each may not score, and appointing it. */
export const JuryTab = ({ stage, canEdit, onChange }: { stage: Stage; canEdit: boolean; onChange: () => void }) => {
  const conflicts = new Map((stage.juryConflicts ?? []).map((x) => [x.jurorId, x.conflicts]));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {j.caption}
        </Title>
        {canEdit && stage.status === 'SCHEDULED' && (
          <Button
            leftSection={<IconUsersGroup size={16} aria-hidden />}
            onClick={() => modals.open({ title: j.appointTitle, children: <JuryForm stage={stage} onDone={onChange} />, size: 'xl' })}
          >
            {j.appoint}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {j.conflictsHint}
      </Text>
      <DataTable<Member>
        caption={j.caption}
        fileName={`jury-${stage.id}`}
        rows={stage.jury ?? []}
        rowKey={(m) => m.jurorId}
        empty={j.empty}
        columns={[
          { title: j.member, value: (m) => m.educator?.fullName ?? m.jurorId },
          { title: j.organization, value: (m) => m.organization?.name ?? (m.educator ? null : j.external) },
          { title: j.chair, value: (m) => (m.chair ? t.app.yes : null) },
          { title: j.appealCommission, value: (m) => (m.appealCommission ? t.app.yes : null) },
          {
            title: j.conflicts,
            value: (m) => conflicts.get(m.jurorId) ?? 0,
            render: (m) => {
              const n = conflicts.get(m.jurorId) ?? 0;
              return n ? <Badge color="orange">{n}</Badge> : '0';
            },
          },
        ]}
      />
    </Stack>
  );
};
