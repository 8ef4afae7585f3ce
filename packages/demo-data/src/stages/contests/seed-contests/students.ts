/**
 * Phase 1 of the contests seeding: each school's coordinator registers its students as one
 * class list (`registerStudents`, the parents' consents in the same registration). A re-run
 * reads the school's students and registers only those whose full name it does not find.
 */
import { runPool } from '../../../runner/pool';
import type { RegisterStudentInput, SchoolStudentsPlan } from '../contests-plan';
import { aborted, ContestsSeedContext, coordinator, fail, idempotencyKey, readAll, send, tally } from './context';
import { CONTESTS_STUDENTS, REGISTER_STUDENTS } from './documents';

/** The service's class-list limit. */
const MAX_CLASS_LIST = 1000;

export const fullNameOf = (s: Pick<RegisterStudentInput, 'surname' | 'name' | 'patronymic'>) => [s.surname, s.name, s.patronymic].filter(Boolean).join(' ');

const seedSchool = async (ctx: ContestsSeedContext, school: SchoolStudentsPlan) => {
  const { organizationPlanId: org, municipalityId: m } = school;
  let pending = school.students;
  try {
    const token = await coordinator(ctx, m, org);
    const found = new Map<string, string>();
    const rows = await readAll<{ id: string; fullName: string | null }>(ctx, CONTESTS_STUDENTS, 'studentsPage', {}, token);
    for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) if (r.fullName && !found.has(r.fullName)) found.set(r.fullName, r.id);
    pending = [];
    for (const s of school.students) {
      const id = found.get(fullNameOf(s.input));
      if (id) {
        ctx.out.studentIds[s.key] = id;
        tally(ctx, 'students', 'existing');
      } else pending.push(s);
    }
    while (pending.length && !aborted(ctx)) {
      const list = pending.slice(0, MAX_CLASS_LIST);
      const key = idempotencyKey(ctx, `students|${org}|${list.map((s) => s.key).join(',')}`);
      const answer = await send<{ id: string }[]>(
        ctx,
        'registerStudents',
        REGISTER_STUDENTS,
        { input: { students: list.map((s) => s.input) } },
        token,
        org,
        m,
        {
          idempotencyKey: key,
        },
      );
      list.forEach((s, i) => (ctx.out.studentIds[s.key] = answer![i]!.id));
      tally(ctx, 'students', 'created', list.length);
      pending = pending.slice(list.length);
    }
  } catch (err) {
    if (aborted(ctx)) return;
    fail(ctx, { command: 'registerStudents', phase: 'students', planId: org, tenantId: m }, err);
    tally(ctx, 'students', 'failed', pending.length);
  }
};

/** Phase 1: every school the directory has; the students of the others count as skipped. */
export const seedStudents = async (ctx: ContestsSeedContext) => {
  const known = ctx.plan.schools.filter((s) => ctx.ids.organizations[s.organizationPlanId]);
  for (const s of ctx.plan.schools) if (!ctx.ids.organizations[s.organizationPlanId]) tally(ctx, 'students', 'skipped', s.students.length);
  await runPool(known, ctx.concurrency, (s) => seedSchool(ctx, s), ctx.signal);
};
