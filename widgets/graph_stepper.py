"""GraphStepper: watch the forward pass, then backpropagation, one node at a time.

    stepper = GraphStepper(loss, feed_dict={x: data, labels: targets})
    stepper            # last line of a cell: the graph, a side panel and Prev/Next/Play/Reset

Two layers, as in every deepslow widget:
- `GraphStepperState` is plain Python. It runs the forward pass once, records the backward pass
  once (through the `on_step` hook of deepslow.backprop.backward, the same code gradients()
  runs), and turns both into a list of `Frame`s. `step()`, `back()`, `reset()` and `frame()`
  move through them; tests drive it without a browser.
- `GraphStepper` is a thin ipywidgets view of the current frame. The graph is laid out once
  (deepslow.drawing.FixedLayout); a step only recolours boxes and rewrites their value text,
  so nothing jumps and a step takes about a millisecond.
"""

import html
from dataclasses import dataclass, field, replace

import ipywidgets as widgets
import numpy as np

from deepslow.backprop import GradientOf, Gradients, backward, path_nodes
from deepslow.drawing import GRAD_COLOR, HIGHLIGHT_COLOR, KIND_COLORS, KIND_NAMES, FixedLayout
from deepslow.errors import NoGradientError, describe
from deepslow.graph import Constant, Initializer, Node, Operation, Placeholder, Variable, get_default_session
from deepslow.session import Session
from deepslow.train import TrainOp


@dataclass(frozen=True)
class Contribution:
    """What one backward step passes to one of the op's inputs."""

    input: Node
    local: np.ndarray  # the op's incoming gradient times its local derivative for this input
    total: np.ndarray  # the input's running sum once this share is added
    count: int  # how many shares the input has received so far (1, 2, ...)
    expected: int  # how many it receives in all: one per consumer on the way to the loss


@dataclass(frozen=True)
class Frame:
    """Everything the picture and the side panel show at one step."""

    index: int
    phase: str  # "start", "forward", "backward" or "done"
    node: Node | None  # the node being computed (forward) or passing its gradient back (backward)
    title: str
    text: str
    values: dict  # node -> value, for nodes computed so far
    grads: dict = field(default_factory=dict)  # node -> gradient so far (running sums)
    finished: frozenset = frozenset()  # nodes whose gradient is complete (no more shares to come)
    edges: tuple = ()  # (input, node) pairs to highlight
    incoming: np.ndarray | None = None  # backward: the gradient arriving at `node`
    contributions: tuple = ()  # backward: one Contribution per input that takes a gradient


