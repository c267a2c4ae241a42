"""The kinds of exercise: how a learner's answer is applied to one case.

  FunctionExercise  a NumPy function                 answer(*case) -> value
  GraphExercise     builds deepslow nodes            answer(*placeholders) -> node, run with case as feed
  GradientExercise  a gradient function, as for      answer(op, grad) -> [one gradient per input]
                    register_gradient
  ValueExercise     anything else: each case is a    case(answer) -> value
                    function of the answer, written
                    in the notebook

Each kind calls the answer exactly as the lesson's own code would, and takes what it returns as
it is: a bare array where a list was asked for is reported, not wrapped; a gradient registered
under another op type is reported, not registered for it. Comparing, naming mistakes and cards
are shared (feedback.py, result.py).
"""

import numpy as np

from ..backprop import gradient_list
from ..errors import OpError
from ..graph import Graph, Node, Operation, Placeholder, Variable, variables_initializer
from ..registry import GRADIENTS, LIBRARY_GRADIENTS, OpValues  # (the registry's tables: read, never written here)
from ..session import Session
from .core import AnswerError, Exercise, parameter_names, watch_for_changes
from .explain import explain_exception, failing_site, product_operands, returned_item
from .mutation import InputChangedError, Snapshot

FunctionExercise = Exercise  # the answer is a NumPy function: answer(*case) -> value


class GraphExercise(Exercise):
    """The answer builds nodes from placeholders: `answer(x, W, b) -> node` (or is an Operation
    subclass, which builds one). Each case holds the values fed to the placeholders, named by
    `inputs`; the node runs in a fresh graph and session, so nothing is added to the learner's."""

    kind = "graph"

    def __init__(self, id, title, inputs, cases, **options):  # noqa: A002
        super().__init__(id, title, cases, **options)
        self.input_names = [str(name) for name in inputs]

    def run(self, answer, case):
        values = [np.array(v, dtype=np.float64) for v in case]
        graph = Graph()
        with graph.as_default():  # also while running: an op whose compute builds nodes builds them here
            placeholders = [
                Placeholder(np.float64, shape=v.shape, name=name)
                for name, v in zip(self.input_names, values, strict=False)
            ]
            node = answer(*placeholders)
            if not isinstance(node, Node):
                raise AnswerError(_not_a_node(node))
            init = variables_initializer([n for n in graph.nodes if isinstance(n, Variable)])
            fed = [v.copy() for v in values]
            with Session(graph) as session:
                session.run(init)
                try:
                    result = session.run(node, dict(zip(placeholders, fed, strict=False)))
                except OpError as exc:
                    if isinstance(exc.__cause__, NotImplementedError):
                        raise exc.__cause__ from None  # an op whose compute is still the stub: not attempted
                    raise
        changed = [
            (name, "array")
            for name, a, b in zip(self.input_names, fed, values, strict=False)
            if not np.array_equal(a, b, equal_nan=True)
        ]
        if changed:
            raise InputChangedError(changed)
        return result

    def perturbations(self):
        """As for a function (core.py), with the changes made by nodes: the reference builds its graph
        on a negated, zeroed, doubled or transposed placeholder, or on two placeholders swapped."""
        from .. import ops

        changes = [
            (_NODE_WORDS[0], lambda node: ops.multiply(node, 0.0)),
            (_NODE_WORDS[1], lambda node: ops.negative(node)),
            (_NODE_WORDS[2], lambda node: ops.transpose(node) if _square(node.shape) else None),
            (_NODE_WORDS[3], lambda node: ops.multiply(node, 2.0)),
        ]
        reference, names = self.reference_fn, self.input_names
        shapes = [[np.shape(v) for v in case] for case in self.cases.values()]
        found = []
        for i, name in enumerate(names):
            for k, (words, change) in enumerate(changes):
                if k == 2 and not any(_square(s[i]) for s in shapes):
                    continue
                found.append((words.format(name=name), _on_nodes(reference, i, change)))
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                if all(s[i] == s[j] for s in shapes):
                    found.append((_SWAPPED_NODES.format(a=names[i], b=names[j]), _nodes_swapped(reference, i, j)))
        return found


