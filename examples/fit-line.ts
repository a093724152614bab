/**
 * nuem as a library: sample your own log-probability, emcee-style.
 *
 * A straight line y = m·x + b fitted to ten points with Gaussian errors (flat priors), the
 * example of emcee's "Fitting a model to data" tutorial (Foreman-Mackey et al. 2013,
 * arXiv:1202.3665). In a project with `"type": "module"` and TypeScript's NodeNext resolution:
 *
 *   npm install nuem
 *   npx tsc && node dist/fit-line.js
 *
 * It prints one JSON object: per parameter the posterior mean, sd, 68% interval and the Monte
 * Carlo error of the mean, plus the acceptance fraction and τ. (nuem's test suite runs this file
 * from a freshly packed tarball: test/package/packInstall.test.ts.)
 */
import { EnsembleSampler, summarizeParameter } from 'nuem';

// your data: x, y and the 1σ error of y
const x = [0.5, 1.3, 2.1, 2.9, 3.6, 4.4, 5.8, 6.7, 7.9, 9.2];
const y = [3.9, 3.1, 2.4, 1.6, 1.1, 0.3, -1.0, -1.9, -2.8, -4.2];
const sigma = [0.3, 0.25, 0.3, 0.2, 0.35, 0.3, 0.25, 0.3, 0.4, 0.3];

// your model: ln p(m, b | data) up to a constant (flat priors on |m| < 10, |b| < 20)
function logProb([m, b]: Float64Array): number {
  if (Math.abs(m) > 10 || Math.abs(b) > 20) return -Infinity;
  let chi2 = 0;
  for (let i = 0; i < x.length; i++) chi2 += ((y[i] - (m * x[i] + b)) / sigma[i]) ** 2;
  return -0.5 * chi2;
}

// 32 walkers in a small ball around a first guess, 3000 steps, seed 42 (same seed, same chain)
const nwalkers = 32;
const sampler = new EnsembleSampler(nwalkers, 2, logProb, { seed: 42 });
const p0 = Array.from({ length: nwalkers }, (_, k) => [-1 + 1e-3 * Math.sin(k + 1), 4 + 1e-3 * Math.cos(3 * k + 1)]);
await sampler.runMcmc(p0, 3000);

const tau = sampler.getAutocorrTime({ discard: 500 });
const draws = sampler.getChain({ discard: 500, flat: true });
const result = ['m', 'b'].map((name, d) => {
  const s = summarizeParameter(draws.map((row) => row[d]), { ess: draws.length / tau[d] });
  return { name, mean: s.mean, sd: s.sd, lo68: s.lo, hi68: s.hi, mcseMean: s.mcse.mean };
});
const acc = sampler.acceptanceFraction;
console.log(JSON.stringify({ parameters: result, acceptance: acc.reduce((a, v) => a + v, 0) / acc.length, tau, draws: draws.length }, null, 2));
