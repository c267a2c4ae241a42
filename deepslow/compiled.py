"""A plan compiled to straight-line Python: the interpreter's bookkeeping, done once.

Session.run interprets its plan: for every node it asks what kind of node it is, gathers the
input values from a table, calls the op and stores the result back. For the lessons' small
networks that bookkeeping costs as much as the arithmetic. So when a plan has run twice, the
Session writes it out as one Python function, in which every value is a local variable and
every op a direct call (the idea behind torch.fx and tf.function), and runs that instead:

    v4 = n4.compute(v0, v2)  # MatMul 'MatMul'
    v5 = n5.compute(v4, v3)  # Add 'add'
    ...
    if g9_5 is not None:  # backward through Add 'add'
        r = _list(G['Add'](OpValues(n5, [v4, v3], v5, (True, True), None), g9_5), 2)
        g9_4 = _plus(g9_4, r[0], v4)
        g9_3 = _plus(g9_3, r[1], v3)

`sess.compiled_source(fetches, feed_dict)` prints a plan's function.

The interpreter stays the reference. The compiled function checks what the interpreter checks,
but explains nothing: if it raises anything, the Session runs the same plan again with the
interpreter, which gives the same answer or the error that teaches. Nothing is committed
before a run succeeds, so the second attempt starts from the same state.
"""

import numpy as np

from .backprop import seed_gradient
from .graph import Placeholder
from .registry import _GRADIENTS, OpValues

LARGEST = 2000  # nodes; Python compiles much longer functions slowly, and there the ops dominate anyway


class NotCompilableError(Exception):
    """This plan has a node only the interpreter runs (an initializer, a placeholder nobody fed)."""


