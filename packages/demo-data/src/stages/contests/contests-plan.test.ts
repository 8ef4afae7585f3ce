import { consentDeadline } from '../../../../../services/contests/src/entries/entries.decider';
import { CODE_ALPHABET, groupOfCode } from '../../../../../services/contests/src/entries/code-format';
import { appealDeadline } from '../../../../../services/contests/src/partitions/appeal-deadline';
import { admissionList } from '../../../../../services/contests/src/admission/admission-list';
import { ScoreMark, taskResult, workTotal } from '../../../../../services/contests/src/partitions/scoring';
import { readScoreLine } from '../../../../../services/contests/src/scores-import/score-file';
import { gradeRefusal } from '../../../../../services/contests/src/stages/grades';
import { planProblems } from '../../../../../services/contests/src/stages/stage.decider';
import { DEFAULT_SETTINGS, settingsProblems } from '../../../../../services/contests/src/stages/stage.settings';
import { isVsoshSubject } from '../../../../../services/contests/src/stages/subjects';
import { workingDaysBefore as serviceWorkingDaysBefore } from '../../../../../services/contests/src/stages/working-days';
import { dayToIso, isoToDay } from '../../region/random';
import { buildRegionPlan, EducatorPlan, planEducators, RegionPlan } from '../../region/region-model';
import { SUBJECT_BY_CODE } from './contests-dictionaries';
import {
  buildContestsPlan,
  ContestsPlan,
  LEVEL_GRADES,
  OlympiadStagePlan,
  ParticipantPlan,
  scoreFileCsv,
  scoreFileLines,
  scoreRowsOf,
  StudentPlan,
  workingDaysBefore,
} from './contests-plan';

