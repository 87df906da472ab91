import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { REASON_MESSAGES } from '../../../subgraphs/loan/domain/reasons';

describe('the finding codes of the loan graph', () => {
  it('are exactly the catalogue’s (subgraphs/loan/domain/reasons.ts), each with words in both languages', () => {
    const schema = parse(fs.readFileSync(path.join(__dirname, '../../../subgraphs/loan/schema.graphql'), 'utf8'));
    const findingCode = schema.definitions.find((definition): definition is EnumTypeDefinitionNode => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'FindingCode');
    expect(findingCode?.values?.map((value) => value.name.value).sort()).toEqual(Object.keys(REASON_MESSAGES).sort());
    for (const words of Object.values(REASON_MESSAGES)) expect(words.zh.length > 0 && words.en.length > 0).toBe(true);
  });
});
