import { FACILITATOR, LEAD, VIEWER, expect, expectAxeClean, login, settle, test, visit } from './fixtures';

test('the responsible records spending and progress on a measure of the adopted plan; the year page sums it', async ({
  page,
  allowConsoleError,
}) => {
  test.setTimeout(120_000);
  // The refused first try answers 422 (the browser logs that).
  allowConsoleError(/status of 422 .*\/api\/measures\/spending\/add/);
  const project = test.info().project.name;
  const note = `Kaffe til vandrerne (${project})`;

  // The year's overview: the demo's 2025 measure, followed up by the demo facilitator.
  await login(page, FACILITATOR);
  await visit(page, '/plans/2025/follow-up');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oppfølging 2025');
  const row = page.getByRole('row', { name: /Natteravner i sentrum/ });
  await expect(row).toContainText('Demo Fasilitator');
  await expect(row).toContainText('20.12.2025');
  await expect(page.getByRole('table', { name: 'Per finansieringskilde' })).toContainText('Tilskudd fra områdesatsingen');
  await expectAxeClean(page);

  // On the measure: its spending against the plan and its notes; a wrong amount refused.
  await row.getByRole('link', { name: 'Natteravner i sentrum' }).click();
  await page.waitForURL(/\/measures\/[0-9a-f-]+$/);
  await settle(page);
  const section = page.getByRole('region', { name: 'Oppfølging' });
  await expect(section).toContainText('Oppfølgingsansvarlig: Demo Fasilitator');
  await expect(section.getByRole('combobox', { name: 'Oppfølgingsansvarlig' })).toHaveCount(0);
  await expect(section.getByRole('table', { name: 'Registrert forbruk' })).toContainText('Vester, lykter og opplæring');
  await expect(section).toContainText('Foreslås videreført i ordinær drift');
  const spending = () => page.getByRole('region', { name: 'Forbruk', exact: true });
  await spending().locator('summary', { hasText: 'Registrer forbruk' }).click();
  await spending().getByLabel('Beløp (hele kroner)').fill('-5');
  await spending().getByLabel('Dato').fill('2025-12-30');
  await spending().getByLabel('Merknad').fill(note);
  await spending().getByRole('button', { name: 'Registrer forbruk' }).click();
  await settle(page);
  await expect(page.getByRole('alert')).toHaveText('Beløp (hele kroner): Beløpet kan ikke være negativt.');
  await expect(page.getByText(note)).toHaveCount(0);

  await spending().getByLabel('Dato').fill('2025-12-30');
  await spending().getByLabel('Finansieringskilde').selectOption('municipality');
  await spending().getByLabel('Beløp (hele kroner)').fill('1 234');
  await spending().getByLabel('Merknad').fill(note);
  await spending().getByRole('button', { name: 'Registrer forbruk' }).click();
  await settle(page);
  const entry = page.getByRole('row', { name: new RegExp(note.replace(/[()]/g, '\\$&')) });
  await expect(entry).toContainText('30.12.2025');
  await expect(entry).toContainText(/1\s234 kr/);
  await expect(entry).toContainText('Tilskudd fra kommunen');
  await expect(entry).toContainText('Demo Fasilitator');

  const done = `Siste vandring før jul (${project})`;
  await page.locator('summary', { hasText: 'Skriv framdriftsnotat' }).click();
  await page.getByLabel('Hva er gjort').fill(done);
  await page.getByLabel('Neste steg').fill('Overlevering til Frivilligsentralen');
  await page.getByRole('button', { name: 'Skriv framdriftsnotat' }).click();
  await settle(page);
  await expect(page.getByText(done)).toBeVisible();
  await expectAxeClean(page);

  // A correction: the entry removed, and the trail says so.
  await entry.getByRole('button', { name: 'Fjern' }).click();
  await settle(page);
  await expect(page.getByText(note)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Historikk' })).toContainText('fjernet en forbrukspost');
});

test('the lead picks who follows a measure up, from active staff who are not viewers', async ({ page }) => {
  await login(page, LEAD);
  await visit(page, '/plans/2025/follow-up');
  await page.getByRole('link', { name: 'Natteravner i sentrum' }).click();
  await page.waitForURL(/\/measures\/[0-9a-f-]+$/);
  await settle(page);
  const section = page.getByRole('region', { name: 'Oppfølging' });
  const picker = section.getByRole('combobox', { name: 'Oppfølgingsansvarlig' });
  await expect(picker.locator('option', { hasText: 'Demo Styringsgruppe' })).toHaveCount(0);
  await expectAxeClean(page);
  for (const name of ['Demo Kjerneteam', 'Demo Fasilitator']) {
    await picker.selectOption({ label: name });
    await section.getByRole('button', { name: 'Lagre oppfølgingsansvarlig' }).click();
    await settle(page);
    await expect(page.getByRole('region', { name: 'Oppfølging' })).toContainText(`Oppfølgingsansvarlig: ${name}`);
  }
});

test('the goals are followed by indicators, with readings drawn against baseline and target', async ({ page, allowConsoleError }) => {
  allowConsoleError(/status of 422 .*\/api\/indicators\/reading/);
  const project = test.info().project.name;
  await login(page, LEAD);
  await visit(page, '/programme');
  await page.getByRole('link', { name: 'Mål og indikatorer' }).click();
  await page.waitForURL(/\/p\/halden-sentrum\/indicators$/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mål og indikatorer');
  const indicator = page.getByRole('article', { name: 'Andel unge som føler seg trygge i sentrum om kvelden' });
  await expect(indicator.getByRole('img')).toHaveAccessibleName(
    /utgangspunkt 58 % \(01\.03\.2024\), mål 75 % \(31\.12\.2028\), siste måling 64 % \(15\.11\.2025\)/i,
  );
  await expect(indicator.getByRole('link', { name: 'kilde' })).toHaveAttribute('href', 'https://www.ungdata.no/');
  await expectAxeClean(page);

  // A link that is not a web address or a page in Samskap is refused, then a reading recorded.
  await indicator.locator('summary', { hasText: 'Registrer måling' }).click();
  await indicator.getByLabel('Verdi').fill('66,5');
  await indicator.getByLabel('Kilde', { exact: true }).selectOption('survey');
  await indicator.getByLabel(/Lenke til kilden/).fill('javascript:alert(1)');
  await indicator.getByLabel('Merknad').fill(`Skoleundersøkelse (${project})`);
  await indicator.getByRole('button', { name: 'Registrer måling' }).click();
  await settle(page);
  await expect(page.getByRole('alert')).toContainText('Lenken må begynne med https://');
  const again = page.getByRole('article', { name: 'Andel unge som føler seg trygge i sentrum om kvelden' });
  await again.getByLabel('Verdi').fill('66,5');
  await again.getByLabel(/Lenke til kilden/).fill('/workshops');
  await again.getByLabel('Merknad').fill(`Skoleundersøkelse (${project})`);
  await again.getByRole('button', { name: 'Registrer måling' }).click();
  await settle(page);
  const after = page.getByRole('article', { name: 'Andel unge som føler seg trygge i sentrum om kvelden' });
  await expect(after.getByRole('row', { name: new RegExp(`Skoleundersøkelse \\(${project}\\)`) })).toContainText('66,5 %');
  await expect(after.getByRole('img')).toHaveAccessibleName(/siste måling 66,5 %/i);
  await expectAxeClean(page);
});

test('the steering group reads the dashboard: the year followed up, what needs attention, the goals', async ({ page }) => {
  await login(page, VIEWER);
  await page.getByRole('link', { name: 'Oversikt', exact: true }).click();
  await page.waitForURL(/\/dashboard$/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oversikt');
  const money = page.getByRole('region', { name: 'Oppfølging 2025' });
  await expect(money).toContainText(/Brukt 180\s700 kr/);
  await expect(money.getByRole('img')).toHaveAccessibleName(/Per innsatsområde\. .*: Planlagt 225\s000 kr, Brukt 180\s700 kr/);
  await expect(page.getByRole('region', { name: 'Trenger oppmerksomhet' })).toContainText('Ingen tiltak trenger oppmerksomhet nå.');
  await expect(page.getByRole('region', { name: 'Mål og indikatorer' }).getByRole('img').first()).toHaveAccessibleName(
    /^Andel unge som føler seg trygge i sentrum om kvelden: /,
  );
  await expect(page.getByRole('region', { name: 'Hvem som har deltatt' }).getByRole('img')).toHaveAccessibleName(
    /^Deltakelse over tid\. .*Ungdommens sentrum: \d+ deltakere/,
  );
  await expectAxeClean(page);
});
