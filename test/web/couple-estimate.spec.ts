/**
 * A couple's quota estimate (夫妻合并试算) in a real browser: the clean couple of docs/scenarios.md,
 * each in a browser of their own. The wife, on her own page, reads the estimate consent in plain
 * words and gives it to 福州 (350100); the husband's estimate with his spouse then counts two
 * depositors; she withdraws it on the same page, and his next estimate says plainly she is no
 * longer in it (never an error), with his own figures instead. Only registered operations are sent
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

describeInBrowser(`the couple's quota estimate in Chromium${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  let web: WebSystem;

  beforeAll(async () => {
    web = await startWebSystem();
  }, 90_000);

  afterAll(() => web?.stop());

  const signIn = (page: Page, idNumber: string) => web.signIn(page, idNumber, '我的申请');

  it('counts the wife in the husband’s estimate while her own consent is in force, and no longer once she withdraws it', async () => {
    // She gives the estimate consent on her own page, for 福州, 30 days by default, having read what it shares.
    const hers = await web.personsBrowser();
    const his = await web.personsBrowser();
    for (const page of [hers, his]) page.setDefaultTimeout(8_000);
    try {
      await journey(hers, his);
    } catch (error) {
      throw new Error(`${String(error)}\n--- hers:\n${await web.shown(hers)}\n--- his:\n${await web.shown(his)}`, { cause: error });
    }
  }, 30_000);

  async function journey(hers: Page, his: Page): Promise<void> {
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

  it('asked nothing of any host but the gateway and the identity provider', () => {
    expect(web.elsewhere).toEqual([]);
  });
});
