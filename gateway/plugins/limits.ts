/**
 * Query limits at the gateway. Query planning runs synchronously on the event loop on every
 * plan-cache miss, so one deep, wide or alias-stuffed operation can stall every request in the
 * process; aliases also turn one request into an ID-number enumeration. These limits refuse such an
 * operation before it is planned, each with its own catalogued code and HTTP 400.
 *
 * The limits are graphql-js validation rules (so the register script and the specs can run them
 * with `validate`), but Apollo Server does not run them as validation rules: it rewrites the code
 * of every validation error to GRAPHQL_VALIDATION_FAILED. The plugin runs them in
 * `didResolveOperation` instead, after Apollo's own validation and before the gateway plans.
 *
 * Every measure follows fragment spreads, measures each named fragment once however often it is
 * spread (a "fragment bomb" spreads one fragment exponentially often) and never goes round a
 * fragment cycle: graphql's NoFragmentCycles refuses cycles, but these rules must end whatever
 * order the rules run in, and wherever fragments are declared in the document.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  validate,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DEFAULT_MAX_ALIASES, DEFAULT_MAX_COST, DEFAULT_MAX_DEPTH } from '../../lib/gateway-settings';
import type { GatewayFeature } from '../feature';

// Declared below the configuration that reads them (lib/ imports nothing of the gateway).
export { DEFAULT_MAX_ALIASES, DEFAULT_MAX_COST, DEFAULT_MAX_DEPTH } from '../../lib/gateway-settings';
/** Each root field is at least one agency call; a frontend view needs two or three. */
export const DEFAULT_MAX_ROOT_FIELDS = 10;
/** The length assumed for a list when the query does not say how long it is. */
export const DEFAULT_LIST_SIZE = 10;
/** Introspection shows attackers the whole graph; production serves registered frontends that do not need it. */
export const DEFAULT_INTROSPECTION = false;
/** A list argument whose length is the length of the list the field returns (`applicants(idNumbers:)`). */
export const LIST_SIZE_ARGUMENT = 'idNumbers';

export interface QueryLimitOptions {
  /** Most fields on one path from the operation down to a leaf; `{ applicant { name } }` is 2. Default DEFAULT_MAX_DEPTH. */
  maxDepth?: number;
  /** Highest cost (see `operationCost`). Default DEFAULT_MAX_COST. */
  maxCost?: number;
  /** Most aliased fields in one operation, counted as often as their fragment is spread. Default DEFAULT_MAX_ALIASES. */
  maxAliases?: number;
  /** Most distinct root fields (response keys) in one operation. Default DEFAULT_MAX_ROOT_FIELDS. */
  maxRootFields?: number;
  /** Length assumed for a list the query does not size. Default DEFAULT_LIST_SIZE. */
  defaultListSize?: number;
  /** Whether `__schema` and `__type` may be queried (`__typename` always may). Default DEFAULT_INTROSPECTION (off). */
  introspection?: boolean;
}

export type QueryLimits = Readonly<Required<QueryLimitOptions>>;

export type QueryLimitCode = 'QUERY_TOO_DEEP' | 'QUERY_TOO_COSTLY' | 'TOO_MANY_ALIASES' | 'TOO_MANY_ROOT_FIELDS' | 'INTROSPECTION_DISABLED';

/** The HTTP status of every refusal: the request, not the server, is at fault, and nothing ran. */
export const QUERY_LIMIT_HTTP_STATUS = 400;

/** Fills in the defaults; a limit that is not a positive integer stops start-up rather than switching a check off. */
export function resolveQueryLimits(options: QueryLimitOptions = {}): QueryLimits {
  const limits: Required<QueryLimitOptions> = {
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxCost: options.maxCost ?? DEFAULT_MAX_COST,
    maxAliases: options.maxAliases ?? DEFAULT_MAX_ALIASES,
    maxRootFields: options.maxRootFields ?? DEFAULT_MAX_ROOT_FIELDS,
    defaultListSize: options.defaultListSize ?? DEFAULT_LIST_SIZE,
    introspection: options.introspection ?? DEFAULT_INTROSPECTION,
  };
  const problems = (['maxDepth', 'maxCost', 'maxAliases', 'maxRootFields', 'defaultListSize'] as const)
    .filter((name) => !Number.isSafeInteger(limits[name]) || limits[name] < 1)
    .map((name) => `${name} must be a positive integer (got ${String(limits[name])})`);
  if (problems.length > 0) throw new Error(`invalid query limits: ${problems.join('; ')}`);
  return Object.freeze(limits);
}

