"""Sessions: where a graph's values live and where it runs.

    with Session() as sess:
        sess.run(global_variables_initializer())
        print(sess.run(loss, feed_dict={x: data}))

A run has three steps:
  1. plan    the fetched nodes' ancestors in topological order, stopping at fed nodes
             (worked out once per set of fetches and feeds, so a training loop plans once);
  2. execute each node once, in that order, with the step for its kind (steps.py);
  3. commit  only if every node succeeded: store new variable values (from initializers,
             assignments and train ops). A run that fails leaves the session exactly as it was.
Step 2 has two back-ends that call the same step functions: the interpreter below, a loop over
the plan, and, once a plan has run twice, a compiled plan (compiled.py), which writes the same
calls out as straight-line Python so that each run skips the loop's bookkeeping.
"""

import contextlib

import numpy as np

from . import registry, steps
from .compiled import NotCompilableError, compile_plan
from .errors import FeedError, FetchError, describe
from .graph import Node, _session_stack, check_new_value, get_default_graph, topological_order


class Session:
    """Runs nodes of one graph. `check_numerics=True` stops at the first op producing NaN/inf.
    `compile_plans=False` always interprets, e.g. to step through `_interpret` in a debugger.
    `precision=np.float64` computes in float64 throughout (the gradient checker does).
    TF1's `target` and `config` (e.g. tf.ConfigProto(log_device_placement=True)) are accepted and
    change nothing: a deepslow session runs here, on the CPU, in this process."""

    def __init__(self, graph=None, check_numerics=False, precision=None, compile_plans=True, *, target="", config=None):
        if isinstance(graph, str):  # tf.Session("") or tf.Session(target): TF1's first argument is the target
            graph = None
        self.graph = graph or get_default_graph()
        self.check_numerics = check_numerics
        self._precision = None if precision is None else np.dtype(precision)
        self._variables = {}  # Variable -> current value (this session's own copy)
        self._slots = {}  # (train op, Variable) -> optimizer state dict
        self._generators = {}  # random node -> its NumPy generator in this session
        self._plans = {}
        self._compile_plans = compile_plans
        self._closed = False

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Compute `fetches` (a node, or a list/tuple/dict of them) with the placeholders fed."""
        if self._closed:
            raise RuntimeError("this Session is closed; open a new one with deepslow.Session()")
        nodes, rebuild = _flatten(fetches, self.graph)
        feed_dict = {} if feed_dict is None else feed_dict
        key = (tuple(nodes), frozenset(feed_dict)) if type(feed_dict) is dict else None
        plan = self._plans.get(key) or self._plan(key, nodes, feed_dict)
        if plan.feeds_by_name:  # TF1 also feeds by tensor name: {"x:0": data}
            feed_dict = _named_feeds(self.graph, feed_dict)
        updates = steps.Updates()
        if plan.compiled is not None and plan.written_at != registry.registrations:
            self._compile(plan)  # a gradient was registered since: what it reads may differ (registry.reads_of)
        if plan.compiled is not None and not self.check_numerics:  # (check_numerics may be switched on later)
            outputs = plan.compiled(feed_dict, self, updates)
        else:
            outputs = self._interpret(plan, feed_dict, updates)
        self._commit(updates)
        plan.runs += 1
        if plan.runs == 2:
            self._compile(plan)  # it is being run repeatedly: a training loop, a widget's frames
        return rebuild([_output(value) for value in outputs])

    def _interpret(self, plan, feed_dict, updates):
        """Run the plan node by node, each with the step for its kind: the reference back-end."""
        values = {node: steps.feed(node, value, self._feed_dtype(node)) for node, value in feed_dict.items()}
        saved = {}  # what ops kept for their gradients in this run (see Operation.compute_and_save)
        with np.errstate(all="ignore"):  # NaN/inf are reported by check_numerics, not warnings
            for node in plan.order:
                inputs = [values[i] for i in node.inputs]
                if node.kind == "op":
                    if node in plan.saving:
                        values[node] = steps.compute_and_save(node, saved, *inputs)
                    else:
                        values[node] = steps.compute(node, *inputs)
                    if self.check_numerics:
                        steps.check_finite(node, values[node], inputs)
                elif node.kind == "variable":
                    values[node] = steps.read_variable(node, self._variables)
                elif node.kind == "constant":
                    values[node] = steps.constant(node, self._precision)
                elif node.kind == "random":
                    values[node] = steps.sample(node, self._generators, *inputs)
                elif node.kind == "gradients":
                    values[node] = node.backpropagate(values, saved, self.check_numerics)
                elif node.kind == "train":
                    values[node] = steps.train(node, updates, self._variables, self._slots, *inputs)
                elif node.kind == "assign":
                    values[node] = steps.assign(node, updates, *inputs)
                elif node.kind == "init":
                    values[node] = steps.initialize(node, updates, *inputs)
                else:  # a placeholder nobody fed
                    steps.missing_feed(node)
        return [values[n] for n in plan.fetches]

    def _commit(self, updates):
        """Store a successful run's variable values and optimizer state (never a failed run's)."""
        if updates.forget:  # re-initialized variables start their optimizer state afresh
            self._slots = {key: state for key, state in self._slots.items() if key[1] not in updates.forget}
        self._variables.update(updates.variables)
        self._slots.update(updates.slots)

    # --- plans ----------------------------------------------------------------------------
    def _plan(self, key, nodes, feed_dict):
        """A new plan for these fetches and feeds (the feeds' keys and the fetches checked once)."""
        by_name = type(feed_dict) is dict and any(type(k) is str for k in feed_dict)
        if by_name:
            feed_dict = _named_feeds(self.graph, feed_dict)
        self._check_feed_keys(feed_dict)
        for node in nodes:
            self._check_graph(node, "fetch")
        plan = self._plans[key] = Plan(nodes, set(feed_dict))
        plan.feeds_by_name = by_name
        return plan

    def _compile(self, plan):
        plan.compiled, plan.written_at = None, registry.registrations
        if self._precision is not None or not self._compile_plans:
            plan.source = "# interpreted: this session has precision= or compile_plans=False\n"
            return
        try:
            plan.compiled, plan.source = compile_plan(plan)
        except NotCompilableError as reason:
            plan.source = f"# interpreted: {reason}\n"

    def compiled_source(self, fetches, feed_dict=None):
        """The Python source this session runs for `fetches` with `feed_dict`'s placeholders fed,
        once that plan has run twice (see compiled.py); or a comment saying why there is none."""
        nodes, _ = _flatten(fetches, self.graph)
        plan = self._plans.get((tuple(nodes), frozenset(feed_dict or {})))
        if self.check_numerics:
            return "# interpreted: check_numerics is on, and only the interpreter checks each op\n"
        if plan is None or plan.source is None:
            return "# not compiled yet: a plan is compiled when it has run twice\n"
        return plan.source

    # --- variables, for savers and for `variable.load()` ---------------------------------------
    def variable_values(self, variables=None):
        """{Variable: a copy of its value} for `variables` (default: every initialized one)."""
        variables = list(self._variables) if variables is None else variables
        return {var: np.array(steps.read_variable(var, self._variables)) for var in variables}

    def load_variables(self, values):
        """Set variables to the given {Variable: value} at once (shapes and dtypes checked)."""
        checked = {}
        for var, value in values.items():
            self._check_graph(var, "load")
            checked[var] = check_new_value(var, np.array(value, dtype=var.dtype), "the value loaded")
        self._variables.update(checked)

    # --- the session as a default, and its end ----------------------------------------------
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
        self._generators.clear()

    # --- checks ------------------------------------------------------------------------------
    def _feed_dtype(self, node):
        if self._precision is not None and (node.dtype is None or node.dtype.kind == "f"):
            return self._precision  # the gradient checker computes in float64 throughout
        return node.dtype

    def _check_feed_keys(self, feed_dict):
        if not isinstance(feed_dict, dict):
            raise FeedError(f"feed_dict must be a dict mapping placeholders to values, got {type(feed_dict).__name__}")
        for node in feed_dict:
            if not isinstance(node, Node):
                raise FeedError(
                    f"feed_dict keys must be nodes (the placeholder objects), got {node!r:.60}. "
                    f"Use feed_dict={{x: data}} where x = deepslow.placeholder(...)"
                )
            self._check_graph(node, "feed")

    def _check_graph(self, node, what):
        if node.graph is not self.graph:
            raise FetchError(
                f"cannot {what} {describe(node)}: it belongs to a different graph than this session's. "
                "Create the session after building the graph (or pass graph=...)."
            )


class InteractiveSession(Session):
    """A Session that is the default from the start (TF1's, for notebooks and shells):
    `node.eval()` and `init.run()` use it until it is closed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _session_stack.append(self)

    def close(self):
        if self in _session_stack:
            _session_stack.remove(self)
        super().close()


class Plan:
    """What one set of fetches with one set of fed nodes needs: the fetches' ancestors in
    topological order, fed nodes cutting the search (what they depend on is not computed)."""

    def __init__(self, fetches, fed):
        needed, stack = set(), list(fetches)
        while stack:  # like graph.ancestors, but fed nodes need nothing above them
            node = stack.pop()
            if node not in needed:
                needed.add(node)
                if node not in fed:
                    stack.extend(node.inputs)
        self.fetches, self.fed = fetches, fed
        self.order = [n for n in topological_order(needed) if n not in fed]
        backprop_follows = any(n.kind == "gradients" for n in self.order)
        # ops that keep something for their gradient, in runs that backpropagate
        self.saving = {n for n in self.order if backprop_follows and hasattr(n, "compute_and_save")}
        self.runs = 0
        self.feeds_by_name = False  # some feed keys are names ("x:0"), looked up at each run
        self.compiled = None  # the function compiled.py wrote for it, once it has run twice
        self.written_at = None  # registry.registrations when it was written
        self.source = None  # that function's source, or why there is none


def _flatten(fetches, graph):
    """Fetches as a flat list of nodes plus a function putting results back in the same shape.
    (It recurses over the fetch structure you wrote, never over the graph.) A name ("loss:0" or
    "train") stands for the node of that name in `graph`, as in TF1."""
    if isinstance(fetches, Node):
        return [fetches], _first
    if type(fetches) is str:
        return [_by_name(graph, fetches)], _first
    if type(fetches) is list:  # the common case, [train_op, loss], needs no rebuilding
        for fetch in fetches:
            if not isinstance(fetch, Node):
                break
        else:
            return fetches, list
    if isinstance(fetches, (list, tuple)):
        parts = [_flatten(f, graph) for f in fetches]
        if hasattr(fetches, "_fields"):  # a namedtuple comes back as the same namedtuple
            return _join(parts, lambda items: type(fetches)(*items))
        return _join(parts, type(fetches) if type(fetches) in (list, tuple) else list)
    if isinstance(fetches, dict):
        keys = list(fetches)
        parts = [_flatten(fetches[k], graph) for k in keys]
        return _join(parts, lambda items: dict(zip(keys, items)))
    hint = ""
    if fetches is None:
        hint = " (gradients() returns None for a variable the output does not depend on)"
    raise FetchError(
        f"Session.run fetches nodes (or a list, tuple or dict of nodes); got {type(fetches).__name__} "
        f"{fetches!r:.60}{hint}"
    )


def _by_name(graph, name, what="fetch"):
    """The node a fetch or a feed key names; a FetchError or FeedError saying what names there are."""
    try:
        return graph.get_tensor_by_name(name)
    except KeyError as exc:
        names = ", ".join(repr(n.name) for n in graph.nodes[:8]) + (", ..." if len(graph.nodes) > 8 else "")
        there = f"its nodes are named {names}" if names else "it has no nodes yet"
        if what == "feed":
            raise FeedError(
                f"feed_dict keys must be nodes (the placeholder objects) or their names as TF1 writes them "
                f"('x:0'): {exc.args[0]}; {there}"
            ) from None
        raise FetchError(
            f"Session.run fetches nodes, or their names as TF1 writes them ('loss:0'): {exc.args[0]}; {there}"
        ) from None


def _named_feeds(graph, feed_dict):
    """The feed dict with each name ("x:0") replaced by the node it names."""
    return {_by_name(graph, k, "feed") if type(k) is str else k: v for k, v in feed_dict.items()}


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
    if array.dtype.kind == "S":  # text comes back as TF gives it: bytes, or an array of bytes objects
        return array.item() if array.ndim == 0 else array.astype(object)
    return array[()] if array.ndim == 0 else array
