/** Part 3 of the communities plan: a year of methodological events with speakers, registrations, attendance and feedback. */
import { dayToIso, isoToDay, Random } from '../../../region/random';
import { MunicipalityPlan } from '../../../region/region-model';
import { EVENT_THEMES, FEEDBACK_COMMENTS, PRESENTATION_TITLES } from '../communities-dictionaries';
import { REGION, type CommunityPlan, type MethodEventKind, type MethodEventPlan, type RegistrationPlan, type SitePlan } from '../communities-plan';
import { CLOCK_HOURS, educatorsOf, pad, Placed, PlanContext } from './context';
import { seatOutcome } from './seats';

/** Hours of the certificate and length of the event (minutes) by kind. */
const FORMAT: Record<MethodEventKind, { hours: number; minutes: number }> = {
  SEMINAR: { hours: 3, minutes: 180 },
  WEBINAR: { hours: 1.5, minutes: 90 },
  MASTER_CLASS: { hours: 2, minutes: 120 },
  ROUND_TABLE: { hours: 2, minutes: 120 },
  PEDAGOGICAL_READINGS: { hours: 4, minutes: 240 },
  CONFERENCE: { hours: 6, minutes: 360 },
  // Two days: 09:00 of the first to 17:00 of the second.
  INTERNSHIP: { hours: 16, minutes: 32 * 60 },
};

/** A working day no earlier than `day`, outside the summer holidays (July, August move on to September). */
const workingDay = (day: number): number => {
  for (let d = day; ; d++) {
    const iso = dayToIso(d);
    const month = iso.slice(5, 7);
    const weekday = new Date(d * 86_400_000).getUTCDay();
    if (month !== '07' && month !== '08' && weekday !== 0 && weekday !== 6) return d;
  }
};

const wallClock = (day: number, hour: number, minutes = 0) => {
  const at = day * 24 * 60 + hour * 60 + minutes;
  const d = Math.floor(at / (24 * 60));
  const rest = at - d * 24 * 60;
  return `${dayToIso(d)}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}`;
};

interface EventDraft {
  key: string;
  tenantId: string;
  organiser: MethodEventPlan['organiser'];
  kind: MethodEventKind;
  title: string;
  level: MethodEventPlan['input']['level'];
  day: number;
  online: boolean;
  place: string;
  subjects: string[];
  capacity: number;
  moderated: boolean;
  /** Who may come, in the order they would register. */
  pool: Placed[];
  /** Share of the seats asked for: above 1 leaves a waitlist. */
  demand: number;
  speakers: number;
}

const RATINGS: readonly (readonly [number, number])[] = [
  [5, 45],
  [4, 35],
  [3, 14],
  [2, 5],
  [1, 1],
];

/** The draft made concrete: times, speakers, registrations with their seat outcome, attendance and feedback. */
const eventPlan = (ctx: PlanContext, d: EventDraft): MethodEventPlan => {
  const rng = ctx.root.fork(`event/${d.key}`);
  const hour = d.kind === 'INTERNSHIP' ? 9 : d.kind === 'CONFERENCE' ? 10 : rng.pick(CLOCK_HOURS);
  const startsAt = wallClock(d.day, hour);
  const endsAt = d.kind === 'INTERNSHIP' ? wallClock(d.day + 1, 17) : wallClock(d.day, hour, FORMAT[d.kind].minutes);
  const shuffled = rng.shuffle(d.pool);
  const speakers = shuffled.slice(0, Math.min(d.speakers, Math.max(0, shuffled.length - 1)));
  const candidates = shuffled.slice(speakers.length);
  const wanted = Math.min(candidates.length, Math.max(1, Math.round(d.capacity * d.demand)));
  const chosen = candidates.slice(0, wanted);
  const steps = chosen.map((_, i) => ({
    reject: d.moderated && chosen.length > 3 && i % 7 === 3,
    cancel: i < d.capacity && i % 7 !== 3 && (d.demand > 1 ? i % 9 === 1 : rng.chance(0.08)),
  }));
  const seats = seatOutcome(d.capacity, d.moderated, steps);
  const registrations: RegistrationPlan[] = chosen.map((p, i) => {
    const { target, promoted } = seats[i]!;
    const attends = target === 'CONFIRMED' && rng.chance(ctx.opt.attendShare);
    const feedback =
      attends && rng.chance(ctx.opt.feedbackShare) ? { rating: rng.weighted(RATINGS), comment: rng.chance(0.4) ? rng.pick(FEEDBACK_COMMENTS) : null } : null;
    return {
      educatorPlanId: p.e.id,
      municipalityId: p.m.id,
      organizationPlanId: p.o.id,
      by: rng.chance(0.3) ? 'COORDINATOR' : 'SELF',
      reject: steps[i]!.reject,
      cancel: steps[i]!.cancel,
      target,
      promoted,
      attends,
      feedback,
    };
  });
  return {
    key: d.key,
    tenantId: d.tenantId,
    organiser: d.organiser,
    input: {
      kind: d.kind,
      title: d.title,
      level: d.level,
      startsAt,
      endsAt,
      place: d.online ? null : d.place,
      onlineUrl: d.online ? `https://vebinar.example.ru/${d.key.replace(/\//g, '-')}` : null,
      subjects: d.subjects,
      positions: [],
      capacity: d.capacity,
      moderated: d.moderated,
    },
    speakers: speakers.map((p) => ({ educatorPlanId: p.e.id, title: rng.pick(PRESENTATION_TITLES), summary: 'Опыт работы, приёмы и материалы для коллег.' })),
    registrations,
    hours: FORMAT[d.kind].hours,
  };
};

