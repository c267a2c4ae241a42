"""Sessions: where a graph's values live and where it runs.

A run has three steps:
  1. plan   — the fetched nodes' ancestors in topological order, stopping at fed nodes
              (cached, so a training loop plans once);
  2. forward — compute each node once, in order, into a fresh table of values (plus a table of
              what ops saved for their gradients);
  3. commit  — only if every node succeeded, store new variable values (from initializers and
              train ops). A run that fails leaves the session exactly as it was.
A plan that has run twice is written out as one straight-line Python function and runs as that
(compiled.py): the same three steps, without the interpreter's bookkeeping.
"""

import contextlib

import numpy as np

from .backprop import Gradients, topological_order
from .compiled import NotCompilableError, compile_plan
from .dtypes import as_numpy
from .errors import (
    DeepslowError,
    FeedError,
    FetchError,
    NumericsError,
    OpError,
    ShapeError,
    UninitializedVariableError,
    describe,
)
from .graph import Constant, Node, Operation, Placeholder, Variable, get_default_graph
from .memory import keep_freed_memory
from .train import TrainOp

_session_stack = []


def get_default_session():
    if not _session_stack:
        raise RuntimeError("no default session: use `with deepslow.Session() as sess:` or pass session=...")
    return _session_stack[-1]


class Initializer(Node):
    """Running it sets its variables to their initial values (and forgets optimizer state)."""

    op_type = "Initializer"

    def __init__(self, variables, name=None):
        super().__init__([], name=name or "init")
        self.variables = list(variables)


def global_variables_initializer():
    return Initializer([n for n in get_default_graph().nodes if isinstance(n, Variable)])


def variables_initializer(var_list, name="init"):
    return Initializer(var_list, name=name)


def global_variables():
    return [n for n in get_default_graph().nodes if isinstance(n, Variable)]


def trainable_variables():
    return [v for v in global_variables() if v.trainable]


def _kind(node, backprop_follows):
    """How the session treats `node`, decided once per plan."""
    if isinstance(node, Operation):
        if hasattr(node, "compute_and_save") and backprop_follows:
            return "op_saving"  # keep what its gradient can reuse, since this run backpropagates
        return "op"
    for cls, kind in (
        (Placeholder, "placeholder"),
        (Variable, "variable"),
        (Constant, "constant"),
        (Gradients, "gradients"),
        (TrainOp, "train"),
        (Initializer, "init"),
    ):
        if isinstance(node, cls):
            return kind
    return "op"


class _Plan:
    """What one fetch set needs: its nodes in run order, and once it has run twice, that
    order compiled to a Python function (see compiled.py)."""

    def __init__(self, steps, fetches, fed):
        self.steps = steps  # [(node, kind)] in topological order
        self.fetches, self.fed = fetches, fed
        self.runs = 0  # successful interpreted runs so far
        self.compiled = None  # the function compiled.py wrote for it
        self.source = None  # that function's source, or why there is none
        self.compilable = True


