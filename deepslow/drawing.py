"""Drawing graphs: `draw()` builds Graphviz DOT; `render_svg()` turns it into a picture.

Each node becomes a box that reads like a record: its name, its op type and shape, and, when
you pass them, a short preview of its value and of its gradient. The colour says what kind of
node it is (placeholder, variable, constant, op, loss, training machinery), so a learner can
tell at a glance what is fed, what is learned and what is computed.

Graphviz does the layout. We look for a renderer in this order: the system `dot`, then the
`graphviz-pure` executable (a pip-installable Graphviz). `render_svg` raises RenderError if
neither works; the notebook display hooks in deepslow.display catch that and show text.

`FixedLayout` is "layout once, restyle many": it asks Graphviz for positions one time and then
produces any number of restyled copies of that SVG (colours, borders, value text) by filling
slots in a template, which takes well under a millisecond and never moves a node.
"""

import html
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import uuid

import graphviz
import numpy as np

from .graph import Graph, Node, _shape_text, ancestors

# One fill colour per kind of node. Saturated enough to survive a washed-out projector.
KIND_COLORS = {
    "placeholder": "#a5d8ff",  # blue: fed from outside at run time
    "variable": "#b2f2bb",  # green: learned parameters
    "constant": "#e9ecef",  # grey: fixed numbers
    "op": "#fff3bf",  # yellow: computed from inputs
    "loss": "#ffc9c9",  # red: what training makes small
    "training": "#ffffff",  # white, dashed: gradients, train ops, initializers
}
KIND_NAMES = {
    "placeholder": "placeholder (fed)",
    "variable": "variable (learned)",
    "constant": "constant",
    "op": "operation",
    "loss": "loss",
    "training": "training machinery",
}
HIGHLIGHT_COLOR = "#e8590c"  # orange border: "look here"
GRAD_COLOR = "#c92a2a"  # dark red: gradients
FONT = "Helvetica,Arial,sans-serif"
MONO = "Courier,monospace"
TRAINING_KINDS = ("gradients", "train", "init", "assign")  # node kinds drawn as training machinery


class RenderError(RuntimeError):
    """No Graphviz renderer could turn the DOT source into SVG."""


# --- which nodes, and what kind each is --------------------------------------------------------


def collect(target):
    """(graph, nodes) to draw for a Graph, a node (with its ancestors) or a list of nodes.
    Nodes come in creation order, which is a topological order and keeps drawings stable."""
    if isinstance(target, Graph):
        return target, list(target.nodes)
    targets = [target] if isinstance(target, Node) else list(target) if isinstance(target, (list, tuple)) else []
    if not targets or not all(isinstance(t, Node) for t in targets):
        raise TypeError(f"draw() takes a Graph, a node or a list of nodes, got {target!r:.80}")
    graph = targets[0].graph
    wanted = ancestors(targets)
    return graph, [n for n in graph.nodes if n in wanted]


def losses_of(graph):
    """Nodes that something differentiates (the ys of every gradients()/minimize() call)."""
    return {y for node in graph.nodes if node.kind == "gradients" for y in node.ys}


def node_kind(node, losses=()):
    """The colour group of a node: its kind, with the loss and the training machinery set apart."""
    if node in losses:
        return "loss"
    if node.kind in ("placeholder", "variable", "constant"):
        return node.kind
    return "training" if _is_training(node) else "op"


def _is_training(node):
    """Gradients, train ops, initializers, and the ops that pick gradients out (GradientOf)."""
    return node.kind in TRAINING_KINDS or node.op_type == "GradientOf"


# --- short previews of values ------------------------------------------------------------------


