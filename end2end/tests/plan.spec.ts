import * as fs from 'fs';
import type { Page } from '@playwright/test';
import { CORE_TEAM, LEAD, expect, expectAxeClean, login, settle, test, visit } from './fixtures';
import { card, joinDemo, newPhone, post } from './phones';
import { unzipEntry } from './zip';

/** Clicks a download link and returns the file's bytes. */
async function download(page: Page, link: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  const path = await file.path();
  if (!path) throw new Error(`no file behind ${link}`);
  return fs.readFileSync(path);
}

async function logout(page: Page) {
  await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
  await page.waitForURL(/\/login/);
  await settle(page);
}

test('proceeded prototype → measure → prioritised → proposed → adopted → exported → new version with its changes', async ({
  page,
  allowConsoleError,
}) => {
  test.setTimeout(180_000);
  // The refused first try answers 422 (the browser logs that).
  allowConsoleError(/status of 422 .*\/api\/measures\/promote/);
  const title = `Leksekafé hver tirsdag (${test.info().project.name})`;

  // The core team promotes the demo's proceeded prototype.
  await login(page, CORE_TEAM);
  await visit(page, '/prototypes');
  await page.getByRole('link', { name: 'Leksekafé på biblioteket' }).first().click();
  await page.waitForURL(/\/prototypes\//);
  await settle(page);
  await page.getByRole('link', { name: 'Fremme som tiltak' }).click();
  await page.waitForURL(/\/measures\/new\?prototype=/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nytt tiltak');
  await expectAxeClean(page);
  const form = page.locator('form.measure-form');
  await form.getByLabel('Aktivitet (prosjekt)').fill(title);
  await form.getByLabel('Forventet resultat').fill('Flere fullfører ungdomsskolen');
  await form.getByLabel('Tilskudd fra områdesatsingen').fill('-5 000');
  await form.getByLabel('Ansvarlig (enhet eller organisasjon)').fill('Enhet for kultur');
  await form.getByRole('button', { name: 'Fremme som tiltak' }).click();
  await expect(page.getByRole('alert')).toContainText('Tilskudd fra områdesatsingen: Beløpet kan ikke være negativt.');

  // Fixed, it becomes a candidate measure with its evidence.
  const again = page.locator('form.measure-form');
  await again.getByLabel('Aktivitet (prosjekt)').fill(title);
  await again.getByLabel('Forventet resultat').fill('Flere fullfører ungdomsskolen');
  await again.getByLabel('Tilskudd fra områdesatsingen').fill('300 000');
  await again.getByLabel('Tilskudd fra kommunen').fill('100 000');
  await again.getByLabel('Innsatsområde').selectOption({ index: 2 });
  await again.getByLabel('Ansvarlig (enhet eller organisasjon)').fill('Enhet for kultur');
  await again.getByLabel('Hvilke samarbeidspartnere er involvert?').fill('Biblioteket, Frivilligsentralen');
  await again.getByRole('button', { name: 'Fremme som tiltak' }).click();
  await page.waitForURL(/\/measures\/[0-9a-f-]+$/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Kandidat', { exact: true })).toBeVisible();
  await expect(page.getByText(/deltakere bidro/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Leksekafé på biblioteket v2' })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole('button', { name: 'Sett til Prioritert' }).click();
  await settle(page);
  await expect(page.getByText('Prioritert', { exact: true })).toBeVisible();

  // The plan of the year: budget against the frame, then proposed.
  await visit(page, '/plans/2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Handlingsplan 2026');
  const budget = page.getByRole('table', { name: 'Budsjett 2026 etter finansieringskilde' });
  await expect(budget.getByRole('row', { name: /^Totalt 400/ })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole('button', { name: 'Foreslå planen' }).click();
  await settle(page);
  await expect(page.getByText('Foreslått', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registrer vedtak' })).toHaveCount(0);
  await logout(page);

  // The lead records the steering group's adoption; the version is frozen.
  await login(page, LEAD);
  await visit(page, '/plans/2026');
  await page.getByLabel('Vedtaksdato').fill('2026-12-10');
  await page.getByRole('button', { name: 'Registrer vedtak' }).click();
  await settle(page);
  await expect(page.getByRole('link', { name: 'Versjon 1' })).toBeVisible();
  await expect(page.getByText(/Styringsgruppen 10\.12\.2026/).first()).toBeVisible();

  // Exports: the DOCX is the activity plan, the CSV open data.
  const docx = await download(page, 'Word-dokument (DOCX)');
  const xml = unzipEntry(docx, 'word/document.xml');
  for (const text of ['Handlingsplan 2026', 'Aktivitet (prosjekt)', 'Tilskudd fra kommunen', title, '400 000 kr', 'Kunnskapsgrunnlag']) {
    expect(xml, `the DOCX says ${text}`).toContain(text);
  }
  const csv = (await download(page, 'CSV (åpne data)')).toString('utf8').split('\n');
  expect(csv[0].split(',').slice(0, 8)).toEqual(['year', 'version', 'number', 'focus_area', 'activity', 'what', 'expected_result', 'total_nok']);
  expect(csv[1]).toContain(title);
  expect(csv[1]).toContain(',400000,300000,100000,');
  const pdf = await download(page, 'PDF');
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // The public page shows the adopted version to anyone.
  await visit(page, '/public/plans/2026');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Handlingsplan 2026');
  await expect(page.getByText(title).first()).toBeVisible();
  await expectAxeClean(page);

  // A new version: the change is shown against version 1.
  await visit(page, '/plans/2026');
  await page.getByRole('button', { name: 'Start ny versjon' }).click();
  await settle(page);
  await expect(page.getByText(/Versjon 2/)).toBeVisible();
  await page.getByRole('link', { name: title }).first().click();
  await page.waitForURL(/\/measures\//);
  await settle(page);
  await page.locator('summary', { hasText: 'Rediger tiltaket' }).click();
  await page.locator('form.measure-form').getByLabel('Tilskudd fra kommunen').fill('150 000');
  await page.locator('form.measure-form').getByRole('button', { name: 'Lagre' }).click();
  await settle(page);
  await visit(page, '/plans/2026');
  const changes = page.getByRole('region', { name: 'Endringer siden versjon 1' });
  await expect(changes).toContainText(`Endret: 2.1 ${title}`);
  await expect(changes).toContainText('Kostnadsestimat og finansieringskilde');
  await expect(changes).toContainText(/400\s000 kr → 450\s000 kr/);

  // The audit trail has it all, filtered.
  await visit(page, '/audit?action=plan_');
  await expect(page.getByRole('table')).toContainText('registrerte vedtak av handlingsplanen');
  await expect(page.getByRole('table')).toContainText('startet en ny versjon av planen');
  await expectAxeClean(page);
});

test('a participant keeps a receipt for an idea, which the lead promotes; the code shows it, from any device', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const text = `Lekser er lettere sammen (${test.info().project.name})`;
  const title = `Leksehjelp i biblioteket (${test.info().project.name})`;

  // The lead lets the demo board take ideas.
  await login(page, LEAD);
  await visit(page, '/workshops');
  await page.getByRole('link', { name: 'Ungdommens sentrum' }).click();
  await page.waitForURL(/\/workshops\//);
  await settle(page);
  await page.getByRole('link', { name: /ungdom vil være/ }).click();
  await page.waitForURL(/\/boards\//);
  await settle(page);
  await page.getByLabel('Fase').selectOption('shape');
  await page.getByRole('button', { name: 'Bytt fase' }).click();
  await settle(page);

  // A phone posts an idea and keeps its receipt.
  const phone = await newPhone(browser);
  await joinDemo(phone.page, 'Mina');
  await post(phone.page, text);
  await expect(card(phone.page, text)).toBeVisible();
  await card(phone.page, text).getByRole('link', { name: 'Følg kortet (kvittering)' }).click();
  await phone.page.waitForURL(/\/receipt\/cards\//);
  await settle(phone.page);
  const cardId = new URL(phone.page.url()).pathname.split('/').pop() ?? '';
  const code = (await phone.page.locator('.receipt-code strong').textContent()) ?? '';
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expect(phone.page.getByText('Ingenting mer ennå', { exact: false })).toBeVisible();
  await expectAxeClean(phone.page);
  await phone.done();

  // The lead promotes the idea from its trace, with a justification.
  await visit(page, `/trace/cards/${cardId}`);
  await page.getByRole('link', { name: 'Fremme som tiltak' }).click();
  await page.waitForURL(/\/measures\/new\?idea=/);
  await settle(page);
  await page.getByLabel('Begrunnelse for å fremme idéen uten test').fill('Etterspurt på tre verksteder');
  const form = page.locator('form.measure-form');
  await form.getByLabel('Aktivitet (prosjekt)').fill(title);
  await form.getByLabel('Forventet resultat').fill('Flere gjør leksene');
  await form.getByLabel('Planår').selectOption('2027');
  await form.getByLabel('Fra dato').fill('2027-01-01');
  await form.getByLabel('Til dato').fill('2027-06-30');
  await form.getByLabel('Ansvarlig (enhet eller organisasjon)').fill('Biblioteket');
  await form.getByRole('button', { name: 'Fremme som tiltak' }).click();
  await page.waitForURL(/\/measures\/[0-9a-f-]+$/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // Another device, with only the code.
  const other = await newPhone(browser);
  await visit(other.page, '/receipt');
  await other.page.getByLabel('Kvitteringskode').fill('ZZZZ-ZZZZ');
  await other.page.getByRole('button', { name: 'Vis' }).click();
  await expect(other.page.getByRole('alert')).toContainText('Vi finner ingen kvittering');
  await other.page.getByLabel('Kvitteringskode').fill(code.toLowerCase());
  await other.page.getByRole('button', { name: 'Vis' }).click();
  await expect(other.page.getByText(text)).toBeVisible();
  const journey = other.page.getByRole('region', { name: 'Veien videre' });
  await expect(journey).toContainText(`Det ble tiltaket ${title} (Kandidat)`);
  await expect(journey).toContainText('Handlingsplan 2027: Utkast');
  await expect(journey).not.toContainText('Mina');
  await expectAxeClean(other.page);
  await other.done();
});
