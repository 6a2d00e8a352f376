// Grading of the end-of-activity competence check (Moore level 4).
import type { CompetenceItem } from './policy.js';

/** What is wrong with a set of answers before it can be graded; empty when gradable. */
export function checkAnswers(items: CompetenceItem[], answers: Record<string, string>): string[] {
  const problems: string[] = [];
  const known = new Set(items.map((i) => i.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push(`answers.${id}: no such item in this activity`);
  }
  for (const item of items) {
    const chosen = answers[item.id];
    if (chosen === undefined || chosen === '') problems.push(`answers.${item.id}: not answered`);
    else if (!item.options.some((o) => o.id === chosen))
      problems.push(`answers.${item.id}: "${chosen}" is not one of its options`);
  }
  return problems;
}

export interface Grade {
  /** Share of items answered correctly, 0..1. */
  score: number;
  passed: boolean;
  itemResults: Record<string, boolean>;
}

export function gradeCompetence(
  items: CompetenceItem[],
  answers: Record<string, string>,
  passMark: number,
): Grade {
  const itemResults: Record<string, boolean> = {};
  for (const item of items) itemResults[item.id] = answers[item.id] === item.correctOptionId;
  const correct = Object.values(itemResults).filter(Boolean).length;
  const score = items.length === 0 ? 1 : correct / items.length;
  // Compare in whole per-mille so 0.7 of 10 items passes a 0.7 mark despite float error.
  return { score, passed: Math.round(score * 1000) >= Math.round(passMark * 1000), itemResults };
}
