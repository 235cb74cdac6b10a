import { test as base, expect, type BrowserContext, type Page, type Response } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export { expect };

/** Password of every demo account (the servers run with SAMSKAP_DEMO_PASSWORD set to it). */
export const DEMO_PASSWORD = 'demo-passord-123';

export const LEAD = 'leder@halden.demo';
export const CORE_TEAM = 'kjerneteam@halden.demo';
export const FACILITATOR = 'fasilitator@halden.demo';
export const VIEWER = 'styringsgruppe@halden.demo';
export const DEMO_EMAILS = [LEAD, CORE_TEAM, FACILITATOR, VIEWER];

/**
 * Logins are throttled to 5 per email address per minute (app/src/server/throttle.rs), and
 * each project has its own server, so the tests spread their logins over the four demo
 * accounts: no account logs in more than 4 times per project.
 */

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Fixtures = {
  /** Closes the JavaScript-enabled copies `expectAxeClean` made during the test (nojs),
   *  before the test's own context closes. */
  _axeCopies: void;
  /**
   * Lets the current test produce console errors matching `pattern`, which is tested against
   * `"<message text> [<url>]"`. For pages that are meant to answer 4xx, e.g.
   * `allowConsoleError(/status of 404 .*\/finnes-ikke/)`; Chromium logs every 4xx/5xx
   * document or fetch as "Failed to load resource: the server responded with a status of N".
   */
  allowConsoleError: (pattern: RegExp) => void;
  _allowedConsoleErrors: RegExp[];
};

export const test = base.extend<Fixtures>({
  _axeCopies: [
    async ({ context }, use) => {
      await use();
      const open = axeContexts.splice(0);
      await Promise.all(open.map((c) => c.close()));
    },
    { auto: true },
  ],

  _allowedConsoleErrors: async ({}, use) => {
    await use([]);
  },

  allowConsoleError: async ({ _allowedConsoleErrors }, use) => {
    await use((pattern: RegExp) => {
      _allowedConsoleErrors.push(pattern);
    });
  },

  /**
   * Every test's page fails the test on any uncaught page error or console error, and in the
   * hydrated project on a page that never loaded the WASM bundle (so that project cannot
   * silently degrade to testing plain HTML).
   */
  page: async ({ page, javaScriptEnabled, _allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    let navigated = false;
    let wasmLoaded = false;

    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(`console error: ${message.text()} [${message.location().url}]`);
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith('http')) navigated = true;
    });
    page.on('response', (response) => {
      if (/\.wasm(\?|$)/.test(response.url()) && response.status() < 400) wasmLoaded = true;
    });

    await use(page);

    const unexpected = problems.filter(
      (p) => !p.startsWith('console error: ') || !_allowedConsoleErrors.some((re) => re.test(p)),
    );
    expect(unexpected, 'page errors or console errors during the test').toEqual([]);
    if (javaScriptEnabled && navigated) {
      expect(wasmLoaded, 'the hydrated project loaded the WASM bundle').toBe(true);
    }
  },
});

function jsEnabled(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** Unfolds the header's language menu (it shows only the current language). */
export async function openLanguages(page: Page): Promise<void> {
  const menu = page.locator('.languages-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
}

/**
 * Waits until the page is ready for interaction: with JavaScript on, until the WASM bundle
 * has loaded and hydrated the page's islands, so that typing is not lost to hydration,
 * and on a live page until its event stream is open (`data-live="open"`). With
 * JavaScript off, until the load event.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  if (!jsEnabled()) return;
  // The wasm marks the page once its islands are hydrated (`hydrate` in app/src/lib.rs).
  // Waiting for that instead of the network to go quiet saves half a second a page.
  if ((await page.locator('leptos-island').count()) > 0) {
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  }
  if ((await page.locator('[data-live]').count()) > 0) {
    await page.locator('[data-live="open"]').waitFor();
  }
}

/** page.goto + settle; returns the response of the full page load. */
export async function visit(page: Page, path: string): Promise<Response | null> {
  const response = await page.goto(path);
  await settle(page);
  return response;
}

/** Logs in through the login form and waits for the landing page /programme. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await visit(page, '/login');
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/p/halden-sentrum');
  await settle(page);
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now and fails listing every
 * violation. axe-core cannot run in a page whose JavaScript is disabled, so in the nojs
 * project it runs on a copy: the same HTML served at the same URL in a JavaScript-enabled
 * page of a separate context whose page scripts are blocked (CSP `script-src 'none'`);
 * stylesheets, fonts and images still load from the server, so colour contrast is checked.
 */
export async function expectAxeClean(page: Page): Promise<void> {
  await settle(page);
  let target = page;
  if (!jsEnabled()) {
    const copy = await axeCopy(page);
    copy.html = await page.content();
    target = copy.page;
    // From a blank page: a URL that differs from the last one only after its '#' would
    // not be loaded again.
    await target.goto('about:blank');
    await target.goto(page.url());
  }
  // Legacy mode: axe.run in the page itself. The default runs each frame's part and then
  // puts the parts together in a new blank page, opened and closed for every check (14
  // checks: 3.0 s of CPU more in the hydrated project); the pages have no frames.
  const results = await new AxeBuilder({ page: target })
    .withTags(AXE_TAGS)
    .setLegacyMode()
    .analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n` +
      v.nodes.map((n) => `    at ${n.target.map(String).join(' ')}`).join('\n'),
  );
  expect(violations, `axe-core violations on ${page.url()}`).toEqual([]);
}

/** A page's JavaScript-enabled copy (nojs project) and the HTML its next navigation gets. */
type AxeCopy = { page: Page; html: string };
const axeCopies = new WeakMap<Page, Promise<AxeCopy>>();
/** The copies' contexts, which the `_axeCopies` fixture closes at the end of the test. */
const axeContexts: BrowserContext[] = [];

/** The copy `expectAxeClean` checks `page` in: made at its first check, in a context of
 *  its own, and kept for the page's later checks in the test (a context per check cost
 *  about a second each). */
function axeCopy(page: Page): Promise<AxeCopy> {
  let made = axeCopies.get(page);
  if (made) return made;
  made = (async () => {
    const browser = page.context().browser();
    if (!browser) throw new Error('expectAxeClean: the page has no browser');
    const context = await browser.newContext({
      javaScriptEnabled: true,
      viewport: page.viewportSize(),
      locale: test.info().project.use.locale,
    });
    axeContexts.push(context);
    const copy: AxeCopy = { page: await context.newPage(), html: '' };
    await copy.page.route('**/*', async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.frame() === copy.page.mainFrame()) {
        await route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: { 'content-security-policy': "script-src 'none'" },
          body: copy.html,
        });
      } else if (request.resourceType() === 'script') {
        await route.abort();
      } else {
        await route.continue();
      }
    });
    return copy;
  })();
  axeCopies.set(page, made);
  return made;
}
