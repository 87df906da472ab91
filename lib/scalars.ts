/**
 * The shared scalars, once for the whole graph: the subgraphs resolve with them and the gateway
 * checks variables with them before planning. Format rules of identifiers are enforced where an
 * identifier is an argument (see subgraphs/shared/arguments.ts), so the error can name the argument
 * and the rule; the scalars guard the types on the wire: a string where a string belongs, a date that
 * is a real calendar date, an instant with its offset, money as integer fen inside and a two-place
 * decimal string outside. Each scalar's `@specifiedBy` URL is in subgraphs/shared/base.graphql and
 * explained in docs/scalars.md.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/**
 * A scalar's refusal: the client's BAD_USER_INPUT. The message names the scalar and its form, not
 * the value sent, which may be personal (a birth date); graphql-js puts it after the variable's
 * name. Only the code goes in extensions: for a variable, Apollo Server keeps no more than that.
 */
function refused(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * A string scalar whose input is also checked by `check` (which returns the value held inside, or
 * throws). Output is left as the resolvers give it: a malformed value from our own code is our
 * fault, not the client's, and is found by tests, not by refusing the client's answer.
 */
function stringScalar(name: string, description: string, check: (value: string) => string = (value) => value): GraphQLScalarType<string, string> {
  const expectString = (value: unknown): string => {
    if (typeof value !== 'string') throw refused(`${name} must be a string`);
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: expectString,
    parseValue: (value) => check(expectString(value)),
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw refused(`${name} must be a string`);
      return check(node.value);
    },
  });
}

/**
 * graphql-scalars' LocalDate refuses what is not a real day of the proleptic Gregorian calendar
 * (2026-02-30, 2025-02-29, 2026-13-01) and keeps the value a string, as every resolver and agency
 * contract here holds dates (lib/agency-contracts.ts: IsoDate). Its own error has no code and
 * echoes the value (a birth date, say), so ours replaces it.
 */
function checkDate(value: string): string {
  try {
    return GraphQLLocalDate.parseValue(value) as string;
  } catch {
    throw refused('Date must be a real calendar date written YYYY-MM-DD (RFC 3339 full-date), e.g. "2026-02-28"');
  }
}

/**
 * graphql-scalars' DateTime is RFC 3339 date-time: a real date, a real time and an offset (Z or
 * ±hh:mm); an instant without one names no instant at all. Held inside as the UTC form
 * (toISOString), so two spellings of one instant compare equal, like the timestamps we store.
 */
function checkDateTime(value: string): string {
  let instant: unknown;
  try {
    instant = GraphQLDateTime.parseValue(value);
  } catch {
    instant = undefined;
  }
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw refused('DateTime must be an RFC 3339 date-time with its offset, e.g. "2026-02-28T10:15:30Z" or "2026-02-28T18:15:30+08:00"');
  }
  return instant.toISOString();
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
  if (!match) throw refused('Money is a decimal string in yuan with at most two places, e.g. "1234.56"');
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] === '-' ? -fen : fen;
}

const Money = new GraphQLScalarType<number, string>({
  name: 'Money',
  serialize: (value) => formatFen(value as number),
  // A JSON number (1.5) is refused like a literal one: money travels as decimal text, never a float.
  parseValue: (value) => {
    if (typeof value !== 'string') throw refused('Money must be a string such as "1234.56", not a JSON number');
    return parseMoney(value);
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw refused('Money must be a string such as "1234.56"');
    return parseMoney(node.value);
  },
});

export const scalarResolvers = {
  IdNumber: stringScalar('IdNumber', 'Citizen ID number'),
  UnitNumber: stringScalar('UnitNumber', 'Real-estate unit number'),
  ContractNumber: stringScalar('ContractNumber', 'Contract filing number'),
  Date: stringScalar('Date', 'A calendar date, RFC 3339 full-date (YYYY-MM-DD)', checkDate),
  DateTime: stringScalar('DateTime', 'An instant, RFC 3339 date-time with offset', checkDateTime),
  Money,
};
