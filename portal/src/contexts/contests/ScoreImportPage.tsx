import { Alert, Button, Card, FileInput, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconFileUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { lineProblemInRussian } from '../../api/problems';
import { uploadFile } from '../../api/upload';
import { useSession } from '../../auth/session';
import { formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { newScoreImportId, scoreImportDone, scoreImportFinished, scoreUploadAnswer, scoreUploadUrl, uploadContentType, XLSX_TYPE } from './contests-helpers';
import { stagesBase, useParam } from './contests-ui';
import { SCORE_IMPORT, STAGE_TITLE } from './operations';

const s = t.contests.scores;
const POLL_MS = 1_000;

/**
 * The organiser's score file (CSV or XLSX): it streams to the gateway's upload route
 * (`/imports/olympiad-scores?stageId=…&importId=…`) with the session's token, then the import's
 * progress is read until it ends: lines done of lines received, and the report of refused lines.
 * The import's id stays in the address, so a reload shows the same import.
 */
export const ScoreImportPage = () => {
  const { municipalityId, stageId = '' } = useParams();
  const { session, signOut } = useSession();
  const [params, set] = useParam();
  const importId = params.get('import');
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [rerun, setRerun] = useState(false);
  const [stageTitle] = useQuery({ query: STAGE_TITLE, variables: { stageId } });
  const [{ data, error }, reexecute] = useQuery({
    query: SCORE_IMPORT,
    variables: { importId: importId ?? '' },
    pause: !importId,
    requestPolicy: 'network-only',
  });
  const progress = data?.olympiadScoreImport ?? null;
  const finished = scoreImportFinished(progress?.status);
  const stagePath = `${stagesBase(municipalityId)}/${encodeURIComponent(stageId)}`;

  useEffect(() => {
    if (!importId || finished) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [importId, finished, reexecute]);

  const send = async () => {
    if (!file) return setRefusal(s.pickFile);
    const id = newScoreImportId();
    setRefusal(null);
    setRerun(false);
    setSending({ sent: 0, total: file.size });
    try {
      const r = await uploadFile(
        scoreUploadUrl(stageId, id),
        file,
        session?.token ?? null,
        (sent, total) => setSending({ sent, total }),
        uploadContentType(file),
      );
      if (r.status === 401) return signOut('expired');
      const answer = scoreUploadAnswer(r.status, r.body);
      if (answer.kind === 'accepted') {
        setRerun(answer.rerun);
        set('import', answer.importId);
      } else {
        const known = answer.code ? t.errors.codes[answer.code] : undefined;
        setRefusal(known ?? (answer.message ? lineProblemInRussian(answer.message) : s.uploadFailed));
        if (answer.importId) set('import', answer.importId);
      }
    } catch {
      setRefusal(s.uploadFailed);
    } finally {
      setSending(null);
    }
  };

  const { done, total, percent } = scoreImportDone(sending, sending ? null : progress);
  const stage = sending
    ? s.uploading(Math.round((sending.sent / Math.max(1, sending.total)) * 100))
    : progress
      ? label('ScoreImportStatus', progress.status)
      : null;

  return (
    <Page
      title={s.title(stageTitle.data?.olympiadStage?.title ?? '')}
      intro={s.intro}
      actions={
        <Button variant="default" component={Link} to={`${stagePath}?tab=works`} leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {s.toWorks}
        </Button>
      }
    >
      <Card withBorder>
        <Stack>
          <Text size="sm">{s.format}</Text>
          <FileInput
            label={s.file}
            accept={`.csv,.xlsx,text/csv,text/plain,${XLSX_TYPE}`}
            value={file}
            onChange={setFile}
            leftSection={<IconFileUpload size={16} aria-hidden />}
            maw={480}
          />
          <Group>
            <Button onClick={() => void send()} loading={!!sending} disabled={!file}>
              {s.upload}
            </Button>
          </Group>
          {refusal && (
            <Alert color="red" title={s.refused} role="alert">
              {refusal}
            </Alert>
          )}
        </Stack>
      </Card>

      {(sending || importId) && (
        <Card withBorder>
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={2} size="h4">
                {s.progress}
              </Title>
              {importId && (
                <Text size="sm" c="dimmed">
                  {s.importId}: {importId}
                </Text>
              )}
            </Group>
            <Progress value={percent} size="lg" aria-label={s.progress} animated={!finished} />
            <Text role="status" aria-live="polite" data-testid="import-status">
              {stage}
            </Text>
            {progress && (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Text size="sm" data-testid="import-rows">
                  {s.rows(done, total)}
                </Text>
                <Text size="sm">
                  {s.applied}: <b>{formatNumber(progress.applied)}</b>
                </Text>
                <Text size="sm">
                  {s.rejected}: <b data-testid="import-rejected">{formatNumber(progress.rejected)}</b>
                </Text>
              </SimpleGrid>
            )}
            {rerun && <Alert color="blue">{s.rerun}</Alert>}
            {progress?.status === 'DONE' && <Alert color="blue" title={s.done} icon={<IconCircleCheck aria-hidden />} />}
            {progress?.status === 'FAILED' && <Alert color="red" title={s.failed} />}
            {error && <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
          </Stack>
        </Card>
      )}

      {importId && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {s.problems}
          </Title>
          <DataTable
            caption={s.problems}
            fileName={`olympiad-scores-${importId}-problems`}
            rows={progress?.problems ?? []}
            rowKey={(p) => `${p.line}-${p.message}`}
            empty={s.problemsEmpty}
            columns={[
              { title: s.line, value: (p) => p.line },
              { title: s.message, value: (p) => lineProblemInRussian(p.message) },
            ]}
          />
          {finished && (
            <Group>
              <Button
                variant="default"
                onClick={() => {
                  setFile(null);
                  set('import', null);
                }}
              >
                {s.another}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Page>
  );
};
