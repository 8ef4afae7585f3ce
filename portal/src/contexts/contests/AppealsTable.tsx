import { Badge, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AppealFieldsFragment } from '../../gql/graphql';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';

const a = t.contests.appeals;
const c = t.contests.common;

const change = (x: AppealFieldsFragment) => (x.decided && x.from != null && x.to != null ? `${formatNumber(x.from)} → ${formatNumber(x.to)}` : null);

/** Appeals of a grade group: by code (blind), the task, the ground and statement, and once decided, the decision with its change and reason. */
export const AppealsTable = ({
  caption,
  fileName,
  appeals,
  actions,
  empty = a.empty,
}: {
  caption: string;
  fileName: string;
  appeals: AppealFieldsFragment[];
  actions?: (appeal: AppealFieldsFragment) => ReactNode;
  empty?: string;
}) => (
  <DataTable
    caption={caption}
    fileName={fileName}
    rows={appeals}
    rowKey={(x) => x.id}
    empty={empty}
    columns={[
      { title: c.code, value: (x) => x.code },
      { title: c.taskShort, value: (x) => x.taskId },
      { title: a.kind, value: (x) => label('AppealKind', x.kind) },
      { title: a.statement, value: (x) => x.statement, render: (x) => <Text size="sm">{x.statement}</Text> },
      { title: a.filedAt, value: (x) => formatDateTime(x.filedAt) },
      {
        title: a.decision,
        value: (x) => (x.decided ? label('AppealDecision', x.decision) : a.pending),
        render: (x) =>
          x.decided ? (
            <Badge color={x.decision === 'KEEP' ? 'gray' : 'blue'}>{label('AppealDecision', x.decision)}</Badge>
          ) : (
            <Badge color="orange">{a.pending}</Badge>
          ),
      },
      { title: a.change, value: change },
      { title: t.app.reason, value: (x) => x.reason ?? null },
      ...(actions ? [{ title: '', exported: false, value: () => null, render: actions }] : []),
    ]}
  />
);
