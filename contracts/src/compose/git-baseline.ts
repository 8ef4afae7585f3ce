import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';

export type Baseline = { found: true; sdl: string } | { found: false; reason: string };

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });

const firstLine = (err: unknown) =>
  String((err as { stderr?: unknown }).stderr ?? (err as Error).message ?? err)
    .trim()
    .split('\n')[0];

/**
 * The committed version of `file` at `ref` (`git show <ref>:./<file>`). A missing ref is an
 * error only when the ref was chosen explicitly: a fresh repository has no HEAD yet.
 */
export const readCommitted = (file: string, ref: string, explicitRef: boolean): Baseline => {
  const cwd = dirname(file);
  try {
    git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch (err) {
    const reason = `git ref "${ref}" does not resolve${firstLine(err) ? ` (${firstLine(err)})` : ''}`;
    if (explicitRef) throw new Error(reason);
    return { found: false, reason };
  }
  try {
    return {
      found: true,
      sdl: git(cwd, ['show', `${ref}:./${basename(file)}`]),
    };
  } catch (err) {
    return {
      found: false,
      reason: `${basename(file)} is not in ${ref} (${firstLine(err)})`,
    };
  }
};
