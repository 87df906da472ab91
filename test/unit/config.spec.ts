import { ConfigError, loadConfig } from '../../lib/config';

describe('configuration', () => {
  it('runs on embedded defaults on a developer machine', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('development');
    expect(config.gatewayPort).toBe(4000);
    expect(config.agencyUrls['public-security']).toBe('http://127.0.0.1:4101');
    expect(config.subgraphUrls['real-estate']).toBe('http://127.0.0.1:4005/graphql');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ GATEWAY_PORT: 'eighty', SIMULATOR_ERROR_RATE: '2', AGENCY_URL_TAX: 'not a url' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^AGENCY_URL_TAX/), expect.stringMatching(/^GATEWAY_PORT/), expect.stringMatching(/^SIMULATOR_ERROR_RATE/)]),
      );
    }
  });

  it('refuses to start in production without its secrets, or with the development ones', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AGENCY_APP_SECRET is required in production[\s\S]*ENTITY_REF_KEY is required in production/);
    const dev = loadConfig({});
    expect(() => loadConfig({ NODE_ENV: 'production', AGENCY_APP_SECRET: dev.agencyAppSecret, ENTITY_REF_KEY: dev.entityRefKey })).toThrow(/must not be the development default/);
  });

  it('runs the loan worker unless LOAN_WORKER=off, and refuses any other word', () => {
    expect(loadConfig({}).loan.workerEnabled).toBe(true);
    expect(loadConfig({ LOAN_WORKER: 'on' }).loan.workerEnabled).toBe(true);
    expect(loadConfig({ LOAN_WORKER: 'off' }).loan.workerEnabled).toBe(false);
    expect(() => loadConfig({ LOAN_WORKER: 'no' })).toThrow(/LOAN_WORKER must be on or off \(got "no"\)/);
  });

  it('takes URL overrides per agency and subgraph', () => {
    const config = loadConfig({ AGENCY_URL_PBOC_CREDIT: 'http://credit.example.internal:8080/', SUBGRAPH_URL_TAX: 'http://tax:4004/graphql' });
    expect(config.agencyUrls['pboc-credit']).toBe('http://credit.example.internal:8080');
    expect(config.subgraphUrls.tax).toBe('http://tax:4004/graphql');
  });
});
