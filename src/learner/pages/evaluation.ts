// The evaluation, the commitment to change, and the credit claim, on one form.
// The claim shows, per designated credit type, the most the rules allow for
// the time attended; a refused claim comes back with the reason by the field
// and everything the learner typed kept.
import type { AppContext } from '../../context.js';
import { checkClaim, claimableCredits, type ClaimProblem } from '../../domain/credits.js';
import { CREDIT_TYPE_LABELS, type CreditType } from '../../domain/policy.js';
import { submitClaim, submitEvaluation } from '../../enrollment/service.js';
import { ClaimRefused, Conflict, Invalid } from '../../domain/errors.js';
import type { EvaluationSubmission } from '../../../workflows/messages.js';
import { html, type Html } from '../../platform/html.js';
import { formatCredits } from '../../platform/format.js';
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
import { formString, type FormBody } from '../form.js';
import { messagePage, type LearnerPage } from './link-problem.js';
import { mintLink, relativeLink } from '../links.js';

/** What the learner typed, as typed, so a refused form comes back intact. */
type Typed = Record<string, string>;
/** Field name → message shown next to it; '' for the form as a whole. */
type Errors = Record<string, string>;

const SCALE = ['1', '2', '3', '4', '5'];
const MAX_TEXT = { biasComment: 2000, commitment: 2000, comments: 4000 };

export async function evaluationPage(
  ctx: AppContext,
  enrollmentId: string,
  token: string,
): Promise<LearnerPage> {
  const view = await loadEnrollmentView(ctx, enrollmentId);
  if (!view) return notFound();
  return render(ctx, view, token, {}, {});
}

export async function submitEvaluationForm(
  ctx: AppContext,
  enrollmentId: string,
  token: string,
  body: FormBody,
): Promise<LearnerPage> {
  const view = await loadEnrollmentView(ctx, enrollmentId);
  if (!view) return notFound();
  const typed: Typed = {};
  for (const k of Object.keys(body)) if (k !== 't') typed[k] = formString(body, k);
  const { state } = view;

  // Already claimed: a resubmit shows what was saved.
  if (state.claims.length > 0) return render(ctx, view, token, {}, {}, true);
  if (!['evaluation', 'claim'].includes(state.stage)) return render(ctx, view, token, {}, {});

  const errors: Errors = {};
  const evaluation = state.evaluated ? undefined : readEvaluation(view, typed, errors);
  const claims = readClaims(view, typed, errors);
  if (Object.keys(errors).length === 0) {
    const problems = checkClaim(
      claims,
      view.activity.policy.credits,
      minutesForClaim(view),
      credentialFlags(view.learner),
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
      const settled = await waitForState(ctx, enrollmentId, (s) => s.claims.length > 0);
      return render(ctx, settled ?? view, token, typed, {}, true);
    }
    throw err;
  }
  const after = await waitForState(ctx, enrollmentId, (s) => s.claims.length > 0);
  return render(ctx, after ?? view, token, {}, {});
}

function readEvaluation(
  view: EnrollmentView,
  typed: Typed,
  errors: Errors,
): EvaluationSubmission | undefined {
  const rating = (name: string) => {
    const v = typed[name];
    if (!SCALE.includes(v ?? '')) {
      errors[name] = 'Choose a rating from 1 to 5.';
      return 0;
    }
    return Number(v);
  };
  const objectiveRatings = view.activity.learningObjectives.map((_, i) => rating(`rating:${i}`));
  const relevance = rating('relevance');
  const bias = typed.bias;
  if (bias !== 'yes' && bias !== 'no') errors.bias = 'Answer yes or no.';
  const commitment = typed.commitment ?? '';
  if (!commitment) errors.commitment = 'Write what you intend to change in your practice.';
  for (const [name, max] of Object.entries(MAX_TEXT)) {
    if ((typed[name] ?? '').length > max) errors[name] = `Please keep this under ${max} characters.`;
  }
  if (Object.keys(errors).length > 0) return undefined;
  return {
    objectiveRatings,
    relevance,
    freeOfCommercialBias: bias === 'yes',
    ...(typed.biasComment ? { biasComment: typed.biasComment } : {}),
    commitment,
    ...(typed.comments ? { comments: typed.comments } : {}),
  };
}

