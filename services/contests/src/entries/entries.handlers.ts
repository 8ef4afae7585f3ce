import type { RequestContext } from '@mms/auth';
import { invalid } from '@mms/eventsourcing/core';
import { actorContext, checked } from '@mms/service-kit/core';
import * as access from '../access/policy';
import { admissionOf, isAdmitted } from '../admission/admission.queries';
import type { ContestsDeps } from '../contests.deps';
import { LOCATED, streams } from '../contests.streams';
import { viewOf } from '../stages/stage.handlers';
import { stageDecider } from '../stages/stage.decider';
import { LEVELS } from '../stages/grades';
import type { StageRow } from '../stages/stage.rows';
import { studentDecider } from '../students/student.decider';
import { freshCode } from './codes';
import { EntriesCommand, entriesDecider, EntriesState } from './entries.decider';
import { EntryRow, entryRowId } from './entries.rows';

export type EntryView = Omit<EntryRow, '_id'> & { id: string };
export const entryView = ({ _id, ...r }: EntryRow): EntryView => ({ id: _id, ...r });

/** The stage as its own stream says (fresh), shaped like its row. */
export const loadStage = async (d: ContestsDeps, stageId: string, field = 'stageId'): Promise<StageRow> => {
  const { state, tenantId } = await d.commands.load(stageDecider, LOCATED, streams.stage(stageId));
  if (state.status === 'none' || !tenantId) return invalid(field, 'no such stage');
  const { id, ...rest } = viewOf(state, tenantId);
  return { _id: id, ...rest };
};

const viewsOf = (state: EntriesState, tenantId: string, studentIds?: string[]): EntryView[] =>
  state.entries
    .filter((e) => !studentIds || studentIds.includes(e.studentId))
    .map((e) => ({
      id: entryRowId(state.stageId!, e.studentId),
      tenantId,
      stageId: state.stageId!,
      schoolId: state.schoolId!,
      municipalityId: state.municipalityId!,
      studentId: e.studentId,
      academicYear: state.stage!.academicYear,
      subject: state.stage!.subject,
      level: state.stage!.level,
      grade: e.grade,
      groupId: e.groupId,
      code: e.code,
      status: e.status,
    }));

/**
 * The coordinator enters a student of their school for a stage. The stage, the student (grade,
 * consent), an earlier stage's grade this year and the admission list are read here and carried
 * to the decider, which holds every rule.
 */
export const enterStudent = async (
  d: ContestsDeps,
  req: RequestContext,
  input: { stageId: string; studentId: string; grade?: number | null },
): Promise<EntryView> => {
  const { user, school } = access.coordinatorSchool(req.user, 'enter students');
  checked('entry', (c) => {
    c.id('stageId', input.stageId);
    c.id('studentId', input.studentId);
    if (input.grade != null) c.int('grade', input.grade, 1, 11);
  });
  const stage = await stageForSchool(d, input.stageId, school.municipalityId);
  const command = await entryFacts(d, req, stage, school, input.studentId, input.grade ?? null, 'studentId');
  const { state, tenantId } = await d.commands.handle(entriesDecider, streams.entries(stage._id, school.organizationId), command, {
    tenantId: school.municipalityId,
    ...actorContext(req, user),
  });
  return viewsOf(state, tenantId, [input.studentId])[0]!;
};

/** A class at once: every student entered in one commit of the school's entries, or none (the refusal names the student). */
export const enterStudents = async (d: ContestsDeps, req: RequestContext, input: { stageId: string; studentIds: string[] }): Promise<EntryView[]> => {
  const { user, school } = access.coordinatorSchool(req.user, 'enter students');
  checked('entries', (c) => {
    c.id('stageId', input.stageId);
    c.list('studentIds', input.studentIds, { minItems: 1, maxItems: 1000, maxLength: 128, unique: true });
  });
  const stage = await stageForSchool(d, input.stageId, school.municipalityId);
  // The admission list once for the class, not once per student.
  const admitted = stage.level === 'SCHOOL' ? null : new Set((await admissionOf(d, stage)).admitted.map((a) => a.studentId));
  const entries = [];
  for (const [i, studentId] of input.studentIds.entries()) entries.push(await entryFacts(d, req, stage, school, studentId, null, `studentIds[${i}]`, admitted));
  const { state, tenantId } = await d.commands.handle(
    entriesDecider,
    streams.entries(stage._id, school.organizationId),
    { type: 'EnterStudents', entries },
    { tenantId: school.municipalityId, ...actorContext(req, user) },
  );
  return viewsOf(state, tenantId, input.studentIds);
};

/** A coordinator enters for the stages their municipality or the region runs. */
const stageForSchool = async (d: ContestsDeps, stageId: string, municipalityId: string) => {
  const stage = await loadStage(d, stageId);
  if (stage.tenantId !== municipalityId && stage.level !== 'REGIONAL') return invalid('stageId', 'this stage is another municipality’s');
  return stage;
};

