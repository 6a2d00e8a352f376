// Text helpers for PDFs drawn with the standard fonts.
import { rgb, type PDFFont, type RGB } from 'pdf-lib';

const supported = new WeakMap<PDFFont, Set<number>>();

/**
 * The standard PDF fonts only encode WinAnsi: keep what they can draw, strip
 * accents they cannot (Ł → L is not possible, so it becomes ?), never throw.
 */
export function safeText(text: string, font: PDFFont): string {
  let set = supported.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    supported.set(font, set);
  }
  const ok = set;
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    if (ok.has(ch.codePointAt(0)!)) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += [...base].every((c) => ok.has(c.codePointAt(0)!)) && base ? base : '?';
  }
  return out;
}

export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function hexColour(hex: string): RGB {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return rgb(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}
