/**
 * Group commit for the access record, one writer per store — and so per process, which opens its
 * storage once: every subgraph a process serves shares it. Every request must have its reads
 * recorded before its answer leaves, but one chain write per request would serialise all requests
 * on the chain. Records of requests that finish while a write is in flight wait together and go
 * in the next single append (one statement: storage/access-record-store.ts); each request still
 * learns whether its own records were written. Each write is counted and timed, with the records
 * it held (lib/metrics.ts).
 */
import { accessRecordMetrics, secondsSince } from '../../../lib/metrics';
import type { AccessRecordInput, AccessRecordStore } from '../../../storage/types';

export interface AccessRecordWriter {
  /** Resolves once these records are durably in the chain; rejects if that write failed. */
  write(records: readonly AccessRecordInput[]): Promise<void>;
}

function countWrite(outcome: 'written' | 'failed', records: number, started: number): void {
  accessRecordMetrics.writes.inc({ outcome });
  accessRecordMetrics.records.inc({ outcome }, records);
  accessRecordMetrics.duration.observe(secondsSince(started));
}

const writers = new WeakMap<AccessRecordStore, AccessRecordWriter>();

/** The store's writer: made on first use, then the same one for every caller with this store. */
export function createAccessRecordWriter(store: AccessRecordStore): AccessRecordWriter {
  let writer = writers.get(store);
  if (!writer) {
    writer = groupCommitWriter(store);
    writers.set(store, writer);
  }
  return writer;
}

function groupCommitWriter(store: AccessRecordStore): AccessRecordWriter {
  let waiting: Array<{ records: readonly AccessRecordInput[]; done: (error?: unknown) => void }> = [];
  let writing = false;

  const flush = async (): Promise<void> => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const records = batch.flatMap((entry) => entry.records);
      const started = performance.now();
      try {
        await store.append(records);
        countWrite('written', records.length, started);
        for (const entry of batch) entry.done();
      } catch (error) {
        countWrite('failed', records.length, started);
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
