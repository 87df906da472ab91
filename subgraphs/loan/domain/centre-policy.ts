/**
 * Loan policy per HPF centre, as data: one file per centre in ./policies/<code>.yaml, each a list
 * of versions with the date it took effect, its source document and whether a centre's own notice
 * (文号) has confirmed it. None is confirmed today (`confirmed: false`): the figures are shaped like
 * rules centres publish, and each must be replaced by the centre's own before the platform decides
 * anything real. The files are validated when loaded; a malformed one stops the process at start.
 *
 * A new rule is a new version with its own `effectiveFrom`; versions are never edited, so an
 * application is always judged by the version in force on its application date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { assertIsoDate, type IsoDate } from './dates';
import type { Fen } from './money';
import type { HomeOrder } from './rates';

/** How many of the household (applicant, spouse) deposit: the cap is set by that, not by marriage. */
export type Depositors = 'ONE' | 'TWO';

/** What the deposit formula (存缴额度公式) multiplies. */
export type DepositFormula =
  /** Current balance × multiple (e.g. 深圳 ×16). */
  | { readonly basis: 'CURRENT_BALANCE'; readonly multiple: number; readonly minimumFen: Fen }
  /** Average month-end balance of the last 12 months × multiple (e.g. 杭州 ×20). */
  | { readonly basis: 'AVERAGE_BALANCE'; readonly multiple: number; readonly minimumFen: Fen }
  /** Monthly deposit × 12 × multiple (years of future deposits). */
  | { readonly basis: 'MONTHLY_DEPOSIT'; readonly multiple: number; readonly minimumFen: Fen }
  /** Whole years of deposit × an amount per year (e.g. 北京 15万 a year). */
  | { readonly basis: 'DEPOSIT_YEARS'; readonly perYearFen: Fen; readonly minimumFen: Fen };

/**
 * 多子女 (minor children in the household record), green building (the home's stars), and 人才 (a
 * borrower holding a talent certification, which no connected agency shares: it counts once an
 * officer of the centre has confirmed the certificate the application names).
 */
export type IncreaseKind = 'MULTI_CHILD' | 'GREEN_BUILDING' | 'TALENT';

export interface CapIncrease {
  readonly kind: IncreaseKind;
  /** 多子女: at least this many minor children; green building: at least this many stars; talent: at least this many certified borrowers. */
  readonly threshold: number;
  /** Added to the cap: a share of the base cap (basis points) or a fixed amount. */
  readonly addBasisPoints: number;
  readonly addFen: Fen;
}

export interface PolicySource {
  /** The notice number (文号) once confirmed; null while the figures are placeholders. */
  readonly document: string | null;
  readonly note: string;
}

export interface CentrePolicy {
  /** 350000 福建省直; 350100 福州 … 350900 宁德. */
  readonly centreCode: string;
  readonly centreName: string;
  readonly centreNameEn: string;
  readonly effectiveFrom: IsoDate;
  readonly confirmed: boolean;
  readonly source: PolicySource;
  /** Months of continuous normal deposits (连续足额缴存) the applicant needs. */
  readonly minimumContinuousDepositMonths: number;
  readonly maximumTermMonths: number;
  /** The last instalment falls at most this many years after the borrower's statutory retirement. */
  readonly yearsPastRetirement: number;
  /**
   * Which original retirement age a woman's is computed from (50 or 55 before the 2025 reform: by
   * occupation, which no connected agency shares): the centre's rule says which it assumes.
   */
  readonly womenOriginalRetirementAge: 50 | 55;
  /** Highest loan (最高贷款额度) by how many of the household deposit, and home order. */
  readonly loanCapFen: { readonly [D in Depositors]: { readonly [H in HomeOrder]: Fen } };
  readonly capIncreases: readonly CapIncrease[];
  /** ADD: increases add up; HIGHEST: only the largest applies. */
  readonly combineIncreases: 'ADD' | 'HIGHEST';
  readonly depositFormula: DepositFormula;
  /** Monthly payment ≤ this share of the borrowers' deposit bases (缴存基数), less their existing monthly repayments. */
  readonly maximumPaymentToDepositBaseBasisPoints: number;
  /** Smallest down payment as a share of the price basis (首付比例). */
  readonly minimumDownPaymentBasisPoints: { readonly [H in HomeOrder]: number };
  /** HPF loans the household may have had, settled ones included: one more is refused (第三次). */
  readonly maximumHpfLoans: number;
  /** Resale homes: building age at the end of the term at most this (房龄 + 贷款年限). */
  readonly maximumBuildingAgeAtLoanEndYears: number;
  /** 连三累六: a credit grid with this many overdue months in a row, or this many in all, fails. */
  readonly seriousOverdue: { readonly consecutiveMonths: number; readonly cumulativeMonths: number };
  /** Whether the centre runs combination loans (组合贷款) with its entrusted banks. */
  readonly combinationLoans: boolean;
}

