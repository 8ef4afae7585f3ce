import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RequestContext, UserClaims } from '@mms/auth';
import { CommandHandler, DomainError, NotFoundError, REGION_TENANT } from '@mms/eventsourcing';
import * as access from '../access/policy';
import { ProgrammeDetails, programmeDecider, ProgrammeFormat } from '../catalogue/programme';
import { CompetenceArea } from '../competences/competence-areas';
import { cohortDecider, CohortStatus } from '../cohorts/cohort';
import { CohortRow, ProgrammeRow } from '../read-model/rows';
import { commandContext, PD_COMMANDS, streams } from './common';
import { ReadModels } from './read-models';
import { Checks, checkId } from './validation';
import { cohortRowView, CohortView, cohortView, programmeRowView, ProgrammeView, programmeView } from './views';

export interface ProgrammeFilter {
  level?: string | null;
  status?: string | null;
  competence?: CompetenceArea | null;
  format?: string | null;
  titleContains?: string | null;
}

export interface CohortFilter {
  programmeId?: string | null;
  competence?: CompetenceArea | null;
  format?: string | null;
  level?: string | null;
  status?: CohortStatus | null;
  startsFrom?: string | null;
  startsTo?: string | null;
  withFreeSeats?: boolean | null;
}

/**
 * Which tenants' offers a list shows: a municipal user sees the region's and their own
 * municipality's (another municipality's offer is not open to them); the operator and the
 * public see all. Catalogues are small (hundreds of rows), so one equality query per tenant.
 */
const offerTenants = (user: UserClaims | null): string[] | null =>
  user && user.role !== 'regional_operator' && user.municipalityId ? [REGION_TENANT, user.municipalityId] : null;

/** The programme catalogue and cohorts: written by the offer's owner, read by everyone in reach. */
@Injectable()
export class CatalogueService {
  constructor(
    @Inject(PD_COMMANDS) private readonly commands: CommandHandler,
    @Inject(ReadModels) private readonly rm: ReadModels,
  ) {}

  // ---- programmes -----------------------------------------------------------

  async createProgramme(
    req: RequestContext,
    input: { title: string; provider: string; hours: number; format: ProgrammeFormat; competences: CompetenceArea[]; federalRegisterId?: string | null },
  ): Promise<ProgrammeView> {
    const { tenantId, level, user } = access.catalogueWriter(req.user);
    const c = new Checks();
    const title = c.text('title', input.title, { max: 500, required: true });
    const provider = c.text('provider', input.provider, { max: 500, required: true });
    c.int('hours', input.hours, 1, 2000);
    c.text('federalRegisterId', input.federalRegisterId, { max: 100 });
    if (input.competences.length === 0) c.problem('competences', 'needs at least one competence area');
    c.done('programme');
    const programmeId = randomUUID();
    const { state } = await this.commands.handle(
      programmeDecider,
      streams.programme(programmeId),
      {
        type: 'CreateProgramme',
        programmeId,
        level,
        ownerMunicipalityId: level === 'MUNICIPAL' ? tenantId : null,
        title: title!,
        provider: provider!,
        hours: input.hours,
        format: input.format,
        competences: input.competences,
        federalRegisterId: input.federalRegisterId ?? null,
      },
      commandContext(req, tenantId, user),
    );
    return programmeView(tenantId, state);
  }

