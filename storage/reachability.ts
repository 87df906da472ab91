/**
 * Whether the database is there: telling "the database is away" from "the statement was wrong"
 * (only the first is retryable, so only it becomes STORAGE_UNAVAILABLE; a refused statement keeps
 * its SQLSTATE for the caller), and a probe's bounded wait.
 */
import { StorageError } from './errors';

/** Socket faults of node's net module: nothing reached the server, or the connection broke. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * SQLSTATEs of a server that is going or not yet there: 57P01 admin_shutdown (a restart),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, or in recovery); and class 08,
 * connection exceptions.
 */
const SERVER_GOING = new Set(['57P01', '57P02', '57P03']);
/** What pg says, without a code, when a connection ends under it or none can be had in time. */
const PG_LOST = /connection terminated|connection ended|client has encountered a connection error|timeout exceeded when trying to connect|connection timeout/i;

export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof StorageError) return error.code === 'STORAGE_UNAVAILABLE';
  // Read by shape, not by `instanceof Error`: socket errors are made in node's own realm, which is
  // not the realm of the code that catches them under a test runner's sandbox.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GOING.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && PG_LOST.test(message);
}

/** The error a store's caller sees: STORAGE_UNAVAILABLE for a lost database, anything else as it was. */
export function storageFault(error: unknown): unknown {
  if (error instanceof StorageError || !isConnectionLoss(error)) return error;
  const code = (error as { code?: unknown }).code;
  return new StorageError('STORAGE_UNAVAILABLE', `the database is not reachable (${typeof code === 'string' ? code : 'connection lost'})`);
}

/** Whether `statement` succeeds within `timeoutMs`; a late answer counts as none. */
export async function answersWithin(statement: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([statement.then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
