import { Projection, rowProjection } from '@mms/eventsourcing';
import { COMMUNITIES_TOPIC, DIRECTORY_TOPIC } from '@mms/contracts/events';
import { assertSourceContract } from '../source-contracts';
import { keepsNetworkFactsFrom, NETWORK_TABLES } from './network.rows';

export const NETWORK_PROJECTION = 'network';

/**
 * The methodological network's facts (network.rows.ts) from the communities context's public
 * topic and the directory's placements; contracts checked before anything is written (a
 * contract-breaking event is parked, as in the other monitoring projections).
 */
export const networkProjection = (
  topics: { communities: string; directory: string } = { communities: COMMUNITIES_TOPIC, directory: DIRECTORY_TOPIC },
): Projection =>
  rowProjection({
    name: NETWORK_PROJECTION,
    version: 1,
    topics: [topics.communities, topics.directory],
    tables: NETWORK_TABLES,
    prepare: async (events) => {
      const kept = events.filter((e) => keepsNetworkFactsFrom(e.type));
      kept.forEach(assertSourceContract);
      return kept;
    },
  });
