/**
 * Assembles a Dataset record by record. The generator and the scenarios both write through it, so
 * the two sides of every relation (both spouses' marriage records, contract ↔ tax ↔ registration
 * ↔ holdings) are written by one piece of code and cannot disagree.
 */
import type {
  ContractFilingRecord,
  ContractParty,
  Encumbrance,
  FilingType,
  MarriageRecord,
  MarriageRegistration,
  MarriageRegistrationType,
  PersonRecord,
  PropertyRegistrationRecord,
  ProvidentFundRecord,
  RegistrationStatus,
  SaleType,
  TransferTaxRecord,
  HoldingsRecord,
} from '../../lib/agency-contracts';
import type { ApplicantProfile, CreditHistory, Dataset } from './dataset';
import { yearOf } from './dates';
import { placeName, type FujianCounty } from './fujian';
import { buildContractNumber, buildPropertyCertificateNumber, buildRegistrationProofNumber, buildTaxReceiptNumber } from './numbers';

export interface Developer {
  name: string;
  creditCode: string;
}

export interface PropertySpec {
  county: FujianCounty;
  contractNumber: string;
  unitNumber: string;
  filingType: FilingType;
  saleType: SaleType;
  buildingCompletedYear: number;
  greenBuildingStars: number;
  /** The tax bureau's assessed value (计税价格) of a resale home, at most the price; null for a new one. */
  assessedValueFen: number | null;
  buyers: ContractParty[];
  seller: Developer;
  priceFen: number;
  areaSquareMetres: string;
  address: string;
  filedAt: string;
  /** Deed tax (契税) rate in basis points of the price: 100 = 1 %. */
  deedTaxBasisPoints: number;
  taxDeclaredAt: string | null;
  taxPaidAt: string | null;
  registrationStatus: RegistrationStatus;
  registeredAt: string;
  /** Mortgages already on the unit; the builder numbers their registration proofs. */
  mortgages: Array<{ holder: string; amountFen: number; registeredAt: string }>;
}

export class DatasetBuilder {
  private readonly applicants: ApplicantProfile[] = [];
  private readonly persons = new Map<string, PersonRecord>();
  private readonly marriages = new Map<string, MarriageRecord>();
  private readonly contractsByNumber = new Map<string, ContractFilingRecord>();
  private readonly contractsByUnit = new Map<string, ContractFilingRecord>();
  private readonly transferTaxByUnit = new Map<string, TransferTaxRecord>();
  private readonly registrationsByUnit = new Map<string, PropertyRegistrationRecord>();
  private readonly creditHistories = new Map<string, CreditHistory>();
  private readonly providentFund = new Map<string, ProvidentFundRecord>();
  private readonly sequences = new Map<string, number>();

  constructor(readonly asOf: string) {}

  hasPerson(idNumber: string): boolean {
    return this.persons.has(idNumber);
  }

  hasUnit(unitNumber: string): boolean {
    return this.registrationsByUnit.has(unitNumber);
  }

  addPerson(person: PersonRecord): PersonRecord {
    if (this.persons.has(person.idNumber)) throw new Error('duplicate person in data set');
    this.persons.set(person.idNumber, person);
    this.marriages.set(person.idNumber, { idNumber: person.idNumber, registrations: [] });
    return person;
  }

  /** The children under 18 in the person's household (户), known once the household is written; each is a person of the data set. */
  recordMinorChildren(idNumber: string, minorChildIdNumbers: readonly string[]): void {
    const person = this.persons.get(idNumber);
    if (!person) throw new Error('children recorded for a person not in the data set');
    if (minorChildIdNumbers.some((child) => !this.persons.has(child))) throw new Error('a child recorded who is not in the data set');
    this.persons.set(idNumber, { ...person, minorChildIdNumbers: [...minorChildIdNumbers] });
  }

  addApplicant(profile: ApplicantProfile): void {
    this.applicants.push(profile);
  }

  /** Writes one registration on both spouses' records, naming each other, so the two sides agree. */
  registerMarriageEvent(type: MarriageRegistrationType, a: PersonRecord, b: PersonRecord, date: string, office: string): void {
    this.marriageRecordOf(a).push({ type, registrationDate: date, spouseIdNumber: b.idNumber, spouseName: b.name, registrationOffice: office });
    this.marriageRecordOf(b).push({ type, registrationDate: date, spouseIdNumber: a.idNumber, spouseName: a.name, registrationOffice: office });
  }

  /** Next free contract number in a region and year, skipping numbers already written. */
  nextContractNumber(region: string, year: number): string {
    for (;;) {
      const candidate = buildContractNumber(region, year, this.nextSequence(`contract:${region}:${year}`));
      if (!this.contractsByNumber.has(candidate)) return candidate;
    }
  }

  /** Next value of a named counter (1, 2, …); used for every sequential number in the data set. */
  nextSequence(counter: string): number {
    const value = (this.sequences.get(counter) ?? 0) + 1;
    this.sequences.set(counter, value);
    return value;
  }

