/**
 * `loanQuotaEstimate`: the calculator's figures in, the estimate out, each bound explained with its
 * figures. The arithmetic is the domain's (domain/estimate.ts over domain/quota.ts); this file only
 * checks the input, reads a consenting spouse's figures for a couple's estimate, and words the answer.
 */
import { GraphQLError } from 'graphql';
import { badUserInput } from '../../lib/errors';
import { ESTIMATE_PURPOSE } from '../../lib/estimate-consent';
import { formatFen } from '../../lib/scalars';
import type { EntityRefs } from '../shared/entity-ref';
import type { GatewayClient } from '../shared/gateway-client';
import { isKnownCentre, policyFor, type IncreaseKind } from './domain/centre-policy';
import { estimateQuota, householdCounts, type EstimateInput, type EstimatePerson } from './domain/estimate';
import type { BoundName, Bounds } from './domain/quota';
import { parseMoney } from '../../lib/scalars';
import type { CoupleQuotaEstimateInput, OwnQuotaEstimateInput, QuotaBoundName, QuotaEstimateInput, QuotaEstimatePersonInput } from './generated/resolvers-types';
import { document } from './workflow/operations';
import type { EstimateSpouseFiguresQuery, EstimateSpouseFiguresQueryVariables } from './workflow/generated/operations';

const BOUND_NAMES: { readonly [B in BoundName]: QuotaBoundName } = {
  loanCap: 'LOAN_CAP',
  depositFormula: 'DEPOSIT_FORMULA',
  repaymentCapacity: 'REPAYMENT_CAPACITY',
  loanToPrice: 'LOAN_TO_PRICE',
};

const yuan = (fen: number) => `${formatFen(fen)}元`;
const percent = (basisPoints: number) => `${basisPoints / 100}%`;

function person(input: QuotaEstimatePersonInput, field: string): EstimatePerson {
  const amounts = { balance: input.balance, depositBase: input.depositBase, monthlyDeposit: input.monthlyDeposit, existingMonthlyRepayment: input.existingMonthlyRepayment ?? 0 };
  for (const [name, fen] of Object.entries(amounts)) if ((fen as number) < 0) throw badUserInput(`${field}.${name}`, 'give an amount of 0 or more');
  return {
    accounts: [
      {
        normal: input.depositing ?? true,
        balanceFen: input.balance as number,
        averageBalanceFen: (input.averageBalance ?? input.balance) as number,
        monthlyDepositFen: input.monthlyDeposit as number,
        depositBaseFen: input.depositBase as number,
        firstDepositDate: input.firstDepositDate as string,
      },
    ],
    existingMonthlyRepaymentFen: (input.existingMonthlyRepayment ?? 0) as number,
  };
}


