/** Inclusion and privacy: every page passes axe in bokmål and in Arabic (right to
 *  left), the join page picks the browser's language, a participant does everything
 *  with the keyboard alone, a post made offline arrives once, new cards are announced,
 *  the diversity view, the privacy page and deleting one's card with the receipt. */
import type { Locator, Page } from '@playwright/test';
import { FACILITATOR, LEAD, expect, expectAxeClean, login, settle, test, visit } from './fixtures';
import { DEMO_CODE, card, joinDemo, jsOn, newPhone, post, postForm } from './phones';

/** Every staff page of the demo, found by following links as the lead sees them. */
async function staffPages(page: Page): Promise<string[]> {
  const first = async (from: string, selector: string) => {
    await visit(page, from);
    const href = await page.locator(selector).first().getAttribute('href');
    if (!href) throw new Error(`no ${selector} on ${from}`);
    return href;
  };
  const workshop = await first('/workshops', 'main a[href^="/workshops/"]');
  const board = await first(workshop, 'main a[href^="/boards/"]');
  // A card's tools are folded; their page (the board with one card's fold open) has the trace.
  const cardTools = await first(board, 'main details.card-tools a[href^="/boards/"]');
  const cardTrace = await first(cardTools, 'main a[href^="/trace/cards/"]');
  const prototype = await first('/prototypes', 'main a[href^="/prototypes/"]');
  const round = await first(prototype, 'main a[href^="/rounds/"]');
  const prototypeTrace = await first(prototype, 'main a[href^="/trace/prototypes/"]');
  const measure = await first('/plans/2025', 'main a[href^="/measures/"]');
  // The promote page: from the prototype decided "proceed" that is not a measure yet.
  let promote = '';
  await visit(page, '/prototypes');
  for (const href of await page.locator('main a[href^="/prototypes/"]').evaluateAll((as) =>
    as.map((a) => a.getAttribute('href') ?? ''),
  )) {
    await visit(page, href);
    const link = page.locator('main a[href^="/measures/new"]');
    if ((await link.count()) > 0) {
      promote = (await link.first().getAttribute('href')) ?? '';
      break;
    }
  }
  if (!promote) throw new Error('no prototype to promote in the demo');
  const version = await first('/plans/2025', 'main a[href*="/versions/"]');
  return [
    '/programme',
    '/programme/edit',
    '/accounts',
    '/account',
    '/workshops',
    workshop,
    board,
    cardTools,
    `${board}/projector`,
    '/prototypes',
    prototype,
    round,
    cardTrace,
    prototypeTrace,
    '/plans',
    '/plans/2025',
    '/plans/2026',
    version,
    measure,
    promote,
    '/audit',
    '/programmes',
    '/evaluation',
    '/library',
    '/p/halden-sentrum/library',
    '/public/library',
  ];
}

/** The page is in `lang`, laid out in `dir`, and passes axe. */
/** Types a receipt code into the lookup form at /receipt and sends it. */
async function openReceipt(page: Page, code: string) {
  await page.locator('#receipt-code').fill(code);
  await page.locator('form:has(#receipt-code) button[type=submit]').click();
  await settle(page);
}

async function checkPage(page: Page, path: string, lang: string, dir: string) {
  await visit(page, path);
  await expect(page.locator('html'), path).toHaveAttribute('lang', lang);
  await expect(page.locator('html'), path).toHaveAttribute('dir', dir);
  await expectAxeClean(page);
}

const LANGUAGES = [
  { code: 'nb', dir: 'ltr' },
  { code: 'ar', dir: 'rtl' },
] as const;

test('every staff page passes axe, in bokmål and in Arabic (right to left)', async ({ page }) => {
  test.setTimeout(360_000);
  await login(page, LEAD);
  const pages = await staffPages(page);
  for (const { code, dir } of LANGUAGES) {
    await visit(page, `/lang/${code}?back=/programme`);
    for (const path of pages) await checkPage(page, path, code, dir);
  }
  await visit(page, '/lang/nb?back=/programme');
});

