"""What running one node means: one small function per step, each check written once.

A Session has two back-ends. The interpreter (Session._interpret) calls these functions in a
loop over the plan; a compiled plan (compiled.py) calls the very same functions in
straight-line code. So every check and every error message that a run can give lives here,
or in the class of the node it concerns (Gradients.backpropagate, TrainOp.apply).
"""

import numpy as np

from .dtypes import as_numpy
from .errors import DeepslowError, FeedError, NumericsError, OpError, ShapeError, UninitializedVariableError, describe
from .graph import check_new_value

ndarray = np.ndarray  # (a module global: looked up faster than np.ndarray, in a check made for every op)


class Updates:
    """What a run will store in its session: new variable values, optimizer state, and the
    variables whose optimizer state an initializer forgets. The Session stores them only after
    the whole run has succeeded, so a failed run leaves it exactly as it was."""

    __slots__ = ("variables", "slots", "forget")

    def __init__(self):
        self.variables, self.slots, self.forget = {}, {}, set()


# --- the forward steps ---------------------------------------------------------------------------


def feed(node, value, dtype):
    """A fed value as an array of `dtype`, fitting the placeholder's declared shape."""
    try:
        array = value if type(value) is np.ndarray and value.dtype == dtype else np.asarray(value, dtype)
    except (TypeError, ValueError) as exc:
        if dtype is not None and _numeric(value):  # numbers that do not fit, e.g. NaN fed as int
            raise FeedError(f"the value fed to {describe(node)} does not convert to {dtype}: {exc}") from None
        raise FeedError(
            f"the value fed to {describe(node)} is not numeric: got {type(value).__name__} {value!r:.60}"
        ) from None
    if array.dtype.kind not in "biuf":
        raise FeedError(f"the value fed to {describe(node)} is not numeric: got dtype {array.dtype}")
    if node.kind == "placeholder" and node.shape is not None:  # its declared shape (None: any size)
        shape = array.shape
        if len(shape) != len(node.shape):
            raise FeedError(_feed_shape_message(node, shape))
        for axis, size in node.fixed_sizes:
            if shape[axis] != size:
                raise FeedError(_feed_shape_message(node, shape))
    return array


def missing_feed(node):
    """A placeholder that the run needs but nobody fed."""
    raise FeedError(
        f"placeholder {describe(node)} needs a value: pass it in feed_dict, "
        f"e.g. sess.run(..., feed_dict={{{node.name}: data}})"
    )


def read_variable(node, variables):
    """The session's current value of a variable (`variables` is the session's own table)."""
    value = variables.get(node)
    if value is None:
        raise UninitializedVariableError(
            f"variable {describe(node)} has no value in this session yet. Run the initializer first: "
            f"sess.run(deepslow.global_variables_initializer())"
        )
    return value


def constant(node, precision=None):
    """A constant's value (in float64 throughout when the session computes at that precision)."""
    value = node.value
    return value if precision is None or value.dtype.kind != "f" else value.astype(precision)


def compute(node, *input_values):
    """An op's value from its inputs' values."""
    try:
        value = node.compute(*input_values)
    except (DeepslowError, NotImplementedError):
        raise  # already explained, or an exercise stub not written yet ("not attempted")
    except Exception as exc:
        raise op_failure(node, input_values, exc) from exc
    return value if type(value) is ndarray else as_numpy(value)


def compute_and_save(node, saved, *input_values):
    """An op's value, keeping in `saved` what its gradient can reuse (see Operation)."""
    try:
        result = node.compute_and_save(*input_values)
    except (DeepslowError, NotImplementedError):
        raise
    except Exception as exc:
        raise op_failure(node, input_values, exc) from exc
    if type(result) is not tuple or len(result) != 2:
        raise OpError(
            f"{describe(node)}'s compute_and_save must return a pair (value, saved) "
            f"and returned {type(result).__name__} {result!r:.60}"
        )
    saved[node] = result[1]
    return as_numpy(result[0])


