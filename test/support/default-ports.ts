/**
 * The specs that run the system as deployed or as `npm start` runs it listen on the default ports
 * (schema/subgraphs.ts: 4000–4009, 4101–4107, 4200), which only one of them may hold at a time;
 * jest runs spec files in parallel. This lock makes them take turns. It is a directory (created
 * atomically) naming its holder's pid, so a lock left by a killed run is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOCK = path.join(os.tmpdir(), 'hpf-default-ports.lock');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits until this process holds the default ports; resolves to the release. */
export async function holdDefaultPorts(timeoutMs = 300_000): Promise<() => void> {
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return () => fs.rmSync(LOCK, { recursive: true, force: true });
    } catch {
      const holder = Number(fs.readFileSync(path.join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (holder && !alive(holder)) fs.rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() - started > timeoutMs) throw new Error('the default ports stayed taken by another spec');
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
