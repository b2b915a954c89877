// A fault-injecting HTTP proxy in front of the server jar: passes traffic through, or plays a
// server that is down, slow, failing with 500, or sending malformed configuration.
import http from 'node:http';
import type { Socket } from 'node:net';

export type Fault = 'none' | 'down' | 'slow' | 'error500' | 'malformed';

export class FaultProxy {
  fault: Fault = 'none';
  slowMs = 3_000;
  private readonly sockets = new Set<Socket>();
  private readonly server: http.Server;
  port = 0;

  constructor(private readonly target: string, private readonly extra?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Cuts every open connection, streams included. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise((ok) => this.server.close(ok));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.extra?.(req, res)) return;
    const path = req.url ?? '/';
    switch (this.fault) {
      case 'down':
        req.socket.destroy(); // connection reset, as from a host with nothing listening
        return;
      case 'error500':
        res.writeHead(500, { 'content-type': 'application/problem+json' }).end('{"status":500,"title":"Internal Server Error"}');
        return;
      case 'malformed':
        if (path.startsWith('/sdk/v1/stream')) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('event: put\nid: 999999\ndata: {"flags": {"checkout": \n\n');
          res.write('event: put\nid: 999999\ndata: {"flags": 42}\n\n');
          return; // and keep the stream open, sending nothing useful
        }
        if (path.startsWith('/sdk/v1/config')) {
          res.writeHead(200, { 'content-type': 'application/json', etag: '"bad"' }).end('{"flags": [1, 2');
          return;
        }
        if (path.startsWith('/ofrep/v1/evaluate/flags')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"flags": "nope"}');
          return;
        }
        break;
      case 'slow':
        await new Promise((r) => setTimeout(r, this.slowMs));
        break;
    }
    const upstream = http.request(`${this.target}${path}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('socket', (socket) => socket.setNoDelay(true));
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
