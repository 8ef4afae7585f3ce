import type { RequestContext } from '@mms/auth';
import { actorContext, checked } from '@mms/service-kit/core';
import * as access from '../access/policy';
import type { ContestsDeps } from '../contests.deps';
import { streams } from '../contests.streams';
import { academicYearOf } from '../stages/academic-year';
import { LEVELS, StageLevel } from '../stages/grades';
import { MAX_PRIOR_ROWS, PriorResult, priorResultsDecider } from './prior-results.decider';
import type { PriorResultsRow } from './prior-results.rows';

export interface PriorResultsInput {
  academicYear: string;
  subject: string;
  level: StageLevel;
  protocol: { number: string; date: string };
  rows: PriorResult[];
}

/**
 * The organiser of a level records last year's winners and prize-winners of a stage held
 * before the platform, from its final protocol. The students are the platform's (registered by
 * their schools); a municipal list takes only the municipality's students.
 */
export const recordPriorResults = async (d: ContestsDeps, req: RequestContext, input: PriorResultsInput): Promise<PriorResultsRow> => {
  const { user, tenantId } = access.stageScheduler(req.user, input.level);
  const rows = checked('prior results', (c) => {
    if (!LEVELS.includes(input.level)) c.problem('level', 'must be SCHOOL, MUNICIPAL or REGIONAL');
    c.text('subject', input.subject, { max: 80, required: true });
    c.text('protocol.number', input.protocol?.number, { max: 60, required: true });
    c.date('protocol.date', input.protocol?.date);
    if (!Array.isArray(input.rows) || input.rows.length > MAX_PRIOR_ROWS) c.problem('rows', `a list of at most ${MAX_PRIOR_ROWS}`);
    (input.rows ?? []).forEach((r, i) => c.id(`rows.${i}.studentId`, r.studentId));
    return (input.rows ?? []).map((r) => ({ studentId: r.studentId, grade: r.grade, status: r.status }));
  });
  const students = new Map((await d.tables.students.getMany(rows.map((r) => r.studentId))).map((s) => [s._id, s]));
  checked('prior results', (c) =>
    rows.forEach((r, i) => {
      const s = students.get(r.studentId);
      if (!s) c.problem(`rows.${i}.studentId`, 'is not a student registered on the platform');
      else if (tenantId !== 'region' && s.tenantId !== tenantId) c.problem(`rows.${i}.studentId`, 'studies in another municipality');
    }),
  );
  const held = await d.tables.stages.find({ academicYear: input.academicYear, subject: input.subject, level: input.level, status: 'SCHEDULED' });
  const streamId = streams.priorResults(tenantId, input.level, input.academicYear, input.subject);
  await d.commands.handle(
    priorResultsDecider,
    streamId,
    {
      type: 'RecordPriorResults',
      academicYear: input.academicYear,
      subject: input.subject,
      level: input.level,
      protocol: input.protocol,
      rows,
      currentYear: academicYearOf(d.clock.today()),
      heldOnPlatform: held.some((s) => s.tenantId === tenantId),
    },
    { tenantId, ...actorContext(req, user) },
  );
  const { state } = await d.commands.load(priorResultsDecider, tenantId, streamId);
  return { _id: streamId, tenantId, academicYear: input.academicYear, subject: input.subject, level: input.level, protocol: state.protocol!, rows: state.rows };
};

/** The recorded lists of a past year (the organiser's own tenant; the operator names a municipality or reads the region's). */
export const priorResultsOf = async (
  d: ContestsDeps,
  req: RequestContext,
  f: { academicYear: string; subject?: string | null; municipalityId?: string | null },
) => {
  const tenantId = access.priorResultsReader(req.user, f.municipalityId ?? null);
  return (await d.tables.priorResults.find({ academicYear: f.academicYear, ...(f.subject ? { subject: f.subject } : {}) })).filter(
    (r) => r.tenantId === tenantId,
  );
};
