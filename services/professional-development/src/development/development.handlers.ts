import { createHash } from 'node:crypto';
import type { RequestContext } from '@mms/auth';
import { isYoungTeacher } from '@mms/contracts/dates';
import type { EventEnvelope } from '@mms/eventsourcing/core';
import { actorContext, checked, newEntityId } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { CohortEvent } from '../cohorts/cohort.decider';
import type { CompetenceArea } from '../competences/competence-areas';
import { diagnosticResultProblems } from '../diagnostics/diagnostic-result.rule';
import { PlacedEducator, placedEducator, placementOf } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';
import { DevelopmentCommand, developmentDecider, DevelopmentState } from './development.decider';
import { programmeOptions } from './development.queries';
import type { DiagnosticResultRow } from './development.rows';
import { developmentStateView, EducatorParent, externalTrainingView, RouteView, routeView } from './development.views';
import { ExternalTraining, externalTrainingId, MAX_TRAINING_HOURS } from './external-training';
import type { NewRouteItem, RouteItemKind } from './route-item';
import { proposeRouteItems } from './route-proposal';

export interface RouteItemInput {
  kind: RouteItemKind;
  competence?: CompetenceArea | null;
  title: string;
  programmeId?: string | null;
  dueBy?: string | null;
}

/**
 * The educator's development stream, wherever it lives (opened in their municipality of the
 * moment, kept there after a transfer); a new one opens where they work now.
 */
export const at = (educator: PlacedEducator) => ({ locate: true as const, orIn: educator.municipalityId });

// ---- diagnostics and trainings ------------------------------------------------

/** A result by hand: the coordinator of the educator's school or their methodologist. */
export const recordDiagnosticResult = async (
  d: PdDeps,
  req: RequestContext,
  input: { educatorId: string; area: CompetenceArea; score: number; maxScore: number; takenOn: string },
): Promise<EducatorParent> => {
  checked('diagnostic result', (c) => {
    c.id('educatorId', input.educatorId);
    // The same rule as every line of an import (diagnostics/diagnostic-result.rule.ts).
    for (const p of diagnosticResultProblems(input, d.clock.today())) c.problem(p.field, p.message);
  });
  const educator = await placedEducator(d, input.educatorId, 'educatorId');
  const user = access.diagnosticsRecorder(req.user, placementOf(educator));
  const result: DiagnosticResultRow = {
    resultId: newEntityId(req, 'diagnostic-result'),
    area: input.area,
    score: input.score,
    maxScore: input.maxScore,
    takenOn: input.takenOn,
    source: 'MANUAL',
  };
  const { state } = await d.commands.handle(
    developmentDecider,
    streams.development(educator._id),
    { type: 'RecordDiagnosticResult', educatorId: educator._id, ...result },
    actorContext(req, user),
    at(educator),
  );
  const known = (await d.tables.development.get(educator._id))?.results ?? [];
  return { id: educator._id, development: developmentStateView(educator._id, state, [...known, result]) };
};

/** A training as the recorder enters it: the record's fields it names, and whose it is. */
export type ExternalTrainingInput = Pick<ExternalTraining, 'title' | 'provider' | 'hours' | 'competences' | 'certificateNumber' | 'issuedOn'> & {
  educatorId: string;
};

/** A training's input checked, every problem named by its field (`prefix` before it: `input.3.` in a list). */
export const checkedTraining = (input: ExternalTrainingInput, prefix = '') =>
  checked('external training', (c) => {
    c.id(`${prefix}educatorId`, input.educatorId);
    const title = c.text(`${prefix}title`, input.title, { max: 500, required: true });
    const provider = c.text(`${prefix}provider`, input.provider, { max: 500, required: true });
    const certificateNumber = c.text(`${prefix}certificateNumber`, input.certificateNumber, { max: 100, required: true });
    c.int(`${prefix}hours`, input.hours, 1, MAX_TRAINING_HOURS);
    c.list(`${prefix}competences`, input.competences, { maxItems: 8, maxLength: 40 });
    c.date(`${prefix}issuedOn`, input.issuedOn);
    return { title: title!, provider: provider!, certificateNumber: certificateNumber! };
  });

