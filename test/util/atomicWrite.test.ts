/** writeFileAtomic: complete replacement, no temporary files left, old content kept on failure (POSIX rename(2)). */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/util/atomicWrite.js';
import { fsyncFile } from '../../src/util/fsyncFile.js';

describe('writeFileAtomic', () => {
  it('creates, replaces (string and bytes) and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-atomic-'));
    try {
      const p = join(dir, 'a.json');
      writeFileAtomic(p, '{"v":1}');
      writeFileAtomic(p, 'ü'.repeat(100_000));
      expect(readFileSync(p, 'utf8')).toBe('ü'.repeat(100_000));
      writeFileAtomic(p, new Uint8Array([1, 2, 3]));
      expect([...readFileSync(p)]).toEqual([1, 2, 3]);
      fsyncFile(p);
      expect(readdirSync(dir)).toEqual(['a.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on failure (target is a directory) throws, keeps the target and removes its temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-atomic-'));
    try {
      const target = join(dir, 'taken');
      mkdirSync(join(target, 'inner'), { recursive: true });
      expect(() => writeFileAtomic(target, 'x')).toThrow();
      expect(readdirSync(dir)).toEqual(['taken']);
      expect(() => writeFileAtomic(join(dir, 'missing-dir', 'f'), 'x')).toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
