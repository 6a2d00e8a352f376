// Colours and flowing text for PDFs drawn in the embedded Unicode font (fonts.ts).
import { rgb, type PDFDocument, type RGB } from 'pdf-lib';
import type { Face } from './fonts.js';

export function hexColour(hex: string): RGB {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return rgb(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}

/**
 * Writes wrapped lines down Letter portrait pages (612 x 792, 48 pt margins),
 * starting a page when one is full; `gap` leaves space.
 */
export function flowingText(doc: PDFDocument, ink: RGB, regular: Face) {
  const [W, H, M] = [612, 792, 48];
  let page = doc.addPage([W, H]);
  let y = H - M;
  return {
    line(text: string, size: number, face = regular, colour = ink, x = M) {
      for (const part of face.wrap(text, size, W - x - M)) {
        if (y < M + size) {
          page = doc.addPage([W, H]);
          y = H - M;
        }
        face.draw(page, part, { x, y, size, color: colour });
        y -= size + 4;
      }
    },
    gap(points: number) {
      y -= points;
    },
    margin: M,
  };
}
