// v1: the learner's emails as separate activities. Each composes the same
// email as v2 and hands it to the outbox (queued, and delivered now when it can
// be); the dedupe key makes a retry or a crashed worker harmless.
import { ApplicationFailure } from '@temporalio/activity';
import { and, asc, eq } from 'drizzle-orm';
import type { ActivityDeps } from '../index.js';
import { certificates, competenceAttempts, evaluations, payments } from '../../src/db/schema/index.js';
import { sendOnce, type OutboxMail, type SendOutcome } from '../../src/outbox/outbox.js';
import { createEmailComposer } from '../enrollment/emails.js';
import { loadParties } from '../enrollment/step.js';

export function createEmailActivities(deps: ActivityDeps) {
  const { db } = deps;
  const emails = createEmailComposer(deps);
  const send = async (mail: OutboxMail): Promise<{ outcome: SendOutcome }> => ({
    outcome: (await sendOnce(deps, mail)).outcome,
  });

  async function followUp(enrollmentId: string, reminderNo: number) {
    const parties = await loadParties(db, enrollmentId);
    const [evaluation] = await db
      .select({ commitment: evaluations.commitment })
      .from(evaluations)
      .where(eq(evaluations.enrollmentId, enrollmentId));
    if (!evaluation) throw new Error(`no evaluation (commitment) for ${enrollmentId}`);
    return send(await emails.followUp(parties, reminderNo, evaluation.commitment));
  }

  return {
    async sendReceiptEmail({ enrollmentId }: { enrollmentId: string }) {
      const parties = await loadParties(db, enrollmentId);
      const [payment] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.enrollmentId, enrollmentId), eq(payments.kind, 'payment')))
        .orderBy(asc(payments.receivedAt))
        .limit(1);
      if (!payment) throw new Error(`no payment recorded for ${enrollmentId}`);
      return send(await emails.receipt(parties, payment));
    },

    async sendCompetenceInviteEmail({ enrollmentId }: { enrollmentId: string }) {
      return send(await emails.competenceInvite(await loadParties(db, enrollmentId)));
    },

    async sendCompetenceResultEmail({
      enrollmentId,
      attemptNo,
    }: {
      enrollmentId: string;
      attemptNo: number;
    }) {
      const parties = await loadParties(db, enrollmentId);
      const [attempt] = await db
        .select()
        .from(competenceAttempts)
        .where(
          and(eq(competenceAttempts.enrollmentId, enrollmentId), eq(competenceAttempts.attemptNo, attemptNo)),
        );
      if (!attempt) throw new Error(`no competence attempt ${attemptNo} for ${enrollmentId}`);
      return send(await emails.competenceResult(parties, attempt));
    },

    async sendCertificateEmail({ enrollmentId }: { enrollmentId: string }) {
      const parties = await loadParties(db, enrollmentId);
      const certs = await db
        .select()
        .from(certificates)
        .where(and(eq(certificates.enrollmentId, enrollmentId), eq(certificates.status, 'valid')))
        .orderBy(asc(certificates.creditType));
      if (certs.length === 0)
        throw ApplicationFailure.retryable(`no certificates issued for ${enrollmentId}`, 'NoCertificates');
      return send(await emails.certificate(parties, certs));
    },

    async sendFollowUpEmail({ enrollmentId }: { enrollmentId: string }) {
      return followUp(enrollmentId, 0);
    },

    async sendFollowUpReminderEmail({
      enrollmentId,
      reminderNo,
    }: {
      enrollmentId: string;
      reminderNo: number;
    }) {
      return followUp(enrollmentId, reminderNo);
    },
  };
}
