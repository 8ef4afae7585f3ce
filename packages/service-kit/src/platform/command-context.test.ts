import type { RequestContext } from '@mms/auth';
import { Checks } from '../input/checks';
import { actorContext, commandContext, newEntityId } from './command-context';

const user = (subject: string) => ({ subject, role: 'municipal_methodologist' as const, municipalityId: 'm', organizationId: null, educatorId: null });
const req = (subject: string, key?: string): RequestContext => ({
  requestId: 'r',
  correlationId: 'c',
  user: user(subject),
  ...(key ? { idempotency: { key, fingerprint: 'f' } } : {}),
});

describe('command context under a client request key', () => {
  it('ids of created entities follow the caller, the key and the purpose; without a key they are random', () => {
    expect(newEntityId(req('u1', 'key-0001'), 'educator')).toBe(newEntityId(req('u1', 'key-0001'), 'educator'));
    expect(newEntityId(req('u1', 'key-0001'), 'educator')).not.toBe(newEntityId(req('u1', 'key-0001'), 'transfer'));
    expect(newEntityId(req('u1', 'key-0001'), 'educator')).not.toBe(newEntityId(req('u2', 'key-0001'), 'educator'));
    expect(newEntityId(req('u1'), 'educator')).not.toBe(newEntityId(req('u1'), 'educator'));
  });

  it('a derived id is shaped like a UUID and passes the id check', () => {
    const id = newEntityId(req('u1', 'key-0001'), 'educator');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const c = new Checks();
    c.id('id', id);
    expect(c.problems).toEqual([]);
  });

  it('the key reaches commands scoped to the caller, so two callers never share one', () => {
    expect(commandContext(req('u1', 'key-0001'), 't', user('u1')).request).toEqual({ key: 'u1|key-0001', fingerprint: 'f' });
    expect(actorContext(req('u2', 'key-0001'), user('u2')).request).toEqual({ key: 'u2|key-0001', fingerprint: 'f' });
    expect(commandContext(req('u1'), 't', user('u1')).request).toBeUndefined();
  });
});
