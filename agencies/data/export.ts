/**
 * The data set as JSON documents, one per agency, for inspection and for loading elsewhere. Maps
 * are written as arrays in insertion order, so the same data set always yields the same bytes.
 */
import type { AgencyName } from '../../lib/agency-contracts';
import type { Dataset } from './dataset';

export type DatasetDocuments = Record<AgencyName | 'manifest', string>;

export function datasetDocuments(dataset: Dataset): DatasetDocuments {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    manifest: json({
      seed: dataset.seed,
      size: dataset.size,
      asOf: dataset.asOf,
      counts: datasetCounts(dataset),
      applicants: dataset.applicants,
    }),
    'public-security': json({ persons: [...dataset.persons.values()] }),
    'civil-affairs': json({ marriages: [...dataset.marriages.values()] }),
    housing: json({ contractFilings: [...dataset.contractsByNumber.values()] }),
    tax: json({ transferTaxes: [...dataset.transferTaxByUnit.values()] }),
    'natural-resources': json({ registrations: [...dataset.registrationsByUnit.values()], holdings: [...dataset.holdingsByOwner.values()] }),
    'pboc-credit': json({ creditHistories: [...dataset.creditHistories.values()] }),
    'provident-fund': json({ members: [...dataset.providentFund.values()] }),
  };
}

export function datasetCounts(dataset: Dataset): Record<string, number> {
  return {
    applicants: dataset.applicants.length,
    persons: dataset.persons.size,
    marriedPersons: [...dataset.marriages.values()].filter((m) => m.registrations.length > 0).length,
    contractFilings: dataset.contractsByNumber.size,
    transferTaxes: dataset.transferTaxByUnit.size,
    registrations: dataset.registrationsByUnit.size,
    owners: dataset.holdingsByOwner.size,
    creditHistories: dataset.creditHistories.size,
    providentFundMembers: dataset.providentFund.size,
    providentFundLoans: [...dataset.providentFund.values()].reduce((sum, r) => sum + r.loans.length, 0),
  };
}
