import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The SDL is the contract in contracts/subgraphs; the service only implements it. */
export const communitiesSdl = () => readFileSync(join(dirname(require.resolve('@mms/contracts/package.json')), 'subgraphs', 'communities.graphql'), 'utf8');
