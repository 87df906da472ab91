/**
 * The checks (核验事项) of a loan application, one row each: the agency, the registered document the
 * worker sends, whom it reads (which parties, the property), how each answer becomes the domain's
 * facts, and how many attempts it gets. Adding a check is adding a row here and its document in
 * ./operations; the state machine (./machine.ts) and the store know no check by name.
 */
import type { AgencyName } from '../../../lib/agency-contracts';
import { parseMoney } from '../../../lib/scalars';
import type { PartyKey } from '../../shared/cases/check-record';
import {
  marriageFromRegistrations,
  type ContractFact,
  type CreditFact,
  type HoldingsFact,
  type IdentityFact,
  type MarriageFact,
  type ProvidentFundFact,
  type RegistrationFact,
  type TransferTaxFact,
} from '../domain/facts';
import { document } from './operations';
import type {
  GatherContractByContractQuery,
  GatherContractByUnitQuery,
  GatherRegistrationByContractQuery,
  GatherTaxByContractQuery,
  GatherCreditQuery,
  GatherIdentityQuery,
  GatherMarriageQuery,
  GatherProvidentFundQuery,
  GatherRegistrationByUnitQuery,
  GatherTaxByUnitQuery,
} from './generated/operations';

export const CHECK_STEPS = [
  'GATHER_IDENTITY',
  'GATHER_MARRIAGE',
  'GATHER_CONTRACT',
  'GATHER_TAX',
  'GATHER_REGISTRATION',
  'GATHER_CREDIT',
  'GATHER_PROVIDENT_FUND',
] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

/** DECIDE records the automatic decision; REGISTER_MORTGAGE runs once everyone has signed. */
export type WorkflowStep = CheckStep | 'DECIDE' | 'REGISTER_MORTGAGE';

export const isCheckStep = (step: string): step is CheckStep => (CHECK_STEPS as readonly string[]).includes(step);

/** The registered unit: its registration facts with the unit number they were found under. */
export type PropertyRegistrationFact = RegistrationFact & { readonly unitNumber: string };

/** What each check stores per party and for the property (never: it reads none). */
export interface CheckFacts {
  GATHER_IDENTITY: { person: IdentityFact; property: never };
  GATHER_MARRIAGE: { person: MarriageFact; property: never };
  GATHER_CONTRACT: { person: never; property: ContractFact };
  GATHER_TAX: { person: never; property: TransferTaxFact };
  /** Per party: the units registered or pre-registered to them, and to the minor children of their household record. */
  GATHER_REGISTRATION: { person: HoldingsFact; property: PropertyRegistrationFact };
  GATHER_CREDIT: { person: CreditFact; property: never };
  GATHER_PROVIDENT_FUND: { person: ProvidentFundFact; property: never };
}

/** A party's answer that came back without the part a fact needs, and without an error for it: the agency's silence, tried again. */
export class NoAnswer extends Error {
  constructor(readonly field: string) {
    super(`no answer for ${field}`);
    this.name = 'NoAnswer';
  }
}

export interface PersonReading<F> {
  /** The field of the party's answer that holds this check's data: errors on its path are this item's. */
  field: string;
  /** Whom the check reads: every borrower, or the applicant alone. */
  parties: 'ALL_BORROWERS' | 'APPLICANT';
  /**
   * The parties' answers are one record and are read together: one party's answer names another
   * (a marriage registration names the spouse, shown only under the spouse's own consent), so while
   * any party is open every party is read again.
   */
  together?: boolean;
  /** The data item each party's consent must cover (lib/data-items.ts). */
  dataItem: string;
  /** One party's answer (its slot in the document) → facts; null: the agency holds no record. */
  facts(party: unknown): F | null;
}

export interface PropertyReading<F> {
  field: string;
  /**
   * Which of the application's numbers names the home when it gives both: the contract filing is
   * checked by its own number; the agencies that file by unit are asked by unit, in one round trip
   * instead of a contract look-up first.
   */
  namesPropertyBy: 'CONTRACT' | 'UNIT';
  dataItem: string;
  /** The property's answer (with its unitNumber) → facts; null: no record. */
  facts(property: unknown): F | null;
  /**
   * The people the facts name (buyers, owners). One shown masked is a party who has not consented
   * yet: the facts are not kept (who signs, who owns, would be wrong), the item waits for consent.
   */
  peopleIn?(facts: F): readonly string[];
}

/**
 * A reading typed by its document's generated result type (./generated/operations.ts, from
 * schema/api.graphql): a field renamed or retyped in an agency's subgraph fails to compile here. The
 * answer at run time is that document's, so this is where the wire type is taken for it.
 */
