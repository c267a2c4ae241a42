"""A plan compiled to straight-line Python: the interpreter's bookkeeping, done once.

Session._interpret runs a plan node by node: for every node it asks what kind of node it is,
gathers the input values from a table, calls the op and stores the result back. For the
lessons' small networks that bookkeeping costs as much as the arithmetic. So once a plan has
run twice, the Session writes it out as one Python function, in which every value is a local
variable (let go after its last use) and every op a direct call (torch.fx writes PyTorch
programs out the same way), and runs that instead. `sess.compiled_source(fetches, feed_dict)` returns the text, e.g.

    v0 = asarray(feeds[n0], n0.dtype)  # Placeholder 'x'
    if v0.ndim != 2 or v0.shape[1] != 2: raise ValueError('the declared shape')
    with errstate(all='ignore'):
        v3 = n3.compute(v0, v2)  # MatMul 'MatMul'
        if type(v3) is not ndarray: v3 = as_numpy(v3)
        del v2  # (each value is let go after its last use, as hand-written NumPy would)
        ...
        if g9_5 is not None:  # backward through Add 'add'
            r = G['Add'](OpValues(n5, [v3, v4], v5, (True, True), None), g9_5)
            ...

The interpreter stays the reference. The compiled function refuses (raises) wherever the
interpreter would, but explains nothing: when it raises, the Session runs the plan again with
the interpreter, which gives the same answer or the error that teaches. Nothing is committed
before a run succeeds, so the second attempt starts from the same variables; only the ops
before the failing one run twice (a learner's op that prints or draws random numbers does
that twice in a failing run). write_backward unrolls backprop.backward's loop: a change to
one must be made to the other (tests/test_compiled.py compares them).
"""

import re

import numpy as np

from .backprop import gradient_list, seed_gradient
from .dtypes import as_numpy
from .graph import Placeholder
from .registry import _GRADIENTS, OpValues

LARGEST = 2000  # nodes; Python compiles much longer functions slowly, and there the ops dominate anyway


class NotCompilableError(Exception):
    """This plan stays with the interpreter: it has a node only the interpreter runs (an
    initializer, a placeholder nobody fed), a value computed above a fed node, a node of
    another graph, or more than LARGEST nodes."""


