// What the API and the worker share at run time. Built once per process by
// src/main/*; tests build it from loopback parts.
import type { Client } from '@temporalio/client';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Mailer } from './mail/mailer.js';
import type { MailCapture } from './mail/capture.js';
import type { CertificatePdfSource } from './mail/outbox.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface AppContext {
  config: Config;
  db: Database;
  temporal: Client;
  mailer: Mailer;
  clock: Clock;
  /** The stored PDF of a certificate, for attachments and downloads. */
  certificatePdf: CertificatePdfSource;
  /** Present when npm start runs the local mail capture. */
  capture?: MailCapture;
}
