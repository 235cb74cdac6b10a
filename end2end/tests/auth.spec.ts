import {
  CORE_TEAM,
  DEMO_PASSWORD,
  FACILITATOR,
  expect,
  expectAxeClean,
  login,
  settle,
  test,
  visit,
} from './fixtures';

test('login with the right password lands on the programme page', async ({ page }) => {
  await visit(page, '/login');
  await expectAxeClean(page);

  await login(page, CORE_TEAM);
  await expect(page).toHaveURL((url) => url.pathname === '/p/halden-sentrum');
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await expect(nav.getByRole('link', { name: 'Programmet', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Logg ut', exact: true })).toBeVisible();
});

test('login with a wrong password shows an error and stays on the login page', async ({
  page,
  allowConsoleError,
}) => {
  // A refused login may answer 4xx (logged by Chromium for the fetch or the form post).
  allowConsoleError(/the server responded with a status of 4\d\d/);
  await visit(page, '/login');
  await page.getByLabel('E-post', { exact: true }).fill(FACILITATOR);
  await page.getByLabel('Passord', { exact: true }).fill(`${DEMO_PASSWORD}-feil`);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();

  await expect(
    page.getByRole('alert').filter({ hasText: 'Feil e-post eller passord' }),
  ).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/login');
  await expectAxeClean(page);

  // Not signed in: the programme is still out of reach.
  await visit(page, '/programme');
  await expect(page).toHaveURL((url) => url.pathname === '/login');
});

test('pages that need a session redirect to the login page', async ({ page }) => {
  for (const path of ['/programme', '/programme/edit', '/accounts']) {
    await visit(page, path);
    await expect(page, `${path} redirects to /login`).toHaveURL(
      (url) => url.pathname === '/login',
    );
    await expect(page.getByLabel('E-post', { exact: true })).toBeVisible();
  }
});

test('logging out ends the session', async ({ page }) => {
  await login(page, FACILITATOR);
  // Wait for the logout request itself (a fetch with JS on, a form post with JS off).
  await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' || /log-?out|logg-?ut/i.test(r.url()),
    ),
    page.getByRole('button', { name: 'Logg ut', exact: true }).click(),
  ]);
  await settle(page);

  await visit(page, '/programme');
  await expect(page).toHaveURL((url) => url.pathname === '/login');
});
