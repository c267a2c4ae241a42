"""assign, assign_add, assign_sub: ops that write a Variable when they run.

`sess.run(tf.assign_add(counter, 1))` adds 1 to this session's value of `counter` and returns
the new value. Like a train op, the write is committed only if the whole run succeeds (see
deepslow.graph.AssignNode); the session checks that the new value keeps the variable's shape
and dtype.
"""

import numpy as np

from ..graph import AssignNode, Node, Variable


class Assign(AssignNode):
    op_type = "Assign"

    def new_value(self, current, value):
        return value


class AssignAdd(AssignNode):
    op_type = "AssignAdd"

    def new_value(self, current, value):
        return current + value


class AssignSub(AssignNode):
    op_type = "AssignSub"

    def new_value(self, current, value):
        return current - value


def _build(cls, function, ref, value, name):
    if not isinstance(ref, Variable):
        what = f"the node '{ref.name}' ({ref.op_type})" if isinstance(ref, Node) else f"{ref!r:.60}"
        raise TypeError(
            f"tf.{function} writes a Variable; its first argument is {what}, which keeps no value between runs"
        )
    if not isinstance(value, Node):  # a plain number takes the variable's dtype, as in TF
        value = np.asarray(value, dtype=ref.dtype)
    return cls(ref, value, name=name)


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    return _build(Assign, "assign", ref, value, name)


def assign_add(ref, value, use_locking=None, name=None):
    return _build(AssignAdd, "assign_add", ref, value, name)


def assign_sub(ref, value, use_locking=None, name=None):
    return _build(AssignSub, "assign_sub", ref, value, name)


# --- the methods TF1 gives variables: v.assign(value), v.assign_add(1), v.assign_sub(1) -------
# (installed on Variable here, as ops.py installs the operators: graph.py imports nothing above it)
Variable.assign = lambda var, value, use_locking=None, name=None, read_value=True: assign(var, value, name=name)
Variable.assign_add = lambda var, delta, use_locking=None, name=None, read_value=True: assign_add(var, delta, name=name)
Variable.assign_sub = lambda var, delta, use_locking=None, name=None, read_value=True: assign_sub(var, delta, name=name)
