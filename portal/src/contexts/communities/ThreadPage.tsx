import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { CommunityThreadPageQuery } from '../../gql/graphql';
import { formatDateTime } from '../../i18n/format';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { askReason, c, describe, report, useSettle } from './communities-ui';
import { ADD_POST, HIDE_POST, THREAD } from './operations';

type Post = NonNullable<CommunityThreadPageQuery['communityThread']>['posts'][number];

/**
 * A discussion thread of a community: its posts in order; a member writes (no personal data of
 * students), the head or a deputy hides a post with a reason — everyone then sees that it was
 * hidden and why, the moderators still read its text.
 */
export const ThreadPage = () => {
  const { communityId = '', threadId = '' } = useParams();
  const [result, reexecute] = useQuery({ query: THREAD, variables: { id: threadId }, requestPolicy: 'cache-and-network' });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const settle = useSettle(result.data, reload);
  const [, addPost] = useMutation(ADD_POST);
  const [, hidePost] = useMutation(HIDE_POST);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const th = result.data?.communityThread;
  const back = (
    <Button variant="default" component={Link} to={`/communities/${encodeURIComponent(communityId)}`} leftSection={<IconArrowLeft size={16} aria-hidden />}>
      {th?.community?.name ?? c.common.back}
    </Button>
  );
  if (result.error && !th) return <ErrorNotice error={result.error} onRetry={reload} />;
  if (!result.data) return <LoadingRows />;
  if (!th)
    return (
      <Page title={c.thread.notFound} actions={back}>
        <Text>{c.thread.notFound}</Text>
      </Page>
    );
  const open = th.status !== 'CLOSED' && th.community?.status !== 'CLOSED';
  const who = (p: Post) => p.author?.fullName ?? p.authorId;
  const hide = (p: Post) =>
    askReason(`${c.thread.hide}: ${who(p)}`, {
      label: c.thread.hideReason,
      submit: c.thread.hide,
      field: 'reason',
      danger: true,
      onSubmit: async (reason) => {
        const r = await hidePost({ id: th.id, postId: p.postId, reason });
        const d = describe(r.error);
        if (!d) {
          report(undefined, c.thread.hiddenDone);
          settle((data) => !!data.communityThread?.posts.find((x) => x.postId === p.postId)?.hidden);
        }
        return d;
      },
    });

  return (
    <Page title={th.title} intro={th.community?.name} actions={back}>
      {!open && <Alert color="gray">{c.thread.closed}</Alert>}
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={th.title}>
        {th.posts.map((p) => (
          <Paper key={p.postId} withBorder p="sm" radius="md" component="li" data-testid="post">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Text size="sm" fw={600}>
                  {who(p)} · <span>{formatDateTime(p.at)}</span>
                </Text>
                {p.hidden && (
                  <Text size="sm" c="red.9">
                    {c.thread.hidden(p.hiddenReason ?? '—')}
                  </Text>
                )}
                {p.text && (
                  <Text style={{ whiteSpace: 'pre-wrap' }} c={p.hidden ? 'dimmed' : undefined}>
                    {p.text}
                  </Text>
                )}
              </div>
              {th.canModerate && !p.hidden && (
                <Button size="xs" variant="subtle" color="red" onClick={() => hide(p)} aria-label={`${c.thread.hide}: ${who(p)}, ${formatDateTime(p.at)}`}>
                  {c.thread.hide}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      {open && (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            if (!text.trim()) return setError(c.common.required);
            const before = th.posts.length;
            const r = await addPost({ id: th.id, text: text.trim() });
            const d = describe(r.error);
            setError(d ? (d.fields['text'] ?? d.message) : null);
            if (!d) {
              setText('');
              report(undefined, c.thread.sent);
              settle((data) => (data.communityThread?.posts.length ?? 0) > before);
            }
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={c.thread.post}
              description={c.community.noPersonalData}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={error}
              autosize
              minRows={3}
            />
            <Group>
              <Button type="submit">{c.thread.send}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Page>
  );
};