test('every participant page passes axe, in bokmål and in Arabic, picked from the browser', async ({
  browser,
  allowConsoleError,
}) => {
  test.setTimeout(240_000);
  allowConsoleError(/status of 404/);
  for (const { code, dir } of LANGUAGES) {
    // No cookie yet: the browser's language decides, and the join page preselects it.
    const context = await browser.newContext({
      locale: code === 'ar' ? 'ar-SA' : 'nb-NO',
      javaScriptEnabled: jsOn(),
      viewport: { width: 390, height: 844 },
      baseURL: test.info().project.use.baseURL,
    });
    const page = await context.newPage();
    for (const path of ['/', '/login', '/privacy', '/receipt', '/public/plans/2025', '/finnes-ikke', '/join']) {
      await checkPage(page, path, code, dir);
    }
    await expect(page.locator('#language-pick')).toHaveValue(code);
    await checkPage(page, `/join?code=${DEMO_CODE}`, code, dir);
    await page.locator('#join-nickname').fill(`Amal ${code}`);
    await page.locator('#join-consent').check();
    await page.locator('form:has(#join-consent) button[type=submit]').click();
    await settle(page);
    await expectAxeClean(page);
    await page.locator('a.board-link').first().click();
    await page.waitForURL(/\/boards\//);
    await settle(page);
    const board = new URL(page.url()).pathname;
    await checkPage(page, board, code, dir);
    const text = code === 'ar' ? 'نريد مكانا للشباب في المساء' : `Et sted for unge om kvelden (${code})`;
    await page.locator('#post-body').fill(text);
    await page.locator('.post-form button[type=submit]').click();
    await expect(card(page, text)).toBeVisible();
    // Card text is shown as typed, with its direction detected from its own letters.
    const body = card(page, text).locator('.card-body');
    await expect(body).toHaveAttribute('dir', 'auto');
    expect(await body.evaluate((el) => getComputedStyle(el).direction)).toBe(
      code === 'ar' ? 'rtl' : 'ltr',
    );
    await card(page, text).locator('a.receipt-link').click();
    await page.waitForURL(/\/receipt\/cards\//);
    await checkPage(page, new URL(page.url()).pathname, code, dir);
    const receipt = (await page.locator('.receipt-code strong').textContent()) ?? '';
    await checkPage(page, '/receipt', code, dir);
    await openReceipt(page, receipt);
    await expect(page.locator('blockquote')).toContainText(text);
    expect(page.url()).not.toContain(receipt);
    await expectAxeClean(page);
    await context.close();
  }
});

test('the Arabic layout is mirrored: the header starts on the right', async ({ browser }) => {
  const context = await browser.newContext({
    locale: 'ar',
    javaScriptEnabled: jsOn(),
    viewport: { width: 1280, height: 800 },
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await visit(page, '/join');
  const brand = await page.locator('.site-header .brand').boundingBox();
  const width = page.viewportSize()!.width;
  expect(brand, 'the brand is shown').not.toBeNull();
  expect(brand!.x, 'the brand sits in the right half').toBeGreaterThan(width / 2);
  expect(await page.locator('body').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  // The picker lists every language by its own name; nynorsk and Polish among them.
  const names = await page.locator('#language-pick option').allTextContents();
  expect(names).toEqual(['Norsk bokmål', 'Norsk nynorsk', 'English', 'العربية', 'Polski']);
  await page.locator('#language-pick').selectOption('nn');
  await page.locator('.language-picker button').click();
  await settle(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('button', { name: 'Hald fram' })).toBeVisible();
  await context.close();
});

test('the projector view is high contrast with large text', async ({ page }) => {
  await login(page, FACILITATOR);
  await visit(page, '/workshops');
  await page.getByRole('link', { name: 'Ungdommens sentrum' }).first().click();
  await settle(page);
  const board = await page.locator('main a[href^="/boards/"]').first().getAttribute('href');
  await visit(page, `${board}/projector`);
  const style = (selector: string, property: string) =>
    page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
  expect(await style('body', 'background-color')).toBe('rgb(0, 0, 0)');
  expect(await style('.projector .prompt', 'color')).toBe('rgb(255, 255, 255)');
  expect(parseFloat(await style('.projector .card-body', 'font-size'))).toBeGreaterThanOrEqual(24);
  expect(parseFloat(await style('.projector .prompt', 'font-size'))).toBeGreaterThanOrEqual(40);
  await expectAxeClean(page);
});

/** Presses Tab until `target` has the focus, and checks the focus is visible. */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      const outline = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      expect(outline.style, 'the focus is visible').not.toBe('none');
      expect(outline.width).toBeGreaterThanOrEqual(2);
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

test('keyboard only: join → post → vote → report → feedback on a test round', async ({
  page,
  browser,
  allowConsoleError,
}) => {
  test.setTimeout(120_000);
  allowConsoleError(/status of 4\d\d/);
  const other = await newPhone(browser);
  await joinDemo(other.page, 'Nora');
  const theirs = `Noras idé (${test.info().project.name})`;
  await post(other.page, theirs);
  await expect(card(other.page, theirs)).toBeVisible();
  const board = new URL(other.page.url()).pathname;
  await login(page, FACILITATOR);
  await visit(page, board);
  await page.getByLabel('Prikker per person').fill('3');
  await page.getByRole('button', { name: 'Start en ny avstemning' }).click();
  await settle(page);
  // A prototype from a theme, tested in this workshop (the facilitator may use a mouse).
  const prototype = `Tastaturtest ${test.info().project.name}`;
  await page.getByLabel('Nytt tema').fill(prototype);
  await page.getByRole('button', { name: 'Legg til tema' }).click();
  await settle(page);
  const theme = page.locator('section.theme').filter({ has: page.getByRole('heading', { name: prototype }) });
  await theme.locator('summary', { hasText: 'Lag prototype' }).click();
  await theme.getByLabel('Hva er det?').fill('Et rom med sofaer');
  await theme.getByLabel('Hva skal den teste?').fill('Ungdom kommer hvis det er gratis');
  await theme.locator('form').getByRole('button', { name: 'Lag prototype' }).click();
  await page.waitForURL(/\/prototypes\/[0-9a-f-]+$/);
  await settle(page);
  await page.locator('summary', { hasText: 'Start en testrunde' }).click();
  await page.getByLabel('Verksted', { exact: true }).selectOption({ label: 'Ungdommens sentrum' });
  await page.getByLabel('Hvor', { exact: true }).fill('Skofabrikken');
  await page.getByLabel('Hvem tester', { exact: true }).fill('Ungdom 13–19 år');
  await page.getByLabel('Når', { exact: true }).fill('2026-12-03T16:00');
  await page.getByRole('button', { name: 'Start testrunden' }).click();
  await settle(page);

  const phone = await newPhone(browser);
  const p = phone.page;
  await visit(p, '/join');
  await tabTo(p, p.getByLabel('Kode'));
  await p.keyboard.type(DEMO_CODE);
  await p.keyboard.press('Enter');
  await settle(p);
  await tabTo(p, p.getByLabel('Kallenavn (frivillig)'));
  await p.keyboard.type('Tastatur');
  await tabTo(p, p.getByLabel('Jeg har lest dette og vil være med'));
  await p.keyboard.press('Space');
  await tabTo(p, p.getByRole('button', { name: 'Bli med' }));
  await p.keyboard.press('Enter');
  await expect(p.getByText('Du er med som Tastatur.')).toBeVisible();
  await settle(p);
  await tabTo(p, p.getByRole('link', { name: /ungdom vil være/ }));
  await p.keyboard.press('Enter');
  await p.waitForURL(/\/boards\//);
  await settle(p);

  const mine = `Skrevet med tastaturet (${test.info().project.name})`;
  await tabTo(p, postForm(p).getByLabel('Tekst', { exact: true }));
  await p.keyboard.type(mine);
  await tabTo(p, postForm(p).getByRole('button', { name: 'Legg på tavla' }));
  await p.keyboard.press('Enter');
  await expect(card(p, mine)).toBeVisible();
  await settle(p);

  await tabTo(p, card(p, theirs).getByRole('button', { name: /^Gi en prikk/ }));
  await p.keyboard.press('Enter');
  await expect(card(p, theirs)).toContainText('Dine prikker her: 1');
  await settle(p);
  await tabTo(p, card(p, theirs).getByRole('button', { name: 'Rapporter kortet' }));
  // Without JavaScript the report reloads the page: wait for it before going on.
  await Promise.all([jsOn() ? Promise.resolve() : p.waitForEvent('load'), p.keyboard.press('Enter')]);
  await settle(p);
  // Hydrated, the card says thanks; without JavaScript the page reloads, with the report
  // counted (the moderation tests check what the facilitator then sees).
  if (jsOn()) await expect(card(p, theirs).getByText('Takk. En fasilitator ser på det.')).toBeVisible();

  // Feedback on the test round: its link on the board, the answers, a rating by arrows.
  await visit(p, board);
  await tabTo(p, p.getByRole('region', { name: 'Test en prototype' }).getByRole('link', { name: prototype }));
  await p.keyboard.press('Enter');
  await p.waitForURL(/\/rounds\//);
  await settle(p);
  await tabTo(p, p.getByLabel('Hva fungerte?'));
  await p.keyboard.type('Sofaene');
  await tabTo(p, p.getByLabel('1', { exact: true }));
  await p.keyboard.press('Space');
  for (let i = 0; i < 3; i++) await p.keyboard.press('ArrowRight');
  await expect(p.getByLabel('4', { exact: true })).toBeChecked();
  await tabTo(p, p.getByRole('button', { name: 'Send svaret' }));
  await p.keyboard.press('Enter');
  await expect(p.getByRole('status').filter({ hasText: 'Takk! Svaret ditt er lagret.' })).toBeVisible();
  await phone.done();
  await other.done();
});

test('a post made offline waits as pending and arrives exactly once', async ({ browser, page }) => {
  test.skip(!jsOn(), 'an offline outbox needs JavaScript; without it the browser keeps the form');
  // Offline, the browser logs each failed send; that is what the test is about.
  const phone = await newPhone(browser, true, /ERR_INTERNET_DISCONNECTED/);
  const p = phone.page;
  await joinDemo(p, 'Frakoblet');
  const board = new URL(p.url()).pathname;
  const text = `Skrevet uten nett ${Date.now()}`;

  await p.context().setOffline(true);
  await post(p, text);
  const pending = p.locator('.outbox .pending').filter({ hasText: text });
  await expect(pending).toBeVisible();
  await expect(pending).toContainText('Venter på nett');
  await expect(postForm(p).getByLabel('Tekst', { exact: true })).toHaveValue('');
  // Still offline: the retry every 10 s fails and the card keeps waiting.
  await p.waitForTimeout(11_000);
  await expect(pending).toBeVisible();

  await p.context().setOffline(false);
  await expect(pending).toHaveCount(0, { timeout: 20_000 });
  await expect(p.locator('.board-cards .board-card').filter({ hasText: text })).toHaveCount(1);
  await expect(p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('samskap.outbox')).length)).resolves.toBe(0);

  // Exactly one card on the server, whoever looks.
  await login(page, FACILITATOR);
  await visit(page, board);
  await expect(page.locator('.board-card').filter({ hasText: text })).toHaveCount(1);
  await visit(p, board);
  await expect(p.locator('.board-card').filter({ hasText: text })).toHaveCount(1);
  await phone.done();
});

test('a new card is announced to screen readers on the other phones', async ({ browser }) => {
  test.skip(!jsOn(), 'live updates need JavaScript; the nojs project covers plain forms');
  const [a, b] = [await newPhone(browser), await newPhone(browser)];
  await joinDemo(a.page, 'Lytter');
  await joinDemo(b.page, 'Skriver');
  const text = `Til skjermleseren (${Date.now()})`;
  await post(b.page, text);
  const announcer = a.page.locator('.board-cards [role="status"][aria-live="polite"]');
  await expect(announcer).toHaveText(`Nytt kort: Innsikt: ${text}`);
  // The author's own post is not announced back to them.
  await expect(b.page.locator('.board-cards [role="status"][aria-live="polite"]')).toHaveText('');
  await a.done();
  await b.done();
});

test('the facilitator sees who takes part, small counts as "<5"', async ({ page, browser }) => {
  await login(page, LEAD);
  await visit(page, '/programme/edit');
  await page.getByLabel('16–19').fill('40');
  await page.getByRole('button', { name: 'Lagre innstillingene' }).click();
  await settle(page);
  await expect(page.getByText('Innstillingene er lagret.')).toBeVisible();
  await expect(page.getByLabel('16–19')).toHaveValue('40');

  const phone = await newPhone(browser);
  await joinDemo(phone.page, 'Telles');
  const board = new URL(phone.page.url()).pathname;
  await visit(page, board);
  const panel = page.locator('section.diversity');
  await expect(panel.getByRole('heading', { name: 'Hvem er med i verkstedet' })).toBeVisible();
  const row = panel.locator('tr').filter({ has: page.getByRole('rowheader', { name: '16–19' }) });
  await expect(row.locator('td').first()).toHaveText(/^(<5|\d{2,}|[5-9])$/);
  await expect(panel).toContainText('Tall fra 1 til 4 vises som «<5»');
  await expect(panel.locator('td').filter({ hasText: /^[1-4]$/ })).toHaveCount(0);
  await expectAxeClean(page);
  if (jsOn()) {
    // The panel follows the board: a new card counts without a reload.
    await expect(page.locator('[data-live="open"]')).toBeVisible();
    const totals = panel.locator('.diversity-totals');
    const before = (await totals.textContent()) ?? '';
    await post(phone.page, `Telles med (${Date.now()})`);
    await expect(totals).not.toHaveText(before);
  }
  await visit(page, '/programme');
  await expect(page.getByRole('heading', { name: 'Hvem er med i programmet' })).toBeVisible();
  await phone.done();
});

test('the privacy page explains, and a participant deletes a card with its receipt', async ({ browser }) => {
  const phone = await newPhone(browser);
  const p = phone.page;
  await visit(p, '/join?code=' + DEMO_CODE);
  await p.getByRole('link', { name: /Les mer om hva vi lagrer/ }).click();
  await p.waitForURL(/\/privacy$/);
  await settle(p);
  await expect(p.getByRole('heading', { level: 1 })).toContainText('Personvern');
  await expect(p.locator('main')).toContainText('90 dager etter at verkstedet er avsluttet');

  await joinDemo(p, 'Sletter');
  const text = `Slett meg (${test.info().project.name})`;
  await post(p, text);
  await expect(card(p, text)).toBeVisible();
  const board = new URL(p.url()).pathname;
  await card(p, text).getByRole('link', { name: 'Følg kortet (kvittering)' }).click();
  await p.waitForURL(/\/receipt\/cards\//);
  await settle(p);
  const code = (await p.locator('.receipt-code strong').textContent()) ?? '';

  const laptop = await newPhone(browser);
  const l = laptop.page;
  await visit(l, '/receipt');
  await openReceipt(l, code);
  await l.locator('summary', { hasText: 'Slett kortet mitt' }).click();
  await l.getByLabel('Ja, slett kortet mitt').check();
  await l.getByRole('button', { name: 'Slett kortet' }).click();
  await settle(l);
  await expect(l.getByText('Kortet ditt er slettet.')).toBeVisible();
  await openReceipt(l, code);
  await expect(l.getByRole('alert')).toContainText('kvittering');
  await visit(p, board);
  await expect(card(p, text)).toHaveCount(0);
  await laptop.done();
  await phone.done();
});
