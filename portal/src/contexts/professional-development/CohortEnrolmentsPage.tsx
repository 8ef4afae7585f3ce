import { Alert, Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError, Described } from '../../api/errors';
import { usePaged } from '../../api/paged';
import { graphql } from '../../gql';
import type { EnrolmentRowFragment } from '../../gql/graphql';
import { formatDate, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ErrorNotice, LoadingRows } from '../../ui/QueryState';
import { EnrolmentStatusBadge } from './EnrolmentStatusBadge';
import { ENROLMENT_HISTORY } from './enrolment-fields';
import { intOrNull } from './pd-helpers';
import { municipalityBase, report, TextForm } from './pd-ui';

const COHORT = graphql(`
  query ManagedCohort($id: ID!) {
    cohort(id: $id) {
      ...CohortFields
    }
  }
`);

const ENROLMENTS = graphql(`
  query CohortEnrolments($filter: EnrolmentFilter, $first: Int, $after: String) {
    enrolmentsPage(filter: $filter, first: $first, after: $after) {
      nodes {
        ...EnrolmentRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const COMPLETE = graphql(`
  mutation CompleteEnrolment($input: CompleteEnrolmentInput!) {
    completeEnrolment(input: $input) {
      id
      status
    }
  }
`);

const NOT_COMPLETED = graphql(`
  mutation MarkEnrolmentNotCompleted($input: MarkEnrolmentNotCompletedInput!) {
    markEnrolmentNotCompleted(input: $input) {
      id
      status
    }
  }
`);

type Completion = { certificateNumber: string; hours: number; issuedOn: string };

const CompleteForm = ({ hours, onSubmit }: { hours: number; onSubmit: (v: Completion) => Promise<Described | null> }) => {
  const [number, setNumber] = useState('');
  const [h, setHours] = useState<string | number>(hours);
  const [issuedOn, setIssuedOn] = useState(regionToday());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const n = intOrNull(h);
        const local: Record<string, string> = {};
        if (!number.trim()) local['certificateNumber'] = t.pd.common.required;
        if (n === null || n < 1) local['hours'] = t.pd.common.required;
        if (!issuedOn) local['issuedOn'] = t.pd.common.required;
        setErrors(local);
        if (Object.keys(local).length) return;
        setBusy(true);
        const d = await onSubmit({ certificateNumber: number.trim(), hours: n!, issuedOn });
        setBusy(false);
        setErrors(d?.fields ?? {});
        setMessage(d && !Object.keys(d.fields).length ? d.message : null);
      }}
    >
      <Stack>
        <TextInput
          label={t.pd.cohortEnrolments.certificateNumber}
          required
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={errors['certificateNumber']}
          data-autofocus
        />
        <Group grow>
          <NumberInput label={t.pd.cohortEnrolments.certificateHours} required min={1} max={hours} value={h} onChange={setHours} error={errors['hours']} />
          <TextInput
            type="date"
            label={t.pd.cohortEnrolments.issuedOn}
            required
            value={issuedOn}
            onChange={(e) => setIssuedOn(e.currentTarget.value)}
            error={errors['issuedOn']}
          />
        </Group>
        {message && <Alert color="red">{message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {t.pd.cohortEnrolments.complete}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** A group's learners: who applied, who is enrolled; completion with the certificate, or not completed with a reason. */
export const CohortEnrolmentsPage = () => {
  const { municipalityId, cohortId = '' } = useParams();
  const base = municipalityBase(municipalityId);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: COHORT, variables: { id: cohortId } });
  const list = usePaged(ENROLMENTS, { filter: { cohortId } }, (d) => d.enrolmentsPage);
  const [, complete] = useMutation(COMPLETE);
  const [, notCompleted] = useMutation(NOT_COMPLETED);
  const c = data?.cohort;
  if (error) return <ErrorNotice error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (fetching && !c) return <LoadingRows rows={6} />;
  if (!c) return <ErrorNotice error={new Error(t.errors.notFound)} />;

  const done = (ok: string) => (d: Described | null) => {
    if (!d) {
      modals.closeAll();
      report(undefined, ok);
      list.reload();
    }
    return d;
  };
  const openComplete = (e: EnrolmentRowFragment) =>
    modals.open({
      title: `${t.pd.cohortEnrolments.completeTitle}: ${e.educator.fullName ?? ''}`,
      children: (
        <CompleteForm
          hours={c.hours}
          onSubmit={async (v) => done(t.pd.cohortEnrolments.completed)(describeError((await complete({ input: { enrolmentId: e.id, ...v } })).error))}
        />
      ),
    });
  const openNotCompleted = (e: EnrolmentRowFragment) =>
    modals.open({
      title: `${t.pd.cohortEnrolments.notCompletedTitle}: ${e.educator.fullName ?? ''}`,
      children: (
        <TextForm
          label={t.app.reason}
          submit={t.pd.cohortEnrolments.notCompleted}
          danger
          field="reason"
          onSubmit={async (reason) =>
            done(t.pd.cohortEnrolments.markedNotCompleted)(describeError((await notCompleted({ input: { enrolmentId: e.id, reason } })).error))
          }
        />
      ),
    });

  const title = t.pd.cohortEnrolments.title(c.title, formatDate(c.startDate), formatDate(c.endDate));
  return (
    <Page
      title={title}
      intro={`${t.pd.cohorts.seats}: ${c.seats} · ${t.pd.cohorts.free}: ${c.free} · ${label('CohortStatus', c.status)}`}
      actions={
        <Button variant="default" component={Link} to={`${base}/programmes/${c.programmeId}`} leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {t.pd.cohortEnrolments.back}
        </Button>
      }
    >
      <DataTable
        caption={title}
        fileName="cohort-enrolments"
        paged={list}
        rowKey={(e) => e.id}
        empty={t.pd.cohortEnrolments.empty}
        columns={[
          { title: t.enrolments.educator, value: (e) => e.educator.fullName },
          { title: t.pd.common.organization, value: (e) => e.organization.name },
          { title: t.enrolments.appliedOn, value: (e) => formatDate(e.appliedOn) },
          { title: t.enrolments.status, value: (e) => label('EnrolmentStatus', e.status), render: (e) => <EnrolmentStatusBadge status={e.status} /> },
          {
            title: t.enrolments.certificate,
            value: (e) => (e.certificate ? `№ ${e.certificate.number}, ${e.certificate.hours} ч., ${formatDate(e.certificate.issuedOn)}` : null),
          },
          { title: t.app.reason, value: (e) => e.reason ?? null },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (e) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <HistoryButton
                  title={e.educator.fullName ?? e.programmeTitle}
                  query={ENROLMENT_HISTORY}
                  variables={{ id: e.id }}
                  pick={(d) => d.enrolment?.history}
                />
                {e.status === 'ENROLLED' && (
                  <>
                    <Button size="xs" onClick={() => openComplete(e)} aria-label={`${t.pd.cohortEnrolments.complete}: ${e.educator.fullName ?? ''}`}>
                      {t.pd.cohortEnrolments.complete}
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      onClick={() => openNotCompleted(e)}
                      aria-label={`${t.pd.cohortEnrolments.notCompleted}: ${e.educator.fullName ?? ''}`}
                    >
                      {t.pd.cohortEnrolments.notCompleted}
                    </Button>
                  </>
                )}
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
