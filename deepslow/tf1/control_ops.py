"""tf.group, tf.no_op and tf.control_dependencies, as far as deepslow's Session can honour them.

A Session run computes every input of what it fetches first, so "run these ops together" is an
op whose inputs are those ops and whose own value is nothing (None, as sess.run gives for a
TF1 op). Ordering ops that do not feed each other (control dependencies) is not in deepslow:
`with tf.control_dependencies([])`, the usual empty list of UPDATE_OPS, is accepted; a non-empty
list says what to do instead, rather than running without the order the program asked for.
"""

import contextlib

from ..graph import Node, Operation
from ..registry import NotDifferentiable
from .missing import NotInSubsetError


class NoOp(Operation):
    """Runs its inputs (what the Session does for any op's inputs) and has no value itself."""

    def compute(self, *inputs):
        return None


NotDifferentiable("NoOp")


def group(*inputs, name=None):
    """One op that runs all of `inputs` (ops, or lists of them) when it is run."""
    flat = []
    for item in inputs:
        flat.extend(item if isinstance(item, (list, tuple)) else [item])
    strangers = [item for item in flat if not isinstance(item, Node)]
    if strangers:
        raise TypeError(f"tf.group takes ops or tensors; got {type(strangers[0]).__name__} {strangers[0]!r:.60}")
    return NoOp(*flat, name=name or "group_deps")


def no_op(name=None):
    """An op that does nothing when run."""
    return NoOp(name=name or "NoOp")


@contextlib.contextmanager
def control_dependencies(control_inputs):
    """Accepted for no ops (None or an empty list, e.g. an empty UPDATE_OPS collection)."""
    control_inputs = list(control_inputs or [])
    if control_inputs:
        names = ", ".join(getattr(op, "name", repr(op)) for op in control_inputs[:3])
        raise NotInSubsetError(
            f"tf.control_dependencies([{names}]) orders ops that do not feed each other, which deepslow's Session "
            "does not do. Fetch them together instead, sess.run([train_op, other_op]), or combine them with "
            "tf.group(train_op, other_op)."
        )
    yield