export const POLICIES_DIR = path.join(__dirname, 'policies');

/** 福建省直住房公积金管理中心 (the provincial organs' centre): the guide's centre when none is named. */
export const PROVINCIAL_CENTRE_CODE = '350000';

// ── validation ───────────────────────────────────────────────────────────────────────────────

class PolicyFileError extends Error {}

type Reader = { at: string; value: unknown };

function field(reader: Reader, name: string): Reader {
  const { value, at } = reader;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicyFileError(`${at}: expected a mapping`);
  if (!(name in value)) throw new PolicyFileError(`${at}.${name}: missing`);
  return { at: `${at}.${name}`, value: (value as Record<string, unknown>)[name] };
}
function onlyFields(reader: Reader, names: readonly string[]): void {
  const unknown = Object.keys(reader.value as object).filter((key) => !names.includes(key));
  if (unknown.length > 0) throw new PolicyFileError(`${reader.at}: unknown field ${unknown.join(', ')}`);
}
function text(reader: Reader): string {
  if (typeof reader.value !== 'string' || reader.value.trim() === '') throw new PolicyFileError(`${reader.at}: expected text`);
  return reader.value;
}
function whole(reader: Reader, min: number, max: number): number {
  if (!Number.isSafeInteger(reader.value) || (reader.value as number) < min || (reader.value as number) > max) {
    throw new PolicyFileError(`${reader.at}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(reader.value)}`);
  }
  return reader.value as number;
}
/** Yuan in the file (whole yuan: centres publish caps in 万), fen in the policy. */
const yuan = (reader: Reader): Fen => whole(reader, 0, 100_000_000) * 100;
/** Percent in the file (up to two decimals: 12.5), basis points in the policy. */
function percent(reader: Reader): number {
  const value = reader.value;
  if (typeof value !== 'number' || value < 0 || value > 100 || !Number.isInteger(Math.round(value * 100)) || Math.abs(value * 100 - Math.round(value * 100)) > 1e-9) {
    throw new PolicyFileError(`${reader.at}: expected a percentage from 0 to 100 with at most two decimals, got ${JSON.stringify(value)}`);
  }
  return Math.round(value * 100);
}
function byHomeOrder<T>(reader: Reader, read: (reader: Reader) => T): { FIRST: T; SECOND: T } {
  onlyFields(reader, ['FIRST', 'SECOND']);
  return { FIRST: read(field(reader, 'FIRST')), SECOND: read(field(reader, 'SECOND')) };
}
function oneOf<T extends string | number>(reader: Reader, values: readonly T[]): T {
  if (!values.includes(reader.value as T)) throw new PolicyFileError(`${reader.at}: expected one of ${values.join(', ')}, got ${JSON.stringify(reader.value)}`);
  return reader.value as T;
}

function depositFormula(reader: Reader): DepositFormula {
  const basis = oneOf(field(reader, 'basis'), ['CURRENT_BALANCE', 'AVERAGE_BALANCE', 'MONTHLY_DEPOSIT', 'DEPOSIT_YEARS'] as const);
  const minimumFen = yuan(field(reader, 'minimumYuan'));
  if (basis === 'DEPOSIT_YEARS') {
    onlyFields(reader, ['basis', 'perYearYuan', 'minimumYuan']);
    return { basis, perYearFen: yuan(field(reader, 'perYearYuan')), minimumFen };
  }
  onlyFields(reader, ['basis', 'multiple', 'minimumYuan']);
  return { basis, multiple: whole(field(reader, 'multiple'), 1, 100), minimumFen };
}

