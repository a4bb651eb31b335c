import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { hydrated, open, signInAs, watchForProblems } from './helpers';

// The event's support prepares the day: adds a step to the run sheet through its plain form,
// sees it on the page, then downloads the PDF made on the server, which holds the timeline.
// The step is removed at the end: the specs share one demo database.
test('support adds a step to the run sheet and prints it as a PDF', async ({ page }) => {
  const problems = watchForProblems(page);
  await signInAs(page, 'support@epic-events.fr');

  await open(page, '/evenements?mine=1');
  await page.getByRole('link', { name: 'Lancement Cool Startup', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Lancement Cool Startup', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Feuille de route', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Déroulé de la journée' })).toBeVisible();
  await hydrated(page);
  // The demo's sheet: the contact on site and a step of the day.
  await expect(page.getByText('Marc Lefèvre, régisseur du château')).toBeVisible();
  await expect(page.getByText('Discours de lancement', { exact: true })).toBeVisible();

  // A step outside the event's days is refused, with the reason under the field.
  const timeline = page.locator('#deroule');
  await timeline.getByText('Ajouter une étape', { exact: true }).click();
  await timeline.getByLabel('Horaire').fill('2000-01-01T10:00');
  await timeline.getByLabel('Type d’étape').selectOption('programme');
  await timeline.getByLabel('Libellé').fill('Photo de groupe');
  await timeline.getByRole('button', { name: 'Enregistrer l’étape' }).click();
  await expect(timeline.getByText('L’horaire doit se situer entre la veille du début et le lendemain de la fin de l’événement.').first()).toBeVisible();

  // The event's start is offered: a step then, as the form suggests. (The page's address
  // carries the refused form back; the page without it starts afresh.)
  await open(page, page.url().split('?')[0]);
  await hydrated(page);
  await timeline.getByText('Ajouter une étape', { exact: true }).click();
  await timeline.getByLabel('Type d’étape').selectOption('programme');
  await timeline.getByLabel('Libellé').fill('Photo de groupe');
  await timeline.getByLabel('Précisions').fill('Sur le perron, côté jardin.');
  await timeline.getByRole('button', { name: 'Enregistrer l’étape' }).click();
  await expect(page.getByText('L’étape a été ajoutée.')).toBeVisible();
  await expect(timeline.getByText('Photo de groupe', { exact: true })).toBeVisible();
  await expect(timeline.getByText('Sur le perron, côté jardin.', { exact: true })).toBeVisible();

  // The PDF: a download, parsed back, holding the timeline.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger le PDF', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^feuille-de-route-[0-9a-f-]{36}\.pdf$/);
  const parser = new PDFParse({ data: await readFile(await download.path()) });
  const { text } = await parser.getText();
  await parser.destroy();
  for (const expected of ['Lancement Cool Startup', 'Photo de groupe', 'Discours de lancement', 'Ouverture des portes', 'Marc Lefèvre']) {
    expect(text, expected).toContain(expected);
  }

  // Leave the demo as it was.
  await timeline.getByRole('button', { name: 'Supprimer l’étape : Photo de groupe', exact: true }).click();
  await expect(page.getByText('L’étape a été supprimée.')).toBeVisible();
  await expect(timeline.getByText('Photo de groupe', { exact: true })).toHaveCount(0);
  expect(problems).toEqual([]);
});
