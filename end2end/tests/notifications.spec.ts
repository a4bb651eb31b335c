import { test, expect, Page, Response } from '@playwright/test';
import { chooseOption, hydrated, open, signInAs, watchForProblems } from './helpers';

const EVENT = 'Visite du domaine de Chantilly';

/** Assigns the demo event `EVENT` to `support`, from its page. */
async function assign(manager: Page, support: string) {
  await open(manager, `/evenements?q=${encodeURIComponent(EVENT)}`);
  await manager.getByRole('link', { name: EVENT }).click();
  await chooseOption(manager.getByLabel('Contact support'), support);
  await manager.getByRole('button', { name: 'Assigner un support' }).click();
  await expect(manager.getByRole('status')).toHaveText('Support assigné.');
}

test('management assigns support and the support collaborator’s bell shows it without a reload', async ({ browser }) => {
  const support = await (await browser.newContext()).newPage();
  const problems = watchForProblems(support);
  await signInAs(support, 'support@epic-events.fr');
  await hydrated(support);
  const bell = support.locator('a.bell');
  const label = (await bell.getAttribute('aria-label')) ?? '';
  const before = Number(/: (\d+) non lues/.exec(label)?.[1]);
  expect(before, label).not.toBeNaN();
  // Nothing reloads the support's page from here on: the count must come by itself.
  let loads = 0;
  support.on('load', () => loads++);

  const manager = await (await browser.newContext()).newPage();
  await signInAs(manager, 'gestion@epic-events.fr');
  await assign(manager, 'Sarah Support');

  await expect(bell).toHaveAttribute('aria-label', `Notifications : ${before + 1} non lues`);
  await expect(support.locator('.bell-count')).toHaveText(String(before + 1));
  expect(loads).toBe(0);

  // The bell's page says what happened; opening it leads to the event and marks it read.
  await bell.click();
  const text = `Gabrielle Gestion vous a confié l’événement « ${EVENT} »`;
  await expect(support.getByText(text).first()).toBeVisible();
  await support.getByRole('button', { name: `Ouvrir : ${text}` }).first().click();
  await expect(support.getByRole('heading', { name: EVENT, level: 1 })).toBeVisible();
  await hydrated(support);
  await expect(bell).toHaveAttribute('aria-label', `Notifications : ${before} non lues`);

  // The demo's assignment, as it was.
  await assign(manager, 'Yanis Assistance');
  expect(problems).toEqual([]);
});

/** Hides then shows the page again, as switching tabs does: the bell reconnects its stream. */
async function switchTabsAndBack(page: Page) {
  await page.evaluate(() => {
    for (const hidden of [true, false]) {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      document.dispatchEvent(new Event('visibilitychange'));
    }
  });
}

test('a bell whose session ended stops listening, quietly', async ({ page }) => {
  const problems = watchForProblems(page);
  const isStream = (response: Response) => response.url().endsWith('/notifications/flux');
  const listening = page.waitForResponse(isStream);
  await signInAs(page, 'commercial@epic-events.fr');
  await hydrated(page);
  await listening;
  const streams: string[] = [];
  page.on('response', (response) => {
    if (isStream(response)) streams.push(response.headers()['content-type'] ?? '');
  });

  // Signed out elsewhere (here: the cookie is gone); the bell's next connection learns it.
  await page.context().clearCookies();
  await switchTabsAndBack(page);
  await expect.poll(() => streams).toEqual(['text/event-stream']);
  // Told that the session ended, it does not try again.
  await switchTabsAndBack(page);
  // A new connection would have started within the call above; give its response time to show.
  await page.waitForTimeout(500);
  expect(streams).toHaveLength(1);
  expect(problems).toEqual([]);
});
