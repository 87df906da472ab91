/** 住房公积金中心 HPF centre: members' accounts and HPF loans by ID number. */
import type { Dataset } from './data';
import { lookUpKeys } from './shared/batch';
import type { AgencyHandlers } from './shared/simulator';

export function providentFundHandlers(dataset: Dataset): AgencyHandlers<'provident-fund'> {
  return {
    endpoints: {
      '/api/v1/members/batch-query': (request) => lookUpKeys(request.idNumbers, 'idNumbers', (idNumber) => dataset.providentFund.get(idNumber)),
    },
  };
}
