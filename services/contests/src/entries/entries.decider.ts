import { Decider, DomainError, DomainEvent, refuse } from '@mms/eventsourcing/core';
import { groupOfCode } from './code-format';
import { gradeRefusal, GradeGroup, groupOfGrade, StageLevel } from '../stages/grades';
import { workingDaysBefore } from '../stages/working-days';
import type { Consent } from '../students/student.decider';

/** A student entered for a stage by their school; the code is theirs for this stage (and so this subject). */
export interface Entry {
  studentId: string;
  /** The grade the student competes for (their own or older). */
  grade: number;
  groupId: string;
  code: string | null;
  status: 'ENTERED' | 'WITHDRAWN';
}

/** What the public participation event says about the stage. */
export interface StageLabel {
  academicYear: string;
  subject: string;
  level: StageLevel;
}

export interface EntriesState {
  stageId?: string;
  stage?: StageLabel;
  schoolId?: string;
  municipalityId?: string;
  entries: Entry[];
}

type Id = { stageId: string; schoolId: string; municipalityId: string };
export type EntriesEvent =
  | DomainEvent<'StudentEntered', Id & { stage: StageLabel; studentId: string; grade: number; groupId: string }>
  | DomainEvent<'EntryWithdrawn', Id & { stage: StageLabel; studentId: string; grade: number; reason: string }>
  | DomainEvent<'CodesIssued', Id & { codes: { studentId: string; groupId: string; code: string }[] }>;

/** What the handler found about the stage and the student (other streams), carried to the rule. */
export interface StageFacts extends StageLabel {
  startsOn: string;
  registrationFrom: string;
  registrationTo: string;
  groups: GradeGroup[];
  consentLeadWorkingDays: number;
  holidays: string[];
  cancelled: boolean;
}

export type EntriesCommand =
  | {
      type: 'EnterStudent';
      stageId: string;
      schoolId: string;
      municipalityId: string;
      studentId: string;
      grade: number;
      today: string;
      stage: StageFacts;
      student: { grade: number; schoolId: string; consent: Consent | null; erased: boolean };
      /** The grade competed for at an earlier stage of the same year and subject, if any. */
      earlierGrade: number | null;
      /** Later stages admit by the admission list: null for the school stage. */
      admitted: boolean | null;
    }
  | {
      type: 'EnterStudents';
      /** Several students of one school at once (a class): all entered in one commit, or none (the refusal names the student). */
      entries: Extract<EntriesCommand, { type: 'EnterStudent' }>[];
    }
  | { type: 'WithdrawEntry'; stageId: string; studentId: string; reason: string }
  | {
      type: 'IssueCodes';
      stageId: string;
      /** Fresh random codes (`<groupId>-<random>`), at least one per entered student without a code; extras are ignored. */
      fresh: string[];
      /** Codes already taken anywhere in the stage (the codes read model): never issued twice. */
      taken: string[];
    };

const entryOf = (s: EntriesState, studentId: string) => s.entries.find((e) => e.studentId === studentId);

/** The latest day a participation consent may be dated for this stage (a consent given for the school stage passes every later one). */
export const consentDeadline = (stage: Pick<StageFacts, 'startsOn' | 'consentLeadWorkingDays' | 'holidays'>) =>
  workingDaysBefore(stage.startsOn, stage.consentLeadWorkingDays, stage.holidays.length ? stage.holidays : undefined);

