import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { formatNumber } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { groupText, ParticipantBadge, ProtocolBadge, StageFacts, stageLine } from './contests-ui';
import { PUBLIC_RESULTS } from './operations';

const s = t.contests.public;
const c = t.contests.common;

/**
 * A stage's published results, for everyone: per grade group, the participant as the API gives
 * them (surname and initials with the parent's consent, else the code), school, score, place, status.
 */
export const PublicResultsPage = () => {
  const { stageId = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PUBLIC_RESULTS, variables: { stageId } });
  const back = (
    <Button variant="default" component={Link} to="/olympiads" leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {s.back}
    </Button>
  );
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <LoadingRows rows={6} />;
  const stage = data?.olympiadStage;
  if (!stage) return <ErrorNotice error={new Error(c.notFound)} />;
  const results = data?.olympiadPublicResults ?? [];
  return (
    <Page title={s.resultsTitle(stage.title)} intro={stageLine(stage)} actions={back}>
      <Card withBorder>
        <StageFacts stage={stage} />
      </Card>
      <Text size="sm" c="dimmed">
        {s.resultsIntro}
      </Text>
      {!results.length && <EmptyState>{s.noResults}</EmptyState>}
      {results.map((r) => {
        const caption = s.groupCaption(groupText(stage.groups, r.groupId), label('ProtocolStatus', r.status));
        return (
          <Stack key={r.groupId} gap="xs" data-testid={`results-${r.groupId}`}>
            <Group gap="sm">
              <Title order={2} size="h4">
                {groupText(stage.groups, r.groupId)}
              </Title>
              <ProtocolBadge status={r.status} />
              <Text size="sm" c="dimmed">
                {c.maxScore}: {formatNumber(r.maxScore)}
              </Text>
            </Group>
            <DataTable
              caption={caption}
              fileName={`results-${stage.id}-${r.groupId}`}
              rows={r.rows}
              rowKey={(row) => `${row.rank}-${row.participant}-${row.school.id}`}
              empty={s.noResults}
              columns={[
                { title: c.rank, value: (row) => row.rank },
                { title: c.participant, value: (row) => row.participant },
                { title: c.grade, value: (row) => row.grade },
                { title: c.school, value: (row) => row.school.name },
                { title: c.score, value: (row) => row.score },
                { title: c.status, value: (row) => label('ParticipantStatus', row.status), render: (row) => <ParticipantBadge status={row.status} /> },
              ]}
            />
          </Stack>
        );
      })}
    </Page>
  );
};
