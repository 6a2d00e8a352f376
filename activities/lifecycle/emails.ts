// The learner's emails of an enrollment. Each activity looks the learner up in
// PostgreSQL (the workflow only knows ids), fills the MJML template and hands it
// to the outbox, whose dedupe key makes a retry or a crashed worker harmless.
import { ApplicationFailure } from '@temporalio/activity';
import { and, asc, eq } from 'drizzle-orm';
import type { ActivityDeps } from '../index.js';
import { certificates, competenceAttempts, evaluations, payments } from '../../src/db/schema/index.js';
import { CREDIT_TYPE_LABELS } from '../../src/domain/policy.js';
import { toMs } from '../../src/domain/duration.js';
import { findEnrollmentParties } from '../../src/db/enrollment-parties.js';
import { learnerLink, signLinkToken, verificationUrl, type LinkPurpose } from '../../src/platform/links.js';
import { renderEmail, type EmailTemplate, type TemplateValues } from '../../src/platform/mail/render.js';
import { escapeHtml } from '../../src/platform/html.js';
import { formatDate, formatDateTime, formatMoney, percent } from '../../src/platform/format.js';
import { PermanentMailError, sendOnce, type SendOutcome } from '../../src/outbox/outbox.js';

export function createEmailActivities(deps: ActivityDeps) {
  const { db, clock, config } = deps;

  async function load(enrollmentId: string) {
    const row = await findEnrollmentParties(db, enrollmentId);
    if (!row) throw ApplicationFailure.nonRetryable(`no enrollment ${enrollmentId}`, 'EnrollmentNotFound');
    return row;
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  function link(purpose: LinkPurpose, sub: string, validMs: number, extra?: Record<string, string>) {
    const exp = Math.floor((clock.now().getTime() + validMs) / 1000);
    return learnerLink(
      config.PUBLIC_URL,
      purpose,
      signLinkToken({ sub, purpose, exp }, config.LINK_SECRET),
      extra,
    );
  }

  function common(row: Loaded): Record<string, string> {
    const { activity, learner } = row;
    return {
      learnerName: learner.name,
      activityTitle: activity.title,
      providerName: activity.providerName,
      linkExpires: formatDate(new Date(clock.now().getTime() + toMs(activity.policy.windows.linkExpiry))),
    };
  }

  async function send(
    row: Loaded,
    kind: string,
    dedupeKey: string,
    template: EmailTemplate,
    input: TemplateValues,
    attachments?: { certificateId: string }[],
  ): Promise<{ outcome: SendOutcome }> {
    const rendered = await renderEmail(template, input);
    try {
      const { outcome } = await sendOnce(deps, {
        enrollmentId: row.enrollment.id,
        kind,
        dedupeKey,
        to: row.learner.email,
        ...rendered,
        attachments,
      });
      return { outcome };
    } catch (err) {
      if (err instanceof PermanentMailError)
        throw ApplicationFailure.nonRetryable(err.message, 'PermanentMailError');
      throw err;
    }
  }

  return {
    async sendReceiptEmail({ enrollmentId }: { enrollmentId: string }) {
      const row = await load(enrollmentId);
      const [payment] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.enrollmentId, enrollmentId), eq(payments.kind, 'payment')))
        .orderBy(asc(payments.receivedAt))
        .limit(1);
      if (!payment) throw new Error(`no payment recorded for ${enrollmentId}`);
      const { activity } = row;
      return send(row, 'receipt', `${enrollmentId}:receipt`, 'receipt', {
        values: {
          ...common(row),
          amount: formatMoney(payment.amountCents, payment.currency),
          reference: payment.reference,
          receivedAt: formatDateTime(payment.receivedAt),
          activityDates:
            activity.format === 'live'
              ? `${formatDateTime(activity.startsAt)} to ${formatDateTime(activity.endsAt)}`
              : `on demand until ${formatDate(activity.endsAt)}`,
        },
      });
    },

    async sendCompetenceInviteEmail({ enrollmentId }: { enrollmentId: string }) {
      const row = await load(enrollmentId);
      const { policy } = row.activity;
      return send(row, 'competence_invite', `${enrollmentId}:competence_invite`, 'competence_invite', {
        values: {
          ...common(row),
          itemCount: policy.competence.items.length,
          passMark: percent(policy.competence.passMark),
          maxAttempts: policy.competence.maxAttempts,
          competenceUrl: link('competence', enrollmentId, toMs(policy.windows.linkExpiry)),
        },
      });
    },

    async sendCompetenceResultEmail({
      enrollmentId,
      attemptNo,
    }: {
      enrollmentId: string;
      attemptNo: number;
    }) {
      const row = await load(enrollmentId);
      const { policy } = row.activity;
      const [attempt] = await db
        .select()
        .from(competenceAttempts)
        .where(
          and(eq(competenceAttempts.enrollmentId, enrollmentId), eq(competenceAttempts.attemptNo, attemptNo)),
        );
      if (!attempt) throw new Error(`no competence attempt ${attemptNo} for ${enrollmentId}`);
      const left = policy.competence.maxAttempts - attemptNo;
      const validMs = toMs(policy.windows.linkExpiry);
      const values = {
        ...common(row),
        attemptNo,
        score: percent(attempt.score),
        passMark: percent(policy.competence.passMark),
        maxAttempts: policy.competence.maxAttempts,
      };
      const dedupeKey = `${enrollmentId}:competence_result:${attemptNo}`;
      if (!attempt.passed && left <= 0) {
        return send(row, 'competence_result', dedupeKey, 'competence_failed', { values });
      }
      return send(row, 'competence_result', dedupeKey, 'competence_result', {
        values: attempt.passed
          ? {
              ...values,
              verdict:
                'You passed. One step is left before your certificate: the evaluation and your credit claim.',
              nextLabel: 'Evaluate the activity and claim credit',
              nextUrl: link('evaluation', enrollmentId, validMs),
            }
          : {
              ...values,
              verdict: `You did not reach the pass mark this time. You have ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
              nextLabel: 'Try the competence check again',
              nextUrl: link('competence', enrollmentId, validMs),
            },
      });
    },

    async sendCertificateEmail({ enrollmentId }: { enrollmentId: string }) {
      const row = await load(enrollmentId);
      const certs = await db
        .select()
        .from(certificates)
        .where(and(eq(certificates.enrollmentId, enrollmentId), eq(certificates.status, 'valid')))
        .orderBy(asc(certificates.creditType));
      if (certs.length === 0) throw new Error(`no certificates issued for ${enrollmentId}`);
      const validMs = toMs(row.activity.policy.windows.linkExpiry);
      const lines = certs.map((c) => ({
        number: c.number,
        credit: `${c.credits} ${CREDIT_TYPE_LABELS[c.creditType]}`,
        verify: verificationUrl(config.PUBLIC_URL, c.verificationCode),
      }));
      return send(
        row,
        'certificate',
        `${enrollmentId}:certificate`,
        'certificate',
        {
          values: {
            ...common(row),
            certificatesUrl: link('certificate', enrollmentId, validMs),
            transcriptUrl: link('transcript', row.learner.id, validMs),
            certificateLines: lines
              .map((l) => `${l.number}: ${l.credit}\n  verify at ${l.verify}`)
              .join('\n'),
          },
          safeHtml: {
            certificateRows: lines
              .map(
                (l) =>
                  `<tr><td>${escapeHtml(l.number)}</td><td>${escapeHtml(l.credit)}</td>` +
                  `<td><a href="${escapeHtml(l.verify)}">verify</a></td></tr>`,
              )
              .join('\n'),
          },
        },
        certs.map((c) => ({ certificateId: c.id })),
      );
    },

    async sendFollowUpEmail({ enrollmentId }: { enrollmentId: string }) {
      return sendFollowUp(enrollmentId, 0);
    },

    async sendFollowUpReminderEmail({
      enrollmentId,
      reminderNo,
    }: {
      enrollmentId: string;
      reminderNo: number;
    }) {
      return sendFollowUp(enrollmentId, reminderNo);
    },
  };

  /** The follow-up (reminderNo 0) or one of its reminders: the same questionnaire, quoting the commitment. */
  async function sendFollowUp(enrollmentId: string, reminderNo: number) {
    const row = await load(enrollmentId);
    const { policy } = row.activity;
    const [evaluation] = await db
      .select({ commitment: evaluations.commitment })
      .from(evaluations)
      .where(eq(evaluations.enrollmentId, enrollmentId));
    if (!evaluation) throw new Error(`no evaluation (commitment) for ${enrollmentId}`);
    const closeMs = toMs(policy.followUp.closeAfter);
    const opened = row.enrollment.followUpSentAt ?? clock.now();
    // The links must work until the questionnaire closes.
    const validMs = Math.max(
      toMs(policy.windows.linkExpiry),
      opened.getTime() + closeMs - clock.now().getTime(),
    );
    const answer = (implemented: string) => link('follow_up', enrollmentId, validMs, { implemented });
    const reminder = reminderNo > 0;
    return send(
      row,
      reminder ? 'follow_up_reminder' : 'follow_up',
      reminder ? `${enrollmentId}:follow_up_reminder:${reminderNo}` : `${enrollmentId}:follow_up`,
      reminder ? 'follow_up_reminder' : 'follow_up',
      {
        values: {
          ...common(row),
          intro: reminder
            ? 'A short reminder: we would still like to hear from you.'
            : 'Some time has passed since your course, and we would like to know how it went.',
          commitment: evaluation.commitment,
          fullyUrl: answer('fully'),
          partlyUrl: answer('partly'),
          notUrl: answer('not'),
          closesOn: formatDate(new Date(opened.getTime() + closeMs)),
        },
      },
    );
  }
}
