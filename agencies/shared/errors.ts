/**
 * How a simulator refuses a call: a handler throws AgencyError with a contract code, and the
 * simulator answers the envelope with that code and the HTTP status this one table assigns.
 */
import { AGENCY_CODES, type AgencyCode } from '../../lib/agency-contracts';

export const HTTP_STATUS_OF_CODE: Readonly<Record<AgencyCode, number>> = {
  [AGENCY_CODES.OK]: 200,
  [AGENCY_CODES.BAD_REQUEST]: 400,
  [AGENCY_CODES.SIGNATURE_MISSING]: 401,
  [AGENCY_CODES.SIGNATURE_INVALID]: 401,
  [AGENCY_CODES.SIGNATURE_STALE]: 401,
  [AGENCY_CODES.AUTHORIZATION_REQUIRED]: 403,
  [AGENCY_CODES.NOT_FOUND]: 404,
  [AGENCY_CODES.BATCH_TOO_LARGE]: 413,
  [AGENCY_CODES.INTERNAL]: 500,
  [AGENCY_CODES.UNAVAILABLE]: 503,
};

export class AgencyError extends Error {
  constructor(
    readonly code: AgencyCode,
    message: string,
    /** Overrides the table, e.g. 405 for a wrong method on a known path. */
    readonly httpStatus: number = HTTP_STATUS_OF_CODE[code],
  ) {
    super(message);
    this.name = 'AgencyError';
  }
}

export function badRequest(message: string): AgencyError {
  return new AgencyError(AGENCY_CODES.BAD_REQUEST, message);
}
