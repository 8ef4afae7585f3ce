import { ForbiddenError, ValidationError } from '@mms/eventsourcing/core';
import { fixedClock } from '@mms/service-kit/core';
import { requestAs, users } from '@mms/testing';
import { inMemoryDirectory } from '../directory.in-memory';
import { onboardMunicipality } from '../municipalities/municipality.handlers';
import { closeOrganization, registerOrganization } from '../organizations/organization.handlers';
import { MAX_BATCH, registerEducators } from './educator.batch';
import * as q from './educator.queries';

const A = 'town-a';
const B = 'town-b';

const region = async () => {
  const dir = inMemoryDirectory({ clock: fixedClock('2026-09-15') });
  const op = requestAs(users.operator());
  await onboardMunicipality(dir.deps, op, { id: A, name: 'Город А', oktmo: '04701000' });
  await onboardMunicipality(dir.deps, op, { id: B, name: 'Город Б', oktmo: '04702000' });
  const school = (m: string, name: string) => registerOrganization(dir.deps, requestAs(users.methodologist(m)), { name, kind: 'SCHOOL' });
  const [a1, a2, b1] = [await school(A, 'СОШ 1'), await school(A, 'СОШ 2'), await school(B, 'СОШ 10')];
  return { dir, a1: a1.id, a2: a2.id, b1: b1.id };
};

const entry = (organizationId: string, fullName: string, more: Record<string, unknown> = {}) => ({
  organizationId,
  fullName,
  position: 'учитель',
  subjects: ['физика'],
  careerStartDate: '2015-09-01',
  ...more,
});

describe('registerEducators: a staff list at once', () => {
  it('registers the good entries and answers each refused one with its own error, fields named by index', async () => {
    const { dir, a1, a2, b1 } = await region();
    const before = dir.store.events.length;
    await closeOrganization(dir.deps, requestAs(users.methodologist(A)), { id: a2, reason: 'реорганизация' });
    const out = await registerEducators(dir.deps, requestAs(users.methodologist(A)), [
      entry(a1, 'Иванова Мария Петровна'),
      entry(a1, ' ', { careerStartDate: '2026-09-16' }),
      entry(a2, 'Петров Пётр Петрович'), // a closed school
      entry(b1, 'Сидоров Сидор Сидорович'), // another municipality's school
      entry(a1, 'Кузнецова Анна Ивановна', { qualificationCategory: 'HIGHEST' }),
    ]);
    expect(out.map((o) => [o.index, o.educator?.fullName ?? null, o.error?.code ?? null])).toEqual([
      [0, 'Иванова Мария Петровна', null],
      [1, null, 'BAD_USER_INPUT'],
      [2, null, 'ORGANIZATION_CLOSED'],
      [3, null, 'NOT_FOUND'],
      [4, 'Кузнецова Анна Ивановна', null],
    ]);
    expect(out[1]!.error!.fields.sort()).toEqual(['input.1.careerStartDate', 'input.1.fullName']);
    expect(dir.store.events.length - before).toBe(3); // the closing and the two registrations
    await dir.project();
    const listed = await q.educators(dir.deps, requestAs(users.methodologist(A)), {}, {});
    expect(listed.nodes.map((e) => e.fullName).sort()).toEqual(['Иванова Мария Петровна', 'Кузнецова Анна Ивановна']);
  });

  it('a coordinator’s entries for another school are refused one by one; a teacher is refused the call', async () => {
    const { dir, a1, a2 } = await region();
    const out = await registerEducators(dir.deps, requestAs(users.coordinator(A, a1)), [entry(a1, 'Своя Учительница'), entry(a2, 'Чужой Учитель')]);
    expect(out.map((o) => o.error?.code ?? 'ok')).toEqual(['ok', 'FORBIDDEN']);
    await expect(registerEducators(dir.deps, requestAs(users.teacher(A, 'e1')), [entry(a1, 'Кто-то')])).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('a retry under the same Idempotency-Key answers every entry from its first outcome and registers no one twice', async () => {
    const { dir, a1 } = await region();
    const req = { ...requestAs(users.methodologist(A)), idempotency: { key: 'staff-list-1', fingerprint: 'f1' } };
    const list = [entry(a1, 'Первый Педагог'), entry(a1, 'Второй Педагог')];
    const first = await registerEducators(dir.deps, req, list);
    const before = dir.store.events.length;
    const again = await registerEducators(dir.deps, req, list);
    expect(again.map((o) => o.educator?.id)).toEqual(first.map((o) => o.educator?.id));
    expect(dir.store.events.length).toBe(before);
  });

  it(`takes 1 to ${MAX_BATCH} entries`, async () => {
    const { dir, a1 } = await region();
    await expect(registerEducators(dir.deps, requestAs(users.methodologist(A)), [])).rejects.toBeInstanceOf(ValidationError);
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, (_, i) => entry(a1, `Педагог ${i}`));
    await expect(registerEducators(dir.deps, requestAs(users.methodologist(A)), tooMany)).rejects.toMatchObject({ problems: [{ field: 'input' }] });
  });
});
