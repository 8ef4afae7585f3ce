import { deciderSpec } from '@mms/testing';
import { DomainError, fold, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { CompetenceArea, ProgrammeCommand, programmeDecider, ProgrammeEvent, ProgrammeFormat, ProgrammeLevel } from './programme.decider';

const spec = deciderSpec(programmeDecider);

const details = {
  title: 'Функциональная грамотность на уроках математики',
  provider: 'КК ИПК',
  hours: 72,
  format: 'BLENDED' as const,
  competences: ['FUNCTIONAL_LITERACY', 'METHODICAL'] as CompetenceArea[],
  federalRegisterId: null,
};
const ownership = { programmeId: 'p1', level: 'REGIONAL' as const, ownerMunicipalityId: null };
const create: ProgrammeCommand = { type: 'CreateProgramme', ...ownership, ...details };
const created: ProgrammeEvent = { type: 'ProgrammeCreated', data: { ...ownership, ...details } };
const published: ProgrammeEvent = { type: 'ProgrammePublished', data: { ...ownership, ...details } };
const withdrawn: ProgrammeEvent = { type: 'ProgrammeWithdrawn', data: { programmeId: 'p1', reason: 'устарела' } };

/** The error a command is refused with (for checking details and field problems). */
const refusal = (given: ProgrammeEvent[], command: ProgrammeCommand): unknown => {
  try {
    programmeDecider.decide(command, fold(programmeDecider, given));
  } catch (err) {
    return err;
  }
  throw new Error('the command was not refused');
};
const fieldsOf = (err: unknown) => (err instanceof ValidationError ? err.problems.map((p) => p.field) : err);

describe('programme: create', () => {
  it('creates a draft, trimming text and dropping repeated competences', () => {
    spec
      .given([])
      .when({ ...create, title: `  ${details.title} `, competences: ['FUNCTIONAL_LITERACY', 'METHODICAL', 'METHODICAL'] })
      .then([created]);
    expect(fold(programmeDecider, [created]).status).toBe('DRAFT');
  });

  it('leaves out the federal register id as none; records it when given', () => {
    const { federalRegisterId: _none, ...withoutId } = create as Extract<ProgrammeCommand, { type: 'CreateProgramme' }>;
    spec.given([]).when(withoutId).then([created]);
    spec
      .given([])
      .when({ ...create, federalRegisterId: 'FR-123' })
      .then([{ type: 'ProgrammeCreated', data: { ...ownership, ...details, federalRegisterId: 'FR-123' } }]);
  });

  it('refuses a second creation', () => {
    spec.given([created]).when(create).thenThrows(DomainError, 'PROGRAMME_EXISTS');
  });

  it('accepts 1 and 2000 hours, refuses 0, 2001 and fractions', () => {
    spec
      .given([])
      .when({ ...create, hours: 1 })
      .then([{ type: 'ProgrammeCreated', data: { ...ownership, ...details, hours: 1 } }]);
    spec
      .given([])
      .when({ ...create, hours: 2000 })
      .then([{ type: 'ProgrammeCreated', data: { ...ownership, ...details, hours: 2000 } }]);
    for (const hours of [0, 2001, 1.5]) expect(fieldsOf(refusal([], { ...create, hours }))).toEqual(['hours']);
  });

  it('needs a title, a provider and at least one known competence area, reporting every bad field', () => {
    expect(fieldsOf(refusal([], { ...create, title: '  ', provider: '', competences: [] }))).toEqual(['title', 'provider', 'competences']);
    expect(fieldsOf(refusal([], { ...create, competences: ['DIGITAL', 'ASTROLOGY' as CompetenceArea] }))).toEqual(['competences']);
  });

  it('refuses an unknown format or level', () => {
    expect(fieldsOf(refusal([], { ...create, format: 'ONLINE' as ProgrammeFormat }))).toEqual(['format']);
    expect(fieldsOf(refusal([], { ...create, level: 'FEDERAL' as ProgrammeLevel }))).toEqual(['level']);
  });

  it('a municipal programme has an owning municipality, a regional one has none', () => {
    const municipal = { ...create, level: 'MUNICIPAL' as const, ownerMunicipalityId: 'krasnoyarsk' };
    spec
      .given([])
      .when(municipal)
      .then([{ type: 'ProgrammeCreated', data: { ...details, programmeId: 'p1', level: 'MUNICIPAL', ownerMunicipalityId: 'krasnoyarsk' } }]);
    expect(fieldsOf(refusal([], { ...municipal, ownerMunicipalityId: null }))).toEqual(['ownerMunicipalityId']);
    expect(fieldsOf(refusal([], { ...create, ownerMunicipalityId: 'krasnoyarsk' }))).toEqual(['ownerMunicipalityId']);
  });
});

describe('programme: update', () => {
  it('records only what really changed', () => {
    spec
      .given([created])
      .when({ type: 'UpdateProgramme', programmeId: 'p1', changes: { title: details.title, hours: 36, format: 'BLENDED' } })
      .then([{ type: 'ProgrammeUpdated', data: { programmeId: 'p1', changes: { hours: 36 } } }]);
    spec
      .given([created])
      .when({ type: 'UpdateProgramme', programmeId: 'p1', changes: { competences: ['DIGITAL'], federalRegisterId: 'FR-9' } })
      .then([{ type: 'ProgrammeUpdated', data: { programmeId: 'p1', changes: { competences: ['DIGITAL'], federalRegisterId: 'FR-9' } } }]);
  });

  it('records nothing when nothing changed (the order of competences is not a change)', () => {
    spec
      .given([created])
      .when({ type: 'UpdateProgramme', programmeId: 'p1', changes: { competences: ['METHODICAL', 'FUNCTIONAL_LITERACY'], hours: 72 } })
      .then([]);
    spec.given([created]).when({ type: 'UpdateProgramme', programmeId: 'p1', changes: {} }).then([]);
  });

  it('ignores fields that are not editable (level and owner decide the tenant)', () => {
    const sneaky = { level: 'MUNICIPAL', ownerMunicipalityId: 'krasnoyarsk' } as unknown as { title: string };
    spec.given([created]).when({ type: 'UpdateProgramme', programmeId: 'p1', changes: sneaky }).then([]);
  });

  it('may change a published programme, and the change is folded into state', () => {
    const updated: ProgrammeEvent = { type: 'ProgrammeUpdated', data: { programmeId: 'p1', changes: { provider: 'СФУ' } } };
    spec
      .given([created, published])
      .when({ type: 'UpdateProgramme', programmeId: 'p1', changes: { provider: 'СФУ' } })
      .then([updated]);
    expect(fold(programmeDecider, [created, published, updated])).toMatchObject({ status: 'PUBLISHED', provider: 'СФУ' });
  });

  it('validates the changed values', () => {
    expect(fieldsOf(refusal([created], { type: 'UpdateProgramme', programmeId: 'p1', changes: { hours: 0, title: ' ' } }))).toEqual(['title', 'hours']);
    expect(fieldsOf(refusal([created], { type: 'UpdateProgramme', programmeId: 'p1', changes: { competences: [] } }))).toEqual(['competences']);
  });

  it('refuses to change a withdrawn or missing programme', () => {
    spec
      .given([created, published, withdrawn])
      .when({ type: 'UpdateProgramme', programmeId: 'p1', changes: { hours: 36 } })
      .thenThrows(DomainError, 'PROGRAMME_WITHDRAWN');
    spec
      .given([])
      .when({ type: 'UpdateProgramme', programmeId: 'p1', changes: { hours: 36 } })
      .thenThrows(NotFoundError);
  });
});

describe('programme: publish and withdraw', () => {
  it('publishes a draft with the whole programme in the event', () => {
    spec.given([created]).when({ type: 'PublishProgramme', programmeId: 'p1' }).then([published]);
    expect(fold(programmeDecider, [created, published]).status).toBe('PUBLISHED');
  });

  it('publishes a withdrawn programme again, with its current details', () => {
    const updated: ProgrammeEvent = { type: 'ProgrammeUpdated', data: { programmeId: 'p1', changes: { hours: 36 } } };
    spec
      .given([created, updated, published, withdrawn])
      .when({ type: 'PublishProgramme', programmeId: 'p1' })
      .then([{ type: 'ProgrammePublished', data: { ...ownership, ...details, hours: 36 } }]);
  });

  it('refuses to publish twice or a missing programme', () => {
    spec.given([created, published]).when({ type: 'PublishProgramme', programmeId: 'p1' }).thenThrows(DomainError, 'ALREADY_PUBLISHED');
    spec.given([]).when({ type: 'PublishProgramme', programmeId: 'p1' }).thenThrows(NotFoundError);
  });

  it('withdraws a published programme with a reason', () => {
    spec.given([created, published]).when({ type: 'WithdrawProgramme', programmeId: 'p1', reason: ' устарела ' }).then([withdrawn]);
    expect(fold(programmeDecider, [created, published, withdrawn]).status).toBe('WITHDRAWN');
  });

  it('requires a reason to withdraw', () => {
    expect(fieldsOf(refusal([created, published], { type: 'WithdrawProgramme', programmeId: 'p1', reason: '  ' }))).toEqual(['reason']);
  });

  it('refuses to withdraw twice, a draft, or a missing programme', () => {
    const withdraw: ProgrammeCommand = { type: 'WithdrawProgramme', programmeId: 'p1', reason: 'устарела' };
    spec.given([created, published, withdrawn]).when(withdraw).thenThrows(DomainError, 'ALREADY_WITHDRAWN');
    spec.given([created]).when(withdraw).thenThrows(DomainError, 'NOT_PUBLISHED');
    spec.given([]).when(withdraw).thenThrows(NotFoundError);
  });
});
