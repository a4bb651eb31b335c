import { test, expect } from '@playwright/test';
import { chooseOption, hydrated, open, signInAs, watchForProblems } from './helpers';

// The demo books Sarah Support for the press conference although she runs the launch an hour
// later in the same room, with management's reason.
const EVENT = 'Conférence de presse Cool Startup';

async function openEvent(page: import('@playwright/test').Page) {
  await open(page, `/evenements?q=${encodeURIComponent(EVENT)}`);
  await page.getByRole('link', { name: EVENT }).click();
  await expect(page.getByRole('heading', { name: EVENT, level: 1 })).toBeVisible();
}

test('management books a support collaborator already busy only with a reason', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'gestion@epic-events.fr');
  await openEvent(page);
  // The page says her day is already taken, and by what.
  const taken = page.locator('section.warning', { has: page.getByRole('heading', { name: 'Support déjà pris' }) });
  await expect(taken.getByRole('link', { name: /Lancement Cool Startup/ })).toBeVisible();

  // Unassigned, then assigned again: the form names the clash and asks why.
  const choice = page.getByLabel('Contact support');
  await choice.selectOption({ label: '— Aucun —' });
  await page.getByRole('button', { name: 'Assigner un support' }).click();
  await expect(page.getByRole('status')).toHaveText('Support assigné.');
  await openEvent(page);
  await expect(choice.locator('option').filter({ hasText: /^Sarah Support — .*déjà pris à ce moment$/ })).toBeAttached();
  await chooseOption(choice, 'Sarah Support');
  await page.getByRole('button', { name: 'Assigner un support' }).click();
  const reason = page.getByLabel('Motif du double engagement');
  await expect(page.locator('#override_reason-error')).toContainText('Lancement Cool Startup');
  await reason.fill('Même salle que le lancement : aucun déplacement.');
  await page.getByRole('button', { name: 'Assigner un support' }).click();
  await expect(page.getByRole('status')).toHaveText('Support assigné.');
  await expect(taken.getByRole('link', { name: /Lancement Cool Startup/ })).toBeVisible();

  // The audit journal keeps the reason.
  await open(page, '/administration/journal?action=assign_support');
  await expect(page.getByText('Même salle que le lancement : aucun déplacement.').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('a salesperson moves a card on the events board, by its menu and by dragging it', async ({ page }) => {
  const problems = watchForProblems(page);
  const card = 'Afterwork Cool Startup';
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/evenements');
  await page.getByRole('link', { name: 'Vue tableau' }).click();
  await hydrated(page);
  const column = (name: string) => page.locator('section.board-column', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
  const cardIn = (name: string) => column(name).locator('li.board-card', { has: page.getByRole('link', { name: card }) });
  await expect(cardIn('À planifier')).toBeVisible();

  // By its menu, as a keyboard would.
  await cardIn('À planifier').getByLabel(`Déplacer « ${card} » vers`).selectOption({ label: 'Confirmé' });
  await cardIn('À planifier').getByRole('button', { name: 'Déplacer' }).click();
  await expect(page.getByRole('status')).toHaveText('État de l’événement mis à jour.');
  await expect(cardIn('Confirmé')).toBeVisible();
  await expect(cardIn('À planifier')).toHaveCount(0);

  // Dragged (by its title) where the dates decide: refused, with the reason, and the card stays.
  await hydrated(page);
  await cardIn('Confirmé').getByRole('link', { name: card }).dragTo(column('Terminé'));
  await expect(page.getByRole('alert')).toContainText('suivent les dates');
  await expect(cardIn('Confirmé')).toBeVisible();

  // Dragged back where it was: the demo as it was.
  await hydrated(page);
  await cardIn('Confirmé').getByRole('link', { name: card }).dragTo(column('À planifier'));
  await expect(page.getByRole('status')).toHaveText('État de l’événement mis à jour.');
  await expect(cardIn('À planifier')).toBeVisible();
  expect(problems).toEqual([]);
});
