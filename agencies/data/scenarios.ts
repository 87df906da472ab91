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
} from '../../lib/agency-contracts';
import type { ApplicantTrait, Dataset } from './dataset';
import { addDays } from './dates';
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
  priceFen: number;
  areaSquareMetres: string;
  address: string;
  filedAt: string;
  taxDeclaredAt: string | null;
  taxPaidAt: string | null;
  registrationStatus: RegistrationStatus;
  registeredAt: string;
  /** Who is on the contract and the registration. */
  buyers: 'APPLICANT' | 'COUPLE' | 'CONTRACT_BUYER';
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
}

export interface ScenarioProvidentFund {
  continuousDepositMonths: number;
  /** Whom the centre has on file as the spouse. */
  spouseOnFile: 'SPOUSE' | 'FORMER_SPOUSE' | null;
  /** An HPF loan on the scenario's other home. */
  loanOnOtherHome: { status: 'OUTSTANDING' | 'SETTLED'; principalFen: number; startDate: string; termMonths: number } | null;
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
};

const TYPICAL_FUND: ScenarioProvidentFund = { continuousDepositMonths: 60, spouseOnFile: null, loanOnOtherHome: null };

function person(idNumber: string, name: string, countyCode: string, mobile: string, householdAddress: string, householdStatus: HouseholdStatus = 'ACTIVE'): ScenarioPerson {
  return { idNumber, name, countyCode, mobile, householdAddress, householdStatus };
}

/** A new home bought this year: tax declared and paid within a week, pre-registered to the buyers. */
function newHome(facts: Pick<ScenarioHome, 'contractNumber' | 'unitNumber' | 'priceFen' | 'areaSquareMetres' | 'address' | 'filedAt'> & Partial<ScenarioHome>): ScenarioHome {
  return {
    filingType: 'PRE_REGISTRATION',
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
  | 'secondHome';

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
    providentFund: { continuousDepositMonths: 72, spouseOnFile: 'SPOUSE', loanOnOtherHome: null },
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
    applicant: person('350503196804090173', '郑建国', '350503', '13850950173', '泉州市丰泽区丰泽街210号清源雅居5幢301室', 'CANCELLED'),
    spouse: null,
    formerSpouse: null,
    contractBuyer: null,
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
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3508022026900010',
      unitNumber: '350802003009GB00391F00080502',
      priceFen: 150_000_000,
      areaSquareMetres: '128.00',
      address: '龙岩市新罗区龙岩大道108号汀溪华府8幢502室',
      filedAt: '2026-09-09',
    }),
    otherHome: {
      contractNumber: 'WQ3508022019900009',
      unitNumber: '350802003004GB00256F00030201',
      filingType: 'NET_SIGNED_FILING',
      priceFen: 98_000_000,
      areaSquareMetres: '95.00',
      address: '龙岩市新罗区人民路52号丹霞苑3幢201室',
      filedAt: '2019-06-18',
      taxDeclaredAt: '2019-06-25',
      taxPaidAt: '2019-06-26',
      registrationStatus: 'REGISTERED',
      registeredAt: '2019-08-12',
      buyers: 'APPLICANT',
      mortgage: { holder: '龙岩市住房公积金中心', amountFen: 60_000_000, registeredAt: '2019-08-12' },
    },
    credit: { ...CLEAN_CREDIT, loanAccounts: 1, totalBalanceFen: 39_530_000 },
    providentFund: {
      continuousDepositMonths: 120,
      spouseOnFile: null,
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
    marriages: [],
    purchase: newHome({
      contractNumber: 'WQ3505032026900013',
      unitNumber: '350503002011GB00517F00110903',
      priceFen: 235_000_000,
      areaSquareMetres: '128.80',
      address: '泉州市丰泽区东环路256号海悦湾11幢903室',
      filedAt: '2026-08-26',
    }),
    otherHome: {
      contractNumber: 'WQ3505032015900012',
      unitNumber: '350503002008GB00144F00050701',
      filingType: 'NET_SIGNED_FILING',
      priceFen: 126_000_000,
      areaSquareMetres: '101.30',
      address: '泉州市丰泽区泉秀路168号桐林苑5幢701室',
      filedAt: '2015-11-02',
      taxDeclaredAt: '2015-11-09',
      taxPaidAt: '2015-11-10',
      registrationStatus: 'REGISTERED',
      registeredAt: '2015-12-10',
      buyers: 'APPLICANT',
      mortgage: null,
    },
    credit: CLEAN_CREDIT,
    providentFund: { ...TYPICAL_FUND, continuousDepositMonths: 100 },
    traits: ['NEVER_MARRIED', 'OTHER_PROPERTY'],
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