const AS_OF = '2026-12-06';
const addDays = (iso: string, n: number) => dayToIso(isoToDay(iso) + n);
const NAME = /^[A-Za-zА-Яа-яЁё' -]+$/;

/** The stage as the service's rules see it: the plan's input with its default settings. */
const stagePlanOf = (s: OlympiadStagePlan) => ({ ...s.input, olympiad: { kind: s.input.kind, title: s.input.title } });
const settingsOf = (s: OlympiadStagePlan) => ({ ...DEFAULT_SETTINGS, ...(s.input.settings ?? {}) });

/** The plan's marks as the service records them (jurors j1, j2; the third check by j3). */
const marksOf = (p: ParticipantPlan, code = p.studentKey): ScoreMark[] =>
  p.marks.flatMap((m) =>
    m.scores.map(
      (score, i) => ({ code, taskId: m.taskId, jurorId: m.scores.length === 1 ? null : `j${i + 1}`, score, round: i === 2 ? 'THIRD' : 'FIRST' }) as ScoreMark,
    ),
  );

describe('contests plan', () => {
  let region: RegionPlan;
  let plan: ContestsPlan;
  let students: Map<string, StudentPlan>;
  let educators: Map<string, EducatorPlan>;
  let full: ContestsPlan;
  beforeAll(() => {
    region = buildRegionPlan({ seed: 42, scale: 0.05, asOf: AS_OF });
    plan = buildContestsPlan(region);
    students = new Map(plan.schools.flatMap((s) => s.students.map((x) => [x.key, x])));
    educators = new Map([...planEducators(region)].map((e) => [e.id, e]));
    full = buildContestsPlan(buildRegionPlan({ seed: 42, scale: 1, asOf: AS_OF }));
  });

  describe('determinism and size', () => {
    it('builds the same plan, byte for byte, from the same region; another from another seed', () => {
      expect(JSON.stringify(buildContestsPlan(buildRegionPlan({ seed: 42, scale: 0.05, asOf: AS_OF })))).toBe(JSON.stringify(plan));
      const other = buildContestsPlan(buildRegionPlan({ seed: 43, scale: 0.05, asOf: AS_OF }));
      expect(JSON.stringify(other.schools[0]!.students.slice(0, 10))).not.toBe(JSON.stringify(plan.schools[0]!.students.slice(0, 10)));
    });

    it('moves its calendar with asOf and keeps the students of the same academic year', () => {
      const later = buildContestsPlan(buildRegionPlan({ seed: 42, scale: 0.05, asOf: '2026-12-09' }));
      expect(later.calendar.SCHOOL.startsOn).toBe('2026-12-09');
      expect(later.academicYear).toBe('2026/2027');
      expect(later.planTag).not.toBe(plan.planTag);
      const names = (p: ContestsPlan) => p.schools.flatMap((s) => s.students.map((x) => `${x.input.surname} ${x.input.name} ${x.input.grade}`));
      expect(names(later)).toEqual(names(plan));
    });

    it('at scale 1: over 100,000 score rows at the school stage alone, in every municipality; smaller scales in proportion', () => {
      const t = full.totals;
      expect(t.scoreRows.SCHOOL).toBeGreaterThan(100_000);
      expect(t.students.total).toBeGreaterThan(15_000);
      expect(t.stages.SCHOOL).toBeGreaterThanOrEqual(60 * 4);
      expect(t.stages.MUNICIPAL).toBeGreaterThanOrEqual(60 * 2);
      expect(t.stages.REGIONAL).toBe(3);
      expect(new Set(full.stages.filter((s) => s.level === 'SCHOOL').map((s) => s.organiser)).size).toBe(60);
      const small = plan.totals;
      const ratio = t.scoreRows.SCHOOL / small.scoreRows.SCHOOL;
      expect(ratio).toBeGreaterThan(10);
      expect(ratio).toBeLessThan(40);
      for (const level of ['SCHOOL', 'MUNICIPAL', 'REGIONAL'] as const) {
        expect(small.stages[level]).toBeGreaterThan(0);
        expect(small.entries[level]).toBeGreaterThan(0);
        expect(small.doubleScored[level]).toBeGreaterThan(0);
      }
      expect(small.thirdChecks.inFile).toBeGreaterThan(0);
      expect(small.thirdChecks.byJuror).toBeGreaterThan(0);
      expect(small.appeals.total).toBeGreaterThan(3);
      expect(small.students.withoutConsent).toBeGreaterThan(0);
      expect(small.students.noPublication).toBeGreaterThan(0);
    });

    it('counts what it holds', () => {
      const t = plan.totals;
      expect(t.students.total).toBe(students.size);
      expect(t.scoreRows.SCHOOL).toBe(plan.stages.filter((s) => s.level === 'SCHOOL').reduce((a, s) => a + scoreRowsOf(s), 0));
      expect(t.commands['scheduleOlympiadStage']).toBe(plan.stages.length);
      expect(t.commands['fileOlympiadAppeal']).toBe(t.appeals.total);
      expect(t.commandsTotal).toBe(Object.values(t.commands).reduce((a, b) => a + b, 0));
    });
  });

  describe('the service’s rules', () => {
    it('schedules every stage as the service accepts it: a ВсОШ subject, grade groups within the level, registration closing by the stage', () => {
      for (const s of plan.stages) {
        expect(isVsoshSubject(s.subject)).toBe(true);
        expect([s.key, planProblems(stagePlanOf(s) as never)]).toEqual([s.key, []]);
        expect(settingsProblems(settingsOf(s))).toEqual([]);
        expect(s.input.academicYear).toBe('2026/2027');
        expect(s.consentDeadline).toBe(consentDeadline({ startsOn: s.input.startsOn, consentLeadWorkingDays: 10, holidays: [] }));
        expect(s.input.registrationFrom <= AS_OF || s.level !== 'SCHOOL').toBe(true);
        expect(s.input.registrationFrom <= s.input.registrationTo && s.input.registrationTo === s.input.startsOn).toBe(true);
      }
      const keys = plan.stages.map((s) => `${s.organiser}|${s.level}|${s.subject}|${s.input.title}`);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('counts working days before a stage as the service does', () => {
      for (const day of ['2026-12-06', '2027-01-12', '2026-11-09', '2027-03-10', '2027-05-12'])
        for (const n of [0, 1, 10, 15]) expect(workingDaysBefore(day, n)).toBe(serviceWorkingDaysBefore(day, n));
    });

    it('holds each level on the day the previous level’s protocols, published on its own day, can be final', () => {
      const zone = 'Asia/Krasnoyarsk';
      const { SCHOOL, MUNICIPAL, REGIONAL } = plan.calendar;
      expect(SCHOOL.startsOn).toBe(AS_OF);
      // Appeals close at the very end of the day before the next level's day: its morning, the protocols can be final.
      expect(appealDeadline(SCHOOL.startsOn, 1, zone)).toBe(appealDeadline(addDays(MUNICIPAL.startsOn, -1), 0, zone));
      expect(appealDeadline(MUNICIPAL.startsOn, 1, zone)).toBe(appealDeadline(addDays(REGIONAL.startsOn, -1), 0, zone));
      expect(MUNICIPAL.registrationFrom <= AS_OF && REGIONAL.registrationFrom <= AS_OF).toBe(true);
    });

    it('registers class lists of at most 1,000 valid students, names unique within the school, birth dates fitting the grade', () => {
      for (const school of plan.schools) {
        expect(school.students.length).toBeLessThanOrEqual(1000);
        const names = school.students.map((s) => [s.input.surname, s.input.name, s.input.patronymic].filter(Boolean).join(' '));
        expect(new Set(names).size).toBe(names.length);
        for (const s of school.students) {
          for (const part of [s.input.surname, s.input.name, s.input.patronymic]) if (part !== null) expect(part).toMatch(NAME);
          expect(s.input.grade).toBeGreaterThanOrEqual(4);
          expect(s.input.grade).toBeLessThanOrEqual(11);
          if (s.input.birthDate) {
            const age = 2026 - Number(s.input.birthDate.slice(0, 4));
            expect(age - s.input.grade).toBeGreaterThanOrEqual(6);
            expect(age - s.input.grade).toBeLessThanOrEqual(8);
          }
          const c = s.input.consent;
          if (c) {
            expect(c.participation).toBe(true);
            expect(!c.publishWork || c.publishResults).toBe(true);
            expect(c.signedOn <= AS_OF).toBe(true);
          }
        }
      }
    });

    it('enters only consenting students, each at their own grade within the level and its group, consents dated by the stage’s deadline', () => {
      for (const s of plan.stages) {
        const [lo, hi] = LEVEL_GRADES[s.level];
        const seen = new Set<string>();
        for (const p of s.participants) {
          const student = students.get(p.studentKey)!;
          expect(seen.has(p.studentKey)).toBe(false);
          seen.add(p.studentKey);
          expect(p.grade).toBe(student.input.grade);
          expect(p.grade >= lo && p.grade <= hi).toBe(true);
          expect(gradeRefusal(s.level, { competing: p.grade, own: student.input.grade })).toBeNull();
          expect(s.input.groups.find((g) => g.groupId === p.groupId)!.grades).toContain(p.grade);
          expect(student.input.consent?.participation).toBe(true);
          expect(student.input.consent!.signedOn <= s.consentDeadline).toBe(true);
          expect(p.organizationPlanId).toBe(student.organizationPlanId);
        }
      }
    });

    it('appoints juries of the subject’s teachers: one chair on the appeal commission, enough other-school jurors for every work', () => {
      for (const s of plan.stages) {
        const ids = s.jury.map((j) => j.educatorPlanId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(s.jury.filter((j) => j.chair)).toHaveLength(1);
        expect(s.jury.find((j) => j.chair)!.appealCommission).toBe(true);
        for (const j of s.jury) {
          const e = educators.get(j.educatorPlanId)!;
          expect(e.organizationPlanId).toBe(j.organizationPlanId);
          expect(e.input.subjects.some((x) => SUBJECT_BY_CODE.get(s.subject)!.teacherSubjects.includes(x))).toBe(true);
          if (s.level !== 'REGIONAL') expect(j.municipalityId).toBe(s.organiser);
        }
        const need = s.scoringMode === 'DOUBLE' ? 3 : 1;
        for (const school of new Set(s.participants.map((p) => p.organizationPlanId)))
          expect(s.jury.filter((j) => j.organizationPlanId !== school).length).toBeGreaterThanOrEqual(need);
      }
    });

    it('scores within each task’s points; totals as the service computes them; third checks only where the jurors disagree', () => {
      for (const s of plan.stages) {
        const settings = settingsOf(s);
        const groups = new Map(s.input.groups.map((g) => [g.groupId, g]));
        const overrides = new Map(s.appeals.filter((a) => a.to !== null).map((a) => [`${a.studentKey}|${a.taskId}`, a.to!]));
        for (const p of s.participants) {
          if (p.absent) {
            expect(p.marks).toEqual([]);
            continue;
          }
          const group = groups.get(p.groupId)!;
          expect(p.marks.map((m) => m.taskId)).toEqual(group.tasks.map((t) => t.taskId));
          group.tasks.forEach((t, i) => {
            const m = p.marks[i]!;
            for (const x of m.scores) expect(Number.isInteger(x) && x >= 0 && x <= t.maxPoints).toBe(true);
            expect(m.scores.length).toBe(s.scoringMode === 'SINGLE' ? 1 : m.thirdBy ? 3 : 2);
            const r = taskResult(
              t,
              marksOf(p).filter((x) => x.taskId === t.taskId),
              settings.scoringMode,
              settings.agreeingFinal,
            );
            expect(r.needsThirdCheck).toBe(m.scores.length === 3);
            expect(r.status).toBe('FINAL');
          });
          const total = workTotal(group.tasks, marksOf(p), settings.scoringMode, settings.agreeingFinal);
          const finals = total.tasks.map((t) => overrides.get(`${p.studentKey}|${t.taskId}`) ?? t.final!);
          expect(Math.round(finals.reduce((a, b) => a + b, 0) * 100) / 100).toBe(p.total);
        }
      }
    });

    it('appeals: a raise above the final, a lowering below it, within the task; decided by the appeal commission', () => {
      for (const s of plan.stages)
        for (const a of s.appeals) {
          const task = s.input.groups.find((g) => g.groupId === a.groupId)!.tasks.find((t) => t.taskId === a.taskId)!;
          expect(s.participants.find((p) => p.studentKey === a.studentKey)!.absent).toBe(false);
          if (a.decision === 'RAISE') expect(a.to! > a.from && a.to! <= task.maxPoints).toBe(true);
          if (a.decision === 'LOWER') expect(a.to! < a.from && a.to! >= 0).toBe(true);
          if (a.decision === 'KEEP') expect(a.to).toBeNull();
          expect(s.jury.find((j) => j.educatorPlanId === a.decidedBy)?.appealCommission).toBe(true);
          expect(a.statement.length).toBeGreaterThan(10);
        }
    });

    it('enters at the next level exactly whom the service’s admission list admits by the passing scores', () => {
      const byKey = new Map(plan.stages.map((s) => [s.key, s]));
      for (const s of plan.stages.filter((x) => x.level !== 'SCHOOL')) {
        const passingScores: Record<number, number> = {};
        for (const ps of s.passingScores) for (const grade of s.input.groups.find((g) => g.groupId === ps.groupId)!.grades) passingScores[grade] = ps.score;
        const candidates = s.feeders.flatMap((k) =>
          byKey
            .get(k)!
            .participants.filter((p) => !p.absent)
            .map((p) => ({ studentId: p.studentKey, schoolId: p.organizationPlanId, grade: p.grade, score: p.total, stillAtSchool: true })),
        );
        const [min, max] = LEVEL_GRADES[s.level];
        const { admitted } = admissionList({ candidates, passingScores, previousWinners: [], nextLevelGrades: { min, max } });
        expect([s.key, admitted.map((a) => a.studentId).sort()]).toEqual([s.key, s.participants.map((p) => p.studentKey).sort()]);
      }
    });

    it('writes score files the service reads: codes of their group, the juror column in double scoring, third checks by an eligible juror', () => {
      const double = plan.stages.find((s) => s.scoringMode === 'DOUBLE' && s.participants.some((p) => p.marks.some((m) => m.thirdBy === 'FILE')))!;
      const single = plan.stages.find((s) => s.scoringMode === 'SINGLE')!;
      for (const s of [double, single]) {
        const jury = s.jury.map((j) => ({ jurorId: j.educatorPlanId, schoolId: j.organizationPlanId }));
        const index = new Map(s.participants.map((p, i) => [p.studentKey, i]));
        const codeOf = (p: ParticipantPlan) => {
          let n = index.get(p.studentKey)!;
          let tail = '';
          for (let k = 0; k < 6; k++, n = Math.floor(n / 31)) tail += CODE_ALPHABET[n % 31];
          return `${p.groupId}-${tail}`;
        };
        const assigned = (p: ParticipantPlan) => {
          const others = jury.filter((j) => j.schoolId !== p.organizationPlanId).map((j) => j.jurorId);
          return { code: codeOf(p), jurorIds: s.scoringMode === 'DOUBLE' ? others.slice(0, 2).sort() : others.slice(0, 1), schoolId: p.organizationPlanId };
        };
        const { lines, missing } = scoreFileLines(s, assigned, jury);
        expect(missing).toBe(0);
        expect(lines).toHaveLength(scoreRowsOf(s));
        const csv = scoreFileCsv(lines, s.scoringMode === 'DOUBLE');
        const [head, ...rows] = csv.trimEnd().split('\n');
        const columns = head!.split(';');
        for (const row of rows) {
          const values = Object.fromEntries(columns.map((c, i) => [c, row.split(';')[i]!]));
          const r = readScoreLine(values, ';');
          expect('data' in r).toBe(true);
          if ('data' in r) expect(r.group).toBe(groupOfCode(r.data.code));
        }
        for (const l of lines.slice(s.participants.reduce((a, p) => a + p.marks.length * (s.scoringMode === 'DOUBLE' ? 2 : 1), 0))) {
          const p = s.participants.find((x) => codeOf(x) === l.code)!;
          expect(assigned(p).jurorIds).not.toContain(l.juror);
          expect(jury.find((j) => j.jurorId === l.juror)!.schoolId).not.toBe(p.organizationPlanId);
        }
      }
    });
  });
});
