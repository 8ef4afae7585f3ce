import { Badge, Button, Checkbox, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors';
import { usePaged } from '../../api/paged';
import { useSession } from '../../auth/session';
import { graphql } from '../../gql';
import type { CatalogueCohortsQuery, CompetenceArea, ProgrammeFormat } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';

const COHORTS = graphql(`
  query CatalogueCohorts($filter: CohortFilter, $first: Int, $after: String) {
    cohortsPage(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        title
        hours
        format
        level
        competences
        startDate
        endDate
        seats
        free
        ownerMunicipality {
          id
          name
        }
        programme {
          id
          provider
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const APPLY = graphql(`
  mutation ApplyForCohort($input: ApplyForCohortInput!) {
    applyForCohort(input: $input) {
      id
      status
    }
  }
`);

type CohortRow = CatalogueCohortsQuery['cohortsPage']['nodes'][number];
const COMPETENCES: CompetenceArea[] = [
  'SUBJECT',
  'METHODICAL',
  'PSYCHOLOGY_PEDAGOGY',
  'DIGITAL',
  'FUNCTIONAL_LITERACY',
  'INCLUSIVE',
  'UPBRINGING',
  'ASSESSMENT',
];
const FORMATS: ProgrammeFormat[] = ['IN_PERSON', 'DISTANCE', 'BLENDED'];

/**
 * The catalogue: scheduled cohorts of published programmes, searchable by competence, format,
 * dates and free seats. Open to everyone; a teacher applies for themselves from here. The
 * filters live in the address, so a link (or a return after signing in) shows the same list.
 */
export const CataloguePage = () => {
  const [params, setParams] = useSearchParams();
  const { session } = useSession();
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const q = params.get('q') ?? '';
  const filter = {
    status: 'SCHEDULED' as const,
    ...(params.get('competence') ? { competence: params.get('competence') as CompetenceArea } : {}),
    ...(params.get('format') ? { format: params.get('format') as ProgrammeFormat } : {}),
    ...(params.get('from') ? { startsFrom: params.get('from') } : {}),
    ...(params.get('to') ? { startsTo: params.get('to') } : {}),
    withFreeSeats: params.get('free') !== '0',
  };
  const cohorts = usePaged(COHORTS, { filter }, (d) => d.cohortsPage);
  const [, apply] = useMutation(APPLY);
  const canApply = session?.claims.role === 'teacher' && !!session.claims.educatorId;
  // Title search is a narrowing of the page shown (the API filters programmes by title, not cohorts).
  const rows = q ? cohorts.nodes.filter((c) => c.title.toLocaleLowerCase('ru').includes(q.toLocaleLowerCase('ru'))) : cohorts.nodes;

  const confirmApply = (c: CohortRow) =>
    modals.openConfirmModal({
      title: t.catalogue.apply,
      children: t.catalogue.applyConfirm(c.title),
      labels: { confirm: t.catalogue.apply, cancel: t.app.cancel },
      onConfirm: async () => {
        const r = await apply({ input: { cohortId: c.id } });
        const d = describeError(r.error);
        if (d) notifications.show({ color: 'red', title: t.catalogue.apply, message: d.message });
        else {
          notifications.show({ color: 'green', message: t.catalogue.applied });
          cohorts.reload();
        }
      },
    });

  return (
    <Page title={t.catalogue.title} intro={t.catalogue.intro}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        <TextInput label={t.catalogue.search} value={q} onChange={(e) => set('q', e.currentTarget.value || null)} />
        <Select
          label={t.catalogue.competence}
          clearable
          placeholder={t.app.any}
          data={COMPETENCES.map((c) => ({ value: c, label: label('CompetenceArea', c) }))}
          value={params.get('competence')}
          onChange={(v) => set('competence', v)}
        />
        <Select
          label={t.catalogue.format}
          clearable
          placeholder={t.app.any}
          data={FORMATS.map((f) => ({ value: f, label: label('ProgrammeFormat', f) }))}
          value={params.get('format')}
          onChange={(v) => set('format', v)}
        />
        <TextInput type="date" label={t.catalogue.startsFrom} value={params.get('from') ?? ''} onChange={(e) => set('from', e.currentTarget.value || null)} />
        <TextInput type="date" label={t.catalogue.startsTo} value={params.get('to') ?? ''} onChange={(e) => set('to', e.currentTarget.value || null)} />
      </SimpleGrid>
      <Checkbox label={t.catalogue.withFreeSeats} checked={params.get('free') !== '0'} onChange={(e) => set('free', e.currentTarget.checked ? null : '0')} />
      <DataTable
        caption={t.catalogue.title}
        fileName="catalogue"
        paged={{ ...cohorts, nodes: rows }}
        rowKey={(c) => c.id}
        empty={t.catalogue.empty}
        columns={[
          { title: t.catalogue.programme, value: (c) => c.title },
          { title: t.catalogue.provider, value: (c) => c.programme?.provider ?? c.ownerMunicipality?.name ?? null },
          {
            title: t.catalogue.level,
            value: (c) => `${label('ProgrammeLevel', c.level)}${c.ownerMunicipality ? ` · ${c.ownerMunicipality.name}` : ''}`,
          },
          { title: t.catalogue.format, value: (c) => label('ProgrammeFormat', c.format) },
          { title: t.catalogue.dates, value: (c) => `${formatDate(c.startDate)} — ${formatDate(c.endDate)}` },
          { title: t.catalogue.hours, value: (c) => c.hours },
          {
            title: t.catalogue.seats,
            value: (c) => c.free,
            render: (c) => <Badge color={c.free > 0 ? 'green' : 'gray'}>{t.catalogue.freeOf(c.free, c.seats)}</Badge>,
          },
          ...(canApply
            ? [
                {
                  title: '',
                  exported: false,
                  value: () => null,
                  render: (c: CohortRow) => (
                    <Group justify="flex-end">
                      <Button size="xs" disabled={c.free === 0} onClick={() => confirmApply(c)} aria-label={`${t.catalogue.apply}: ${c.title}`}>
                        {t.catalogue.apply}
                      </Button>
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Page>
  );
};
