import { OwnChanges } from './own-changes';

describe('own changes (read-your-writes in the portal)', () => {
  it('names the latest position of each changed stream in the next requests, for a minute', () => {
    let now = 0;
    const own = new OwnChanges(60_000, 32, () => now);
    expect(own.header()).toBeNull();
    own.remember('directory~ZWR1LTE~1,directory~b3JnLTE~3');
    now = 1_000;
    own.remember('directory~ZWR1LTE~2');
    expect(own.header()).toBe('directory~b3JnLTE~3,directory~ZWR1LTE~2');
    now = 60_500; // the first answer's positions are older than a minute
    expect(own.header()).toBe('directory~ZWR1LTE~2');
    now = 62_000;
    expect(own.header()).toBeNull();
  });

  it('keeps at most the most recent 32 streams and skips what it cannot read', () => {
    const own = new OwnChanges();
    own.remember(Array.from({ length: 40 }, (_, i) => `contests~s${i}~1`).join(','));
    own.remember('garbage,,~');
    const tokens = own.header()!.split(',');
    expect(tokens).toHaveLength(32);
    expect(tokens[0]).toBe('contests~s8~1');
  });
});
