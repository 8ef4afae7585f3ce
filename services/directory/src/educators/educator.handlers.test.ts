import { ForbiddenError, NotFoundError, ValidationError } from '@mms/eventsourcing/core';
import { fixedClock } from '@mms/service-kit/core';
import { MemoryTable, requestAs, users } from '@mms/testing';
import { inMemoryDirectory } from '../directory.in-memory';
import { openNames } from '../directory.projection';
import { EducatorRow, educatorRows } from './educator.rows';
import { onboardMunicipality } from '../municipalities/municipality.handlers';
import { closeOrganization, registerOrganization } from '../organizations/organization.handlers';
import { educatorHistory } from './educator.history';
import * as h from './educator.handlers';
import * as q from './educator.queries';

const A = 'town-a';
const B = 'town-b';

/** Two onboarded municipalities with a school each (A has two). */
const region = async (clock = fixedClock('2026-09-15')) => {
  const dir = inMemoryDirectory({ clock });
  const op = requestAs(users.operator());
  await onboardMunicipality(dir.deps, op, { id: A, name: 'Город А', oktmo: '04701000' });
  await onboardMunicipality(dir.deps, op, { id: B, name: 'Город Б', oktmo: '04702000' });
  const school = (m: string, name: string) => registerOrganization(dir.deps, requestAs(users.methodologist(m)), { name, kind: 'SCHOOL' });
  const [a1, a2, b1] = [await school(A, 'СОШ 1'), await school(A, 'СОШ 2'), await school(B, 'СОШ 10')];
  const register = (org: string, fullName = 'Иванова Мария Петровна', careerStartDate = '2015-09-01', m = A) =>
    h.registerEducator(dir.deps, requestAs(users.methodologist(m)), {
      organizationId: org,
      fullName,
      position: 'учитель',
      subjects: ['физика'],
      careerStartDate,
    });
  return { dir, a1: a1.id, a2: a2.id, b1: b1.id, register };
};

const failure = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code?: string; constructor: unknown },
  );