function readClaims(
  view: EnrollmentView,
  typed: Typed,
  errors: Errors,
): { creditType: CreditType; credits: number }[] {
  const claims: { creditType: CreditType; credits: number }[] = [];
  for (const d of view.activity.policy.credits) {
    const raw = (typed[`credits:${d.type}`] ?? '').replace(',', '.');
    if (raw === '' || raw === '0') continue;
    const credits = Number(raw);
    if (!Number.isFinite(credits) || credits < 0) {
      errors[`credits:${d.type}`] = 'Enter a number such as 1 or 1.25, or leave it empty.';
      continue;
    }
    claims.push({ creditType: d.type, credits });
  }
  if (claims.length === 0 && Object.keys(errors).every((k) => !k.startsWith('credits:')))
    errors.claims = 'Claim credit of at least one type.';
  return claims;
}

function addClaimProblems(problems: ClaimProblem[], errors: Errors): void {
  for (const p of problems) {
    const key = p.creditType ? `credits:${p.creditType}` : 'claims';
    errors[key] = errors[key] ? `${errors[key]} ${p.message}` : capitalise(p.message);
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function notFound(): LearnerPage {
  return messagePage(404, 'We could not find your enrollment', 'Please contact your course provider.');
}

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
  const claims = state.claims.length > 0 ? await savedClaims(ctx, view.enrollmentId) : [];
  if (claims.length > 0 || !['evaluation', 'claim'].includes(state.stage)) {
    const certificates = relativeLink(
      mintLink(ctx, 'certificate', view.enrollmentId, activity.policy.windows.linkExpiry),
    );
    return out(
      200,
      html`<section class="notice" aria-live="polite">
          <h2>
            ${claims.length > 0 ? 'Thank you: your evaluation and claim are recorded' : 'This form is closed'}
          </h2>
          ${replayed ? html`<p>They were already saved; nothing was recorded twice.</p>` : null}
          ${
            claims.length > 0
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
        ${evaluation ? null : evaluationFields(view, typed, errors)} ${claimFields(view, typed, errors)}
        <button type="submit">${evaluation ? 'Submit my claim' : 'Submit evaluation and claim'}</button>
      </form>`,
  );
}

function errorFor(errors: Errors, name: string, id: string): Html | null {
  return errors[name] ? html`<p class="error" id="${id}">${errors[name]}</p>` : null;
}

function scale(
  name: string,
  legend: string,
  typed: Typed,
  errors: Errors,
  idBase: string,
  hint?: string,
): Html {
  const errId = `${idBase}-err`;
  return html`<fieldset ${errors[name] ? html`aria-describedby="${errId}"` : null}>
    <legend>${legend}</legend>
    ${hint ? html`<p class="hint">${hint}</p>` : null} ${errorFor(errors, name, errId)}
    <div class="scale">
      ${SCALE.map(
        (v) =>
          html`<label class="choice" for="${idBase}-${v}"
            ><input
              type="radio"
              id="${idBase}-${v}"
              name="${name}"
              value="${v}"
              ${typed[name] === v ? html`checked` : null}
            />
            <span>${v}</span></label
          >`,
      )}
    </div>
  </fieldset>`;
}

function textArea(
  name: string,
  label: string,
  typed: Typed,
  errors: Errors,
  hint?: string,
  required = false,
): Html {
  const errId = `${name}-err`;
  const hintId = `${name}-hint`;
  return html`<div class="card">
    <label for="${name}"><strong>${label}</strong>${required ? ' (required)' : ' (optional)'}</label>
    ${hint ? html`<p class="hint" id="${hintId}">${hint}</p>` : null} ${errorFor(errors, name, errId)}
    <textarea
      id="${name}"
      name="${name}"
      ${required ? html`required aria-required="true"` : null}
      ${errors[name] ? html`aria-invalid="true" aria-describedby="${errId}"` : hint ? html`aria-describedby="${hintId}"` : null}
    >
${typed[name] ?? ''}</textarea>
  </div>`;
}

function evaluationFields(view: EnrollmentView, typed: Typed, errors: Errors): Html {
  const objectives = view.activity.learningObjectives;
  return html`<h2>Evaluation</h2>
    <p class="hint">1 = not at all, 5 = completely.</p>
    ${objectives.map((o, i) =>
      scale(`rating:${i}`, `How well was this objective met? “${o}”`, typed, errors, `obj${i}`),
    )}
    ${scale('relevance', 'How relevant was the activity to your practice?', typed, errors, 'relevance')}
    <fieldset ${errors.bias ? html`aria-describedby="bias-err"` : null}>
      <legend>Was the content free of commercial bias?</legend>
      ${errorFor(errors, 'bias', 'bias-err')}
      <label class="choice" for="bias-yes"
        ><input
          type="radio"
          id="bias-yes"
          name="bias"
          value="yes"
          ${typed.bias === 'yes' ? html`checked` : null}
        />
        <span>Yes, free of commercial bias</span></label
      >
      <label class="choice" for="bias-no"
        ><input
          type="radio"
          id="bias-no"
          name="bias"
          value="no"
          ${typed.bias === 'no' ? html`checked` : null}
        />
        <span>No, I noticed commercial bias</span></label
      >
    </fieldset>
    ${textArea('biasComment', 'If you noticed bias, where?', typed, errors)}
    <h2>Your commitment to change</h2>
    ${textArea(
      'commitment',
      'What will you change in your practice as a result of this activity?',
      typed,
      errors,
      'We will quote this back to you in a short follow-up later, to ask how it went.',
      true,
    )}
    ${textArea('comments', 'Any other comments', typed, errors)}`;
}

function claimFields(view: EnrollmentView, typed: Typed, errors: Errors): Html {
  const minutes = minutesForClaim(view);
  const flags = credentialFlags(view.learner);
  return html`<h2>Claim your credit</h2>
    <p class="hint">
      Claim only the credit that matches your participation, in steps of 0.25.
      ${minutes === null ? '' : `Time recorded: ${minutes} minutes.`}
    </p>
    ${errors.claims ? html`<p class="error" role="alert">${errors.claims}</p>` : null}
    ${view.activity.policy.credits.map((d) => {
      const { max, reason } = claimableCredits(d, minutes, flags);
      const name = `credits:${d.type}`;
      const id = `credits-${d.type}`;
      const label = CREDIT_TYPE_LABELS[d.type];
      if (max === 0) {
        return html`<fieldset>
          <legend>${label}</legend>
          <p>Not available to you: ${reason ?? 'not claimable'}.</p>
        </fieldset>`;
      }
      return html`<fieldset ${errors[name] ? html`aria-describedby="${id}-err"` : null}>
        <legend>${label}</legend>
        <label for="${id}">Credits to claim (up to ${formatCredits(max)})</label>
        <p class="hint" id="${id}-hint">
          Maximum ${formatCredits(max)}${reason ? ` for ${reason}` : ''}. Leave empty to claim none of this
          type.
        </p>
        ${errorFor(errors, name, `${id}-err`)}
        <input
          type="text"
          inputmode="decimal"
          id="${id}"
          name="${name}"
          value="${typed[name] ?? ''}"
          autocomplete="off"
          ${errors[name] ? html`aria-invalid="true" aria-describedby="${id}-err ${id}-hint"` : html`aria-describedby="${id}-hint"`}
        />
      </fieldset>`;
    })}`;
}

function savedEvaluationCard(
  view: EnrollmentView,
  e: NonNullable<Awaited<ReturnType<typeof savedEvaluation>>>,
): Html {
  return html`<section class="card">
    <h2>Your evaluation</h2>
    <dl>
      ${view.activity.learningObjectives.map(
        (o, i) =>
          html`<dt>${o}</dt>
            <dd>${e.objectiveRatings[i] ?? '–'} / 5</dd>`,
      )}
      <dt>Relevance</dt>
      <dd>${e.relevance} / 5</dd>
      <dt>Free of commercial bias</dt>
      <dd>${e.freeOfCommercialBias ? 'Yes' : 'No'}${e.biasComment ? html`: ${e.biasComment}` : null}</dd>
      <dt>Your commitment</dt>
      <dd>${e.commitment}</dd>
      ${
        e.comments
          ? html`<dt>Comments</dt>
              <dd>${e.comments}</dd>`
          : null
      }
    </dl>
  </section>`;
}

function savedClaimsCard(claims: Awaited<ReturnType<typeof savedClaims>>): Html {
  return html`<section class="card">
    <h2>Credit claimed</h2>
    <ul>
      ${claims.map((c) => html`<li>${formatCredits(Number(c.credits))} ${CREDIT_TYPE_LABELS[c.creditType]}</li>`)}
    </ul>
  </section>`;
}
