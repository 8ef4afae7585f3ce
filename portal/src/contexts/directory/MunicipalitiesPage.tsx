import { Button, Group, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { usePaged } from '../../api/paged';
import { formatDateTime } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { CommandForm } from './CommandForm';
import { MUNICIPALITIES, MUNICIPALITY_HISTORY, ONBOARD_MUNICIPALITY } from './operations';

const s = t.dirMunicipalities;

const OnboardForm = ({ onDone }: { onDone: () => void }) => {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [oktmo, setOktmo] = useState('');
  const [, onboard] = useMutation(ONBOARD_MUNICIPALITY);
  return (
    <CommandForm
      fields={['id', 'name', 'oktmo']}
      submitLabel={s.onboard}
      done={s.onboarded}
      onDone={onDone}
      run={() => onboard({ input: { id: id.trim(), name: name.trim(), oktmo: oktmo.trim() } })}
    >
      {(errors) => (
        <>
          <TextInput
            label={s.id}
            description={s.idHint}
            required
            value={id}
            onChange={(e) => setId(e.currentTarget.value)}
            error={errors['id']}
            data-autofocus
          />
          <TextInput label={s.name} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['name']} />
          <TextInput
            label={s.oktmo}
            description={s.oktmoHint}
            required
            inputMode="numeric"
            value={oktmo}
            onChange={(e) => setOktmo(e.currentTarget.value)}
            error={errors['oktmo']}
          />
        </>
      )}
    </CommandForm>
  );
};

/** The regional operator's municipalities: onboarding a new one, each one's history, on to its indicators. */
export const MunicipalitiesPage = () => {
  const list = usePaged(MUNICIPALITIES, {}, (d) => d.municipalities);
  return (
    <Page
      title={s.title}
      intro={s.intro}
      actions={
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => modals.open({ title: s.onboardTitle, children: <OnboardForm onDone={list.reload} />, size: 'lg' })}
        >
          {s.onboard}
        </Button>
      }
    >
      <DataTable
        caption={s.title}
        fileName="municipalities"
        paged={list}
        rowKey={(m) => m.id}
        empty={s.empty}
        columns={[
          { title: s.name, value: (m) => m.name },
          { title: s.id, value: (m) => m.id },
          { title: s.oktmo, value: (m) => m.oktmo },
          { title: t.dirOrganizations.status, value: (m) => label('MunicipalityStatus', m.status) },
          { title: s.onboardedAt, value: (m) => formatDateTime(m.onboardedAt) },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (m) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  variant="subtle"
                  component={Link}
                  to={`/municipalities/${m.id}/indicators`}
                  aria-label={t.dirEducators.actionsFor(t.dirOrganizations.indicators, m.name)}
                >
                  {t.dirOrganizations.indicators}
                </Button>
                <HistoryButton title={m.name} query={MUNICIPALITY_HISTORY} variables={{ id: m.id }} pick={(d) => d.municipality?.history} />
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
