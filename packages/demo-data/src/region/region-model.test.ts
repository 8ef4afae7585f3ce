import { createHash } from 'node:crypto';
import { isYoungTeacher as youngOn } from '@mms/contracts/dates';

const isYoungTeacher = (careerStartDate: string, asOf: Date) => youngOn(careerStartDate, asOf.toISOString().slice(0, 10));
import { FEMALE_NAMES, feminineSurname, MALE_NAMES, masculineAdjective, SETTLEMENTS_F, SURNAMES, TOWNS } from './dictionaries';
import { allocate, buildRegionPlan, DEFAULT_SIZES, planEducators, planOrganizations, RegionPlan, scaledSizes } from './region-model';
import { requestAs, users } from '@mms/testing';
import { fixedClock } from '@mms/service-kit/core';
import { inMemoryDirectory } from '../../../../services/directory/src/directory.in-memory';
import { registerEducator } from '../../../../services/directory/src/educators/educator.handlers';
import { onboardMunicipality } from '../../../../services/directory/src/municipalities/municipality.handlers';
import { registerOrganization } from '../../../../services/directory/src/organizations/organization.handlers';

const AS_OF = '2026-11-22';

describe('region plan', () => {
  let full: RegionPlan;
  let tenth: RegionPlan;
  beforeAll(() => {
    full = buildRegionPlan({ seed: 42, asOf: AS_OF });
    tenth = buildRegionPlan({ seed: 42, scale: 0.1, asOf: AS_OF });
  });

  describe('determinism', () => {
    it('builds the same plan, byte for byte, from the same seed', () => {
      const again = buildRegionPlan({ seed: 42, scale: 0.1, asOf: AS_OF });
      expect(JSON.stringify(again)).toBe(JSON.stringify(tenth));
      expect(JSON.stringify(buildRegionPlan({ seed: '42', scale: 0.1, asOf: AS_OF }))).toBe(JSON.stringify(tenth));
    });

    it('is pinned: seed 42 at scale 0.01 is the same region in every version (change the hash only on purpose)', () => {
      const plan = buildRegionPlan({ seed: 42, scale: 0.01, asOf: AS_OF });
      const hash = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
      expect(plan.municipalities[0]!.organizations[0]!.educators[0]!.input.fullName).toBe('Степанова Лариса Константиновна');
      expect(hash).toBe('232ea3fe9e3db770e0fb612f8df765c0c7b42b8480b02d3cd124ba81dfca24e7');
    });

    it('builds a different plan from a different seed', () => {
      const other = buildRegionPlan({ seed: 43, scale: 0.1, asOf: AS_OF });
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(tenth));
      expect(other.municipalities.map((m) => m.input.name)).not.toEqual(tenth.municipalities.map((m) => m.input.name));
      const names = (p: RegionPlan) => [...planEducators(p)].map((e) => e.input.fullName);
      expect(names(other).slice(0, 50)).not.toEqual(names(tenth).slice(0, 50));
    });

    it('does not read the clock: asOf moves the career dates, nothing else', () => {
      const later = buildRegionPlan({ seed: 42, scale: 0.1, asOf: '2027-11-22' });
      expect(later.municipalities.map((m) => m.input)).toEqual(tenth.municipalities.map((m) => m.input));
      expect([...planEducators(later)].map((e) => e.input.fullName)).toEqual([...planEducators(tenth)].map((e) => e.input.fullName));
    });
  });

  describe('scale', () => {
    it('has the full-size counts at scale 1', () => {
      expect(full.totals.municipalities).toBe(60);
      expect(full.totals.organizations).toBe(1500);
      expect(full.totals.educators).toBe(40000);
      expect(full.municipalities.reduce((a, m) => a + m.organizations.length, 0)).toBe(1500);
      expect([...planEducators(full)]).toHaveLength(40000);
    });

    it('shrinks every count proportionally', () => {
      expect(tenth.totals).toMatchObject({ municipalities: 6, organizations: 150, educators: 4000 });
      const hundredth = buildRegionPlan({ seed: 42, scale: 0.01, asOf: AS_OF });
      expect(hundredth.totals).toMatchObject({ municipalities: 1, organizations: 15, educators: 400 });
      expect(buildRegionPlan({ seed: 1, scale: 2, asOf: AS_OF, sizes: { municipalities: 10, organizations: 40, educators: 600 } }).totals).toMatchObject({
        municipalities: 20,
        organizations: 80,
        educators: 1200,
      });
    });

    it('keeps at least one municipality, one school and a few educators at tiny scales', () => {
      for (const scale of [0.001, 0.0001]) {
        const p = buildRegionPlan({ seed: 42, scale, asOf: AS_OF });
        expect(p.totals.municipalities).toBe(1);
        expect(p.totals.organizationsByKind.SCHOOL).toBeGreaterThanOrEqual(1);
        expect(p.totals.educators).toBeGreaterThanOrEqual(3);
      }
      expect(scaledSizes(0.0001)).toEqual({ municipalities: 1, organizations: 1, educators: 4 });
      expect(() => scaledSizes(0)).toThrow();
      expect(() => scaledSizes(-1)).toThrow();
    });

    it('allocates exact totals with a minimum per part', () => {
      expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
      expect(allocate(3, [100, 1, 1])).toEqual([1, 1, 1]);
      expect(allocate(100, [3, 1]).reduce((a, b) => a + b)).toBe(100);
      expect(() => allocate(2, [1, 1, 1])).toThrow();
    });
  });

  describe('organisations and educators', () => {
    it('gives every organisation (every school in particular) at least one educator', () => {
      for (const o of planOrganizations(full)) expect(o.educators.length).toBeGreaterThanOrEqual(1);
    });

    it('has mostly schools, some kindergartens and additional-education centres, in every municipality a school', () => {
      const k = full.totals.organizationsByKind;
      expect(k.SCHOOL / 1500).toBeGreaterThan(0.55);
      expect(k.KINDERGARTEN).toBeGreaterThan(200);
      expect(k.ADDITIONAL_EDUCATION).toBeGreaterThan(50);
      for (const m of full.municipalities) expect(m.organizations.some((o) => o.input.kind === 'SCHOOL')).toBe(true);
    });

    it('varies sizes: small rural schools and big city schools', () => {
      const schools = [...planOrganizations(full)].filter((o) => o.input.kind === 'SCHOOL');
      const village = schools.filter((o) => o.locality === 'VILLAGE').map((o) => o.educators.length);
      const city = schools.filter((o) => o.locality === 'CITY' && o.type !== 'ООШ').map((o) => o.educators.length);
      expect(Math.min(...village)).toBeLessThanOrEqual(8);
      expect(Math.max(...city)).toBeGreaterThanOrEqual(75);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(city)).toBeGreaterThan(3 * mean(village));
    });

    it('has about 12% young teachers, as the directory itself would count them at asOf', () => {
      const all = [...planEducators(full)];
      const asOf = new Date(`${AS_OF}T00:00:00Z`);
      const young = all.filter((e) => isYoungTeacher(e.input.careerStartDate, asOf)).length;
      expect(young).toBe(full.totals.youngTeachers);
      expect(Math.abs(young / all.length - 0.12)).toBeLessThan(0.01);
      expect(all.filter((e) => e.isYoungTeacher !== isYoungTeacher(e.input.careerStartDate, asOf))).toEqual([]);
      // and at a smaller scale within a wider tolerance
      const t = [...planEducators(tenth)];
      expect(Math.abs(t.filter((e) => e.isYoungTeacher).length / t.length - 0.12)).toBeLessThan(0.025);
    });

    it('spreads qualification categories, young teachers mostly without one', () => {
      const c = full.totals.educatorsByCategory;
      for (const k of ['NONE', 'FIRST', 'HIGHEST'] as const) expect(c[k] / 40000).toBeGreaterThan(0.2);
      const young = [...planEducators(full)].filter((e) => e.isYoungTeacher);
      expect(young.filter((e) => e.input.qualificationCategory === 'NONE').length / young.length).toBeGreaterThan(0.9);
    });

    it('uses unique ids, ОКТМО codes, ИНН and names', () => {
      const munIds = full.municipalities.map((m) => m.id);
      expect(new Set(munIds).size).toBe(60);
      expect(munIds[0]).toBe('mun-001');
      expect(new Set(full.municipalities.map((m) => m.input.oktmo)).size).toBe(60);
      expect(new Set(full.municipalities.map((m) => m.input.name)).size).toBe(60);
      const orgs = [...planOrganizations(full)];
      expect(new Set(orgs.map((o) => o.id)).size).toBe(1500);
      expect(new Set(orgs.map((o) => o.input.inn)).size).toBe(1500);
      expect(orgs[0]!.id).toBe('org-001-001');
      const edus = [...planEducators(full)];
      expect(new Set(edus.map((e) => e.id)).size).toBe(40000);
      expect(edus[0]!.id).toBe('edu-001-001-001');
      for (const m of full.municipalities) {
        expect(m.input.id).toBe(m.id);
        const names = m.organizations.map((o) => o.input.name);
        expect(new Set(names).size).toBe(names.length);
        const shorts = m.organizations.map((o) => o.input.shortName);
        expect(new Set(shorts).size).toBe(shorts.length);
        const people = m.organizations.flatMap((o) => o.educators.map((e) => e.input.fullName));
        expect(new Set(people).size).toBe(people.length);
        for (const o of m.organizations) {
          expect(o.municipalityId).toBe(m.id);
          expect(o.educators.filter((e) => e.municipalityId !== m.id || e.organizationPlanId !== o.id)).toEqual([]);
        }
      }
    });

    it('has valid ИНН check digits and region-like ОКТМО codes', () => {
      const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
      for (const o of planOrganizations(tenth)) {
        const d = o.input.inn!.split('').map(Number);
        expect(d[9]).toBe((w.reduce((a, x, i) => a + x * d[i]!, 0) % 11) % 10);
      }
      for (const m of full.municipalities) {
        expect(m.input.oktmo).toMatch(/^04\d{3}000$/);
        expect(m.input.oktmo[2]).toBe(m.form === 'URBAN_OKRUG' ? '7' : m.form === 'MUNICIPAL_DISTRICT' ? '6' : '5');
      }
    });

    it('names municipalities and organisations the Russian way', () => {
      expect(full.municipalities[0]!.input.name).toBe('Городской округ город Северогорск');
      for (const m of full.municipalities) {
        expect(m.input.name).toMatch(/^(Городской округ .+|.+ий муниципальный (район|округ))$/);
      }
      const shorts = [...planOrganizations(full)].map((o) => o.input.shortName!);
      expect(shorts.some((s) => /^МБОУ СОШ № \d+$/.test(s))).toBe(true);
      expect(shorts.some((s) => /^МАДОУ детский сад № \d+ ".+"$/.test(s))).toBe(true);
      expect(shorts.some((s) => /^МБУ ДО [А-Я]+/.test(s))).toBe(true);
      expect(shorts.some((s) => /^МКОУ .+ская ООШ$/.test(s))).toBe(true);
      for (const o of planOrganizations(full)) {
        const prefix = { SCHOOL: /^М[БАК]ОУ /, KINDERGARTEN: /^М[БАК]ДОУ /, ADDITIONAL_EDUCATION: /^М[БАК]У ДО /, OTHER: /^$/ }[o.input.kind];
        expect(o.input.shortName).toMatch(prefix);
        expect(o.input.name).toMatch(/^Муниципальное (бюджетное|автономное|казённое) .+ «.+»$/);
      }
    });

    it('agrees names, patronymics and surnames in gender', () => {
      const maleNames = new Set(MALE_NAMES.map((n) => n[0]));
      const femaleNames = new Set(FEMALE_NAMES.map((n) => n[0]));
      const wrong = [...planEducators(full)].filter((e) => {
        if (e.input.fullName !== `${e.surname} ${e.firstName} ${e.patronymic}`) return true;
        return e.gender === 'M'
          ? !/(ович|евич|ич)$/.test(e.patronymic) || !/(ов|ев|ёв|ин|ын|ский|цкий|ко|ых|их|ук)$/.test(e.surname) || !maleNames.has(e.firstName)
          : !/(овна|евна|ична|инична)$/.test(e.patronymic) || !/(ова|ева|ёва|ина|ына|ская|цкая|ко|ых|их|ук)$/.test(e.surname) || !femaleNames.has(e.firstName);
      });
      expect(wrong).toEqual([]);
      const male = [...planEducators(full)].find((e) => e.gender === 'M' && /ов$/.test(e.surname))!;
      expect(male.patronymic).toMatch(/ич$/);
      const all = [...planEducators(full)];
      const female = all.filter((e) => e.gender === 'F').length / all.length;
      expect(female).toBeGreaterThan(0.75);
      expect(female).toBeLessThan(0.95);
    });

    it('gives teachers positions with matching subjects', () => {
      for (const e of planEducators(tenth)) {
        if (e.input.position === 'учитель математики') expect(e.input.subjects).toEqual(['Математика']);
        if (e.input.position === 'воспитатель') expect(e.input.subjects).toEqual([]);
        if (e.input.position.startsWith('учитель') && !/логопед|дефектолог/.test(e.input.position)) expect(e.input.subjects.length).toBeGreaterThan(0);
      }
      const positions = new Set([...planEducators(full)].map((e) => e.input.position));
      for (const p of ['учитель начальных классов', 'учитель математики', 'воспитатель', 'педагог дополнительного образования', 'педагог-психолог']) {
        expect(positions.has(p)).toBe(true);
      }
    });

    it("is accepted by the directory's own handlers as planned (a tenth of the region)", async () => {
      // The region's day at asOf: the handlers refuse a career start after it.
      const dir = inMemoryDirectory({ clock: fixedClock(`${AS_OF}T12:00:00Z`) });
      const op = requestAs(users.operator());
      for (const m of tenth.municipalities) {
        const mm = requestAs(users.methodologist(m.input.id));
        expect((await onboardMunicipality(dir.deps, op, m.input)).name).toBe(m.input.name);
        for (const o of m.organizations) {
          const org = await registerOrganization(dir.deps, mm, o.input);
          // stored as planned: nothing trimmed or cleaned away
          expect({ name: org.name, shortName: org.shortName ?? undefined }).toEqual({ name: o.input.name, shortName: o.input.shortName ?? undefined });
          for (const e of o.educators) {
            const made = await registerEducator(dir.deps, mm, { organizationId: org.id, ...e.input });
            expect([made.fullName, made.position, made.subjects]).toEqual([e.input.fullName, e.input.position, e.input.subjects]);
          }
        }
      }
    });

    it('keeps every career start on or before asOf and after 1950', () => {
      const outside = [...planEducators(full)].filter((e) => e.input.careerStartDate > AS_OF || e.input.careerStartDate < '1950-01-01');
      expect(outside).toEqual([]);
    });
  });

  it('rejects a bad asOf', () => {
    expect(() => buildRegionPlan({ asOf: '2026-13-01' })).toThrow();
    expect(() => buildRegionPlan({ asOf: 'yesterday' })).toThrow();
  });
});

