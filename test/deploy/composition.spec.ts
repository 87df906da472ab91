import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { printSchema } from 'graphql';
import { composeSupergraph } from '../../schema/compose';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '../../schema/subgraphs';

describe('the supergraph', () => {
  const composition = composeSupergraph();

  it('composes from the seven subgraph schemas without errors', () => {
    expect(composition.ok ? [] : composition.errors).toEqual([]);
  });

  it('is committed exactly as composition produces it (run `npm run compose` when this fails)', () => {
    expect(composition.ok && composition.supergraphSdl).toBe(fs.readFileSync(SUPERGRAPH_PATH, 'utf8'));
  });

  // The gateway skips this validation in production mode, so it is done here.
  it('loads into Apollo Gateway with supergraph validation on, serving exactly the committed API schema', async () => {
    const gateway = new ApolloGateway({ supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'), validateSupergraph: true, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    const { schema } = await gateway.load();
    expect(schema.getQueryType()?.getFields()).toHaveProperty('applicant');
    // Codegen from the file and codegen from a running gateway's introspection see the same schema.
    expect(`${printSchema(schema).trimEnd()}\n`).toBe(fs.readFileSync(API_SCHEMA_PATH, 'utf8'));
    await gateway.stop();
  });

  it('commits the API schema exactly as derived from it, without the federation machinery (run `npm run compose` when this fails)', () => {
    const api = fs.readFileSync(API_SCHEMA_PATH, 'utf8');
    expect(composition.ok && composition.apiSchemaSdl).toBe(api);
    expect(api).not.toMatch(/join__|link__|@link|@key|@shareable/);
    expect(api).toMatch(/^type Query \{/m);
  });

  it('keeps sensitive fields apart from the entity keys', () => {
    const sdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
    for (const entity of ['Applicant', 'Property', 'ProvidentFundLoan']) {
      expect(sdl).toMatch(new RegExp(`type ${entity}\\s[^{]*@join__type\\(graph: [A-Z_]+, key: "ref"\\)`));
    }
    expect(sdl).toMatch(/type LoanApplication\s[^{]*@join__type\(graph: LOAN, key: "id"\)/);
    expect(sdl).not.toMatch(/key: "[^"]*idNumber/);
  });
});
