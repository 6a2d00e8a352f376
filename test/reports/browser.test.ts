// A committee member opens the report in a real browser: signs in with the
// token, reads the verdicts and charts, downloads the CSV (same numbers), and
// records a review with the form. Screenshots land in test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { mkdirSync } from 'node:fs';
import { startStack, type TestStack } from '../support/stack.js';
import { COHORT_A, COHORT_SILENT, COHORT_SMALL, seedActivity, seedProgram } from './seed.js';
import { formatMeasure } from '../../src/reports/views/labels.js';

const SHOTS = 'test-results/screenshots';
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack({ worker: false });
  await seedProgram(stack.db, 'cardio', 'Cardiology CME');
  await seedActivity(
    stack.db,
    { id: 'act-a', programId: 'cardio', title: 'Chest pain pathways', startsAt: '2026-01-15T14:00:00Z' },
    COHORT_A,
  );
  await seedActivity(
    stack.db,
    { id: 'act-small', programId: 'cardio', title: 'Lipids in practice', startsAt: '2026-01-20T14:00:00Z' },
    COHORT_SMALL,
  );
  await seedActivity(
    stack.db,
    {
      id: 'act-silent',
      programId: 'cardio',
      title: 'Hypertension targets',
      startsAt: '2026-02-10T14:00:00Z',
    },
    COHORT_SILENT,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the committee report in Chromium', () => {
  it('signs in, shows verdicts and charts, and the CSV has the numbers on the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(stack.baseUrl) && !r.url().startsWith('data:')) outside.push(r.url());
    });

    await page.goto(`${stack.baseUrl}/reports/activities/act-a`);
    expect(page.url()).toContain('/reports/login');
    await page.fill('#token', stack.config.COMMITTEE_TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(`${stack.baseUrl}/reports/activities/act-a`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Outcome report: Chest pain pathways');

    const cells = await page
      .locator('td[data-measure]')
      .evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-measure') ?? '', td.textContent ?? '']));
    expect(cells).toHaveLength(6);
    // The charts are SVG with accessible titles.
    expect(await page.locator('svg[role=img] > title').allTextContents()).toContain('Participation funnel');

    // The CSV link, fetched with the same sign-in, has the page's numbers.
    const csvHref = await page.locator('a', { hasText: 'CSV' }).getAttribute('href');
    const csv = await (await context.request.get(`${stack.baseUrl}${csvHref}`)).text();
    for (const [measure, shown] of cells) {
      const line = csv.split('\r\n').find((l) => l.startsWith(`acceptability,${measure},value,`));
      const value = line?.split(',')[3];
      expect(formatMeasure(measure, value === '' || value === undefined ? null : Number(value))).toBe(shown);
    }
    await page.screenshot({ path: `${SHOTS}/report-activity.png`, fullPage: true });

    // A review recorded with the form appears on the report.
    await page.selectOption('#decision', 'changes_required');
    await page.fill('#changes', 'Name every sponsor on the first slide');
    await page.fill('#reviewers', 'Dr Adams, Dr Baker');
    await page.fill('#reviewedOn', '2026-05-04');
    await page.click('form.review button[type=submit]');
    await page.waitForURL(/\/reports\/activities\/act-a/);
    await expect(page.locator('#reviews').textContent()).resolves.toContain(
      'Name every sponsor on the first slide',
    );
    expect(outside).toEqual([]);
    await context.close();
  });

  it('shows the program report with the trend chart and the commendation figure', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(
      `${stack.baseUrl}/reports/programs/cardio?from=2026-01-01&to=2026-03-31&token=${stack.config.COMMITTEE_TOKEN}`,
    );
    await expect(page.locator('#commendation').textContent()).resolves.toContain(
      '1 of 3 activities (33.3%) showed that most follow-up respondents implemented their change fully or partly',
    );
    expect(await page.locator('#trend svg title').first().textContent()).toBe('Outcome rates by month');
    // The page's own links do not carry the token.
    expect(await page.locator('a', { hasText: 'CSV' }).getAttribute('href')).not.toContain('token');
    await page.screenshot({ path: `${SHOTS}/report-program.png`, fullPage: true });
    await context.close();
  });
});
