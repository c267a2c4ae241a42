"""A numerical gradient checker: compare backpropagation with central differences.

    ∂L/∂x[i] ≈ (L(x + ε·eᵢ) − L(x − ε·eᵢ)) / 2ε

Every node on the path to the loss is checked (variables and intermediate ops alike), so when a
gradient function is wrong the report says where the disagreement starts: walking backward from
the loss, the first node whose gradient disagrees is an input of the op with the faulty gradient.
"""

import numpy as np

from .backprop import backward, path_nodes
from .errors import describe
from .graph import Constant, Operation, Variable, ancestors
from .session import Session


class NodeCheck:
    """The comparison for one node: its worst element, with both values."""

    def __init__(self, node, index, analytic, numeric, error):
        self.node, self.index, self.analytic, self.numeric, self.error = node, index, analytic, numeric, error

    def __repr__(self):
        return (
            f"{describe(self.node)} element {self.index}: backprop {self.analytic:.6g}, "
            f"numerical {self.numeric:.6g} (error {self.error:.2g})"
        )


class GradientCheck:
    """Result of check_gradients: true when every checked element agrees."""

    def __init__(self, checks, tolerance):
        self.checks = checks  # in backward order: nearest the loss first
        self.tolerance = tolerance
        self.mismatches = [c for c in checks if c.error > tolerance]
        self.ok = not self.mismatches
        self.worst = max(checks, key=lambda c: c.error, default=None)
        self.first_mismatch = self.mismatches[0] if self.mismatches else None

    def __bool__(self):
        return self.ok

    def __repr__(self):
        if not self.checks:
            return "GradientCheck: nothing to check (the loss depends on no variable)"
        if self.ok:
            return f"GradientCheck passed: {len(self.checks)} nodes agree; worst {self.worst!r}"
        first = self.first_mismatch
        consumers = [n for n in first.node.graph.nodes if first.node in getattr(n, "inputs", ())]
        suspects = ", ".join(describe(n) for n in consumers if isinstance(n, Operation))
        return (
            f"GradientCheck FAILED at {len(self.mismatches)} of {len(self.checks)} nodes.\n"
            f"Walking back from the loss, the gradients first disagree at {first!r}.\n"
            f"Look at the gradient of the op(s) that consume it: {suspects or 'none found'}."
        )


def check_gradients(loss, feed_dict=None, session=None, eps=1e-6, tolerance=1e-4, max_elements=20, seed=0):
    """Check backprop against central differences at every node between the variables and `loss`.

    Runs in float64 whatever the graph's dtype, so the comparison is not drowned by rounding.
    Variables take their values from `session` if given, else from their initial values.
    """
    feed_dict = dict(feed_dict or {})
    graph = loss.graph
    variables = [n for n in graph.nodes if isinstance(n, Variable)]
    checker = Session(graph, precision=np.float64)
    if session is not None:
        initialized = [v for v in variables if v in session._variables]
        checker._variables = {v: value.astype(np.float64) for v, value in session.variable_values(initialized).items()}
    else:
        checker._variables = {v: np.asarray(v.initial_value, np.float64) for v in variables}

    path = [n for n in path_nodes([loss], variables) if not isinstance(n, Constant)]
    needed = list(ancestors([loss]))
    forward = {n: np.asarray(v) for n, v in zip(needed, checker.run(needed, feed_dict))}
    order = [n for n in reversed(path) if isinstance(n, Operation)]
    analytic = backward(order, set(path), {loss: np.ones_like(forward[loss])}, forward)

    rng = np.random.default_rng(seed)
    checks = []
    for node in reversed(path):
        if node is loss or node not in analytic:
            continue
        value = forward[node]
        flat = rng.permutation(value.size)[:max_elements]
        worst = None
        for i in flat:
            index = np.unravel_index(i, value.shape)
            numeric = _central_difference(checker, loss, feed_dict, node, value, index, eps)
            got = float(analytic[node][index])
            error = abs(got - numeric) / max(1.0, abs(numeric))
            if worst is None or error > worst.error:
                worst = NodeCheck(node, tuple(int(k) for k in index), got, numeric, error)
        if worst is not None:
            checks.append(worst)
    return GradientCheck(checks, tolerance)


def _central_difference(session, loss, feed_dict, node, value, index, eps):
    def loss_with(delta):
        shifted = value.copy()
        shifted[index] += delta
        return float(np.sum(session.run(loss, {**feed_dict, node: shifted})))

    return (loss_with(eps) - loss_with(-eps)) / (2 * eps)
