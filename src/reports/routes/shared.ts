// What the committee's and CE office's routes share: the sign-in setting of
// browser pages, output by ?format or Accept, and forms posted from the pages
// (answered with a redirect back) next to JSON calls (answered with the body).
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { content } from '../../http/api.js';
import { wantsHtml, withoutToken } from '../../http/auth.js';

export const SIGN_IN = '/reports/login';
/** Committee pages (the staff token opens them too); a browser without a token is sent to sign in. */
export const committee = { auth: 'committee' as const, signIn: SIGN_IN };
/** CE office pages and changes. */
export const staff = { auth: 'staff' as const, signIn: SIGN_IN };
export const tags = ['reports'];
export const formatSchema = z.enum(['html', 'json', 'csv']).optional();
export const dateSchema = z.iso.date('expected a date like 2026-01-31');
export const HTML = 'text/html; charset=utf-8';

/** One answer in three forms: JSON for API clients, HTML for browsers, CSV on request. */
export function reportResponse<S extends z.ZodType>(json: S, what = 'The report') {
  return content(`${what}; HTML for browsers, else JSON; ?format=csv for CSV`, {
    'application/json': json,
    'text/html': z.string(),
    'text/csv': z.string(),
  });
}

/** A JSON body, or for a browser the HTML page. */
export function pageResponse<S extends z.ZodType>(json: S, what: string) {
  return content(`${what}; HTML for browsers, else JSON`, {
    'application/json': json,
    'text/html': z.string(),
  });
}

/** Chosen by ?format, else by the Accept header: browsers get HTML, API clients JSON. */
export function formatOf(req: FastifyRequest, format: 'html' | 'json' | 'csv' | undefined) {
  return format ?? (wantsHtml(req) ? 'html' : 'json');
}

export function sendFile(reply: FastifyReply, type: string, body: string, filename?: string) {
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.type(type).send(body);
}

export const withFormat = (req: FastifyRequest, format: string) => withoutToken(req.url, format);

export const fromForm = (req: FastifyRequest) =>
  req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ?? false;

/** Posted from a page's form: back to the page; from an API client: the status and body. */
export function answered(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: unknown,
  back: string,
) {
  if (fromForm(req)) return reply.redirect(back, 303);
  return reply.status(status).send(body);
}

/** The 303 a form post answers, documented next to the JSON answers. */
export const formRedirect = { 303: z.null().describe('Sent from the HTML form; back to the page') };

/** Form fields: one value per line (or comma) as a list. */
export const listField = <S extends z.ZodType>(schema: S) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    schema,
  );

/** Form fields: "yes"/"no" (or a checkbox's "on") as a boolean. */
export const yesNoField = <S extends z.ZodType>(schema: S) =>
  z.preprocess(
    (v) => (v === 'yes' || v === 'on' || v === 'true' ? true : v === 'no' || v === 'false' ? false : v),
    schema,
  );

/** Form fields: an empty input as absent. */
export const optionalField = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
