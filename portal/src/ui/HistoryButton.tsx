import { Button } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useQuery } from 'urql';
import { t } from '../i18n/ru';
import { History, HistoryItem } from './History';
import { ErrorNotice, LoadingRows } from './QueryState';

interface Source<Data, Vars> {
  query: TypedDocumentNode<Data, Vars>;
  variables: Vars;
  pick: (data: Data) => HistoryItem[] | null | undefined;
}

const HistoryBody = <Data, Vars extends Record<string, unknown>>({ query, variables, pick }: Source<Data, Vars>) => {
  const [{ data, fetching, error }] = useQuery({ query, variables, requestPolicy: 'network-only' });
  if (error) return <ErrorNotice error={error} />;
  if (fetching || !data) return <LoadingRows rows={3} />;
  return <History entries={pick(data) ?? []} />;
};

/**
 * Opens the decisions behind an entity (who, when, what, why), read when asked: lists stay light
 * and the history is always the latest.
 */
export const HistoryButton = <Data, Vars extends Record<string, unknown>>({ title, ...source }: Source<Data, Vars> & { title: string }) => (
  <Button size="xs" variant="subtle" onClick={() => modals.open({ title: `${t.app.history}: ${title}`, children: <HistoryBody {...source} />, size: 'lg' })}>
    {t.app.history}
  </Button>
);
