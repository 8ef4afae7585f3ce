import { Button, Group, Menu, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { ReactNode, useState } from 'react';
import type { Paged } from '../api/paged';
import { t } from '../i18n/ru';
import { EmptyState, ErrorNotice, LoadingRows } from './QueryState';
import { downloadCsv, downloadXlsx, ExportColumn } from './table-export';

export interface Column<Row> extends ExportColumn<Row> {
  /** What the cell shows; the export value by default. */
  render?: (row: Row) => ReactNode;
  /** False for a column of buttons: it has nothing to export. */
  exported?: boolean;
}

interface Props<Row> {
  /** What the table lists, for its caption (screen readers) and the export's file name. */
  caption: string;
  fileName: string;
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  /** A paged list (rows load as asked, the export reads every page) … */
  paged?: Paged<Row>;
  /** … or rows already at hand. */
  rows?: Row[];
  loading?: boolean;
  empty: ReactNode;
}

/**
 * Every list in the portal: a table that scrolls sideways on a phone, loads more rows on request,
 * and exports what it lists (all pages) to CSV and XLSX.
 */
export const DataTable = <Row,>({ caption, fileName, columns, rowKey, paged, rows, loading, empty }: Props<Row>) => {
  const [exporting, setExporting] = useState<number | null>(null);
  const shown = paged ? paged.nodes : (rows ?? []);
  const isLoading = paged ? paged.loading : !!loading;

  const exportAs = async (kind: 'csv' | 'xlsx') => {
    setExporting(0);
    try {
      const all = paged ? await paged.all(setExporting) : shown;
      const exported = columns.filter((c) => c.exported !== false);
      if (kind === 'csv') downloadCsv(exported, all, fileName);
      else await downloadXlsx(exported, all, fileName);
    } catch (err) {
      notifications.show({ color: 'red', message: (err as Error).message });
    } finally {
      setExporting(null);
    }
  };

  if (paged?.error && !shown.length) return <ErrorNotice error={paged.error} onRetry={paged.reload} />;
  if (isLoading && !shown.length) return <LoadingRows />;
  if (!shown.length) return <EmptyState>{empty}</EmptyState>;
  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed" aria-live="polite">
          {exporting !== null ? t.app.exporting(exporting) : t.app.shown(shown.length)}
        </Text>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />} loading={exporting !== null}>
              {t.app.export}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void exportAs('csv')}>{t.app.exportCsv}</Menu.Item>
            <Menu.Item onClick={() => void exportAs('xlsx')}>{t.app.exportXlsx}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {/* Scrolls sideways on a phone: the scrolling region takes keyboard focus (arrow keys scroll it) and is named by the caption. */}
      <Table.ScrollContainer minWidth={640} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': caption } }}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.title || 'actions'} scope="col">
                  {c.title || <span className="visually-hidden">{t.app.actions}</span>}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((c) => (
                  <Table.Td key={c.title || 'actions'}>{c.render ? c.render(row) : (c.value(row) ?? '—')}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {paged?.error && <ErrorNotice error={paged.error} onRetry={paged.loadMore} />}
      {paged?.hasMore && (
        <Group justify="center" mt="sm">
          <Button variant="light" onClick={paged.loadMore} loading={paged.loadingMore}>
            {t.app.loadMore}
          </Button>
        </Group>
      )}
    </div>
  );
};
