/**
 * Security (issue 7): no network access anywhere — no source file under src/ imports a network
 * module or calls fetch/WebSocket, and the report's Content-Security-Policy blocks every request
 * (checked in test/report). A static scan of the source text.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/provenance.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(n) ? [p] : [];
  });
}

describe('no network access in src/', () => {
  it('no import of http/https/net/dgram/tls/http2 and no fetch/WebSocket/XMLHttpRequest calls', () => {
    const offenders = sources(join(PACKAGE_ROOT, 'src')).filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /from ['"](node:)?(http|https|net|dgram|tls|http2)['"]|\bfetch\s*\(|new\s+WebSocket\b|XMLHttpRequest/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
