import { DomainError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import type { Consent } from '../students/student.decider';
import { EntriesCommand, entriesDecider, EntriesEvent, StageFacts } from './entries.decider';

const spec = deciderSpec(entriesDecider);
const stage: StageFacts = {
  academicYear: '2026/2027',
  subject: 'MATHEMATICS',
  level: 'SCHOOL',
  startsOn: '2026-10-06',
  registrationFrom: '2026-09-01',
  registrationTo: '2026-10-01',
  groups: [
    { groupId: '7-8', grades: [7, 8], tasks: [{ taskId: 't1', maxPoints: 7, thirdCheckThreshold: 2 }] },
    { groupId: '9', grades: [9], tasks: [{ taskId: 't1', maxPoints: 10, thirdCheckThreshold: 2 }] },
  ],
  consentLeadWorkingDays: 10,
  holidays: [],
  cancelled: false,
};
const consent: Consent = { signedOn: '2026-09-22', participation: true, publishResults: true, publishWork: false };
const ids = { stageId: 'st1', schoolId: 'school-1', municipalityId: 'mun-a' };
const label = { academicYear: '2026/2027', subject: 'MATHEMATICS', level: 'SCHOOL' as const };
const enter = (over: Partial<Extract<EntriesCommand, { type: 'EnterStudent' }>> = {}): EntriesCommand => ({
  type: 'EnterStudent',
  ...ids,
  studentId: 'stu1',
  grade: 8,
  today: '2026-09-25',
  stage,
  student: { grade: 8, schoolId: 'school-1', consent, erased: false },
  earlierGrade: null,
  admitted: null,
  ...over,
});
const entered: EntriesEvent = { type: 'StudentEntered', data: { ...ids, stage: label, studentId: 'stu1', grade: 8, groupId: '7-8' } };

describe('entries of a school for a stage', () => {
  it('enters a student with a consent dated 10 working days before the stage; again: nothing', () => {
    spec.given([]).when(enter()).then([entered]);
    spec.given([entered]).when(enter()).then([]);
  });

  it('a consent dated later than 10 working days before is too late; none at all is missing', () => {
    spec
      .given([])
      .when(enter({ student: { grade: 8, schoolId: 'school-1', consent: { ...consent, signedOn: '2026-09-23' }, erased: false } }))
      .thenThrows(DomainError, 'CONSENT_TOO_LATE');
    spec
      .given([])
      .when(enter({ student: { grade: 8, schoolId: 'school-1', consent: null, erased: false } }))
      .thenThrows(DomainError, 'CONSENT_MISSING');
  });

  it('older grade allowed, younger refused; a later stage keeps the earlier grade or higher', () => {
    spec
      .given([])
      .when(enter({ grade: 9 }))
      .then([{ type: 'StudentEntered', data: { ...ids, stage: label, studentId: 'stu1', grade: 9, groupId: '9' } }]);
    spec
      .given([])
      .when(enter({ grade: 7 }))
      .thenThrows(DomainError, 'GRADE_BELOW_OWN');
    spec
      .given([])
      .when(enter({ earlierGrade: 9 }))
      .thenThrows(DomainError, 'GRADE_BELOW_EARLIER');
    spec
      .given([])
      .when(enter({ grade: 3 }))
      .thenThrows(DomainError, 'GRADE_NOT_IN_STAGE');
  });

  it('outside the registration window, for another school or when not admitted: refused', () => {
    spec
      .given([])
      .when(enter({ today: '2026-10-02' }))
      .thenThrows(DomainError, 'REGISTRATION_CLOSED');
    spec
      .given([])
      .when(enter({ student: { grade: 8, schoolId: 'school-2', consent, erased: false } }))
      .thenThrows(DomainError, 'NOT_OF_SCHOOL');
    spec
      .given([])
      .when(enter({ admitted: false }))
      .thenThrows(DomainError, 'NOT_ADMITTED');
  });

  it('codes go to entered students without one, never a code taken elsewhere in the stage', () => {
    const two: EntriesEvent = { type: 'StudentEntered', data: { ...ids, stage: label, studentId: 'stu2', grade: 9, groupId: '9' } };
    spec
      .given([entered, two])
      .when({ type: 'IssueCodes', stageId: 'st1', fresh: ['9-CCCCCC', '7-8-AAAAAA', '7-8-BBBBBB'], taken: ['7-8-AAAAAA'] })
      .then([
        {
          type: 'CodesIssued',
          data: {
            ...ids,
            codes: [
              { studentId: 'stu1', groupId: '7-8', code: '7-8-BBBBBB' },
              { studentId: 'stu2', groupId: '9', code: '9-CCCCCC' },
            ],
          },
        },
      ]);
    spec
      .given([entered, two])
      .when({ type: 'IssueCodes', stageId: 'st1', fresh: ['7-8-AAAAAA', '9-BBBBBB'], taken: ['7-8-AAAAAA'] })
      .thenThrows(DomainError, 'CODES_EXHAUSTED');
    const issued: EntriesEvent = { type: 'CodesIssued', data: { ...ids, codes: [{ studentId: 'stu1', groupId: '7-8', code: '7-8-BBBBBB' }] } };
    spec
      .given([entered, issued])
      .when({ type: 'IssueCodes', stageId: 'st1', fresh: ['7-8-DDDDDD'], taken: [] })
      .then([]);
  });

  it('a withdrawn entry says its grade and stage for the public participation event', () => {
    spec
      .given([entered])
      .when({ type: 'WithdrawEntry', stageId: 'st1', studentId: 'stu1', reason: 'болезнь' })
      .then([{ type: 'EntryWithdrawn', data: { ...ids, stage: label, studentId: 'stu1', grade: 8, reason: 'болезнь' } }]);
  });
});

describe('a class entered at once', () => {
  it('enters every student in one decision, or none: the refusal names the student', () => {
    const second = enter({ studentId: 'stu2' });
    const late = enter({ studentId: 'stu3', student: { grade: 8, schoolId: 'school-1', consent: { ...consent, signedOn: '2026-09-30' }, erased: false } });
    spec
      .given([])
      .when({ type: 'EnterStudents', entries: [enter() as never, second as never] })
      .then([entered, { type: 'StudentEntered', data: { ...ids, stage: label, studentId: 'stu2', grade: 8, groupId: '7-8' } }]);
    let thrown: any;
    try {
      entriesDecider.decide({ type: 'EnterStudents', entries: [enter() as never, late as never] }, entriesDecider.initialState(), {
        tenantId: 'mun-a',
        streamId: 's',
        version: 0,
      });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'CONSENT_TOO_LATE', details: { studentId: 'stu3' } });
  });
});
