/**
 * The unified application page (统一申报, 一网查看) in a real browser: the clean couple of
 * docs/scenarios.md, each signing in at the local identity provider (authorization code with
 * PKCE, the provider as a process of its own, as `npm start` runs it) in a browser context of
 * their own. The husband reads what the platform knows, estimates his quota, applies once and
 * consents; his page says the check waits for his wife; she signs in, finds the application and
 * consents herself; the checks run and the application is approved; each signs by face; the mortgage is
 * registered and the loan disbursed — all on the one page, which every borrower sees; the applicant
 * then reviews it (好差评), and the page shows the review he gave.
 * The app calls nothing but the gateway and the identity provider, and only registered operations
 * (the gateway runs TRUSTED_DOCUMENTS=registered-only here).
 */
import type { Page } from 'playwright-core';
import { SCENARIOS } from '../../agencies/data/scenarios';
import { SKIP_REASON } from './browser';
import { startWebSystem, type WebSystem } from './web-system';

const couple = SCENARIOS.cleanCouple;
const husband = couple.applicant;
const wife = couple.spouse!;

if (SKIP_REASON) console.warn(`browser specs skipped: ${SKIP_REASON}`);
const describeInBrowser = SKIP_REASON ? describe.skip : describe;

describeInBrowser(`the citizen's journey in Chromium${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  let web: WebSystem;

  beforeAll(async () => {
    web = await startWebSystem();
  }, 90_000);

  afterAll(() => web?.stop());

  const personsBrowser = () => web.personsBrowser();
  const signIn = (page: Page, idNumber: string) => web.signIn(page, idNumber, '我的申请');

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
    await page.goto(web.appUrl);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await web.screenshot(page, '1-sign-in');
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
    await web.screenshot(page, '2-prefill-and-estimate');
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
    await web.screenshot(page, '3-application-waiting-for-the-spouse');
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
        await web.screenshot(page, '4-application-disbursed');
      }
      await page.context().close();
    }
  }, 120_000);

  it('takes the applicant\'s review of the disbursed application, once, and shows it as given', async () => {
    const page = await personsBrowser();
    await signIn(page, husband.idNumber);
    await page.getByRole('link', { name: new RegExp(applicationId) }).click();
    await page.getByRole('heading', { name: '评价（好差评）' }).waitFor();
    await page.getByLabel('5 非常满意').check();
    await page.getByLabel('意见建议（选填）').fill('一次办好，不用跑腿');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByTestId('review').filter({ hasText: '您的评价' }).waitFor();
    expect(await page.getByTestId('review').innerText()).toBe('您的评价：5 分 非常满意 · 一次办好，不用跑腿');
    // The graph keeps it: the page, read again, says it was given, and asks no more.
    await page.getByRole('heading', { name: '办理进度' }).locator('..').getByText(/评价/).waitFor();
    await page.reload();
    await page.getByTestId('review').filter({ hasText: /^您已于 .+ 评价，感谢。$/ }).waitFor();
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('asked nothing of any host but the gateway and the identity provider', () => {
    expect(web.elsewhere).toEqual([]);
  });
});
