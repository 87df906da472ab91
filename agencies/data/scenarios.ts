/**
 * Named applicants with fixed identities that tests, demos and docs/scenarios.md refer to.
 * insert-scenarios.ts writes them into every data set before the generated people, so they exist
 * (and look the same) whatever the seed or size. Every person here is synthetic.
 */
import type {
  FilingType,
  HouseholdStatus,
  MarriageRegistrationType,
  RegistrationStatus,
  RepaymentMonthStatus,
  SaleType,
} from '../../lib/agency-contracts';
import type { ApplicantTrait, Dataset } from './dataset';
import { addDays, yearOf } from './dates';
import { repaymentGrid } from './generate-finance';

/** The checks of the one-thing flow, in the order of the domain brief. */
export type CheckKey = 'identity' | 'marriage' | 'contractFiling' | 'transferTax' | 'registration' | 'credit' | 'providentFund';

export interface ScenarioPerson {
  idNumber: string;
  name: string;
  /** County of the ID number and the household registration. */
  countyCode: string;
  mobile: string;
  householdAddress: string;
  householdStatus: HouseholdStatus;
}

export interface ScenarioHome {
  contractNumber: string;
  unitNumber: string;
  filingType: FilingType;
  saleType: SaleType;
  buildingCompletedYear: number;
  greenBuildingStars: number;
  /** The tax bureau's assessed value (计税价格) of a resale; null for a new home. */
  assessedValueFen: number | null;
  priceFen: number;
  areaSquareMetres: string;
  address: string;
  filedAt: string;
  taxDeclaredAt: string | null;
  taxPaidAt: string | null;
  registrationStatus: RegistrationStatus;
  registeredAt: string;
  /** Who is on the contract and the registration (MINOR_CHILD: the first of the household's minor children). */
  buyers: 'APPLICANT' | 'COUPLE' | 'CONTRACT_BUYER' | 'MINOR_CHILD';
  /** A mortgage already registered on the unit (older homes bought with a loan). */
  mortgage: { holder: string; amountFen: number; registeredAt: string } | null;
}

export interface ScenarioCredit {
  repaymentHistory24Months: RepaymentMonthStatus[];
  currentOverdueAmountFen: number;
  currentOverdueAccounts: number;
  loanAccounts: number;
  creditCardAccounts: number;
  totalBalanceFen: number;
  /** What the open loans take each month (月还款额). */
  monthlyRepaymentFen: number;
}

export interface ScenarioHpfLoan {
  status: 'OUTSTANDING' | 'SETTLED';
  principalFen: number;
  startDate: string;
  termMonths: number;
}

export interface ScenarioProvidentFund {
  continuousDepositMonths: number;
  /** Whom the centre has on file as the spouse. */
  spouseOnFile: 'SPOUSE' | 'FORMER_SPOUSE' | null;
  /** The applicant's deposit base in yuan where the scenario needs one; null: drawn like anyone's. */
  depositBaseYuan: number | null;
  /** The spouse's continuous deposit months; null when the spouse has no HPF account. */
  spouseContinuousDepositMonths: number | null;
  /** An HPF loan on the scenario's other home. */
  loanOnOtherHome: ScenarioHpfLoan | null;
  /** Earlier HPF loans on homes the applicant has sold since: the centre's file keeps them, the register no longer names him. */
  loansOnSoldHomes: Array<ScenarioHpfLoan & { unitNumber: string }>;
}

export interface Scenario {
  key: ScenarioKey;
  /** Short English title. */
  title: string;
  /** What is special about this applicant's data. */
  special: string;
  /** The check this applicant should fail (null: passes every check; see `expectation`). */
  failsCheck: CheckKey | null;
  expectation: string;
  applicant: ScenarioPerson;
  spouse: ScenarioPerson | null;
  formerSpouse: ScenarioPerson | null;
  /** The person on the contract when it is not the applicant. */
  contractBuyer: ScenarioPerson | null;
  /** Children under 18 in the household record (户内未成年子女) of the applicant and of the spouse: a couple's children are in both. */
  minorChildren: ScenarioPerson[];
  marriages: Array<{ type: MarriageRegistrationType; partner: 'SPOUSE' | 'FORMER_SPOUSE'; date: string; office: string }>;
  purchase: ScenarioHome;
  otherHome: ScenarioHome | null;
  credit: ScenarioCredit;
  providentFund: ScenarioProvidentFund;
  traits: ApplicantTrait[];
}

