#!/usr/bin/python3
"""ONNX fixtures for the import tests, made by PyTorch's own exporter (torch.onnx.export).

    /usr/bin/python3 tools/onnx/make_fixtures.py

Needs Debian's python3-torch (PyTorch 1.13; its exporter does not need the onnx package).
Writes test/fixtures/onnx/<name>.onnx and, beside each, <name>.json with sample inputs and
PyTorch's outputs for them, so a test can check that the imported network computes the same.
Deterministic: the same torch writes the same files.
"""
import json
import os

import torch
import torch.nn as nn

OUT_DIR = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'onnx')
OPSET = 13


class Residual(nn.Module):
    """A DAG: two branches added, then joined with the input (Add, Concat), dropout (gone in eval)."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(5, 6)
        self.b = nn.Linear(6, 6)
        self.c = nn.Linear(5, 6)
        self.drop = nn.Dropout(0.3)
        self.head = nn.Linear(11, 2)

    def forward(self, x):
        h = self.b(torch.relu(self.a(x))) + self.c(x)
        return nn.functional.softplus(self.head(torch.cat([self.drop(h), x], dim=1)))


class Unsupported(nn.Module):
    """Operators Backprop Studio has no node for (Abs, Exp): the import must name them and stop."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        return torch.exp(self.fc(torch.abs(x)))


def fixtures():
    torch.manual_seed(0)
    yield 'mlp_softmax', nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1)), (4,)
    yield 'mlp_sigmoid', nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid()), (2,)
    yield 'regression', nn.Sequential(nn.Linear(2, 16), nn.LeakyReLU(0.1), nn.Linear(16, 8), nn.ELU(0.5), nn.Linear(8, 1)), (2,)
    yield 'cnn', nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3), nn.Sigmoid(), nn.AvgPool2d(2, stride=1),
        nn.Flatten(), nn.Linear(6, 10), nn.LogSoftmax(dim=1)), (1, 8, 8)
    yield 'residual', Residual(), (5,)
    yield 'unsupported', Unsupported(), (3,)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, model, shape in fixtures():
        model.eval()
        x = torch.randn((5,) + shape)
        path = os.path.join(OUT_DIR, name + '.onnx')
        torch.onnx.export(model, x, path, input_names=['x'], output_names=['y'],
                          dynamic_axes={'x': {0: 'batch'}, 'y': {0: 'batch'}}, opset_version=OPSET)
        with torch.no_grad():
            y = model(x)
        with open(os.path.join(OUT_DIR, name + '.json'), 'w') as f:
            json.dump({'shape': list(shape), 'x': x.flatten().tolist(), 'y': y.flatten().tolist(), 'rows': len(x)}, f)
            f.write('\n')
        print('wrote', path)


if __name__ == '__main__':
    main()
