import { Static, Type } from '@sinclair/typebox';
import { EventContract } from './registry';

/** Public topic of the professional-development context. Keys are stream ids. */
export const PROFESSIONAL_DEVELOPMENT_TOPIC = 'professional-development.events.v1';

const Id = Type.String({ minLength: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Competences = Type.Array(Type.String());
const Level = Type.Union([Type.Literal('REGIONAL'), Type.Literal('MUNICIPAL')]);
const Format = Type.Union([Type.Literal('IN_PERSON'), Type.Literal('DISTANCE'), Type.Literal('BLENDED')]);
const EnrolmentStatus = Type.Union(['APPLIED', 'ENROLLED', 'REJECTED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED'].map((s) => Type.Literal(s)));

/** No names and no certificate numbers: the learner is an id, placed by municipality and school. */
export const ProgrammePublishedV1 = Type.Object({
  programmeId: Id,
  level: Level,
  ownerMunicipalityId: Type.Union([Id, Type.Null()]),
  title: Type.String(),
  hours: Type.Integer({ minimum: 1 }),
  format: Format,
  competences: Competences,
});
export const ProgrammeWithdrawnV1 = Type.Object({ programmeId: Id });
/** Every status change of one enrolment; `hours` are the certificate's once COMPLETED. */
export const EnrolmentChangedV1 = Type.Object({
  enrolmentId: Id,
  cohortId: Id,
  programmeId: Id,
  educatorId: Id,
  municipalityId: Id,
  organizationId: Id,
  status: EnrolmentStatus,
  hours: Type.Integer({ minimum: 0 }),
  competences: Competences,
  on: IsoDate,
});
/**
 * A training completed outside the catalogue (another provider's certificate), recorded by
 * the school or the municipality. Counts like a completion; no title, provider or number.
 */
export const ExternalTrainingRecordedV1 = Type.Object({
  recordId: Id,
  educatorId: Id,
  /** Where the educator worked when it was recorded. */
  municipalityId: Id,
  hours: Type.Integer({ minimum: 1 }),
  competences: Competences,
  on: IsoDate,
});
/** The full set of open deficits after the change. */
export const DeficitsChangedV1 = Type.Object({ educatorId: Id, municipalityId: Id, open: Competences });
/** The route's status after a proposal, an approval or a return to draft. */
export const RouteChangedV1 = Type.Object({
  educatorId: Id,
  municipalityId: Id,
  status: Type.Union([Type.Literal('DRAFT'), Type.Literal('APPROVED')]),
});
export const MentorshipChangedV1 = Type.Object({
  mentorshipId: Id,
  mentorId: Id,
  menteeId: Id,
  municipalityId: Id,
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('COMPLETED'), Type.Literal('ENDED')]),
  from: IsoDate,
  to: IsoDate,
});

export type ProgrammePublished = Static<typeof ProgrammePublishedV1>;
export type ProgrammeWithdrawn = Static<typeof ProgrammeWithdrawnV1>;
export type EnrolmentChanged = Static<typeof EnrolmentChangedV1>;
export type ExternalTrainingRecorded = Static<typeof ExternalTrainingRecordedV1>;
export type DeficitsChanged = Static<typeof DeficitsChangedV1>;
export type RouteChanged = Static<typeof RouteChangedV1>;
export type MentorshipChanged = Static<typeof MentorshipChangedV1>;

const contract = (type: string, schema: EventContract['versions'][number]['schema']): EventContract => ({
  type,
  topic: PROFESSIONAL_DEVELOPMENT_TOPIC,
  versions: { 1: { schema } },
});

export const ProfessionalDevelopmentContracts = {
  ProgrammePublished: contract('pd.ProgrammePublished', ProgrammePublishedV1),
  ProgrammeWithdrawn: contract('pd.ProgrammeWithdrawn', ProgrammeWithdrawnV1),
  EnrolmentChanged: contract('pd.EnrolmentChanged', EnrolmentChangedV1),
  ExternalTrainingRecorded: contract('pd.ExternalTrainingRecorded', ExternalTrainingRecordedV1),
  DeficitsChanged: contract('pd.DeficitsChanged', DeficitsChangedV1),
  RouteChanged: contract('pd.RouteChanged', RouteChangedV1),
  MentorshipChanged: contract('pd.MentorshipChanged', MentorshipChangedV1),
} as const;