/** The command that records a checked training of a placed educator (its record id from the certificate). */
export const trainingCommand = (
  d: PdDeps,
  educator: PlacedEducator,
  input: ExternalTrainingInput,
  v: ReturnType<typeof checkedTraining>,
): DevelopmentCommand => ({
  type: 'RecordExternalTraining',
  educatorId: educator._id,
  training: {
    recordId: externalTrainingId(educator._id, v.provider, v.certificateNumber),
    title: v.title,
    provider: v.provider,
    hours: input.hours,
    competences: input.competences,
    certificateNumber: v.certificateNumber,
    issuedOn: input.issuedOn,
    organizationId: educator.organizationId,
    municipalityId: educator.municipalityId,
  },
  on: d.clock.today(),
});

/**
 * A training completed outside the catalogue. The record id comes from the certificate, so a
 * retry or a second entry of the same paper changes nothing.
 */
export const recordExternalTraining = async (d: PdDeps, req: RequestContext, input: ExternalTrainingInput) => {
  const v = checkedTraining(input);
  const educator = await placedEducator(d, input.educatorId, 'educatorId');
  const user = access.externalTrainingRecorder(req.user, placementOf(educator));
  const command = trainingCommand(d, educator, input, v) as Extract<DevelopmentCommand, { type: 'RecordExternalTraining' }>;
  const { state } = await d.commands.handle(developmentDecider, streams.development(educator._id), command, actorContext(req, user), at(educator));
  const recorded = state.externalTrainings.find((t) => t.recordId === command.training.recordId);
  if (!recorded) throw new Error('external training missing after a successful command');
  return externalTrainingView(educator._id, recorded);
};

// ---- the individual route (ИОМ) ----------------------------------------------

/** Routes are the methodologist's of the educator's municipality now. */
const routeEditor = async (d: PdDeps, req: RequestContext, educatorId: string, what: string) => {
  const educator = await placedEducator(d, educatorId, 'educatorId');
  const user = access.methodologistFor(req.user, educator.municipalityId, what);
  return { educator, user };
};

const routeCommand = async (
  d: PdDeps,
  req: RequestContext,
  editor: { educator: PlacedEducator; user: ReturnType<typeof access.methodologistFor> },
  command: DevelopmentCommand | ((s: DevelopmentState) => DevelopmentCommand),
): Promise<RouteView> => {
  const { educator, user } = editor;
  const { state } = await d.commands.handle(developmentDecider, streams.development(educator._id), command, actorContext(req, user), at(educator));
  return routeView(educator._id, state.route);
};

/**
 * A draft route from the open deficits (the stream's, freshly read on every attempt) and
 * today's offer: published programmes of the region and the educator's municipality,
 * preferring one with an open cohort that has a free seat.
 */
export const proposeRoute = async (d: PdDeps, req: RequestContext, educatorId: string): Promise<RouteView> => {
  checked('route', (c) => c.id('educatorId', educatorId));
  const editor = await routeEditor(d, req, educatorId, 'propose routes');
  const { educator } = editor;
  const asOf = d.clock.today();
  const programmes = await programmeOptions(d, educator.municipalityId, asOf);
  return routeCommand(d, req, editor, routeProposal(educator, programmes, asOf));
};

/** The proposal on the stream as each attempt reads it (its open deficits). */
export const routeProposal =
  (educator: PlacedEducator, programmes: Awaited<ReturnType<typeof programmeOptions>>, asOf: string) =>
  (s: DevelopmentState): DevelopmentCommand => ({
    type: 'ProposeRoute',
    educatorId: educator._id,
    items: proposeRouteItems({
      openDeficits: s.openDeficits,
      programmes,
      youngTeacher: !!educator.careerStartDate && isYoungTeacher(educator.careerStartDate, asOf),
      hasActiveMentor: !!educator.activeMentor,
      // The same proposal gives the same ids, so proposing twice changes nothing.
      idFor: (key) => createHash('sha256').update(`${educator._id}:${key}`).digest('hex').slice(0, 20),
    }),
  });

