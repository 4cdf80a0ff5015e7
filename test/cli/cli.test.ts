/** The `bprop` CLI contract: JSON lines, --out, eval, predict, exit codes and one-line errors. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/shared/project';
import { chainGraph, loadExample, makeProject, repoRoot } from '../helpers/projects';
import type { Project } from '../../src/shared/project-types';

function bprop(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/bprop.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'bprop-test-'));
const example = (name: string) => path.join(repoRoot, 'examples', `${name}.bprop`);
const jsonLines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

const pointsCsv = 'a,b,label\n' + Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 7 > 3 ? 'yes' : 'no'}`).join('\n') + '\n';
const pointsSha256 = createHash('sha256').update(pointsCsv).digest('hex');

/** A fresh folder with points.csv and a project `name` that trains on it (`sha256` as given, or none). */
function pointsProject(name: string, sha256: string | undefined, epochs: number): { dir: string; file: string } {
  const dir = tmp();
  writeFileSync(path.join(dir, 'points.csv'), pointsCsv);
  const project = makeProject(
    chainGraph([['x', 'input'], ['h', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]),
    { csv: 'points.csv', ...(sha256 ? { sha256 } : {}), features: ['a', 'b'], target: 'label', task: 'classification' },
    { epochs },
  );
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(project));
  return { dir, file };
}

