// The fields of the evaluation-and-claim form, and the saved answers shown
// once it is submitted.
import { CREDIT_TYPE_LABELS } from '../../domain/policy.js';
import { claimableFor } from '../../enrollment/claimable.js';
import { formatCredits } from '../../platform/format.js';
import { html, type Html } from '../../platform/html.js';
import { type savedClaims, type savedEvaluation, type EnrollmentView } from '../enrollment-view.js';
import type { Typed } from './evaluation-input.js';
import { choices, fieldError, fieldset, ratingScale, textArea, type Errors } from './fields.js';

const BIAS = [
  { value: 'yes', label: 'Yes, free of commercial bias' },
  { value: 'no', label: 'No, I noticed commercial bias' },
];

export function evaluationFields(view: EnrollmentView, typed: Typed, errors: Errors): Html {
  const objectives = view.activity.learningObjectives;
  return html`<h2>Evaluation</h2>
    <p class="hint">1 = not at all, 5 = completely.</p>
    ${objectives.map((o, i) =>
      ratingScale(
        { name: `rating:${i}`, legend: `How well was this objective met? “${o}”`, errors, idBase: `obj${i}` },
        typed[`rating:${i}`],
      ),
    )}
    ${ratingScale(
      {
        name: 'relevance',
        legend: 'How relevant was the activity to your practice?',
        errors,
        idBase: 'relevance',
      },
      typed.relevance,
    )}
    ${fieldset(
      { legend: 'Was the content free of commercial bias?', name: 'bias', errors, errorId: 'bias-err' },
      choices('radio', 'bias', 'bias', BIAS, (v) => typed.bias === v),
    )}
    ${textArea({ name: 'biasComment', label: 'If you noticed bias, where?', errors }, typed.biasComment ?? '')}
    <h2>Your commitment to change</h2>
    ${textArea(
      {
        name: 'commitment',
        label: 'What will you change in your practice as a result of this activity?',
        errors,
        hint: 'We will quote this back to you in a short follow-up later, to ask how it went.',
        required: true,
      },
      typed.commitment ?? '',
    )}
    ${textArea({ name: 'comments', label: 'Any other comments', errors }, typed.comments ?? '')}`;
}

export function claimFields(view: EnrollmentView, typed: Typed, errors: Errors): Html {
  const { minutesAttended: minutes, credits, participation } = claimableFor(view);
  // A type closed only for want of a detail the learner can add here (ePID, birth MMDD, profession).
  const missing = credits.flatMap((c) =>
    c.reason && /needs your|tell us your/.test(c.reason) ? [`${c.reason}.`] : [],
  );
  return html`<h2>Claim your credit</h2>
    <p class="hint">
      Claim only the credit that matches your participation, in steps of 0.25.
      ${minutes === null ? '' : `Time recorded: ${minutes} minutes.`}
    </p>
    ${errors.claims ? html`<p class="error" role="alert">${errors.claims}</p>` : null}
    ${
      participation
        ? html`<div class="notice">
            ${
              missing.length > 0
                ? html`<p><strong>${missing.join(' ')}</strong> Add it above and choose “Update my details”.</p>`
                : null
            }
            <p>
              <strong>${missing.length > 0 ? 'Otherwise you' : 'You'} will receive a certificate of participation
                for ${formatCredits(participation.hours)} ${participation.hours === 1 ? 'hour' : 'hours'}.</strong>
              It states what the activity was designated for. If your profession or credentials above are not
              right, correct them and choose “Update my details”.
            </p>
          </div>`
        : null
    }
    ${credits.map(({ creditType, label, max, reason, countsToward }) => {
      const name = `credits:${creditType}`;
      const id = `credits-${creditType}`;
      if (max === 0) {
        return html`<fieldset>
          <legend>${label}</legend>
          <p>Not available to you: ${reason ?? 'not claimable'}.</p>
        </fieldset>`;
      }
      const toward = countsToward.length ? ` Counts toward: ${countsToward.join('; ')}.` : '';
      return html`<fieldset ${errors[name] ? html`aria-describedby="${id}-err"` : null}>
        <legend>${label}</legend>
        <label for="${id}">Credits to claim (up to ${formatCredits(max)})</label>
        <p class="hint" id="${id}-hint">
          Maximum ${formatCredits(max)}${reason ? ` for ${reason}` : ''}. Leave empty to claim none of this
          type.${toward}
        </p>
        ${fieldError(errors, name, `${id}-err`)}
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

export function savedEvaluationCard(
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

export function savedClaimsCard(claims: Awaited<ReturnType<typeof savedClaims>>): Html {
  return html`<section class="card">
    <h2>Credit claimed</h2>
    <ul>
      ${claims.map((c) => html`<li>${formatCredits(Number(c.credits))} ${CREDIT_TYPE_LABELS[c.creditType]}</li>`)}
    </ul>
  </section>`;
}
