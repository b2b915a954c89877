// The relay jar (docs/relay.md) for the SDK integration tests: started on a free port in a throw-away
// directory, mirroring the test server's environments with the SDK keys it is given.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './server.js';

export const RELAY_JAR = resolve(process.env.FLAGLEDGER_RELAY_JAR ?? join(__dirname, '../../../relay/target/flagledger-relay.jar'));

export class RelayJar {
  readonly dir = mkdtempSync(join(tmpdir(), 'flagledger-sdk-relay-'));
  private child: ChildProcess | null = null;
  private exited = false;

  private constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a relay of `upstream` and waits until it serves every environment of `sdkKeys`. */
  static async start(upstream: string, sdkKeys: string[]): Promise<RelayJar> {
    if (!existsSync(RELAY_JAR)) throw new Error(`relay jar missing at ${RELAY_JAR}: build it (mvn -B package -pl relay -am -DskipTests) or set FLAGLEDGER_RELAY_JAR`);
    const relay = new RelayJar(await freePort());
    const out = openSync(join(relay.dir, 'relay.log'), 'a');
    relay.child = spawn('java', ['-Xmx128m', '-jar', RELAY_JAR, `--upstream=${upstream}`, `--sdk-keys=${sdkKeys.join(',')}`,
      `--port=${relay.port}`, `--data-dir=${join(relay.dir, 'data')}`], { stdio: ['ignore', out, out] });
    relay.child.on('exit', () => (relay.exited = true));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (relay.exited) throw new Error(`the relay exited while starting:\n${relay.log().slice(-4000)}`);
      try {
        const health = await fetch(`${relay.url}/health`);
        if (health.ok && (await health.json()).status === 'UP') return relay;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the relay did not serve its environments within 120 s:\n${relay.log().slice(-4000)}`);
  }

  log(): string {
    return readFileSync(join(this.dir, 'relay.log'), 'utf8');
  }

  async stop(): Promise<void> {
    if (this.child && !this.exited) {
      const gone = new Promise((r) => this.child!.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 20_000))]);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
