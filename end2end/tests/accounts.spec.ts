import { DEMO_EMAILS, LEAD, expect, expectAxeClean, login, settle, test, visit } from './fixtures';

test('lead lists the users and creates one', async ({ page }) => {
  await login(page, LEAD);
  await page
    .getByRole('navigation', { name: 'Hovedmeny' })
    .getByRole('link', { name: 'Brukere', exact: true })
    .click();
  await expect(page).toHaveURL((url) => url.pathname === '/accounts');
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
  await expect(table).toContainText(email);
  await expectAxeClean(page);

  // ... and only once.
  await visit(page, '/accounts');
  await expect(page.getByRole('table')).toContainText(email);
  await expect(page.getByRole('status').filter({ hasText: statusText })).toHaveCount(0);
});
