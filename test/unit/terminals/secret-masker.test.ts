import fc from 'fast-check';
import { expect, test } from 'vitest';
import { SecretMasker } from '../../../electron/host/terminal/transcript/secret-masker';

function maskInPieces(text: string, secrets: string[], cuts: number[]): string {
  const masker = new SecretMasker();
  masker.add(secrets);
  const bytes = Buffer.from(text, 'utf8');
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    out.push(masker.push(bytes.subarray(from, point)));
    from = point;
  }
  out.push(masker.flush());
  return Buffer.concat(out).toString('utf8');
}

test('a secret is masked wherever the stream is cut, keeping the length', () => {
  const secret = 'pa55-wörd-42';
  const text = `x ${secret} y ${secret}${secret} z`;
  const masked = `x ${'*'.repeat(Buffer.byteLength(secret))} y ${'*'.repeat(2 * Buffer.byteLength(secret))} z`;
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 10 }), (cuts) => {
      expect(maskInPieces(text, [secret], cuts)).toBe(masked);
    }),
  );
});

test('arbitrary text around secrets never lets one through', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 4, maxLength: 12 }).filter((value) => !value.includes('*')),
      fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      (secret, fillers, cuts) => {
        fc.pre(Buffer.byteLength(secret) >= 4);
        const text = fillers.join(secret) + secret;
        const out = maskInPieces(text, [secret], cuts);
        expect(out).not.toContain(secret);
        expect(Buffer.byteLength(out)).toBe(Buffer.byteLength(text));
      },
    ),
  );
});

test('refuses secrets too short to mask safely', () => {
  expect(() => new SecretMasker().add(['abc'])).toThrow(/at least 4 bytes/);
});