/** 24 normal months, two credit cards, nothing overdue. */
export const CLEAN_CREDIT: ScenarioCredit = {
  repaymentHistory24Months: repaymentGrid(),
  currentOverdueAmountFen: 0,
  currentOverdueAccounts: 0,
  loanAccounts: 0,
  creditCardAccounts: 2,
  totalBalanceFen: 1_280_000,
  monthlyRepaymentFen: 0,
};

/** A spouse, when there is one, deposits too (60 months); no HPF loans. */
const TYPICAL_FUND: ScenarioProvidentFund = {
  continuousDepositMonths: 60,
  spouseOnFile: null,
  depositBaseYuan: null,
  spouseContinuousDepositMonths: 60,
  loanOnOtherHome: null,
  loansOnSoldHomes: [],
};

function person(
  idNumber: string,
  name: string,
  countyCode: string,
  mobile: string,
  householdAddress: string,
  household: Partial<Pick<ScenarioPerson, 'householdStatus'>> = {},
): ScenarioPerson {
  return { idNumber, name, countyCode, mobile, householdAddress, householdStatus: 'ACTIVE', ...household };
}

/** A home bought new years ago, ready (现房), with no green rating. */
function olderHome(facts: Omit<ScenarioHome, 'filingType' | 'saleType' | 'buildingCompletedYear' | 'greenBuildingStars' | 'assessedValueFen' | 'registrationStatus'>): ScenarioHome {
  return {
    filingType: 'NET_SIGNED_FILING',
    saleType: 'NEW',
    buildingCompletedYear: yearOf(facts.filedAt),
    greenBuildingStars: 0,
    assessedValueFen: null,
    registrationStatus: 'REGISTERED',
    ...facts,
  };
}

/**
 * A new home bought this year off-plan (期房, completed next year, no green rating): tax declared and
 * paid within a week, pre-registered to the buyers.
 */
function newHome(facts: Pick<ScenarioHome, 'contractNumber' | 'unitNumber' | 'priceFen' | 'areaSquareMetres' | 'address' | 'filedAt'> & Partial<ScenarioHome>): ScenarioHome {
  return {
    filingType: 'PRE_REGISTRATION',
    saleType: 'NEW',
    buildingCompletedYear: yearOf(facts.filedAt) + 1,
    greenBuildingStars: 0,
    assessedValueFen: null,
    taxDeclaredAt: addDays(facts.filedAt, 5),
    taxPaidAt: addDays(facts.filedAt, 6),
    registrationStatus: 'PRE_REGISTERED',
    registeredAt: addDays(facts.filedAt, 9),
    buyers: 'APPLICANT',
    mortgage: null,
    ...facts,
  };
}

export type ScenarioKey =
  | 'cleanCouple'
  | 'singleApplicant'
  | 'cancelledHousehold'
  | 'divorcedStaleSpouse'
  | 'currentOverdue'
  | 'consecutiveThreeCumulativeSix'
  | 'unpaidTransferTax'
  | 'contractBuyerNotApplicant'
  | 'outstandingHpfLoan'
  | 'shortDeposits'
  | 'secondHome'
  | 'multiChildFamily'
  | 'minorChildHome'
  | 'resaleOldBuilding'
  | 'greenBuildingHome'
  | 'existingDebt'
  | 'thirdHpfLoan'
  | 'settledHpfLoan'
  | 'nearRetirementWoman';

