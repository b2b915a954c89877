// The real server jar for the SDK integration tests: started on a free port in a throw-away
// directory (its H2 database lives there, so a restart keeps the data and store positions).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { javaArgs } from '../../../scripts/server-launch.mjs';

export const JAR = resolve(process.env.FLAGLEDGER_JAR ?? join(__dirname, '../../../server/target/flagledger-server.jar'));

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export class ServerJar {
  readonly password = randomBytes(12).toString('hex');
  readonly dir = mkdtempSync(join(tmpdir(), 'flagledger-sdk-it-'));
  private child: ChildProcess | null = null;
  private exited = false;

  private constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<ServerJar> {
    if (!existsSync(JAR)) throw new Error(`server jar missing at ${JAR}: build it (mvn -B package -pl server -am -DskipTests) or set FLAGLEDGER_JAR`);
    const server = new ServerJar(await freePort());
    await server.launch();
    return server;
  }

  /** Starts the jar (again, after kill(): same port, same data) and waits until it is healthy. */
  async launch(): Promise<void> {
    const out = openSync(join(this.dir, 'server.log'), 'a');
    this.exited = false;
    this.child = spawn('java', javaArgs(JAR), {
      cwd: this.dir,
      env: { ...process.env, PORT: String(this.port), FLAGLEDGER_ADMIN_PASSWORD: this.password, FLAGLEDGER_SDK_HEARTBEAT_MILLIS: '2000' },
      stdio: ['ignore', out, out],
    });
    this.child.on('exit', () => (this.exited = true));
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the server exited while starting:\n${this.log().slice(-4000)}`);
      try {
        if ((await fetch(`${this.url}/actuator/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server was not healthy within 180 s:\n${this.log().slice(-4000)}`);
  }

  log(): string {
    return readFileSync(join(this.dir, 'server.log'), 'utf8');
  }

  /** SIGKILL: no graceful shutdown, open streams just die, as when a machine goes away. */
  async kill(): Promise<void> {
    if (!this.child || this.exited) return;
    const gone = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGKILL');
    await gone;
  }

  async stop(): Promise<void> {
    if (this.child && !this.exited) {
      const gone = new Promise((r) => this.child!.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 20_000))]);
      if (!this.exited) await this.kill();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
