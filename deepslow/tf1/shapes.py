"""The static shape of a node: what can be told about its value's shape before anything runs.

deepslow's core knows the shapes of placeholders, variables and constants only (an op's shape
is known once it has run). `tf.layers.dense(h, 10)` must know h's last dimension when it builds
the kernel, and h is usually an op (a relu of a matmul), so this module works shapes out
through the common ops: elementwise ops keep their input's shape (broadcast for two inputs),
matmul gives (rows of a, columns of b), reshape gives its new shape. Anything else is unknown
(None), and layers.dense then asks for the dimension in its error.
"""

import numpy as np

from ..graph import ancestors, topological_order

# ops whose output has the shape of their (first) input
_SAME_SHAPE = {
    "Neg", "Square", "Exp", "Log", "Sigmoid", "Tanh", "Relu", "Softmax", "Cast", "Pow", "Abs", "Sqrt",
    "LeakyRelu", "Elu", "Softplus", "Relu6", "LogSoftmax", "Identity", "StopGradient", "ClipByValue",
    "ZerosLike", "OnesLike", "SigmoidCrossEntropyWithLogits", "DropoutMask", "Cumsum", "Log1p",
}  # fmt: skip
# reductions: their `axis` goes (or stays, of size 1, with keepdims)
_REDUCTIONS = {"Sum", "Mean", "Max", "Min", "Prod", "Any", "All"}
# elementwise ops of two inputs, whose output has the broadcast shape of both
_BROADCAST = {"Add", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "TensorPow", "Select"}
_BROADCAST |= {"Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual"}
_BROADCAST |= {"LogicalAnd", "LogicalOr", "LogicalXor"}


def static_shape(node):
    """node's shape as a tuple (None for a dimension only known at run time), or None if
    even the number of dimensions is unknown."""
    known = {}
    for n in topological_order(ancestors([node])):  # inputs first; no recursion
        known[n] = n.shape if n.shape is not None else _infer(n, [known.get(i) for i in n.inputs])
    return known[node]


def _infer(node, input_shapes):
    op_type = node.op_type
    if op_type in _SAME_SHAPE and input_shapes:
        return input_shapes[0]
    if op_type in _BROADCAST and input_shapes:
        return _broadcast(input_shapes)
    if op_type == "MatMul" and all(s is not None and len(s) == 2 for s in input_shapes):
        a, b = input_shapes
        rows = a[1] if node.transpose_a else a[0]
        columns = b[0] if node.transpose_b else b[1]
        return (rows, columns)
    if op_type in ("ArgMax", "ArgMin") and input_shapes[0] is not None and input_shapes[0]:
        axis = node.axis % len(input_shapes[0])
        return input_shapes[0][:axis] + input_shapes[0][axis + 1 :]  # the axis it searched along is gone
    if op_type in _REDUCTIONS and input_shapes[0] is not None:
        shape, axis = input_shapes[0], node.axis
        axes = range(len(shape)) if axis is None else [a % max(len(shape), 1) for a in np.atleast_1d(axis)]
        if node.keepdims:
            return tuple(1 if k in axes else d for k, d in enumerate(shape))
        return tuple(d for k, d in enumerate(shape) if k not in axes)
    if op_type == "StridedSlice" and input_shapes[0] is not None and None not in input_shapes[0]:
        return np.broadcast_to(np.empty((), np.int8), input_shapes[0])[node.key].shape  # (a view: no memory)
    if op_type == "Tile" and input_shapes[0] is not None:
        return tuple(None if d is None else d * m for d, m in zip(input_shapes[0], node.multiples))
    if op_type == "Gather" and None not in (input_shapes[0], input_shapes[1]):
        axis = node.axis % len(input_shapes[0])
        return input_shapes[0][:axis] + tuple(input_shapes[1]) + input_shapes[0][axis + 1 :]
    if op_type == "Reshape":
        return tuple(None if d == -1 else d for d in node.new_shape)
    if op_type == "Flatten" and input_shapes[0] is not None and len(input_shapes[0]) >= 1:
        rest = input_shapes[0][1:]
        return (input_shapes[0][0], None if None in rest else int(np.prod(rest, dtype=np.int64)))
    return None


def _broadcast(shapes):
    if any(s is None for s in shapes):
        return None
    ndim = max(len(s) for s in shapes)
    padded = [(1,) * (ndim - len(s)) + tuple(s) for s in shapes]
    out = []
    for dims in zip(*padded):
        sizes = {d for d in dims if d != 1}
        out.append(None if None in sizes else (sizes.pop() if len(sizes) == 1 else (1 if not sizes else None)))
    return tuple(out)


def last_dimension(node, what):
    """The size of node's last axis, which must be known now; `what` names who needs it."""
    shape = static_shape(node)
    if shape is None or not shape or shape[-1] is None:
        raise ValueError(
            f"{what} needs the size of the last dimension of its input '{node.name}' ({node.op_type}) "
            f"when the graph is built, and deepslow cannot tell it (shape {shape}). Give the input a known "
            "shape, e.g. the placeholder's shape=(None, n), or tf.reshape(x, (-1, n))."
        )
    return int(shape[-1])
