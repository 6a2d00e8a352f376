// The accreditation and designation statement printed on a certificate of each
// credit type (wording from shared/domain/RULES.md, with the numbers filled in).
import type { CreditDesignation, CreditType } from '../../domain/policy.js';

export interface StatementFacts {
  providerName: string;
  format: 'live' | 'enduring';
  designation: CreditDesignation | undefined;
  /** Credits claimed on this certificate, used when the designation is gone from the policy. */
  credits: number;
}

const n = (x: number) => String(Math.round(x * 100) / 100);
const plural = (x: number, one: string, many: string) => (x === 1 ? one : many);

export function designationStatement(type: CreditType, facts: StatementFacts): string {
  const max = facts.designation?.maxCredits ?? facts.credits;
  const what = facts.format === 'live' ? 'live activity' : 'enduring material';
  switch (type) {
    case 'ama_pra_1':
      return (
        `${facts.providerName} designates this ${what} for a maximum of ${n(max)} AMA PRA Category 1 Credit(s)™. ` +
        'Physicians should claim only the credit commensurate with the extent of their participation in the activity.'
      );
    case 'acpe':
      return (
        `${facts.providerName} is accredited by the Accreditation Council for Pharmacy Education as a provider of ` +
        `continuing pharmacy education. This ${what} provides ${n(max)} contact ${plural(max, 'hour', 'hours')} ` +
        `(${n(max / 10)} CEU). Universal Activity Number (UAN): ${facts.designation?.uan ?? 'not recorded'}. ` +
        'Credit is reported to NABP CPE Monitor.'
      );
    case 'pace':
      return (
        `${facts.providerName} is approved as a provider of continuing education programs in the clinical laboratory ` +
        `sciences by the ASCLS P.A.C.E.® Program. This program is approved for ${n(max)} contact ` +
        `${plural(max, 'hour', 'hours')} of P.A.C.E.® credit.`
      );
    case 'ca_cls':
      return (
        `This program is accepted by the California Department of Public Health, Laboratory Field Services, for ` +
        `${n(max)} contact ${plural(max, 'hour', 'hours')} of continuing education toward California clinical ` +
        'laboratory personnel licence renewal (17 CCR §1038.3). Keep this certificate for four years.'
      );
    case 'fl_cls':
      return (
        `This program is approved for ${n(max)} contact ${plural(max, 'hour', 'hours')} of continuing education for ` +
        'Florida clinical laboratory personnel (Florida Administrative Code 64B3-11.001)' +
        (facts.designation?.topicArea ? `, topic area: ${facts.designation.topicArea}` : '') +
        '. Completion is reported to CE Broker.'
      );
    case 'ascp_cmp':
      return (
        `This activity is acceptable for ${n(max)} ${plural(max, 'point', 'points')} toward the ASCP Board of ` +
        'Certification Credential Maintenance Program (1 contact hour = 1 point)' +
        (facts.designation?.topicArea ? `; topic area: ${facts.designation.topicArea}` : '') +
        '.'
      );
  }
}

/** How the claimed amount reads on the certificate, e.g. "1.5 AMA PRA Category 1 Credits™". */
export function creditsClaimedLine(type: CreditType, credits: number): string {
  const c = n(credits);
  switch (type) {
    case 'ama_pra_1':
      return `${c} AMA PRA Category 1 ${plural(credits, 'Credit', 'Credits')}™`;
    case 'acpe':
      return `${c} ACPE contact ${plural(credits, 'hour', 'hours')}`;
    case 'pace':
      return `${c} P.A.C.E.® contact ${plural(credits, 'hour', 'hours')}`;
    case 'ca_cls':
      return `${c} California CLS contact ${plural(credits, 'hour', 'hours')}`;
    case 'fl_cls':
      return `${c} Florida clinical laboratory contact ${plural(credits, 'hour', 'hours')}`;
    case 'ascp_cmp':
      return `${c} ASCP BOC CMP ${plural(credits, 'point', 'points')}`;
  }
}