export const addRouteItem = async (d: PdDeps, req: RequestContext, input: { educatorId: string; item: RouteItemInput }) => {
  const item = checkedItem(input.educatorId, newEntityId(req, 'route-item'), input.item);
  const editor = await routeEditor(d, req, input.educatorId, 'change routes');
  return routeCommand(d, req, editor, { type: 'AddRouteItem', educatorId: input.educatorId, item });
};

export const changeRouteItem = async (d: PdDeps, req: RequestContext, input: { educatorId: string; itemId: string; item: RouteItemInput }) => {
  const item = checkedItem(input.educatorId, input.itemId, input.item);
  const editor = await routeEditor(d, req, input.educatorId, 'change routes');
  return routeCommand(d, req, editor, { type: 'ChangeRouteItem', educatorId: input.educatorId, item });
};

export const removeRouteItem = async (d: PdDeps, req: RequestContext, input: { educatorId: string; itemId: string }) => {
  checkedIds(input.educatorId, input.itemId);
  const editor = await routeEditor(d, req, input.educatorId, 'change routes');
  return routeCommand(d, req, editor, { type: 'RemoveRouteItem', educatorId: input.educatorId, itemId: input.itemId });
};

export const approveRoute = async (d: PdDeps, req: RequestContext, educatorId: string) => {
  checkedIds(educatorId);
  const editor = await routeEditor(d, req, educatorId, 'approve routes');
  return routeCommand(d, req, editor, { type: 'ApproveRoute', educatorId, approvedBy: editor.user.subject, on: d.clock.today() });
};

export const markRouteItemDone = async (d: PdDeps, req: RequestContext, input: { educatorId: string; itemId: string; on?: string | null }) => {
  checked('route item', (c) => {
    c.id('educatorId', input.educatorId);
    c.id('itemId', input.itemId);
    c.date('on', input.on);
  });
  const editor = await routeEditor(d, req, input.educatorId, 'track routes');
  return routeCommand(d, req, editor, {
    type: 'MarkRouteItemDone',
    educatorId: input.educatorId,
    itemId: input.itemId,
    on: input.on ?? d.clock.today(),
    how: 'MANUAL',
  });
};

type EnrolmentCompleted = Extract<CohortEvent, { type: 'EnrolmentCompleted' }>;

/**
 * Reaction to EnrolmentCompleted: closes the open PROGRAMME items the completion fills. The
 * development stream is found wherever it lives; none yet, or nothing open: the decider
 * returns no events and nothing is written (so a redelivery is harmless).
 */
export const closeRouteItemsForCompletedProgramme = async (d: PdDeps, event: EventEnvelope<EnrolmentCompleted>): Promise<void> => {
  const e = event.data;
  await d.commands.handle(
    developmentDecider,
    streams.development(e.educatorId),
    {
      type: 'CloseRouteItemsForCompletedProgramme',
      educatorId: e.educatorId,
      programmeId: e.programmeId,
      competences: e.competences,
      enrolmentId: e.enrolmentId,
      on: e.certificate.issuedOn,
    },
    { actor: event.actor, correlationId: event.correlationId, causationId: event.eventId },
    { locate: true },
  );
};

const checkedIds = (educatorId: string, itemId?: string) =>
  checked('route item', (c) => {
    c.id('educatorId', educatorId);
    if (itemId !== undefined) c.id('itemId', itemId);
  });

const checkedItem = (educatorId: string, itemId: string, input: RouteItemInput): NewRouteItem =>
  checked('route item', (c) => {
    c.id('educatorId', educatorId);
    c.id('itemId', itemId);
    const title = c.text('item.title', input.title, { max: 500, required: true });
    c.id('item.programmeId', input.programmeId);
    c.date('item.dueBy', input.dueBy);
    if (input.kind === 'PROGRAMME' && !input.programmeId) c.problem('item.programmeId', 'is required for a PROGRAMME item');
    if (input.kind !== 'PROGRAMME' && input.programmeId) c.problem('item.programmeId', `must be empty for a ${input.kind} item`);
    return {
      itemId,
      kind: input.kind,
      competence: input.competence ?? null,
      title: title!,
      ...(input.programmeId ? { programmeId: input.programmeId } : {}),
      ...(input.dueBy ? { dueBy: input.dueBy } : {}),
    };
  });
