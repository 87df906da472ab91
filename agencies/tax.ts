/** 税务 Tax: transfer-tax declarations (房产税费申报) by unit number. */
import type { Dataset } from './data';
import { lookUpKeys } from './shared/batch';
import type { AgencyHandlers } from './shared/simulator';

export function taxHandlers(dataset: Dataset): AgencyHandlers<'tax'> {
  return {
    endpoints: {
      '/api/v1/transfer-tax/batch-query-by-unit': (request) =>
        lookUpKeys(request.unitNumbers, 'unitNumbers', (unitNumber) => dataset.transferTaxByUnit.get(unitNumber)),
    },
  };
}
