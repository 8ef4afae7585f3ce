import { Static, Type } from '@sinclair/typebox';
import { EventContract } from './registry';

/** Public topic of the directory context. Keys are stream ids (one entity each). */
export const DIRECTORY_TOPIC = 'directory.events.v1';

const Id = Type.String({ minLength: 1 });
const Kind = Type.Union(['SCHOOL', 'KINDERGARTEN', 'ADDITIONAL_EDUCATION', 'OTHER'].map((k) => Type.Literal(k)));
const Category = Type.Union(['NONE', 'FIRST', 'HIGHEST', 'METHODIST', 'MENTOR'].map((k) => Type.Literal(k)));
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** No personal data in public events: names stay in the directory, sealed. */
const EducatorState = {
  educatorId: Id,
  municipalityId: Id,
  organizationId: Id,
  position: Type.String(),
  subjects: Type.Array(Type.String()),
  careerStartDate: IsoDate,
  qualificationCategory: Category,
};

export const MunicipalityOnboardedV1 = Type.Object({
  municipalityId: Id,
  name: Type.String(),
  oktmo: Type.String(),
  onboardedAt: Type.String(),
});
export const OrganizationRegisteredV1 = Type.Object({ organizationId: Id, municipalityId: Id, name: Type.String(), kind: Kind });
/** Only what changed is present. */
export const OrganizationChangedV1 = Type.Object({
  organizationId: Id,
  municipalityId: Id,
  name: Type.Optional(Type.String()),
  kind: Type.Optional(Kind),
  status: Type.Optional(Type.Union([Type.Literal('ACTIVE'), Type.Literal('CLOSED')])),
});
export const EducatorRegisteredV1 = Type.Object(EducatorState);
/** Only what changed is present. */
export const EducatorChangedV1 = Type.Object({
  educatorId: Id,
  municipalityId: Id,
  position: Type.Optional(Type.String()),
  subjects: Type.Optional(Type.Array(Type.String())),
  qualificationCategory: Type.Optional(Category),
});
export const EducatorMovedV1 = Type.Object({
  educatorId: Id,
  municipalityId: Id,
  fromOrganizationId: Id,
  toOrganizationId: Id,
});
export const EducatorLeftMunicipalityV1 = Type.Object({ educatorId: Id, municipalityId: Id, toMunicipalityId: Id });
export const EducatorJoinedMunicipalityV1 = Type.Object({ ...EducatorState, fromMunicipalityId: Id });
export const EducatorLeftV1 = Type.Object({ educatorId: Id, municipalityId: Id });
export const EducatorPersonalDataErasedV1 = Type.Object({ educatorId: Id, municipalityId: Id });

export type MunicipalityOnboarded = Static<typeof MunicipalityOnboardedV1>;
export type OrganizationRegistered = Static<typeof OrganizationRegisteredV1>;
export type OrganizationChanged = Static<typeof OrganizationChangedV1>;
export type EducatorRegistered = Static<typeof EducatorRegisteredV1>;
export type EducatorChanged = Static<typeof EducatorChangedV1>;
export type EducatorMoved = Static<typeof EducatorMovedV1>;
export type EducatorLeftMunicipality = Static<typeof EducatorLeftMunicipalityV1>;
export type EducatorJoinedMunicipality = Static<typeof EducatorJoinedMunicipalityV1>;
export type EducatorLeft = Static<typeof EducatorLeftV1>;
export type EducatorPersonalDataErased = Static<typeof EducatorPersonalDataErasedV1>;

const contract = (type: string, schema: EventContract['versions'][number]['schema']): EventContract => ({
  type,
  topic: DIRECTORY_TOPIC,
  versions: { 1: { schema } },
});

export const DirectoryContracts = {
  MunicipalityOnboarded: contract('directory.MunicipalityOnboarded', MunicipalityOnboardedV1),
  OrganizationRegistered: contract('directory.OrganizationRegistered', OrganizationRegisteredV1),
  OrganizationChanged: contract('directory.OrganizationChanged', OrganizationChangedV1),
  EducatorRegistered: contract('directory.EducatorRegistered', EducatorRegisteredV1),
  EducatorChanged: contract('directory.EducatorChanged', EducatorChangedV1),
  EducatorMoved: contract('directory.EducatorMoved', EducatorMovedV1),
  EducatorLeftMunicipality: contract('directory.EducatorLeftMunicipality', EducatorLeftMunicipalityV1),
  EducatorJoinedMunicipality: contract('directory.EducatorJoinedMunicipality', EducatorJoinedMunicipalityV1),
  EducatorLeft: contract('directory.EducatorLeft', EducatorLeftV1),
  EducatorPersonalDataErased: contract('directory.EducatorPersonalDataErased', EducatorPersonalDataErasedV1),
} as const;
