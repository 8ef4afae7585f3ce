import { Badge, Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors';
import { usePaged } from '../../api/paged';
import { useClaims } from '../../auth/session';
import { graphql } from '../../gql';
import type { ProgrammeFieldsFragment, ProgrammeLevel, ProgrammeStatus } from '../../gql/graphql';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { PROGRAMME_HISTORY } from './catalogue-fields';
import { ProgrammeForm, ProgrammeValues } from './ProgrammeForm';
import { municipalityBase, report, TextForm, useParam } from './pd-ui';

const PROGRAMMES = graphql(`
  query ManagedProgrammes($filter: ProgrammeFilter, $first: Int, $after: String) {
    programmesPage(filter: $filter, first: $first, after: $after) {
      nodes {
        ...ProgrammeFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateProgramme($input: CreateProgrammeInput!) {
    createProgramme(input: $input) {
      ...ProgrammeFields
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateProgramme($input: UpdateProgrammeInput!) {
    updateProgramme(input: $input) {
      ...ProgrammeFields
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishProgramme($id: ID!) {
    publishProgramme(id: $id) {
      id
      status
    }
  }
`);

const WITHDRAW = graphql(`
  mutation WithdrawProgramme($input: WithdrawProgrammeInput!) {
    withdrawProgramme(input: $input) {
      id
      status
    }
  }
`);

const STATUS_COLORS: Record<ProgrammeStatus, string> = { DRAFT: 'gray', PUBLISHED: 'green', WITHDRAWN: 'red' };

export const ProgrammeStatusBadge = ({ status }: { status: ProgrammeStatus }) => (
  <Badge color={STATUS_COLORS[status]}>{label('ProgrammeStatus', status)}</Badge>
);

/** Whether the signed-in person runs this programme: the methodologist their municipality's, the operator the region's. */
export const useManages = () => {
  const claims = useClaims();
  return (p: Pick<ProgrammeFieldsFragment, 'level' | 'ownerMunicipality'>) =>
    claims.role === 'regional_operator' ? p.level === 'REGIONAL' : p.level === 'MUNICIPAL' && p.ownerMunicipality?.id === claims.municipalityId;
};

/**
 * The catalogue as its owners run it: the municipality's programmes (and the region's, read
 * only) for a methodologist, the regional catalogue for the operator (`/region/programmes`).
 * Create, edit, publish, withdraw with a reason; each programme's groups and history.
 */
export const ProgrammesPage = () => {
  const { municipalityId } = useParams();
  const claims = useClaims();
  const manages = useManages();
  const [params, set] = useParam();
  const region = !municipalityId;
  const base = municipalityBase(municipalityId);
  const filter = {
    ...(params.get('status') ? { status: params.get('status') as ProgrammeStatus } : {}),
    ...(params.get('level') ? { level: params.get('level') as ProgrammeLevel } : region ? { level: 'REGIONAL' as const } : {}),
    ...(params.get('q') ? { titleContains: params.get('q') } : {}),
  };
  const list = usePaged(PROGRAMMES, { filter }, (d) => d.programmesPage);
  const [, create] = useMutation(CREATE);
  const [, update] = useMutation(UPDATE);
  const [, publish] = useMutation(PUBLISH);
  const [, withdraw] = useMutation(WITHDRAW);
  const canCreate = region ? claims.role === 'regional_operator' : claims.role === 'municipal_methodologist';

  const openCreate = () =>
    modals.open({
      title: t.pd.programmes.createTitle,
      size: 'lg',
      children: (
        <ProgrammeForm
          submit={t.pd.programmes.create}
          onSubmit={async (v: ProgrammeValues) => {
            const { federalRegisterId, ...rest } = v;
            const r = await create({ input: { ...rest, ...(federalRegisterId ? { federalRegisterId } : {}) } });
            const d = describeError(r.error);
            if (!d) {
              modals.closeAll();
              report(undefined, t.pd.programmes.created);
              list.reload();
            }
            return d;
          }}
        />
      ),
    });

  const openEdit = (p: ProgrammeFieldsFragment) =>
    modals.open({
      title: `${t.pd.programmes.editTitle}: ${p.title}`,
      size: 'lg',
      children: (
        <ProgrammeForm
          initial={p}
          submit={t.app.save}
          onSubmit={async (v) => {
            const r = await update({ input: { id: p.id, ...v } });
            const d = describeError(r.error);
            if (!d) {
              modals.closeAll();
              report(undefined, t.pd.programmes.updated);
              list.reload();
            }
            return d;
          }}
        />
      ),
    });

  const doPublish = async (p: ProgrammeFieldsFragment) => {
    report((await publish({ id: p.id })).error, t.pd.programmes.published);
    list.reload();
  };

  const openWithdraw = (p: ProgrammeFieldsFragment) =>
    modals.open({
      title: `${t.pd.programmes.withdrawTitle}: ${p.title}`,
      children: (
        <TextForm
          label={t.app.reason}
          submit={t.pd.programmes.withdraw}
          danger
          field="reason"
          onSubmit={async (reason) => {
            const d = describeError((await withdraw({ input: { id: p.id, reason } })).error);
            if (!d) {
              modals.closeAll();
              report(undefined, t.pd.programmes.withdrawn);
              list.reload();
            }
            return d;
          }}
        />
      ),
    });

  const filtered = !!(params.get('status') || params.get('level') || params.get('q'));
  return (
    <Page
      title={region ? t.pd.programmes.regionTitle : t.pd.programmes.title}
      intro={region ? t.pd.programmes.regionIntro : t.pd.programmes.intro}
      actions={
        canCreate && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
            {t.pd.programmes.create}
          </Button>
        )
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label={t.pd.programmes.search} value={params.get('q') ?? ''} onChange={(e) => set('q', e.currentTarget.value || null)} />
        <Select
          label={t.pd.programmes.statusFilter}
          clearable
          placeholder={t.app.any}
          data={(['DRAFT', 'PUBLISHED', 'WITHDRAWN'] as const).map((s) => ({ value: s, label: label('ProgrammeStatus', s) }))}
          value={params.get('status')}
          onChange={(v) => set('status', v)}
        />
        <Select
          label={t.pd.programmes.levelFilter}
          clearable
          placeholder={t.app.any}
          data={(['MUNICIPAL', 'REGIONAL'] as const).map((s) => ({ value: s, label: label('ProgrammeLevel', s) }))}
          value={params.get('level') ?? (region ? 'REGIONAL' : null)}
          onChange={(v) => set('level', v)}
        />
      </SimpleGrid>
      <DataTable
        caption={region ? t.pd.programmes.regionTitle : t.pd.programmes.title}
        fileName="programmes"
        paged={list}
        rowKey={(p) => p.id}
        empty={filtered ? t.pd.programmes.emptyFiltered : t.pd.programmes.empty}
        columns={[
          { title: t.pd.programmes.programme, value: (p) => p.title },
          { title: t.pd.programmes.provider, value: (p) => p.provider },
          { title: t.pd.common.owner, value: (p) => p.ownerMunicipality?.name ?? t.pd.common.regional },
          { title: t.pd.programmes.hours, value: (p) => p.hours },
          { title: t.pd.programmes.format, value: (p) => label('ProgrammeFormat', p.format) },
          { title: t.pd.programmes.competences, value: (p) => p.competences.map((c) => label('CompetenceArea', c)).join(', ') },
          { title: t.pd.common.status, value: (p) => label('ProgrammeStatus', p.status), render: (p) => <ProgrammeStatusBadge status={p.status} /> },
          { title: t.pd.programmes.withdrawnReason, value: (p) => p.withdrawnReason ?? null },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (p) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button size="xs" variant="light" component={Link} to={`${base}/programmes/${p.id}`} aria-label={`${t.pd.programmes.cohorts}: ${p.title}`}>
                  {t.pd.programmes.cohorts}
                </Button>
                <HistoryButton title={p.title} query={PROGRAMME_HISTORY} variables={{ id: p.id }} pick={(d) => d.programme?.history} />
                {manages(p) && p.status !== 'WITHDRAWN' && (
                  <Button size="xs" variant="default" onClick={() => openEdit(p)} aria-label={`${t.pd.programmes.edit}: ${p.title}`}>
                    {t.pd.programmes.edit}
                  </Button>
                )}
                {manages(p) && p.status === 'DRAFT' && (
                  <Button size="xs" onClick={() => void doPublish(p)} aria-label={`${t.pd.programmes.publish}: ${p.title}`}>
                    {t.pd.programmes.publish}
                  </Button>
                )}
                {manages(p) && p.status === 'PUBLISHED' && (
                  <Button size="xs" variant="light" color="red" onClick={() => openWithdraw(p)} aria-label={`${t.pd.programmes.withdraw}: ${p.title}`}>
                    {t.pd.programmes.withdraw}
                  </Button>
                )}
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