def compile_plan(plan, fetches, fed):
    """A function `run(feeds, variables, slots) -> (fetched values, [train ops' updates])` doing
    what the interpreter does for `plan` (a list of (node, kind)), plus its source text."""
    source, env = write_source(plan, fetches, fed)
    namespace = dict(env)
    exec(compile(source, "<deepslow compiled plan>", "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace["run"], source


def write_source(plan, fetches, fed):
    """The source of `run` for `plan`, and the objects it names: n<index> for each node, helpers.
    Locals: v<index> a node's value, s<index> what it saved, g<b>_<index> its gradient from the
    Gradients node b."""
    if len(plan) > LARGEST:
        raise NotCompilableError(f"more than {LARGEST} nodes")
    env = {"G": _GRADIENTS, "OpValues": OpValues, "ndarray": np.ndarray, "asarray": np.asarray}
    env.update(_numpy=_numpy, _list=_list, _plus=_plus, seed_gradient=seed_gradient)
    known = set()  # nodes whose value is a local variable by now
    lines = ["def run(feeds, variables, slots):"]
    training = any(kind == "train" for _, kind in plan)
    if training:
        lines.append("    updates = []  # the train ops' new values, committed by the Session if the run succeeds")

    def emit(line, node=None):
        lines.append("    " + line + (f"  # {node.op_type} {node.name!r}" if node is not None else ""))

    def ref(node):
        env[f"n{node.index}"] = node
        return f"n{node.index}"

    def value(node):
        if node not in known:
            if node not in fed:
                raise NotCompilableError(f"{node.name} is used before it is computed")
            write_feed(node, ref, emit)
            known.add(node)
        return f"v{node.index}"

    saving = set()
    for node, kind in plan:
        v = f"v{node.index}"
        if kind in ("op", "op_saving"):
            args = ", ".join(value(i) for i in node.inputs)
            if kind == "op":
                emit(f"{v} = {ref(node)}.compute({args})", node)
            else:
                emit(f"r = {ref(node)}.compute_and_save({args})", node)
                emit("if type(r) is not tuple or len(r) != 2: raise TypeError('compute_and_save must return a pair')")
                emit(f"{v}, s{node.index} = r")
                saving.add(node)
            emit(f"if type({v}) is not ndarray: {v} = _numpy({v})")
        elif kind == "variable":
            emit(f"{v} = variables[{ref(node)}]", node)
        elif kind == "constant":
            emit(f"{v} = {ref(node)}.value", node)
        elif kind == "gradients":
            write_backward(node, value, ref, emit, saving)
        elif kind == "train":
            emit(f"updates.append({ref(node)}.apply({value(node.backprop)}, variables, slots))", node)
            emit(f"{v} = None")
        else:
            raise NotCompilableError(f"the interpreter runs {node.op_type} nodes")
        known.add(node)
    outputs = "".join(value(n) + ", " for n in fetches).strip()
    emit(f"return ({outputs}), {'updates' if training else '()'}")
    return "\n".join(lines) + "\n", env


def write_feed(node, ref, emit):
    """Read a fed value as Session._feed does, and refuse (raise) wherever _feed would complain."""
    v = f"v{node.index}"
    if node.dtype is None:
        emit(f"{v} = asarray(feeds[{ref(node)}])", node)
    else:
        emit(f"{v} = asarray(feeds[{ref(node)}], {ref(node)}.dtype)", node)
    if node.dtype is None or node.dtype.kind not in "biuf":  # (a numeric dtype refuses what is not numeric)
        emit(f"if {v}.dtype.kind not in 'biuf': raise TypeError('not numeric')")
    shape = getattr(node, "shape", None) if isinstance(node, Placeholder) else None
    if shape is not None:
        fixed = "".join(f" or {v}.shape[{k}] != {size}" for k, size in enumerate(shape) if size is not None)
        emit(f"if {v}.ndim != {len(shape)}{fixed}: raise ValueError('the declared shape')")


def write_backward(backprop, value, ref, emit, saving):
    """The backward pass of one Gradients node, unrolled: one `g<b>_<node>` local per gradient."""

    def grad(node):
        return f"g{backprop.index}_{node.index}"

    receiving = {*backprop.ys, *backprop.xs}  # every node some gradient may flow into
    for node in backprop.backward_order:
        receiving.update(i for i, wanted in zip(node.inputs, backprop.wants[node]) if wanted)
    emit(f"{' = '.join(grad(n) for n in sorted(receiving, key=lambda n: n.index))} = None", backprop)
    reached = set()  # nodes whose gradient local has had a first value written (it may be None)
    for y, seed in zip(backprop.ys, backprop.grad_ys):
        seed_value = "None" if seed is None else value(seed)
        emit(f"{grad(y)} = _plus({grad(y)}, seed_gradient({value(y)}, {seed_value}), {value(y)})")
        reached.add(y)
    for node in backprop.backward_order:
        inputs = "[" + ", ".join(value(i) for i in node.inputs) + "]"
        saved = f"s{node.index}" if node in saving else "None"
        op_values = f"OpValues({ref(node)}, {inputs}, {value(node)}, {backprop.wants[node]}, {saved})"
        count = len(node.inputs)
        emit(f"if {grad(node)} is not None:  # backward through {node.op_type} {node.name!r}")
        emit(f"    r = G[{node.op_type!r}]({op_values}, {grad(node)})")
        emit(f"    if type(r) is not list or len(r) != {count}: r = _list(r, {count})")
        for k, (inp, wanted) in enumerate(zip(node.inputs, backprop.wants[node])):
            if not wanted:
                continue
            g, v = grad(inp), value(inp)
            if inp in reached:  # a second path into inp: add its gradient to the first
                emit(f"    {g} = _plus({g}, r[{k}], {v})")
            else:  # the first: checked inline, the common case costing no call
                emit(f"    {g} = r[{k}]")
                emit(f"    if type({g}) is not ndarray or {g}.shape != {v}.shape: {g} = _plus(None, {g}, {v})")
                reached.add(inp)
    emit(f"v{backprop.index} = [{', '.join(grad(x) for x in backprop.xs)}]")


# --- the helpers compiled code calls: each raises where the interpreter would explain ----------


def _numpy(value):
    """As the interpreter does: a plain float or list from a learner's op becomes a NumPy value."""
    return value if value is None or isinstance(value, np.generic) else np.asarray(value)


def _list(input_grads, count):
    """A gradient function's result as a list of `count` gradients (as backprop._as_list)."""
    if type(input_grads) is not list:
        input_grads = list(input_grads) if isinstance(input_grads, tuple) else [input_grads]
    if len(input_grads) != count:
        raise ValueError("a gradient function returned the wrong number of gradients")
    return input_grads


def _plus(total, g, value):
    """`total + g`: one more path's gradient (none if g is None), checked against the value's shape."""
    if g is None:
        return total
    if type(g) is not np.ndarray and not isinstance(g, np.generic):
        g = np.asarray(g)
    if g.shape != getattr(value, "shape", None):
        raise ValueError("a gradient of the wrong shape")
    return g if total is None else total + g
