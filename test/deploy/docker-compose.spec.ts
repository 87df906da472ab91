import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import os from 'node:os';
import { CONFIG_VARIABLES, SECRET_VARIABLES } from '../../lib/config';
import { GATEWAY_NODE_FLAGS } from '../../lib/node-flags';
import { configProblems } from '../support/config';
import { generateSecrets } from '../../scripts/compose-secrets';
import { PARTNER_SYSTEMS } from '../../lib/partner-contracts';
import { AGENCY_SUBGRAPHS, PLATFORM_SUBGRAPHS, GATEWAY_PORT, REPO_ROOT, SUBGRAPHS, agencyUrlVariable, subgraphUrlVariable } from '../../schema/subgraphs';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  secrets?: string[];
  volumes?: string[];
  profiles?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
const compose = parse(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const CHECKPOINTS = 'access-record-checkpoints:/var/lib/hpf/checkpoints';
const problemsOf = configProblems;
const simulatorService = (agency: string) => `${agency}-simulator`;

describe('docker-compose.yml', () => {
  it('has exactly the gateway, the nine subgraphs, the seven agency simulators and the two partner systems\' (bank, SMS), Redis, PostgreSQL, the one-shot migration, and the identity provider stand-in behind a profile', () => {
    expect(services['identity-provider']!.profiles).toEqual(['local-identity-provider']);
    expect(services['identity-provider']!.environment!.NODE_ENV).toBe('development');
    const expected = ['gateway', 'redis', 'postgres', 'migrate-storage', 'identity-provider', ...SUBGRAPHS.map((s) => s.name), ...AGENCY_SUBGRAPHS.map((s) => simulatorService(s.agency)), ...PARTNER_SYSTEMS.map((p) => simulatorService(p.name))];
    expect(Object.keys(services).sort()).toEqual(expected.sort());
  });

  it('runs each piece with the role the code uses, and publishes only the gateway on the host', () => {
    expect(services.gateway!.command).toEqual(['node', ...GATEWAY_NODE_FLAGS, 'dist/scripts/serve.js', 'gateway']);
    for (const entry of SUBGRAPHS) expect(services[entry.name]!.command).toEqual(['node', 'dist/scripts/serve.js', 'subgraph', entry.name]);
    for (const entry of AGENCY_SUBGRAPHS) expect(services[simulatorService(entry.agency)]!.command).toEqual(['node', 'dist/scripts/serve.js', 'simulator', entry.agency]);
    for (const partner of PARTNER_SYSTEMS) expect(services[simulatorService(partner.name)]!.command).toEqual(['node', 'dist/scripts/serve.js', 'simulator', partner.name]);
    expect(services['migrate-storage']!.command).toEqual(['node', 'dist/scripts/migrate-storage.js']);
    // The image's compiled code (npm run build), never TypeScript at run time: each script is one the build compiles.
    for (const [name, service] of Object.entries(services)) {
      if (service.command?.[0] !== 'node') continue;
      // The script follows Node's own flags, if any (the gateway's).
      const script = service.command.slice(1).find((arg) => !arg.startsWith('--'))!;
      expect({ name, script, source: fs.existsSync(path.join(REPO_ROOT, script.replace(/^dist\//, '').replace(/\.js$/, '.ts'))) }).toEqual({ name, script, source: true });
    }
    expect(fs.readFileSync(COMPOSE_FILE, 'utf8')).not.toMatch(/\btsx\b/);
    const published = Object.entries(services).filter(([, service]) => service.ports?.length).map(([name, service]) => [name, service.ports]);
    expect(published).toEqual([['gateway', [`${GATEWAY_PORT}:${GATEWAY_PORT}`]]]);
  });

  it('has no development defaults: every secret is a Docker secret read through NAME_FILE, and production is the mode', () => {
    const secretNames = new Set(SECRET_VARIABLES);
    for (const [name, service] of Object.entries(services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        expect({ name, variable, plain: secretNames.has(variable) }).toEqual({ name, variable, plain: false });
        const file = /^\/run\/secrets\/(\w+)$/.exec(value);
        if (variable.endsWith('_FILE')) expect({ name, variable, mounted: file ? service.secrets?.includes(file[1]!) : false }).toEqual({ name, variable, mounted: true });
      }
    }
    expect(services.gateway!.environment!.NODE_ENV).toBe('${NODE_ENV:-production}');
    for (const secret of Object.values(compose.secrets)) expect(secret.file).toMatch(/^\.\/\.secrets\/\w+$/);
    // Only the gateway signs caller assertions.
    for (const [name, service] of Object.entries(services)) expect({ name, signs: service.secrets?.includes('gateway_signing_key') ?? false }).toEqual({ name, signs: name === 'gateway' });
  });

  it('asks Redis for a password, keeps PostgreSQL in a named volume, and the access record’s checkpoints apart from it', () => {
    expect(services.redis!.command!.join(' ')).toContain('--requirepass');
    expect(services.postgres!.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes).sort()).toEqual(['access-record-checkpoints', 'postgres-data']);
    for (const entry of SUBGRAPHS) expect(services[entry.name]!.volumes).toEqual([CHECKPOINTS]);
  });

  it('makes every secret it mounts with `npm run docker-secrets`, and nothing else', () => {
    expect(Object.keys(generateSecrets(() => undefined)).sort()).toEqual(Object.keys(compose.secrets).sort());
  });

  it('gives every Node service a configuration production mode accepts, with the generated secrets', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-compose-secrets-'));
    for (const [name, value] of Object.entries(generateSecrets(() => undefined))) fs.writeFileSync(path.join(dir, name), `${value}\n`);
    // What compose would substitute: the deployment's identity provider, and each default as written.
    const substitute = (value: string) => value.replace(/\$\{(\w+):-([^}]*)\}/g, (_all, variable: string, fallback: string) => (variable === 'AUTH_JWKS_URL' ? 'https://auth.fj-hpf.example/jwks' : fallback));
    for (const [name, service] of Object.entries(services)) {
      if (name === 'redis' || name === 'postgres') continue;
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([variable, value]) => [variable, substitute(value).replace(/^\/run\/secrets\//, `${dir}/`)]));
      expect({ name, problems: problemsOf(env) }).toEqual({ name, problems: [] });
    }
  });

  it('wires every subgraph to its simulator and the gateway to every subgraph by the configured variable names', () => {
    for (const entry of AGENCY_SUBGRAPHS) {
      expect(services[entry.name]!.environment![agencyUrlVariable(entry.agency)]).toBe(`http://${simulatorService(entry.agency)}:${entry.agencyPort}`);
      expect(services[entry.name]!.depends_on).toEqual({
        [simulatorService(entry.agency)]: { condition: 'service_healthy' },
        'migrate-storage': { condition: 'service_completed_successfully' },
      });
    }
    // The loan subgraph's worker instructs the bank and sends through the SMS platform.
    const partnersOf = (name: string) => (name === 'loan' ? PARTNER_SYSTEMS : []);
    for (const entry of PLATFORM_SUBGRAPHS) {
      expect(services[entry.name]!.depends_on).toEqual({
        'migrate-storage': { condition: 'service_completed_successfully' },
        ...Object.fromEntries(partnersOf(entry.name).map((partner) => [simulatorService(partner.name), { condition: 'service_healthy' }])),
      });
      for (const partner of partnersOf(entry.name)) expect(services[entry.name]!.environment![partner.urlVariable]).toBe(`http://${simulatorService(partner.name)}:${partner.port}`);
    }
    for (const entry of SUBGRAPHS) {
      expect(services.gateway!.environment![subgraphUrlVariable(entry.name)]).toBe(`http://${entry.name}:${entry.port}/graphql`);
    }
  });

  it('gives every subgraph the shared PostgreSQL as the application role, and the owner role to the migration alone', () => {
    for (const entry of SUBGRAPHS) {
      expect(services[entry.name]!.environment!.DATABASE_URL_FILE).toBe('/run/secrets/database_url');
      expect(services[entry.name]!.environment!.DATABASE_ADMIN_URL_FILE).toBeUndefined();
    }
    expect(services['migrate-storage']!.environment!.DATABASE_ADMIN_URL_FILE).toBe('/run/secrets/database_admin_url');
    const urls = generateSecrets(() => undefined);
    expect(urls.database_url).toMatch(/^postgres:\/\/hpf_app:.+@postgres:5432\/hpf$/);
    expect(urls.database_admin_url).toMatch(/^postgres:\/\/hpf:.+@postgres:5432\/hpf$/);
  });

  it('uses only environment variables the configuration reads, and disables Apollo telemetry everywhere', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'redis' || name === 'postgres') continue;
      for (const variable of Object.keys(service.environment ?? {})) expect(CONFIG_VARIABLES).toContain(variable);
      expect(service.environment!.APOLLO_TELEMETRY_DISABLED).toBe('1');
    }
  });

  it('gives every service a health check, probing the endpoint the code serves', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate-storage') continue; // a one-shot job: it ends, it is not probed
      expect(service.healthcheck?.test.length).toBeGreaterThan(0);
      const probe = service.healthcheck!.test.join(' ');
      if (name === 'gateway') expect(probe).toContain(`:${GATEWAY_PORT}/health/ready`);
      const subgraph = SUBGRAPHS.find((s) => s.name === name);
      // A subgraph is healthy when it can serve: its readiness includes its storage.
      if (subgraph) expect(probe).toContain(`:${subgraph.port}/health/ready`);
      const simulated = AGENCY_SUBGRAPHS.find((s) => simulatorService(s.agency) === name);
      if (simulated) expect(probe).toContain(`:${simulated.agencyPort}/_sim/health`);
    }
  });

  // Debian's docker-compose validates the file without an engine; machines without it rely on the checks above.
  const composeBinary = spawnSync('sh', ['-c', 'command -v docker-compose']).status === 0;
  (composeBinary ? it : it.skip)('is a valid compose file to docker-compose itself', () => {
    execFileSync('docker-compose', ['-f', COMPOSE_FILE, 'config', '-q'], { stdio: 'pipe' });
  });
});
