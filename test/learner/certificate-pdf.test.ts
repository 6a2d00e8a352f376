// The certificate a learner keeps, read back as text: for each type, what
// RULES.md says it must carry ("What each certificate must carry"), with the
// provider's profile, in any script; its QR code leads to the verification
// page; ACPE says it was reported only once CPE Monitor accepted it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { verificationUrl } from '../../src/platform/links.js';
import { renderCertificate } from '../../src/certificates/render.js';
import { loadCertificateById } from '../../src/certificates/records.js';
import { recordReported } from '../../src/certificates/reported.js';
import { storedPdf } from '../../src/certificates/pdf-store.js';
import { saveProvider } from '../../src/provider/profile.js';
import { allTypesPolicy, northwindProfile, seedCertificate } from './seed.js';
import { decodeQrOnFirstPage, pdfText } from './pdf-tools.js';

const config = { PUBLIC_URL: 'https://ce.example.org', MAIL_FROM: 'CE Office <ce@northwind.example>' };
const NAMES = ['Łukasz Żółć', 'José Núñez', 'Nguyễn Thị Minh', '王小明'];
let database: TestDatabase;

beforeAll(async () => {
  database = await freshDatabase();
  await saveProvider(database.db, northwindProfile());
});
afterAll(async () => {
  await database?.close();
});

async function textOf(certificateId: string) {
  const record = await loadCertificateById(database.db, certificateId);
  return pdfText(await renderCertificate(database.db, record!, config));
}

const policy = allTypesPolicy;
/** Every certificate names the learner, the activity, its dates, format and location, and the provider. */
const activityFacts = [
  'Sepsis recognition in the emergency department',
  'March 3, 2026',
  'Live activity',
  'Boston, MA',
  'Northwind Medical Education',
];

