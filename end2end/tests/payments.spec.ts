import { test, expect } from '@playwright/test';
import { open, signInAs, watchForProblems } from './helpers';

/** An amount as the pages write it, whatever spaces separate its groups ("3 800,00 €"). */
function money(euros: string): RegExp {
  return new RegExp(euros.replace(/ /g, '\\s') + ',00\\s€');
}

test('a salesperson records a payment and sees what remains drop', async ({ page }) => {
  const problems = watchForProblems(page);
  const stamp = Date.now().toString().slice(-6);
  const clientName = `Paule Paiement ${stamp}`;

  // A client of their own and a contract of 5 000 € (new records: the demo data stays as it is).
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients/nouveau');
  await page.getByLabel('Nom complet').fill(clientName);
  await page.getByLabel('Adresse e-mail').fill(`paule.paiement.${stamp}@paiement.fr`);
  await page.getByLabel('Téléphone').fill('06 44 55 66 77');
  await page.getByLabel('Entreprise').fill('Paiement & Cie');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: clientName })).toBeVisible();
  await page.getByRole('link', { name: 'Nouveau contrat' }).click();
  await expect(page.getByLabel('Reste à payer')).toHaveCount(0);
  await page.getByLabel('Montant total').fill('5 000');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Non signé', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: money('5 000') })).toHaveCount(2);

  // Its schedule: one "Solde", the whole total, on a day still to fix (no event yet).
  const schedule = page.locator('#echeancier');
  await expect(schedule.getByRole('cell', { name: /^Solde · reste du total/ })).toBeVisible();
  await expect(schedule).toContainText('À fixer');
  await expect(schedule.getByText('À venir')).toBeVisible();

  // More than what remains is refused, the amount typed kept.
  const payments = page.locator('#paiements');
  await payments.getByText('Enregistrer un paiement').click();
  await payments.getByLabel('Montant payé').fill('5 000,01');
  await payments.getByRole('button', { name: 'Enregistrer le paiement' }).click();
  await expect(page.getByText(/Ce paiement dépasse le reste à payer/).first()).toBeVisible();
  await expect(page.locator('#paiements').getByLabel('Montant payé')).toHaveValue('5 000,01');

  // 1 200 € by cheque, today: 3 800 € remain.
  await page.locator('#paiements').getByLabel('Montant payé').fill('1 200');
  await page.locator('#paiements').getByLabel('Moyen de paiement').selectOption({ label: 'Chèque' });
  await page.locator('#paiements').getByRole('button', { name: 'Enregistrer le paiement' }).click();
  await expect(page.getByRole('status')).toHaveText('Le paiement a été enregistré.');
  await expect(page.getByText(money('3 800')).first()).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: money('3 800') })).toBeVisible();
  const row = page.locator('#paiements tr.payment').first();
  await expect(row).toContainText('Chèque');
  await expect(row).toContainText(money('1 200'));
  await expect(page.locator('#echeancier tr.milestone').first()).toContainText('Payée en partie');
  await expect(page.locator('#notes')).toContainText('a enregistré un paiement');

  // "Encaissements" is in the salesperson's menu.
  await page.getByRole('link', { name: 'Encaissements' }).click();
  await expect(page.getByRole('heading', { name: 'Encaissements', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Échéances en retard' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the demo shows milestones paid, due soon and late', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'gestion@epic-events.fr');
  await open(page, '/encaissements');
  // Kevin Casey's solde was due 7 days before his launch (in 2 days): late.
  await expect(page.locator('#en-retard')).toContainText('Kevin Casey');
  // Élodie Petit's solde falls due with her first event, in 13 days.
  await expect(page.locator('#a-echoir')).toContainText('Élodie Petit');
  await expect(page.locator('#par-mois tbody tr')).toHaveCount(6);
  expect(problems).toEqual([]);
});
