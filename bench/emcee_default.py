"""emcee's side of the end-to-end benchmark on nuem's default analysis.

The posterior is the one of models/analyses/default.yaml: COHERENT CsI 2021 (experiment
coherent-csi-2021-timing), Khan's chi^2 over bins 2..9 with the normalisation nuisances alpha
(sigma 0.127) and beta (sigma 0.6) sampled, flat priors qee in [-1.2e-6, 1.2e-6] and qmumu in
[-8e-7, 8e-7]. The expected counts per bin are an exact quadratic in (qee, qmumu); this script
identifies it from `nuem spectrum coherent-csi-2021-timing --set ... --json` at 6 points and
checks it at a seventh, so emcee samples exactly the posterior nuem samples.

emcee settings mirror the analysis file: 32 walkers, moves DE (0.7) + stretch (0.3), 2 ensembles
with seeds 20240916 and 20240917, initial walkers drawn from the priors. Millicharges are sampled
in units of 1e-7 e, as an emcee user must: emcee 3.1.4's DEMove adds an absolute jitter of 1e-5
to every proposal, which breaks it for parameters of size 1e-7 (unscaled, no ensemble converges in
20000 steps). Convergence rule as nuem's: check every 250 steps; stop when N > 50 tau and
|dtau|/tau < 0.01 for every parameter (emcee's documented monitoring recipe).

Run from the project root with Debian's emcee (apt-get install -y python3-emcee):
    /usr/bin/python3 bench/emcee_default.py [--no-vectorize] node dist/src/cli/main.js
(`npm run bench -- --only=endToEnd` runs it next to `nuem run`, bench/endToEnd.ts.)
Prints one JSON line: steps per ensemble, final tau, wall seconds of both ensembles run serially.
"""
import json, subprocess, sys, time
import numpy as np
import emcee

args = sys.argv[1:]
vectorize = "--no-vectorize" not in args
cmd = [a for a in args if a != "--no-vectorize"] or ["node", "dist/src/cli/main.js"]
S = 1e-7  # sampling unit of the millicharges


def spectrum(qee, qmumu):
    out = subprocess.run(cmd + ["spectrum", "coherent-csi-2021-timing", "--set", f"qee={qee!r}",
                                "--set", f"qmumu={qmumu!r}", "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["bins"]


points = [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1)]  # in units of S
monomials = lambda x, y: [1, x, y, x * x, y * y, x * y]
bins0 = spectrum(0.0, 0.0)
expected = np.array([[b["expected"] for b in (bins0 if (x, y) == (0, 0) else spectrum(x * S, y * S))]
                     for x, y in points])
coef = np.linalg.solve(np.array([monomials(x, y) for x, y in points], float), expected)
check = np.array([b["expected"] for b in spectrum(3.3 * S, -1.7 * S)])
rel = float(np.max(np.abs(np.array(monomials(3.3, -1.7)) @ coef / check - 1)))
if rel > 1e-9:
    sys.exit(f"expected counts are not quadratic in (qee, qmumu): max rel. error {rel:.2e}")

used = slice(1, 9)  # bins 2..9
coef = coef[:, used]
obs = np.array([b["observed"] for b in bins0])[used]
sig = np.array([b["observedSigma"] for b in bins0])[used]
bkg = np.array([b["background"] for b in bins0])[used]


def log_prob(p):
    p = np.atleast_2d(p)
    x, y, a, b = p[:, 0], p[:, 1], p[:, 2], p[:, 3]
    signal = np.stack([np.ones_like(x), x, y, x * x, y * y, x * y], axis=1) @ coef
    pred = signal * (1 + a[:, None]) + bkg * (1 + b[:, None])
    chi2 = np.sum(((obs - pred) / sig) ** 2, axis=1) + (a / 0.127) ** 2 + (b / 0.6) ** 2
    inside = (np.abs(x) <= 12) & (np.abs(y) <= 8)
    return np.where(inside, -0.5 * chi2, -np.inf)


def run(seed):
    rs = np.random.RandomState(seed)
    np.random.seed(seed)
    p0 = np.column_stack([rs.uniform(-12, 12, 32), rs.uniform(-8, 8, 32),
                          rs.normal(0, 0.127, 32), rs.normal(0, 0.6, 32)])
    fn = log_prob if vectorize else (lambda q: float(log_prob(q)[0]))
    sampler = emcee.EnsembleSampler(32, 4, fn, vectorize=vectorize,
                                    moves=[(emcee.moves.DEMove(), 0.7), (emcee.moves.StretchMove(), 0.3)])
    old, n, t0 = np.inf, 0, time.perf_counter()
    for _ in sampler.sample(p0, iterations=20000):
        n += 1
        if n % 250:
            continue
        tau = sampler.get_autocorr_time(tol=0)
        done = np.all(50 * tau < n) and np.all(np.abs(old - tau) / tau < 0.01)
        old = tau
        if done:
            break
    return time.perf_counter() - t0, n, tau


results = [run(20240916 + k) for k in range(2)]
print(json.dumps({
    "emcee": emcee.__version__, "vectorize": vectorize, "walkers": 32, "ensembles": 2,
    "steps": [n for _, n, _ in results],
    "tau_last": [[round(float(t), 1) for t in tau] for _, _, tau in results],
    "wall_s_serial": round(sum(dt for dt, _, _ in results), 3),
    "quadratic_check_max_rel": rel,
}))
