import { expect, Locator, Page, ConsoleMessage } from '@playwright/test';

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
  await expect(page.getByRole('heading', { name: 'Ma journée', level: 1 })).toBeVisible();
}

export async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

/** The demo's events are dated from the day it was loaded: `days` from today, in Paris. */
export function demoDay(days: number): Date {
  return new Date(Date.now() + days * 24 * 3600 * 1000);
}

/** A day as the pages write it ("4 décembre 2026"). */
export function frenchDay(day: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(day);
}

/** A day as a URL takes it ("2026-12-04"), in Paris. */
export function isoDay(day: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day);
}

/** Chooses the option of `select` whose text starts with `name`: the support choice adds each
 *  person's week to their name ("Sarah Support — 2 événements, 12 h cette semaine"). */
export async function chooseOption(select: Locator, name: string) {
  const option = select.locator('option').filter({ hasText: new RegExp(`^${name}`) });
  await select.selectOption((await option.first().getAttribute('value'))!);
}
