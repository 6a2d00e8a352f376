// The follow-up questionnaire (Moore level 5, self-reported): quotes the
// learner's own commitment and asks whether it was implemented.
//
// The email's one-click buttons (?implemented=fully|partly|not) record the
// answer on the GET itself: the token opens only this questionnaire, and the
// first answer is stored once (a repeat shows the saved answer), so a second
// click cannot create anything. Because a mail scanner may fetch a link before
// the learner does, the page shows what was recorded and lets the learner
// correct it in the details form below, which amends the same response.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { followUpResponses } from '../../db/schema/index.js';
import { submitFollowUp } from '../../enrollment/service.js';
import { Conflict } from '../../domain/errors.js';
import type { FollowUpSubmission } from '../../../workflows/messages.js';
import { html, type Html } from '../../platform/html.js';
import { formatDate } from '../../platform/format.js';
import { page } from './layout.js';
import {
  loadEnrollmentView,
  savedEvaluation,
  savedFollowUp,
  waitForState,
  type EnrollmentView,
} from '../enrollment-view.js';
import { formList, formString, type FormBody } from '../form.js';
import { messagePage, type LearnerPage } from './link-problem.js';

type Implemented = FollowUpSubmission['implemented'];
const IMPLEMENTED: Record<Implemented, string> = {
  fully: 'Yes, fully',
  partly: 'Partly',
  not: 'Not (yet)',
};
const isImplemented = (v: string | undefined): v is Implemented => !!v && v in IMPLEMENTED;

export const BARRIERS = [
  'Not enough time',
  'Cost or reimbursement',
  'Patient preferences',
  'Colleagues or team did not agree',
  'Systems, equipment or formulary',
  'I need more training',
] as const;

type Saved = Awaited<ReturnType<typeof savedFollowUp>>;

export async function followUpPage(
  ctx: AppContext,
  enrollmentId: string,
  token: string,
  implemented: string | undefined,
): Promise<LearnerPage> {
  let view = await loadEnrollmentView(ctx, enrollmentId);
  if (!view) return notFound();
  let justRecorded = false;
  if (isImplemented(implemented) && view.state.followUpStatus === 'pending') {
    try {
      await submitFollowUp(ctx, enrollmentId, { implemented });
      justRecorded = true;
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      // Another click is recording it: show that answer once stored.
    }
    view = (await waitForState(ctx, enrollmentId, (s) => s.followUpStatus !== 'pending')) ?? view;
  }
  return render(ctx, view, token, { justRecorded });
}

export async function submitFollowUpForm(
  ctx: AppContext,
  enrollmentId: string,
  token: string,
  body: FormBody,
): Promise<LearnerPage> {
  const view = await loadEnrollmentView(ctx, enrollmentId);
  if (!view) return notFound();
  const implemented = formString(body, 'implemented');
  const confidenceText = formString(body, 'confidence');
  const other = formString(body, 'barrierOther');
  const barriers = [...formList(body, 'barriers').filter((b) => (BARRIERS as readonly string[]).includes(b))];
  if (other) barriers.push(other.slice(0, 200));
  const comments = formString(body, 'comments').slice(0, 4000);
  const errors: Record<string, string> = {};
  if (!isImplemented(implemented)) errors.implemented = 'Choose one answer.';
  if (confidenceText && !/^[1-5]$/.test(confidenceText)) errors.confidence = 'Choose from 1 to 5.';
  const typed = { implemented, confidence: confidenceText, barriers, comments };
  if (Object.keys(errors).length > 0 || !isImplemented(implemented))
    return render(ctx, view, token, { errors, typed });

  const details: FollowUpSubmission = {
    implemented,
    barriers,
    ...(confidenceText ? { confidence: Number(confidenceText) } : {}),
    ...(comments ? { comments } : {}),
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
  // The answer is stored: the details amend that one response (no second row).
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
}

function notFound(): LearnerPage {
  return messagePage(404, 'We could not find your enrollment', 'Please contact your course provider.');
}

interface RenderOptions {
  justRecorded?: boolean;
  saved?: boolean;
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
    ${detailsForm(token, saved, opts, errors)}`,
  );
}

function recordedNotice(saved: NonNullable<Saved>, opts: RenderOptions): Html {
  return html`<section class="notice" aria-live="polite">
    <h2>${opts.saved ? 'Thank you: your answers are saved' : 'Thank you: your answer is recorded'}</h2>
    <p>
      Recorded on ${formatDate(saved.respondedAt)}: <strong>${IMPLEMENTED[saved.implemented]}</strong>.
      ${opts.justRecorded || opts.saved ? '' : 'It was already saved, so nothing was recorded twice.'}
    </p>
    <p>If you like, tell us a little more below. You can also correct your answer there.</p>
  </section>`;
}

function detailsForm(token: string, saved: Saved, opts: RenderOptions, errors: Record<string, string>): Html {
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
    <fieldset ${errors.implemented ? html`aria-describedby="implemented-err"` : null}>
      <legend>Have you implemented the change?</legend>
      ${errors.implemented ? html`<p class="error" id="implemented-err">${errors.implemented}</p>` : null}
      ${(Object.keys(IMPLEMENTED) as Implemented[]).map(
        (v) =>
          html`<label class="choice" for="impl-${v}"
            ><input
              type="radio"
              id="impl-${v}"
              name="implemented"
              value="${v}"
              ${typed.implemented === v ? html`checked` : null}
            />
            <span>${IMPLEMENTED[v]}</span></label
          >`,
      )}
    </fieldset>
    <fieldset>
      <legend>What got in the way? (optional, choose any)</legend>
      ${BARRIERS.map(
        (b, i) =>
          html`<label class="choice" for="barrier-${i}"
            ><input
              type="checkbox"
              id="barrier-${i}"
              name="barriers"
              value="${b}"
              ${typed.barriers.includes(b) ? html`checked` : null}
            />
            <span>${b}</span></label
          >`,
      )}
      <label for="barrierOther">Something else</label>
      <input type="text" id="barrierOther" name="barrierOther" value="${otherBarrier}" maxlength="200" />
    </fieldset>
    <fieldset ${errors.confidence ? html`aria-describedby="confidence-err"` : null}>
      <legend>
        How confident are you that you can keep the change going? (optional; 1 = not at all, 5 = very)
      </legend>
      ${errors.confidence ? html`<p class="error" id="confidence-err">${errors.confidence}</p>` : null}
      <div class="scale">
        ${['1', '2', '3', '4', '5'].map(
          (v) =>
            html`<label class="choice" for="conf-${v}"
              ><input
                type="radio"
                id="conf-${v}"
                name="confidence"
                value="${v}"
                ${typed.confidence === v ? html`checked` : null}
              />
              <span>${v}</span></label
            >`,
        )}
      </div>
    </fieldset>
    <div class="card">
      <label for="comments"><strong>Comments</strong> (optional)</label>
      <textarea id="comments" name="comments">${typed.comments}</textarea>
    </div>
    <button type="submit">${saved ? 'Save details' : 'Send my answer'}</button>
  </form>`;
}
