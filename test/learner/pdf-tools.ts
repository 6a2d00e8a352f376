// Reading a generated PDF the way a person would: its text (pdfjs-dist) and
// its first page as an image (poppler's pdftoppm) to decode the QR code.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';

// jsqr is CommonJS with a `default` property; NodeNext sees the module object.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  // One space between words, however the PDF split its runs.
  return pages.join('\n').replace(/\s+/g, ' ');
}

/** The first page as an RGBA image (poppler's pdftoppm), at `dpi` (72: one pixel per point). */
export async function firstPageImage(bytes: Uint8Array, dpi = 150): Promise<PNG> {
  const dir = await mkdtemp(join(tmpdir(), 'cert-'));
  try {
    await writeFile(join(dir, 'c.pdf'), bytes);
    await promisify(execFile)('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(dir, 'c.pdf'),
      join(dir, 'page'),
    ]);
    return PNG.sync.read(await readFile(join(dir, 'page.png')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function decodeQrOnFirstPage(bytes: Uint8Array): Promise<string | undefined> {
  const png = await firstPageImage(bytes);
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  return code?.data;
}