function readsParty<Answer, F>(reading: Omit<PersonReading<F>, 'facts'> & { facts(party: Answer): F | null }): PersonReading<F> {
  return reading as PersonReading<F>;
}
function readsProperty<Answer, F>(reading: Omit<PropertyReading<F>, 'facts'> & { facts(property: Answer): F | null }): PropertyReading<F> {
  return reading as PropertyReading<F>;
}

/** One party's answer in a document: the applicant's slot (every slot has the same shape). */
type PartyAnswer<Query extends { loanApplication: { p0?: unknown } | null }> = NonNullable<NonNullable<Query['loanApplication']>['p0']>;
/** The home's answer, as either document of a check names it: each field is read from both, so both must select it. */
type PropertyAnswer<ByContract extends { property?: unknown }, ByUnit extends { loanApplication: { property?: unknown } | null }> =
  | NonNullable<ByContract['property']>
  | NonNullable<NonNullable<ByUnit['loanApplication']>['property']>;

export interface CheckDefinition<S extends CheckStep = CheckStep> {
  step: S;
  agency: AgencyName;
  /** The registered document: by contract number or by unit number (the same one when no property is read). */
  documents: { byContract: string; byUnit: string };
  /** Whether the document asks each party's claimed name (identity verification). */
  withNames: boolean;
  persons: PersonReading<CheckFacts[S]['person']> | null;
  property: PropertyReading<CheckFacts[S]['property']> | null;
  /** Attempts before the check gives up and the application goes to an officer (also bounded by the check deadline). */
  maxAttempts: number;
}

const both = (name: string) => ({ byContract: document(`${name}-by-contract`), byUnit: document(`${name}-by-unit`) });
const one = (name: string) => {
  const text = document(name);
  return { byContract: text, byUnit: text };
};

/** Enough for a passing outage (with backoff up to a minute, about ten minutes of trying), few enough to never loop. */
const MAX_ATTEMPTS = 12;

type Definitions = { readonly [S in CheckStep]: CheckDefinition<S> };

