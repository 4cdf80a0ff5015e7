#!/usr/bin/env python3
"""PyTorch's single-thread GEMM at the W3 shapes and 512^3, in GFLOPS (CPU time, median of 5
bursts of 0.3 s), to set beside `npx tsx bench/gemm.ts --peak --clock cpu`
(docs/performance.md, "The ceiling").

    OMP_NUM_THREADS=1 /usr/bin/python3 bench/peers/torch_gemm.py [--threads 1]
"""
import argparse
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument('--threads', type=int, default=1)
parser.add_argument('--reps', type=int, default=5)
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)

# (M, N, K, variant): C = op(A)·B with A stored M×K (NN) or K×M (TN), as in bench/gemm.ts.
SHAPES = [
    (128, 512, 784, 'NN', 'W3 fwd1'),
    (128, 256, 512, 'NN', 'W3 fwd2'),
    (784, 512, 128, 'TN', 'W3 dW1'),
    (512, 256, 128, 'TN', 'W3 dW2'),
    (512, 512, 512, 'NN', 'square 512^3'),
]
print(f'PyTorch {torch.__version__}, {args.threads} thread(s), CPU time, median of {args.reps} x 0.3 s')
for m, n, k, variant, label in SHAPES:
    a = torch.randn(m, k) if variant == 'NN' else torch.randn(k, m)
    b = torch.randn(k, n)
    product = (lambda: torch.mm(a, b)) if variant == 'NN' else (lambda: torch.mm(a.t(), b))
    for _ in range(20):
        product()
    rates = []
    for _ in range(args.reps):
        calls = 0
        start = time.process_time()
        while time.process_time() - start < 0.3:
            product()
            calls += 1
        rates.append(2 * m * n * k * calls / (time.process_time() - start) / 1e9)
    rates.sort()
    print(f'{label:14} {variant} {m}x{n}x{k}: {rates[len(rates) // 2]:6.1f} GFLOPS [{rates[0]:.1f}-{rates[-1]:.1f}]')
