/**
 * Writes what a request resolved of personal data to the access record before the answer leaves:
 * one record per agency, listing each person read with the fields read of them and the ground
 * of it. If the record cannot be written, the answer is withheld — personal data is never handed
 * out unrecorded.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../../lib/logger';
import { isStorageUnavailable, markRetryable, storageUnavailable } from '../../../lib/storage-unavailable';
import { maskIdNumberForRecord } from '../../../storage';
import type { AccessRecordInput, AccessRecordSubject } from '../../../storage/types';
import type { AccessRecordWriter } from './access-record-writer';
import type { PolicyContext } from './context';

/**
 * The records of one request, one per agency; `applicationId` is the case the platform verified,
 * never the caller's claim. A person read on two grounds (or for two cases) is listed once for each.
 */
export function accessRecordsOf(context: PolicyContext, subjectKeyOf: (idNumber: string) => string, at: Date, applicationId: string | null): AccessRecordInput[] {
  const byAgency = new Map<string, { record: AccessRecordInput; subjects: Map<string, AccessRecordSubject> }>();
  for (const entry of context.ledger) {
    let agency = byAgency.get(entry.agency);
    if (!agency) {
      const record: AccessRecordInput = {
        accessedAt: at,
        requestId: context.requestId,
        actorSubject: context.actor.subject,
        actorRole: context.actor.role,
        actorCentre: context.actor.centre,
        agency: entry.agency,
        purpose: context.purpose,
        subjects: [],
      };
      agency = { record, subjects: new Map() };
      byAgency.set(entry.agency, agency);
    }
    const key = `${entry.subjectIdNumber}|${entry.legalBasis}|${entry.consentId ?? ''}|${entry.applicationId ?? ''}`;
    let subject = agency.subjects.get(key);
    if (!subject) {
      subject = {
        subjectKey: subjectKeyOf(entry.subjectIdNumber),
        subjectMasked: maskIdNumberForRecord(entry.subjectIdNumber),
        fields: [],
        legalBasis: entry.legalBasis,
        consentId: entry.consentId,
        applicationId: entry.applicationId ?? applicationId,
      };
      agency.subjects.set(key, subject);
      agency.record.subjects.push(subject);
    }
    if (!subject.fields.includes(entry.field)) subject.fields.push(entry.field);
  }
  return [...byAgency.values()].map(({ record }) => ({ ...record, subjects: record.subjects.map((subject) => ({ ...subject, fields: subject.fields.sort() })) }));
}

export function accessRecordPlugin(writer: AccessRecordWriter, subjectKeyOf: (idNumber: string) => string, logger: Logger): ApolloServerPlugin<PolicyContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.ledger.length === 0) return;
          try {
            const verifiedCase = await contextValue.caseFile();
            const records = accessRecordsOf(contextValue, subjectKeyOf, new Date(), verifiedCase?.application.id ?? null);
            await writer.write(records);
          } catch (error) {
            logger.error('access record could not be written; answer withheld', { requestId: contextValue.requestId, error: error instanceof Error ? error.name : 'unknown' });
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              // A database that is away is retryable; any other fault is ours.
              response.body.singleResult.errors = [
                isStorageUnavailable(error) ? storageUnavailable() : new GraphQLError('Internal server error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
              ];
              markRetryable(response);
            }
          }
        },
      };
    },
  };
}
