import { Alert, Badge, Button, Checkbox, Group, Menu, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconChevronDown, IconPlus } from '@tabler/icons-react';
import { ReactNode, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePaged } from '../../api/paged';
import { useSession } from '../../auth/session';
import type { DirEducatorRowFragment, EducatorStatus, QualificationCategory } from '../../gql/graphql';
import { formatDate, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { CommandForm, splitList } from './CommandForm';
import {
  EDUCATOR_HISTORY,
  EDUCATORS,
  ERASE_PERSONAL_DATA,
  MOVE_EDUCATOR,
  MUNICIPALITY_CHOICES,
  ORGANIZATION_CHOICES,
  RECORD_LEAVING,
  REGISTER_EDUCATOR,
  UPDATE_EDUCATOR,
} from './operations';

const s = t.dirEducators;
const CATEGORIES: QualificationCategory[] = ['NONE', 'FIRST', 'HIGHEST', 'METHODIST', 'MENTOR'];
const STATUSES: EducatorStatus[] = ['ACTIVE', 'LEFT', 'TRANSFERRED'];
/**
 * Another municipality's municipalities and organisations are public reference data: read as the
 * public reads them (no token), since a methodologist's own token sees only their municipality.
 */
const AS_PUBLIC = { fetchOptions: { headers: {} } };
const nameOf = (e: DirEducatorRowFragment) => e.fullName ?? s.erasedName;

/** The active organisations of the caller's municipality (one page of 200), to choose from. */
const useOwnOrganizations = () => {
  const [{ data }] = useQuery({ query: ORGANIZATION_CHOICES, variables: { filter: { status: 'ACTIVE' } } });
  return (data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: o.name }));
};

/** Registering an educator, or changing their record. */
const EducatorForm = ({
  existing,
  fixedOrganization,
  initialOrganization,
  onDone,
}: {
  existing?: DirEducatorRowFragment;
  /** The coordinator's school: not a choice. */
  fixedOrganization?: string;
  initialOrganization?: string;
  onDone: () => void;
}) => {
  const organizations = useOwnOrganizations();
  const [org, setOrg] = useState<string | null>(fixedOrganization ?? initialOrganization ?? null);
  const [fullName, setFullName] = useState(existing?.fullName ?? '');
  const [position, setPosition] = useState(existing?.position ?? '');
  const [subjects, setSubjects] = useState(existing?.subjects.join(', ') ?? '');
  const [careerStartDate, setCareerStartDate] = useState(existing?.careerStartDate ?? '');
  const [category, setCategory] = useState<QualificationCategory>(existing?.qualificationCategory ?? 'NONE');
  const [, register] = useMutation(REGISTER_EDUCATOR);
  const [, update] = useMutation(UPDATE_EDUCATOR);
  return (
    <CommandForm
      fields={['organizationId', 'fullName', 'position', 'subjects', 'careerStartDate', 'qualificationCategory']}
      submitLabel={existing ? t.app.save : s.register}
      done={existing ? s.saved : s.registered}
      onDone={onDone}
      run={() =>
        existing
          ? update({
              input: {
                id: existing.id,
                ...(existing.personalDataErased ? {} : { fullName: fullName.trim() }),
                position: position.trim(),
                subjects: splitList(subjects),
                qualificationCategory: category,
              },
            })
          : register({
              input: {
                organizationId: org ?? '',
                fullName: fullName.trim(),
                position: position.trim(),
                subjects: splitList(subjects),
                careerStartDate,
                qualificationCategory: category,
              },
            })
      }
    >
      {(errors) => (
        <>
          {!existing && !fixedOrganization && (
            <Select
              label={s.organization}
              placeholder={s.pickOrganization}
              required
              searchable
              data={organizations}
              value={org}
              onChange={setOrg}
              error={errors['organizationId']}
            />
          )}
          {!existing?.personalDataErased && (
            <TextInput
              label={s.fullName}
              required
              value={fullName}
              onChange={(e) => setFullName(e.currentTarget.value)}
              error={errors['fullName']}
              data-autofocus
            />
          )}
          <TextInput label={s.position} required value={position} onChange={(e) => setPosition(e.currentTarget.value)} error={errors['position']} />
          <TextInput
            label={s.subjects}
            description={s.subjectsHint}
            value={subjects}
            onChange={(e) => setSubjects(e.currentTarget.value)}
            error={errors['subjects']}
          />
          {!existing && (
            <TextInput
              type="date"
              label={s.careerStart}
              required
              max={regionToday()}
              value={careerStartDate}
              onChange={(e) => setCareerStartDate(e.currentTarget.value)}
              error={errors['careerStartDate']}
            />
          )}
          <Select
            label={s.category}
            allowDeselect={false}
            data={CATEGORIES.map((c) => ({ value: c, label: label('QualificationCategory', c) }))}
            value={category}
            onChange={(v) => v && setCategory(v as QualificationCategory)}
            error={errors['qualificationCategory']}
          />
        </>
      )}
    </CommandForm>
  );
};

