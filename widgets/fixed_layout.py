"""Layout once, restyle many: the GraphStepper's picture of a graph.

Graphviz lays the graph out one time; `FixedLayout.svg(...)` then produces any number of
restyled copies of that SVG (colours, borders, the values and gradients printed in the boxes)
by filling slots in a template. That takes well under a millisecond and never moves a node, so
stepping through a graph is instant and nothing jumps.

It builds on deepslow.drawing (the DOT source, the renderer chain, the label lines) and lives
here, with the widgets, because only a Jupyter widget needs it.
"""

import html
import re
import uuid

from deepslow import drawing

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
    `width_pt` and `height_pt` are the picture's natural size, in points (4/3 CSS pixel each).
    """

    def __init__(self, nodes, values=None, grads=None, loss=None, rankdir="TB", rows=3, cols=4):
        self.prefix = "ds" + uuid.uuid4().hex[:8]  # unique ids: several pictures can share a page
        self.rows, self.cols, self.values, self.grads = rows, cols, values or {}, grads or {}
        source, self.nodes, self.label_lines = drawing.build(
            nodes, self.values, self.grads, None, loss, rankdir, rows, cols, ids=self.prefix, sentinels=True
        )
        self.losses = drawing.losses_to_draw(self.nodes[0].graph, loss)
        drawn = set(self.nodes)
        self.edges = [(inp, node) for node in self.nodes for inp in node.inputs if inp in drawn]
        svg = drawing.render_svg(source.source)
        size = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        self.width_pt, self.height_pt = (float(size.group(1)), float(size.group(2))) if size else (None, None)
        self.parts = self._template(drawing.inline_svg(svg))

    def kind(self, node):
        return drawing.node_kind(node, self.losses)

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
                    raise drawing.RenderError(
                        f"unexpected SVG for {name}: {len(texts)} texts for {len(lines)} label lines"
                    )
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
                node, ("", drawing.KIND_COLORS[self.kind(node)], "#343a40", 1, self.kind(node) == "training")
            )
            dash = ' stroke-dasharray="5,2"' if dashed else ""
            slots[f"class{i}"], slots[f"fill{i}"] = css, fill
            slots[f"stroke{i}"] = f'stroke="{border}" stroke-width="{width}"{dash}'
            lines = self.label_lines[node]
            fresh = {}  # the label for what is known now, line by line within each kind
            value, grad = values.get(node), grads.get(node)
            for text, kind in drawing.label_lines(
                node, value, grad, node in values, node in grads, self.rows, self.cols
            ):
                fresh.setdefault(kind, []).append(text)
            seen = {}
            for k, (_, kind) in enumerate(lines):
                n = seen[kind] = seen.get(kind, -1) + 1
                new = fresh[kind][n] if n < len(fresh.get(kind, ())) else ""
                slots[f"t{i}_{k}"] = html.escape(new).replace(" ", "&#160;")
        for j, edge in enumerate(self.edges):
            color, width = edge_styles.get(edge, ("#868e96" if drawing.is_training(edge[1]) else "#343a40", 1))
            slots[f"estroke{j}"], slots[f"efill{j}"] = f'stroke="{color}" stroke-width="{width}"', color
        parts = self.parts[:]
        parts[1::2] = [slots[key] for key in parts[1::2]]
        return "".join(parts)
