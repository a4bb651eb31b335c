import { test, expect } from '@playwright/test';
import { hydrated as waitForHydration, submitSignIn as signIn, watchForProblems } from './helpers';

const ACCOUNTS = [
  { email: 'gestion@epic-events.fr', name: 'Gabrielle Gestion', department: 'Gestion', admin: true },
  { email: 'commercial@epic-events.fr', name: 'Camille Commerce', department: 'Commercial', admin: false },
  { email: 'commercial2@epic-events.fr', name: 'Hugo Vendeur', department: 'Commercial', admin: false },
  { email: 'support@epic-events.fr', name: 'Sarah Support', department: 'Support', admin: false },
  { email: 'support2@epic-events.fr', name: 'Yanis Assistance', department: 'Support', admin: false },
];

for (const account of ACCOUNTS) {
  test(`${account.email} signs in, sees their name and department, and signs out`, async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto('/connexion');
    await waitForHydration(page);
    await signIn(page, account.email);

    const header = page.getByRole('banner');
    await expect(header.getByText(account.name)).toBeVisible();
    await expect(header.getByText(account.department, { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ma journée', level: 1 })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.getByRole('link', { name: 'Clients' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Administration' })).toHaveCount(account.admin ? 1 : 0);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
    await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();

    // The old session is gone on the server: protected pages send back to sign-in.
    await page.goto('/clients');
    await expect(page).toHaveURL(/\/connexion\?next=\/clients$/);
    expect(problems).toEqual([]);
  });
}

test('a protected page sends to sign-in and back after signing in', async ({ page }) => {
  await page.goto('/evenements');
  await expect(page).toHaveURL(/\/connexion\?next=\/evenements$/);
  await waitForHydration(page);
  await signIn(page, 'support@epic-events.fr');
  await expect(page).toHaveURL(/\/evenements$/);
  await expect(page.getByRole('heading', { name: 'Événements' })).toBeVisible();
  const current = page.getByRole('navigation').getByRole('link', { name: 'Événements' });
  await expect(current).toHaveAttribute('aria-current', 'page');
});

test('a wrong password gets one generic message, in place', async ({ page }) => {
  await page.goto('/connexion');
  await waitForHydration(page);
  await signIn(page, 'commercial@epic-events.fr', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  // Still the sign-in page: the refused post came back to it (with its error in the query).
  await expect(page).toHaveURL(/\/connexion(\?|$)/);
  await signIn(page, 'nobody@epic-events.fr', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
});

test('hydration runs: the show-password button works only with the WASM loaded', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('/connexion');
  await waitForHydration(page);
  const password = page.getByLabel('Mot de passe', { exact: true });
  await password.fill('secret');
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Afficher le mot de passe' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Masquer le mot de passe' }).click();
  await expect(password).toHaveAttribute('type', 'password');
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('signing in and out still works with plain form posts', async ({ page }) => {
    await page.goto('/contrats');
    await expect(page).toHaveURL(/\/connexion\?next=\/contrats$/);

    await signIn(page, 'gestion@epic-events.fr', 'wrong-password');
    await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');

    await signIn(page, 'gestion@epic-events.fr');
    await expect(page).toHaveURL(/\/contrats$/);
    await expect(page.getByRole('banner').getByText('Gabrielle Gestion')).toBeVisible();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
  });
});
