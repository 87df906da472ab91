/**
 * The processes that append sign the chain's head outside the database at an interval: once at
 * start, then only when the head moved, and a last time when they stop — on a timer, never on the
 * request path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openStorage } from '../../storage';
import { startCheckpointWriter } from '../../storage/checkpoint-writer';
import { freshCheckpointDir, SPEC_CHAIN_KEY } from './support/backends';
import { checkpointLines } from './support/insider';
import { dropSchema, freshSchemaName, testDatabaseUrl } from './support/postgres';
import { accessRecord, accessRecords } from './support/records';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await sleep(20);
  }
}

describe('the checkpoint writer', () => {
  it('signs the head at start, at each interval in which it moved, and at stop', async () => {
    const url = await testDatabaseUrl();
    const schema = freshSchemaName();
    const checkpointDir = freshCheckpointDir();
    const storage = await openStorage({ databaseUrl: url, schema, chainKey: SPEC_CHAIN_KEY, checkpointDir, checkpointIntervalMs: 100 });
    try {
      // The anchor, written before the store is handed out: an empty chain, signed.
      expect(checkpointLines(checkpointDir)).toEqual([expect.objectContaining({ kind: 'head', sequence: 0, count: 0 })]);
      await storage.accessRecords.append(accessRecords(3));
      await until(() => checkpointLines(checkpointDir).length === 2);
      expect(checkpointLines(checkpointDir)[1]).toMatchObject({ sequence: 3, count: 3 });
      // Idle: nothing new to sign.
      await sleep(350);
      expect(checkpointLines(checkpointDir)).toHaveLength(2);
      await storage.accessRecords.append([accessRecord(4)]);
    } finally {
      await storage.close();
      await dropSchema(url, schema);
    }
    expect(checkpointLines(checkpointDir).at(-1)).toMatchObject({ sequence: 4, count: 4 });
    expect(checkpointLines(checkpointDir).map((line) => line.sequence)).toEqual([0, 3, 4]);
    fs.rmSync(path.dirname(checkpointDir), { recursive: true, force: true });
  });

  it('never runs two ticks at once, reports each failure, and keeps ticking', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const faults: unknown[] = [];
    const writer = startCheckpointWriter(
      async () => {
        calls++;
        running++;
        most = Math.max(most, running);
        await sleep(60);
        running--;
        if (calls === 2) throw new Error('disk full');
      },
      10,
      (error) => faults.push(error),
    );
    await writer.started;
    await until(() => calls >= 4);
    await writer.stop();
    expect(most).toBe(1);
    expect(faults).toEqual([new Error('disk full')]);
  });
});
