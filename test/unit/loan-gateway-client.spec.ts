import { loadConfig } from '../../lib/config';
import { createGatewayClient } from '../../subgraphs/loan/workflow/gateway-client';

describe('the loan worker’s gateway client', () => {
  it('refuses to start with an identity provider it has no credentials for, instead of failing every check later', () => {
    expect(() => createGatewayClient(loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json' }))).toThrow(/client credentials/);
  });
});
