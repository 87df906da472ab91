/**
 * The unified application page (统一申报, 一网查看) in a real browser: the clean couple of
 * docs/scenarios.md, each signing in at the local identity provider (authorization code with
 * PKCE, the provider as a process of its own, as `npm start` runs it) in a browser context of
 * their own. The husband reads what the platform knows, estimates his quota, applies once and
 * consents; his page says the check waits for his wife; she signs in, finds the application and
 * consents herself; the checks run and the application is approved; each signs by face; the mortgage is
 * registered and the loan disbursed — all on the one page, which every borrower sees; the applicant
 * then reviews it (好差评), and the page shows the review he gave. Before that, the couple's quota
 * estimate: the wife gives her consent to it on her own page, his estimate counts both of them,
 * and once she withdraws it his page says plainly she is no longer in it.
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

  it('before anyone applies, counts the wife in the husband’s estimate (夫妻合并试算) while her own consent to it is in force, and no longer once she withdraws it', async () => {
    // She gives the estimate consent on her own page, for 福州, 30 days by default, having read what it shares.
    const hers = await web.personsBrowser();
    const his = await web.personsBrowser();
    for (const page of [hers, his]) page.setDefaultTimeout(8_000);
    try {
      await coupleEstimate(hers, his);
    } catch (error) {
      throw new Error(`${String(error)}\n--- hers:\n${await web.shown(hers)}\n--- his:\n${await web.shown(his)}`, { cause: error });
    }
  }, 30_000);

  /** Her estimate consent on her own page, read in plain words, given to 福州 and withdrawn; his estimate with her, then without. */
  async function coupleEstimate(hers: Page, his: Page): Promise<void> {
    await signIn(hers, wife.idNumber);
    const card = hers.getByTestId('estimate-consent');
    await card.getByRole('heading', { name: '为配偶额度试算授权' }).waitFor();
    await card.getByTestId('estimate-consent-none').waitFor();
    expect(await card.getByLabel(/有效期/).inputValue()).toBe('30');
    await card.getByLabel(/受理中心/).selectOption('350100');
    const terms = await card.locator('dl').innerText();
    expect(terms).toMatch(/公积金账户和公积金贷款/);
    expect(terms).toMatch(/登记在您名下的房产/);
    expect(terms).toMatch(/受理中心 350100 福州住房公积金中心/);
    expect(terms).toMatch(/（30 天）/);
    expect(terms).toMatch(/随时可在本页撤回/);
    await card.getByLabel('我同意以上额度试算授权').check();
    await card.getByRole('button', { name: '授权', exact: true }).click();
    await card.getByTestId('estimate-consents').getByText(/^受理中心 350100 福州住房公积金中心，有效至 /).waitFor();

    // He estimates with his spouse: she is in it, the cap is the two depositors'.
    await signIn(his, husband.idNumber);
    await his.getByRole('button', { name: '开始新的申请' }).click();
    await his.getByLabel('网签备案合同号').fill(couple.purchase.contractNumber);
    await his.getByRole('button', { name: '读取' }).click();
    await his.getByText(husband.name, { exact: true }).waitFor();
    await his.getByLabel('与配偶合并试算').check();
    await his.getByRole('button', { name: '试算' }).click();
    const answer = his.getByTestId('couple-estimate');
    await answer.filter({ hasText: '夫妻合并试算' }).waitFor();
    expect(await answer.getAttribute('data-spouse')).toBe('INCLUDED');
    const bounds = his.locator('ul.bounds');
    expect(await bounds.locator('li').first().innerText()).toMatch(/^LOAN_CAP ¥[\d,]+\.\d\d — .*夫妻双方缴存/);
    expect(await bounds.locator('li').count()).toBe(4);
    // The home they buy is pre-registered to them already: read by its unit, it is not another home.
    expect(await his.locator('.fact', { hasText: '套数认定' }).locator('dd').innerText()).toBe('FIRST');
    expect(await his.getByTestId('maximum-amount').textContent()).toMatch(/^¥[\d,]+\.\d\d$/);
    expect(await his.getByRole('alert').count()).toBe(0);

    // She withdraws it; his next estimate says plainly she is no longer in it, and shows his own.
    await card.getByRole('button', { name: '撤回受理中心 350100 福州住房公积金中心 的额度试算授权' }).click();
    await card.getByTestId('estimate-consent-none').waitFor();
    await his.getByRole('button', { name: '试算' }).click();
    await answer.filter({ hasText: '尚未为受理中心 350100 的额度试算授权' }).waitFor();
    expect(await answer.getAttribute('data-spouse')).toBe('NOT_CONSENTED');
    expect(await answer.innerText()).toMatch(/首页“为配偶额度试算授权”中授权/);
    expect(await bounds.locator('li').first().innerText()).not.toMatch(/夫妻双方缴存/);
    expect(await his.getByRole('alert').count()).toBe(0);
  }

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
