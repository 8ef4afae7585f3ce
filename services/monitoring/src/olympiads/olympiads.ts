import type { OlympiadLevel, OlympiadSchoolRow } from './olympiad-schools.rows';

/**
 * Olympiad indicators, pure. A unit's (school's, municipality's, region's) facts are its
 * *marks*: per subject and student, what the student did at each level in the academic
 * year, as bit flags. Marks of disjoint units merge by OR, so a student two schools of a
 * municipality entered counts once there, and every figure is computed from the merged
 * marks, never by adding up the figures of parts.
 */
export const LEVELS: readonly OlympiadLevel[] = ['SCHOOL', 'MUNICIPAL', 'REGIONAL'];

const TOOK_PART: Readonly<Record<OlympiadLevel, number>> = { SCHOOL: 1, MUNICIPAL: 1 << 3, REGIONAL: 1 << 6 };
const won = (level: OlympiadLevel) => TOOK_PART[level] << 1;
const prized = (level: OlympiadLevel) => TOOK_PART[level] << 2;

/** Key subject + SEP + studentId → flags (took part, winner, prize-winner) per level. */
export type Marks = ReadonlyMap<string, number>;

const SEP = '\u0000';
export const markKey = (subject: string, studentId: string): string => `${subject}${SEP}${studentId}`;

/** A school's marks: entered (not withdrawn) or listed in a final protocol is taking part; statuses from final protocols. */
export const marksOfSchool = (row: Pick<OlympiadSchoolRow, 'stages'>): Map<string, number> => {
  const marks = new Map<string, number>();
  const mark = (subject: string, studentId: string, flags: number) => {
    const key = markKey(subject, studentId);
    marks.set(key, (marks.get(key) ?? 0) | flags);
  };
  for (const s of row.stages) {
    const took = TOOK_PART[s.level];
    for (const id of s.entered) mark(s.subject, id, took);
    for (const id of s.listed) mark(s.subject, id, took);
    for (const id of s.winners) mark(s.subject, id, took | won(s.level));
    for (const id of s.prizeWinners) mark(s.subject, id, took | prized(s.level));
  }
  return marks;
};

/** The marks of a union of units: a student in several of them counts once, with everything they did. */
export const mergeMarks = (parts: Iterable<Marks>): Map<string, number> => {
  const out = new Map<string, number>();
  for (const part of parts) for (const [key, flags] of part) out.set(key, (out.get(key) ?? 0) | flags);
  return out;
};

export interface OlympiadStageIndicators {
  /** Distinct students per subject, summed over subjects (within one subject: distinct students). */
  readonly participants: number;
  /** Distinct students, whatever the subjects. */
  readonly students: number;
  readonly winners: number;
  /** PRIZE_WINNER and not WINNER (in another stage of the same level and subject). */
  readonly prizeWinners: number;
  readonly winnersPer100: number | null;
  readonly prizeWinnersPer100: number | null;
}

export interface OlympiadPassOn {
  /** Took part in the school stage. */
  readonly schoolStage: number;
  /** Of them, took part in the municipal stage of the same subject and year too. */
  readonly schoolToMunicipal: number;
  readonly schoolToMunicipalRate: number | null;
  readonly municipalStage: number;
  /** Of them, took part in the regional stage of the same subject and year too. */
  readonly municipalToRegional: number;
  readonly municipalToRegionalRate: number | null;
}

export interface OlympiadSubjectIndicators {
  readonly subject: string;
  readonly school: OlympiadStageIndicators;
  readonly municipal: OlympiadStageIndicators;
  readonly regional: OlympiadStageIndicators;
  readonly passOn: OlympiadPassOn;
}

export interface OlympiadIndicators {
  /** Distinct students who took part in any stage of any subject. */
  readonly students: number;
  readonly school: OlympiadStageIndicators;
  readonly municipal: OlympiadStageIndicators;
  readonly regional: OlympiadStageIndicators;
  /** Over every subject: student-subject pairs. */
  readonly passOn: OlympiadPassOn;
  /** Subjects with anyone taking part, by subject code. */
  readonly subjects: readonly OlympiadSubjectIndicators[];
}

const per100 = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

