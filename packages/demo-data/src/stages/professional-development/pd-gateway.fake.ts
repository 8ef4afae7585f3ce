/**
 * An in-memory stand-in for the gateway + professional-development, answering the PD
 * seeder's operations with the rules that matter to it (services/professional-development):
 * who may do what (access/policy.ts), server-generated ids, the cohort's rules (seats,
 * ALREADY_ENROLLED, COHORT_CLOSED after the end by the server's today, municipal cohorts
 * for their own educators, transitions, certificate numbers unique per cohort), the
 * external-training no-op, import reruns, the mentor's load, route proposal and approval.
 * Read sides are immediately consistent here.
 */
import { createHash } from 'node:crypto';
import type { FetchLike } from '../../runner/graphql-client';

interface Claims {
  role: string;
  municipality?: string;
  organization?: string;
  educator?: string;
}

/** The same JSON claim tokens the in-process gateway reads. */
export { claimTokens } from '../../../test/in-process-gateway';

export interface Placement {
  municipalityId: string;
  organizationId: string;
}

interface Enrolment {
  id: string;
  cohortId: string;
  educatorId: string;
  municipalityId: string;
  organizationId: string;
  status: string;
  appliedBy: string;
  certificate: string | null;
}

export const fakePdGateway = (opts: { placements: Map<string, Placement>; today: string; externalTraining?: boolean }) => {
  const state = {
    programmes: new Map<string, { tenant: string; title: string; hours: number; status: string }>(),
    cohorts: new Map<string, { tenant: string; programmeId: string; startDate: string; endDate: string; seats: number }>(),
    enrolments: new Map<string, Enrolment>(),
    external: new Map<string, Map<string, string>>(),
    imports: new Map<string, { hash: string; imported: number }>(),
    deficits: new Map<string, Set<string>>(),
    routes: new Map<string, string>(),
    mentorships: [] as { id: string; mentorId: string; menteeId: string; municipalityId: string; status: string }[],
    calls: {} as Record<string, number>,
  };
  let seq = 0;
  const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  const err = (code: string, message = code) => ({ errors: [{ message, extensions: { code } }], data: null });
  const ok = (field: string, value: unknown) => ({ data: { [field]: value } });

  const isOperator = (c: Claims) => c.role === 'regional_operator';
  const isMethodologistOf = (c: Claims, m: string | undefined) => c.role === 'municipal_methodologist' && !!m && c.municipality === m;
  const isCoordinatorOf = (c: Claims, p: Placement) =>
    c.role === 'school_coordinator' && c.municipality === p.municipalityId && c.organization === p.organizationId;
  const ownerTenant = (c: Claims) => (isOperator(c) ? 'region' : c.role === 'municipal_methodologist' ? c.municipality! : null);
  const cohortOf = (enrolmentId: string) => state.enrolments.get(enrolmentId);

  const handle = (op: string, v: Record<string, any>, c: Claims): unknown => {
    state.calls[op] = (state.calls[op] ?? 0) + 1;
    const input = v['input'] ?? {};
    switch (op) {
      case 'DemoPdProgrammes':
        return ok(
          'programmes',
          [...state.programmes].map(([pid, p]) => ({
            id: pid,
            title: p.title,
            status: p.status,
            ownerMunicipality: p.tenant === 'region' ? null : { id: p.tenant },
          })),
        );
      case 'DemoCreateProgramme': {
        const tenant = ownerTenant(c);
        if (!tenant) return err('FORBIDDEN');
        if (!(input.hours >= 1 && input.hours <= 2000) || !input.competences?.length) return err('BAD_USER_INPUT');
        const pid = id();
        state.programmes.set(pid, { tenant, title: input.title, hours: input.hours, status: 'DRAFT' });
        return ok('createProgramme', { id: pid });
      }
      case 'DemoPublishProgramme': {
        const p = state.programmes.get(v['id']);
        if (!p || p.tenant !== ownerTenant(c)) return err('NOT_FOUND');
        p.status = 'PUBLISHED';
        return ok('publishProgramme', { id: v['id'] });
      }
      case 'DemoPdCohorts':
        return ok(
          'cohorts',
          [...state.cohorts].map(([cid, x]) => ({ id: cid, programmeId: x.programmeId, startDate: x.startDate, endDate: x.endDate })),
        );
      case 'DemoScheduleCohort': {
        const p = state.programmes.get(input.programmeId);
        if (!p || p.tenant !== ownerTenant(c)) return err('NOT_FOUND');
        if (p.status !== 'PUBLISHED') return err('PROGRAMME_NOT_PUBLISHED');
        if (input.endDate < input.startDate || input.seats < 1 || input.seats > 1000) return err('BAD_USER_INPUT');
        const cid = id();
        state.cohorts.set(cid, {
          tenant: p.tenant,
          programmeId: input.programmeId,
          startDate: input.startDate,
          endDate: input.endDate,
          seats: input.seats,
        });
        return ok('scheduleCohort', { id: cid });
      }
      case 'DemoPdKnownEducators': {
        const n = [...opts.placements.values()].filter((p) => p.municipalityId === v['id']).length;
        return ok('municipality', { id: v['id'], trainingSummary: { educators: n } });
      }
      case 'DemoPdEnrolments':
      case 'DemoPdEnrolmentsOfCohort': {
        if (!isOperator(c)) return err('FORBIDDEN');
        const rows = [...state.enrolments.values()].filter(
          (e) =>
            (!v['municipalityId'] || e.municipalityId === v['municipalityId']) &&
            (!v['educatorId'] || e.educatorId === v['educatorId']) &&
            (!v['cohortId'] || e.cohortId === v['cohortId']),
        );
        return ok(
          'enrolments',
          rows.map((e) => ({ id: e.id, cohortId: e.cohortId, status: e.status, educator: { id: e.educatorId } })),
        );
      }
      case 'DemoApplyForCohort': {
        const educatorId = input.educatorId ?? c.educator;
        const p = opts.placements.get(educatorId);
        if (!p) return err('NOT_FOUND');
        const self = c.role === 'teacher' && c.educator === educatorId;
        if (!self && !isCoordinatorOf(c, p)) return err('FORBIDDEN');
        const cohort = state.cohorts.get(input.cohortId);
        if (!cohort) return err('NOT_FOUND');
        if (cohort.tenant !== 'region' && cohort.tenant !== p.municipalityId) return err('COHORT_NOT_OPEN_TO_EDUCATOR');
        if (opts.today > cohort.endDate) return err('COHORT_CLOSED');
        const mine = [...state.enrolments.values()].filter((e) => e.cohortId === input.cohortId);
        if (mine.some((e) => e.educatorId === educatorId && (e.status === 'APPLIED' || e.status === 'ENROLLED'))) return err('ALREADY_ENROLLED');
        if (mine.filter((e) => e.status === 'APPLIED' || e.status === 'ENROLLED').length >= cohort.seats) return err('COHORT_FULL');
        const eid = `${input.cohortId}~${id()}`;
        state.enrolments.set(eid, {
          id: eid,
          cohortId: input.cohortId,
          educatorId,
          ...p,
          status: 'APPLIED',
          appliedBy: self ? 'SELF' : 'COORDINATOR',
          certificate: null,
        });
        return ok('applyForCohort', { id: eid, status: 'APPLIED' });
      }
      case 'DemoApproveEnrolment':
      case 'DemoRejectEnrolment': {
        const e = cohortOf(v['enrolmentId'] ?? input.enrolmentId);
        if (!e) return err('NOT_FOUND');
        if (!isCoordinatorOf(c, e)) return err('FORBIDDEN');
        if (e.status !== 'APPLIED') return err('INVALID_TRANSITION');
        if (op === 'DemoRejectEnrolment' && !input.reason?.trim()) return err('BAD_USER_INPUT');
        e.status = op === 'DemoApproveEnrolment' ? 'ENROLLED' : 'REJECTED';
        return ok(op === 'DemoApproveEnrolment' ? 'approveEnrolment' : 'rejectEnrolment', { id: e.id, status: e.status });
      }
      case 'DemoWithdrawEnrolment': {
        const e = cohortOf(input.enrolmentId);
        if (!e) return err('NOT_FOUND');
        const teacher = c.role === 'teacher' && c.educator === e.educatorId;
        if (!teacher && !isCoordinatorOf(c, e)) return err('FORBIDDEN');
        if (!(e.status === 'APPLIED' || (!teacher && e.status === 'ENROLLED'))) return err('INVALID_TRANSITION');
        e.status = 'WITHDRAWN';
        return ok('withdrawEnrolment', { id: e.id, status: e.status });
      }
      case 'DemoCompleteEnrolment':
      case 'DemoMarkEnrolmentNotCompleted': {
        const e = cohortOf(input.enrolmentId);
        if (!e) return err('NOT_FOUND');
        const cohort = state.cohorts.get(e.cohortId)!;
        const owner = cohort.tenant === 'region' ? isOperator(c) : isMethodologistOf(c, cohort.tenant);
        if (!owner && !isCoordinatorOf(c, e)) return err('FORBIDDEN');
        if (e.status !== 'ENROLLED') return err('INVALID_TRANSITION');
        if (op === 'DemoCompleteEnrolment') {
          const hours = state.programmes.get(cohort.programmeId)!.hours;
          if (!(input.hours >= 1 && input.hours <= hours) || input.issuedOn < cohort.startDate) return err('BAD_USER_INPUT');
          if ([...state.enrolments.values()].some((x) => x.cohortId === e.cohortId && x.certificate === input.certificateNumber))
            return err('CERTIFICATE_NUMBER_TAKEN');
          e.certificate = input.certificateNumber;
          e.status = 'COMPLETED';
        } else {
          if (!input.reason?.trim()) return err('BAD_USER_INPUT');
          e.status = 'NOT_COMPLETED';
        }
        return ok(op === 'DemoCompleteEnrolment' ? 'completeEnrolment' : 'markEnrolmentNotCompleted', { id: e.id, status: e.status });
      }
      case 'DemoRecordExternalTraining': {
        if (opts.externalTraining === false) return err('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "recordExternalTraining" on type "Mutation".');
        const p = opts.placements.get(input.educatorId);
        if (!p) return err('NOT_FOUND');
        if (!isOperator(c) && !isMethodologistOf(c, p.municipalityId) && !isCoordinatorOf(c, p)) return err('FORBIDDEN');
        if (input.issuedOn > opts.today) return err('BAD_USER_INPUT');
        const mine = state.external.get(input.educatorId) ?? new Map<string, string>();
        mine.set(input.certificateNumber, input.issuedOn);
        state.external.set(input.educatorId, mine);
        return ok('recordExternalTraining', { id: `${input.educatorId}:${input.certificateNumber}` });
      }
      case 'DemoImportDiagnostics': {
        if (c.role !== 'municipal_methodologist') return err('FORBIDDEN');
        const key = `${c.municipality}|${input.importId}`;
        const hash = createHash('sha256').update(input.csv).digest('hex');
        const seen = state.imports.get(key);
        if (seen)
          return seen.hash === hash
            ? ok('importDiagnostics', { importId: input.importId, imported: seen.imported, rerun: true, rejected: [] })
            : err('IMPORT_ID_REUSED');
        const lines = (input.csv as string).trim().split('\n');
        if (lines[0] !== 'educator_id;area;score;max_score;taken_on') return err('BAD_USER_INPUT');
        const rejected: { line: number; message: string }[] = [];
        let imported = 0;
        lines.slice(1).forEach((l, i) => {
          const [educatorId, area, score, max] = l.split(';');
          if (opts.placements.get(educatorId!)?.municipalityId !== c.municipality) {
            rejected.push({ line: i + 2, message: 'not an educator of this municipality' });
            return;
          }
          imported++;
          if (Number(score) / Number(max) < 0.6) state.deficits.set(educatorId!, (state.deficits.get(educatorId!) ?? new Set()).add(area!));
        });
        state.imports.set(key, { hash, imported });
        return ok('importDiagnostics', { importId: input.importId, imported, rerun: false, rejected });
      }
      case 'DemoPdActiveMentorships':
        if (c.role !== 'municipal_methodologist') return err('FORBIDDEN');
        return ok(
          'mentorships',
          state.mentorships.filter((m) => m.status === 'ACTIVE' && m.municipalityId === c.municipality).map((m) => ({ id: m.id, mentee: { id: m.menteeId } })),
        );
      case 'DemoStartMentorship': {
        const mentor = opts.placements.get(input.mentorId);
        const mentee = opts.placements.get(input.menteeId);
        if (!mentor || !mentee) return err('NOT_FOUND');
        if (!isMethodologistOf(c, mentee.municipalityId) || !isMethodologistOf(c, mentor.municipalityId)) return err('FORBIDDEN');
        if (input.from > input.to || !input.goals?.length || input.mentorId === input.menteeId) return err('BAD_USER_INPUT');
        const active = state.mentorships.filter((m) => m.status === 'ACTIVE');
        if (active.some((m) => m.menteeId === input.menteeId)) return err('MENTEE_ALREADY_PAIRED');
        if (active.filter((m) => m.mentorId === input.mentorId).length >= 3) return err('MENTOR_LOAD_EXCEEDED');
        const mid = `${input.mentorId}~${id()}`;
        state.mentorships.push({
          id: mid,
          mentorId: input.mentorId,
          menteeId: input.menteeId,
          municipalityId: mentee.municipalityId,
          status: 'ACTIVE',
        });
        return ok('startMentorship', { id: mid });
      }
      case 'DemoProposeRoute':
      case 'DemoApproveRoute': {
        const p = opts.placements.get(v['educatorId']);
        if (!p) return err('NOT_FOUND');
        if (!isMethodologistOf(c, p.municipalityId)) return err('FORBIDDEN');
        const route = state.routes.get(v['educatorId']);
        if (op === 'DemoProposeRoute') {
          if (route === 'APPROVED') return err('ROUTE_APPROVED');
          if (!state.deficits.get(v['educatorId'])?.size) return err('ROUTE_EMPTY');
          state.routes.set(v['educatorId'], 'DRAFT');
          return ok('proposeRoute', { status: 'DRAFT' });
        }
        if (!route) return err('NOT_FOUND');
        state.routes.set(v['educatorId'], 'APPROVED');
        return ok('approveRoute', { status: 'APPROVED' });
      }
      default:
        return err('GRAPHQL_VALIDATION_FAILED', `unknown operation ${op}`);
    }
  };

  const fetch: FetchLike = async (_url, init) => {
    const body = JSON.parse(String(init.body)) as { operationName?: string; variables?: Record<string, unknown> };
    const auth = (init.headers as Record<string, string>)['authorization'] ?? '';
    const claims = JSON.parse(auth.replace(/^Bearer /, '') || '{"role":"anonymous"}') as Claims;
    await new Promise((r) => setImmediate(r));
    return new Response(JSON.stringify(handle(body.operationName ?? '', body.variables ?? {}, claims)), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };

  return { fetch, state };
};
