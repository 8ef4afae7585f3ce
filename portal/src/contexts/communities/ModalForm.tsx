import { Button, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { ReactNode, useState } from 'react';
import type { Described } from '../../api/errors';
import { t } from '../../i18n/ru';
import { c } from './communities-ui';

/** A small modal form: fields by name, the API's problems at them, anything else above the buttons. */
export const ModalForm = ({
  fields,
  submit,
  onSubmit,
}: {
  fields: (values: Record<string, string>, set: (k: string, v: string) => void, errors: Record<string, string>) => ReactNode;
  submit: string;
  onSubmit: (values: Record<string, string>) => Promise<Described | null>;
}) => {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const d = await onSubmit(values);
        setBusy(false);
        if (!d) return modals.closeAll();
        const fields = Object.fromEntries(Object.entries(d.fields).map(([k, m]) => [k.split('.').pop()!, m]));
        setErrors(fields);
        setMessage(Object.keys(fields).length ? null : d.message);
      }}
    >
      <Stack>
        {fields(values, (k, v) => setValues((x) => ({ ...x, [k]: v })), errors)}
        {message && (
          <Text c="red" role="alert">
            {message}
          </Text>
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

export const required = (values: Record<string, string>, keys: string[]): Described | null => {
  const fields = Object.fromEntries(keys.filter((k) => !values[k]?.trim()).map((k) => [k, c.common.required]));
  return Object.keys(fields).length ? { message: t.errors.badInput, code: 'BAD_USER_INPUT', fields } : null;
};
