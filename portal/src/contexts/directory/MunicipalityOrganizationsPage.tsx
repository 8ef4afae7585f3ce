import { Alert, Button, Group, Select, Textarea, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { ReactNode, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { usePaged } from '../../api/paged';
import type { DirOrganizationRowFragment, OrganizationKind, OrganizationStatus } from '../../gql/graphql';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { CommandForm } from './CommandForm';
import { CLOSE_ORGANIZATION, ORGANIZATION_HISTORY, ORGANIZATIONS, REGISTER_ORGANIZATION, UPDATE_ORGANIZATION } from './operations';

const KINDS: OrganizationKind[] = ['SCHOOL', 'KINDERGARTEN', 'ADDITIONAL_EDUCATION', 'OTHER'];
const s = t.dirOrganizations;
const blankToNull = (v: string) => (v.trim() ? v.trim() : null);

/** Registering a new organisation, or changing one (the same fields). */
const OrganizationForm = ({ existing, onDone }: { existing?: DirOrganizationRowFragment; onDone: () => void }) => {
  const [name, setName] = useState(existing?.name ?? '');
  const [shortName, setShortName] = useState(existing?.shortName ?? '');
  const [kind, setKind] = useState<OrganizationKind>(existing?.kind ?? 'SCHOOL');
  const [inn, setInn] = useState(existing?.inn ?? '');
  const [, register] = useMutation(REGISTER_ORGANIZATION);
  const [, update] = useMutation(UPDATE_ORGANIZATION);
  const fields = { name: name.trim(), shortName: blankToNull(shortName), kind, inn: blankToNull(inn) };
  return (
    <CommandForm
      fields={['name', 'shortName', 'kind', 'inn']}
      submitLabel={existing ? t.app.save : s.register}
      done={existing ? s.saved : s.registered}
      onDone={onDone}
      run={() => (existing ? update({ input: { id: existing.id, ...fields } }) : register({ input: fields }))}
    >
      {(errors) => (
        <>
          <TextInput label={t.directory.name} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['name']} data-autofocus />
          <TextInput label={s.shortName} value={shortName} onChange={(e) => setShortName(e.currentTarget.value)} error={errors['shortName']} />
          <Select
            label={t.directory.kind}
            required
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: label('OrganizationKind', k) }))}
            value={kind}
            onChange={(v) => v && setKind(v as OrganizationKind)}
            error={errors['kind']}
          />
          <TextInput label={s.inn} value={inn} onChange={(e) => setInn(e.currentTarget.value)} error={errors['inn']} inputMode="numeric" />
        </>
      )}
    </CommandForm>
  );
};

const CloseForm = ({ organization, onDone }: { organization: DirOrganizationRowFragment; onDone: () => void }) => {
  const [reason, setReason] = useState('');
  const [, close] = useMutation(CLOSE_ORGANIZATION);
  return (
    <CommandForm
      fields={['reason']}
      submitLabel={s.close}
      submitColor="red"
      done={s.closed}
      onDone={onDone}
      run={() => close({ input: { id: organization.id, reason } })}
    >
      {(errors) => (
        <>
          <Alert color="orange" title={s.closeWarning}>
            {organization.name}
          </Alert>
          <Textarea
            label={s.closeReason}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors['reason']}
            autosize
            minRows={2}
            data-autofocus
          />
        </>
      )}
    </CommandForm>
  );
};

/** The methodologist's organisations: register, change, close, each with its history. */
export const MunicipalityOrganizationsPage = () => {
  const { municipalityId } = useParams();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'ACTIVE') as OrganizationStatus | 'ANY';
  const nameContains = params.get('name') ?? '';
  const [nameFilter] = useDebouncedValue(nameContains.trim(), 300);
  const list = usePaged(
    ORGANIZATIONS,
    { filter: { ...(status !== 'ANY' ? { status } : {}), ...(nameFilter ? { nameContains: nameFilter } : {}) } },
    (d) => d.organizations,
  );
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const open = (title: string, children: ReactNode) => modals.open({ title, children, size: 'lg' });

  return (
    <Page
      title={s.title}
      intro={s.intro}
      actions={
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open(s.registerTitle, <OrganizationForm onDone={list.reload} />)}>
          {s.register}
        </Button>
      }
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput label={s.nameContains} value={nameContains} onChange={(e) => setParam('name', e.currentTarget.value || null)} maw={320} />
        <Select
          label={s.status}
          allowDeselect={false}
          data={[
            { value: 'ACTIVE', label: label('OrganizationStatus', 'ACTIVE') },
            { value: 'CLOSED', label: label('OrganizationStatus', 'CLOSED') },
            { value: 'ANY', label: t.app.any },
          ]}
          value={status}
          onChange={(v) => setParam('status', v === 'ACTIVE' ? null : v)}
          maw={220}
        />
      </Group>
      <DataTable
        caption={s.title}
        fileName="organizations"
        paged={list}
        rowKey={(o) => o.id}
        empty={s.empty}
        columns={[
          { title: t.directory.name, value: (o) => o.name },
          { title: s.shortName, value: (o) => o.shortName },
          { title: t.directory.kind, value: (o) => label('OrganizationKind', o.kind) },
          { title: s.inn, value: (o) => o.inn },
          { title: s.status, value: (o) => label('OrganizationStatus', o.status) },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (o) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  variant="subtle"
                  component={Link}
                  to={`/municipalities/${municipalityId}/educators?organization=${o.id}`}
                  aria-label={t.dirEducators.actionsFor(s.educators, o.name)}
                >
                  {s.educators}
                </Button>
                <HistoryButton title={o.name} query={ORGANIZATION_HISTORY} variables={{ id: o.id }} pick={(d) => d.organization?.history} />
                {o.status === 'ACTIVE' && (
                  <>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => open(`${s.editTitle}: ${o.name}`, <OrganizationForm existing={o} onDone={list.reload} />)}
                      aria-label={t.dirEducators.actionsFor(s.edit, o.name)}
                    >
                      {s.edit}
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      onClick={() => open(`${s.closeTitle}: ${o.name}`, <CloseForm organization={o} onDone={list.reload} />)}
                      aria-label={t.dirEducators.actionsFor(s.close, o.name)}
                    >
                      {s.close}
                    </Button>
                  </>
                )}
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
