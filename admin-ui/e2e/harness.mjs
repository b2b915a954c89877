// Starts the real server jar on a free port with a throw-away data directory, and Debian's chromium.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { javaArgs } from '../../scripts/server-launch.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/** Chromium comes from Debian's packages, never a download of its own. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`${CHROMIUM} is missing. Install Debian's chromium package (apt-get install -y chromium) and run again.`);
  }
  console.log('e2e: installing chromium with apt-get');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startServer(jar) {
  if (!jar) throw new Error('Set FLAGLEDGER_JAR to the built server jar, e.g. FLAGLEDGER_JAR=../server/target/flagledger-server.jar npm run test:e2e');
  if (!existsSync(jar)) throw new Error(`FLAGLEDGER_JAR points at ${jar}, which does not exist: build it first (mvn -B -o install -DskipTests)`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'flagledger-e2e-'));
  const password = randomBytes(12).toString('hex');
  const log = join(dir, 'server.log');
  const out = openSync(log, 'a');
  const child = spawn('java', javaArgs(jar), {
    cwd: dir,
    env: { ...process.env, PORT: String(port), FLAGLEDGER_ADMIN_PASSWORD: password },
    stdio: ['ignore', out, out],
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  // As generous as ServerProcess on the Java side: a loaded 2-core machine has taken minutes to start a jar.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the server exited with ${exited} while starting; log:\n${readFileSync(log, 'utf8').slice(-4000)}`);
    try {
      const health = await fetch(`${url}/actuator/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (Date.now() >= deadline) throw new Error(`the server did not become healthy in 300 s; log:\n${readFileSync(log, 'utf8').slice(-4000)}`);
  return {
    url,
    password,
    log,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        const done = new Promise((r) => child.once('exit', r));
        const timeout = new Promise((r) => setTimeout(r, 20_000));
        await Promise.race([done, timeout]);
        if (exited === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
