import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RequestContext, UserClaims } from '@mms/auth';
import { CommandHandler, EventEnvelope, REGION_TENANT } from '@mms/eventsourcing';
import * as access from '../access/policy';
import { CompetenceArea } from '../competences/competence-areas';
import { CohortEvent } from '../cohorts/cohort';
import { developmentDecider, DevelopmentCommand } from '../development/development';
import { ExternalTraining, externalTrainingId, MAX_TRAINING_HOURS } from '../development/external-training';
import { NewRouteItem, RouteItemKind } from '../development/route-item';
import { ProgrammeOption, proposeRouteItems } from '../development/route-proposal';
import { CohortRow, DiagnosticResultRow, ProgrammeRow } from '../read-model/rows';
import { isYoungTeacher } from '../three-year-rule/training-due';
import { commandContext, PD_COMMANDS, streams, today } from './common';
import { developmentTenantOf, PlacedEducator, placementOf, ReadModels } from './read-models';
import { Checks } from './validation';
import { DevelopmentView, developmentStateView, routeView } from './views';

export interface RouteItemInput {
  kind: RouteItemKind;
  competence?: CompetenceArea | null;
  title: string;
  programmeId?: string | null;
  dueBy?: string | null;
}

/** What the Educator type resolves from: an id, and the development a mutation just wrote. */
export interface EducatorParent {
  id: string;
  development?: DevelopmentView;
}

type EnrolmentCompleted = Extract<CohortEvent, { type: 'EnrolmentCompleted' }>;

/** Diagnostics by hand, the individual route (ИОМ), and the route's reaction to completions. */
@Injectable()
export class DevelopmentService {
  constructor(
    @Inject(PD_COMMANDS) private readonly commands: CommandHandler,
    @Inject(ReadModels) private readonly rm: ReadModels,
  ) {}

  async recordDiagnosticResult(
    req: RequestContext,
    input: { educatorId: string; area: CompetenceArea; score: number; maxScore: number; takenOn: string },
  ): Promise<EducatorParent> {
    const c = new Checks();
    c.id('educatorId', input.educatorId);
    if (!(input.maxScore > 0)) c.problem('maxScore', 'must be above 0');
    if (!(input.score >= 0)) c.problem('score', 'must not be negative');
    else if (input.maxScore > 0 && input.score > input.maxScore) c.problem('score', 'must not exceed maxScore');
    c.date('takenOn', input.takenOn);
    if (input.takenOn > today()) c.problem('takenOn', 'must not be in the future');
    c.done('diagnostic result');
    const educator = await this.rm.placedEducator(input.educatorId, 'educatorId');
    const user = access.diagnosticsRecorder(req.user, placementOf(educator));
    const result: DiagnosticResultRow = {
      resultId: randomUUID(),
      area: input.area,
      score: input.score,
      maxScore: input.maxScore,
      takenOn: input.takenOn,
      source: 'MANUAL',
    };
    const tenantId = developmentTenantOf(educator);
    const { state } = await this.commands.handle(
      developmentDecider,
      streams.development(educator._id),
      { type: 'RecordDiagnosticResult', educatorId: educator._id, ...result },
      commandContext(req, tenantId, user),
    );
    const known = (await (await this.rm.development()).findOne({ _id: educator._id }))?.results ?? [];
    return { id: educator._id, development: developmentStateView(educator._id, state, [...known, result]) };
  }

