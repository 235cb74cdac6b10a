import type { Page } from '@playwright/test';
import {
  LEAD,
  VIEWER,
  expect,
  expectAxeClean,
  login,
  openLanguages,
  settle,
  test,
  visit,
} from './fixtures';

/** The items of the first list after the heading `name` (whatever wraps the two). */
function listAfter(page: Page, name: string) {
  return page
    .getByRole('heading', { name, exact: true })
    .locator('xpath=following::*[self::ul or self::ol][1]/li');
}

const BUDGET = /5\s000\s000\s*kr/; // \s matches U+00A0 and U+202F too

test('viewer sees the programme, read-only', async ({ page }) => {
  await login(page, VIEWER);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halden sentrum');
  await expect(page.locator('body')).toContainText('2024–2028');
  await expect(page.locator('body')).toContainText(BUDGET);

  // 4 on a fresh server; the lead's focus-area test may have added more by now.
  const areas = listAfter(page, 'Innsatsområder');
  expect(await areas.count()).toBeGreaterThanOrEqual(4);
  await expect(areas.filter({ hasText: 'Møteplasser' })).toHaveCount(1);
  await expect(areas.filter({ hasText: 'Forebygge kriminalitet' })).toHaveCount(1);

  const goals = listAfter(page, 'Mål for 2029');
  await expect(goals).toHaveCount(5);
  await expect(goals.filter({ hasText: 'Ungdom i fokus' })).toHaveCount(1);
  await expect(goals.filter({ hasText: 'Ressursmobilisering' })).toHaveCount(1);

  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await expect(nav.getByRole('link', { name: 'Programmet', exact: true })).toHaveAttribute(
    'href',
    /\/p\/halden-sentrum$/,
  );
  await expect(nav.getByRole('link', { name: 'Brukere', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Logg ut', exact: true })).toBeVisible();
  await openLanguages(page);
  await expect(page.getByRole('link', { name: 'English', exact: true })).toHaveAttribute(
    'href',
    /\/lang\/en/,
  );
  await expect(page.getByRole('link', { name: 'Norsk bokmål', exact: true })).toHaveAttribute(
    'href',
    /\/lang\/nb/,
  );

  // No edit controls for a viewer.
  await expect(page.getByRole('link', { name: 'Rediger programmet' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Legg til innsatsområde' })).toHaveCount(0);
  await expect(page.getByText('Nytt innsatsområde')).toHaveCount(0);

  await expectAxeClean(page);
});

test('lead gets validation errors for an empty or too long name, and nothing changes', async ({
  page,
  allowConsoleError,
}) => {
  // A refused save may answer 4xx (logged by Chromium for the fetch or the form post).
  allowConsoleError(/the server responded with a status of 4\d\d/);
  await login(page, LEAD);
  await visit(page, '/programme/edit');
  const original = await page.getByLabel('Navn', { exact: true }).inputValue();
  expect(original).toBe('Halden sentrum');

  const cases = [
    { name: '', message: 'Navnet kan ikke være tomt' },
    { name: '   ', message: 'Navnet kan ikke være tomt' },
    { name: 'x'.repeat(201), message: 'Navnet er for langt' },
  ];
  for (const c of cases) {
    await test.step(`name ${JSON.stringify(c.name.slice(0, 10))} (${c.name.length} chars)`, async () => {
      await visit(page, '/programme/edit');
      const name = page.getByLabel('Navn', { exact: true });
      // The server must validate whatever the browser lets through: drop client-side hints.
      await name.evaluate((el) => {
        el.removeAttribute('required');
        el.removeAttribute('maxlength');
        el.removeAttribute('pattern');
      });
      await name.fill(c.name);
      await page.getByRole('button', { name: 'Lagre', exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: c.message })).toBeVisible();
    });
  }
  await expectAxeClean(page);

  await visit(page, '/programme');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(original);
});

test('lead edits the programme name', async ({ page }) => {
  await login(page, LEAD);
  const edit = page.getByRole('link', { name: 'Rediger programmet', exact: true });
  await expect(edit).toHaveAttribute('href', /\/p\/halden-sentrum\/edit$/);
  await edit.click();
  await expect(page).toHaveURL((url) => url.pathname === '/p/halden-sentrum/edit');
  await settle(page);

  const name = page.getByLabel('Navn', { exact: true });
  await expect(name).toBeVisible();
  await expect(page.getByLabel('Område', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Fra år', { exact: true })).toHaveValue('2024');
  await expect(page.getByLabel('Til år', { exact: true })).toHaveValue('2028');
  await expect(page.getByLabel('Årlig budsjettramme (kr)', { exact: true })).toBeVisible();
  await expectAxeClean(page);

  const original = await name.inputValue();
  const renamed = `Halden sentrum E2E ${Date.now()}`;
  await name.fill(renamed);
  await page.getByRole('button', { name: 'Lagre', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/p/halden-sentrum');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(renamed);

  // Put the original name back: the other tests read it.
  await visit(page, '/programme/edit');
  await page.getByLabel('Navn', { exact: true }).fill(original);
  await page.getByRole('button', { name: 'Lagre', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/p/halden-sentrum');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(original);
});

test('lead adds a focus area', async ({ page }) => {
  await login(page, LEAD);
  await expect(
    page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Brukere', exact: true }),
  ).toHaveAttribute('href', /\/accounts$/);
  await expectAxeClean(page);

  const areas = listAfter(page, 'Innsatsområder');
  const before = await areas.count();
  expect(before).toBeGreaterThanOrEqual(4);

  // A form named "Nytt innsatsområde", or holding that text, or right after such a heading.
  const form = page
    .getByRole('form', { name: 'Nytt innsatsområde' })
    .or(page.locator('form').filter({ hasText: 'Nytt innsatsområde' }))
    .or(page.getByRole('heading', { name: 'Nytt innsatsområde' }).locator('xpath=following::form[1]'));
  const title = `Testområde ${Date.now()}`;
  await form.getByLabel('Navn', { exact: true }).fill(title);
  await form.getByRole('button', { name: 'Legg til innsatsområde', exact: true }).click();

  await expect(areas.filter({ hasText: title })).toHaveCount(1);
  await expect(areas).toHaveCount(before + 1);
  await expect(page).toHaveURL((url) => url.pathname === '/p/halden-sentrum');
});
