import {
  CORE_TEAM,
  DEMO_PASSWORD,
  LEAD,
  expect,
  expectAxeClean,
  login,
  settle,
  test,
  visit,
} from './fixtures';

test('a member of two programmes picks one, and the URL and the pages follow', async ({
  page,
  allowConsoleError,
}) => {
  allowConsoleError(/status of 404/);
  // The demo's core team member also facilitates in Sarpsborg sentrum.
  await login(page, CORE_TEAM);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halden sentrum');
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  const picker = nav.locator('details.programmes-menu');
  await expect(picker.locator('summary')).toContainText('Halden sentrum');

  await picker.locator('summary').click();
  await expect(picker.getByRole('link', { name: 'Halden sentrum', exact: true })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expectAxeClean(page);
  await picker.getByRole('link', { name: 'Sarpsborg sentrum', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/p/sarpsborg-sentrum');
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sarpsborg sentrum');
  await expect(page.locator('body')).toContainText('2025–2029');
  await expect(nav.locator('details.programmes-menu summary')).toContainText('Sarpsborg sentrum');
  // A facilitator there: no editing of the programme.
  await expect(page.getByRole('link', { name: 'Rediger programmet' })).toHaveCount(0);

  // The navigation now leads into Sarpsborg, whose workshops are not Halden's.
  await nav.getByRole('link', { name: 'Verksteder', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/p/sarpsborg-sentrum/workshops');
  await settle(page);
  await expect(page.locator('main')).toContainText('Ungdomskveld på Torget');
  await expect(page.locator('main')).not.toContainText('Kafétest i Tollbugata');
  // The new-workshop form offers Sarpsborg's focus areas, not Halden's.
  await expect(page.locator('main')).toContainText('Møteplasser og aktivitet');
  await expect(page.locator('main')).not.toContainText('Forebygge kriminalitet');
  await expectAxeClean(page);

  // An old link without a programme opens the one last worked in.
  await visit(page, '/plans');
  await expect(page).toHaveURL((url) => url.pathname === '/p/sarpsborg-sentrum/plans');

  // A programme one is not in does not exist, as far as one can tell.
  const response = await visit(page, '/p/finnes-ikke');
  expect(response?.status()).toBe(404);
});

test('an operator sees every programme and adds one', async ({ page, allowConsoleError }) => {
  // The refused web address is answered 422, which Chromium logs.
  allowConsoleError(/status of 422 .*\/api\/programmes\/create/);
  // The demo's lead also runs the installation.
  await login(page, LEAD);
  await visit(page, '/programmes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programmer');
  const all = page.getByRole('region', { name: 'Alle programmer i denne installasjonen' });
  await expect(all).toContainText('Halden sentrum');
  await expect(all).toContainText('/p/sarpsborg-sentrum');
  await expectAxeClean(page);

  const name = `Fredrikstad ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Legg til et program' });
  const fill = async (address: string) => {
    await form.getByLabel('Navn', { exact: true }).fill(name);
    await form.getByLabel('Område', { exact: true }).fill('Fredrikstad kommune');
    await form.getByLabel('Fra år', { exact: true }).fill('2026');
    await form.getByLabel('Til år', { exact: true }).fill('2030');
    await form.getByLabel('Årlig budsjettramme (kr)', { exact: true }).fill('2 000 000');
    await form.getByLabel('Nettadresse', { exact: true }).fill(address);
  };
  await fill('Fredrikstad!');
  await form.getByRole('button', { name: 'Opprett programmet', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'små bokstaver a–z' })).toBeVisible();

  await fill('');
  await form.getByRole('button', { name: 'Opprett programmet', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Programmet er opprettet' })).toBeVisible();
  const slug = name.toLowerCase().replace(' ', '-');
  await expect(page.getByRole('region', { name: 'Alle programmer i denne installasjonen' })).toContainText(
    `/p/${slug}`,
  );
  // Its lead (the operator, as the lead field was left empty) finds it among theirs.
  await visit(page, `/p/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
});

test("the network's evaluator compares the programmes and reads each", async ({ page }) => {
  await login(page, 'evaluator@ostfold.demo', DEMO_PASSWORD);
  await visit(page, '/evaluation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programmene sammenlignet');
  const table = page.getByRole('table', { name: 'Tall per program' });
  await expect(table.getByRole('columnheader', { name: 'Halden sentrum' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Sarpsborg sentrum' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Periode/ })).toContainText('2024–2028');
  await expect(table.getByRole('row', { name: /Periode/ })).toContainText('2025–2029');
  await expectAxeClean(page);
  // Each programme opens from its column, read-only.
  await table.getByRole('link', { name: 'Sarpsborg sentrum', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/p/sarpsborg-sentrum');
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sarpsborg sentrum');
  await expect(page.getByRole('link', { name: 'Rediger programmet' })).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Brukere' }),
  ).toHaveCount(0);
});
