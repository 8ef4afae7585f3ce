import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CombinedError, useQuery } from 'urql';
import { describeError, type Described } from '../../api/errors';
import { t } from '../../i18n/ru';
import { communitiesProblem } from './communities-helpers';
import { MUNICIPALITIES } from './operations';

export const c = t.communities;

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

/** describeError, with this context's field problems in Russian and the codes another context words differently. */
export const describe = (error: CombinedError | Error | null | undefined): Described | null => {
  const d = describeError(error);
  if (!d) return null;
  const fields = Object.fromEntries(Object.entries(d.fields).map(([k, v]) => [k, communitiesProblem(v)]));
  const message = d.code === 'REGISTRATION_CLOSED' ? c.errors.registrationClosed : d.message;
  return { ...d, message, fields };
};

/** After a mutation: a red message for a typed error, a green one otherwise; true when it went through. */
export const report = (error: CombinedError | undefined, ok: string): boolean => {
  const d = describe(error);
  notifications.show(d ? { color: 'red', message: d.message } : { color: 'green', message: ok });
  return !d;
};

/**
 * Read models follow a change by a moment (the mutation answers with the fresh row; lists read
 * the projection). After its own change the page reloads every 300 ms, up to 12 s, until what it
 * shows passes `done` — as useCatchUp does with versions, for reads that carry none.
 */
export const useSettle = <D,>(data: D | undefined, reload: () => void) => {
  const [awaited, setAwaited] = useState<((d: D) => boolean) | null>(null);
  const tries = useRef(0);
  useEffect(() => {
    if (!awaited || data === undefined) return;
    if (awaited(data) || tries.current >= 40) {
      setAwaited(null);
      return;
    }
    const timer = setTimeout(() => {
      tries.current++;
      reload();
    }, 300);
    return () => clearTimeout(timer);
  }, [awaited, data, reload]);
  return useCallback(
    (done: (d: D) => boolean) => {
      tries.current = 0;
      setAwaited(() => done);
      reload();
    },
    [reload],
  );
};

/** The municipalities of the directory, for a selector (public). */
export const MunicipalitySelect = ({ value, onChange, label }: { value: string | null; onChange: (v: string | null) => void; label?: string }) => {
  const [municipalities] = useQuery({ query: MUNICIPALITIES });
  return (
    <Select
      label={label ?? c.common.municipality}
      placeholder={c.common.regionOnly}
      clearable
      searchable
      data={(municipalities.data?.municipalities.nodes ?? []).map((m) => ({ value: m.id, label: m.name }))}
      value={value}
      onChange={onChange}
    />
  );
};

/** A label and its value, as a line of a record's card. */
export const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <Text size="sm" c="dimmed" component="div">
      {label}
    </Text>
    <Text component="div">{children ?? '—'}</Text>
  </div>
);

/**
 * A modal form with one required text (a reason): the API's message for that field under it,
 * any other above the buttons. `onSubmit` answers the error, or null when done.
 */
export const ReasonForm = ({
  label,
  submit,
  field,
  danger,
  onSubmit,
}: {
  label: string;
  submit: string;
  field: string;
  danger?: boolean;
  onSubmit: (text: string) => Promise<Described | null>;
}) => {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return setError(c.common.required);
        setBusy(true);
        const d = await onSubmit(text.trim());
        setBusy(false);
        if (!d) modals.closeAll();
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

/** Opens a ReasonForm in a modal. */
export const askReason = (title: string, props: Parameters<typeof ReasonForm>[0]) => modals.open({ title, children: <ReasonForm {...props} /> });

/** The address a relative feed path is subscribed at (webcal clients take the https URL as well). */
export const absolute = (path: string) => `${window.location.origin}${path}`;
