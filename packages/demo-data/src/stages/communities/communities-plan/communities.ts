/** Part 1 of the communities plan: ШМО in every school, РМО by subject, the municipal network structures and the regional ones. */
import { MunicipalityPlan, OrganizationPlan } from '../../../region/region-model';
import {
  CREATIVE_LAB_THEMES,
  REGIONAL_NETWORK,
  SCHOOL_CYCLES,
  SUBJECT_GENITIVE,
  VIRTUAL_ASSOCIATION_TASK,
  WORKING_GROUP_THEMES,
} from '../communities-dictionaries';
import { REGION, type CommunityPlan, type MemberRole, type TaskPlan } from '../communities-plan';
import { addDays, bySeniority, educatorsOf, notAfter, pad, Placed, PlanContext } from './context';

const member = (p: Placed, role: MemberRole) => ({ educatorPlanId: p.e.id, municipalityId: p.m.id, role });

/** Head (the most senior), then the others as members (a deputy where there are five or more). */
const membersOf = (people: Placed[], otherRole: MemberRole = 'MEMBER') => {
  const sorted = [...people].sort(bySeniority);
  return sorted.map((p, i) => member(p, i === 0 ? 'HEAD' : i === 1 && sorted.length >= 5 ? 'DEPUTY' : otherRole));
};

/** A school's ШМО: one per cycle with at least three teachers (two in a small school), at least one per school. */
const schoolAssociations = (ctx: PlanContext, m: MunicipalityPlan, o: OrganizationPlan): CommunityPlan[] => {
  const rng = ctx.root.fork(`shmo/${o.id}`);
  const people = o.educators.map((e) => ({ m, o, e }));
  const min = people.length <= 15 ? 2 : 3;
  const groups = SCHOOL_CYCLES.map((cycle) => ({
    cycle,
    people: people.filter(
      (p) => cycle.positions.includes(p.e.input.position) || (!cycle.positions.length && p.e.input.subjects.some((s) => cycle.subjects.includes(s))),
    ),
  }));
  const taken = new Set<string>();
  let chosen = groups
    .map((g) => ({ ...g, people: g.people.filter((p) => !taken.has(p.e.id) && (taken.add(p.e.id), true)) }))
    .filter((g) => g.people.length >= min);
  if (!chosen.length) {
    const teachers = people.filter((p) => p.e.input.subjects.length);
    chosen = [
      {
        cycle: { direction: 'Общее образование', namePart: 'учителей', subjects: [], positions: [] },
        people: teachers.length ? teachers : people,
      },
    ];
  }
  const school = o.input.shortName ?? o.input.name;
  const orderDate = notAfter(`${ctx.yearStart}-08-${pad(rng.int(26, 31))}`, ctx.asOf);
  const orderNo = `${rng.int(40, 160)}-од`;
  return chosen.map((g, i) => ({
    key: `shmo/${o.id}/${i + 1}`,
    tenantId: m.id,
    runBy: 'COORDINATOR' as const,
    hostOrganizationPlanId: o.id,
    input: {
      kind: 'SCHOOL_ASSOCIATION' as const,
      level: 'SCHOOL' as const,
      name: `ШМО ${g.cycle.namePart} ${school}`,
      subject: null,
      direction: g.cycle.direction,
      term: null,
      task: null,
    },
    order: { number: orderNo, date: orderDate, issuer: `Директор ${school}` },
    members: membersOf(g.people),
    tasks: [],
  }));
};

