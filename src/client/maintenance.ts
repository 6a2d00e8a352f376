// The typed client's calls for credential maintenance: staff's requirement
// sets and review of CE from elsewhere, and the learner's credential status
// (an LMS showing the dashboard, moving credit by hand for a learner).
import type { z } from 'zod';
import { seg, type ClientCall } from './call.js';
import type * as maintenance from '../maintenance/contract.js';

export type RequirementInput = z.input<typeof maintenance.requirementBodySchema>;
export type Requirement = z.infer<typeof maintenance.requirementSchema>;
export type RequirementSaved = z.infer<typeof maintenance.requirementSavedSchema>;
export type CeEntry = z.infer<typeof maintenance.entrySchema>;
export type CeEntryStatus = z.input<typeof maintenance.entryStatusQuery>['status'];
export type CeEntryReview = z.input<typeof maintenance.reviewRequestSchema>;
export type CredentialStatus = z.infer<typeof maintenance.credentialStatusSchema>;
export type CredentialDashboard = z.infer<typeof maintenance.dashboardSchema>;

export function maintenanceCalls(call: ClientCall) {
  const credential = (learnerId: string, credentialKey: string) =>
    `/learners/${seg(learnerId)}/credentials/${seg(credentialKey)}`;
  return {
    /** Staff: every requirement set (ASCP CMP, California, Florida, ...). */
    listRequirements: () => call<{ requirements: Requirement[] }>('GET', '/credential-requirements'),
    getRequirement: (requirementId: string) =>
      call<Requirement>('GET', `/credential-requirements/${seg(requirementId)}`),
    /** Staff: creates or replaces a requirement set; dashboards and reminders follow it at once. */
    putRequirement: (requirementId: string, requirement: RequirementInput) =>
      call<RequirementSaved>('PUT', `/credential-requirements/${seg(requirementId)}`, requirement),
    /** Staff: removes a requirement set; answers the sets left. */
    deleteRequirement: (requirementId: string) =>
      call<{ requirements: Requirement[] }>('DELETE', `/credential-requirements/${seg(requirementId)}`),
    /** Staff: CE from elsewhere by review status (default submitted: waiting for staff). */
    listCeEntries: (status: CeEntryStatus = 'submitted') =>
      call<{ entries: CeEntry[] }>('GET', `/ce-entries?status=${seg(status ?? 'submitted')}`),
    /** Staff: verify an entry, or ask for more (the note says what; the learner is emailed). */
    reviewCeEntry: (entryId: string, review: CeEntryReview) =>
      call<CeEntry>('POST', `/ce-entries/${seg(entryId)}/review`, review),
    /** The learner's credentials with their progress (what the learner's dashboard shows). */
    getCredentialDashboard: (learnerId: string) =>
      call<CredentialDashboard>('GET', `/learners/${seg(learnerId)}/maintenance`),
    /** Moves credit by hand: hours (points) of one source per topic requirement. */
    moveCredit: (learnerId: string, credentialKey: string, sourceId: string, split: Record<string, number>) =>
      call<CredentialStatus>('PUT', `${credential(learnerId, credentialKey)}/moves/${seg(sourceId)}`, {
        split,
      }),
    /** Drops the hand-made moves: back to the allocation that meets the most requirements. */
    clearCreditMoves: (learnerId: string, credentialKey: string) =>
      call<CredentialStatus>('DELETE', `${credential(learnerId, credentialKey)}/moves`),
  };
}
