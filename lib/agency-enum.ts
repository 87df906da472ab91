import type { AgencyName } from './agency-contracts';

/** The schema's Agency enum ↔ the agencies' names on the wire. */
export const AGENCY_ENUM: Readonly<Record<string, AgencyName>> = {
  PUBLIC_SECURITY: 'public-security',
  CIVIL_AFFAIRS: 'civil-affairs',
  HOUSING: 'housing',
  TAX: 'tax',
  NATURAL_RESOURCES: 'natural-resources',
  PBOC_CREDIT: 'pboc-credit',
  PROVIDENT_FUND: 'provident-fund',
};
