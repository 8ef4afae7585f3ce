import { useMemo } from 'react';
import { usePaged } from '../../api/paged';
import { useClaims } from '../../auth/session';
import { graphql } from '../../gql';
import type { MentorshipRowFragment } from '../../gql/graphql';
import { t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { MentorshipHistoryButton, mentorshipColumns } from './MentoringPage';

const MINE = graphql(`
  query MyMentorships($first: Int, $after: String) {
    mentorshipsPage(first: $first, after: $after) {
      nodes {
        ...MentorshipRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** A teacher's mentoring: the pairs they are in, as mentor or as mentee, with each one's history. */
export const MyMentoringPage = () => {
  const claims = useClaims();
  const list = usePaged(MINE, {}, (d) => d.mentorshipsPage, { pageSize: 20 });
  const columns = useMemo(
    () => [
      {
        title: t.pd.mentoring.myRole,
        value: (m: MentorshipRowFragment) => (m.mentor.id === claims.educatorId ? t.pd.mentoring.asMentor : t.pd.mentoring.asMentee),
      },
      ...mentorshipColumns(),
      { title: '', exported: false, value: () => null, render: (m: MentorshipRowFragment) => <MentorshipHistoryButton m={m} /> },
    ],
    [claims.educatorId],
  );
  return (
    <Page title={t.pd.mentoring.myTitle} intro={t.pd.mentoring.myIntro}>
      <DataTable caption={t.pd.mentoring.myTitle} fileName="my-mentoring" paged={list} rowKey={(m) => m.id} empty={t.pd.mentoring.myEmpty} columns={columns} />
    </Page>
  );
};
