// What learners are told about the people who control an activity's content
// (the public activity page and the enrollment email say the same): each
// person's relevant financial relationships with ineligible companies, or that
// they have none, and whether every relevant one has been mitigated.
import type { ContentRole } from '../db/schema/disclosures.js';
import type { Person } from './schemas.js';

export interface LearnerDisclosure {
  name: string;
  roles: ContentRole[];
  /** "Nothing to disclose", "No relevant financial relationships", … */
  statement: string;
  /** The relevant relationships (company and nature) learners must see. */
  relationships: { company: string; nature: string }[];
}

export const ROLE_LABELS: Record<ContentRole, string> = {
  planner: 'Planner',
  faculty: 'Faculty',
  reviewer: 'Reviewer',
};

export function learnerDisclosure(p: Person): LearnerDisclosure {
  const base = { name: p.name, roles: p.roles, relationships: [] };
  const d = p.disclosure;
  if (!d) return { ...base, statement: 'Disclosure not yet received' };
  if (d.nothingToDisclose) return { ...base, statement: 'Nothing to disclose' };
  if (d.relationships.some((r) => r.relevant === null))
    return { ...base, statement: 'Disclosure under review by the CE office' };
  const relevant = d.relationships.filter((r) => r.relevant);
  if (relevant.length === 0) return { ...base, statement: 'No relevant financial relationships' };
  return {
    ...base,
    statement: relevant.every((r) => r.mitigated)
      ? 'Relevant financial relationships, all mitigated:'
      : 'Relevant financial relationships (mitigation in progress):',
    relationships: relevant.map((r) => ({ company: r.company, nature: r.nature })),
  };
}

/** The summary line learners read under the list. */
export function disclosureSummary(complete: boolean, people: number): string {
  if (people === 0) return 'The people who plan and teach this activity have not been listed yet.';
  return complete
    ? 'All relevant financial relationships listed above have been mitigated.'
    : 'Some disclosures are still being collected or reviewed; this list will be complete before the activity starts.';
}

/** One line per person, for plain-text emails. */
export function disclosureLines(list: LearnerDisclosure[]): string {
  return list
    .map((d) =>
      [
        `- ${d.name} (${d.roles.map((r) => ROLE_LABELS[r]).join(', ')}): ${d.statement}`,
        ...d.relationships.map((r) => `    ${r.company}: ${r.nature}`),
      ].join('\n'),
    )
    .join('\n');
}
