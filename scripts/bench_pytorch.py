#!/usr/bin/python3
"""The study's baseline MLP in PyTorch, as the peer a student would otherwise reach for, under the protocol of
org.mnistablation.bench.TrainingBenchmark: same MNIST split (first 55,000 / last 5,000 images of the training file,
read from MNIST_DIR's IDX .gz files with numpy + gzip), same model (784-128-10 ReLU, softmax cross-entropy,
Glorot-uniform weights, zero biases), Adam(lr 1e-3, eps 1e-7), float32, reshuffled every epoch, one optimizer step
per minibatch, a validation pass after every epoch, torch.set_num_threads(2).

Per batch size: median seconds per epoch after one warm-up epoch -- training (shuffle + steps) and validation pass
separately --, steps per second, validation accuracy reached, peak RSS so far (resource.getrusage). It also prints
torch's BLAS configuration, which BLAS library the process actually mapped, and the SGEMM rate it gets.

    MNIST_DIR=... /usr/bin/python3 scripts/bench_pytorch.py [epochs] [batch sizes...]
"""
import os
import statistics
import sys
import time

import numpy as np

from bench_common import arguments, peak_rss_gib, study_split

try:
    import torch
except ImportError:
    print("PyTorch is not installed (apt-get install --no-install-recommends python3-torch): skipped")
    sys.exit(0)


def mapped_blas():
    """The BLAS/LAPACK shared objects this process actually mapped (shows reference BLAS vs OpenBLAS)."""
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in path or "lapack" in path:
                libs.add(os.path.realpath(path))
    return ", ".join(sorted(libs)) or "none"


def gemm_gflops(m, k, n, reps):
    a, b = torch.rand(m, k), torch.rand(k, n)
    c = torch.empty(m, n)
    for _ in range(max(3, reps // 10)):
        torch.mm(a, b, out=c)
    t0 = time.perf_counter()
    for _ in range(reps):
        torch.mm(a, b, out=c)
    return 2.0 * m * k * n * reps / (time.perf_counter() - t0) / 1e9


HIDDEN = [int(w) for w in os.environ.get("BENCH_HIDDEN", "128").split(",")]


def model_for(seed):
    """ReLU Dense layers of the widths in BENCH_HIDDEN (default 128), then 10 outputs."""
    torch.manual_seed(seed)
    layers, width = [], 784
    for w in HIDDEN:
        layers += [torch.nn.Linear(width, w), torch.nn.ReLU()]
        width = w
    model = torch.nn.Sequential(*layers, torch.nn.Linear(width, 10))
    for m in model:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    return model


def measure(xt, yt, xv, yv, batch, epochs):
    model = model_for(42)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(42)
    train_s, val_s, acc = [], [], 0.0
    for _ in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(len(xt), generator=gen)
        xs, ys = xt[perm], yt[perm]
        model.train()
        for i in range(0, len(xs), batch):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xs[i:i + batch]), ys[i:i + batch])
            loss.backward()
            opt.step()
        t1 = time.perf_counter()
        model.eval()
        with torch.no_grad():
            out = model(xv)
            loss_fn(out, yv).item()
            acc = (out.argmax(1) == yv).float().mean().item()
        train_s.append(t1 - t0)
        val_s.append(time.perf_counter() - t1)
    med = statistics.median(train_s[1:])
    return med, statistics.median(val_s[1:]), ((len(xt) + batch - 1) // batch) / med, acc


def main():
    epochs, batches = arguments()
    xt, yt, xv, yv = map(torch.from_numpy, study_split())
    torch.set_num_threads(2)

    print(f"PyTorch {torch.__version__} on Python {sys.version.split()[0]}, threads {torch.get_num_threads()}, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
    config = torch.__config__.show()
    blas = [part.strip() for line in config.splitlines() for part in line.split(",")
            if "BLAS" in part or "LAPACK" in part or "CPU capability" in part]
    print("torch config: " + "; ".join(blas))
    big, small = gemm_gflops(1024, 1024, 1024, 6), gemm_gflops(128, 784, 128, 2000)
    print("BLAS mapped: " + mapped_blas())
    print(f"torch SGEMM ({torch.get_num_threads()} threads): 1024x1024x1024 {big:.1f} GFLOP/s; "
          f"128x784 by 784x128 {small:.1f} GFLOP/s")
    widths = [784] + HIDDEN + [10]
    kernels = [a * b for a, b in zip(widths, widths[1:])]
    print("model: " + "-".join(map(str, widths)) + " (ReLU)")
    bound = (6.0 * sum(kernels) - 2.0 * kernels[0]) * len(xt) / (big * 1e9)
    print(f"arithmetic bound: {bound:.3f} s/epoch at the 1024^3 rate")
    print(f"epochs: {epochs} (1 warm-up + {epochs - 1} measured); train = shuffle + minibatch steps, val = "
          "validation pass (5,000 images), both medians")
    print("batch | train s/epoch | val s/epoch | steps/s | val_acc | peak RSS GiB | x bound")
    for b in batches:
        med, val, steps, acc = measure(xt, yt, xv, yv, b, epochs)
        print(f"{b:5d} | {med:13.2f} | {val:11.3f} | {steps:7.0f} | {acc:7.4f} | {peak_rss_gib():12.2f} | "
              f"{med / bound:7.0f}", flush=True)


if __name__ == "__main__":
    main()
