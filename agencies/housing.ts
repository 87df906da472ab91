/** 住建 Housing: filed purchase contracts (网签备案 / 预告登记), by contract number or by unit. */
import type { Dataset } from './data';
import { lookUpKeys } from './shared/batch';
import type { AgencyHandlers } from './shared/simulator';

export function housingHandlers(dataset: Dataset): AgencyHandlers<'housing'> {
  return {
    endpoints: {
      '/api/v1/contract-filings/batch-query-by-contract': (request) =>
        lookUpKeys(request.contractNumbers, 'contractNumbers', (contractNumber) => dataset.contractsByNumber.get(contractNumber)),
      '/api/v1/contract-filings/batch-query-by-unit': (request) =>
        lookUpKeys(request.unitNumbers, 'unitNumbers', (unitNumber) => dataset.contractsByUnit.get(unitNumber)),
    },
  };
}
