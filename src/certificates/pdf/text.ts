// Colours for PDFs drawn from the layout file's hex values.
import { rgb, type RGB } from 'pdf-lib';

export function hexColour(hex: string): RGB {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return rgb(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}
