/**
 * The service hall (帮代办) in a real browser: an applicant of docs/scenarios.md, approved and due
 * to sign, authorizes the hall agent hall-7 (a stored proxy authorization, given through the API).
 * The agent signs in at the local identity provider naming the applicant and that authorization,
 * sees the applicant as the policy shows them to a proxy (the mobile number masked), opens the
 * application and attests the applicant's identity in person, which gives the proof the applicant
 * signs with: she enters it on her own page instead of the face check and signs, and the mortgage
 * is registered and the loan disbursed. Another agent naming the same applicant and authorization
 * gets nothing.
 */
import { SCENARIOS } from '../../agencies/data/scenarios';
import persisted from '../../web/src/generated/persisted-documents.json';
import { DEVELOPMENT_AGENTS, DEVELOPMENT_PASSWORD } from '../../identity-provider/accounts';
import { submitWithConsents, untilDecided } from '../loan/support/loans';
import { SKIP_REASON } from './browser';
import { startWebSystem, type WebSystem } from './web-system';
import type { Page } from 'playwright-core';

const [agent, stranger] = DEVELOPMENT_AGENTS as [(typeof DEVELOPMENT_AGENTS)[number], (typeof DEVELOPMENT_AGENTS)[number]];
const applicant = SCENARIOS.singleApplicant.applicant;
/** The app's own registered operations (the gateway takes no other): by name. */
const operation = (name: string) => Object.values(persisted as Record<string, string>).find((text) => text.includes(` ${name}(`) || text.includes(` ${name} {`))!;
const GRANT_PROXY = operation('GrantProxy');
const ME = operation('HallPage');

const describeInBrowser = SKIP_REASON ? describe.skip : describe;

describeInBrowser(`the service hall in Chromium${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  let web: WebSystem;
  let applicationId: string;
  let authorizationId: string;
  let own: { name: string; mobile: string };
  /** The proof the agent attested, as the page showed it: what the applicant is told to sign with. */
  let hallProof: string;

  beforeAll(async () => {
    web = await startWebSystem();
    applicationId = await submitWithConsents(web.system, SCENARIOS.singleApplicant);
    expect((await untilDecided(await web.system.asOfficer('350100'), applicationId)).status).toBe('APPROVED');
    const herself = await web.system.asApplicant(applicant.idNumber);
    own = (await herself(ME)).body.data.me;
    const inOneMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    authorizationId = (await herself(GRANT_PROXY, { input: { agent: agent.accountId, scopes: ['VIEW_DATA', 'ATTEST_IDENTITY'], validUntil: inOneMonth } })).body.data.grantProxyAuthorization.id;
  }, 90_000);

  afterAll(() => web?.stop());

  /** The hall's sign-in: the agent's account, and whom they act for under which authorization. */
  async function hallSignIn(page: Page, login: string): Promise<void> {
    await page.goto(web.appUrl);
    await page.getByRole('button', { name: '服务大厅代办登录' }).click();
    await page.getByLabel(/身份证号或工号/).fill(login);
    await page.getByLabel(/密码/).fill(DEVELOPMENT_PASSWORD);
    await page.getByLabel(/委托人公民身份号码/).fill(applicant.idNumber);
    await page.getByLabel(/委托书编号/).fill(authorizationId);
    await page.getByRole('button', { name: /登录/ }).press('Enter');
    await page.getByRole('heading', { name: '代办：委托人' }).waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`not signed in: at ${page.url()}: ${await web.shown(page)}`, { cause: error });
    });
  }

  it('shows the authorized agent the applicant, masked as for a proxy, and lets them attest her identity in person', async () => {
    const page = await web.personsBrowser();
    await hallSignIn(page, agent.accountId);
    const acting = await page.getByTestId('acting-for').innerText();
    expect(acting).toContain(own.name);
    expect(acting).toContain(applicant.idNumber);
    // The mobile number is clear to the person only: the proxy sees it masked.
    expect(acting).not.toContain(own.mobile);
    expect(acting).toMatch(/手机号码\s*\d{3}\*+\d{2,4}/);
    await web.screenshot(page, '7-service-hall');

    await page.locator(`a[href="#/applications/${applicationId}"]`).click();
    await page.getByRole('heading', { name: '当面核验身份' }).waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('已批准，待签约');
    await page.getByLabel('核验登记号').fill('HALL-GULOU-0001');
    await page.getByRole('button', { name: '确认已当面核验' }).click();
    await page.getByTestId('in-person-proof').waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`not attested: ${await web.shown(page)}`, { cause: error });
    });
    expect(await page.getByTestId('in-person-proof').innerText()).toMatch(/^已当面核验，核验凭证：\S{16,}/);
    hallProof = (await page.getByTestId('in-person-proof').locator('.mono').innerText()).trim();
    await page.context().close();
  }, 60_000);

  it('lets the applicant sign with the proof the agent attested, instead of her face, after which the loan is disbursed', async () => {
    const page = await web.personsBrowser();
    await web.signIn(page, applicant.idNumber, '我的申请');
    await page.locator(`a[href="#/applications/${applicationId}"]`).click();
    await page.getByRole('heading', { name: '或：凭服务大厅的当面核验凭证' }).waitFor();
    await page.getByLabel('核验凭证', { exact: true }).fill(hallProof);
    await page.getByRole('button', { name: '使用核验凭证' }).click();
    await page.getByRole('button', { name: '签署合同' }).click();
    await page.getByText('您已签署。').waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`not signed: ${await web.shown(page)}`, { cause: error });
    });
    await page.getByRole('heading', { name: '抵押登记' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('status').filter({ hasText: '已放款' }).waitFor({ timeout: 30_000 });
    await page.context().close();
  }, 90_000);

  it('gives an agent the applicant did not authorize nothing of hers', async () => {
    const page = await web.personsBrowser();
    await hallSignIn(page, stranger.accountId);
    await page.getByTestId('proxy-not-verified').waitFor();
    const shown = await web.shown(page);
    expect(shown).not.toContain(own.name);
    expect(shown).not.toContain(applicationId);
  }, 60_000);

  it('asked nothing of any host but the gateway and the identity provider', () => {
    expect(web.elsewhere).toEqual([]);
  });
});