/**
 * What the rule needs to know about one student's entry: the stage, the student's own stream
 * (grade, consent), the grade competed for at an earlier stage this year and the admission
 * list; the decider holds every rule.
 */
const entryFacts = async (
  d: ContestsDeps,
  req: RequestContext,
  stage: StageRow,
  school: { municipalityId: string; organizationId: string },
  studentId: string,
  grade: number | null,
  field: string,
  admittedSet?: Set<string> | null,
): Promise<Extract<EntriesCommand, { type: 'EnterStudent' }>> => {
  const student = await d.commands.load(studentDecider, LOCATED, streams.student(studentId));
  if (student.state.status === 'none') return invalid(field, 'no such student');
  const s = student.state;
  access.schoolCoordinator(req.user, { municipalityId: s.municipalityId, organizationId: s.schoolId }, 'enter this student');
  const earlierLevels = LEVELS.slice(0, LEVELS.indexOf(stage.level));
  // The school stage has no earlier one: no read (most entries of a year are the school stage's).
  const earlier = earlierLevels.length
    ? await d.tables.entries.find({ studentId: s.studentId, academicYear: stage.academicYear, subject: stage.subject, status: 'ENTERED' })
    : [];
  const earlierGrade = Math.max(0, ...earlier.filter((e) => earlierLevels.includes(e.level)).map((e) => e.grade)) || null;
  return {
    type: 'EnterStudent',
    stageId: stage._id,
    schoolId: school.organizationId,
    municipalityId: school.municipalityId,
    studentId: s.studentId,
    grade: grade ?? Math.max(s.grade, earlierGrade ?? 0),
    today: d.clock.today(),
    stage: {
      academicYear: stage.academicYear,
      subject: stage.subject,
      level: stage.level,
      startsOn: stage.startsOn,
      registrationFrom: stage.registrationFrom,
      registrationTo: stage.registrationTo,
      groups: stage.groups,
      consentLeadWorkingDays: stage.settings.consentLeadWorkingDays,
      holidays: stage.settings.holidays,
      cancelled: stage.status === 'CANCELLED',
    },
    student: { grade: s.grade, schoolId: s.schoolId, consent: s.consent, erased: s.status === 'ERASED' },
    earlierGrade,
    admitted: admittedSet === undefined ? await isAdmitted(d, stage, s.studentId) : admittedSet && admittedSet.has(s.studentId),
  };
};

export const withdrawEntry = async (
  d: ContestsDeps,
  req: RequestContext,
  input: { stageId: string; studentId: string; reason: string },
): Promise<EntryView> => {
  const { user, school } = access.coordinatorSchool(req.user, 'withdraw entries');
  const reason = checked('withdrawal', (c) => {
    c.id('stageId', input.stageId);
    c.id('studentId', input.studentId);
    return c.text('reason', input.reason, { max: 2000, required: true, multiline: true })!;
  });
  const { state, tenantId } = await d.commands.handle(
    entriesDecider,
    streams.entries(input.stageId, school.organizationId),
    { type: 'WithdrawEntry', stageId: input.stageId, studentId: input.studentId, reason },
    { tenantId: school.municipalityId, ...actorContext(req, user) },
  );
  return viewsOf(state, tenantId, [input.studentId])[0]!;
};

/** Codes for the school's entered students without one; fresh codes are checked against every code of the stage. */
export const issueCodes = async (d: ContestsDeps, req: RequestContext, stageId: string): Promise<EntryView[]> => {
  const { user, school } = access.coordinatorSchool(req.user, 'issue participant codes');
  checked('codes', (c) => c.id('stageId', stageId));
  const stream = streams.entries(stageId, school.organizationId);
  const { state: before } = await d.commands.load(entriesDecider, school.municipalityId, stream);
  const waiting = before.entries.filter((e) => e.status === 'ENTERED' && !e.code);
  // Twice as many as needed: a code another school holds (vanishingly rare) is skipped by the decider.
  const fresh = waiting.flatMap((e) => [freshCode(e.groupId), freshCode(e.groupId)]);
  const taken = fresh.length ? await codesTaken(d, stageId, fresh) : [];
  const { state, tenantId } = await d.commands.handle(
    entriesDecider,
    stream,
    { type: 'IssueCodes', stageId, fresh, taken },
    { tenantId: school.municipalityId, ...actorContext(req, user) },
  );
  return viewsOf(state, tenantId).filter((e) => e.status === 'ENTERED');
};

/**
 * Which of `fresh` a school of the stage holds already, from the stage's school rows (one find
 * of a few packed rows; `code: { $in }` on the entries made FerretDB decode every entry of the
 * stage: 180 ms a call in the region benchmark). Like before, what the read model shows: a code
 * issued elsewhere a moment ago is not seen (each such code one chance in 890 million per draw).
 */
const codesTaken = async (d: ContestsDeps, stageId: string, fresh: string[]): Promise<string[]> => {
  const wanted = new Set(fresh);
  return (await d.tables.schoolEntries.find({ stageId })).flatMap((school) => school.entries.flatMap((e) => (e.code && wanted.has(e.code) ? [e.code] : [])));
};