/** Another school of the municipality, or (as the releasing municipality) a school of another one. */
const MoveForm = ({ educator, ownMunicipalityId, onDone }: { educator: DirEducatorRowFragment; ownMunicipalityId: string; onDone: () => void }) => {
  const [kind, setKind] = useState<'within' | 'out'>('within');
  const [toMunicipality, setToMunicipality] = useState<string | null>(null);
  const [toOrganization, setToOrganization] = useState<string | null>(null);
  const own = useOwnOrganizations().filter((o) => o.value !== educator.organization.id);
  const [municipalities] = useQuery({ query: MUNICIPALITY_CHOICES, context: AS_PUBLIC, pause: kind !== 'out' });
  const [theirs] = useQuery({
    query: ORGANIZATION_CHOICES,
    variables: { filter: { status: 'ACTIVE', municipalityId: toMunicipality } },
    context: AS_PUBLIC,
    pause: kind !== 'out' || !toMunicipality,
  });
  const [, move] = useMutation(MOVE_EDUCATOR);
  return (
    <CommandForm
      fields={['toOrganizationId', 'toMunicipalityId']}
      submitLabel={s.move}
      done={kind === 'out' ? s.movedOut : s.moved}
      onDone={onDone}
      run={() =>
        move({
          input: { id: educator.id, toOrganizationId: toOrganization ?? '', ...(kind === 'out' && toMunicipality ? { toMunicipalityId: toMunicipality } : {}) },
        })
      }
    >
      {(errors) => (
        <>
          <Radio.Group
            label={s.moveKind}
            value={kind}
            onChange={(v) => {
              setKind(v as 'within' | 'out');
              setToOrganization(null);
            }}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="within" label={s.moveWithin} />
              <Radio value="out" label={s.moveOut} />
            </Stack>
          </Radio.Group>
          {kind === 'out' && (
            <Select
              label={s.toMunicipality}
              required
              searchable
              data={(municipalities.data?.municipalities.nodes ?? []).filter((m) => m.id !== ownMunicipalityId).map((m) => ({ value: m.id, label: m.name }))}
              value={toMunicipality}
              onChange={(v) => {
                setToMunicipality(v);
                setToOrganization(null);
              }}
              error={errors['toMunicipalityId']}
            />
          )}
          <Select
            label={s.toOrganization}
            placeholder={s.pickOrganization}
            required
            searchable
            data={kind === 'out' ? (theirs.data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: o.name })) : own}
            value={toOrganization}
            onChange={setToOrganization}
            error={errors['toOrganizationId']}
          />
        </>
      )}
    </CommandForm>
  );
};

const LeavingForm = ({ educator, onDone }: { educator: DirEducatorRowFragment; onDone: () => void }) => {
  const [reason, setReason] = useState('');
  const [, record] = useMutation(RECORD_LEAVING);
  return (
    <CommandForm
      fields={['reason']}
      submitLabel={s.leaving}
      submitColor="red"
      done={s.left}
      onDone={onDone}
      run={() => record({ input: { id: educator.id, reason } })}
    >
      {(errors) => (
        <Textarea
          label={s.leavingReason}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors['reason']}
          autosize
          minRows={2}
          data-autofocus
        />
      )}
    </CommandForm>
  );
};

/** Erasure names its consequence and asks for an explicit tick before the irreversible button works. */
const EraseForm = ({ educator, onDone }: { educator: DirEducatorRowFragment; onDone: () => void }) => {
  const [understood, setUnderstood] = useState(false);
  const [, erase] = useMutation(ERASE_PERSONAL_DATA);
  return (
    <CommandForm
      fields={[]}
      submitLabel={s.eraseConfirm}
      submitColor="red"
      disabled={!understood}
      done={s.erased}
      onDone={onDone}
      run={() => erase({ id: educator.id })}
    >
      {() => (
        <>
          <Alert color="red" role="note">
            {s.eraseConsequence(nameOf(educator))}
          </Alert>
          <Checkbox label={s.eraseConfirmLabel} checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
        </>
      )}
    </CommandForm>
  );
};

/**
 * Educators: the methodologist's whole municipality (scope 'municipality': filters, moves and
 * erasure too) or one school (scope 'school': the coordinator registers, changes, records leaving).
 */
