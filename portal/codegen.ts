import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';

// The operations are typed against what clients see: the API schema of the committed supergraph
// (federation's internals left out). A schema change that breaks a page then fails the build.
const require = createRequire(import.meta.url);
const { apiSchemaOf } = require('../contracts/dist/compose/compose.js') as { apiSchemaOf: (sdl: string) => import('graphql').GraphQLSchema };
const supergraph = readFileSync(resolve(import.meta.dirname, '../contracts/supergraph.graphql'), 'utf8');

const config: CodegenConfig = {
  schema: printSchema(apiSchemaOf(supergraph)),
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { ID: 'string' } },
    },
  },
  silent: true,
};

export default config;