_NODE_WORDS = [
    "your answer is what the right one would be if `{name}` were 0: is `{name}` used where it should be?",
    "your answer is what the right one would be with the sign of `{name}` flipped: a minus too many or missing "
    "where `{name}` is used?",
    "your answer is what the right one would be with `{name}` transposed: a transpose too many (or missing) on "
    "`{name}`?",
    "your answer is what the right one would be if `{name}` were twice as large: is `{name}` counted twice?",
]
_SWAPPED_NODES = (
    "your answer is what the right one would be with `{a}` and `{b}` swapped: each is used in the other's place."
)


def _square(shape):
    return shape is not None and len(shape) == 2 and shape[0] == shape[1]


def _on_nodes(reference, index, change):
    def answer(*nodes):
        changed = change(nodes[index])
        if changed is None:
            raise AnswerError("not applicable")
        return reference(*nodes[:index], changed, *nodes[index + 1 :])

    return answer


def _nodes_swapped(reference, i, j):
    def answer(*nodes):
        nodes = list(nodes)
        nodes[i], nodes[j] = nodes[j], nodes[i]
        return reference(*nodes)

    return answer


def _not_a_node(value):
    if value is None:
        return "your function returned None: did you forget `return`? It must return the node it built."
    if isinstance(value, type) and issubclass(value, Operation):
        return "your function returned an Operation class; call it on its inputs to make a node."
    return (
        f"your function returned a {type(value).__name__}, not a node. Build the result from the placeholders "
        f"it is given, with deepslow's ops (the numbers only exist when a session runs the node)."
    )


def upstream_gradient(shape):
    """The gradient flowing into an op in a gradient case: fixed, and deliberately not all ones,
    so that an answer which forgets to multiply by `grad` is caught."""
    rng = np.random.default_rng(1 + int(np.prod(shape, dtype=np.int64)))
    return rng.uniform(0.5, 1.5, size=shape) * rng.choice([-1.0, 1.0], size=shape)


