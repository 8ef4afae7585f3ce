import { randomUUID } from 'node:crypto';
import { addDays, addYears, DEFAULT_REGION_TIME_ZONE, todayIn } from '@mms/contracts';
import { waitFor } from '@mms/testing/infra';
import { GqlResult, ok, Platform, ServiceName } from '../platform-harness';

/**
 * What the fault tests share: a municipality with schools and a cohort, bursts of mutations
 * through the gateway with every answer classified, the read models read back through the
 * gateway, and the figures each test prints.
 */
export const GQL = {
  ONBOARD: `mutation($input: OnboardMunicipalityInput!) { onboardMunicipality(input: $input) { id } }`,
  REGISTER_ORG: `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
  REGISTER_EDU: `mutation($input: RegisterEducatorInput!) { registerEducator(input: $input) { id } }`,
  CREATE_PROGRAMME: `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }`,
  PUBLISH: `mutation($id: ID!) { publishProgramme(id: $id) { id status } }`,
  SCHEDULE: `mutation($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id seats free } }`,
  APPLY: `mutation($input: ApplyForCohortInput!) { applyForCohort(input: $input) { id status } }`,
  EDUCATORS: `query($after: String) { educators(first: 200, after: $after) { nodes { id fullName } pageInfo { hasNextPage endCursor } } }`,
  COHORT: `query($id: ID!) { cohort(id: $id) { seats held free } }`,
  ENROLMENTS: `query($id: ID!) { enrolments(filter: { cohortId: $id }) { id status educator { id } } }`,
  INDICATORS: `query { municipalityIndicators { educators youngTeachers } }`,
  INDICATORS_OF: `query($m: ID!) { municipalityIndicators(municipalityId: $m) { educators } }`,
  PD_SUMMARY: `query($id: ID!) { municipality(id: $id) { trainingSummary { educators } } }`,
};

/** Bursts are the point here, not the rate limits (tested elsewhere): the test's callers get room. */
export const FAULT_GATEWAY_ENV: Record<string, string> = Object.fromEntries(
  ['MUNICIPAL_METHODOLOGIST', 'SCHOOL_COORDINATOR', 'REGIONAL_OPERATOR'].flatMap((role) => [
    [`GATEWAY_RATE_${role}`, '5000'],
    [`GATEWAY_BURST_${role}`, '10000'],
  ]),
);

export const today = () => todayIn(DEFAULT_REGION_TIME_ZONE);

export interface School {
  id: string;
  coordinator: string;
}

export interface Region {
  id: string;
  ro: string;
  meth: string;
  schools: School[];
  /** A cohort of the municipality's own programme (when professional development runs). */
  cohortId?: string;
  seats?: number;
}

const unique = () => randomUUID().slice(0, 8);

/** A municipality with its schools (and a cohort open to its educators when `seats` is given). */
export const setUpRegion = async (p: Platform, label: string, { schools = 3, seats }: { schools?: number; seats?: number } = {}): Promise<Region> => {
  const id = `m-${label}-${unique()}`;
  const ro = await p.token('regional_operator');
  const meth = await p.token('municipal_methodologist', { municipality: id });
  ok(await p.gql(ro, GQL.ONBOARD, { input: { id, name: `Округ ${label}`, oktmo: `04${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}` } }));
  const region: Region = { id, ro, meth, schools: [] };
  for (let s = 0; s < schools; s++) {
    const org = ok<any>(await p.gql(meth, GQL.REGISTER_ORG, { input: { name: `МБОУ СОШ № ${s + 1}`, kind: 'SCHOOL' } })).registerOrganization.id;
    region.schools.push({ id: org, coordinator: await p.token('school_coordinator', { municipality: id, organization: org }) });
  }
  if (seats) {
    const programme = ok<any>(
      await p.gql(meth, GQL.CREATE_PROGRAMME, {
        input: { title: 'Функциональная грамотность', provider: 'ММС', hours: 24, format: 'DISTANCE', competences: ['FUNCTIONAL_LITERACY'] },
      }),
    ).createProgramme.id;
    ok(await p.gql(meth, GQL.PUBLISH, { id: programme }));
    const cohort = ok<any>(
      await p.gql(meth, GQL.SCHEDULE, { input: { programmeId: programme, startDate: addDays(today(), 10), endDate: addDays(today(), 40), seats } }),
    ).scheduleCohort;
    region.cohortId = cohort.id;
    region.seats = seats;
  }
  return region;
};

/** Every third educator is a young teacher (an indicator numerator in monitoring). */
export const isYoung = (i: number) => i % 3 === 0;

/** The i-th educator of a test: the name says which attempt it was, so the directory list maps back to attempts. */
export const educatorInput = (region: Region, tag: string, i: number) => ({
  organizationId: region.schools[i % region.schools.length]!.id,
  fullName: `Испытанова ${tag} ${i}`,
  position: 'учитель',
  subjects: ['математика'],
  careerStartDate: isYoung(i) ? addYears(today(), -1) : '2012-09-01',
});

/** The school coordinator of the i-th educator's school. */
export const coordinatorOf = (region: Region, i: number) => region.schools[i % region.schools.length]!.coordinator;

/** One request of a burst, as the client saw it. */
export interface Sent {
  i: number;
  /** HTTP status; 0 when the request got no answer at all. */
  status: number;
  accepted: boolean;
  data?: any;
  /** The first error's code, when there was one. */
  code?: string;
  message?: string;
  /** When it was sent (epoch ms) and how long the answer took. */
  at: number;
  ms: number;
}

export const send = async (call: () => Promise<GqlResult<any>>, i = 0): Promise<Sent> => {
  const started = Date.now();
  try {
    const r = await call();
    const error = r.body.errors?.[0];
    return {
      i,
      status: r.status,
      accepted: r.status === 200 && !error && r.body.data != null,
      data: r.body.data,
      code: error?.extensions?.code,
      message: error?.message,
      at: started,
      ms: Date.now() - started,
    };
  } catch (err) {
    return { i, status: 0, accepted: false, code: 'NO_ANSWER', message: String(err), at: started, ms: Date.now() - started };
  }
};

/** Sends `n` requests, `concurrency` at a time; `call(i)` makes the i-th. */
export const burst = async (n: number, concurrency: number, call: (i: number) => Promise<GqlResult<any>>): Promise<Sent[]> => {
  const results: Sent[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) results[i] = await send(() => call(i), i);
    }),
  );
  return results;
};

/** In flight at some moment of [from, to]. */
export const overlaps = (s: Sent, from: number, to: number) => s.at <= to && s.at + s.ms >= from;

/** Counts of answers by code (`OK` for accepted). */
export const byCode = (sent: readonly Sent[]) =>
  sent.reduce<Record<string, number>>((acc, s) => {
    const k = s.accepted ? 'OK' : (s.code ?? `HTTP_${s.status}`);
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

/** The whole directory list of the caller's municipality, page by page. */
export const directoryEducators = async (p: Platform, token: string): Promise<{ id: string; fullName: string | null }[]> => {
  const all: { id: string; fullName: string | null }[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = ok<any>(await p.gql(token, GQL.EDUCATORS, { after })).educators;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
};

export const cohortSeats = async (p: Platform, region: Region): Promise<{ seats: number; held: number; free: number }> =>
  ok<any>(await p.gql(region.meth, GQL.COHORT, { id: region.cohortId })).cohort;

/** Educator ids of the cohort's enrolments (one per enrolment, duplicates kept). */
export const enrolledEducators = async (p: Platform, region: Region): Promise<string[]> =>
  ok<any>(await p.gql(region.meth, GQL.ENROLMENTS, { id: region.cohortId })).enrolments.map((e: any) => e.educator.id);

export const indicators = async (p: Platform, region: Region): Promise<{ educators: number; youngTeachers: number }> =>
  ok<any>(await p.gql(region.meth, GQL.INDICATORS)).municipalityIndicators;

/** Active educators professional development knows in the municipality. */
export const pdEducators = async (p: Platform, region: Region): Promise<number> =>
  ok<any>(await p.gql(region.meth, GQL.PD_SUMMARY, { id: region.id })).municipality?.trainingSummary?.educators ?? 0;

/** Values that occur more than once. */
export const duplicates = (values: readonly string[]) => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];

/** Registers educators [from, to) and waits until the directory, professional development and monitoring (those running) all show them. */
export const registerKnown = async (p: Platform, region: Region, tag: string, count: number, services: { pd?: boolean; monitoring?: boolean }) => {
  const sent = await burst(count, 6, (i) => p.gql(region.meth, GQL.REGISTER_EDU, { input: educatorInput(region, tag, i) }));
  const refused = sent.filter((s) => !s.accepted);
  if (refused.length) throw new Error(`set-up registrations refused: ${JSON.stringify(byCode(refused))} ${refused[0]!.message}`);
  const ids = sent.map((s) => s.data.registerEducator.id as string);
  await waitFor(async () => (await directoryEducators(p, region.meth)).length === count, { what: 'directory lists the set-up educators', timeoutMs: 60000 });
  if (services.pd) await waitFor(async () => (await pdEducators(p, region)) === count, { what: 'PD knows the set-up educators', timeoutMs: 60000 });
  if (services.monitoring) {
    await waitFor(async () => (await indicators(p, region)).educators === count, { what: 'monitoring counts the set-up educators', timeoutMs: 60000 });
  }
  return ids;
};

/** Prints a test's figures as one block (jest shows a test's stdout; CI logs keep it). */
export const report = (title: string, figures: Record<string, unknown>) => {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  process.stdout.write(`\n[fault] ${title}\n${lines.join('\n')}\n`);
};

/** Spacing between polls of a loop that runs for a while (never a wait for a condition: use waitFor). */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The counters that say where a pipeline stopped: relayed, applied, parked. */
const PIPELINE_METRICS = /^(events_relayed_total|projection_events_total|dead_letters_total)\b/;

/**
 * What each service says when a wait failed: its pipeline counters and the warnings and
 * errors it logged. A fault test that times out shows where the events stopped. Given the
 * moments of answers that went wrong, what the services and the gateway logged within a
 * second of them comes first, errors before warnings: a CI log keeps only the start.
 */
export const diagnosis = async (p: Platform, services: readonly ServiceName[], around: readonly number[] = []): Promise<string> => {
  const near = (line: string) => {
    const at = Date.parse(/"time":"([^"]+)"/.exec(line)?.[1] ?? '');
    return around.some((t) => Math.abs(at - t) <= 1000);
  };
  const level = (line: string) => Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
  const nearLines = around.length
    ? [
        '(logged around the answers in question)',
        ...[...services, 'gateway' as const].flatMap((s) =>
          p
            .logs(s, 2_000_000)
            .split('\n')
            .filter(near)
            .sort((a, b) => level(b) - level(a))
            .slice(0, 10)
            .map((l) => `${s}: ${l.slice(0, 1500)}`),
        ),
      ]
    : [];
  const parts = await Promise.all(
    services.map(async (s) => {
      const metrics = await fetch(`${p.urls[s]}/metrics`, { signal: AbortSignal.timeout(5000) })
        .then(async (r) => (await r.text()).split('\n').filter((l) => PIPELINE_METRICS.test(l)))
        .catch((err: Error) => [`metrics unavailable: ${err.message}`]);
      const problems = p
        .logs(s, 200_000)
        .split('\n')
        .filter((l) => /"level":(40|50|60)/.test(l))
        .slice(-15)
        .map((l) => l.slice(0, 600));
      return [`--- ${s}`, ...metrics, ...problems].join('\n');
    }),
  );
  return [...nearLines, ...parts].join('\n');
};

/** waitFor that, when it times out, says where each service's pipeline stands. */
export const waitOrExplain = async (p: Platform, services: readonly ServiceName[], check: () => Promise<boolean>, opts: { what: string; timeoutMs: number }) =>
  waitFor(check, opts).catch(async (err: Error) => {
    throw new Error(`${err.message}\n${await diagnosis(p, services)}`);
  });
