// The logo and signature images on every kind of certificate (AMA PRA, ACPE,
// P.A.C.E.®, participation), read back as a person sees the page: with no
// logo configured there is no box where a logo would go, only the text; the
// block of text sits centred between the top and the signature either way;
// with images, the logo shows above the provider's name and the signature
// above the rule. The page is rasterised at 72 dpi (one pixel per point).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFDict, PDFName } from 'pdf-lib';
import { PNG } from 'pngjs';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { renderCertificate } from '../../src/certificates/render.js';
import { loadCertificateById } from '../../src/certificates/records.js';
import { saveProvider } from '../../src/provider/profile.js';
import { allTypesPolicy as policy, northwindProfile, seedCertificate } from './seed.js';
import { firstPageImage, pdfText } from './pdf-tools.js';

const config = { PUBLIC_URL: 'https://ce.example.org', MAIL_FROM: 'CE Office <ce@northwind.example>' };
const KINDS = ['ama_pra_1', 'acpe', 'pace', 'participation'] as const;
let database: TestDatabase;

const solidPng = (width: number, height: number) => {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([20, 54, 93, 255], i * 4);
  return PNG.sync.write(png);
};

const provider = (images: boolean) =>
  northwindProfile({
    logo: images ? solidPng(240, 80) : null,
    logoType: images ? 'image/png' : null,
    signature: images ? solidPng(200, 50) : null,
    signatureType: images ? 'image/png' : null,
  });

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function render(kind: (typeof KINDS)[number], images: boolean) {
  await saveProvider(database.db, provider(images));
  const { certificate } = await seedCertificate(database.db, {
    creditType: kind,
    credits: 2,
    nabpEProfileId: kind === 'acpe' ? '123456' : undefined,
    policy,
  });
  const record = await loadCertificateById(database.db, certificate.id);
  return renderCertificate(database.db, record!, config);
}

/** How many images the page draws (the QR code is one). */
async function imageCount(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf);
  const xObjects = doc.getPage(0).node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  return xObjects?.keys().length ?? 0;
}

const dark = (png: PNG, x: number, y: number) => {
  const i = (y * png.width + x) * 4;
  return png.data[i] + png.data[i + 1] + png.data[i + 2] < 3 * 110;
};

/** Filled dark rectangles at least 40 × 12 px (a box, not a line of text or a rule): their top rows. */
function filledBoxes(png: PNG): number[] {
  const tops: number[] = [];
  let run = 0;
  for (let y = 30; y < png.height - 30; y++) {
    let longest = 0;
    let current = 0;
    for (let x = 30; x < png.width - 140; x++) {
      current = dark(png, x, y) ? current + 1 : 0;
      longest = Math.max(longest, current);
    }
    run = longest >= 40 ? run + 1 : 0;
    if (run === 12) tops.push(y - 11);
  }
  return tops;
}

/** Rows with any dark pixel between the borders, left of the QR code. */
function inkedRows(png: PNG, from: number, to: number): number[] {
  const rows: number[] = [];
  for (let y = from; y < to; y++)
    for (let x = 30; x < png.width - 140; x++)
      if (dark(png, x, y)) {
        rows.push(y);
        break;
      }
  return rows;
}

describe.each(KINDS)('%s certificate', (kind) => {
  it('with no logo: no box where the logo would be, and the text centred above the signature', async () => {
    const pdf = await render(kind, false);
    expect(await imageCount(pdf)).toBe(1);
    const png = await firstPageImage(pdf, 72);
    expect(png.width).toBe(792);
    expect(filledBoxes(png)).toEqual([]);
    // Layout (templates/certificate.yaml): text may run from 48 pt below the
    // top edge to the signature's space, which starts 134 pt above the bottom.
    const top = 612 - (612 - 42 - 6);
    const bottom = 612 - (42 + 84 * 0.45 + 40 + 14);
    const rows = inkedRows(png, top, bottom);
    const above = rows[0] - top;
    const below = bottom - rows[rows.length - 1];
    expect(above).toBeGreaterThan(15);
    expect(Math.abs(above - below)).toBeLessThanOrEqual(12);
    expect(await pdfText(pdf)).toContain('Northwind Medical Education');
  });

  it('with a logo and a signature image: both drawn, the logo above the provider name', async () => {
    const pdf = await render(kind, true);
    expect(await imageCount(pdf)).toBe(3);
    const png = await firstPageImage(pdf, 72);
    const boxes = filledBoxes(png);
    // The logo (120 × 40 pt) in the upper part, the signature above its rule near the bottom.
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toBeLessThan(200);
    expect(boxes[1]).toBeGreaterThan(450);
    expect(dark(png, 396, boxes[0] + 20)).toBe(true);
  });
});
