// The end-of-activity competence check (case vignettes and questions), its
// result with the attempts left, and the way on to the evaluation.
import type { AppContext } from '../../context.js';
import { checkAnswers } from '../../domain/grading.js';
import { submitCompetence } from '../../enrollment/service.js';
import { Conflict, Invalid } from '../../domain/errors.js';
import { html, type Html } from '../../platform/html.js';
import { percent } from '../../platform/format.js';
import { page } from './layout.js';
import { loadEnrollmentView, savedAttempts, waitForState, type EnrollmentView } from '../enrollment-view.js';
import type { FormSubmission, LearnerPage } from './link-problem.js';
import { mintLink } from '../../platform/links.js';
import { relativeLink } from '../links.js';
import { formString } from '../form.js';

type Attempt = Awaited<ReturnType<typeof savedAttempts>>[number];

export async function competencePage(
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
): Promise<LearnerPage> {
  const { enrollmentId } = view;
  const attempts = await savedAttempts(ctx, enrollmentId);
  return renderCompetence(ctx, view, token, attempts[0]);
}

export const submitCompetenceForm: FormSubmission = async (ctx, view, token, body) => {
  const { enrollmentId } = view;
  // The attempt this form was shown for: a replayed or double-clicked form finds it already saved.
  const attemptNo = Number(formString(body, 'attempt'));
  const items = view.activity.policy.competence.items;
  const answers: Record<string, string> = {};
  for (const item of items) {
    const chosen = formString(body, `answer:${item.id}`);
    if (chosen) answers[item.id] = chosen;
  }

  const showSaved = async () => {
    const settled = await waitForState(ctx, enrollmentId, (s) => s.competenceAttempts >= attemptNo);
    const attempts = await savedAttempts(ctx, enrollmentId);
    const saved = attempts.find((a) => a.attemptNo === attemptNo) ?? attempts[0];
    return renderCompetence(ctx, settled ?? view, token, saved, { replayed: true });
  };
  if (Number.isInteger(attemptNo) && view.state.competenceAttempts >= attemptNo) return showSaved();

  const problems = checkAnswers(items, answers);
  if (problems.length > 0) {
    return renderCompetence(ctx, view, token, (await savedAttempts(ctx, enrollmentId))[0], {
      answers,
      missing: true,
    });
  }
  try {
    await submitCompetence(ctx, enrollmentId, {
      answers,
      ...(Number.isInteger(attemptNo) && attemptNo > 0 ? { attemptNo } : {}),
    });
  } catch (err) {
    if (err instanceof Conflict) return showSaved();
    if (err instanceof Invalid) {
      return renderCompetence(ctx, view, token, (await savedAttempts(ctx, enrollmentId))[0], {
        answers,
        missing: true,
      });
    }
    throw err;
  }
  const after = (await loadEnrollmentView(ctx, enrollmentId)) ?? view;
  return renderCompetence(ctx, after, token, (await savedAttempts(ctx, enrollmentId))[0]);
};

function resultCard(view: EnrollmentView, attempt: Attempt, replayed: boolean): Html {
  const max = view.activity.policy.competence.maxAttempts;
  const left = attempt.passed ? 0 : Math.max(0, max - attempt.attemptNo);
  const items = view.activity.policy.competence.items;
  const correct = Object.values(attempt.itemResults).filter(Boolean).length;
  return html`<section class="${attempt.passed ? 'notice' : 'warning'}" aria-live="polite">
    <h2>${attempt.passed ? 'You passed the competence check' : 'Not passed this time'}</h2>
    ${replayed ? html`<p>Your answers were already recorded; here is the saved result.</p>` : null}
    <p>
      Attempt ${attempt.attemptNo} of ${max}: score <strong>${percent(attempt.score)}</strong> (${correct} of
      ${items.length} correct; pass mark ${percent(view.activity.policy.competence.passMark)}).
    </p>
    ${attempt.passed ? null : html`<p><strong>Attempts left: ${left}</strong></p>`}
    <ul>
      ${items.map(
        (item, i) =>
          html`<li>Question ${i + 1}: ${attempt.itemResults[item.id] ? 'correct' : 'not correct'}</li>`,
      )}
    </ul>
  </section>`;
}

