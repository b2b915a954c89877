// The admin UI's single sign-on in a real browser: run by KeycloakSignInIT (server module) against the
// Keycloak and server jar it started, so the build starts Keycloak once. Needs FLAGLEDGER_UI_URL (the
// server, on the origin the realm's redirect URI names) and the user to sign in as.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, ensureChromium } from './harness.mjs';
import { signInThroughKeycloak } from './sso-steps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', 'test-results', 'e2e-sso');

async function main() {
  const uiUrl = process.env.FLAGLEDGER_UI_URL;
  const username = process.env.FLAGLEDGER_SSO_USER;
  const password = process.env.FLAGLEDGER_SSO_PASSWORD;
  const expectName = process.env.FLAGLEDGER_SSO_NAME;
  if (!uiUrl || !username || !password || !expectName)
    throw new Error('set FLAGLEDGER_UI_URL, FLAGLEDGER_SSO_USER, FLAGLEDGER_SSO_PASSWORD and FLAGLEDGER_SSO_NAME');
  ensureChromium();
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    chromiumSandbox: false,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const { context } = await signInThroughKeycloak({ browser, uiUrl, shots, username, password, expectName });
    await context.close();
    console.log(`  ✓ ${username} signed in through Keycloak's login page as ${expectName}`);
  } finally {
    await browser.close().catch(() => {});
  }
  console.log(`screenshots: ${shots}`);
}

main().catch((error) => {
  console.error(`  ✗ single sign-on in the browser: ${error.stack ?? error}`);
  process.exit(1);
});