export const entriesDecider: Decider<EntriesState, EntriesCommand, EntriesEvent> = {
  streamType: 'entries',
  initialState: () => ({ entries: [] }),
  evolve: (s, e) => {
    const ids = { stageId: e.data.stageId, schoolId: e.data.schoolId, municipalityId: e.data.municipalityId };
    switch (e.type) {
      case 'StudentEntered': {
        const rest = s.entries.filter((x) => x.studentId !== e.data.studentId);
        const before = entryOf(s, e.data.studentId);
        return {
          ...s,
          ...ids,
          stage: e.data.stage,
          entries: [...rest, { studentId: e.data.studentId, grade: e.data.grade, groupId: e.data.groupId, code: before?.code ?? null, status: 'ENTERED' }],
        };
      }
      case 'EntryWithdrawn':
        return { ...s, ...ids, entries: s.entries.map((x) => (x.studentId === e.data.studentId ? { ...x, status: 'WITHDRAWN' } : x)) };
      case 'CodesIssued': {
        const byStudent = new Map(e.data.codes.map((c) => [c.studentId, c.code]));
        return { ...s, ...ids, entries: s.entries.map((x) => (byStudent.has(x.studentId) ? { ...x, code: byStudent.get(x.studentId)! } : x)) };
      }
    }
  },
  decide: (c, s) => {
    switch (c.type) {
      case 'EnterStudent':
        return enter(c, s);
      case 'EnterStudents': {
        const events: EntriesEvent[] = [];
        let state = s;
        for (const one of c.entries) {
          let fresh: EntriesEvent[];
          try {
            fresh = enter(one, state);
          } catch (err) {
            if (err instanceof DomainError)
              throw new DomainError(err.code, `student ${one.studentId}: ${err.message}`, { ...err.details, studentId: one.studentId });
            throw err;
          }
          events.push(...fresh);
          state = fresh.reduce(entriesDecider.evolve, state);
        }
        return events;
      }
      case 'WithdrawEntry': {
        const entry = entryOf(s, c.studentId);
        if (!entry) return refuse('NOT_ENTERED', `student ${c.studentId} is not entered for this stage`, { field: 'studentId' });
        if (entry.status === 'WITHDRAWN') return [];
        if (!c.reason.trim()) refuse('REASON_REQUIRED', 'withdrawing an entry needs a reason', { field: 'reason' });
        const data = {
          stageId: s.stageId!,
          schoolId: s.schoolId!,
          municipalityId: s.municipalityId!,
          stage: s.stage!,
          studentId: c.studentId,
          grade: entry.grade,
        };
        return [{ type: 'EntryWithdrawn', data: { ...data, reason: c.reason.trim() } }];
      }
      case 'IssueCodes': {
        const waiting = s.entries.filter((e) => e.status === 'ENTERED' && !e.code);
        if (!waiting.length) return [];
        const taken = new Set([...c.taken, ...s.entries.flatMap((e) => (e.code ? [e.code] : []))]);
        const fresh = [...new Set(c.fresh)].filter((code) => !taken.has(code));
        // A code starts with its grade group: each entry takes the first free one of its own group.
        const codes = waiting.map((e) => {
          const i = fresh.findIndex((code) => groupOfCode(code) === e.groupId);
          if (i < 0) return refuse('CODES_EXHAUSTED', 'not enough fresh codes for the entries waiting; ask again');
          return { studentId: e.studentId, groupId: e.groupId, code: fresh.splice(i, 1)[0]! };
        });
        return [{ type: 'CodesIssued', data: { stageId: s.stageId!, schoolId: s.schoolId!, municipalityId: s.municipalityId!, codes } }];
      }
    }
  },
};

const enter = (c: Extract<EntriesCommand, { type: 'EnterStudent' }>, s: EntriesState): EntriesEvent[] => {
  const existing = entryOf(s, c.studentId);
  if (existing?.status === 'ENTERED' && existing.grade === c.grade) return [];
  if (c.stage.cancelled) refuse('STAGE_CANCELLED', 'the stage was cancelled');
  if (c.student.erased) refuse('PERSONAL_DATA_ERASED', `student ${c.studentId} was erased`);
  if (c.student.schoolId !== c.schoolId) refuse('NOT_OF_SCHOOL', 'a school enters only its own students', { field: 'studentId' });
  if (c.today < c.stage.registrationFrom || c.today > c.stage.registrationTo)
    refuse('REGISTRATION_CLOSED', `registration is open ${c.stage.registrationFrom} – ${c.stage.registrationTo}`);
  if (existing?.code && existing.grade !== c.grade)
    refuse('CODE_ISSUED', 'the code was issued for another grade; withdraw the entry and enter again with the school');
  const grade = gradeRefusal(c.stage.level, { competing: c.grade, own: c.student.grade, earlier: c.earlierGrade });
  if (grade) refuse(grade.code, grade.message, { field: 'grade' });
  const group = groupOfGrade(c.stage.groups, c.grade);
  if (!group) return refuse('NO_GRADE_GROUP', `the stage has no tasks for grade ${c.grade}`, { field: 'grade' });
  if (!c.student.consent?.participation) refuse('CONSENT_MISSING', 'a parent’s consent to participate is needed first', { field: 'studentId' });
  const deadline = consentDeadline(c.stage);
  if (c.student.consent!.signedOn > deadline)
    refuse('CONSENT_TOO_LATE', `the consent must be dated ${deadline} or earlier (${c.stage.consentLeadWorkingDays} working days before the stage)`, {
      field: 'studentId',
    });
  if (c.admitted === false) refuse('NOT_ADMITTED', 'the student is not on the admission list of this stage', { field: 'studentId' });
  const stage: StageLabel = { academicYear: c.stage.academicYear, subject: c.stage.subject, level: c.stage.level };
  const ids = { stageId: c.stageId, schoolId: c.schoolId, municipalityId: c.municipalityId };
  return [{ type: 'StudentEntered', data: { ...ids, stage, studentId: c.studentId, grade: c.grade, groupId: group.groupId } }];
};