interface RenderOptions {
  answers?: Record<string, string>;
  missing?: boolean;
  replayed?: boolean;
}

function renderCompetence(
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
  last: Attempt | undefined,
  opts: RenderOptions = {},
): LearnerPage {
  const { activity, state } = view;
  const provider = activity.providerName;
  const title = `Competence check: ${activity.title}`;
  const heading = html`<h1>Competence check</h1>
    <p class="hint">${activity.title}</p>`;
  const done = (content: Html) => ({
    status: 200,
    body: page({ title, provider }, html`${heading}${content}`),
  });

  if (state.stage === 'awaiting_payment' || state.stage === 'attending') {
    return done(
      html`<div class="card">
        <p>The competence check opens once your attendance is recorded as complete.</p>
      </div>`,
    );
  }
  if (state.competencePassed && last) {
    const evaluation = relativeLink(
      mintLink(ctx, 'evaluation', view.enrollmentId, activity.policy.windows.linkExpiry),
    );
    const next = ['competence', 'evaluation', 'claim'].includes(state.stage)
      ? html`<p><a class="button" href="${evaluation}">Continue to the evaluation and credit claim</a></p>`
      : html`<p>You have completed this step.</p>`;
    return done(html`${resultCard(view, last, !!opts.replayed)}${next}`);
  }
  const max = activity.policy.competence.maxAttempts;
  if (state.competenceAttempts >= max || state.stage !== 'competence') {
    return done(
      html`${last ? resultCard(view, last, !!opts.replayed) : null}
        <div class="card">
          <p>
            ${
              state.competenceAttempts >= max
                ? `All ${max} attempts are used, so no credit can be claimed for this activity. Your course provider can tell you about other options.`
                : 'The competence check is closed for this enrollment.'
            }
          </p>
        </div>`,
    );
  }
  const form = done(
    html`${last ? resultCard(view, last, !!opts.replayed) : null}${competenceForm(view, token, opts)}`,
  );
  // Unanswered questions: the form comes back with what was chosen, as a refusal.
  return opts.missing ? { ...form, status: 422 } : form;
}

function competenceForm(view: EnrollmentView, token: string, opts: RenderOptions): Html {
  const items = view.activity.policy.competence.items;
  const attemptNo = view.state.competenceAttempts + 1;
  const answers = opts.answers ?? {};
  return html`<form method="post" action="/learn/competence" novalidate>
    <input type="hidden" name="t" value="${token}" />
    <input type="hidden" name="attempt" value="${attemptNo}" />
    <p>
      Answer each question, then submit. You need ${percent(view.activity.policy.competence.passMark)} to
      pass; this is attempt ${attemptNo} of ${view.activity.policy.competence.maxAttempts}.
    </p>
    ${
      opts.missing
        ? html`<p class="error" role="alert">
            Please answer every question; the unanswered ones are marked below.
          </p>`
        : null
    }
    ${items.map((item, i) => {
      const missing = opts.missing && !answers[item.id];
      const errorId = `err-${i}`;
      return html`<fieldset ${missing ? html`aria-describedby="${errorId}"` : null}>
        <legend>Question ${i + 1}${item.kind === 'vignette' ? ' (case)' : ''}</legend>
        ${item.vignette ? html`<p class="vignette">${item.vignette}</p>` : null}
        <p><strong>${item.prompt}</strong></p>
        ${missing ? html`<p class="error" id="${errorId}">Choose an answer.</p>` : null}
        ${item.options.map(
          (o, j) =>
            html`<label class="choice" for="q${i}-${j}">
              <input
                type="radio"
                id="q${i}-${j}"
                name="answer:${item.id}"
                value="${o.id}"
                ${answers[item.id] === o.id ? html`checked` : null}
                required
              />
              <span>${o.text}</span>
            </label>`,
        )}
      </fieldset>`;
    })}
    <button type="submit">Submit answers</button>
  </form>`;
}
