import { Alert, Button, Group, Stack } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { ReactNode, useState } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from '../../api/errors';
import { t } from '../../i18n/ru';

/** What a field shows under it: the API's problem for that field. */
export type FieldErrors = Record<string, string>;

interface Props {
  /** The form's fields, given the API's problems by field name (the input's own names). */
  children: (errors: FieldErrors) => ReactNode;
  /** The names of the fields the form shows: a problem with any other field goes to the form's message. */
  fields: string[];
  submitLabel: string;
  submitColor?: string;
  /** Disables the submit button (e.g. until a confirmation is ticked). */
  disabled?: boolean;
  /** Runs the command; its error, if any. */
  run: () => Promise<{ error?: CombinedError }>;
  /** After success: the notification and what to reload. */
  done: string;
  onDone: () => void;
}

/**
 * A command in a dialog: every typed error becomes a message, problems the API names by field
 * show at those fields, the rest above the buttons; success closes the dialog and says so.
 */
export const CommandForm = ({ children, fields, submitLabel, submitColor, disabled, run, done, onDone }: Props) => {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const r = await run();
        setBusy(false);
        const d = describeError(r.error);
        if (d) {
          const atFields = Object.fromEntries(Object.entries(d.fields).filter(([f]) => fields.includes(f)));
          setErrors(atFields);
          setMessage(Object.keys(atFields).length === Object.keys(d.fields).length && Object.keys(atFields).length ? null : d.message);
          return;
        }
        modals.closeAll();
        notifications.show({ color: 'green', message: done });
        onDone();
      }}
    >
      <Stack>
        {children(errors)}
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" color={submitColor} loading={busy} disabled={disabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** A comma-separated list as the API takes it. */
export const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
