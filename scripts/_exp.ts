import { openEmbedded } from '../storage/database';
import fs from 'node:fs';
async function main() {
  fs.rmSync('/tmp/exp/pg', { recursive: true, force: true });
  let t = Date.now();
  let db = await openEmbedded({ dataDir: '/tmp/exp/pg' });
  console.log('create persisted', Date.now() - t); t = Date.now();
  await db.close(); console.log('close', Date.now() - t); t = Date.now();
  db = await openEmbedded({ dataDir: '/tmp/exp/pg' });
  console.log('reopen', Date.now() - t); t = Date.now();
  await db.close(); console.log('close', Date.now() - t); t = Date.now();
  db = await openEmbedded();
  console.log('memory', Date.now() - t); t = Date.now();
  await db.close();
  console.log(fs.readdirSync('/tmp/exp'));
}
main();
