import type { APIResponse, Route } from '@playwright/test';
import { FACILITATOR, LEAD, VIEWER, expect, expectAxeClean, login, settle, test, visit } from './fixtures';
import { DEMO_CODE, card, joinDemo, jsOn, newPhone, openCardTools, post, postForm } from './phones';

test('a facilitator creates a workshop with a board and starts it', async ({ page }) => {
  await login(page, FACILITATOR);
  await visit(page, '/workshops');
  await expect(page.getByRole('heading', { name: 'Ungdommens sentrum' })).toBeVisible();
  await expectAxeClean(page);

  const title = `Verksted ${test.info().project.name}`;
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Sted', { exact: true }).fill('Os skole');
  await page.getByLabel('Tid', { exact: true }).fill('2026-12-01T18:00');
  await page.getByLabel('Møteplasser').check();
  await page.getByRole('button', { name: 'Opprett verksted' }).click();
  await settle(page);
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(/\/workshops\/[0-9a-f-]+$/);
  await settle(page);
  await expect(page.locator('.facts')).toContainText('Planlagt');
  await expect(page.locator('.facts')).toContainText('Møteplasser');

  // No code before it starts; then the code, the link and the QR code.
  await expect(page.locator('.join-code')).toHaveCount(0);
  await page.getByRole('button', { name: 'Start verkstedet' }).click();
  await settle(page);
  await expect(page.locator('.facts')).toContainText('Pågår');
  await expect(page.locator('.join-code')).toHaveText(/^[2-9A-HJKMNP-Z]{4} [2-9A-HJKMNP-Z]{4}$/);
  await expect(page.getByRole('img', { name: /QR-kode/ }).locator('svg')).toBeVisible();
  await expect(page.locator('.join-url a')).toHaveAttribute('href', /\/join\?code=[2-9A-Z]{8}$/);

  // Edit it: the form comes prefilled.
  await page.getByText('Endre verkstedet').click();
  const edit = page.locator('details', { has: page.getByText('Endre verkstedet') });
  await expect(edit.getByLabel('Tittel')).toHaveValue(title);
  await expect(edit.getByLabel('Møteplasser')).toBeChecked();
  await edit.getByLabel('Tittel').fill(`${title} (endret)`);
  await edit.getByRole('button', { name: 'Lagre endringene' }).click();
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} (endret)`);

  await page.getByLabel('Spørsmål').fill('Hvordan kan vi gjøre skolegården bedre?');
  await page.getByLabel('Fase').selectOption('shape');
  await page.getByRole('button', { name: 'Legg til tavle' }).click();
  await settle(page);
  await expect(page.getByRole('link', { name: 'Hvordan kan vi gjøre skolegården bedre?' })).toBeVisible();
  await expectAxeClean(page);
});

test('a phone joins with the code and posts; bad input is refused', async ({ browser, allowConsoleError }) => {
  allowConsoleError(/status of 4\d\d/);
  const phone = await newPhone(browser);
  const { page } = phone;

  // A wrong code first.
  await visit(page, '/join?code=ABCD2345');
  await expect(page.getByRole('alert')).toContainText('Fant ikke noe pågående verksted');
  await expectAxeClean(page);

  await visit(page, '/join');
  await page.getByLabel('Kode').fill(DEMO_CODE);
  await page.getByRole('button', { name: 'Fortsett' }).click();
  await settle(page);
  await expectAxeClean(page);
  // Consent is required.
  await page.getByRole('button', { name: 'Bli med' }).click();
  await expect(page.getByRole('alert')).toContainText('krysse av');

  await joinDemo(page, 'Mina', true);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ungdom vil være');
  await expect(page.getByText('Du skriver: Innsikt')).toBeVisible();
  await expect(card(page, 'ingen steder inne')).toBeVisible();
  await expectAxeClean(page);
  // The first screen is for taking part: the question and the card's text box show
  // without scrolling, under a one-line header.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const header = await page.locator('.site-header').boundingBox();
  expect(header!.height, 'the header is one slim line').toBeLessThan(64);
  const textBox = await postForm(page).getByLabel('Tekst', { exact: true }).boundingBox();
  expect(textBox!.y + textBox!.height, 'the text box is above the fold').toBeLessThan(844);

  await post(page, '   ');
  await expect(page.getByRole('alert')).toContainText('Skriv noe på kortet først');

  const text = `Lekser på biblioteket er kjedelig <b>${test.info().project.name}</b>`;
  await post(page, text);
  await expect(card(page, text)).toBeVisible();
  await expect(card(page, text)).toContainText('Mina');
  await expect(card(page, text)).toContainText('(ditt)');
  await expect(postForm(page).getByLabel('Tekst', { exact: true })).toHaveValue('');

  // The author edits the card.
  await expect(card(page, text).locator('summary')).toHaveText('Endre eller slett');
  await openCardTools(page, text);
  await card(page, text).getByLabel('Tekst').fill(`${text} – endret`);
  // Escape in the text belongs to the text: the fold, and what was typed, stay.
  await page.keyboard.press('Escape');
  await expect(card(page, text).locator('details.card-tools')).toHaveAttribute('open', '');
  await card(page, text).getByRole('button', { name: 'Lagre endringen' }).click();
  await expect(card(page, `${text} – endret`)).toBeVisible();
  await phone.done();
});

test('cards, timer and private mode reach every screen without reload', async ({
  page,
  browser,
  allowConsoleError,
}) => {
  test.skip(!jsOn(), 'live updates need JavaScript; the nojs project covers plain forms');
  const [a, b] = [await newPhone(browser), await newPhone(browser)];
  await joinDemo(a.page, 'Ada');
  await joinDemo(b.page, 'Bo');

  await login(page, LEAD);
  await visit(page, a.page.url().replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByRole('heading', { name: 'Styring' })).toBeVisible();
  await expect(page.locator('.presence')).toContainText('2 deltakere');
  const board = new URL(a.page.url()).pathname;
  const projector = await page.context().newPage();
  await visit(projector, `${board}/projector`);
  await expect(projector.locator('.join-code')).toHaveText('SENT RUM2');
  await expectAxeClean(projector);

  // A phone posts: the other phone, the facilitator and the projector see it.
  await post(a.page, 'Gratis bading for unge i helgene');
  for (const screen of [b.page, page, projector]) {
    await expect(card(screen, 'Gratis bading for unge i helgene')).toBeVisible();
  }
  await expect(card(b.page, 'Gratis bading')).toContainText('Ada');
  await expect(card(b.page, 'Gratis bading')).not.toContainText('(ditt)');

  // Ada starts to change her card; what the facilitator does to the board meanwhile must
  // not fold her editor away or drop what she typed.
  const draft = 'Gratis bading for unge i helgene og i ferien';
  await openCardTools(a.page, 'Gratis bading');
  await card(a.page, 'Gratis bading').getByLabel('Tekst').fill(draft);

  // The timer shows on the phones.
  await page.getByLabel('Minutter').fill('3');
  await page.getByRole('button', { name: 'Start nedtelling' }).click();
  await expect(a.page.getByRole('timer')).toContainText(/2:5\d|3:00/);
  await expect(card(a.page, 'Gratis bading').getByLabel('Tekst')).toHaveValue(draft);
  await expect(card(a.page, 'Gratis bading').locator('details.card-tools')).toHaveAttribute('open', '');
  await expect(b.page.getByRole('timer')).toContainText(/2:5\d|3:00/);
  await expect(projector.getByRole('timer')).toBeVisible();
  await page.getByRole('button', { name: 'Stopp nedtellingen' }).click();
  await expect(a.page.getByRole('timer')).toHaveCount(0);

  // Private brainstorming: others' cards are hidden until the facilitator reveals them.
  // Minutes typed and not yet sent survive the change to the board.
  await page.getByLabel('Minutter').fill('7');
  await page.getByRole('button', { name: /Skjul andres kort/ }).click();
  await expect(page.getByRole('button', { name: 'Vis alle kortene' })).toBeVisible();
  await expect(page.getByLabel('Minutter')).toHaveValue('7');
  await expect(a.page.locator('[data-live="open"]')).toBeVisible();
  await post(b.page, 'Hemmelig: skatepark ved Tista');
  await expect(card(b.page, 'Hemmelig: skatepark')).toBeVisible();
  await expect(card(projector, 'Hemmelig: skatepark')).toBeVisible();
  // Every card but Ada's own is hidden from her now, the new one included.
  await expect(a.page.getByText(/\d+ kort fra andre er skjult/)).toBeVisible();
  await expect(card(a.page, 'Hemmelig: skatepark')).toHaveCount(0);
  await expect(card(a.page, 'Gratis bading')).toBeVisible();
  await expect(card(b.page, 'Gratis bading')).toHaveCount(0);
  await page.getByRole('button', { name: 'Vis alle kortene' }).click();
  await expect(card(a.page, 'Hemmelig: skatepark')).toBeVisible();
  await expect(a.page.getByText('kort fra andre er skjult')).toHaveCount(0);

  // Closing the board takes the form away on the phones.
  await page.getByRole('button', { name: 'Steng for nye kort' }).click();
  await expect(a.page.getByText('Tavla er stengt for nye kort akkurat nå.')).toBeVisible();
  await page.getByRole('button', { name: 'Åpne for nye kort' }).click();
  await expect(a.page.getByRole('button', { name: 'Legg på tavla' })).toBeVisible();

  // The controls share one alert: a refused timer shows its error until a later control
  // succeeds (a browser without the field's limit sends what the server refuses).
  allowConsoleError(/status of 4\d\d .*\/api\/boards\/timer/);
  const controls = page.locator('.controls');
  await page.getByLabel('Minutter').evaluate((field) => field.removeAttribute('max'));
  await page.getByLabel('Minutter').fill('100000');
  await page.getByRole('button', { name: 'Start nedtelling' }).click();
  await expect(controls.getByRole('alert')).toContainText('utenfor det som er tillatt');
  await page.getByRole('button', { name: 'Steng for nye kort' }).click();
  await expect(page.getByRole('button', { name: 'Åpne for nye kort' })).toBeVisible();
  await expect(controls.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Åpne for nye kort' }).click();
  await expect(page.getByRole('button', { name: 'Steng for nye kort' })).toBeVisible();
  await projector.close();
  await a.done();
  await b.done();
});

test('a card posted while a phone fetches the board again reaches it', async ({ page, browser }) => {
  test.skip(!jsOn(), 'live updates need JavaScript; the nojs project covers plain forms');
  const [a, b] = [await newPhone(browser), await newPhone(browser)];
  await joinDemo(a.page, 'Aud');
  await joinDemo(b.page, 'Brage');
  await expect(a.page.locator('[data-live="open"]')).toBeVisible();
  const board = new URL(a.page.url()).pathname;
  await login(page, FACILITATOR);
  await visit(page, board);

  // Hold Aud's refetch of the board after the server has read it, until Brage's card
  // has come to her by the stream: what she fetched is older than what she shows.
  let read!: () => void;
  const wasRead = new Promise<void>((r) => (read = r));
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await a.page.route('**/boards/get*', async (route) => {
    const response = await route.fetch();
    read();
    await released;
    await route.fulfill({ response });
  });
  // A new voting round changes what a phone may see: the phones fetch the board again.
  await page.getByLabel('Prikker per person').fill('3');
  await page.getByRole('button', { name: 'Start en ny avstemning' }).click();
  await wasRead;
  await post(b.page, 'Kommer mens tavla hentes');
  await expect(card(a.page, 'Kommer mens tavla hentes')).toBeVisible();
  const answered = a.page.waitForResponse('**/boards/get*');
  release();
  await answered;
  // The page takes on the older read, then the stream, reopened from it, brings the card
  // back; before, it was gone until the next reload.
  await a.page.waitForTimeout(500);
  await expect(a.page.locator('[data-live="open"]')).toBeVisible();
  await expect(card(a.page, 'Kommer mens tavla hentes')).toBeVisible();
  await expect(a.page.getByText('Du har 3 av 3 prikker igjen.')).toBeVisible();

  await page.getByRole('button', { name: 'Avslutt avstemningen' }).click();
  await settle(page);
  await a.done();
  await b.done();
});

test('a phone whose event stream the server refuses comes back live', async ({ browser }) => {
  test.skip(!jsOn(), 'live updates need JavaScript; the nojs project covers plain forms');
  const [a, b] = [await newPhone(browser, true, /EventSource/), await newPhone(browser)];
  // The first stream is refused (as a busy server would, 429): the browser gives up on
  // it for good; the page must fetch the board and open the stream again by itself.
  let refused = 0;
  await a.page.route('**/events/boards/**', async (route) => {
    if (refused++ === 0) {
      await route.fulfill({ status: 429, body: 'busy' });
    } else {
      await route.continue();
    }
  });
  await joinDemo(a.page, 'Ingrid');
  await joinDemo(b.page, 'Jonas');
  await expect(a.page.locator('[data-live="open"]')).toBeVisible({ timeout: 15_000 });
  expect(refused).toBeGreaterThan(1);
  await post(b.page, 'Kommer etter at strømmen ble nektet');
  await expect(card(a.page, 'Kommer etter at strømmen ble nektet')).toBeVisible();
  await a.done();
  await b.done();
});

test('a phone whose fetch of the board hangs tries again', async ({ page, browser }) => {
  test.skip(!jsOn(), 'live updates need JavaScript; the nojs project covers plain forms');
  test.slow(); // the page waits 15 s for the hung fetch
  const [a, b] = [await newPhone(browser), await newPhone(browser)];
  await joinDemo(a.page, 'Kari');
  await joinDemo(b.page, 'Leo');
  await post(b.page, 'Synlig til andres kort skjules');
  await expect(card(a.page, 'Synlig til andres kort skjules')).toBeVisible();
  await login(page, FACILITATOR);
  await visit(page, new URL(a.page.url()).pathname);

  // The first refetch never answers (a dead line): the page gives up on it after its
  // timeout, fetches again, and takes on what changed.
  let fetches = 0;
  let held: { route: Route; response: APIResponse } | undefined;
  await a.page.route('**/boards/get*', async (route) => {
    if (fetches++ === 0) {
      // Read now (the card hidden), answered only at the end: an answer that late must
      // change nothing (the page has given up on it and aborted the request).
      held = { route, response: await route.fetch() };
    } else {
      await route.continue();
    }
  });
  await page.getByRole('button', { name: /Skjul andres kort/ }).click();
  await expect(a.page.getByText(/\d+ kort fra andre er skjult/)).toBeVisible({ timeout: 25_000 });
  await expect(card(a.page, 'Synlig til andres kort skjules')).toHaveCount(0);
  expect(fetches).toBe(2);

  await page.getByRole('button', { name: 'Vis alle kortene' }).click();
  await expect(card(a.page, 'Synlig til andres kort skjules')).toBeVisible();
  if (held) await held.route.fulfill({ response: held.response }).catch(() => {});
  // Nothing to wait for if the page is right: give a wrong one time to hide the card.
  await a.page.waitForTimeout(1000);
  await expect(card(a.page, 'Synlig til andres kort skjules')).toBeVisible();
  await a.done();
  await b.done();
});

test('a vote answered while the cards are drawn anew still counts', async ({ page, browser }) => {
  test.skip(!jsOn(), 'without JavaScript the vote posts and the page reloads');
  const phone = await newPhone(browser);
  await joinDemo(phone.page, 'Mats');
  const text = `Prikk underveis (${test.info().project.name})`;
  await post(phone.page, text);
  await expect(card(phone.page, text)).toBeVisible();
  await login(page, FACILITATOR);
  await visit(page, new URL(phone.page.url()).pathname);
  await page.getByLabel('Prikker per person').fill('3');
  await page.getByRole('button', { name: 'Start en ny avstemning' }).click();
  await expect(phone.page.getByText('Du har 3 av 3 prikker igjen.')).toBeVisible();

  // The vote's answer is held until a new theme has drawn every card (and its buttons)
  // anew: the answer must still reach the page.
  let reached!: () => void;
  const voteReached = new Promise<void>((r) => (reached = r));
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await phone.page.route('**/votes/place*', async (route) => {
    const response = await route.fetch();
    reached();
    await released;
    await route.fulfill({ response });
  });
  await card(phone.page, text).getByRole('button', { name: /^Gi en prikk/ }).click();
  await voteReached;
  const theme = `Underveis ${test.info().project.name}`;
  await page.getByLabel('Nytt tema').fill(theme);
  await page.getByRole('button', { name: 'Legg til tema' }).click();
  await expect(phone.page.getByRole('heading', { name: theme })).toBeVisible();
  release();
  await expect(card(phone.page, text)).toContainText('Dine prikker her: 1');
  await expect(phone.page.getByText('Du har 2 av 3 prikker igjen.')).toBeVisible();

  await page.getByRole('button', { name: 'Avslutt avstemningen' }).click();
  await settle(page);
  await phone.done();
});

test('dot-voting: the budget is enforced and totals stay hidden until revealed', async ({
  page,
  browser,
  allowConsoleError,
}) => {
  allowConsoleError(/status of 4\d\d/);
  const phone = await newPhone(browser);
  await joinDemo(phone.page, 'Vilde');
  const text = `Stem på dette (${test.info().project.name})`;
  await post(phone.page, text);
  await expect(card(phone.page, text)).toBeVisible();
  const board = new URL(phone.page.url()).pathname;

  await login(page, FACILITATOR);
  await visit(page, board);
  await page.getByLabel('Prikker per person').fill('2');
  await page.getByRole('button', { name: 'Start en ny avstemning' }).click();
  await settle(page);
  await page.getByRole('button', { name: 'Skjul resultatet til det avsløres' }).click();
  await settle(page);

  await visit(phone.page, board);
  await expect(phone.page.getByText('Du har 2 av 2 prikker igjen.')).toBeVisible();
  const mine = card(phone.page, text);
  for (const dots of [1, 2, 2]) {
    await mine.getByRole('button', { name: /^Gi en prikk/ }).click();
    await settle(phone.page);
    // One tap at a time: a tap made before the last one was answered may be answered
    // first, and the page shows the answer to the latest tap only.
    await expect(mine).toContainText(`Dine prikker her: ${dots}`);
  }
  // Without JavaScript every card's vote form shows the last error; look at this card's.
  await expect(card(phone.page, text).getByRole('alert')).toContainText('brukt alle prikkene');
  await expect(card(phone.page, text)).toContainText('Dine prikker her: 2');
  await expect(phone.page.getByText('Du har 0 av 2 prikker igjen.')).toBeVisible();
  await expect(card(phone.page, text).locator('.vote-total')).toHaveCount(0);
  await expectAxeClean(phone.page);

  // The facilitator sees the total; after the reveal, so does the phone.
  await visit(page, board);
  await expect(card(page, text)).toContainText('2 prikker');
  await page.getByRole('button', { name: 'Vis resultatet' }).click();
  await settle(page);
  await visit(phone.page, board);
  await expect(card(phone.page, text)).toContainText('2 prikker');
  await page.getByRole('button', { name: 'Avslutt avstemningen' }).click();
  await phone.done();
});

test('a new voting round draws the dots anew without the last round\'s refusal', async ({
  page,
  browser,
  allowConsoleError,
}) => {
  test.skip(!jsOn(), 'drawing the buttons anew needs JavaScript; the nojs project reloads');
  allowConsoleError(/status of 4\d\d .*\/api\/votes\/place/);
  const phone = await newPhone(browser);
  await joinDemo(phone.page, 'Sindre');
  const text = `Ny runde (${test.info().project.name})`;
  await post(phone.page, text);
  const board = new URL(phone.page.url()).pathname;
  await login(page, FACILITATOR);
  await visit(page, board);
  await page.getByLabel('Prikker per person').fill('1');
  await page.getByRole('button', { name: 'Start en ny avstemning' }).click();

  const mine = card(phone.page, text);
  await mine.getByRole('button', { name: /^Gi en prikk/ }).click();
  await expect(mine).toContainText('Dine prikker her: 1');
  await mine.getByRole('button', { name: /^Gi en prikk/ }).click();
  await expect(mine.getByRole('alert')).toContainText('brukt alle prikkene');

  // The round ends and a new one starts: the buttons come back, and the refusal of the
  // round before with them would be wrong.
  await page.getByRole('button', { name: 'Avslutt avstemningen' }).click();
  await expect(mine.getByRole('button', { name: /^Gi en prikk/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Start en ny avstemning' }).click();
  await expect(phone.page.getByText('Du har 1 av 1 prikker igjen.')).toBeVisible();
  await expect(mine.getByRole('button', { name: /^Gi en prikk/ })).toBeVisible();
  await expect(mine.getByRole('alert')).toHaveCount(0);
  await mine.getByRole('button', { name: /^Gi en prikk/ }).click();
  await expect(mine).toContainText('Dine prikker her: 1');
  await expect(mine.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Avslutt avstemningen' }).click();
  await expect(page.getByRole('button', { name: 'Avslutt avstemningen' })).toHaveCount(0);
  await phone.done();
});

test('moderation: a held post waits for approval, and a hidden card leaves the phones', async ({
  page,
  browser,
}) => {
  const [author, other] = [await newPhone(browser), await newPhone(browser)];
  await joinDemo(author.page, 'Per');
  await joinDemo(other.page, 'Kari');
  const text = `Faen, bussen går for sjelden (${test.info().project.name})`;
  await post(author.page, text);
  await expect(card(author.page, text)).toContainText('Venter på godkjenning.');
  const board = new URL(author.page.url()).pathname;

  await login(page, FACILITATOR);
  await visit(page, board);
  await expect(card(page, text)).toContainText('Inneholder et ord fra ordlista.');
  await expectAxeClean(page);
  await visit(other.page, board);
  await expect(card(other.page, text)).toHaveCount(0);

  await card(page, text).getByRole('button', { name: 'Godkjenn og vis' }).click();
  await settle(page);
  await visit(other.page, board);
  await expect(card(other.page, text)).toBeVisible();
  await expect(card(other.page, text).getByRole('button', { name: 'Rapporter kortet' })).toBeVisible();

  await visit(page, board);
  await openCardTools(page, text);
  await card(page, text).getByText('Skjul kortet').click();
  await card(page, text).getByLabel(/Hvorfor/).fill('Banning');
  await card(page, text).getByRole('button', { name: 'Skjul', exact: true }).click();
  await settle(page);
  await visit(other.page, board);
  await expect(card(other.page, text)).toHaveCount(0);
  await visit(author.page, board);
  await expect(card(author.page, text)).toContainText('Banning');
  await author.done();
  await other.done();
});

test('themes: the facilitator makes themes and sorts cards into them with the keyboard', async ({ page, browser }) => {
  const phone = await newPhone(browser);
  await joinDemo(phone.page, 'Tora');
  const text = `Flere benker langs Tista (${test.info().project.name})`;
  await post(phone.page, text);
  await expect(card(phone.page, text)).toBeVisible();
  const board = new URL(phone.page.url()).pathname;
  // Its author starts to change the card: the board's first theme must not take that away.
  const draft = `${text} og lys`;
  if (jsOn()) {
    await openCardTools(phone.page, text);
    await card(phone.page, text).getByLabel('Tekst').fill(draft);
  }

  await login(page, LEAD);
  await visit(page, board);
  const theme = `Uteområder ${test.info().project.name}`;
  await page.getByLabel('Nytt tema').fill(theme);
  await page.getByRole('button', { name: 'Legg til tema' }).click();
  await settle(page);
  await expect(page.getByRole('heading', { name: theme })).toBeVisible();
  if (jsOn()) {
    await expect(phone.page.getByRole('heading', { name: theme })).toBeVisible();
    await expect(card(phone.page, text).locator('details.card-tools')).toHaveAttribute('open', '');
    await expect(card(phone.page, text).getByLabel('Tekst')).toHaveValue(draft);

    // The facilitator starts a prototype from the theme; a second theme leaves it be.
    const shaping = page
      .locator('section.theme')
      .filter({ has: page.getByRole('heading', { name: theme }) })
      .locator('details.new-prototype');
    await shaping.locator('summary').click();
    await shaping.getByLabel('Tittel').fill('Benker med tak');
    // The first theme's answer empties the field; the live heading may come before it.
    await expect(page.getByLabel('Nytt tema')).toHaveValue('');
    const second = `Lys ${test.info().project.name}`;
    await page.getByLabel('Nytt tema').fill(second);
    await page.getByRole('button', { name: 'Legg til tema' }).click();
    await expect(page.getByRole('heading', { name: second })).toBeVisible();
    await expect(phone.page.getByRole('heading', { name: second })).toBeVisible();
    await expect(shaping).toHaveAttribute('open', '');
    await expect(shaping.getByLabel('Tittel')).toHaveValue('Benker med tak');
    await expect(card(phone.page, text).getByLabel('Tekst')).toHaveValue(draft);
  }

  // Keyboard only: open the card's tools, focus its theme picker, choose, press the button.
  await openCardTools(page, text, true);
  const picker = card(page, text).getByLabel('Tema', { exact: true });
  await picker.focus();
  await picker.selectOption({ label: theme });
  await page.keyboard.press('Tab');
  await expect(card(page, text).getByRole('button', { name: 'Flytt' })).toBeFocused();
  await page.keyboard.press('Enter');
  await settle(page);
  const section = page.locator('section.theme').filter({ has: page.getByRole('heading', { name: theme }) });
  await expect(section.locator('.board-card').filter({ hasText: text })).toBeVisible();
  await expectAxeClean(page);

  // Escape folds the tools away again and gives the focus back to their summary.
  if (jsOn()) {
    const tools = (await openCardTools(page, text, true)).locator('details.card-tools');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(tools).not.toHaveAttribute('open', '');
    // Its own summary: while the fold is still open, the one of the fold inside it is there too.
    await expect(tools.locator(':scope > summary')).toBeFocused();
  }

  // The phone sees the card under the theme.
  await visit(phone.page, board);
  const phoneSection = phone.page.locator('section.theme').filter({ has: phone.page.getByRole('heading', { name: theme }) });
  await expect(phoneSection.locator('.board-card').filter({ hasText: text })).toBeVisible();
  await expectAxeClean(phone.page);
  await phone.done();
});

test('the projector view is read-only, shows the code and passes axe', async ({ page }) => {
  await login(page, VIEWER);
  await visit(page, '/workshops');
  await page.getByRole('link', { name: 'Ungdommens sentrum' }).first().click();
  await page.waitForURL(/\/workshops\/[0-9a-f-]+$/);
  await settle(page);
  await page.getByRole('link', { name: /ungdom vil være/ }).click();
  await page.waitForURL(/\/boards\//);
  const board = new URL(page.url()).pathname;
  await visit(page, `${board}/projector`);
  await expect(page.locator('.join-code')).toHaveText('SENT RUM2');
  await expect(page.getByRole('img', { name: /QR-kode/ })).toBeVisible();
  await expect(page.locator('.board-card').first()).toBeVisible();
  await expect(page.getByRole('form', { name: 'Skriv et kort' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Styring' })).toHaveCount(0);
  // The board alone: no site header, menu or footer on the wall.
  await expect(page.locator('.site-header, .site-footer, .skip-link')).toHaveCount(0);
  await expectAxeClean(page);
});
