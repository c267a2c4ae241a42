"""A plan compiled to straight-line Python: the interpreter's loop, written out once.

Session._interpret runs a plan node by node: for every node it asks what kind of node it is,
gathers the input values from a table, calls the step for that kind and stores the result back.
For the lessons' small networks that bookkeeping costs as much as the arithmetic. So once a
plan has run twice, the Session writes it out as one Python function that calls the same step
functions (steps.py, backprop.backprop_op, backprop.accumulate) in the same order, with every
value a local variable (let go after its last use) instead of a table entry. An op's gradient
is given only what it reads of the forward pass (registry.reads_of: add reads its inputs' shapes
alone, s3 below), so most forward values go as soon as the forward pass is done with them.
torch.fx writes PyTorch programs out the same way. `sess.compiled_source(fetches, feed_dict)`
returns the text:

    def run(feeds, session, updates):
        variables, slots = session._variables, session._slots
        v0 = feed(n0, feeds[n0], n0.dtype)  # Placeholder 'x'
        with errstate(all='ignore'):
            v2 = read_variable(n2, variables)  # Variable 'W'
            v3 = compute(n3, v0, v2)  # MatMul 'MatMul'
            s3 = v3.shape
            ...
            if g9_5 is not None:  # backward through Add 'add'
                o9_5.input_values, o9_5.output_value = None, None
                o9_5.input_shapes = [s3, s4]
                (g9_3, g9_4,) = backprop_op(o9_5, g9_5)
            ...
        return (v6,)

Since both back-ends call the same functions, a compiled run gives the same values, bit for
bit, and raises the same errors as the interpreter (tests/test_compiled.py checks both).
"""

import itertools
import linecache
import re

import numpy as np

from . import steps
from .backprop import accumulate, backprop_op, seed_gradient
from .registry import OpValues, reads_of

KINDS_USING = {"variables": ("variable", "train"), "slots": ("train",), "generators": ("random",)}
LARGEST = 2000  # nodes; Python compiles much longer functions slowly, and there the ops dominate anyway

# What the generated code calls, by name: the steps and nothing else.
HELPERS = {
    "errstate": np.errstate,
    "feed": steps.feed,
    "missing_feed": steps.missing_feed,
    "read_variable": steps.read_variable,
    "constant": steps.constant,
    "compute": steps.compute,
    "compute_and_save": steps.compute_and_save,
    "sample": steps.sample,
    "initialize": steps.initialize,
    "assign": steps.assign,
    "train": steps.train,
    "backprop_op": backprop_op,
    "accumulate": accumulate,
    "seed_gradient": seed_gradient,
}


class NotCompilableError(Exception):
    """This plan stays with the interpreter: it needs a value computed above a fed node (the
    interpreter explains that), has a node of another graph, or more than LARGEST nodes."""


_numbers = itertools.count(1)


def compile_plan(plan):
    """A function `run(feeds, session, updates) -> fetched values` doing what the interpreter
    does for `plan`, and its source text."""
    source, env = write_source(plan)
    filename = f"<deepslow compiled plan {next(_numbers)}>"
    # Python's tracebacks read source lines through linecache: with the text there, a failure
    # inside the compiled plan shows the line that failed (which step, which node), not a blank.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = dict(env)
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace["run"], source


