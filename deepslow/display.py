"""Notebook display hooks: what a cell shows when its last line is a graph or a node.

This module gives `Graph` and `Node` their `_repr_mimebundle_` (the IPython display hook):
graph.py imports nothing above it, so the hook is installed here. It calls `mimebundle(obj)`, which returns
the graph's SVG when Graphviz is available (system `dot`, else the `graphviz-pure`
executable), inline in HTML and as image/svg+xml, and a plain-text/HTML listing with a
one-line hint otherwise.

It never raises: a display hook that raised would print a traceback in the middle of a
lesson and could fail "Run All" or nbval on a machine without Graphviz. The SVG is cached in
`graph._renderings`, which the graph clears whenever a node is added.
"""

from .graph import Graph, Node

MAX_NODES = 300  # beyond this the picture is unreadable and dot gets slow; show text instead


def mimebundle(target):
    """{mime type: data} for a Graph, a node or a list of nodes."""
    try:
        return _bundle(target)
    except Exception as exc:  # noqa: BLE001 - a display hook must not raise, whatever happened
        return {"text/plain": f"{_safe_repr(target)}\n(could not draw it: {type(exc).__name__}: {exc})"}


def _bundle(target):
    from . import drawing  # graphviz is imported only when a notebook displays something

    graph, nodes = drawing.collect(target)
    if not nodes:
        return {"text/plain": f"{_safe_repr(target)} (empty: nothing to draw yet)"}
    if len(nodes) > MAX_NODES:
        text = f"{_safe_repr(target)}: {len(nodes)} nodes, too many to draw; draw a part with deepslow.draw(node)"
        return {"text/plain": text}
    key = ("hook", tuple(nodes), isinstance(target, Node))
    cached = graph._renderings.get(key)
    if cached is not None:
        return dict(cached)
    highlight = target if isinstance(target, Node) else None  # "this one" stands out
    dot = drawing.draw(target, highlight=highlight)
    bundle = drawing.svg_bundle(dot.source, dot.listing, repr_text=_safe_repr(target))
    if "image/svg+xml" in bundle:  # text fallbacks are not cached: Graphviz may get installed
        graph._renderings[key] = bundle
    return dict(bundle)


def _safe_repr(obj):
    try:
        return repr(obj)
    except Exception:  # noqa: BLE001
        return f"<{type(obj).__name__}>"


def _repr_mimebundle_(self, include=None, exclude=None):
    return mimebundle(self)


Graph._repr_mimebundle_ = Node._repr_mimebundle_ = _repr_mimebundle_
