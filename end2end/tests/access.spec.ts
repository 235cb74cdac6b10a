import { VIEWER, expect, expectAxeClean, login, test, visit } from './fixtures';

test('viewer is refused the edit page, the accounts page and the save API', async ({
  page,
  allowConsoleError,
  baseURL,
}) => {
  allowConsoleError(/status of 403 .*\/p\/halden-sentrum\/(edit|accounts)\b/);
  await login(page, VIEWER);

  await test.step('/programme/edit answers 403 "Ingen tilgang"', async () => {
    const response = await visit(page, '/programme/edit');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingen tilgang');
    await expect(page.getByLabel('Navn', { exact: true })).toHaveCount(0);
    await expectAxeClean(page);
  });

  await test.step('/accounts shows "Ingen tilgang"', async () => {
    await visit(page, '/accounts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingen tilgang');
    await expect(page.getByRole('table')).toHaveCount(0);
  });

  await test.step('a direct API call is refused', async () => {
    // Same cookies as the page; the Origin header makes it a same-origin request, so the
    // refusal comes from the role check, not from any cross-site protection.
    const response = await page.request.post('/api/programme/save', {
      form: {
        programme: 'halden-sentrum',
        name: 'Hacked',
        area: 'x',
        start_year: '2024',
        end_year: '2028',
        yearly_budget_nok: '1',
      },
      headers: { Accept: 'application/json', Origin: baseURL ?? '' },
      maxRedirects: 0,
    });
    expect(response.ok(), `status ${response.status()}`).toBe(false);
    expect(response.status()).toBe(403);

    await visit(page, '/programme');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halden sentrum');
  });
});
