import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLError, isScalarType, Kind, parseValue as parseValueLiteral, type GraphQLScalarType } from 'graphql';
import { scalarResolvers } from '../../lib/scalars';
import { API_SCHEMA_PATH, REPO_ROOT } from '../../schema/subgraphs';

const { Date: DateScalar, DateTime } = scalarResolvers;

/** The error a scalar throws for `value`, as a variable (parseValue) and inline (parseLiteral). */
function refusals(scalar: GraphQLScalarType, value: string): GraphQLError[] {
  const caught: GraphQLError[] = [];
  for (const parse of [() => scalar.parseValue(value), () => scalar.parseLiteral({ kind: Kind.STRING, value })]) {
    try {
      parse();
    } catch (error) {
      if (error instanceof GraphQLError) caught.push(error);
    }
  }
  return caught;
}

describe('the Date scalar', () => {
  it('accepts a real calendar date, leap days included, and holds it as the same string', () => {
    for (const date of ['2026-02-28', '2024-02-29', '2000-02-29', '1949-10-01']) {
      expect(DateScalar.parseValue(date)).toBe(date);
      expect(DateScalar.parseLiteral(parseValueLiteral(`"${date}"`))).toBe(date);
    }
  });

  it('refuses a day that does not exist, as BAD_USER_INPUT, by variable and inline alike', () => {
    for (const date of ['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10']) {
      const errors = refusals(DateScalar, date);
      expect(errors).toHaveLength(2);
      for (const error of errors) {
        expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
        expect(error.message).toMatch(/real calendar date written YYYY-MM-DD/);
      }
    }
  });

  it('refuses other spellings of a date and instants', () => {
    for (const text of ['2026-2-28', '20260228', '2026/02/28', '28.02.2026', '2026-02-28T00:00:00Z', ' 2026-02-28', '']) expect(refusals(DateScalar, text)).toHaveLength(2);
  });

  it('refuses what is not a string, and does not echo the value it refused', () => {
    expect(() => DateScalar.parseValue(20260228)).toThrow(/Date must be a string/);
    expect(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '20260228' })).toThrow(/Date must be a string/);
    expect(refusals(DateScalar, '1990-02-30')[0]!.message).not.toContain('1990-02-30');
  });
});

describe('the DateTime scalar', () => {
  it('accepts an RFC 3339 date-time with an offset and holds the instant in UTC', () => {
    expect(DateTime.parseValue('2026-02-28T10:15:30Z')).toBe('2026-02-28T10:15:30.000Z');
    expect(DateTime.parseValue('2026-02-28T18:15:30+08:00')).toBe('2026-02-28T10:15:30.000Z');
    expect(DateTime.parseValue('2026-02-28T10:15:30.123Z')).toBe('2026-02-28T10:15:30.123Z');
    expect(DateTime.parseLiteral(parseValueLiteral('"2026-03-01T00:30:00+08:00"'))).toBe('2026-02-28T16:30:00.000Z');
  });

  it('refuses an instant on a day that does not exist, a time that does not exist, or no offset', () => {
    for (const text of ['2026-02-30T10:00:00Z', '2026-02-28T24:00:00Z', '2026-02-28T10:61:00Z', '2026-02-28T10:15:30', '2026-02-28', 'yesterday', '']) {
      const errors = refusals(DateTime, text);
      expect(errors).toHaveLength(2);
      for (const error of errors) {
        expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
        expect(error.message).toMatch(/RFC 3339 date-time with its offset/);
      }
    }
  });

  it('refuses a number of milliseconds: an instant travels as text', () => {
    expect(() => DateTime.parseValue(Date.UTC(2026, 1, 28))).toThrow(/DateTime must be a string/);
  });
});

describe('the scalars in the API schema', () => {
  const schema = buildSchema(fs.readFileSync(API_SCHEMA_PATH, 'utf8'));
  const customScalars = Object.values(schema.getTypeMap()).filter((type) => isScalarType(type) && !type.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name));

  it('are the ones lib/scalars.ts defines, no more and no fewer', () => {
    expect(customScalars.map((scalar) => scalar.name).sort()).toEqual(Object.keys(scalarResolvers).sort());
  });

  it('each say by @specifiedBy where their format is defined', () => {
    const missing = customScalars.filter((scalar) => isScalarType(scalar) && !scalar.specifiedByURL?.startsWith('https://')).map((scalar) => scalar.name);
    expect(missing).toEqual([]);
  });

  // Our own formats point at docs/scalars.md as published; the anchors are what must not break.
  it('point, for our own formats, at a section docs/scalars.md has', () => {
    const page = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'scalars.md'), 'utf8');
    const anchors = new Set([...page.matchAll(/^#+ (.+)$/gm)].map((heading) => heading[1]!.trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
    const own = customScalars.flatMap((scalar) => (isScalarType(scalar) && scalar.specifiedByURL?.startsWith('https://api-docs.fj-hpf.example/scalars#') ? [scalar.specifiedByURL.split('#')[1]!] : []));
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((anchor) => !anchors.has(anchor))).toEqual([]);
  });
});