  addProperty(spec: PropertySpec): void {
    if (this.registrationsByUnit.has(spec.unitNumber) || this.contractsByNumber.has(spec.contractNumber)) {
      throw new Error('duplicate unit or contract in data set');
    }
    const district = placeName(spec.county);
    const contract: ContractFilingRecord = {
      contractNumber: spec.contractNumber,
      unitNumber: spec.unitNumber,
      filingType: spec.filingType,
      status: 'FILED',
      buyers: spec.buyers,
      sellerName: spec.seller.name,
      sellerCreditCode: spec.seller.creditCode,
      priceFen: spec.priceFen,
      areaSquareMetres: spec.areaSquareMetres,
      address: spec.address,
      district,
      filedAt: spec.filedAt,
      homeUsage: 'RESIDENTIAL',
      saleType: spec.saleType,
      buildingCompletedYear: spec.buildingCompletedYear,
      greenBuildingStars: spec.greenBuildingStars,
    };
    this.contractsByNumber.set(contract.contractNumber, contract);
    this.contractsByUnit.set(contract.unitNumber, contract);
    this.transferTaxByUnit.set(spec.unitNumber, this.transferTax(spec));
    this.registrationsByUnit.set(spec.unitNumber, this.registration(spec));
  }

  addCreditHistory(history: CreditHistory): void {
    this.creditHistories.set(history.idNumber, history);
  }

  addProvidentFund(record: ProvidentFundRecord): void {
    this.providentFund.set(record.idNumber, record);
  }

  build(meta: { seed: number; size: number }): Dataset {
    const holdingsByOwner = new Map<string, HoldingsRecord>();
    for (const registration of this.registrationsByUnit.values()) {
      for (const owner of registration.owners) {
        const holdings = holdingsByOwner.get(owner.idNumber) ?? { idNumber: owner.idNumber, unitNumbers: [] };
        holdings.unitNumbers.push(registration.unitNumber);
        holdingsByOwner.set(owner.idNumber, holdings);
      }
    }
    return {
      ...meta,
      asOf: this.asOf,
      applicants: this.applicants,
      persons: this.persons,
      marriages: this.marriages,
      contractsByNumber: this.contractsByNumber,
      contractsByUnit: this.contractsByUnit,
      transferTaxByUnit: this.transferTaxByUnit,
      registrationsByUnit: this.registrationsByUnit,
      holdingsByOwner,
      creditHistories: this.creditHistories,
      providentFund: this.providentFund,
    };
  }

  private marriageRecordOf(person: PersonRecord): MarriageRegistration[] {
    const record = this.marriages.get(person.idNumber);
    if (!record) throw new Error('marriage registered for a person not in the data set');
    return record.registrations;
  }

  private transferTax(spec: PropertySpec): TransferTaxRecord {
    if ((spec.saleType === 'RESALE') !== (spec.assessedValueFen !== null)) throw new Error('a resale home, and only one, has an assessed value');
    if (spec.assessedValueFen !== null && spec.assessedValueFen > spec.priceFen) throw new Error('the assessed value is at most the price here');
    const declared = spec.taxDeclaredAt !== null;
    const paid = declared && spec.taxPaidAt !== null;
    const deedTaxFen = declared ? Math.round((spec.priceFen * spec.deedTaxBasisPoints) / 10_000) : 0;
    // Deed tax is on the price: the assessed value only replaces a price below it, and here it never is.
    // Individuals buying a home are exempt from stamp duty (财税〔2008〕137号), so it is 0 here.
    const stampDutyFen = 0;
    return {
      contractNumber: spec.contractNumber,
      unitNumber: spec.unitNumber,
      taxpayerIdNumbers: spec.buyers.map((b) => b.idNumber),
      declared,
      paid,
      deedTaxFen,
      stampDutyFen,
      totalFen: deedTaxFen + stampDutyFen,
      declaredAt: spec.taxDeclaredAt,
      paidAt: paid ? spec.taxPaidAt : null,
      receiptNumber: paid
        ? buildTaxReceiptNumber(spec.county.code, spec.taxPaidAt!, this.nextSequence(`receipt:${spec.county.code}:${spec.taxPaidAt}`))
        : null,
      assessedValueFen: spec.assessedValueFen,
    };
  }

  private registration(spec: PropertySpec): PropertyRegistrationRecord {
    const cityName = spec.county.city.name;
    const year = yearOf(spec.registeredAt);
    const encumbrances: Encumbrance[] = spec.mortgages.map((m) => ({
      type: 'MORTGAGE',
      holder: m.holder,
      certificateNumber: buildRegistrationProofNumber(yearOf(m.registeredAt), cityName, this.nextSequence(`proof:${cityName}:${yearOf(m.registeredAt)}`)),
      registeredAt: m.registeredAt,
      amountFen: m.amountFen,
    }));
    return {
      unitNumber: spec.unitNumber,
      certificateNumber:
        spec.registrationStatus === 'REGISTERED'
          ? buildPropertyCertificateNumber(year, cityName, this.nextSequence(`certificate:${cityName}:${year}`))
          : null,
      status: spec.registrationStatus,
      owners: spec.buyers,
      encumbrances,
      address: spec.address,
      areaSquareMetres: spec.areaSquareMetres,
      registeredAt: spec.registeredAt,
    };
  }
}


/** Co-buyers share equally; the first buyer takes any remainder so shares sum to 100. */
export function sharesOf(people: ReadonlyArray<Pick<PersonRecord, 'idNumber' | 'name'>>): ContractParty[] {
  const each = Math.floor(100 / people.length);
  return people.map((p, i) => ({ idNumber: p.idNumber, name: p.name, sharePercent: i === 0 ? 100 - each * (people.length - 1) : each }));
}
