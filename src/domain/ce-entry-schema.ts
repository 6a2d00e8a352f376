// CE from elsewhere as the learner enters it (the page's form and the API's
// multipart fields alike, so every value may arrive as text): zod, so a bad
// field is a 400 naming it. Whether the date is in the future is checked
// against the service's clock, not here.
import { z } from 'zod';
import { ENTRY_KINDS, TOPIC_AREAS } from './topics.js';
import { dateBetween } from './bounds-schema.js';

/** Repeated fields, or one comma-separated value, as a list. */
const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

export const ceEntryFieldsSchema = z.object({
  title: z.string().trim().min(1, 'the title of the activity').max(300),
  provider: z.string().trim().min(1, 'who offered it').max(200),
  completedOn: dateBetween(1950, 2100),
  amount: z.coerce
    .number({ error: 'a number of hours or points, e.g. 1.5' })
    .refine(Number.isFinite, 'a number of hours or points, e.g. 1.5')
    .refine((n) => n > 0, 'more than 0')
    .refine((n) => n <= 100, 'at most 100 in one entry')
    .refine((n) => Number.isInteger(n * 4), 'in steps of 0.25 (e.g. 1.25)'),
  unit: z.enum(['hours', 'points']).default('hours'),
  kind: z.enum(ENTRY_KINDS),
  topics: z.preprocess(list, z.array(z.enum(TOPIC_AREAS)).max(10)).default([]),
});
export type CeEntryFields = z.infer<typeof ceEntryFieldsSchema>;
