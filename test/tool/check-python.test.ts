import { describe, expect, it } from 'vitest';
import { pythonWith } from '../helpers/python.ts';
import { runCliInProcess } from '../helpers/runCliInProcess.ts';

// python/medmean_serve.py's serve(fn), as users run it: the examples under python/examples. They need
// NumPy (and the PyTorch one, torch); without them these tests do not run (and say so).
const python = pythonWith(['numpy']);
const hasNumpy = python !== undefined;
const torchPython = pythonWith(['torch', 'numpy'], ['python3', '/usr/bin/python3']);
const check = (...args: string[]) => runCliInProcess('check', '--runs', '20', ...args);

describe.runIf(hasNumpy)('serve(fn) from python/medmean_serve.py', () => {
  it('np.median passes on |v| ≤ 1e300 and is caught overflowing on two values near the largest double', async () => {
    const command = `${python} examples/python/numpy_median.py`;
    expect((await check('--rule', 'median', '--max-abs', '1e300', '--command', command)).status).toBe(0);
    const whole = await check('--rule', 'median', '--bail', '--command', command);
    expect(whole.status).toBe(1);
    expect(whole.stdout).toMatch(
      /FAIL agrees with the reference on \d+ fixed edge cases[^\n]*\n\s+returned a non-finite value/,
    );
  });

  it('passes the weights of --rule weighted-mean to fn(x, weights): np.average passes on |v| ≤ 1e300', async () => {
    expect(
      (
        await check(
          '--rule',
          'weighted-mean',
          '--max-abs',
          '1e300',
          '--command',
          `${python} examples/python/numpy_fedavg.py`,
        )
      ).status,
    ).toBe(0);
  });

  it('a NumPy noisy vote passes medmean check-noisy at its scale and fails at another (seeded from MEDMEAN_SEED)', async () => {
    const command = `${python} examples/python/numpy_noisy_vote.py`;
    const noisy = (scale: string, ...flags: string[]) =>
      runCliInProcess('check-noisy', '--rule', 'noisy-sign-vote', '--scale', scale, ...flags, '--command', command);
    const right = await noisy('0.5');
    expect(right.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(right.status).toBe(0);
    expect((await noisy('1', '--bail')).status).toBe(1);
  });

  it('keeps the reply stream clean when fn prints: print() and writes to file descriptor 1 go to stderr', async () => {
    // Without the redirect every call failed: "wrote a line that is not JSON: aggregating (1, 1)".
    const printing = `${python} -c "import os, sys; sys.path.insert(0, 'python'); import numpy as np; from medmean_serve import serve; serve(lambda x: (print('aggregating', x.shape), os.write(1, b'raw\\n'), np.median(x, axis=0))[2])"`;
    const result = await check('--rule', 'median', '--max-abs', '1e300', '--command', printing);
    expect(result.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(result.status).toBe(0);
  });

  it('answers {"id", "error"} when fn raises, and medmean reports the error', async () => {
    const raising = `${python} -c "import sys; sys.path.insert(0, 'python'); from medmean_serve import serve; serve(lambda x: 1 / 0 if x.shape[0] == 2 else x[0].copy())"`;
    const result = await check('--rule', 'median', '--bail', '--command', raising);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/reported an error: ZeroDivisionError: division by zero/);
  });

  it('names a function that returns None (a missing return), which NumPy would have read as NaN', async () => {
    const none = `${python} -c "import sys; sys.path.insert(0, 'python'); from medmean_serve import serve; serve(lambda x: None)"`;
    const result = await check('--rule', 'median', '--bail', '--command', none);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/reported an error: TypeError: the function returned None/);
  });

  it('reports a function that changes its input in place (a median that sorts x itself), with the entry that changed', async () => {
    const serveWith = (body: string) =>
      `${python} -c "import sys; sys.path.insert(0, 'python'); import numpy as np; from medmean_serve import serve; serve(${body})"`;
    const inPlace = await check(
      '--rule',
      'median',
      '--bail',
      '--command',
      serveWith('lambda x: (x.sort(axis=0), np.median(x, axis=0))[1]'),
    );
    expect(inPlace.status).toBe(1);
    expect(inPlace.stdout).toMatch(/mutated its input: vectors\[\d+\]\[\d+\] changed from -?[\d.e+-]+ to -?[\d.e+-]+/);
  });
});