export const SCENARIOS: Readonly<Record<ScenarioKey, Scenario>> = {
  cleanCouple: {
    key: 'cleanCouple',
    title: 'Clean first-home married couple',
    special: 'Married couple, both on the contract; tax declared and paid; pre-registered to both; clean credit; HPF accounts of 72 and 60 months; no HPF loan; no other home.',
    failsCheck: null,
    expectation: 'Passes every check; first-home rate.',
    applicant: person('350102199003140316', '林志强', '350102', '13805910316', '福州市鼓楼区五四路88号瑞景花园3幢1202室'),
    spouse: person('350104199108220462', '陈丽娟', '350104', '13905910462', '福州市鼓楼区五四路88号瑞景花园3幢1202室'),
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [{ type: 'MARRIAGE', partner: 'SPOUSE', date: '2018-05-20', office: '福州市鼓楼区民政局婚姻登记处' }],
    purchase: newHome({
      contractNumber: 'WQ3501022026900001',
      unitNumber: '350102004012GB00318F00060802',
      priceFen: 268_000_000,
      areaSquareMetres: '96.80',
      address: '福州市鼓楼区湖东路199号泰和华庭6幢802室',
      filedAt: '2026-09-15',
      buyers: 'COUPLE',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 72, spouseOnFile: 'SPOUSE' },
    traits: ['MARRIED'],
  },
  singleApplicant: {
    key: 'singleApplicant',
    title: 'Never-married single applicant',
    special: 'No marriage registration on file (未登记); sole buyer; otherwise clean.',
    failsCheck: null,
    expectation: 'Passes every check as a single applicant; no spouse needs to authorize.',
    applicant: person('350203199511020822', '黄晓婷', '350203', '15959220822', '厦门市思明区湖滨南路128号海悦公馆2幢1506室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3502032026900002',
      unitNumber: '350203002007GB00422F00120605',
      priceFen: 395_000_000,
      areaSquareMetres: '82.50',
      address: '厦门市思明区仙岳路66号鹭江新城12幢605室',
      filedAt: '2026-08-03',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 36 },
    traits: ['NEVER_MARRIED'],
  },
  cancelledHousehold: {
    key: 'cancelledHousehold',
    title: 'Household registration cancelled',
    special: 'Public security reports householdStatus CANCELLED (户籍注销); everything else is clean.',
    failsCheck: 'identity',
    expectation: 'Fails identity verification.',
    applicant: person('350503196804090173', '郑建国', '350503', '13850950173', '泉州市丰泽区丰泽街210号清源雅居5幢301室', { householdStatus: 'CANCELLED' }),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3505032026900003',
      unitNumber: '350503001005GB00107F00020301',
      priceFen: 172_000_000,
      areaSquareMetres: '105.20',
      address: '泉州市丰泽区刺桐路18号清源花园2幢301室',
      filedAt: '2026-07-11',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 110 },
    traits: ['NEVER_MARRIED', 'HOUSEHOLD_CANCELLED'],
  },
  divorcedStaleSpouse: {
    key: 'divorcedStaleSpouse',
    title: 'Divorced, HPF centre still names the former spouse',
    special: 'Civil affairs: MARRIAGE 2012-10-01 then DIVORCE 2024-03-18. The HPF account’s spouseIdNumberOnFile still names the former spouse.',
    failsCheck: null,
    expectation: 'Marriage check says DIVORCED (single); the HPF spouse on file disagrees and should be flagged as stale, civil affairs being the authority.',
    applicant: person('350602198506300556', '吴海峰', '350602', '18659650556', '漳州市芗城区胜利路45号九龙华府7幢902室'),
    spouse: null,
    formerSpouse: person('350603198702140680', '许雅琴', '350603', '18659670680', '漳州市龙文区建元路12号东湖苑1幢503室'),
    contractBuyer: null,
    minorChildren: [],
    marriages: [
      { type: 'MARRIAGE', partner: 'FORMER_SPOUSE', date: '2012-10-01', office: '漳州市芗城区民政局婚姻登记处' },
      { type: 'DIVORCE', partner: 'FORMER_SPOUSE', date: '2024-03-18', office: '漳州市芗城区民政局婚姻登记处' },
    ],
    purchase: newHome({
      contractNumber: 'WQ3506022026900004',
      unitNumber: '350602003002GB00233F00070902',
      priceFen: 158_000_000,
      areaSquareMetres: '118.60',
      address: '漳州市芗城区新华路77号九龙新城7幢902室',
      filedAt: '2026-06-22',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 96, spouseOnFile: 'FORMER_SPOUSE' },
    traits: ['DIVORCED', 'STALE_SPOUSE_ON_FILE'],
  },
  currentOverdue: {
    key: 'currentOverdue',
    title: 'Credit currently overdue',
    special: 'Credit report: one account overdue now, 3,560.00 yuan; last month of the grid is "1".',
    failsCheck: 'credit',
    expectation: 'Fails the credit check (current overdue).',
    applicant: person('350111198812050937', '刘伟', '350111', '13705910937', '福州市晋安区福新路300号星河湾9幢1801室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3501112026900005',
      unitNumber: '350111006003GB00529F00091801',
      priceFen: 215_000_000,
      areaSquareMetres: '89.30',
      address: '福州市晋安区福新路318号星河湾9幢1801室',
      filedAt: '2026-09-02',
    }),
    otherHome: null,
    credit: {
      ...CLEAN_CREDIT,
      repaymentHistory24Months: repaymentGrid([[23, '1']]),
      currentOverdueAmountFen: 356_000,
      currentOverdueAccounts: 1,
      loanAccounts: 1,
      totalBalanceFen: 8_650_000,
      monthlyRepaymentFen: 286_000,
    },
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 48 },
    traits: ['NEVER_MARRIED', 'CURRENT_OVERDUE'],
  },
  consecutiveThreeCumulativeSix: {
    key: 'consecutiveThreeCumulativeSix',
    title: '连三累六: three consecutive and six cumulative overdue months',
    special: 'Grid has months 4–6 overdue 1, 2, 3 in a row plus single lapses in months 11, 15 and 19 (six in all); nothing overdue now.',
    failsCheck: 'credit',
    expectation: 'Fails the credit check (连三累六) although nothing is currently overdue.',
    applicant: person('350206198307190247', '杨敏', '350206', '13559220247', '厦门市湖里区嘉禾路410号云澜府4幢702室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3502062026900006',
      unitNumber: '350206005010GB00611F00041003',
      priceFen: 412_000_000,
      areaSquareMetres: '91.40',
      address: '厦门市湖里区嘉禾路420号云澜府4幢1003室',
      filedAt: '2026-08-19',
    }),
    otherHome: null,
    credit: {
      ...CLEAN_CREDIT,
      repaymentHistory24Months: repaymentGrid([[3, '1'], [4, '2'], [5, '3'], [10, '1'], [14, '1'], [18, '1']]),
      loanAccounts: 1,
      totalBalanceFen: 6_200_000,
      monthlyRepaymentFen: 215_000,
    },
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 84 },
    traits: ['NEVER_MARRIED', 'SERIOUS_OVERDUE'],
  },
  unpaidTransferTax: {
    key: 'unpaidTransferTax',
    title: 'Transfer tax declared, not paid',
    special: 'Tax bureau: declared 2026-10-20, not paid (no receipt); home pre-registered.',
    failsCheck: 'transferTax',
    expectation: 'Fails the transfer-tax check (declared but unpaid).',
    applicant: person('350582199201270713', '蔡文斌', '350582', '15860770713', '泉州市晋江市世纪大道66号金沙苑3幢1101室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3505822026900007',
      unitNumber: '350582002014GB00735F00031101',
      priceFen: 186_000_000,
      areaSquareMetres: '112.00',
      address: '泉州市晋江市世纪大道88号金沙华府3幢1101室',
      filedAt: '2026-10-15',
      taxDeclaredAt: '2026-10-20',
      taxPaidAt: null,
      registeredAt: '2026-10-22',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 30 },
    traits: ['NEVER_MARRIED', 'TAX_UNPAID'],
  },
  contractBuyerNotApplicant: {
    key: 'contractBuyerNotApplicant',
    title: 'Contract names someone else as buyer',
    special: 'The filed contract, the tax record and the pre-registration name 张建华 (another person) as the only buyer; the applicant is not on it.',
    failsCheck: 'contractFiling',
    expectation: 'Fails the contract-filing check (applicant is not a buyer).',
    applicant: person('350181199605110400', '张婷', '350181', '18750910400', '福州市福清市清源路9号溪源雅居6幢402室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: person('350181196609030199', '张建华', '350181', '13906910199', '福州市福清市清源路9号溪源雅居6幢402室'),
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3501812026900008',
      unitNumber: '350181004006GB00816F00020502',
      priceFen: 163_000_000,
      areaSquareMetres: '120.50',
      address: '福州市福清市学府路21号锦程苑2幢502室',
      filedAt: '2026-07-28',
      buyers: 'CONTRACT_BUYER',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 26 },
    traits: ['NEVER_MARRIED', 'CONTRACT_BUYER_IS_SOMEONE_ELSE'],
  },
  outstandingHpfLoan: {
    key: 'outstandingHpfLoan',
    title: 'HPF loan still outstanding',
    special: 'An OUTSTANDING HPF loan (2019, 600,000 yuan, 240 months) on an older home the applicant owns, mortgaged to 龙岩市住房公积金中心.',
    failsCheck: 'providentFund',
    expectation: 'Fails the HPF check (outstanding HPF loan); the older home also makes the new one a second home.',
    applicant: person('350802198010160378', '郭俊', '350802', '13959050378', '龙岩市新罗区人民路52号丹霞苑8幢602室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3508022026900010',
      unitNumber: '350802003009GB00391F00080502',
      priceFen: 150_000_000,
      areaSquareMetres: '128.00',
      address: '龙岩市新罗区龙岩大道108号汀溪华府8幢502室',
      filedAt: '2026-09-09',
    }),
    otherHome: olderHome({
      contractNumber: 'WQ3508022019900009',
      unitNumber: '350802003004GB00256F00030201',
      priceFen: 98_000_000,
      areaSquareMetres: '95.00',
      address: '龙岩市新罗区人民路52号丹霞苑3幢201室',
      filedAt: '2019-06-18',
      taxDeclaredAt: '2019-06-25',
      taxPaidAt: '2019-06-26',
      registeredAt: '2019-08-12',
      buyers: 'APPLICANT',
      mortgage: { holder: '龙岩市住房公积金中心', amountFen: 60_000_000, registeredAt: '2019-08-12' },
    }),
    // The HPF loan's level payment: 600,000 yuan over 240 months at 3.1 %.
    credit: { ...CLEAN_CREDIT, loanAccounts: 1, totalBalanceFen: 39_530_000, monthlyRepaymentFen: 335_800 },
    providentFund: {
      ...TYPICAL_FUND,
      continuousDepositMonths: 120,
      loanOnOtherHome: { status: 'OUTSTANDING', principalFen: 60_000_000, startDate: '2019-08-20', termMonths: 240 },
    },
    traits: ['NEVER_MARRIED', 'OTHER_PROPERTY', 'HPF_LOAN_OUTSTANDING'],
  },
  shortDeposits: {
    key: 'shortDeposits',
    title: 'Only four months of continuous deposits',
    special: 'HPF account with continuousDepositMonths 4 (fewer than the usual 6).',
    failsCheck: 'providentFund',
    expectation: 'Fails the HPF check (continuous deposits shorter than required).',
    applicant: person('35090219990308064X', '叶佳', '350902', '17750930064', '宁德市蕉城区天湖路15号青榕苑5幢1203室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3509022026900011',
      unitNumber: '350902001008GB00145F00051203',
      priceFen: 152_000_000,
      areaSquareMetres: '99.60',
      address: '宁德市蕉城区东环路36号青榕华庭5幢1203室',
      filedAt: '2026-10-08',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 4 },
    traits: ['NEVER_MARRIED', 'SHORT_DEPOSITS'],
  },
  secondHome: {
    key: 'secondHome',
    title: 'Already owns a registered home',
    special: 'Owns one REGISTERED home (2015, no encumbrance) besides the new one; no HPF loan ever.',
    failsCheck: null,
    expectation: 'Passes the checks but counts as a second home: second-home rate and down payment.',
    applicant: person('350503197808250538', '苏明', '350503', '13600950538', '泉州市丰泽区泉秀路168号桐林苑5幢701室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3505032026900013',
      unitNumber: '350503002011GB00517F00110903',
      priceFen: 235_000_000,
      areaSquareMetres: '128.80',
      address: '泉州市丰泽区东环路256号海悦湾11幢903室',
      filedAt: '2026-08-26',
    }),
    otherHome: olderHome({
      contractNumber: 'WQ3505032015900012',
      unitNumber: '350503002008GB00144F00050701',
      priceFen: 126_000_000,
      areaSquareMetres: '101.30',
      address: '泉州市丰泽区泉秀路168号桐林苑5幢701室',
      filedAt: '2015-11-02',
      taxDeclaredAt: '2015-11-09',
      taxPaidAt: '2015-11-10',
      registeredAt: '2015-12-10',
      buyers: 'APPLICANT',
      mortgage: null,
    }),
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 100 },
    traits: ['NEVER_MARRIED', 'OTHER_PROPERTY'],
  },

  multiChildFamily: {
    key: 'multiChildFamily',
    title: 'Married couple with three minor children',
    special: 'Married couple, both on the contract and both depositing (110 and 96 months); three children under 18 in their household record (户籍); a new home; clean credit.',
    failsCheck: null,
    expectation: 'Passes every check; a 多子女 family: the cap is raised where the centre has such an increase.',
    applicant: person('350304198604122139', '黄志明', '350304', '13859530213', '莆田市荔城区荔华东大道66号凤凰花园2幢1601室'),
    spouse: person('35030319880925426X', '郑雅芳', '350303', '13959540426', '莆田市荔城区荔华东大道66号凤凰花园2幢1601室'),
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [
      person('350304201307150242', '黄梓涵', '350304', '13859530224', '莆田市荔城区荔华东大道66号凤凰花园2幢1601室'),
      person('350304201602030577', '黄梓轩', '350304', '13859530257', '莆田市荔城区荔华东大道66号凤凰花园2幢1601室'),
      person('350304202009280860', '黄梓萱', '350304', '13859530286', '莆田市荔城区荔华东大道66号凤凰花园2幢1601室'),
    ],
    marriages: [{ type: 'MARRIAGE', partner: 'SPOUSE', date: '2011-10-01', office: '莆田市涵江区民政局婚姻登记处' }],
    purchase: newHome({
      contractNumber: 'WQ3503042026900014',
      unitNumber: '350304002006GB00412F00090801',
      priceFen: 187_500_000,
      areaSquareMetres: '125.00',
      address: '莆田市荔城区学园北街28号壶兰御景9幢801室',
      filedAt: '2026-09-21',
      buyers: 'COUPLE',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 110, spouseOnFile: 'SPOUSE', spouseContinuousDepositMonths: 96 },
    traits: ['MARRIED'],
  },
  minorChildHome: {
    key: 'minorChildHome',
    title: 'Couple whose minor daughter holds a home',
    special: 'Married couple in Fuzhou, both on the contract and both depositing (84 and 70 months); neither holds another home nor ever had an HPF loan, but their daughter (born 2012, in both household records) holds a flat her grandfather left her (继承, registered to her in 2022).',
    failsCheck: null,
    expectation: 'Passes the checks but counts as a second home: a minor child’s home is the family’s (认房 by household), read under the parents’ consent as her guardians, so the second-home cap, rate and down payment apply.',
    applicant: person('350102198702144215', '陈志强', '350102', '13905910421', '福州市鼓楼区五四路158号环球广场2幢1203室'),
    spouse: person('35010319890602262X', '林晓燕', '350103', '13705910262', '福州市鼓楼区五四路158号环球广场2幢1203室'),
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [person('350102201208191483', '陈雨桐', '350102', '13905910148', '福州市鼓楼区五四路158号环球广场2幢1203室')],
    marriages: [{ type: 'MARRIAGE', partner: 'SPOUSE', date: '2011-05-20', office: '福州市鼓楼区民政局婚姻登记处' }],
    purchase: newHome({
      contractNumber: 'WQ3501022026900016',
      unitNumber: '350102003007GB00426F00120601',
      priceFen: 260_000_000,
      areaSquareMetres: '118.60',
      address: '福州市鼓楼区铜盘路88号江厝新苑12幢601室',
      filedAt: '2026-10-12',
      buyers: 'COUPLE',
    }),
    otherHome: olderHome({
      contractNumber: 'WQ3501021998900017',
      unitNumber: '350102001002GB00051F00030301',
      priceFen: 42_000_000,
      areaSquareMetres: '68.20',
      address: '福州市鼓楼区杨桥中路36号西湖新村3幢301室',
      filedAt: '1998-04-16',
      taxDeclaredAt: '1998-04-20',
      taxPaidAt: '1998-04-21',
      registeredAt: '2022-03-08',
      buyers: 'MINOR_CHILD',
      mortgage: null,
    }),
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 84, spouseOnFile: 'SPOUSE', spouseContinuousDepositMonths: 70, depositBaseYuan: 18_000 },
    traits: ['MARRIED'],
  },
  resaleOldBuilding: {
    key: 'resaleOldBuilding',
    title: 'Resale home in a building completed in 1990',
    special: 'Buys a resale home (存量房, 二手房) in a building completed in 1990; the tax bureau assessed it 15 % below the contract price (1,402,500 of 1,650,000 yuan); tax paid, transferred and registered to him; asks 20 years.',
    failsCheck: null,
    expectation: 'The price basis is the assessed value, the lower one; a 36-year-old building plus a 20-year term passes the usual 50-year building-age limit, so the term check fails.',
    applicant: person('350103199207083516', '王磊', '350103', '18650730351', '福州市台江区工业路233号苍霞新城4幢702室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: {
      contractNumber: 'WQ3501032026900015',
      unitNumber: '350103001003GB00088F00030402',
      filingType: 'NET_SIGNED_FILING',
      saleType: 'RESALE',
      buildingCompletedYear: 1990,
      greenBuildingStars: 0,
      assessedValueFen: 140_250_000,
      priceFen: 165_000_000,
      areaSquareMetres: '78.60',
      address: '福州市台江区五一中路120号茶亭小区3幢402室',
      filedAt: '2026-09-10',
      taxDeclaredAt: '2026-09-14',
      taxPaidAt: '2026-09-14',
      registrationStatus: 'REGISTERED',
      registeredAt: '2026-09-24',
      buyers: 'APPLICANT',
      mortgage: null,
    },
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 50 },
    traits: ['NEVER_MARRIED'],
  },
  greenBuildingHome: {
    key: 'greenBuildingHome',
    title: 'Three-star green building, only one spouse deposits',
    special: 'Married couple, both on the contract; only the applicant has an HPF account (the wife has none); the new home is rated three-star green (绿色建筑三星级).',
    failsCheck: null,
    expectation: 'Passes every check; one depositor’s cap, raised for a green building where the centre has such an increase.',
    applicant: person('350211199002145176', '李俊杰', '350211', '13806050517', '厦门市集美区杏林湾路99号嘉庚花园6幢1102室'),
    spouse: person('350211199306012487', '周婷', '350211', '15880250248', '厦门市集美区杏林湾路99号嘉庚花园6幢1102室'),
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [{ type: 'MARRIAGE', partner: 'SPOUSE', date: '2019-11-11', office: '厦门市集美区民政局婚姻登记处' }],
    purchase: newHome({
      contractNumber: 'WQ3502112026900016',
      unitNumber: '350211003005GB00276F00151201',
      priceFen: 322_000_000,
      areaSquareMetres: '92.00',
      address: '厦门市集美区诚毅大街166号绿地璟园15幢1201室',
      filedAt: '2026-08-12',
      greenBuildingStars: 3,
      buyers: 'COUPLE',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 78, spouseOnFile: 'SPOUSE', spouseContinuousDepositMonths: null },
    traits: ['MARRIED'],
  },
  existingDebt: {
    key: 'existingDebt',
    title: 'A car loan taking 5,890 yuan a month',
    special: 'Credit report: one open car loan, 210,800 yuan owed, 5,890.00 yuan a month (monthlyRepaymentFen 589000), against a deposit base of 14,000 yuan; nothing overdue.',
    failsCheck: null,
    expectation: 'Passes the checks; the car loan’s monthly payment comes off the repayment capacity, which binds the maximum.',
    applicant: person('350603198703211954', '许志伟', '350603', '18959680195', '漳州市龙文区水仙大街18号碧湖花园2幢903室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3506032026900017',
      unitNumber: '350603002004GB00193F00061502',
      priceFen: 154_000_000,
      areaSquareMetres: '110.00',
      address: '漳州市龙文区湖滨路59号碧湖观邸6幢1502室',
      filedAt: '2026-09-28',
    }),
    otherHome: null,
    credit: { ...CLEAN_CREDIT, loanAccounts: 1, totalBalanceFen: 21_080_000, monthlyRepaymentFen: 589_000 },
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 64, depositBaseYuan: 14_000 },
    traits: ['NEVER_MARRIED'],
  },
  thirdHpfLoan: {
    key: 'thirdHpfLoan',
    title: 'Two earlier HPF loans, both settled',
    special: 'Two SETTLED HPF loans: 2006 (200,000 yuan) on a home sold in 2013, and 2013 (350,000 yuan) on the home he still owns (registered, no encumbrance).',
    failsCheck: 'providentFund',
    expectation: 'Fails the HPF check: this would be a third HPF loan, which centres refuse; the home he owns also makes the purchase a second home.',
    applicant: person('35070219750518331X', '吴国华', '350702', '13905990331', '南平市延平区滨江中路210号江滨花园4幢501室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3507022026900018',
      unitNumber: '350702003007GB00318F00080602',
      priceFen: 152_000_000,
      areaSquareMetres: '128.00',
      address: '南平市延平区八一路300号武夷名都8幢602室',
      filedAt: '2026-08-05',
    }),
    otherHome: olderHome({
      contractNumber: 'WQ3507022013900019',
      unitNumber: '350702001005GB00142F00040501',
      priceFen: 62_000_000,
      areaSquareMetres: '105.00',
      address: '南平市延平区滨江中路210号江滨花园4幢501室',
      filedAt: '2013-08-02',
      taxDeclaredAt: '2013-08-09',
      taxPaidAt: '2013-08-10',
      registeredAt: '2013-09-05',
      buyers: 'APPLICANT',
      mortgage: null,
    }),
    credit: CLEAN_CREDIT,
    providentFund: {
      ...TYPICAL_FUND,
      continuousDepositMonths: 120,
      loanOnOtherHome: { status: 'SETTLED', principalFen: 35_000_000, startDate: '2013-09-12', termMonths: 180 },
      loansOnSoldHomes: [{ unitNumber: '350702001002GB00051F00020301', status: 'SETTLED', principalFen: 20_000_000, startDate: '2006-05-16', termMonths: 120 }],
    },
    traits: ['NEVER_MARRIED', 'OTHER_PROPERTY', 'HPF_LOAN_SETTLED'],
  },
  settledHpfLoan: {
    key: 'settledHpfLoan',
    title: 'One settled HPF loan, no home now',
    special: 'One SETTLED HPF loan (2012, 250,000 yuan) on a home she has sold since; she owns no home now.',
    failsCheck: null,
    expectation: 'Passes the checks; a second use of HPF loans gets second-home terms although she owns no home.',
    applicant: person('350404198411031623', '邱丽华', '350404', '15959870162', '三明市三元区列东街88号东新花园3幢601室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3504042026900020',
      unitNumber: '350404002008GB00205F00100802',
      priceFen: 156_000_000,
      areaSquareMetres: '130.00',
      address: '三明市三元区新市北路126号沙溪御园10幢802室',
      filedAt: '2026-09-17',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: {
      ...TYPICAL_FUND,
      continuousDepositMonths: 150,
      loansOnSoldHomes: [{ unitNumber: '350404001003GB00077F00030601', status: 'SETTLED', principalFen: 25_000_000, startDate: '2012-03-20', termMonths: 240 }],
    },
    traits: ['NEVER_MARRIED', 'HPF_LOAN_SETTLED'],
  },
  nearRetirementWoman: {
    key: 'nearRetirementWoman',
    title: 'A woman born 1976 asking 25 years',
    special: 'Single woman born 1976-03-08, never married; asks a 25-year term, ending when she is 75.',
    failsCheck: null,
    expectation: 'Fails the age check: the loan would end long after her statutory retirement age (2025 reform) plus the centre’s allowance.',
    applicant: person('350981197603082842', '缪秀琴', '350981', '13763030284', '宁德市福安市阳头街道富春路55号富春苑7幢303室'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
    minorChildren: [],
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3509812026900021',
      unitNumber: '350981001004GB00166F00070303',
      priceFen: 153_400_000,
      areaSquareMetres: '118.00',
      address: '宁德市福安市阳头街道锦江路16号锦江华府7幢303室',
      filedAt: '2026-10-12',
    }),
    otherHome: null,
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 200 },
    traits: ['NEVER_MARRIED'],
  },
};

/** Every scenario, in the order the docs list them. */
export function allScenarios(): Scenario[] {
  return Object.values(SCENARIOS);
}

/**
 * `count` generated (non-scenario) applicants, spread evenly over the data set so a benchmark or
 * a test sees a mix of situations; the same data set always yields the same list.
 */
export function ordinaryApplicantIds(dataset: Dataset, count: number): string[] {
  const ordinary = dataset.applicants.filter((a) => a.scenario === null);
  if (count > ordinary.length) throw new Error(`asked for ${count} ordinary applicants; the data set has ${ordinary.length}`);
  if (count <= 0) return [];
  const step = ordinary.length / count;
  return Array.from({ length: count }, (_, i) => ordinary[Math.floor(i * step)]!.idNumber);
}