class GradientExercise(Exercise):
    """The answer is a gradient function `fn(op, grad) -> [one gradient per input]` for the op
    that `op` builds (e.g. `deepslow.sigmoid`). Each case gives the op's input values; the answer
    is called with them, the op's output and a fixed upstream gradient, as backpropagation would.

    `inputs` names the op's inputs as the lesson does (["A", "B"] for C = A @ B; default x or x0,
    x1, ...), `output` its result. `registered=True` asks that the answer be *the* gradient
    registered for the op's type (with @register_gradient), as backpropagation will look it up."""

    kind = "gradient"
    # The library's own gradients, and what computes them, answer the exercise without knowing
    # the derivative: an answer that uses them gets no points (the grader reads the code).
    may_not_use = (
        "get_gradient", "GRADIENTS", "LIBRARY_GRADIENTS", "gradients", "compute_gradients", "minimize",
        "check_gradients", "checked_gradients", "backprop_op",
    )  # fmt: skip

    def __init__(self, id, title, op, cases, inputs=None, output=None, registered=False, **options):  # noqa: A002
        super().__init__(id, title, cases, **options)
        library = sorted(fn.__name__ for fn in LIBRARY_GRADIENTS if fn.__name__.isidentifier())
        self.may_not_use = tuple(dict.fromkeys([*self.may_not_use, *library]))  # e.g. deepslow.ops._sigmoid_grad
        self.op = op
        self.input_names = [str(n) for n in inputs] if inputs else None
        self.output_name = output
        self.registered = bool(registered)
        count = len(next(iter(self.cases.values())))
        for i, name in enumerate(self.names(count)):
            self.parts.setdefault(f"item {i}", f"d{name}, the gradient for {name}")

    def names(self, count):
        if self.input_names and len(self.input_names) == count:
            return self.input_names
        return ["x"] if count == 1 else [f"x{i}" for i in range(count)]

    def run(self, answer, case):
        inputs = [np.array(x, dtype=np.float64) for x in case]
        with Graph().as_default():
            node = self.op(
                *[
                    Placeholder(np.float64, shape=x.shape, name=n)
                    for x, n in zip(inputs, self.names(len(inputs)), strict=True)
                ]
            )
        output = np.asarray(node.compute(*[x.copy() for x in inputs]), dtype=np.float64)
        op = OpValues(node, [x.copy() for x in inputs], output.copy())
        grad = upstream_gradient(output.shape)
        snapshot = Snapshot(
            [("op.input_values", op.input_values), ("op.output_value", op.output_value), ("grad", grad)]
        )
        must_register = self.registered and not self._is_instructors(answer)
        try:
            grads = answer(op, grad)
        except NotImplementedError:
            raise  # the stub: not attempted, registered or not
        except Exception:
            if must_register:
                _check_registration(answer, node.op_type)
            raise
        if must_register:
            _check_registration(answer, node.op_type)
        watch_for_changes(snapshot)
        # Read the result as backpropagation reads it (a tuple, or a bare array for a one-input op, is
        # fine; a wrong count is an error that says so): the check accepts what the engine accepts.
        return gradient_list(node, op.input_values, grads)

    def perturbations(self):
        """The reference given another upstream gradient: all ones (an answer that does not multiply by
        grad: the chain rule), or grad with its sign flipped."""
        reference = self.reference_fn
        return [
            (
                "your answer is what the right one would be if grad were all ones: the incoming gradient is not "
                "multiplied in (the chain rule)?",
                lambda op, grad: reference(op, np.ones_like(grad)),
            ),
            (
                "your answer is what the right one would be with the sign of grad flipped: a minus too many or "
                "missing?",
                lambda op, grad: reference(op, -grad),
            ),
        ]

    def probe(self, answer):
        """A gradient is proportional to the incoming gradient: doubling grad must double every gradient
        returned (the chain rule multiplies the local derivative by grad, once)."""
        for case in self.cases.values():
            try:
                with np.errstate(all="ignore"):
                    once = self._gradients(answer, case, 1.0)
                    twice = self._gradients(answer, case, 2.0)
            except Exception:  # noqa: BLE001 - the card already says what the answer raised
                return None
            for a, b in zip(once, twice, strict=False):
                if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape:
                    if np.all(np.isfinite(a)) and not np.allclose(2 * a, b, rtol=1e-6, atol=1e-9):
                        return (
                            "your gradient does not grow in proportion to grad: doubling the incoming gradient "
                            "must double every gradient you return. The chain rule multiplies the local derivative "
                            "by grad, once (not divided by it, not twice, not added)."
                        )
        return None

    def _gradients(self, answer, case, scale):
        inputs = [np.array(x, dtype=np.float64) for x in case]
        with Graph().as_default():
            names = self.names(len(inputs))
            node = self.op(
                *[Placeholder(np.float64, shape=x.shape, name=n) for x, n in zip(inputs, names, strict=True)]
            )
        output = np.asarray(node.compute(*[x.copy() for x in inputs]), dtype=np.float64)
        op = OpValues(node, [x.copy() for x in inputs], output.copy())
        grads = answer(op, scale * upstream_gradient(output.shape))
        return list(grads) if isinstance(grads, (list, tuple)) else [grads]

    def _is_instructors(self, fn):
        """The reference and the named mistakes are run as they are, registered or not: their
        fingerprints are about the gradient they compute (only a learner's answer must be registered)."""
        return (
            fn is self.reference_fn
            or any(fn is m.fn for m in self.mistakes)
            or getattr(fn, "instructors_own", False)  # a perturbation of the reference (feedback.py)
        )

    def explain(self, exc, answer):
        try:
            lesson = self._shape_lesson(exc, answer)
        except Exception:  # noqa: BLE001
            lesson = None
        return lesson or super().explain(exc, answer)

    def _shape_lesson(self, exc, answer):
        """For a product that fails in a gradient: which gradient it computes, the shape that
        gradient must have, and the shapes there are to work with."""
        if not isinstance(exc, ValueError):
            return None
        site = failing_site(exc)
        if site is None:
            return None
        frame, parents, node, _, _ = site
        operands = product_operands(node, frame)
        op, grad = frame.f_locals.get("op"), frame.f_locals.get("grad")
        values = getattr(op, "input_values", None) if isinstance(op, OpValues) else None
        if operands is None or values is None or not isinstance(grad, np.ndarray):
            return None
        names = self.names(len(values))
        labels = [(grad, "grad")] + list(zip(values, names, strict=True))
        shown = [_label(value, source, labels) for value, source in operands]
        target = returned_item(node, parents) if frame.f_code is getattr(answer, "__code__", None) else None
        if target == -1:
            target = 0 if len(names) == 1 else None
        text = explain_exception(exc) or ""
        if all(shape for _, shape in shown):
            text = f"`{' @ '.join(s for s, _ in shown)}` cannot be computed: {shown[0][1]} @ {shown[1][1]} do not fit. "
        if target is not None and target < len(names):
            name = names[target]
            others = [f"{n} is {tuple(np.shape(v))}" for v, n in zip(values, names, strict=True) if n != name]
            return text + (
                f"d{name} must have {name}'s shape {tuple(np.shape(values[target]))}; grad is "
                f"{tuple(np.shape(grad))}{''.join(', ' + o for o in others)}: which product gives "
                f"{tuple(np.shape(values[target]))}?"
            )
        shapes = ", ".join(f"d{n} {tuple(np.shape(v))} like {n}" for v, n in zip(values, names, strict=True))
        like = f", like {self.output_name}" if self.output_name else " (the op's output)"
        return text + (
            f"Each gradient has its input's shape: {shapes}; grad is {tuple(np.shape(grad))}{like}. "
            f"Which products of grad and the inputs give those shapes?"
        )


