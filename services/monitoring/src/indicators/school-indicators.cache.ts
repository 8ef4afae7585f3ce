import type { SchoolRevisionDocument, SchoolRow } from '../educator-facts/educator-facts.documents';
import type { IndicatorTables } from './indicator-tables';
import { computeIndicators, IndicatorPeriod, Indicators } from './indicators';
import { inParallel } from '@mms/eventsourcing/core';

export interface SchoolIndicators {
  organizationId: string;
  municipalityId: string;
  indicators: Indicators;
}

interface Entry {
  rev: number;
  municipalityId: string;
  indicators: Indicators;
}

/** Above this many schools to read, one query for all of them beats one per school. */
const READ_ONE_BY_ONE_UP_TO = 40;
const READERS = 8;

/**
 * Indicators per school, remembered by the school's recorded revision and the period.
 * Reading every school's facts costs FerretDB a decode of every educator (≈115 ms per
 * 1,000); the revisions are tiny, so a query reads them all and only the schools that
 * changed since it last computed them. A school document is written before its revision,
 * so what is read after a revision is at least that new: remembering it under that
 * revision never serves older figures. Time-dependent figures stay exact: the period is
 * part of the key, and so is the generation. Per process; bounded (forgetting only costs a read).
 */
export class SchoolIndicatorsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 50_000) {}

  /** The schools of one municipality, or of the region when `municipalityId` is undefined. */
  async schools(t: IndicatorTables, period: IndicatorPeriod, municipalityId?: string): Promise<SchoolIndicators[]> {
    const filter = municipalityId === undefined ? {} : { municipalityId };
    const revisions = await t.schoolRevisions.find(filter);
    const prefix = `${t.generation}|${period.asOf}|${period.academicYear}|`;
    const out: SchoolIndicators[] = [];
    const missing: SchoolRevisionDocument[] = [];
    for (const r of revisions) {
      const hit = this.entries.get(prefix + r._id);
      if (hit && hit.rev === r.rev) out.push({ organizationId: r._id, municipalityId: hit.municipalityId, indicators: hit.indicators });
      else missing.push(r);
    }
    if (missing.length === 0) return out;
    const revisionOf = new Map(missing.map((m) => [m._id, m.rev]));
    const read =
      missing.length > READ_ONE_BY_ONE_UP_TO
        ? (await t.schools.find(filter)).filter((s) => revisionOf.has(s._id))
        : (await inParallel(missing, READERS, (m) => t.schools.get(m._id))).filter((s): s is SchoolRow => s !== null);
    for (const s of read) {
      const indicators = computeIndicators(s.educators, period);
      this.remember(prefix + s._id, { rev: revisionOf.get(s._id)!, municipalityId: s.municipalityId, indicators });
      out.push({ organizationId: s._id, municipalityId: s.municipalityId, indicators });
    }
    return out;
  }

  private remember(key: string, entry: Entry) {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, entry);
  }
}
