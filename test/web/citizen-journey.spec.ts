/**
 * The unified application page (统一申报, 一网查看) in a real browser: the clean couple of
 * docs/scenarios.md, each signing in at the local identity provider (authorization code with
 * PKCE, the provider as a process of its own, as `npm start` runs it) in a browser context of
 * their own. The husband reads what the platform knows, estimates his quota, applies once and
 * consents; his page says the check waits for his wife; she signs in, finds the application and
 * consents herself; the checks run and the application is approved; each signs by face; the mortgage is
 * registered and the loan disbursed — all on the one page, which every borrower sees.
 * The app calls nothing but the gateway and the identity provider, and only registered operations
 * (the gateway runs TRUSTED_DOCUMENTS=registered-only here).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { DEVELOPMENT_PASSWORD } from '../../identity-provider/accounts';
import { LOAN_ENGINE } from '../../lib/services';
import { REPO_ROOT } from '../../schema/subgraphs';
import { buildWebApp } from '../../scripts/web-app';
import { FAST_LOAN_WORKER } from '../loan/support/loans';
import { startTestSystem, type TestSystem } from '../support/system';
import { SKIP_REASON, freePort, launchChromium } from './browser';

const couple = SCENARIOS.cleanCouple;
const husband = couple.applicant;
const wife = couple.spouse!;
const WORKER_SECRET = 'browser-spec-loan-worker-secret-0123456789';

if (SKIP_REASON) console.warn(`browser specs skipped: ${SKIP_REASON}`);
const describeInBrowser = SKIP_REASON ? describe.skip : describe;

/** Starts the local identity provider as its own process (jest cannot load oidc-provider) on `port`. */
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

