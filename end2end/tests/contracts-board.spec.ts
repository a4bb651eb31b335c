import { test, expect } from '@playwright/test';
import { hydrated, open, signInAs, watchForProblems } from './helpers';

test('a salesperson moves a contract along the pipeline board, and a signed one is locked', async ({ page }) => {
  const problems = watchForProblems(page);
  const stamp = Date.now().toString().slice(-6);
  const client = `Pia Pipeline ${stamp}`;

  // A client of their own and a contract (new records: the demo data stays as it is).
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients/nouveau');
  await page.getByLabel('Nom complet').fill(client);
  await page.getByLabel('Adresse e-mail').fill(`pia.pipeline.${stamp}@pipeline.fr`);
  await page.getByLabel('Téléphone').fill('06 44 55 66 78');
  await page.getByLabel('Entreprise').fill('Pipeline & Cie');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('link', { name: 'Nouveau contrat' }).click();
  await page.getByLabel('Montant total').fill('7 000');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Prospect', { exact: true }).first()).toBeVisible();

  await open(page, '/contrats');
  await page.getByRole('link', { name: 'Vue tableau' }).click();
  await expect(page.getByRole('heading', { name: 'Tableau des contrats', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Les miens' }).click();
  await hydrated(page);
  const column = (name: string) =>
    page.locator('section.board-column', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
  const cardIn = (name: string) => column(name).locator('li.board-card', { has: page.getByRole('link', { name: client }) });
  await expect(cardIn('Prospect')).toBeVisible();

  // By its menu, as a keyboard would.
  await cardIn('Prospect').getByLabel(`Déplacer « ${client} » vers`).selectOption({ label: 'Proposition' });
  await cardIn('Prospect').getByRole('button', { name: 'Déplacer' }).click();
  await expect(page.getByRole('status')).toHaveText('Étape du contrat mise à jour.');
  await expect(cardIn('Proposition')).toBeVisible();
  await expect(cardIn('Prospect')).toHaveCount(0);

  // Dragged to "Soldé": refused, with the reason, and the card stays.
  await hydrated(page);
  await cardIn('Proposition').getByRole('link', { name: client }).dragTo(column('Soldé'));
  await expect(page.getByRole('alert')).toContainText('paiements couvrent son total');
  await expect(cardIn('Proposition')).toBeVisible();

  // Dragged to "Signé": signed, as from its page.
  await hydrated(page);
  await cardIn('Proposition').getByRole('link', { name: client }).dragTo(column('Signé'));
  await expect(page.getByRole('status')).toHaveText('Contrat signé.');
  await expect(cardIn('Signé')).toBeVisible();
  // A signed contract does not go back: its card offers no move.
  await expect(cardIn('Signé').getByRole('button', { name: 'Déplacer' })).toHaveCount(0);

  // On its page, its salesperson may no longer change it, and is told why; payments go on.
  await cardIn('Signé').getByRole('link', { name: client }).click();
  await expect(page.getByRole('note')).toContainText('seule la direction modifie son montant');
  await expect(page.getByRole('link', { name: 'Modifier', exact: true })).toHaveCount(0);
  await expect(page.locator('#paiements').getByText('Enregistrer un paiement')).toBeVisible();
  expect(problems).toEqual([]);
});
