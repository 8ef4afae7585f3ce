import { testDatabase } from '@mms/testing/infra';
import { PersonalDataVault } from './personal-data-vault';

describe('PersonalDataVault (crypto-shredding)', () => {
  let t: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    t = await testDatabase('vault');
  });
  afterAll(() => t.drop());

  it('seals and opens; after erasure no copy can be read, even by a fresh instance', async () => {
    const vault = new PersonalDataVault(t.db);
    const sealed = await vault.seal('person-1', { fullName: 'Иванова Мария Петровна' });
    expect(sealed.sealed).not.toContain('Иванова');
    expect(await new PersonalDataVault(t.db).open(sealed)).toEqual({ fullName: 'Иванова Мария Петровна' });
    await vault.erase('person-1');
    expect(await vault.open(sealed)).toBeNull();
    expect(await new PersonalDataVault(t.db).open(sealed)).toBeNull();
  });

  it('erasure is final: no later seal creates a key, old sealed data stays "erased", not unreadable', async () => {
    const vault = new PersonalDataVault(t.db);
    const old = await vault.seal('person-2', { fullName: 'Петров Пётр' });
    await vault.erase('person-2');
    // This instance, a fresh one, and one that cached the key before the erasure (once its cache time is over).
    await expect(vault.seal('person-2', { fullName: 'Новое Имя' })).rejects.toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
    await expect(new PersonalDataVault(t.db).seal('person-2', { fullName: 'Новое Имя' })).rejects.toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
    expect(await new PersonalDataVault(t.db).open(old)).toBeNull();
    const stored = await t.db.collection('personal_data_keys').findOne({ _id: 'person-2' as never });
    expect(stored).toMatchObject({ _id: 'person-2' });
    expect(stored).not.toHaveProperty('key');
  });

  it('another replica sees an erasure once its key cache time is over', async () => {
    const here = new PersonalDataVault(t.db, { keyCacheMs: 0 });
    const sealed = await here.seal('person-3', { fullName: 'Сидорова Анна' });
    expect(await here.open(sealed)).toEqual({ fullName: 'Сидорова Анна' });
    await new PersonalDataVault(t.db).erase('person-3');
    expect(await here.open(sealed)).toBeNull();
    await expect(here.seal('person-3', { fullName: 'x' })).rejects.toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
  });

  it('a person erased before anything was sealed for them stays erased', async () => {
    const vault = new PersonalDataVault(t.db);
    await vault.erase('person-4');
    await expect(new PersonalDataVault(t.db).seal('person-4', { fullName: 'x' })).rejects.toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
  });

  it('seals a list at once: new people get keys, known people keep theirs, an erased person gets their error in place', async () => {
    const other = new PersonalDataVault(t.db);
    const before = await other.seal('list-known', { fullName: 'Known' });
    await other.erase('list-erased');
    const vault = new PersonalDataVault(t.db);
    const out = await vault.sealEach([
      { subjectId: 'list-new-1', data: { fullName: 'New One' } },
      { subjectId: 'list-erased', data: { fullName: 'Gone' } },
      { subjectId: 'list-known', data: { fullName: 'Known Again' } },
      { subjectId: 'list-new-1', data: { fullName: 'New One, twice' } },
    ]);
    expect(out[1]).toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
    const fresh = new PersonalDataVault(t.db);
    expect(await fresh.open(out[0] as never)).toEqual({ fullName: 'New One' });
    expect(await fresh.open(out[3] as never)).toEqual({ fullName: 'New One, twice' });
    expect(await fresh.open(out[2] as never)).toEqual({ fullName: 'Known Again' });
    // The known person's key was kept, not replaced: what was sealed before still opens.
    expect(await fresh.open(before)).toEqual({ fullName: 'Known' });
    expect(await t.db.collection('personal_data_keys').countDocuments({ _id: { $in: ['list-new-1', 'list-known', 'list-erased'] } as never })).toBe(3);
    const erased = await t.db.collection('personal_data_keys').findOne({ _id: 'list-erased' as never });
    expect(erased).not.toHaveProperty('key');
  });
});
