// Acceptance 2 and 3 of issue 7 against the real server jar, started once for this file (it takes
// most of a minute to start on the 2-core CI machine): the Node provider and the web provider (in
// headless Debian chromium) see a GraphQL change within one second; and with a fault-injecting proxy
// in front of the server, or the server killed and restarted, nothing throws, defaults or
// last-known-good values are served, and both providers recover.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { OpenFeature } from '@openfeature/server-sdk';
import { FlagledgerServerProvider } from '@flagledger/openfeature-server';
import { FlagledgerWebProvider } from '@flagledger/openfeature-web';
import { ServerJar } from './support/server.js';
import { Admin, within } from './support/admin.js';
import { FaultProxy } from './support/proxy.js';
import { RelayJar } from './support/relay.js';

const PROJECT = 'sdk-it';
const CONTEXT = { targetingKey: 'user-1', country: 'NL' };
let server: ServerJar;
let admin: Admin;
let serverKey: string;
let clientKey: string;
let enabled = false;
const warnings: string[] = [];
const logger = { warn: (m: string) => void warnings.push(m) };
const closing: { onClose(): Promise<void> }[] = [];

async function toggle(on: boolean): Promise<void> {
  await admin.toggle(PROJECT, 'checkout', on);
  enabled = on;
}

function nodeProvider(url: string, extra: Partial<ConstructorParameters<typeof FlagledgerServerProvider>[0]> = {}) {
  const provider = new FlagledgerServerProvider({ url, sdkKey: serverKey, logger, startupTimeoutMs: 500, requestTimeoutMs: 500, ...extra });
  closing.push(provider);
  return provider;
}

function webProvider(url: string) {
  const provider = new FlagledgerWebProvider({ url, sdkKey: clientKey, logger, storage: null, startupTimeoutMs: 500, requestTimeoutMs: 500 });
  closing.push(provider);
  return provider;
}

const nodeValue = (p: FlagledgerServerProvider) => p.resolve('checkout', 'default' as unknown as boolean, CONTEXT, 'boolean');
const webValue = (p: FlagledgerWebProvider) => p.resolveBooleanEvaluation('checkout', 'default' as unknown as boolean);

beforeAll(async () => {
  server = await ServerJar.start();
  admin = new Admin(server);
  await admin.project(PROJECT);
  await admin.booleanFlag(PROJECT, 'checkout');
  serverKey = await admin.key(PROJECT, 'SERVER');
  clientKey = await admin.key(PROJECT, 'CLIENT');
}, 240_000);

afterAll(async () => {
  await Promise.all(closing.map((p) => p.onClose().catch(() => {})));
  await OpenFeature.close();
  await server?.stop();
}, 60_000);

describe('the Node provider against the jar', () => {
  it('sees a change made through GraphQL within one second', async () => {
    const provider = nodeProvider(server.url, { startupTimeoutMs: 10_000 });
    await OpenFeature.setProviderAndWait('node', provider);
    const client = OpenFeature.getClient('node');
    expect(await client.getBooleanValue('checkout', true, CONTEXT)).toBe(false); // created off

    const start = performance.now();
    await toggle(true);
    const took = await within(1_000, async () => (await client.getBooleanValue('checkout', false, CONTEXT)) === true, 'the toggle reached the Node provider');
    console.log(`Node provider saw the GraphQL change ${Math.round(performance.now() - start)} ms after the mutation was sent (${Math.round(took)} ms after it returned)`);
    expect((await client.getBooleanDetails('checkout', false, CONTEXT)).reason).toBe('DEFAULT');
  });

  it('sends exposure and track() events that the server accepts', async () => {
    const answers: number[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/sdk/v1/events')) answers.push(response.status);
      return response;
    };
    const provider = nodeProvider(server.url, { startupTimeoutMs: 10_000, fetch: recording });
    await OpenFeature.setProviderAndWait('events', provider);
    const client = OpenFeature.getClient('events');
    for (let i = 0; i < 3; i++) await client.getBooleanValue('checkout', false, CONTEXT); // one exposure, deduplicated
    client.track('checkout.completed', CONTEXT, { value: 42.5, currency: 'EUR' });
    await provider.flushEvents();
    expect(answers).toEqual([202]);
  });
});