export const EducatorsPage = ({ scope }: { scope: 'municipality' | 'school' }) => {
  const { municipalityId, organizationId: schoolId } = useParams();
  const { session } = useSession();
  const manager = session?.claims.role === 'municipal_methodologist';
  const [params, setParams] = useSearchParams();
  const organizationId = scope === 'school' ? schoolId : (params.get('organization') ?? undefined);
  const status = (params.get('status') ?? 'ACTIVE') as EducatorStatus | 'ANY';
  const subjectParam = params.get('subject') ?? '';
  const [subject] = useDebouncedValue(subjectParam.trim(), 300);
  const young = params.get('young') === '1';
  const organizations = useOwnOrganizations();
  const list = usePaged(
    EDUCATORS,
    {
      filter: {
        ...(organizationId ? { organizationId } : {}),
        ...(status !== 'ANY' ? { status } : {}),
        ...(subject ? { subject } : {}),
        ...(young ? { youngTeachersOnly: true } : {}),
      },
    },
    (d) => d.educators,
  );
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const open = (title: string, children: ReactNode) => modals.open({ title, children, size: 'lg' });
  const ownMunicipality = municipalityId ?? session?.claims.municipalityId ?? '';
  const schoolName = scope === 'school' ? organizations.find((o) => o.value === schoolId)?.label : undefined;

  return (
    <Page
      title={scope === 'school' ? (schoolName ? `${s.schoolTitle}: ${schoolName}` : s.schoolTitle) : s.title}
      intro={scope === 'school' ? s.schoolIntro : s.intro}
      actions={
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            open(
              s.registerTitle,
              <EducatorForm fixedOrganization={scope === 'school' ? schoolId : undefined} initialOrganization={organizationId} onDone={list.reload} />,
            )
          }
        >
          {s.register}
        </Button>
      }
    >
      <Group align="flex-end" wrap="wrap">
        {scope === 'municipality' && (
          <>
            <Select
              label={s.organization}
              placeholder={t.app.any}
              clearable
              searchable
              data={organizations}
              value={organizationId ?? null}
              onChange={(v) => setParam('organization', v)}
              maw={360}
            />
            <TextInput label={s.subject} value={subjectParam} onChange={(e) => setParam('subject', e.currentTarget.value || null)} maw={220} />
          </>
        )}
        <Select
          label={s.status}
          allowDeselect={false}
          data={[...STATUSES.map((v) => ({ value: v, label: label('EducatorStatus', v) })), { value: 'ANY', label: t.app.any }]}
          value={status}
          onChange={(v) => setParam('status', v === 'ACTIVE' ? null : v)}
          maw={260}
        />
        <Checkbox label={s.youngOnly} checked={young} onChange={(e) => setParam('young', e.currentTarget.checked ? '1' : null)} mb={8} />
      </Group>
      <DataTable
        caption={scope === 'school' ? s.schoolTitle : s.title}
        fileName="educators"
        paged={list}
        rowKey={(e) => e.id}
        empty={scope === 'school' ? s.schoolEmpty : s.empty}
        columns={[
          { title: s.fullName, value: (e) => e.fullName ?? s.erasedName },
          { title: s.position, value: (e) => e.position },
          { title: s.subjects, value: (e) => e.subjects.join(', ') },
          ...(scope === 'municipality' ? [{ title: s.organization, value: (e: DirEducatorRowFragment) => e.organization.name }] : []),
          { title: s.careerStart, value: (e) => formatDate(e.careerStartDate) },
          { title: s.category, value: (e) => label('QualificationCategory', e.qualificationCategory) },
          {
            title: s.status,
            value: (e) => label('EducatorStatus', e.status) + (e.isYoungTeacher ? ` · ${s.young}` : ''),
            render: (e) => (
              <Group gap={4}>
                <Badge color={e.status === 'ACTIVE' ? 'blue' : 'gray'}>{label('EducatorStatus', e.status)}</Badge>
                {e.isYoungTeacher && <Badge color="violet">{s.young}</Badge>}
              </Group>
            ),
          },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (e) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <HistoryButton title={nameOf(e)} query={EDUCATOR_HISTORY} variables={{ id: e.id }} pick={(d) => d.educator?.history} />
                {(e.status === 'ACTIVE' || (manager && !e.personalDataErased)) && (
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button
                        size="xs"
                        variant="light"
                        rightSection={<IconChevronDown size={14} aria-hidden />}
                        aria-label={s.actionsFor(t.app.actions, nameOf(e))}
                      >
                        {t.app.actions}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {e.status === 'ACTIVE' && (
                        <>
                          <Menu.Item onClick={() => open(`${s.editTitle}: ${nameOf(e)}`, <EducatorForm existing={e} onDone={list.reload} />)}>
                            {s.edit}
                          </Menu.Item>
                          {manager && (
                            <Menu.Item
                              onClick={() =>
                                open(`${s.moveTitle}: ${nameOf(e)}`, <MoveForm educator={e} ownMunicipalityId={ownMunicipality} onDone={list.reload} />)
                              }
                            >
                              {s.move}
                            </Menu.Item>
                          )}
                          <Menu.Item onClick={() => open(`${s.leavingTitle}: ${nameOf(e)}`, <LeavingForm educator={e} onDone={list.reload} />)}>
                            {s.leaving}
                          </Menu.Item>
                        </>
                      )}
                      {manager && !e.personalDataErased && (
                        <Menu.Item color="red" onClick={() => open(s.eraseTitle, <EraseForm educator={e} onDone={list.reload} />)}>
                          {s.erase}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
