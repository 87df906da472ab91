/**
 * `npm run codegen`: the resolver types of every subgraph, generated from the SDL it serves (the
 * shared base plus its schema.graphql, as subgraphs/shared/type-defs.ts assembles it) by GraphQL
 * Code Generator's typescript and typescript-resolvers plugins with federation on, into
 * subgraphs/<name>/generated/resolvers-types.ts. `--check` writes nothing and fails when a file
 * is stale (test/deploy/resolver-types.spec.ts holds the same).
 *
 * What the types say a resolver receives is the subgraph's own, found by convention so that a new
 * subgraph needs no entry here:
 * - context: `SubgraphContext<XLoaders>`, XLoaders exported by the subgraph's loaders.ts (no
 *   loaders.ts: no loaders);
 * - parents: Applicant, Property and AgencySource are what subgraphs/shared hands on (references.ts,
 *   loaders.ts); any other type is the type of the same name that the subgraph's parents.ts exports,
 *   when it does (an agency record with its source, a storage row); else the generated shape;
 * - scalars: the internal value of lib/scalars.ts's definitions (subgraphs/shared/scalar-types.ts);
 * - the Agency enum: the agencies' wire names, which lib/agency-enum.ts maps it to at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as typescriptResolversPlugin from '@graphql-codegen/typescript-resolvers';
import * as typescriptOperationsPlugin from '@graphql-codegen/typescript-operations';
import { Kind, parse, type DocumentNode } from 'graphql';
import ts from 'typescript';
import { AGENCY_ENUM } from '../lib/agency-enum';
import { REPO_ROOT, SUBGRAPHS, type SubgraphName } from '../schema/subgraphs';
import { subgraphTypeDefs } from '../subgraphs/shared/type-defs';

/** The parents subgraphs/shared gives every subgraph, as module#type from the generated file. */
const SHARED_PARENTS: Readonly<Record<string, string>> = {
  Applicant: '../../shared/references#ApplicantParent',
  Property: '../../shared/references#PropertyParent',
  AgencySource: '../../shared/loaders#Source',
};

const subgraphDir = (name: SubgraphName) => path.join(REPO_ROOT, 'subgraphs', name);

export function resolverTypesPath(name: SubgraphName): string {
  return path.join(subgraphDir(name), 'generated', 'resolvers-types.ts');
}

/** The names a module exports as types (type aliases, interfaces, re-exports), read without compiling it. */
function exportedTypeNames(file: string): Set<string> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if ((ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && exported) names.add(statement.name.text);
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
    }
  }
  return names;
}

const pascalCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

/** The loaders type of the subgraph's context, and the import it needs. */
function loadersOf(name: SubgraphName): { type: string; importLine: string | null } {
  const file = path.join(subgraphDir(name), 'loaders.ts');
  if (!fs.existsSync(file)) return { type: 'Record<string, never>', importLine: null };
  const type = `${pascalCase(name)}Loaders`;
  if (!exportedTypeNames(file).has(type)) throw new Error(`subgraphs/${name}/loaders.ts must export the type ${type} (the context's loaders)`);
  return { type, importLine: `import type { ${type} } from '../loaders';` };
}

