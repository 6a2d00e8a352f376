// A requirement set as staff send it (API, CLI): zod, so a bad field is a 400
// naming it. Workflows never import this file; the types are in
// ./credential-requirements.ts.
import { z } from 'zod';
import { CREDENTIAL_KINDS } from './profile.js';
import { ENTRY_KINDS, TOPIC_AREAS } from './topics.js';

const slug = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only');
const label = z.string().trim().min(1).max(200);
// As checks the document states (exclusiveMinimum, multipleOf), not refinements it cannot.
const quarterHours = (max: number, least: 'zero' | 'more than zero' = 'zero') =>
  (least === 'zero' ? z.number().min(0) : z.number().gt(0, 'more than 0'))
    .max(max)
    .multipleOf(0.25, 'in steps of 0.25')
    // zod's multipleOf lets 5e-324 through; four times a quarter step is a whole number.
    .refine((n) => Number.isInteger(n * 4), 'in steps of 0.25');

export const requirementIdSchema = slug;

export const topicMinimumSchema = z.object({
  id: slug,
  label,
  hours: quarterHours(500, 'more than zero'),
  topics: z.array(z.enum(TOPIC_AREAS)).max(10).default([]),
  licensedCategory: z.boolean().optional(),
});

export const requirementBodySchema = z
  .object({
    name: label,
    appliesTo: z.object({
      kind: z.enum(CREDENTIAL_KINDS),
      state: z
        .string()
        .regex(/^[A-Z]{2}$/, 'a two-letter state code, e.g. CA')
        .nullish(),
      subtypes: z.array(z.string().trim().min(1).max(40)).max(40).nullish(),
    }),
    cycleYears: z.number().int().min(1).max(10),
    total: quarterHours(500, 'more than zero'),
    unit: z.enum(['points', 'hours']),
    // A dozen minimums at most: the allocation tries their subsets (2^12).
    minimums: z.array(topicMinimumSchema).max(12).default([]),
    academicMaxShare: z.number().min(0).max(1).nullable().default(null),
    acceptedCredit: z.array(z.string().min(1).max(40)).min(1).max(20),
    acceptedEntryKinds: z.array(z.enum(ENTRY_KINDS)).max(ENTRY_KINDS.length).default([]),
    source: z.string().trim().max(500).default(''),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.minimums.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', path: ['minimums', i, 'id'], message: 'used twice' });
      seen.add(m.id);
      if (m.topics.length === 0 && !m.licensedCategory)
        ctx.addIssue({
          code: 'custom',
          path: ['minimums', i, 'topics'],
          message: 'name at least one topic area (or licensedCategory: true)',
        });
    });
    const minimumsSum = r.minimums.reduce((s, m) => s + m.hours, 0);
    if (minimumsSum > r.total)
      ctx.addIssue({
        code: 'custom',
        path: ['minimums'],
        message: `the minimums add up to ${minimumsSum}, more than the total of ${r.total}`,
      });
  });
export type RequirementBody = z.infer<typeof requirementBodySchema>;
