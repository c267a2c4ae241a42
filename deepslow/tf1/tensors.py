"""What TF1 programs read off a tensor that deepslow's nodes answer differently.

TF1 separates an operation from the tensor it outputs: `tensor.op` is the operation, and
`var.op.name` is the plain name ("layer1/weights"), as summaries and savers use it. In deepslow
a node is both, so `node.op` is the node itself. And `tensor.get_shape()` is a TensorShape,
whose sizes are Dimensions (`x.get_shape()[1].value`), worked out through the ops where deepslow
can (tf1/shapes.py). (Both installed on Node here, as the operators are: graph.py imports
nothing above it.)
"""

import numpy as np

from .. import dtypes
from ..graph import Node, _shape_text, ancestors, topological_order
from .shapes import static_shape

Node.op = property(lambda node: node, doc="TF1's tensor.op: in deepslow, the node itself")


class Dimension:
    """One size of a TensorShape, as TF1 hands it out: `shape[1].value` is the number (or None)."""

    def __init__(self, value):
        self.value = None if value is None else int(value)

    def __int__(self):
        if self.value is None:
            raise ValueError("this dimension is unknown until the graph runs (it was declared None)")
        return self.value

    __index__ = __int__

    def __eq__(self, other):
        other = other.value if isinstance(other, Dimension) else other
        return self.value == other

    def __hash__(self):
        return hash(self.value)

    def __repr__(self):
        return f"Dimension({self.value})"

    def __str__(self):
        return "?" if self.value is None else str(self.value)

    def _number(self, op, other, reflected=False):
        other = other.value if isinstance(other, Dimension) else other
        if self.value is None or other is None:
            return Dimension(None)
        return Dimension(op(other, self.value) if reflected else op(self.value, other))

    def __add__(self, other):
        return self._number(int.__add__, other)

    def __mul__(self, other):
        return self._number(int.__mul__, other)

    def __floordiv__(self, other):
        return self._number(int.__floordiv__, other)

    def __radd__(self, other):
        return self._number(int.__add__, other, reflected=True)

    def __rmul__(self, other):
        return self._number(int.__mul__, other, reflected=True)


class TensorShape(tuple):
    """A node's static shape as TF1's `get_shape()` returns it: a tuple of sizes (None where
    only the run knows), indexed as Dimensions, with as_list() and ndims."""

    def __new__(cls, dims):
        shape = super().__new__(cls, () if dims is None else dims)
        shape.known = dims is not None  # (unknown rank: TF prints <unknown>)
        return shape

    def __getitem__(self, key):
        item = super().__getitem__(key)
        return TensorShape(item) if isinstance(key, slice) else Dimension(item)

    def __iter__(self):
        return (Dimension(d) for d in tuple.__iter__(self))

    @property
    def ndims(self):
        return len(self) if self.known else None

    @property
    def dims(self):
        return list(self) if self.known else None

    def as_list(self):
        if not self.known:
            raise ValueError("as_list() is not defined on an unknown TensorShape (run the node to see its shape)")
        return list(tuple.__iter__(self))

    def num_elements(self):
        sizes = self.as_list()
        return None if None in sizes else int(np.prod(sizes, dtype=np.int64))

    def __repr__(self):
        return f"TensorShape({self.as_list() if self.known else None})"

    def __str__(self):
        if not self.known:
            return "<unknown>"
        sizes = ["?" if d is None else str(d) for d in tuple.__iter__(self)]
        return "(" + ", ".join(sizes) + ("," if len(sizes) == 1 else "") + ")"


def _get_shape(node):
    """TF1's `tensor.get_shape()`: the static shape, worked out through the ops where it can be."""
    return TensorShape(static_shape(node))


Node.get_shape = _get_shape


_BOOL_RESULTS = {"Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual"}
_BOOL_RESULTS |= {"LogicalAnd", "LogicalOr", "LogicalNot", "LogicalXor", "Any", "All"}
_INT_RESULTS = {"ArgMax": np.dtype(np.int64), "ArgMin": np.dtype(np.int64), "Shape": np.dtype(np.int32)}
_INT_RESULTS |= {"Size": np.dtype(np.int32), "Rank": np.dtype(np.int32)}


def static_dtype(node):
    """node's dtype before it runs: its own where known, else what its op makes of its inputs
    (a comparison gives bool, argmax int64, elementwise math its first input's dtype)."""
    known = {}
    for n in topological_order(ancestors([node])):  # inputs first; no recursion
        if n.dtype is not None:
            known[n] = n.dtype
        elif n.op_type in _BOOL_RESULTS:
            known[n] = np.dtype(np.bool_)
        elif n.op_type in _INT_RESULTS:
            known[n] = _INT_RESULTS[n.op_type]
        else:
            known[n] = next((known[i] for i in n.inputs if known.get(i) is not None), np.dtype(np.float32))
    return known[node]


def _as_tf1_prints_it(node):
    """print(tensor) as TF1 prints it, e.g. Tensor("Add:0", shape=(?, 2), dtype=float32), so a
    tutorial that prints its tensors prints the same lines. (A node is symbolic: its value
    comes from sess.run(node).)"""
    shape, dtype = static_shape(node), dtypes.tf_name(static_dtype(node))
    if node.kind == "variable":
        return f"<tf.Variable '{node.name}:0' shape={_shape_text(shape or ())} dtype={dtype}_ref>"
    shape_part = "" if shape is None else f", shape={_shape_text(shape)}"
    return f'Tensor("{node.name}:0"{shape_part}, dtype={dtype})'


Node.__str__ = _as_tf1_prints_it