def format_number(x):
    """A number as a learner would write it: 2, -0.5, 0.693, 1.23e+03, nan."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    if x.is_integer() and abs(x) < 1e6:
        return str(int(x))
    return f"{x:.3g}"


def _pick(n, limit):
    """Indices to show out of n, with None marking the elided middle: [0, 1, None, n-1].
    Eliding a single item would save nothing, so up to limit + 1 items are all shown."""
    if n <= limit + 1:
        return list(range(n))
    return list(range(limit - 1)) + [None, n - 1]


def preview(value, rows=3, cols=4):
    """A few lines of text showing `value`, never more than `rows` rows by `cols` columns:
    a 1000x2 matrix shows its first and last rows with '...' between, never a thousand lines."""
    if value is None:
        return []
    a = np.asarray(value)
    if a.dtype.kind not in "biuf":
        return [str(value)[:40]]
    if a.ndim == 0:
        return [format_number(a.item())]
    if a.size == 0:
        return [f"empty {_shape_text(a.shape)}"]
    if a.ndim > 2:
        return [f"{_shape_text(a.shape)} values", f"{format_number(a.min())} .. {format_number(a.max())}"]
    matrix = a.reshape(1, -1) if a.ndim == 1 else a
    row_ids, col_ids = _pick(matrix.shape[0], max(rows, 2)), _pick(matrix.shape[1], max(cols, 2))
    shown = [r for r in row_ids if r is not None]
    cells = [[format_number(matrix[r, c]) if c is not None else "..." for c in col_ids] for r in shown]
    widths = [max(len(row[k]) for row in cells) for k in range(len(col_ids))]
    texts = iter(" ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in cells)
    if a.ndim == 1:
        return [f"[{next(texts)}]"]
    body = ["..." if r is None else f"[{next(texts)}]" for r in row_ids]
    lines = ["[" + body[0]] + [" " + line for line in body[1:]]
    lines[-1] += "]"
    return lines


# --- the DOT source ----------------------------------------------------------------------------


def _label_lines(node, value, grad, has_value, has_grad, rows, cols):
    """The label as (text, kind) lines; kind is 'name', 'info', 'value' or 'grad'."""
    shape = np.shape(value) if has_value and value is not None else node.shape
    info = node.op_type
    if shape is not None and not _is_training(node):
        info += " " + _shape_text(shape)
    lines = [(node.name, "name")]
    if info != node.name:  # an op named after its type ("Add") would just say its name twice
        lines.append((info, "info"))
    if has_value:
        body = preview(value, rows, cols) or ["(no value)"]
        lines += [(("val  " if i == 0 else "     ") + text, "value") for i, text in enumerate(body)]
    if has_grad:
        body = preview(grad, rows, cols) or ["-"]
        lines += [(("grad " if i == 0 else "     ") + text, "grad") for i, text in enumerate(body)]
    return lines


def _html_label(lines):
    """Graphviz HTML-like label: a bold centred name, a grey info line, left-aligned previews."""
    parts = []
    for text, kind in lines:
        text = html.escape(text)
        if kind == "name":
            parts.append(f'<FONT POINT-SIZE="16"><B>{text}</B></FONT><BR ALIGN="CENTER"/>')
        elif kind == "info":
            parts.append(f'<FONT POINT-SIZE="13" COLOR="#495057">{text}</FONT><BR ALIGN="CENTER"/>')
        else:
            color = GRAD_COLOR if kind == "grad" else "#000000"
            parts.append(f'<FONT FACE="{MONO}" POINT-SIZE="14" COLOR="{color}">{text}</FONT><BR ALIGN="LEFT"/>')
    return "<" + "".join(parts) + ">"


class Drawing(graphviz.Digraph):
    """A graphviz.Digraph whose notebook display goes through deepslow's renderer chain
    (system dot, then graphviz-pure, then a text listing), so showing it never raises."""

    listing = ""  # the text fallback, set by draw()

    def _repr_mimebundle_(self, include=None, exclude=None, **_):
        try:
            return svg_bundle(self.source, self.listing, "<deepslow drawing>")
        except Exception as exc:  # noqa: BLE001 - a display hook must not raise, whatever happened
            return {"text/plain": f"<deepslow drawing> (could not draw it: {type(exc).__name__}: {exc})"}

    def svg(self):
        """The drawing as an SVG string (raises RenderError when no Graphviz renderer works)."""
        return render_svg(self.source)


def draw(target, values=None, grads=None, highlight=None, loss=None, rankdir="TB", rows=3, cols=4):
    """Draw a Graph, a node (with everything it depends on) or a list of nodes.

    values, grads: optional {node: array} to preview inside the boxes, e.g.
        values = dict(zip(nodes, sess.run(nodes, feed)))
    highlight: a node or a list of nodes to outline in orange.
    loss: the node(s) to colour as the loss (default: whatever gradients()/minimize() targets).
    rankdir: "TB" (inputs on top) or "LR" (inputs on the left).
    rows, cols: size cap of each preview (a 1000x2 matrix shows 3 rows).
    Returns a graphviz.Digraph (a deepslow.drawing.Drawing); a notebook shows it as SVG.
    """
    dot, _, _ = _build(target, values, grads, highlight, loss, rankdir, rows, cols)
    return dot


def _losses(graph, loss):
    return losses_of(graph) if loss is None else set([loss] if isinstance(loss, Node) else loss)


def _build(target, values, grads, highlight, loss, rankdir, rows, cols, ids="ds", sentinels=False):
    """(Drawing, nodes drawn, {node: label lines}). With `sentinels`, node i gets fill #fd000i
    and border #fe000i and edge j colour #fc000j, so FixedLayout can find them in the SVG."""
    graph, nodes = collect(target)
    values, grads = values or {}, grads or {}
    highlight = set([highlight] if isinstance(highlight, Node) else highlight or [])
    losses = _losses(graph, loss)
    drawn = set(nodes)

    dot = Drawing(name="deepslow", graph_attr={"rankdir": rankdir, "nodesep": "0.3", "ranksep": "0.3"})
    dot.attr("node", shape="box", style="rounded,filled", fontname=FONT, margin="0.12,0.06")
    dot.attr("edge", color="#343a40", arrowsize="0.8")
    lines_of = {}
    for i, node in enumerate(nodes):
        kind = node_kind(node, losses)
        lines = _label_lines(node, values.get(node), grads.get(node), node in values, node in grads, rows, cols)
        lines_of[node] = lines
        style = "rounded,filled,dashed" if kind == "training" else "rounded,filled"
        attrs = {"fillcolor": KIND_COLORS[kind], "color": "#343a40", "style": style, "class": f"ds-{kind}"}
        if node in highlight:
            attrs.update(color=HIGHLIGHT_COLOR, penwidth="4")
        if sentinels:
            attrs.update(fillcolor=f"#fd{i:04x}", color=f"#fe{i:04x}", style="rounded,filled")
        dot.node(node.name, _html_label(lines), id=f"{ids}_n{i}", **attrs)
    j = 0
    for node in nodes:
        for inp in node.inputs:
            if inp in drawn:
                attrs = {"style": "dashed", "color": "#868e96"} if _is_training(node) else {}
                if sentinels:
                    attrs = {"color": f"#fc{j:04x}"}
                dot.edge(inp.name, node.name, id=f"{ids}_e{j}", **attrs)
                j += 1
    dot.listing = text_listing(nodes, losses)
    return dot, nodes, lines_of