/** GraphQL type → module#type for each type whose parent is one of ours rather than the generated shape. */
function parentMappers(name: SubgraphName, schema: DocumentNode): Record<string, string> {
  const declared = new Set(
    schema.definitions.flatMap((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION ? [definition.name.value] : [],
    ),
  );
  const parentsFile = path.join(subgraphDir(name), 'parents.ts');
  const own = fs.existsSync(parentsFile) ? exportedTypeNames(parentsFile) : new Set<string>();
  const unknown = [...own].filter((type) => !declared.has(type));
  if (unknown.length > 0) throw new Error(`subgraphs/${name}/parents.ts exports ${unknown.join(', ')}, which the schema does not declare`);
  const mappers: Record<string, string> = {};
  for (const type of [...declared].sort()) {
    // The alias keeps the generated type of the same name free for the schema's shape.
    if (own.has(type)) mappers[type] = `../parents#${type} as ${type}Parent`;
    else if (SHARED_PARENTS[type]) mappers[type] = SHARED_PARENTS[type];
  }
  return mappers;
}

function customScalars(schema: DocumentNode): string[] {
  return schema.definitions.flatMap((definition) => (definition.kind === Kind.SCALAR_TYPE_DEFINITION ? [definition.name.value] : []));
}

/** The generated module for one subgraph, exactly as it is committed. */
export async function generateResolverTypes(name: SubgraphName): Promise<string> {
  const schema = parse(subgraphTypeDefs(name));
  const loaders = loadersOf(name);
  const header = [
    `// Generated by \`npm run codegen\` (scripts/codegen.ts) from the ${name} subgraph's SDL: do not edit, regenerate.`,
    "import type { ScalarTypes } from '../../shared/scalar-types';",
    "import type { SubgraphContext } from '../../shared/subgraph';",
    ...(loaders.importLine ? [loaders.importLine] : []),
  ].join('\n');
  const footer = ['/** What every resolver of this subgraph gets as its context. */', `export type Context = SubgraphContext<${loaders.type}>;`].join('\n');
  const output = await codegen({
    filename: resolverTypesPath(name),
    schema,
    documents: [],
    plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
    pluginMap: { typescript: typescriptPlugin, typescriptResolvers: typescriptResolversPlugin },
    config: {
      federation: true,
      useTypeImports: true,
      contextType: 'Context',
      mappers: parentMappers(name, schema),
      // A scalar the SDL declares but the map lacks would otherwise be typed `unknown`.
      strictScalars: true,
      scalars: {
        ...Object.fromEntries(customScalars(schema).map((scalar) => [scalar, `ScalarTypes['${scalar}']`])),
        // The selection of a @key, in the federation directives codegen adds; no resolver sees it.
        _FieldSet: 'string',
      },
      // String unions, so the agencies' own literal types ('FILED', 'NORMAL') are the enum values.
      enumsAsTypes: true,
      enumValues: { Agency: { ...AGENCY_ENUM } },
    },
  });
  return `${header}\n${output.trimEnd()}\n\n${footer}\n`;
}

/** Where the loan worker's operations and their generated result types live. */
const WORKER_OPERATIONS_DIR = path.join(REPO_ROOT, 'subgraphs', 'loan', 'workflow', 'operations');
export const WORKER_OPERATION_TYPES = path.join(REPO_ROOT, 'subgraphs', 'loan', 'workflow', 'generated', 'operations.ts');

/**
 * The result and variable types of the loan worker's registered documents, checked against the API
 * schema clients see (schema/api.graphql): a field renamed or retyped in an agency's subgraph fails
 * here, then in the worker's compile, instead of reaching a decision as `undefined`.
 */
export async function generateWorkerOperationTypes(): Promise<string> {
  const schema = parse(fs.readFileSync(path.join(REPO_ROOT, 'schema', 'api.graphql'), 'utf8'));
  const documents = fs
    .readdirSync(WORKER_OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ location: file, document: parse(fs.readFileSync(path.join(WORKER_OPERATIONS_DIR, file), 'utf8')) }));
  const output = await codegen({
    filename: WORKER_OPERATION_TYPES,
    schema,
    documents,
    // The operations plugin (6.x) declares the enums and inputs the documents use, and nothing else.
    plugins: [{ typescriptOperations: {} }],
    pluginMap: { typescriptOperations: typescriptOperationsPlugin },
    config: {
      useTypeImports: true,
      strictScalars: true,
      // On the wire every custom scalar is a string (Money a decimal string, dates ISO 8601).
      scalars: Object.fromEntries(customScalars(schema).map((scalar) => [scalar, 'string'])),
      enumsAsTypes: true,
      avoidOptionals: true,
    },
  });
  return `// Generated by \`npm run codegen\` (scripts/codegen.ts) from the worker's operations and schema/api.graphql: do not edit, regenerate.\n${output.trimEnd()}\n`;
}

/** Writes (or, with check, compares) every generated file; returns the paths that differed. */
export async function runCodegen({ check }: { check: boolean }): Promise<string[]> {
  const stale: string[] = [];
  const targets: Array<{ file: string; generate: () => Promise<string> }> = [
    ...SUBGRAPHS.map(({ name }) => ({ file: resolverTypesPath(name), generate: () => generateResolverTypes(name) })),
    { file: WORKER_OPERATION_TYPES, generate: generateWorkerOperationTypes },
  ];
  for (const { file, generate } of targets) {
    const generated = await generate();
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === generated) continue;
    stale.push(path.relative(REPO_ROOT, file));
    if (!check) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, generated);
    }
  }
  return stale;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  runCodegen({ check }).then(
    (stale) => {
      if (check && stale.length > 0) {
        process.stderr.write(`stale resolver types (run \`npm run codegen\` and commit them):\n${stale.map((file) => `  - ${file}`).join('\n')}\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write(check ? 'resolver types are current\n' : stale.length > 0 ? `wrote\n${stale.map((file) => `  ${file}`).join('\n')}\n` : 'resolver types were current\n');
      }
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
