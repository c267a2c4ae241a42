"""The gradient registry: op type -> function giving the gradient of each input.

Built-in ops register their gradients here exactly as a learner does from a notebook:

    @register_gradient("Cube")
    def _cube_grad(op, grad):
        (x,) = op.input_values
        return [grad * 3 * x**2]

`op` is an OpValues: the op's NumPy values in this run, `op.input_values` (one array per
input) and `op.output_value`, and, read straight through, the node's own attributes, so a
gradient reads `op.axis` where `compute` reads `self.axis`. `grad` is the gradient of the loss
with respect to the op's output. Return one array per input (or None for an input that takes
no gradient).
`op.needs_grad[i]` is False when input i leads to no variable (a data placeholder, say): a
gradient function may skip that work and return None (PyTorch calls this `needs_input_grad`).
`op.saved` is whatever the op's `compute_and_save` kept from the forward pass (None if it has
none, or if a hand-written forward pass called plain `compute`).
"""

from .errors import NoGradientError, describe

_GRADIENTS = {}


def register_gradient(op_type):
    """Decorator registering `fn(op, grad)` as the gradient of every op of type `op_type`."""
    if not isinstance(op_type, str):
        raise TypeError("register_gradient takes the op type as a string, e.g. @register_gradient('Cube')")

    def decorate(fn):
        _GRADIENTS[op_type] = fn
        return fn

    return decorate


RegisterGradient = register_gradient  # TensorFlow's spelling


def NotDifferentiable(op_type):  # noqa: N802 - TensorFlow's spelling
    """Declare that ops of this type pass no gradient (argmax, equal, ...)."""
    _GRADIENTS[op_type] = None


def blocks_gradient(node):
    """True for nodes no gradient flows through: declared NotDifferentiable, or e.g. a cast to int."""
    return (node.op_type in _GRADIENTS and _GRADIENTS[node.op_type] is None) or not getattr(
        node, "differentiable", True
    )


def get_gradient(node):
    """The gradient function for `node`, or None for a registered non-differentiable op."""
    try:
        return _GRADIENTS[node.op_type]
    except KeyError:
        raise NoGradientError(
            f"no gradient is registered for op {describe(node)}, so backpropagation cannot pass "
            f"through it. Register one with\n"
            f"    @deepslow.register_gradient({node.op_type!r})\n"
            f"    def _{node.op_type.lower()}_grad(op, grad):\n"
            f"        return [...]  # one gradient per input, from op.input_values, op.output_value and grad"
        ) from None


class OpValues:
    """What a gradient function sees of an op during one backward pass: its values, as NumPy
    arrays, and its node. Values and nodes go by different names: `op.input_values` are arrays,
    the node's `inputs` are nodes (`op.node.inputs`)."""

    __slots__ = ("node", "input_values", "output_value", "needs_grad", "saved")

    def __init__(self, node, input_values, output_value, needs_grad=None, saved=None):
        self.node = node
        self.input_values = input_values
        self.output_value = output_value
        self.needs_grad = (True,) * len(input_values) if needs_grad is None else needs_grad
        self.saved = saved

    def __getattr__(self, attr):
        """Anything else is the node's: `op.axis`, `op.power`, `op.name`, as `compute` reads them on self."""
        if attr in ("inputs", "output", "outputs"):
            raise AttributeError(
                f"a gradient function computes with values: use op.input_values (one NumPy array per input) "
                f"and op.output_value; op.{attr} is not there, so it cannot be confused with the node's "
                f"input nodes (op.node.inputs)"
            )
        return getattr(self.node, attr)
