import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RequestContext, UserClaims } from '@mms/auth';
import {
  CommandContext,
  CommandHandler,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PersonalDataVault,
} from '@mms/eventsourcing';
import { COMMAND_HANDLER, commandContext, PERSONAL_DATA_VAULT, PROJECTIONS, ProjectionRegistry } from '@mms/service-kit';
import { municipalityDecider } from '../municipalities/municipality';
import { organizationDecider, OrganizationState } from '../organizations/organization';
import { educatorDecider, EducatorState } from '../educators/educator';
import { DIRECTORY_PROJECTION, EducatorRow, MunicipalityRow, OrganizationRow } from '../read-model/directory.projection';
import * as access from '../access/policy';
import { category, Checks, EARLIEST_CAREER_START, INN_ORGANIZATION, kind, MUNICIPALITY_ID, OKTMO } from './validation';
import { decodeCursor, encodeCursor, Page, pageSize } from './pagination';

export interface EducatorView extends Omit<EducatorRow, '_id'> {
  id: string;
}

/**
 * The directory's use cases: validate, authorise, decide through the event store, and
 * answer queries from the read model, always within the caller's tenant.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRegistry,
  ) {}

  private async rm() {
    return this.projections.get(DIRECTORY_PROJECTION).readModel();
  }

  // ---- municipalities -------------------------------------------------------

  async onboardMunicipality(req: RequestContext, input: { id: string; name: string; oktmo: string }) {
    const user = access.requireRegionalOperator(req.user);
    const c = new Checks();
    c.pattern('id', input.id, MUNICIPALITY_ID, 'must be a lower-case slug (a-z, 0-9, -), 2–63 characters');
    const name = c.text('name', input.name, { max: 300, required: true });
    c.pattern('oktmo', input.oktmo, OKTMO, 'must be an 8- or 11-digit ОКТМО code');
    c.done('municipality');
    const at = new Date().toISOString();
    await this.commands.handle(
      municipalityDecider,
      `municipality-${input.id}`,
      { type: 'OnboardMunicipality', municipalityId: input.id, name: name!, oktmo: input.oktmo, at },
      commandContext(req, input.id, user),
    );
    return { id: input.id, name: name!, oktmo: input.oktmo, status: 'ACTIVE', onboardedAt: at };
  }

  private async requireMunicipality(tenantId: string) {
    const { state } = await this.commands.load(municipalityDecider, tenantId, `municipality-${tenantId}`);
    if (!state.onboarded) {
      throw new DomainError('MUNICIPALITY_NOT_ONBOARDED', `municipality ${tenantId} is not onboarded`);
    }
  }

  async municipality(req: RequestContext, id: string) {
    const scope = access.municipalityReadScope(req.user);
    const row = await (await this.rm()).collection<MunicipalityRow>('municipalities').findOne({ ...scope, _id: id } as never);
    return row ? municipalityView(row) : null;
  }

  /**
   * For fields that must resolve (an organisation's municipality): the read model, or,
   * while it still lags behind a write that just happened, the stream itself.
   */
  async municipalityOf(req: RequestContext, id: string) {
    const fromReadModel = await this.municipality(req, id);
    if (fromReadModel) return fromReadModel;
    const { state, version } = await this.commands.load(municipalityDecider, id, `municipality-${id}`);
    if (!state.onboarded || version === 0) return null;
    const canSee = !req.user || req.user.role === 'regional_operator' || req.user.municipalityId === id;
    return canSee ? { id, name: state.name!, oktmo: state.oktmo!, status: 'ACTIVE', onboardedAt: state.onboardedAt! } : null;
  }

  async organizationOf(req: RequestContext, tenantId: string, id: string) {
    const fromReadModel = await this.organization(req, id);
    if (fromReadModel) return fromReadModel;
    const { state } = await this.commands.load(organizationDecider, tenantId, `organization-${id}`);
    if (state.status === 'none') return null;
    const scope = access.organizationReadScope(req.user);
    if (scope['tenantId'] && scope['tenantId'] !== tenantId) return null;
    return organizationView(tenantId, state);
  }

  async municipalities(req: RequestContext, first?: number | null, after?: string | null) {
    const scope = access.municipalityReadScope(req.user);
    return this.page<MunicipalityRow, ReturnType<typeof municipalityView>>('municipalities', scope, first, after, municipalityView);
  }

  // ---- organisations --------------------------------------------------------

  async registerOrganization(
    req: RequestContext,
    input: { name: string; shortName?: string | null; kind: string; inn?: string | null },
  ) {
    const { tenantId, user } = access.organizationWriter(req.user);
    const c = new Checks();
    const name = c.text('name', input.name, { max: 500, required: true });
    const shortName = c.text('shortName', input.shortName, { max: 200 });
    const k = kind(c, input.kind);
    c.pattern('inn', input.inn, INN_ORGANIZATION, 'must be a 10-digit ИНН');
    c.done('organization');
    await this.requireMunicipality(tenantId);
    const organizationId = randomUUID();
    const { state } = await this.commands.handle(
      organizationDecider,
      `organization-${organizationId}`,
      { type: 'RegisterOrganization', organizationId, name: name!, shortName, kind: k!, inn: input.inn ?? null },
      commandContext(req, tenantId, user),
    );
    return organizationView(tenantId, state);
  }

  async updateOrganization(
    req: RequestContext,
    input: { id: string; name?: string | null; shortName?: string | null; kind?: string | null; inn?: string | null },
  ) {
    const { tenantId, user } = access.organizationWriter(req.user);
    const c = new Checks();
    c.id('id', input.id);
    const name = input.name === undefined || input.name === null ? undefined : c.text('name', input.name, { max: 500, required: true });
    const shortName = input.shortName === undefined ? undefined : c.text('shortName', input.shortName, { max: 200 });
    const k = kind(c, input.kind);
    c.pattern('inn', input.inn, INN_ORGANIZATION, 'must be a 10-digit ИНН');
    c.done('organization change');
    const changes = {
      ...(name ? { name } : {}),
      ...(shortName !== undefined ? { shortName } : {}),
      ...(k ? { kind: k } : {}),
      ...(input.inn !== undefined ? { inn: input.inn } : {}),
    };
    const { state } = await this.commands.handle(
      organizationDecider,
      `organization-${input.id}`,
      { type: 'UpdateOrganization', organizationId: input.id, changes },
      commandContext(req, tenantId, user),
    );
    return organizationView(tenantId, state);
  }

  async closeOrganization(req: RequestContext, input: { id: string; reason: string }) {
    const { tenantId, user } = access.organizationWriter(req.user);
    const c = new Checks();
    c.id('id', input.id);
    const reason = c.text('reason', input.reason, { max: 1000, required: true });
    c.done('organization closing');
    const { state } = await this.commands.handle(
      organizationDecider,
      `organization-${input.id}`,
      { type: 'CloseOrganization', organizationId: input.id, reason: reason! },
      commandContext(req, tenantId, user),
    );
    return organizationView(tenantId, state);
  }

  private async activeOrganization(tenantId: string, organizationId: string, field: string) {
    const { state } = await this.commands.load(organizationDecider, tenantId, `organization-${organizationId}`);
    if (state.status === 'none') {
      throw new NotFoundError(`organization ${organizationId} not found in municipality ${tenantId}`, { field });
    }
    if (state.status === 'closed') throw new DomainError('ORGANIZATION_CLOSED', `organization ${organizationId} is closed`, { field });
    return state;
  }

  async organization(req: RequestContext, id: string) {
    const scope = access.organizationReadScope(req.user);
    const row = await (await this.rm()).collection<OrganizationRow>('organizations').findOne({ ...scope, _id: id } as never);
    return row ? organizationRowView(row) : null;
  }

  async organizations(
    req: RequestContext,
    filter: { kind?: string | null; status?: string | null; municipalityId?: string | null; nameContains?: string | null } = {},
    first?: number | null,
    after?: string | null,
  ) {
    this.checkMunicipalityFilter(req.user, filter.municipalityId);
    const query: Record<string, unknown> = { ...access.organizationReadScope(req.user, filter.municipalityId) };
    if (filter.kind) query['kind'] = filter.kind;
    if (filter.status) query['status'] = filter.status;
    if (filter.nameContains) query['nameLower'] = { $regex: escapeRegex(filter.nameContains.toLowerCase().slice(0, 100)) };
    return this.page<OrganizationRow, ReturnType<typeof organizationRowView>>('organizations', query, first, after, organizationRowView);
  }

  private checkMunicipalityFilter(user: UserClaims | null, municipalityId?: string | null) {
    if (municipalityId && user && user.role !== 'regional_operator' && municipalityId !== user.municipalityId) {
      throw new ForbiddenError('only the regional operator may read another municipality');
    }
  }

  // ---- educators ------------------------------------------------------------

  async registerEducator(
    req: RequestContext,
    input: {
      organizationId: string;
      fullName: string;
      position: string;
      subjects: string[];
      careerStartDate: string;
      qualificationCategory?: string | null;
    },
  ): Promise<EducatorView> {
    const { tenantId, user } = access.educatorWriter(req.user, [input.organizationId]);
    const c = new Checks();
    c.id('organizationId', input.organizationId);
    const fullName = c.text('fullName', input.fullName, { max: 300, required: true });
    const position = c.text('position', input.position, { max: 200, required: true });
    const subjects = c.list('subjects', input.subjects, { maxItems: 20, maxLength: 100 });
    c.isoDate('careerStartDate', input.careerStartDate, { notAfter: new Date(), notBefore: EARLIEST_CAREER_START });
    const cat = category(c, input.qualificationCategory ?? 'NONE');
    c.done('educator');
    await this.activeOrganization(tenantId, input.organizationId, 'organizationId');
    const educatorId = randomUUID();
    const personal = await this.vault.seal(educatorId, { fullName });
    const { state } = await this.commands.handle(
      educatorDecider,
      `educator-${educatorId}`,
      {
        type: 'RegisterEducator',
        educatorId,
        organizationId: input.organizationId,
        personal,
        position: position!,
        subjects: subjects ?? [],
        careerStartDate: input.careerStartDate,
        qualificationCategory: cat!,
      },
      commandContext(req, tenantId, user),
    );
    return educatorView(tenantId, educatorId, state, fullName);
  }

  /** Loads the educator in the caller's tenant and checks the caller may change them. */
  private async educatorForWrite(req: RequestContext, educatorId: string) {
    const u = access.requireUser(req.user);
    if (!u.municipalityId) throw new ForbiddenError('only municipal users may change educators');
    const { state } = await this.commands.load(educatorDecider, u.municipalityId, `educator-${educatorId}`);
    if (state.status === 'none') throw new NotFoundError(`educator ${educatorId} not found`);
    const { tenantId, user } = access.educatorWriter(req.user, [state.organizationId!]);
    return { tenantId, user, state };
  }

  async updateEducator(
    req: RequestContext,
    input: { id: string; fullName?: string | null; position?: string | null; subjects?: string[] | null; qualificationCategory?: string | null },
  ): Promise<EducatorView> {
    const c = new Checks();
    c.id('id', input.id);
    const fullName = input.fullName == null ? undefined : c.text('fullName', input.fullName, { max: 300, required: true });
    const position = input.position == null ? undefined : c.text('position', input.position, { max: 200, required: true });
    const subjects = c.list('subjects', input.subjects, { maxItems: 20, maxLength: 100 });
    const cat = category(c, input.qualificationCategory);
    c.done('educator change');
    const { tenantId, user } = await this.educatorForWrite(req, input.id);
    const personal = fullName ? await this.vault.seal(input.id, { fullName }) : undefined;
    const { state } = await this.commands.handle(
      educatorDecider,
      `educator-${input.id}`,
      {
        type: 'UpdateEducator',
        educatorId: input.id,
        changes: {
          ...(position ? { position } : {}),
          ...(subjects ? { subjects } : {}),
          ...(cat ? { qualificationCategory: cat } : {}),
        },
        ...(personal ? { personal } : {}),
      },
      commandContext(req, tenantId, user),
    );
    return educatorView(tenantId, input.id, state, await this.nameOf(state));
  }

  async moveEducator(req: RequestContext, input: { id: string; toOrganizationId: string; toMunicipalityId?: string | null }) {
    const c = new Checks();
    c.id('id', input.id);
    c.id('toOrganizationId', input.toOrganizationId);
    if (input.toMunicipalityId) c.pattern('toMunicipalityId', input.toMunicipalityId, MUNICIPALITY_ID, 'is not a municipality id');
    c.done('move');
    const u = access.requireUser(req.user);
    if (!input.toMunicipalityId || input.toMunicipalityId === u.municipalityId) {
      const { tenantId, user } = await this.educatorForWrite(req, input.id);
      // A coordinator may move someone only within their own school's scope, which a move leaves: methodologist only.
      if (user.role !== 'municipal_methodologist') throw new ForbiddenError('only a municipal methodologist may move educators');
      await this.activeOrganization(tenantId, input.toOrganizationId, 'toOrganizationId');
      const { state } = await this.commands.handle(
        educatorDecider,
        `educator-${input.id}`,
        { type: 'MoveEducator', educatorId: input.id, toOrganizationId: input.toOrganizationId },
        commandContext(req, tenantId, user),
      );
      return educatorView(tenantId, input.id, state, await this.nameOf(state));
    }
    const { tenantId, user } = access.transferWriter(req.user);
    const { state: before } = await this.commands.load(educatorDecider, tenantId, `educator-${input.id}`);
    if (before.status === 'none') throw new NotFoundError(`educator ${input.id} not found`);
    await this.requireMunicipality(input.toMunicipalityId);
    await this.activeOrganization(input.toMunicipalityId, input.toOrganizationId, 'toOrganizationId');
    const transferId = randomUUID();
    const out = await this.commands.handle(
      educatorDecider,
      `educator-${input.id}`,
      {
        type: 'TransferEducatorOut',
        educatorId: input.id,
        transferId,
        toMunicipalityId: input.toMunicipalityId,
        toOrganizationId: input.toOrganizationId,
      },
      commandContext(req, tenantId, user),
    );
    // The arrival is also completed from the event stream if this process dies here.
    await this.completeTransfer(tenantId, input.id, commandContext(req, tenantId, user));
    return educatorView(tenantId, input.id, out.state, await this.nameOf(out.state));
  }

  /**
   * Second half of a transfer: take the educator into the target municipality. Idempotent
   * (keyed by the transfer id), so the synchronous call and the event handler may both run.
   */
  async completeTransfer(fromTenantId: string, educatorId: string, ctx: CommandContext) {
    const { state } = await this.commands.load(educatorDecider, fromTenantId, `educator-${educatorId}`);
    if (state.status !== 'transferred' || !state.transferOut) return;
    const t = state.transferOut;
    await this.commands.handle(
      educatorDecider,
      `educator-${educatorId}`,
      {
        type: 'TransferEducatorIn',
        educatorId,
        transferId: t.transferId,
        fromMunicipalityId: fromTenantId,
        organizationId: t.toOrganizationId,
        personal: state.personal ?? null,
        position: state.position!,
        subjects: state.subjects ?? [],
        careerStartDate: state.careerStartDate!,
        qualificationCategory: state.qualificationCategory!,
      },
      { ...ctx, tenantId: t.toMunicipalityId },
    );
  }

  async recordEducatorLeaving(req: RequestContext, input: { id: string; reason: string }) {
    const c = new Checks();
    c.id('id', input.id);
    const reason = c.text('reason', input.reason, { max: 1000, required: true });
    c.done('leaving');
    const { tenantId, user } = await this.educatorForWrite(req, input.id);
    const { state } = await this.commands.handle(
      educatorDecider,
      `educator-${input.id}`,
      { type: 'RecordEducatorLeaving', educatorId: input.id, reason: reason! },
      commandContext(req, tenantId, user),
    );
    return educatorView(tenantId, input.id, state, await this.nameOf(state));
  }

  async erasePersonalData(req: RequestContext, educatorId: string) {
    const c = new Checks();
    c.id('educatorId', educatorId);
    c.done('erasure');
    const { tenantId, user } = await this.educatorForWrite(req, educatorId);
    if (user.role !== 'municipal_methodologist') throw new ForbiddenError('only a municipal methodologist may erase personal data');
    // The key goes first: from this moment no copy of the name can be read.
    await this.vault.erase(educatorId);
    const { state } = await this.commands.handle(
      educatorDecider,
      `educator-${educatorId}`,
      { type: 'EraseEducatorPersonalData', educatorId },
      commandContext(req, tenantId, user),
    );
    return educatorView(tenantId, educatorId, state, null);
  }

  private async nameOf(state: EducatorState): Promise<string | null> {
    if (!state.personal) return null;
    return (await this.vault.open<{ fullName: string }>(state.personal))?.fullName ?? null;
  }

  async educator(req: RequestContext, id: string): Promise<EducatorView | null> {
    const scope = access.educatorReadScope(req.user);
    if (!scope) return null;
    const rows = await (await this.rm())
      .collection<EducatorRow>('educators')
      .find({ ...scope, educatorId: id } as never)
      .toArray();
    // After a transfer the active row wins; the regional operator may see both.
    const row = rows.find((r) => r.status !== 'TRANSFERRED') ?? rows[0];
    return row ? educatorRowView(row) : null;
  }

  async educators(
    req: RequestContext,
    filter: { organizationId?: string | null; subject?: string | null; youngTeachersOnly?: boolean | null; status?: string | null; municipalityId?: string | null } = {},
    first?: number | null,
    after?: string | null,
  ): Promise<Page<EducatorView>> {
    this.checkMunicipalityFilter(req.user, filter.municipalityId);
    const scope = access.educatorReadScope(req.user, filter.municipalityId);
    if (!scope) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const query: Record<string, unknown> = { ...scope };
    if (filter.organizationId) {
      if (scope['organizationId'] && scope['organizationId'] !== filter.organizationId) {
        return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
      }
      query['organizationId'] = filter.organizationId;
    }
    if (filter.subject) query['subjects'] = filter.subject;
    query['status'] = filter.status ?? 'ACTIVE';
    if (filter.youngTeachersOnly) {
      const d = new Date();
      d.setUTCFullYear(d.getUTCFullYear() - 3);
      query['careerStartDate'] = { $gt: d.toISOString().slice(0, 10) };
    }
    return this.page<EducatorRow, EducatorView>('educators', query, first, after, educatorRowView);
  }

  /** Entity reference from another subgraph, within the caller's scope. */
  async educatorReference(req: RequestContext, id: string) {
    return this.educator(req, id);
  }

  private async page<Row extends { _id: string }, View>(
    collection: string,
    query: Record<string, unknown>,
    first: number | null | undefined,
    after: string | null | undefined,
    view: (r: Row) => View,
  ): Promise<Page<View>> {
    const size = pageSize(first);
    const filter = after ? { ...query, _id: { $gt: decodeCursor(after) } } : query;
    const rows = (await (await this.rm())
      .collection(collection)
      .find(filter as never, { sort: { _id: 1 }, limit: size + 1 })
      .toArray()) as unknown as Row[];
    const nodes = rows.slice(0, size);
    return {
      nodes: nodes.map(view),
      pageInfo: {
        hasNextPage: rows.length > size,
        endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1]!._id) : null,
      },
    };
  }
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const municipalityView = (r: MunicipalityRow) => ({
  id: r._id,
  name: r.name,
  oktmo: r.oktmo,
  status: 'ACTIVE',
  onboardedAt: r.onboardedAt,
});

