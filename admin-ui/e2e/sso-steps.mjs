// The single sign-on steps: the admin UI sends the browser to Keycloak's own login page (Authorization
// Code + PKCE), the user signs in there, and comes back signed in under their Keycloak name.
import { join } from 'node:path';

export async function signInThroughKeycloak({ browser, uiUrl, shots, username, password, expectName }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  try {
    await page.goto(`${uiUrl}/sign-in`);
    const sso = page.getByRole('button', { name: 'Sign in with single sign-on' });
    await sso.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(shots, 'sso-1-sign-in-page.png') });
    await sso.click();
    // Keycloak's login form, on its own origin (our sign-in page has a #username field too).
    await page.waitForURL(/\/protocol\/openid-connect\/auth/, { timeout: 30_000 });
    if (!page.url().includes('code_challenge_method=S256')) throw new Error(`no PKCE challenge in ${page.url()}`);
    await page.waitForSelector('#kc-login', { timeout: 30_000 });
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.screenshot({ path: join(shots, 'sso-2-keycloak-login.png') });
    await page.click('#kc-login');
    await page.waitForURL(`${uiUrl}/projects`, { timeout: 30_000 });
    await page.getByText(expectName).first().waitFor({ timeout: 15_000 });
    // The project list came back through GraphQL with the bearer token, not an error.
    await page.getByText('Loading projects').waitFor({ state: 'detached', timeout: 30_000 });
    if (await page.getByRole('alert').count()) throw new Error(`an error is shown: ${await page.getByRole('alert').first().innerText()}`);
    await page.screenshot({ path: join(shots, 'sso-3-signed-in.png') });
    const csp = problems.filter((text) => text.includes('Content Security Policy'));
    if (csp.length) throw new Error(`the content security policy blocked something: ${csp.join('; ')}`);
    return { page, context };
  } catch (error) {
    await page.screenshot({ path: join(shots, 'sso-failure.png') }).catch(() => {});
    await context.close();
    throw error;
  }
}