type FragmentLookup = (name: string) => FragmentDefinitionNode | undefined;

/**
 * Wraps a per-fragment measure so that each fragment is measured once, and a spread that would
 * close a cycle (or names no fragment) counts as `empty`.
 */
function perFragment<T>(lookup: FragmentLookup, empty: T, measure: (fragment: FragmentDefinitionNode) => T): (name: string) => T {
  const measured = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name) => {
    if (measured.has(name)) return measured.get(name) as T;
    const fragment = lookup(name);
    if (!fragment || inProgress.has(name)) return empty;
    inProgress.add(name);
    try {
      const value = measure(fragment);
      measured.set(name, value);
      return value;
    } finally {
      inProgress.delete(name);
    }
  };
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * How deep introspection may go. The standard introspection query of GraphiQL and codegen is 15
 * levels (`ofType` nested to unwrap lists and non-nulls); it is answered by the gateway from its own
 * schema, calling no subgraph, so it is measured apart from the operation's own depth — with a
 * bound of its own, as a hand-made introspection can still nest without end.
 */
export const MAX_INTROSPECTION_DEPTH = 16;

/**
 * Fields on the longest path down from `selectionSet`; fragments and inline fragments add no level.
 * `introspection: 'apart'` counts a `__schema` / `__type` field as one level (its subtree is the
 * introspection depth's business); `'only'` measures just the deepest such subtree.
 */
export function selectionDepth(selectionSet: SelectionSetNode, lookup: FragmentLookup, introspection: 'apart' | 'only' = 'apart'): number {
  const viaFragment = perFragment(lookup, 0, (fragment) => depthOf(fragment.selectionSet, false));
  function depthOf(set: SelectionSetNode, inIntrospection: boolean): number {
    let deepest = 0;
    for (const selection of set.selections) {
      let depth: number;
      if (selection.kind === Kind.FIELD) {
        const entering = !inIntrospection && INTROSPECTION_ROOTS.has(selection.name.value);
        const below = selection.selectionSet ? depthOf(selection.selectionSet, inIntrospection || entering) : 0;
        if (introspection === 'apart') depth = entering ? 1 : 1 + below;
        else depth = entering || inIntrospection ? 1 + below : below;
      } else depth = selection.kind === Kind.INLINE_FRAGMENT ? depthOf(selection.selectionSet, inIntrospection) : viaFragment(selection.name.value);
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  }
  return depthOf(selectionSet, false);
}

/** Aliased fields under `selectionSet`, a fragment's counted once per spread. */
export function aliasCount(selectionSet: SelectionSetNode, lookup: FragmentLookup): number {
  const viaFragment = perFragment(lookup, 0, (fragment) => aliasesOf(fragment.selectionSet));
  function aliasesOf(set: SelectionSetNode): number {
    let count = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) count += (selection.alias ? 1 : 0) + (selection.selectionSet ? aliasesOf(selection.selectionSet) : 0);
      else if (selection.kind === Kind.INLINE_FRAGMENT) count += aliasesOf(selection.selectionSet);
      else count += viaFragment(selection.name.value);
    }
    return count;
  }
  return aliasesOf(selectionSet);
}

