"""Graphs and the nodes they hold: placeholders, variables, constants and operations.

A node is symbolic: it records how to compute a value, never the value itself. Values live in
a Session, so two sessions on one graph never see each other's numbers.
"""

import contextlib

import numpy as np

from . import dtypes
from .errors import describe


class Graph:
    """A container of nodes. Nodes are appended in creation order, which is already a valid
    topological order, because a node can only take inputs that exist when it is created."""

    def __init__(self):
        self.nodes = []
        self._name_counts = {}
        self._renderings = {}  # drawing cache, filled by deepslow.draw

    def unique_name(self, base):
        """TF-style names: 'MatMul', then 'MatMul_1', 'MatMul_2', ..."""
        count = self._name_counts.get(base, 0)
        self._name_counts[base] = count + 1
        return base if count == 0 else f"{base}_{count}"

    def add(self, node):
        self.nodes.append(node)
        self._renderings.clear()

    def get_operations(self):
        return list(self.nodes)

    def get_node(self, name):
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(f"the graph has no node named {name!r}")

    @contextlib.contextmanager
    def as_default(self):
        """`with g.as_default():` makes new nodes go into `g` for the duration of the block."""
        _graph_stack.append(self)
        try:
            yield self
        finally:
            _graph_stack.remove(self)

    def __repr__(self):
        return f"<deepslow.Graph with {len(self.nodes)} nodes>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .display import mimebundle  # drawing is imported only when a notebook asks

        return mimebundle(self)


_graph_stack = [Graph()]


def get_default_graph():
    """The graph new nodes go into: the innermost `as_default()` graph, else the global one."""
    return _graph_stack[-1]


def reset_default_graph():
    """Replace the global default graph with an empty one (as TF does between notebook cells)."""
    if len(_graph_stack) > 1:
        raise RuntimeError("reset_default_graph() cannot be called inside a `with graph.as_default():` block")
    _graph_stack[0] = Graph()


class Node:
    """Base of everything that can sit in a graph and be fetched by Session.run."""

    op_type = "Node"

    def __init__(self, inputs=(), name=None, graph=None):
        node_inputs = [x for x in inputs if isinstance(x, Node)]
        if graph is None:  # a node joins its inputs' graph (as in TF), else the default graph
            graph = node_inputs[0].graph if node_inputs else get_default_graph()
        strangers = [x for x in node_inputs if x.graph is not graph]
        if strangers:
            names = ", ".join(describe(node) for node in node_inputs)
            raise ValueError(
                f"cannot build {self.op_type}: its inputs {names} belong to different graphs. Build every node "
                "of one model inside the same `with graph.as_default():` block (or after reset_default_graph())."
            )
        self.inputs = [as_node(x, graph) for x in inputs]
        self.graph = graph
        self.index = len(graph.nodes)  # creation order: makes every traversal order reproducible
        self.name = graph.unique_name(name or self.op_type)
        self.shape = None  # static shape, where known (placeholders, variables, constants)
        self.dtype = None
        graph.add(self)

    # --- what the node is ---------------------------------------------------------------------
    def __repr__(self):
        shape = "unknown until run" if self.shape is None else _shape_text(self.shape)
        dtype = "" if self.dtype is None else f" dtype={self.dtype.name}"
        return f"<deepslow {self.op_type} '{self.name}' shape={shape}{dtype}>"

    def __str__(self):
        return (
            f"{self!r} is a symbolic node: it has no value yet. Get its value by running it, "
            f"sess.run(node, feed_dict={{...}}), where node is this object (named '{self.name}' in the graph)."
        )

    def get_shape(self):
        """The static shape (None where unknown). deepslow infers no shapes through ops: an op's
        shape is known once it has run, from the NumPy value."""
        return self.shape

    def __bool__(self):
        raise TypeError(
            f"the truth value of node {describe(self)} is unknown while building the graph. "
            "Run it in a Session first, then test the NumPy value."
        )

    def __array__(self, dtype=None, copy=None):
        raise TypeError(
            f"node {describe(self)} is symbolic and cannot be turned into a NumPy array. "
            "Run it in a Session (sess.run(node, feed_dict=...)) to get its value."
        )

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NumPy calls this for `ndarray + node` and for `np.exp(node)`. Arithmetic builds the
        deepslow op; any other NumPy function cannot work on a symbolic node, and says so."""
        arithmetic = {np.add: "add", np.subtract: "subtract", np.multiply: "multiply", np.true_divide: "divide"}
        arithmetic[np.matmul] = "matmul"
        if method == "__call__" and ufunc in arithmetic and len(inputs) == 2 and not kwargs:
            return getattr(_ops(), arithmetic[ufunc])(*inputs)
        name = ufunc.__name__
        instead = f"use tf.{name}(...)" if hasattr(_ops(), name) else "write it as a new deepslow Operation"
        raise TypeError(
            f"np.{name} cannot compute on node {describe(self)}: the node is symbolic and has no numbers yet. "
            f"To make it part of the graph, {instead}; or apply NumPy to the value sess.run(...) returns."
        )

    def _no_comparison(self, other):
        raise TypeError(
            f"node {describe(self)} is symbolic, so `<`, `>`, `<=` and `>=` cannot compare it while the graph "
            "is being built. Compare the NumPy values after sess.run(...), or use deepslow.equal / argmax."
        )

    __lt__ = __le__ = __gt__ = __ge__ = _no_comparison

    def eval(self, feed_dict=None, session=None):
        """TF1's `node.eval()`: run this node in the given or the default session."""
        from .session import get_default_session

        return (session or get_default_session()).run(self, feed_dict)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .display import mimebundle  # drawing is imported only when a notebook asks

        return mimebundle(self)

    # --- operators build ops (the functions live in ops.py) -----------------------------------
    def __add__(self, other):
        return _ops().add(self, other)

    def __radd__(self, other):
        return _ops().add(other, self)

    def __sub__(self, other):
        return _ops().subtract(self, other)

    def __rsub__(self, other):
        return _ops().subtract(other, self)

    def __mul__(self, other):
        return _ops().multiply(self, other)

    def __rmul__(self, other):
        return _ops().multiply(other, self)

    def __truediv__(self, other):
        return _ops().divide(self, other)

    def __rtruediv__(self, other):
        return _ops().divide(other, self)

    def __matmul__(self, other):
        return _ops().matmul(self, other)

    def __rmatmul__(self, other):
        return _ops().matmul(other, self)

    def __neg__(self):
        return _ops().negative(self)

    def __pow__(self, power):
        return _ops().pow(self, power)

    def __rpow__(self, base):
        raise TypeError(
            f"`number ** node` is not an op in deepslow (only node ** number is). For 2 ** x write "
            f"tf.exp(x * np.log(2)); here x is {describe(self)}."
        )

    __hash__ = object.__hash__  # nodes are dictionary keys (feeds, values); equality is identity


