import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { PdServices, professionalDevelopmentResolvers } from './resolvers';

/** The SDL is the contract in contracts/subgraphs; the service only implements it. */
export const professionalDevelopmentSdl = () =>
  readFileSync(join(dirname(require.resolve('@mms/contracts/package.json')), 'subgraphs', 'professional-development.graphql'), 'utf8');

export const buildProfessionalDevelopmentSchema = (services: PdServices) =>
  buildSubgraphSchema([{ typeDefs: parse(professionalDevelopmentSdl()), resolvers: professionalDevelopmentResolvers(services) as never }]);
