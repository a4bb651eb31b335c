import { test, expect } from '@playwright/test';
import { chooseOption, demoDay, hydrated, isoDay, open, signInAs, watchForProblems } from './helpers';

test('from a new client to an event its support collaborator updates', async ({ page }) => {
  const problems = watchForProblems(page);
  const stamp = Date.now().toString().slice(-6);
  const clientName = `Bruno Laval ${stamp}`;
  const eventTitle = `Gala Laval ${stamp}`;

  // A salesperson creates a client…
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients');
  await page.getByRole('link', { name: 'Nouveau client' }).click();
  await page.getByLabel('Nom complet').fill(clientName);
  await page.getByLabel('Adresse e-mail').fill(`bruno.laval.${stamp}@laval-events.fr`);
  await page.getByLabel('Téléphone').fill('06 11 22 33 44');
  await page.getByLabel('Entreprise').fill('Laval Événements');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: clientName })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Enregistré.');
  await expect(page.getByRole('definition').filter({ hasText: '+33 6 11 22 33 44' })).toBeVisible();
  await expect(page.getByText('Prospect', { exact: true }).first()).toBeVisible();

  // …a contract for it, with an amount the server checks…
  await page.getByRole('link', { name: 'Nouveau contrat' }).click();
  await page.getByLabel('Montant total').fill('-5 000');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Le montant ne peut pas être négatif.').first()).toBeVisible();
  await expect(page.getByLabel('Montant total')).toHaveValue('-5 000');
  await page.getByLabel('Montant total').fill('5 000');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Non signé', { exact: true }).first()).toBeVisible();

  // …signs it…
  await page.getByRole('button', { name: 'Signer le contrat' }).click();
  await expect(page.getByRole('status')).toHaveText('Contrat signé.');
  await expect(page.getByText('Signé', { exact: true }).first()).toBeVisible();
  const contractUrl = page.url().split('?')[0];

  // …and creates an event.
  await page.getByRole('link', { name: 'Nouvel événement' }).click();
  await page.getByLabel('Titre').fill(eventTitle);
  await page.getByLabel('Début').fill('2027-05-20T18:00');
  await page.getByLabel('Fin').fill('2027-05-21T01:00');
  await page.getByLabel('Lieu').fill('Hôtel de Ville, 37000 Tours');
  await page.getByLabel('Participants').fill('150');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: eventTitle })).toBeVisible();
  await expect(page.getByText('20 mai 2027 à 18:00').first()).toBeVisible();
  await expect(page.getByText('Sans support').first()).toBeVisible();
  const eventUrl = page.url().split('?')[0];
  expect(contractUrl).toContain('/contrats/');

  // Management assigns a support collaborator.
  await signInAs(page, 'gestion@epic-events.fr');
  await open(page, '/evenements?without_support=1');
  await page.getByRole('link', { name: eventTitle }).click();
  await chooseOption(page.getByLabel('Contact support'), 'Sarah Support');
  await page.getByRole('button', { name: 'Assigner un support' }).click();
  await expect(page.getByRole('status')).toHaveText('Support assigné.');

  // That support collaborator finds it under "mine" and updates its notes.
  await signInAs(page, 'support@epic-events.fr');
  await open(page, '/evenements');
  await page.getByRole('link', { name: 'Mes événements' }).click();
  await expect(page).toHaveURL(/mine=1/);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: 'Modifier' }).click();
  await page.getByLabel('Notes').fill('Accès traiteur par la cour, 17 h.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toHaveText('Modifications enregistrées.');
  await expect(page.getByText('Accès traiteur par la cour, 17 h.').first()).toBeVisible();

  // Another support collaborator sees no edit button, and a forged request is refused.
  await signInAs(page, 'support2@epic-events.fr');
  await open(page, eventUrl);
  await expect(page.getByRole('heading', { name: eventTitle })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
  const eventId = eventUrl.split('/').pop()!;
  const forged = await page.request.post('/api/update_event', {
    headers: { Origin: new URL(page.url()).origin },
    form: {
      id: eventId,
      version: '3',
      'form[title]': 'Piraté',
      'form[starts_at]': '2027-05-20T18:00',
      'form[ends_at]': '2027-05-21T01:00',
      'form[location]': 'Ailleurs',
      'form[attendees]': '1',
      'form[notes]': 'piraté',
    },
  });
  expect(forged.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole('heading', { name: eventTitle })).toBeVisible();
  await expect(page.getByText('Accès traiteur par la cour, 17 h.').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('filters and search narrow the lists, and live in the URL', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients');
  const rows = page.locator('tbody tr');
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(6);

  await page.getByRole('link', { name: 'Prospects' }).click();
  await expect(page).toHaveURL(/prospects=1/);
  await expect(page.getByRole('link', { name: 'Lucas Bernard' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kevin Casey' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Mes clients' }).click();
  await expect(page).toHaveURL(/mine=1/);
  await expect(page.getByRole('link', { name: 'Antoine Dubois' })).toHaveCount(0);

  await open(page, '/clients');
  await page.getByRole('searchbox').fill('moreau');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/q=moreau/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Jeanne Moreau' })).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/q=moreau/);
  await expect(rows).toHaveCount(all);

  await open(page, '/contrats');
  await page.getByRole('link', { name: 'Non signés' }).click();
  await expect(page.getByRole('link', { name: 'Jeanne Moreau' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kevin Casey' })).toHaveCount(0);

  await open(page, `/evenements?from=${isoDay(demoDay(45))}&to=${isoDay(demoDay(55))}`);
  await expect(page.getByRole('link', { name: /Séminaire annuel/ })).toBeVisible();
  // The wedding itself is months later (its wine tasting, in range, is another event).
  await expect(page.getByRole('link', { name: 'Mariage Petit', exact: true })).toHaveCount(0);

  await open(page, '/clients?page=-1');
  await expect(page.getByRole('heading', { name: 'Paramètres invalides' })).toBeVisible();
  expect(problems).toEqual([]);
});
