#!/usr/bin/python3
"""The study's baseline MLP in PyTorch, as the reference a student would otherwise reach for: same MNIST split
(first 55,000 / last 5,000 of the training file), same model (784-128-10 ReLU, softmax cross-entropy, Glorot-uniform
weights, zero biases), Adam(lr 1e-3, eps 1e-7), float32, reshuffled every epoch, 2 threads. Prints median seconds per
training epoch after one warm-up epoch, steps per second, validation accuracy and peak RSS, per batch size.

    MNIST_DIR=... /usr/bin/python3 scripts/bench_pytorch.py [epochs] [batch sizes...]
"""
import gzip
import os
import resource
import statistics
import sys
import time

import numpy as np

try:
    import torch
except ImportError:
    sys.exit("PyTorch is not installed (apt-get install python3-torch): skipped")


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    n = int.from_bytes(data[4:8], "big")
    if magic == 2051:
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, 784).astype(np.float32) / 255.0
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    batches = [int(b) for b in sys.argv[2:]] or [8, 32, 128]
    d = os.environ.get("MNIST_DIR", "../shared/datasets/mnist")
    x = idx(os.path.join(d, "train-images-idx3-ubyte.gz"))
    y = idx(os.path.join(d, "train-labels-idx1-ubyte.gz"))
    xt, yt, xv, yv = map(torch.from_numpy, (x[:55000], y[:55000], x[55000:], y[55000:]))
    torch.set_num_threads(2)
    blas = [l.strip() for l in torch.__config__.show().splitlines() if "BLAS" in l]
    print(f"PyTorch {torch.__version__}, threads {torch.get_num_threads()}; {'; '.join(blas)}; "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
    print("batch | s/epoch (train, median) | steps/s | val_acc")
    for b in batches:
        torch.manual_seed(42)
        model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        for m in model:
            if isinstance(m, torch.nn.Linear):
                torch.nn.init.xavier_uniform_(m.weight)
                torch.nn.init.zeros_(m.bias)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        loss_fn = torch.nn.CrossEntropyLoss()
        times = []
        for epoch in range(epochs):
            perm = torch.randperm(len(xt))
            xs, ys = xt[perm], yt[perm]
            t0 = time.perf_counter()
            for i in range(0, len(xs), b):
                opt.zero_grad()
                loss = loss_fn(model(xs[i:i + b]), ys[i:i + b])
                loss.backward()
                opt.step()
            times.append(time.perf_counter() - t0)
        with torch.no_grad():
            acc = (model(xv).argmax(1) == yv).float().mean().item()
        med = statistics.median(times[1:])
        print(f"{b:5d} | {med:23.2f} | {((len(xt) + b - 1) // b) / med:7.0f} | {acc:7.4f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024:.2f} GiB")


if __name__ == "__main__":
    main()
