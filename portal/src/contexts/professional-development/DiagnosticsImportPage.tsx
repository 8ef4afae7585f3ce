import { Alert, Button, Card, FileInput, Group, Progress, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { lineProblemInRussian } from '../../api/problems';
import { usePaged } from '../../api/paged';
import { uploadFile } from '../../api/upload';
import { useSession } from '../../auth/session';
import { graphql } from '../../gql';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { ErrorNotice } from '../../ui/QueryState';
import { importPercent, isFinished, newImportId, uploadAnswer } from './pd-helpers';
import { useParam } from './pd-ui';

const PROGRESS = graphql(`
  query DiagnosticsImportProgress($importId: ID!) {
    diagnosticsImport(importId: $importId) {
      importId
      status
      onInvalid
      failure {
        code
        message
      }
      receivedLines
      valid
      rejected
      applied
      problemCount
      startedAt
      finishedAt
    }
  }
`);

const PROBLEMS = graphql(`
  query DiagnosticsImportProblems($importId: ID!, $first: Int, $after: String) {
    diagnosticsImport(importId: $importId) {
      importId
      problems(first: $first, after: $after) {
        nodes {
          line
          message
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** How often the progress is read while an import runs. */
const POLL_MS = 1_000;

/**
 * Diagnostics import as a file upload: the file streams to the gateway's upload route with the
 * session's token (progress while it is sent), then the import's progress is read until it is
 * done, with the report of every refused line. The import's id stays in the address, so a
 * reload (or a colleague with the link) sees the same import.
 */
export const DiagnosticsImportPage = () => {
  const { municipalityId } = useParams();
  const { session, signOut } = useSession();
  const [params, set] = useParam();
  const importId = params.get('import');
  const [file, setFile] = useState<File | null>(null);
  const [onInvalid, setOnInvalid] = useState<'skip' | 'reject'>('skip');
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [rerun, setRerun] = useState(false);

  const [{ data, error }, reexecute] = useQuery({ query: PROGRESS, variables: { importId: importId ?? '' }, pause: !importId, requestPolicy: 'network-only' });
  const progress = data?.diagnosticsImport ?? null;
  const finished = isFinished(progress?.status);
  const problems = usePaged(PROBLEMS, { importId: importId ?? '' }, (d) => d.diagnosticsImport?.problems, { pause: !importId });
  const problemCount = progress?.problemCount ?? 0;

  // Read the progress again until the import ends.
  useEffect(() => {
    if (!importId || finished) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [importId, finished, reexecute]);

  // The report grows while lines are checked: read it again as problems are found and when the import ends.
  const { reload } = problems;
  useEffect(() => {
    if (importId) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [importId, problemCount, finished]);

  const send = async () => {
    if (!file) return setRefusal(t.pd.imports.pickFile);
    const id = newImportId();
    setRefusal(null);
    setRerun(false);
    setSending({ sent: 0, total: file.size });
    try {
      const r = await uploadFile(
        `/imports/diagnostics?importId=${encodeURIComponent(id)}&onInvalid=${onInvalid}`,
        file,
        session?.token ?? null,
        (sent, total) => setSending({ sent, total }),
      );
      if (r.status === 401) return signOut('expired');
      const answer = uploadAnswer(r.status, r.body);
      if (answer.kind === 'accepted') {
        setRerun(answer.rerun);
        set('import', answer.progress.importId);
      } else {
        const known = answer.code ? t.errors.codes[answer.code] : undefined;
        setRefusal(known ?? answer.message ?? t.pd.imports.uploadFailed);
        if (answer.progress) set('import', answer.progress.importId);
      }
    } catch {
      setRefusal(t.pd.imports.uploadFailed);
    } finally {
      setSending(null);
    }
  };

  const percent = importPercent(sending, sending ? null : progress);
  const stage = sending
    ? t.pd.imports.uploading(Math.round((sending.sent / Math.max(1, sending.total)) * 100))
    : progress
      ? label('ImportStatus', progress.status)
      : null;

  return (
    <Page title={t.pd.imports.title} intro={t.pd.imports.intro}>
      <Card withBorder>
        <Stack>
          <Text size="sm">{t.pd.imports.format}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <FileInput
              label={t.pd.imports.file}
              accept=".csv,text/csv,text/plain"
              value={file}
              onChange={setFile}
              leftSection={<IconFileUpload size={16} aria-hidden />}
            />
            <Radio.Group label={t.pd.imports.onInvalid} value={onInvalid} onChange={(v) => setOnInvalid(v as 'skip' | 'reject')}>
              <Group mt="xs">
                <Radio value="skip" label={t.pd.imports.skip} />
                <Radio value="reject" label={t.pd.imports.reject} />
              </Group>
            </Radio.Group>
          </SimpleGrid>
          <Group>
            <Button onClick={() => void send()} loading={!!sending} disabled={!file}>
              {t.pd.imports.upload}
            </Button>
          </Group>
          {refusal && (
            <Alert color="red" title={t.pd.imports.refused} role="alert">
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
                {t.pd.imports.progress}
              </Title>
              {importId && (
                <Text size="sm" c="dimmed">
                  {t.pd.imports.importId}: {importId}
                </Text>
              )}
            </Group>
            <Progress value={percent} size="lg" aria-label={t.pd.imports.progress} animated={!finished} />
            <Text role="status" aria-live="polite" data-testid="import-status">
              {stage}
              {progress?.finishedAt ? ` · ${formatDateTime(progress.finishedAt)}` : ''}
            </Text>
            {progress && (
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Text size="sm">
                  {t.pd.imports.received}: <b>{formatNumber(progress.receivedLines)}</b>
                </Text>
                <Text size="sm">
                  {t.pd.imports.valid}: <b>{formatNumber(progress.valid)}</b>
                </Text>
                <Text size="sm">
                  {t.pd.imports.rejected}: <b data-testid="import-rejected">{formatNumber(progress.rejected)}</b>
                </Text>
                <Text size="sm">
                  {t.pd.imports.applied}: <b>{formatNumber(progress.applied)}</b>
                </Text>
              </SimpleGrid>
            )}
            {rerun && <Alert color="blue">{t.pd.imports.rerun}</Alert>}
            {progress?.status === 'DONE' && (
              <Alert color="blue" title={t.pd.imports.done} icon={<IconCircleCheck aria-hidden />}>
                <Button size="xs" variant="default" component={Link} to={`/municipalities/${municipalityId}/routes`}>
                  {t.pd.imports.toRoutes}
                </Button>
              </Alert>
            )}
            {progress?.status === 'FAILED' && (
              <Alert color="red" title={t.pd.imports.failed}>
                {(progress.failure && t.errors.codes[progress.failure.code]) ?? progress.failure?.message}
              </Alert>
            )}
            {error && <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
          </Stack>
        </Card>
      )}

      {importId && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t.pd.imports.problems}
          </Title>
          <DataTable
            caption={t.pd.imports.problems}
            fileName={`diagnostics-import-${importId}-problems`}
            paged={problems}
            rowKey={(p) => String(p.line) + p.message}
            empty={t.pd.imports.problemsEmpty}
            columns={[
              { title: t.pd.imports.line, value: (p) => p.line },
              { title: t.pd.imports.message, value: (p) => lineProblemInRussian(p.message) },
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
                {t.pd.imports.another}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Page>
  );
};