const INCREASE_NAMES: Record<IncreaseKind, string> = { MULTI_CHILD: '多子女', GREEN_BUILDING: '绿色建筑', TALENT: '人才' };
/** How each bound came out, in words a calculator page shows beside it. */
function explain(bounds: Bounds): Array<{ name: QuotaBoundName; amount: number; explanation: string }> {
  const lines: Array<{ name: QuotaBoundName; amount: number; explanation: string }> = [];
  for (const name of Object.keys(BOUND_NAMES) as BoundName[]) {
    const bound = bounds[name];
    if (bound.status !== 'COMPUTED') continue;
    let explanation: string;
    if (name === 'loanCap' && bounds.loanCap.status === 'COMPUTED') {
      const d = bounds.loanCap.detail;
      const increases = d.increases.map((i) => `${INCREASE_NAMES[i.kind]} +${yuan(i.addFen)}`).join('，');
      explanation = `${d.depositors === 'TWO' ? '夫妻双方缴存' : '一方缴存'}、${d.homeOrder === 'FIRST' ? '首套' : '二套'}最高额度${yuan(d.baseCapFen)}${increases ? `（${increases}，${d.combine === 'ADD' ? '可叠加' : '取最高'}）` : ''} · cap for ${d.depositors === 'TWO' ? 'two depositors' : 'one depositor'}, ${d.homeOrder.toLowerCase()} home`;
    } else if (name === 'depositFormula' && bounds.depositFormula.status === 'COMPUTED') {
      const d = bounds.depositFormula.detail;
      const what = { CURRENT_BALANCE: ['账户余额', 'balance'], AVERAGE_BALANCE: ['月均余额', 'average balance'], MONTHLY_DEPOSIT: ['月缴存额×12', 'monthly deposit × 12'], DEPOSIT_YEARS: ['缴存年数', 'years of deposit'] }[d.basis];
      const figure = d.basis === 'DEPOSIT_YEARS' ? `${d.figure}年` : yuan(d.figure);
      const factor = d.basis === 'DEPOSIT_YEARS' ? yuan(d.factor) : d.basis === 'MONTHLY_DEPOSIT' ? `${d.factor / 12}` : `${d.factor}`;
      explanation = `${what[0]}${figure} × ${factor}${d.minimumFen > 0 ? `（保底${yuan(d.minimumFen)}）` : ''} · ${what[1]} × ${factor}`;
    } else if (name === 'repaymentCapacity' && bounds.repaymentCapacity.status === 'COMPUTED') {
      const d = bounds.repaymentCapacity.detail;
      explanation = `月还款不超过缴存基数${yuan(d.depositBasesFen)}的${percent(d.maximumPaymentToDepositBaseBasisPoints)}，扣除现有月还款${yuan(d.existingMonthlyRepaymentFen)}，即${yuan(d.monthlyPaymentCapacityFen)}，按${d.annualRatePercent}%、${d.termMonths}个月 · monthly payment within ${percent(d.maximumPaymentToDepositBaseBasisPoints)} of the deposit bases less existing debt`;
    } else if (bounds.loanToPrice.status === 'COMPUTED') {
      const d = bounds.loanToPrice.detail;
      explanation = `${d.priceBasis === 'ASSESSED_VALUE' ? '计税价格' : '合同价格'}${yuan(d.priceBasisFen)} × (1 − 首付${percent(d.minimumDownPaymentBasisPoints)}) · ${d.priceBasis === 'ASSESSED_VALUE' ? 'assessed value' : 'contract price'} less the down payment`;
    } else continue;
    lines.push({ name: BOUND_NAMES[name], amount: bound.amountFen, explanation });
  }
  return lines;
}

/** A person's figures as the provident-fund and real-estate subgraphs answer them (wire format). */
export interface SharedFigures {
  providentFundAccounts: ReadonlyArray<{ status: string; balance: string; averageBalance: string; monthlyDeposit: string; depositBase: string; firstDepositDate: string }> | null;
  providentFundLoans: ReadonlyArray<{ loanNumber: string }> | null;
  realEstateHoldings: { properties: ReadonlyArray<{ unitNumber: string | null }> } | null;
  /** The homes of the minor children in the person's household record: the family's too (认房), as the decision counts them. */
  minorChildrenHoldings: ReadonlyArray<{ properties: ReadonlyArray<{ unitNumber: string | null }> } | null> | null;
}

/**
 * What Applicant.loanQuotaEstimate's and coupleLoanQuotaEstimate's @requires bring from the other
 * subgraphs, as they answered the caller (wire format): their figures, and (the couple's only)
 * whom their marriage record names as the spouse, by sealed ref.
 */
export interface RequiredForEstimate extends SharedFigures {
  marriage: { spouse: { ref: string } | null } | null;
}

type Common = Pick<QuotaEstimateInput, 'centreCode' | 'minorChildren' | 'greenBuildingStars' | 'talentCertified' | 'price' | 'assessedValue' | 'termMonths' | 'repaymentMethod' | 'amount'>;

