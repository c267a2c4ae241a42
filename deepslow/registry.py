"""The gradient registry: op type -> function giving the gradient of each input.

Built-in ops register their gradients here exactly as a learner does from a notebook:

    @register_gradient("Cube")
    def _cube_grad(op, grad):
        (x,) = op.inputs
        return [grad * 3 * x**2]

`op` carries NumPy values: `op.inputs` (one array per input), `op.output`, and `op.node` for
attributes such as `op.node.axis`. `grad` is the gradient of the loss with respect to the op's
output. Return one array per input (or None for an input that takes no gradient).
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
            f"        return [...]  # one gradient per input, from op.inputs, op.output and grad"
        ) from None


class OpValues:
    """What a gradient function sees of an op during one backward pass: NumPy values only."""

    __slots__ = ("node", "inputs", "output", "needs_grad", "saved")

    def __init__(self, node, inputs, output, needs_grad=None, saved=None):
        self.node = node
        self.inputs = inputs
        self.output = output
        self.needs_grad = (True,) * len(inputs) if needs_grad is None else needs_grad
        self.saved = saved

    @property
    def outputs(self):  # TF gradient functions read op.outputs[0]
        return [self.output]

    @property
    def name(self):
        return self.node.name

    def get_attr(self, attr):
        return getattr(self.node, attr)
