import { test, expect } from '@playwright/test';
import { chooseOption, isoDay, demoDay, open, signInAs, watchForProblems } from './helpers';

// After an event, its support writes the debrief; the salesperson is then reminded to propose
// the next edition. The event is a new one (three days ago), so the demo data stays as it was.
test('a debrief after the event reminds the salesperson to propose the next edition', async ({ page }) => {
  const problems = watchForProblems(page);
  const stamp = Date.now().toString().slice(-6);
  const title = `Atelier passé ${stamp}`;
  const day = isoDay(demoDay(-3));

  // The salesperson records the event that took place on Chloé Martin's contract (paid: its
  // schedule does not move with a new event).
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/contrats?q=martin');
  // The row's first link is the contract (its date), the second its client.
  await page.locator('tbody tr').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^Contrat/, level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Nouvel événement' }).click();
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Début').fill(`${day}T14:00`);
  await page.getByLabel('Fin').fill(`${day}T17:00`);
  await page.getByLabel('Lieu').fill('Salle Rameau, 69001 Lyon');
  await page.getByLabel('Participants').fill('30');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const eventUrl = page.url().split('?')[0];
  // Over already: no preparation checklist, and the debrief is still to write.
  await expect(page.getByRole('heading', { name: /^Préparation/ })).toHaveCount(0);
  await expect(page.locator('#debrief')).toContainText('Pas encore de débrief');

  // Management assigns the support who ran it.
  await signInAs(page, 'gestion@epic-events.fr');
  await open(page, eventUrl);
  await chooseOption(page.getByLabel('Contact support'), 'Sarah Support');
  await page.getByRole('button', { name: 'Assigner un support' }).click();
  await expect(page.getByRole('status')).toHaveText('Support assigné.');

  // The support writes the debrief; a satisfaction out of range is refused first.
  await signInAs(page, 'support@epic-events.fr');
  await open(page, eventUrl);
  const debrief = page.locator('#debrief');
  await debrief.getByText('Écrire le débrief', { exact: true }).click();
  await debrief.getByLabel('Ce qui a bien marché').fill('Ateliers pleins, intervenants à l’heure.');
  await debrief.getByLabel('Ce qui n’a pas marché').fill('Pas assez de prises électriques.');
  await debrief.getByLabel('Satisfaction du client (1 à 5)').fill('9');
  await debrief.getByLabel('Participants venus').fill('27');
  await debrief.getByRole('button', { name: 'Enregistrer le débrief' }).click();
  await expect(page.getByText('Indiquez une satisfaction de 1 à 5.').first()).toBeVisible();
  await page.locator('#debrief').getByLabel('Satisfaction du client (1 à 5)').fill('4');
  await page.locator('#debrief').getByRole('button', { name: 'Enregistrer le débrief' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Débrief enregistré. Le commercial a une relance pour proposer la prochaine édition.',
  );
  await expect(page.locator('#debrief')).toContainText('4 / 5');
  await expect(page.locator('#debrief')).toContainText('27 (30 prévus)');

  // The salesperson has the follow-up, on the event and in their list.
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, eventUrl);
  await expect(page.locator('#relances')).toContainText(`Proposer la prochaine édition : ${title}`);
  await expect(page.locator('#debrief').getByText('Corriger le débrief')).toHaveCount(0);
  expect(problems).toEqual([]);
});
