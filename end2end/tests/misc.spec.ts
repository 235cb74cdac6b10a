import {
  CORE_TEAM,
  expect,
  FACILITATOR,
  expectAxeClean,
  login,
  openLanguages,
  settle,
  test,
  visit,
} from './fixtures';
import { card, joinDemo, jsOn, newPhone, post } from './phones';

test('/healthz answers 200', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
});

test('an unknown path shows "Fant ikke siden" with status 404', async ({
  page,
  allowConsoleError,
}) => {
  allowConsoleError(/status of 404 .*\/finnes-ikke/);
  const response = await visit(page, '/finnes-ikke');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fant ikke siden');
  await expectAxeClean(page);
});

test('the language switches to English and back', async ({ page }) => {
  await login(page, CORE_TEAM);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', /^nb/);

  await openLanguages(page);
  await expectAxeClean(page);
  await page.getByRole('link', { name: 'English', exact: true }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await settle(page);
  await expect(page.getByRole('link', { name: 'Programme', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Programmet', exact: true })).toHaveCount(0);
  await expectAxeClean(page);

  // The choice sticks for the next page load.
  await visit(page, '/programme');
  await expect(html).toHaveAttribute('lang', 'en');

  await openLanguages(page);
  await page.getByRole('link', { name: 'Norsk bokmål', exact: true }).click();
  await expect(html).toHaveAttribute('lang', /^nb/);
  await settle(page);
  await expect(page.getByRole('link', { name: 'Programmet', exact: true })).toBeVisible();
});

test('the bundle has hashed names and is kept a year; the page is revalidated', async ({
  page,
  request,
}) => {
  const response = await visit(page, '/join');
  expect(response?.headers()['cache-control']).toBe('private, no-cache');
  const files = [
    await page.locator('link[rel="modulepreload"]').getAttribute('href'),
    await page.locator('link[rel="preload"][as="fetch"]').getAttribute('href'),
    await page.locator('link[rel="stylesheet"]').first().getAttribute('href'),
  ];
  // No one is signed in: the participant's bundle, with the one stylesheet.
  expect(files[0]).toMatch(/^\/pkg\/participant\.[\w-]+\.js$/);
  expect(files[1]).toMatch(/^\/pkg\/participant\.[\w-]+\.wasm$/);
  expect(files[2]).toMatch(/^\/pkg\/samskap\.[\w-]+\.css$/);
  for (const file of files) {
    const bundle = await request.get(file!);
    expect(bundle.status()).toBe(200);
    expect(bundle.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
});

test('a phone runs the board on the participant\'s bundle, staff on the full one', async ({
  page,
  browser,
}) => {
  const phone = await newPhone(browser);
  const fetched: string[] = [];
  phone.page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pkg/')) fetched.push(path);
  });
  await joinDemo(phone.page, 'Pia');
  const wasmOf = (p: typeof page) => p.locator('link[rel="preload"][as="fetch"]').getAttribute('href');
  expect(await wasmOf(phone.page)).toMatch(/^\/pkg\/participant\.[\w-]+\.wasm$/);
  if (jsOn()) {
    // Live, posting and voting on it, and never a byte of the staff's bundle.
    await expect(phone.page.locator('[data-live="open"]')).toBeVisible();
    await post(phone.page, 'Pias bundle: bokbuss på torget');
    await expect(card(phone.page, 'Pias bundle: bokbuss')).toContainText('(ditt)');
    expect(fetched.filter((p) => /^\/pkg\/samskap\.[\w-]+\.(js|wasm)$/.test(p))).toEqual([]);
    expect(fetched.some((p) => /^\/pkg\/participant\.[\w-]+\.wasm$/.test(p))).toBe(true);
  }
  const board = new URL(phone.page.url()).pathname;
  await login(page, FACILITATOR);
  await visit(page, board);
  expect(await wasmOf(page)).toMatch(/^\/pkg\/samskap\.[\w-]+\.wasm$/);
  if (jsOn()) {
    // The staff's bundle hydrated the board (only the island sets data-live), its tools
    // run: a card from the phone arrives, and the board closes.
    await expect(page.locator('[data-live="open"]')).toBeVisible();
    await post(phone.page, 'Pias bundle: gatekunst i smuget');
    await expect(card(page, 'Pias bundle: gatekunst')).toBeVisible();
    await page.getByRole('button', { name: 'Steng for nye kort' }).click();
    await expect(phone.page.getByText('Tavla er stengt for nye kort akkurat nå.')).toBeVisible();
    await page.getByRole('button', { name: 'Åpne for nye kort' }).click();
    await expect(phone.page.getByRole('button', { name: 'Legg på tavla' })).toBeVisible();
  }
  await phone.done();
});

test('the front page introduces Samskap and leads staff to the login', async ({ page }) => {
  const response = await visit(page, '/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samskap');
  await expectAxeClean(page);
  await page.getByRole('link', { name: 'Logg inn som ansatt' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/login');
});

test('a page asked for before login is shown after it', async ({ page }) => {
  await visit(page, '/account');
  await expect(page).toHaveURL((url) => url.pathname === '/login');
  await page.getByLabel('E-post', { exact: true }).fill(CORE_TEAM);
  await page.getByLabel('Passord', { exact: true }).fill('demo-passord-123');
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min konto');
});

test('Escape closes the language menu and gives the focus back to it', async ({ page }) => {
  test.skip(!jsOn(), 'without JavaScript the menu is the browser’s own <details>');
  await visit(page, '/join');
  const menu = page.locator('.languages-menu');
  await menu.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('open', '');
  await page.keyboard.press('Tab');
  await expect(menu.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open', '');
  await expect(menu.locator('summary')).toBeFocused();
});
