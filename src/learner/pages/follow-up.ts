// The follow-up questionnaire (Moore level 5, self-reported): quotes the
// learner's own commitment and asks whether it was implemented.
//
// The email's one-click buttons (?implemented=fully|partly|not) record the
// answer on the GET itself: the token opens only this questionnaire, and the
// first answer is stored once (a repeat shows the saved answer), so a second
// click cannot create anything. Because a mail scanner may fetch a link before
// the learner does, the page shows what was recorded and lets the learner
// correct it in the details form below, which amends the same response, while
// the questionnaire is open (policy.followUp.closeAfter from the first email):
// after that the stored answer is final and a replayed form changes nothing.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { followUpResponses } from '../../db/schema/index.js';
import { submitFollowUp } from '../../enrollment/service.js';
import { Conflict } from '../../domain/errors.js';
import { IMPLEMENTED_ANSWERS, type Implemented } from '../../domain/enrollment.js';
import { parseRating, RATING_MAX, RATING_MIN } from '../../domain/ratings.js';
import { parseEmailNumber } from '../../domain/submission-rules.js';
import type { FollowUpSubmission } from '../../../workflows/messages.js';
import { html, type Html } from '../../platform/html.js';
import { formatDate } from '../../platform/format.js';
import { toMs } from '../../domain/duration.js';
import { page } from './layout.js';
import { savedEvaluation, savedFollowUp, waitForState, type EnrollmentView } from '../enrollment-view.js';
import { formList, formString } from '../form.js';
import type { FormSubmission, LearnerPage } from './link-problem.js';
import { choices, fieldset, ratingScale, textArea, type Errors } from './fields.js';

const IMPLEMENTED: Record<Implemented, string> = {
  fully: 'Yes, fully',
  partly: 'Partly',
  not: 'Not (yet)',
};
// Own properties only: "toString" or "constructor" are not answers.
const isImplemented = (v: string | undefined): v is Implemented => !!v && Object.hasOwn(IMPLEMENTED, v);

/** Whether the questionnaire still takes corrections: until closeAfter past the follow-up email. */
function stillOpen(ctx: AppContext, view: EnrollmentView): boolean {
  const sentAt = view.enrollment.followUpSentAt;
  if (!sentAt) return false;
  const closesAt = sentAt.getTime() + toMs(view.activity.policy.followUp.closeAfter);
  return ctx.clock.now().getTime() < closesAt;
}

export const BARRIERS = [
  'Not enough time',
  'Cost or reimbursement',
  'Patient preferences',
  'Colleagues or team did not agree',
  'Systems, equipment or formulary',
  'I need more training',
] as const;

const IMPLEMENTED_CHOICES = IMPLEMENTED_ANSWERS.map((value) => ({ value, label: IMPLEMENTED[value] }));
const BARRIER_CHOICES = BARRIERS.map((b, i) => ({ value: b, label: b, id: `barrier-${i}` }));

type Saved = Awaited<ReturnType<typeof savedFollowUp>>;

export async function followUpPage(
  ctx: AppContext,
  loaded: EnrollmentView,
  token: string,
  implemented: string | undefined,
  email: string | undefined,
): Promise<LearnerPage> {
  const { enrollmentId } = loaded;
  const viaEmail = parseEmailNumber(email);
  let view = loaded;
  let justRecorded = false;
  // The follow-up is queued ahead and leaves on its moment: its workflow may open the stage a moment later.
  if (view.state.stage === 'certified')
    view = (await waitForState(ctx, enrollmentId, (s) => s.stage !== 'certified')) ?? view;
  if (isImplemented(implemented) && view.state.followUpStatus === 'pending') {
    try {
      await submitFollowUp(ctx, enrollmentId, {
        implemented,
        ...(viaEmail !== undefined ? { viaEmail } : {}),
      });
      justRecorded = true;
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      // Another click is recording it: show that answer once stored.
    }
    view = (await waitForState(ctx, enrollmentId, (s) => s.followUpStatus !== 'pending')) ?? view;
  }
  return render(ctx, view, token, { justRecorded, viaEmail });
}

export const submitFollowUpForm: FormSubmission = async (ctx, view, token, body) => {
  const { enrollmentId } = view;
  const implemented = formString(body, 'implemented');
  const confidenceText = formString(body, 'confidence');
  const other = formString(body, 'barrierOther');
  const barriers = [...formList(body, 'barriers').filter((b) => (BARRIERS as readonly string[]).includes(b))];
  if (other) barriers.push(other.slice(0, 200));
  const comments = formString(body, 'comments').slice(0, 4000);
  const viaEmail = parseEmailNumber(formString(body, 'email'));
  const errors: Errors = {};
  if (!isImplemented(implemented)) errors.implemented = 'Choose one answer.';
  const confidence = parseRating(confidenceText);
  if (confidenceText && confidence === undefined)
    errors.confidence = `Choose from ${RATING_MIN} to ${RATING_MAX}.`;
  const typed = { implemented, confidence: confidenceText, barriers, comments };
  if (Object.keys(errors).length > 0 || !isImplemented(implemented))
    return render(ctx, view, token, { errors, typed, viaEmail });

  const details: FollowUpSubmission = {
    implemented,
    barriers,
    ...(confidence !== undefined ? { confidence } : {}),
    ...(comments ? { comments } : {}),
    ...(viaEmail !== undefined ? { viaEmail } : {}),
  };
  const existing = await savedFollowUp(ctx, enrollmentId);
  if (!existing) {
    if (view.state.followUpStatus !== 'pending') return render(ctx, view, token, {});
    try {
      await submitFollowUp(ctx, enrollmentId, details);
      const after = await waitForState(ctx, enrollmentId, (s) => s.followUpStatus !== 'pending');
      return render(ctx, after ?? view, token, { saved: true });
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      await waitForState(ctx, enrollmentId, (s) => s.followUpStatus !== 'pending');
    }
  }
  // The answer is stored: the details amend that one response (no second row), while the
  // questionnaire is open (the database moves its report summary: src/db/activity-summaries.ts).
  if (!stillOpen(ctx, view)) return render(ctx, view, token, { closed: true });
  await ctx.db
    .update(followUpResponses)
    .set({
      implemented: details.implemented,
      barriers: details.barriers ?? [],
      confidence: details.confidence ?? null,
      comments: details.comments ?? null,
    })
    .where(eq(followUpResponses.enrollmentId, enrollmentId));
  return render(ctx, view, token, { saved: true });
};

