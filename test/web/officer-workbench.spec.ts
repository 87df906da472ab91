/**
 * The officer's workbench (审批工作台) in a real browser: a fund officer of 厦门 signs in at the
 * local identity provider with a staff number (authorization code with PKCE, as a citizen does)
 * and the same app opens on the centre's applications. A single applicant of docs/scenarios.md
 * asks more than she may borrow, so the platform refers the application; the officer finds it
 * under the referred filter with both deadlines counting down, reads why it was referred (the
 * limit that binds), and rejects it with a reason that the applicant is then shown.
 */
import { SCENARIOS } from '../../agencies/data/scenarios';
import { DEVELOPMENT_OFFICERS } from '../../identity-provider/accounts';
import { VIEW, inputFor, submitWithConsents, untilDecided } from '../loan/support/loans';
import { SKIP_REASON } from './browser';
import { startWebSystem, type WebSystem } from './web-system';

const XIAMEN = '350200';
const officer = DEVELOPMENT_OFFICERS.find((account) => account.centre === XIAMEN)!;
const applicant = SCENARIOS.singleApplicant;
const REASON = '申请金额超过可贷最高额度，请按试算额度重新申请。';

const describeInBrowser = SKIP_REASON ? describe.skip : describe;

describeInBrowser(`the officer's workbench in Chromium${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  let web: WebSystem;
  let applicationId: string;

  beforeAll(async () => {
    web = await startWebSystem();
    // Filed and consented to as the applicant would in the app (the citizen's journey spec drives that part).
    applicationId = await submitWithConsents(web.system, applicant, inputFor(applicant, { amount: '900000.00' }), XIAMEN);
    const asOfficer = await web.system.asOfficer(XIAMEN);
    expect((await untilDecided(asOfficer, applicationId)).status).toBe('REFERRED');
  }, 90_000);

  afterAll(() => web?.stop());

  it('lists the referred application with its deadlines, shows why it was referred, and rejects it with a reason the applicant sees', async () => {
    const page = await web.personsBrowser();
    await web.signIn(page, officer.accountId, '本中心的申请');
    const row = page.locator(`[data-application="${applicationId}"]`);
    await row.waitFor();
    await web.screenshot(page, '5-officer-workbench');
    expect(await row.innerText()).toMatch(/已转人工审核[\s\S]*法定时限（15日）: 剩余 1[45] 天 · 承诺时限: 剩余 \d+ 天/);
    // A check state no application is in: the list says so.
    await page.getByLabel('核验状态').selectOption('GAVE_UP');
    await page.getByText('没有符合条件的申请。').waitFor();
    await page.getByLabel('核验状态').selectOption('');
    await row.getByRole('link').click();

    await page.getByRole('heading', { name: '人工审核' }).waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('已转人工审核');
    expect(await page.getByTestId('deadlines').innerText()).toMatch(/剩余 1[45] 天/);
    expect(await page.getByTestId('reasons').innerText().then((text) => text.trim().length)).toBeGreaterThan(0);
    await page.getByLabel('审核意见').fill(REASON);
    await web.screenshot(page, '6-officer-review');
    await page.getByRole('button', { name: '不予批准' }).click();
    await page.getByTestId('status').filter({ hasText: '未获批准' }).waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`not rejected: ${await web.shown(page)}`, { cause: error });
    });
    expect(await page.getByTestId('officer-reason').textContent()).toBe(`审核人 ${officer.accountId}: ${REASON}`);
    await page.getByRole('heading', { name: '人工审核' }).waitFor({ state: 'detached' });

    // The applicant reads the officer's decision and its reason.
    const asApplicant = await web.system.asApplicant(applicant.applicant.idNumber);
    const seen = (await asApplicant(VIEW, { id: applicationId })).body.data.loanApplication;
    expect(seen).toMatchObject({ status: 'REJECTED', decision: { outcome: 'REJECTED', officer: officer.accountId, officerReason: REASON } });
  }, 60_000);

  it('asked nothing of any host but the gateway and the identity provider', () => {
    expect(web.elsewhere).toEqual([]);
  });
});
