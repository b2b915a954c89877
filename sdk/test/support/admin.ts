// Sets up data through the server's GraphQL API, as an administrator would.
import type { ServerJar } from './server.js';

export class Admin {
  constructor(private readonly server: ServerJar) {}

  async graphql(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await fetch(`${this.server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest',
        authorization: `Basic ${Buffer.from(`admin:${this.server.password}`).toString('base64')}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (!response.ok || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
    return body.data;
  }

  async project(key: string): Promise<void> {
    await this.graphql('mutation($key: String!) { createProject(input: {key: $key, name: $key}) { project { key } } }', { key });
  }

  async booleanFlag(project: string, key: string): Promise<void> {
    await this.graphql(`mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { version } } }`,
      { input: { projectKey: project, key, name: key, valueType: 'BOOLEAN' } });
  }

  /** Toggles a flag in staging; returns when the command is stored (the SDKs see it asynchronously). */
  async toggle(project: string, key: string, enabled: boolean): Promise<void> {
    // expectedVersion comes from the flag read model, which follows the store asynchronously (and
    // catches up again after a restart): on CONFLICT, read it again and retry, as the admin UI would.
    let last: unknown;
    for (let attempt = 0; attempt < 200; attempt++) {
      const read = await this.graphql('query($p: String!, $k: String!) { flag(projectKey: $p, key: $k) { version } }', { p: project, k: key });
      try {
        await this.graphql(`mutation($input: ToggleFlagInput!) { toggleFlag(input: $input) { flag { version } } }`,
          { input: { projectKey: project, key, environment: 'staging', enabled, expectedVersion: read.flag.version } });
        return;
      } catch (e) {
        if (!String(e).includes('CONFLICT')) throw e;
        last = e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw last;
  }

  async key(project: string, kind: 'SERVER' | 'CLIENT'): Promise<string> {
    const data = await this.graphql(`mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret } }`,
      { input: { projectKey: project, environment: 'staging', kind, name: `${kind} key`, reason: 'SDK tests' } });
    const secret: string = data.createSdkKey.secret;
    // Keys follow the store asynchronously: wait until the server knows this one.
    for (let i = 0; i < 200; i++) {
      const r = await fetch(`${this.server.url}/ofrep/v1/configuration`, { headers: { authorization: `Bearer ${secret}` } });
      if (r.status !== 401) return secret;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the new SDK key never became usable');
  }
}

/** Polls until `check` holds; returns the milliseconds it took, or throws after `timeoutMs`. */
export async function within(timeoutMs: number, check: () => boolean | Promise<boolean>, what: string): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (await check()) return performance.now() - start;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`not within ${timeoutMs} ms: ${what}`);
}
