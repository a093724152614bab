import { describe, it, expect } from 'vitest';
import { escapeXml, escapeHtml } from '../../src/plots/escape.js';
import { cornerPlot } from '../../src/plots/cornerPlot.js';
import { profilePlot } from '../../src/plots/profilePlot.js';
import { spectrumPlot } from '../../src/plots/spectrumPlot.js';
import { correlatedGaussian } from './fixtures/syntheticData.js';

const EVIL = '<script>alert(1)</script>';

describe('escapeXml', () => {
  it('escapeXml(s) replaces the five XML special characters (XML 1.0 §2.4)', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    expect(escapeXml(EVIL)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(EVIL)).toBe(escapeXml(EVIL));
  });
  it('escapeXml(s) drops control characters that XML 1.0 forbids and keeps tab/newline', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });
  it('escapeXml(s) leaves non-ASCII text (μ, ν, ⟨r²⟩) unchanged', () => {
    expect(escapeXml('μ ν ⟨r²⟩')).toBe('μ ν ⟨r²⟩');
  });
});

describe('plots escape labels from model files', () => {
  const samples = correlatedGaussian(0.3, 400, [0, 0], [
    [1, 0.5],
    [0.5, 1],
  ]);
  it('cornerPlot escapes parameter labels, units and run labels', () => {
    const svg = cornerPlot(
      [
        { name: 'a', label: EVIL, unit: '"><img>' },
        { name: 'b', label: 'b', unit: '' },
      ],
      [{ label: EVIL, samples }],
      { bins: 10, published: [{ lo: -1, hi: 1, label: EVIL }, null], idPrefix: 'x"y' },
    );
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('id="x_y-clip-0-0"');
  });
  it('profilePlot and spectrumPlot escape labels and titles', () => {
    const p = profilePlot({ name: 'q', label: EVIL, unit: EVIL }, [0, 1, 2], [1, 0, 1], { intervals: [{ lo: 0.5, hi: 1.5, label: EVIL }], clLines: [{ deltaChi2: 1, label: EVIL }] });
    const s = spectrumPlot({ edges: [0, 1, 2], observed: [3, 4], sigma: [1, 2], xLabel: EVIL, xUnit: EVIL, title: EVIL, yLabel: EVIL });
    for (const svg of [p, s]) {
      expect(svg).not.toContain('<script');
      expect(svg).toContain('&lt;script&gt;');
    }
  });
});