class Session:
    """Runs nodes of one graph. `check_numerics=True` stops at the first op producing NaN/inf.
    `compile_plans=False` always interprets, e.g. to step through `_interpret` in a debugger."""

    def __init__(self, graph=None, check_numerics=False, precision=None, compile_plans=True):
        keep_freed_memory()  # see memory.py: large steps would otherwise page-fault every run
        self.graph = graph or get_default_graph()
        self.check_numerics = check_numerics
        self._precision = None if precision is None else np.dtype(precision)  # float64 for gradient checks
        self._variables = {}  # Variable -> current value (this session's own copy)
        self._slots = {}  # (train op, Variable) -> optimizer state dict
        self._plans = {}
        self._compile_plans = compile_plans
        self._closed = False

    # --- context managers --------------------------------------------------------------------
    def __enter__(self):
        _session_stack.append(self)
        return self

    def __exit__(self, *exc_info):
        _session_stack.remove(self)
        self.close()

    @contextlib.contextmanager
    def as_default(self):
        _session_stack.append(self)
        try:
            yield self
        finally:
            _session_stack.remove(self)

    def close(self):
        self._closed = True
        self._variables.clear()
        self._slots.clear()

    # --- running ----------------------------------------------------------------------------
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Compute `fetches` (a node, or a list/tuple/dict of them) with the placeholders fed."""
        if self._closed:
            raise RuntimeError("this Session is closed; open a new one with deepslow.Session()")
        nodes, rebuild = _flatten(fetches)
        for node in nodes:
            if node.graph is not self.graph:
                self._check_graph(node, "fetch")
        feed_dict = {} if feed_dict is None else feed_dict
        plan = self._plans.get((tuple(nodes), frozenset(feed_dict))) if type(feed_dict) is dict else None
        if plan is not None and plan.compiled and not self.check_numerics:  # (it may be switched on later)
            outputs = self._run_compiled(plan, feed_dict)  # it checks and converts the feeds itself
        else:
            values = self._feed(feed_dict)
            outputs = self._interpret(self._plan(tuple(nodes), frozenset(values)), values)
        return rebuild([_output(value) for value in outputs])

    def _interpret(self, plan, values):
        """Run the plan node by node: the reference for what a run does, and what explains errors."""
        variables = self._variables
        saved = {}  # what ops kept for their gradients in this run (see Operation)
        new_variables, new_slots = {}, {}
        node = None
        try:
            with np.errstate(all="ignore"):  # NaN/inf are reported by check_numerics, not warnings
                for node, kind in plan.steps:
                    if kind == "op":
                        values[node] = as_numpy(node.compute(*[values[i] for i in node.inputs]))
                        if self.check_numerics:
                            self._check_finite(node, values)
                    elif kind == "op_saving":
                        result = node.compute_and_save(*[values[i] for i in node.inputs])
                        if type(result) is not tuple or len(result) != 2:
                            raise OpError(
                                f"{describe(node)}'s compute_and_save must return a pair (value, saved) "
                                f"and returned {type(result).__name__} {result!r:.60}"
                            )
                        values[node], saved[node] = as_numpy(result[0]), result[1]
                        if self.check_numerics:
                            self._check_finite(node, values)
                    elif kind == "variable":
                        values[node] = variables[node]  # a KeyError here: not initialized (see below)
                    elif kind == "constant":
                        values[node] = self._cast(node.value)
                    elif kind == "gradients":
                        values[node] = node.backpropagate(values, self.check_numerics, saved=saved)
                    elif kind == "train":
                        step_values, step_slots = node.apply(values[node.backprop], variables, self._slots)
                        new_variables.update(step_values)
                        new_slots.update(step_slots)
                        values[node] = None
                    elif kind == "init":
                        for var in node.variables:
                            new_variables[var] = self._cast(var.initial_value).copy()
                            self._forget_slots(var, new_slots)
                        values[node] = None
                    else:  # a placeholder nobody fed
                        raise FeedError(
                            f"placeholder {describe(node)} needs a value: pass it in feed_dict, "
                            f"e.g. sess.run(..., feed_dict={{{node.name}: data}})"
                        )
        except (DeepslowError, NotImplementedError):
            raise  # already explained, or an exercise stub not written yet ("not attempted")
        except Exception as exc:  # add which op failed, and on what, to NumPy's message
            if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], Variable):
                self._read(exc.args[0])  # a variable with no value: raises the error saying what to run
            inputs = [f"{describe(i)} shape {np.shape(values[i])}" for i in node.inputs if i in values]
            if isinstance(exc, ValueError) and "broadcast" in str(exc):
                raise ShapeError(
                    f"op {describe(node)} cannot combine {' and '.join(inputs)}: shapes broadcast only when, "
                    "compared from the last dimension, each pair of sizes is equal or one of them is 1. "
                    "Did you mean to transpose or reshape one of them?"
                ) from exc
            raise OpError(f"op {describe(node)} failed: {exc}. Its inputs: {', '.join(inputs) or 'none'}") from exc
        self._commit(new_variables, new_slots)
        plan.runs += 1
        if plan.runs >= 2 and plan.compiled is None and plan.compilable and not self.check_numerics:
            self._compile(plan)  # it is being run repeatedly: a training loop, a widget's frames
        return [values[n] for n in plan.fetches]

    def _run_compiled(self, plan, feed_dict):
        """Run the plan's compiled function (compiled.py). If it raises, the interpreter runs the
        plan again: it gives the same answer, or the error that teaches."""
        try:
            outputs, updates = plan.compiled(feed_dict, self._variables, self._slots)
        except Exception:
            updates = None  # (interpreted below, outside this handler: a learner sees one traceback, the interpreter's)
        if updates is None:
            outputs = self._interpret(plan, self._feed(feed_dict))  # raises here when the run really fails ...
            plan.compiled, plan.compilable = None, False  # ... else the compiled form was too strict: drop it
            plan.source = "# interpreted: its compiled form raised where the interpreter did not\n"
            return outputs
        for step_values, step_slots in updates:  # commit: the whole run succeeded
            self._variables.update(step_values)
            self._slots.update(step_slots)
        return outputs

    def _compile(self, plan):
        if self._precision is not None or not self._compile_plans:
            plan.compilable, plan.source = False, "# interpreted: this session has precision= or compile_plans=False\n"
            return
        try:
            plan.compiled, plan.source = compile_plan(plan.steps, plan.fetches, plan.fed)
        except NotCompilableError as reason:
            plan.compilable, plan.source = False, f"# interpreted: {reason}\n"
        except Exception as exc:  # e.g. a name Python cannot compile: the interpreter copes, so carry on
            plan.compilable, plan.source = False, f"# interpreted: compiling failed ({type(exc).__name__})\n"

    def compiled_source(self, fetches, feed_dict=None):
        """The Python source this session runs for `fetches` with `feed_dict`'s placeholders fed,
        once that plan has run twice (see compiled.py); or a comment saying why there is none."""
        nodes, _ = _flatten(fetches)
        plan = self._plans.get((tuple(nodes), frozenset(feed_dict or {})))
        if self.check_numerics:
            return "# interpreted: check_numerics is on, and only the interpreter checks each op\n"
        if plan is None or plan.source is None:
            return "# not compiled yet: a plan is compiled when it has run twice\n"
        return plan.source

    def _commit(self, new_variables, new_slots):
        """Store a successful run's variable values and optimizer state (never a failed run's)."""
        self._variables.update(new_variables)
        self._slots.update(new_slots)

    def _feed(self, feed_dict):
        if not isinstance(feed_dict, dict):
            raise FeedError(f"feed_dict must be a dict mapping placeholders to values, got {type(feed_dict).__name__}")
        values = {}
        for node, value in feed_dict.items():
            if not isinstance(node, Node):
                raise FeedError(
                    f"feed_dict keys must be nodes (the placeholder objects), got {node!r:.60}. "
                    f"Use feed_dict={{x: data}} where x = deepslow.placeholder(...)"
                )
            if node.graph is not self.graph:
                self._check_graph(node, "feed")
            dtype = node.dtype
            if self._precision is not None and (dtype is None or dtype.kind == "f"):
                dtype = self._precision  # the gradient checker computes in float64 throughout
            try:
                array = np.asarray(value, dtype=dtype)
            except (TypeError, ValueError) as exc:
                if dtype is not None and _numeric(value):  # numbers that do not fit, e.g. NaN fed as int
                    raise FeedError(f"the value fed to {describe(node)} does not convert to {dtype}: {exc}") from None
                raise FeedError(
                    f"the value fed to {describe(node)} is not numeric: got {type(value).__name__} {value!r:.60}"
                ) from None
            if array.dtype.kind not in "biuf":
                raise FeedError(f"the value fed to {describe(node)} is not numeric: got dtype {array.dtype}")
            if isinstance(node, Placeholder) and not node.accepts(array.shape):
                raise FeedError(_feed_shape_message(node, array.shape))
            values[node] = array
        return values

    def _plan(self, fetches, fed):
        """Ancestors of the fetches, in topological order; fed nodes cut the search."""
        key = (fetches, fed)
        plan = self._plans.get(key)
        if plan is None:
            needed, stack = set(), list(fetches)
            while stack:  # like backprop.ancestors, but fed nodes need nothing above them
                node = stack.pop()
                if node not in needed:
                    needed.add(node)
                    if node not in fed:
                        stack.extend(node.inputs)
            order = [n for n in topological_order(needed) if n not in fed]
            backprop_follows = any(isinstance(n, Gradients) for n in order)
            plan = _Plan([(n, _kind(n, backprop_follows)) for n in order], fetches, fed)
            self._plans[key] = plan
        return plan

    def _check_finite(self, node, values):
        value = values[node]
        if np.result_type(value).kind == "f" and not np.all(np.isfinite(value)):
            bad = [describe(i) for i in node.inputs if not np.all(np.isfinite(values[i]))]
            if bad:
                where = f"its inputs {', '.join(bad)} already held NaN/inf"
            else:
                sizes = ", ".join(f"{describe(i)} up to {np.max(np.abs(values[i])):.3g}" for i in node.inputs)
                where = f"its inputs were all finite: {sizes or 'none'}"
            raise NumericsError(
                f"op {describe(node)} produced NaN or inf ({where}). Very large inputs usually mean training "
                "diverged (try a smaller learning rate); log(0) or x/0 need a stable formulation "
                "(e.g. the fused softmax_cross_entropy_with_logits_v2)."
            )

    def _read(self, var):
        try:
            return self._variables[var]
        except KeyError:
            raise UninitializedVariableError(
                f"variable {describe(var)} has no value in this session yet. Run the initializer first: "
                f"sess.run(deepslow.global_variables_initializer())"
            ) from None

    def _forget_slots(self, var, new_slots):
        for key in list(self._slots):
            if key[1] is var:
                new_slots[key] = {}

    def _cast(self, array):
        if self._precision is not None and array.dtype.kind == "f":
            return array.astype(self._precision)
        return array

    def _check_graph(self, node, what):
        if not isinstance(node, Node):
            return
        if node.graph is not self.graph:
            raise FetchError(
                f"cannot {what} {describe(node)}: it belongs to a different graph than this session's. "
                "Create the session after building the graph (or pass graph=...)."
            )


def _flatten(fetches):
    """Fetches as a flat list of nodes plus a function putting results back in the same shape.
    (It recurses over the fetch structure you wrote, never over the graph.)"""
    if isinstance(fetches, Node):
        return [fetches], _first
    if type(fetches) is list:  # the common case, [train_op, loss], needs no rebuilding
        for fetch in fetches:
            if not isinstance(fetch, Node):
                break
        else:
            return fetches, list
    if isinstance(fetches, (list, tuple)):
        parts = [_flatten(f) for f in fetches]
        if hasattr(fetches, "_fields"):  # a namedtuple comes back as the same namedtuple
            return _join(parts, lambda items: type(fetches)(*items))
        return _join(parts, type(fetches) if type(fetches) in (list, tuple) else list)
    if isinstance(fetches, dict):
        keys = list(fetches)
        parts = [_flatten(fetches[k]) for k in keys]
        return _join(parts, lambda items: dict(zip(keys, items)))
    hint = ""
    if fetches is None:
        hint = " (gradients() returns None for a variable the output does not depend on)"
    raise FetchError(
        f"Session.run fetches nodes (or a list, tuple or dict of nodes); got {type(fetches).__name__} "
        f"{fetches!r:.60}{hint}"
    )


def _first(results):
    return results[0]


def _join(parts, build):
    nodes = [n for part_nodes, _ in parts for n in part_nodes]

    def rebuild(results):
        items, start = [], 0
        for part_nodes, part_rebuild in parts:
            items.append(part_rebuild(results[start : start + len(part_nodes)]))
            start += len(part_nodes)
        return build(items)

    return nodes, rebuild


def _output(value):
    """What run() hands back: a fresh array (never the session's own), a NumPy scalar for 0-d."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        return value  # NumPy scalars are immutable: nothing to copy
    array = np.array(value)  # copies, so the caller cannot change a variable behind our back
    return array[()] if array.ndim == 0 else array


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
