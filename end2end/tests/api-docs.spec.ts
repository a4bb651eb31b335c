import { test, expect } from '@playwright/test';
import { watchForProblems } from './helpers';

test('the API documentation renders from local files under the strict CSP', async ({ page, baseURL }) => {
  const problems = watchForProblems(page);
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:')) elsewhere.push(url);
  });
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Epic Events CRM API/ })).toBeVisible();
  await expect(page.locator('.opblock-summary-path', { hasText: '/clients/{id}' }).first()).toBeVisible();
  await expect(page.locator('.opblock-tag', { hasText: 'collaborators' })).toBeVisible();
  expect(elsewhere, 'nothing is loaded from another site').toEqual([]);
  expect(problems, 'no script error or CSP violation').toEqual([]);
});
