/**
 * The shared scalars, once for the whole graph: the subgraphs resolve with them and the gateway
 * checks variables with them before planning. Format rules are enforced where an identifier is an argument
 * (see subgraphs/shared/arguments.ts), so the error can name the argument and the rule; the scalars guard the
 * types on the wire: a string where a string belongs, money as integer fen inside and a two-place
 * decimal string outside.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function stringScalar(name: string, description: string): GraphQLScalarType<string, string> {
  const expectString = (value: unknown): string => {
    if (typeof value !== 'string') throw new GraphQLError(`${name} must be a string`, { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: expectString,
    parseValue: expectString,
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`, { extensions: { code: 'BAD_USER_INPUT' } });
      return node.value;
    },
  });
}

/** Integer fen → "1234.56". Negative amounts keep their sign. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error('money must be an integer number of fen');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1234.56" or "1234" → integer fen; anything else is refused (no floats, no thirds of a fen). */
export function parseMoney(text: string): number {
  const match = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new GraphQLError('Money is a decimal string in yuan with at most two places, e.g. "1234.56"', { extensions: { code: 'BAD_USER_INPUT' } });
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] === '-' ? -fen : fen;
}

const Money = new GraphQLScalarType<number, string>({
  name: 'Money',
  serialize: (value) => formatFen(value as number),
  // A JSON number (1.5) is refused like a literal one: money travels as decimal text, never a float.
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('Money must be a string such as "1234.56", not a JSON number', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseMoney(value);
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw new GraphQLError('Money must be a string such as "1234.56"', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseMoney(node.value);
  },
});

export const scalarResolvers = {
  IdNumber: stringScalar('IdNumber', 'Citizen ID number'),
  UnitNumber: stringScalar('UnitNumber', 'Real-estate unit number'),
  ContractNumber: stringScalar('ContractNumber', 'Contract filing number'),
  Date: stringScalar('Date', 'YYYY-MM-DD'),
  DateTime: stringScalar('DateTime', 'ISO 8601 instant'),
  Money,
};