class Placeholder(Node):
    """An input whose value is given at run time through feed_dict."""

    op_type = "Placeholder"

    def __init__(self, dtype=dtypes.float32, shape=None, name=None):
        super().__init__(name=name)
        self.dtype = np.dtype(dtype)
        self.shape = None if shape is None else tuple(None if d is None or d == -1 else int(d) for d in shape)

    def accepts(self, shape):
        """True when an array of `shape` fits the declared shape (None dimensions match any size)."""
        if self.shape is None:
            return True
        if len(shape) != len(self.shape):
            return False
        for declared, actual in zip(self.shape, shape):  # (a loop, not all(...): this runs every step)
            if declared is not None and declared != actual:
                return False
        return True


class Variable(Node):
    """A trainable parameter. The graph keeps only its initial value; each Session holds the
    current value, set by running `global_variables_initializer()`."""

    op_type = "Variable"

    def __init__(self, initial_value, name=None, trainable=True, dtype=None):
        if isinstance(initial_value, Node):
            raise TypeError(
                f"Variable {name or ''} needs a concrete initial value (a number, list or NumPy array), "
                f"not the symbolic node {describe(initial_value)}"
            )
        if dtype is not None and np.dtype(dtype).kind != "f":
            raise TypeError(
                f"Variable {name or ''} cannot have dtype {np.dtype(dtype).name}: variables are trained with "
                "fractional steps, which an integer would truncate. Use float32 (the default) or float64."
            )
        value = dtypes.as_float_array(initial_value, dtype, what=f"Variable {name or ''} initial value")
        super().__init__(name=name)
        self.initial_value = value
        self.initial_value.flags.writeable = False  # the graph's copy never changes
        self.shape = value.shape
        self.dtype = value.dtype
        self.trainable = trainable

    @property
    def initializer(self):
        from .session import Initializer

        return Initializer([self], name=f"{self.name}/Assign")


class Constant(Node):
    """A fixed value baked into the graph."""

    op_type = "Const"

    def __init__(self, value, dtype=None, name=None):
        if dtype is None and np.asarray(value).dtype.kind == "b":
            array = np.array(value, dtype=bool)
        else:  # numbers and lists become float32 as in TF; no integer math (see dtypes.py)
            array = dtypes.as_float_array(value, dtype, what="constant value")
        super().__init__(name=name)
        array.flags.writeable = False
        self.value = array
        self.shape = array.shape
        self.dtype = array.dtype


class Operation(Node):
    """A node computed from its inputs. Subclasses define `compute(*input_values)`; the gradient
    of each op type is registered next to it with `@register_gradient("OpType")`.

    An op whose gradient would redo work of the forward pass may also define
    `compute_and_save(*input_values) -> (value, saved)`: a Session then hands `saved` to the
    gradient function as `op.saved` (PyTorch calls this save_for_backward)."""

    def __init__(self, *inputs, name=None):
        super().__init__(inputs, name=name)

    def compute(self, *values):
        if hasattr(self, "compute_and_save"):  # an op may define only that: its value comes first
            return self.compute_and_save(*values)[0]
        raise NotImplementedError(f"{type(self).__name__} must define compute(self, *input_values)")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "op_type" not in cls.__dict__:
            cls.op_type = cls.__name__  # a learner's `class Cube(Operation)` has op type "Cube"


def as_node(value, graph=None):
    """Nodes pass through; numbers, lists and arrays become Constants."""
    if isinstance(value, Node):
        return value
    if graph is None:
        return Constant(value)
    with graph.as_default():
        return Constant(value)


def _ops():
    from . import ops  # ops imports this module, so the operators look it up lazily

    return ops


def _shape_text(shape):
    return "(" + ", ".join("?" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
