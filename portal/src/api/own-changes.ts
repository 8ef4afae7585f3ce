/** The gateway's read-your-writes headers (packages/auth: POSITIONS_HEADER, AFTER_HEADER). */
export const POSITIONS_HEADER = 'x-mms-positions';
export const AFTER_HEADER = 'x-mms-after';

/**
 * Read-your-writes for the person at the screen: every answer that changed something says
 * where its commands left their streams; the next requests name those positions, and each
 * service waits (briefly, bounded) until its read models hold them. So the list a page reloads
 * right after a change already shows it. Positions are kept for a minute (long after any read
 * model has them), the latest per stream, at most 32.
 */
export class OwnChanges {
  private readonly latest = new Map<string, { token: string; at: number }>();

  constructor(
    private readonly keepMs = 60_000,
    private readonly max = 32,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** An answer's `x-mms-positions` (comma-separated `<service>~<stream>~<version>`). */
  remember(header: string | null | undefined) {
    if (!header) return;
    const at = this.now();
    for (const token of header.split(',').map((t) => t.trim())) {
      const cut = token.lastIndexOf('~');
      if (cut <= 0) continue;
      const stream = token.slice(0, cut);
      this.latest.delete(stream); // re-inserted: the map's order is the order of changes
      this.latest.set(stream, { token, at });
    }
    while (this.latest.size > this.max) this.latest.delete(this.latest.keys().next().value!);
  }

  /** The `x-mms-after` value for the next request, or null when nothing recent was changed. */
  header(): string | null {
    const since = this.now() - this.keepMs;
    for (const [stream, p] of this.latest) if (p.at < since) this.latest.delete(stream);
    return this.latest.size ? [...this.latest.values()].map((p) => p.token).join(',') : null;
  }
}