def sample(node, generators, *input_values):
    """A random node's value, drawn from the generator this session keeps for it."""
    rng = generators.get(node)
    if rng is None:
        rng = generators[node] = node.make_generator()
    try:
        return as_numpy(node.sample(rng, *input_values))
    except (DeepslowError, NotImplementedError):
        raise
    except Exception as exc:
        raise op_failure(node, input_values, exc) from exc


def check_finite(node, value, input_values):
    """With check_numerics on: stop at the first op whose value holds NaN or inf, saying why."""
    if np.result_type(value).kind != "f" or np.all(np.isfinite(value)):
        return
    pairs = list(zip(node.inputs, input_values))
    bad = [describe(i) for i, v in pairs if np.result_type(v).kind == "f" and not np.all(np.isfinite(v))]
    if bad:
        where = f"its inputs {', '.join(bad)} already held NaN/inf"
    else:
        sizes = ", ".join(f"{describe(i)} up to {np.max(np.abs(v)):.3g}" for i, v in pairs if np.size(v))
        where = f"its inputs were all finite: {sizes or 'none'}"
    raise NumericsError(
        f"op {describe(node)} produced NaN or inf ({where}). Very large inputs usually mean training "
        "diverged (try a smaller learning rate); log(0) or x/0 need a stable formulation "
        "(e.g. the fused softmax_cross_entropy_with_logits_v2)."
    )


# --- the steps that write variables: recorded in `updates`, stored only if the run succeeds -----


def initialize(node, updates, *input_values):
    """An initializer: every one of its variables back to its initial value, optimizer state forgotten."""
    new_values = node.new_values(dict(zip(node.inputs, input_values)))
    updates.variables.update(new_values)
    updates.forget.update(new_values)


def assign(node, updates, current, value):
    """tf.assign and friends: the variable's new value, which is also the node's value."""
    var = node.variable
    new = check_new_value(
        var, np.asarray(node.new_value(current, value), dtype=var.dtype), f"what {describe(node)} writes"
    )
    updates.variables[var] = new
    return new


def train(node, updates, variables, slots, *grads):
    """A train op: one optimizer step from this run's gradients (see TrainOp.apply)."""
    new_values, new_slots = node.apply(grads, variables, slots)
    updates.variables.update(new_values)
    updates.slots.update(new_slots)


# --- errors that explain -----------------------------------------------------------------------


def op_failure(node, input_values, exc):
    """NumPy's complaint about an op, put into words: which op, with which input shapes."""
    inputs = [f"{describe(i)} shape {np.shape(v)}" for i, v in zip(node.inputs, input_values)]
    if isinstance(exc, ValueError) and "broadcast" in str(exc):
        return ShapeError(
            f"op {describe(node)} cannot combine {' and '.join(inputs)}: shapes broadcast only when, "
            "compared from the last dimension, each pair of sizes is equal or one of them is 1. "
            "Did you mean to transpose or reshape one of them?"
        )
    return OpError(f"op {describe(node)} failed: {exc}. Its inputs: {', '.join(inputs) or 'none'}")


def _numeric(value):
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except (TypeError, ValueError):
        return False


def _feed_shape_message(node, fed):
    declared = node.shape
    text = f"placeholder {describe(node)} was declared with shape {_shape(declared)} but was fed shape {fed}. "
    if len(fed) == len(declared) - 1 and all(d is None or d == s for d, s in zip(declared[1:], fed)):
        return text + "That looks like one example: a batch of one is data.reshape(1, -1) (or [[...]])."
    if len(fed) != len(declared):
        return text + f"It expects {len(declared)} dimensions, got {len(fed)}: reshape the data to match."
    fixed = [i for i, (d, s) in enumerate(zip(declared, fed)) if d is not None and d != s]
    return text + (
        f"Dimension {fixed[0]} must be {declared[fixed[0]]}. If that size should vary, declare it as None."
        if fixed
        else "Reshape the data to match."
    )


def _shape(shape):
    return "unknown" if shape is None else "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"
