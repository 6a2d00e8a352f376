// The evaluation, the commitment to change, and the credit claim, on one form.
// The claim shows, per designated credit type, the most the rules allow for
// the time attended; a refused claim comes back with the reason by the field
// and everything the learner typed kept.
import type { AppContext } from '../../context.js';
import { checkClaim } from '../../domain/credits.js';
import { submitClaim, submitEvaluation } from '../../enrollment/service.js';
import { ClaimRefused, Conflict, Invalid, Pending } from '../../domain/errors.js';
import { html, type Html } from '../../platform/html.js';
import { page } from './layout.js';
import {
  credentialFlags,
  loadEnrollmentView,
  minutesForClaim,
  savedClaims,
  savedEvaluation,
  waitForState,
  type EnrollmentView,
} from '../enrollment-view.js';
import { formString } from '../form.js';
import { updateProfile } from '../../enrollment/profile.js';
import { profileFields, profileTyped, readProfileForm, PROFILE_FIELDS } from './profile-fields.js';
import type { EnrollmentState } from '../../../workflows/messages.js';
import type { FormSubmission, LearnerPage } from './link-problem.js';
import { addClaimProblems, readClaims, readEvaluation, type Typed } from './evaluation-input.js';
import { claimFields, evaluationFields, savedClaimsCard, savedEvaluationCard } from './evaluation-fields.js';
import type { Errors } from './fields.js';
import { mintLink } from '../../platform/links.js';
import { relativeLink } from '../links.js';

/** Claimed: credit lines, or a certificate of participation (no lines). */
const claimed = (s: EnrollmentState) => s.claims.length > 0 || s.timestamps.claimed !== undefined;

export async function evaluationPage(
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
): Promise<LearnerPage> {
  return render(ctx, view, token, {}, {});
}

export const submitEvaluationForm: FormSubmission = async (ctx, given, token, body) => {
  let view = given;
  const { enrollmentId } = view;
  const typed: Typed = {};
  for (const k of Object.keys(body)) if (k !== 't') typed[k] = formString(body, k);
  const { state } = view;

  // Already claimed: a resubmit shows what was saved.
  if (claimed(state)) return render(ctx, view, token, {}, {}, true);
  if (!['evaluation', 'claim'].includes(state.stage)) return render(ctx, view, token, {}, {});

  const errors: Errors = {};
  // The profession and credentials first: they decide what may be claimed.
  // A field the form did not send keeps what is stored.
  const stored = profileTyped(view.profile);
  const sent = {
    ...stored,
    ...Object.fromEntries(PROFILE_FIELDS.filter((k) => k in typed).map((k) => [k, typed[k]])),
  };
  if (PROFILE_FIELDS.some((k) => sent[k].trim() !== stored[k])) {
    const profile = readProfileForm(view.profile, sent, errors);
    if (profile) {
      await updateProfile(ctx.db, view.learner.id, profile);
      view = (await loadEnrollmentView(ctx, enrollmentId)) ?? view;
    }
  }
  if (formString(body, 'action') === 'profile' || Object.keys(errors).length > 0)
    return render(ctx, view, token, typed, errors);
  const evaluation = state.evaluated ? undefined : readEvaluation(view, typed, errors);
  const claims = readClaims(view, typed, errors);
  if (Object.keys(errors).length === 0) {
    const problems = checkClaim(
      claims,
      view.activity.policy.credits,
      minutesForClaim(view),
      credentialFlags(view.profile),
      view.activity,
    );
    addClaimProblems(problems, errors);
  }
  if (Object.keys(errors).length > 0) return render(ctx, view, token, typed, errors);

  if (evaluation) {
    try {
      await submitEvaluation(ctx, enrollmentId, evaluation);
    } catch (err) {
      // Conflict: already recorded (a double click): carry on to the claim.
      if (!(err instanceof Conflict)) {
        if (err instanceof Invalid) {
          errors[''] = err.message;
          return render(ctx, view, token, typed, errors);
        }
        throw err;
      }
    }
  }
  try {
    await submitClaim(ctx, enrollmentId, { claims });
  } catch (err) {
    if (err instanceof ClaimRefused) {
      addClaimProblems(err.problems, errors);
      if (Object.keys(errors).length === 0) errors.claims = err.message;
      const now = (await loadEnrollmentView(ctx, enrollmentId)) ?? view;
      return render(ctx, now, token, typed, errors);
    }
    if (err instanceof Conflict) {
      // Another submit of this form got there first; show what it saved.
      const settled = await waitForState(ctx, enrollmentId, claimed);
      return render(ctx, settled ?? view, token, typed, {}, true);
    }
    // Received but not yet recorded (a slow certificate render): it will be; show it once it is.
    if (!(err instanceof Pending)) throw err;
  }
  const after = await waitForState(ctx, enrollmentId, claimed);
  return render(ctx, after ?? view, token, {}, {});
};

