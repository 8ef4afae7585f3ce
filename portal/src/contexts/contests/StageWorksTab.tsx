import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsShuffle, IconFileUpload, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { OrganiserStageQuery } from '../../gql/graphql';
import { formatDateTime } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/QueryState';
import { DEFAULT_SETTINGS } from './contests-helpers';
import { confirm, groupText, ProtocolBadge, report } from './contests-ui';
import { ASSIGN_WORKS, PUBLISH_STAGE_PROTOCOLS, STAGE_PARTITIONS } from './operations';

const s = t.contests.stage;
const c = t.contests.common;
type Stage = NonNullable<OrganiserStageQuery['olympiadStage']>;

/** The grade groups' works and protocols: assign the coded works to the jury, upload scores, open a group's protocol. */
export const WorksTab = ({ stage, base, canEdit }: { stage: Stage; base: string; canEdit: boolean }) => {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: STAGE_PARTITIONS, variables: { stageId: stage.id } });
  const [assigning, setAssigning] = useState(false);
  const [, assign] = useMutation(ASSIGN_WORKS);
  const [, publishAll] = useMutation(PUBLISH_STAGE_PROTOCOLS);
  const w = t.contests.works;
  const partitions = data?.olympiadStage?.partitions ?? [];
  const scoring = partitions.some((p) => p.status === 'SCORING');
  const stagePath = `${base}/${encodeURIComponent(stage.id)}`;
  return (
    <Stack gap="sm">
      {canEdit && (
        <Card withBorder>
          <Stack gap="xs">
            <Text size="sm">{w.assignHint}</Text>
            <Group>
              <Button
                leftSection={<IconArrowsShuffle size={16} aria-hidden />}
                loading={assigning}
                disabled={stage.status !== 'SCHEDULED'}
                onClick={async () => {
                  setAssigning(true);
                  const r = await assign({ stageId: stage.id });
                  setAssigning(false);
                  if (report(r.error, w.assigned(r.data?.assignOlympiadWorks.length ?? 0))) reexecute({ requestPolicy: 'network-only' });
                }}
              >
                {w.assign}
              </Button>
              <Button variant="default" component={Link} to={`${stagePath}/scores-import`} leftSection={<IconFileUpload size={16} aria-hidden />}>
                {s.scoresImport}
              </Button>
              {scoring && (
                <Button
                  variant="default"
                  leftSection={<IconSend size={16} aria-hidden />}
                  onClick={() =>
                    confirm({
                      title: w.publishAllTitle,
                      text: w.publishAllText(stage.settings?.appealDays ?? DEFAULT_SETTINGS.appealDays),
                      action: w.publishAll,
                      run: async () => {
                        const r = await publishAll({ stageId: stage.id });
                        const outcome = r.data?.publishPreliminaryProtocols;
                        if (!report(r.error, w.publishedAll(outcome?.partitions.filter((p) => p.status !== 'SCORING').length ?? 0))) return;
                        for (const x of outcome?.refused ?? [])
                          notifications.show({
                            color: 'orange',
                            autoClose: false,
                            message: w.notPublished(groupText(stage.groups, x.groupId), t.errors.codes[x.error.code] ?? x.error.message),
                          });
                        reexecute({ requestPolicy: 'network-only' });
                      },
                    })
                  }
                >
                  {w.publishAll}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      {error ? (
        <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <DataTable
          caption={w.caption}
          fileName={`partitions-${stage.id}`}
          rows={partitions}
          loading={fetching}
          rowKey={(p) => p.id}
          empty={w.empty}
          columns={[
            {
              title: c.group,
              value: (p) => groupText(stage.groups, p.groupId),
              render: (p) => (
                <Anchor component={Link} to={`${stagePath}/partitions/${encodeURIComponent(p.id)}`}>
                  {groupText(stage.groups, p.groupId)}
                </Anchor>
              ),
            },
            { title: c.status, value: (p) => label('ProtocolStatus', p.status), render: (p) => <ProtocolBadge status={p.status} /> },
            { title: t.contests.partition.tabs.protocol, value: (p) => c.version(p.version) },
            { title: w.marks, value: (p) => p.marks },
            { title: w.appealsPending, value: (p) => p.appeals.filter((x) => !x.decided).length },
            { title: c.appealsUntil, value: (p) => (p.appealsUntil ? formatDateTime(p.appealsUntil) : null) },
          ]}
        />
      )}
    </Stack>
  );
};
