"""The kinds of exercise beyond a plain NumPy function (which is `Exercise` itself).

Each kind only says how to apply a learner's answer to one case (`run`); comparing, naming the
mistake and reporting are shared (see core.py).
"""

import copy
import re

import numpy as np

from ..backprop import ancestors, path_nodes, topological_order
from ..gradcheck import check_gradients
from ..graph import Graph, Node, Operation, Placeholder, Variable, variables_initializer
from ..ops import constant, reduce_sum
from ..registry import OpValues, register_gradient
from ..session import Session
from .core import Exercise

FunctionExercise = Exercise  # the answer is a NumPy function: answer(*inputs) -> array


def upstream_gradient(shape):
    """The gradient flowing into an op in a gradient case: fixed, and deliberately not all ones,
    so that an answer which forgets to multiply by `grad` is caught."""
    rng = np.random.default_rng(1 + int(np.prod(shape, dtype=np.int64)))
    return rng.uniform(0.5, 1.5, size=shape) * rng.choice([-1.0, 1.0], size=shape)


class GraphExercise(Exercise):
    """The answer builds nodes from placeholders: `answer(x, W, b) -> node`. Each case feeds
    the placeholders (named by `inputs`) and runs the node in a fresh graph and session."""

    kind = "graph"

    def __init__(self, id, title, inputs, cases, **options):  # noqa: A002
        super().__init__(id, title, cases, **options)
        self.input_names = list(inputs)

    def run(self, answer, inputs):
        graph = Graph()
        with graph.as_default():
            names_and_values = zip(self.input_names, inputs, strict=False)
            placeholders = [Placeholder(np.float64, shape=np.shape(x), name=name) for name, x in names_and_values]
            node = answer(*placeholders)
            if not isinstance(node, Node):
                return node  # reported as "expected an array, got ..." (a node is what was asked)
            init = variables_initializer([n for n in graph.nodes if isinstance(n, Variable)])
        with Session(graph) as session:
            session.run(init)
            return session.run(node, dict(zip(placeholders, copy.deepcopy(inputs), strict=False)))


class GradientExercise(Exercise):
    """The answer is a gradient function `fn(op, grad) -> [one gradient per input]` for the op
    built by `op` (e.g. `deepslow.sigmoid`). Each case gives the op's input values; the answer is
    called with those values, the op's output and a fixed upstream gradient, exactly as
    backpropagation would call it. When it is wrong, `locate` runs the numerical gradient checker
    on a small graph that uses the answer, to say at which node the gradients first disagree.

    `inputs` names the op's inputs as the lesson does (["A", "B"] for C = A @ B; default x or
    x0, x1, ...), `output` its result: messages then speak of dA, dB and C. When the answer fails
    because the shapes of a product do not fit, the error says which gradient was being computed
    and what shape it must have."""

    kind = "gradient"

    def __init__(self, id, title, op, cases, inputs=None, output=None, **options):  # noqa: A002
        super().__init__(id, title, cases, **options)
        self.op = op
        self.input_names = list(inputs) if inputs else None
        self.output_name = output

    def names(self, count):
        """What the op's inputs are called in messages."""
        if self.input_names and len(self.input_names) == count:
            return self.input_names
        return ["x"] if count == 1 else [f"x{i}" for i in range(count)]

    def _build(self, inputs, make_input):
        graph = Graph()
        with graph.as_default():
            xs = [
                make_input(np.asarray(x, dtype=np.float64), f"x{i}" if len(inputs) > 1 else "x")
                for i, x in enumerate(inputs)
            ]
            node = self.op(*xs)
        return graph, xs, node

    def run(self, answer, inputs):
        inputs = [np.array(x, dtype=np.float64) for x in inputs]
        _, _, node = self._build(inputs, lambda x, name: Placeholder(np.float64, shape=x.shape, name=name))
        output = np.asarray(node.compute(*inputs), dtype=np.float64)
        op = OpValues(node, copy.deepcopy(inputs), output.copy())
        grad = upstream_gradient(output.shape)
        try:
            grads = answer(op, grad)
        except ValueError as exc:
            if not _is_shape_error(exc):
                raise
            lesson = self.shape_lesson(answer, exc, op, grad)
            raise ValueError(lesson) from None
        return list(grads) if isinstance(grads, (list, tuple)) else [grads]

    def shape_lesson(self, answer, exc, op, grad):
        """A shape error of NumPy's, retold: which expression failed, which gradient it was
        computing (when the code shows it), the shape that gradient must have, and the shapes
        there are to work with. Kept under 300 characters (the length an error message keeps)."""
        names = self.names(len(op.input_values))
        labels = [(grad, "grad")] + list(zip(op.input_values, names, strict=False))
        failing = _failing_expression(exc, answer)
        text = ""
        operands = None
        if failing is not None:
            expression, operands, target = failing
            shown = [_label(value, source, labels) for value, source in operands] if operands else []
            text = f"`{expression}` fails: "
            if len(shown) == 2 and all(shape is not None for _, shape in shown):
                sign = "@" if operands.kind == "product" else "and"
                text += f"{shown[0][1]} {sign} {shown[1][1]} do not fit. "
            else:
                text += "the shapes do not fit. "
        else:
            target = None
            text = "the shapes in an expression do not fit. "
        word = (
            "product"
            if (operands is not None and operands.kind == "product") or getattr(self.op, "__name__", "") == "matmul"
            else "expression"
        )
        if target == -1:
            target = 0 if len(names) == 1 else None
        if target is not None and target < len(names):
            name = names[target]
            others = [f"{n} is {tuple(np.shape(v))}" for v, n in zip(op.input_values, names, strict=False) if n != name]
            text += (
                f"d{name} must have {name}'s shape {tuple(np.shape(op.input_values[target]))}; "
                f"grad is {tuple(np.shape(grad))}{''.join(', ' + o for o in others)}: "
                f"which {word} gives {tuple(np.shape(op.input_values[target]))}?"
            )
        else:
            shapes = ", ".join(
                f"d{n} {tuple(np.shape(v))} like {n}" for v, n in zip(op.input_values, names, strict=False)
            )
            like = f", like {self.output_name}" if self.output_name else " (the op's output)"
            text += (
                f"Each gradient has its input's shape: {shapes}; grad is {tuple(np.shape(grad))}{like}. "
                f"Which {word}s of grad and the inputs give those shapes?"
            )
        return text

    def where_text(self, where):
        match = re.match(r"^item (\d+)", where)
        if match and self.input_names and int(match.group(1)) < len(self.input_names):
            name = self.input_names[int(match.group(1))]
            return f"d{name}, the gradient for {name}" + where[match.end() :]
        return re.sub(r"^item (\d+)", r"the gradient for input \1", where)

    def locate(self, answer, case):
        """'The gradients first disagree at ...' from a gradient check of x → op → weighted sum."""
        inputs = [np.array(x, dtype=np.float64) for x in self.cases[case]]
        graph, xs, node = self._build(inputs, lambda x, name: Variable(x, name=name))
        node.op_type = f"Exercise{node.op_type}"  # this one node uses the learner's gradient
        register_gradient(node.op_type)(answer)
        output = np.asarray(node.compute(*inputs), dtype=np.float64)
        with graph.as_default():
            loss = reduce_sum(node * constant(upstream_gradient(output.shape), dtype=np.float64), name="loss")
        try:
            with np.errstate(all="ignore"):
                result = check_gradients(loss)
        except Exception:  # noqa: BLE001 - the answer itself raises; the card already says so
            return None
        if result.ok or result.first_mismatch is None:
            return None
        first = result.first_mismatch
        return (
            f"A numerical gradient check of the graph {' , '.join(x.name for x in xs)} → {node.name} → loss "
            f"disagrees first at {first!r}, an input of {node.name}: so the gradient your function returns "
            f"for that input is where to look."
        )