  async updateProgramme(
    req: RequestContext,
    input: { id: string } & { [K in keyof ProgrammeDetails]?: ProgrammeDetails[K] | null },
  ): Promise<ProgrammeView> {
    const { tenantId, user } = access.catalogueWriter(req.user);
    const c = new Checks();
    c.id('id', input.id);
    const title = input.title == null ? undefined : c.text('title', input.title, { max: 500, required: true });
    const provider = input.provider == null ? undefined : c.text('provider', input.provider, { max: 500, required: true });
    c.int('hours', input.hours, 1, 2000);
    c.text('federalRegisterId', input.federalRegisterId, { max: 100 });
    if (input.competences && input.competences.length === 0) c.problem('competences', 'needs at least one competence area');
    c.done('programme changes');
    const changes: Partial<ProgrammeDetails> = {
      ...(title ? { title } : {}),
      ...(provider ? { provider } : {}),
      ...(input.hours != null ? { hours: input.hours } : {}),
      ...(input.format != null ? { format: input.format } : {}),
      ...(input.competences != null ? { competences: input.competences } : {}),
      // An empty string clears the register id; null/absent leaves it.
      ...(input.federalRegisterId != null ? { federalRegisterId: input.federalRegisterId.trim() || null } : {}),
    };
    const { state } = await this.commands.handle(
      programmeDecider,
      streams.programme(input.id),
      { type: 'UpdateProgramme', programmeId: input.id, changes },
      commandContext(req, tenantId, user),
    );
    return programmeView(tenantId, state);
  }

  async publishProgramme(req: RequestContext, id: string): Promise<ProgrammeView> {
    const { tenantId, user } = access.catalogueWriter(req.user);
    checkId('id', id, 'programme');
    const { state } = await this.commands.handle(
      programmeDecider,
      streams.programme(id),
      { type: 'PublishProgramme', programmeId: id },
      commandContext(req, tenantId, user),
    );
    return programmeView(tenantId, state);
  }

  async withdrawProgramme(req: RequestContext, input: { id: string; reason: string }): Promise<ProgrammeView> {
    const { tenantId, user } = access.catalogueWriter(req.user);
    const c = new Checks();
    c.id('id', input.id);
    const reason = c.text('reason', input.reason, { max: 1000, required: true });
    c.done('withdrawal');
    const { state } = await this.commands.handle(
      programmeDecider,
      streams.programme(input.id),
      { type: 'WithdrawProgramme', programmeId: input.id, reason: reason! },
      commandContext(req, tenantId, user),
    );
    return programmeView(tenantId, state, reason);
  }

  async programmes(req: RequestContext, filter: ProgrammeFilter = {}): Promise<ProgrammeView[]> {
    const rows = await this.byTenants<ProgrammeRow>(await this.rm.programmes(), offerTenants(req.user), filter.competence ? { competences: filter.competence } : {});
    const needle = filter.titleContains?.trim().toLowerCase();
    return rows
      .filter((p) => access.canSeeCatalogueEntry(req.user, p.tenantId, p.status === 'DRAFT'))
      .filter((p) => (!filter.level || p.level === filter.level) && (!filter.status || p.status === filter.status))
      .filter((p) => (!filter.format || p.format === filter.format) && (!needle || p.title.toLowerCase().includes(needle)))
      .sort((a, b) => a.title.localeCompare(b.title, 'ru') || a._id.localeCompare(b._id))
      .map(programmeRowView);
  }

  async programme(req: RequestContext, id: string): Promise<ProgrammeView | null> {
    const row = await (await this.rm.programmes()).findOne({ _id: id });
    return row && access.canSeeCatalogueEntry(req.user, row.tenantId, row.status === 'DRAFT') ? programmeRowView(row) : null;
  }

  // ---- cohorts --------------------------------------------------------------

