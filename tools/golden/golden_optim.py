"""Ten optimiser steps of torch.optim (single-tensor paths) on the fixture's MLP, in float64.

Each step records the loss before the update, the raw gradients (before weight decay / L1)
and the params after the update, so the tests can check the optimiser alone (feeding it the
recorded gradients) as well as the whole engine.
"""
import torch

from golden_graph import run_graph

STEPS = 10

# name, our OptimizerConfig, L1 coefficient (added as l1·sign(p) to the gradient, as the engine does)
CASES = [
    ('sgd', {'type': 'sgd', 'learningRate': 0.1}, 0),
    ('sgd-momentum', {'type': 'sgd', 'learningRate': 0.1, 'momentum': 0.9}, 0),
    ('sgd-nesterov', {'type': 'sgd', 'learningRate': 0.1, 'momentum': 0.9, 'nesterov': True}, 0),
    ('sgd-momentum-dampening', {'type': 'sgd', 'learningRate': 0.1, 'momentum': 0.9, 'dampening': 0.3}, 0),
    ('sgd-weightDecay', {'type': 'sgd', 'learningRate': 0.1, 'weightDecay': 0.01}, 0),
    ('sgd-l1', {'type': 'sgd', 'learningRate': 0.1}, 0.01),
    ('adam', {'type': 'adam', 'learningRate': 0.01}, 0),
    ('adam-weightDecay', {'type': 'adam', 'learningRate': 0.01, 'beta1': 0.8, 'beta2': 0.99, 'weightDecay': 0.05}, 0),
    ('rmsprop', {'type': 'rmsprop', 'learningRate': 0.01}, 0),
    ('rmsprop-momentum', {'type': 'rmsprop', 'learningRate': 0.01, 'rho': 0.9, 'momentum': 0.5}, 0),
    ('adagrad', {'type': 'adagrad', 'learningRate': 0.1}, 0),
    ('adagrad-lrDecay', {'type': 'adagrad', 'learningRate': 0.1, 'lrDecay': 0.05, 'weightDecay': 0.01}, 0),
]


def torch_optimizer(cfg, params):
    lr, wd = cfg['learningRate'], cfg.get('weightDecay', 0)
    if cfg['type'] == 'sgd':
        return torch.optim.SGD(params, lr=lr, momentum=cfg.get('momentum', 0), dampening=cfg.get('dampening', 0),
                               nesterov=cfg.get('nesterov', False), weight_decay=wd, foreach=False)
    if cfg['type'] == 'adam':
        return torch.optim.Adam(params, lr=lr, betas=(cfg.get('beta1', 0.9), cfg.get('beta2', 0.999)),
                                eps=cfg.get('epsilon', 1e-8), weight_decay=wd, foreach=False)
    if cfg['type'] == 'rmsprop':
        return torch.optim.RMSprop(params, lr=lr, alpha=cfg.get('rho', 0.99), eps=cfg.get('epsilon', 1e-8),
                                   momentum=cfg.get('momentum', 0), weight_decay=wd, foreach=False)
    if cfg['type'] == 'adagrad':
        return torch.optim.Adagrad(params, lr=lr, lr_decay=cfg.get('lrDecay', 0), eps=cfg.get('epsilon', 1e-10),
                                   weight_decay=wd, foreach=False)
    raise ValueError(cfg['type'])


def load_weights(network):
    return {nid: {k: torch.tensor(t['data'], dtype=torch.float64).reshape(t['shape']).requires_grad_(True)
                  for k, t in w.items()} for nid, w in network['weights'].items()}


def snapshot(weights, attr):
    return {nid: {k: [float(v) for v in getattr(t, attr).detach().reshape(-1).tolist()] for k, t in w.items()}
            for nid, w in weights.items()}


def run_case(network, cfg, l1):
    weights = load_weights(network)
    params = [t for w in weights.values() for t in w.values()]
    opt = torch_optimizer(cfg, params)
    x = torch.tensor(network['x'], dtype=torch.float64).reshape(network['rows'], -1)
    labels = torch.tensor([int(v) for v in network['y']])
    steps = []
    for _ in range(STEPS):
        opt.zero_grad(set_to_none=False)
        loss, *_ = run_graph(network['graph'], weights, x, lambda _type, _pred: labels)
        grads = snapshot(weights, 'grad')
        if l1:
            with torch.no_grad():
                for p in params:
                    p.grad.add_(torch.sign(p), alpha=l1)
        opt.step()
        steps.append({'loss': loss.item(), 'grads': grads, 'params': snapshot(weights, 'data')})
    return steps


def optimizer_cases(network):
    return [{'name': name, 'optimizer': cfg, 'l1': l1, 'steps': run_case(network, cfg, l1)} for name, cfg, l1 in CASES]
