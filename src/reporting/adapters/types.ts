// One interface for the three regulators: prepare the request (what is stored
// before it leaves, credentials left out), send it, and read the answer as
// accepted, rejected with a reason a person can act on, or worth retrying.
import type { Regulator, RejectionKind } from '../../domain/reporting.js';
import type { Transport } from '../transports.js';

export interface SendInput {
  record: Record<string, unknown>;
  /** CE Broker course tracking number, PARS activity ID (per activity, set by staff). */
  courseId: string | null;
  parsActivityId: string | null;
  /** The course's full credit (CE Broker partial credit). */
  courseHours: number;
}

export interface PreparedRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** The request as it may be stored and shown: no password, key or token in it. */
  logged: string;
}

export type SendResult =
  | { kind: 'accepted'; confirmation?: string }
  | { kind: 'rejected'; rejection: RejectionKind; message: string }
  | { kind: 'transient'; message: string };

export interface RegulatorAdapter {
  regulator: Regulator;
  prepare(input: SendInput, transport: Transport): PreparedRequest;
  /** Reads an answer that came back (any status below 500). */
  interpret(status: number, body: string): SendResult;
}

/** Reads a regulator's message as one of the ledger's rejection kinds. */
export function rejectionKindOf(message: string): RejectionKind {
  const m = message.toLowerCase();
  if (/duplicate|already (been )?(reported|recorded|exists|on file)/.test(m)) return 'duplicate';
  if (/60 days|sixty days|past due|too late|deadline|older than/.test(m)) return 'past_deadline';
  if (/e-?profile|epid|birth|\bdob\b/.test(m)) return 'identity_mismatch';
  if (/licen[cs]e/.test(m)) return 'licence_not_found';
  if (/outside|participation date|date of participation|completion date/.test(m))
    return 'date_outside_activity';
  if (/\buan\b|activity number|activity not found|unknown activity|course/.test(m)) return 'unknown_activity';
  if (/missing|required|empty/.test(m)) return 'incomplete';
  return 'other';
}

/** A refusal, except that a duplicate means the regulator already holds it (a retried request that did land). */
export function refusal(message: string): SendResult {
  const rejection = rejectionKindOf(message);
  return rejection === 'duplicate'
    ? { kind: 'accepted', confirmation: 'already on file' }
    : { kind: 'rejected', rejection, message };
}
