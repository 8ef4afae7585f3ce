import { Button, Group, MultiSelect, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import type { Described } from '../../api/errors';
import type { CompetenceArea, ProgrammeFieldsFragment, ProgrammeFormat } from '../../gql/graphql';
import { label, t } from '../../i18n/ru';
import { intOrNull } from './pd-helpers';
import { COMPETENCES, FORMATS } from './pd-ui';

export interface ProgrammeValues {
  title: string;
  provider: string;
  hours: number;
  format: ProgrammeFormat;
  competences: CompetenceArea[];
  federalRegisterId: string;
}

/** Create or edit a programme: each field shows the API's problem with it. */
export const ProgrammeForm = ({
  initial,
  submit,
  onSubmit,
}: {
  initial?: ProgrammeFieldsFragment;
  submit: string;
  onSubmit: (v: ProgrammeValues) => Promise<Described | null>;
}) => {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [provider, setProvider] = useState(initial?.provider ?? '');
  const [hours, setHours] = useState<string | number>(initial?.hours ?? 36);
  const [format, setFormat] = useState<string | null>(initial?.format ?? null);
  const [competences, setCompetences] = useState<string[]>(initial?.competences ?? []);
  const [federalRegisterId, setFederal] = useState(initial?.federalRegisterId ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = t.pd.common.required;

  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const h = intOrNull(hours);
        const local: Record<string, string> = {};
        if (!title.trim()) local['title'] = required;
        if (!provider.trim()) local['provider'] = required;
        if (h === null || h <= 0) local['hours'] = required;
        if (!format) local['format'] = required;
        if (!competences.length) local['competences'] = required;
        setErrors(local);
        if (Object.keys(local).length) return;
        setBusy(true);
        const d = await onSubmit({
          title: title.trim(),
          provider: provider.trim(),
          hours: h!,
          format: format as ProgrammeFormat,
          competences: competences as CompetenceArea[],
          federalRegisterId: federalRegisterId.trim(),
        });
        setBusy(false);
        setErrors(d?.fields ?? {});
        setMessage(d && !Object.keys(d.fields).length ? d.message : null);
      }}
    >
      <Stack>
        <TextInput
          label={t.pd.programmes.programme}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors['title']}
          data-autofocus
        />
        <TextInput label={t.pd.programmes.provider} required value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={errors['provider']} />
        <Group grow>
          <NumberInput label={t.pd.programmes.hours} required min={1} value={hours} onChange={setHours} error={errors['hours']} />
          <Select
            label={t.pd.programmes.format}
            required
            data={FORMATS.map((f) => ({ value: f, label: label('ProgrammeFormat', f) }))}
            value={format}
            onChange={setFormat}
            error={errors['format']}
          />
        </Group>
        <MultiSelect
          label={t.pd.programmes.competences}
          required
          data={COMPETENCES.map((c) => ({ value: c, label: label('CompetenceArea', c) }))}
          value={competences}
          onChange={setCompetences}
          error={errors['competences']}
        />
        <TextInput
          label={t.pd.programmes.federalRegisterId}
          value={federalRegisterId}
          onChange={(e) => setFederal(e.currentTarget.value)}
          error={errors['federalRegisterId']}
        />
        {message && (
          <div role="alert" style={{ color: 'var(--mantine-color-red-9)' }}>
            {message}
          </div>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