def _label(value, source, labels):
    """(name, shape text) for a factor: named as in the lesson when it is an input or grad."""
    if value is None:
        return source, None
    for known, name in labels:
        if value is known:
            return name, str(tuple(value.shape))
        if value.ndim == 2 and value.base is known and value.shape == known.T.shape:
            return f"{name}.T", str(tuple(value.shape))
    return source, str(tuple(value.shape))


def _check_registration(answer, op_type):
    """AnswerError unless `answer` is the gradient registered for `op_type` (never registers it)."""
    if GRADIENTS.get(op_type) is answer:
        return
    elsewhere = [name for name, fn in GRADIENTS.items() if fn is answer]
    if elsewhere:
        raise AnswerError(
            f"your function is registered for ops of type {elsewhere[0]!r}, but this op's type is {op_type!r}: "
            f"backpropagation looks gradients up by the exact op type (the class name), so it would never call "
            f"yours. Register it with the op's exact type name."
        )
    raise AnswerError(
        f"your function is not registered as the gradient of {op_type!r} ops, so backpropagation would never call "
        f"it. The exercise asks you to register it, with the decorator @register_gradient and the op's type name."
    )


class ValueExercise(Exercise):
    """Anything else: each case is a function, written in the notebook's cases cell, that calls
    the answer as the lesson does and returns plain values to compare (numbers, arrays, lists,
    dicts, strings). The answer it receives reports any input it changes in place."""

    kind = "value"

    def run(self, answer, case):
        return case(_watched(answer))

    def perturbations(self):
        return []  # a case is code: there are no inputs to change


def _watched(answer):
    """`answer`, reporting (InputChangedError) any argument it changes in place."""

    def call(*args, **kwargs):
        named = list(zip(parameter_names(answer, len(args)), args)) + list(kwargs.items())
        snapshot = Snapshot(named)
        result = answer(*args, **kwargs)
        watch_for_changes(snapshot)
        return result

    call.__wrapped__ = answer
    return call
