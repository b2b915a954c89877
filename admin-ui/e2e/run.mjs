// Browser tests against the real server jar (FLAGLEDGER_JAR), driving Debian's chromium headless.
// Screenshots of every step land in test-results/e2e/. Builds nothing: build the jar first.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, ensureChromium, startServer } from './harness.mjs';
import { scenario } from './scenario.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', 'test-results', 'e2e');
const axeSource = createRequire(import.meta.url)('axe-core').source;

async function main() {
  ensureChromium();
  const jar = process.env.FLAGLEDGER_JAR && resolve(process.env.FLAGLEDGER_JAR);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const server = await startServer(jar);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    chromiumSandbox: false,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const results = [];
  try {
    const steps = scenario({ browser, server, shots, axeSource });
    let failedAlready = false;
    for (const step of steps) {
      if (failedAlready) {
        // Later steps build on earlier ones: after a failure they cannot run meaningfully.
        results.push({ name: step.name, ok: false, error: 'not run: an earlier step failed' });
        continue;
      }
      const started = Date.now();
      try {
        await step.run();
        results.push({ name: step.name, ok: true, ms: Date.now() - started });
        console.log(`  ✓ ${step.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failedAlready = true;
        results.push({ name: step.name, ok: false, error: error.stack ?? String(error) });
        console.log(`  ✗ ${step.name}\n${String(error.stack ?? error).split('\n').map((l) => `      ${l}`).join('\n')}`);
        await steps.failureShot?.(step.name).catch(() => {});
      }
    }
  } finally {
    await browser.close().catch(() => {});
    if (results.some((r) => !r.ok)) {
      const log = readFileSync(server.log, 'utf8').split('\n');
      console.log(`\nlast lines of the server log (${server.log}):\n${log.filter((l) => !/^\s+at (java|org\.springframework|org\.apache|jakarta|graphql)\./.test(l)).slice(-60).join('\n')}`);
    }
    await server.stop();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`\nscreenshots: ${shots}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`e2e: ${error.message}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