/** Distinct response keys at the top of `selectionSet`: what execution will actually resolve at the root. */
export function rootFieldCount(selectionSet: SelectionSetNode, lookup: FragmentLookup): number {
  const keys = new Set<string>();
  const seenFragments = new Set<string>();
  const collect = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) keys.add(selection.alias?.value ?? selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        const fragment = lookup(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(selectionSet);
  return keys.size;
}

export interface CostContext {
  schema: GraphQLSchema;
  lookup: FragmentLookup;
  /** The request's variables: a list argument passed as a variable is sized by its value. */
  variables?: Readonly<Record<string, unknown>>;
  /** The operation's variable definitions: a default value sizes a list when the variable is not sent. */
  variableDefaults?: ReadonlyMap<string, ValueNode>;
  defaultListSize: number;
}

/**
 * The cost model: every field costs 1, and a field that returns a list multiplies the cost of what
 * is selected under it by the list's assumed length: the length of its `idNumbers` argument when
 * it has one (a literal, a variable's value, or a variable's default), else `defaultListSize`, once
 * per list level. Every branch of an abstract type counts, as if all applied. So
 * `applicants(idNumbers: [a, b, c]) { name marriage { status } }` costs 1 + 3 × (1 + (1 + 1)) = 10,
 * and `applicant { loanApplications { borrowers { name } } }` costs 1 + (1 + 10 × (1 + 10 × 1)) = 112.
 */
export function selectionCost(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, context: CostContext): number {
  const { schema, lookup } = context;
  const viaFragment = perFragment(lookup, 0, (fragment) => costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined));
  function costOf(set: SelectionSetNode, type: GraphQLNamedType | undefined): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[selection.name.value] : undefined;
        const below = selection.selectionSet ? costOf(selection.selectionSet, field ? getNamedType(field.type) : undefined) : 0;
        total += 1 + (field ? listMultiplier(field.type, selection, context) : 1) * below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : type;
        total += costOf(selection.selectionSet, narrowed);
      } else {
        total += viaFragment(selection.name.value);
      }
    }
    return total;
  }
  return costOf(selectionSet, parentType);
}

function listMultiplier(type: GraphQLOutputType, field: FieldNode, context: CostContext): number {
  let multiplier = 1;
  let outermost = true;
  let current: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(current)) {
      current = current.ofType;
    } else if (isListType(current)) {
      multiplier *= outermost ? (statedListSize(field, context) ?? context.defaultListSize) : context.defaultListSize;
      outermost = false;
      current = current.ofType;
    } else {
      return multiplier;
    }
  }
}

/** The length of the field's `idNumbers` argument, when the query (or its variables) says. */
function statedListSize(field: FieldNode, context: CostContext): number | undefined {
  const argument = field.arguments?.find((a) => a.name.value === LIST_SIZE_ARGUMENT);
  if (!argument) return undefined;
  const sizeOf = (value: ValueNode | undefined): number | undefined =>
    value === undefined || value.kind === Kind.VARIABLE ? undefined : value.kind === Kind.LIST ? value.values.length : value.kind === Kind.NULL ? 0 : 1;
  if (argument.value.kind !== Kind.VARIABLE) return sizeOf(argument.value);
  const name = argument.value.name.value;
  if (context.variables && Object.prototype.hasOwnProperty.call(context.variables, name)) {
    const given = context.variables[name];
    return Array.isArray(given) ? given.length : given === null ? 0 : 1;
  }
  return sizeOf(context.variableDefaults?.get(name));
}

function variableDefaultsOf(operation: OperationDefinitionNode): Map<string, ValueNode> {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  return defaults;
}

/** The cost (see `selectionCost`) of one operation of a document. */
export function operationCost(
  operation: OperationDefinitionNode,
  context: Omit<CostContext, 'variableDefaults'>,
): number {
  return selectionCost(operation.selectionSet, context.schema.getRootType(operation.operation) ?? undefined, {
    ...context,
    variableDefaults: variableDefaultsOf(operation),
  });
}

/** Numbers in messages stay readable when a fragment bomb pushes a measure past what a double holds. */
function shown(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : `more than ${Number.MAX_SAFE_INTEGER}`;
}

function refusal(code: QueryLimitCode, message: string, node: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { code } });
}

