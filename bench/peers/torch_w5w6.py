"""PyTorch peer for our workloads W5 and W6 (src/cli/bench/workloads.ts), in the style of
../shared/bench/py/torch_peer.py: same data generator (numpy PCG64, seed 1234), Glorot-uniform
weights and zero biases (seed 42), no shuffling, last partial batch processed, a 20-batch
untimed warm-up, the whole training loop timed (forward, backward, step, loss.item() per batch).

  OMP_NUM_THREADS=1 /usr/bin/python3 bench/peers/torch_w5w6.py --threads 1 [--workloads W5,W6] [--reps 5] [--clock cpu]

--clock cpu times with the process's CPU time (time.process_time: all its threads) instead of the
wall clock, like `bprop bench --clock cpu`: steadier on a shared machine.

Prints one line per workload: RESULT peer workload threads samples/s (median) min max final_loss.
"""
import argparse
import os
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

WORKLOADS = {
    # deep-mlp: 784-256-256-256-10, ReLU, softmax cross-entropy, SGD momentum 0.9, batch 64
    "W5": dict(n=10000, epochs=2, batch=64),
    # cnn-2conv: conv16 3x3 same, ReLU, max pool 2, conv32 3x3 same, ReLU, max pool 2, dense 10; Adam, batch 32
    "W6": dict(n=2000, epochs=1, batch=32),
}


def data(n):
    rng = np.random.default_rng(1234)
    x = rng.random((n, 784), dtype=np.float32)
    y = rng.integers(0, 10, size=n).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def build(w):
    torch.manual_seed(42)
    if w == "W5":
        m = nn.Sequential(
            nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
            nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
        opt = lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)  # noqa: E731
    else:
        m = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * 7 * 7, 10))
        opt = lambda p: torch.optim.Adam(p, lr=0.001)  # noqa: E731
    for mod in m.modules():
        if isinstance(mod, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(mod.weight)
            nn.init.zeros_(mod.bias)
    return m, opt(m.parameters())


CLOCK = time.perf_counter


def train(w, X, Y, epochs, max_batches=None):
    m, opt = build(w)
    bs, n = WORKLOADS[w]["batch"], X.shape[0]
    batches, samples, final = 0, 0, float("nan")
    t0 = CLOCK()
    for _ in range(epochs):
        lsum = 0.0
        for s in range(0, n, bs):
            xb, yb = X[s:s + bs], Y[s:s + bs]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(m(xb), yb)
            loss.backward()
            opt.step()
            lsum += loss.item() * xb.shape[0]
            samples += xb.shape[0]
            batches += 1
            if max_batches and batches >= max_batches:
                return CLOCK() - t0, None, samples
        final = lsum / n
    return CLOCK() - t0, final, samples


def main():
    p = argparse.ArgumentParser(description="PyTorch peer for W5/W6")
    p.add_argument("--workloads", default="W5,W6")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--clock", choices=["wall", "cpu"], default="wall")
    args = p.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    peer = f"torch-{torch.__version__.split('+')[0]}"
    for w in args.workloads.split(","):
        wl = WORKLOADS[w]
        X, Y = data(wl["n"])
        train(w, X, Y, 1, max_batches=20)  # warm-up
        rates, final = [], None
        for _ in range(args.reps):
            secs, final, samples = train(w, X, Y, wl["epochs"])
            rates.append(samples / secs)
        print(f"RESULT {peer} {w} threads={args.threads} samples/s={statistics.median(rates):.0f} "
              f"min={min(rates):.0f} max={max(rates):.0f} final_loss={final:.4f} "
              f"omp={os.environ.get('OMP_NUM_THREADS', 'unset')} clock={args.clock}", flush=True)


if __name__ == "__main__":
    main()
