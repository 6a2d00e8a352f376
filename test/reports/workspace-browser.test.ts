// A committee member at a desk and on a phone: from the reports home to an
// activity's report and its program's report, recording a review with the
// styled form. On every page, no element runs past the screen's edge and no
// chart label is cut off (bounding boxes checked in Chromium); screenshots in
// test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { launchChromium } from '../support/browser.js';
import { overflows } from '../support/overflow.js';
import { startStack, type TestStack } from '../support/stack.js';
import { COHORT_A, COHORT_SMALL, seedActivity, seedProgram } from './seed.js';
import { saveProgram } from '../../src/reports/programs.js';
import { disclosureLink, savePerson } from '../../src/disclosures/people.js';
import { recordDisclosure } from '../../src/disclosures/attest.js';
import { queueEnrollmentEmail } from '../../src/disclosures/enrollment-email.js';
import { activities, emailOutbox } from '../../src/db/schema/index.js';
import { eq } from 'drizzle-orm';

const SHOTS = 'test-results/screenshots';
let stack: TestStack;
let browser: Browser;
let enrollmentIds: string[] = [];
let facultyId = '';

const LONG_OBJECTIVES = [
  'Choose the right first test for a patient who presents with acute chest pain in the emergency department',
  'Treat lipids to target after an acute coronary syndrome, including in patients intolerant of statins',
];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack({ worker: false });
  await seedProgram(stack.db, 'cardio', 'Cardiology CME');
  await saveProgram(stack.db, 'cardio', {
    name: 'Cardiology CME',
    committeeEmails: ['chair@example.org'],
    committeeMembers: [{ name: 'Dr Adams', email: 'adams@example.org', role: 'chair' }, { name: 'Dr Baker' }],
  });
  await seedActivity(
    stack.db,
    {
      id: 'chest-2025',
      programId: 'cardio',
      seriesId: 'chest-pain',
      title: 'Chest pain pathways 2025: an evidence-based update for emergency and primary care clinicians',
      startsAt: '2025-11-15T14:00:00Z',
      objectives: LONG_OBJECTIVES,
    },
    COHORT_SMALL,
  );
  enrollmentIds = await seedActivity(
    stack.db,
    {
      id: 'chest-2026',
      programId: 'cardio',
      seriesId: 'chest-pain',
      title: 'Chest pain pathways 2026',
      startsAt: '2026-01-15T14:00:00Z',
      objectives: LONG_OBJECTIVES,
    },
    COHORT_A,
  );
  const faculty = await savePerson(stack.ctx, 'chest-2026', {
    name: 'Dr Faye Okafor-Lindqvist',
    email: 'faye@example.org',
    roles: ['faculty', 'planner'],
    invite: false,
  });
  facultyId = faculty.person.id;
  await recordDisclosure(stack.ctx, 'chest-2026', facultyId, {
    nothingToDisclose: false,
    relationships: [
      { company: 'Acme Cardiovascular Diagnostics International', nature: 'Consulting fee' },
      { company: 'Statinco', nature: 'Speakers’ bureau', endedOn: '2026-02-01' },
    ],
    signedName: 'Faye Okafor-Lindqvist',
    attest: true,
  });
  await savePerson(stack.ctx, 'chest-2026', {
    name: 'Pat Planner',
    email: 'pat@example.org',
    roles: ['reviewer'],
    invite: false,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

/** A page at this size and a check that nothing passes the screen's edge, saving a screenshot. */
async function openPage(name: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({
    viewport,
    isMobile: name === 'phone',
    hasTouch: name === 'phone',
  });
  const page = await context.newPage();
  const check = async (shot: string) => {
    expect(await overflows(page), shot).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${shot}-${name}.png`, fullPage: true });
  };
  return { context, page, check };
}

describe.each(SIZES)('the committee’s way through the reports on a $name', ({ name, viewport }) => {
  it('goes from the reports home to an activity and its program, and records a review', async () => {
    const { context, page, check } = await openPage(name, viewport);

    await page.goto(`${stack.baseUrl}/reports`);
    await page.fill('#token', stack.config.COMMITTEE_TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(`${stack.baseUrl}/reports`);
    await expect(page.locator('#programs').textContent()).resolves.toContain('Cardiology CME');
    await check('workspace-home');

    // Search narrows the list; the period filter too.
    await page.fill('#q', '2026');
    await page.click('#search button[type=submit]');
    await expect(page.locator('#activities tbody tr').count()).resolves.toBe(1);
    await page.click('#activities a:has-text("Chest pain pathways 2026")');
    await page.waitForURL(/\/reports\/activities\/chest-2026$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Outcome report: Chest pain pathways 2026');
    // The program's name, not its id; the comparison with the series' previous activity.
    await expect(page.locator('header').textContent()).resolves.toContain('Cardiology CME');
    await expect(page.locator('#series').textContent()).resolves.toContain('Chest pain pathways 2025');
    await check('workspace-activity');

    // A review with a tracked action, from the form.
    await page.selectOption('#decision', 'changes_required');
    await page.fill('#changes', 'Open with the sponsor list; shorten the lipid case');
    await page.fill('#actionDescription0', 'Put the sponsor list on the first slide');
    await page.fill('#actionOwner0', 'Dr Adams');
    await page.fill('#actionDue0', '2026-12-15');
    await page.fill('#reviewers', 'Dr Adams, Dr Baker');
    await page.fill('#reviewedOn', '2026-11-20');
    await page.click('form.review button[type=submit]');
    await page.waitForURL(/\/reports\/activities\/chest-2026/);
    await expect(page.locator('#reviews').textContent()).resolves.toContain(
      'Put the sponsor list on the first slide',
    );

    await page.click(`header nav a:has-text("Program report")`);
    await page.waitForURL(/\/reports\/programs\/cardio/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Program report: Cardiology CME');
    // The period picker.
    await page.fill('#from', '2025-01-01');
    await page.fill('#to', '2026-12-31');
    await page.click('#period button[type=submit]');
    await page.waitForURL(/from=2025-01-01&to=2026-12-31/);
    await expect(page.locator('#activities').textContent()).resolves.toContain('Chest pain pathways 2025');
    await expect(page.locator('#actions').textContent()).resolves.toContain(
      'Put the sponsor list on the first slide',
    );
    await check('workspace-program');
    await context.close();
  });

  it('shows the disclosure pages and emails without overflow', async () => {
    const { context, page, check } = await openPage(name, viewport);
    // CE staff sign in with the staff token.
    await page.goto(`${stack.baseUrl}/reports/activities/chest-2026/disclosures`);
    await page.fill('#token', stack.config.STAFF_TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/disclosures$/);
    await expect(page.locator('#people').textContent()).resolves.toContain(
      'Acme Cardiovascular Diagnostics International',
    );
    await check('disclosures-staff');

    await page.goto(disclosureLink(stack.ctx, 'chest-2026', facultyId));
    await expect(page.locator('h1').textContent()).resolves.toBe('Disclose your financial relationships');
    await check('disclosure-form');

    await page.goto(`${stack.baseUrl}/catalog/activities/chest-2026`);
    await expect(page.locator('#disclosures').textContent()).resolves.toContain(
      'Disclosure under review by the CE office',
    );
    await check('activity-public');

    // The enrollment email as a learner's mail program shows it.
    const [activity] = await stack.db.select().from(activities).where(eq(activities.id, 'chest-2026'));
    await queueEnrollmentEmail(stack.ctx, enrollmentIds[0], activity, {
      name: 'Dr Ana Silva',
      email: 'ana@example.org',
    });
    const [mail] = await stack.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'enrollment_confirmation'));
    await page.setContent(mail.html);
    await check('email-enrollment');
    await context.close();
  });
});
