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
});
