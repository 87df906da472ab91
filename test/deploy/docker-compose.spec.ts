import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../lib/config';
import { AGENCY_SUBGRAPHS, PLATFORM_SUBGRAPHS, GATEWAY_PORT, REPO_ROOT, SUBGRAPHS, agencyUrlVariable, subgraphUrlVariable } from '../../schema/subgraphs';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
const compose = parse(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const simulatorService = (agency: string) => `${agency}-simulator`;

describe('docker-compose.yml', () => {
  it('has exactly the gateway, the nine subgraphs, the seven agency simulators, Redis and PostgreSQL', () => {
    const expected = ['gateway', 'redis', 'postgres', ...SUBGRAPHS.map((s) => s.name), ...AGENCY_SUBGRAPHS.map((s) => simulatorService(s.agency))];
    expect(Object.keys(services).sort()).toEqual(expected.sort());
  });

  it('runs each piece with the role and port the code uses', () => {
    expect(services.gateway!.command).toEqual(['npx', 'tsx', 'scripts/serve.ts', 'gateway']);
    expect(services.gateway!.ports).toEqual([`${GATEWAY_PORT}:${GATEWAY_PORT}`]);
    for (const entry of SUBGRAPHS) {
      expect(services[entry.name]!.command).toEqual(['npx', 'tsx', 'scripts/serve.ts', 'subgraph', entry.name]);
      expect(services[entry.name]!.ports).toEqual([`${entry.port}:${entry.port}`]);
    }
    for (const entry of AGENCY_SUBGRAPHS) {
      expect(services[entry.name]!.ports).toEqual([`${entry.port}:${entry.port}`]);
      expect(services[simulatorService(entry.agency)]!.command).toEqual(['npx', 'tsx', 'scripts/serve.ts', 'simulator', entry.agency]);
      expect(services[simulatorService(entry.agency)]!.ports).toEqual([`${entry.agencyPort}:${entry.agencyPort}`]);
    }
  });

  it('wires every subgraph to its simulator and the gateway to every subgraph by the configured variable names', () => {
    for (const entry of AGENCY_SUBGRAPHS) {
      expect(services[entry.name]!.environment![agencyUrlVariable(entry.agency)]).toBe(`http://${simulatorService(entry.agency)}:${entry.agencyPort}`);
      expect(services[entry.name]!.depends_on).toEqual({
        [simulatorService(entry.agency)]: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
    }
    for (const entry of PLATFORM_SUBGRAPHS) expect(services[entry.name]!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const entry of SUBGRAPHS) {
      expect(services.gateway!.environment![subgraphUrlVariable(entry.name)]).toBe(`http://${entry.name}:${entry.port}/graphql`);
    }
  });

  it('gives every subgraph the shared PostgreSQL, as the embedded store cannot be shared between processes', () => {
    for (const entry of SUBGRAPHS) expect(services[entry.name]!.environment!.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
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
      expect(service.healthcheck?.test.length).toBeGreaterThan(0);
      const probe = service.healthcheck!.test.join(' ');
      if (name === 'gateway') expect(probe).toContain(`:${GATEWAY_PORT}/health/ready`);
      const subgraph = SUBGRAPHS.find((s) => s.name === name);
      if (subgraph) expect(probe).toContain(`:${subgraph.port}/health/live`);
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
