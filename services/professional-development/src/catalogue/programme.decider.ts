import { Decider, DomainError, DomainEvent, FieldProblem, invalidFields, NotFoundError } from '@mms/eventsourcing/core';

import { COMPETENCE_AREAS, CompetenceArea } from '../competences/competence-areas';

export { COMPETENCE_AREAS, type CompetenceArea };

export const PROGRAMME_LEVELS = ['REGIONAL', 'MUNICIPAL'] as const;
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number];

export const PROGRAMME_FORMATS = ['IN_PERSON', 'DISTANCE', 'BLENDED'] as const;
export type ProgrammeFormat = (typeof PROGRAMME_FORMATS)[number];

export const PROGRAMME_STATUSES = ['DRAFT', 'PUBLISHED', 'WITHDRAWN'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const MIN_PROGRAMME_HOURS = 1;
export const MAX_PROGRAMME_HOURS = 2000;

/** Who owns the programme. Fixed at creation: it decides the tenant the stream lives in. */
export interface ProgrammeOwnership {
  programmeId: string;
  level: ProgrammeLevel;
  /** The owning municipality; null for a regional programme. */
  ownerMunicipalityId: string | null;
}

/** What the owner may edit. */
export interface ProgrammeDetails {
  title: string;
  provider: string;
  hours: number;
  format: ProgrammeFormat;
  competences: CompetenceArea[];
  /** Id in the federal register of programmes, when it is there. */
  federalRegisterId: string | null;
}

export type ProgrammeEvent =
  | DomainEvent<'ProgrammeCreated', ProgrammeOwnership & ProgrammeDetails>
  | DomainEvent<'ProgrammeUpdated', { programmeId: string; changes: Partial<ProgrammeDetails> }>
  // The whole programme as published: the public contract and cohort snapshots are built from it without a lookup.
  | DomainEvent<'ProgrammePublished', ProgrammeOwnership & ProgrammeDetails>
  | DomainEvent<'ProgrammeWithdrawn', { programmeId: string; reason: string }>;

export type ProgrammeCommand =
  | ({ type: 'CreateProgramme'; federalRegisterId?: string | null } & ProgrammeOwnership & Omit<ProgrammeDetails, 'federalRegisterId'>)
  | { type: 'UpdateProgramme'; programmeId: string; changes: Partial<ProgrammeDetails> }
  | { type: 'PublishProgramme'; programmeId: string }
  | { type: 'WithdrawProgramme'; programmeId: string; reason: string };

export type ProgrammeState = { status: 'none' } | ({ status: ProgrammeStatus } & ProgrammeOwnership & ProgrammeDetails);

export const programmeDecider: Decider<ProgrammeState, ProgrammeCommand, ProgrammeEvent> = {
  streamType: 'programme',
  initialState: () => ({ status: 'none' }),
  evolve: (s, e) => {
    switch (e.type) {
      case 'ProgrammeCreated':
        return { status: 'DRAFT', ...e.data };
      case 'ProgrammeUpdated':
        return s.status === 'none' ? s : { ...s, ...e.data.changes };
      case 'ProgrammePublished':
        return s.status === 'none' ? s : { ...s, status: 'PUBLISHED' };
      case 'ProgrammeWithdrawn':
        return s.status === 'none' ? s : { ...s, status: 'WITHDRAWN' };
    }
  },
  decide: (c, s) => {
    switch (c.type) {
      case 'CreateProgramme': {
        if (s.status !== 'none') throw new DomainError('PROGRAMME_EXISTS', `programme ${c.programmeId} already exists`);
        const { programmeId, level, ownerMunicipalityId, title, provider, hours, format, competences } = c;
        const details = { title, provider, hours, format, competences, federalRegisterId: c.federalRegisterId ?? null };
        failOn('programme', [...ownershipProblems(level, ownerMunicipalityId), ...detailProblems(details)]);
        return [{ type: 'ProgrammeCreated', data: { programmeId, level, ownerMunicipalityId, ...normalised(details) } }];
      }
      case 'UpdateProgramme': {
        const current = requireProgramme(s, c.programmeId);
        if (current.status === 'WITHDRAWN') {
          throw new DomainError('PROGRAMME_WITHDRAWN', `programme ${c.programmeId} is withdrawn and cannot be changed`);
        }
        failOn('programme changes', detailProblems(c.changes));
        const changes = changedOnly(current, normalised(c.changes));
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'ProgrammeUpdated', data: { programmeId: c.programmeId, changes } }];
      }
      case 'PublishProgramme': {
        const { status, ...programme } = requireProgramme(s, c.programmeId);
        if (status === 'PUBLISHED') throw new DomainError('ALREADY_PUBLISHED', `programme ${c.programmeId} is already published`);
        return [{ type: 'ProgrammePublished', data: programme }];
      }
      case 'WithdrawProgramme': {
        const current = requireProgramme(s, c.programmeId);
        const reason = c.reason.trim();
        failOn('withdrawal', reason ? [] : [{ field: 'reason', message: 'is required' }]);
        if (current.status === 'WITHDRAWN') {
          throw new DomainError('ALREADY_WITHDRAWN', `programme ${c.programmeId} is already withdrawn`);
        }
        // Only what is in the catalogue can be taken out of it.
        if (current.status === 'DRAFT') throw new DomainError('NOT_PUBLISHED', `programme ${c.programmeId} is not published`);
        return [{ type: 'ProgrammeWithdrawn', data: { programmeId: c.programmeId, reason } }];
      }
    }
  },
};

