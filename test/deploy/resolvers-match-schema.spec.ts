import { buildSubgraphSchema } from '@apollo/subgraph';
import { isEnumType, isObjectType, parse } from 'graphql';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';
import { subgraphTypeDefs } from '../../subgraphs/shared/type-defs';

// graphql-js silently ignores a resolver for a field the schema lacks; a renamed field would then
// fall back to the default resolver and answer null. This keeps resolvers and SDL in step.
describe.each(SUBGRAPHS.map((s) => s.name))('the %s subgraph', (name) => {
  it('has a schema field for every resolver it defines', () => {
    const schema = buildSubgraphSchema(parse(subgraphTypeDefs(name)));
    const orphans: string[] = [];
    for (const [typeName, fields = {}] of Object.entries(SUBGRAPH_DEFINITIONS[name].resolvers)) {
      const type = schema.getType(typeName);
      if (type && isEnumType(type)) {
        for (const value of Object.keys(fields)) if (!type.getValue(value)) orphans.push(`${typeName}.${value}`);
        continue;
      }
      if (!type || !isObjectType(type)) {
        orphans.push(typeName);
        continue;
      }
      for (const fieldName of Object.keys(fields)) {
        if (fieldName !== '__resolveReference' && !type.getFields()[fieldName]) orphans.push(`${typeName}.${fieldName}`);
      }
    }
    expect(orphans).toEqual([]);
  });
});