function capIncrease(reader: Reader): CapIncrease {
  onlyFields(reader, ['kind', 'threshold', 'addPercent', 'addYuan']);
  const kind = oneOf(field(reader, 'kind'), ['MULTI_CHILD', 'GREEN_BUILDING', 'TALENT'] as const);
  const value = reader.value as Record<string, unknown>;
  if (('addPercent' in value) === ('addYuan' in value)) throw new PolicyFileError(`${reader.at}: give addPercent or addYuan, one of them`);
  return {
    kind,
    threshold: whole(field(reader, 'threshold'), 1, 10),
    addBasisPoints: 'addPercent' in value ? percent(field(reader, 'addPercent')) : 0,
    addFen: 'addYuan' in value ? yuan(field(reader, 'addYuan')) : 0,
  };
}

const VERSION_FIELDS = [
  'effectiveFrom', 'confirmed', 'source', 'minimumContinuousDepositMonths', 'maximumTermMonths', 'yearsPastRetirement',
  'womenOriginalRetirementAge', 'loanCapYuan', 'capIncreases', 'combineIncreases', 'depositFormula',
  'maximumPaymentToDepositBasePercent', 'minimumDownPaymentPercent', 'maximumHpfLoans', 'maximumBuildingAgeAtLoanEndYears',
  'seriousOverdue', 'combinationLoans',
] as const;

function version(reader: Reader, centre: { centreCode: string; centreName: string; centreNameEn: string }): CentrePolicy {
  onlyFields(reader, VERSION_FIELDS);
  const effectiveFrom = text(field(reader, 'effectiveFrom'));
  try {
    assertIsoDate(effectiveFrom, 'effectiveFrom');
  } catch {
    throw new PolicyFileError(`${reader.at}.effectiveFrom: expected a date YYYY-MM-DD, got ${effectiveFrom}`);
  }
  const confirmed = field(reader, 'confirmed').value;
  if (typeof confirmed !== 'boolean') throw new PolicyFileError(`${reader.at}.confirmed: expected true or false`);
  const source = field(reader, 'source');
  onlyFields(source, ['document', 'note']);
  const document = field(source, 'document').value;
  if (document !== null && typeof document !== 'string') throw new PolicyFileError(`${source.at}.document: expected the notice number or null`);
  if (confirmed && document === null) throw new PolicyFileError(`${source.at}.document: a confirmed version cites its notice (文号)`);
  const caps = field(reader, 'loanCapYuan');
  onlyFields(caps, ['ONE', 'TWO']);
  const increases = field(reader, 'capIncreases');
  if (!Array.isArray(increases.value)) throw new PolicyFileError(`${increases.at}: expected a list`);
  const overdue = field(reader, 'seriousOverdue');
  onlyFields(overdue, ['consecutiveMonths', 'cumulativeMonths']);
  const combination = field(reader, 'combinationLoans').value;
  if (typeof combination !== 'boolean') throw new PolicyFileError(`${reader.at}.combinationLoans: expected true or false`);
  return {
    ...centre,
    effectiveFrom,
    confirmed,
    source: { document, note: text(field(source, 'note')) },
    minimumContinuousDepositMonths: whole(field(reader, 'minimumContinuousDepositMonths'), 0, 60),
    maximumTermMonths: whole(field(reader, 'maximumTermMonths'), 12, 360),
    yearsPastRetirement: whole(field(reader, 'yearsPastRetirement'), 0, 10),
    womenOriginalRetirementAge: oneOf(field(reader, 'womenOriginalRetirementAge'), [50, 55] as const),
    loanCapFen: { ONE: byHomeOrder(field(caps, 'ONE'), yuan), TWO: byHomeOrder(field(caps, 'TWO'), yuan) },
    capIncreases: increases.value.map((_, i) => capIncrease({ at: `${increases.at}[${i}]`, value: (increases.value as unknown[])[i] })),
    combineIncreases: oneOf(field(reader, 'combineIncreases'), ['ADD', 'HIGHEST'] as const),
    depositFormula: depositFormula(field(reader, 'depositFormula')),
    maximumPaymentToDepositBaseBasisPoints: percent(field(reader, 'maximumPaymentToDepositBasePercent')),
    minimumDownPaymentBasisPoints: byHomeOrder(field(reader, 'minimumDownPaymentPercent'), percent),
    maximumHpfLoans: whole(field(reader, 'maximumHpfLoans'), 1, 5),
    maximumBuildingAgeAtLoanEndYears: whole(field(reader, 'maximumBuildingAgeAtLoanEndYears'), 20, 100),
    seriousOverdue: { consecutiveMonths: whole(field(overdue, 'consecutiveMonths'), 1, 24), cumulativeMonths: whole(field(overdue, 'cumulativeMonths'), 1, 24) },
    combinationLoans: combination,
  };
}

