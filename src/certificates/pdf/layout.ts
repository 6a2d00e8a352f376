// Reads the certificate layout (templates/certificate.yaml) once per process.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const layoutSchema = z.object({
  page: z.object({ width: z.number(), height: z.number(), margin: z.number() }),
  colours: z.object({ accent: z.string(), text: z.string(), muted: z.string() }),
  border: z.object({ width: z.number(), inset: z.number(), innerWidth: z.number(), innerInset: z.number() }),
  sizes: z.object({
    provider: z.number(),
    heading: z.number(),
    lead: z.number(),
    name: z.number(),
    title: z.number(),
    facts: z.number(),
    credits: z.number(),
    statement: z.number(),
    footer: z.number(),
  }),
  qr: z.object({ size: z.number() }),
  logo: z.object({ maxWidth: z.number(), maxHeight: z.number() }),
  signature: z.object({ maxWidth: z.number(), maxHeight: z.number() }),
  wording: z.object({
    heading: z.object({
      ama_pra_1: z.string(),
      acpe: z.string(),
      pace: z.string(),
      participation: z.string(),
      retired: z.string(),
    }),
    certifies: z.string(),
    participated: z.object({ live: z.string(), enduring: z.string() }),
    claimed: z.string(),
    attended: z.string(),
    number: z.string(),
    issued: z.string(),
    revision: z.string(),
    verify: z.string(),
  }),
});
export type CertificateLayout = z.infer<typeof layoutSchema>;

const LAYOUT_FILE = new URL('../../../templates/certificate.yaml', import.meta.url);
let cached: CertificateLayout | undefined;

export function certificateLayout(): CertificateLayout {
  cached ??= layoutSchema.parse(parse(readFileSync(LAYOUT_FILE, 'utf8')));
  return cached;
}
