import { storageLocation } from '../../storage';

describe('storageLocation', () => {
  const root = '/srv/hpf';

  it('uses PostgreSQL when DATABASE_URL is set, in DATABASE_SCHEMA or public', () => {
    expect(storageLocation({ databaseUrl: 'postgres://db/hpf' }, root)).toEqual({ databaseUrl: 'postgres://db/hpf', schema: 'public' });
    expect(storageLocation({ databaseUrl: 'postgres://db/hpf', databaseSchema: 'hpf_prod', storageDir: '/ignored' }, root)).toEqual({
      databaseUrl: 'postgres://db/hpf',
      schema: 'hpf_prod',
    });
  });

  it('uses the embedded store in .data/pglite of the repository otherwise', () => {
    expect(storageLocation({ databaseUrl: null }, root)).toEqual({ databaseUrl: null, dataDir: '/srv/hpf/.data/pglite' });
    expect(storageLocation({ databaseUrl: null, storageDir: '' }, root)).toEqual({ databaseUrl: null, dataDir: '/srv/hpf/.data/pglite' });
  });

  it('takes STORAGE_DIR from the repository root when relative, as given when absolute', () => {
    expect(storageLocation({ databaseUrl: null, storageDir: 'var/store' }, root)).toEqual({ databaseUrl: null, dataDir: '/srv/hpf/var/store' });
    expect(storageLocation({ databaseUrl: null, storageDir: '/data/hpf' }, root)).toEqual({ databaseUrl: null, dataDir: '/data/hpf' });
  });
});
