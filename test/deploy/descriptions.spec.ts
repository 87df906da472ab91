/**
 * Frontend teams read the schema in GraphiQL's docs pane and in their generated types: every type,
 * field, argument, input field and enum value of the API schema says what it is. This lists every
 * coordinate that does not, so a new field is fixed by adding a description in its subgraph's
 * schema.graphql (then `npm run compose`).
 */
import fs from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { API_SCHEMA_PATH } from '../../schema/subgraphs';

/** Schema coordinates (Type, Type.field, Type.field(arg:), Enum.VALUE) without a description. */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const describe = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    // The root types are named by the spec; their fields are what needs saying.
    if (type !== schema.getQueryType() && type !== schema.getMutationType()) describe(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        describe(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) describe(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) describe(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) describe(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe('the API schema', () => {
  it('describes every type, field, argument, input field and enum value (the list is what lacks one)', () => {
    expect(undescribed(buildSchema(fs.readFileSync(API_SCHEMA_PATH, 'utf8')))).toEqual([]);
  });

  it('counts what has no description, root fields and arguments included', () => {
    const schema = buildSchema('"A" type A { "f" f(x: Int): Int  g: Int } type Query { "a" a: A  b: A } "E" enum E { "one" ONE TWO }');
    expect(undescribed(schema)).toEqual(['A.f(x:)', 'A.g', 'E.TWO', 'Query.b']);
  });
});