interface RenderOptions {
  justRecorded?: boolean;
  /** A correction came after the questionnaire closed: nothing was changed. */
  closed?: boolean;
  saved?: boolean;
  /** The email whose link opened the page, carried through the form. */
  viaEmail?: number;
  errors?: Record<string, string>;
  typed?: { implemented: string; confidence: string; barriers: string[]; comments: string };
}

async function render(
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
  opts: RenderOptions,
): Promise<LearnerPage> {
  const { activity, state } = view;
  const provider = activity.providerName;
  const title = `Follow-up: ${activity.title}`;
  const [evaluation, saved] = await Promise.all([
    savedEvaluation(ctx, view.enrollmentId),
    savedFollowUp(ctx, view.enrollmentId),
  ]);
  const heading = html`<h1>Did you make the change?</h1>
    <p class="hint">${activity.title}</p>`;
  const out = (status: number, content: Html) => ({
    status,
    body: page({ title, provider }, html`${heading}${content}`),
  });
  const commitment = evaluation
    ? html`<p>When you finished the activity, you wrote that you would:</p>
        <blockquote class="quote">${evaluation.commitment}</blockquote>`
    : null;

  if (!saved && state.followUpStatus !== 'pending') {
    const why =
      state.followUpStatus === 'not_answered' || state.stage === 'closed'
        ? 'The follow-up questionnaire has closed. Thank you for taking part in the activity.'
        : 'The follow-up questionnaire is not open yet: we will email you when it is.';
    return out(
      200,
      html`${commitment}
        <div class="card"><p>${why}</p></div>`,
    );
  }
  const errors = opts.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return out(
    hasErrors ? 422 : 200,
    html`${commitment} ${saved ? recordedNotice(saved, opts) : null}
    ${
      hasErrors
        ? html`<div class="warning" role="alert">
            <p><strong>Please check the fields marked below.</strong></p>
          </div>`
        : null
    }
    ${opts.closed ? null : detailsForm(token, saved, opts, errors)}`,
  );
}

function recordedNotice(saved: NonNullable<Saved>, opts: RenderOptions): Html {
  return html`<section class="notice" aria-live="polite">
    <h2>${opts.saved ? 'Thank you: your answers are saved' : 'Thank you: your answer is recorded'}</h2>
    <p>
      Recorded on ${formatDate(saved.respondedAt)}: <strong>${IMPLEMENTED[saved.implemented]}</strong>.
      ${opts.justRecorded || opts.saved ? '' : 'It was already saved, so nothing was recorded twice.'}
    </p>
    ${
      opts.closed
        ? html`<p role="alert">The questionnaire has closed, so your answer stays as recorded.</p>`
        : html`<p>If you like, tell us a little more below. You can also correct your answer there.</p>`
    }
  </section>`;
}

function detailsForm(token: string, saved: Saved, opts: RenderOptions, errors: Errors): Html {
  const typed = opts.typed ?? {
    implemented: saved?.implemented ?? '',
    confidence: saved?.confidence ? String(saved.confidence) : '',
    barriers: saved?.barriers ?? [],
    comments: saved?.comments ?? '',
  };
  const known = new Set<string>(BARRIERS);
  const otherBarrier = typed.barriers.find((b) => !known.has(b)) ?? '';
  return html`<form method="post" action="/learn/follow_up" novalidate>
    <input type="hidden" name="t" value="${token}" />
    ${opts.viaEmail !== undefined ? html`<input type="hidden" name="email" value="${opts.viaEmail}" />` : null}
    ${fieldset(
      { legend: 'Have you implemented the change?', name: 'implemented', errors, errorId: 'implemented-err' },
      choices('radio', 'implemented', 'impl', IMPLEMENTED_CHOICES, (v) => typed.implemented === v),
    )}
    <fieldset>
      <legend>What got in the way? (optional, choose any)</legend>
      ${choices('checkbox', 'barriers', 'barrier', BARRIER_CHOICES, (v) => typed.barriers.includes(v))}
      <label for="barrierOther">Something else</label>
      <input type="text" id="barrierOther" name="barrierOther" value="${otherBarrier}" maxlength="200" />
    </fieldset>
    ${ratingScale(
      {
        name: 'confidence',
        legend: `How confident are you that you can keep the change going? (optional; ${RATING_MIN} = not at all, ${RATING_MAX} = very)`,
        errors,
        idBase: 'conf',
        errorId: 'confidence-err',
      },
      typed.confidence,
    )}
    ${textArea({ name: 'comments', label: 'Comments', errors }, typed.comments)}
    <button type="submit">${saved ? 'Save details' : 'Send my answer'}</button>
  </form>`;
}
