import { test, expect } from '@playwright/test';
import { open, signInAs, watchForProblems } from './helpers';

test('a salesperson notes a call on a client, corrects it, and sees it in the timeline', async ({ page }) => {
  const problems = watchForProblems(page);
  const stamp = Date.now().toString().slice(-6);
  const clientName = `Aline Roux ${stamp}`;

  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients/nouveau');
  await page.getByLabel('Nom complet').fill(clientName);
  await page.getByLabel('Adresse e-mail').fill(`aline.roux.${stamp}@roux.fr`);
  await page.getByLabel('Téléphone').fill('06 11 22 33 44');
  await page.getByLabel('Entreprise').fill('Roux & Fils');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: clientName })).toBeVisible();
  const clientUrl = new URL(page.url()).pathname;

  const timeline = page.locator('#notes');
  await expect(timeline.getByRole('heading', { name: 'Notes et historique' })).toBeVisible();
  // An empty note is refused, the kind chosen kept.
  await timeline.getByText('Ajouter une note').click();
  await timeline.getByLabel('Type').selectOption({ label: 'Rendez-vous' });
  await timeline.getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(page.getByText('Écrivez le texte de la note.').first()).toBeVisible();
  await expect(page.locator('#notes').getByLabel('Type')).toHaveValue('meeting');

  await page.locator('#notes').getByLabel('Type').selectOption({ label: 'Appel' });
  await page.locator('#notes').getByLabel('Texte').fill('Rappelée : d’accord pour 80 invités,\nnouveau devis à envoyer.');
  await page.locator('#notes').getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(page.getByRole('status')).toHaveText('La note a été ajoutée.');
  const note = page.locator('#notes li.note').first();
  await expect(note).toContainText('Appel');
  await expect(note).toContainText('Camille Commerce');
  await expect(note).toContainText('nouveau devis à envoyer.');
  // Newest first: the note comes before the client's creation.
  await expect(page.locator('#notes .timeline > li').last()).toContainText('a créé');

  // Its author corrects it for 15 minutes.
  await note.getByRole('link', { name: 'Corriger la note' }).click();
  await page.getByLabel('Texte').fill('Rappelée : d’accord pour 90 invités.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toHaveText('La note a été corrigée.');
  await expect(page.locator('#notes li.note').first()).toContainText('90 invités');
  await expect(page.locator('#notes')).toContainText('a corrigé une note');

  // Another salesperson reads it but cannot write on this client.
  await signInAs(page, 'commercial2@epic-events.fr');
  await open(page, clientUrl);
  await expect(page.locator('#notes li.note').first()).toContainText('90 invités');
  await expect(page.locator('#notes').getByText('Ajouter une note')).toHaveCount(0);
  expect(problems).toEqual([]);
});