/** A municipality's РМО (ГМО in a city) by subject: the subjects taught in most of its schools. */
const municipalAssociations = (ctx: PlanContext, m: MunicipalityPlan): CommunityPlan[] => {
  const rng = ctx.root.fork(`rmo/${m.id}`);
  const all = educatorsOf(m).filter((p) => p.o.input.kind === 'SCHOOL');
  const bySubject = new Map<string, Placed[]>();
  for (const p of all) for (const s of p.e.input.subjects) if (SUBJECT_GENITIVE[s]) bySubject.set(s, [...(bySubject.get(s) ?? []), p]);
  const schools = (list: Placed[]) => new Set(list.map((p) => p.o.id)).size;
  const schoolCount = m.organizations.filter((o) => o.input.kind === 'SCHOOL').length;
  const count = Math.min(6, Math.max(2, Math.round(schoolCount / 4) + 2));
  const subjects = [...bySubject.entries()]
    .filter(([, list]) => list.length >= 2)
    .sort((a, b) => schools(b[1]) - schools(a[1]) || b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, count);
  const prefix = m.form === 'URBAN_OKRUG' ? 'ГМО' : 'РМО';
  const issuer = `Управление образования: ${m.input.name}`;
  return subjects.map(([subject, list], i) => {
    const n = Math.min(ctx.opt.maxRmoMembers, Math.max(2, Math.round(list.length * ctx.opt.rmoShare)));
    const senior = [...list].sort(bySeniority);
    const people = [senior[0]!, ...rng.sample(senior.slice(1), n - 1)];
    return {
      key: `rmo/${m.id}/${subject}`,
      tenantId: m.id,
      runBy: 'METHODOLOGIST' as const,
      hostOrganizationPlanId: null,
      input: {
        kind: 'MUNICIPAL_ASSOCIATION' as const,
        level: 'MUNICIPAL' as const,
        name: `${prefix} учителей ${SUBJECT_GENITIVE[subject]}`,
        subject,
        direction: null,
        term: null,
        task: null,
      },
      order: { number: `${rng.int(200, 320)}/${i + 1}`, date: notAfter(`${ctx.yearStart}-09-${pad(rng.int(1, 10))}`, ctx.asOf), issuer },
      members: membersOf(people),
      tasks: [],
    };
  });
};

/** A working group's tasks: owners among its members, due over the months ahead; a third done early. */
const tasksOf = (
  ctx: PlanContext,
  key: string,
  titles: readonly string[],
  members: CommunityPlan['members'],
  rng: ReturnType<PlanContext['root']['fork']>,
): TaskPlan[] => {
  const n = Math.min(titles.length, rng.int(3, 5));
  const dues = Array.from({ length: n }, () => rng.int(14, 240)).sort((a, b) => a - b);
  return titles.slice(0, n).map((title, i) => ({
    key: `${key}/t${i + 1}`,
    title,
    ownerPlanId: members[i % members.length]!.educatorPlanId,
    dueOn: addDays(ctx.asOf, dues[i]!),
    done: i === 0 || rng.chance(0.2),
  }));
};

/** A municipality's network structures: a virtual association of young teachers, a working group, a creative lab where there are six schools or more. */
const municipalNetwork = (ctx: PlanContext, m: MunicipalityPlan): CommunityPlan[] => {
  const rng = ctx.root.fork(`network/${m.id}`);
  const all = educatorsOf(m);
  const seniors = all.filter((p) => ['HIGHEST', 'METHODIST', 'MENTOR'].includes(p.e.input.qualificationCategory)).sort(bySeniority);
  const experienced = seniors.length >= 3 ? seniors : [...all].sort(bySeniority);
  const issuer = `Управление образования: ${m.input.name}`;
  const orderDate = notAfter(addDays(ctx.asOf, -rng.int(3, 20)), ctx.asOf);
  const term = { from: orderDate, to: `${ctx.yearStart + 2}-06-30` };
  const out: CommunityPlan[] = [];
  const base = (
    key: string,
    kind: CommunityPlan['input']['kind'],
    name: string,
    direction: string,
    task: string,
    hostOrganizationPlanId: string | null = null,
  ) => ({
    key: `net/${m.id}/${key}`,
    tenantId: m.id,
    runBy: 'METHODOLOGIST' as const,
    hostOrganizationPlanId,
    input: { kind, level: 'MUNICIPAL' as const, name, subject: null, direction, term, task },
    order: { number: `${rng.int(321, 480)}`, date: orderDate, issuer },
  });

  const young = all.filter((p) => p.e.isYoungTeacher);
  const head = experienced[0]!;
  out.push({
    ...base('va', 'VIRTUAL_ASSOCIATION', 'Виртуальное объединение молодых педагогов «Старт»', 'Поддержка молодых педагогов', VIRTUAL_ASSOCIATION_TASK),
    members: [
      member(head, 'HEAD'),
      ...rng
        .sample(
          young.filter((p) => p.e.id !== head.e.id),
          Math.min(25, young.length),
        )
        .map((p) => member(p, 'MEMBER')),
    ],
    tasks: [],
  });

  const theme = rng.pick(WORKING_GROUP_THEMES);
  const group = experienced.slice(0, Math.min(experienced.length, rng.int(4, 7)));
  const wg = base(
    'wg',
    'WORKING_GROUP',
    theme.name,
    theme.name.replace('Рабочая группа по ', '').replace(/^./, (c) => c.toUpperCase()),
    theme.task,
  );
  const wgMembers = membersOf(group);
  out.push({ ...wg, members: wgMembers, tasks: tasksOf(ctx, wg.key, theme.tasks, wgMembers, rng) });

  const schools = m.organizations.filter((o) => o.input.kind === 'SCHOOL');
  if (schools.length >= 6) {
    const lab = rng.pick(CREATIVE_LAB_THEMES);
    const host = [...schools].sort((a, b) => b.educators.length - a.educators.length || (a.id < b.id ? -1 : 1))[0]!;
    const fromHost = host.educators
      .map((e) => ({ m, o: host, e }))
      .sort(bySeniority)
      .slice(0, 3);
    const others = rng.sample(
      all.filter((p) => p.o.id !== host.id && p.o.input.kind === 'SCHOOL' && p.e.input.subjects.length),
      rng.int(2, 5),
    );
    out.push({ ...base('lab', 'CREATIVE_LAB', lab.name, lab.direction, lab.task, host.id), members: membersOf([...fromHost, ...others]), tasks: [] });
  }
  return out;
};

