import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { IndicatorsService } from '../application/indicators.service';
import { monitoringResolvers } from './resolvers';

/** The SDL is the contract in contracts/subgraphs; the service only implements it. */
export const monitoringSdl = () =>
  readFileSync(join(dirname(require.resolve('@mms/contracts/package.json')), 'subgraphs', 'monitoring.graphql'), 'utf8');

export const buildMonitoringSchema = (svc: IndicatorsService) =>
  buildSubgraphSchema([{ typeDefs: parse(monitoringSdl()), resolvers: monitoringResolvers(svc) as never }]);