async function render(
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
  typed: Typed,
  errors: Errors,
  replayed = false,
): Promise<LearnerPage> {
  const { activity, state } = view;
  const provider = activity.providerName;
  const title = `Evaluation and credit claim: ${activity.title}`;
  const heading = html`<h1>Evaluation and credit claim</h1>
    <p class="hint">${activity.title}</p>`;
  const out = (status: number, content: Html) => ({
    status,
    body: page({ title, provider }, html`${heading}${content}`),
  });

  if (['awaiting_payment', 'attending', 'competence'].includes(state.stage)) {
    const competence =
      state.stage === 'competence'
        ? relativeLink(mintLink(ctx, 'competence', view.enrollmentId, activity.policy.windows.linkExpiry))
        : undefined;
    return out(
      200,
      html`<div class="card">
        <p>The evaluation opens after you pass the competence check.</p>
        ${competence ? html`<p><a class="button" href="${competence}">Go to the competence check</a></p>` : null}
      </div>`,
    );
  }
  const evaluation = state.evaluated ? await savedEvaluation(ctx, view.enrollmentId) : undefined;
  const done = claimed(state);
  const claims = done ? await savedClaims(ctx, view.enrollmentId) : [];
  if (done || !['evaluation', 'claim'].includes(state.stage)) {
    const certificates = relativeLink(
      mintLink(ctx, 'certificate', view.enrollmentId, activity.policy.windows.linkExpiry),
    );
    return out(
      200,
      html`<section class="notice" aria-live="polite">
          <h2>
            ${done ? 'Thank you: your evaluation and claim are recorded' : 'This form is closed'}
          </h2>
          ${replayed ? html`<p>They were already saved; nothing was recorded twice.</p>` : null}
          ${
            done
              ? html`<p>
                    Your certificates are emailed to you and can be downloaded from your certificates page.
                  </p>
                  <p><a class="button" href="${certificates}">Your certificates</a></p>`
              : null
          }
        </section>
        ${evaluation ? savedEvaluationCard(view, evaluation) : null}
        ${claims.length ? savedClaimsCard(claims) : null}`,
    );
  }
  const hasErrors = Object.keys(errors).length > 0;
  return out(
    hasErrors ? 422 : 200,
    html`${
      hasErrors
        ? html`<div class="warning" role="alert">
              <p>
                <strong>Please check the fields marked below.</strong
                >${errors[''] ? html` ${errors['']}` : null}
              </p>
            </div>`
        : null
    }
      ${evaluation ? savedEvaluationCard(view, evaluation) : null}
      <form method="post" action="/learn/evaluation" novalidate>
        <input type="hidden" name="t" value="${token}" />
        ${evaluation ? null : evaluationFields(view, typed, errors)}
        ${profileFields({ ...profileTyped(view.profile), ...typed }, errors)} ${claimFields(view, typed, errors)}
        <button type="submit">${evaluation ? 'Submit my claim' : 'Submit evaluation and claim'}</button>
      </form>`,
  );
}
