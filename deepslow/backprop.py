"""Reverse-mode differentiation (backpropagation) and `gradients(ys, xs)`.

The algorithm, in full:
  1. Keep only the ops on a path from some x to y (ancestors of y that depend on an x).
  2. Visit them in reverse topological order, so a node is visited only after every consumer
     on the path has added its share to the node's gradient.
  3. At each op: gradient of each input = the op's registered gradient function applied to the
     incoming gradient (`backprop_op`); add it to whatever the input already received
     (`accumulate`: a node used twice gets the sum of both paths).
Nothing here recurses, so a chain of 100,000 ops is fine. `backward` is the loop; a compiled
plan (compiled.py) writes the same calls to backprop_op and accumulate out in a straight line.
"""

import numpy as np

from .arrays import ones
from .dtypes import as_numpy
from .errors import NumericsError, OpError, ShapeError, describe
from .graph import Node, Operation, ancestors, as_node, topological_order
from .registry import GRADIENTS, LIBRARY_GRADIENTS, OpValues, blocks_gradient, get_gradient, reads_of

ndarray = np.ndarray  # (a module global: looked up faster than np.ndarray, in a check made for every gradient)


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
        input_grads = backprop_op(op_values(node, values, wants[node], saved.get(node)), grad)
        for inp, g, wanted in zip(node.inputs, input_grads, wants[node]):
            if wanted and g is not None:
                if check_numerics and not np.all(np.isfinite(g)):
                    raise NumericsError(
                        f"the gradient of {describe(node)} with respect to {describe(inp)} has NaN or inf"
                    )
                grads[inp] = accumulate(grads.get(inp), g)
        if on_step is not None:
            on_step(node, grad, input_grads)
    return grads


def op_values(node, values, wants, saved):
    """What `node`'s gradient function is given of this run: the values it reads (registry.reads_of),
    and None for the rest. A compiled plan gives the same, and lets the rest go early."""
    reads = reads_of(node.op_type)
    inputs = [values[i] for i in node.inputs]
    return OpValues(
        node,
        inputs if "inputs" in reads else None,
        values[node] if "output" in reads else None,
        wants,
        saved,
        [v.shape for v in inputs] if "input shapes" in reads else None,
    )


def backprop_op(op, grad):
    """One backward step through the op `op.node`: the gradient of the loss with respect to each
    input, from the incoming gradient `grad`, the op's values in this run (`op`, an OpValues)
    and its registered gradient function. Returns one array per input, each checked to have
    its input's shape where a gradient is wanted (the others may be anything: nobody reads them),
    so that a wrong gradient function is caught at its op, not three ops later."""
    node, input_values = op.node, op.input_values
    grad_fn = GRADIENTS.get(node.op_type, NotImplemented)
    if grad_fn is NotImplemented:  # nothing registered: the error that says how to register one
        get_gradient(node)
    if grad_fn is None:  # registered as not differentiable
        return [None] * len(node.inputs)
    try:
        input_grads = grad_fn(op, grad)
    except NotImplementedError:
        raise  # an exercise stub not written yet: the lessons read this as "not attempted"
    except Exception as exc:  # name the op whose gradient function failed, not the Gradients node
        shapes = ", ".join(f"{describe(i)} {shape}" for i, shape in zip(node.inputs, op.input_shapes or ()))
        raise OpError(
            f"the gradient function registered for {describe(node)} raised {type(exc).__name__}: {exc}. "
            f"It was given grad of shape {np.shape(grad)}{' and inputs ' + shapes if shapes else ''}."
        ) from exc
    op.input_values = op.output_value = op.saved = None  # let this run's arrays go (a compiled plan keeps `op`)
    if grad_fn in LIBRARY_GRADIENTS:  # deepslow's own: tested already (see registry.trust_library_gradients)
        return input_grads
    return checked_gradients(node, input_values, input_grads, op.needs_grad)