def compile_plan(plan, fetches, fed):
    """A function `run(feeds, variables, slots) -> (fetched values, [train ops' updates])` doing
    what the interpreter does for `plan` (a list of (node, kind)), and its source text."""
    source, env = write_source(plan, fetches, fed)
    namespace = dict(env)
    exec(compile(source, "<deepslow compiled plan>", "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace["run"], source


def write_source(plan, fetches, fed):
    """The source of `run` for `plan`, and the objects it names: n<index> for each node, and
    helpers. Its locals: v<index> a node's value, s<index> what the op saved for its gradient,
    g<b>_<index> the node's gradient from the Gradients node b."""
    if len(plan) > LARGEST:
        raise NotCompilableError(f"more than {LARGEST} nodes")
    if not fetches:
        raise NotCompilableError("it fetches nothing")
    graph = fetches[0].graph
    # G is the registry's own table: a gradient is looked up when it runs, so registering it anew takes effect
    env = {"G": _GRADIENTS, "OpValues": OpValues, "ndarray": np.ndarray, "asarray": np.asarray}
    env.update(errstate=np.errstate, as_numpy=as_numpy, seed_gradient=seed_gradient)
    env.update(gradient_list=gradient_list, _plus=_plus)  # the interpreter's own list check, and the one below
    known = set()  # nodes whose value is a local variable by now
    lines = ["def run(feeds, variables, slots):"]
    training = any(kind == "train" for _, kind in plan)
    if training:
        lines.append("    updates = []  # train ops' new values: the Session commits them if the run succeeds")
    body = None  # once the errstate block starts: its statements, each a list of (code, comment) lines

    def emit(code, node=None, attach=False):
        """Add a line: to the function, or (inside the errstate block) to a new statement, or
        to the last one if `attach` or if it is indented (the inside of an `if` block)."""
        comment = "" if node is None else f"  # {node.op_type} {node.name!r}".replace("\n", " ")
        if body is None:
            lines.append("    " + code + comment)
        elif attach or code.startswith("    "):
            body[-1].append((code, comment))
        else:
            body.append([(code, comment)])

    def ref(node):
        if node.graph is not graph:
            raise NotCompilableError(f"{node.name!r} belongs to another graph")
        env[f"n{node.index}"] = node
        return f"n{node.index}"

    def value(node):
        if node not in known:
            raise NotCompilableError(f"{node.name!r} is needed, but computed above a fed node")
        return f"v{node.index}"

    for node in sorted(fed, key=lambda n: n.index):  # every feed first, as Session._feed checks them all
        write_feed(node, ref, emit)
        known.add(node)
    emit("with errstate(all='ignore'):  # NaN/inf are reported by check_numerics, not warnings")
    body = []
    saving = set()  # ops that kept something for their gradient (s<index>)
    for node, kind in plan:
        v = f"v{node.index}"
        if kind in ("op", "op_saving"):
            args = ", ".join(value(i) for i in node.inputs)
            if kind == "op":
                emit(f"{v} = {ref(node)}.compute({args})", node)
            else:
                emit(f"r = {ref(node)}.compute_and_save({args})", node)
                check = "if type(r) is not tuple or len(r) != 2: raise TypeError('compute_and_save must return a pair')"
                emit(check, attach=True)
                emit(f"{v}, s{node.index} = r", attach=True)
                saving.add(node)
            emit(f"if type({v}) is not ndarray: {v} = as_numpy({v})", attach=True)
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
    lines.extend("        " + line for line in free_after_last_use(body))
    return "\n".join(lines) + "\n", env


LOCAL = re.compile(r"\b[vsg]\d+(?:_\d+)?\b")  # the locals write_source names: v3, s11, g13_2


def free_after_last_use(statements):
    """The statements' lines, with `del` after the statement that last reads each local, as
    hand-written NumPy lets its temporaries go: at batch 10,000 a step's values are megabytes
    each, and fewer of them alive at once stay in the CPU's cache."""
    uses = [set(LOCAL.findall(" ".join(code for code, _ in statement))) for statement in statements]
    first, last = {}, {}
    for k, names in enumerate(uses):
        for name in names:
            first.setdefault(name, k)
            last[name] = k
    lines = []
    for k, statement in enumerate(statements):
        lines.extend(code + comment for code, comment in statement)
        dying = [name for name in uses[k] if last[name] == k and first[name] < k < len(statements) - 1]
        if dying:
            lines.append("del " + ", ".join(sorted(dying, key=lambda name: (first[name], name))))
    return lines


def write_feed(node, ref, emit):
    """Read a fed value as Session._feed does, and refuse (raise) wherever _feed would complain."""
    v = f"v{node.index}"
    if node.dtype is None:
        emit(f"{v} = asarray(feeds[{ref(node)}])", node)
    else:
        emit(f"{v} = asarray(feeds[{ref(node)}], {ref(node)}.dtype)", node)
    if node.dtype is None or node.dtype.kind not in "biuf":  # (a numeric dtype refuses what is not numeric)
        emit(f"if {v}.dtype.kind not in 'biuf': raise TypeError('not numeric')")
    shape = node.shape if isinstance(node, Placeholder) else None
    if shape is not None:
        fixed = "".join(f" or {v}.shape[{k}] != {size}" for k, size in enumerate(shape) if size is not None)
        emit(f"if {v}.ndim != {len(shape)}{fixed}: raise ValueError('the declared shape')")


def write_backward(backprop, value, ref, emit, saving):
    """The backward pass of one Gradients node (backprop.backward's loop, unrolled): one local
    per gradient, summed where several paths meet, checked against its value's shape."""

    def grad(node):
        ref(node)  # (refuses an x from another graph)
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
        emit(f"if {grad(node)} is not None:  # backward through {node.op_type} {node.name!r}".replace("\n", " "))
        emit(f"    r = G[{node.op_type!r}]({op_values}, {grad(node)})")
        emit(f"    if type(r) is not list or len(r) != {count}: r = gradient_list({ref(node)}, {inputs}, r)")
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


# --- summing a path's gradient: raises where backprop.backward would explain (_check_gradient_list) ---


def _plus(total, g, value):
    """`total + g`: one more path's gradient (none if g is None), checked against the value's shape."""
    if g is None:
        return total
    g = as_numpy(g)
    if g.shape != getattr(value, "shape", None):
        raise ValueError("a gradient of the wrong shape")
    return g if total is None else total + g
