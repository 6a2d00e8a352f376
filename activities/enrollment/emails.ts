// The learner's emails of an enrollment, composed (links signed, template
// filled) by the step that sends them and queued in the outbox with its facts.
import type { ActivityDeps } from '../index.js';
import type { findEnrollmentParties } from '../../src/db/enrollment-parties.js';
import { CREDIT_TYPE_LABELS, type Policy } from '../../src/domain/policy.js';
import { toMs } from '../../src/domain/duration.js';
import { mintLink, verificationUrl, type LinkPurpose } from '../../src/platform/links.js';
import { renderEmail, type EmailTemplate, type TemplateValues } from '../../src/platform/mail/render.js';
import { escapeHtml } from '../../src/platform/html.js';
import { formatDate, formatDateTime, formatMoney, percent } from '../../src/platform/format.js';
import type { OutboxMail } from '../../src/outbox/outbox.js';
import { followUpEmailKey } from '../../src/outbox/scheduled.js';
import { contactOf } from '../../src/provider/email-contact.js';
import type { certificates, competenceAttempts, payments } from '../../src/db/schema/index.js';

export type Parties = NonNullable<Awaited<ReturnType<typeof findEnrollmentParties>>>;

/** The policy the enrollment runs under: its snapshot, or (before v2) the activity's. */
export function policyOf(parties: Parties): Policy {
  return parties.enrollment.policy ?? parties.activity.policy;
}

