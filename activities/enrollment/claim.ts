// Steps 5-6: the credit claim, checked against the rules, and the
// certificates it earns, emailed with their PDFs. Without a follow-up this is
// the last step and closes the enrollment.
import { Context, log } from '@temporalio/activity';
import { creditClaims, enrollments } from '../../src/db/schema/index.js';
import {
  credentialFlags,
  minutesForClaim,
  participationHours,
  reportDueAt,
} from '../../src/domain/credits.js';
import type { ClaimSubmission } from '../../src/domain/submission-types.js';
import { stillAt } from '../../src/enrollment/submission-checks.js';
import { issueCertificates } from '../../src/certificates/issue.js';
import { queueEmail } from '../../src/outbox/outbox.js';
import { followUpQueued } from '../../src/outbox/scheduled.js';
import { recordReportingDue } from '../../src/reporting/ledger.js';
import type { StepDeps } from './index.js';
import { settleOnce, type SubmissionRef } from './settle-once.js';
import { scheduledFollowUp } from './scheduled-follow-up.js';
import { closeEnrollmentRow, recordSubmission } from './step.js';

/** What the workflow hears: recorded, whether that closed the enrollment, and whether the follow-up email waits in the outbox for its moment. */
export interface ClaimAnswer {
  recorded: boolean;
  closed: boolean;
  /**
   * The follow-up email waits in the outbox for its moment (queued by this try
   * or an earlier one): the workflow wakes at its own point in the spread
   * after it. Absent in answers given before retries said so.
   */
  followUpQueuedAhead?: boolean;
}

export function createClaimSteps(deps: StepDeps) {
  const { emails, config } = deps;
  return {
    acceptClaim(ref: SubmissionRef): Promise<ClaimAnswer> {
      return settleOnce<ClaimAnswer>(deps, ref, {
        // A retry answers what the first try did, the follow-up queued ahead included: told
        // otherwise, every workflow whose claim was retried under load woke on the moment
        // itself, together, just as the crowd of follow-ups fell due.
        settled: async (submission, state, tx) => {
          const recorded = submission.status === 'recorded';
          const closed = state.enrollment.stage === 'closed';
          if (!recorded || closed) return { recorded, closed };
          return { recorded, closed, followUpQueuedAhead: await followUpQueued(tx, ref.enrollmentId) };
        },
        refused: { recorded: false, closed: false },
        async record(tx, submission, state) {
          const { claims } = submission.payload as unknown as ClaimSubmission;
          const lines = claims.map((c) => ({ creditType: c.creditType, credits: c.credits }));
          const closed = !state.policy.followUp.enabled;
          const flags = credentialFlags(state.profile);
          // No line: a learner who may claim no type gets a certificate of participation.
          const minutes = minutesForClaim(state.activity.format, state.enrollment.minutesAttended, true);
          const certified =
            lines.length > 0
              ? lines
              : [
                  {
                    creditType: 'participation' as const,
                    credits: participationHours(state.policy.credits, minutes),
                  },
                ];
          const at = new Date();
          for (const claim of lines) {
            const designation = state.policy.credits.find((d) => d.type === claim.creditType);
            await tx
              .insert(creditClaims)
              .values({
                enrollmentId: ref.enrollmentId,
                ...claim,
                topicArea: designation?.topicArea ?? null,
                reportDueAt: reportDueAt(claim.creditType, at, flags),
                claimedAt: at,
              })
              .onConflictDoNothing({ target: [creditClaims.enrollmentId, creditClaims.creditType] });
          }
          const certs = await issueCertificates(tx, {
            enrollmentId: ref.enrollmentId,
            learnerId: state.learner.id,
            learnerName: state.learner.name,
            activity: state.activity,
            claims: certified,
            nabpEProfileId: state.profile.nabpEProfileId,
            issuedAt: at,
            config,
            onRendered: () => Context.current().heartbeat(),
          });
          await tx
            .update(enrollments)
            .set({ claimedAt: at, certifiedAt: at, stage: 'certified' })
            .where(stillAt(ref.enrollmentId, 'claim'));
          await queueEmail(tx, await emails.certificate(state, certs));
          // The follow-up too, due months from now: it then leaves on the moment, whatever the workflows do.
          const followUp = closed ? undefined : await scheduledFollowUp(deps, state, tx, at);
          if (followUp) await queueEmail(tx, followUp);
          await recordReportingDue(tx, { enrollmentId: ref.enrollmentId, claims: lines, claimedAt: at });
          await recordSubmission(tx, submission.id, { claims: lines });
          if (closed) await closeEnrollmentRow(tx, { enrollmentId: ref.enrollmentId, outcome: 'completed' });
          log.info('credit claimed, certificates issued', {
            enrollmentId: ref.enrollmentId,
            types: lines.length,
            participation: lines.length === 0,
          });
          return { recorded: true, closed, followUpQueuedAhead: followUp !== undefined };
        },
      });
    },
  };
}
