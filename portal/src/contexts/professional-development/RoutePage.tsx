import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CombinedError, useMutation, useQuery } from 'urql';
import { describeError, Described } from '../../api/errors';
import { graphql } from '../../gql';
import type { CompetenceArea, RouteFieldsFragment, RouteItemInput, RouteItemKind } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { COMPETENCES, report } from './pd-ui';
import { ROUTE_COLORS } from './RoutesPage';

export const ROUTE_FIELDS = graphql(`
  fragment RouteFields on Route {
    status
    approvedOn
    items {
      id
      kind
      competence
      title
      programmeId
      dueBy
      status
    }
  }
`);

const EDUCATOR_ROUTE = graphql(`
  query EducatorRoute($id: ID!) {
    educator(id: $id) {
      id
      fullName
      position
      organization {
        id
        name
      }
      deficits
      diagnosticResults {
        id
        area
        score
        maxScore
        takenOn
        belowThreshold
      }
      route {
        ...RouteFields
      }
    }
  }
`);

const ROUTE_HISTORY = graphql(`
  query RouteHistory($id: ID!) {
    educator(id: $id) {
      id
      route {
        history {
          at
          what
          reason
          actor {
            subject
            role
          }
        }
      }
    }
  }
`);

const PUBLISHED_PROGRAMMES = graphql(`
  query PublishedProgrammeOptions {
    programmesPage(filter: { status: PUBLISHED }, first: 100) {
      nodes {
        id
        title
      }
    }
  }
`);

const PROPOSE = graphql(`
  mutation ProposeRoute($educatorId: ID!) {
    proposeRoute(educatorId: $educatorId) {
      ...RouteFields
    }
  }
`);
const APPROVE = graphql(`
  mutation ApproveRoute($educatorId: ID!) {
    approveRoute(educatorId: $educatorId) {
      ...RouteFields
    }
  }
`);
const ADD = graphql(`
  mutation AddRouteItem($input: AddRouteItemInput!) {
    addRouteItem(input: $input) {
      ...RouteFields
    }
  }
`);
const CHANGE = graphql(`
  mutation ChangeRouteItem($input: ChangeRouteItemInput!) {
    changeRouteItem(input: $input) {
      ...RouteFields
    }
  }
`);
const REMOVE = graphql(`
  mutation RemoveRouteItem($input: RemoveRouteItemInput!) {
    removeRouteItem(input: $input) {
      ...RouteFields
    }
  }
`);

const KINDS: RouteItemKind[] = ['PROGRAMME', 'MENTORING', 'COMMUNITY', 'SELF_STUDY'];

