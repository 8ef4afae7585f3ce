import { Button, Group, Stack, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors';
import { usePaged } from '../../api/paged';
import { graphql } from '../../gql';
import type { EnrolmentRowFragment } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { ENROLMENT_HISTORY } from './enrolment-fields';

const APPLICATIONS = graphql(`
  query SchoolApplications($filter: EnrolmentFilter, $first: Int, $after: String) {
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

const APPROVE = graphql(`
  mutation ApproveEnrolment($id: ID!) {
    approveEnrolment(enrolmentId: $id) {
      id
      status
    }
  }
`);

const APPROVE_ALL = graphql(`
  mutation ApproveEnrolments($ids: [ID!]!) {
    approveEnrolments(enrolmentIds: $ids) {
      index
      enrolment {
        id
        status
      }
      error {
        code
        message
      }
    }
  }
`);

const REJECT = graphql(`
  mutation RejectEnrolment($input: RejectEnrolmentInput!) {
    rejectEnrolment(input: $input) {
      id
      status
    }
  }
`);

/** The reason form of a rejection: the API's field message shows under the field. */
const RejectForm = ({ onSubmit }: { onSubmit: (reason: string) => Promise<string | null> }) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(await onSubmit(reason));
        setBusy(false);
      }}
    >
      <Stack>
        <Textarea
          label={t.enrolments.rejectReason}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          autosize
          minRows={2}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" color="red" loading={busy}>
            {t.enrolments.reject}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** The school's applications waiting for a decision: approve, or reject with a reason. */
export const ApplicationsPage = () => {
  const { organizationId } = useParams();
  const list = usePaged(APPLICATIONS, { filter: { organizationId, status: 'APPLIED' } }, (d) => d.enrolmentsPage);
  const [, approve] = useMutation(APPROVE);
  const [, approveAll] = useMutation(APPROVE_ALL);
  const [, reject] = useMutation(REJECT);

  const doApprove = async (e: EnrolmentRowFragment) => {
    const r = await approve({ id: e.id });
    const d = describeError(r.error);
    notifications.show(d ? { color: 'red', message: d.message } : { color: 'green', message: t.enrolments.approved });
    list.reload();
  };
  // The applications shown, in one call: each approved as by its own button, a refused one said why.
  const confirmApproveAll = (shown: EnrolmentRowFragment[]) =>
    modals.openConfirmModal({
      title: t.enrolments.approveAllTitle,
      children: t.enrolments.approveAllConfirm(shown.length),
      labels: { confirm: t.enrolments.approve, cancel: t.app.cancel },
      onConfirm: async () => {
        const r = await approveAll({ ids: shown.map((e) => e.id) });
        const d = describeError(r.error);
        const outcomes = r.data?.approveEnrolments ?? [];
        const refused = outcomes.filter((o) => o.error);
        if (d) notifications.show({ color: 'red', message: d.message });
        else if (refused.length) notifications.show({ color: 'orange', message: t.enrolments.refusedMany(refused.length, refused[0]!.error!.message) });
        const approved = outcomes.length - refused.length;
        if (approved) notifications.show({ color: 'green', message: t.enrolments.approvedMany(approved) });
        list.reload();
      },
    });
  const openReject = (e: EnrolmentRowFragment) =>
    modals.open({
      title: `${t.enrolments.rejectTitle}: ${e.educator.fullName ?? ''}`,
      children: (
        <RejectForm
          onSubmit={async (reason) => {
            const r = await reject({ input: { enrolmentId: e.id, reason } });
            const d = describeError(r.error);
            if (d) return d.fields['reason'] ?? d.message;
            modals.closeAll();
            notifications.show({ color: 'green', message: t.enrolments.rejected });
            list.reload();
            return null;
          }}
        />
      ),
    });

  return (
    <Page title={t.enrolments.applicationsTitle}>
      {list.nodes.length > 1 && (
        <Group justify="flex-end">
          <Button variant="light" onClick={() => confirmApproveAll(list.nodes)}>
            {t.enrolments.approveAll(list.nodes.length)}
          </Button>
        </Group>
      )}
      <DataTable
        caption={t.enrolments.applicationsTitle}
        fileName="applications"
        paged={list}
        rowKey={(e) => e.id}
        empty={t.enrolments.applicationsEmpty}
        columns={[
          { title: t.enrolments.educator, value: (e) => e.educator.fullName },
          { title: t.enrolments.programme, value: (e) => e.programmeTitle },
          { title: t.enrolments.cohortDates, value: (e) => (e.cohort ? `${formatDate(e.cohort.startDate)} — ${formatDate(e.cohort.endDate)}` : null) },
          { title: t.enrolments.appliedOn, value: (e) => formatDate(e.appliedOn) },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (e) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <HistoryButton title={e.programmeTitle} query={ENROLMENT_HISTORY} variables={{ id: e.id }} pick={(d) => d.enrolment?.history} />
                <Button size="xs" onClick={() => void doApprove(e)} aria-label={`${t.enrolments.approve}: ${e.educator.fullName ?? ''}`}>
                  {t.enrolments.approve}
                </Button>
                <Button size="xs" variant="light" color="red" onClick={() => openReject(e)} aria-label={`${t.enrolments.reject}: ${e.educator.fullName ?? ''}`}>
                  {t.enrolments.reject}
                </Button>
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
