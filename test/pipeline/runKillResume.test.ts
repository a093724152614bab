/**
 * `nuem run` killed with SIGKILL at any stage — while sampling, right after an R̂ extension
 * decision, inside an extension round, after sampling — and resumed each time equals the
 * uninterrupted run bit for bit: same chains (positions, log-probabilities, acceptance), same
 * decision file, same summaries (exact identity: every decision is persisted or a deterministic
 * function of the persisted chains; issue 16). The tiny run (test/pipeline/tinyRun.ts) goes
 * through five R̂ extension rounds.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis, type RunResult } from '../../src/pipeline/runAnalysis.js';
import { PACKAGE_ROOT } from '../../src/provenance.js';
import { tinyRunOptions } from './tinyRun.js';
import { expectSameChain, progressAtLeast, runChild, type ChildRun } from './runChildProcess.js';

const FILE = join(PACKAGE_ROOT, 'models/analyses/default.yaml');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuem-runkill-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const child = (out: string, mode: 'new' | 'resume', killWhen?: (line: string) => boolean): Promise<ChildRun> => runChild(FILE, out, mode, killWhen);

describe('nuem run: SIGKILL at any stage + --resume equals the uninterrupted run (issue 16)', () => {
  it('killed while sampling, after an R̂ extension decision, inside an extension round and after sampling: chains, decisions and summaries identical', async () => {
    const refOut = join(dir, 'ref');
    const ref: RunResult = await runAnalysis(FILE, tinyRunOptions(refOut));
    expect(ref.diagnostics.notes.length).toBeGreaterThanOrEqual(3); // the run really has R̂ extension rounds

    const out = join(dir, 'killed');
    const kills: Array<[mode: 'new' | 'resume', when: (l: string) => boolean]> = [
      ['new', progressAtLeast(100)],
      ['resume', (l) => l.startsWith('note ') && l.includes('continuing all of them to 520 steps')],
      ['resume', progressAtLeast(600)],
      ['resume', (l) => l === 'stage summarise'],
    ];
    for (const [mode, when] of kills) {
      const r = await child(out, mode, when);
      expect(r.signal, `${r.stderr}\n${r.lines.slice(-5).join('\n')}`).toBe('SIGKILL');
    }
    const fin = await child(out, 'resume');
    expect(fin.code, fin.stderr).toBe(0);
    expect(fin.lines[fin.lines.length - 1]).toBe('done');

    for (let k = 0; k < 2; k++) await expectSameChain(ref.paths.chains[k]!, join(out, 'chains', 'default', `seed20240916.e${k}.h5`));
    const decisions = (p: string): unknown => JSON.parse(readFileSync(join(p, 'chains', 'default', 'seed20240916.decisions.json'), 'utf8'));
    expect(decisions(out)).toEqual(decisions(refOut));
    const again = await runAnalysis(FILE, { ...tinyRunOptions(out), resume: true });
    expect(again.diagnostics.steps).toEqual(ref.diagnostics.steps);
    expect(again.diagnostics.newSteps).toEqual([0, 0]);
    expect(again.posterior).toEqual(ref.posterior);
    expect(again.diagnostics.rhat).toEqual(ref.diagnostics.rhat);
  }, 240_000);

  it('tempered (3 temperatures): killed after an R̂ extension decision and inside a later round, resumed, equals the uninterrupted run (rung files, decision file, summaries)', async () => {
    // the default analysis with 3 temperatures and a short ladder adaptation, so the tiny run meets
    // the τ rule early and goes through R̂ extension rounds (160 → 240 → 360 → 540 → 800 steps)
    const spec = parse(readFileSync(FILE, 'utf8')) as { sampler: Record<string, unknown> };
    spec.sampler.tempering = { temperatures: 3, adaptSteps: 20 };
    const ptFile = join(dir, 'default-pt.yaml');
    writeFileSync(ptFile, stringify(spec));
    const refOut = join(dir, 'tref');
    const ref: RunResult = await runAnalysis(ptFile, tinyRunOptions(refOut));
    expect(ref.diagnostics.notes.filter((n) => n.includes('continued to')).length).toBeGreaterThanOrEqual(3); // real R̂ rounds
    const out = join(dir, 'tkilled');
    const a = await runChild(ptFile, out, 'new', (l) => l.startsWith('note ') && l.includes('continuing all of them to 360 steps'));
    expect(a.signal, `${a.stderr}\n${a.lines.slice(-5).join('\n')}`).toBe('SIGKILL');
    const b = await runChild(ptFile, out, 'resume', progressAtLeast(600));
    expect(b.signal, `${b.stderr}\n${b.lines.slice(-5).join('\n')}`).toBe('SIGKILL');
    const fin = await runChild(ptFile, out, 'resume');
    expect(fin.code, fin.stderr).toBe(0);
    const names = (p: string): string[] => readdirSync(join(p, 'chains', 'default')).filter((f) => f.endsWith('.h5')).sort();
    expect(names(out)).toEqual(names(refOut));
    for (const f of names(refOut)) await expectSameChain(join(refOut, 'chains', 'default', f), join(out, 'chains', 'default', f), { label: f, accepted: false });
    const decisions = (p: string): unknown => JSON.parse(readFileSync(join(p, 'chains', 'default', 'seed20240916.decisions.json'), 'utf8'));
    expect(decisions(out)).toEqual(decisions(refOut));
    const again = await runAnalysis(ptFile, { ...tinyRunOptions(out), resume: true });
    expect(again.diagnostics.steps).toEqual(ref.diagnostics.steps);
    expect(again.posterior).toEqual(ref.posterior);
  }, 240_000);
});
