/**
 * What every browser spec stands on: the system as `npm start` runs it (the gateway serving the
 * built app, TRUSTED_DOCUMENTS=registered-only, a fast loan worker, the application page reading a
 * case every half second), the local identity provider
 * as a process of its own (jest cannot load oidc-provider), and Debian's Chromium; each person in a
 * browser context of their own, on a phone-sized screen, every request it makes watched.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEVELOPMENT_PASSWORD } from '../../identity-provider/accounts';
import { loadConfig } from '../../lib/config';
import { LOAN_ENGINE } from '../../lib/services';
import { REPO_ROOT } from '../../schema/subgraphs';
import { WEB_APP_DIR } from '../../gateway/plugins/web-app';
import { buildWebApp } from '../../scripts/web-app';
import { FAST_LOAN_WORKER } from '../loan/support/loans';
import { onceUnderLock } from '../support/once-under-lock';
import { startTestSystem, type TestSystem } from '../support/system';
import { freePort, launchChromium } from './browser';

const WORKER_SECRET = 'browser-spec-loan-worker-secret-0123456789';
/**
 * How often the application page reads a case still being worked here (AppConfig.pollMs): an
 * eighth of its 4 s, so that a spec waiting for the loan worker's next step sees it within half a
 * second of it rather than four. Each person's per-minute budget of the caller limits grows as much,
 * so that a page read eight times as often stays as far inside it as a person's page.
 */
const POLL_MS = 500;
const POLL_SPEED_UP = 4000 / POLL_MS;

export interface WebSystem {
  system: TestSystem;
  appUrl: string;
  /** Every request a page made to a host other than the gateway and the identity provider. */
  elsewhere: string[];
  /** A person's own browser. */
  personsBrowser(): Promise<Page>;
  /** Signs in at the identity provider as the person would: the app's button, the provider's form, back to the app (which shows `landing`). */
  signIn(page: Page, login: string, landing: string): Promise<void>;
  /** What the page shows, for a failure's message. */
  shown(page: Page): Promise<string>;
  /** Saves the whole page as `<name>.png` under WEB_SCREENSHOTS_DIR (`npm run screenshots`: docs/screenshots/); nothing when unset. */
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Where the specs save their screenshots, or null: only `npm run screenshots` asks for them, so a test run leaves the tree as it was. */
const SCREENSHOTS_DIR = process.env.WEB_SCREENSHOTS_DIR ? path.resolve(REPO_ROOT, process.env.WEB_SCREENSHOTS_DIR) : null;

/** Starts the local identity provider as its own process on the port its environment names. */
async function startProvider(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/serve.ts', 'identity-provider'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: '1', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the identity provider did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('identity provider listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the identity provider exited (${code}):\n${output}`)));
  });
  return child;
}

/**
 * The app built once per state of its sources for all the browser specs of a run (each Vite build
 * takes a core for some ten seconds): web/build carries the sources' hash it was built from, and a
 * lock keeps two workers from building it at once.
 */
function buildWebAppOnce(): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z', 'web'], { cwd: REPO_ROOT }).toString('utf8').split('\0').filter(Boolean).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(REPO_ROOT, file)));
  const key = hash.digest('hex');
  const stamp = path.join(WEB_APP_DIR, '.built-from');
  const current = () => fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key;
  onceUnderLock(
    `${WEB_APP_DIR}.lock`,
    current,
    () => {
      buildWebApp();
      fs.writeFileSync(stamp, key);
    },
    'the web app',
  );
}

export async function startWebSystem(): Promise<WebSystem> {
  buildWebAppOnce();
  const providerPort = await freePort();
  const issuer = `http://127.0.0.1:${providerPort}`;
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-web-keys-'));
  // The gateway trusts the provider (its JWKS is fetched on the first token), which then learns where the gateway listens.
  const system = await startTestSystem({
    ...FAST_LOAN_WORKER,
    TRUSTED_DOCUMENTS: 'registered-only',
    AUTH_ISSUER: issuer,
    AUTH_JWKS_URL: `${issuer}/jwks`,
    AUTH_TOKEN_URL: `${issuer}/token`,
    AUTH_KEYS_DIR: keysDir,
    AUTH_CLIENT_ID: LOAN_ENGINE,
    AUTH_CLIENT_SECRET: WORKER_SECRET,
    RATE_LIMIT_PER_MINUTE: String(loadConfig({ NODE_ENV: 'test' }).callerLimits.perMinute * POLL_SPEED_UP),
  });
  const gateway = new URL(system.gatewayUrl);
  let provider: ChildProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const stop = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    provider?.kill('SIGTERM');
    await system.stop();
  };
  // The provider and the browser start side by side; should either fail, whatever did start is stopped.
  const started = await Promise.allSettled([
    startProvider({ IDENTITY_PROVIDER_PORT: String(providerPort), GATEWAY_PORT: gateway.port, AUTH_KEYS_DIR: keysDir, AUTH_CLIENT_ID: LOAN_ENGINE, AUTH_CLIENT_SECRET: WORKER_SECRET }).then((child) => (provider = child)),
    launchChromium().then((launched) => (browser = launched)),
  ]);
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const opened = browser!;
  const appUrl = `${gateway.origin}/app/`;
  const allowedOrigins = new Set([gateway.origin, issuer]);
  const elsewhere: string[] = [];
  const consoleLines: string[] = [];
  // The app's page as the gateway serves it, its config naming the spec's poll interval besides:
  // set as the parser adds the <meta name="hpf-config">, before the app's script reads it. (Not by
  // routing the page through the spec: Chromium then takes it for a public page, and refuses its
  // calls to the identity provider on the loopback.)
  const pollInterval = `new MutationObserver((_, observer) => {
    const meta = document.querySelector('meta[name="hpf-config"]');
    if (!meta) return;
    observer.disconnect();
    meta.content = JSON.stringify({ ...JSON.parse(meta.content), pollMs: ${POLL_MS} });
  }).observe(document, { childList: true, subtree: true });`;
  const shown = async (page: Page) => (await page.locator('body').innerText().catch(() => '')).slice(0, 3000);

  return {
    system,
    appUrl,
    elsewhere,
    shown,
    stop,
    async screenshot(page, name) {
      if (!SCREENSHOTS_DIR) return;
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
    },
    async personsBrowser() {
      const context = await opened.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      contexts.push(context);
      await context.addInitScript({ content: pollInterval });
      const page = await context.newPage();
      page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (!['data:', 'about:'].includes(url.protocol) && !allowedOrigins.has(url.origin)) elsewhere.push(request.url());
      });
      return page;
    },
    async signIn(page, login, landing) {
      await page.goto(appUrl);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByLabel(/身份证号/).fill(login);
      await page.getByLabel(/密码/).fill(DEVELOPMENT_PASSWORD);
      await page.getByRole('button', { name: /登录/ }).press('Enter');
      await page.getByRole('heading', { name: landing }).waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
        throw new Error(`not signed in: at ${page.url()}: ${await shown(page)}\n${consoleLines.join('\n')}`, { cause: error });
      });
    },
  };
}