class GraphStepperState:
    """The forward and backward pass of `fetch`, as a list of frames.

    feed_dict: values for the placeholders, as for Session.run.
    session: where variables are read; default: the default session if there is one, else
        every variable's initial value (fed in, so the graph is not changed).
    wrt: the nodes to differentiate with respect to; default: the trainable variables
        (placeholders when there are none).
    backward: False steps through the forward pass only.
    """

    def __init__(self, fetch, feed_dict=None, session=None, wrt=None, backward=True):
        if not isinstance(fetch, Node):
            raise TypeError(f"GraphStepper steps through one node's computation; got {fetch!r:.60}")
        self.fetch = fetch
        feed_dict = dict(feed_dict or {})
        self.order = _needed(fetch, feed_dict)
        for node in self.order:
            if isinstance(node, (Gradients, GradientOf, TrainOp, Initializer)):
                raise ValueError(
                    f"GraphStepper shows how {describe(fetch)} is computed and differentiated, but it depends on "
                    f"{describe(node)}, which is training machinery. Pass the loss node instead."
                )
        self.fed = {node for node in self.order if node in feed_dict}
        self.session_given = session is not None or _default_session(fetch.graph) is not None
        self.values = _forward_values(self.order, feed_dict, session)
        if wrt is None:
            wrt = [n for n in self.order if isinstance(n, Variable) and n.trainable]
            wrt = wrt or [n for n in self.order if isinstance(n, Placeholder)]
        self.wrt = [wrt] if isinstance(wrt, Node) else list(wrt)
        frames = self._forward_frames() + (self._backward_frames() if backward else [])
        self.frames = [replace(frame, index=i) for i, frame in enumerate(frames)]
        self.grads = self.frames[-1].grads  # the final gradients (empty without a backward pass)
        self.index = 0

    # --- moving through the frames -----------------------------------------------------------
    @property
    def n_steps(self):
        return len(self.frames)

    def frame(self, index=None):
        return self.frames[self.index if index is None else index]

    def step(self):
        """Go one frame forward; False when already at the end."""
        if self.index + 1 >= self.n_steps:
            return False
        self.index += 1
        return True

    def back(self):
        """Go one frame back; False when already at the start."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def goto(self, index):
        if not 0 <= index < self.n_steps:
            raise IndexError(f"step {index} does not exist: there are {self.n_steps} steps (0 to {self.n_steps - 1})")
        self.index = index

    def reset(self, seed=None):
        """Back to the first frame. (`seed` is there like in every widget's reset; nothing here is random.)"""
        self.index = 0

    # --- building the frames (indices are filled in by __init__) -----------------------------
    def _forward_frames(self):
        frames = [Frame(0, "start", None, "Nothing computed yet", "Press Next to run the forward pass.", values={})]
        for k, node in enumerate(self.order):
            frames.append(
                Frame(
                    0,
                    "forward",
                    node,
                    title=f"Forward {k + 1}/{len(self.order)}: {node.name}",
                    text=self._forward_text(node),
                    values={m: self.values[m] for m in self.order[: k + 1]},
                    edges=() if node in self.fed else tuple((inp, node) for inp in node.inputs),
                )
            )
        return frames

    def _forward_text(self, node):
        if node in self.fed:
            if isinstance(node, Placeholder):
                return f"{node.name} is a placeholder: its value comes from feed_dict."
            return f"{node.name} was given in feed_dict, so it is not computed."
        if isinstance(node, Variable):
            where = "read from the session" if self.session_given else "its initial value (no session was given)"
            return f"{node.name} is a variable: its current value is {where}."
        if isinstance(node, Constant):
            return f"{node.name} is a constant: its value is stored in the graph."
        inputs = ", ".join(i.name for i in node.inputs)
        return f"{node.name} = {node.op_type}({inputs}), computed now that all its inputs are known."

    def _backward_frames(self):
        """Run the real backward pass once, recording each op's step, then replay the records
        into frames, keeping the running sum of every node's gradient as it grows."""
        fetch, name = self.fetch, self.fetch.name
        path = path_nodes([fetch], self.wrt)
        if not path:
            return []
        on_path = set(path)
        order = [n for n in reversed(path) if isinstance(n, Operation)]
        seed = np.ones_like(self.values[fetch])
        records = []
        try:
            backward(order, on_path, {fetch: seed}, self.values, on_step=lambda *record: records.append(record))
        except NoGradientError as exc:
            hint = "To step through the forward pass only, use GraphStepper(..., backward=False)."
            raise NoGradientError(f"{exc}\n{hint}") from None

        expected = {}  # how many shares each node will receive: one per consumer that sends one
        for node, _, input_grads in records:
            for inp, g in zip(node.inputs, input_grads, strict=True):
                if g is not None and inp in on_path:
                    expected[inp] = expected.get(inp, 0) + 1

        text = f"The backward pass starts at {name}: ∂{name}/∂{name} = 1."
        if np.ndim(seed):
            text += (
                f" {name} is not a single number (shape {np.shape(seed)}), so, like tf.gradients, we differentiate "
                "the sum of its elements: the starting gradient is an array of ones."
            )
        grads, counts, finished = {fetch: seed}, {}, {fetch}
        frames = [Frame(0, "backward", fetch, f"Backward: start at {name}", text, self.values, dict(grads), {fetch})]
        for k, (node, grad, input_grads) in enumerate(records):
            shares = []
            for inp, g in zip(node.inputs, input_grads, strict=True):
                if g is None or inp not in on_path:
                    continue
                grads[inp] = grads[inp] + g if inp in grads else g  # the sum over paths, as backward() does
                counts[inp] = counts.get(inp, 0) + 1
                if counts[inp] == expected[inp]:
                    finished.add(inp)
                shares.append(Contribution(inp, g, grads[inp], counts[inp], expected[inp]))
            text = (
                f"{node.name} passes its gradient back. Its incoming gradient ∂{name}/∂{node.name} is complete: "
                f"every node that uses {node.name} has already added its share. For each input, the {node.op_type} "
                f"gradient multiplies it by the local derivative ∂{node.name}/∂(input)."
            )
            frames.append(
                Frame(
                    0,
                    "backward",
                    node,
                    title=f"Backward {k + 1}/{len(records)}: {node.name}",
                    text=text,
                    values=self.values,
                    grads=dict(grads),
                    finished=frozenset(finished),
                    edges=tuple((share.input, node) for share in shares),
                    incoming=grad,
                    contributions=tuple(shares),
                )
            )
        targets = ", ".join(x.name for x in self.wrt if x in grads) or "nothing"
        text = f"Backpropagation is complete: each gradient is the sum over every path to {name}. See {targets}."
        frames.append(
            Frame(0, "done", None, "Backward pass complete", text, self.values, dict(grads), frozenset(grads))
        )
        return frames


def _needed(fetch, feed_dict):
    """The nodes computing `fetch` in creation order, stopping at fed nodes (as Session.run does)."""
    needed, stack = set(), [fetch]
    while stack:
        node = stack.pop()
        if node not in needed:
            needed.add(node)
            if node not in feed_dict:
                stack.extend(node.inputs)
    return [n for n in fetch.graph.nodes if n in needed]


def _default_session(graph):
    try:
        session = get_default_session()
    except RuntimeError:
        return None
    return session if session.graph is graph else None


def _forward_values(order, feed_dict, session):
    """Every node's value from one Session.run (each node computed once)."""
    session = session or _default_session(order[-1].graph)
    own = session is None
    if own:  # feed the initial values in, so no initializer node is added to the learner's graph
        session = Session(order[-1].graph)
        feed_dict = {**{v: v.initial_value for v in order if isinstance(v, Variable)}, **feed_dict}
    try:
        results = session.run(order, feed_dict)
    finally:
        if own:
            session.close()
    return {node: np.asarray(value) for node, value in zip(order, results, strict=True)}


# --- the picture: one layout, restyled per frame ------------------------------------------------

PENDING = ("ds-pending", "#ffffff", "#adb5bd", 1.5, True)  # not computed yet: white, dashed grey


class StepperPicture:
    """The graph laid out once, with boxes sized for the final values and gradients;
    `svg(frame)` restyles it for one frame (see deepslow.drawing.FixedLayout)."""

    def __init__(self, state, rankdir="TB", rows=3, cols=4, max_height="640px"):
        self.state = state
        self.layout = FixedLayout(
            state.order, state.values, state.grads, loss=state.fetch, rankdir=rankdir, rows=rows, cols=cols
        )
        self.max_height = max_height  # the whole graph stays on screen, controls included

    def styles(self, frame):
        """{node: (css class, fill, border colour, border width, dashed)} for this frame."""
        styles = {}
        for node in self.layout.nodes:
            fill = KIND_COLORS[self.layout.kind(node)]
            if node is frame.node:
                styles[node] = ("ds-current", fill, HIGHLIGHT_COLOR, 4, False)
            elif frame.phase in ("start", "forward"):
                styles[node] = ("ds-done", fill, "#343a40", 1, False) if node in frame.values else PENDING
            elif node in frame.finished:
                styles[node] = ("ds-grad-done", fill, GRAD_COLOR, 2.5, False)
            elif node in frame.grads:
                styles[node] = ("ds-grad-partial", fill, GRAD_COLOR, 2.5, True)
            else:
                styles[node] = ("ds-done", fill, "#343a40", 1, False) if node in frame.values else PENDING
        return styles

    def svg(self, frame):
        color = HIGHLIGHT_COLOR if frame.phase == "forward" else GRAD_COLOR
        edges = {edge: (color, 3) for edge in frame.edges}
        svg = self.layout.svg(self.styles(frame), frame.values, frame.grads, edges)
        return svg.replace("height:auto", f"height:auto;max-height:{self.max_height}", 1) if self.max_height else svg


# --- the side panel ---------------------------------------------------------------------------


def _array_html(value):
    text = np.array2string(np.asarray(value), precision=3, threshold=30, edgeitems=3, suppress_small=True)
    return f'<pre style="margin:2px 0 8px 0;font-size:14px">{html.escape(text)}</pre>'


def panel_html(frame, state):
    """The side panel for one frame: what happens, and the numbers involved."""
    phase = {"start": "start", "forward": "forward pass", "backward": "backward pass", "done": "done"}[frame.phase]
    parts = [
        '<div class="ds-panel" style="font-size:15px;line-height:1.4;padding:0 8px">',
        f"<div style='color:#495057'>step {frame.index} of {state.n_steps - 1} &middot; {phase}</div>",
        f"<h4 style='margin:4px 0'>{html.escape(frame.title)}</h4>",
        f"<p style='margin:4px 0 8px 0'>{html.escape(frame.text)}</p>",
    ]
    node, loss = frame.node, state.fetch.name
    if node is not None and node in frame.values and frame.phase == "forward":
        parts += [f"<b>value of {html.escape(node.name)}</b>", _array_html(frame.values[node])]
    if frame.incoming is not None or (frame.phase == "backward" and node is state.fetch):
        grad = frame.incoming if frame.incoming is not None else frame.grads[node]
        parts += [f"<b>incoming gradient &part;{loss}/&part;{html.escape(node.name)}</b>", _array_html(grad)]
    for share in frame.contributions:
        name = html.escape(share.input.name)
        parts.append(f"<b style='color:{GRAD_COLOR}'>to {name}</b>: incoming &times; local derivative =")
        parts.append(_array_html(share.local))
        if share.expected > 1:
            note = "complete" if share.count == share.expected else "more to come"
            parts.append(
                f"{name} is used {share.expected} times, so its gradient is a sum: "
                f"share {share.count} of {share.expected} added, running sum ({note}) ="
            )
            parts.append(_array_html(share.total))
    if frame.phase == "done":
        for x in state.wrt:
            if x in frame.grads:
                parts += [f"<b>&part;{loss}/&part;{html.escape(x.name)}</b>", _array_html(frame.grads[x])]
    parts.append(_legend())
    parts.append("</div>")
    return "".join(parts)


def _legend():
    swatch = "display:inline-block;width:12px;height:12px;border:1px solid #343a40;margin:0 3px 0 8px;"
    kinds = ("placeholder", "variable", "constant", "op", "loss")
    items = "".join(
        f"<span style='white-space:nowrap'><span style='{swatch}background:{KIND_COLORS[kind]}'></span>"
        f"{KIND_NAMES[kind]}</span> "
        for kind in kinds
    )
    marks = (
        f"<span style='color:{HIGHLIGHT_COLOR}'>orange border</span>: current node; "
        "dashed grey: not computed yet; "
        f"<span style='color:{GRAD_COLOR}'>red border</span>: gradient complete (dashed: partial sum)"
    )
    return f"<div style='font-size:13px;color:#495057;margin-top:10px'>{items}<br>{marks}</div>"


# --- the ipywidgets view ------------------------------------------------------------------------


class GraphStepper(widgets.VBox):
    """Step through the forward pass of `fetch` node by node, then through backpropagation.

    GraphStepper(loss, feed_dict={x: data}, session=None, wrt=None, backward=True,
                 rankdir="TB", interval=800, max_height="640px")

    interval: milliseconds per step when playing. max_height: the picture shrinks to fit it, so
    on a projector the whole graph and the controls are visible at once (None: no limit).

    The controls are standard ipywidgets (Buttons, Play, IntSlider, HTML), so it works in
    JupyterLab, Notebook 7, VS Code and Colab without a front-end extension. `stepper.state`
    is the plain GraphStepperState; `next()`, `prev()` and `reset()` work from code too.
    """

    def __init__(
        self,
        fetch,
        feed_dict=None,
        session=None,
        wrt=None,
        backward=True,
        rankdir="TB",
        interval=800,
        max_height="640px",
    ):
        self.state = GraphStepperState(fetch, feed_dict, session=session, wrt=wrt, backward=backward)
        self.picture = StepperPicture(self.state, rankdir=rankdir, max_height=max_height)
        last = self.state.n_steps - 1
        self.graph_view = widgets.HTML(layout=widgets.Layout(flex="2 1 420px", min_width="320px"))
        self.panel = widgets.HTML(layout=widgets.Layout(flex="1 1 280px", min_width="260px"))
        self.reset_button = widgets.Button(description="Reset", icon="fast-backward", tooltip="back to the start")
        self.prev_button = widgets.Button(description="Prev", icon="step-backward", tooltip="one step back")
        self.next_button = widgets.Button(description="Next", icon="step-forward", tooltip="one step forward")
        self.play = widgets.Play(min=0, max=last, interval=interval, show_repeat=False, description="Play")
        self.slider = widgets.IntSlider(min=0, max=last, description="step", continuous_update=True)
        for button in (self.reset_button, self.prev_button, self.next_button):
            button.layout = widgets.Layout(width="auto")
        self.reset_button.on_click(lambda _: self.reset())
        self.prev_button.on_click(lambda _: self.prev())
        self.next_button.on_click(lambda _: self.next())
        widgets.link((self.play, "value"), (self.slider, "value"))  # Play moves the slider; the slider decides
        self.slider.observe(self._on_slider, names="value")
        controls = [self.reset_button, self.prev_button, self.play, self.next_button, self.slider]
        super().__init__(  # controls on top: they stay put next to the cell while the picture changes
            [
                widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
                widgets.HBox([self.graph_view, self.panel], layout=widgets.Layout(flex_flow="row wrap")),
            ]
        )
        self.add_class("ds-graph-stepper")
        self._show()

    def next(self):
        self.slider.value = min(self.slider.value + 1, self.slider.max)

    def prev(self):
        self.slider.value = max(self.slider.value - 1, 0)

    def reset(self):
        self.play.playing = False
        self.slider.value = 0

    def _on_slider(self, change):
        self.state.goto(change["new"])
        self._show()

    def _show(self):
        frame = self.state.frame()
        self.graph_view.value = self.picture.svg(frame)
        self.panel.value = panel_html(frame, self.state)
