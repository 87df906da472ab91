/**
 * The data items of each agency that a consent can name (its scope), in the words the policies
 * use. A consent's scope is checked against this list when it is granted.
 */
import type { AgencyName } from './agency-contracts';

export const DATA_ITEMS: Readonly<Record<AgencyName, readonly string[]>> = {
  'public-security': ['identity', 'face'],
  'civil-affairs': ['marriage'],
  housing: ['contractFiling'],
  tax: ['transferTax'],
  'natural-resources': ['registration', 'holdings'],
  'pboc-credit': ['creditReport'],
  'provident-fund': ['account', 'loans'],
};
