"""Reverse-mode differentiation (backpropagation) and `gradients(ys, xs)`.

The algorithm, in full:
  1. Keep only the ops on a path from some x to y (ancestors of y that depend on an x).
  2. Visit them in reverse topological order, so a node is visited only after every consumer
     on the path has added its share to the node's gradient.
  3. At each op: gradient of each input = the op's registered gradient function applied to the
     incoming gradient; add it to whatever the input already received (a node used twice gets
     the sum of both paths).
Nothing here recurses, so a chain of 100,000 ops is fine.
"""

import graphlib

import numpy as np

from .errors import NumericsError, OpError, ShapeError, describe
from .graph import Node, Operation, as_node
from .registry import OpValues, blocks_gradient, get_gradient


def ancestors(targets):
    """Every node that `targets` depend on, themselves included (an explicit stack, no recursion)."""
    seen = set()
    stack = list(targets)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node.inputs)
    return seen


def topological_order(nodes):
    """`nodes` ordered so that every node comes after its inputs (graphlib does the sorting)."""
    members = set(nodes)
    ordered = sorted(members, key=lambda n: n.index)  # same order on every run, not a set's whim
    sorter = graphlib.TopologicalSorter({n: [i for i in n.inputs if i in members] for n in ordered})
    return list(sorter.static_order())


def path_nodes(ys, xs):
    """Nodes lying on some path from an x to a y along which gradients flow, in topological order."""
    order = topological_order(ancestors(ys))
    depends_on_x = set(xs)
    for node in order:  # forward sweep: what an x can influence
        if any(i in depends_on_x for i in node.inputs) and not blocks_gradient(node):
            depends_on_x.add(node)
    reaches_y = {y for y in ys if y in depends_on_x}
    for node in reversed(order):  # backward sweep: what of that feeds a y
        if node in reaches_y:
            reaches_y.update(i for i in node.inputs if i in depends_on_x)
    return [node for node in order if node in reaches_y]


class Gradients(Node):
    """The gradients of sum(ys) with respect to each of xs, as one node.

    It is not an ordinary op: to run, it needs the value of every node of the forward pass, so
    the Session's interpreter hands it the run's whole table of values (Session._interpret); a
    compiled plan unrolls backward() instead (compiled.write_backward: keep the two in step).
    """

    op_type = "Gradients"

    def __init__(self, ys, xs, grad_ys=None, name=None):
        ys, xs = list(ys), list(xs)
        grad_ys = [None] * len(ys) if grad_ys is None else [None if g is None else as_node(g) for g in grad_ys]
        super().__init__(ys + [g for g in grad_ys if g is not None], name=name or "gradients")
        self.ys, self.xs, self.grad_ys = ys, xs, grad_ys
        on_path = path_nodes(ys, xs)
        self.on_path = set(on_path)
        self.backward_order = [n for n in reversed(on_path) if isinstance(n, Operation)]
        for node in self.backward_order:
            get_gradient(node)  # fail now, at build time, if an op on the path has no gradient
        self.wants = wanted_inputs(self.backward_order, self.on_path)  # the same every run: work it out once

    def connected(self, x):
        return x in self.on_path

    def backpropagate(self, values, check_numerics=False, *, saved=None):
        """Return [dL/dx for x in xs] given the forward values of this run (None if unconnected)."""
        seeds = {}
        for y, seed in zip(self.ys, self.grad_ys):
            start = seed_gradient(values[y], None if seed is None else values[seed])
            seeds[y] = seeds[y] + start if y in seeds else start
        order, wants = self.backward_order, self.wants
        grads = backward(order, self.on_path, seeds, values, check_numerics, saved=saved, wants=wants)
        return [grads.get(x) for x in self.xs]


def seed_gradient(y_value, seed=None):
    """Where the backward pass starts: dL/dy, ones unless grad_ys gave other values."""
    if seed is not None:
        return np.asarray(seed, np.result_type(y_value))
    if not isinstance(y_value, (np.ndarray, np.generic)):  # (NumPy scalars have .shape and .dtype too)
        y_value = np.asarray(y_value)
    ones = np.empty(y_value.shape, y_value.dtype)  # np.ones_like, minus its Python layers (runs every step)
    ones.fill(1)
    return ones


def wanted_inputs(order, on_path):
    """For each op, which of its inputs want a gradient (those on a path): its op.needs_grad."""
    return {node: tuple([i in on_path for i in node.inputs]) for node in order}