def write_source(plan):
    """The source of `run` for `plan`, and the objects it names: n<index> for each node, and
    the step functions. Its locals: v<index> a node's value, g<b>_<index> the node's gradient
    from the Gradients node b."""
    if len(plan.order) > LARGEST:
        raise NotCompilableError(f"more than {LARGEST} nodes")
    if not plan.fetches:
        raise NotCompilableError("it fetches nothing")
    graph = plan.fetches[0].graph
    env = dict(HELPERS)
    known = set()  # nodes whose value is a local variable by now
    lines = ["def run(feeds, session, updates):"]
    state = [
        name for name in ("variables", "slots", "generators") if any(n.kind in KINDS_USING[name] for n in plan.order)
    ]
    if state:  # the session's own tables, for the steps that read them
        lines.append(f"    {', '.join(state)} = {', '.join('session._' + name for name in state)}")
    if plan.saving:
        lines.append("    saved = {}  # what ops kept for their gradients in this run")
    body = None  # once the errstate block starts: its statements, each a list of (code, comment) lines

    def emit(code, node=None):
        """Add a line: to the function, or (inside the errstate block) as a new statement, or,
        when indented (the inside of an `if` block), to the last statement."""
        comment = "" if node is None else f"  # {node.op_type} {node.name!r}".replace("\n", " ")
        if body is None:
            lines.append("    " + code + comment)
        elif code.startswith("    "):
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

    def shape(node):
        value(node)  # (refuses a node computed above a fed node, as value() does)
        return f"s{node.index}"  # s3: the shape of v3, kept after v3 is let go

    backward_ops = [n for b in plan.order if b.kind == "gradients" for n in b.backward_order]
    # nodes whose shape alone some gradient reads: s<index> keeps it once the value is let go
    shapes_read = {i for n in backward_ops if "input shapes" in reads_of(n.op_type) for i in n.inputs}

    def computed(node):
        known.add(node)
        if node in shapes_read:
            emit(f"s{node.index} = v{node.index}.shape")

    for node in sorted(plan.fed, key=lambda n: n.index):  # every feed first, as the interpreter checks them all
        emit(f"v{node.index} = feed({ref(node)}, feeds[{ref(node)}], {ref(node)}.dtype)", node)
        computed(node)
    emit("with errstate(all='ignore'):  # NaN/inf are reported by check_numerics, not warnings")
    body = []
    for node in plan.order:
        v, n = f"v{node.index}", ref(node)
        inputs = "".join(", " + value(i) for i in node.inputs)
        if node.kind == "op":
            if node in plan.saving:
                emit(f"{v} = compute_and_save({n}, saved{inputs})", node)
            else:
                emit(f"{v} = compute({n}{inputs})", node)
        elif node.kind == "variable":
            emit(f"{v} = read_variable({n}, variables)", node)
        elif node.kind == "constant":
            emit(f"{v} = constant({n})", node)
        elif node.kind == "random":
            emit(f"{v} = sample({n}, generators{inputs})", node)
        elif node.kind == "gradients":
            write_backward(node, value, shape, ref, emit, env)
        elif node.kind == "train":
            emit(f"{v} = train({n}, updates, variables, slots{inputs})", node)
        elif node.kind == "assign":
            emit(f"{v} = assign({n}, updates{inputs})", node)
        elif node.kind == "init":
            emit(f"{v} = initialize({n}, updates{inputs})", node)
        else:  # a placeholder nobody fed
            emit(f"missing_feed({n})", node)
        computed(node)
    emit(f"return ({''.join(value(n) + ', ' for n in plan.fetches).strip()})")
    lines.extend("        " + line for line in free_after_last_use(body))
    return "\n".join(lines) + "\n", env


def write_backward(backprop, value, shape, ref, emit, env):
    """The backward pass of one Gradients node, as the calls backprop.backward makes: one
    local per gradient, `accumulate`d where several paths meet (the first path's gradient is
    simply assigned: accumulate(None, g) is g)."""

    def grad(node):
        ref(node)  # (refuses an x from another graph)
        return f"g{backprop.index}_{node.index}"

    receiving = {*backprop.ys, *backprop.xs}  # every node some gradient may flow into
    for node in backprop.backward_order:
        receiving.update(i for i, wanted in zip(node.inputs, backprop.wants[node]) if wanted)
    emit(f"{' = '.join(grad(n) for n in sorted(receiving, key=lambda n: n.index))} = None", backprop)
    reached = set()  # nodes whose gradient local holds a first path's gradient (or None) by now
    for y, seed in zip(backprop.ys, backprop.grad_ys):  # as Gradients.seeds
        start = f"seed_gradient({value(y)}, {'None' if seed is None else value(seed)})"
        emit(f"{grad(y)} = {start}" if y not in reached else f"{grad(y)} = accumulate({grad(y)}, {start})")
        reached.add(y)
    for node in backprop.backward_order:
        op = f"o{backprop.index}_{node.index}"  # its OpValues, made once: each run only puts its values in
        ref(node)
        env[op] = OpValues(node, None, None, backprop.wants[node])
        emit(f"if {grad(node)} is not None:  # backward through {node.op_type} {node.name!r}".replace("\n", " "))
        # what its gradient reads, as backprop.op_values gives it: only these stay alive until here
        reads = reads_of(node.op_type)
        inputs = "[" + ", ".join(value(i) for i in node.inputs) + "]" if "inputs" in reads else "None"
        emit(f"    {op}.input_values, {op}.output_value = {inputs}, {value(node) if 'output' in reads else None}")
        if "input shapes" in reads:
            emit(f"    {op}.input_shapes = [{', '.join(shape(i) for i in node.inputs)}]")
        if hasattr(node, "compute_and_save"):
            emit(f"    {op}.saved = saved.get({ref(node)})")
        targets, later = [], []  # where each input's gradient goes: a local, or added to one
        for k, (inp, wanted) in enumerate(zip(node.inputs, backprop.wants[node])):
            if not wanted:
                targets.append("_")
            elif inp not in reached:  # the first path into inp: accumulate(None, g) is g itself
                targets.append(grad(inp))
                reached.add(inp)
            else:  # a later path: added to what inp has received
                targets.append(f"r{k}")
                later.append(f"    {grad(inp)} = accumulate({grad(inp)}, r{k})")
        emit(f"    ({', '.join(targets)},) = backprop_op({op}, {grad(node)})")
        for line in later:
            emit(line)
    emit(f"v{backprop.index} = [{', '.join(grad(x) for x in backprop.xs)}]")


LOCAL = re.compile(r"\b[vg]\d+(?:_\d+)?\b")  # the locals write_source names: v3, g13_2


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