interface LevelTally {
  participants: number;
  winners: number;
  prizeWinners: number;
}
interface PassOnTally {
  schoolStage: number;
  schoolToMunicipal: number;
  municipalStage: number;
  municipalToRegional: number;
}
type Tally = Record<OlympiadLevel, LevelTally> & { passOn: PassOnTally };

const zeroTally = (): Tally => ({
  SCHOOL: { participants: 0, winners: 0, prizeWinners: 0 },
  MUNICIPAL: { participants: 0, winners: 0, prizeWinners: 0 },
  REGIONAL: { participants: 0, winners: 0, prizeWinners: 0 },
  passOn: { schoolStage: 0, schoolToMunicipal: 0, municipalStage: 0, municipalToRegional: 0 },
});

const stageOf = (t: LevelTally, students: number): OlympiadStageIndicators => ({
  participants: t.participants,
  students,
  winners: t.winners,
  prizeWinners: t.prizeWinners,
  winnersPer100: per100(t.winners, t.participants),
  prizeWinnersPer100: per100(t.prizeWinners, t.participants),
});

const passOnOf = (p: PassOnTally): OlympiadPassOn => ({
  ...p,
  schoolToMunicipalRate: rate(p.schoolToMunicipal, p.schoolStage),
  municipalToRegionalRate: rate(p.municipalToRegional, p.municipalStage),
});

const count = (t: Tally, flags: number) => {
  for (const level of LEVELS) {
    if (!(flags & TOOK_PART[level])) continue;
    t[level].participants += 1;
    if (flags & won(level)) t[level].winners += 1;
    else if (flags & prized(level)) t[level].prizeWinners += 1;
  }
  const school = (flags & TOOK_PART.SCHOOL) !== 0;
  const municipal = (flags & TOOK_PART.MUNICIPAL) !== 0;
  const regional = (flags & TOOK_PART.REGIONAL) !== 0;
  if (school) t.passOn.schoolStage += 1;
  if (school && municipal) t.passOn.schoolToMunicipal += 1;
  if (municipal) t.passOn.municipalStage += 1;
  if (municipal && regional) t.passOn.municipalToRegional += 1;
};

/**
 * A unit's olympiad indicators from its marks. A participant of a level in a subject is a
 * distinct student; a level's totals add the subjects up (a student in two subjects is two
 * participants, one student). A winner counts once per subject and level, a prize-winner
 * only when not also a winner there. The pass-on rate of a subject: of the students who
 * took part in its school stage, the share who took part in its municipal stage (likewise
 * municipal → regional), both within the marks given (the unit's). Shares are null when
 * their base is zero.
 */
export const olympiadIndicators = (marks: Marks): OlympiadIndicators => {
  const bySubject = new Map<string, Tally>();
  const total = zeroTally();
  const studentsAt: Record<OlympiadLevel, Set<string>> = { SCHOOL: new Set(), MUNICIPAL: new Set(), REGIONAL: new Set() };
  const anyLevel = new Set<string>();
  for (const [key, flags] of marks) {
    if (flags === 0) continue;
    const sep = key.indexOf(SEP);
    const subject = key.slice(0, sep);
    const student = key.slice(sep + 1);
    let t = bySubject.get(subject);
    if (!t) bySubject.set(subject, (t = zeroTally()));
    count(t, flags);
    count(total, flags);
    for (const level of LEVELS) if (flags & TOOK_PART[level]) studentsAt[level].add(student);
    anyLevel.add(student);
  }
  const subjects = [...bySubject]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([subject, t]) => ({
      subject,
      school: stageOf(t.SCHOOL, t.SCHOOL.participants),
      municipal: stageOf(t.MUNICIPAL, t.MUNICIPAL.participants),
      regional: stageOf(t.REGIONAL, t.REGIONAL.participants),
      passOn: passOnOf(t.passOn),
    }));
  return {
    students: anyLevel.size,
    school: stageOf(total.SCHOOL, studentsAt.SCHOOL.size),
    municipal: stageOf(total.MUNICIPAL, studentsAt.MUNICIPAL.size),
    regional: stageOf(total.REGIONAL, studentsAt.REGIONAL.size),
    passOn: passOnOf(total.passOn),
    subjects,
  };
};

/** A unit monitoring has no olympiad facts for: zeros, null shares, no subjects. */
export const NO_OLYMPIADS: OlympiadIndicators = olympiadIndicators(new Map());
