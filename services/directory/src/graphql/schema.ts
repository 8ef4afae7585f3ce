import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DirectoryService } from '../application/directory.service';
import { directoryResolvers } from './resolvers';

/** The SDL is the contract in contracts/subgraphs; the service only implements it. */
export const directorySdl = () =>
  readFileSync(join(dirname(require.resolve('@mms/contracts/package.json')), 'subgraphs', 'directory.graphql'), 'utf8');

export const buildDirectorySchema = (svc: DirectoryService) =>
  buildSubgraphSchema([{ typeDefs: parse(directorySdl()), resolvers: directoryResolvers(svc) as never }]);