describe('bprop train', () => {
  it('--json prints one object per epoch and a final done line; --out saves the trained weights', () => {
    const out = path.join(tmp(), 'iris-trained.bprop');
    const r = bprop('train', example('iris'), '--epochs', '5', '--seed', '7', '--json', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(6);
    lines.slice(0, 5).forEach((l, i) => {
      expect(Object.keys(l).sort()).toEqual(['accuracy', 'epoch', 'loss', 'valAccuracy', 'valLoss']);
      expect(l.epoch).toBe(i + 1);
    });
    const done = lines[5];
    expect(done).toMatchObject({ done: true, epochs: 5, stoppedEarly: false });
    expect(Object.keys(done.test).sort()).toEqual(['accuracy', 'loss']);
    const saved = parseProject(readFileSync(out, 'utf8'), 'iris-trained.bprop');
    expect(saved.training.seed).toBe(7);
    expect(Object.keys(saved.weights!).sort()).toEqual(['hidden', 'logits']);
    expect(saved.weights!.hidden.kernel.shape).toEqual([4, 16]);

    const ev = bprop('eval', out, '--json');
    expect(ev.code).toBe(0);
    const metrics = JSON.parse(ev.stdout);
    expect(metrics.test.samples).toBe(30);
    expect(metrics.test.loss).toBeCloseTo(done.test.loss, 5);
  });

  it('--out keeps the trained model: eval gives the trained metrics and train continues from it', () => {
    const out = path.join(tmp(), 'iris-trained.bprop');
    const first = jsonLines(bprop('train', example('iris'), '--epochs', '20', '--json', '--out', out).stdout);
    const done = first.at(-1);
    const ev = JSON.parse(bprop('eval', out, '--json').stdout);
    expect(ev.test.accuracy).toBe(done.test.accuracy);
    expect(ev.test.loss).toBeCloseTo(done.test.loss, 5);
    // Training the saved file again starts from its weights, not from the seed's initialisation.
    const again = jsonLines(bprop('train', out, '--epochs', '1', '--json').stdout);
    expect(again[0].loss).toBeLessThan(first[0].loss / 2);
    expect(again[0].loss).toBeLessThan(first[19].loss * 1.5);
  });

  it('--out saves the optimizer state: training the output continues the run exactly (Adam, momentum SGD)', () => {
    for (const optimizer of [{ type: 'adam', learningRate: 0.02 }, { type: 'sgd', learningRate: 0.1, momentum: 0.9 }]) {
      const dir = tmp();
      const project = { ...loadExample('iris'), weights: undefined };
      project.training = { ...project.training, optimizer: optimizer as Project['training']['optimizer'], epochs: 6 };
      const start = path.join(dir, 'start.bprop');
      writeFileSync(start, JSON.stringify(project));
      const whole = path.join(dir, 'whole.bprop');
      expect(bprop('train', start, '--json', '--out', whole).code).toBe(0);
      const half = path.join(dir, 'half.bprop');
      expect(bprop('train', start, '--epochs', '3', '--json', '--out', half).code).toBe(0);
      expect(parseProject(readFileSync(half, 'utf8')).optimizerState).toMatchObject({ type: optimizer.type, epoch: 3, stepInEpoch: 0 });
      const resumed = path.join(dir, 'resumed.bprop');
      const r = bprop('train', half, '--json', '--out', resumed);
      expect(r.stderr).toBe('');
      expect(jsonLines(r.stdout).slice(0, -1).map((l) => l.epoch)).toEqual([4, 5, 6]);
      const a = parseProject(readFileSync(whole, 'utf8'));
      const b = parseProject(readFileSync(resumed, 'utf8'));
      expect(b.weights).toEqual(a.weights);
      expect(b.optimizerState).toEqual(a.optimizerState);
      // At the file's epochs the run is over; --epochs N trains N more.
      const over = bprop('train', resumed);
      expect(over.code).toBe(2);
      expect(over.stderr).toContain(`${resumed}: already trained for 6 of 6 epochs (optimizerState.epoch); pass --epochs N to train N more`);
      expect(jsonLines(bprop('train', resumed, '--epochs', '2', '--json').stdout).slice(0, -1).map((l) => l.epoch)).toEqual([7, 8]);
    }
  });

  it('a saved optimizer state that does not fit the optimizer is ignored with a notice', () => {
    const dir = tmp();
    const trained = path.join(dir, 'xor.bprop');
    expect(bprop('train', example('xor-mlp'), '--epochs', '5', '--out', trained).code).toBe(0);
    const project = parseProject(readFileSync(trained, 'utf8'));
    project.training.optimizer = { type: 'adagrad', learningRate: 0.1 };
    writeFileSync(trained, JSON.stringify(project));
    const r = bprop('train', trained, '--epochs', '2', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${trained}: optimizerState: it belongs to ${parseProject(readFileSync(example('xor-mlp'), 'utf8')).training.optimizer.type}, but the project trains with adagrad; it was ignored`);
    expect(jsonLines(r.stdout).slice(0, -1).map((l) => l.epoch)).toEqual([1, 2]);
  });

  it('without --json prints a progress summary for people', () => {
    const r = bprop('train', example('xor-mlp'), '--epochs', '20');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/XOR MLP: 4 training, 0 validation, 0 test samples; 17 parameters; 20 epochs/);
    expect(r.stdout).toMatch(/^Final {2}loss \d/m);
  });

  it('predict writes a prediction per input row', () => {
    const dir = tmp();
    const trained = path.join(dir, 'xor.bprop');
    expect(bprop('train', example('xor-mlp'), '--out', trained).code).toBe(0);
    const input = path.join(dir, 'in.csv');
    writeFileSync(input, '0,0\n0,1\n1,0\n1,1\n');
    const r = bprop('predict', trained, '--input', input);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('predicted,p(1)');
    expect(rows.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1', '1', '0']);
    expect(rows.slice(1).map((l) => Number(l.split(',')[1]) >= 0.5)).toEqual([false, true, true, false]);
  });

  it('predict says why the --input file cannot be read: missing, or a folder', () => {
    const dir = tmp();
    const trained = path.join(dir, 'xor.bprop');
    expect(bprop('train', example('xor-mlp'), '--epochs', '1', '--out', trained).code).toBe(0);
    const missing = bprop('predict', trained, '--input', path.join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`bprop: --input: '${path.join(dir, 'nope.csv')}' was not found.\n`);
    const folder = bprop('predict', trained, '--input', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`bprop: --input: '${dir}' is a folder, not a file.\n`);
  });

  it('trains from a CSV next to the project and refuses a CSV that changed', () => {
    const { dir, file } = pointsProject('p.bprop', pointsSha256, 3);
    expect(bprop('train', file, '--json').code).toBe(0);
    writeFileSync(path.join(dir, 'points.csv'), pointsCsv + '1,1,no\n');
    const r = bprop('train', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bprop: points\.csv has changed since the project was saved/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('bprop and the CSV a project names: the same rules as the app', () => {
  /** A valid CSV beside a folder holding a project that names it as `csv` (so only the path rule can refuse it). */
  function projectNaming(csvIn: (dir: string) => string): { dir: string; file: string } {
    const dir = tmp();
    const csv = csvIn(dir);
    writeFileSync(path.join(dir, 'secret.csv'), pointsCsv);
    mkdirSync(path.join(dir, 'proj'));
    const project = makeProject(
      chainGraph([['x', 'input'], ['h', 'dense', { units: 1 }], ['p', 'sigmoid'], ['loss', 'binaryCrossEntropy']]),
      { csv, features: ['a', 'b'], target: 'label', task: 'classification' },
      { epochs: 1 },
    );
    const file = path.join(dir, 'proj', 'p.bprop');
    writeFileSync(file, JSON.stringify(project));
    return { dir, file };
  }

  it("refuses '../secret.csv' with exit 2, naming data.csv, in train and export", () => {
    const { dir, file } = projectNaming(() => '../secret.csv');
    for (const args of [['train', file], ['export', file, '--pytorch', path.join(dir, 'out', 'train.py')]]) {
      const r = bprop(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/^bprop: data\.csv: The CSV path '\.\.\/secret\.csv' leads outside the project's folder/);
      expect(r.stderr.trim().split('\n'), args[0]).toHaveLength(1);
    }
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses an absolute path and a link that points out of the folder', () => {
    const absolute = projectNaming((dir) => path.join(dir, 'secret.csv'));
    const r = bprop('train', absolute.file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bprop: data\.csv: The CSV path '.*secret\.csv' is absolute/);

    const linked = projectNaming(() => 'points.csv');
    symlinkSync(path.join(linked.dir, 'secret.csv'), path.join(linked.dir, 'proj', 'points.csv'));
    const l = bprop('train', linked.file);
    expect(l.code).toBe(2);
    expect(l.stderr).toBe("bprop: data.csv: The CSV 'points.csv' is a link to a file outside the project's folder.\n");
  });
});

describe('bprop train: a CSV named without its sha256 (a hand-written project)', () => {
  it('trains, says it computed the checksum, records it with --out; a later change is refused', () => {
    const { dir, file } = pointsProject('hand.bprop', undefined, 2);
    const out = path.join(dir, 'saved.bprop');
    const r = bprop('train', file, '--json', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `points.csv: the project records no sha256, so the file was used as it is now (sha256 ${pointsSha256}); save the project to record it, after which a changed file is refused\n`,
    );
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({ done: true, epochs: 2 });
    expect((parseProject(readFileSync(out, 'utf8'), 'saved.bprop').data as { sha256?: string }).sha256).toBe(pointsSha256);

    writeFileSync(path.join(dir, 'points.csv'), pointsCsv + '1,1,no\n');
    const again = bprop('train', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^bprop: points\.csv has changed since the project was saved/);
    // The hand-written file still trains on the new contents: it never recorded a checksum.
    expect(bprop('train', file, '--json').code).toBe(0);
  });
});

describe('bprop errors', () => {
  const oneLine = (r: { stderr: string }) => expect(r.stderr.trim().split('\n')).toHaveLength(1);

  it('malformed JSON: exit 2 naming the file and position', () => {
    const file = path.join(tmp(), 'broken.bprop');
    writeFileSync(file, '{\n  "format": "backprop-studio",\n  "version": 1,\n  oops\n}');
    const r = bprop('train', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bprop: broken\.bprop:4:3: invalid JSON/);
    oneLine(r);
  });

  it('invalid graph: exit 2 naming the node', () => {
    const project = makeProject(
      chainGraph([['x', 'input'], ['h', 'dense', { units: 3 }], ['loss', 'crossEntropy']]),
      { dataset: 'iris' },
    );
    const file = path.join(tmp(), 'bad-graph.bprop');
    writeFileSync(file, JSON.stringify(project));
    const r = bprop('train', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/node 'loss'.*Softmax/);
    oneLine(r);
  });

  it('invalid field: exit 2 naming the field path', () => {
    const project = makeProject(chainGraph([['x', 'input']]), { dataset: 'iris' }, { batchSize: 0 });
    const file = path.join(tmp(), 'bad-field.bprop');
    writeFileSync(file, JSON.stringify(project));
    const r = bprop('train', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/training\.batchSize/);
    oneLine(r);
  });

  it('unknown dataset: exit 2 naming it', () => {
    const project = makeProject(chainGraph([['x', 'input'], ['h', 'dense', { units: 1 }], ['loss', 'mse']]), { dataset: 'irsi' });
    const file = path.join(tmp(), 'bad-data.bprop');
    writeFileSync(file, JSON.stringify(project));
    const r = bprop('train', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/irsi/);
    oneLine(r);
  });

  it('missing file, unknown command and bad options: exit 2', () => {
    expect(bprop('train', '/nonexistent/x.bprop')).toMatchObject({ code: 2 });
    expect(bprop('fly').code).toBe(2);
    const r = bprop('train', example('xor-mlp'), '--epochs', 'many');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--epochs must be an integer/);
  });

  it('eval of a project without weights: exit 2 with a hint', () => {
    const dir = tmp();
    copyFileSync(example('xor-mlp'), path.join(dir, 'x.bprop'));
    const r = bprop('eval', path.join(dir, 'x.bprop'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no trained weights/);
  });

  it('a diverging run: exit 1 with the layer named', () => {
    const project = makeProject(
      chainGraph([['x', 'input'], ['h', 'dense', { units: 8 }], ['a', 'relu'], ['out', 'dense', { units: 1 }], ['loss', 'mse']]),
      { dataset: 'linear', normalize: 'none' },
      { optimizer: { type: 'sgd', learningRate: 1000 }, batchSize: 20, epochs: 20 },
    );
    const file = path.join(tmp(), 'diverge.bprop');
    writeFileSync(file, JSON.stringify(project));
    const r = bprop('train', file, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NaN or infinite .* node '(h|a|out)'/);
  });
});

describe('bprop bench', () => {
  it('--json prints one line per workload with samples/s and the final loss', () => {
    const r = bprop('bench', '--json', '--workloads', 'W1', '--reps', '1');
    expect(r.code).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(Object.keys(line).sort()).toEqual(['clock', 'finalLoss', 'kernels', 'maxSamplesPerSecond', 'minSamplesPerSecond', 'samplesPerSecond', 'threads', 'workload']);
    expect(line.threads).toBe(1); // the default: one thread (more are opt-in: src/cli/threads-flag.ts)
    expect(line.workload).toBe('W1');
    expect(line.clock).toBe('wall');
    expect(line.kernels).toBe('wasm-relaxed'); // the default: the CLI turns on relaxed SIMD in Node 20
    expect(line.samplesPerSecond).toBeGreaterThan(0);
    expect(line.finalLoss).toBeLessThan(0.05); // W1 is learnt (peers reach ≈ 0.004)
  });

  it('runs several workloads each in a fresh process, or all in this one with --in-process', () => {
    for (const mode of [[], ['--in-process']]) {
      const r = bprop('bench', '--json', '--workloads', 'W1,W1', '--reps', '1', ...mode);
      expect(r.code).toBe(0);
      const lines = jsonLines(r.stdout);
      expect(lines.map((l) => l.workload)).toEqual(['W1', 'W1']);
      for (const l of lines) expect(l.finalLoss).toBeLessThan(0.05);
    }
  });

  it('--clock cpu times with process CPU time, also in the fresh processes; a bad value is a usage error', () => {
    const r = bprop('bench', '--json', '--workloads', 'W1,W1', '--reps', '1', '--clock', 'cpu');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.clock)).toEqual(['cpu', 'cpu']);
    for (const l of lines) {
      expect(l.samplesPerSecond).toBeGreaterThan(0);
      expect(l.finalLoss).toBeLessThan(0.05);
    }
    const bad = bprop('bench', '--workloads', 'W1', '--clock', 'sundial');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--clock must be wall or cpu \(got 'sundial'\)/);
  });

  it('--profile adds where a step\'s time goes: one row per op kind, adding up to the profiled loop', () => {
    const r = bprop('bench', '--json', '--workloads', 'W1,W4', '--reps', '1', '--profile');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.workload)).toEqual(['W1', 'W4']);
    for (const line of lines) {
      const p = line.profile;
      expect(Object.keys(p).sort()).toEqual(['finalLoss', 'msPerStep', 'ops', 'profiledMsPerStep', 'quietSteps', 'samplesPerSecond', 'steps', 'timedMsPerStep']);
      expect(p.finalLoss).toBe(line.finalLoss); // profiling changes no arithmetic
      expect(p.samplesPerSecond).toBeGreaterThan(0);
      for (const op of p.ops) expect(Object.keys(op).sort()).toEqual(['msPerStep', 'op', 'share']);
      const sum = p.ops.reduce((s: number, op: { msPerStep: number }) => s + op.msPerStep, 0);
      expect(sum).toBeCloseTo(p.msPerStep, 9);
      const shares = p.ops.reduce((s: number, op: { share: number }) => s + op.share, 0);
      expect(shares).toBeCloseTo(1, 9);
      // All steps' rows add up to the wall time measured around the profiled loops.
      expect(p.profiledMsPerStep).toBeLessThanOrEqual(p.timedMsPerStep);
      expect(p.profiledMsPerStep).toBeGreaterThan(0.9 * p.timedMsPerStep);
      // The table is the quieter half of 16 chunks per repeat.
      expect(p.quietSteps).toBeGreaterThanOrEqual(p.steps * 0.4);
      expect(p.quietSteps).toBeLessThanOrEqual(p.steps * 0.6);
    }
    const ms = (line: { profile: { ops: { op: string; msPerStep: number }[] } }, op: string) => line.profile.ops.find((o) => o.op === op)?.msPerStep;
    const [w1, w4] = lines;
    expect(w1.profile.steps).toBe(10_000); // 200 epochs of 50 batches
    expect(ms(w1, 'conv.kernel')).toBe(0);
    expect(ms(w1, 'pooling')).toBe(0);
    expect(ms(w4, 'conv.kernel')).toBeGreaterThan(0);
    expect(ms(w4, 'pooling')).toBeGreaterThan(0);
    const text = bprop('bench', '--workloads', 'W4', '--reps', '1', '--profile');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/profile \(wall clock\): the quieter \d+ of 63 steps/);
    expect(text.stdout).toMatch(/convolution: GEMM micro-kernel +\d+\.\d+ +\d+\.\d %/);
  });

  it('--threads N splits the WebAssembly products across N threads, to bitwise the same loss; the JS kernels stay on one', () => {
    const one = jsonLines(bprop('bench', '--json', '--workloads', 'W2', '--reps', '1', '--threads', '1').stdout)[0]!;
    const two = jsonLines(bprop('bench', '--json', '--workloads', 'W2', '--reps', '1', '--threads', '2').stdout)[0]!;
    expect([one.threads, two.threads]).toEqual([1, 2]);
    expect(two.finalLoss).toBe(one.finalLoss);
    const js = jsonLines(bprop('bench', '--json', '--workloads', 'W1', '--reps', '1', '--kernels', 'js', '--threads', '2').stdout)[0]!;
    expect(js.threads).toBe(1);
    const text = bprop('bench', '--workloads', 'W1', '--reps', '1', '--threads', '2');
    expect(text.stdout).toMatch(/wasm-relaxed kernels, 2 threads/);
    const bad = bprop('bench', '--threads', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--threads must be an integer from 1 to 64 \(got '0'\)/);
  });

  it('--kernels js runs the pure-JS kernels, to the same loss; a bad value is a usage error', () => {
    const wasm = jsonLines(bprop('bench', '--json', '--workloads', 'W2', '--reps', '1').stdout)[0]!;
    const js = jsonLines(bprop('bench', '--json', '--workloads', 'W2', '--reps', '1', '--kernels', 'js').stdout)[0]!;
    expect(js.kernels).toBe('js');
    expect(Math.abs((js.finalLoss as number) - (wasm.finalLoss as number))).toBeLessThan(1e-3); // float32 vs float64 sums
    const portable = jsonLines(bprop('bench', '--json', '--workloads', 'W2', '--reps', '1', '--kernels', 'wasm').stdout)[0]!;
    expect(portable.kernels).toBe('wasm'); // portable SIMD, without fused multiply-adds
    expect(Math.abs((portable.finalLoss as number) - (wasm.finalLoss as number))).toBeLessThan(1e-4);
    const bad = bprop('bench', '--kernels', 'gpu');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--kernels must be wasm-relaxed, wasm, js \(got 'gpu'\)/);
  });
});
