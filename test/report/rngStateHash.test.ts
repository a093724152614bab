import { describe, expect, it } from 'vitest';
import { rngStateHash } from '../../src/report/rngStateHash.js';

describe('rngStateHash', () => {
  // expected digests from coreutils `sha256sum` (reference implementation) of the JSON text:
  // printf '[1,2]' | sha256sum → 49a64717d5d4cb19…; printf '{"seed":1}' | sha256sum → fbe47f6d82b435a8…
  it('is sha256: plus the first 16 hex digits of SHA-256 of the JSON text (exact, sha256sum)', () => {
    expect(rngStateHash([1, 2])).toBe('sha256:49a64717d5d4cb19');
    expect(rngStateHash({ seed: 1 })).toBe('sha256:fbe47f6d82b435a8');
  });
});
