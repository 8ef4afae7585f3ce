import { Badge, Checkbox, Group, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { useParams } from 'react-router';
import { usePaged } from '../../api/paged';
import { graphql } from '../../gql';
import type { DueStatus } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { DEFAULT_WITHIN_DAYS, dueFilters, MAX_WITHIN_DAYS } from './pd-helpers';
import { useParam } from './pd-ui';

const DUE = graphql(`
  query TrainingDueList($organizationId: ID, $municipalityId: ID, $withinDays: Int, $overdueOnly: Boolean, $asOf: String, $first: Int, $after: String) {
    trainingDuePage(
      organizationId: $organizationId
      municipalityId: $municipalityId
      withinDays: $withinDays
      overdueOnly: $overdueOnly
      asOf: $asOf
      first: $first
      after: $after
    ) {
      nodes {
        educator {
          id
          fullName
          position
        }
        organization {
          id
          name
        }
        dueDate
        basis
        lastCompletedOn
        status
        daysLeft
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const DUE_COLORS: Record<DueStatus, string> = { OVERDUE: 'red', DUE_SOON: 'yellow' };

/**
 * The three-year rule's list: who is overdue and whose training falls due within the reminders
 * window, as of a day. A municipality's (`/municipalities/:id/training-due`) or a school's
 * (`/schools/:id/training-due`); the window, "overdue only" and the day live in the address.
 */
export const TrainingDuePage = () => {
  const { municipalityId, organizationId } = useParams();
  const [params, set] = useParam();
  const f = dueFilters(params);
  const list = usePaged(
    DUE,
    {
      ...(organizationId ? { organizationId } : { municipalityId }),
      withinDays: f.withinDays,
      overdueOnly: f.overdueOnly,
      ...(f.asOf ? { asOf: f.asOf } : {}),
    },
    (d) => d.trainingDuePage,
  );
  const school = !!organizationId;
  return (
    <Page title={school ? t.pd.due.schoolTitle : t.pd.due.title} intro={t.pd.due.intro}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NumberInput
          label={t.pd.due.withinDays}
          min={1}
          max={MAX_WITHIN_DAYS}
          value={f.withinDays}
          onChange={(v) => set('within', v && Number(v) !== DEFAULT_WITHIN_DAYS ? String(v) : null)}
        />
        <TextInput type="date" label={t.pd.due.asOf} value={f.asOf ?? ''} onChange={(e) => set('asOf', e.currentTarget.value || null)} />
        <Checkbox
          mt={{ sm: 'xl' }}
          label={t.pd.due.overdueOnly}
          checked={f.overdueOnly}
          onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)}
        />
      </SimpleGrid>
      <DataTable
        caption={school ? t.pd.due.schoolTitle : t.pd.due.title}
        fileName={school ? 'school-training-due' : 'training-due'}
        paged={list}
        rowKey={(r) => r.educator.id}
        empty={t.pd.due.empty}
        columns={[
          { title: t.pd.common.educator, value: (r) => r.educator.fullName },
          { title: t.pd.common.position, value: (r) => r.educator.position },
          ...(school ? [] : [{ title: t.pd.common.organization, value: (r: { organization?: { name: string } | null }) => r.organization?.name ?? null }]),
          { title: t.pd.due.dueDate, value: (r) => formatDate(r.dueDate) },
          {
            title: t.pd.common.status,
            value: (r) => label('DueStatus', r.status),
            render: (r) => (
              <Group gap={4} wrap="nowrap">
                <Badge color={DUE_COLORS[r.status]}>{label('DueStatus', r.status)}</Badge>
              </Group>
            ),
          },
          { title: t.pd.due.daysLeft, value: (r) => r.daysLeft, render: (r) => (r.daysLeft < 0 ? t.pd.due.overdueBy(-r.daysLeft) : r.daysLeft) },
          { title: t.pd.due.basis, value: (r) => label('DueBasis', r.basis) },
          { title: t.pd.due.lastCompleted, value: (r) => (r.lastCompletedOn ? formatDate(r.lastCompletedOn) : null) },
        ]}
      />
    </Page>
  );
};
