/** Phones in the end-to-end tests: their own browser contexts, joining the demo
 *  workshop, posting cards and finding them on a board. */
import type { Browser, Page } from '@playwright/test';
import { expect, expectAxeClean, settle, test, visit } from './fixtures';

/** The demo workshop's join code (server/src/demo.rs). */
export const DEMO_CODE = 'SENTRUM2';
const PHONE = { width: 390, height: 844 };

export function jsOn(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** A phone: its own browser context (own cookies), a phone-sized screen, and a check
 *  that it logged no page or console errors. */
export async function newPhone(browser: Browser, js = jsOn(), allowed?: RegExp) {
  const context = await browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    javaScriptEnabled: js,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && !allowed?.test(m.text())) {
      problems.push(m.text());
    }
  });
  return {
    page,
    done: async () => {
      expect(problems, 'phone page errors').toEqual([]);
      await context.close();
    },
  };
}

/** Joins the demo workshop from a phone and opens its board. */
export async function joinDemo(page: Page, nickname: string, checkAxe = false) {
  await joinWorkshop(page, DEMO_CODE.toLowerCase(), nickname, /ungdom vil være/, checkAxe);
}

/** Joins a workshop by its code from a phone and opens one of its boards. */
export async function joinWorkshop(
  page: Page,
  code: string,
  nickname: string,
  board: RegExp | string,
  checkAxe = false,
) {
  await visit(page, '/join');
  await page.getByLabel('Kode').fill(code);
  await page.getByRole('button', { name: 'Fortsett' }).click();
  await settle(page);
  await expect(page.getByRole('heading', { name: 'Før du blir med' })).toBeVisible();
  await page.getByLabel('Kallenavn (frivillig)').fill(nickname);
  await page.getByLabel('Alder (frivillig)').selectOption('16_19');
  await page.getByLabel('Jeg har lest dette og vil være med').check();
  await page.getByRole('button', { name: 'Bli med' }).click();
  await expect(page.getByText(`Du er med som ${nickname}.`)).toBeVisible();
  if (checkAxe) await expectAxeClean(page);
  await page.getByRole('link', { name: board }).click();
  await page.waitForURL(/\/boards\//);
  await settle(page);
}

export function postForm(page: Page) {
  return page.getByRole('form', { name: 'Skriv et kort' });
}

export async function post(page: Page, text: string) {
  await postForm(page).getByLabel('Tekst', { exact: true }).fill(text);
  await postForm(page).getByRole('button', { name: 'Legg på tavla' }).click();
}

export function card(page: Page, text: string) {
  return page.locator('.board-card').filter({ hasText: text });
}

/** Opens a card's fold (its author's editor; staff's hide, theme, trace and prototype
 *  tools) and returns the card: in place once hydrated; without JavaScript through the
 *  fold's link, to the board with that card's fold open. With `keyboard`, by Tab and
 *  Enter only. */
export async function openCardTools(page: Page, text: string, keyboard = false) {
  const summary = card(page, text).locator('details.card-tools > summary');
  if (keyboard) {
    await summary.focus();
    await page.keyboard.press('Enter');
  } else {
    await summary.click();
  }
  const link = card(page, text).getByRole('link', { name: 'Åpne verktøyene for kortet' });
  if (!jsOn()) {
    if (keyboard) {
      await page.keyboard.press('Tab');
      await expect(link).toBeFocused();
      await page.keyboard.press('Enter');
    } else {
      await link.click();
    }
    await page.waitForURL(/\/boards\/[0-9a-f-]+\/cards\/[0-9a-f-]+/);
  }
  await expect(card(page, text).locator('details.card-tools')).toHaveAttribute('open', '');
  await expect(link).toHaveCount(0);
  return card(page, text);
}

