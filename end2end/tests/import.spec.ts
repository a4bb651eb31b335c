import { test, expect } from '@playwright/test';
import { open, signInAs, watchForProblems } from './helpers';

test('a salesperson imports a CSV file with two errors and one duplicate, updating the duplicate', async ({ page }) => {
  const problems = watchForProblems(page);
  const stamp = Date.now().toString().slice(-6);
  const known = `Nina Durand ${stamp}`;
  const knownEmail = `nina.durand.${stamp}@durand-events.fr`;
  const imported = `Zoé Import ${stamp}`;

  // A client of the salesperson's already…
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients/nouveau');
  await page.getByLabel('Nom complet').fill(known);
  await page.getByLabel('Adresse e-mail').fill(knownEmail);
  await page.getByLabel('Téléphone').fill('06 11 22 33 44');
  await page.getByLabel('Entreprise').fill('Durand Événements');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: known })).toBeVisible();

  // …then a spreadsheet's file: one new client, two bad rows, the known client with a new phone.
  await open(page, '/clients');
  await page.getByRole('link', { name: 'Importer (CSV)' }).click();
  await expect(page.getByRole('heading', { name: 'Importer des clients (CSV)', level: 1 })).toBeVisible();
  const csv = [
    'Nom complet;E-mail;Téléphone;Société',
    `${imported};zoe.import.${stamp}@exemple.fr;06 55 44 33 22;Import & Cie`,
    `Sans Arobase;sans-arobase.exemple.fr;06 55 44 33 23;Import & Cie`,
    `=HYPERLINK("http://exemple.invalid");formule.${stamp}@exemple.fr;06 55 44 33 24;Import & Cie`,
    `${known};${knownEmail.toUpperCase()};07 22 33 44 55;Durand Événements`,
  ].join('\r\n');
  await page.getByLabel('Fichier CSV').setInputFiles({
    name: 'clients.csv',
    mimeType: 'text/csv',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
  });
  await page.getByRole('button', { name: 'Prévisualiser' }).click();

  await expect(page.getByRole('heading', { name: 'Aperçu de l’import', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(
    '4 lignes : 1 nouveau client, 1 doublon probable, 2 lignes en erreur.',
  );
  await expect(page.getByText('Cette adresse e-mail n’est pas valide.')).toBeVisible();
  await expect(page.getByText(/une formule de tableur/)).toBeVisible();
  const duplicate = page.getByRole('row').filter({ hasText: '07 22 33 44 55' });
  await expect(duplicate.getByRole('link', { name: known })).toBeVisible();
  await expect(duplicate.getByRole('radio', { name: 'Ignorer' })).toBeChecked();
  await duplicate.getByRole('radio', { name: 'Mettre à jour' }).check();
  await page.getByRole('button', { name: 'Confirmer l’import' }).click();

  await expect(page.getByRole('heading', { name: 'Import terminé', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('1 client créé, 1 mis à jour, 2 ignorés.');
  await page.getByRole('link', { name: 'Voir la liste des clients' }).click();
  await expect(page.getByRole('heading', { name: /^Clients/, level: 1 })).toBeVisible();
  await open(page, `/clients?q=${encodeURIComponent(stamp)}`);
  await expect(page.getByRole('link', { name: imported })).toBeVisible();
  const updated = page.getByRole('row').filter({ hasText: known });
  await expect(updated).toContainText('+33 7 22 33 44 55');
  await expect(page.getByText('HYPERLINK')).toHaveCount(0);
  expect(problems).toEqual([]);
});
