"""Time to draw the lesson MLP graph, and time per GraphStepper step.

Prints, in one run:
  * building the DOT source, and rendering it to SVG with each renderer found (system dot,
    graphviz-pure), against the floor of running that renderer on a one-node graph
    (process start-up); target: the lesson graph's SVG in under 100 ms;
  * the notebook display hook, first call and cached;
  * one GraphStepper step (state + restyled SVG + side panel, and through the widget view),
    against re-running Graphviz for every step (what "layout once" saves); target: under 5 ms;
  * one DescentExplorer figure, rendered at twice its shown pixels, against the same at 1x.
Run: python bench/bench_drawing.py
"""

import os
import sys
import time

import numpy as np

import deepslow as ds
from deepslow import drawing

SVG_TARGET = 0.100  # seconds: "graph SVG for a lesson graph in tens of milliseconds"
STEP_TARGET = 0.005  # seconds: "a step must take a few milliseconds"


def lesson_mlp():
    """The 2-2-2 MLP of lesson 5 with softmax cross-entropy, and a feed of four points."""
    g = ds.Graph()
    with g.as_default():
        X = ds.placeholder(ds.float32, shape=(None, 2), name="X")
        labels = ds.placeholder(ds.float32, shape=(None, 2), name="labels")
        W1 = ds.Variable([[1.0, -1.0], [0.5, 2.0]], name="W1")
        b1 = ds.Variable([0.0, 0.0], name="b1")
        hidden = ds.sigmoid(ds.matmul(X, W1) + b1, name="hidden")
        W2 = ds.Variable([[2.0, -2.0], [-1.0, 1.0]], name="W2")
        b2 = ds.Variable([0.0, 0.0], name="b2")
        logits = ds.add(ds.matmul(hidden, W2), b2, name="logits")
        loss = ds.reduce_mean(ds.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits), name="loss")
    feed = {X: np.array([[0, 0], [1, 1], [0, 1], [1, 0.0]]), labels: np.array([[1, 0], [1, 0], [0, 1], [0, 1.0]])}
    return g, loss, feed


def best_of(fn, repeat=7, number=1):
    """The best time per call over `repeat` rounds of `number` calls (least disturbed by noise)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def ms(seconds):
    return f"{seconds * 1e6:8.1f} us" if seconds < 1e-4 else f"{seconds * 1e3:8.2f} ms"


def with_only(exe, fn):
    """Run fn() with `exe` as the only renderer deepslow can find."""
    saved = drawing.find_renderers
    drawing.find_renderers = lambda: [exe]
    try:
        return fn()
    finally:
        drawing.find_renderers = saved


def main():
    missed = []
    g, loss, feed = lesson_mlp()
    print(f"lesson graph: {len(g.nodes)} nodes")

    dot_source = drawing.draw(g).source
    print(f"build DOT source                  {ms(best_of(lambda: drawing.draw(g), number=20))}")
    renderers = drawing.find_renderers()
    if not renderers:
        print("no Graphviz renderer found: install graphviz or graphviz-pure")
        return 1
    tiny = "digraph { a }"
    for exe in renderers:
        floor = best_of(lambda exe=exe: with_only(exe, lambda: drawing.render_svg(tiny)), repeat=5)
        took = best_of(lambda exe=exe: with_only(exe, lambda: drawing.render_svg(dot_source)), repeat=5)
        name = os.path.basename(exe)
        print(f"SVG with {name:<24} {ms(took)}   ({took / floor:.1f}x a one-node graph: {ms(floor).strip()})")
        if exe == renderers[0] and took > SVG_TARGET:
            missed.append(f"SVG with {name} took {ms(took).strip()} (target {SVG_TARGET * 1e3:.0f} ms)")

    def hook_uncached():
        g._renderings.clear()
        g._repr_mimebundle_()

    first = best_of(hook_uncached, repeat=5)
    cached = best_of(g._repr_mimebundle_, number=200)
    print(f"display hook, first call          {ms(first)}")
    print(f"display hook, cached              {ms(cached)}   ({first / cached:.0f}x faster)")

    from deepslow.widgets.graph_stepper import GraphStepper, GraphStepperState, StepperPicture, panel_html

    start = time.perf_counter()
    state = GraphStepperState(loss, feed)
    picture = StepperPicture(state)
    setup = time.perf_counter() - start
    print(f"stepper set-up (runs + layout)    {ms(setup)}   ({state.n_steps} steps)")

    def every_step():
        for i in range(state.n_steps):
            state.goto(i)
            frame = state.frame()
            picture.svg(frame)
            panel_html(frame, state)

    step = best_of(every_step, repeat=5) / state.n_steps
    widget = GraphStepper(loss, feed)

    def every_widget_step():
        for i in range(state.n_steps):
            widget.slider.value = i
        widget.slider.value = 0

    widget_step = best_of(every_widget_step, repeat=5) / (state.n_steps + 1)
    nodes = state.order

    def relayout_step():  # what a naive stepper would do: draw and run Graphviz for every frame
        frame = state.frames[-1]
        drawing.draw(nodes, values=frame.values, grads=frame.grads, highlight=frame.node).svg()

    relayout = best_of(relayout_step, repeat=5)
    print(f"stepper step (state+SVG+panel)    {ms(step)}   (Graphviz on every step: {relayout / step:.0f}x slower)")
    print(f"stepper step through the widget   {ms(widget_step)}")
    if max(step, widget_step) > STEP_TARGET:
        missed.append(f"stepper step took {ms(max(step, widget_step)).strip()} (target {STEP_TARGET * 1e3:.0f} ms)")

    # The DescentExplorer redraws its matplotlib figure when a control moves: at twice the pixels it
    # is shown with (sharp on a projector), against the same figure at the pixels it is shown with.
    from deepslow.widgets.descent import PX_PER_INCH, DescentState

    descent = DescentState("valley", learning_rate=0.45)
    sharp = best_of(descent.frame, repeat=5)
    plain = best_of(lambda: descent.frame(dpi=PX_PER_INCH), repeat=5)
    print(f"descent figure, 2x pixels         {ms(sharp)}   ({sharp / plain:.2f}x the 1x figure: {ms(plain).strip()})")

    for problem in missed:
        print(f"MISSED: {problem}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
