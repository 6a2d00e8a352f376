// CE staff set up the provider profile from a terminal: every certificate,
// email footer and transcript prints it. They read it, save it with a logo
// and a signature from image files, edit what `show --json` printed and send
// it back; a bad field is one line naming it, and changes nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { startStack, type TestStack } from '../support/stack.js';
import { runCli } from '../support/cli.js';

let stack: TestStack;
let dir: string;
const staff = (...args: string[]) => runCli(stack, stack.config.STAFF_TOKEN, ...args);

function solidPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([20, 54, 93, 255], i * 4);
  return PNG.sync.write(png);
}

const profile = {
  name: 'Łódź Laboratory Education Center',
  contactEmail: 'ce@lodz-lab.example',
  postalAddress: '12 Main Street, Springfield, IL 62701',
  accmeId: '0012345',
  paceProviderNumber: '519',
  californiaApprovalNumber: '0001',
  signatoryName: 'Dr. Ana Ruiz',
  signatoryTitle: 'Director of Continuing Education',
};

beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), 'cli-provider-'));
  await writeFile(join(dir, 'provider.json'), JSON.stringify(profile));
  await writeFile(join(dir, 'logo.png'), solidPng(120, 40));
  await writeFile(join(dir, 'signature.png'), solidPng(200, 60));
  await writeFile(join(dir, 'notes.txt'), 'not an image');
});
afterAll(async () => {
  await stack?.close();
});

describe('the provider profile from the CLI', () => {
  it('says when none is stored yet', async () => {
    const shown = await staff('provider', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('No provider profile stored yet');
  });

  it('saves the profile with a logo and a signature read from image files', async () => {
    const put = await staff(
      'provider',
      'put',
      join(dir, 'provider.json'),
      '--logo',
      join(dir, 'logo.png'),
      '--signature',
      join(dir, 'signature.png'),
    );
    expect(put.stderr).toBe('');
    expect(put.stdout).toContain('provider profile saved: Łódź Laboratory Education Center');
    const shown = await staff('provider', 'show');
    expect(shown.stdout).toMatch(/name\s+Łódź Laboratory Education Center/);
    expect(shown.stdout).toMatch(/P\.A\.C\.E\. provider\s+519/);
    expect(shown.stdout).toMatch(/ACPE provider\s+-/);
    expect(shown.stdout).toMatch(/logo\s+image\/png, \d+ bytes/);
    expect(shown.stdout).toMatch(/signature\s+image\/png, \d+ bytes/);
    // The standard ACCME wording, with the stored name.
    expect(shown.stdout).toMatch(/ACCME statement: .*Łódź Laboratory Education Center/);
  });

  it('takes back what show --json printed, edited, and says which image that clears', async () => {
    const shown = JSON.parse((await staff('provider', 'show', '--json')).stdout);
    await writeFile(join(dir, 'edited.json'), JSON.stringify({ ...shown, acpeProviderNumber: '0204' }));
    const put = await staff('provider', 'put', join(dir, 'edited.json'), '--logo', join(dir, 'logo.png'));
    expect(put.code).toBe(0);
    expect(put.stdout).toContain('signature cleared (give --signature <file> to keep one)');
    expect(put.stdout).not.toContain('logo cleared');
    const after = JSON.parse((await staff('provider', 'show', '--json')).stdout);
    expect(after).toMatchObject({ acpeProviderNumber: '0204', paceProviderNumber: '519', signature: null });
    expect(after.logo).toMatchObject({ contentType: 'image/png' });
  });

  it('refuses bad input in one line naming what is wrong, and keeps what was stored', async () => {
    const before = (await staff('provider', 'show', '--json')).stdout;
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...profile, name: 'Bad\u0000Name' }));
    const nul = await staff('provider', 'put', join(dir, 'bad.json'));
    expect(nul.code).not.toBe(0);
    expect(nul.stderr.trim().split('\n')).toHaveLength(1);
    expect(nul.stderr).toMatch(/HTTP 400.*name/);

    const notImage = await staff(
      'provider',
      'put',
      join(dir, 'provider.json'),
      '--logo',
      join(dir, 'notes.txt'),
    );
    expect(notImage.code).not.toBe(0);
    expect(notImage.stderr.trim()).toBe(
      `ce-outcomes provider: logo: ${join(dir, 'notes.txt')} is not a PNG or JPEG image`,
    );

    const missing = await staff('provider', 'put', join(dir, 'nowhere.json'));
    expect(missing.stderr).toMatch(/cannot read .*nowhere\.json: ENOENT/);
    const usage = await staff('provider', 'remove');
    expect(usage.stderr).toMatch(/usage: provider show/);

    expect((await staff('provider', 'show', '--json')).stdout).toBe(before);
    expect(await readFile(join(dir, 'provider.json'), 'utf8')).toBe(JSON.stringify(profile));
  });
});