// Issue 14, acceptance 1 (the TypeScript half; the OFREP half is relay-it's ChangePropagationIT): the
// Node provider pointed at an edge relay (relay/, its own SDK key upstream) instead of the server.
describe('the Node provider through a relay', () => {
  let relay: RelayJar;

  beforeAll(async () => {
    relay = await RelayJar.start(server.url, [await admin.key(PROJECT, 'SERVER')]);
  }, 150_000);

  afterAll(async () => {
    await relay?.stop();
  });

  it('sees a change made through GraphQL within one second', async () => {
    const provider = nodeProvider(relay.url, { startupTimeoutMs: 10_000 });
    await OpenFeature.setProviderAndWait('relay', provider);
    const client = OpenFeature.getClient('relay');
    expect(await client.getBooleanValue('checkout', !enabled, CONTEXT)).toBe(enabled);

    const start = performance.now();
    await toggle(!enabled);
    const took = await within(1_000, async () => (await client.getBooleanValue('checkout', !enabled, CONTEXT)) === enabled,
      'the toggle reached the Node provider through the relay');
    console.log(`Node provider through the relay saw the GraphQL change ${Math.round(performance.now() - start)} ms after the`
      + ` mutation was sent (${Math.round(took)} ms after it returned)`);
    expect((await client.getBooleanDetails('checkout', !enabled, CONTEXT)).reason).toBe(enabled ? 'DEFAULT' : 'DISABLED');
  });
});

describe('the web provider in headless chromium', () => {
  let browser: Browser;
  let proxy: FaultProxy;
  let app = '';

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(__dirname, 'browser/app.ts')], bundle: true, format: 'esm', write: false, target: 'es2022' });
    app = bundle.outputFiles[0].text;
    // The page and the API on one origin (as an application proxies them), with faults on the API only.
    proxy = await new FaultProxy(server.url, (req, res) => {
      if (req.url?.startsWith('/app.js')) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(app) ?? true;
      if (req.url === '/' || req.url?.startsWith('/?')) {
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>sdk</title><script type="module" src="/app.js"></script>') ?? true;
      }
      return false;
    }).listen();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', chromiumSandbox: false, headless: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
  });

  it('sees a change made through GraphQL within one second, and serves it from its cache when offline', async () => {
    const page = await browser.newPage();
    await page.goto(`${proxy.url}/?key=${encodeURIComponent(clientKey)}`);
    await page.waitForFunction(() => (window as any).ready === true, undefined, { timeout: 15_000 });
    const read = () => page.evaluate(() => (window as any).readCheckout());
    expect((await read()).value).toBe(enabled);

    const start = performance.now();
    const sent = Date.now();
    await toggle(!enabled);
    const returned = Date.now();
    await within(1_000, async () => (await read()).value === enabled, 'the toggle reached the browser');
    const changedAt: number = await page.evaluate(() => (window as any).changedAt);
    console.log(`web provider (chromium) saw the GraphQL change ${Math.round(performance.now() - start)} ms after the mutation was sent`
      + ` (mutation ${returned - sent} ms; provider event ${changedAt - returned} ms after it returned)`);
    expect(await page.textContent('#checkout')).toBe(enabled ? 'checkout is on (DEFAULT)' : 'checkout is off (DISABLED)');
    mkdirSync(join(__dirname, '../test-results'), { recursive: true });
    await page.screenshot({ path: join(__dirname, '../test-results/web-provider.png') });

    // Offline: the API is down, the page reloads and serves the cached value with a reason that says so.
    proxy.fault = 'down';
    await page.reload();
    await page.waitForFunction(() => (window as any).ready === true, undefined, { timeout: 15_000 });
    const offline = await read();
    expect(offline.value).toBe(enabled);
    expect(['STALE', 'CACHED']).toContain(offline.reason);
    await page.screenshot({ path: join(__dirname, '../test-results/web-provider-offline.png') });
    proxy.fault = 'none';
    await page.close();
  }, 60_000);
});

