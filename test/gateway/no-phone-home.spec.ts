import dns from 'node:dns';
import net from 'node:net';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { startTestSystem, type Query, type TestSystem } from '../support/system';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

describe('the system never calls anywhere it was not configured to', () => {
  const destinations: string[] = [];
  const lookups: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;
  let system: TestSystem;
  let officer: Query;

  beforeAll(async () => {
    // Even a deployment that forgot (or overrode) the variable must not phone home.
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const [first] = args;
      const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { host?: string; path?: string };
      if (!options.path) destinations.push(String(options.host ?? 'localhost'));
      return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;
    (dns as { lookup: unknown }).lookup = function (hostname: string, ...rest: unknown[]) {
      lookups.push(hostname);
      return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
    };
    system = await startTestSystem();
    const caseId = await system.openCase({ applicant: SCENARIOS.cleanCouple.applicant.idNumber, spouse: SCENARIOS.cleanCouple.spouse!.idNumber });
    officer = await system.asOfficer(undefined, caseId);
  });

  afterAll(async () => {
    await system.stop();
    net.Socket.prototype.connect = originalConnect;
    (dns as { lookup: unknown }).lookup = originalLookup;
    process.env.APOLLO_TELEMETRY_DISABLED = '1';
  });

  it('sets APOLLO_TELEMETRY_DISABLED itself and opens connections to loopback only', async () => {
    const couple = SCENARIOS.cleanCouple;
    const reply = await officer('query($id: IdNumber!) { applicant(idNumber: $id) { name marriage { spouse { name } } } }', { id: couple.applicant.idNumber });
    expect(reply.body.errors).toBeUndefined();
    // Give any background reporter the chance to start before looking.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('1');
    expect(destinations.length).toBeGreaterThan(0); // the spy works: our own calls were seen
    expect(destinations.filter((host) => !LOOPBACK.has(host))).toEqual([]);
    expect(lookups.filter((host) => !LOOPBACK.has(host))).toEqual([]);
  });
});