/** The figures every estimate shares, checked: the centre, the term within its policy, the home. */
function common(input: Common, today: string) {
  if (!isKnownCentre(input.centreCode)) throw badUserInput('centreCode', 'give the code of a Fujian HPF centre (350000 福建省直, 350100 福州 … 350900 宁德)');
  const policy = policyFor(input.centreCode, today);
  if (!Number.isInteger(input.termMonths) || input.termMonths < 12 || input.termMonths > policy.maximumTermMonths) {
    throw badUserInput('termMonths', `give a whole number of months from 12 to ${policy.maximumTermMonths}`);
  }
  const counts = { minorChildren: input.minorChildren ?? 0, greenBuildingStars: input.greenBuildingStars ?? 0 };
  for (const [name, count] of Object.entries(counts)) if (!Number.isInteger(count) || count < 0 || count > 20) throw badUserInput(name, 'give a whole number from 0 to 20');
  if ((input.price as number) <= 0) throw badUserInput('price', 'give the contract price');
  return {
    policy,
    figures: {
      date: today,
      ...counts,
      certifiedTalents: input.talentCertified ? 1 : 0,
      contractPriceFen: input.price as number,
      assessedValueFen: (input.assessedValue ?? null) as number | null,
      termMonths: input.termMonths,
      repaymentMethod: input.repaymentMethod,
      amountFen: (input.amount ?? null) as number | null,
    },
  };
}

/** The calculator anyone may use: every figure by hand. */
export function loanQuotaEstimate(input: QuotaEstimateInput, today: string) {
  const { policy, figures } = common(input, today);
  const counts = { otherHomes: input.otherHomes ?? 0, earlierHpfLoans: input.earlierHpfLoans ?? 0 };
  for (const [name, count] of Object.entries(counts)) if (!Number.isInteger(count) || count < 0 || count > 20) throw badUserInput(name, 'give a whole number from 0 to 20');
  return worded(
    estimateQuota(
      {
        ...figures,
        ...counts,
        applicant: person(input.applicant, 'applicant'),
        spouse: input.spouse ? person(input.spouse, 'spouse') : null,
        coBorrowers: (input.coBorrowers ?? []).map((co, i) => person(co, `coBorrowers.${i}`)),
      },
      policy,
    ),
  );
}

/**
 * A signed-in person's own estimate: their accounts, HPF loans and registered homes as the graph
 * answered the caller (@requires); null when one of them could not be read for this caller.
 */
export function ownQuotaEstimate(shared: Partial<RequiredForEstimate>, input: OwnQuotaEstimateInput, today: string) {
  const { policy, figures } = common(input, today);
  const own = sharedRecords(shared);
  if (!own) return null;
  const estimateInput: EstimateInput = {
    ...figures,
    applicant: sharedPerson(own, declaredDebt(input.existingMonthlyRepayment)),
    spouse: input.spouse ? person(input.spouse, 'spouse') : null,
    coBorrowers: [],
    ...householdCounts([own], input.unitNumber ?? null),
  };
  return worded(estimateQuota(estimateInput, policy));
}

/** A person's three shared records, or null when one of them could not be read for this caller. */
function sharedRecords(shared: Partial<SharedFigures>) {
  const { providentFundAccounts: accounts, providentFundLoans: loans, realEstateHoldings: holdings, minorChildrenHoldings: children } = shared;
  if (!accounts || !loans || !holdings || !children) return null;
  const unitsOf = (held: { properties: ReadonlyArray<{ unitNumber: string | null }> } | null) => (held?.properties ?? []).flatMap((home) => (home.unitNumber ? [home.unitNumber] : []));
  return {
    accounts,
    units: [...unitsOf(holdings), ...children.flatMap(unitsOf)],
    loanNumbers: loans.map((loan) => loan.loanNumber),
  };
}

function declaredDebt(amount: unknown): number {
  const fen = (amount ?? 0) as number;
  if (fen < 0) throw badUserInput('existingMonthlyRepayment', 'give an amount of 0 or more');
  return fen;
}

/** A person's accounts as the bounds read them (quota.ts QuotaAccount), from the wire. */
function sharedPerson(records: NonNullable<ReturnType<typeof sharedRecords>>, existingMonthlyRepaymentFen: number): EstimatePerson {
  return {
    accounts: records.accounts.map((account) => ({
      normal: account.status === 'NORMAL',
      balanceFen: parseMoney(account.balance),
      averageBalanceFen: parseMoney(account.averageBalance),
      monthlyDepositFen: parseMoney(account.monthlyDeposit),
      depositBaseFen: parseMoney(account.depositBase),
      firstDepositDate: account.firstDepositDate,
    })),
    existingMonthlyRepaymentFen,
  };
}

