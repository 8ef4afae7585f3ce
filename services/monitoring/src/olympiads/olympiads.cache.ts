import type { OlympiadRevisionDocument, OlympiadTables } from './olympiad-tables';
import { Marks, marksOfSchool, mergeMarks, olympiadIndicators, OlympiadIndicators } from './olympiads';

interface SchoolEntry {
  rev: number;
  marks: Marks;
}

interface FiguresEntry {
  /** The unit's schools and their revisions when the figures were computed. */
  signature: string;
  figures: OlympiadIndicators;
}

/**
 * Olympiad figures remembered across queries, per process. A school's marks are kept under
 * its recorded revision (a row is written before its revision is bumped, so what is read
 * after a revision is at least that new); a unit's figures under the list of its schools'
 * revisions, so an unchanged municipality or region costs one read of the tiny revision
 * documents. Keys hold the generation. Bounded (forgetting only costs a read).
 */
export class OlympiadCache {
  private readonly schools = new Map<string, SchoolEntry>();
  private readonly figures = new Map<string, FiguresEntry>();

  constructor(private readonly maxEntries = 50_000) {}

  /** A municipality's (or, without one, the region's) figures for an academic year. */
  async unit(t: OlympiadTables, academicYear: string, municipalityId?: string): Promise<OlympiadIndicators> {
    const filter = municipalityId === undefined ? { academicYear } : { academicYear, municipalityId };
    const revisions = await t.revisions.find(filter);
    return this.figuresOf(t, `${t.generation}|${academicYear}|${municipalityId === undefined ? 'region' : `m:${municipalityId}`}`, revisions);
  }

  /** One school's figures, given its revision document. */
  async school(t: OlympiadTables, revision: OlympiadRevisionDocument): Promise<OlympiadIndicators> {
    return this.figuresOf(t, `${t.generation}|school|${revision._id}`, [revision]);
  }

  private async figuresOf(t: OlympiadTables, key: string, revisions: readonly OlympiadRevisionDocument[]): Promise<OlympiadIndicators> {
    const signature = revisions
      .map((r) => `${r._id}@${r.rev}`)
      .sort()
      .join('\n');
    const known = this.figures.get(key);
    if (known && known.signature === signature) return known.figures;
    const figures = olympiadIndicators(mergeMarks(await this.marksOf(t, revisions)));
    remember(this.figures, this.maxEntries, key, { signature, figures });
    return figures;
  }

  private async marksOf(t: OlympiadTables, revisions: readonly OlympiadRevisionDocument[]): Promise<Marks[]> {
    const out: Marks[] = [];
    const missing = new Map<string, number>();
    for (const r of revisions) {
      const hit = this.schools.get(`${t.generation}|${r._id}`);
      if (hit && hit.rev === r.rev) out.push(hit.marks);
      else missing.set(r._id, r.rev);
    }
    for (const row of await t.schools.getMany([...missing.keys()])) {
      const marks = marksOfSchool(row);
      remember(this.schools, this.maxEntries, `${t.generation}|${row._id}`, { rev: missing.get(row._id)!, marks });
      out.push(marks);
    }
    return out;
  }
}

const remember = <V>(entries: Map<string, V>, max: number, key: string, value: V) => {
  if (entries.size >= max && !entries.has(key)) entries.clear();
  entries.set(key, value);
};
