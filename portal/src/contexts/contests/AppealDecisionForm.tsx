import { Alert, Button, Group, NumberInput, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useClient, useMutation } from 'urql';
import { describeError } from '../../api/errors';
import type { AppealDecision, AppealFieldsFragment, OlympiadAppealPreviewQuery } from '../../gql/graphql';
import { formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { decisionProblem, parseNumber, placeProblems } from './contests-helpers';
import { APPEAL_PREVIEW, DECIDE_APPEAL } from './operations';

const a = t.contests.appeals;
const c = t.contests.common;
const DECISIONS: AppealDecision[] = ['KEEP', 'RAISE', 'LOWER'];
type Change = OlympiadAppealPreviewQuery['olympiadAppealPreview'][number];

const standing = (x: Change['before']) => (x ? a.standing(x.rank, label('ParticipantStatus', x.status), formatNumber(x.score)) : '—');

/**
 * Deciding an appeal: keep, raise or lower the task's score (with the new score) and the reason.
 * Before it is applied, the preview says who would change place or status in the whole group;
 * the decision goes only after that preview, for exactly what it showed.
 */
export const AppealDecisionForm = ({
  partitionId,
  appeal,
  maxPoints,
  current,
  onDone,
}: {
  partitionId: string;
  appeal: AppealFieldsFragment;
  /** The task's points, when the page knows them. */
  maxPoints: number | null;
  /** The task's score now, when the page knows it. */
  current: number | null;
  /** Called with the protocol's version the decision made. */
  onDone: (version: number | null) => void;
}) => {
  const client = useClient();
  const [decision, setDecision] = useState<AppealDecision>('KEEP');
  const [score, setScore] = useState<string | number>('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<{ key: string; changes: Change[] } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, decide] = useMutation(DECIDE_APPEAL);
  const n = decision === 'KEEP' ? null : parseNumber(score);
  const key = `${decision}|${n ?? ''}`;

  const check = (): boolean => {
    const problem = decisionProblem(decision, n, maxPoints === null ? null : { maxPoints }, current);
    const local: Record<string, string> = {};
    if (problem)
      local['score'] = {
        SCORE_REQUIRED: a.scoreRequired,
        OUT_OF_RANGE: c.outOfRange(maxPoints ?? 0),
        NOT_A_RAISE: a.notARaise,
        NOT_A_LOWERING: a.notALowering,
      }[problem];
    setErrors(local);
    return !problem;
  };

  const showPreview = async () => {
    setMessage(null);
    if (!check()) return;
    setBusy(true);
    const r = await client
      .query(APPEAL_PREVIEW, { partitionId, appealId: appeal.id, decision, ...(n !== null ? { score: n } : {}) }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    const d = describeError(r.error);
    if (d) {
      const { at, rest } = placeProblems(d.fields, ['score', 'decision']);
      setErrors(at);
      setMessage(rest.length || !Object.keys(at).length ? d.message : null);
      return;
    }
    setPreview({ key, changes: r.data?.olympiadAppealPreview ?? [] });
  };

  const submit = async () => {
    if (!check()) return;
    if (!reason.trim()) return setErrors({ reason: c.reasonRequired });
    setBusy(true);
    const r = await decide({ input: { partitionId, appealId: appeal.id, decision, reason: reason.trim(), ...(n !== null ? { score: n } : {}) } });
    setBusy(false);
    const d = describeError(r.error);
    if (d) {
      const { at, rest } = placeProblems(d.fields, ['score', 'decision', 'reason']);
      setErrors(at);
      setMessage(rest.length || !Object.keys(at).length ? d.message : null);
      return;
    }
    modals.closeAll();
    notifications.show({ color: 'green', message: a.decided });
    onDone(r.data?.decideOlympiadAppeal.version ?? null);
  };

  const previewed = preview?.key === key ? preview : null;
  return (
    <Stack>
      <Text size="sm">
        {label('AppealKind', appeal.kind)}: {appeal.statement}
      </Text>
      {current !== null && <Text size="sm">{a.current(formatNumber(current))}</Text>}
      <Radio.Group label={a.decision} value={decision} onChange={(v) => setDecision(v as AppealDecision)} error={errors['decision']}>
        <Stack gap="xs" mt="xs">
          {DECISIONS.map((x) => (
            <Radio key={x} value={x} label={label('AppealDecision', x)} />
          ))}
        </Stack>
      </Radio.Group>
      {decision !== 'KEEP' && (
        <NumberInput
          label={a.newScore}
          required
          min={0}
          max={maxPoints ?? undefined}
          decimalScale={2}
          decimalSeparator=","
          value={score}
          onChange={setScore}
          error={errors['score']}
          maw={220}
        />
      )}
      <Textarea label={a.reason} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors['reason']} />
      <Group>
        <Button leftSection={<IconEye size={16} aria-hidden />} onClick={() => void showPreview()} loading={busy && !previewed}>
          {a.preview}
        </Button>
      </Group>
      {previewed && (
        <Stack gap="xs" data-testid="appeal-preview">
          <Text fw={600}>{a.previewTitle}</Text>
          {previewed.changes.length ? (
            <Table withTableBorder verticalSpacing="xs">
              <Table.Caption>{a.previewTitle}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{c.code}</Table.Th>
                  <Table.Th scope="col">{a.before}</Table.Th>
                  <Table.Th scope="col">{a.after}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {previewed.changes.map((x) => (
                  <Table.Tr key={x.code}>
                    <Table.Td>{x.code}</Table.Td>
                    <Table.Td>{standing(x.before)}</Table.Td>
                    <Table.Td>{standing(x.after)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm">{a.noChanges}</Text>
          )}
        </Stack>
      )}
      {message && (
        <Alert color="red" role="alert">
          {message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => modals.closeAll()}>
          {t.app.cancel}
        </Button>
        <Button onClick={() => void submit()} disabled={!previewed} loading={busy && !!previewed} title={previewed ? undefined : a.previewFirst}>
          {a.confirm}
        </Button>
      </Group>
      {!previewed && (
        <Text size="xs" c="dimmed">
          {a.previewFirst}
        </Text>
      )}
    </Stack>
  );
};
