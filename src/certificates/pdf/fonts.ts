// Unicode fonts for certificates and transcripts, embedded as subsets so names
// print exactly as learners spell them, in any script: Noto Sans (Latin,
// Greek, Cyrillic, Vietnamese) with Noto Sans SC for Chinese, both SIL OFL 1.1,
// shipped by the @expo-google-fonts packages. The CJK font (10 MB) is read and
// embedded only when a document has a character Noto Sans lacks. Fonts are cut
// to the characters a document prints with HarfBuzz (subset-font) and embedded
// whole: pdf-lib's own subsetting drops glyphs of these fonts.
import fontkit from '@pdf-lib/fontkit';
import subsetFont from 'subset-font';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  cjkRegular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  cjkBold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

const bytes = new Map<keyof typeof FILES, Buffer>();
function fontBytes(name: keyof typeof FILES): Buffer {
  let b = bytes.get(name);
  if (!b) {
    b = readFileSync(require.resolve(FILES[name]));
    bytes.set(name, b);
  }
  return b;
}

let latinCoverage: Set<number> | undefined;
/** Code points Noto Sans draws (the same in both weights). */
function latin(): Set<number> {
  latinCoverage ??= new Set(fontkit.create(fontBytes('regular')).characterSet);
  return latinCoverage;
}

/** One weight: Noto Sans, and Noto Sans SC for what it lacks. */
export class Face {
  constructor(
    readonly primary: PDFFont,
    readonly fallback: PDFFont | undefined,
  ) {}

  /** The text cut into runs each drawn by one font. Whitespace runs collapse to one space. */
  runs(text: string): { text: string; font: PDFFont }[] {
    const out: { text: string; font: PDFFont }[] = [];
    for (const ch of text.normalize('NFC').replace(/\s+/g, ' ')) {
      const font = latin().has(ch.codePointAt(0)!) || !this.fallback ? this.primary : this.fallback;
      const last = out.at(-1);
      if (last && (last.font === font || ch === ' ')) last.text += ch;
      else out.push({ text: ch, font });
    }
    return out;
  }

  width(text: string, size: number): number {
    return this.runs(text).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  draw(page: PDFPage, text: string, at: { x: number; y: number; size: number; color: RGB }): void {
    let x = at.x;
    for (const run of this.runs(text)) {
      page.drawText(run.text, { x, y: at.y, size: at.size, font: run.font, color: at.color });
      x += run.font.widthOfTextAtSize(run.text, at.size);
    }
  }

  /** Lines of at most maxWidth; a word longer than the line (a CJK name) is cut by character. */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    const tokens = text.replace(/\s+/g, ' ').split(/(?<=\s)|(?=[\u3000-\u9fff])|(?<=[\u3000-\u9fff])/u);
    for (const token of tokens) {
      const candidate = line + token;
      if (line.trim() && this.width(candidate.trimEnd(), size) > maxWidth) {
        lines.push(line.trimEnd());
        line = token.trimStart();
      } else line = candidate;
    }
    if (line.trim()) lines.push(line.trimEnd());
    return lines;
  }
}

/** Recent subsets by font and characters: most certificates print ASCII only, so one cut serves many. */
const subsets = new Map<string, Promise<Buffer>>();
const SUBSETS_KEPT = 32;
function subsetOf(name: keyof typeof FILES, chars: string): Promise<Buffer> {
  const key = `${name}\u0000${chars}`;
  let cut = subsets.get(key);
  if (!cut) {
    cut = subsetFont(fontBytes(name), chars, { targetFormat: 'truetype' });
    cut.catch(() => subsets.delete(key));
    if (subsets.size >= SUBSETS_KEPT) subsets.delete(subsets.keys().next().value!);
    subsets.set(key, cut);
  }
  return cut;
}

export interface Fonts {
  regular: Face;
  bold: Face;
}

/** Printable ASCII and the punctuation of the fixed wording, always in the subset. */
const BASE = String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 32 + i)) + '·–—‘’“”™®©…';

/**
 * Embeds the fonts for a document that prints `texts` (besides ASCII and the
 * fixed wording): each cut to those characters, so a PDF carries kilobytes of font.
 */
export async function embedFonts(doc: PDFDocument, texts: string[]): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const chars = [...new Set([...BASE, ...texts.join('').normalize('NFC')])].join('');
  const needsCjk = [...chars].some((ch) => !/\s/.test(ch) && !latin().has(ch.codePointAt(0)!));
  // No composition (ccmp) or ligatures (liga): "ị" and "fi" stay their own glyphs, so text read from the PDF is what was printed.
  const embed = async (name: keyof typeof FILES) =>
    doc.embedFont(await subsetOf(name, chars), { subset: false, features: { ccmp: false, liga: false } });
  const [regular, bold] = await Promise.all([embed('regular'), embed('bold')]);
  if (!needsCjk) return { regular: new Face(regular, undefined), bold: new Face(bold, undefined) };
  const [cjkRegular, cjkBold] = await Promise.all([embed('cjkRegular'), embed('cjkBold')]);
  return { regular: new Face(regular, cjkRegular), bold: new Face(bold, cjkBold) };
}

/**
 * Loads the fonts and cuts the ASCII subset ahead of the first certificate, so
 * a worker's first claim does not pay for it inside the claim's wait.
 */
export async function warmFonts(): Promise<void> {
  await embedFonts(await PDFDocument.create(), []);
}
