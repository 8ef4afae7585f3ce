import { loadServiceConfig } from './service-config';

const env = (extra: Record<string, string> = {}) => ({ MONGO_URL: 'mongodb://127.0.0.1:1', KAFKA_BROKERS: '127.0.0.1:2', ...extra });

describe('service configuration: OUTBOX_PAGE_DIGESTS', () => {
  it('is on by default, and off or on as written', () => {
    expect(loadServiceConfig('directory', { port: 4001 }, env()).pageDigests).toBe(true);
    expect(loadServiceConfig('directory', { port: 4001 }, env({ OUTBOX_PAGE_DIGESTS: 'off' })).pageDigests).toBe(false);
    expect(loadServiceConfig('directory', { port: 4001 }, env({ OUTBOX_PAGE_DIGESTS: ' ON ' })).pageDigests).toBe(true);
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => loadServiceConfig('directory', { port: 4001 }, env({ OUTBOX_PAGE_DIGESTS: 'sometimes' }))).toThrow(
      'OUTBOX_PAGE_DIGESTS must be on or off (got "sometimes")',
    );
  });
});
