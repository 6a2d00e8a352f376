// The API's documentation in a real browser: Swagger UI at /docs renders the
// OpenAPI document @fastify/swagger generates, loading nothing from elsewhere.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/browser.js';
import { startStack, type TestStack } from '../support/stack.js';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack({ worker: false });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('renders /docs with every tag of the API and an operation that can be opened', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(stack.baseUrl) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await page.goto(`${stack.baseUrl}/docs`);
  await page.waitForSelector('.swagger-ui .opblock-tag');
  await expect(page.locator('.swagger-ui .title').first().textContent()).resolves.toContain('ce-outcomes');
  const tags = await page.locator('.opblock-tag').allTextContents();
  for (const tag of ['enrollment', 'certificates', 'reports', 'operations', 'system'])
    expect(tags.some((t) => t.startsWith(tag))).toBe(true);

  const put = page.locator('.opblock-put', { hasText: '/activities/{activityId}' }).first();
  await put.locator('.opblock-summary').click();
  await expect(put.locator('.opblock-body').textContent()).resolves.toContain('policy');
  await page.screenshot({ path: `${SHOTS}/api-docs.png` });
  expect(outside).toEqual([]);
  await page.close();
});
