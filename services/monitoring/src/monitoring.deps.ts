import type { Clock } from '@mms/service-kit/core';
import type { IndicatorTables } from './indicators/indicator-tables';
import type { SchoolIndicatorsCache } from './indicators/school-indicators.cache';
import type { OlympiadTables } from './olympiads/olympiad-tables';
import type { OlympiadCache } from './olympiads/olympiads.cache';

/** What monitoring's queries need: built from platform tokens in the slice module, from MemoryTables in specs. */
export interface MonitoringDeps {
  /** The read model's tables, resolved once per query (one generation throughout). */
  tables: () => Promise<IndicatorTables>;
  /** The region's today: the default asOf. */
  clock: Clock;
  /** Per-school figures remembered across queries (per process). */
  cache: SchoolIndicatorsCache;
}

export const MONITORING_DEPS = Symbol('MONITORING_DEPS');

/** What the olympiad figures need: the `olympiads` read model's tables (resolved once per figure) and their cache. */
export interface OlympiadDeps {
  tables: () => Promise<OlympiadTables>;
  cache: OlympiadCache;
}

export const OLYMPIAD_DEPS = Symbol('OLYMPIAD_DEPS');
