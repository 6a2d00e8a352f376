// ACPE Universal Activity Number: PPPP-JJJJ-YY-NNN-Fxx-A, e.g. 0001-0000-26-001-L01-P.
export interface Uan {
  provider: string;
  /** 0000 no joint provider, 9999 joint-provided. */
  jointProvider: string;
  year: number;
  sequence: string;
  format: 'live' | 'home_study';
  topic: string;
  audience: 'pharmacist' | 'technician';
}

const UAN = /^(\d{4})-(\d{4})-(\d{2})-(\d{3})-([LH])(\d{2})-([PT])$/;

export function parseUan(uan: string): Uan | null {
  const m = UAN.exec(uan.trim());
  if (!m) return null;
  return {
    provider: m[1],
    jointProvider: m[2],
    year: 2000 + Number(m[3]),
    sequence: m[4],
    format: m[5] === 'L' ? 'live' : 'home_study',
    topic: m[6],
    audience: m[7] === 'P' ? 'pharmacist' : 'technician',
  };
}
