/**
 * The maximum amount (可贷额度) as the smallest of four bounds, each a pure function of plain
 * figures and the centre's policy. The decision (./eligibility.ts) and the quota estimate (额度试算,
 * ./estimate.ts) both compute it here and nowhere else, so on the same figures they cannot disagree.
 */
import type { CentrePolicy, Depositors, IncreaseKind } from './centre-policy';
import { completedYears, type IsoDate } from './dates';
import { BASIS_POINTS, fenTimesBasisPointsFloor, toFen, type Fen } from './money';
import type { HomeOrder } from './rates';
import type { Reason } from './reasons';
import { largestPrincipalFor, type RepaymentMethod } from './schedule';

export type BoundName = 'loanCap' | 'depositFormula' | 'repaymentCapacity' | 'loanToPrice';
export const BOUNDS: readonly BoundName[] = ['loanCap', 'depositFormula', 'repaymentCapacity', 'loanToPrice'];

/** One person's HPF account, as far as the bounds read it. */
export interface QuotaAccount {
  readonly normal: boolean;
  readonly balanceFen: Fen;
  readonly averageBalanceFen: Fen;
  readonly monthlyDepositFen: Fen;
  readonly depositBaseFen: Fen;
  readonly firstDepositDate: IsoDate;
}

export interface LoanCapDetail {
  readonly depositors: Depositors;
  readonly homeOrder: HomeOrder;
  readonly baseCapFen: Fen;
  /** The increases that apply, each with what it adds; `combine` says how they count. */
  readonly increases: ReadonlyArray<{ readonly kind: IncreaseKind; readonly addFen: Fen }>;
  readonly combine: 'ADD' | 'HIGHEST';
}
export interface DepositFormulaDetail {
  readonly basis: CentrePolicy['depositFormula']['basis'];
  /** The household's figure the formula multiplies: a balance, monthly deposits, or whole years of deposit. */
  readonly figure: number;
  /** × multiple (balance bases), × 12 × multiple (monthly deposit), × per-year amount (years). */
  readonly factor: number;
  readonly minimumFen: Fen;
}
export interface RepaymentCapacityDetail {
  /** The borrowers' deposit bases (缴存基数) of their NORMAL accounts. */
  readonly depositBasesFen: Fen;
  readonly maximumPaymentToDepositBaseBasisPoints: number;
  /** The borrowers' existing monthly repayments from their credit reports (or as declared, in an estimate). */
  readonly existingMonthlyRepaymentFen: Fen;
  /** floor(bases × share) − existing repayments, never below 0: the most the household may pay a month. */
  readonly monthlyPaymentCapacityFen: Fen;
  readonly annualRatePercent: string;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
}
export interface LoanToPriceDetail {
  /** What the down payment is taken of: the contract price, or for a resale home the lower assessed value. */
  readonly priceBasisFen: Fen;
  readonly priceBasis: 'CONTRACT_PRICE' | 'ASSESSED_VALUE';
  readonly minimumDownPaymentBasisPoints: number;
}

export type Bound<D> = { readonly status: 'COMPUTED'; readonly amountFen: Fen; readonly detail: D } | { readonly status: 'UNAVAILABLE'; readonly reasons: readonly Reason[] };

export interface Bounds {
  readonly loanCap: Bound<LoanCapDetail>;
  readonly depositFormula: Bound<DepositFormulaDetail>;
  readonly repaymentCapacity: Bound<RepaymentCapacityDetail>;
  readonly loanToPrice: Bound<LoanToPriceDetail>;
}

export interface MaximumAmount {
  readonly bounds: Bounds;
  /** The smallest bound, once every bound is computed; null until then. */
  readonly maximumAmountFen: Fen | null;
  /** The bounds equal to the maximum (ties list several); empty while the maximum is unknown. */
  readonly binding: readonly BoundName[];
}

export function computed<D>(amountFen: Fen, detail: D): Bound<D> {
  return Object.freeze({ status: 'COMPUTED', amountFen, detail: Object.freeze(detail) });
}

