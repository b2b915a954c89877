// The admin's day, step by step, against a fresh server: each step asserts what a user would see.
import assert from 'node:assert/strict';
import { join } from 'node:path';

const PROJECT = 'web-shop';
const FLAG = 'new-checkout';

export function scenario({ browser, server, shots, axeSource }) {
  let shot = 0;
  let alice; // the main session
  let bob; // a second admin session, for the conflict
  let page;
  let other;

  async function snap(target, name) {
    shot += 1;
    await target.screenshot({ path: join(shots, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  /** axe-core on the current screen: no serious or critical violations. */
  async function accessible(target, screen) {
    // Evaluated through the devtools protocol: the server's Content-Security-Policy forbids inline <script> tags.
    if (!(await target.evaluate(() => Boolean(window.axe)))) await target.evaluate(axeSource);
    const result = await target.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
      `accessibility violations on ${screen}`,
    );
  }

  async function signIn(target, password = server.password) {
    await target.goto(`${server.url}/projects`);
    await target.waitForURL(/\/sign-in/);
    await target.getByLabel('Username').fill('admin');
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', { name: 'Sign in' }).click();
  }

  async function confirmWithReason(target, button, reason) {
    const dialog = target.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill(reason);
    await dialog.getByRole('button', { name: button }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  const version = (target) => target.getByTestId('flag-version').textContent();
  const productionSwitch = (target) => target.locator('tr[data-environment="production"]').getByRole('switch');

  const steps = [
    {
      name: 'an anonymous visitor is sent to sign-in, and a wrong password is refused',
      async run() {
        const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
        page = await context.newPage();
        alice = context;
        await signIn(page, 'wrong-password');
        await page.getByRole('alert').filter({ hasText: 'not correct' }).waitFor();
        await accessible(page, 'sign-in');
        await snap(page, 'sign-in-refused');
      },
    },
    {
      name: 'the admin signs in and lands on the empty project list',
      async run() {
        await page.getByLabel('Password').fill(server.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(/\/projects$/);
        await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
        await accessible(page, 'projects (empty)');
        await snap(page, 'projects-empty');
      },
    },
    {
      name: 'creates a project, which gets development, staging and production',
      async run() {
        await page.getByRole('button', { name: 'Create the first project' }).click();
        await page.getByLabel('Name', { exact: true }).fill('Web shop');
        assert.equal(await page.getByLabel('Key', { exact: true }).inputValue(), PROJECT);
        await page.getByLabel(/^Reason/).fill('Setting up the shop');
        await snap(page, 'project-form');
        await page.getByRole('button', { name: 'Create project' }).click();
        await page.waitForURL(new RegExp(`/projects/${PROJECT}/flags$`));
        await page.getByRole('heading', { name: 'No flags yet' }).waitFor();
        for (const env of ['Development', 'Staging', 'Production']) await page.getByRole('columnheader', { name: env }).count();
        await page.getByRole('link', { name: 'Environments' }).click();
        for (const env of ['development', 'staging', 'production']) await page.getByRole('cell', { name: env, exact: true }).waitFor();
        assert.equal(await page.getByRole('switch', { name: 'Require a reason in Production' }).getAttribute('aria-checked'), 'true');
        await accessible(page, 'environments');
        await snap(page, 'environments');
      },
    },
    {
      name: 'adds an environment through the reason dialog',
      async run() {
        await page.getByRole('button', { name: 'Add environment' }).click();
        await page.getByLabel('Name', { exact: true }).fill('QA');
        await page.getByRole('button', { name: 'Continue' }).click();
        await confirmWithReason(page, 'Add environment', 'QA team needs its own');
        await page.getByRole('cell', { name: 'qa', exact: true }).waitFor();
      },
    },
    {
      name: 'creates a boolean flag: off everywhere, version shown',
      async run() {
        await page.getByRole('link', { name: 'Flags', exact: true }).click();
        await page.getByRole('link', { name: 'New flag' }).click();
        await page.getByLabel('Name', { exact: true }).fill('New checkout');
        assert.equal(await page.getByLabel('Key', { exact: true }).inputValue(), FLAG);
        await page.getByLabel(/^Tags/).fill('checkout, team:payments');
        await accessible(page, 'create flag');
        await snap(page, 'create-flag');
        await page.getByRole('button', { name: 'Create flag' }).click();
        await page.waitForURL(new RegExp(`/flags/${FLAG}$`));
        await page.getByRole('heading', { name: 'New checkout' }).waitFor();
        for (const env of ['development', 'staging', 'production', 'qa'])
          assert.equal(await page.locator(`tr[data-environment="${env}"]`).getByRole('switch').getAttribute('aria-checked'), 'false', env);
        assert.equal(await version(page), 'Version 0');
        // The project switcher learnt about the project created a moment ago.
        assert.equal(await page.locator('#project-switcher').inputValue(), PROJECT);
        await accessible(page, 'flag detail');
        await snap(page, 'flag-created');
      },
    },
    {
      name: 'turning it on in production demands a reason, then shows the new version',
      async run() {
        await productionSwitch(page).click();
        const dialog = page.getByRole('dialog', { name: 'Turn on in Production' });
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Turn on' }).click();
        await dialog.getByText(/Give a reason/).waitFor();
        await accessible(page, 'reason dialog');
        await snap(page, 'reason-required');
        await confirmWithReason(page, 'Turn on', 'Launch after QA sign-off (SHOP-42)');
        await page.getByTestId('flag-version').filter({ hasText: /^Version 1$/ }).waitFor();
        assert.equal(await productionSwitch(page).getAttribute('aria-checked'), 'true');
        await page.getByRole('status').getByText(/on in Production/).waitFor();
        await snap(page, 'production-on');
      },
    },
    {
      name: 'a second session changing the flag first gets the first session a CONFLICT, not an overwrite',
      async run() {
        bob = await browser.newContext({ viewport: { width: 1280, height: 860 } });
        other = await bob.newPage();
        await signIn(other);
        await other.waitForURL(/\/projects$/);
        await other.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        await other.getByTestId('flag-version').filter({ hasText: /^Version 1$/ }).waitFor();

        // Bob starts changing the default variation of version 1; while his dialog is open, Alice turns
        // the flag off. The live update leaves Bob's open change alone, so his save meets a CONFLICT.
        await other.locator('tr[data-environment="production"]').getByLabel('Default variation in Production').selectOption('off');
        const dialog = other.getByRole('dialog');
        await dialog.getByLabel(/Reason/).fill('Serve off by default');

        await productionSwitch(page).click();
        await confirmWithReason(page, 'Turn off', 'Error rate up after launch');
        await page.getByTestId('flag-version').filter({ hasText: /^Version 2$/ }).waitFor();
        await other.getByTestId('live-notice').getByText(/switched it in Production \(version 2\)/).waitFor();

        await dialog.getByRole('button', { name: 'Change default' }).click();
        await other.getByRole('dialog', { name: 'Someone changed this flag' }).waitFor();
        await other.getByText('Your change was not saved').waitFor();
        await accessible(other, 'conflict dialog');
        await snap(other, 'conflict');
        await other.getByRole('button', { name: 'Reload flag' }).click();
        await other.getByText('Reloaded: this is version 2').waitFor();
        await other.getByText('Production: turned off.').waitFor();
        assert.equal(await productionSwitch(other).getAttribute('aria-checked'), 'false');
        assert.equal(await other.locator('tr[data-environment="production"]').getByLabel('Default variation in Production').inputValue(), 'on');
        await snap(other, 'conflict-reloaded');
      },
    },
    {
      name: 'archives the flag with a reason, finds it under Archived, and restores it',
      async run() {
        await page.getByRole('button', { name: 'Archive flag…' }).click();
        await confirmWithReason(page, 'Archive flag', 'Checkout v2 fully replaced it');
        await page.getByTestId('flag-version').filter({ hasText: /^Version 3$/ }).waitFor();
        await page.getByText('Archived', { exact: true }).first().waitFor();
        assert.equal(await productionSwitch(page).isDisabled(), true);
        await snap(page, 'archived');

        // The flag page also has a breadcrumb link named Flags: take the project tab.
        await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Flags', exact: true }).click();
        await page.getByRole('heading', { name: 'No flags yet' }).waitFor();
        await page.getByLabel('Status').selectOption('archived');
        await page.getByRole('link', { name: 'New checkout' }).click();
        await page.getByRole('button', { name: 'Restore flag…' }).click();
        await confirmWithReason(page, 'Restore flag', 'Needed for the holiday rollback plan');
        await page.getByTestId('flag-version').filter({ hasText: /^Version 4$/ }).waitFor();
        assert.equal(await productionSwitch(page).isDisabled(), false);
        await snap(page, 'restored');
      },
    },
    {
      name: 'creates a JSON flag with typed variations, refusing invalid JSON first',
      async run() {
        await page.goto(`${server.url}/projects/${PROJECT}/flags/new`);
        await page.getByLabel('Name', { exact: true }).fill('Search limits');
        await page.getByLabel('JSON').check();
        const value = page.getByRole('textbox', { name: 'Value of standard' });
        await value.fill('{limit: 10}');
        await page.getByRole('button', { name: 'Create flag' }).click();
        await page.getByText(/Not valid JSON/).waitFor();
        await snap(page, 'json-invalid');
        await value.fill('{"limit": 10, "fuzzy": false}');
        await page.getByLabel('Default variation').selectOption('generous');
        await page.getByLabel('Off variation').selectOption('standard');
        await page.getByRole('button', { name: 'Create flag' }).click();
        await page.waitForURL(/\/flags\/search-limits$/);
        assert.equal(await page.locator('tr[data-environment="development"]').getByLabel('Default variation in Development').inputValue(), 'generous');
        await page.getByRole('textbox', { name: 'Value of standard' }).waitFor();
        assert.deepEqual(JSON.parse(await page.getByRole('textbox', { name: 'Value of standard' }).inputValue()), { limit: 10, fuzzy: false });
        await snap(page, 'json-flag');
      },
    },
    {
      name: 'edits variations and details through the reason dialog',
      async run() {
        await page.getByRole('button', { name: 'Add variation' }).click();
        const keys = page.getByRole('textbox', { name: /^Key of/ });
        await keys.last().fill('tiny');
        await page.getByRole('textbox', { name: 'Value of tiny' }).fill('{"limit": 1}');
        await page.getByRole('button', { name: 'Save variations…' }).click();
        // Production requires a reason, so changes that affect every environment do too.
        await page.getByRole('dialog').getByText('(required)').waitFor();
        await confirmWithReason(page, 'Save variations', 'Tiny limit for load tests');
        await page.getByTestId('flag-version').filter({ hasText: /^Version 1$/ }).waitFor();
        await page.getByLabel('Description').fill('Result limits for search');
        await page.getByRole('button', { name: 'Save details…' }).click();
        await confirmWithReason(page, 'Save details', 'Document the flag');
        await page.getByTestId('flag-version').filter({ hasText: /^Version 2$/ }).waitFor();
        await page.getByText('Result limits for search').first().waitFor();
        await accessible(page, 'flag detail (json)');
        await snap(page, 'json-flag-edited');
      },
    },
    {
      name: 'the flag list searches, filters by tag and pages',
      async run() {
        await page.goto(`${server.url}/projects/${PROJECT}/flags`);
        await page.getByRole('link', { name: 'Search limits' }).waitFor();
        await page.getByRole('link', { name: 'New checkout' }).waitFor();
        await page.getByLabel('Search', { exact: true }).fill('search');
        await page.getByRole('link', { name: 'New checkout' }).waitFor({ state: 'detached' });
        await page.getByRole('link', { name: 'Search limits' }).waitFor();
        await page.getByLabel('Search', { exact: true }).fill('');
        await page.getByRole('button', { name: 'Filter by tag checkout' }).click();
        await page.getByRole('link', { name: 'Search limits' }).waitFor({ state: 'detached' });
        await page.getByRole('link', { name: 'New checkout' }).waitFor();
        await accessible(page, 'flag list');
        await snap(page, 'flag-list-tag');

        // Enough flags for two pages (20 a page), created through the API with this session.
        await page.evaluate(async (project) => {
          const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '';
          for (let i = 0; i < 21; i++) {
            const response = await fetch('/graphql', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token), 'X-Flagledger-Origin': 'ui' },
              body: JSON.stringify({
                query: 'mutation($input: CreateFlagInput!) { createFlag(input: $input) { flag { key } } }',
                variables: { input: { projectKey: project, key: `bulk-${String(i).padStart(2, '0')}`, name: `Bulk ${i}`, valueType: 'BOOLEAN' } },
              }),
            });
            const body = await response.json();
            if (body.errors) throw new Error(JSON.stringify(body.errors));
          }
        }, PROJECT);
        await page.goto(`${server.url}/projects/${PROJECT}/flags`);
        await page.getByText('1–20 of 23').waitFor();
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByText('21–23 of 23').waitFor();
        await page.getByRole('link', { name: 'Search limits' }).waitFor();
        await snap(page, 'flag-list-page-2');
        await page.getByRole('button', { name: 'Previous' }).click();
        await page.getByText('1–20 of 23').waitFor();
      },
    },
    {
      name: 'creates a segment with included keys and a rule, through the reason dialog',
      async run() {
        await page.goto(`${server.url}/projects/${PROJECT}/segments`);
        await page.getByRole('heading', { name: 'No segments yet' }).waitFor();
        await accessible(page, 'segments (empty)');
        await page.getByRole('link', { name: 'New segment' }).click();
        await page.getByLabel('Name', { exact: true }).fill('Beta testers');
        assert.equal(await page.getByLabel('Key', { exact: true }).inputValue(), 'beta-testers');
        await page.getByLabel(/^Included targeting keys/).fill('alice, dora');
        await page.getByRole('button', { name: 'Add segment rule' }).click();
        await page.getByLabel('Attribute of segment rule 1, condition 1').fill('email');
        await page.getByLabel('Operator of segment rule 1, condition 1').selectOption('endsWith');
        await page.getByLabel('Values of segment rule 1, condition 1').fill('@example.com');
        await accessible(page, 'segment editor');
        await snap(page, 'segment-new');
        await page.getByRole('button', { name: 'Create segment…' }).click();
        await confirmWithReason(page, 'Create segment', 'Beta programme for checkout v2');
        await page.waitForURL(/\/segments\/beta-testers$/);
        await page.getByTestId('segment-version').filter({ hasText: 'Version 0' }).waitFor();
        assert.equal(await page.getByLabel('Values of segment rule 1, condition 1').inputValue(), '@example.com');
        await page.getByRole('link', { name: 'Segments' }).first().click();
        await page.getByRole('link', { name: 'Beta testers' }).waitFor();
        await accessible(page, 'segments');
        await snap(page, 'segments');
      },
    },
    {
      name: 'adds a rule with two clauses and a 20/80 rollout to production targeting',
      async run() {
        await page.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        const before = Number((await version(page)).replace('Version ', ''));
        const targeting = page.getByRole('form', { name: 'Targeting in Production' });
        await targeting.getByRole('button', { name: 'Add rule' }).click();
        await targeting.getByLabel('Attribute of rule 1, condition 1').fill('country');
        await targeting.getByLabel('Operator of rule 1, condition 1').selectOption('in');
        await targeting.getByLabel('Values of rule 1, condition 1').fill('DE\nAT');
        await targeting.getByRole('button', { name: 'Add condition to rule 1' }).click();
        await targeting.getByLabel('Operator of rule 1, condition 2').selectOption('inSegment');
        await targeting.getByRole('checkbox', { name: /Beta testers/ }).check();
        await targeting.getByLabel('What rule 1 serves').selectOption('__rollout');
        await targeting.getByLabel('Percent of on in rule 1').fill('20');
        assert.equal(await targeting.getByLabel('Percent of off in rule 1').inputValue(), '80');
        assert.equal(await targeting.getByRole('slider', { name: 'Share of on in rule 1' }).getAttribute('aria-valuetext'), '20 %');
        // The slider moves from the keyboard too, and the other follows.
        await targeting.getByRole('slider', { name: 'Share of on in rule 1' }).focus();
        await page.keyboard.press('ArrowRight');
        assert.equal(await targeting.getByLabel('Percent of off in rule 1').inputValue(), '79');
        await page.keyboard.press('ArrowLeft');
        assert.equal(await targeting.getByLabel('Percent of off in rule 1').inputValue(), '80');
        await accessible(page, 'targeting editor');
        await snap(page, 'targeting-rule');
        await targeting.getByRole('button', { name: 'Save targeting…' }).click();
        await page.getByRole('dialog', { name: 'Save targeting in Production' }).getByText('(required)').waitFor();
        await confirmWithReason(page, 'Save targeting', 'Beta users in DE/AT get a 20 % canary');
        await page.getByTestId('flag-version').filter({ hasText: new RegExp(`^Version ${before + 1}$`) }).waitFor();
        await page.getByRole('status').getByText(/Targeting saved in Production/).waitFor();

        // What was saved is what the server has: a fresh page load shows the rule.
        await page.reload();
        const saved = page.getByRole('form', { name: 'Targeting in Production' });
        assert.equal(await saved.getByLabel('Values of rule 1, condition 1').inputValue(), 'DE\nAT');
        assert.equal(await saved.getByRole('checkbox', { name: /Beta testers/ }).isChecked(), true);
        assert.equal(await saved.getByLabel('Percent of on in rule 1').inputValue(), '20');
        assert.equal(await saved.getByLabel('Percent of off in rule 1').inputValue(), '80');
        await snap(page, 'targeting-saved');
      },
    },
    {
      name: 'toggles the flag on in production from the flag list, with a reason; a stale targeting edit elsewhere gets a CONFLICT and is re-applied',
      async run() {
        // Bob opens the flag and starts an edit before Alice toggles it.
        await other.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        const bobSaw = Number((await version(other)).replace('Version ', ''));
        const bobTargeting = other.getByRole('form', { name: 'Targeting in Production' });
        await bobTargeting.getByLabel('Serve on to').fill('erin');
        await page.goto(`${server.url}/projects/${PROJECT}/flags?q=${FLAG}`);
        const toggle = page.locator(`tr[data-flag="${FLAG}"] td[data-environment="production"]`).getByRole('switch');
        assert.equal(await toggle.getAttribute('aria-checked'), 'false');
        await toggle.click();
        const dialog = page.getByRole('dialog', { name: 'Turn New checkout on in Production' });
        await dialog.getByRole('button', { name: 'Turn on' }).click();
        await dialog.getByText(/Give a reason/).waitFor();
        await accessible(page, 'flag list toggle dialog');
        await confirmWithReason(page, 'Turn on', 'Start the DE/AT canary (SHOP-77)');
        await page.locator(`tr[data-flag="${FLAG}"] td[data-environment="production"]`).getByRole('switch', { checked: true }).waitFor();
        await page.getByRole('status').getByText(/on in Production/).waitFor();
        await snap(page, 'flag-list-toggled');

        // Bob's page hears of the toggle at once but keeps his unsaved edit, and says who changed what.
        await other.getByTestId('live-notice').getByText(/Local administrator switched it in Production/).waitFor();
        assert.equal(await bobTargeting.getByLabel('Serve on to').inputValue(), 'erin');
        assert.equal(await version(other), `Version ${bobSaw}`);
        await accessible(other, 'live notice');
        await snap(other, 'live-notice-keeps-edits');
        // Saving on the old version is refused, not an overwrite.
        await bobTargeting.getByRole('button', { name: 'Save targeting…' }).click();
        const bobDialog = other.getByRole('dialog', { name: 'Save targeting in Production' });
        await bobDialog.getByLabel(/Reason/).fill('Erin leads QA');
        await bobDialog.getByRole('button', { name: 'Save targeting' }).click();
        await other.getByRole('dialog', { name: 'Someone changed this flag' }).waitFor();
        await other.getByRole('button', { name: 'Reload flag' }).click();
        await other.getByText('Production: turned on.').waitFor();
        // His edit survived the reload, so he can apply it again on the new version.
        assert.equal(await bobTargeting.getByLabel('Serve on to').inputValue(), 'erin');
        await snap(other, 'targeting-conflict-reloaded');
        await bobTargeting.getByRole('button', { name: 'Save targeting…' }).click();
        await confirmWithReason(other, 'Save targeting', 'Erin leads QA');
        await other.getByTestId('flag-version').filter({ hasText: new RegExp(`^Version ${bobSaw + 2}$`) }).waitFor();
        assert.equal(await bobTargeting.getByLabel('Serve on to').inputValue(), 'erin');
      },
    },
    {
      name: 'a second session on the flag page sees a toggle made in the first without reloading',
      async run() {
        await other.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        const bobStaging = other.locator('tr[data-environment="staging"]').getByRole('switch');
        assert.equal(await bobStaging.getAttribute('aria-checked'), 'false');
        const bobSaw = Number((await version(other)).replace('Version ', ''));
        await page.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        await page.locator('tr[data-environment="staging"]').getByRole('switch').click();
        const clicked = Date.now();
        await page.getByRole('dialog').getByRole('button', { name: 'Turn on' }).click();
        // The toggle is done once Alice's own page shows it (the mutation answers after the read model has it).
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        const applied = Date.now();
        // No reload, no navigation in Bob's page: the switch flips by itself.
        await other.locator('tr[data-environment="staging"]').getByRole('switch', { checked: true }).waitFor({ timeout: 2000 });
        const millis = Date.now() - applied;
        console.log(`    live update: toggle applied ${applied - clicked} ms after the click; the second session showed it ${millis} ms later`);
        assert.ok(millis < 2000, `took ${millis} ms`);
        await other.getByTestId('flag-version').filter({ hasText: new RegExp(`^Version ${bobSaw + 1}$`) }).waitFor();
        await other.getByRole('status').getByText(/switched it in Staging/).waitFor();
        await snap(other, 'live-second-session');
      },
    },
    {
      name: 'finds the production toggle in the audit timeline, with who, why and a readable diff',
      async run() {
        await page.getByRole('link', { name: 'Audit', exact: true }).click();
        await page.waitForURL(/\/audit$/);
        const timeline = page.getByRole('list', { name: 'Project history' });
        await timeline.locator('.timeline-entry').first().waitFor();
        await page.getByLabel('Flag key').fill(FLAG);
        await page.getByLabel('Environment', { exact: true }).selectOption('production');
        await page.getByLabel('Change', { exact: true }).selectOption('FlagToggled');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        // The newest change of all (the staging toggle) is filtered out.
        await timeline.getByText('Turned on in Staging').waitFor({ state: 'detached' });
        const entry = timeline.locator('.timeline-entry').filter({ hasText: 'Start the DE/AT canary (SHOP-77)' });
        await entry.waitFor();
        // Only production toggles of this flag are left: newest first, the canary start on top.
        assert.equal(await timeline.locator('.timeline-entry').first().getAttribute('data-position'), await entry.getAttribute('data-position'));
        for (const e of await timeline.locator('.timeline-entry').all()) assert.equal(await e.getAttribute('data-event-type'), 'FlagToggled');
        await entry.getByText('Turned on in Production').waitFor();
        await entry.getByText('by Local administrator').first().waitFor();
        await entry.getByText('via ui').waitFor();
        assert.equal(await entry.locator('.diff-field dt').textContent(), 'Production: On/off');
        assert.equal((await entry.locator('del').textContent()).trim(), 'from off');
        assert.equal((await entry.locator('ins').textContent()).trim(), 'to on');
        await accessible(page, 'audit timeline');
        await snap(page, 'audit-timeline');

        // The targeting change reads as a sentence too.
        await page.getByLabel('Change', { exact: true }).selectOption('FlagTargetingChanged');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await timeline.getByText(/if country is one of DE, AT and context is in segment beta-testers → serve 20 % on, 80 % off/).first().waitFor();
        await snap(page, 'audit-targeting-diff');

        // Auditors can check the hash chain from here.
        await page.getByRole('button', { name: 'Verify the audit chain' }).click();
        await page.getByTestId('chain-result').getByText(/Intact: \d+ entries verified/).waitFor();
        assert.match(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'), /^\/api\/audit\/export\?format=csv/);
        await accessible(page, 'audit (chain verified)');

        // The flag's own history panel lists it as well.
        await page.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        await page.getByRole('list', { name: `History of ${FLAG}` }).getByText('Start the DE/AT canary (SHOP-77)').waitFor();
      },
    },
    {
      name: 'views the flag as of just before the toggle: read-only, marked historical, off in production with the rule',
      async run() {
        await page.goto(`${server.url}/projects/${PROJECT}/audit`);
        await page.getByLabel('Flag key').fill(FLAG);
        await page.getByLabel('Change', { exact: true }).selectOption('FlagToggled');
        await page.getByLabel('Environment', { exact: true }).selectOption('production');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        const entry = page.locator('.timeline-entry').filter({ hasText: 'Start the DE/AT canary (SHOP-77)' });
        await entry.getByRole('link', { name: /View as of just before this change/ }).click();
        await page.waitForURL(/\/as-of\?at=/);
        await page.getByRole('note', { name: 'Historical view' }).getByText('Historical view · read-only').waitFor();
        await page.getByTestId('as-of-state-production').getByText('Off').waitFor();
        await page.getByText(/Rule 1: if country is one of DE, AT and context is in segment beta-testers → serve 20 % on, 80 % off/).waitFor();
        // Nothing to change here: no switches, no save buttons.
        assert.equal(await page.getByRole('switch').count(), 0);
        assert.equal(await page.getByRole('button', { name: /Save|Archive|Turn/ }).count(), 0);
        await accessible(page, 'flag as of');
        await snap(page, 'flag-as-of-before-toggle');

        // Before the flag existed there is nothing to show, and the page says so.
        await page.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}/as-of?at=2020-01-01T00:00:00Z`);
        await page.getByRole('heading', { name: 'The flag did not exist yet' }).waitFor();
        await accessible(page, 'flag as of (not yet)');
        await snap(page, 'flag-as-of-not-yet');

        // The whole environment at the same kind of instant.
        await page.goto(`${server.url}/projects/${PROJECT}/audit/as-of?environment=production&at=${encodeURIComponent(new Date().toISOString())}`);
        await page.getByRole('link', { name: 'New checkout' }).waitFor();
        await accessible(page, 'environment as of');
        await snap(page, 'environment-as-of');
      },
    },
    {
      name: 'evaluates the flag for a context and reads the reason and the trace',
      async run() {
        await page.getByRole('link', { name: 'Evaluate' }).click();
        await page.getByLabel('Flag', { exact: true }).selectOption(FLAG);
        await page.getByLabel('Environment', { exact: true }).selectOption('production');
        // Built context: a user outside the rule gets the default.
        await page.getByLabel('Targeting key').fill('carol');
        await page.getByLabel('Attribute 1 name').fill('country');
        await page.getByLabel('Attribute 1 value').fill('FR');
        await page.getByRole('button', { name: 'Evaluate' }).click();
        await page.getByTestId('eval-reason').filter({ hasText: 'DEFAULT' }).waitFor();
        await page.getByText('Rule 1: did not match').waitFor();
        // Pasted context: alice is in the segment and in DE, so the rule's rollout decides.
        await page.getByRole('radio', { name: 'Paste JSON' }).check();
        assert.deepEqual(JSON.parse(await page.getByLabel('Context (JSON)').inputValue()), { targetingKey: 'carol', country: 'FR' });
        await page.getByLabel('Context (JSON)').fill('{"targetingKey": "alice", "country": "DE"}');
        await page.getByRole('button', { name: 'Evaluate' }).click();
        await page.getByTestId('eval-reason').filter({ hasText: 'SPLIT' }).waitFor();
        await page.getByText('Rule 1: matched').waitFor();
        await page.getByText(/beta-testers: member \(included\)/).waitFor();
        await page.getByText(/Rollout: bucket \d+ of 0–99 999/).waitFor();
        assert.match(await page.getByTestId('eval-variant').textContent(), /^(on|off)$/);
        await accessible(page, 'evaluate');
        await snap(page, 'evaluate');
        await page.getByLabel('Context (JSON)').fill('{"targetingKey": ');
        await page.getByRole('button', { name: 'Evaluate' }).click();
        await page.getByRole('alert').getByText(/not valid JSON/).waitFor();

        // The same context as of just before the toggle: the flag was off in production then.
        await page.goto(`${server.url}/projects/${PROJECT}/audit`);
        await page.getByLabel('Flag key').fill(FLAG);
        await page.getByLabel('Change', { exact: true }).selectOption('FlagToggled');
        await page.getByLabel('Environment', { exact: true }).selectOption('production');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.locator('.timeline-entry').filter({ hasText: 'Start the DE/AT canary (SHOP-77)' }).getByRole('link', { name: /just before this change/ }).click();
        await page.getByRole('link', { name: 'Evaluate at this moment' }).click();
        await page.waitForURL(/\/evaluate\?.*at=/);
        await page.getByLabel('Environment', { exact: true }).selectOption('production');
        await page.getByRole('radio', { name: 'Paste JSON' }).check();
        await page.getByLabel('Context (JSON)').fill('{"targetingKey": "alice", "country": "DE"}');
        await page.getByRole('button', { name: 'Evaluate' }).click();
        await page.getByTestId('eval-as-of').waitFor();
        await page.getByTestId('eval-reason').filter({ hasText: 'DISABLED' }).waitFor();
        await accessible(page, 'evaluate as of');
        await snap(page, 'evaluate-as-of-before-toggle');
      },
    },
    {
      name: 'creates an SDK key, shows its secret once with a copy button, and revokes it',
      async run() {
        await alice.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
        await page.getByRole('link', { name: 'SDK keys' }).click();
        await page.getByText('No SDK keys yet.').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('checkout-service');
        await page.getByLabel('Environment', { exact: true }).selectOption('production');
        await page.getByRole('button', { name: 'Create key…' }).click();
        const createDialog = page.getByRole('dialog', { name: 'Create SDK key' });
        await createDialog.getByLabel(/Reason/).fill('Checkout service goes live');
        await createDialog.getByRole('button', { name: 'Create key' }).click();
        await createDialog.waitFor({ state: 'detached' });
        const secretDialog = page.getByRole('dialog', { name: 'Secret of checkout-service' });
        const secret = await secretDialog.getByLabel('Secret').inputValue();
        assert.match(secret, /^flsrv_[A-Za-z0-9_-]{40,}$/);
        await secretDialog.getByRole('button', { name: 'Copy', exact: true }).click();
        await secretDialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
        await accessible(page, 'sdk key secret');
        await snap(page, 'sdk-key-secret');
        await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
        const row = page.locator('tr[data-key="checkout-service"]');
        await row.getByText('Active').waitFor();
        assert.equal(await page.getByText(secret).count(), 0);
        // The key works against the SDK API until it is revoked.
        const evaluate = () => page.evaluate(async ([flag, key]) => (await fetch(`/ofrep/v1/evaluate/flags/${flag}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: '{"context":{"targetingKey":"carol"}}' })).status, [FLAG, secret]);
        assert.equal(await evaluate(), 200);
        await row.getByRole('button', { name: 'Revoke checkout-service' }).click();
        await confirmWithReason(page, 'Revoke key', 'Rotating after the demo');
        await row.getByText('Revoked').waitFor();
        assert.equal(await evaluate(), 401);
        await accessible(page, 'sdk keys');
        await snap(page, 'sdk-keys');
      },
    },
    {
      name: 'issues an API token for production: secret shown once, it answers GraphQL, and revoked with a reason it is refused',
      async run() {
        await page.getByRole('link', { name: 'API tokens' }).click();
        await page.getByText('No API tokens for Web shop yet.').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('ci-deploy');
        await page.getByLabel('Role').selectOption('VIEWER');
        await page.getByLabel('Scope').selectOption('production');
        await page.getByRole('button', { name: 'Create token…' }).click();
        // The secret dialog replaces the confirmation in one render, so wait for that dialog by name (as for SDK keys).
        const createDialog = page.getByRole('dialog', { name: 'Create API token' });
        await createDialog.getByLabel(/Reason/).fill('Nightly flag report (OPS-3)');
        await createDialog.getByRole('button', { name: 'Create token' }).click();
        await createDialog.waitFor({ state: 'detached' });
        const secretDialog = page.getByRole('dialog', { name: 'Secret of ci-deploy' });
        const secret = await secretDialog.getByLabel('Secret').inputValue();
        assert.match(secret, /^fl_[A-Za-z0-9_-]{40,}$/);
        await secretDialog.getByRole('button', { name: 'Copy', exact: true }).click();
        await secretDialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
        await accessible(page, 'api token secret');
        await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
        const row = page.locator('tr[data-token="ci-deploy"]');
        await row.getByText('Active').waitFor();
        await row.getByText('Production').waitFor();
        assert.equal(await page.getByText(secret).count(), 0);
        // Without the session cookie: only the token speaks for this request.
        const query = () =>
          page.evaluate(async ([token, project]) => {
            const response = await fetch('/graphql', { method: 'POST', credentials: 'omit', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: `{ project(key: "${project}") { key } }` }) });
            return response.status;
          }, [secret, PROJECT]);
        assert.equal(await query(), 200);
        await row.getByRole('button', { name: 'Revoke ci-deploy' }).click();
        await confirmWithReason(page, 'Revoke token', 'Report moved to the warehouse');
        await row.getByText('Revoked').waitFor();
        assert.equal(await query(), 401);
        await accessible(page, 'api tokens');
        await snap(page, 'api-tokens');
      },
    },
    {
      name: 'protects production: a toggle becomes a change request, approved from its page, then listed in the compliance report',
      async run() {
        await page.goto(`${server.url}/projects/${PROJECT}/environments`);
        const protection = page.getByRole('region', { name: 'Protection and approvals' });
        await protection.getByLabel('Environment', { exact: true }).selectOption('production');
        await protection.getByLabel('Authors may approve their own changes').check();
        await protection.getByRole('button', { name: 'Protect Production…' }).click();
        await page.getByRole('dialog', { name: 'Protect Production' }).getByText(/1 approval, authors may approve their own changes/).waitFor();
        await confirmWithReason(page, 'Protect', 'Releases need a second look (SEC-1)');
        await protection.locator('[data-protected="production"]').waitFor();
        await accessible(page, 'environments with protection');

        await page.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        const before = await productionSwitch(page).getAttribute('aria-checked');
        await productionSwitch(page).click();
        // The dialog says what will happen: a change request, not the toggle itself.
        await page.getByRole('dialog').getByTestId('approval-note').getByText('Production is protected.').waitFor();
        await confirmWithReason(page, 'Propose change', 'Release 7 (REL-7)');
        await page.getByText('Production is protected: change request opened for approval').waitFor();
        assert.equal(await productionSwitch(page).getAttribute('aria-checked'), before, 'nothing changed before approval');

        await page.getByRole('link', { name: 'Change requests' }).click();
        const title = page.getByRole('link', { name: /^Turn (on|off) flag new-checkout in production$/ }).first();
        await title.waitFor();
        await accessible(page, 'change requests and promotion form');
        await snap(page, 'change-requests');
        await title.click();
        await page.locator('[data-field="environments.production.enabled"]').waitFor();
        await accessible(page, 'change request');
        await snap(page, 'change-request');
        await page.getByLabel('Comment').fill('Checked with the release plan');
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.locator('.status.applied').first().waitFor();

        await page.goto(`${server.url}/projects/${PROJECT}/flags/${FLAG}`);
        await page.waitForFunction(
          ([value]) => document.querySelector('tr[data-environment="production"] [role="switch"]')?.getAttribute('aria-checked') !== value,
          [before],
        );

        await page.getByRole('link', { name: 'Compliance' }).click();
        const changes = page.getByRole('region', { name: 'Changes' });
        await changes.getByText('Release 7 (REL-7)').waitFor();
        await page.getByTestId('chain-head').waitFor();
        await accessible(page, 'compliance');
        await snap(page, 'compliance');
      },
    },
    {
      name: 'the experiments list and the set-up form of a new experiment are reachable and accessible',
      async run() {
        await page.getByRole('link', { name: 'Experiments' }).click();
        await page.getByRole('heading', { name: 'No experiments yet' }).waitFor();
        await accessible(page, 'experiments (empty)');
        await snap(page, 'experiments');
        await page.getByRole('link', { name: /New experiment/ }).first().click();
        await page.getByRole('form', { name: 'Experiment set-up' }).waitFor();
        await accessible(page, 'experiment set-up');
        await snap(page, 'experiment-setup');
      },
    },
    {
      name: 'the stale flags list has nothing to report in a project minutes old',
      async run() {
        await page.getByRole('link', { name: 'Stale flags' }).click();
        await page.getByRole('heading', { name: 'Stale flags' }).waitFor();
        await page.getByText(/^No stale flags\./).waitFor();
        await accessible(page, 'stale flags');
        await snap(page, 'stale-flags');
      },
    },
    {
      name: 'signing out ends the session: the app asks to sign in again',
      async run() {
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/sign-in/);
        await page.goto(`${server.url}/projects/${PROJECT}/flags`);
        await page.waitForURL(/\/sign-in/);
        const response = await page.evaluate(async () => (await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, body: '{"query":"{ projects { key } }"}' })).status);
        assert.equal(response, 401);
        await snap(page, 'signed-out');
      },
    },
  ];
  steps.failureShot = async (name) => {
    for (const target of [page, other]) if (target && !target.isClosed()) await snap(target, `FAILED-${name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
  };
  return steps;
}
