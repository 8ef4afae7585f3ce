import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli';

const fixtures = join(__dirname, '..', '..', 'test-fixtures', 'compose');

/** A throwaway contracts dir with accounts + reviews (from the given fixture file). */
const contractsDir = (reviewsFixture = 'reviews') => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-'));
  mkdirSync(join(dir, 'subgraphs'));
  writeFileSync(
    join(dir, 'subgraphs', 'subgraphs.json'),
    JSON.stringify([
      { name: 'accounts', url: 'http://127.0.0.1:4201/graphql' },
      { name: 'reviews', url: 'http://127.0.0.1:4202/graphql' },
    ]),
  );
  copyFileSync(join(fixtures, 'accounts.graphql'), join(dir, 'subgraphs', 'accounts.graphql'));
  useReviews(dir, reviewsFixture);
  return dir;
};
const useReviews = (dir: string, fixture: string) => copyFileSync(join(fixtures, `${fixture}.graphql`), join(dir, 'subgraphs', 'reviews.graphql'));

const run = (dir: string, ...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli([...args, '--contracts-dir', dir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' });

describe('compose CLI', () => {
  const dirs: string[] = [];
  const fresh = (fixture?: string) => {
    const d = contractsDir(fixture);
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('--write composes the supergraph, then --check accepts it (no git: breaking check skipped)', () => {
    const dir = fresh();
    expect(run(dir, '--write')).toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toContain('@join__graph(name: "reviews"');
    const check = run(dir, '--check');
    expect(check.code).toBe(0);
    expect(check.out).toContain('breaking-change check skipped');
  });

  it('--write refuses a breaking change unless a reason is given', () => {
    const dir = fresh();
    run(dir, '--write');
    useReviews(dir, 'reviews-field-removed');
    const refused = run(dir, '--write');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('FIELD_REMOVED: Review.body was removed.');
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toContain('body: String!');

    const allowed = run(dir, '--write', '--allow-breaking', 'nobody reads review bodies');
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain('allowed as breaking: nobody reads review bodies');
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).not.toContain('body: String!');
  });

  it('--check fails on a non-composable change, listing the codes', () => {
    const dir = fresh();
    run(dir, '--write');
    useReviews(dir, 'reviews-conflicting');
    const check = run(dir, '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain('[INVALID_FIELD_SHARING]');
  });

  it('--check fails when the committed supergraph is stale', () => {
    const dir = fresh();
    run(dir, '--write');
    useReviews(dir, 'reviews-field-added');
    const check = run(dir, '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain('is stale');
    expect(check.err).toContain('+   rating: Int');
  });

  it('--check fails on a breaking change against git HEAD', () => {
    const dir = fresh();
    run(dir, '--write');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    useReviews(dir, 'reviews-arg-required');
    run(dir, '--write', '--allow-breaking', 'test');

    const check = run(dir, '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain('ARG_CHANGED_KIND');
    expect(run(dir, '--check', '--allow-breaking', 'agreed with the portals').code).toBe(0);
    expect(run(dir, '--check', '--base', 'no-such-ref').err).toContain('does not resolve');
  });

  it('rejects unclear usage', () => {
    expect(run(fresh(), '--write', '--check').code).toBe(2);
    expect(run(fresh(), '--write', '--allow-breaking', ' ').code).toBe(2);
  });
});
