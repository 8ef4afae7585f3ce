import { Static, Type } from '@sinclair/typebox';
import { EventContract } from './registry';

/** Public topic of the contests context. Keys are stream ids. No names of students, ever. */
export const CONTESTS_TOPIC = 'contests.events.v1';

const Id = Type.String({ minLength: 1 });
const Level = Type.Union([Type.Literal('SCHOOL'), Type.Literal('MUNICIPAL'), Type.Literal('REGIONAL')]);
const Status = Type.Union([Type.Literal('WINNER'), Type.Literal('PRIZE_WINNER'), Type.Literal('PARTICIPANT')]);

const Stage = {
  stageId: Id,
  /** "2026/2027". */
  academicYear: Type.String({ pattern: '^\\d{4}/\\d{4}$' }),
  subject: Id,
  level: Level,
};

/** A student entered for a stage or withdrawn from it: participation per school, subject and stage. */
export const ParticipationChangedV1 = Type.Object({
  ...Stage,
  studentId: Id,
  schoolId: Id,
  municipalityId: Id,
  grade: Type.Integer({ minimum: 1, maximum: 11 }),
  entered: Type.Boolean(),
});

/** A partition's final protocol (approved, immutable): every ranked participant by id and school. */
export const ResultsFinalisedV1 = Type.Object({
  ...Stage,
  groupId: Id,
  maxScore: Type.Number({ minimum: 0 }),
  results: Type.Array(
    Type.Object({
      studentId: Id,
      schoolId: Id,
      municipalityId: Id,
      grade: Type.Integer({ minimum: 1, maximum: 11 }),
      score: Type.Number({ minimum: 0 }),
      rank: Type.Integer({ minimum: 1 }),
      status: Status,
    }),
  ),
});

export type ParticipationChanged = Static<typeof ParticipationChangedV1>;
export type ResultsFinalised = Static<typeof ResultsFinalisedV1>;

const contract = (type: string, schema: EventContract['versions'][number]['schema']): EventContract => ({
  type,
  topic: CONTESTS_TOPIC,
  versions: { 1: { schema } },
});

export const ContestsContracts = {
  ParticipationChanged: contract('contests.ParticipationChanged', ParticipationChangedV1),
  ResultsFinalised: contract('contests.ResultsFinalised', ResultsFinalisedV1),
} as const;
