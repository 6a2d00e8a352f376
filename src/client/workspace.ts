// The typed client's calls for the CE office's workspace (staff and
// committee tokens): programs and committees, tracked actions, disclosures.
import type { z } from 'zod';
import { seg, type ClientCall } from './call.js';
import type * as programs from '../reports/programs.js';
import type * as actions from '../reports/actions.js';
import type * as disclosures from '../disclosures/schemas.js';

export type ProgramInput = z.input<typeof programs.programInputSchema>;
export type Program = z.infer<typeof programs.programSchema>;
export type ActionUpdate = z.input<typeof actions.actionUpdateSchema>;
export type Action = z.infer<typeof actions.actionSchema>;
export type PersonInput = z.input<typeof disclosures.personInputSchema>;
export type Person = z.infer<typeof disclosures.personSchema>;
export type DecisionInput = z.input<typeof disclosures.decisionInputSchema>;
export type ActivityDisclosures = z.infer<typeof disclosures.activityDisclosuresSchema>;

export function workspaceCalls(call: ClientCall) {
  return {
    listPrograms: () => call<{ programs: Program[] }>('GET', '/reports/programs?format=json'),
    getProgram: (programId: string) =>
      call<Program>('GET', `/reports/programs/${seg(programId)}/settings?format=json`),
    /** Staff: creates or replaces a program's name, committee members and digest recipients. */
    putProgram: (programId: string, program: ProgramInput) =>
      call<{ programId: string; created: boolean }>('PUT', `/reports/programs/${seg(programId)}`, program),
    listActions: (filter: { programId?: string; seriesId?: string; status?: 'open' | 'all' } = {}) =>
      call<{ actions: Action[] }>(
        'GET',
        `/reports/actions?${new URLSearchParams(filter as Record<string, string>)}`,
      ),
    updateAction: (actionId: string, update: ActionUpdate) =>
      call<Action>('POST', `/reports/actions/${seg(actionId)}`, update),
    getDisclosures: (activityId: string) =>
      call<ActivityDisclosures>('GET', `/reports/activities/${seg(activityId)}/disclosures?format=json`),
    /** Staff: lists a person who controls content (and emails their disclosure link unless invite is false). */
    addDisclosurePerson: (activityId: string, person: PersonInput) =>
      call<Person>('POST', `/reports/activities/${seg(activityId)}/disclosures/people`, person),
    inviteDisclosurePerson: (activityId: string, personId: string) =>
      call<Person>(
        'POST',
        `/reports/activities/${seg(activityId)}/disclosures/people/${seg(personId)}/invite`,
      ),
    /** Staff: marks a disclosed relationship relevant or not, with how a relevant one was mitigated. */
    decideRelationship: (activityId: string, relationshipId: string, decision: DecisionInput) =>
      call<ActivityDisclosures>(
        'POST',
        `/reports/activities/${seg(activityId)}/disclosures/relationships/${seg(relationshipId)}`,
        decision,
      ),
  };
}
