import { createHmac } from 'node:crypto';
import type { RequestContext } from '@mms/auth';
import { HandleResult, invalid, personalDataErased } from '@mms/eventsourcing/core';
import { actorContext, checked, Checks, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import { LOCATED, streams } from '../contests.streams';
import { Consent, StudentCommand, studentDecider, StudentState } from './student.decider';
import { StudentName } from './student.names';
import { studentView, StudentView } from './student.views';

const NAME = /^[A-Za-zА-Яа-яЁё' -]+$/;

const checkName = (
  c: Checks,
  input: { surname?: string | null; name?: string | null; patronymic?: string | null; birthDate?: string | null },
  required: boolean,
) => {
  const surname = c.text('surname', input.surname, { max: 100, required });
  const name = c.text('name', input.name, { max: 100, required });
  const patronymic = c.text('patronymic', input.patronymic, { max: 100 });
  for (const [f, v] of [
    ['surname', surname],
    ['name', name],
    ['patronymic', patronymic],
  ] as const)
    if (v && !NAME.test(v)) c.problem(f, 'may hold letters, spaces, hyphens and apostrophes only');
  c.date('birthDate', input.birthDate);
  return { surname, name, patronymic, birthDate: input.birthDate ?? null };
};

/** A keyed hash of the normalised name and birth date: two schools' entries of one child meet here, no name in clear. */
const duplicateKeyOf = (secret: string, n: StudentName) =>
  n.birthDate
    ? createHmac('sha256', secret)
        .update(`${n.surname}|${n.name}|${n.patronymic ?? ''}|${n.birthDate}`.toLowerCase().replace(/ё/g, 'е'))
        .digest('hex')
    : null;

type RegisterInput = {
  surname: string;
  name: string;
  patronymic?: string | null;
  birthDate?: string | null;
  grade: number;
  /** A parent's consent handed in with the registration. */
  consent?: Consent | null;
};

const checkedRegistration = (d: ContestsDeps, c: Checks, input: RegisterInput, at = '') => {
  const sub = new Checks();
  sub.int('grade', input.grade, 1, 11);
  const name = checkName(sub, input, true) as StudentName;
  let consent: Consent | null = null;
  if (input.consent) {
    sub.date('consent.signedOn', input.consent.signedOn, { notAfter: d.clock.today() });
    consent = {
      signedOn: input.consent.signedOn,
      participation: !!input.consent.participation,
      publishResults: !!input.consent.publishResults,
      publishWork: !!input.consent.publishWork,
    };
  }
  for (const p of sub.problems) c.problem(`${at}${p.field}`, p.message);
  return { name, consent };
};

/** A student of the coordinator's school (from their token): the name sealed with the child's own key. */
export const registerStudent = async (d: ContestsDeps, req: RequestContext, input: RegisterInput): Promise<StudentView> => {
  const [view] = await register(d, req, [input], (i) => newEntityId(req, `student:${i}`), '');
  return view!;
};

/** A class list at once (up to 1,000): every line checked first, each student then in their own stream. */
export const registerStudents = async (d: ContestsDeps, req: RequestContext, input: { students: RegisterInput[] }): Promise<StudentView[]> => {
  checked('students', (c) => {
    if (!input.students.length || input.students.length > 1000) c.problem('students', 'must hold 1–1000 students');
  });
  return register(d, req, input.students, (i) => newEntityId(req, `student:${i}`), 'students');
};

const register = async (d: ContestsDeps, req: RequestContext, inputs: RegisterInput[], idOf: (i: number) => string, list: string): Promise<StudentView[]> => {
  const { user, school } = access.coordinatorSchool(req.user, 'register students');
  const checkedInputs = checked('student', (c) => inputs.map((input, i) => checkedRegistration(d, c, input, list ? `${list}[${i}].` : '')));
  const ids = checkedInputs.map((_, i) => idOf(i));
  // A class list in few round trips: every name sealed in one go, the students' commits appended together.
  const sealed = await d.vault.sealEach(checkedInputs.map(({ name }, i) => ({ subjectId: ids[i]!, data: name })));
  const results = await d.commands.handleMany(
    studentDecider,
    checkedInputs.map(({ name, consent }, i) => {
      const personal = sealed[i]!;
      if (personal instanceof Error) throw personal;
      return {
        streamId: streams.student(ids[i]!),
        fresh: true,
        command: {
          type: 'RegisterStudent' as const,
          studentId: ids[i]!,
          schoolId: school.organizationId,
          municipalityId: school.municipalityId,
          grade: inputs[i]!.grade,
          personal,
          duplicateKey: duplicateKeyOf(d.duplicateKeySecret, name),
          consent,
          today: d.clock.today(),
        },
      };
    }),
    { tenantId: school.municipalityId, ...actorContext(req, user) },
  );
  const failed = results.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return Promise.all(results.map((r) => studentView(d, (r as HandleResult<StudentState>).tenantId, (r as HandleResult<StudentState>).state)));
};

/** A command on a student of the coordinator's school (as the student's own stream says, on every attempt). */
const onStudent = async (
  d: ContestsDeps,
  req: RequestContext,
  studentId: string,
  what: string,
  command: (s: Exclude<StudentState, { status: 'none' }>) => Promise<StudentCommand> | StudentCommand,
) => {
  checked('student', (c) => c.id('studentId', studentId));
  const pre = await d.commands.load(studentDecider, LOCATED, streams.student(studentId));
  if (pre.state.status === 'none') return invalid('studentId', 'no such student');
  const user = access.schoolCoordinator(req.user, { municipalityId: pre.state.municipalityId, organizationId: pre.state.schoolId }, what);
  const cmd = await command(pre.state);
  const { state, tenantId } = await d.commands.handle(
    studentDecider,
    streams.student(studentId),
    (s) => {
      if (s.status !== 'none') access.schoolCoordinator(req.user, { municipalityId: s.municipalityId, organizationId: s.schoolId }, what);
      return cmd;
    },
    actorContext(req, user),
    LOCATED,
  );
  return { state, tenantId };
};

export const changeStudent = async (
  d: ContestsDeps,
  req: RequestContext,
  input: { studentId: string; grade?: number | null; surname?: string | null; name?: string | null; patronymic?: string | null; birthDate?: string | null },
) => {
  const { state, tenantId } = await onStudent(d, req, input.studentId, 'change students', async (s) => {
    // Before anything is opened or sealed: no path creates a key for an erased child.
    if (s.status === 'ERASED') throw personalDataErased(s.studentId);
    const renamed = input.surname != null || input.name != null || input.patronymic != null || input.birthDate != null;
    const grade = input.grade ?? s.grade;
    const given = checked('student', (c) => {
      c.int('grade', grade, 1, 11);
      return checkName(c, input, false);
    });
    if (!renamed) return { type: 'ChangeStudentDetails', studentId: s.studentId, grade };
    const before = s.personal ? await d.vault.open<StudentName>(s.personal) : null;
    if (!before) return invalid('studentId', 'the student’s personal data was erased');
    const name: StudentName = {
      surname: given.surname ?? before.surname,
      name: given.name ?? before.name,
      patronymic: input.patronymic === undefined || input.patronymic === null ? before.patronymic : given.patronymic,
      birthDate: input.birthDate ?? before.birthDate,
    };
    // Sealed only for a student who exists, is not erased and is the caller's (checked above).
    const personal = await d.vault.seal(s.studentId, name);
    return { type: 'ChangeStudentDetails', studentId: s.studentId, grade, personal, duplicateKey: duplicateKeyOf(d.duplicateKeySecret, name) };
  });
  return studentView(d, tenantId, state);
};

export const recordConsent = async (d: ContestsDeps, req: RequestContext, input: { studentId: string } & Consent) => {
  const consent = checked('consent', (c): Consent => {
    c.date('signedOn', input.signedOn, { notAfter: d.clock.today() });
    return { signedOn: input.signedOn, participation: !!input.participation, publishResults: !!input.publishResults, publishWork: !!input.publishWork };
  });
  const { state, tenantId } = await onStudent(d, req, input.studentId, 'record consents', (s) => ({
    type: 'RecordConsent',
    studentId: s.studentId,
    consent,
    today: d.clock.today(),
  }));
  return studentView(d, tenantId, state);
};

export const withdrawConsent = async (d: ContestsDeps, req: RequestContext, studentId: string) => {
  const { state, tenantId } = await onStudent(d, req, studentId, 'withdraw consents', (s) => ({
    type: 'WithdrawConsent',
    studentId: s.studentId,
    on: d.clock.today(),
  }));
  return studentView(d, tenantId, state);
};

/** The event first (the stream says ERASED for good), then the key: a crash between them is finished by a retry. */
export const eraseStudent = async (d: ContestsDeps, req: RequestContext, studentId: string) => {
  const { state, tenantId } = await onStudent(d, req, studentId, 'erase students', (s) => ({ type: 'EraseStudent', studentId: s.studentId }));
  await d.vault.erase(studentId);
  return studentView(d, tenantId, state);
};