class BackwardPassExercise(Exercise):
    """The answer is the backpropagation loop: `answer(order, values, loss) -> {node: gradient}`,
    where `order` lists every op the loss depends on in reverse topological order (ops that pass
    no gradient, such as argmax, included: the loop must skip them) and `values` holds the forward
    pass. Each case is a function building a small graph of placeholders and returning (loss, feed).
    The answer's gradients are compared node by node, walking back from the loss, so the report
    names the first node whose gradient is wrong."""

    kind = "backward pass"

    def run(self, answer, build):
        graph = Graph()
        with graph.as_default():
            loss, feed = build()
        sources = [n for n in graph.nodes if isinstance(n, Placeholder)]
        position = {node: i for i, node in enumerate(graph.nodes)}  # creation order: topological, and stable
        path = sorted(path_nodes([loss], sources), key=position.__getitem__)
        needed = [n for n in topological_order(ancestors([loss])) if not isinstance(n, Placeholder)]
        with Session(graph) as session:
            values = dict(zip(needed, session.run(needed, feed), strict=False))
        values.update({node: np.asarray(value, dtype=np.float64) for node, value in feed.items()})
        order = sorted((n for n in ancestors([loss]) if isinstance(n, Operation)), key=position.__getitem__)[::-1]
        try:
            grads = answer(order, dict(values), loss)
        except KeyError as exc:
            if not (exc.args and isinstance(exc.args[0], Node)):
                raise
            node = exc.args[0]
            raise NodeKeyError(
                f"no gradient reached {node.name!r} ({node.op_type}): nothing on the way to the loss passed one back "
                "to it, so it has no entry in your dict. Skip such ops (if node not in grads: continue)."
            ) from None
        if type(grads) is not dict:
            return grads
        return {node.name: grads.get(node) for node in reversed(path)}

    def where_text(self, where):
        if where.startswith("'"):  # dict entries are checked from the loss backward: this is the first wrong one
            return f"node {where} (the first wrong gradient, walking back from the loss)"
        return where


