// Reminders on the way (to finish the check, evaluation and claim; to answer
// the follow-up), the follow-up questionnaire, and the answer that closes the
// enrollment.
import { eq } from 'drizzle-orm';
import { enrollments, evaluations, followUpResponses } from '../../src/db/schema/index.js';
import type { FollowUpSubmission } from '../../src/domain/submission-types.js';
import { stillAt } from '../../src/enrollment/submission-checks.js';
import { queueEmail } from '../../src/outbox/outbox.js';
import type { StepDeps } from './index.js';
import type { Parties } from './emails.js';
import { openSubmission } from './submissions.js';
import {
  closeEnrollmentRow,
  inTransaction,
  loadParties,
  recordSubmission,
  refuseSubmissionRow,
} from './step.js';

export function createFollowUpSteps(deps: StepDeps) {
  const { db, emails } = deps;

  async function questionnaire(parties: Parties, reminderNo: number) {
    const [evaluation] = await db
      .select({ commitment: evaluations.commitment })
      .from(evaluations)
      .where(eq(evaluations.enrollmentId, parties.enrollment.id));
    return emails.followUp(parties, reminderNo, evaluation?.commitment ?? '');
  }

  return {
    /** Opens the questionnaire: the stage, and the email quoting the learner's commitment. */
    async openFollowUp({ enrollmentId }: { enrollmentId: string }) {
      const parties = await loadParties(db, enrollmentId);
      const sentAt = parties.enrollment.followUpSentAt ?? new Date();
      const email = await questionnaire(
        { ...parties, enrollment: { ...parties.enrollment, followUpSentAt: sentAt } },
        0,
      );
      await inTransaction(deps, async (tx) => {
        await tx
          .update(enrollments)
          .set({ stage: 'follow_up', followUpSentAt: sentAt, followUpStatus: 'pending' })
          .where(stillAt(enrollmentId, 'certified'));
        await queueEmail(tx, email);
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
      await queueEmail(db, await questionnaire(parties, reminderNo));
      deps.mailQueued?.();
    },

    /** Records the answer (how many reminders had gone out) and closes the enrollment. */
    async acceptFollowUpAnswer(ref: {
      enrollmentId: string;
      submissionId: string;
      remindersSent: number;
    }): Promise<{ recorded: boolean }> {
      const { submission, refusal } = await openSubmission(deps, ref);
      if (submission.status !== 'pending') return { recorded: submission.status === 'recorded' };
      if (refusal) {
        await refuseSubmissionRow(db, submission.id, refusal);
        return { recorded: false };
      }
      const answer = submission.payload as unknown as FollowUpSubmission;
      const at = new Date();
      await inTransaction(deps, async (tx) => {
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
      });
      return { recorded: true };
    },
  };
}
