import { Alert, Button, Card, Group, List, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useClient } from 'urql';
import { describeError } from '../../api/errors';
import { graphql } from '../../gql';
import { regionToday } from '../../i18n/format';
import { t } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { downloadText, useParam } from './pd-ui';

const EXPORT = graphql(`
  query CertificateRegisterExport($from: String!, $to: String!, $municipalityId: ID) {
    certificateRegisterExport(from: $from, to: $to, municipalityId: $municipalityId) {
      csv
      rows
      columns
    }
  }
`);

/** The first day of the region's current year. */
const yearStart = () => `${regionToday().slice(0, 4)}-01-01`;

/**
 * The certificate register for ФИС ФРДО: certificates issued in the municipality's groups (the
 * operator: the region's, or one municipality's) from a day to a day, as the API's CSV. The
 * period lives in the address.
 */
export const CertificatesPage = () => {
  const { municipalityId } = useParams();
  const client = useClient();
  const [params, set] = useParam();
  const from = params.get('from') ?? yearStart();
  const to = params.get('to') ?? regionToday();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ rows: number; columns: string[] } | null>(null);
  const [errors, setErrors] = useState<{ message: string | null; fields: Record<string, string> }>({ message: null, fields: {} });

  const run = async () => {
    setBusy(true);
    setResult(null);
    const r = await client.query(EXPORT, { from, to, ...(municipalityId ? { municipalityId } : {}) }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    const d = describeError(r.error);
    setErrors({ message: d && !Object.keys(d.fields).length ? d.message : null, fields: d?.fields ?? {} });
    const x = r.data?.certificateRegisterExport;
    if (!x) return;
    setResult({ rows: x.rows, columns: x.columns });
    downloadText(x.csv, `certificates-${from}-${to}.csv`);
  };

  return (
    <Page title={t.pd.certificates.title} intro={municipalityId ? t.pd.certificates.intro : t.pd.certificates.regionIntro}>
      <Card withBorder>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} maw={560}>
              <TextInput
                type="date"
                label={t.pd.certificates.from}
                required
                value={from}
                onChange={(e) => set('from', e.currentTarget.value || null)}
                error={errors.fields['from']}
              />
              <TextInput
                type="date"
                label={t.pd.certificates.to}
                required
                value={to}
                onChange={(e) => set('to', e.currentTarget.value || null)}
                error={errors.fields['to']}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={busy} leftSection={<IconDownload size={16} aria-hidden />}>
                {t.pd.certificates.download}
              </Button>
            </Group>
            {errors.message && (
              <Alert color="red" role="alert">
                {errors.message}
              </Alert>
            )}
          </Stack>
        </form>
      </Card>
      {result && (
        <Card withBorder>
          <Text fw={700} role="status" data-testid="certificate-rows">
            {t.pd.certificates.rows(result.rows)}
          </Text>
          <Text size="sm" mt="xs">
            {t.pd.certificates.columns}:
          </Text>
          <List size="sm">
            {result.columns.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        </Card>
      )}
      <Text size="sm" c="dimmed">
        {t.pd.certificates.namesNote}
      </Text>
    </Page>
  );
};
