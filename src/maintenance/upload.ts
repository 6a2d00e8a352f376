// Reading a multipart entry (the learner's form and the API alike): the text
// fields through the input rule, and at most one file, cut off at the size
// limit and refused then, the rest of the request read and dropped so the
// sender gets the answer instead of a broken connection.
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { Invalid } from '../domain/errors.js';
import { textProblem } from '../domain/text.js';
import { tooLarge } from './evidence.js';

export interface Upload {
  fields: Record<string, string | string[]>;
  file?: { field: string; filename: string; bytes: Buffer };
}

/** Options for @fastify/multipart: one file within the limit (truncated, not thrown), a few short fields. */
export const multipartOptions = (maxBytes: number) => ({
  limits: { fileSize: maxBytes, files: 1, fields: 40, fieldSize: 100_000, parts: 50 },
  throwFileSizeLimit: false,
});

export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart())
    throw Invalid.field(
      'body',
      'send the entry as multipart/form-data, with the evidence file in "evidence"',
    );
  const fields: Upload['fields'] = {};
  let file: Upload['file'];
  let truncated = false;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        truncated ||= part.file.truncated;
        file = { field: part.fieldname, filename: part.filename ?? '', bytes };
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : String(part.value);
      if (part.valueTruncated) throw Invalid.field(`body.${part.fieldname}`, 'too long');
      const problem = textProblem(value);
      if (problem) throw Invalid.field(`body.${part.fieldname}`, problem);
      const previous = fields[part.fieldname];
      fields[part.fieldname] = previous === undefined ? value : [previous, value].flat();
    }
  } catch (err) {
    if (err instanceof Invalid) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_FILES_LIMIT') throw Invalid.field('body.evidence', 'one file per entry');
    if (/^FST_(PARTS|FIELDS)_LIMIT$/.test(code)) throw Invalid.field('body', 'too many fields');
    throw Invalid.field('body', `the form could not be read (${(err as Error).message})`);
  }
  if (truncated) throw tooLarge(maxBytes);
  return { fields, file };
}
