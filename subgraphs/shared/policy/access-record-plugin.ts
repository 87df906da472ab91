/**
 * Writes what a request resolved of personal data to the access record before the answer leaves:
 * one record per person and agency, listing the fields. If the record cannot be written, the
 * answer is withheld — personal data is never handed out unrecorded.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../../lib/logger';
import { isStorageUnavailable, markRetryable, storageUnavailable } from '../../../lib/storage-unavailable';
import { maskIdNumberForRecord } from '../../../storage';
import type { AccessRecordInput } from '../../../storage/types';
import type { AccessRecordWriter } from './access-record-writer';
import type { PolicyContext } from './context';

/** The records of one request; `applicationId` is the case the platform verified, never the caller's claim. */
export function accessRecordsOf(context: PolicyContext, subjectKeyOf: (idNumber: string) => string, at: Date, applicationId: string | null): AccessRecordInput[] {
  const grouped = new Map<string, AccessRecordInput>();
  for (const entry of context.ledger) {
    const key = `${entry.subjectIdNumber}|${entry.agency}|${entry.legalBasis}|${entry.consentId ?? ''}|${entry.applicationId ?? ''}`;
    let record = grouped.get(key);
    if (!record) {
      record = {
        accessedAt: at,
        requestId: context.requestId,
        actorSubject: context.actor.subject,
        actorRole: context.actor.role,
        actorCentre: context.actor.centre,
        subjectKey: subjectKeyOf(entry.subjectIdNumber),
        subjectMasked: maskIdNumberForRecord(entry.subjectIdNumber),
        agency: entry.agency,
        fields: [],
        purpose: context.purpose,
        legalBasis: entry.legalBasis,
        consentId: entry.consentId,
        applicationId: entry.applicationId ?? applicationId,
      };
      grouped.set(key, record);
    }
    if (!record.fields.includes(entry.field)) record.fields.push(entry.field);
  }
  return [...grouped.values()].map((record) => ({ ...record, fields: record.fields.sort() }));
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
