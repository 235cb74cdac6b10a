import { CORE_TEAM, LEAD, VIEWER, expect, expectAxeClean, login, settle, test, visit } from './fixtures';

test('the lead creates a status report, writes under a section, freezes it and downloads the version', async ({
  page,
  allowConsoleError,
}) => {
  test.setTimeout(120_000);
  // The refused first try answers 422 (the browser logs that).
  allowConsoleError(/status of 422 .*\/api\/reports\/create/);
  const project = test.info().project.name;
  const own = `Natteravnene går hver helg. Sámi: čđŋšŧž (${project})`;

  await login(page, LEAD);
  await page.getByRole('link', { name: 'Rapporter', exact: true }).click();
  await page.waitForURL(/\/reports$/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rapporter');
  // The demo's annual report for 2025, frozen once.
  await expect(page.getByRole('row', { name: /Årsrapport 2025/ })).toContainText('01.01.2025–31.12.2025');
  await expectAxeClean(page);

  // A period that ends before it starts is refused; then the report is created.
  const form = page.getByRole('region', { name: 'Ny rapport' });
  await form.getByLabel('Rapport', { exact: true }).selectOption('status');
  await form.getByLabel('År').selectOption('2025');
  await form.getByLabel('Fra').fill('2025-06-30');
  await form.getByLabel('Til').fill('2025-03-01');
  await form.getByRole('button', { name: 'Opprett' }).click();
  await settle(page);
  await expect(page.getByRole('alert')).toHaveText('Perioden kan ikke slutte før den begynner.');
  const again = page.getByRole('region', { name: 'Ny rapport' });
  await again.getByLabel('Rapport', { exact: true }).selectOption('status');
  await again.getByLabel('År').selectOption('2025');
  await again.getByLabel('Fra').fill('2025-03-01');
  await again.getByLabel('Til').fill('2025-06-30');
  await again.getByRole('button', { name: 'Opprett' }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]+$/);
  await settle(page);
  const url = page.url();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statusrapport til styringsgruppen 2025');
  await expect(page.getByRole('heading', { level: 2, name: /01\.03\.2025–30\.06\.2025/ })).toBeVisible();
  const money = page.getByRole('region', { name: 'Bruk av midler' });
  const bySource = money.getByRole('table', { name: 'Planlagt og brukt etter finansieringskilde' });
  // 42 000 (14.03) and 38 500 (31.05) from the grant in the period.
  await expect(bySource.getByRole('row', { name: /Tilskudd fra områdesatsingen/ })).toContainText(/80\s500 kr/);
  await expect(money.getByRole('img')).toHaveAccessibleName(/Planlagt og brukt etter innsatsområde/);
  await expect(page.getByRole('region', { name: 'Hva har skjedd siden sist' })).toContainText('2 utgiftsposter');
  await expectAxeClean(page);

  // Own text under the summary, kept after a reload.
  const summary = page.getByRole('region', { name: 'Sammendrag' });
  await summary.getByLabel('Egen tekst til denne delen').fill(own);
  await summary.getByRole('button', { name: 'Lagre tekst' }).click();
  await settle(page);
  await visit(page, new URL(url).pathname);
  await expect(page.getByRole('region', { name: 'Sammendrag' }).getByLabel('Egen tekst til denne delen')).toHaveValue(own);

  // Frozen as version 1, listed with its downloads.
  await expect(page.getByRole('region', { name: 'Frosne versjoner' })).toContainText('Ikke frosset ennå.');
  await page.getByRole('button', { name: 'Frys som versjon 1' }).click();
  await settle(page);
  const versions = page.getByRole('region', { name: 'Frosne versjoner' });
  await expect(versions).toContainText(/Versjon 1, frosset .* av Demo Programleder/);
  await expect(page.getByRole('button', { name: 'Frys som versjon 2' })).toBeVisible();
  for (const [ext, type] of [
    ['PDF', 'application/pdf'],
    ['DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['CSV', 'text/csv'],
    ['JSON', 'application/json'],
  ]) {
    const href = await versions.getByRole('link', { name: ext, exact: true }).getAttribute('href');
    expect(href).toMatch(/\/reports\/[0-9a-f-]+\/versions\/1\/report\./);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain(type);
  }
  const json = await (await page.request.get(`${new URL(url).pathname}/versions/1/report.json`)).json();
  expect(json.sections[0].text).toBe(own);
  await expectAxeClean(page);
});

test('the core team makes the half-year and annual reports to the ministry with their sections', async ({ page }) => {
  await login(page, CORE_TEAM);
  for (const [kind, title, period] of [
    ['half_year', 'Halvårsrapport 2025', /01\.01\.2025–30\.06\.2025/],
    ['annual', 'Årsrapport 2025', /01\.01\.2025–31\.12\.2025/],
  ] as const) {
    await visit(page, '/reports');
    const form = page.getByRole('region', { name: 'Ny rapport' });
    await form.getByLabel('Rapport', { exact: true }).selectOption(kind);
    await form.getByLabel('År').selectOption('2025');
    await form.getByRole('button', { name: 'Opprett' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]+$/);
    await settle(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText(period).first()).toBeVisible();
    for (const section of [
      'Sammendrag',
      'Bruk av midler',
      'Aktiviteter og resultater per innsatsområde',
      'Måloppnåelse: indikatorer',
      'Medvirkning',
      'Strukturelle barrierer',
      'Læring',
      'Videreføring i ordinær drift',
    ]) {
      await expect(page.getByRole('region', { name: section, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('region', { name: 'Aktiviteter og resultater per innsatsområde' })).toContainText(
      'Natteravner i sentrum',
    );
    await page.getByRole('button', { name: 'Frys som versjon 1' }).click();
    await settle(page);
    await expect(page.getByRole('region', { name: 'Frosne versjoner' })).toContainText(/Versjon 1, frosset .* av Demo Kjerneteam/);
    await expectAxeClean(page);
  }
});

test('the steering group reads a report and its versions, and cannot edit or freeze it', async ({ page }) => {
  await login(page, VIEWER);
  await visit(page, '/reports');
  await expect(page.getByRole('region', { name: 'Ny rapport' })).toHaveCount(0);
  // The demo's, made by the lead (another test makes one too).
  await page.getByRole('row', { name: /Årsrapport 2025.*Demo Programleder/ }).getByRole('link').click();
  await page.waitForURL(/\/reports\/[0-9a-f-]+$/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Årsrapport 2025');
  await expect(page.getByRole('region', { name: 'Frosne versjoner' })).toContainText(/Versjon 1, frosset .* av Demo Programleder/);
  await expect(page.getByRole('region', { name: 'Læring' })).toContainText('Ungdommene vi testet med');
  await expect(page.getByRole('region', { name: 'Måloppnåelse: indikatorer' })).toContainText(
    'Andel unge som føler seg trygge i sentrum om kvelden',
  );
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Frys som versjon/ })).toHaveCount(0);
  await expectAxeClean(page);
});

test('after the year, the lead carries its unspent grant into the next plan', async ({ page }) => {
  await login(page, LEAD);
  await visit(page, '/plans/2025/follow-up');
  const carry = page.getByRole('region', { name: 'Ubrukt tilskudd 2025' });
  // 150 000 in the grant column, 131 700 spent from it.
  await expect(carry.getByRole('row', { name: /^Ubrukt/ })).toContainText(/18\s300 kr/);
  await expectAxeClean(page);
  await carry.getByRole('button', { name: /Før 18\s300 kr inn i handlingsplanen 2026/ }).click();
  await settle(page);
  await expect(page.getByRole('region', { name: 'Ubrukt tilskudd 2025' })).toContainText(
    /18\s300 kr er ført inn i handlingsplanen 2026 som overført fra året før, bekreftet av Demo Programleder/,
  );

  await visit(page, '/plans/2026');
  await expect(page.getByRole('row', { name: /Herav overført fra året før/ })).toContainText(/18\s300 kr/);
  await expectAxeClean(page);
});
