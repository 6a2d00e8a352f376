// The outbox sender of a process: delivers the mail the workflow's steps and
// the API queue, woken by the database's notification when mail is queued.
// One process type runs it (OUTBOX_SENDER; the API by default, so a worker
// killed mid-step never leaves an email half-sent), every replica of it.
import type { Config } from '../config.js';
import type { OpenDatabase } from '../db/client.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { OUTBOX_CHANNEL, type CertificatePdfSource } from '../outbox/outbox.js';
import { startOutboxSender, type OutboxSender } from '../outbox/sender.js';
import { toMs } from '../domain/duration.js';

export function startMailDelivery(parts: {
  config: Pick<Config, 'OUTBOX_UNCONFIRMED_AFTER'>;
  database: Pick<OpenDatabase, 'db' | 'listen'>;
  mailer: Mailer;
  certificatePdf: CertificatePdfSource;
}): OutboxSender {
  const { config, database, mailer, certificatePdf } = parts;
  return startOutboxSender(
    { db: database.db, mailer, certificatePdf },
    {
      unconfirmedAfterMs: toMs(config.OUTBOX_UNCONFIRMED_AFTER),
      listen: (wake) => database.listen(OUTBOX_CHANNEL, wake),
      onError: (err) => console.error(`outbox: ${(err as Error).message}`),
    },
  );
}
