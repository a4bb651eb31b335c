import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { demoDay, isoDay, open, signInAs, watchForProblems } from './helpers';

test('a salesperson’s morning: the home queues, a client, a note, a follow-up due today on the home page', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'commercial@epic-events.fr');

  // The demo's work waits on the home page: a contract to sign, follow-ups overdue and due today.
  const toSign = page.locator('#contracts-to-sign');
  await expect(toSign.getByRole('heading', { name: /Contrats à faire signer/ })).toBeVisible();
  await expect(toSign.getByRole('link', { name: /Jeanne Moreau/ })).toBeVisible();
  const due = page.locator('#follow-ups-due');
  await expect(due.getByRole('link', { name: 'Relancer pour le solde de 20 000 €' })).toBeVisible();
  await expect(due.getByText('En retard').first()).toBeVisible();

  // From the queue to the client, a note and a follow-up for today.
  await toSign.getByRole('link', { name: /Jeanne Moreau/ }).click();
  await expect(page.getByRole('heading', { name: /Contrat/ }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Jeanne Moreau' }).first().click();
  await expect(page.getByRole('heading', { name: 'Jeanne Moreau', level: 1 })).toBeVisible();
  const stamp = Date.now().toString().slice(-6);
  await page.locator('#notes').getByText('Ajouter une note').click();
  await page.locator('#notes').getByLabel('Texte').fill(`Appel du matin ${stamp} : signature promise.`);
  await page.locator('#notes').getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(page.getByRole('status')).toHaveText('La note a été ajoutée.');
  const followUps = page.locator('#relances');
  await followUps.getByText('Ajouter une relance').click();
  await followUps.getByLabel('À faire').fill(`Vérifier la signature ${stamp}`);
  await followUps.getByLabel('Échéance').fill(isoDay(demoDay(0)));
  await followUps.getByRole('button', { name: 'Enregistrer la relance' }).click();
  await expect(page.getByRole('status')).toHaveText('La relance a été ajoutée.');

  await page.getByRole('link', { name: 'Ma journée' }).click();
  await expect(page.locator('#follow-ups-due').getByRole('link', { name: `Vérifier la signature ${stamp}` })).toBeVisible();
  // The queue's title opens the full list.
  await page.locator('#contracts-to-sign h2 a').click();
  await expect(page).toHaveURL(/\/contrats\?.*unsigned=1/);
  await expect(page.getByRole('link', { name: 'Jeanne Moreau' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('management’s home page shows the coming events without support and the team’s week', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'gestion@epic-events.fr');
  // The support queue's test assigns the soonest one: the demo's furthest within 30 days stays.
  const gaps = page.locator('#events-without-support');
  await expect(gaps.getByRole('link', { name: 'Répétition, mariage Petit' })).toBeVisible();
  await expect(gaps.getByText('Sans support').first()).toBeVisible();
  await expect(page.locator('#workload')).toContainText('Sarah Support');
  expect(problems).toEqual([]);
});

test('the calendar’s month view shows a demo event on its day, and the week view the same', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'support@epic-events.fr');
  await page.getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { name: 'Agenda', level: 1 })).toBeVisible();

  const launch = demoDay(2);
  await open(page, `/agenda?date=${isoDay(launch)}`);
  const day = page.locator('table.calendar td', { has: page.getByRole('link', { name: /Lancement Cool Startup/ }) });
  await expect(day).toHaveCount(1);
  await expect(day.locator('.day-number')).toHaveText(String(Number(isoDay(launch).slice(8))));
  await expect(day.getByRole('link', { name: /14:00 Lancement Cool Startup/ })).toBeVisible();

  await page.getByRole('link', { name: 'Semaine' }).click();
  await expect(page).toHaveURL(/vue=semaine/);
  await expect(page.getByRole('link', { name: /Lancement Cool Startup/ })).toBeVisible();

  // The filters live in the URL.
  await page.getByLabel('Sans support').check();
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/without_support=1/);
  await expect(page).toHaveURL(/vue=semaine/);
  await expect(page.getByRole('link', { name: /Lancement Cool Startup/ })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('on a phone the calendar shows the month as a list', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInAs(page, 'support@epic-events.fr');
  await open(page, `/agenda?date=${isoDay(demoDay(2))}`);
  await expect(page.locator('table.calendar')).toBeHidden();
  await expect(page.locator('.agenda-phone-list').getByRole('link', { name: /Lancement Cool Startup/ })).toBeVisible();
  await context.close();
});

test('a list’s export downloads its rows with French columns and accents', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'commercial@epic-events.fr');
  await open(page, '/clients?mine=1');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exporter (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf-8').split('\r\n');
  expect(lines[0]).toBe('Nom complet;Adresse e-mail;Téléphone;Entreprise;Contact commercial;Prospect;Créé le;Dernier contact');
  expect(lines.some((line) => line.startsWith('Chloé Martin;chloe.martin@martin-associes.fr;'))).toBe(true);
  expect(lines.some((line) => line.startsWith('Élodie Petit'))).toBe(false);
  expect(problems).toEqual([]);
});
