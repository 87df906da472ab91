/**
 * The access record's tamper-evidence settings: the chain key is a secret like the others (a file
 * may hold it, production refuses a missing, weak or development one), production names the
 * checkpoint directory, and the operator's database role comes with the application's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../lib/config';
import { configProblems } from '../support/config';
import { DEVELOPMENT_CHAIN_KEY } from '../../storage/access-chain';

const STRONG_KEY = 'Hq3Wn7Zr1Tk5Vb9Xd2Mf6Pj0Ls4Gc8Ya';
const PRODUCTION = { NODE_ENV: 'production', ACCESS_RECORD_CHAIN_KEY: STRONG_KEY, ACCESS_RECORD_CHECKPOINT_DIR: '/var/lib/hpf/checkpoints' };

/** The problems about these settings only (other settings have their own specs). */
const problemsOf = (env: Record<string, string>): string[] =>
  configProblems(env).filter((problem) => /ACCESS_RECORD_CHAIN_KEY|ACCESS_RECORD_CHECKPOINT|DATABASE_ADMIN_URL/.test(problem));

describe('access record chain configuration', () => {
  it('runs on development defaults: the development chain key, checkpoints beside the store, every minute, one role', () => {
    const config = loadConfig({});
    expect(config.accessRecordChain).toEqual({ key: DEVELOPMENT_CHAIN_KEY, checkpointDir: null, checkpointIntervalS: 60 });
    expect(config.databaseAdminUrl).toBeNull();
    const given = loadConfig({ ACCESS_RECORD_CHECKPOINT_DIR: '/srv/checkpoints', ACCESS_RECORD_CHECKPOINT_INTERVAL_S: '5', DATABASE_URL: 'postgres://app@db/hpf', DATABASE_ADMIN_URL: 'postgres://owner@db/hpf' });
    expect(given.accessRecordChain).toMatchObject({ checkpointDir: '/srv/checkpoints', checkpointIntervalS: 5 });
    expect(given.databaseAdminUrl).toBe('postgres://owner@db/hpf');
  });

  it('refuses in production a missing, development, short or weak chain key, and a missing checkpoint directory', () => {
    expect(problemsOf(PRODUCTION)).toEqual([]);
    // Asked of the processes that keep the access record (given the database); the gateway and the simulators hold no chain key.
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://hpf_app@db/hpf' })).toEqual([
      'ACCESS_RECORD_CHAIN_KEY is required in production',
      expect.stringMatching(/^ACCESS_RECORD_CHECKPOINT_DIR is required in production/),
    ]);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([]);
    expect(problemsOf({ ...PRODUCTION, ACCESS_RECORD_CHAIN_KEY: DEVELOPMENT_CHAIN_KEY })).toEqual(['ACCESS_RECORD_CHAIN_KEY must not be the development default in production']);
    expect(problemsOf({ ...PRODUCTION, ACCESS_RECORD_CHAIN_KEY: 'Hq3Wn7Zr1Tk5' })).toEqual(['ACCESS_RECORD_CHAIN_KEY must be at least 32 characters']);
    expect(problemsOf({ ...PRODUCTION, ACCESS_RECORD_CHAIN_KEY: 'ab'.repeat(20) })).toEqual([expect.stringMatching(/^ACCESS_RECORD_CHAIN_KEY is too weak for production: it repeats/)]);
  });

  it('reads the chain key and the operator URL from NAME_FILE', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpf-chain-secret-'));
    fs.writeFileSync(path.join(dir, 'chain'), `${STRONG_KEY}\n`);
    fs.writeFileSync(path.join(dir, 'admin'), 'postgres://owner:s3cret@db/hpf\n');
    const { ACCESS_RECORD_CHAIN_KEY: _key, ...rest } = PRODUCTION;
    const config = loadConfig({ ...rest, NODE_ENV: 'development', ACCESS_RECORD_CHAIN_KEY_FILE: path.join(dir, 'chain'), DATABASE_URL: 'postgres://app@db/hpf', DATABASE_ADMIN_URL_FILE: path.join(dir, 'admin') });
    expect(config.accessRecordChain.key).toBe(STRONG_KEY);
    expect(config.databaseAdminUrl).toBe('postgres://owner:s3cret@db/hpf');
    expect(problemsOf({ ...PRODUCTION, ACCESS_RECORD_CHAIN_KEY_FILE: path.join(dir, 'chain') })).toEqual(['ACCESS_RECORD_CHAIN_KEY and ACCESS_RECORD_CHAIN_KEY_FILE are both set; give one']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an operator URL without the application one, and an interval out of range', () => {
    expect(problemsOf({ DATABASE_ADMIN_URL: 'postgres://owner@db/hpf' })).toEqual([expect.stringMatching(/^DATABASE_ADMIN_URL is the operator role .*set DATABASE_URL too/)]);
    expect(problemsOf({ ACCESS_RECORD_CHECKPOINT_INTERVAL_S: '0' })).toEqual(['ACCESS_RECORD_CHECKPOINT_INTERVAL_S must be an integer from 1 to 86400 (got "0")']);
  });
});
