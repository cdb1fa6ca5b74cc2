"""The study's baseline MLP in the seed's own framework, Keras 3 on the JAX backend (XLA on CPU), under the protocol
of org.mnistablation.bench.TrainingBenchmark and scripts/bench_pytorch.py: same MNIST split (first 55,000 / last
5,000 images of the training file, read from MNIST_DIR's IDX .gz files), same model (Dense(128, relu),
Dense(10, softmax), glorot_uniform kernels and zero biases — Keras's defaults), Adam(1e-3) (Keras's eps 1e-7),
sparse_categorical_crossentropy, float32, shuffle=True, one update per minibatch.

Per batch size: one model, `model.fit(..., epochs=1)` called once per epoch (the first call compiles and is the
warm-up), training time per epoch timed around fit (shuffle + steps, as Keras does them) and the validation pass
(`model.evaluate` on the 5,000 images) timed apart; medians over the measured epochs, steps per second, validation
accuracy reached, peak RSS so far. It also prints the JAX/XLA devices and the SGEMM rate XLA gets.

Run it from a venv with Keras 3 and JAX (scripts/bench.sh makes one):
    KERAS_BACKEND=jax MNIST_DIR=... .cache/keras-venv/bin/python scripts/bench_keras.py [epochs] [batch sizes...]
"""
import os
import statistics
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np

from bench_common import arguments, peak_rss_gib, study_split

try:
    import jax
    import keras
except ImportError as e:
    print(f"Keras 3 / JAX are not installed here ({e}): skipped")
    sys.exit(0)


def gemm_gflops(m, k, n, reps):
    import jax.numpy as jnp
    a = jnp.asarray(np.random.rand(m, k).astype(np.float32))
    b = jnp.asarray(np.random.rand(k, n).astype(np.float32))
    mm = jax.jit(lambda x, y: x @ y)
    for _ in range(3):
        mm(a, b).block_until_ready()
    t0 = time.perf_counter()
    for _ in range(reps):
        mm(a, b).block_until_ready()
    return 2.0 * m * k * n * reps / (time.perf_counter() - t0) / 1e9


def model_for(seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def measure(xt, yt, xv, yv, batch, epochs):
    model = model_for(42)
    train_s, val_s, acc = [], [], 0.0
    for _ in range(epochs):
        t0 = time.perf_counter()
        model.fit(xt, yt, batch_size=batch, epochs=1, shuffle=True, verbose=0)
        t1 = time.perf_counter()
        _, acc = model.evaluate(xv, yv, batch_size=1000, verbose=0)
        train_s.append(t1 - t0)
        val_s.append(time.perf_counter() - t1)
    med = statistics.median(train_s[1:])
    return med, statistics.median(val_s[1:]), ((len(xt) + batch - 1) // batch) / med, acc


def main():
    epochs, batches = arguments()
    xt, yt, xv, yv = study_split()

    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}, JAX {jax.__version__} on Python "
          f"{sys.version.split()[0]}; devices {jax.devices()}; XLA_FLAGS={os.environ.get('XLA_FLAGS')}")
    big, small = gemm_gflops(1024, 1024, 1024, 6), gemm_gflops(128, 784, 128, 2000)
    print(f"XLA SGEMM: 1024x1024x1024 {big:.1f} GFLOP/s; 128x784 by 784x128 {small:.1f} GFLOP/s")
    kernels = [784 * 128, 128 * 10]
    bound = (6.0 * sum(kernels) - 2.0 * kernels[0]) * len(xt) / (big * 1e9)
    print("model: 784-128-10 (ReLU), Keras defaults (glorot_uniform, zeros), Adam(1e-3)")
    print(f"arithmetic bound: {bound:.3f} s/epoch at the 1024^3 rate")
    print(f"epochs: {epochs} (1 warm-up incl. XLA compilation + {epochs - 1} measured); train = model.fit of one "
          "epoch (shuffle + steps), val = model.evaluate on 5,000 images, both medians")
    print("batch | train s/epoch | val s/epoch | steps/s | val_acc | peak RSS GiB | x bound")
    for b in batches:
        med, val, steps, acc = measure(xt, yt, xv, yv, b, epochs)
        print(f"{b:5d} | {med:13.2f} | {val:11.3f} | {steps:7.0f} | {acc:7.4f} | {peak_rss_gib():12.2f} | "
              f"{med / bound:7.0f}", flush=True)


if __name__ == "__main__":
    main()
