import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from 'urql';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/QueryState';
import { jurorLabel } from './contests-helpers';
import { PARTITION_AUDIT } from './operations';

const p = t.contests.partition;
const c = t.contests.common;

type Jury = Parameters<typeof jurorLabel>[0];

/** The organiser's audit trail of blind scoring: every code, or one, as typed from the paper. */
export const WorkAuditTable = ({ jury, partitionId }: { jury: Jury; partitionId: string }) => {
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PARTITION_AUDIT, variables: { id: partitionId, code }, requestPolicy: 'network-only' });
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  return (
    <Stack gap="sm">
      <Group align="end">
        <TextInput label={p.auditCode} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} maw={260} />
        <Button variant="default" onClick={() => setCode(typed.trim() || null)}>
          {p.auditShow}
        </Button>
        {code && (
          <Button
            variant="subtle"
            onClick={() => {
              setTyped('');
              setCode(null);
            }}
          >
            {p.auditAll}
          </Button>
        )}
      </Group>
      <DataTable
        caption={p.auditCaption}
        fileName={`audit-${partitionId}`}
        rows={data?.olympiadPartition?.workAudit ?? []}
        loading={fetching}
        rowKey={(x) => `${x.at}|${x.code}|${x.action}|${x.jurorId ?? ''}|${x.taskId ?? ''}`}
        empty={p.auditEmpty}
        columns={[
          { title: p.auditAt, value: (x) => formatDateTime(x.at) },
          { title: c.code, value: (x) => x.code },
          { title: p.auditAction, value: (x) => p.auditActions[x.action] ?? x.action },
          { title: p.jurors, value: (x) => (x.jurorId ? jurorLabel(jury, x.jurorId) : '—') },
          { title: c.taskShort, value: (x) => x.taskId ?? '—' },
          { title: c.score, value: (x) => (x.score === null || x.score === undefined ? '—' : formatNumber(x.score)) },
          { title: p.auditBy, value: (x) => `${x.by} (${t.roles[x.byRole] ?? x.byRole})` },
        ]}
      />
    </Stack>
  );
};
