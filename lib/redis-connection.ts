/**
 * One way to open Redis for every part that shares state through it (the gateway's cache, the
 * subgraphs' record of used caller assertions). REDIS_URL (or REDIS_URL_FILE, as it may hold a
 * password) says everything: `redis://[user]:password@host:port/db`, or `rediss://…` for TLS (the
 * server's certificate is verified against the host name, with Node's CAs plus NODE_EXTRA_CA_CERTS).
 * The URL is taken apart here and each part given to ioredis by name, so nothing depends on how
 * ioredis reads URLs, and the URL (a secret) is never logged.
 */
import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from './logger';

export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  /** Present for rediss:// URLs. */
  tls?: { servername?: string };
}

/** The connection a REDIS_URL names; throws on a URL that is not redis:// or rediss:// (without quoting it). */
export function redisConnectionOf(url: string): RedisConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('REDIS_URL is not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  const dbText = parsed.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,2}$/.test(dbText)) throw new Error('REDIS_URL names a database that is not a number (redis://host:port/<db>)');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new Error('REDIS_URL names no host');
  const connection: RedisConnectionOptions = { host, port: parsed.port ? Number(parsed.port) : 6379, db: dbText === '' ? 0 : Number(dbText) };
  if (parsed.username) connection.username = decodeURIComponent(parsed.username);
  if (parsed.password) connection.password = decodeURIComponent(parsed.password);
  // SNI only for names; certificate checks (rejectUnauthorized) stay Node's defaults: on.
  if (parsed.protocol === 'rediss:') connection.tls = /^[\d.]+$|:/.test(host) ? {} : { servername: host };
  return connection;
}

export interface OpenRedisOptions {
  /** Namespace of every key (REDIS_KEY_PREFIX plus the user's own part). */
  keyPrefix: string;
  logger: Logger;
  /** What the connection is for, in the one warning logged while Redis is away. */
  purpose: string;
  /** How long a command may take before the caller falls back; 1 s unless a hot path needs less. */
  commandTimeoutMs?: number;
}

/**
 * A connection that fails fast while Redis is away (no offline queue, one retry, commands time
 * out), so callers fall back at once instead of waiting on a reconnect. Logs once per outage.
 */
export function openRedis(url: string, options: OpenRedisOptions): Redis {
  const redisOptions: RedisOptions = {
    ...redisConnectionOf(url),
    keyPrefix: options.keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    lazyConnect: false,
  };
  const redis = new Redis(redisOptions);
  let warned = false;
  redis.on('error', (error: Error & { code?: string }) => {
    if (!warned) options.logger.warn(`redis unavailable: ${options.purpose}`, { code: error.code ?? error.name ?? 'unknown' });
    warned = true;
  });
  redis.on('ready', () => (warned = false));
  return redis;
}

/** Resolves true once connected, false if not within the wait. */
export function whenRedisReady(redis: Redis, waitMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, waitMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

/** How long closing waits for the socket to close before it lets go (ioredis then destroys it). */
const CLOSE_WAIT_MS = 2_000;

/**
 * Closes a connection and resolves once it is closed (or after CLOSE_WAIT_MS). `disconnect()` alone
 * returns at once and leaves ioredis's own timer running until the socket has closed, which kept a
 * stopping process, or a test worker, alive after everything else had stopped.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_WAIT_MS);
    timer.unref();
  });
  redis.disconnect();
  await Promise.race([ended, waited]);
  clearTimeout(timer);
}
