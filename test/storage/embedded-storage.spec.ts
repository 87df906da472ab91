import { embeddedBackend } from './support/backends';
import { describeStorageContract } from './support/storage-contract';

describeStorageContract(embeddedBackend, (opened) => {
  describe('embedded engine', () => {
    it('refuses statements once closed, and closes once however often asked', async () => {
      const { db } = opened();
      await Promise.all([db.close(), db.close()]);
      await expect(db.query('SELECT 1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    });
  });
});
