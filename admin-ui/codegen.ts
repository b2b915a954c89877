import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the server's own schema files, so a schema change that breaks the UI breaks `npm run build`.
const config: CodegenConfig = {
  schema: ['../graphql-api/src/main/resources/graphql/*.graphqls', '../sdk-api/src/main/resources/graphql-sdk/*.graphqls'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { JSON: 'unknown', DateTime: 'string' },
        strictScalars: true,
      },
    },
  },
};
export default config;
