// Reminders on the way (to finish the check, evaluation and claim; to answer
// the follow-up), the follow-up questionnaire, and the answer that closes the
// enrollment.
import { eq } from 'drizzle-orm';
import { enrollments, followUpResponses } from '../../src/db/schema/index.js';
import type { FollowUpSubmission } from '../../src/domain/submission-types.js';
import { stillAt } from '../../src/enrollment/submission-checks.js';
import { queueEmail } from '../../src/outbox/outbox.js';
import { dueNow, followUpEmailKey } from '../../src/outbox/scheduled.js';
import type { StepDeps } from './index.js';
import { recordedOrNot, settleOnce, type SubmissionRef } from './settle-once.js';
import { composeFollowUp } from './scheduled-follow-up.js';
import { closeEnrollmentRow, inTransaction, loadParties, recordSubmission } from './step.js';

export function createFollowUpSteps(deps: StepDeps) {
  const { db, emails } = deps;

  return {
    /**
     * Opens the questionnaire: the stage, and the email quoting the learner's
     * commitment, unless the claim step queued it ahead (then it is due now at
     * the latest, and says the moment it was due).
     */
    async openFollowUp({ enrollmentId }: { enrollmentId: string }) {
      const parties = await loadParties(db, enrollmentId);
      // Closed while the workflow slept (its scheduled email went with the close): nothing to open.
      if (parties.enrollment.stage === 'closed') return;
      const key = followUpEmailKey(enrollmentId);
      await inTransaction(deps, async (tx) => {
        const queuedFor = await dueNow(tx, key);
        const sentAt = parties.enrollment.followUpSentAt ?? queuedFor ?? new Date();
        await tx
          .update(enrollments)
          .set({ stage: 'follow_up', followUpSentAt: sentAt, followUpStatus: 'pending' })
          .where(stillAt(enrollmentId, 'certified'));
        if (!queuedFor) await queueEmail(tx, await composeFollowUp(deps, parties, 0, sentAt, tx));
      });
    },

    /** Reminds a learner who has not finished the check, the evaluation or the claim (if still so). */
    async remindToFinish({ enrollmentId, reminderNo }: { enrollmentId: string; reminderNo: number }) {
      const parties = await loadParties(db, enrollmentId);
      if (!['competence', 'evaluation', 'claim'].includes(parties.enrollment.stage)) return;
      await queueEmail(db, await emails.finishReminder(parties, reminderNo));
      deps.mailQueued?.();
    },

    async remindFollowUp({ enrollmentId, reminderNo }: { enrollmentId: string; reminderNo: number }) {
      const parties = await loadParties(db, enrollmentId);
      await queueEmail(db, await composeFollowUp(deps, parties, reminderNo));
      deps.mailQueued?.();
    },

    /** Records the answer (how many reminders had gone out) and closes the enrollment. */
    acceptFollowUpAnswer(ref: SubmissionRef & { remindersSent: number }): Promise<{ recorded: boolean }> {
      return settleOnce(deps, ref, {
        ...recordedOrNot,
        async record(tx, submission) {
          const answer = submission.payload as unknown as FollowUpSubmission;
          const at = new Date();
          await tx
            .insert(followUpResponses)
            .values({
              enrollmentId: ref.enrollmentId,
              implemented: answer.implemented,
              barriers: answer.barriers ?? [],
              confidence: answer.confidence ?? null,
              comments: answer.comments ?? null,
              remindersBefore: ref.remindersSent,
              viaEmail: answer.viaEmail ?? null,
              respondedAt: at,
            })
            .onConflictDoNothing({ target: followUpResponses.enrollmentId });
          await tx
            .update(enrollments)
            .set({ followUpAnsweredAt: at, followUpStatus: 'answered' })
            .where(eq(enrollments.id, ref.enrollmentId));
          await recordSubmission(tx, submission.id, { recorded: true });
          await closeEnrollmentRow(tx, { enrollmentId: ref.enrollmentId, outcome: 'completed' });
          return { recorded: true };
        },
      });
    },
  };
}
