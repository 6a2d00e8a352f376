// What each certificate states besides the learner and the activity (RULES.md
// "What each certificate must carry"): the accreditation and designation
// statements of its type with the provider's numbers, and for a certificate of
// participation the designations it was not a claim of.
import type { CertificateKind, CreditDesignation } from '../../domain/policy.js';
import { accreditationStatement, type Provider } from '../../domain/provider.js';
import { formatDate } from '../../platform/format.js';

export interface StatementFacts {
  provider: Provider;
  format: 'live' | 'enduring';
  /** The designation of this certificate's type (undefined when gone from the policy). */
  designation: CreditDesignation | undefined;
  /** Every designation of the activity, stated on a certificate of participation. */
  designations: CreditDesignation[];
  /** Credits claimed on this certificate, used when the designation is gone from the policy. */
  credits: number;
  /** ACPE: the learner's NABP e-Profile ID as issued. */
  nabpEProfileId: string | null;
  /** When a regulator accepted the credit (ACPE: CPE Monitor). */
  reportedAt: Date | null;
}

const n = (x: number) => String(Math.round(x * 100) / 100);
const plural = (x: number, one: string, many: string) => (x === 1 ? one : many);
const what = (format: 'live' | 'enduring') => (format === 'live' ? 'live activity' : 'enduring material');

function amaDesignation(p: Provider, format: 'live' | 'enduring', max: number): string {
  return `${p.name} designates this ${what(format)} for a maximum of ${n(max)} AMA PRA Category 1 Credit(s)™.`;
}

const LEVELS: Record<string, string> = { basic: 'Basic', intermediate: 'Intermediate', advanced: 'Advanced' };

/** The P.A.C.E.® numbers line, with California and Florida approvals where the provider has them. */
function paceNumbers(p: Provider, d: CreditDesignation | undefined): string {
  return [
    `P.A.C.E.® provider number: ${p.paceProviderNumber ?? 'not recorded'}`,
    `Program number: ${d?.programNumber ?? 'not recorded'}`,
    `Level of instruction: ${d?.levelOfInstruction ? LEVELS[d.levelOfInstruction] : 'not recorded'}`,
    p.californiaApprovalNumber ? `California CE approval: ${p.californiaApprovalNumber}` : undefined,
    p.floridaApprovalNumber ? `Florida CE provider: ${p.floridaApprovalNumber}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The statements printed under the credits, one paragraph each. */
export function certificateStatements(kind: CertificateKind, f: StatementFacts): string[] {
  const p = f.provider;
  const max = f.designation?.maxCredits ?? f.credits;
  switch (kind) {
    case 'ama_pra_1':
      return [
        accreditationStatement.ama_pra_1(p),
        `${amaDesignation(p, f.format, max)} Physicians should claim only the credit commensurate with the extent of their participation in the activity.`,
      ];
    case 'acpe':
      return [
        accreditationStatement.acpe(p),
        `Universal Activity Number (UAN): ${f.designation?.uan ?? 'not recorded'} · ${n(f.credits)} contact ${plural(f.credits, 'hour', 'hours')} (${n(f.credits / 10)} CEU) · NABP e-Profile ID: ${f.nabpEProfileId ?? 'not recorded'}`,
        f.reportedAt
          ? `Reported to NABP CPE Monitor on ${formatDate(f.reportedAt)}. ACPE statements of credit are issued through CPE Monitor; this certificate is the provider's record.`
          : "Report to NABP CPE Monitor pending. ACPE statements of credit are issued through CPE Monitor; this certificate is the provider's record.",
      ];
    case 'pace':
      return [accreditationStatement.pace(p), paceNumbers(p, f.designation)];
    case 'participation':
      return [
        ...f.designations.map((d) => designatedFor(p, f.format, d)),
        'This certificate documents participation; it is not a claim of any of the credit designated.',
      ];
    case 'ca_cls':
      return [
        `This program is accepted by the California Department of Public Health, Laboratory Field Services, for ${n(max)} contact ${plural(max, 'hour', 'hours')} toward California clinical laboratory personnel licence renewal.`,
      ];
    case 'fl_cls':
      return [
        `This program is approved for ${n(max)} contact ${plural(max, 'hour', 'hours')} of continuing education for Florida clinical laboratory personnel.`,
      ];
    case 'ascp_cmp':
      return [
        `This activity is acceptable for ${n(max)} ${plural(max, 'point', 'points')} toward the ASCP Board of Certification Credential Maintenance Program.`,
      ];
  }
}

/** On a certificate of participation: what the activity was designated for. */
function designatedFor(p: Provider, format: 'live' | 'enduring', d: CreditDesignation): string {
  switch (d.type) {
    case 'ama_pra_1':
      return `${accreditationStatement.ama_pra_1(p)} ${amaDesignation(p, format, d.maxCredits)}`;
    case 'acpe':
      return `${accreditationStatement.acpe(p)} This ${what(format)} provides ${n(d.maxCredits)} contact ${plural(d.maxCredits, 'hour', 'hours')} (UAN ${d.uan ?? 'not recorded'}).`;
    case 'pace':
      return `${accreditationStatement.pace(p)} This program is approved for ${n(d.maxCredits)} P.A.C.E.® contact ${plural(d.maxCredits, 'hour', 'hours')}.`;
  }
}

/** How the claimed amount reads on the certificate, e.g. "1.5 AMA PRA Category 1 Credits™". */
export function creditsClaimedLine(kind: CertificateKind, credits: number): string {
  const c = n(credits);
  switch (kind) {
    case 'ama_pra_1':
      return `${c} AMA PRA Category 1 ${plural(credits, 'Credit', 'Credits')}™`;
    case 'acpe':
      return `${c} ACPE contact ${plural(credits, 'hour', 'hours')} (${n(credits / 10)} CEU)`;
    case 'pace':
      return `${c} P.A.C.E.® contact ${plural(credits, 'hour', 'hours')}`;
    case 'participation':
      return `${c} ${plural(credits, 'hour', 'hours')} of participation`;
    case 'ca_cls':
      return `${c} California CLS contact ${plural(credits, 'hour', 'hours')}`;
    case 'fl_cls':
      return `${c} Florida clinical laboratory contact ${plural(credits, 'hour', 'hours')}`;
    case 'ascp_cmp':
      return `${c} ASCP BOC CMP ${plural(credits, 'point', 'points')}`;
  }
}
