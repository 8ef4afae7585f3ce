import { parseDiagnosticsCsv } from '../../../../../services/professional-development/src/diagnostics/csv-import';
import { isoToDay, minusYears } from '../../region/random';
import { buildRegionPlan, EducatorPlan, planEducators, RegionPlan } from '../../region/region-model';
import { runGroupedPool, spreadByGroup } from '../../runner/pool';
import { COMPETENCE_AREAS } from './pd-dictionaries';
import { academicYearOf, addDays, buildPdPlan, diagnosticsCsv, isBelowThreshold, MAX_ACTIVE_MENTEES, PdPlan } from './pd-plan';
import { trainingLists } from './pd-plan/external-trainings';

const AS_OF = '2026-11-22';

describe('professional-development plan', () => {
  let region: RegionPlan;
  let pd: PdPlan;
  let full: PdPlan;
  let fullRegion: RegionPlan;
  let educators: Map<string, EducatorPlan>;
  beforeAll(() => {
    region = buildRegionPlan({ seed: 42, scale: 0.1, asOf: AS_OF });
    pd = buildPdPlan(region);
    fullRegion = buildRegionPlan({ seed: 42, asOf: AS_OF });
    full = buildPdPlan(fullRegion);
    educators = new Map([...planEducators(region)].map((e) => [e.id, e]));
  });

  describe('determinism', () => {
    it('builds the same plan, byte for byte, from the same region', () => {
      expect(JSON.stringify(buildPdPlan(buildRegionPlan({ seed: 42, scale: 0.1, asOf: AS_OF })))).toBe(JSON.stringify(pd));
    });

    it('builds another plan from another seed, and moves with asOf', () => {
      const other = buildPdPlan(buildRegionPlan({ seed: 43, scale: 0.1, asOf: AS_OF }));
      expect(JSON.stringify(other.enrolments.slice(0, 20))).not.toBe(JSON.stringify(pd.enrolments.slice(0, 20)));
      const later = buildPdPlan(buildRegionPlan({ seed: 42, scale: 0.1, asOf: '2027-03-15' }));
      expect(later.academicYear).toBe('2026/2027');
      expect(later.cohorts.every((c) => c.applications === 0 || c.endDate >= '2027-03-15')).toBe(true);
    });

    it('derives stable, valid, distinct import ids from the seed, scale and asOf', () => {
      const ids = pd.diagnostics.map((d) => d.importId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_~-]{0,127}$/);
      expect(buildPdPlan(buildRegionPlan({ seed: 42, scale: 0.1, asOf: '2026-11-23' })).diagnostics[0]!.importId).not.toBe(ids[0]);
    });
  });

  describe('catalogue and cohorts', () => {
    it('has a handful of regional programmes and 1–3 municipal ones per municipality', () => {
      const regional = pd.programmes.filter((p) => p.level === 'REGIONAL');
      expect(regional.length).toBeGreaterThanOrEqual(5);
      expect(regional.length).toBeLessThanOrEqual(12);
      expect(regional.some((p) => p.input.federalRegisterId)).toBe(true);
      for (const m of region.municipalities) {
        const own = pd.programmes.filter((p) => p.municipalityId === m.id);
        expect(own.length).toBeGreaterThanOrEqual(1);
        expect(own.length).toBeLessThanOrEqual(3);
        expect(own.every((p) => p.level === 'MUNICIPAL' && p.input.provider.includes(m.input.name))).toBe(true);
      }
      for (const p of pd.programmes) {
        expect(p.input.hours).toBeGreaterThanOrEqual(16);
        expect(p.input.hours).toBeLessThanOrEqual(144);
        expect(p.input.competences.length).toBeGreaterThan(0);
        expect(p.input.competences.every((c) => (COMPETENCE_AREAS as readonly string[]).includes(c))).toBe(true);
      }
      const owned = pd.programmes.map((p) => `${p.municipalityId}|${p.input.title}`);
      expect(new Set(owned).size).toBe(owned.length);
    });

    it('gives every programme a cohort, each with distinct dates and enough seats for its applications', () => {
      const keys = pd.cohorts.map((c) => `${c.programmeKey}|${c.startDate}|${c.endDate}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const p of pd.programmes) expect(pd.cohorts.some((c) => c.programmeKey === p.key)).toBe(true);
      for (const c of pd.cohorts) {
        const applications = pd.enrolments.filter((e) => e.cohortKey === c.key).length;
        expect(applications).toBe(c.applications);
        expect(c.seats).toBeGreaterThanOrEqual(applications);
        expect(c.seats).toBeLessThanOrEqual(1000);
        expect(c.startDate <= c.endDate).toBe(true);
      }
    });

    it('ends every cohort that receives applications on or after asOf (the server refuses them after the end)', () => {
      for (const c of pd.cohorts.filter((x) => x.applications > 0)) expect(c.endDate >= AS_OF).toBe(true);
      for (const c of pd.cohorts) {
        if (c.phase === 'UPCOMING') expect(c.startDate > AS_OF).toBe(true);
        else expect(c.startDate <= AS_OF).toBe(true);
      }
    });
  });

  describe('enrolments', () => {
    it('enrols about a quarter of the educators, each at most once', () => {
      const share = pd.enrolments.length / region.totals.educators;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.32);
      const who = pd.enrolments.map((e) => e.educatorPlanId);
      expect(new Set(who).size).toBe(who.length);
      const t = full.totals.enrolments;
      expect(t.bySelf).toBeGreaterThan(0);
      expect(t.byCoordinator).toBeGreaterThan(0);
      for (const k of ['APPLIED', 'ENROLLED', 'REJECTED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED'] as const) expect(t[k]).toBeGreaterThan(0);
      expect(t.ENROLLED + t.COMPLETED + t.NOT_COMPLETED).toBeGreaterThan(0.7 * t.total);
      expect(t.REJECTED).toBeLessThan(0.1 * t.total);
      expect(t.WITHDRAWN).toBeLessThan(0.06 * t.total);
    });

    it('puts only their own municipality’s educators into municipal cohorts', () => {
      const cohorts = new Map(pd.cohorts.map((c) => [c.key, c]));
      for (const e of pd.enrolments) {
        const c = cohorts.get(e.cohortKey)!;
        expect(educators.get(e.educatorPlanId)!.municipalityId).toBe(e.municipalityId);
        expect(educators.get(e.educatorPlanId)!.organizationPlanId).toBe(e.organizationPlanId);
        if (c.level === 'MUNICIPAL') expect(e.municipalityId).toBe(c.municipalityId);
      }
    });

    it('completes only in cohorts that started, with certificates the server accepts', () => {
      const cohorts = new Map(pd.cohorts.map((c) => [c.key, c]));
      const programmes = new Map(pd.programmes.map((p) => [p.key, p]));
      for (const e of pd.enrolments) {
        const c = cohorts.get(e.cohortKey)!;
        if (e.target === 'COMPLETED') {
          expect(c.phase).toBe('FINISHING');
          const cert = e.certificate!;
          expect(cert.hours).toBeGreaterThanOrEqual(1);
          expect(cert.hours).toBeLessThanOrEqual(programmes.get(c.programmeKey)!.input.hours);
          expect(cert.issuedOn >= c.startDate && cert.issuedOn <= AS_OF).toBe(true);
          expect(e.resultBy).not.toBeNull();
        } else expect(e.certificate).toBeNull();
        if (e.target === 'NOT_COMPLETED') expect(c.phase).toBe('FINISHING');
        if (e.target === 'REJECTED' || e.target === 'NOT_COMPLETED') expect(e.reason).toBeTruthy();
      }
    });

    it('never repeats a certificate number (catalogue or outside it)', () => {
      for (const plan of [pd, full]) {
        const numbers = [
          ...plan.enrolments.flatMap((e) => (e.certificate ? [e.certificate.number] : [])),
          ...plan.externalTrainings.map((t) => t.input.certificateNumber),
        ];
        expect(numbers.length).toBeGreaterThan(0);
        expect(new Set(numbers).size).toBe(numbers.length);
      }
    });
  });

  describe('training history', () => {
    it('dates every record between the career start and asOf', () => {
      for (const t of pd.externalTrainings) {
        const e = educators.get(t.educatorPlanId)!;
        expect(t.input.issuedOn <= AS_OF).toBe(true);
        expect(t.input.issuedOn >= e.input.careerStartDate).toBe(true);
        expect(t.input.hours).toBeGreaterThanOrEqual(16);
        expect(t.input.hours).toBeLessThanOrEqual(144);
        expect(t.municipalityId).toBe(e.municipalityId);
      }
      expect(pd.externalTrainings.filter((t) => t.educatorPlanId === pd.externalTrainings[0]!.educatorPlanId).length).toBeLessThanOrEqual(2);
    });

    it('leaves 10–20% of experienced educators overdue, some due within 90 days, most covered', () => {
      const threeYearsAgo = minusYears(AS_OF, 3);
      const latest = new Map<string, string>();
      for (const t of full.externalTrainings) {
        if ((latest.get(t.educatorPlanId) ?? '') < t.input.issuedOn) latest.set(t.educatorPlanId, t.input.issuedOn);
      }
      let experienced = 0;
      let overdue = 0;
      let dueSoon = 0;
      let youngWithRecord = 0;
      let young = 0;
      for (const m of fullRegion.municipalities) {
        for (const o of m.organizations) {
          for (const e of o.educators) {
            const last = latest.get(e.id);
            if (e.isYoungTeacher) {
              young++;
              if (last) youngWithRecord++;
              continue;
            }
            experienced++;
            if (!last || last < threeYearsAgo) overdue++;
            else if (isoToDay(last) - isoToDay(threeYearsAgo) <= 90) dueSoon++;
          }
        }
      }
      expect(overdue / experienced).toBeGreaterThan(0.1);
      expect(overdue / experienced).toBeLessThan(0.2);
      expect(dueSoon / experienced).toBeGreaterThan(0.03);
      expect(dueSoon / experienced).toBeLessThan(0.15);
      expect(youngWithRecord / young).toBeLessThan(0.35);
    });
  });

  describe('diagnostics and routes', () => {
    it('writes CSV files PD’s own parser reads without a problem', () => {
      const ids = Object.fromEntries([...educators.keys()].map((id, i) => [id, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`]));
      for (const d of pd.diagnostics) {
        const { csv, rows, missing } = diagnosticsCsv(d.rows, ids);
        expect(missing).toBe(0);
        const parsed = parseDiagnosticsCsv(csv);
        expect(parsed.problems).toEqual([]);
        expect(parsed.rows).toHaveLength(rows);
        expect(Buffer.byteLength(csv)).toBeLessThan(900 * 1024);
        for (const r of d.rows) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(r.maxScore);
          expect(r.takenOn <= AS_OF).toBe(true);
          expect(educators.get(r.educatorPlanId)!.municipalityId).toBe(d.municipalityId);
        }
      }
      const { missing } = diagnosticsCsv(pd.diagnostics[0]!.rows, {});
      expect(missing).toBe(pd.diagnostics[0]!.rows.length);
    });

    it('opens deficits in some areas (below 60%) and proposes routes only where there are deficits', () => {
      const { rows, belowThreshold, educators: diagnosed } = pd.totals.diagnostics;
      expect(diagnosed / region.totals.educators).toBeGreaterThan(0.25);
      expect(belowThreshold / rows).toBeGreaterThan(0.1);
      expect(belowThreshold / rows).toBeLessThan(0.45);
      const deficits = new Map<string, Set<string>>();
      for (const d of pd.diagnostics) {
        for (const r of d.rows)
          if (isBelowThreshold(r.score, r.maxScore)) deficits.set(r.educatorPlanId, (deficits.get(r.educatorPlanId) ?? new Set()).add(r.area));
      }
      expect(pd.routes.length).toBeGreaterThan(0);
      for (const r of pd.routes) expect([...deficits.get(r.educatorPlanId)!].sort()).toEqual([...r.deficits].sort());
      expect(pd.routes.some((r) => r.approve)).toBe(true);
      expect(pd.routes.some((r) => !r.approve)).toBe(true);
    });
  });

  describe('mentorships', () => {
    it('pairs young teachers with experienced colleagues of their municipality, at most three each', () => {
      for (const plan of [pd, full]) {
        const load = new Map<string, number>();
        const mentees = new Set<string>();
        for (const x of plan.mentorships) {
          load.set(x.mentorPlanId, (load.get(x.mentorPlanId) ?? 0) + 1);
          expect(mentees.has(x.menteePlanId)).toBe(false);
          mentees.add(x.menteePlanId);
        }
        expect(Math.max(...load.values())).toBeLessThanOrEqual(MAX_ACTIVE_MENTEES);
        for (const m of load.keys()) expect(mentees.has(m)).toBe(false);
      }
      for (const x of pd.mentorships) {
        const mentor = educators.get(x.mentorPlanId)!;
        const mentee = educators.get(x.menteePlanId)!;
        expect(mentee.isYoungTeacher).toBe(true);
        expect(mentor.isYoungTeacher).toBe(false);
        expect(mentor.municipalityId).toBe(mentee.municipalityId);
        expect(x.municipalityId).toBe(mentee.municipalityId);
        expect(x.sameOrganization).toBe(mentor.organizationPlanId === mentee.organizationPlanId);
        expect(x.from <= AS_OF && x.to > AS_OF).toBe(true);
        expect(x.from >= mentee.input.careerStartDate).toBe(true);
        expect(x.goals.length).toBeGreaterThanOrEqual(1);
      }
    });

    it('leaves 20–30% of young teachers without a mentor', () => {
      for (const plan of [pd, full]) {
        const { youngTeachers, youngWithoutMentor } = plan.totals.mentorships;
        expect(youngWithoutMentor / youngTeachers).toBeGreaterThan(0.15);
        expect(youngWithoutMentor / youngTeachers).toBeLessThan(0.35);
      }
    });
  });

  describe('totals and helpers', () => {
    it('counts the commands of a seeding of an empty platform', () => {
      const c = full.totals.commands;
      // Teachers apply one by one; a school's applications go as its coordinator's list, and so do its approvals.
      expect(c['applyForCohort']).toBe(full.totals.enrolments.bySelf);
      const schools = new Set(full.enrolments.filter((e) => e.appliedBy === 'COORDINATOR').map((e) => e.organizationPlanId));
      expect(c['applyForCohorts']).toBe(schools.size);
      expect(c['approveEnrolments']! + c['completeEnrolments']!).toBeLessThan(full.enrolments.length / 2);
      expect(c['recordExternalTrainings']).toBe(trainingLists(full.externalTrainings).length);
      expect(trainingLists(full.externalTrainings).flat()).toHaveLength(full.externalTrainings.length);
      expect(full.totals.commandsTotal).toBe(Object.values(c).reduce((a, b) => a + b, 0));
      expect(full.totals.commandsTotal).toBeGreaterThan(10_000); // lists: trainings, a school's applications and approvals, results sheets, routes, pairs
      expect(full.totals.commandsTotal).toBeLessThan(120_000);
    });

    it('labels academic years and adds days', () => {
      expect(academicYearOf('2026-09-01')).toBe('2026/2027');
      expect(academicYearOf('2026-08-31')).toBe('2025/2026');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    });

    it('spreads each group over the sequence, and runs at most perGroup items of a group at once', async () => {
      const items = ['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'c2'];
      expect(spreadByGroup(items, (x) => x[0]!)).toEqual(['a1', 'c1', 'a2', 'b1', 'a3', 'c2', 'a4']);
      const inFlight = new Map<string, number>();
      let most = 0;
      let all = 0;
      const done: string[] = [];
      await runGroupedPool(
        items,
        (x) => x[0]!,
        4,
        1,
        async (x) => {
          const g = x[0]!;
          inFlight.set(g, (inFlight.get(g) ?? 0) + 1);
          all++;
          most = Math.max(most, inFlight.get(g)!, 0);
          expect(all).toBeLessThanOrEqual(4);
          await new Promise((r) => setTimeout(r, 2));
          inFlight.set(g, inFlight.get(g)! - 1);
          all--;
          done.push(x);
        },
      );
      expect(most).toBe(1);
      expect(done.sort()).toEqual([...items].sort());
      await expect(
        runGroupedPool(
          items,
          (x) => x[0]!,
          2,
          2,
          async (x) => {
            if (x === 'b1') throw new Error('boom');
          },
        ),
      ).rejects.toThrow('boom');
    });

    it('starts an item of several groups only when none of them is busy (a list over several cohorts)', async () => {
      const lists = [['c1', 'c2'], ['c2', 'c3'], ['c4'], ['c1'], ['c3', 'c4', 'c5']];
      const busy = new Set<string>();
      let together = 0;
      let most = 0;
      await runGroupedPool(
        lists,
        (l) => l,
        4,
        1,
        async (l) => {
          for (const c of l) {
            expect(busy.has(c)).toBe(false);
            busy.add(c);
          }
          most = Math.max(most, ++together);
          await new Promise((r) => setTimeout(r, 2));
          together--;
          for (const c of l) busy.delete(c);
        },
      );
      expect(busy.size).toBe(0);
      expect(most).toBeGreaterThan(1); // [c1,c2] beside [c4], never beside [c2,c3] or [c1]
    });
  });
});