/** One item of the route: a programme needs one chosen from the published offer. */
const RouteItemForm = ({
  initial,
  submit,
  onSubmit,
}: {
  initial?: RouteItemInput;
  submit: string;
  onSubmit: (v: RouteItemInput) => Promise<Described | null>;
}) => {
  const [kind, setKind] = useState<string | null>(initial?.kind ?? 'PROGRAMME');
  const [competence, setCompetence] = useState<string | null>(initial?.competence ?? null);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [programmeId, setProgrammeId] = useState<string | null>(initial?.programmeId ?? null);
  const [dueBy, setDueBy] = useState(initial?.dueBy ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [{ data }] = useQuery({ query: PUBLISHED_PROGRAMMES, pause: kind !== 'PROGRAMME' });
  const options = (data?.programmesPage.nodes ?? []).map((p) => ({ value: p.id, label: p.title }));
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const local: Record<string, string> = {};
        if (!kind) local['kind'] = t.pd.common.required;
        if (kind === 'PROGRAMME' && !programmeId) local['programmeId'] = t.pd.common.required;
        if (!title.trim() && kind !== 'PROGRAMME') local['title'] = t.pd.common.required;
        setErrors(local);
        if (Object.keys(local).length) return;
        const chosen = options.find((o) => o.value === programmeId);
        setBusy(true);
        const d = await onSubmit({
          kind: kind as RouteItemKind,
          title: title.trim() || chosen?.label || '',
          ...(competence ? { competence: competence as CompetenceArea } : {}),
          ...(kind === 'PROGRAMME' && programmeId ? { programmeId } : {}),
          ...(dueBy ? { dueBy } : {}),
        });
        setBusy(false);
        const fields = Object.fromEntries(Object.entries(d?.fields ?? {}).map(([k, v]) => [k.replace(/^item\./, ''), v]));
        setErrors(fields);
        setMessage(d && !Object.keys(fields).length ? d.message : null);
      }}
    >
      <Stack>
        <Group grow>
          <Select
            label={t.pd.routes.kind}
            required
            data={KINDS.map((k) => ({ value: k, label: label('RouteItemKind', k) }))}
            value={kind}
            onChange={setKind}
            error={errors['kind']}
            data-autofocus
          />
          <Select
            label={t.pd.routes.itemCompetence}
            clearable
            data={COMPETENCES.map((c) => ({ value: c, label: label('CompetenceArea', c) }))}
            value={competence}
            onChange={setCompetence}
            error={errors['competence']}
          />
        </Group>
        {kind === 'PROGRAMME' && (
          <Select
            label={t.pd.routes.programme}
            required
            searchable
            data={options}
            value={programmeId}
            onChange={setProgrammeId}
            error={errors['programmeId']}
          />
        )}
        <TextInput
          label={t.pd.routes.itemTitle}
          required={kind !== 'PROGRAMME'}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors['title']}
        />
        <TextInput type="date" label={t.pd.routes.dueBy} value={dueBy} onChange={(e) => setDueBy(e.currentTarget.value)} error={errors['dueBy']} />
        {message && <Alert color="red">{message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

type Item = {
  id: string;
  kind: RouteItemKind;
  competence?: CompetenceArea | null;
  title: string;
  programmeId?: string | null;
  dueBy?: string | null;
  status: string;
};

/**
 * An educator's route (ИОМ) as the methodologist builds it: the deficits and the results behind
 * them, a proposal from the deficits and the current offer, items added, changed or removed,
 * then approval; the route's history on demand.
 */
export const RoutePage = () => {
  const { municipalityId, educatorId = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: EDUCATOR_ROUTE, variables: { id: educatorId } });
  const [, propose] = useMutation(PROPOSE);
  const [, approve] = useMutation(APPROVE);
  const [, add] = useMutation(ADD);
  const [, change] = useMutation(CHANGE);
  const [, remove] = useMutation(REMOVE);
  // What the last change answered: the route as written, ahead of the read model the query reads.
  const [fresh, setFresh] = useState<RouteFieldsFragment | null>(null);
  const e = data?.educator;
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  if (error) return <ErrorNotice error={error} onRetry={refresh} />;
  if (fetching && !e) return <LoadingRows rows={8} />;
  if (!e) return <ErrorNotice error={new Error(t.errors.notFound)} />;
  const route = fresh ?? e.route;
  const items: Item[] = route?.items ?? [];
  const name = e.fullName ?? e.id;

  /** A change's answer: its error as a message (returned for the form), or the route it wrote. */
  const took = (ok: string, r: { error?: CombinedError; data?: Record<string, unknown> | null }, field: string): Described | null => {
    const d = describeError(r.error);
    if (d) return d;
    modals.closeAll();
    report(undefined, ok);
    const written = r.data?.[field] as RouteFieldsFragment | undefined;
    if (written) setFresh(written);
    return null;
  };
  /** A change without a form: its error as a notification. */
  const tookAlone = (ok: string, r: { error?: CombinedError; data?: Record<string, unknown> | null }, field: string) => {
    if (took(ok, r, field)) report(r.error, ok);
  };
  const doPropose = async () => tookAlone(t.pd.routes.proposed, await propose({ educatorId: e.id }), 'proposeRoute');
  const doApprove = async () => tookAlone(t.pd.routes.approved, await approve({ educatorId: e.id }), 'approveRoute');
  const openAdd = () =>
    modals.open({
      title: `${t.pd.routes.addItem}: ${name}`,
      size: 'lg',
      children: (
        <RouteItemForm
          submit={t.pd.routes.addItem}
          onSubmit={async (item) => took(t.pd.routes.itemAdded, await add({ input: { educatorId: e.id, item } }), 'addRouteItem')}
        />
      ),
    });
  const openChange = (i: Item) =>
    modals.open({
      title: `${t.pd.routes.editItem}: ${i.title}`,
      size: 'lg',
      children: (
        <RouteItemForm
          initial={{ kind: i.kind, title: i.title, competence: i.competence ?? null, programmeId: i.programmeId ?? null, dueBy: i.dueBy ?? null }}
          submit={t.app.save}
          onSubmit={async (item) => took(t.pd.routes.itemChanged, await change({ input: { educatorId: e.id, itemId: i.id, item } }), 'changeRouteItem')}
        />
      ),
    });
  const confirmRemove = (i: Item) =>
    modals.openConfirmModal({
      title: t.pd.routes.removeItem,
      children: t.pd.routes.removeConfirm(i.title),
      labels: { confirm: t.pd.routes.removeItem, cancel: t.app.cancel },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        tookAlone(t.pd.routes.itemRemoved, await remove({ input: { educatorId: e.id, itemId: i.id } }), 'removeRouteItem');
      },
    });

  return (
    <Page
      title={t.pd.routes.routeTitle(name)}
      intro={`${e.position} · ${e.organization.name}`}
      actions={
        <Button variant="default" component={Link} to={`/municipalities/${municipalityId}/routes`} leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {t.pd.routes.back}
        </Button>
      }
    >
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">
            {t.profile.deficits}
          </Title>
          {e.deficits.length ? (
            <Group gap="xs" mt="xs">
              {e.deficits.map((d) => (
                <Badge key={d} color="orange">
                  {label('CompetenceArea', d)}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text c="dimmed">{t.pd.routes.noDeficits}</Text>
          )}
          {e.diagnosticResults.length > 0 && (
            <Table mt="sm" verticalSpacing={4}>
              <Table.Caption>{t.pd.routes.results}</Table.Caption>
              <Table.Tbody>
                {e.diagnosticResults.slice(0, 8).map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{label('CompetenceArea', r.area)}</Table.Td>
                    <Table.Td>
                      {r.score} / {r.maxScore}
                      {r.belowThreshold ? ` · ${t.pd.routes.belowThreshold}` : ''}
                    </Table.Td>
                    <Table.Td>{formatDate(r.takenOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder>
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t.profile.route}
            </Title>
            <HistoryButton title={t.pd.routes.routeTitle(name)} query={ROUTE_HISTORY} variables={{ id: e.id }} pick={(d) => d.educator?.route?.history} />
          </Group>
          <Group gap="xs" mt="xs">
            <Badge color={ROUTE_COLORS[route?.status ?? 'NONE']} data-testid="route-status">
              {label('RouteStatus', route?.status ?? 'NONE')}
            </Badge>
            {route?.approvedOn && <Text size="sm">{t.pd.routes.approvedOn(formatDate(route.approvedOn))}</Text>}
          </Group>
          {!items.length && <Text mt="xs">{t.pd.routes.noRoute}</Text>}
          {route?.status === 'APPROVED' && (
            <Text size="sm" c="dimmed" mt="xs">
              {t.pd.routes.editAfterApproval}
            </Text>
          )}
          <Group mt="sm" gap="xs">
            {route?.status !== 'APPROVED' && (
              <Button variant={items.length ? 'default' : 'filled'} onClick={() => void doPropose()}>
                {items.length ? t.pd.routes.proposeAgain : t.pd.routes.propose}
              </Button>
            )}
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={openAdd}>
              {t.pd.routes.addItem}
            </Button>
            {route?.status === 'DRAFT' && items.length > 0 && <Button onClick={() => void doApprove()}>{t.pd.routes.approve}</Button>}
          </Group>
        </Card>
      </SimpleGrid>
      {items.length > 0 && (
        <DataTable
          caption={t.pd.routes.itemsCaption}
          fileName={`route-${e.id}`}
          rows={items}
          rowKey={(i) => i.id}
          empty={t.pd.routes.noRoute}
          columns={[
            { title: t.pd.routes.itemTitle, value: (i) => i.title },
            { title: t.pd.routes.kind, value: (i) => label('RouteItemKind', i.kind) },
            { title: t.pd.routes.itemCompetence, value: (i) => label('CompetenceArea', i.competence) },
            { title: t.pd.routes.dueBy, value: (i) => (i.dueBy ? formatDate(i.dueBy) : null) },
            { title: t.pd.routes.itemStatus, value: (i) => label('RouteItemStatus', i.status) },
            {
              title: '',
              exported: false,
              value: () => null,
              render: (i) =>
                i.status === 'OPEN' && (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => openChange(i)} aria-label={`${t.pd.routes.editItem}: ${i.title}`}>
                      {t.pd.routes.editItem}
                    </Button>
                    <Button size="xs" variant="light" color="red" onClick={() => confirmRemove(i)} aria-label={`${t.pd.routes.removeItem}: ${i.title}`}>
                      {t.pd.routes.removeItem}
                    </Button>
                  </Group>
                ),
            },
          ]}
        />
      )}
    </Page>
  );
};