describe('faults', () => {
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await new FaultProxy(server.url).listen();
    await toggle(true);
  });

  afterAll(() => proxy?.close());

  it('server down at start: defaults with PROVIDER_NOT_READY, then the real values once it is back', async () => {
    proxy.fault = 'down';
    const node = nodeProvider(proxy.url);
    const web = webProvider(proxy.url);
    await OpenFeature.setProviderAndWait('down-at-start', node);
    await node.initialize(); // a second start-up is harmless too
    await web.initialize(CONTEXT);
    const client = OpenFeature.getClient('down-at-start');
    const details = await client.getBooleanDetails('checkout', false, CONTEXT);
    expect(details.value).toBe(false);
    expect(details.errorCode).toBe('PROVIDER_NOT_READY');
    expect(webValue(web)).toMatchObject({ value: 'default', errorCode: 'PROVIDER_NOT_READY' });

    proxy.fault = 'none';
    await within(15_000, async () => (await client.getBooleanValue('checkout', false, CONTEXT)) === true, 'the Node provider recovered');
    await within(15_000, () => webValue(web).value === true, 'the web provider recovered');
  }, 40_000);

  it('500s and slow answers: defaults, evaluation stays instant, recovery afterwards', async () => {
    proxy.fault = 'error500';
    const node = nodeProvider(proxy.url, { mode: 'polling', pollIntervalMs: 200 });
    const web = webProvider(proxy.url);
    await node.initialize();
    await web.initialize(CONTEXT);
    expect(nodeValue(node)).toMatchObject({ value: 'default', errorCode: 'PROVIDER_NOT_READY' });
    expect(webValue(web)).toMatchObject({ value: 'default', errorCode: 'PROVIDER_NOT_READY' });

    proxy.fault = 'slow';
    proxy.slowMs = 2_000;
    const started = performance.now();
    for (let i = 0; i < 1_000; i++) nodeValue(node);
    expect(performance.now() - started).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(nodeValue(node).value).toBe('default');

    proxy.fault = 'none';
    await within(20_000, () => nodeValue(node).value === true, 'the polling provider recovered');
    await web.refresh();
    await within(20_000, () => webValue(web).value === true, 'the web provider recovered');
  }, 40_000);

  it('malformed config: the last good values keep serving, and the next good config is taken', async () => {
    const node = nodeProvider(proxy.url, { mode: 'polling', pollIntervalMs: 100, startupTimeoutMs: 5_000 });
    const web = webProvider(proxy.url);
    await node.initialize();
    await web.initialize(CONTEXT);
    expect(nodeValue(node).value).toBe(true);
    expect(webValue(web).value).toBe(true);

    proxy.fault = 'malformed';
    const before = warnings.length;
    await toggle(false); // the server has news, but every answer the providers get is garbage
    await within(5_000, () => nodeValue(node).reason === 'STALE', 'the polling provider noticed the malformed config');
    expect(warnings.length).toBeGreaterThan(before);
    await web.refresh();
    expect(nodeValue(node)).toMatchObject({ value: true, reason: 'STALE', flagMetadata: { servedReason: 'DEFAULT' } });
    expect(nodeValue(node).errorCode).toBeUndefined();
    expect(webValue(web)).toMatchObject({ value: true, reason: 'STALE' });

    // A stream that opens with a malformed put: defaults, no exception.
    const streaming = nodeProvider(proxy.url);
    await streaming.initialize();
    expect(nodeValue(streaming)).toMatchObject({ value: 'default', errorCode: 'PROVIDER_NOT_READY' });

    proxy.fault = 'none';
    proxy.dropConnections();
    await within(15_000, () => nodeValue(node).value === false, 'the polling provider took the next good config');
    await within(15_000, () => nodeValue(streaming).value === false, 'the streaming provider took a clean put');
    // No new change notice comes: the web provider retries by itself once its circuit breaker allows.
    await within(15_000, () => webValue(web).value === false && webValue(web).reason === 'DISABLED', 'the web provider recovered');
  }, 40_000);

  it('server killed mid-stream and restarted: last-known-good meanwhile, then changes flow again', async () => {
    await toggle(true);
    const node = nodeProvider(server.url, { startupTimeoutMs: 10_000 });
    const web = webProvider(server.url);
    await node.initialize();
    await web.initialize(CONTEXT);
    await within(5_000, () => nodeValue(node).value === true && webValue(web).value === true, 'both providers are current');

    await server.kill();
    await within(5_000, () => nodeValue(node).reason === 'STALE', 'the Node provider noticed the lost stream');
    expect(nodeValue(node)).toMatchObject({ value: true, flagMetadata: { servedReason: 'DEFAULT' } });
    await web.refresh();
    expect(webValue(web)).toMatchObject({ value: true, reason: 'STALE' });

    await server.launch();
    await toggle(false);
    // Reconnects back off up to 30 s (with jitter) while the server is away, so the first attempt
    // after the restart may be that far off.
    await within(45_000, () => nodeValue(node).value === false, 'the Node provider resumed the stream after the restart');
    expect(nodeValue(node).reason).toBe('DISABLED');
    await within(45_000, () => webValue(web).value === false, 'the web provider refreshed after the restart');
    expect(webValue(web).reason).toBe('DISABLED');
  }, 240_000);
});
