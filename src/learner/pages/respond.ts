// How a learner page is answered: with the headers personal pages need, and
// never with a stack trace or a JSON error.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asUnavailable, Invalid, Unavailable } from '../../domain/errors.js';
import { internalErrorPage, messagePage, type LearnerPage } from './link-problem.js';

// Personal pages: never cached, never framed, never leak the link as a referrer.
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function send(reply: FastifyReply, p: LearnerPage): string | Buffer {
  reply
    .code(p.status)
    .headers({ ...PAGE_HEADERS, ...p.headers })
    .type(p.contentType ?? 'text/html; charset=utf-8');
  return p.body;
}

/** A learner never sees a stack trace or JSON error: anything unexpected is a plain page. */
export async function learnerPage(
  req: FastifyRequest,
  reply: FastifyReply,
  build: () => Promise<LearnerPage>,
): Promise<string | Buffer> {
  try {
    return send(reply, await build());
  } catch (err) {
    const outage = outagePage(err);
    if (outage) return send(reply, outage);
    req.log.error({ err }, 'learner page failed');
    return send(reply, internalErrorPage());
  }
}

/** A PDF download as a learner page. */
export function pdfPage(pdf: Uint8Array, filename: string): LearnerPage {
  return {
    status: 200,
    body: Buffer.from(pdf),
    contentType: 'application/pdf',
    headers: { 'content-disposition': `attachment; filename="${filename}"` },
  };
}

/**
 * What the input rule (src/http/input-rule.ts) refuses before a learner route
 * runs: a plain page naming the field, not the API's JSON. Anything else goes
 * on to the app's error handler.
 */
export function refusedInputPage(err: unknown): LearnerPage | undefined {
  if (!(err instanceof Invalid)) return undefined;
  const fields = err.fields.map((f) => f.field.replace(/^(body|query)\./, '')).join(', ');
  return messagePage(
    400,
    'We could not take this form',
    `Some of what was entered (${fields || 'a field'}) contains characters that cannot be stored, such as control characters. Please go back, retype it and send the form again.`,
  );
}

/** The database or Temporal is down (or the page took too long): try again shortly, with Retry-After. */
export function outagePage(err: unknown): LearnerPage | undefined {
  const outage = err instanceof Unavailable ? err : asUnavailable(err);
  if (!outage) return undefined;
  return {
    ...messagePage(
      503,
      'Please try again in a minute',
      'Part of our system is not answering just now, so this page cannot be shown or saved. Anything you sent before is kept. Please wait a minute, then reload the page or send the form again.',
    ),
    headers: { 'retry-after': String(outage.retryAfterSeconds) },
  };
}