/** One centre's file → its versions, oldest first; throws naming the file and the field. */
export function parseCentrePolicyFile(fileName: string, source: string): CentrePolicy[] {
  try {
    const root: Reader = { at: fileName, value: parse(source) as unknown };
    onlyFields(root, ['centreCode', 'centreName', 'centreNameEn', 'versions']);
    const centreCode = text(field(root, 'centreCode'));
    if (!/^35\d{2}00$/.test(centreCode)) throw new PolicyFileError(`${root.at}.centreCode: expected a Fujian centre code (35xx00), got ${centreCode}`);
    if (!path.basename(fileName).startsWith(centreCode)) throw new PolicyFileError(`${fileName}: the file is named after its centre code (${centreCode}-…)`);
    const centre = { centreCode, centreName: text(field(root, 'centreName')), centreNameEn: text(field(root, 'centreNameEn')) };
    const versions = field(root, 'versions');
    if (!Array.isArray(versions.value) || versions.value.length === 0) throw new PolicyFileError(`${versions.at}: expected at least one version`);
    const parsed = versions.value.map((_, i) => version({ at: `${versions.at}[${i}]`, value: (versions.value as unknown[])[i] }, centre));
    for (let i = 1; i < parsed.length; i += 1) {
      if (parsed[i]!.effectiveFrom <= parsed[i - 1]!.effectiveFrom) throw new PolicyFileError(`${versions.at}[${i}].effectiveFrom: versions are listed oldest first, each on a later date`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof PolicyFileError) throw new Error(`centre policy: ${error.message}`, { cause: error });
    throw new Error(`centre policy: ${fileName}: ${(error as Error).message}`, { cause: error });
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export function loadCentrePolicies(dir = POLICIES_DIR): readonly CentrePolicy[] {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  const policies = files.flatMap((name) => parseCentrePolicyFile(name, fs.readFileSync(path.join(dir, name), 'utf8')));
  const codes = new Set<string>();
  for (const name of files) {
    const code = name.slice(0, 6);
    if (codes.has(code)) throw new Error(`centre policy: two files for centre ${code}`);
    codes.add(code);
  }
  return deepFreeze(policies);
}

/** Every version of every centre, loaded once. */
export const CENTRE_POLICIES: readonly CentrePolicy[] = loadCentrePolicies();

/** The centres the platform serves, with their names (the service guide, the submission form). */
export const CENTRES: ReadonlyArray<{ code: string; name: string; nameEn: string }> = [...new Map(CENTRE_POLICIES.map((p) => [p.centreCode, { code: p.centreCode, name: p.centreName, nameEn: p.centreNameEn }])).values()];

export const isKnownCentre = (code: string): boolean => CENTRES.some((centre) => centre.code === code);

/** The version in force at the centre on the date; null for a centre we do not serve or a date before its first version. */
export function policyInForce(centreCode: string, date: IsoDate, versions: readonly CentrePolicy[] = CENTRE_POLICIES): CentrePolicy | null {
  assertIsoDate(date, 'date');
  let found: CentrePolicy | null = null;
  for (const version of versions) {
    if (version.centreCode === centreCode && version.effectiveFrom <= date && (!found || version.effectiveFrom > found.effectiveFrom)) found = version;
  }
  return found;
}

/** As policyInForce, for a centre that must have one (a stored application's): an error otherwise. */
export function policyFor(centreCode: string, date: IsoDate, versions: readonly CentrePolicy[] = CENTRE_POLICIES): CentrePolicy {
  const policy = policyInForce(centreCode, date, versions);
  if (!policy) throw new RangeError(`no HPF loan policy is recorded for centre ${centreCode} on ${date}`);
  return policy;
}
