import type { Page } from '@playwright/test';
import { CORE_TEAM, expect, expectAxeClean, login, settle, test, visit } from './fixtures';
import { card, joinWorkshop, jsOn, newPhone, openCardTools, post } from './phones';
import { GPS_LATITUDE_BYTES, withGps } from './photos';

/** Reloads a staff page without JavaScript; a hydrated page updates by itself. */
async function freshen(page: Page) {
  if (!jsOn()) await visit(page, page.url());
}

/** A phone on its board opens the open test round of `prototype` and gives feedback. */
async function giveFeedback(page: Page, boardUrl: string, prototype: string, rating: string, worked: string) {
  await visit(page, boardUrl);
  const rounds = page.getByRole('region', { name: 'Test en prototype' });
  await rounds.getByRole('link', { name: prototype }).click();
  await page.waitForURL(/\/rounds\//);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(prototype);
  await page.getByLabel('Hva fungerte?').fill(worked);
  await page.getByLabel('Hva fungerte ikke?').fill('Det stengte klokka 18');
  await page.getByLabel('Har du et forslag?').fill('Åpent til klokka 21');
  await page.getByLabel(rating, { exact: true }).check();
  await page.getByRole('button', { name: 'Send svaret' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Takk! Svaret ditt er lagret.' })).toBeVisible();
}

/** Starts a test round of the prototype whose page is open, in the workshop `workshop`. */
async function startRound(page: Page, workshop: string, place: string) {
  await page.locator('summary', { hasText: 'Start en testrunde' }).click();
  await page.getByLabel('Verksted', { exact: true }).selectOption({ label: workshop });
  await page.getByLabel('Hvor', { exact: true }).fill(place);
  await page.getByLabel('Hvem tester', { exact: true }).fill('Ungdom 13–19 år');
  await page.getByLabel('Når', { exact: true }).fill('2026-12-03T16:00');
  await page.getByRole('button', { name: 'Start testrunden' }).click();
  await settle(page);
  await expect(page.getByRole('link', { name: `${place} · 03.12.2026 16:00` })).toBeVisible();
}

test('insight → idea → prototype with a photo → tested from two phones → iterate → v2 → proceed, traced', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const mode = test.info().project.name;
  const workshop = `Kafétest ${mode}`;
  const prompt = `Hvordan kan vi gi ungdom et sted å være (${mode})?`;
  const insight = `Etter skolen er det ingen steder å være (${mode})`;
  const idea = `Gratis ungdomskafé i sentrum (${mode})`;

  // The core team sets up a live workshop with an open board.
  await login(page, CORE_TEAM);
  await visit(page, '/workshops');
  await page.getByLabel('Tittel').fill(workshop);
  await page.getByLabel('Sted', { exact: true }).fill('Tollbugata 3');
  await page.getByLabel('Tid', { exact: true }).fill('2026-12-03T16:00');
  await page.getByRole('button', { name: 'Opprett verksted' }).click();
  await settle(page);
  await page.getByRole('link', { name: workshop }).click();
  await page.waitForURL(/\/workshops\/[0-9a-f-]+$/);
  await settle(page);
  await page.getByRole('button', { name: 'Start verkstedet' }).click();
  await settle(page);
  const code = (await page.locator('.join-code').innerText()).replace(/\s/g, '');
  await page.getByLabel('Spørsmål').fill(prompt);
  await page.getByLabel('Fase').selectOption('explore');
  await page.getByRole('button', { name: 'Legg til tavle' }).click();
  await settle(page);
  await page.getByRole('link', { name: prompt }).click();
  await page.waitForURL(/\/boards\/[0-9a-f-]+$/);
  await settle(page);
  const boardUrl = page.url();
  await page.getByRole('button', { name: 'Åpne for nye kort' }).click();
  await settle(page);

  // Two phones join; one posts an insight, then, in the shape phase, an idea.
  const [a, b] = [await newPhone(browser), await newPhone(browser)];
  await joinWorkshop(a.page, code, 'Ada', prompt);
  await joinWorkshop(b.page, code, 'Bo', prompt);
  await post(a.page, insight);
  await expect(card(a.page, insight)).toBeVisible();
  await page.getByLabel('Fase').selectOption('shape');
  await page.getByRole('button', { name: 'Bytt fase' }).click();
  await settle(page);
  await visit(a.page, boardUrl);
  await post(a.page, idea);
  await expect(card(a.page, idea)).toBeVisible();

  // The core team makes a prototype from the idea card.
  await freshen(page);
  const ideaCard = await openCardTools(page, idea);
  await ideaCard.locator('summary', { hasText: 'Lag prototype' }).click();
  await ideaCard.getByLabel('Tittel').fill('Ungdomskafé');
  await ideaCard.getByLabel('Hva er det?').fill('Et gratis rom med sofaer og wifi i første etasje i Tollbugata 3');
  await ideaCard.getByLabel('Hva skal den teste?').fill('Ungdom kommer hvis stedet er gratis og nært');
  await ideaCard.locator('form').getByRole('button', { name: 'Lag prototype' }).click();
  await page.waitForURL(/\/prototypes\/[0-9a-f-]+$/);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ungdomskafé v1');
  await expect(page.getByRole('region', { name: 'Bygger på' })).toContainText(idea);

  // It links the insight the idea builds on.
  await page.getByLabel('Koble til en innsikt').selectOption({ label: insight });
  await page.getByRole('button', { name: 'Koble til', exact: true }).click();
  await settle(page);
  await expect(page.locator('.insights')).toContainText(insight);

  // A phone photo of the paper prototype, with GPS in its EXIF; the stored one has none.
  const camera = withGps(await page.locator('h1').screenshot({ type: 'jpeg', quality: 90 }));
  expect(camera.includes(Buffer.from('Exif\0\0', 'latin1')) && camera.includes(GPS_LATITUDE_BYTES)).toBe(true);
  await page.getByLabel('Legg til bilde').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: camera });
  await page.getByRole('button', { name: 'Last opp' }).click();
  await settle(page);
  const photo = page.getByRole('img', { name: 'Bilde av prototypen' });
  await expect(photo).toBeVisible();
  const href = await page.locator('a.photo').first().getAttribute('href');
  const stored = await page.request.get(href!);
  expect(stored.headers()['content-type']).toBe('image/jpeg');
  const bytes = await stored.body();
  expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(bytes.includes(Buffer.from('Exif', 'latin1')), 'no EXIF block in the stored photo').toBe(false);
  expect(bytes.includes(GPS_LATITUDE_BYTES), 'no GPS position in the stored photo').toBe(false);
  await expectAxeClean(page);

  // A test round in the workshop; both phones give feedback from its board.
  await startRound(page, workshop, 'Tollbugata 3');
  const v1Url = page.url();
  await page.getByRole('link', { name: 'Tollbugata 3 · 03.12.2026 16:00' }).click();
  await page.waitForURL(/\/rounds\//);
  await settle(page);
  await expect(page.getByText('0 svar')).toBeVisible();
  await giveFeedback(a.page, boardUrl, 'Ungdomskafé v1', '4', 'Gratis og varmt');
  await expectAxeClean(a.page);
  await giveFeedback(b.page, boardUrl, 'Ungdomskafé v1', '2', 'Fin musikk');
  await freshen(page);
  await expect(page.getByText('2 svar')).toBeVisible();
  const answers = page.getByRole('region', { name: 'Svar så langt' });
  await expect(answers).toContainText('Gratis og varmt');
  await expect(answers).toContainText('Fin musikk');
  await expect(answers.locator('strong').filter({ hasText: '3.0' })).toBeVisible();
  await expectAxeClean(page);

  // Iterate: v2 carries what was learnt.
  await visit(page, v1Url);
  await page.getByLabel(/^Forbedre/).check();
  await page.getByLabel('Begrunnelse').fill('Testerne likte stedet, men det stengte for tidlig');
  await page.getByLabel('Hva lærte vi?').fill('Ungdom vil ha åpent til klokka 21');
  await page.getByRole('button', { name: 'Lagre beslutningen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ungdomskafé v2');
  await settle(page);
  await expect(page.locator('.learning')).toHaveText('Ungdom vil ha åpent til klokka 21');
  await expect(page.getByRole('navigation', { name: 'Versjoner' })).toContainText('Forbedret');

  // v2 is tested and goes on.
  await startRound(page, workshop, 'Skofabrikken');
  await giveFeedback(a.page, boardUrl, 'Ungdomskafé v2', '5', 'Åpent lenge nok');
  await visit(page, page.url());
  await page.getByLabel(/^Gå videre/).check();
  await page.getByLabel('Begrunnelse').fill('Alle testerne ville bruke kafeen');
  await page.getByRole('button', { name: 'Lagre beslutningen' }).click();
  await settle(page);
  const decision = page.getByRole('region', { name: 'Beslutning' });
  await expect(decision).toContainText('Gå videre');
  await expect(decision).toContainText('Alle testerne ville bruke kafeen');
  await expect(decision).toContainText('Demo Kjerneteam');

  // The trace from the insight's card: insight → idea → v1 (iterate) → v2 (proceed).
  await visit(page, boardUrl);
  await (await openCardTools(page, insight)).getByRole('link', { name: 'Spor' }).click();
  await page.waitForURL(/\/trace\/cards\//);
  await settle(page);
  const chain = page.locator('.chain-list');
  await expect(chain).toContainText(insight);
  await expect(chain).toContainText(idea);
  await expect(chain.getByRole('link', { name: 'v1 Ungdomskafé' })).toBeVisible();
  await expect(chain.getByRole('link', { name: 'v2 Ungdomskafé' })).toBeVisible();
  await expect(chain).toContainText('Forbedre: Testerne likte stedet, men det stengte for tidlig');
  await expect(chain).toContainText('Gå videre: Alle testerne ville bruke kafeen');
  await expect(chain).toContainText('2 svar');
  const picture = page.locator('.trace-picture svg');
  await expect(picture).toBeVisible();
  await expect(picture).toContainText('Gå videre');
  await expectAxeClean(page);

  await visit(page, '/prototypes');
  await expect(page.getByRole('link', { name: /Ungdomskafé/ }).first()).toBeVisible();
  await expectAxeClean(page);

  await a.done();
  await b.done();
});
