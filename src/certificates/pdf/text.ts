// Text helpers for PDFs drawn with the standard fonts.
import { rgb, type PDFDocument, type PDFFont, type RGB } from 'pdf-lib';

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

/**
 * Writes wrapped lines down Letter portrait pages (612 x 792, 48 pt margins),
 * starting a page when one is full; `gap` leaves space.
 */
export function flowingText(doc: PDFDocument, ink: RGB, regular: PDFFont) {
  const [W, H, M] = [612, 792, 48];
  let page = doc.addPage([W, H]);
  let y = H - M;
  return {
    line(text: string, size: number, font = regular, colour = ink, x = M) {
      for (const part of wrapText(safeText(text, font), font, size, W - x - M)) {
        if (y < M + size) {
          page = doc.addPage([W, H]);
          y = H - M;
        }
        page.drawText(part, { x, y, size, font, color: colour });
        y -= size + 4;
      }
    },
    gap(points: number) {
      y -= points;
    },
    margin: M,
  };
}