describe('dictionaries', () => {
  it('has unique words and correct gender forms', () => {
    expect(new Set(SURNAMES).size).toBe(SURNAMES.length);
    expect(new Set(SETTLEMENTS_F).size).toBe(SETTLEMENTS_F.length);
    expect(new Set(TOWNS).size).toBe(TOWNS.length);
    expect(feminineSurname('Иванов')).toBe('Иванова');
    expect(feminineSurname('Покровский')).toBe('Покровская');
    expect(feminineSurname('Высоцкий')).toBe('Высоцкая');
    expect(feminineSurname('Шевченко')).toBe('Шевченко');
    expect(feminineSurname('Черных')).toBe('Черных');
    expect(masculineAdjective('Берёзовская')).toBe('Берёзовский');
    expect(masculineAdjective('Троицкая')).toBe('Троицкий');
    expect(masculineAdjective('Заречная')).toBe('Заречный');
    for (const s of SURNAMES) expect(() => feminineSurname(s)).not.toThrow();
    for (const s of SETTLEMENTS_F) expect(() => masculineAdjective(s)).not.toThrow();
  });

  it('scales beyond the word lists without duplicate names', () => {
    const p = buildRegionPlan({ seed: 3, scale: 0.05, asOf: AS_OF, sizes: { ...DEFAULT_SIZES, municipalities: 4000 } });
    expect(p.totals.municipalities).toBe(200);
    expect(new Set(p.municipalities.map((m) => m.input.name)).size).toBe(200);
    expect(new Set(p.municipalities.map((m) => m.input.oktmo)).size).toBe(200);
  });
});