describe('educators: handlers over the in-memory store', () => {
  it('a coordinator registers only in their own school; a teacher not at all', async () => {
    const { dir, a1, a2 } = await region();
    const input = { organizationId: a1, fullName: 'Петров П. П.', position: 'учитель', subjects: ['химия'], careerStartDate: '2020-09-01' };
    const made = await h.registerEducator(dir.deps, requestAs(users.coordinator(A, a1)), input);
    expect(made).toMatchObject({ organizationId: a1, fullName: 'Петров П. П.', status: 'ACTIVE' });
    expect(await failure(h.registerEducator(dir.deps, requestAs(users.coordinator(A, a1)), { ...input, organizationId: a2 }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(h.registerEducator(dir.deps, requestAs(users.teacher(A, made.id)), input))).toBeInstanceOf(ForbiddenError);
  });

  it('names every bad field at once and writes nothing', async () => {
    const { dir, a1 } = await region();
    const before = dir.store.events.length;
    const err = (await failure(
      h.registerEducator(dir.deps, requestAs(users.methodologist(A)), {
        organizationId: a1,
        fullName: ' ',
        position: 'учитель',
        subjects: [],
        careerStartDate: '2026-09-16',
        qualificationCategory: 'GURU',
      }),
    )) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.problems.map((p) => p.field).sort()).toEqual(['careerStartDate', 'fullName', 'qualificationCategory']);
    expect(dir.store.events.length).toBe(before);
  });

  it('places educators only in an open school of their own municipality', async () => {
    const { dir, a1, b1, register } = await region();
    await closeOrganization(dir.deps, requestAs(users.methodologist(A)), { id: a1, reason: 'реорганизация' });
    expect((await failure(register(a1)))?.code).toBe('ORGANIZATION_CLOSED');
    // B's school is not in A: NOT_FOUND, nothing written.
    expect(await failure(register(b1))).toBeInstanceOf(NotFoundError);
  });

  it('after a transfer only the receiving municipality may change or erase the record; the releasing one keeps its part', async () => {
    const { dir, a1, b1, register } = await region();
    const e = await register(a1);
    await h.moveEducator(dir.deps, requestAs(users.methodologist(A)), { id: e.id, toOrganizationId: b1, toMunicipalityId: B });
    await dir.project();
    expect(await q.educator(dir.deps, requestAs(users.methodologist(B)), e.id)).toMatchObject({ tenantId: B, organizationId: b1, status: 'ACTIVE' });
    expect(await q.educator(dir.deps, requestAs(users.methodologist(A)), e.id)).toMatchObject({ tenantId: A, status: 'TRANSFERRED' });

    const mA = requestAs(users.methodologist(A));
    expect(await failure(h.eraseEducatorPersonalData(dir.deps, mA, e.id))).toBeInstanceOf(ForbiddenError);
    expect(await failure(h.updateEducator(dir.deps, mA, { id: e.id, position: 'завуч' }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(h.recordEducatorLeaving(dir.deps, mA, { id: e.id, reason: 'x' }))).toBeInstanceOf(ForbiddenError);
    expect(dir.vault.hasKey(e.id)).toBe(true);

    // B renames; A's history shows nothing B wrote, the regional operator sees both parts.
    await h.updateEducator(dir.deps, requestAs(users.methodologist(B)), { id: e.id, fullName: 'Сидорова Мария Петровна' });
    await dir.project();
    const aView = (await q.educator(dir.deps, mA, e.id))!;
    expect(aView.fullName).toBe('Иванова Мария Петровна');
    const aHistory = await educatorHistory(dir.deps, mA, aView);
    expect(aHistory.map((x) => x.eventType)).toEqual(['EducatorRegistered', 'EducatorTransferredOut']);
    const opView = (await q.educator(dir.deps, requestAs(users.operator()), e.id))!;
    const all = await educatorHistory(dir.deps, requestAs(users.operator()), opView);
    expect(all.map((x) => x.eventType)).toEqual(['EducatorRegistered', 'EducatorTransferredOut', 'EducatorTransferredIn', 'EducatorUpdated']);
    expect(all[0]!.changes).toContainEqual({ field: 'fullName', value: 'Иванова Мария Петровна' });
    expect(all[3]).toMatchObject({ actor: { subject: 'm-town-b', role: 'municipal_methodologist' }, what: 'Сведения о педагоге изменены' });
  });

  it('erasure by the owner: the key is gone, every municipality’s row forgets the name, history shows none, a new name is refused', async () => {
    const { dir, a1, b1, register } = await region();
    const e = await register(a1);
    await h.moveEducator(dir.deps, requestAs(users.methodologist(A)), { id: e.id, toOrganizationId: b1, toMunicipalityId: B });
    const mB = requestAs(users.methodologist(B));
    // A coordinator's scope is one school: erasure is the methodologist's.
    expect(await failure(h.eraseEducatorPersonalData(dir.deps, requestAs(users.coordinator(B, b1)), e.id))).toBeInstanceOf(ForbiddenError);
    const erased = await h.eraseEducatorPersonalData(dir.deps, mB, e.id);
    expect(erased).toMatchObject({ fullName: null, personalDataErased: true });
    expect(dir.vault.hasKey(e.id)).toBe(false);
    await dir.project();
    const rows = await dir.tables.educators.find({ educatorId: e.id });
    expect(rows.map((r) => [r.tenantId, r.fullName, r.personalDataErased]).sort()).toEqual([
      [A, null, true],
      [B, null, true],
    ]);
    const history = await educatorHistory(dir.deps, requestAs(users.operator()), (await q.educator(dir.deps, requestAs(users.operator()), e.id))!);
    expect(history.flatMap((x) => x.changes).filter((c) => c.field === 'fullName' && c.value)).toEqual([]);
    expect((await failure(h.updateEducator(dir.deps, mB, { id: e.id, fullName: 'Новое Имя' })))?.code).toBe('PERSONAL_DATA_ERASED');
    // Erasure is final: the refused rename created no key for the person.
    expect(dir.vault.hasKey(e.id)).toBe(false);
  });

  it('a rename seals nothing for an unknown record or a caller who may not change it', async () => {
    const { dir, a1, register } = await region();
    const e = await register(a1);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await failure(h.updateEducator(dir.deps, requestAs(users.methodologist(A)), { id: unknown, fullName: 'Кто-то' }))).toBeInstanceOf(NotFoundError);
    expect(dir.vault.hasKey(unknown)).toBe(false);
    const before = dir.vault.sealedCount(e.id);
    expect(await failure(h.updateEducator(dir.deps, requestAs(users.methodologist(B)), { id: e.id, fullName: 'Чужое Имя' }))).toBeInstanceOf(ForbiddenError);
    expect(dir.vault.sealedCount(e.id)).toBe(before);
  });

  it('a rebuild after an erasure gives the same rows (the names stay unreadable)', async () => {
    const { dir, a1, register } = await region();
    const e = await register(a1);
    await h.eraseEducatorPersonalData(dir.deps, requestAs(users.methodologist(A)), e.id);
    // A refused rename after the erasure changes nothing a rebuild reads.
    expect((await failure(h.updateEducator(dir.deps, requestAs(users.methodologist(A)), { id: e.id, fullName: 'Снова Имя' })))?.code).toBe(
      'PERSONAL_DATA_ERASED',
    );
    await dir.project();
    const live = await dir.tables.educators.find({});
    // A fresh read model from every stored event, with the vault as it is now.
    const table = new MemoryTable<EducatorRow>().apply(educatorRows, await openNames(dir.vault)(dir.store.events));
    expect(await table.find({})).toEqual(live);
  });

  it('moves within the municipality are the methodologist’s; the target school must be open', async () => {
    const { dir, a1, a2, register } = await region();
    const e = await register(a1);
    expect(await failure(h.moveEducator(dir.deps, requestAs(users.coordinator(A, a1)), { id: e.id, toOrganizationId: a2 }))).toBeInstanceOf(ForbiddenError);
    const moved = await h.moveEducator(dir.deps, requestAs(users.methodologist(A)), { id: e.id, toOrganizationId: a2 });
    expect(moved.organizationId).toBe(a2);
    expect((await failure(h.moveEducator(dir.deps, requestAs(users.methodologist(A)), { id: e.id, toOrganizationId: a2 })))?.code).toBe('SAME_ORGANIZATION');
    expect(
      (await failure(h.moveEducator(dir.deps, requestAs(users.methodologist(A)), { id: e.id, toOrganizationId: a1, toMunicipalityId: 'nowhere' })))?.code,
    ).toBe('MUNICIPALITY_NOT_ONBOARDED');
  });

  it('a completed transfer is taken in once, whoever completes it (the call and the reaction)', async () => {
    const { dir, a1, b1, register } = await region();
    const e = await register(a1);
    await h.moveEducator(dir.deps, requestAs(users.methodologist(A)), { id: e.id, toOrganizationId: b1, toMunicipalityId: B });
    const before = dir.store.events.length;
    await h.completeTransfer(dir.deps, A, e.id, { tenantId: A, actor: { subject: 'relay', role: 'system' }, correlationId: 'c' });
    expect(dir.store.events.length).toBe(before);
  });

  it('young teachers by the region’s day: a career from 29 Feb 2024 is young on 27 Feb 2027, not on 28 Feb', async () => {
    const young = async (clock: string) => {
      const { dir, a1, register } = await region(fixedClock(clock));
      await register(a1, 'Молодой Педагог', '2024-02-29');
      await dir.project();
      return (await q.educators(dir.deps, requestAs(users.methodologist(A)), { youngTeachersOnly: true })).nodes.length;
    };
    // 2027-02-27 17:30 UTC is already 28 Feb in Krasnoyarsk (UTC+7).
    expect(await young('2027-02-27T12:00:00Z')).toBe(1);
    expect(await young('2027-02-27T17:30:00Z')).toBe(0);
  });

  it('reads stay in scope: a coordinator sees their school, a teacher themself, another municipality nothing', async () => {
    const { dir, a1, a2, register } = await region();
    const e1 = await register(a1);
    await register(a2, 'Другой Педагог');
    await dir.project();
    expect((await q.educators(dir.deps, requestAs(users.coordinator(A, a1)))).nodes.map((x) => x.id)).toEqual([e1.id]);
    expect((await q.educators(dir.deps, requestAs(users.teacher(A, e1.id)))).nodes.map((x) => x.id)).toEqual([e1.id]);
    expect((await q.educators(dir.deps, requestAs(users.methodologist(B)))).nodes).toEqual([]);
    expect(await failure(q.educators(dir.deps, requestAs(users.methodologist(B)), { municipalityId: A }))).toBeInstanceOf(ForbiddenError);
    expect((await q.educators(dir.deps, requestAs(users.operator()), { municipalityId: A })).nodes).toHaveLength(2);
    expect(await q.educator(dir.deps, requestAs(null), e1.id)).toBeNull();
  });
});
