// Fixed-width text records (CE Broker's text upload): each field at its
// published position, padded or cut to its width, ASCII only.

export interface Field {
  /** First character, counting from 1 as the specification does. */
  from: number;
  to: number;
  value: string | number;
  /** Numbers are right-aligned and zero-filled; text is left-aligned and space-filled. */
  align?: 'left' | 'zeros';
}

/** Letters with accents lose them (Ł → L, ñ → n); anything else outside printable ASCII becomes a space. */
export function toAscii(text: string): string {
  return text
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'))
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ');
}

/** One record of exactly `length` characters; throws if the layout leaves a gap or overlaps. */
export function fixedRecord(length: number, fields: Field[]): string {
  let out = '';
  for (const f of [...fields].sort((a, b) => a.from - b.from)) {
    if (f.from !== out.length + 1)
      throw new Error(`fixed-width layout: field at ${f.from} after ${out.length}`);
    const width = f.to - f.from + 1;
    const text = toAscii(String(f.value));
    out +=
      f.align === 'zeros' ? text.slice(-width).padStart(width, '0') : text.slice(0, width).padEnd(width, ' ');
  }
  if (out.length !== length) throw new Error(`fixed-width layout: ${out.length} characters, not ${length}`);
  return out;
}

/** MMDDYYYY from YYYY-MM-DD. */
export const mmddyyyy = (isoDate: string) =>
  `${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}${isoDate.slice(0, 4)}`;

/** MM/DD/YYYY from YYYY-MM-DD. */
export const usDate = (isoDate: string) =>
  `${isoDate.slice(5, 7)}/${isoDate.slice(8, 10)}/${isoDate.slice(0, 4)}`;
