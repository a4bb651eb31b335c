import { expect, Page, ConsoleMessage } from '@playwright/test';

export const PASSWORD = 'EpicEvents-Demo-2026';

/** Console errors and page crashes; refusals a test provokes on purpose (4xx) are expected. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    if (message.type() === 'error' && !/status of 4\d\d/.test(text)) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Waits until the WASM has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** Fills and submits the sign-in form of the current page. */
export async function submitSignIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Starts a fresh session as `email`, landing on the dashboard. */
export async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await page.goto('/connexion');
  await hydrated(page);
  await submitSignIn(page, email);
  await expect(page.getByRole('heading', { name: 'Tableau de bord' })).toBeVisible();
}

export async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}
