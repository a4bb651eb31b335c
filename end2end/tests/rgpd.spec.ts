import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import { open, signInAs, watchForProblems } from './helpers';

test('management anonymises a client and the export afterwards holds no personal data', async ({ page }) => {
  const problems = watchForProblems(page);
  const stamp = Date.now().toString().slice(-6);
  const name = `Sidonie Marchal ${stamp}`;
  const email = `sidonie.marchal.${stamp}@marchal-fetes.fr`;

  // A salesperson records the client…
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients/nouveau');
  await page.getByLabel('Nom complet').fill(name);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Téléphone').fill('06 55 44 33 22');
  await page.getByLabel('Entreprise').fill(`Marchal Fêtes ${stamp}`);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  const clientUrl = page.url().split('?')[0];
  await expect(page.getByRole('button', { name: 'Télécharger ses données (JSON)' })).toHaveCount(0);

  // …management anonymises it, after a confirmation page that says what will change…
  await signInAs(page, 'gestion@epic-events.fr');
  await open(page, clientUrl);
  await page.getByRole('link', { name: 'Anonymiser' }).click();
  await expect(page.getByRole('heading', { name: `Anonymiser le client : ${name}` })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('Je confirme l’anonymisation définitive de ce client.').check();
  await page.getByRole('button', { name: 'Anonymiser définitivement' }).click();
  await expect(page.getByRole('status')).toHaveText('Anonymisation effectuée.');
  await expect(page.getByRole('heading', { name: /^Anonyme [0-9A-F]{10}$/ })).toBeVisible();
  await expect(page.getByText('Client anonymisé')).toBeVisible();

  // …and the export downloaded afterwards holds nothing personal.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger ses données (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^client-[0-9a-f-]{36}\.json$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const exported = JSON.parse(text);
  expect(exported.client.full_name).toMatch(/^Anonyme /);
  expect(exported.audit_records.map((r: { action: string }) => r.action)).toContain('anonymise');
  for (const personal of ['Sidonie', 'Marchal', email, '55 44 33 22', '+33655443322']) {
    expect(text).not.toContain(personal);
  }

  // The journal shows both the anonymisation and the export.
  await open(page, '/administration/journal?entity=client');
  await expect(page.getByRole('heading', { name: /Journal d’audit/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Anonymisation' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Export des données' }).first()).toBeVisible();
  await open(page, '/administration/securite?kind=anonymise');
  await expect(page.locator('tbody').getByText('Anonymisation').first()).toBeVisible();

  // Other teams are refused the RGPD tools.
  await signInAs(page, 'support@epic-events.fr');
  await open(page, '/administration/rgpd');
  await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible();
  expect(problems).toEqual([]);
});