const requireProgramme = (s: ProgrammeState, id: string) => {
  if (s.status === 'none') throw new NotFoundError(`programme ${id} not found`, { programmeId: id });
  return s;
};

/** Every bad field is reported at once, so the portal can show them all. */
const failOn = invalidFields;

const ownershipProblems = (level: string, owner: string | null): FieldProblem[] => {
  if (!(PROGRAMME_LEVELS as readonly string[]).includes(level)) {
    return [{ field: 'level', message: `must be one of ${PROGRAMME_LEVELS.join(', ')}` }];
  }
  // The owner decides the tenant: a municipal programme needs one, a regional one belongs to the region.
  if (level === 'MUNICIPAL' && !owner) return [{ field: 'ownerMunicipalityId', message: 'is required for a municipal programme' }];
  if (level === 'REGIONAL' && owner !== null) return [{ field: 'ownerMunicipalityId', message: 'must be empty for a regional programme' }];
  return [];
};

/** Checks the fields present (all of them on creation, the changed ones on update). */
const detailProblems = (d: Partial<ProgrammeDetails>): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (d.title !== undefined && !d.title.trim()) problems.push({ field: 'title', message: 'must not be empty' });
  if (d.provider !== undefined && !d.provider.trim()) problems.push({ field: 'provider', message: 'must not be empty' });
  if (d.hours !== undefined && !(Number.isInteger(d.hours) && d.hours >= MIN_PROGRAMME_HOURS && d.hours <= MAX_PROGRAMME_HOURS)) {
    problems.push({ field: 'hours', message: `must be a whole number from ${MIN_PROGRAMME_HOURS} to ${MAX_PROGRAMME_HOURS}` });
  }
  if (d.format !== undefined && !(PROGRAMME_FORMATS as readonly string[]).includes(d.format)) {
    problems.push({ field: 'format', message: `must be one of ${PROGRAMME_FORMATS.join(', ')}` });
  }
  if (d.competences !== undefined) {
    if (d.competences.length === 0) problems.push({ field: 'competences', message: 'needs at least one competence area' });
    const unknown = d.competences.filter((x) => !(COMPETENCE_AREAS as readonly string[]).includes(x));
    if (unknown.length) problems.push({ field: 'competences', message: `unknown competence area(s): ${unknown.join(', ')}` });
  }
  return problems;
};

/** Trimmed text, no duplicate competences, an empty register id means none. */
const normalised = <T extends Partial<ProgrammeDetails>>(d: T): T => {
  const out = { ...d };
  if (d.title !== undefined) out.title = d.title.trim();
  if (d.provider !== undefined) out.provider = d.provider.trim();
  if (d.competences !== undefined) out.competences = [...new Set(d.competences)];
  if (d.federalRegisterId !== undefined) out.federalRegisterId = d.federalRegisterId?.trim() || null;
  return out;
};

const DETAIL_KEYS: readonly (keyof ProgrammeDetails)[] = ['title', 'provider', 'hours', 'format', 'competences', 'federalRegisterId'];

/**
 * Only what really changed is recorded (the order of competences is not a change). Walks the
 * known keys rather than the input, so nothing else (level, owner) can slip into the event.
 */
const changedOnly = (current: ProgrammeDetails, wanted: Partial<ProgrammeDetails>): Partial<ProgrammeDetails> => {
  const changes: Partial<ProgrammeDetails> = {};
  for (const key of DETAIL_KEYS) {
    const value = wanted[key];
    const before = current[key];
    if (value === undefined) continue;
    const same = Array.isArray(value) && Array.isArray(before) ? sameSet(value, before) : value === before;
    if (!same) Object.assign(changes, { [key]: value });
  }
  return changes;
};

const sameSet = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x) => b.includes(x));