/** The region's structures (the regional operator's), with members from across the municipalities. */
const regionalNetwork = (ctx: PlanContext): CommunityPlan[] => {
  const rng = ctx.root.fork('network/region');
  const everyone = ctx.region.municipalities.flatMap(educatorsOf);
  const senior = (p: Placed) => ['HIGHEST', 'METHODIST', 'MENTOR'].includes(p.e.input.qualificationCategory);
  const orderDate = notAfter(addDays(ctx.asOf, -rng.int(5, 25)), ctx.asOf);
  const term = { from: orderDate, to: `${ctx.yearStart + 2}-06-30` };
  return REGIONAL_NETWORK.map((def, i) => {
    let people: Placed[];
    let otherRole: MemberRole = 'MEMBER';
    if (def.kind === 'EXPERT_COMMUNITY') {
      people = ctx.region.municipalities.flatMap((m) => educatorsOf(m).filter(senior).sort(bySeniority).slice(0, 2));
      otherRole = 'EXPERT';
    } else if (def.kind === 'VIRTUAL_ASSOCIATION') {
      const pool = everyone.filter((p) => p.e.input.subjects.includes('Информатика'));
      people = rng.sample(pool.length >= 2 ? pool : everyone, 40);
    } else if (def.kind === 'WORKING_GROUP') {
      people = rng.sample(everyone.filter(senior), rng.int(5, 8));
    } else {
      const rural = everyone.filter((p) => p.o.locality === 'VILLAGE' && p.o.input.kind === 'SCHOOL');
      people = rng.sample(rural.length >= 2 ? rural : everyone, rng.int(10, 20));
    }
    if (people.length === 0) people = [...everyone].sort(bySeniority).slice(0, 1);
    const key = `reg/${i + 1}`;
    const members = membersOf(people, otherRole);
    const nonPermanent = def.kind !== 'EXPERT_COMMUNITY';
    return {
      key,
      tenantId: REGION,
      runBy: 'OPERATOR' as const,
      hostOrganizationPlanId: null,
      input: {
        kind: def.kind,
        level: 'REGIONAL' as const,
        name: def.name,
        subject: null,
        direction: def.direction,
        term: nonPermanent ? term : null,
        task: nonPermanent ? def.task : null,
      },
      order: { number: `${rng.int(1000, 1900)}-р`, date: orderDate, issuer: 'Министерство образования региона' },
      members,
      tasks: def.kind === 'WORKING_GROUP' ? tasksOf(ctx, key, WORKING_GROUP_THEMES[0]!.tasks, members, rng) : [],
    };
  });
};

/** Every community of the plan: per municipality its ШМО, РМО and network structures, then the region's. */
export const planCommunities = (ctx: PlanContext): CommunityPlan[] => [
  ...ctx.region.municipalities.flatMap((m) => [
    ...m.organizations.filter((o) => o.input.kind === 'SCHOOL' && o.educators.length > 0).flatMap((o) => schoolAssociations(ctx, m, o)),
    ...municipalAssociations(ctx, m),
    ...municipalNetwork(ctx, m),
  ]),
  ...regionalNetwork(ctx),
];