describe.runIf(hasNumpy)('serve(fn) calls fn as a training loop does', () => {
  const serveWith = (body: string) =>
    `${python} -c "import sys; sys.path.insert(0, 'python'); import numpy as np; from medmean_serve import serve; serve(${body})"`;
  const failureOf = async (body: string) => {
    const result = await check('--rule', 'median', '--max-abs', '1e300', '--bail', '--command', serveWith(body));
    expect(result.status).toBe(1);
    return result.stdout;
  };

  it('passes --weights counts as int64 (code that indexes or repeats by count keeps working)', async () => {
    // Raises on any other dtype; real weights reach np.average as float64 (the weighted-mean test above).
    const int64Only = serveWith('lambda x, w: np.average(x, axis=0, weights=w) if w.dtype == np.int64 else 1 / 0');
    const counts = await check(
      '--rule',
      'weighted-mean',
      '--weights',
      'counts',
      '--max-abs',
      '1e300',
      '--command',
      int64Only,
    );
    expect(counts.stdout).toMatch(/\d+ passed, 0 failed/);
    const real = await check('--rule', 'weighted-mean', '--max-abs', '1e300', '--bail', '--command', int64Only);
    expect(real.stdout).toMatch(/ZeroDivisionError/);
  });

  it('sees an output buffer reused from call to call: the array an earlier call returned changes', async () => {
    // np.median into one preallocated buffer per length, returned as is.
    const stdout = await failureOf(
      '(lambda buffers: lambda x: np.median(x, axis=0, out=buffers.setdefault(x.shape[1], np.empty(x.shape[1]))))({})',
    );
    expect(stdout).toMatch(
      /overwrote the array it returned on (the previous call|the call \d+ calls before) \(index \d+ changed from [\d.e+-]+ to [\d.e+-]+\)/,
    );
  });

  it('refills one input array in place, so that a result remembered for the same x comes back stale', async () => {
    // A "nothing changed" shortcut: the same array object as last time returns last time's median.
    const stdout = await failureOf(
      "(lambda last: lambda x: last['out'].copy() if last.get('x') is x else (last.update(x=x, out=np.median(x, axis=0)) or last['out'].copy()))({})",
    );
    expect(stdout).toMatch(/disagrees with the reference median/);
  });

  it('names a result of the wrong shape, which flattening would have hidden: (1, d) from keepdims=True', async () => {
    const stdout = await failureOf('lambda x: np.median(x, axis=0, keepdims=True)');
    expect(stdout).toMatch(
      /TypeError: the function returned an array of shape \(1, \d+\); the aggregate of x of shape \(M, d\) has shape \(d,\)/,
    );
  });

  it('sees a result that is a view of the input (x[0] for one worker)', async () => {
    const stdout = await failureOf('lambda x: x[0] if x.shape[0] == 1 else np.median(x, axis=0)');
    expect(stdout).toMatch(/returned memory it shares with its input \(a view of x\)/);
  });
});

describe.runIf(torchPython !== undefined)('the PyTorch example (float32)', () => {
  it.each([
    ['median', ['--rule', 'median', '--even', 'lower', '--dtype', 'float32']],
    ['mean', ['--rule', 'mean', '--dtype', 'float32', '--max-abs', '1e37']],
    ['one-bit-vote', ['--rule', 'sign-vote', '--one-bit', '--dtype', 'float32']],
  ])('torch %s passes under the conventions it follows', async (name, flags) => {
    const result = await check(...flags, '--command', `${torchPython} examples/python/torch_aggregators.py ${name}`);
    expect(result.stdout).toMatch(/ 0 failed/);
    expect(result.status).toBe(0);
  });

  it('torch.median is caught under the default even-M convention (the average of the two middle values)', async () => {
    const result = await check(
      '--rule',
      'median',
      '--dtype',
      'float32',
      '--bail',
      '--command',
      `${torchPython} examples/python/torch_aggregators.py median`,
    );
    expect(result.status).toBe(1);
  });
});
