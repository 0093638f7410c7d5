#!/usr/bin/env python3
"""Train a NAS-Bench-201 cell network on scikit-learn's digits and print its validation accuracy.

The objective command of the worked example in README.md:

    nasbowl search --space nb201 --objective-cmd 'python3 examples/pytorch-nb201/train.py --arch {arch}' ...

The architecture is NAS-Bench-201's notation, |op~0|+|op~0|op~1|+|op~0|op~1|op~2|: op~j in group i is the
operation on the edge from node j to node i of a 4-node cell (none, skip_connect, nor_conv_1x1, nor_conv_3x3,
avg_pool_3x3). The network is a 3x3 stem, --cells copies of the cell with --channels channels, global average
pooling and a linear classifier, trained with Adam on 1,000 of the 1,797 8x8 digit images; 397 are the
validation set and 400 the test set (a fixed split, the same for every seed). CPU only, one thread, a few
seconds per architecture. --seed (default: $NASBOWL_SEED, else 0) seeds the weights and the batch order.

The last line printed is the result NAS-BOWL reads: {"valid_acc": ..., "test_acc": ..., "cost": seconds}.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
from sklearn.datasets import load_digits

OPS = ("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3")


def parse_arch(text):
    """The cell as a list of (i, j, op): op on the edge from node j to node i, for i = 1..3."""
    groups = text.strip().split("+")
    if len(groups) != 3:
        raise ValueError("expected 3 groups separated by '+': %r" % text)
    edges = []
    for i, group in enumerate(groups, start=1):
        tokens = [t for t in group.split("|") if t]
        if len(tokens) != i:
            raise ValueError("group %d needs %d operations: %r" % (i, i, group))
        for token in tokens:
            op, _, j = token.partition("~")
            if op not in OPS or not j.isdigit() or int(j) >= i:
                raise ValueError("bad operation %r in group %d" % (token, i))
            edges.append((i, int(j), op))
    return edges


class ReLUConvBN(nn.Sequential):
    def __init__(self, channels, kernel):
        super().__init__(nn.ReLU(), nn.Conv2d(channels, channels, kernel, padding=kernel // 2, bias=False),
                         nn.BatchNorm2d(channels))


def make_op(op, channels):
    if op == "skip_connect":
        return nn.Identity()
    if op == "nor_conv_1x1":
        return ReLUConvBN(channels, 1)
    if op == "nor_conv_3x3":
        return ReLUConvBN(channels, 3)
    if op == "avg_pool_3x3":
        return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
    return None  # none: the edge carries nothing


class Cell(nn.Module):
    def __init__(self, edges, channels):
        super().__init__()
        self.edges = [(i, j) for i, j, op in edges if op != "none"]
        self.ops = nn.ModuleList([make_op(op, channels) for _, _, op in edges if op != "none"])

    def forward(self, x):
        nodes = [x, None, None, None]
        for i in range(1, 4):
            total = None
            for (to, frm), op in zip(self.edges, self.ops):
                if to == i and nodes[frm] is not None:
                    y = op(nodes[frm])
                    total = y if total is None else total + y
            nodes[i] = total
        return nodes[3] if nodes[3] is not None else torch.zeros_like(x)


class Network(nn.Module):
    def __init__(self, edges, channels, cells):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels))
        self.cells = nn.Sequential(*[Cell(edges, channels) for _ in range(cells)])
        self.head = nn.Sequential(nn.BatchNorm2d(channels), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                  nn.Linear(channels, 10))

    def forward(self, x):
        return self.head(self.cells(self.stem(x)))


def data():
    digits = load_digits()
    x = torch.tensor(digits.images / 16.0, dtype=torch.float32).unsqueeze(1)
    y = torch.tensor(digits.target, dtype=torch.long)
    order = np.random.RandomState(0).permutation(len(y))  # the split is fixed; only training depends on --seed
    tr, va, te = order[:1000], order[1000:1397], order[1397:]
    return (x[tr], y[tr]), (x[va], y[va]), (x[te], y[te])


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", required=True, help="NAS-Bench-201 notation")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("NASBOWL_SEED", "0")))
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--channels", type=int, default=16)
    parser.add_argument("--cells", type=int, default=2)
    args = parser.parse_args()
    start = time.time()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    edges = parse_arch(args.arch)
    (xt, yt), (xv, yv), (xs, ys) = data()
    model = Network(edges, args.channels, args.cells)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(args.seed)
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(yt), generator=gen)
        for b in range(0, len(yt), 64):
            idx = perm[b:b + 64]
            opt.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        print("epoch %d loss %.4f" % (epoch + 1, loss.item()), file=sys.stderr)
    result = {"valid_acc": round(accuracy(model, xv, yv), 6), "test_acc": round(accuracy(model, xs, ys), 6),
              "cost": round(time.time() - start, 3)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
