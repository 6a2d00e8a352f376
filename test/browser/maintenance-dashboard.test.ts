// The credential maintenance dashboard in a browser at phone size: the learner
// opens it from the signed link, adds CE from elsewhere with an evidence file,
// sees the dashboard change, and downloads the audit PDF, which reads back;
// then moves credit between topic requirements by hand, is told when a split
// asks for more than the source has, and undoes the move.
// Screenshots (phone and desktop) go to test-results/screenshots/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { launchChromium } from '../support/browser.js';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity } from '../support/fixtures.js';
import { createCeOutcomesClient } from '../../src/client/index.js';
import { dashboardLink } from '../../src/maintenance/links.js';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
let stack: TestStack;
let browser: Browser;
let evidence: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack();
  const api = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.API_TOKEN });
  await api.putActivity('dash-101', sampleActivity());
  await api.enroll('dash-101', {
    learner: {
      id: 'dash-1',
      name: 'Maria Ortiz',
      email: 'maria@example.org',
      profession: 'laboratory_professional',
      credentials: [
        {
          kind: 'ascp_certification',
          subtype: 'MLS',
          identifier: 'ASCP-9',
          cycleStartsOn: '2025-01-01',
          cycleEndsOn: '2027-12-31',
        },
        {
          kind: 'state_licence',
          state: 'FL',
          subtype: 'technologist',
          category: 'microbiology',
          identifier: 'TN9',
          cycleEndsOn: '2027-01-31',
        },
      ],
    },
  });
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Certificate of attendance');
  evidence = join(SHOTS, 'evidence.pdf');
  writeFileSync(evidence, await doc.save());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the credential maintenance dashboard', () => {
  it('takes CE from elsewhere with an evidence file at phone size, and counts it', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(dashboardLink(stack.ctx, 'dash-1'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Your credential maintenance');
    expect(await page.locator('body').textContent()).toContain('0 of 36 points');
    await page.screenshot({ path: join(SHOTS, 'maintenance-phone-before.png'), fullPage: true });

    await page.getByRole('link', { name: 'Add CE from elsewhere' }).click();
    await page.getByLabel('Title').fill('Preventing medical errors in the lab');
    await page.getByLabel('Provider (who offered it)').fill('Florida Society for Medical Technology');
    await page.getByLabel('Completed on').fill('2026-05-04');
    await page.getByLabel('Hours or points').fill('-2');
    await page.getByLabel('Preventing medical errors').check();
    await page.setInputFiles('#evidence', evidence);
    await page.getByRole('button', { name: 'Add it' }).click();
    // Refused by its field, what was typed kept.
    expect(await page.locator('#amount-error').textContent()).toContain('more than 0');
    expect(await page.getByLabel('Title').inputValue()).toBe('Preventing medical errors in the lab');
    await page.screenshot({ path: join(SHOTS, 'maintenance-phone-refused.png'), fullPage: true });

    await page.getByLabel('Hours or points').fill('2');
    await page.setInputFiles('#evidence', evidence);
    await page.getByRole('button', { name: 'Add it' }).click();
    const text = await page.locator('body').textContent();
    expect(text).toContain('Added.');
    expect(text).toContain('2 of 36 points');
    expect(text).toContain('2 of 24 hours');
    await page.screenshot({ path: join(SHOTS, 'maintenance-phone-after.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /audit/ }).click();
    const pdf = await (await download).path();
    const doc = await getDocument({ url: pdf }).promise;
    const first = (await (await doc.getPage(1)).getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join(' ');
    expect(first).toContain('Maria Ortiz');
    expect(first).toContain('2 of 36 points');
    await context.close();

    const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await desktop.goto(dashboardLink(stack.ctx, 'dash-1'));
    await desktop.screenshot({ path: join(SHOTS, 'maintenance-desktop.png'), fullPage: true });
    await desktop.close();
  });

  it('moves credit between topics by hand, refuses a split larger than its source, and undoes it', async () => {
    const form = new FormData();
    const fields = {
      title: 'Transfusion chemistry',
      provider: 'AABB',
      completedOn: '2026-03-01',
      amount: '2',
    };
    for (const [k, v] of Object.entries({ ...fields, kind: 'course', topics: 'blood_banking,chemistry' }))
      form.append(k, v);
    form.append('evidence', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'letter.pdf');
    const added = await fetch(`${stack.baseUrl}/learners/dash-1/ce-entries`, {
      method: 'POST',
      headers: stack.auth.enrollment,
      body: form,
    });
    expect(added.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(dashboardLink(stack.ctx, 'dash-1'));
    const mls = page.locator('.card', { hasText: 'ASCP BOC' }).first();
    // A row's first cell starts with its topic (the reason under it may name another).
    const topicRow = (topic: string) =>
      mls
        .locator('tbody tr')
        .filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${topic}`) }) });
    // The best allocation gives the 2 hours to one of the two topics.
    await mls.getByText('Move credit between topics').click();
    const split = mls.locator('form', { hasText: 'Transfusion chemistry' });
    await split.getByLabel('Chemistry').fill('2');
    await split.getByLabel('Blood banking').fill('0');
    await page.screenshot({ path: join(SHOTS, 'maintenance-phone-move.png'), fullPage: true });
    await split.getByRole('button', { name: 'Save this split' }).click();
    expect(await page.locator('.notice').textContent()).toBe('Your split is saved.');
    expect(await topicRow('Chemistry').locator('td').nth(1).textContent()).toBe('2');
    expect(await topicRow('Blood banking').locator('td').nth(1).textContent()).toBe('0');
    expect(await mls.textContent()).toContain('moved by you');

    await mls.getByText('Move credit between topics').click();
    await split.getByLabel('Chemistry').fill('2');
    await split.getByLabel('Blood banking').fill('2');
    await split.getByRole('button', { name: 'Save this split' }).click();
    const warning = await page.locator('.warning[role=alert]').textContent();
    expect(warning).toBe('We could not move this credit: more than the 2 points it is worth.');
    await page.screenshot({ path: join(SHOTS, 'maintenance-phone-move-refused.png'), fullPage: true });
    expect(await topicRow('Blood banking').locator('td').nth(1).textContent()).toBe('0');

    await mls.getByText('Move credit between topics').click();
    await mls.getByRole('button', { name: 'Undo my moves (best allocation)' }).click();
    expect(await page.locator('.notice').textContent()).toBe(
      'Back to the allocation that meets the most requirements.',
    );
    expect(await page.locator('body').textContent()).not.toContain('moved by you');
    await page.close();
  });
});
