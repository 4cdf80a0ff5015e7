"""The learning rate torch.optim.lr_scheduler hands the optimiser at every step.

PyTorch's convention: the optimiser steps with the scheduler's current rate, then
`scheduler.step()` advances it — after every optimiser step for a per-step schedule, after
each epoch's last step for a per-epoch one. So the first step always uses the base rate.
This writes test/fixtures/golden/schedules.json: for every schedule kind, per step and per
epoch, the rate of each of STEPS_PER_EPOCH × EPOCHS steps (three epochs: the test crosses
two epoch boundaries). test/engine/schedules-golden.test.ts trains with each config and
compares the rate the engine's optimiser receives.

Run with Debian's python3-torch: /usr/bin/python3 tools/golden/golden_schedules.py
"""
import json
import math
import os

import torch

BASE_LR = 0.1
STEPS_PER_EPOCH = 3
EPOCHS = 3

# Our ScheduleConfig (without `per`), and the torch scheduler that implements it.
# inverseTime has no built-in scheduler: LambdaLR with η₀/(1 + decay·t) is its definition in torch terms.
# CosineAnnealingLR is periodic (it climbs back after T_max); we hold ηmin after the period, so the
# cases stay within t ≤ period, where both agree.
def cases(per):
    step_size, cosine_period = (2, 8) if per == 'step' else (2, 2)
    return [
        ({'type': 'constant'}, lambda opt: torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1.0)),
        ({'type': 'step', 'stepSize': step_size, 'gamma': 0.5},
         lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=0.5)),
        ({'type': 'exponential', 'gamma': 0.5}, lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)),
        ({'type': 'inverseTime', 'decay': 0.5},
         lambda opt: torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1.0 / (1.0 + 0.5 * t))),
        ({'type': 'cosine', 'period': cosine_period, 'minLearningRate': 0.01},
         lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=cosine_period, eta_min=0.01)),
    ]


def rates(make_scheduler, per):
    param = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([param], lr=BASE_LR)
    scheduler = make_scheduler(opt)
    seen = []
    for epoch in range(EPOCHS):
        for step in range(STEPS_PER_EPOCH):
            seen.append(opt.param_groups[0]['lr'])  # the rate this optimiser step uses
            param.grad = torch.ones(1)
            opt.step()
            if per == 'step':
                scheduler.step()
        if per == 'epoch':
            scheduler.step()
    return seen


def main():
    out = {
        'torch': torch.__version__,
        'baseLearningRate': BASE_LR,
        'stepsPerEpoch': STEPS_PER_EPOCH,
        'epochs': EPOCHS,
        'cases': [],
    }
    for per in ('step', 'epoch'):
        for schedule, make in cases(per):
            r = rates(make, per)
            assert all(math.isfinite(x) for x in r)
            out['cases'].append({'schedule': {**schedule, 'per': per}, 'rates': r})
    path = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'golden', 'schedules.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print(f'wrote {len(out["cases"])} schedule cases to {os.path.normpath(path)}')


if __name__ == '__main__':
    main()
