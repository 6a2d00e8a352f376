// The provider profile over the API: what staff send and read back. Images
// travel as base64 with their type; the PDF embeds PNG or JPEG.
import { z } from 'zod';
import { BASE64_PATTERN, emailSchema } from '../domain/bounds-schema.js';
import { imageTypeOf } from '../domain/provider.js';

const line = (max: number) => z.string().trim().min(1).max(max);
const number = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, 'letters, digits, space, dot, slash or dash only');
/** Images up to 512 KB: a logo or signature, not a photograph. */
const MAX_IMAGE_BYTES = 512 * 1024;

export const imageSchema = z
  .object({
    contentType: z.enum(['image/png', 'image/jpeg']),
    base64: z
      .string()
      .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4)
      .regex(BASE64_PATTERN, 'base64 without line breaks, in groups of four characters, padded with ='),
  })
  .superRefine((img, ctx) => {
    if (imageTypeOf(Buffer.from(img.base64, 'base64')) !== img.contentType)
      ctx.addIssue({ code: 'custom', path: ['base64'], message: `not a ${img.contentType} image` });
  });

export const providerRequestSchema = z.object({
  name: line(200),
  contactEmail: emailSchema,
  postalAddress: line(500),
  accmeId: number.nullish(),
  acpeProviderNumber: number.nullish(),
  paceProviderNumber: number.nullish(),
  californiaApprovalNumber: number.nullish(),
  floridaApprovalNumber: number.nullish(),
  accmeStatement: line(1000).nullish().describe('Leave out for the ACCME standard wording with the name'),
  acpeStatement: line(1000).nullish().describe('Leave out for the ACPE standard wording with the name'),
  paceStatement: line(1000).nullish().describe('Leave out for the P.A.C.E.® standard wording with the name'),
  signatoryName: line(200).nullish(),
  signatoryTitle: line(200).nullish(),
  logo: imageSchema.nullish(),
  signature: imageSchema.nullish(),
});
export type ProviderRequest = z.infer<typeof providerRequestSchema>;

const image = z.object({ contentType: z.string(), bytes: z.number().int() }).nullable();
export const providerViewSchema = providerRequestSchema.omit({ logo: true, signature: true }).extend({
  // Until a profile is stored these are the sender address and nothing: not checked as input is.
  contactEmail: z.string(),
  postalAddress: z.string(),
  stored: z.boolean().describe('false: none stored yet; certificates use the activity provider name'),
  logo: image,
  signature: image,
  accmeStatementPrinted: z.string().describe('The ACCME accreditation statement as certificates print it'),
  acpeStatementPrinted: z.string(),
  paceStatementPrinted: z.string(),
});
