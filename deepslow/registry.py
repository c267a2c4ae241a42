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
`reads` (for deepslow's own gradients only) says what a gradient reads of the forward pass when
that is less than everything: σ's reads only its output, add's only its inputs' shapes
(`op.input_shapes`). A run can then let an input's array go as soon as the forward pass is done
with it, instead of holding every value of the forward pass until the backward pass reaches it:
at batch 10,000 those are megabytes each (PyTorch's ops keep only what they save for backward).
"""

import numpy as np

from .errors import NoGradientError, describe

GRADIENTS = {}  # op type -> gradient function (None: not differentiable); register_gradient fills it
LIBRARY_GRADIENTS = set()  # deepslow's own gradient functions: see trust_library_gradients
EVERYTHING = frozenset({"inputs", "output"})  # what a gradient reads of the forward pass, unless it says less
READS = {}  # gradient function -> what it reads, when less than everything: "inputs", "input shapes", "output"
registrations = 0  # counts register_gradient calls: a compiled plan written before the last one is written anew


def register_gradient(op_type, reads=EVERYTHING):
    """Decorator registering `fn(op, grad)` as the gradient of every op of type `op_type`."""
    if not isinstance(op_type, str):
        raise TypeError("register_gradient takes the op type as a string, e.g. @register_gradient('Cube')")
    reads = frozenset(reads)
    if not reads <= {"inputs", "input shapes", "output"}:
        raise ValueError(f"reads= takes some of 'inputs', 'input shapes' and 'output'; got {sorted(reads)}")
    if reads != EVERYTHING and LIBRARY_GRADIENTS:  # deepslow is imported: this is someone else's gradient
        raise ValueError(
            "reads= is for deepslow's own gradients, which its tests check; any other gradient is given all "
            "of the op's values, so that what it returns can be checked against its inputs' shapes"
        )

    def decorate(fn):
        global registrations
        GRADIENTS[op_type] = fn
        if reads != EVERYTHING:
            READS[fn] = reads
        registrations += 1
        return fn

    return decorate


def reads_of(op_type):
    """What the gradient now registered for `op_type` reads of the forward pass: everything,
    unless it is one of deepslow's own that declared less. (Looked up by function, so that a
    gradient put in place any other way is given everything.)"""
    return READS.get(GRADIENTS.get(op_type), EVERYTHING)


RegisterGradient = register_gradient  # TensorFlow's spelling


def NotDifferentiable(op_type):  # noqa: N802 - TensorFlow's spelling
    """Declare that ops of this type pass no gradient (argmax, equal, ...)."""
    GRADIENTS[op_type] = None


def trust_library_gradients():
    """Remember deepslow's own gradient functions (called once its modules are imported).
    The test suite checks each of them against finite differences on random shapes
    (tests/test_properties.py), so the backward pass skips its run-time shape check for them;
    any gradient registered later, a learner's or a built-in op's registered anew, is checked
    at every step."""
    LIBRARY_GRADIENTS.update(fn for fn in GRADIENTS.values() if fn is not None)


def blocks_gradient(node):
    """True for nodes no gradient flows through: declared NotDifferentiable, or e.g. a cast to int."""
    return (node.op_type in GRADIENTS and GRADIENTS[node.op_type] is None) or not getattr(node, "differentiable", True)


def get_gradient(node):
    """The gradient function for `node`, or None for a registered non-differentiable op."""
    try:
        return GRADIENTS[node.op_type]
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
    the node's `inputs` are nodes (`op.node.inputs`). The node's other attributes are copied in
    (`op.axis`, `op.power`), so a gradient reads them as `compute` reads `self.axis`."""

    def __init__(self, node, input_values, output_value, needs_grad=None, saved=None, input_shapes=None):
        self.__dict__.update(vars(node))
        del self.inputs  # (values are op.input_values; see __getattr__)
        self.node = node
        self.input_values = input_values  # (None, and output_value too, when its gradient does not read them)
        self.output_value = output_value
        if input_shapes is not None:  # (else read off the input values when asked: see __getattr__)
            self.input_shapes = input_shapes
        self.needs_grad = (True,) * len(node.inputs) if needs_grad is None else needs_grad
        self.saved = saved

    def __getattr__(self, attr):
        """Only names not copied from the node get here: the node's class attributes (op.op_type),
        the inputs' shapes when they were not given on their own, and the names that would
        confuse values with nodes."""
        if attr == "input_shapes":
            values = self.__dict__.get("input_values")
            return None if values is None else [np.shape(v) for v in values]
        if attr in ("inputs", "output", "outputs"):
            raise AttributeError(
                f"a gradient function computes with values: use op.input_values (one NumPy array per input) "
                f"and op.output_value; op.{attr} is not there, so it cannot be confused with the node's "
                f"input nodes (op.node.inputs)"
            )
        return getattr(self.__dict__["node"], attr)
