import { DomainError, NotFoundError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { Consent, studentDecider, StudentEvent } from './student.decider';

const spec = deciderSpec(studentDecider);
const personal = { subjectId: 'stu1', sealed: 'xxx' };
const ids = { studentId: 'stu1', schoolId: 'school-1', municipalityId: 'mun-a' };
const registered: StudentEvent = { type: 'StudentRegistered', data: { ...ids, grade: 8, personal, duplicateKey: 'k' } };
const consent: Consent = { signedOn: '2026-09-05', participation: true, publishResults: false, publishWork: false };

describe('student', () => {
  it('a school registers a student in its municipality', () => {
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ type: 'RegisterStudent', ...ids, grade: 8, personal, duplicateKey: 'k' })
      .then([registered]);
    spec
      .given([], { tenantId: 'mun-b' })
      .when({ type: 'RegisterStudent', ...ids, grade: 8, personal, duplicateKey: 'k' })
      .thenThrows(DomainError, 'WRONG_MUNICIPALITY');
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ type: 'RegisterStudent', ...ids, grade: 12, personal, duplicateKey: null })
      .thenThrows(DomainError, 'INVALID_GRADE');
  });

  it('a consent is dated today or earlier; publication needs participation', () => {
    spec
      .given([registered])
      .when({ type: 'RecordConsent', studentId: 'stu1', consent, today: '2026-09-10' })
      .then([{ type: 'ConsentRecorded', data: { ...ids, consent } }]);
    spec.given([registered]).when({ type: 'RecordConsent', studentId: 'stu1', consent, today: '2026-09-01' }).thenThrows(DomainError, 'INVALID_DATE');
    spec
      .given([registered])
      .when({ type: 'RecordConsent', studentId: 'stu1', consent: { ...consent, participation: false, publishResults: true }, today: '2026-09-10' })
      .thenThrows(DomainError, 'CONSENT_INCONSISTENT');
  });

  it('the same consent again changes nothing; a withdrawal clears it', () => {
    const recorded: StudentEvent = { type: 'ConsentRecorded', data: { ...ids, consent } };
    spec.given([registered, recorded]).when({ type: 'RecordConsent', studentId: 'stu1', consent, today: '2026-09-10' }).then([]);
    spec
      .given([registered, recorded])
      .when({ type: 'WithdrawConsent', studentId: 'stu1', on: '2026-10-01' })
      .then([{ type: 'ConsentWithdrawn', data: { ...ids, on: '2026-10-01' } }]);
  });

  it('an erased student takes nothing new; erasing twice is a no-op; an unknown one is NOT_FOUND', () => {
    const erased: StudentEvent = { type: 'StudentErased', data: ids };
    spec
      .given([registered, erased])
      .when({ type: 'RecordConsent', studentId: 'stu1', consent, today: '2026-09-10' })
      .thenThrows(DomainError, 'PERSONAL_DATA_ERASED');
    spec.given([registered, erased]).when({ type: 'EraseStudent', studentId: 'stu1' }).then([]);
    spec.given([]).when({ type: 'EraseStudent', studentId: 'stu1' }).thenThrows(NotFoundError);
  });
});

describe('registration with the consent', () => {
  it('records the consent handed in with the registration in the same decision', () => {
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ type: 'RegisterStudent', ...ids, grade: 8, personal, duplicateKey: 'k', consent, today: '2026-09-10' })
      .then([registered, { type: 'ConsentRecorded', data: { ...ids, consent } }]);
    spec
      .given([], { tenantId: 'mun-a' })
      .when({ type: 'RegisterStudent', ...ids, grade: 8, personal, duplicateKey: 'k', consent, today: '2026-09-01' })
      .thenThrows(DomainError, 'INVALID_DATE');
  });
});
