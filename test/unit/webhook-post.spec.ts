import { InternalAddressRefused, postWebhook } from '../../subgraphs/loan/notices/webhook-post';

describe('posting a notice to a webhook', () => {
  it('refuses, in production, a name that resolves to an internal address, before any connection', async () => {
    // localhost resolves to loopback: what a public-looking name pointed at 127.0.0.1 would do too.
    await expect(postWebhook('http://localhost:9/notices', '{}', {}, { timeoutMs: 1000, mode: 'production' })).rejects.toBeInstanceOf(InternalAddressRefused);
  });
});
