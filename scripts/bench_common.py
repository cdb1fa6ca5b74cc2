"""What the peer benchmarks (bench_pytorch.py, bench_keras.py) share with the project's TrainingBenchmark: the
command line, the study's MNIST split read from MNIST_DIR's IDX .gz files, and the peak resident memory."""
import gzip
import os
import resource
import sys

import numpy as np


def read_idx(path):
    """Images as an n x 784 float32 array in [0, 1], or labels as int64."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    n = int.from_bytes(data[4:8], "big")
    if magic == 2051:
        rows, cols = int.from_bytes(data[8:12], "big"), int.from_bytes(data[12:16], "big")
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255.0
    if magic == 2049:
        return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)
    sys.exit(f"{path}: not an IDX image/label file (magic {magic:#x})")


def arguments():
    """(epochs, batch sizes) from the command line: [epochs] [batch sizes...], default 4 and 8 32 128."""
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    batches = [int(b) for b in sys.argv[2:]] or [8, 32, 128]
    if epochs < 2:
        sys.exit(f"epochs must be at least 2 (1 warm-up + measured ones), got {epochs}")
    return epochs, batches


def study_split():
    """(train x, train y, validation x, validation y): the first 55,000 training images and the last 5,000."""
    d = os.environ.get("MNIST_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets", "mnist")
    x = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(d, "train-labels-idx1-ubyte.gz"))
    return x[:55000].copy(), y[:55000].copy(), x[55000:].copy(), y[55000:].copy()


def peak_rss_gib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # ru_maxrss is KiB on Linux