def checked_gradients(node, input_values, input_grads, wants):
    """A learner's gradient function's result as a list of one array per input, each of its
    input's shape where a gradient is wanted: a wrong gradient function is caught where it
    is, not three ops later."""
    if type(input_grads) is not list or len(input_grads) != len(input_values):
        input_grads = gradient_list(node, input_values, input_grads)
    for k, (g, value, wanted) in enumerate(zip(input_grads, input_values, wants)):
        if wanted and g is not None and (type(g) is not ndarray or g.shape != value.shape):
            input_grads[k] = _checked_gradient(node, node.inputs[k], value, g)
    return input_grads


def gradient_list(node, input_values, input_grads):
    """A tuple becomes a list, a bare array for a one-input op a list of one; a wrong count is an error."""
    if isinstance(input_grads, tuple):
        input_grads = list(input_grads)
    elif type(input_grads) is not list:
        if len(input_values) != 1:
            raise ShapeError(
                f"the gradient function of {describe(node)} returned one array, but the op has "
                f"{len(input_values)} inputs: return a list with one gradient per input"
            )
        input_grads = [input_grads]
    if len(input_grads) != len(input_values):
        raise ShapeError(
            f"the gradient function of {describe(node)} returned {len(input_grads)} gradients, "
            f"but the op has {len(input_values)} inputs: return one per input (None for no gradient)"
        )
    return input_grads


def _checked_gradient(node, inp, value, g):
    """A gradient that is not an array of its input's shape: a NumPy scalar or a plain number
    (fine), a symbolic node or the wrong shape (the errors that say so)."""
    if isinstance(g, Node):
        raise OpError(
            f"the gradient function of {describe(node)} returned the symbolic node {describe(g)}: a gradient "
            "function computes with NumPy values. Read the inputs' values from op.input_values "
            "(op.node.inputs are the input nodes)."
        )
    g = as_numpy(g)
    if np.shape(g) != np.shape(value):
        raise ShapeError(
            f"the gradient function of {describe(node)} returned shape {np.shape(g)} for input "
            f"{describe(inp)}, whose value has shape {np.shape(value)}: a gradient always has the "
            f"shape of what it is the gradient of (sum over broadcast axes with unbroadcast)"
        )
    return g


def accumulate(total, g):
    """One more path's gradient into a node's total (a node used twice gets both); None adds nothing."""
    if g is None:
        return total
    return g if total is None else total + g


def seed_gradient(y_value, seed=None):
    """Where the backward pass starts: dL/dy, ones unless grad_ys gave other values."""
    if seed is not None:
        return np.asarray(seed, y_value.dtype)
    return ones(y_value.shape, y_value.dtype)


# --- which nodes the backward pass visits ----------------------------------------------------------


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


def wanted_inputs(order, on_path):
    """For each op, which of its inputs want a gradient (those on a path): its op.needs_grad."""
    return {node: tuple([i in on_path for i in node.inputs]) for node in order}


class Gradients(Node):
    """The gradients of sum(ys) with respect to each of xs, as one node.

    It is not an ordinary op: to run, it needs the value of every node of the forward pass, so
    the Session's interpreter hands it the run's whole table of values (`backpropagate`); a
    compiled plan writes the same steps out instead (compiled.write_backward).
    """

    op_type = "Gradients"
    kind = "gradients"

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

    def seeds(self, values):
        """{y: dL/dy} to start from; a y listed twice starts with the sum of its seeds."""
        seeds = {}
        for y, seed in zip(self.ys, self.grad_ys):
            seeds[y] = accumulate(seeds.get(y), seed_gradient(values[y], None if seed is None else values[seed]))
        return seeds

    def backpropagate(self, values, saved=None, check_numerics=False):
        """[dL/dx for x in xs] given the forward values of this run (None where unconnected)."""
        grads = backward(
            self.backward_order, self.on_path, self.seeds(values), values, check_numerics, None, saved, self.wants
        )
        return [grads.get(x) for x in self.xs]


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
