import { Button, Group } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors';
import { usePaged } from '../../api/paged';
import { useClaims } from '../../auth/session';
import { graphql } from '../../gql';
import type { EnrolmentRowFragment } from '../../gql/graphql';
import { formatDate } from '../../i18n/format';
import { t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { EnrolmentStatusBadge } from './EnrolmentStatusBadge';
import { ENROLMENT_HISTORY } from './enrolment-fields';

const MY_ENROLMENTS = graphql(`
  query MyEnrolments($filter: EnrolmentFilter, $first: Int, $after: String) {
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

const WITHDRAW = graphql(`
  mutation WithdrawEnrolment($input: WithdrawEnrolmentInput!) {
    withdrawEnrolment(input: $input) {
      id
      status
    }
  }
`);

/** A teacher's applications and trainings, newest first, with certificates and each one's history. */
export const MyEnrolmentsPage = () => {
  const claims = useClaims();
  const list = usePaged(MY_ENROLMENTS, { filter: { educatorId: claims.educatorId } }, (d) => d.enrolmentsPage);
  const [, withdraw] = useMutation(WITHDRAW);
  const confirmWithdraw = (e: EnrolmentRowFragment) =>
    modals.openConfirmModal({
      title: t.enrolments.withdraw,
      children: e.programmeTitle,
      labels: { confirm: t.enrolments.withdraw, cancel: t.app.cancel },
      onConfirm: async () => {
        const r = await withdraw({ input: { enrolmentId: e.id } });
        const d = describeError(r.error);
        notifications.show(d ? { color: 'red', message: d.message } : { color: 'green', message: t.enrolments.withdrawn });
        list.reload();
      },
    });
  return (
    <Page title={t.enrolments.myTitle}>
      <DataTable
        caption={t.enrolments.myTitle}
        fileName="my-enrolments"
        paged={list}
        rowKey={(e) => e.id}
        empty={t.enrolments.myEmpty}
        columns={[
          { title: t.enrolments.programme, value: (e) => e.programmeTitle },
          { title: t.enrolments.cohortDates, value: (e) => (e.cohort ? `${formatDate(e.cohort.startDate)} — ${formatDate(e.cohort.endDate)}` : null) },
          { title: t.enrolments.status, value: (e) => e.status, render: (e) => <EnrolmentStatusBadge status={e.status} /> },
          { title: t.enrolments.appliedOn, value: (e) => formatDate(e.appliedOn) },
          { title: t.enrolments.certificate, value: (e) => (e.certificate ? `№ ${e.certificate.number}, ${formatDate(e.certificate.issuedOn)}` : null) },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (e) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <HistoryButton title={e.programmeTitle} query={ENROLMENT_HISTORY} variables={{ id: e.id }} pick={(d) => d.enrolment?.history} />
                {e.status === 'APPLIED' && (
                  <Button size="xs" variant="light" color="red" onClick={() => confirmWithdraw(e)}>
                    {t.enrolments.withdraw}
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
