import { FACILITATOR, LEAD, expect, expectAxeClean, login, settle, test, visit } from './fixtures';

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
  await section.locator('summary', { hasText: 'Registrer forbruk' }).click();
  await section.getByLabel('Beløp (hele kroner)').fill('-5');
  await section.getByLabel('Dato').first().fill('2025-12-30');
  await section.getByLabel('Merknad').fill(note);
  await section.getByRole('button', { name: 'Registrer forbruk' }).click();
  await settle(page);
  await expect(page.getByRole('alert')).toHaveText('Beløp (hele kroner): Beløpet kan ikke være negativt.');
  await expect(page.getByText(note)).toHaveCount(0);

  const again = page.getByRole('region', { name: 'Oppfølging' });
  await again.getByLabel('Dato').first().fill('2025-12-30');
  await again.getByLabel('Finansieringskilde').selectOption('municipality');
  await again.getByLabel('Beløp (hele kroner)').fill('1 234');
  await again.getByLabel('Merknad').fill(note);
  await again.getByRole('button', { name: 'Registrer forbruk' }).click();
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
