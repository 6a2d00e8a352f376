// The learner's page behind the link emailed when CPE Monitor could not match
// the NABP e-Profile ID and birth date: shows what was sent, takes the
// corrected values, and sends the credit again at once.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { regulatorSubmissions } from '../../db/schema/index.js';
import { Refused } from '../../domain/errors.js';
import { birthMonthDaySchema, nabpEProfileIdSchema } from '../../domain/profile-schema.js';
import { formatDate } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import { page } from '../../learner/pages/layout.js';
import { fieldError, type Errors } from '../../learner/pages/fields.js';
import type { FormSubmission, LearnerPage } from '../../learner/pages/link-problem.js';
import type { EnrollmentView } from '../../learner/enrollment-view.js';
import { formString } from '../../learner/form.js';
import { correctionRefusal, correctSubmission } from '../corrections.js';
import type { SubmissionRow } from '../ledger.js';
import type { CpeMonitorRecord } from '../records.js';

async function cpeMonitorRow(ctx: AppContext, enrollmentId: string): Promise<SubmissionRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(regulatorSubmissions)
    .where(
      and(
        eq(regulatorSubmissions.enrollmentId, enrollmentId),
        eq(regulatorSubmissions.regulator, 'cpe_monitor'),
      ),
    );
  return row;
}

interface Shown {
  errors?: Errors;
  typed?: { epid: string; birthMonthDay: string };
  sent?: boolean;
}

function render(
  view: EnrollmentView,
  row: SubmissionRow | undefined,
  token: string,
  now: Date,
  shown: Shown,
): LearnerPage {
  const { activity } = view;
  const out = (status: number, body: Html): LearnerPage => ({
    status,
    body: page(
      { title: `CPE Monitor: ${activity.title}`, provider: activity.providerName },
      html`<h1>Your NABP e-Profile ID for CPE Monitor</h1>
        <p class="hint">${activity.title}</p>
        ${body}`,
    ),
  });
  if (!row)
    return out(
      404,
      html`<div class="card"><p>We have no ACPE credit of yours to report for this activity.</p></div>`,
    );
  const record = row.payload as unknown as CpeMonitorRecord;
  if (shown.sent)
    return out(
      200,
      html`<section class="notice" aria-live="polite">
        <h2>Thank you: we sent your credit again</h2>
        <p>We sent it to CPE Monitor with e-Profile ID <strong>${record.epid}</strong> and birth date <strong>${record.birthMonthDay}</strong>. We will email you when CPE Monitor accepts it.</p>
      </section>`,
    );
  const refusal = correctionRefusal(row, now);
  if (row.status === 'accepted')
    return out(
      200,
      html`<div class="notice"><p>CPE Monitor accepted your credit on ${formatDate(row.acceptedAt ?? now)}. Nothing more to do.</p></div>`,
    );
  if (refusal)
    return out(410, html`<div class="warning"><p>We can no longer send this credit: ${refusal}.</p></div>`);
  const errors = shown.errors ?? {};
  const typed = shown.typed ?? { epid: record.epid ?? '', birthMonthDay: record.birthMonthDay ?? '' };
  const problem = row.rejectionMessage
    ? html`<div class="warning" role="alert"><p>CPE Monitor answered: “${row.rejectionMessage}”.</p></div>`
    : null;
  return out(
    Object.keys(errors).length ? 422 : 200,
    html`${problem}
      <p>CPE Monitor matches your credit to you by your NABP e-Profile ID and your birth month and day. Please check them against your e-Profile at NABP and correct them below. CPE Monitor takes this credit only until <strong>${row.dueAt ? formatDate(row.dueAt) : 'its deadline'}</strong>.</p>
      <form method="post" action="/learn/nabp_profile" novalidate>
        <input type="hidden" name="t" value="${token}" />
        <div class="card">
          <label for="epid"><strong>NABP e-Profile ID</strong></label>
          <p class="hint" id="epid-hint">6 or 7 digits, as shown in your NABP e-Profile.</p>
          ${fieldError(errors, 'epid', 'epid-err')}
          <input type="text" id="epid" name="epid" inputmode="numeric" autocomplete="off" maxlength="7" value="${typed.epid}"
            aria-describedby="${errors.epid ? 'epid-err' : 'epid-hint'}" ${errors.epid ? html`aria-invalid="true"` : null} />
        </div>
        <div class="card">
          <label for="birthMonthDay"><strong>Birth month and day (MMDD)</strong></label>
          <p class="hint" id="dob-hint">For example 0415 for April 15.</p>
          ${fieldError(errors, 'birthMonthDay', 'dob-err')}
          <input type="text" id="birthMonthDay" name="birthMonthDay" inputmode="numeric" autocomplete="off" maxlength="4" value="${typed.birthMonthDay}"
            aria-describedby="${errors.birthMonthDay ? 'dob-err' : 'dob-hint'}" ${errors.birthMonthDay ? html`aria-invalid="true"` : null} />
        </div>
        <button type="submit">Send my credit again</button>
      </form>`,
  );
}

export async function nabpProfilePage(
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
): Promise<LearnerPage> {
  return render(view, await cpeMonitorRow(ctx, view.enrollmentId), token, ctx.clock.now(), {});
}

export const submitNabpProfileForm: FormSubmission = async (ctx, view, token, body) => {
  const row = await cpeMonitorRow(ctx, view.enrollmentId);
  const now = ctx.clock.now();
  const typed = {
    epid: formString(body, 'epid').slice(0, 20),
    birthMonthDay: formString(body, 'birthMonthDay').slice(0, 10),
  };
  if (!row) return render(view, row, token, now, {});
  const errors: Errors = {};
  const epid = nabpEProfileIdSchema.safeParse(typed.epid);
  const dob = birthMonthDaySchema.safeParse(typed.birthMonthDay);
  if (!epid.success) errors.epid = epid.error.issues[0].message;
  if (!dob.success) errors.birthMonthDay = dob.error.issues[0].message;
  if (Object.keys(errors).length > 0 || !epid.success || !dob.success)
    return render(view, row, token, now, { errors, typed });
  try {
    const corrected = await correctSubmission(
      ctx,
      row.id,
      { nabpEProfileId: epid.data, birthMonthDay: dob.data },
      'learner',
    );
    return render(view, corrected, token, now, { sent: true });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    return render(view, await cpeMonitorRow(ctx, view.enrollmentId), token, now, {});
  }
};
