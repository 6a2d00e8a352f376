// The accredited provider as certificates and emails name it, and the
// accreditation statements in the accreditors' standard wording (RULES.md
// "What each certificate must carry") unless the provider stored its own.

export interface Provider {
  name: string;
  contactEmail: string;
  postalAddress: string;
  accmeId: string | null;
  acpeProviderNumber: string | null;
  paceProviderNumber: string | null;
  californiaApprovalNumber: string | null;
  floridaApprovalNumber: string | null;
  accmeStatement: string | null;
  acpeStatement: string | null;
  paceStatement: string | null;
  signatoryName: string | null;
  signatoryTitle: string | null;
}

/** A provider known only by name and contact (no profile stored yet): no numbers, standard statements. */
export function providerNamed(name: string, contactEmail: string): Provider {
  return {
    name,
    contactEmail,
    postalAddress: '',
    accmeId: null,
    acpeProviderNumber: null,
    paceProviderNumber: null,
    californiaApprovalNumber: null,
    floridaApprovalNumber: null,
    accmeStatement: null,
    acpeStatement: null,
    paceStatement: null,
    signatoryName: null,
    signatoryTitle: null,
  };
}

export const accreditationStatement = {
  ama_pra_1: (p: Provider) =>
    p.accmeStatement ??
    `${p.name} is accredited by the Accreditation Council for Continuing Medical Education (ACCME) to provide continuing medical education for physicians.`,
  acpe: (p: Provider) =>
    p.acpeStatement ??
    `${p.name} is accredited by the Accreditation Council for Pharmacy Education as a provider of continuing pharmacy education.`,
  pace: (p: Provider) =>
    p.paceStatement ??
    `${p.name} is approved as a provider of continuing education programs in the clinical laboratory sciences by the ASCLS P.A.C.E.® Program.`,
};

/** The provider's contact, as every email footer prints it. */
export function contactLine(p: Provider): string {
  return [p.name, p.postalAddress.replace(/\s*\n\s*/g, ', '), p.contactEmail].filter(Boolean).join(' · ');
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** The image type a logo or signature's bytes say they are (certificates embed PNG or JPEG only). */
export function imageTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  return null;
}
