import { deciderSpec } from '@mms/testing';
import { DomainError, ValidationError } from '@mms/eventsourcing/core';
import { developmentDecider, DevelopmentCommand, DevelopmentEvent } from './development.decider';
import { ExternalTraining, externalTrainingId } from './external-training';

const spec = deciderSpec(developmentDecider);
const educatorId = 'e1';
const on = '2026-11-22';

const training = (over: Partial<ExternalTraining> = {}): ExternalTraining => ({
  recordId: externalTrainingId(educatorId, 'Академия Минпросвещения России', 'ПК-0001'),
  title: 'Школа современного учителя',
  provider: 'Академия Минпросвещения России',
  hours: 72,
  competences: ['SUBJECT', 'DIGITAL'],
  certificateNumber: 'ПК-0001',
  issuedOn: '2025-05-20',
  organizationId: 'o1',
  municipalityId: 'm1',
  ...over,
});
const record = (over: Partial<ExternalTraining> = {}, day = on): DevelopmentCommand => ({
  type: 'RecordExternalTraining',
  educatorId,
  training: training(over),
  on: day,
});
const recorded = (over: Partial<ExternalTraining> = {}): DevelopmentEvent => ({
  type: 'ExternalTrainingRecorded',
  data: { educatorId, ...training(over) },
});

/** The fields a refused command reports, in order. */
const problemFields = (command: DevelopmentCommand): string[] => {
  try {
    developmentDecider.decide(command, developmentDecider.initialState());
  } catch (e) {
    if (e instanceof ValidationError) return e.problems.map((p) => p.field);
    throw e;
  }
  throw new Error('the command was accepted');
};

describe('external trainings (completed outside the catalogue)', () => {
  it('records a certificate', () => {
    spec.given([]).when(record()).then([recorded()]);
  });

  it('the same certificate again is a no-op (a retry, a second entry of the same paper, however typed)', () => {
    spec.given([recorded()]).when(record()).then([]);
    spec
      .given([recorded()])
      .when(record({ title: 'школа  современного учителя', provider: 'академия минпросвещения россии', certificateNumber: 'пк-0001' }))
      .then([]);
  });

  it('the same certificate with other details is refused for a person to resolve', () => {
    spec
      .given([recorded()])
      .when(record({ hours: 36 }))
      .thenThrows(DomainError, 'CERTIFICATE_ALREADY_RECORDED');
  });

  it('another certificate is another record', () => {
    const second = { recordId: externalTrainingId(educatorId, 'ККИПК', '24-77'), provider: 'ККИПК', certificateNumber: '24-77' };
    spec
      .given([recorded()])
      .when(record(second))
      .then([recorded(second)]);
  });

  it('trims what a person typed', () => {
    spec
      .given([])
      .when(record({ title: '  Школа современного учителя ', certificateNumber: ' ПК-0001 ' }))
      .then([recorded()]);
  });

  it('a certificate dated after the day of recording is refused', () => {
    expect(problemFields(record({ issuedOn: '2026-11-23' }))).toEqual(['issuedOn']);
    spec
      .given([])
      .when(record({ issuedOn: on }))
      .then([recorded({ issuedOn: on })]);
  });

  it('refuses empty text, hours out of range, unknown or repeated competences, a bad date — all reported at once', () => {
    const bad = record({
      title: ' ',
      provider: '',
      certificateNumber: '',
      hours: 0,
      competences: ['DIGITAL', 'DIGITAL', 'ASTROLOGY' as never],
      issuedOn: '2025-13-01',
    });
    expect(problemFields(bad)).toEqual(['title', 'provider', 'certificateNumber', 'hours', 'competences', 'competences', 'issuedOn']);
    spec
      .given([])
      .when(record({ hours: 2001 }))
      .thenThrows(ValidationError);
    spec
      .given([])
      .when(record({ hours: 1.5 }))
      .thenThrows(ValidationError);
  });

  it('the record id ignores case and spacing of provider and number, and differs per educator', () => {
    expect(externalTrainingId('e1', ' ККИПК ', 'пк  1')).toBe(externalTrainingId('e1', 'ккипк', 'ПК 1'));
    expect(externalTrainingId('e2', 'ККИПК', 'ПК 1')).not.toBe(externalTrainingId('e1', 'ККИПК', 'ПК 1'));
  });

  it('state keeps the records in order', () => {
    const second = { recordId: 'r2', certificateNumber: 'X-2', issuedOn: '2024-01-10' };
    const state = [recorded(), recorded(second)].reduce(developmentDecider.evolve, developmentDecider.initialState());
    expect(state.externalTrainings.map((t) => t.recordId)).toEqual([training().recordId, 'r2']);
  });
});