describe('certificate PDF', () => {
  it.each(NAMES)(
    'AMA PRA: accreditation and designation statements, credits claimed, for %s',
    async (name) => {
      const { certificate } = await seedCertificate(database.db, {
        creditType: 'ama_pra_1',
        credits: 2.5,
        learnerName: name,
        policy,
      });
      const text = await textOf(certificate.id);
      for (const fact of [name, ...activityFacts]) expect(text).toContain(fact);
      expect(text).toContain('2.5 AMA PRA Category 1 Credits™');
      expect(text).toContain(
        'Northwind Medical Education is accredited by the Accreditation Council for Continuing Medical Education (ACCME) to provide continuing medical education for physicians.',
      );
      expect(text).toContain(
        'Northwind Medical Education designates this live activity for a maximum of 3 AMA PRA Category 1 Credit(s)™. ' +
          'Physicians should claim only the credit commensurate with the extent of their participation in the activity.',
      );
      expect(text).toContain(certificate.number);
      expect(text).toContain('Issued: March 4, 2026');
      expect(text).toContain('Dr Grace Lin, Director of Continuing Education');
    },
  );

  it.each(NAMES)(
    'ACPE: statement, UAN, hours and CEUs, e-Profile ID, report pending, for %s',
    async (name) => {
      const { certificate } = await seedCertificate(database.db, {
        creditType: 'acpe',
        credits: 2,
        learnerName: name,
        nabpEProfileId: '1234567',
        policy,
      });
      const text = await textOf(certificate.id);
      for (const fact of [name, ...activityFacts]) expect(text).toContain(fact);
      expect(text).toContain(
        'Northwind Medical Education is accredited by the Accreditation Council for Pharmacy Education as a provider of continuing pharmacy education.',
      );
      expect(text).toContain('Universal Activity Number (UAN): 0001-0000-26-001-L01-P');
      expect(text).toContain('2 ACPE contact hours (0.2 CEU)');
      expect(text).toContain('NABP e-Profile ID: 1234567');
      expect(text).toContain('Report to NABP CPE Monitor pending.');
      expect(text).not.toContain('Reported to NABP CPE Monitor');
    },
  );

  it.each(NAMES)(
    'P.A.C.E.: provider and program numbers, level, hours, date, approvals, for %s',
    async (name) => {
      const { certificate } = await seedCertificate(database.db, {
        creditType: 'pace',
        credits: 3,
        learnerName: name,
        policy,
      });
      const text = await textOf(certificate.id);
      for (const fact of [name, ...activityFacts]) expect(text).toContain(fact);
      expect(text).toContain('3 P.A.C.E.® contact hours');
      expect(text).toContain(
        'Northwind Medical Education is approved as a provider of continuing education programs in the clinical laboratory sciences by the ASCLS P.A.C.E.® Program.',
      );
      expect(text).toContain(
        'P.A.C.E.® provider number: 519 · Program number: 519-101-26 · Level of instruction: Intermediate · California CE approval: 0001 · Florida CE provider: 50-12345',
      );
    },
  );

  it.each(NAMES)('participation: hours participated and every designation stated, for %s', async (name) => {
    const { certificate } = await seedCertificate(database.db, {
      creditType: 'participation',
      credits: 2.75,
      learnerName: name,
      policy,
    });
    const text = await textOf(certificate.id);
    for (const fact of [name, ...activityFacts]) expect(text).toContain(fact);
    expect(text).toContain('Certificate of Participation');
    expect(text).toContain('2.75 hours of participation');
    expect(text).toContain('designates this live activity for a maximum of 3 AMA PRA Category 1 Credit(s)™.');
    expect(text).toContain('This live activity provides 3 contact hours (UAN 0001-0000-26-001-L01-P).');
    expect(text).toContain('This program is approved for 3 P.A.C.E.® contact hours.');
    expect(text).toContain('it is not a claim of any of the credit designated');
    expect(text).not.toContain('AMA PRA Category 1 Credits™');
  });

  it('says "reported to CPE Monitor" once the reporting records acceptance: same number, same issue date', async () => {
    const { certificate } = await seedCertificate(database.db, {
      creditType: 'acpe',
      credits: 2,
      nabpEProfileId: '123456',
      policy,
    });
    const before = await storedPdf(database.db, certificate.id, config);
    expect(await pdfText(before!.content)).toContain('Report to NABP CPE Monitor pending.');
    await recordReported(
      database.db,
      certificate.id,
      { reportedAt: new Date('2026-03-20T12:00:00Z'), reportedTo: 'CPE Monitor' },
      config,
    );
    const after = await storedPdf(database.db, certificate.id, config);
    const text = await pdfText(after!.content);
    expect(text).toContain('Reported to NABP CPE Monitor on March 20, 2026.');
    expect(text).not.toContain('pending');
    expect(text).toContain(certificate.number);
    expect(text).toContain('Issued: March 4, 2026');
  });

  it('embeds a subset of the fonts: a Chinese name adds the CJK glyphs, not the 10 MB font', async () => {
    const latin = await seedCertificate(database.db, { learnerName: 'José Núñez', policy });
    const cjk = await seedCertificate(database.db, { learnerName: '王小明', policy });
    const size = async (id: string) => (await storedPdf(database.db, id, config))!.content.length;
    expect(await size(latin.certificate.id)).toBeLessThan(150_000);
    expect(await size(cjk.certificate.id)).toBeLessThan(300_000);
  });

  it('has a QR code that decodes to the verification URL', async () => {
    const { certificate } = await seedCertificate(database.db);
    const pdf = (await storedPdf(database.db, certificate.id, config))!.content;
    expect(await decodeQrOnFirstPage(pdf)).toBe(
      verificationUrl(config.PUBLIC_URL, certificate.verificationCode),
    );
  });

  it('renders the same bytes tomorrow: the issue date is frozen', async () => {
    const { certificate } = await seedCertificate(database.db);
    const record = await loadCertificateById(database.db, certificate.id);
    const a = await renderCertificate(database.db, record!, config);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await renderCertificate(database.db, record!, config);
    expect(a.equals(b)).toBe(true);
  });
});
