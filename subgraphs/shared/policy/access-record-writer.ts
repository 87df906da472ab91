/**
 * Group commit for the access record. Every request must have its reads recorded before its answer
 * leaves, but one chain transaction per request would serialise all requests on the chain lock.
 * Records of requests that finish while a write is in flight wait together and go in the next
 * single transaction; each request still learns whether its own records were written.
 */
import type { AccessRecordInput, AccessRecordStore } from '../../../storage/types';

export interface AccessRecordWriter {
  /** Resolves once these records are durably in the chain; rejects if that write failed. */
  write(records: readonly AccessRecordInput[]): Promise<void>;
}

export function createAccessRecordWriter(store: AccessRecordStore): AccessRecordWriter {
  let waiting: Array<{ records: readonly AccessRecordInput[]; done: (error?: unknown) => void }> = [];
  let writing = false;

  const flush = async (): Promise<void> => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await store.append(batch.flatMap((entry) => entry.records));
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.done(error);
      }
    }
    writing = false;
  };

  return {
    write(records) {
      if (records.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiting.push({ records, done: (error) => (error === undefined ? resolve() : reject(error)) });
        if (!writing) void flush();
      });
    },
  };
}
