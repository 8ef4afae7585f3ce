import { Alert, Badge, Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError, Described } from '../../api/errors';
import { usePaged } from '../../api/paged';
import { graphql } from '../../gql';
import type { MentorshipRowFragment, MentorshipStatus } from '../../gql/graphql';
import { formatDate, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { addYears, linesOf } from './pd-helpers';
import { report, TextForm, useParam } from './pd-ui';

export const MENTORSHIP_ROW = graphql(`
  fragment MentorshipRow on Mentorship {
    id
    from
    to
    goals
    status
    outcome
    reason
    finishedOn
    mentor {
      id
      fullName
      position
    }
    mentee {
      id
      fullName
      position
      organization {
        id
        name
      }
    }
  }
`);

/** A pair's history: read when asked, from the mentee's pairs (the API has no single-pair field). */
export const MENTORSHIP_HISTORY = graphql(`
  query MentorshipHistory($menteeId: ID!) {
    mentorshipsPage(filter: { menteeId: $menteeId }, first: 20) {
      nodes {
        id
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

const PAIRS = graphql(`
  query MentorshipPairs($filter: MentorshipFilter, $first: Int, $after: String) {
    mentorshipsPage(filter: $filter, first: $first, after: $after) {
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

const YOUNG = graphql(`
  query YoungWithoutMentor($municipalityId: ID, $first: Int, $after: String) {
    youngTeachersWithoutMentorPage(municipalityId: $municipalityId, first: $first, after: $after) {
      nodes {
        id
        fullName
        position
        careerStartDate
        organization {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const COLLEAGUES = graphql(`
  query MentorCandidates($organizationId: ID!) {
    educators(filter: { organizationId: $organizationId, status: ACTIVE }, first: 100) {
      nodes {
        id
        fullName
        position
        isYoungTeacher
      }
    }
  }
`);

const START = graphql(`
  mutation StartMentorship($input: StartMentorshipInput!) {
    startMentorship(input: $input) {
      id
    }
  }
`);
const COMPLETE = graphql(`
  mutation CompleteMentorship($input: CompleteMentorshipInput!) {
    completeMentorship(input: $input) {
      id
      status
    }
  }
`);
const END = graphql(`
  mutation EndMentorship($input: EndMentorshipInput!) {
    endMentorship(input: $input) {
      id
      status
    }
  }
`);

export const MENTORSHIP_COLORS: Record<MentorshipStatus, string> = { ACTIVE: 'green', COMPLETED: 'blue', ENDED: 'gray' };

type Young = { id: string; fullName?: string | null; organization: { id: string; name: string } };
type Pairing = { mentorId: string; from: string; to: string; goals: string[] };

const PairForm = ({ mentee, onSubmit }: { mentee: Young; onSubmit: (v: Pairing) => Promise<Described | null> }) => {
  const [{ data, fetching }] = useQuery({ query: COLLEAGUES, variables: { organizationId: mentee.organization.id } });
  const [mentorId, setMentor] = useState<string | null>(null);
  const [from, setFrom] = useState(regionToday());
  const [to, setTo] = useState(addYears(regionToday(), 1));
  const [goals, setGoals] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = (data?.educators.nodes ?? [])
    .filter((e) => e.id !== mentee.id && !e.isYoungTeacher)
    .map((e) => ({ value: e.id, label: `${e.fullName ?? e.id} — ${e.position}` }));
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const local: Record<string, string> = {};
        if (!mentorId) local['mentorId'] = t.pd.common.required;
        if (!linesOf(goals).length) local['goals'] = t.errors.codes['GOALS_REQUIRED'] ?? t.errors.badInput;
        setErrors(local);
        if (Object.keys(local).length) return;
        setBusy(true);
        const d = await onSubmit({ mentorId: mentorId!, from, to, goals: linesOf(goals) });
        setBusy(false);
        setErrors(d?.fields ?? {});
        setMessage(d && !Object.keys(d.fields).length ? d.message : null);
      }}
    >
      <Stack>
        <Select
          label={t.pd.mentoring.mentorPick}
          placeholder={t.pd.mentoring.mentorSearch}
          required
          searchable
          disabled={fetching}
          data={options}
          value={mentorId}
          onChange={setMentor}
          error={errors['mentorId']}
          data-autofocus
        />
        <Group grow>
          <TextInput type="date" label={t.pd.mentoring.from} required value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors['from']} />
          <TextInput type="date" label={t.pd.mentoring.to} required value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors['to']} />
        </Group>
        <Textarea
          label={t.pd.mentoring.goals}
          description={t.pd.mentoring.goalsHint}
          required
          autosize
          minRows={3}
          value={goals}
          onChange={(e) => setGoals(e.currentTarget.value)}
          error={errors['goals']}
        />
        {message && <Alert color="red">{message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => modals.closeAll()}>
            {t.app.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {t.pd.mentoring.pair}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** The columns every list of pairs shows (the methodologist's and a teacher's own). */
export const mentorshipColumns = () => [
  { title: t.pd.mentoring.mentor, value: (m: MentorshipRowFragment) => m.mentor.fullName },
  { title: t.pd.mentoring.mentee, value: (m: MentorshipRowFragment) => m.mentee.fullName },
  { title: t.pd.mentoring.period, value: (m: MentorshipRowFragment) => `${formatDate(m.from)} — ${formatDate(m.to)}` },
  { title: t.pd.mentoring.goals, value: (m: MentorshipRowFragment) => m.goals.join('; ') },
  {
    title: t.pd.common.status,
    value: (m: MentorshipRowFragment) => label('MentorshipStatus', m.status),
    render: (m: MentorshipRowFragment) => <Badge color={MENTORSHIP_COLORS[m.status]}>{label('MentorshipStatus', m.status)}</Badge>,
  },
  { title: t.pd.mentoring.outcomeOrReason, value: (m: MentorshipRowFragment) => m.outcome ?? m.reason ?? null },
];

/** Mentoring in a municipality: the pairs (complete or end them, each one's history) and young teachers still without a mentor. */
export const MentoringPage = () => {
  const { municipalityId } = useParams();
  const [params, set] = useParam();
  const status = params.get('status') as MentorshipStatus | null;
  const pairs = usePaged(PAIRS, { filter: { municipalityId, ...(status ? { status } : {}) } }, (d) => d.mentorshipsPage);
  const young = usePaged(YOUNG, { municipalityId }, (d) => d.youngTeachersWithoutMentorPage);
  const [, start] = useMutation(START);
  const [, complete] = useMutation(COMPLETE);
  const [, end] = useMutation(END);

  const after = (ok: string) => (d: Described | null) => {
    if (!d) {
      modals.closeAll();
      report(undefined, ok);
      pairs.reload();
      young.reload();
    }
    return d;
  };
  const openPair = (y: Young) =>
    modals.open({
      title: t.pd.mentoring.pairTitle(y.fullName ?? ''),
      size: 'lg',
      children: (
        <PairForm mentee={y} onSubmit={async (v) => after(t.pd.mentoring.started)(describeError((await start({ input: { menteeId: y.id, ...v } })).error))} />
      ),
    });
  const openComplete = (m: MentorshipRowFragment) =>
    modals.open({
      title: `${t.pd.mentoring.completeTitle}: ${m.mentee.fullName ?? ''}`,
      children: (
        <TextForm
          label={t.pd.mentoring.outcome}
          submit={t.pd.mentoring.complete}
          field="outcome"
          onSubmit={async (outcome) => after(t.pd.mentoring.completed)(describeError((await complete({ input: { mentorshipId: m.id, outcome } })).error))}
        />
      ),
    });
  const openEnd = (m: MentorshipRowFragment) =>
    modals.open({
      title: `${t.pd.mentoring.endTitle}: ${m.mentee.fullName ?? ''}`,
      children: (
        <TextForm
          label={t.app.reason}
          submit={t.pd.mentoring.end}
          danger
          field="reason"
          onSubmit={async (reason) => after(t.pd.mentoring.ended)(describeError((await end({ input: { mentorshipId: m.id, reason } })).error))}
        />
      ),
    });

  return (
    <Page title={t.pd.mentoring.title} intro={t.pd.mentoring.intro}>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t.pd.mentoring.pairs}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t.pd.mentoring.statusFilter}
            clearable
            placeholder={t.app.any}
            data={(['ACTIVE', 'COMPLETED', 'ENDED'] as const).map((s) => ({ value: s, label: label('MentorshipStatus', s) }))}
            value={status}
            onChange={(v) => set('status', v)}
          />
        </SimpleGrid>
        <DataTable
          caption={t.pd.mentoring.pairs}
          fileName="mentorships"
          paged={pairs}
          rowKey={(m) => m.id}
          empty={t.pd.mentoring.pairsEmpty}
          columns={[
            ...mentorshipColumns(),
            {
              title: '',
              exported: false,
              value: () => null,
              render: (m: MentorshipRowFragment) => <PairActions m={m} onComplete={openComplete} onEnd={openEnd} />,
            },
          ]}
        />
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t.pd.mentoring.young}
        </Title>
        <DataTable
          caption={t.pd.mentoring.young}
          fileName="young-teachers-without-mentor"
          paged={young}
          rowKey={(y) => y.id}
          empty={t.pd.mentoring.youngEmpty}
          columns={[
            { title: t.pd.common.educator, value: (y) => y.fullName },
            { title: t.pd.common.position, value: (y) => y.position },
            { title: t.pd.common.organization, value: (y) => y.organization.name },
            { title: t.pd.mentoring.careerStart, value: (y) => formatDate(y.careerStartDate) },
            {
              title: '',
              exported: false,
              value: () => null,
              render: (y) => (
                <Group justify="flex-end">
                  <Button size="xs" onClick={() => openPair(y)} aria-label={t.pd.mentoring.pairLabel(y.fullName ?? '')}>
                    {t.pd.mentoring.pair}
                  </Button>
                </Group>
              ),
            },
          ]}
        />
      </Stack>
    </Page>
  );
};

const PairActions = ({
  m,
  onComplete,
  onEnd,
}: {
  m: MentorshipRowFragment;
  onComplete: (m: MentorshipRowFragment) => void;
  onEnd: (m: MentorshipRowFragment) => void;
}) => (
  <Group gap={4} justify="flex-end" wrap="nowrap">
    <MentorshipHistoryButton m={m} />
    {m.status === 'ACTIVE' && (
      <>
        <Button size="xs" variant="default" onClick={() => onComplete(m)} aria-label={`${t.pd.mentoring.complete}: ${m.mentee.fullName ?? ''}`}>
          {t.pd.mentoring.complete}
        </Button>
        <Button size="xs" variant="light" color="red" onClick={() => onEnd(m)} aria-label={`${t.pd.mentoring.end}: ${m.mentee.fullName ?? ''}`}>
          {t.pd.mentoring.end}
        </Button>
      </>
    )}
  </Group>
);

export const MentorshipHistoryButton = ({ m }: { m: MentorshipRowFragment }) => (
  <HistoryButton
    title={`${m.mentor.fullName ?? ''} — ${m.mentee.fullName ?? ''}`}
    query={MENTORSHIP_HISTORY}
    variables={{ menteeId: m.mentee.id }}
    pick={(d) => d.mentorshipsPage.nodes.find((n) => n.id === m.id)?.history}
  />
);
