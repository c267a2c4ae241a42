"""Notebook display hooks: what a cell shows when its last line is a graph or a node.

`Graph._repr_mimebundle_` and `Node._repr_mimebundle_` call `mimebundle(obj)`. It returns
the graph's SVG when Graphviz is available (system `dot`, else the `graphviz-pure`
executable), inline in HTML and as image/svg+xml, and a plain-text/HTML listing with a
one-line hint otherwise.

It never raises: a display hook that raised would print a traceback in the middle of a
lesson and could fail "Run All" or nbval on a machine without Graphviz. The SVG is cached in
`graph._renderings`, which the graph clears whenever a node is added.
"""

import html

from .graph import Node

MAX_NODES = 300  # beyond this the picture is unreadable and dot gets slow; show text instead
HINT = "(shown as text: no Graphviz found; `pip install graphviz-pure` or `apt install graphviz` to see it drawn)"


def mimebundle(target):
    """{mime type: data} for a Graph, a node, a list of nodes, or a deepslow Drawing."""
    try:
        return _bundle(target)
    except Exception as exc:  # noqa: BLE001 - a display hook must not raise, whatever happened
        return {"text/plain": f"{_safe_repr(target)}\n(could not draw it: {type(exc).__name__}: {exc})"}


def _bundle(target):
    from . import drawing  # graphviz is imported only when a notebook displays something

    if isinstance(target, drawing.Drawing):
        return _svg_or_text(target.source, target.listing, repr_text="<deepslow drawing>")
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
    bundle = _svg_or_text(dot.source, dot.listing, repr_text=_safe_repr(target))
    if "image/svg+xml" in bundle:  # text fallbacks are not cached: Graphviz may get installed
        graph._renderings[key] = bundle
    return dict(bundle)


def _svg_or_text(source, listing, repr_text):
    from . import drawing

    try:
        svg = drawing.render_svg(source)
    except drawing.RenderError:
        return text_bundle(listing, repr_text)
    # text/html carries the SVG inline, so JupyterLab puts a real <svg> in the page (its image/svg+xml
    # renderer would show an <img>); the picture shrinks to the output's width but never grows.
    return {
        "text/html": f'<div class="deepslow-graph">{drawing.inline_svg(svg)}</div>',
        "image/svg+xml": drawing.inline_svg(svg, fit_width=False),
        "text/plain": repr_text,
    }


def text_bundle(listing, repr_text):
    """The fallback: the node listing as text and as HTML, with the one-line hint."""
    plain = f"{repr_text}\n{listing}\n{HINT}"
    rich = f"<pre>{html.escape(repr_text)}\n{html.escape(listing)}</pre><p><i>{html.escape(HINT)}</i></p>"
    return {"text/plain": plain, "text/html": rich}


def _safe_repr(obj):
    try:
        return repr(obj)
    except Exception:  # noqa: BLE001
        return f"<{type(obj).__name__}>"
