import { Decider, DomainEvent, refuse, requireExisting, SealedPersonalData } from '@mms/eventsourcing/core';
import { isIsoDate } from '@mms/contracts/dates';

/** What a parent agreed to (order 678, п. 19: consent to the processing and publication of personal data). */
export interface Consent {
  /** The day the parent signed. */
  signedOn: string;
  participation: boolean;
  /** The results published with the child's surname and initials (else the code only). */
  publishResults: boolean;
  /** The work itself published. */
  publishWork: boolean;
}

export type StudentState =
  | { status: 'none' }
  | {
      status: 'ACTIVE' | 'ERASED';
      studentId: string;
      schoolId: string;
      municipalityId: string;
      grade: number;
      /** Surname, name, patronymic and birth date, sealed with the child's key. */
      personal: SealedPersonalData | null;
      consent: Consent | null;
    };

type Id = { studentId: string; schoolId: string; municipalityId: string };
export type StudentEvent =
  | DomainEvent<'StudentRegistered', Id & { grade: number; personal: SealedPersonalData; duplicateKey: string | null }>
  | DomainEvent<'StudentDetailsChanged', Id & { grade: number; personal?: SealedPersonalData; duplicateKey?: string | null }>
  | DomainEvent<'StudentMovedSchool', Id & { fromSchoolId: string }>
  | DomainEvent<'ConsentRecorded', Id & { consent: Consent }>
  | DomainEvent<'ConsentWithdrawn', Id & { on: string }>
  | DomainEvent<'StudentErased', Id>;

export type StudentCommand =
  | {
      type: 'RegisterStudent';
      studentId: string;
      schoolId: string;
      municipalityId: string;
      grade: number;
      personal: SealedPersonalData;
      /** A keyed hash of the normalised name and birth date: the same child entered by two schools is flagged, never named. */
      duplicateKey: string | null;
      /** A parent's consent handed in with the registration (a class list), recorded in the same commit. */
      consent?: Consent | null;
      today?: string;
    }
  | { type: 'ChangeStudentDetails'; studentId: string; grade: number; personal?: SealedPersonalData; duplicateKey?: string | null }
  | { type: 'MoveStudentSchool'; studentId: string; schoolId: string }
  | { type: 'RecordConsent'; studentId: string; consent: Consent; today: string }
  | { type: 'WithdrawConsent'; studentId: string; on: string }
  | { type: 'EraseStudent'; studentId: string };

export const validGrade = (grade: number) => Number.isInteger(grade) && grade >= 1 && grade <= 11;

const active = (s: StudentState) => {
  const st = requireExisting(s, 'student', 'studentId');
  if (st.status === 'ERASED') refuse('PERSONAL_DATA_ERASED', `student ${st.studentId} was erased`);
  return st;
};

const ids = (s: Exclude<StudentState, { status: 'none' }>): Id => ({ studentId: s.studentId, schoolId: s.schoolId, municipalityId: s.municipalityId });

const sameConsent = (a: Consent | null, b: Consent) => !!a && JSON.stringify(a) === JSON.stringify(b);

export const studentDecider: Decider<StudentState, StudentCommand, StudentEvent> = {
  streamType: 'student',
  initialState: () => ({ status: 'none' }),
  evolve: (s, e) => {
    switch (e.type) {
      case 'StudentRegistered': {
        const { studentId, schoolId, municipalityId, grade, personal } = e.data;
        return { status: 'ACTIVE', studentId, schoolId, municipalityId, grade, personal, consent: null };
      }
      case 'StudentDetailsChanged':
        return s.status === 'none' ? s : { ...s, grade: e.data.grade, personal: e.data.personal ?? s.personal };
      case 'StudentMovedSchool':
        return s.status === 'none' ? s : { ...s, schoolId: e.data.schoolId };
      case 'ConsentRecorded':
        return s.status === 'none' ? s : { ...s, consent: e.data.consent };
      case 'ConsentWithdrawn':
        return s.status === 'none' ? s : { ...s, consent: null };
      case 'StudentErased':
        return s.status === 'none' ? s : { ...s, status: 'ERASED', personal: null, consent: null };
    }
  },
  decide: (c, s, stream) => {
    switch (c.type) {
      case 'RegisterStudent': {
        if (s.status !== 'none') {
          // A retry of the same registration (the name is sealed anew each time, so compare the rest).
          if (s.status === 'ACTIVE' && s.schoolId === c.schoolId && s.grade === c.grade) return [];
          return refuse('STUDENT_EXISTS', `student ${c.studentId} already exists`);
        }
        if (!validGrade(c.grade)) refuse('INVALID_GRADE', `grade must be 1–11 (got ${c.grade})`, { field: 'grade' });
        if (c.municipalityId !== stream.tenantId) refuse('WRONG_MUNICIPALITY', 'a student is registered in their school’s municipality');
        const { type: _t, consent, today, ...data } = c;
        const registered: StudentEvent = { type: 'StudentRegistered', data };
        if (!consent) return [registered];
        const ids = { studentId: c.studentId, schoolId: c.schoolId, municipalityId: c.municipalityId };
        const recorded = studentDecider.decide(
          { type: 'RecordConsent', studentId: c.studentId, consent, today: today ?? consent.signedOn },
          studentDecider.evolve(s, registered),
          stream,
        );
        return [registered, ...recorded.map((e) => ({ ...e, data: { ...ids, ...(e.data as object) } }) as StudentEvent)];
      }
      case 'ChangeStudentDetails': {
        const st = active(s);
        if (!validGrade(c.grade)) refuse('INVALID_GRADE', `grade must be 1–11 (got ${c.grade})`, { field: 'grade' });
        if (c.grade === st.grade && !c.personal) return [];
        return [
          {
            type: 'StudentDetailsChanged',
            data: { ...ids(st), grade: c.grade, ...(c.personal ? { personal: c.personal, duplicateKey: c.duplicateKey ?? null } : {}) },
          },
        ];
      }
      case 'MoveStudentSchool': {
        const st = active(s);
        if (st.schoolId === c.schoolId) return [];
        return [{ type: 'StudentMovedSchool', data: { ...ids(st), schoolId: c.schoolId, fromSchoolId: st.schoolId } }];
      }
      case 'RecordConsent': {
        const st = active(s);
        if (sameConsent(st.consent, c.consent)) return [];
        if (!isIsoDate(c.consent.signedOn) || c.consent.signedOn > c.today)
          refuse('INVALID_DATE', 'a consent is dated on or before today', { field: 'signedOn' });
        if (!c.consent.participation && (c.consent.publishResults || c.consent.publishWork))
          refuse('CONSENT_INCONSISTENT', 'publication needs the consent to participate', { field: 'participation' });
        return [{ type: 'ConsentRecorded', data: { ...ids(st), consent: c.consent } }];
      }
      case 'WithdrawConsent': {
        const st = active(s);
        if (!st.consent) return [];
        return [{ type: 'ConsentWithdrawn', data: { ...ids(st), on: c.on } }];
      }
      case 'EraseStudent': {
        const st = requireExisting(s, 'student', 'studentId');
        if (st.status === 'ERASED') return [];
        return [{ type: 'StudentErased', data: ids(st) }];
      }
    }
  },
};
