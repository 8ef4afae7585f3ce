import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { OrganiserStageQuery } from '../../gql/graphql';
import { formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { gradesText, parseNumber } from './contests-helpers';
import { placeName, report, studentName } from './contests-ui';
import { ADMISSION_LIST, PASSING_SCORE_PREVIEW, SET_PASSING_SCORES } from './operations';

const p = t.contests.passing;
const a = t.contests.admission;
const c = t.contests.common;
type Stage = NonNullable<OrganiserStageQuery['olympiadStage']>;

/** Who of the previous level would reach a passing score: in all, per municipality and per school. */
const PassingPreview = ({ stage, groupId, score }: { stage: Stage; groupId: string; score: number }) => {
  const [{ data, fetching, error }] = useQuery({ query: PASSING_SCORE_PREVIEW, variables: { stageId: stage.id, groupId, score } });
  if (error) return <ErrorNotice error={error} />;
  if (fetching && !data) return <LoadingRows rows={3} />;
  const v = data?.olympiadPassingScorePreview;
  if (!v) return null;
  const group = gradesText(stage.groups.find((g) => g.groupId === groupId)?.grades ?? []);
  const columns = (who: string) => [
    { title: who, value: placeName },
    { title: p.reaching, value: (r: { reaching: number }) => r.reaching },
    { title: c.total, value: (r: { total: number }) => r.total },
  ];
  return (
    <Stack gap="xs" data-testid={`passing-preview-${groupId}`}>
      <Text role="status" aria-live="polite" fw={500}>
        {p.summary(v.reaching, v.total, v.atPassingScore)}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <DataTable
          caption={`${p.previewCaption(group)}: ${c.municipality.toLowerCase()}`}
          fileName={`passing-${stage.id}-${groupId}-municipalities`}
          rows={v.byMunicipality}
          rowKey={(r) => r.id}
          empty="—"
          columns={columns(c.municipality)}
        />
        <DataTable
          caption={`${p.previewCaption(group)}: ${c.school.toLowerCase()}`}
          fileName={`passing-${stage.id}-${groupId}-schools`}
          rows={v.bySchool}
          rowKey={(r) => r.id}
          empty="—"
          columns={columns(c.school)}
        />
      </SimpleGrid>
    </Stack>
  );
};

/** Passing scores into this stage, per grade group, with a preview of who reaches each before they are saved. */
export const PassingTab = ({ stage, canEdit, onChange }: { stage: Stage; canEdit: boolean; onChange: () => void }) => {
  const saved = new Map((stage.passingScores ?? []).map((x) => [x.groupId, x.score]));
  const [scores, setScores] = useState<Record<string, string | number>>(() =>
    Object.fromEntries(stage.groups.map((g) => [g.groupId, saved.get(g.groupId) ?? ''])),
  );
  const [preview, setPreview] = useState<{ groupId: string; score: number } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [, set] = useMutation(SET_PASSING_SCORES);
  if (stage.level === 'SCHOOL') return <Alert color="gray">{p.notForSchoolStage}</Alert>;

  const save = async () => {
    const problems: Record<string, string> = {};
    const list: { groupId: string; score: number }[] = [];
    for (const g of stage.groups) {
      const raw = scores[g.groupId];
      if (raw === undefined || String(raw).trim() === '') continue;
      const n = parseNumber(raw);
      if (n === null || n < 0 || n > g.maxScore) problems[g.groupId] = c.outOfRange(g.maxScore);
      else list.push({ groupId: g.groupId, score: n });
    }
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    const r = await set({ input: { stageId: stage.id, scores: list } });
    setBusy(false);
    if (report(r.error, p.saved)) onChange();
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {p.caption}
      </Title>
      <Text size="sm" c="dimmed">
        {p.intro}
      </Text>
      <Table withTableBorder verticalSpacing="xs">
        <Table.Caption>{p.caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{c.group}</Table.Th>
            <Table.Th scope="col">{c.maxScore}</Table.Th>
            <Table.Th scope="col">{p.current}</Table.Th>
            <Table.Th scope="col">{p.score}</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">{t.app.actions}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stage.groups.map((g) => {
            const name = gradesText(g.grades);
            const n = parseNumber(scores[g.groupId]);
            return (
              <Table.Tr key={g.groupId}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>{formatNumber(g.maxScore)}</Table.Td>
                <Table.Td>{saved.has(g.groupId) ? formatNumber(saved.get(g.groupId)) : p.none}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${p.score}: ${name}`}
                    min={0}
                    max={g.maxScore}
                    decimalScale={2}
                    decimalSeparator=","
                    value={scores[g.groupId]}
                    onChange={(v) => setScores({ ...scores, [g.groupId]: v })}
                    error={errors[g.groupId]}
                    disabled={!canEdit}
                    w={140}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconEye size={14} aria-hidden />}
                    disabled={n === null}
                    onClick={() => n !== null && setPreview({ groupId: g.groupId, score: n })}
                    aria-label={`${p.preview}: ${name}`}
                  >
                    {p.preview}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Group>
          <Button onClick={() => void save()} loading={busy}>
            {p.save}
          </Button>
        </Group>
      )}
      {preview && <PassingPreview stage={stage} groupId={preview.groupId} score={preview.score} />}
    </Stack>
  );
};

/** Who is admitted to this stage (passing score at the previous level this year, or last year's winners and prize-winners); exports to CSV and XLSX. */
export const AdmissionTab = ({ stage }: { stage: Stage }) => {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ADMISSION_LIST, variables: { stageId: stage.id }, pause: stage.level === 'SCHOOL' });
  if (stage.level === 'SCHOOL') return <Alert color="gray">{a.notForSchoolStage}</Alert>;
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {a.caption}
      </Title>
      <Text size="sm" c="dimmed">
        {a.intro}
      </Text>
      <DataTable
        caption={a.caption}
        fileName={`admission-${stage.id}`}
        rows={data?.olympiadAdmissionList ?? []}
        loading={fetching}
        rowKey={(x) => x.studentId}
        empty={a.empty}
        columns={[
          { title: c.student, value: (x) => studentName(x.student) },
          { title: c.school, value: (x) => x.school.name },
          { title: c.grade, value: (x) => x.grade },
          { title: c.score, value: (x) => x.score ?? null },
          { title: a.reasons, value: (x) => x.reasons.map((r) => label('AdmissionReason', r)).join('; ') },
        ]}
      />
    </Stack>
  );
};
