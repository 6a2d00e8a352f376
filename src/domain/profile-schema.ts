// The learner's profile as zod schemas: what the enrollment API, the profile
// API and the claim form validate (400 naming the field). Workflows never
// import this file; the types are in ./profile.ts.
import { z } from 'zod';
import {
  ASCP_CERTIFICATIONS,
  CALIFORNIA_LICENCE_TYPES,
  CALIFORNIA_SPECIALTIES,
  CREDENTIAL_KINDS,
  FLORIDA_CATEGORIES,
  FLORIDA_LEVELS,
  PROFESSIONS,
} from './profile.js';
import { dateBetween } from './bounds-schema.js';

export const nabpEProfileIdSchema = z.string().regex(/^\d{6,7}$/, 'an NABP e-Profile ID is 6 or 7 digits');

export const birthMonthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, 'birth month and day as MMDD, e.g. 0415')
  .refine((mmdd) => Number(mmdd.slice(2)) <= DAYS_IN_MONTH[Number(mmdd.slice(0, 2)) - 1], {
    message: 'no such day in that month',
  });
// February 29 is a birthday.
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date within a credential's plausible life: no year 9999. */
export const cycleDateSchema = dateBetween(1950, 2100);

export const credentialSchema = z
  .object({
    kind: z.enum(CREDENTIAL_KINDS),
    /** Licence number or certification id. */
    identifier: z
      .string()
      .trim()
      .min(1, 'the licence number or certification id')
      .max(40)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, 'letters, digits, space, dot, slash or dash only'),
    state: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a two-letter state code, e.g. CA')
      .nullish(),
    subtype: z.string().trim().min(1).max(40).nullish(),
    category: z.string().trim().min(1).max(40).nullish(),
    cycleStartsOn: cycleDateSchema.nullish(),
    cycleEndsOn: cycleDateSchema.nullish(),
  })
  .superRefine((c, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const oneOf = (
      path: 'subtype' | 'category',
      value: string | null | undefined,
      allowed: readonly string[],
    ) => {
      if (!value) problem(path, `required: one of ${allowed.join(', ')}`);
      else if (!allowed.includes(value)) problem(path, `"${value}" is not one of ${allowed.join(', ')}`);
    };
    if (c.cycleStartsOn && c.cycleEndsOn && c.cycleEndsOn <= c.cycleStartsOn)
      problem('cycleEndsOn', 'must be after cycleStartsOn');
    if (c.kind === 'ascp_certification') {
      if (c.state) problem('state', 'an ASCP certification has no state');
      oneOf('subtype', c.subtype, ASCP_CERTIFICATIONS);
      return;
    }
    if (!c.state) return problem('state', 'a state licence needs its state, e.g. CA');
    if (c.state === 'CA') {
      oneOf('subtype', c.subtype, Object.keys(CALIFORNIA_LICENCE_TYPES));
      if (c.subtype === 'limited_cls') oneOf('category', c.category, CALIFORNIA_SPECIALTIES);
      else if (c.category) problem('category', 'only a limited CLS licence has a specialty');
    } else if (c.state === 'FL') {
      if (c.subtype) oneOf('subtype', c.subtype, FLORIDA_LEVELS);
      oneOf('category', c.category, FLORIDA_CATEGORIES);
    }
  });
export type CredentialInput = z.infer<typeof credentialSchema>;

const credentialsSchema = z
  .array(credentialSchema)
  .max(30)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      const key = [c.kind, c.state ?? '', c.subtype ?? '', c.category ?? ''].join('|');
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [i], message: 'the same licence or certification twice' });
      seen.add(key);
    });
  });

/** The profile as the profile API replaces it: a field left out is cleared. */
export const profileSchema = z.object({
  profession: z.enum(PROFESSIONS).nullable(),
  nabpEProfileId: nabpEProfileIdSchema.nullish(),
  birthMonthDay: birthMonthDaySchema.nullish(),
  credentials: credentialsSchema.default([]),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** The profile fields an enrollment may carry: a field left out keeps what is stored. */
export const profileFieldsSchema = z.object({
  profession: z.enum(PROFESSIONS).optional(),
  nabpEProfileId: nabpEProfileIdSchema.optional(),
  birthMonthDay: birthMonthDaySchema.optional(),
  credentials: credentialsSchema.optional(),
});