/** One rule per operation-level measure: measure each operation, report it when over `limit`. */
function operationRule(measure: (operation: OperationDefinitionNode, lookup: FragmentLookup, schema: GraphQLSchema) => number, limit: number, refuse: (measured: number) => [QueryLimitCode, string]): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const measured = measure(operation, (name) => context.getFragment(name) ?? undefined, context.getSchema());
      if (measured > limit) {
        const [code, message] = refuse(measured);
        context.reportError(refusal(code, message, operation));
      }
      return false; // measured whole; the visitor need not walk the operation again
    },
  });
}

export function maxDepthRule(limit: number): ValidationRule {
  return operationRule((operation, lookup) => selectionDepth(operation.selectionSet, lookup), limit, (depth) => [
    'QUERY_TOO_DEEP',
    `Query depth ${shown(depth)} exceeds the limit of ${limit}.`,
  ]);
}

export function maxIntrospectionDepthRule(limit: number): ValidationRule {
  return operationRule((operation, lookup) => selectionDepth(operation.selectionSet, lookup, 'only'), limit, (depth) => [
    'QUERY_TOO_DEEP',
    `Introspection depth ${shown(depth)} exceeds the limit of ${limit}.`,
  ]);
}

export function maxAliasesRule(limit: number): ValidationRule {
  return operationRule((operation, lookup) => aliasCount(operation.selectionSet, lookup), limit, (aliases) => [
    'TOO_MANY_ALIASES',
    `Query uses ${shown(aliases)} aliases, more than the limit of ${limit}.`,
  ]);
}

export function maxRootFieldsRule(limit: number): ValidationRule {
  return operationRule((operation, lookup) => rootFieldCount(operation.selectionSet, lookup), limit, (fields) => [
    'TOO_MANY_ROOT_FIELDS',
    `Query selects ${shown(fields)} root fields, more than the limit of ${limit}.`,
  ]);
}

export function maxCostRule(limit: number, sizing: { defaultListSize: number; variables?: Readonly<Record<string, unknown>> }): ValidationRule {
  return operationRule(
    (operation, lookup, schema) => operationCost(operation, { schema, lookup, variables: sizing.variables, defaultListSize: sizing.defaultListSize }),
    limit,
    (cost) => [
      'QUERY_TOO_COSTLY',
      `Query cost ${shown(cost)} exceeds the limit of ${limit} (each field costs 1; a list multiplies what is selected under it by its length, assumed ${sizing.defaultListSize} when the query does not state it).`,
    ],
  );
}

/** Refuses `__schema` and `__type` anywhere in the document; `__typename` is not introspection of the schema and stays allowed. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(field) {
    if (field.name.value === '__schema' || field.name.value === '__type') {
      context.reportError(refusal('INTROSPECTION_DISABLED', `Introspection (${field.name.value}) is disabled on this endpoint; __typename remains available.`, field));
    }
  },
});

/**
 * The rules for one request, in the order their refusals are reported: introspection, root
 * fields, aliases, depth, cost. `variables` size list arguments passed as variables.
 */
export function queryLimitRules(limits: QueryLimits, variables?: Readonly<Record<string, unknown>>): ValidationRule[] {
  return [
    ...(limits.introspection ? [] : [noIntrospectionRule]),
    maxRootFieldsRule(limits.maxRootFields),
    maxAliasesRule(limits.maxAliases),
    maxDepthRule(limits.maxDepth),
    maxIntrospectionDepthRule(MAX_INTROSPECTION_DEPTH),
    maxCostRule(limits.maxCost, { defaultListSize: limits.defaultListSize, variables }),
  ];
}

/** Every limit `document` breaks, each a GraphQLError coded as in the catalogue (empty when within limits). */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits,
  variables?: Readonly<Record<string, unknown>>,
): readonly GraphQLError[] {
  return validate(schema, document, queryLimitRules(limits, variables));
}

