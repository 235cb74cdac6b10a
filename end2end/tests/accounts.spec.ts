import { DEMO_EMAILS, LEAD, expect, expectAxeClean, login, settle, test, visit } from './fixtures';

test('lead lists the users and creates one; the new user changes the password', async ({
  page,
  allowConsoleError,
}) => {
  // The wrong current password below is answered 422, which Chromium logs.
  allowConsoleError(/status of 422 .*\/api\/account\/password/);
  await login(page, LEAD);
  await page
    .getByRole('navigation', { name: 'Hovedmeny' })
    .getByRole('link', { name: 'Brukere', exact: true })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === '/p/halden-sentrum/accounts');
  await settle(page);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brukere');
  const table = page.getByRole('table');
  for (const email of DEMO_EMAILS) await expect(table).toContainText(email);
  await expectAxeClean(page);

  const email = `e2e-${Date.now()}@halden.demo`;
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Navn', { exact: true }).fill('Testperson E2E');
  const role = page.getByLabel('Rolle', { exact: true });
  const options = await role.locator('option').allTextContents();
  const facilitator = options.find((o) => /fasilitator/i.test(o));
  if (facilitator) await role.selectOption({ label: facilitator });
  await page.getByRole('button', { name: 'Opprett bruker', exact: true }).click();

  // The generated password is shown once, in a status message.
  const shown = page.getByRole('status').filter({ hasText: /\S/ });
  await expect(shown).toBeVisible();
  const statusText = (await shown.innerText()).trim();
  const password = (await shown.locator('code').innerText()).trim();
  expect(password).toHaveLength(20);
  await expect(table).toContainText(email);
  await expectAxeClean(page);

  // ... and only once.
  await visit(page, '/accounts');
  await expect(page.getByRole('table')).toContainText(email);
  await expect(page.getByRole('status').filter({ hasText: statusText })).toHaveCount(0);

  // The new user signs in with the password shown, and changes it on "Min konto".
  await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/login');
  await login(page, email, password);
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Testperson E2E' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/account');
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min konto');
  await expectAxeClean(page);

  const changed = 'et helt nytt passord for e2e';
  await page.getByLabel('Nåværende passord').fill('feil passord');
  await page.getByLabel('Nytt passord', { exact: true }).fill(changed);
  await page.getByLabel('Nytt passord en gang til').fill(changed);
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Det nåværende passordet er feil' })).toBeVisible();

  await page.getByLabel('Nåværende passord').fill(password);
  await page.getByLabel('Nytt passord', { exact: true }).fill(changed);
  await page.getByLabel('Nytt passord en gang til').fill(changed);
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Passordet er byttet' })).toBeVisible();

  await page.getByRole('button', { name: 'Logg ut', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/login');
  await login(page, email, changed);
});
