import { Button, Group, Stack, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CombinedError } from 'urql';
import { describeError } from '../../api/errors';
import type { CompetenceArea, ProgrammeFormat } from '../../gql/graphql';
import { t } from '../../i18n/ru';

export const COMPETENCES: CompetenceArea[] = [
  'SUBJECT',
  'METHODICAL',
  'PSYCHOLOGY_PEDAGOGY',
  'DIGITAL',
  'FUNCTIONAL_LITERACY',
  'INCLUSIVE',
  'UPBRINGING',
  'ASSESSMENT',
];
export const FORMATS: ProgrammeFormat[] = ['IN_PERSON', 'DISTANCE', 'BLENDED'];

/** A filter kept in the address: set (or clear) one query parameter, replacing the history entry. */
export const useParam = () => {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  return [params, set] as const;
};

/** After a mutation: a red message for a typed error, a green one otherwise; true when it went through. */
export const report = (error: CombinedError | undefined, ok: string): boolean => {
  const d = describeError(error);
  notifications.show(d ? { color: 'red', message: d.message } : { color: 'green', message: ok });
  return !d;
};

/**
 * A form with one required text (a reason, an outcome): the API's message for that field shows
 * under it, any other error above the buttons. `onSubmit` answers null when done.
 */
export const TextForm = ({
  label,
  submit,
  danger,
  field,
  onSubmit,
}: {
  label: string;
  submit: string;
  danger?: boolean;
  /** The input field the API names in its problems. */
  field: string;
  onSubmit: (text: string) => Promise<{ message: string; fields: Record<string, string> } | null>;
}) => {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return setError(t.pd.common.reasonRequired);
        setBusy(true);
        const d = await onSubmit(text.trim());
        setBusy(false);
        setError(d ? (d.fields[field] ?? d.message) : null);
      }}
    >
      <Stack>
        <Textarea label={label} required value={text} onChange={(e) => setText(e.currentTarget.value)} error={error} autosize minRows={2} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" color={danger ? 'red' : undefined} loading={busy}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** A text file the API produced (the certificate register), saved by the browser. */
export const downloadText = (text: string, fileName: string, type = 'text/csv;charset=utf-8') => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** The page's municipality from the address (the token's for a methodologist; any for the operator). */
export const municipalityBase = (municipalityId: string | undefined) => (municipalityId ? `/municipalities/${municipalityId}` : '/region');