def backward(order, on_path, seeds, values, check_numerics=False, on_step=None, saved=None, wants=None):
    """The backward pass. `order`: ops in reverse topological order; `on_path`: the nodes that
    want a gradient; `seeds`: {y: dL/dy}; `values`: the forward pass's values; `saved`: what
    ops kept for their gradient (see Operation); `wants`: wanted_inputs(order, on_path), if
    already worked out. Returns {node: dL/dnode} for every node reached.
    `on_step(node, grad, input_grads)` is called after each op (the GraphStepper watches this)."""
    grads = dict(seeds)
    saved = saved or {}
    wants = wants or wanted_inputs(order, on_path)
    for node in order:
        grad = grads.get(node)
        if grad is None:
            continue
        grad_fn = get_gradient(node)
        if grad_fn is None:  # registered as not differentiable
            continue
        inputs = [values[i] for i in node.inputs]
        try:
            input_grads = grad_fn(OpValues(node, inputs, values[node], wants[node], saved.get(node)), grad)
        except NotImplementedError:
            raise  # an exercise stub not written yet: the lessons read this as "not attempted"
        except Exception as exc:  # name the op whose gradient function failed, not the Gradients node
            shapes = ", ".join(f"{describe(i)} {np.shape(v)}" for i, v in zip(node.inputs, inputs))
            raise OpError(
                f"the gradient function registered for {describe(node)} raised {type(exc).__name__}: {exc}. "
                f"It was given grad of shape {np.shape(grad)} and inputs {shapes}."
            ) from exc
        if type(input_grads) is not list or len(input_grads) != len(inputs):
            input_grads = gradient_list(node, inputs, input_grads)
        if check_numerics:
            _check_gradient_list(node, inputs, input_grads, check_numerics)
        for inp, needed, value, g in zip(node.inputs, wants[node], inputs, input_grads):
            if g is None or not needed:
                continue
            if not isinstance(g, (np.ndarray, np.generic)):  # a plain float or list from a learner's function
                g = np.asarray(g)
            if getattr(g, "shape", None) != getattr(value, "shape", None):
                _check_gradient_list(node, inputs, input_grads, check_numerics)
            grads[inp] = grads[inp] + g if inp in grads else g  # sum over every path
        if on_step is not None:
            on_step(node, grad, input_grads)
    return grads


def gradient_list(node, inputs, input_grads):
    """A gradient function's result as a list of one gradient per input. It may return a tuple,
    or a bare array for a one-input op; a wrong count raises the error that says so."""
    if isinstance(input_grads, tuple):
        input_grads = list(input_grads)
    elif type(input_grads) is not list:
        if len(inputs) > 1:
            raise ShapeError(
                f"the gradient function of {describe(node)} returned one array, but the op has "
                f"{len(inputs)} inputs: return a list with one gradient per input"
            )
        input_grads = [input_grads]
    if len(input_grads) != len(inputs):
        _check_gradient_list(node, inputs, input_grads, False)
    return input_grads


def _check_gradient_list(node, inputs, input_grads, check_numerics):
    """Catch a wrong gradient function where it happens, not three ops later."""
    if len(input_grads) != len(inputs):
        raise ShapeError(
            f"the gradient function of {describe(node)} returned {len(input_grads)} gradients, "
            f"but the op has {len(inputs)} inputs: return one per input (None for no gradient)"
        )
    for inp, value, g in zip(node.inputs, inputs, input_grads):
        if g is None:
            continue
        if getattr(g, "shape", None) != getattr(value, "shape", None) and np.shape(g) != np.shape(value):
            raise ShapeError(
                f"the gradient function of {describe(node)} returned shape {np.shape(g)} for input "
                f"{describe(inp)}, whose value has shape {np.shape(value)}: a gradient always has the "
                f"shape of what it is the gradient of (sum over broadcast axes with unbroadcast)"
            )
        if check_numerics and not np.all(np.isfinite(g)):
            raise NumericsError(f"the gradient of {describe(node)} with respect to {describe(inp)} contains NaN or inf")


class GradientOf(Operation):
    """Picks one x's gradient out of a Gradients node so it can be fetched on its own."""

    op_type = "GradientOf"

    def __init__(self, backprop, position, name=None):
        super().__init__(backprop, name=name)
        self.position = position  # which x (not `index`: every node's index is its creation order)

    def compute(self, all_grads):
        return all_grads[self.position]


def gradients(ys, xs, grad_ys=None, name=None):
    """Symbolic gradients of sum(ys) with respect to each x, as nodes you can fetch.

    Like TensorFlow, an x that ys do not depend on gets None instead of a node.
    """
    ys = [ys] if isinstance(ys, Node) else list(ys)
    xs = [xs] if isinstance(xs, Node) else list(xs)
    for node in ys + xs:
        if not isinstance(node, Node):
            raise TypeError(f"gradients(ys, xs) takes nodes, got {node!r:.60}")
    backprop = Gradients(ys, xs, grad_ys, name=name)
    return [
        GradientOf(backprop, i, name=f"{backprop.name}/{x.name}_grad") if backprop.connected(x) else None
        for i, x in enumerate(xs)
    ]
