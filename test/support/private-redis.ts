/**
 * A Redis server of a spec's own, on a free port, for what must not be done to the machine's
 * shared Redis (setting a password, adding users). Stopped by the spec that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import Redis from 'ioredis';

export interface PrivateRedis {
  port: number;
  /** An administrative connection (no password yet, unless the spec set one: then pass it). */
  admin(password?: string): Redis;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const started = Date.now();
  for (;;) {
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (child.exitCode !== null || Date.now() - started > 5000) throw new Error('the private redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const connections: Redis[] = [];
  return {
    port,
    admin: (password) => {
      const redis = new Redis({ port, host: '127.0.0.1', ...(password ? { password } : {}) });
      connections.push(redis);
      return redis;
    },
    stop: async () => {
      for (const connection of connections) connection.disconnect();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
