"""The kinds of exercise beyond a plain NumPy function (which is `Exercise` itself).

Each kind only says how to apply a learner's answer to one case (`run`); comparing, naming the
mistake and reporting are shared (see core.py).
"""

import copy
import re

import numpy as np

from ..backprop import ancestors, path_nodes, topological_order
from ..gradcheck import check_gradients
from ..graph import Graph, Node, Operation, Placeholder, Variable
from ..ops import constant, reduce_sum
from ..registry import OpValues, register_gradient
from ..session import Session, variables_initializer
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
    on a small graph that uses the answer, to say at which node the gradients first disagree."""

    kind = "gradient"

    def __init__(self, id, title, op, cases, **options):  # noqa: A002
        super().__init__(id, title, cases, **options)
        self.op = op

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
        grads = answer(OpValues(node, copy.deepcopy(inputs), output.copy()), upstream_gradient(output.shape))
        return list(grads) if isinstance(grads, (list, tuple)) else [grads]

    def where_text(self, where):
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
    where `order` lists the ops in reverse topological order and `values` holds the forward pass.
    Each case is a function building a small graph of placeholders and returning (loss, feed).
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
        order = [n for n in reversed(path) if isinstance(n, Operation)]
        grads = answer(order, dict(values), loss)
        if type(grads) is not dict:
            return grads
        return {node.name: grads.get(node) for node in reversed(path)}

    def where_text(self, where):
        if where.startswith("'"):  # dict entries are checked from the loss backward: this is the first wrong one
            return f"node {where} (the first wrong gradient, walking back from the loss)"
        return where