describeInBrowser(`the citizen's journey in Chromium${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  let provider: ChildProcess | undefined;
  let system: TestSystem;
  let browser: Browser;
  let appUrl: string;
  let allowedOrigins: Set<string>;
  const elsewhere: string[] = [];
  const consoleLines: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    buildWebApp();
    const providerPort = await freePort();
    const issuer = `http://127.0.0.1:${providerPort}`;
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-web-keys-'));
    // The gateway trusts the provider (its JWKS is fetched on the first token), which then learns where the gateway listens.
    system = await startTestSystem({
      ...FAST_LOAN_WORKER,
      TRUSTED_DOCUMENTS: 'registered-only',
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_TOKEN_URL: `${issuer}/token`,
      AUTH_KEYS_DIR: keysDir,
      AUTH_CLIENT_ID: LOAN_ENGINE,
      AUTH_CLIENT_SECRET: WORKER_SECRET,
    });
    const gateway = new URL(system.gatewayUrl);
    provider = await startProvider({ IDENTITY_PROVIDER_PORT: String(providerPort), GATEWAY_PORT: gateway.port, AUTH_KEYS_DIR: keysDir, AUTH_CLIENT_ID: LOAN_ENGINE, AUTH_CLIENT_SECRET: WORKER_SECRET });
    appUrl = `${gateway.origin}/app/`;
    allowedOrigins = new Set([gateway.origin, issuer]);
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    provider?.kill('SIGTERM');
    await system?.stop();
  });

  /** A person's own browser, on a phone-sized screen, every request it makes watched. */
  async function personsBrowser(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'about:'].includes(url.protocol) && !allowedOrigins.has(url.origin)) elsewhere.push(request.url());
    });
    return page;
  }

  /** What the page shows, for a failure's message. */
  const shown = async (page: Page) => (await page.locator('body').innerText().catch(() => '')).slice(0, 3000);

  /** Signs in at the identity provider, as the person would: the app's button, the provider's form, back to the app. */
  async function signIn(page: Page, idNumber: string): Promise<void> {
    await page.goto(appUrl);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByLabel(/身份证号/).fill(idNumber);
    await page.getByLabel(/密码/).fill(DEVELOPMENT_PASSWORD);
    await page.getByRole('button', { name: /登录/ }).press('Enter');
    await page.getByRole('heading', { name: '我的申请' }).waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`not signed in: at ${page.url()}: ${await shown(page)}\n${consoleLines.join('\n')}`, { cause: error });
    });
  }

  const statusOf = (page: Page) => page.getByTestId('status');

  async function consent(page: Page): Promise<void> {
    await page.getByRole('heading', { name: '您的授权' }).waitFor();
    await page.getByLabel('我同意上述授权').check();
    await page.getByRole('button', { name: '授权', exact: true }).click();
    await page.getByText('您已为本申请授权。').waitFor();
  }

  async function signByFace(page: Page): Promise<void> {
    await page.getByLabel('我同意为本次签约进行人脸比对').check();
    await page.getByRole('button', { name: '刷脸' }).click();
    await page.getByText('人脸比对通过。').waitFor();
    await page.getByRole('button', { name: '签署合同' }).click();
    await page.getByText('您已签署。').waitFor();
  }

  let applicationId: string;

  it('signs the applicant in by PKCE, prefills from the agencies, estimates the quota and submits once; his page waits for his wife', async () => {
    const page = await personsBrowser();
    await signIn(page, husband.idNumber);
    await page.getByRole('button', { name: '开始新的申请' }).click();
    await page.getByLabel('网签备案合同号').fill(couple.purchase.contractNumber);
    await page.getByRole('button', { name: '读取' }).click();
    // Each value with its source agency and when it was read.
    await page.getByText(husband.name, { exact: true }).waitFor();
    await page.getByText(/来源: 公积金中心/).first().waitFor();
    await page.getByRole('button', { name: '试算' }).click();
    await page.getByTestId('maximum-amount').waitFor();
    expect(await page.getByTestId('maximum-amount').textContent()).toMatch(/^¥[\d,]+\.\d\d$/);
    await page.getByLabel('申请金额（元）').fill('600000');
    if (!(await page.getByLabel('配偶身份证号').inputValue())) await page.getByLabel('配偶身份证号').fill(wife.idNumber);
    await page.getByLabel('配偶姓名').fill(wife.name);
    await page.getByLabel(/本人承诺/).check();
    await page.getByRole('button', { name: '提交申请' }).click();

    await page.getByRole('heading', { name: /申请编号/ }).waitFor();
    applicationId = /#\/applications\/(.+)$/.exec(page.url())![1]!;
    expect(await statusOf(page).textContent()).toBe('已受理，核验中');
    await page.getByText(/法定时限（15日）/).waitFor();
    await page.getByText(/承诺时限/).first().waitFor();
    await consent(page);
    // The checks that read his wife wait for her, and say so.
    await page.getByText('等待配偶登录并授权。').first().waitFor();
    await page.context().close();
  }, 60_000);

  it('lets the spouse sign in herself, find the application and consent; the application is then decided', async () => {
    const page = await personsBrowser();
    await signIn(page, wife.idNumber);
    await page.getByRole('link', { name: new RegExp(applicationId) }).click();
    await consent(page);
    await statusOf(page).filter({ hasText: '已批准，待签约' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('decision').getByText('批准').waitFor();
    await page.context().close();
  }, 60_000);

  it('has each borrower sign by face on the same page, after which it shows the mortgage certificate and the disbursement', async () => {
    for (const person of [husband, wife]) {
      const page = await personsBrowser();
      await signIn(page, person.idNumber);
      await page.getByRole('link', { name: new RegExp(applicationId) }).click();
      await signByFace(page);
      await page.getByText(/^您: 已签/).waitFor();
      if (person === wife) {
        await page.getByText(/^借款人: 已签/).waitFor();
        // Once both have signed: the mortgage is registered, then the entrusted bank disburses — on the same page.
        await page.getByRole('heading', { name: '抵押登记' }).waitFor({ timeout: 30_000 });
        expect(await page.getByText(/^不动产登记证明号: /).textContent()).toMatch(/^不动产登记证明号: \S+ · /);
        await statusOf(page).filter({ hasText: '已放款' }).waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('disbursement').textContent()).toMatch(/^贷款账号: \S+ · 放款日 \d{4}-\d\d-\d\d$/);
        await page.getByText(/^首期还款: /).waitFor();
      }
      await page.context().close();
    }
  }, 120_000);

  it('asked nothing of any host but the gateway and the identity provider', () => {
    expect(elsewhere).toEqual([]);
  });
});
