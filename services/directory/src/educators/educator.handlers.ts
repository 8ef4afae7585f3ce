import { RequestContext } from '@mms/auth';
import { CommandContext, DomainError, SealedPersonalData, StreamInfo } from '@mms/eventsourcing/core';
import { actorContext, checked, Checks, commandContext, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { DirectoryDeps } from '../directory.deps';
import { municipalityOnboarded } from '../municipalities/municipality.queries';
import { OrganizationFact } from '../organizations/organization.decider';
import { organizationFact } from '../organizations/organization.queries';
import { EducatorCommand, educatorDecider, EducatorState, educatorStream, QUALIFICATION_CATEGORIES, QualificationCategory } from './educator.decider';
import { EducatorView, educatorView } from './educator.views';

/** The earliest plausible start of a career; guards against typos like 0201-09-01. */
const EARLIEST_CAREER_START = '1950-01-01';
const category = (c: Checks, v: string | undefined | null, field = 'qualificationCategory') =>
  c.oneOf<QualificationCategory>(field, v, QUALIFICATION_CATEGORIES);

const nameOf = async (d: DirectoryDeps, s: EducatorState): Promise<string | null> =>
  s.personal ? ((await d.vault.open<{ fullName: string }>(s.personal))?.fullName ?? null) : null;

/** Where the record is, as its own stream says: the access policy's placement. */
const placement = (s: EducatorState, stream: StreamInfo) => ({ municipalityId: stream.tenantId, organizationId: s.organizationId ?? null });

export interface RegisterEducatorInput {
  organizationId: string;
  fullName: string;
  position: string;
  subjects: string[];
  careerStartDate: string;
  qualificationCategory?: string | null;
}

/** A registration's input, checked (every problem named by its field, `prefix` before it). */
export const checkedRegistration = (d: DirectoryDeps, input: RegisterEducatorInput, prefix = '') =>
  checked('educator', (c) => {
    c.id(`${prefix}organizationId`, input.organizationId);
    c.date(`${prefix}careerStartDate`, input.careerStartDate, { notAfter: d.clock.today(), notBefore: EARLIEST_CAREER_START });
    return {
      fullName: c.text(`${prefix}fullName`, input.fullName, { max: 300, required: true })!,
      position: c.text(`${prefix}position`, input.position, { max: 200, required: true })!,
      subjects: c.list(`${prefix}subjects`, input.subjects, { maxItems: 20, maxLength: 100, unique: true }) ?? [],
      qualificationCategory: category(c, input.qualificationCategory ?? 'NONE', `${prefix}qualificationCategory`)!,
    };
  });

/** The command that registers a checked input as `educatorId`, its school's status and its sealed name given. */
export const registrationOf = (
  educatorId: string,
  input: RegisterEducatorInput,
  v: ReturnType<typeof checkedRegistration>,
  organization: OrganizationFact,
  personal: SealedPersonalData,
): EducatorCommand => ({
  type: 'RegisterEducator',
  educatorId,
  organizationId: input.organizationId,
  organization,
  personal,
  position: v.position,
  subjects: v.subjects,
  careerStartDate: input.careerStartDate,
  qualificationCategory: v.qualificationCategory,
});

/**
 * The command that registers a checked input as `educatorId` (its name sealed under that id:
 * a new person, so the key is inserted without looking for one first, as for a staff list).
 */
const registration = async (
  d: DirectoryDeps,
  tenantId: string,
  educatorId: string,
  input: RegisterEducatorInput,
  v: ReturnType<typeof checkedRegistration>,
): Promise<EducatorCommand> => {
  const [organization, [sealed]] = await Promise.all([
    organizationFact(d, tenantId, input.organizationId),
    d.vault.sealEach([{ subjectId: educatorId, data: { fullName: v.fullName } }]),
  ]);
  if (sealed instanceof DomainError) throw sealed;
  return registrationOf(educatorId, input, v, organization, sealed!);
};

export const registerEducator = async (d: DirectoryDeps, req: RequestContext, input: RegisterEducatorInput): Promise<EducatorView> => {
  const { tenantId, user } = access.educatorRegistrar(req.user, input.organizationId);
  const v = checkedRegistration(d, input);
  const educatorId = newEntityId(req, 'educator');
  const command = await registration(d, tenantId, educatorId, input, v);
  const { state } = await d.commands.handle(educatorDecider, educatorStream(educatorId), command, commandContext(req, tenantId, user), {
    tenantId,
    fresh: true,
  });
  return educatorView(tenantId, educatorId, state, v.fullName);
};

/**
 * A change to an existing record, wherever it lives now (after a transfer: the receiving
 * municipality), authorised against that record on every attempt.
 */
const changeEducator = async (
  d: DirectoryDeps,
  req: RequestContext,
  educatorId: string,
  plan: (s: EducatorState, stream: StreamInfo) => EducatorCommand,
): Promise<EducatorView> => {
  const user = access.educatorEditor(req.user);
  const { state, tenantId } = await d.commands.handle(educatorDecider, educatorStream(educatorId), plan, actorContext(req, user), { locate: true });
  return educatorView(tenantId, educatorId, state, await nameOf(d, state));
};

/**
 * A new name is sealed only for a record that exists and that the caller may change: a
 * seal creates the person's key, so a refused or unknown id must not get one (and the
 * vault refuses any seal for an erased person).
 */
const sealNewName = async (d: DirectoryDeps, req: RequestContext, educatorId: string, fullName: string) => {
  access.educatorEditor(req.user);
  const { state, version, tenantId } = await d.commands.load(educatorDecider, { locate: true }, educatorStream(educatorId));
  if (version === 0) return undefined; // the command then says NOT_FOUND
  access.educatorWriter(req.user, { municipalityId: tenantId ?? '', organizationId: state.organizationId ?? null });
  return d.vault.seal(educatorId, { fullName });
};

export interface UpdateEducatorInput {
  id: string;
  fullName?: string | null;
  position?: string | null;
  subjects?: string[] | null;
  qualificationCategory?: string | null;
}

export const updateEducator = async (d: DirectoryDeps, req: RequestContext, input: UpdateEducatorInput): Promise<EducatorView> => {
  const v = checked('educator change', (c) => {
    c.id('id', input.id);
    return {
      fullName: input.fullName == null ? undefined : c.text('fullName', input.fullName, { max: 300, required: true })!,
      position: input.position == null ? undefined : c.text('position', input.position, { max: 200, required: true })!,
      subjects: c.list('subjects', input.subjects, { maxItems: 20, maxLength: 100, unique: true }),
      qualificationCategory: category(c, input.qualificationCategory),
    };
  });
  const personal = v.fullName ? await sealNewName(d, req, input.id, v.fullName) : undefined;
  return changeEducator(d, req, input.id, (s, stream) => {
    if (stream.version > 0) access.educatorWriter(req.user, placement(s, stream));
    return {
      type: 'UpdateEducator',
      educatorId: input.id,
      changes: {
        ...(v.position ? { position: v.position } : {}),
        ...(v.subjects ? { subjects: v.subjects } : {}),
        ...(v.qualificationCategory ? { qualificationCategory: v.qualificationCategory } : {}),
      },
      ...(personal ? { personal } : {}),
    };
  });
};

export interface MoveEducatorInput {
  id: string;
  toOrganizationId: string;
  toMunicipalityId?: string | null;
}

/**
 * A move to another school of the same municipality, or a transfer to another municipality
 * (its first half here; the arrival is `completeTransfer`, also run by the reaction).
 */
export const moveEducator = async (d: DirectoryDeps, req: RequestContext, input: MoveEducatorInput): Promise<EducatorView> => {
  checked('move', (c) => {
    c.id('id', input.id);
    c.id('toOrganizationId', input.toOrganizationId);
    if (input.toMunicipalityId) c.municipalityId('toMunicipalityId', input.toMunicipalityId);
  });
  // Facts are read before the command: where the record is decides which ones.
  const { tenantId: holder } = await d.commands.load(educatorDecider, { locate: true }, educatorStream(input.id));
  const to = input.toMunicipalityId && input.toMunicipalityId !== holder ? input.toMunicipalityId : null;
  const target = to ?? holder ?? '';
  const [toOrganization, toMunicipalityOnboarded] = await Promise.all([
    target ? organizationFact(d, target, input.toOrganizationId) : Promise.resolve('none' as const),
    to ? municipalityOnboarded(d, to) : Promise.resolve(true),
  ]);
  const transferId = newEntityId(req, 'transfer');
  const view = await changeEducator(d, req, input.id, (s, stream) => {
    // Against the record as it is now: a transfer completed since the facts were read leaves it to the receiving municipality.
    if (stream.version > 0) access.educatorManager(req.user, placement(s, stream), 'move an educator');
    return to
      ? {
          type: 'TransferEducatorOut',
          educatorId: input.id,
          transferId,
          toMunicipalityId: to,
          toMunicipalityOnboarded,
          toOrganizationId: input.toOrganizationId,
          toOrganization,
        }
      : { type: 'MoveEducator', educatorId: input.id, toOrganizationId: input.toOrganizationId, toOrganization };
  });
  if (to && holder) await completeTransfer(d, holder, input.id, commandContext(req, holder, req.user!));
  return view;
};

/**
 * The second half of a transfer: take the educator into the target municipality.
 * Idempotent (keyed by the transfer id), so the synchronous call and the reaction may both run.
 */
export const completeTransfer = async (d: DirectoryDeps, fromTenantId: string, educatorId: string, ctx: CommandContext): Promise<void> => {
  const { state } = await d.commands.load(educatorDecider, fromTenantId, educatorStream(educatorId));
  if (state.status !== 'transferred' || !state.transferOut) return;
  const t = state.transferOut;
  await d.commands.handle(
    educatorDecider,
    educatorStream(educatorId),
    {
      type: 'TransferEducatorIn',
      educatorId,
      transferId: t.transferId,
      fromMunicipalityId: fromTenantId,
      formerMunicipalityIds: [...state.formerMunicipalityIds.filter((m) => m !== t.toMunicipalityId), fromTenantId],
      organizationId: t.toOrganizationId,
      personal: state.personal ?? null,
      position: state.position!,
      subjects: state.subjects ?? [],
      careerStartDate: state.careerStartDate!,
      qualificationCategory: state.qualificationCategory!,
    },
    { ...ctx, tenantId: t.toMunicipalityId },
  );
};

export const recordEducatorLeaving = async (d: DirectoryDeps, req: RequestContext, input: { id: string; reason: string }): Promise<EducatorView> => {
  const reason = checked('leaving', (c) => {
    c.id('id', input.id);
    return c.text('reason', input.reason, { max: 1000, required: true, multiline: true })!;
  });
  return changeEducator(d, req, input.id, (s, stream) => {
    if (stream.version > 0) access.educatorWriter(req.user, placement(s, stream));
    return { type: 'RecordEducatorLeaving', educatorId: input.id, reason };
  });
};

/** Erasure: the key goes first, so from that moment no copy of the name can be read; then the event tells every read model. */
export const eraseEducatorPersonalData = async (d: DirectoryDeps, req: RequestContext, educatorId: string): Promise<EducatorView> => {
  checked('erasure', (c) => c.id('educatorId', educatorId));
  // Authorised before the key goes (that cannot be undone), against the record's current owner.
  const { state: current, tenantId: holder } = await d.commands.load(educatorDecider, { locate: true }, educatorStream(educatorId));
  access.educatorManager(
    req.user,
    { municipalityId: holder ?? req.user?.municipalityId, organizationId: current.organizationId ?? null },
    'erase personal data',
  );
  if (holder) await d.vault.erase(educatorId);
  const { state, tenantId } = await d.commands.handle(
    educatorDecider,
    educatorStream(educatorId),
    (s, stream): EducatorCommand => {
      if (stream.version > 0) access.educatorManager(req.user, placement(s, stream), 'erase personal data');
      return { type: 'EraseEducatorPersonalData', educatorId };
    },
    actorContext(req, req.user!),
    { locate: true },
  );
  return educatorView(tenantId, educatorId, state, null);
};