class NodeKeyError(KeyError):
    """A KeyError whose message explains which node was missing (a KeyError's own text is only the
    key). Reported under the name KeyError, which is what the learner's code raised."""

    def __str__(self):
        return str(self.args[0])


NodeKeyError.__name__ = NodeKeyError.__qualname__ = "KeyError"


# --- retelling NumPy's shape errors ------------------------------------------------------------------

_SHAPE_ERRORS = ("mismatch in its core dimension", "could not be broadcast", "not aligned", "shapes")


def _is_shape_error(exc):
    return any(words in str(exc) for words in _SHAPE_ERRORS)


class _Operands(list):
    kind = "expression"


def failing_site(exc):
    """(frame, parents, node, source) for the expression of the learner's code that raised `exc`,
    or None when it cannot be found.

    Python (3.11+) records the columns of the failing expression in the traceback; the source is
    read back (linecache holds notebook cells too) and parsed, and `node` is the expression there.
    `parents` maps each AST node to its parent. Frames inside NumPy's own Python code are passed
    over, to find the learner's line that called it."""
    import ast
    import linecache
    import traceback

    entries = list(zip(traceback.extract_tb(exc.__traceback__), traceback.walk_tb(exc.__traceback__), strict=False))
    for summary, (frame, _) in reversed(entries):
        if getattr(summary, "colno", None) is None or summary.end_lineno is None:
            continue
        if summary.filename == __file__:
            return None  # back in the exercise's own code: the learner's frames had no line to show
        if "numpy" in summary.filename.replace("\\", "/").split("/"):
            continue
        source = "".join(linecache.getlines(summary.filename, frame.f_globals))
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return None
        position = (summary.lineno, summary.colno, summary.end_lineno, summary.end_colno)
        parents, node = {}, None
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                parents[child] = parent
                if isinstance(child, ast.expr) and _position(child) == position:
                    node = child
        return None if node is None else (frame, parents, node, source)
    return None


def _failing_expression(exc, answer):
    """(source text, operands, target) of the expression that raised `exc` inside `answer`, or None:
    the two operands of a failing `a @ b` (or np.dot / np.matmul), and which item of the returned
    list the expression computes: `return [grad @ B, ...]`, or `dA = grad @ B` ... `return [dA, dB]`.
    Only names, and names with .T, are looked up (in the failing frame's locals): nothing of the
    answer runs again."""
    import ast

    site = failing_site(exc)
    if site is None:
        return None
    frame, parents, node, source = site
    expression = " ".join((ast.get_source_segment(source, node) or "").split())[:60]
    operands = _operands(node, frame)
    target = _target(node, parents) if frame.f_code is getattr(answer, "__code__", None) else None
    return expression, operands, target


def _position(node):
    return (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def _operands(node, frame):
    """The two operands of a product (`a @ b`, np.dot(a, b), np.matmul(a, b)) or of an elementwise
    operation, as (value or None, source) pairs, when they are names or names with .T."""
    import ast

    operands = _Operands()
    if isinstance(node, ast.BinOp):
        operands.kind = "product" if isinstance(node.op, ast.MatMult) else "expression"
        pair = [node.left, node.right]
    elif (
        isinstance(node, ast.Call)
        and len(node.args) == 2
        and isinstance(node.func, (ast.Attribute, ast.Name))
        and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("dot", "matmul")
    ):
        operands.kind = "product"
        pair = list(node.args)
    else:
        return None
    for part in pair:
        value = None
        if isinstance(part, ast.Name):
            value = frame.f_locals.get(part.id)
        elif isinstance(part, ast.Attribute) and part.attr == "T" and isinstance(part.value, ast.Name):
            base = frame.f_locals.get(part.value.id)
            value = base.T if type(base) is np.ndarray else None
        operands.append((value if type(value) is np.ndarray else None, ast.unparse(part)))
    return operands


def _label(value, source, labels):
    """(text, shape text) for an operand: named as in the lesson when it is an input or grad."""
    if value is None:
        return source, None
    for known, name in labels:
        if value is known:
            return name, str(tuple(value.shape))
        if value.base is known and value.shape == known.T.shape and value.ndim == 2 and np.shares_memory(value, known):
            return f"{name}.T", str(tuple(value.shape))
    return source, str(tuple(value.shape))


def _target(node, parents):
    """Which item of the returned list `node` computes (-1: it is the whole returned value), or
    None when the code does not say."""
    import ast

    child, parent = node, parents.get(node)
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, (ast.List, ast.Tuple)) and isinstance(parents.get(parent), ast.Return):
            return parent.elts.index(child)
        child, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Return):
        return -1 if child is parent.value else None  # `return expression`: the only gradient, if one
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        name = parent.targets[0].id
        function = parent
        while function is not None and not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = parents.get(function)
        for statement in ast.walk(function) if function is not None else ():
            if isinstance(statement, ast.Return) and isinstance(statement.value, (ast.List, ast.Tuple)):
                for i, item in enumerate(statement.value.elts):
                    if isinstance(item, ast.Name) and item.id == name:
                        return i
    return None