export const CHECKS: Definitions = {
  GATHER_IDENTITY: {
    step: 'GATHER_IDENTITY',
    agency: 'public-security',
    documents: one('gather-identity'),
    withNames: true,
    persons: readsParty({
      field: 'identityVerification',
      parties: 'ALL_BORROWERS',
      dataItem: 'identity',
      facts: ({ identityVerification: v }: PartyAnswer<GatherIdentityQuery>): IdentityFact | null =>
        v && { nameMatches: v.nameMatches === true, householdStatus: v.householdStatus, minorChildren: v.minorChildren },
    }),
    property: null,
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_MARRIAGE: {
    step: 'GATHER_MARRIAGE',
    agency: 'civil-affairs',
    documents: one('gather-marriage'),
    withNames: false,
    persons: readsParty({
      field: 'marriage',
      parties: 'ALL_BORROWERS',
      together: true,
      dataItem: 'marriage',
      facts: ({ marriage }: PartyAnswer<GatherMarriageQuery>): MarriageFact | null =>
        marriage &&
        marriageFromRegistrations(marriage.registrations.map((r) => ({ type: r.type, registrationDate: r.registrationDate, spouseIdNumber: r.spouse.idNumber ?? '' }))),
    }),
    property: null,
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_CONTRACT: {
    step: 'GATHER_CONTRACT',
    agency: 'housing',
    documents: both('gather-contract'),
    withNames: false,
    persons: null,
    property: readsProperty({
      field: 'contractFiling',
      namesPropertyBy: 'CONTRACT',
      dataItem: 'contractFiling',
      facts: ({ unitNumber, contractFiling: v }: PropertyAnswer<GatherContractByContractQuery, GatherContractByUnitQuery>): ContractFact | null =>
        v && {
          contractNumber: v.contractNumber,
          unitNumber: unitNumber ?? '',
          status: v.status,
          buyerIdNumbers: v.buyers.map((buyer) => buyer.applicant.idNumber ?? ''),
          priceFen: parseMoney(v.price),
          saleType: v.saleType,
          buildingCompletedYear: v.buildingCompletedYear,
          greenBuildingStars: v.greenBuildingStars,
        },
      peopleIn: (facts) => facts.buyerIdNumbers,
    }),
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_TAX: {
    step: 'GATHER_TAX',
    agency: 'tax',
    documents: both('gather-tax'),
    withNames: false,
    persons: null,
    property: readsProperty({
      field: 'transferTax',
      namesPropertyBy: 'UNIT',
      dataItem: 'transferTax',
      facts: ({ transferTax: v }: PropertyAnswer<GatherTaxByContractQuery, GatherTaxByUnitQuery>): TransferTaxFact | null =>
        v && { declared: v.declared, paid: v.paid, assessedValueFen: v.assessedValue ? parseMoney(v.assessedValue) : null },
    }),
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_REGISTRATION: {
    step: 'GATHER_REGISTRATION',
    agency: 'natural-resources',
    documents: both('gather-registration'),
    withNames: false,
    persons: readsParty({
      field: 'realEstateHoldings',
      parties: 'ALL_BORROWERS',
      dataItem: 'holdings',
      // Never "not on file": holding nothing oneself is a fact, and the minor children's homes count either way.
      facts: ({ realEstateHoldings: own, minorChildrenHoldings: children }: PartyAnswer<GatherRegistrationByUnitQuery>): HoldingsFact => {
        // No list without an error: the household record did not come through, which must never read as "no children".
        if (!children) throw new NoAnswer('minorChildrenHoldings');
        const units = (holdings: { properties: ReadonlyArray<{ unitNumber?: string | null }> } | null | undefined) => (holdings?.properties ?? []).map((p) => p.unitNumber ?? '');
        return { units: units(own), minorChildrenUnits: children.flatMap(units) };
      },
    }),
    property: readsProperty({
      field: 'registration',
      namesPropertyBy: 'UNIT',
      dataItem: 'registration',
      facts: ({ unitNumber, registration: v }: PropertyAnswer<GatherRegistrationByContractQuery, GatherRegistrationByUnitQuery>): PropertyRegistrationFact | null =>
        v && {
          unitNumber: unitNumber ?? '',
          status: v.status,
          ownerIdNumbers: v.owners.map((owner) => owner.applicant.idNumber ?? ''),
          encumbrances: v.encumbrances.map((e) => e.type),
        },
      peopleIn: (facts) => facts.ownerIdNumbers,
    }),
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_CREDIT: {
    step: 'GATHER_CREDIT',
    agency: 'pboc-credit',
    documents: one('gather-credit'),
    withNames: false,
    persons: readsParty({
      field: 'creditReport',
      parties: 'ALL_BORROWERS',
      dataItem: 'creditReport',
      facts: ({ creditReport: v }: PartyAnswer<GatherCreditQuery>): CreditFact | null =>
        v && {
          currentOverdueAmountFen: parseMoney(v.currentOverdueAmount),
          monthlyRepaymentFen: parseMoney(v.monthlyRepayment),
          repaymentHistory24Months: v.repaymentHistory24Months as CreditFact['repaymentHistory24Months'],
        },
    }),
    property: null,
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_PROVIDENT_FUND: {
    step: 'GATHER_PROVIDENT_FUND',
    agency: 'provident-fund',
    documents: one('gather-provident-fund'),
    withNames: false,
    persons: readsParty({
      // Two fields (accounts and loans) of one agency: errors on the accounts stand for the item's.
      field: 'providentFundAccounts',
      parties: 'ALL_BORROWERS',
      dataItem: 'account',
      facts: ({ providentFundAccounts, providentFundLoans }: PartyAnswer<GatherProvidentFundQuery>): ProvidentFundFact => ({
        accounts: (providentFundAccounts ?? []).map((account) => ({
          centreCode: account.centreCode,
          status: account.status,
          continuousDepositMonths: account.continuousDepositMonths,
          balanceFen: parseMoney(account.balance),
          averageBalanceFen: parseMoney(account.averageBalance),
          monthlyDepositFen: parseMoney(account.monthlyDeposit),
          depositBaseFen: parseMoney(account.depositBase),
          firstDepositDate: account.firstDepositDate,
          spouseIdNumberOnFile: account.spouseOnFile?.idNumber ?? null,
        })),
        loans: (providentFundLoans ?? []).map((loan) => ({ loanNumber: loan.loanNumber, status: loan.status })),
      }),
    }),
    property: null,
    maxAttempts: MAX_ATTEMPTS,
  },
};

/** The document slot of each party: 0 the applicant, 1 the spouse, 2-5 the co-borrowers. */
export const PARTY_SLOTS = 6;

export function slotOf(party: PartyKey): number {
  if (party === 'APPLICANT') return 0;
  if (party === 'SPOUSE') return 1;
  return 1 + Number(party.split(':')[1]);
}
