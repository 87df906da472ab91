/** 公安 Public Security: population records, looked up by ID number or verified against a name. */
import type { Dataset } from './data';
import { answerBatch, lookUpKeys, requireItems, requireString } from './shared/batch';
import { createHash } from 'node:crypto';
import { AGENCY_CODES } from '../lib/agency-contracts';
import { AgencyError, badRequest } from './shared/errors';
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
            return (
              person && {
                idNumber: person.idNumber,
                nameMatches: sameName(person.name, item.name),
                householdStatus: person.householdStatus,
                minorChildren: person.minorChildIdNumbers.length,
              }
            );
          },
        );
      },
      '/api/v1/faces/compare': (request, context) => {
        const idNumber = requireString(request.idNumber, 'idNumber');
        const livePhotoSha256 = requireString(request.livePhotoSha256, 'livePhotoSha256');
        if (!/^[0-9a-f]{64}$/.test(livePhotoSha256)) throw badRequest('livePhotoSha256 must be a SHA-256 hex digest');
        const person = dataset.persons.get(idNumber);
        if (!person) throw new AgencyError(AGENCY_CODES.NOT_FOUND, 'no such person');
        const matched = livePhotoSha256 === createHash('sha256').update(`live:${idNumber}`).digest('hex');
        return { idNumber, matched, score: matched ? 96 : 31, comparisonRef: `FACE-${context.traceId}` };
      },
    },
  };
}

/** Names compare after Unicode normalisation and trimming; nothing looser, as the agency would. */
function sameName(onFile: string, given: string): boolean {
  return onFile.normalize('NFC') === given.normalize('NFC').trim();
}
