// The browser pages of signing in and out (committee members and CE staff).
import { html } from '../../platform/html.js';
import { page } from '../../reports/views/layout.js';

/** The sign-in form: a personal API key (or a shared committee or staff token). */
export function signInPage(next: string, problem?: string): string {
  return page(
    'Committee reports: sign in',
    'Sign in with your personal API key (or the committee or staff token).',
    '',
    html`<section><form class="review" method="post" action="/reports/login">
${problem ? html`<p class="verdict v-below_threshold" role="alert">${problem}</p>` : null}
<input type="hidden" name="next" value="${next}">
<label for="token">API key</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus maxlength="200">
<button type="submit">Sign in</button></form></section>`,
  );
}

/** Who is signed in, and the button that signs them out (a POST; the CSRF token is added as the page goes out). */
export function signOutPage(name: string): string {
  return page(
    'Sign out',
    html`Signed in as <strong>${name}</strong>.`,
    html`<a href="/reports">Reports</a>`,
    html`<section><form class="review" method="post" action="/sign-out">
<button type="submit">Sign out</button></form></section>`,
  );
}

export function signedOutPage(): string {
  return page(
    'Signed out',
    'You are signed out: this browser no longer opens the reports.',
    html`<a href="/reports/login">Sign in again</a>`,
    '',
  );
}
