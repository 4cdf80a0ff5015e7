/**
 * Finding a Python with PyTorch, and running exported scripts with it. Nothing is skipped: without
 * one, every test fails with the reason and how to install it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Dataset } from '../../src/engine/data/types';
import { exportPytorch, type PytorchExportOptions } from '../../src/interop/pytorch/export';
import type { ModelSource } from '../../src/interop/source';

const run = promisify(execFile);

let found: Promise<string> | undefined;

/** $BPROP_PYTHON, else the first of /usr/bin/python3 and python3 that imports torch. */
export function pythonWithTorch(): Promise<string> {
  found ??= (async () => {
    const candidates = [process.env.BPROP_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
    const tried: string[] = [];
    for (const python of candidates) {
      try {
        const { stdout } = await run(python, ['-c', 'import torch, numpy; print(torch.__version__)']);
        return (void stdout, python);
      } catch (e) {
        tried.push(`${python}: ${(e as Error).message.split('\n').find((l) => /Error|not found|ENOENT/.test(l)) ?? 'no torch'}`);
      }
    }
    throw new Error(
      `No Python with PyTorch found, so the PyTorch export cannot be tested (tried ${tried.join('; ')}). ` +
        'Install it (Debian: apt-get install python3-torch) or point BPROP_PYTHON at a python that has torch.',
    );
  })();
  return found;
}

export interface ScriptRun {
  epochs: Record<string, number>[];
  done?: { test?: Record<string, number> };
  stderr: string;
}

/** Writes the export into a fresh folder; returns the script's path. */
export function writeExport(source: ModelSource, dataset: Dataset, options: Partial<PytorchExportOptions> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bprop-torch-'));
  for (const f of exportPytorch(source, dataset, { scriptName: 'train.py', ...options })) writeFileSync(path.join(dir, f.name), f.bytes);
  return path.join(dir, 'train.py');
}

/** `python train.py --json ...`, or under torch.distributed.run with `processes` > 1. */
export async function runScript(script: string, args: string[], processes = 1): Promise<ScriptRun> {
  const python = await pythonWithTorch();
  const argv =
    processes > 1
      ? // torchrun; --redirects/--tee 1 work around PyTorch 1.13 on Python 3.11 (Debian 12), whose
        // default of 0 trips over a Flag enum change ("'NoneType' object has no attribute 'get'").
        ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${processes}`, '--redirects', '1', '--tee', '1', script, '--json', ...args]
      : [script, '--json', ...args];
  const { stdout, stderr } = await run(python, argv, { cwd: path.dirname(script), env: { ...process.env, OMP_NUM_THREADS: '1' }, maxBuffer: 16 << 20 });
  const lines = stdout
    .split('\n')
    .map((l) => l.replace(/^\[default\d+\]:/, '')) // torchrun's tee prefixes each rank's lines
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    epochs: lines.filter((l) => 'epoch' in l) as Record<string, number>[],
    done: lines.find((l) => l.done) as ScriptRun['done'],
    stderr,
  };
}

export const relative = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
