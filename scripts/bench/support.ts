/**
 * What the benchmarks share: the bench-only decorations that take the privacy work away one piece
 * at a time (no policy, consents from memory, no access-record writes), the closed-loop load, the
 * statistics, the machine line, and the PostgreSQL a bench measures on.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import { allow } from 'graphql-shield';
import type { Policy } from '../../subgraphs/shared/policy/policy';
import type { AgencyName } from '../../lib/agency-contracts';
import { DATA_ITEMS } from '../../lib/data-items';
import type { ConsentKind, ConsentRecord, ConsentScope, Storage } from '../../storage/types';

/** Every type allowed: applyPolicy then wraps nothing — a subgraph as if there were no policy. */
export const NO_POLICY: Policy = new Proxy({}, { get: () => allow });

/**
 * Every consent look-up answered from memory: the rules run, the store is not asked. Each question
 * is answered with the given record of the kind asked (a credit query needs its written
 * authorization), or the first record when none is of that kind: a case read brings each of them
 * as given by every person its application names (keyed by `keyOf`: a memo, subjectKeyMemo, as a
 * subgraph's own is, or each request would pay an HMAC per person that the rules do not).
 */
export function memoryConsents(storage: Storage, records: readonly ConsentRecord[], keyOf: (idNumber: string) => string): Storage {
  if (records.length === 0) throw new Error('memoryConsents needs a consent record to answer with');
  const of = (kind: ConsentKind) => records.find((record) => record.kind === kind) ?? records[0]!;
  const everyItem: ConsentScope[] = (Object.entries(DATA_ITEMS) as Array<[AgencyName, readonly string[]]>).map(([agency, dataItems]) => ({ agency, dataItems: [...dataItems] }));
  return {
    ...storage,
    // The case still read from the store, its consents from memory.
    loans: {
      ...storage.loans,
      readCase: async (id, consents) => {
        const read = await storage.loans.readCase(id, null);
        if (!read || !consents) return read;
        const { applicant, spouse, coBorrowers } = read.application.request;
        const people = [applicant, ...(spouse ? [spouse] : []), ...coBorrowers].map((person) => keyOf(person.idNumber));
        return { ...read, consents: people.flatMap((subjectKey) => records.map((record) => ({ ...record, subjectKey, scopes: everyItem }))) };
      },
    },
    consents: {
      ...storage.consents,
      findActive: async (query) => of(query.kind),
      findActiveForSubjects: async (query) => new Map(query.subjectKeys.map((key) => [key, of(query.kind)])),
      findActiveForItems: async (query) => new Map(query.items.map((item, index) => [index, of(item.kind)])),
    },
  };
}

/** Access-record writes dropped: the ledger is still built, nothing is chained or committed. */
export function noRecords(storage: Storage): Storage {
  return { ...storage, accessRecords: { ...storage.accessRecords, append: async () => undefined } };
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
export const median = (values: readonly number[]): number => percentile(values, 50);

/**
 * Closed-loop load: `concurrency` lanes, each sending its next request the moment the last is
 * answered, for `seconds`. `send(lane, n)` is the lane's n-th request; a failure stops the run.
 */
export async function closedLoop(send: (lane: number, n: number) => Promise<void>, { seconds, concurrency }: { seconds: number; concurrency: number }): Promise<{ requests: number; perSecond: number }> {
  let requests = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let n = 0; performance.now() < until; n += 1) {
        await send(lane, n);
        requests += 1;
      }
    }),
  );
  return { requests, perSecond: requests / ((performance.now() - started) / 1000) };
}

/**
 * CPU time (user + system, ms) of each PostgreSQL server process on this machine, by pid, read
 * from /proc (in USER_HZ, 100 a second, on Linux); null where there is no /proc or no such
 * process (a database elsewhere). The subgraph tier's figure leaves the database out; this is its own.
 */
export function localPostgresCpu(): Map<string, number> | null {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  const cpu = new Map<string, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes(' (postgres) ')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the process ended meanwhile
    }
  }
  return cpu.size > 0 ? cpu : null;
}

/**
 * PostgreSQL's CPU ms since `before`, over the processes alive now: a backend that ended in
 * between takes its time with it (a little too low, never below zero), and one started since
 * counts from zero.
 */
export function localPostgresCpuSince(before: ReadonlyMap<string, number>): number | null {
  const now = localPostgresCpu();
  if (!now) return null;
  let spent = 0;
  for (const [pid, ms] of now) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** Cores, CPU model and load average (1, 5, 15 min): printed at the start of every bench. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), load ${load} (1/5/15 min), Node ${process.versions.node}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The PostgreSQL to measure on: DATABASE_URL when set, else the one every development machine
 * and CI runs (127.0.0.1:5432, database `test`, superuser `postgres` or the OS user); null when
 * none answers.
 */
export async function reachablePostgres(): Promise<string | null> {
  const explicit = process.env.DATABASE_URL;
  const candidates = explicit ? [explicit] : ['postgres://postgres@127.0.0.1:5432/test', `postgres://${encodeURIComponent(os.userInfo().username)}@127.0.0.1:5432/test`];
  for (const url of candidates) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      return url;
    } catch {
      // the next candidate
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return null;
}

/** Drops the schema a bench worked in (each bench on PostgreSQL works in one of its own). */
export async function dropBenchSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
