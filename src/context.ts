// What the API and the worker share at run time. Built once per process by
// src/main/*; tests build it from loopback parts.
import type { Client } from '@temporalio/client';
import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './db/client.js';
import type { Mailer } from './platform/mail/mailer.js';
import type { MailCapture } from './platform/mail/capture.js';
import type { CertificatePdfSource } from './outbox/outbox.js';

export { systemClock, type Clock } from './platform/clock.js';

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