def text_listing(nodes, losses=()):
    """The graph as plain text, one node per line: what a notebook shows when nothing can draw."""
    width = max((len(n.name) for n in nodes), default=4)
    rows = []
    for node in nodes:
        text = f"{node.name.ljust(width)}  {node.op_type}" + (" (loss)" if node in losses else "")
        if node.shape is not None:
            text += " " + _shape_text(node.shape)
        if node.inputs:
            text += "  <- " + ", ".join(i.name for i in node.inputs)
        rows.append(text)
    return "\n".join(rows)


# --- rendering ---------------------------------------------------------------------------------


def _script_dirs():
    """Where pip puts executables for this Python; a kernel's PATH does not always include it."""
    dirs = [sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]
    return [d for d in dirs if d]


def find_renderers():
    """Executables that can lay out DOT, best first: the system `dot`, then `graphviz-pure`."""
    path = os.environ.get("PATH", "")
    pip_path = os.pathsep.join([path, *_script_dirs()])
    found = [shutil.which("dot", path=path), shutil.which("graphviz-pure", path=pip_path)]
    return [exe for exe in found if exe]


def render_svg(source, timeout=30):
    """Run the first renderer that works on DOT `source` and return the SVG text."""
    problems = []
    for exe in find_renderers():
        try:
            done = subprocess.run([exe, "-Tsvg"], input=source.encode(), capture_output=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            problems.append(f"{exe}: {exc}")
            continue
        if done.returncode == 0 and b"<svg" in done.stdout:
            return done.stdout.decode("utf-8", errors="replace")
        problems.append(f"{exe}: exit {done.returncode}: {done.stderr.decode(errors='replace').strip()[:200]}")
    raise RenderError(
        "no Graphviz renderer worked (" + ("; ".join(problems) or "neither `dot` nor `graphviz-pure` was found") + "). "
        "Install one: pip install graphviz-pure, or apt install graphviz."
    )


HINT = "(shown as text: no Graphviz found; `pip install graphviz-pure` or `apt install graphviz` to see it drawn)"


def svg_bundle(source, listing, repr_text):
    """{mime type: data} for a notebook: the SVG when a renderer works, else the text listing."""
    try:
        svg = render_svg(source)
    except RenderError:
        return text_bundle(listing, repr_text)
    # text/html carries the SVG inline, so JupyterLab puts a real <svg> in the page (its image/svg+xml
    # renderer would show an <img>); the picture shrinks to the output's width but never grows.
    return {
        "text/html": f'<div class="deepslow-graph">{inline_svg(svg)}</div>',
        "image/svg+xml": inline_svg(svg, fit_width=False),
        "text/plain": repr_text,
    }


def text_bundle(listing, repr_text):
    """The fallback: the node listing as text and as HTML, with the one-line hint."""
    plain = f"{repr_text}\n{listing}\n{HINT}"
    rich = f"<pre>{html.escape(repr_text)}\n{html.escape(listing)}</pre><p><i>{html.escape(HINT)}</i></p>"
    return {"text/plain": plain, "text/html": rich}


def inline_svg(svg, fit_width=True):
    """SVG ready to sit inside HTML: no XML prolog or comments; with fit_width it shrinks to
    the width available but never grows beyond its natural size (labels stay crisp)."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    if fit_width:
        match = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        if match:
            style = f"max-width:{match.group(1)}pt;height:auto"
            svg = svg.replace(match.group(0), f'<svg width="100%" style="{style}" preserveAspectRatio="xMidYMin"')
    return svg


# --- layout once, restyle many -----------------------------------------------------------------

_SLOT = "\x00"  # marks a slot in the template: literal \0 key \0 literal ...


def _center_x(node_svg):
    """The x of the middle of a node's box, from the first shape outline in its SVG group."""
    outline = re.search(r' (?:d|points)="([^"]*)"', node_svg)
    if outline is None:
        return None
    xs = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", outline.group(1))[0::2]]
    return round((min(xs) + max(xs)) / 2, 2)


class FixedLayout:
    """A graph laid out once by Graphviz, then restyled any number of times.

    The boxes are sized for the final values and gradients (so text never spills out later).
    To find each box again in the SVG, the DOT source gives node i the fill colour #fd000i and
    border #fe000i, and edge j the colour #fc000j: unique strings that we swap for slots. Each
    node's <text> lines are slots too, in label order. `svg(...)` fills the slots: a string join.
    """

    def __init__(self, nodes, values=None, grads=None, loss=None, rankdir="TB", rows=3, cols=4):
        self.prefix = "ds" + uuid.uuid4().hex[:8]  # unique ids: several pictures can share a page
        self.rows, self.cols, self.values, self.grads = rows, cols, values or {}, grads or {}
        source, self.nodes, self.label_lines = _build(
            nodes, self.values, self.grads, None, loss, rankdir, rows, cols, ids=self.prefix, sentinels=True
        )
        self.losses = _losses(self.nodes[0].graph, loss)
        drawn = set(self.nodes)
        self.edges = [(inp, node) for node in self.nodes for inp in node.inputs if inp in drawn]
        self.parts = self._template(inline_svg(render_svg(source.source)))

    def kind(self, node):
        return node_kind(node, self.losses)

    def _template(self, svg):
        out, pos = [], 0
        groups = re.finditer(rf'<g id="{self.prefix}_([ne])(\d+)" class="([^"]*)">(.*?)</g>', svg, flags=re.S)
        for match in groups:
            out.append(svg[pos : match.start()])
            what, i, body = match.group(1), int(match.group(2)), match.group(4)
            if what == "n":
                body = body.replace(f'fill="#fd{i:04x}"', f'fill="{_SLOT}fill{i}{_SLOT}"')
                body = body.replace(f'stroke="#fe{i:04x}"', f"{_SLOT}stroke{i}{_SLOT}")
                texts = list(re.finditer(r"(<text[^>]*>)(.*?)(</text>)", body, flags=re.S))
                lines = self.label_lines[self.nodes[i]]
                if len(texts) != len(lines):
                    name = self.nodes[i].name
                    raise RenderError(f"unexpected SVG for {name}: {len(texts)} texts for {len(lines)} label lines")
                center = _center_x(body)
                pieces, last = [], 0
                for k, text in enumerate(texts):
                    opening = text.group(1)
                    if lines[k][1] in ("name", "info") and center is not None:  # stays centred if it changes
                        middle = f'text-anchor="middle" x="{center}"'
                        opening = re.sub(r'text-anchor="start" x="[^"]*"', middle, opening)
                    pieces.append(body[last : text.start(1)] + opening + f"{_SLOT}t{i}_{k}{_SLOT}")
                    last = text.end(2)
                body = "".join(pieces) + body[last:]
                head = f'<g id="{self.prefix}_n{i}" class="{match.group(3)} {_SLOT}class{i}{_SLOT}">'
            else:
                body = body.replace(f'stroke="#fc{i:04x}"', f"{_SLOT}estroke{i}{_SLOT}")
                body = body.replace(f'fill="#fc{i:04x}"', f'fill="{_SLOT}efill{i}{_SLOT}"')
                head = f'<g id="{self.prefix}_e{i}" class="{match.group(3)}">'
            out.append(head + body + "</g>")
            pos = match.end()
        out.append(svg[pos:])
        return "".join(out).split(_SLOT)

    def svg(self, node_styles=None, values=None, grads=None, edge_styles=None):
        """The picture with new styles and texts; nothing moves.

        node_styles: {node: (css_class, fill, border_colour, border_width, dashed)}; missing
        nodes keep their kind's colour. values/grads: what to print in the boxes now (missing
        ones print blank). edge_styles: {(input, node): (colour, width)}.
        """
        node_styles, edge_styles = node_styles or {}, edge_styles or {}
        values, grads = self.values if values is None else values, self.grads if grads is None else grads
        slots = {}
        for i, node in enumerate(self.nodes):
            css, fill, border, width, dashed = node_styles.get(
                node, ("", KIND_COLORS[self.kind(node)], "#343a40", 1, self.kind(node) == "training")
            )
            dash = ' stroke-dasharray="5,2"' if dashed else ""
            slots[f"class{i}"], slots[f"fill{i}"] = css, fill
            slots[f"stroke{i}"] = f'stroke="{border}" stroke-width="{width}"{dash}'
            lines = self.label_lines[node]
            fresh = {}  # the label for what is known now, line by line within each kind
            value, grad = values.get(node), grads.get(node)
            for text, kind in _label_lines(node, value, grad, node in values, node in grads, self.rows, self.cols):
                fresh.setdefault(kind, []).append(text)
            seen = {}
            for k, (_, kind) in enumerate(lines):
                n = seen[kind] = seen.get(kind, -1) + 1
                new = fresh[kind][n] if n < len(fresh.get(kind, ())) else ""
                slots[f"t{i}_{k}"] = html.escape(new).replace(" ", "&#160;")
        for j, edge in enumerate(self.edges):
            color, width = edge_styles.get(edge, ("#868e96" if _is_training(edge[1]) else "#343a40", 1))
            slots[f"estroke{j}"], slots[f"efill{j}"] = f'stroke="{color}" stroke-width="{width}"', color
        parts = self.parts[:]
        parts[1::2] = [slots[key] for key in parts[1::2]]
        return "".join(parts)
