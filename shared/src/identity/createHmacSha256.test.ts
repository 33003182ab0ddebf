import { createHmac, createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createHmacSha256 } from './createHmacSha256';

/** The prepared HMAC gives exactly the MAC node's HMAC gives, for keys shorter than, as long as and longer than a block. */
const hex = (text: string) => Buffer.from(text, 'hex');

it('gives the RFC 4231 HMAC-SHA256 test vectors whose data is text (cases 1, 2, 6 and 7)', () => {
  const vectors: [Buffer, Buffer, string][] = [
    [Buffer.alloc(20, 0x0b), Buffer.from('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    [
      Buffer.alloc(131, 0xaa),
      Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      Buffer.alloc(131, 0xaa),
      Buffer.from(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ];
  for (const [key, data, mac] of vectors) {
    expect(createHmacSha256(createSecretKey(key))(data.toString('utf8'))).toBe(hex(mac).toString('base64url'));
  }
});

it("equals node's HMAC for keys of 32, 64, 65 and 200 bytes and texts from empty to past its first buffer, in any order", () => {
  const texts = [
    '',
    'a',
    'é ✓ \u{1F600} \u2028',
    'x'.repeat(63),
    'y'.repeat(1_000),
    'z'.repeat(5_000),
    'short again',
    '\u00ff'.repeat(400),
  ];
  for (const size of [32, 64, 65, 200]) {
    const key = createSecretKey(randomBytes(size));
    const mac = createHmacSha256(key);
    for (const text of [...texts, ...texts.slice().reverse()]) {
      expect(mac(text)).toBe(createHmac('sha256', key).update(text, 'utf8').digest('base64url'));
    }
  }
});

it('keeps each key to itself: MACs under two keys differ, and each stays its own after the other is used', () => {
  const [first, second] = [createSecretKey(randomBytes(32)), createSecretKey(randomBytes(32))];
  const [macFirst, macSecond] = [createHmacSha256(first), createHmacSha256(second)];
  expect(macFirst('text')).not.toBe(macSecond('text'));
  expect(macFirst('text')).toBe(createHmac('sha256', first).update('text').digest('base64url'));
  expect(macSecond('text')).toBe(createHmac('sha256', second).update('text').digest('base64url'));
});

it('refuses a key that is not a secret key', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  expect(() => createHmacSha256(privateKey)).toThrow('an HMAC key must be a secret key');
});
