import { test, expect, Page } from '@playwright/test';
import { hydrated, open, signInAs, watchForProblems } from './helpers';

const EVENT = 'Visite du domaine de Chantilly';

/** Assigns the demo event `EVENT` to `support`, from its page. */
async function assign(manager: Page, support: string) {
  await open(manager, `/evenements?q=${encodeURIComponent(EVENT)}`);
  await manager.getByRole('link', { name: EVENT }).click();
  await manager.getByLabel('Contact support').selectOption({ label: support });
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
