// What staff and the people who control content send about disclosures, and
// what the API answers: zod schemas shared by the routes, the typed client and
// the CLI.
import { z } from 'zod';
import { emailSchema } from '../domain/bounds-schema.js';
import { CONTENT_ROLES } from '../db/schema/disclosures.js';

const isoDate = z.iso.date('expected a date like 2026-01-31');

export const personInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
  roles: z.array(z.enum(CONTENT_ROLES)).min(1, 'at least one of planner, faculty, reviewer').max(3),
  /** Email the disclosure link now (default yes). */
  invite: z.boolean().default(true),
});
export type PersonInput = z.infer<typeof personInputSchema>;

export const relationshipInputSchema = z.object({
  company: z.string().trim().min(1).max(200),
  nature: z.string().trim().min(1).max(200),
  /** When it ended; leave out for an ongoing relationship. */
  endedOn: isoDate.optional(),
});
export type RelationshipInput = z.infer<typeof relationshipInputSchema>;

export const disclosureInputSchema = z.object({
  nothingToDisclose: z.boolean(),
  relationships: z.array(relationshipInputSchema).max(30).default([]),
  /** The attestation: the person's name, typed as a signature. */
  signedName: z.string().trim().min(1).max(200),
  attest: z.literal(true, 'sign the attestation'),
});
export type DisclosureInput = z.infer<typeof disclosureInputSchema>;

export const decisionInputSchema = z.object({
  relevant: z.boolean(),
  /** How a relevant relationship was mitigated (required to count as mitigated). */
  mitigation: z.string().trim().max(2000).optional(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const relationshipSchema = z.object({
  id: z.string(),
  company: z.string(),
  nature: z.string(),
  endedOn: z.string().nullable(),
  relevant: z.boolean().nullable(),
  mitigation: z.string().nullable(),
  mitigated: z.boolean(),
});

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(CONTENT_ROLES)),
  invitations: z.number().int(),
  disclosure: z
    .object({
      nothingToDisclose: z.boolean(),
      signedName: z.string(),
      attestedAt: z.string(),
      relationships: z.array(relationshipSchema),
    })
    .nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const disclosureStatusSchema = z.object({
  people: z.number().int(),
  disclosed: z.number().int(),
  relationships: z.number().int(),
  relevant: z.number().int(),
  /** Relationships staff have not yet judged relevant or not. */
  undecided: z.number().int(),
  /** Relevant relationships with no mitigation recorded. */
  unmitigated: z.number().int(),
  /** Everyone disclosed, every relationship judged, every relevant one mitigated. */
  complete: z.boolean(),
  /** Enrollment emails waiting for the disclosures (the policy holds them). */
  heldEmails: z.number().int(),
});
export type DisclosureStatus = z.infer<typeof disclosureStatusSchema>;

export const activityDisclosuresSchema = z.object({
  activityId: z.string(),
  title: z.string(),
  startsAt: z.string(),
  holdEnrollmentEmails: z.boolean(),
  status: disclosureStatusSchema,
  people: z.array(personSchema),
});
export type ActivityDisclosures = z.infer<typeof activityDisclosuresSchema>;
