// An evidence file is taken for what its bytes are (magic numbers, via
// file-type), never for its name or the type the sender claims: a PDF or a
// picture, within the size limit.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { Invalid } from '../domain/errors.js';

export const EVIDENCE_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

export interface EvidenceFile {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

const FIELD = 'body.evidence';

export async function checkEvidence(
  upload: { filename: string; bytes: Buffer } | undefined,
  maxBytes: number,
): Promise<EvidenceFile> {
  if (!upload || upload.bytes.length === 0)
    throw Invalid.field(
      FIELD,
      'attach the certificate or other evidence: a PDF or a picture (JPEG, PNG, WebP)',
    );
  if (upload.bytes.length > maxBytes) throw tooLarge(maxBytes);
  const detected = await fileTypeFromBuffer(upload.bytes);
  if (!detected || !(detected.mime in EVIDENCE_TYPES)) {
    const what = detected ? `this file is ${detected.mime}` : 'this file is not one of them';
    throw Invalid.field(FIELD, `a PDF or a picture (JPEG, PNG, WebP) is needed; ${what}`);
  }
  return {
    filename: safeFilename(upload.filename, EVIDENCE_TYPES[detected.mime]),
    contentType: detected.mime,
    size: upload.bytes.length,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    content: upload.bytes,
  };
}

export function tooLarge(maxBytes: number): Invalid {
  return Invalid.field(
    FIELD,
    `the file is larger than ${formatSize(maxBytes)}; send a smaller scan or photo`,
  );
}

export function formatSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${Math.round(bytes / 100_000) / 10} MB` : `${Math.round(bytes / 1000)} kB`;
}

/** The name shown in a download: the sender's, reduced to plain characters, with the extension the bytes call for. */
function safeFilename(name: string, ext: string): string {
  const base = name
    .replace(/\.[^.]*$/, '')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  return `${base || 'evidence'}.${ext}`;
}
