import { expect, test } from '@playwright/test';

test('home page shows the course map and leads to a lesson', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Course map' })).toBeVisible();
  const map = page.locator('.cl-map');
  await expect(map.getByRole('link', { name: /CAP/ })).toBeVisible();
  await expect(map.getByRole('link', { name: /two-phase commit/i })).toBeVisible();
  await map.getByRole('link', { name: /CAP/ }).click();
  await expect(page).toHaveURL(/\/foundations\/cap\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CAP');
});

test('the sidebar follows the curriculum and prev/next links connect lessons', async ({ page }) => {
  await page.goto('/foundations/cap/');
  const sidebar = page.locator('nav[aria-label="Main"]');
  await expect(sidebar.getByText('Foundations')).toBeVisible();
  await expect(sidebar.getByText('Transactions across services')).toBeVisible();
  await page.locator('.pagination-links a[rel="next"]').click();
  await expect(page).toHaveURL(/consistency-models/);
  await page.locator('.pagination-links a[rel="next"]').click();
  await expect(page).toHaveURL(/two-phase-commit/);
});

test('search finds a lesson by a term it teaches', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  const input = page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' });
  await input.fill('linearizability');
  const result = page.locator('.pagefind-ui__result-link').first();
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute('href', /foundations\/(consistency-models|cap)/);
  await input.fill('presumed abort');
  await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /two-phase-commit/);
});