/** The variables that size an `idNumbers` argument anywhere in the document (its fragments too). */
function sizingVariablesOf(document: DocumentNode): readonly string[] {
  const names = new Set<string>();
  const visitSet = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const argument = selection.arguments?.find((a) => a.name.value === LIST_SIZE_ARGUMENT);
        if (argument?.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
        visitSet(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visitSet(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visitSet(definition.selectionSet);
  }
  return [...names].sort();
}

/** What the sizing variables say, as statedListSize reads them: a length, 0 for null, 1 for one value, or not sent. */
function sizingKey(names: readonly string[], variables: Readonly<Record<string, unknown>> | undefined): string {
  return names
    .map((name) => {
      if (!variables || !Object.prototype.hasOwnProperty.call(variables, name)) return '-';
      const given = variables[name];
      return String(Array.isArray(given) ? given.length : given === null ? 0 : 1);
    })
    .join(',');
}

/** Sizings remembered per document: list lengths a frontend sends are few; a client cycling through many only refills this. */
const MAX_SIZINGS_PER_DOCUMENT = 64;

/**
 * checkQueryLimits, remembered. A gateway sees the same few operations again and again (Apollo
 * keeps one parsed document per query text, so the same DocumentNode comes back), and what the
 * limits say of one depends only on the schema, that document and the lengths of the variables
 * that size an `idNumbers` list: the verdict is kept under those, and worked out again for a new
 * schema, a new document or new lengths. Measuring every time was about 7 % of the gateway's CPU
 * on a one-subgraph query (`npm run bench`). Nothing the caller says is trusted here: the key is
 * the document the server parsed and the variables' own lengths.
 */
export function rememberedQueryLimits(limits: QueryLimits): (schema: GraphQLSchema, document: DocumentNode, variables?: Readonly<Record<string, unknown>>) => readonly GraphQLError[] {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { sizing: readonly string[]; verdicts: Map<string, readonly GraphQLError[]> }>>();
  return (schema, document, variables) => {
    let byDocument = bySchema.get(schema);
    if (!byDocument) bySchema.set(schema, (byDocument = new WeakMap()));
    let known = byDocument.get(document);
    if (!known) byDocument.set(document, (known = { sizing: sizingVariablesOf(document), verdicts: new Map() }));
    const key = sizingKey(known.sizing, variables);
    let verdict = known.verdicts.get(key);
    if (!verdict) {
      verdict = checkQueryLimits(schema, document, limits, variables);
      if (known.verdicts.size >= MAX_SIZINGS_PER_DOCUMENT) known.verdicts.clear();
      known.verdicts.set(key, verdict);
    }
    return verdict;
  };
}

export interface QueryLimitsSetup<TContext extends BaseContext> {
  /**
   * Empty on purpose: Apollo Server would report these rules' refusals as GRAPHQL_VALIDATION_FAILED
   * (it overwrites the code of validation errors), so the plugin runs them. Kept so the wiring
   * reads the same as for any other rule set.
   */
  validationRules: ValidationRule[];
  plugins: Array<ApolloServerPlugin<TContext>>;
}

/**
 * The gateway's query limits as Apollo Server options. The server must be built with
 * `introspection: true`: otherwise Apollo's own rule refuses introspection first, as
 * GRAPHQL_VALIDATION_FAILED, and INTROSPECTION_DISABLED never reaches the client; whether
 * introspection is allowed is decided here, by `options.introspection`.
 */
export function queryLimits<TContext extends BaseContext = BaseContext>(options: QueryLimitOptions = {}): QueryLimitsSetup<TContext> {
  const check = rememberedQueryLimits(resolveQueryLimits(options));
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        // After Apollo's validation (the document is valid) and before execution, where the gateway plans.
        async didResolveOperation({ schema, document, request }) {
          const [first] = check(schema, document, request.variables);
          if (first) {
            throw new GraphQLError(first.message, {
              nodes: first.nodes,
              extensions: { code: first.extensions.code, http: { status: QUERY_LIMIT_HTTP_STATUS } },
            });
          }
        },
      };
    },
  };
  return { validationRules: [], plugins: [plugin] };
}

/** The query limits as a gateway feature (options and defaults: QueryLimitOptions). */
export function useQueryLimits<Context extends BaseContext>(options: QueryLimitOptions = {}): GatewayFeature<Context> {
  const { plugins, validationRules } = queryLimits<Context>(options);
  return { name: 'query-limits', plugins, validationRules };
}