/** A day of the year ahead: `from`–`to` days after asOf, on a working day. */
const dayIn = (ctx: PlanContext, rng: Random, from: number, to: number) => workingDay(isoToDay(ctx.asOf) + rng.int(from, to));

/** One municipality's events: РМО seminars, the service's webinars and round table, master classes of ШМО and labs, internships on base sites. */
const municipalEvents = (ctx: PlanContext, m: MunicipalityPlan, communities: CommunityPlan[], sites: SitePlan[]): EventDraft[] => {
  const rng = ctx.root.fork(`events/${m.id}`);
  const everyone = educatorsOf(m);
  const schoolTeachers = everyone.filter((p) => p.o.input.kind === 'SCHOOL');
  const place = `Информационно-методический центр, ${m.input.name}`;
  const orgName = new Map(m.organizations.map((o) => [o.id, o.input.shortName ?? o.input.name]));
  const out: EventDraft[] = [];
  const key = () => `ev/${m.id}/${pad(out.length + 1)}`;
  const base = { tenantId: m.id, level: 'MUNICIPAL' as const, place, moderated: false };
  // The service's first webinar comes within days: a later run soon after asOf sees a whole event's cycle.
  out.push({
    ...base,
    key: key(),
    organiser: { kind: 'SERVICE' },
    kind: 'WEBINAR',
    title: `Вебинар: ${rng.pick(EVENT_THEMES.WEBINAR)}`,
    day: dayIn(ctx, rng, 1, 3),
    online: true,
    subjects: [],
    capacity: 100,
    pool: everyone,
    demand: rng.float(0.2, 0.5),
    speakers: 1,
  });
  out.push({
    ...base,
    key: key(),
    organiser: { kind: 'SERVICE' },
    kind: 'WEBINAR',
    title: `Вебинар: ${rng.pick(EVENT_THEMES.WEBINAR)}`,
    day: dayIn(ctx, rng, 30, 330),
    online: true,
    subjects: [],
    capacity: 100,
    pool: everyone,
    demand: rng.float(0.2, 0.5),
    speakers: 1,
  });
  for (const c of communities.filter((x) => x.tenantId === m.id && x.input.kind === 'MUNICIPAL_ASSOCIATION')) {
    const subject = c.input.subject!;
    const pool = schoolTeachers.filter((p) => p.e.input.subjects.includes(subject));
    for (const [from, to] of [
      [5, 150],
      [160, 330],
    ] as const) {
      out.push({
        ...base,
        key: key(),
        organiser: { kind: 'COMMUNITY', communityKey: c.key },
        kind: 'SEMINAR',
        title: `Семинар ${c.input.name}: ${rng.pick(EVENT_THEMES.SEMINAR)}`,
        day: dayIn(ctx, rng, from, to),
        online: false,
        subjects: [subject],
        capacity: Math.max(5, Math.min(40, Math.round(pool.length * rng.float(0.6, 1.1)))),
        pool,
        demand: rng.chance(0.3) ? rng.float(1.05, 1.3) : rng.float(0.5, 0.95),
        speakers: rng.int(1, 2),
      });
    }
  }
  const hosts = communities.filter((x) => x.tenantId === m.id && (x.input.kind === 'CREATIVE_LAB' || x.input.kind === 'SCHOOL_ASSOCIATION'));
  for (const c of rng.sample(hosts, Math.min(hosts.length, rng.int(1, 2)))) {
    out.push({
      ...base,
      key: key(),
      organiser: { kind: 'COMMUNITY', communityKey: c.key },
      kind: 'MASTER_CLASS',
      title: `Мастер-класс: ${rng.pick(EVENT_THEMES.MASTER_CLASS)}`,
      day: dayIn(ctx, rng, 10, 300),
      online: false,
      place: `Актовый зал, ${orgName.get(c.hostOrganizationPlanId ?? '') ?? m.input.name}`,
      subjects: [],
      capacity: rng.int(10, 16),
      moderated: rng.chance(0.3),
      pool: schoolTeachers,
      demand: rng.float(1.0, 1.4),
      speakers: 1,
    });
  }
  out.push({
    ...base,
    key: key(),
    organiser: { kind: 'SERVICE' },
    kind: 'ROUND_TABLE',
    title: `Круглый стол: ${rng.pick(EVENT_THEMES.ROUND_TABLE)}`,
    day: dayIn(ctx, rng, 40, 300),
    online: false,
    subjects: [],
    capacity: 25,
    pool: everyone,
    demand: rng.float(0.4, 0.9),
    speakers: 2,
  });
  for (const s of sites.filter((x) => x.municipalityId === m.id && x.input.status === 'BASE' && x.outcome === 'GRANTED')) {
    out.push({
      ...base,
      key: key(),
      organiser: { kind: 'SITE', siteKey: s.key },
      kind: 'INTERNSHIP',
      title: `Стажировка на базовой площадке: ${s.completeCard.theme}`,
      day: dayIn(ctx, rng, 20, 300),
      online: false,
      subjects: [],
      capacity: rng.int(8, 15),
      moderated: true,
      pool: schoolTeachers.filter((p) => !s.organizationPlanIds.includes(p.o.id)),
      demand: rng.float(0.8, 1.2),
      speakers: 0,
    });
  }
  return out.filter((d) => d.pool.length > 0);
};

