// The certificate a learner keeps: its text says who, what, how much and under
// which accreditation, and its QR code leads to the public verification page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { renderCertificatePdf } from '../../src/certificates/pdf/certificate.js';
import { verificationUrl } from '../../src/platform/links.js';
import { seedCertificate } from './seed.js';
import { decodeQrOnFirstPage, pdfText } from './pdf-tools.js';

const PUBLIC_URL = 'https://ce.example.org';
let database: TestDatabase;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('certificate PDF', () => {
  it('prints name, activity, credits claimed, the AMA designation statement and the number', async () => {
    const { certificate } = await seedCertificate(database.db, { creditType: 'ama_pra_1', credits: 2.5 });
    const pdf = await renderCertificatePdf(database.db, certificate.id, PUBLIC_URL);
    const text = await pdfText(pdf);
    expect(text).toContain('Dr. Amara Okafor');
    expect(text).toContain('Sepsis recognition in the emergency department');
    expect(text).toContain('2.5 AMA PRA Category 1 Credits™');
    expect(text).toContain(
      'Northwind Medical Education designates this live activity for a maximum of 3 AMA PRA Category 1 Credit(s)™. ' +
        'Physicians should claim only the credit commensurate with the extent of their participation in the activity.',
    );
    expect(text).toContain('Boston, MA');
    expect(text).toContain('March 3, 2026');
    expect(text).toContain(certificate.number);
    expect(text).toContain('Issued: March 4, 2026');
  });

  it('has a QR code that decodes to the verification URL', async () => {
    const { certificate } = await seedCertificate(database.db);
    const pdf = await renderCertificatePdf(database.db, certificate.id, PUBLIC_URL);
    expect(await decodeQrOnFirstPage(pdf)).toBe(verificationUrl(PUBLIC_URL, certificate.verificationCode));
  });

  it('prints the UAN on an ACPE certificate, and draws names the standard font lacks without failing', async () => {
    const { certificate } = await seedCertificate(database.db, {
      creditType: 'acpe',
      credits: 3,
      learnerName: 'Łucja Nowak-Zoë',
    });
    const text = await pdfText(await renderCertificatePdf(database.db, certificate.id, PUBLIC_URL));
    expect(text).toContain('Universal Activity Number (UAN): 0001-0000-26-001-L01-P');
    expect(text).toContain('3 ACPE contact hours');
    expect(text).toContain('Nowak-Zoë');
  });

  it('renders the same bytes tomorrow: the issue date is frozen', async () => {
    const { certificate } = await seedCertificate(database.db);
    const a = await renderCertificatePdf(database.db, certificate.id, PUBLIC_URL);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await renderCertificatePdf(database.db, certificate.id, PUBLIC_URL);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