/** What the couple estimate needs besides the figures: the gateway to read the spouse, and the refs to open whom the marriage record names. */
export interface CoupleEstimateDeps {
  gateway: GatewayClient;
  refs: EntityRefs;
}

const SPOUSE_FIGURES = document('estimate-spouse-figures');

/**
 * A couple's estimate: the signed-in person's figures as @requires brought them under their own
 * rights, and the spouse's — the spouse their own marriage record names, by its sealed ref, never
 * anyone the caller names — read through the gateway as the loan engine of the estimate's centre,
 * for the purpose HPF_QUOTA_ESTIMATE and no case. Each of her fields opens only under her consent
 * to lend it to this estimate at this centre (rules.ts hasEstimateConsent), so without it the
 * agencies are not called for her and the answer is NOT_CONSENTED. Null when the person's own
 * records could not be read for this caller.
 */
export async function coupleQuotaEstimate(shared: Partial<RequiredForEstimate>, input: CoupleQuotaEstimateInput, today: string, deps: CoupleEstimateDeps) {
  const { policy, figures } = common(input, today);
  const own = sharedRecords(shared);
  const existing = declaredDebt(input.existingMonthlyRepayment);
  if (!own || !shared.marriage) return null;
  if (!shared.marriage.spouse) return { spouse: 'NO_SPOUSE_ON_RECORD' as const, estimate: null };
  const spouseIdNumber = deps.refs.open('applicant', shared.marriage.spouse.ref);
  const variables: EstimateSpouseFiguresQueryVariables = { spouse: spouseIdNumber };
  const answer = await deps.gateway.query(input.centreCode, null, SPOUSE_FIGURES, variables, { purpose: ESTIMATE_PURPOSE });
  // Her minor children's homes are not asked for: who they are is her identity item, which her
  // estimate consent does not cover. Children in both household records are counted through his.
  const her = (answer.data as EstimateSpouseFiguresQuery | null)?.applicant;
  const hers = sharedRecords(her ? { ...her, minorChildrenHoldings: [] } : {});
  if (!hers) {
    // Her consent is missing for some item: what was refused is hers to give, and nothing is used.
    if (answer.errors.some((error) => error.extensions?.code === 'CONSENT_REQUIRED')) return { spouse: 'NOT_CONSENTED' as const, estimate: null };
    const agency = answer.errors.find((error) => error.extensions?.agency)?.extensions?.agency ?? 'provident-fund';
    throw new GraphQLError("The spouse's figures could not be read now; try the estimate again later.", { extensions: { code: 'AGENCY_UNAVAILABLE', agency } });
  }
  const estimateInput: EstimateInput = {
    ...figures,
    // The couple's declared debt counts once, whichever of them carries it: the bound sums both.
    applicant: sharedPerson(own, existing),
    spouse: sharedPerson(hers, 0),
    coBorrowers: [],
    ...householdCounts([own, hers], input.unitNumber ?? null),
  };
  return { spouse: 'INCLUDED' as const, estimate: worded(estimateQuota(estimateInput, policy)) };
}

function worded(estimate: ReturnType<typeof estimateQuota>) {
  return {
    centreCode: estimate.policy.centreCode,
    policyEffectiveFrom: estimate.policy.effectiveFrom,
    policyConfirmed: estimate.policy.confirmed,
    homeOrder: estimate.homeOrder,
    rate: `${estimate.rate.annualRatePercent}%`,
    maximumAmount: estimate.maximum.maximumAmountFen ?? 0,
    binding: estimate.maximum.binding.map((name) => BOUND_NAMES[name]),
    bounds: explain(estimate.maximum.bounds),
    amount: estimate.amountFen,
    firstMonthlyPayment: estimate.firstMonthlyPaymentFen,
    totalInterest: estimate.totalInterestFen,
  };
}