const organizationRowView = (r: OrganizationRow) => ({
  id: r._id,
  municipalityId: r.tenantId,
  name: r.name,
  shortName: r.shortName,
  kind: r.kind,
  inn: r.inn,
  status: r.status,
});

const organizationView = (tenantId: string, s: OrganizationState) => {
  if (s.status === 'none') throw new Error('organization state missing after a successful command');
  return {
    id: s.organizationId,
    municipalityId: tenantId,
    name: s.name,
    shortName: s.shortName,
    kind: s.kind,
    inn: s.inn,
    status: s.status === 'active' ? 'ACTIVE' : 'CLOSED',
  };
};

const educatorRowView = (r: EducatorRow): EducatorView => {
  const { _id, ...rest } = r;
  void _id;
  return { id: r.educatorId, ...rest };
};

const educatorView = (tenantId: string, educatorId: string, s: EducatorState, fullName: string | null): EducatorView => ({
  id: educatorId,
  educatorId,
  tenantId,
  organizationId: s.organizationId!,
  fullName: s.personalDataErased ? null : fullName,
  position: s.position!,
  subjects: s.subjects ?? [],
  careerStartDate: s.careerStartDate!,
  qualificationCategory: s.qualificationCategory!,
  status: s.status === 'active' ? 'ACTIVE' : s.status === 'left' ? 'LEFT' : 'TRANSFERRED',
  personalDataErased: s.personalDataErased,
});