export function createEmailComposer(deps: Pick<ActivityDeps, 'clock' | 'config'>) {
  const { clock, config } = deps;
  /** A signed link valid `validMs` from now (a follow-up's until it closes, whatever the policy's link expiry). */
  const link = (purpose: LinkPurpose, sub: string, validMs: number, extra?: Record<string, string>) =>
    mintLink(deps, purpose, sub, `${Math.max(1, Math.ceil(validMs))}ms`, extra);

  function common(p: Parties): Record<string, string> {
    return {
      learnerName: p.learner.name,
      activityTitle: p.activity.title,
      providerName: p.activity.providerName,
      linkExpires: formatDateTime(new Date(clock.now().getTime() + toMs(policyOf(p).windows.linkExpiry))),
    };
  }

  async function compose(
    p: Parties,
    kind: string,
    dedupeKey: string,
    template: EmailTemplate,
    input: Omit<TemplateValues, 'contact'>,
    attachments?: { certificateId: string }[],
  ): Promise<OutboxMail> {
    // From the parties (read before the step's transaction): no query here.
    const contact = contactOf(p.providerContact, config, p.activity.providerName);
    const rendered = await renderEmail(template, { ...input, contact });
    return { enrollmentId: p.enrollment.id, kind, dedupeKey, to: p.learner.email, ...rendered, attachments };
  }

  const linkValidity = (p: Parties) => toMs(policyOf(p).windows.linkExpiry);

  return {
    receipt(p: Parties, payment: typeof payments.$inferSelect) {
      const { activity } = p;
      return compose(p, 'receipt', `${p.enrollment.id}:receipt`, 'receipt', {
        values: {
          ...common(p),
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

    competenceInvite(p: Parties) {
      const policy = policyOf(p);
      const id = p.enrollment.id;
      return compose(p, 'competence_invite', `${id}:competence_invite`, 'competence_invite', {
        values: {
          ...common(p),
          itemCount: policy.competence.items.length,
          passMark: percent(policy.competence.passMark),
          maxAttempts: policy.competence.maxAttempts,
          competenceUrl: link('competence', id, linkValidity(p)),
        },
      });
    },

    competenceResult(p: Parties, attempt: typeof competenceAttempts.$inferSelect) {
      const policy = policyOf(p);
      const id = p.enrollment.id;
      const left = policy.competence.maxAttempts - attempt.attemptNo;
      const values = {
        ...common(p),
        attemptNo: attempt.attemptNo,
        score: percent(attempt.score),
        passMark: percent(policy.competence.passMark),
        maxAttempts: policy.competence.maxAttempts,
      };
      const dedupeKey = `${id}:competence_result:${attempt.attemptNo}`;
      if (!attempt.passed && left <= 0) {
        return compose(p, 'competence_result', dedupeKey, 'competence_failed', { values });
      }
      return compose(p, 'competence_result', dedupeKey, 'competence_result', {
        values: attempt.passed
          ? {
              ...values,
              verdict:
                'You passed. One step is left before your certificate: the evaluation and your credit claim.',
              nextLabel: 'Evaluate the activity and claim credit',
              nextUrl: link('evaluation', id, linkValidity(p)),
            }
          : {
              ...values,
              verdict: `You did not reach the pass mark this time. You have ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
              nextLabel: 'Try the competence check again',
              nextUrl: link('competence', id, linkValidity(p)),
            },
      });
    },

    certificate(p: Parties, certs: (typeof certificates.$inferSelect)[]) {
      const id = p.enrollment.id;
      const lines = certs.map((c) => ({
        number: c.number,
        credit: `${c.credits} ${CREDIT_TYPE_LABELS[c.creditType]}`,
        verify: verificationUrl(config.PUBLIC_URL, c.verificationCode),
      }));
      return compose(
        p,
        'certificate',
        `${id}:certificate`,
        'certificate',
        {
          values: {
            ...common(p),
            certificatesUrl: link('certificate', id, linkValidity(p)),
            transcriptUrl: link('transcript', p.learner.id, linkValidity(p)),
            maintenanceUrl: link('maintenance', p.learner.id, linkValidity(p)),
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

    /** A learner who attended but has not finished the check, the evaluation and the claim. */
    finishReminder(p: Parties, reminderNo: number) {
      const id = p.enrollment.id;
      const { windows } = policyOf(p);
      const completedAt = p.enrollment.attendanceCompletedAt ?? clock.now();
      const checking = p.enrollment.stage === 'competence';
      return compose(p, 'finish_reminder', `${id}:finish_reminder:${reminderNo}`, 'finish_reminder', {
        values: {
          ...common(p),
          step: checking ? 'the competence check' : 'the evaluation and your credit claim',
          nextLabel: checking ? 'Take the competence check' : 'Evaluate the activity and claim credit',
          nextUrl: link(checking ? 'competence' : 'evaluation', id, linkValidity(p)),
          closesOn: formatDate(new Date(completedAt.getTime() + toMs(windows.submission))),
        },
      });
    },

    /** The follow-up (reminderNo 0) or one of its reminders: the same questionnaire, quoting the commitment. */
    followUp(p: Parties, reminderNo: number, commitment: string) {
      const id = p.enrollment.id;
      const { followUp } = policyOf(p);
      const closeMs = toMs(followUp.closeAfter);
      const opened = p.enrollment.followUpSentAt ?? clock.now();
      // The links must work until the questionnaire closes.
      const validMs = Math.max(linkValidity(p), opened.getTime() + closeMs - clock.now().getTime());
      // Each link says which email it came in, so the answer is credited to the email that brought it.
      const answer = (implemented: string) =>
        link('follow_up', id, validMs, { implemented, email: String(reminderNo) });
      const reminder = reminderNo > 0;
      return compose(
        p,
        reminder ? 'follow_up_reminder' : 'follow_up',
        reminder ? `${id}:follow_up_reminder:${reminderNo}` : followUpEmailKey(id),
        reminder ? 'follow_up_reminder' : 'follow_up',
        {
          values: {
            ...common(p),
            intro: reminder
              ? 'A short reminder: we would still like to hear from you.'
              : 'Some time has passed since your course, and we would like to know how it went.',
            commitment,
            fullyUrl: answer('fully'),
            partlyUrl: answer('partly'),
            notUrl: answer('not'),
            closesOn: formatDate(new Date(opened.getTime() + closeMs)),
          },
        },
      );
    },
  };
}

export type EmailComposer = ReturnType<typeof createEmailComposer>;
