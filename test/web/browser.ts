/**
 * The browser specs' Chromium: Debian's (`apt-get install -y chromium`), driven by playwright-core
 * through `executablePath` — never a browser Playwright downloads. Where none is found the specs
 * are skipped, and say why. Flags as this closed network needs them: no background calls to
 * Google's hosts, no sandbox (CI runs as root), a fresh profile per launch (Playwright's own).
 */
import fs from 'node:fs';
import net from 'node:net';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

export const CHROMIUM = CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;

/** Why the browser specs are skipped, or null when they run. */
export const SKIP_REASON = CHROMIUM ? null : `no Chromium at ${CANDIDATES.join(' or ')} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error(SKIP_REASON!);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=Translate,OptimizationHints,MediaRouter'],
  });
}

/** A port free right now (for a process that must be told its port before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
