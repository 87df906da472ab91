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
  type IdentityFact,
  type MarriageFact,
  type ProvidentFundFact,
  type RegistrationFact,
  type TransferTaxFact,
} from '../domain/facts';
import { document } from './operations';

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
  /** Per party: the units registered or pre-registered to them. */
  GATHER_REGISTRATION: { person: readonly string[]; property: PropertyRegistrationFact };
  GATHER_CREDIT: { person: CreditFact; property: never };
  GATHER_PROVIDENT_FUND: { person: ProvidentFundFact; property: never };
}

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

export interface PersonReading<F> {
  /** The field of the party's answer that holds this check's data (null in it: not on file); errors on its path are this item's. */
  field: string;
  /** The value `facts` reads: the field's, unless the check reads several fields of the party. */
  pick?(party: Row): unknown;
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
  facts(value: Row): F;
}

export interface PropertyReading<F> {
  field: string;
  dataItem: string;
  /** The property's answer (with its unitNumber) → facts. */
  facts(value: Row, unitNumber: string): F;
}

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
    persons: {
      field: 'identityVerification',
      parties: 'ALL_BORROWERS',
      dataItem: 'identity',
      facts: (v) => ({ nameMatches: v.nameMatches === true, householdStatus: v.householdStatus as IdentityFact['householdStatus'] }),
    },
    property: null,
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_MARRIAGE: {
    step: 'GATHER_MARRIAGE',
    agency: 'civil-affairs',
    documents: one('gather-marriage'),
    withNames: false,
    persons: {
      field: 'marriage',
      parties: 'ALL_BORROWERS',
      together: true,
      dataItem: 'marriage',
      facts: (v) =>
        marriageFromRegistrations(
          rows(v.registrations).map((r) => ({
            type: r.type as 'MARRIAGE' | 'DIVORCE' | 'REMARRIAGE',
            registrationDate: text(r.registrationDate),
            spouseIdNumber: text((r.spouse as Row | null)?.idNumber),
          })),
        ),
    },
    property: null,
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_CONTRACT: {
    step: 'GATHER_CONTRACT',
    agency: 'housing',
    documents: both('gather-contract'),
    withNames: false,
    persons: null,
    property: {
      field: 'contractFiling',
      dataItem: 'contractFiling',
      facts: (v, unitNumber) => ({
        contractNumber: text(v.contractNumber),
        unitNumber,
        status: v.status as ContractFact['status'],
        buyerIdNumbers: rows(v.buyers).map((buyer) => text((buyer.applicant as Row | null)?.idNumber)),
        priceFen: parseMoney(text(v.price)),
      }),
    },
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_TAX: {
    step: 'GATHER_TAX',
    agency: 'tax',
    documents: both('gather-tax'),
    withNames: false,
    persons: null,
    property: { field: 'transferTax', dataItem: 'transferTax', facts: (v) => ({ declared: v.declared === true, paid: v.paid === true }) },
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_REGISTRATION: {
    step: 'GATHER_REGISTRATION',
    agency: 'natural-resources',
    documents: both('gather-registration'),
    withNames: false,
    persons: { field: 'realEstateHoldings', parties: 'ALL_BORROWERS', dataItem: 'holdings', facts: (v) => rows(v.properties).map((p) => text(p.unitNumber)) },
    property: {
      field: 'registration',
      dataItem: 'registration',
      facts: (v, unitNumber) => ({
        unitNumber,
        status: v.status as RegistrationFact['status'],
        ownerIdNumbers: rows(v.owners).map((owner) => text((owner.applicant as Row | null)?.idNumber)),
        encumbrances: rows(v.encumbrances).map((e) => e.type as RegistrationFact['encumbrances'][number]),
      }),
    },
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_CREDIT: {
    step: 'GATHER_CREDIT',
    agency: 'pboc-credit',
    documents: one('gather-credit'),
    withNames: false,
    persons: {
      field: 'creditReport',
      parties: 'ALL_BORROWERS',
      dataItem: 'creditReport',
      facts: (v) => ({ currentOverdueAmountFen: parseMoney(text(v.currentOverdueAmount)), repaymentHistory24Months: v.repaymentHistory24Months as CreditFact['repaymentHistory24Months'] }),
    },
    property: null,
    maxAttempts: MAX_ATTEMPTS,
  },
  GATHER_PROVIDENT_FUND: {
    step: 'GATHER_PROVIDENT_FUND',
    agency: 'provident-fund',
    documents: one('gather-provident-fund'),
    withNames: false,
    persons: {
      // Two fields (accounts and loans) of one agency: the accounts field stands for the item's presence.
      field: 'providentFundAccounts',
      pick: (party) => party,
      parties: 'ALL_BORROWERS',
      dataItem: 'account',
      facts: (v) => ({
        accounts: rows(v.providentFundAccounts).map((account) => ({
          centreCode: text(account.centreCode),
          status: account.status as ProvidentFundFact['accounts'][number]['status'],
          continuousDepositMonths: Number(account.continuousDepositMonths),
          balanceFen: parseMoney(text(account.balance)),
          monthlyDepositFen: parseMoney(text(account.monthlyDeposit)),
          spouseIdNumberOnFile: ((account.spouseOnFile as Row | null)?.idNumber as string | undefined) ?? null,
        })),
        loans: rows(v.providentFundLoans).map((loan) => ({ loanNumber: text(loan.loanNumber), status: loan.status as ProvidentFundFact['loans'][number]['status'] })),
      }),
    },
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
