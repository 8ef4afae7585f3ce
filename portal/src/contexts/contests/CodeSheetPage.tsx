import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { formatDate, regionToday } from '../../i18n/format';
import { t } from '../../i18n/ru';
import { EmptyState, ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { codeSheet } from './contests-helpers';
import { groupText, stageLine, studentName } from './contests-ui';
import { SCHOOL_STAGE } from './operations';

const s = t.contests.codes;
const c = t.contests.common;

/**
 * The school's printable code sheet for a stage: each entered student with the grade they compete
 * for and their participant code, large enough to cut out and hand over. The frame (menu, header)
 * and the buttons are not printed.
 */
export const CodeSheetPage = () => {
  const { organizationId = '', stageId = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SCHOOL_STAGE, variables: { stageId } });
  const stage = data?.olympiadStage;
  const title = s.title(stage?.title ?? '');
  useEffect(() => {
    document.title = `${title} — ${t.app.name}`;
  }, [title]);
  // Notifications left from the stage page ("codes issued") would print over the codes column.
  useEffect(() => {
    notifications.clean();
  }, []);
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !stage) return <LoadingRows rows={8} />;
  if (!stage) return <ErrorNotice error={new Error(c.notFound)} />;
  const rows = codeSheet(stage.entries);
  return (
    <Stack gap="md" className="code-sheet">
      <Group justify="space-between" align="flex-end" className="no-print">
        <Button
          variant="default"
          component={Link}
          to={`/schools/${organizationId}/olympiads/${encodeURIComponent(stage.id)}`}
          leftSection={<IconArrowLeft size={16} aria-hidden />}
        >
          {c.back}
        </Button>
        <Button
          leftSection={<IconPrinter size={16} aria-hidden />}
          onClick={() => {
            notifications.clean();
            window.print();
          }}
          disabled={!rows.length}
        >
          {s.print}
        </Button>
      </Group>
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text size="sm">{stageLine(stage)}</Text>
        <Text size="sm" c="dimmed" className="no-print">
          {s.intro}
        </Text>
        <Text size="xs">{s.printedOn(formatDate(regionToday()))}</Text>
      </div>
      {rows.length ? (
        <Table withTableBorder withColumnBorders verticalSpacing="sm" fz="md" data-testid="code-sheet">
          <Table.Caption className="no-print">{s.caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{c.student}</Table.Th>
              <Table.Th scope="col">{c.grade}</Table.Th>
              <Table.Th scope="col">{c.group}</Table.Th>
              <Table.Th scope="col">{c.code}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{studentName(e.student) ?? '—'}</Table.Td>
                <Table.Td>{e.grade}</Table.Td>
                <Table.Td>{groupText(stage.groups, e.groupId)}</Table.Td>
                <Table.Td>
                  <Text ff="monospace" fz="xl" fw={700}>
                    {e.code}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <EmptyState>{s.empty}</EmptyState>
      )}
    </Stack>
  );
};