  /**
   * A training completed outside the catalogue. The record id comes from the certificate,
   * so a retry or a second entry of the same paper changes nothing.
   */
  async recordExternalTraining(
    req: RequestContext,
    input: {
      educatorId: string;
      title: string;
      provider: string;
      hours: number;
      competences: CompetenceArea[];
      certificateNumber: string;
      issuedOn: string;
    },
  ): Promise<ExternalTraining> {
    const c = new Checks();
    c.id('educatorId', input.educatorId);
    const title = c.text('title', input.title, { max: 500, required: true });
    const provider = c.text('provider', input.provider, { max: 500, required: true });
    const certificateNumber = c.text('certificateNumber', input.certificateNumber, { max: 100, required: true });
    c.int('hours', input.hours, 1, MAX_TRAINING_HOURS);
    c.list('competences', input.competences, { maxItems: 8, maxLength: 40 });
    c.date('issuedOn', input.issuedOn);
    c.done('external training');
    const educator = await this.rm.placedEducator(input.educatorId, 'educatorId');
    const user = access.externalTrainingRecorder(req.user, placementOf(educator));
    const training: ExternalTraining = {
      recordId: externalTrainingId(educator._id, provider!, certificateNumber!),
      title: title!,
      provider: provider!,
      hours: input.hours,
      competences: input.competences,
      certificateNumber: certificateNumber!,
      issuedOn: input.issuedOn,
      organizationId: educator.organizationId,
      municipalityId: educator.municipalityId,
    };
    const { state } = await this.commands.handle(
      developmentDecider,
      streams.development(educator._id),
      { type: 'RecordExternalTraining', educatorId: educator._id, training, on: today() },
      commandContext(req, developmentTenantOf(educator), user),
    );
    const recorded = state.externalTrainings.find((t) => t.recordId === training.recordId);
    if (!recorded) throw new Error('external training missing after a successful command');
    return recorded;
  }

  /**
   * A draft route from the open deficits (the stream's, not a possibly lagging read model's)
   * and today's offer: published programmes of the region and the educator's municipality,
   * preferring one with an open cohort that has a free seat.
   */
  async proposeRoute(req: RequestContext, educatorId: string) {
    const { educator, user, tenantId } = await this.routeEditor(req, educatorId, 'propose routes');
    const { state } = await this.commands.load(developmentDecider, tenantId, streams.development(educatorId));
    const asOf = today();
    const items = proposeRouteItems({
      openDeficits: state.openDeficits,
      programmes: await this.programmeOptions([REGION_TENANT, educator.municipalityId], asOf),
      youngTeacher: !!educator.careerStartDate && isYoungTeacher(educator.careerStartDate, asOf),
      hasActiveMentor: !!educator.activeMentor,
      // The same proposal gives the same ids, so proposing twice changes nothing.
      idFor: (key) => createHash('sha256').update(`${educatorId}:${key}`).digest('hex').slice(0, 20),
    });
    return this.routeCommand(req, tenantId, user, { type: 'ProposeRoute', educatorId, items });
  }

  async addRouteItem(req: RequestContext, input: { educatorId: string; item: RouteItemInput }) {
    const item = this.checkItem(input.educatorId, randomUUID(), input.item);
    const { user, tenantId } = await this.routeEditor(req, input.educatorId, 'change routes');
    return this.routeCommand(req, tenantId, user, { type: 'AddRouteItem', educatorId: input.educatorId, item });
  }

  async changeRouteItem(req: RequestContext, input: { educatorId: string; itemId: string; item: RouteItemInput }) {
    const item = this.checkItem(input.educatorId, input.itemId, input.item);
    const { user, tenantId } = await this.routeEditor(req, input.educatorId, 'change routes');
    return this.routeCommand(req, tenantId, user, { type: 'ChangeRouteItem', educatorId: input.educatorId, item });
  }

  async removeRouteItem(req: RequestContext, input: { educatorId: string; itemId: string }) {
    this.checkIds(input.educatorId, input.itemId);
    const { user, tenantId } = await this.routeEditor(req, input.educatorId, 'change routes');
    return this.routeCommand(req, tenantId, user, { type: 'RemoveRouteItem', educatorId: input.educatorId, itemId: input.itemId });
  }

  async approveRoute(req: RequestContext, educatorId: string) {
    this.checkIds(educatorId);
    const { user, tenantId } = await this.routeEditor(req, educatorId, 'approve routes');
    return this.routeCommand(req, tenantId, user, { type: 'ApproveRoute', educatorId, approvedBy: user.subject, on: today() });
  }

  async markRouteItemDone(req: RequestContext, input: { educatorId: string; itemId: string; on?: string | null }) {
    const c = new Checks();
    c.id('educatorId', input.educatorId);
    c.id('itemId', input.itemId);
    c.date('on', input.on);
    c.done('route item');
    const { user, tenantId } = await this.routeEditor(req, input.educatorId, 'track routes');
    return this.routeCommand(req, tenantId, user, {
      type: 'MarkRouteItemDone',
      educatorId: input.educatorId,
      itemId: input.itemId,
      on: input.on ?? today(),
      how: 'MANUAL',
    });
  }

