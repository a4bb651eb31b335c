import { test, expect, Page } from '@playwright/test';
import { demoDay, frenchDay, hydrated, open, signInAs, watchForProblems } from './helpers';

// A support collaborator on an event's site, reading the CRM on a phone.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'the page is no wider than the screen').toBeLessThanOrEqual(clientWidth);
}

/** Whether the element lies within the screen's width. */
async function expectWithinScreen(page: Page, locator: ReturnType<Page['locator']>) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
}

test('support reads an event’s place and client on a phone, without scrolling sideways', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'support@epic-events.fr');

  await open(page, '/evenements?mine=1');
  const row = page.getByRole('row').filter({ hasText: 'Lancement Cool Startup' });
  await expectWithinScreen(page, row.getByText('53 rue du Château, 41120 Candé-sur-Beuvron'));
  await expectWithinScreen(page, row.getByRole('link', { name: 'Kevin Casey' }));
  await expectWithinScreen(page, row.getByText(`${frenchDay(demoDay(2))} à 14:00`));
  await expectNoSidewaysScroll(page);

  // The filters are one control that opens in place; the rows come first.
  const filters = page.getByText('Filtres (1)');
  await expect(filters).toBeVisible();
  await expect(page.getByRole('searchbox')).toBeHidden();
  await filters.click();
  await expect(page.getByRole('searchbox')).toBeVisible();
  await expectNoSidewaysScroll(page);
  const tap = await filters.boundingBox();
  expect(tap!.height, 'a tap target of 44 px at least').toBeGreaterThanOrEqual(44);

  await row.getByRole('link', { name: 'Lancement Cool Startup' }).click();
  await expect(page.getByRole('heading', { name: 'Lancement Cool Startup' })).toBeVisible();
  await hydrated(page);
  await expectWithinScreen(page, page.getByRole('definition').filter({ hasText: '53 rue du Château, 41120 Candé-sur-Beuvron' }));
  await expectWithinScreen(page, page.getByRole('definition').getByRole('link', { name: 'Kevin Casey' }));
  await expectNoSidewaysScroll(page);
  expect(problems).toEqual([]);
});
