import type { StageRow } from './stage.rows';
import { consentDeadline } from '../entries/entries.decider';
import { maxScoreOf } from './grades';
import { isVsoshSubject, VSOSH_SUBJECTS } from './subjects';

export type StageView = Omit<StageRow, '_id'> & { id: string };

export const stageView = ({ _id, ...r }: StageRow): StageView => ({ id: _id, ...r });

/** The schema's fields that are computed or renamed. */
export const stageFields = {
  organiser: (s: StageView) => s.tenantId,
  kind: (s: StageView) => s.olympiad.kind,
  title: (s: StageView) => s.olympiad.title,
  subjectTitle: (s: StageView) => (isVsoshSubject(s.subject) ? VSOSH_SUBJECTS[s.subject] : s.subject),
  consentDeadline: (s: StageView) =>
    consentDeadline({ startsOn: s.startsOn, consentLeadWorkingDays: s.settings.consentLeadWorkingDays, holidays: s.settings.holidays }),
  groups: (s: StageView) => s.groups.map((g) => ({ ...g, maxScore: maxScoreOf(g) })),
  passingScores: (s: StageView) => Object.entries(s.passingScores).map(([groupId, score]) => ({ groupId, score })),
};
