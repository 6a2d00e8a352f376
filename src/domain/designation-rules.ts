// Designation rules a provider can get wrong (RULES.md): checked when an
// activity is saved, each problem at the field it is about.
import type { CreditDesignation } from './policy.js';
import { CREDIT_TYPE_LABELS } from './policy.js';
import { activityDays, PACE_HOURS_PER_DAY } from './eligibility.js';
import { parseUan } from './uan.js';

export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

/** The parts of an activity the designation rules read. */
export interface DesignatedActivity {
  format: 'live' | 'enduring';
  startsAt: string | Date;
  endsAt: string | Date;
  credits: CreditDesignation[];
}

/** P.A.C.E.® and California programs are at least 50 minutes: 1 contact hour. */
export const LAB_MINIMUM_HOURS = 1;
/** ACPE home study (and ACCME enduring material) expires at most 3 years after release. */
export const HOME_STUDY_YEARS = 3;

/** The end a home-study activity may not pass: its start plus three years, same calendar day. */
export function homeStudyLimit(startsAt: string | Date): Date {
  const limit = new Date(startsAt);
  limit.setUTCFullYear(limit.getUTCFullYear() + HOME_STUDY_YEARS);
  return limit;
}

export function designationProblems(a: DesignatedActivity): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (i: number, field: string, message: string) =>
    problems.push({ path: ['policy', 'credits', i, field], message });
  if (a.format === 'enduring' && new Date(a.endsAt).getTime() > homeStudyLimit(a.startsAt).getTime())
    problems.push({
      path: ['endsAt'],
      message: `home study (enduring material) expires at most ${HOME_STUDY_YEARS} years after its release: end by ${homeStudyLimit(a.startsAt).toISOString().slice(0, 10)}`,
    });
  a.credits.forEach((d, i) => {
    if (d.type === 'pace') {
      if (d.maxCredits < LAB_MINIMUM_HOURS)
        at(
          i,
          'maxCredits',
          `P.A.C.E.® programs are at least ${LAB_MINIMUM_HOURS} contact hour (50 minutes); ${d.maxCredits} is less`,
        );
      const days = activityDays(a);
      if (d.maxCredits > PACE_HOURS_PER_DAY * days)
        at(
          i,
          'maxCredits',
          `P.A.C.E.® counts at most ${PACE_HOURS_PER_DAY} contact hours a day: ${PACE_HOURS_PER_DAY * days} for ${days} ${days === 1 ? 'day' : 'days'}, not ${d.maxCredits}`,
        );
    }
    if (d.type === 'acpe' && d.uan) {
      const uan = parseUan(d.uan);
      if (!uan) return;
      if (uan.jointProvider !== '0000' && uan.jointProvider !== '9999')
        at(
          i,
          'uan',
          `the UAN's second segment is 0000 (no joint provider) or 9999 (joint providership), not ${uan.jointProvider}`,
        );
      const letter = a.format === 'live' ? 'L' : 'H';
      if ((uan.format === 'live' ? 'L' : 'H') !== letter)
        at(
          i,
          'uan',
          `the UAN's format letter is ${letter} for ${a.format === 'live' ? 'a live activity' : 'home study (an enduring activity)'}, not ${letter === 'L' ? 'H' : 'L'}`,
        );
    }
  });
  return problems;
}

/** A change of one type's designated maximum, for the audit log. */
export interface DesignationChange {
  creditType: CreditDesignation['type'];
  from: number;
  to: number;
}

/**
 * Compares the stored designations with the new ones: a maximum raised (or a
 * type added) once the activity has started is refused; lowered ones are
 * returned to be audited.
 * @param startedAt the earlier of the stored and the new start
 */
export function designationChanges(
  before: CreditDesignation[],
  after: CreditDesignation[],
  started: boolean,
): { problems: FieldProblem[]; changes: DesignationChange[] } {
  const problems: FieldProblem[] = [];
  const changes: DesignationChange[] = [];
  after.forEach((d, i) => {
    const from = before.find((b) => b.type === d.type)?.maxCredits ?? 0;
    if (d.maxCredits === from) return;
    if (d.maxCredits > from && started)
      problems.push({
        path: ['policy', 'credits', i, 'maxCredits'],
        message: `the ${CREDIT_TYPE_LABELS[d.type]} designation is fixed before the activity starts: it may not be raised from ${from} to ${d.maxCredits} after startsAt`,
      });
    else changes.push({ creditType: d.type, from, to: d.maxCredits });
  });
  for (const b of before)
    if (!after.some((d) => d.type === b.type))
      changes.push({ creditType: b.type, from: b.maxCredits, to: 0 });
  return { problems, changes };
}
