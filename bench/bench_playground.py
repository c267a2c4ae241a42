"""Frames per second of the TrainingPlayground's frame loop, per data set, at the default size.

One frame = what the animation task does between two sleeps: train (one epoch of mini-batch
updates at the defaults), predict over the 100x100 grid, build the palette PNG, and set the
widgets' values. Printed per data set:
  * frames/s of the state's loop (train + heatmap + PNG) and of the view's (+ widget updates);
  * the ratio of a frame's cost to the bare training it contains (the same epochs, no drawing),
    and to one bare train-op run (a single mini-batch update);
  * the PNG size: each frame sends it to the browser as a base64 data URL, 4/3 as large
    (the points are a separate SVG, sent only when the data changes).
Target: 30 frames/s or more for every data set (a frame well under 33 ms); exit 1 if missed.
What a viewer sees, frames painted in a real browser, is measured by
tests/browser/test_browser_playground.py.
Run: python bench/bench_playground.py
"""

import statistics
import sys
import time

from deepslow.widgets import threads
from deepslow.widgets.playground import DATASETS, PlaygroundState
from deepslow.widgets.playground_view import TrainingPlayground

TARGET_FPS = 30


def time_per_call(action, calls):
    start = time.perf_counter()
    for _ in range(calls):
        action()
    return (time.perf_counter() - start) / calls


def measure(dataset, rounds=12, calls=12):
    """Median over rounds; in each round every variant runs once in turn, so that other work on
    the machine slows them alike and the ratios stay meaningful."""
    state = PlaygroundState(dataset=dataset)
    view = TrainingPlayground(dataset=dataset)
    bare = PlaygroundState(dataset=dataset)
    epochs = state.epochs_per_frame()
    model, (X, T) = bare.model, bare._feeds["train"]
    feed = {model.inputs: X[: bare.batch_size], model.labels: T[: bare.batch_size]}
    variants = {
        "frame": lambda: (state.step(epochs), state.frame()),
        "view": lambda: (view.state.step(epochs), view._show()),
        "training": lambda: bare.step(epochs),
        "update": lambda: model.session.run(model.train_op, feed),
    }
    for action in variants.values():
        action()  # warm up: execution plans are cached on the first run
    times = {name: [] for name in variants}
    for _ in range(rounds):
        for name, action in variants.items():
            times[name].append(time_per_call(action, calls * (10 if name == "update" else 1)))
    frame, view_frame, training, update = (statistics.median(times[name]) for name in variants)
    return {
        "fps": 1 / frame,
        "view_fps": 1 / view_frame,
        "frame_ms": frame * 1e3,
        "per_training": frame / training,
        "per_update": frame / update,
        "png_kb": len(state.frame()) / 1024,
        "updates": state.batches_per_epoch() * epochs,
    }


def main():
    print(f"TrainingPlayground frame loop, default settings (size 400 px, grid 100x100, BLAS via {threads.method()})")
    print(
        f"{'data set':10} {'frame/s':>8} {'+widgets':>9} {'ms/frame':>9} {'frame/training':>15} "
        f"{'frame/1 update':>15} {'updates':>8} {'PNG kB':>7}"
    )
    slowest = float("inf")
    for dataset in DATASETS:
        r = measure(dataset)
        slowest = min(slowest, r["fps"], r["view_fps"])
        print(
            f"{dataset:10} {r['fps']:8.0f} {r['view_fps']:9.0f} {r['frame_ms']:9.1f} {r['per_training']:14.2f}x "
            f"{r['per_update']:14.1f}x {r['updates']:8d} {r['png_kb']:7.1f}"
        )
    ok = slowest >= TARGET_FPS
    print(f"slowest: {slowest:.0f} frames/s (target {TARGET_FPS}+): {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