  /**
   * Reaction to EnrolmentCompleted: closes the open PROGRAMME items the completion fills.
   * Redelivery-safe: with nothing open the decider returns no events and nothing is written.
   * The stream's tenant is looked for where it may be: recorded, the learner's municipality
   * when enrolling, where they work now.
   */
  async closeRouteItemsForCompletedProgramme(event: EventEnvelope<EnrolmentCompleted>) {
    const d = event.data;
    const row = await this.rm.educator(d.educatorId);
    const tenants = [...new Set([row?.developmentTenant, d.municipalityId, row?.municipalityId].filter((t): t is string => !!t))];
    for (const tenantId of tenants) {
      const { version } = await this.commands.load(developmentDecider, tenantId, streams.development(d.educatorId));
      if (version === 0) continue;
      await this.commands.handle(
        developmentDecider,
        streams.development(d.educatorId),
        {
          type: 'CloseRouteItemsForCompletedProgramme',
          educatorId: d.educatorId,
          programmeId: d.programmeId,
          competences: d.competences,
          enrolmentId: d.enrolmentId,
          on: d.certificate.issuedOn,
        },
        { tenantId, actor: event.actor, correlationId: event.correlationId, causationId: event.eventId },
      );
      return;
    }
  }

  // ---- helpers --------------------------------------------------------------

  private async routeEditor(req: RequestContext, educatorId: string, what: string) {
    const educator: PlacedEducator = await this.rm.placedEducator(educatorId, 'educatorId');
    const user = access.methodologistFor(req.user, educator.municipalityId, what);
    return { educator, user, tenantId: developmentTenantOf(educator) };
  }

  private async routeCommand(req: RequestContext, tenantId: string, user: UserClaims, command: DevelopmentCommand) {
    const { state } = await this.commands.handle(developmentDecider, streams.development(command.educatorId), command, commandContext(req, tenantId, user));
    return routeView(command.educatorId, state.route);
  }

  private checkIds(educatorId: string, itemId?: string) {
    const c = new Checks();
    c.id('educatorId', educatorId);
    if (itemId !== undefined) c.id('itemId', itemId);
    c.done('route item');
  }

  private checkItem(educatorId: string, itemId: string, input: RouteItemInput): NewRouteItem {
    const c = new Checks();
    c.id('educatorId', educatorId);
    c.id('itemId', itemId);
    const title = c.text('item.title', input.title, { max: 500, required: true });
    c.id('item.programmeId', input.programmeId);
    c.date('item.dueBy', input.dueBy);
    if (input.kind === 'PROGRAMME' && !input.programmeId) c.problem('item.programmeId', 'is required for a PROGRAMME item');
    if (input.kind !== 'PROGRAMME' && input.programmeId) c.problem('item.programmeId', `must be empty for a ${input.kind} item`);
    c.done('route item');
    return {
      itemId,
      kind: input.kind,
      competence: input.competence ?? null,
      title: title!,
      ...(input.programmeId ? { programmeId: input.programmeId } : {}),
      ...(input.dueBy ? { dueBy: input.dueBy } : {}),
    };
  }

  /** Published programmes of the given tenants, with what their cohorts offer on `asOf`. */
  private async programmeOptions(tenants: string[], asOf: string): Promise<ProgrammeOption[]> {
    const [programmes, cohorts] = await Promise.all([this.rm.programmes(), this.rm.cohorts()]);
    const published: ProgrammeRow[] = [];
    const scheduled: CohortRow[] = [];
    for (const tenantId of tenants) {
      published.push(...(await programmes.find({ tenantId, status: 'PUBLISHED' }).toArray()));
      scheduled.push(...(await cohorts.find({ tenantId, status: 'SCHEDULED' }).toArray()));
    }
    return published.map((p) => {
      const own = scheduled.filter((c) => c.programmeId === p._id);
      const upcoming = own.filter((c) => c.startDate >= asOf).map((c) => c.startDate).sort();
      return {
        programmeId: p._id,
        title: p.title,
        competences: p.competences,
        // Applications are taken until the cohort's end.
        hasOpenCohortWithSeats: own.some((c) => c.free > 0 && c.endDate >= asOf),
        ...(upcoming[0] ? { nextCohortStart: upcoming[0] } : {}),
      };
    });
  }
}
