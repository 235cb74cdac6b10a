import { LEAD, expect, expectAxeClean, login, settle, test, visit } from './fixtures';

test('anyone searches the public library by word and filter, and finds the open feed', async ({ page }) => {
  await visit(page, '/public/library');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Læringsbiblioteket');
  // The demo shares Halden's two decided prototypes.
  await expect(page.getByRole('article', { name: 'Nattvandrere ved terminalen' })).toBeVisible();
  await expect(page.getByRole('article', { name: /Leksekafé/ })).toBeVisible();
  await expectAxeClean(page);
  // Sarpsborg shares too: its ten testers by age band and role, each group of five named.
  const stage = page.getByRole('article', { name: 'Pop-up scene på Torget' });
  await expect(stage).toContainText('Sarpsborg sentrum');
  await stage.getByText('Hva som ble testet og lært').click();
  await expect(stage).toContainText('16–19: 5 · 20–34: 5');
  await expect(stage).toContainText('Bor i området: 5 · Ungdom: 5');

  const search = page.getByRole('search');
  await search.getByLabel('Søkeord').fill('nattvandrer');
  await search.getByRole('button', { name: 'Søk' }).click();
  await page.waitForURL(/text=nattvandrer/);
  await settle(page);
  await expect(page.getByRole('status')).toHaveText('Oppføringer funnet: 1');
  const entry = page.getByRole('article', { name: 'Nattvandrere ved terminalen' });
  await expect(entry).toContainText('Lagt bort');
  await entry.getByText('Hva som ble testet og lært').click();
  await expect(entry).toContainText('Bedre lys og et åpent sted');
  // Two testers: too few to count out on a public page.
  await expect(entry.locator('dd').filter({ hasText: '<5' }).first()).toBeVisible();
  await expectAxeClean(page);

  // A filter that excludes it.
  await page.getByRole('search').getByLabel('Utfall').selectOption('proceeded');
  await page.getByRole('search').getByRole('button', { name: 'Søk' }).click();
  await page.waitForURL(/outcome=proceeded/);
  await settle(page);
  await expect(page.getByRole('status')).toHaveText('Ingen oppføringer passer søket.');

  // The open data, with its licence.
  await expect(page.getByRole('link', { name: 'NLOD-2.0' })).toBeVisible();
  const feed = await page.request.get('/public/library/feed.json');
  expect(feed.ok()).toBe(true);
  const json = await feed.json();
  expect(json.schema).toBe('samskap-library/1');
  expect(json.entries.map((e: { title: string }) => e.title)).toContain('Nattvandrere ved terminalen');
});

test('the lead writes up a finished measure, shares it, and the public library shows it', async ({
  page,
  allowConsoleError,
}) => {
  // The refused first try answers 422, which Chromium logs.
  allowConsoleError(/status of 422 .*\/api\/library\/save/);
  const summary = `Natteravnene ble en fast ordning (${test.info().project.name} ${Date.now()})`;
  await login(page, LEAD);
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Bibliotek', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/p/halden-sentrum/library');
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vårt læringsbibliotek');
  await expectAxeClean(page);
  // The demo's finished measure is written up but not shared.
  await page.getByRole('link', { name: 'Skriv om Natteravner i sentrum' }).click();
  await page.waitForURL(/\/measures\/[0-9a-f-]+$/);
  await settle(page);
  const section = page.getByRole('region', { name: 'Læringsbiblioteket' });
  await expect(section).toContainText('Skrevet opp, men ikke delt.');

  // Sharing needs a summary.
  await section.getByLabel('Del i læringsbiblioteket').check();
  await section.getByRole('button', { name: 'Lagre i biblioteket' }).click();
  await settle(page);
  await expect(page.getByRole('alert')).toContainText('Sammendrag');

  const again = page.getByRole('region', { name: 'Læringsbiblioteket' });
  await again.getByLabel('Sammendrag').fill(summary);
  await again.getByLabel('Del i læringsbiblioteket').check();
  await again.getByRole('button', { name: 'Lagre i biblioteket' }).click();
  await settle(page);
  await expect(page.getByRole('region', { name: 'Læringsbiblioteket' })).toContainText('Delt i læringsbiblioteket.');
  await expectAxeClean(page);

  // Everyone can read it now, found by a word of the summary.
  await visit(page, '/public/library?text=fast+ordning');
  const entry = page.getByRole('article', { name: 'Natteravner i sentrum' });
  await expect(entry).toContainText(summary);
  await expect(entry).toContainText('Gjennomført');
});

test('staff search the entries of another municipality beside their own, with where they came from', async ({ page }) => {
  await login(page, LEAD);
  // The demo subscribes Halden to a feed it serves itself, as another municipality's.
  await visit(page, '/p/halden-sentrum/library');
  const feeds = page.getByRole('region', { name: 'Biblioteker andre steder' });
  await expect(feeds).toContainText('/demo/feed.json');
  await expect(feeds).toContainText('3 oppføringer');
  await expectAxeClean(page);

  await visit(page, '/library?text=benker');
  const elsewhere = page.getByRole('article', { name: 'Ungdomsbenker med lys og lading' });
  await expect(elsewhere).toContainText('Fjell, Drammen (demo)');
  await expect(elsewhere).toContainText('Fra 127.0.0.1');
  await expectAxeClean(page);
  // Not republished to the public.
  await visit(page, '/public/library?text=benker');
  await expect(page.getByRole('article', { name: 'Ungdomsbenker med lys og lading' })).toHaveCount(0);
});
