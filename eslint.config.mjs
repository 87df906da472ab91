// Lint: the recommended rules of ESLint and typescript-eslint (syntax only, no type information,
// Generated code (graphql-codegen's output under */generated/) is checked by its staleness spec, not linted.
// so it stays fast; `npm run typecheck` does the typing), and the architecture's import boundaries.
// The same boundaries are spelled out as a spec in test/deploy/architecture.spec.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const SUBGRAPHS = ['identity', 'civil-affairs', 'housing', 'tax', 'real-estate', 'credit', 'provident-fund', 'consent', 'loan'];
const PRODUCTION = ['./gateway', './subgraphs', './storage', './lib'];

/** Zones of import-x/no-restricted-paths: files in `target` may not import from `from`. */
const boundaries = [
  {
    target: './lib',
    from: ['./gateway', './subgraphs', './storage', './agencies', './scripts', './identity-provider', './test', './schema'],
    except: ['./subgraphs.ts'],
    message: 'lib/ is the lowest layer: it imports lib/ and the one subgraph list (schema/subgraphs.ts) only.',
  },
  // `except` is relative to `from`: a subgraph imports itself, subgraphs/shared and the registry only.
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}`,
    from: './subgraphs',
    except: [`./${name}`, './shared'],
    message: 'A subgraph imports no other subgraph: what two of them share belongs in subgraphs/shared.',
  })),
  { target: './subgraphs/shared', from: './subgraphs', except: ['./shared'], message: 'subgraphs/shared is written once for all subgraphs: it imports none of them.' },
  { target: './gateway', from: './subgraphs', message: 'The gateway knows the subgraphs by the supergraph only, never by their code.' },
  { target: PRODUCTION, from: './agencies', message: 'Production code never imports the agency simulators.' },
  { target: './agencies', from: ['./gateway', './subgraphs', './storage', './scripts'], message: 'The simulators stand in for agencies: they import no production code.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/build/', '**/generated/', '.data/', '.secrets/', 'coverage/', '**/*.cjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      // `_`-prefixed names are kept on purpose (a destructured field left out, a signature's unused argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
