// The plain page for a link that does not work: what happened, and a button
// that emails a fresh one (when we can tell whom the link was for).
import type { LinkClaims, LinkPurpose, LinkTokenProblem } from '../../platform/links.js';
import { html, type Html } from '../../platform/html.js';
import { page } from './layout.js';
import type { AppContext } from '../../context.js';
import type { EnrollmentView } from '../enrollment-view.js';
import type { FormBody } from '../form.js';
import { purposeName, type NewLinkOutcome } from '../links.js';

/** A form posted from a learner page, answered with the page to show. */
export type FormSubmission = (
  ctx: AppContext,
  view: EnrollmentView,
  token: string,
  body: FormBody,
) => Promise<LearnerPage>;

export interface LearnerPage {
  status: number;
  /** HTML, or the bytes of a download. */
  body: string | Buffer;
  /** Defaults to text/html. */
  contentType?: string;
  headers?: Record<string, string>;
}

const PROBLEMS: Record<
  LinkTokenProblem,
  { status: number; title: string; explain: string; canResend: boolean }
> = {
  malformed: {
    status: 400,
    title: 'This link is incomplete',
    explain:
      'The link is missing part of its code. This often happens when an email program breaks a long link across two lines.',
    canResend: true,
  },
  tampered: {
    status: 403,
    title: 'This link has been changed',
    explain:
      'The link does not match any link we sent, so we cannot tell who it belongs to. Please open the link straight from your email, or ask your course provider to send it again.',
    canResend: false,
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    explain: 'For your security, links in our emails only work for a limited time.',
    canResend: true,
  },
  wrong_purpose: {
    status: 403,
    title: 'This link is for a different page',
    explain: 'The link you followed was sent for another part of your course.',
    canResend: true,
  },
};

function resendForm(purpose: string, token: string): Html {
  return html`<form method="post" action="/learn/${purpose}/new-link">
    <input type="hidden" name="t" value="${token}" />
    <button type="submit">Send me a new link</button>
    <p class="hint">We will email a fresh link to the address we have on file for you.</p>
  </form>`;
}

export function linkProblemPage(
  purpose: string,
  problem: LinkTokenProblem,
  token: string | undefined,
  claims?: LinkClaims,
): LearnerPage {
  const p = PROBLEMS[problem];
  const canResend = p.canResend && !!token && problem !== 'malformed';
  const rightPage =
    problem === 'wrong_purpose' && claims && token
      ? html`<p>
          It opens your ${purposeName(claims.purpose)}:
          <a href="/learn/${claims.purpose}?t=${encodeURIComponent(token)}"
            >go to your ${purposeName(claims.purpose)}</a
          >.
        </p>`
      : null;
  const body = html`<h1>${p.title}</h1>
    <div class="card">
      <p>${p.explain}</p>
      ${rightPage}
      ${
        canResend
          ? resendForm(purpose, token)
          : html`<p>
              ${
                problem === 'malformed'
                  ? 'Try copying the whole link from your email into the address bar, or ask your course provider to send it again.'
                  : ''
              }
            </p>`
      }
    </div>`;
  return { status: p.status, body: page({ title: p.title }, body) };
}

export function newLinkResultPage(outcome: NewLinkOutcome, purpose: LinkPurpose | undefined): LearnerPage {
  if (outcome === 'sent') {
    return {
      status: 200,
      body: page(
        { title: 'New link sent' },
        html`<h1>Check your email</h1>
          <div class="notice">
            <p>
              We have sent a new link${purpose ? ` to your ${purposeName(purpose)}` : ''} to the email address
              we have on file for you. Asking again within a few minutes will not send another.
            </p>
          </div>`,
      ),
    };
  }
  const title =
    outcome === 'unknown_sender'
      ? 'We cannot tell who this link belongs to'
      : 'We could not find your record';
  return {
    status: outcome === 'unknown_sender' ? 403 : 404,
    body: page(
      { title },
      html`<h1>${title}</h1>
        <div class="card">
          <p>
            The link does not match any link we sent, so we cannot send a new one. Please open the link
            straight from your email, or ask your course provider to send it again.
          </p>
        </div>`,
    ),
  };
}

export function messagePage(
  status: number,
  title: string,
  message: Html | string,
  provider?: string,
): LearnerPage {
  return {
    status,
    body: page(
      { title, provider },
      html`<h1>${title}</h1>
        <div class="card"><p>${message}</p></div>`,
    ),
  };
}

/** The link is good but its enrollment is gone. */
export function enrollmentNotFound(): LearnerPage {
  return messagePage(404, 'We could not find your enrollment', 'Please contact your course provider.');
}

/** For anything unexpected: a plain apology, never a stack trace. */
export function internalErrorPage(): LearnerPage {
  return messagePage(
    500,
    'Something went wrong on our side',
    'Your answers already saved are safe. Please try again in a few minutes.',
  );
}