export function notComputed<D>(reasons: readonly Reason[]): Bound<D> {
  return Object.freeze({ status: 'UNAVAILABLE', reasons: Object.freeze([...reasons]) });
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Cap by how many of the household deposit, plus the increases the household qualifies for. */
export function loanCapBound(
  policy: CentrePolicy,
  figures: { depositors: Depositors; homeOrder: HomeOrder; minorChildren: number; greenBuildingStars: number; certifiedTalents: number },
): Bound<LoanCapDetail> {
  const baseCapFen = policy.loanCapFen[figures.depositors][figures.homeOrder];
  const count: Record<IncreaseKind, number> = { MULTI_CHILD: figures.minorChildren, GREEN_BUILDING: figures.greenBuildingStars, TALENT: figures.certifiedTalents };
  const qualifies = (kind: IncreaseKind, threshold: number) => count[kind] >= threshold;
  const increases = policy.capIncreases
    .filter((increase) => qualifies(increase.kind, increase.threshold))
    .map((increase) => ({ kind: increase.kind, addFen: increase.addFen + fenTimesBasisPointsFloor(baseCapFen, increase.addBasisPoints) }));
  const added = policy.combineIncreases === 'ADD' ? sum(increases.map((i) => i.addFen)) : Math.max(0, ...increases.map((i) => i.addFen));
  return computed(baseCapFen + added, { depositors: figures.depositors, homeOrder: figures.homeOrder, baseCapFen, increases, combine: policy.combineIncreases });
}

/**
 * The centre's deposit formula over the household's accounts (applicant and spouse): balances of
 * every account; deposits and years of NORMAL ones; never below the formula's minimum.
 */
export function depositFormulaBound(policy: CentrePolicy, householdAccounts: ReadonlyArray<readonly QuotaAccount[]>, applicationDate: IsoDate): Bound<DepositFormulaDetail> {
  const formula = policy.depositFormula;
  const all = householdAccounts.flat();
  const normal = all.filter((account) => account.normal);
  let figure: number;
  let factor: number;
  switch (formula.basis) {
    case 'CURRENT_BALANCE':
      [figure, factor] = [sum(all.map((a) => a.balanceFen)), formula.multiple];
      break;
    case 'AVERAGE_BALANCE':
      [figure, factor] = [sum(all.map((a) => a.averageBalanceFen)), formula.multiple];
      break;
    case 'MONTHLY_DEPOSIT':
      [figure, factor] = [sum(normal.map((a) => a.monthlyDepositFen)), 12 * formula.multiple];
      break;
    case 'DEPOSIT_YEARS': {
      // Each person's whole years since their first deposit at any NORMAL account.
      const years = householdAccounts.map((accounts) => {
        const firsts = accounts.filter((a) => a.normal).map((a) => a.firstDepositDate).sort();
        return firsts.length === 0 ? 0 : Math.max(0, completedYears(firsts[0]!, applicationDate));
      });
      [figure, factor] = [sum(years), formula.perYearFen];
      break;
    }
  }
  const amountFen = Math.max(toFen(BigInt(figure) * BigInt(factor)), formula.minimumFen);
  return computed(amountFen, { basis: formula.basis, figure, factor, minimumFen: formula.minimumFen });
}

/** Monthly payment within a share of the borrowers' deposit bases, less what they already repay each month. */
export function repaymentCapacityBound(
  policy: CentrePolicy,
  figures: { borrowerAccounts: readonly QuotaAccount[]; existingMonthlyRepaymentFen: Fen; annualRatePercent: string; termMonths: number; repaymentMethod: RepaymentMethod },
): Bound<RepaymentCapacityDetail> {
  const depositBasesFen = sum(figures.borrowerAccounts.filter((a) => a.normal).map((a) => a.depositBaseFen));
  const share = policy.maximumPaymentToDepositBaseBasisPoints;
  const monthlyPaymentCapacityFen = Math.max(0, fenTimesBasisPointsFloor(depositBasesFen, share) - figures.existingMonthlyRepaymentFen);
  const amountFen = largestPrincipalFor({ monthlyPaymentFen: monthlyPaymentCapacityFen, annualRatePercent: figures.annualRatePercent, termMonths: figures.termMonths, method: figures.repaymentMethod });
  return computed(amountFen, {
    depositBasesFen,
    maximumPaymentToDepositBaseBasisPoints: share,
    existingMonthlyRepaymentFen: figures.existingMonthlyRepaymentFen,
    monthlyPaymentCapacityFen,
    annualRatePercent: figures.annualRatePercent,
    termMonths: figures.termMonths,
    repaymentMethod: figures.repaymentMethod,
  });
}

/** Price × (1 − the minimum down payment); a resale home's price basis is the lower of contract price and assessed value. */
export function loanToPriceBound(policy: CentrePolicy, figures: { homeOrder: HomeOrder; contractPriceFen: Fen; assessedValueFen: Fen | null }): Bound<LoanToPriceDetail> {
  const assessedLower = figures.assessedValueFen !== null && figures.assessedValueFen < figures.contractPriceFen;
  const priceBasisFen = assessedLower ? figures.assessedValueFen! : figures.contractPriceFen;
  const down = policy.minimumDownPaymentBasisPoints[figures.homeOrder];
  return computed(fenTimesBasisPointsFloor(priceBasisFen, BASIS_POINTS - down), {
    priceBasisFen,
    priceBasis: assessedLower ? 'ASSESSED_VALUE' : 'CONTRACT_PRICE',
    minimumDownPaymentBasisPoints: down,
  });
}

/** The maximum: the smallest bound once all are computed, with the ones that bind. */
export function maximumOf(bounds: Bounds): MaximumAmount {
  const amounts = BOUNDS.map((name) => bounds[name]).flatMap((bound) => (bound.status === 'COMPUTED' ? [bound.amountFen] : []));
  const maximumAmountFen = amounts.length === BOUNDS.length ? Math.min(...amounts) : null;
  const binding = maximumAmountFen === null ? [] : BOUNDS.filter((name) => {
    const bound = bounds[name];
    return bound.status === 'COMPUTED' && bound.amountFen === maximumAmountFen;
  });
  return Object.freeze({ bounds: Object.freeze({ ...bounds }), maximumAmountFen, binding: Object.freeze(binding) });
}

/** The highest cap the centre could grant anyone (both depositing, first home, every increase): what no application may ask above. */
export function highestPossibleCapFen(policy: CentrePolicy): Fen {
  const everyIncrease = { minorChildren: Number.MAX_SAFE_INTEGER, greenBuildingStars: Number.MAX_SAFE_INTEGER, certifiedTalents: Number.MAX_SAFE_INTEGER };
  return Math.max(
    ...(['ONE', 'TWO'] as const).flatMap((depositors) =>
      (['FIRST', 'SECOND'] as const).map((homeOrder) => {
        const bound = loanCapBound(policy, { depositors, homeOrder, ...everyIncrease });
        return bound.status === 'COMPUTED' ? bound.amountFen : 0;
      }),
    ),
  );
}
