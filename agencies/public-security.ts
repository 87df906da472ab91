/** 公安 Public Security: population records, looked up by ID number or verified against a name. */
import type { Dataset } from './data';
import { answerBatch, lookUpKeys, requireItems, requireString } from './shared/batch';
import type { AgencyHandlers } from './shared/simulator';

export function publicSecurityHandlers(dataset: Dataset): AgencyHandlers<'public-security'> {
  return {
    endpoints: {
      '/api/v1/persons/batch-query': (request) => lookUpKeys(request.idNumbers, 'idNumbers', (idNumber) => dataset.persons.get(idNumber)),
      '/api/v1/persons/batch-verify': (request) => {
        const items = requireItems(request.items, 'items', (raw, path) => ({
          idNumber: requireString(raw.idNumber, `${path}.idNumber`),
          name: requireString(raw.name, `${path}.name`),
        }));
        return answerBatch(
          items,
          (item) => item.idNumber,
          (item) => {
            const person = dataset.persons.get(item.idNumber);
            return person && { idNumber: person.idNumber, nameMatches: sameName(person.name, item.name), householdStatus: person.householdStatus };
          },
        );
      },
    },
  };
}

/** Names compare after Unicode normalisation and trimming; nothing looser, as the agency would. */
function sameName(onFile: string, given: string): boolean {
  return onFile.normalize('NFC') === given.normalize('NFC').trim();
}