/** The region's events: its conference in spring, two webinars, a round table of the discussion platform. */
const regionalEvents = (ctx: PlanContext, communities: CommunityPlan[]): EventDraft[] => {
  const rng = ctx.root.fork('events/region');
  const everyone = ctx.region.municipalities.flatMap(educatorsOf);
  const n = everyone.length;
  const out: EventDraft[] = [];
  const key = () => `ev/${REGION}/${pad(out.length + 1)}`;
  const base = { tenantId: REGION, level: 'REGIONAL' as const, place: 'Институт развития образования, конференц-зал', moderated: false, subjects: [] };
  const march = isoToDay(`${ctx.yearStart + 1}-03-25`);
  const asOfDay = isoToDay(ctx.asOf);
  const conferenceDay = workingDay(march > asOfDay + 30 ? march : asOfDay + 120);
  out.push({
    ...base,
    key: key(),
    organiser: { kind: 'SERVICE' },
    kind: 'CONFERENCE',
    title: `Региональная научно-практическая конференция «Методическая сеть: от опыта к результату» ${ctx.academicYear}`,
    day: conferenceDay,
    online: false,
    capacity: Math.max(30, Math.min(300, Math.round(n * 0.02))),
    pool: everyone,
    demand: rng.float(1.02, 1.15),
    speakers: rng.int(3, 5),
  });
  for (const [from, to] of [
    [7, 60],
    [90, 200],
  ] as const)
    out.push({
      ...base,
      key: key(),
      organiser: { kind: 'SERVICE' },
      kind: 'WEBINAR',
      title: `Региональный вебинар: ${rng.pick(EVENT_THEMES.WEBINAR)}`,
      day: dayIn(ctx, rng, from, to),
      online: true,
      capacity: 500,
      pool: everyone,
      demand: Math.min(0.5, (n * 0.02) / 500),
      speakers: 1,
    });
  const platform = communities.find((c) => c.tenantId === REGION && c.input.kind === 'DISCUSSION_PLATFORM');
  if (platform)
    out.push({
      ...base,
      key: key(),
      organiser: { kind: 'COMMUNITY', communityKey: platform.key },
      kind: 'ROUND_TABLE',
      title: `Круглый стол площадки «Школа равных возможностей»: ${rng.pick(EVENT_THEMES.ROUND_TABLE)}`,
      day: dayIn(ctx, rng, 60, 250),
      online: true,
      capacity: 60,
      pool: everyone.filter((p) => p.o.locality === 'VILLAGE'),
      demand: rng.float(0.5, 0.9),
      speakers: 2,
    });
  return out.filter((d) => d.pool.length > 0);
};

export const planMethodEvents = (ctx: PlanContext, communities: CommunityPlan[], sites: SitePlan[]): MethodEventPlan[] => [
  ...ctx.region.municipalities.flatMap((m) => municipalEvents(ctx, m, communities, sites)).map((d) => eventPlan(ctx, d)),
  ...regionalEvents(ctx, communities).map((d) => eventPlan(ctx, d)),
];
