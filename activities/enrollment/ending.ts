// How an enrollment ends when no step closed it: lapsed, withdrawn (with the
// refund), not completed, abandoned, or completed with the follow-up unanswered.
import { log } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import { activities, enrollments, payments, type EnrollmentOutcome } from '../../src/db/schema/index.js';
import type { WithdrawalEvent } from '../../workflows/messages.js';
import type { StepDeps } from './index.js';
import { closeEnrollmentRow, inTransaction } from './step.js';

export function createEndingSteps(deps: StepDeps) {
  return {
    async endEnrollment(input: {
      enrollmentId: string;
      outcome: EnrollmentOutcome;
      minutesAttended: number;
      followUpStatus: 'answered' | 'not_answered' | null;
      withdrawal?: WithdrawalEvent;
      /** What goes back: the payment received, 0 when nothing was paid. */
      refundCents?: number;
    }): Promise<void> {
      const { withdrawal } = input;
      await inTransaction(deps, async (tx) => {
        if (withdrawal?.refundReference) {
          // The refund is in the currency paid (or the activity's, when nothing was).
          const [paid] = await tx
            .select({ currency: payments.currency })
            .from(payments)
            .where(and(eq(payments.enrollmentId, input.enrollmentId), eq(payments.kind, 'payment')))
            .limit(1);
          const [activity] = await tx
            .select({ currency: activities.currency })
            .from(enrollments)
            .innerJoin(activities, eq(activities.id, enrollments.activityId))
            .where(eq(enrollments.id, input.enrollmentId));
          await tx
            .insert(payments)
            .values({
              enrollmentId: input.enrollmentId,
              amountCents: input.refundCents ?? 0,
              currency: paid?.currency ?? activity?.currency ?? 'USD',
              reference: withdrawal.refundReference,
              kind: 'refund',
              receivedAt: new Date(withdrawal.at),
            })
            .onConflictDoNothing({ target: payments.reference });
        }
        await closeEnrollmentRow(tx, input);
      });
      log.info('enrollment closed', { enrollmentId: input.enrollmentId, outcome: input.outcome });
    },
  };
}
