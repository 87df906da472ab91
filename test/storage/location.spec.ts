import { storageLocation } from '../../storage';

describe('storageLocation', () => {
  const root = '/srv/hpf';

  it('uses PostgreSQL when DATABASE_URL is set, in DATABASE_SCHEMA or public', () => {
    expect(storageLocation({ databaseUrl: 'postgres://db/hpf' }, root)).toEqual({
      databaseUrl: 'postgres://db/hpf',
      schema: 'public',
      checkpointDir: '/srv/hpf/.data/checkpoints-postgres/hpf.public',
    });
    expect(storageLocation({ databaseUrl: 'postgres://db/hpf', databaseSchema: 'hpf_prod', storageDir: '/ignored' }, root)).toMatchObject({
      databaseUrl: 'postgres://db/hpf',
      schema: 'hpf_prod',
      checkpointDir: '/srv/hpf/.data/checkpoints-postgres/hpf.hpf_prod',
    });
  });

  it('uses the embedded store in .data/pglite of the repository otherwise, its checkpoints beside it', () => {
    expect(storageLocation({ databaseUrl: null }, root)).toEqual({ databaseUrl: null, dataDir: '/srv/hpf/.data/pglite', checkpointDir: '/srv/hpf/.data/checkpoints' });
    expect(storageLocation({ databaseUrl: null, storageDir: '' }, root)).toMatchObject({ databaseUrl: null, dataDir: '/srv/hpf/.data/pglite' });
  });

  it('takes STORAGE_DIR from the repository root when relative, as given when absolute', () => {
    expect(storageLocation({ databaseUrl: null, storageDir: 'var/store' }, root)).toEqual({ databaseUrl: null, dataDir: '/srv/hpf/var/store', checkpointDir: '/srv/hpf/var/checkpoints' });
    expect(storageLocation({ databaseUrl: null, storageDir: '/data/hpf' }, root)).toEqual({ databaseUrl: null, dataDir: '/data/hpf', checkpointDir: '/data/checkpoints' });
  });

  it('passes on the operator role, the chain settings and production strictness', () => {
    const chain = { key: 'k'.repeat(32), checkpointDir: 'var/checkpoints', checkpointIntervalS: 30 };
    expect(storageLocation({ databaseUrl: 'postgres://app@db/hpf', databaseAdminUrl: 'postgres://owner@db/hpf', accessRecordChain: chain, mode: 'production' }, root)).toEqual({
      databaseUrl: 'postgres://app@db/hpf',
      adminUrl: 'postgres://owner@db/hpf',
      schema: 'public',
      checkpointDir: '/srv/hpf/var/checkpoints',
      chainKey: chain.key,
      checkpointIntervalMs: 30_000,
      requireLeastPrivilege: true,
    });
    expect(storageLocation({ databaseUrl: null, accessRecordChain: { ...chain, checkpointDir: null }, mode: 'development' }, root)).toEqual({
      databaseUrl: null,
      dataDir: '/srv/hpf/.data/pglite',
      checkpointDir: '/srv/hpf/.data/checkpoints',
      chainKey: chain.key,
      checkpointIntervalMs: 30_000,
    });
  });
});
