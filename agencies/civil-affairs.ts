/** 民政 Civil Affairs: marriage registrations by ID number. */
import { validateIdNumber } from '../lib/identifiers';
import type { Dataset } from './data';
import { lookUpKeys } from './shared/batch';
import type { AgencyHandlers } from './shared/simulator';

export function civilAffairsHandlers(dataset: Dataset): AgencyHandlers<'civil-affairs'> {
  return {
    endpoints: {
      // A registry of events: anyone with no event on file is answered with an empty list
      // (未登记), not "not found"; only a malformed ID number finds nothing.
      '/api/v1/marriages/batch-query': (request, context) =>
        lookUpKeys(request.idNumbers, 'idNumbers', (idNumber) =>
          validateIdNumber(idNumber, context.now).ok ? (dataset.marriages.get(idNumber) ?? { idNumber, registrations: [] }) : undefined,
        ),
    },
  };
}