  async scheduleCohort(
    req: RequestContext,
    input: { programmeId: string; startDate: string; endDate: string; seats: number },
  ): Promise<CohortView> {
    const { tenantId, user } = access.catalogueWriter(req.user);
    const c = new Checks();
    c.id('programmeId', input.programmeId);
    c.date('startDate', input.startDate);
    c.date('endDate', input.endDate);
    c.int('seats', input.seats, 1, 1000);
    c.done('cohort');
    // The programme stream, not the read model, says whether it is published right now.
    const { state: programme } = await this.commands.load(programmeDecider, tenantId, streams.programme(input.programmeId));
    if (programme.status === 'none') {
      throw new NotFoundError(`programme ${input.programmeId} is not in your offer`, { field: 'programmeId' });
    }
    if (programme.status !== 'PUBLISHED') {
      throw new DomainError('PROGRAMME_NOT_PUBLISHED', `programme ${input.programmeId} is ${programme.status.toLowerCase()}`, {
        field: 'programmeId',
      });
    }
    const cohortId = randomUUID();
    const { programmeId, title, hours, competences, level, format, ownerMunicipalityId } = programme;
    const { state } = await this.commands.handle(
      cohortDecider,
      streams.cohort(cohortId),
      {
        type: 'ScheduleCohort',
        cohortId,
        programme: { programmeId, title, hours, competences, level, format, ownerMunicipalityId },
        startDate: input.startDate,
        endDate: input.endDate,
        seats: input.seats,
      },
      commandContext(req, tenantId, user),
    );
    if (state.status === 'none') throw new Error('cohort state missing after a successful command');
    return cohortView(tenantId, state);
  }

  async changeCohortSeats(req: RequestContext, input: { id: string; seats: number }): Promise<CohortView> {
    const { tenantId, user } = access.catalogueWriter(req.user);
    const c = new Checks();
    c.id('id', input.id);
    c.int('seats', input.seats, 1, 1000);
    c.done('seats');
    const { state } = await this.commands.handle(
      cohortDecider,
      streams.cohort(input.id),
      { type: 'ChangeCohortSeats', cohortId: input.id, seats: input.seats },
      commandContext(req, tenantId, user),
    );
    if (state.status === 'none') throw new Error('cohort state missing after a successful command');
    return cohortView(tenantId, state);
  }

  async cancelCohort(req: RequestContext, input: { id: string; reason?: string | null }): Promise<CohortView> {
    const { tenantId, user } = access.catalogueWriter(req.user);
    const c = new Checks();
    c.id('id', input.id);
    const reason = c.text('reason', input.reason, { max: 1000 });
    c.done('cancellation');
    const { state } = await this.commands.handle(
      cohortDecider,
      streams.cohort(input.id),
      { type: 'CancelCohort', cohortId: input.id, reason },
      commandContext(req, tenantId, user),
    );
    if (state.status === 'none') throw new Error('cohort state missing after a successful command');
    return cohortView(tenantId, state, reason);
  }

  async cohorts(req: RequestContext, filter: CohortFilter = {}): Promise<CohortView[]> {
    const c = new Checks();
    c.date('startsFrom', filter.startsFrom);
    c.date('startsTo', filter.startsTo);
    c.done('cohort filter');
    const equality = {
      ...(filter.competence ? { competences: filter.competence } : {}),
      ...(filter.programmeId ? { programmeId: filter.programmeId } : {}),
    };
    const rows = await this.byTenants<CohortRow>(await this.rm.cohorts(), offerTenants(req.user), equality);
    return rows
      .filter((r) => (!filter.format || r.format === filter.format) && (!filter.level || r.level === filter.level))
      .filter((r) => (!filter.status || r.status === filter.status) && (!filter.withFreeSeats || r.free > 0))
      .filter((r) => (!filter.startsFrom || r.startDate >= filter.startsFrom) && (!filter.startsTo || r.startDate <= filter.startsTo))
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a._id.localeCompare(b._id))
      .map(cohortRowView);
  }

  async cohort(_req: RequestContext, id: string): Promise<CohortView | null> {
    // Cohorts are never drafts: whoever knows the id may see the offer.
    const row = await (await this.rm.cohorts()).findOne({ _id: id });
    return row ? cohortRowView(row) : null;
  }

  private async byTenants<T extends { _id: string; tenantId: string }>(
    coll: import('mongodb').Collection<T>,
    tenants: string[] | null,
    equality: Record<string, unknown>,
  ): Promise<T[]> {
    if (!tenants) return (await coll.find(equality as never).toArray()) as T[];
    const parts = await Promise.all(tenants.map((tenantId) => coll.find({ ...equality, tenantId } as never).toArray()));
    return parts.flat() as T[];
  }
}
