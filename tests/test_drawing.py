"""Drawing graphs: the DOT we build, the renderer chain, the display hooks, the stepper's FixedLayout."""

import html
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from deepslow.widgets.fixed_layout import FixedLayout

import deepslow as tf
from deepslow import display, drawing
from deepslow.drawing import KIND_COLORS, draw, preview

GRAPHVIZ_PURE = drawing.shutil.which("graphviz-pure", path=os.pathsep.join(drawing._script_dirs()))


def affine():
    """Lesson 1's example: y = A x + b with A=[[1,0],[0,-1]], b=[1,1], x=[1,2] -> [2,-1]."""
    g = tf.Graph()
    with g.as_default():
        A = tf.Variable([[1.0, 0.0], [0.0, -1.0]], name="A")
        b = tf.Variable([[1.0], [1.0]], name="b")
        x = tf.placeholder(tf.float32, shape=(2, 1), name="x")
        y = tf.add(tf.matmul(A, x), b, name="y")
    return g, A, b, x, y


def node_line(dot, name):
    """The DOT statement that declares node `name`."""
    (line,) = [line for line in dot.body if line.startswith(f"\t{name} [")]
    return line


def label_texts(dot, name):
    """The text lines of a node's HTML-like label, tags stripped."""
    label = re.search(r"label=<(.*)>", node_line(dot, name)).group(1)
    return [html.unescape(strip_tags(line)) for line in re.split(r"<BR[^>]*/>", label) if strip_tags(line).strip()]


def strip_tags(text):
    return re.sub(r"<[^>]+>", "", text)


# --- the DOT source ----------------------------------------------------------------------------


def test_dot_of_the_affine_graph_has_its_nodes_edges_labels_and_colours():
    g, A, b, x, y = affine()
    dot = draw(g)
    assert isinstance(dot, drawing.graphviz.Digraph)
    edges = sorted(line.split("[")[0].strip() for line in dot.body if "->" in line)
    assert edges == ["A -> MatMul", "MatMul -> y", "b -> y", "x -> MatMul"]
    assert label_texts(dot, "A")[:2] == ["A", "Variable (2, 2)"]
    assert label_texts(dot, "x")[:2] == ["x", "Placeholder (2, 1)"]
    assert label_texts(dot, "MatMul") == ["MatMul"]  # named after its op type, shape unknown until it runs
    assert label_texts(draw(g, values={y.inputs[0]: np.zeros((2, 1))}), "MatMul") == [
        "MatMul",
        "MatMul (2, 1)",
        "val  [[0]",
        "      [0]]",
    ]
    assert label_texts(dot, "y") == ["y", "Add"]
    assert f'fillcolor="{KIND_COLORS["variable"]}"' in node_line(dot, "A")
    assert f'fillcolor="{KIND_COLORS["placeholder"]}"' in node_line(dot, "x")
    assert f'fillcolor="{KIND_COLORS["op"]}"' in node_line(dot, "y")
    assert "rankdir=TB" in dot.source
    assert "rankdir=LR" in draw(g, rankdir="LR").source


def test_each_kind_of_node_has_its_own_colour_and_the_loss_is_found_from_gradients():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
        w = tf.Variable([[1.0], [2.0]], name="w")
        c = tf.constant(3.0, name="c")
        loss = tf.reduce_sum(tf.matmul(x, w) * c, name="loss")
        tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    dot = draw(g)
    kinds = {"x": "placeholder", "w": "variable", "c": "constant", "MatMul": "op", "loss": "loss"}
    for name, kind in kinds.items():
        assert f'fillcolor="{KIND_COLORS[kind]}"' in node_line(dot, name), name
    assert len(set(KIND_COLORS.values())) == len(KIND_COLORS)
    train_line = node_line(dot, "GradientDescent")
    assert "dashed" in train_line and 'class="ds-training"' in train_line
    assert f'fillcolor="{KIND_COLORS["op"]}"' in node_line(draw(g, loss=[]), "loss")  # loss= overrides


def test_drawing_a_node_shows_it_with_its_ancestors_only_and_highlight_outlines_it():
    g, A, b, x, y = affine()
    with g.as_default():
        tf.constant(5.0, name="unrelated")
    matmul = y.inputs[0]
    names = [line.split()[0] for line in draw(matmul).body if " [label=" in line]
    assert names == ["A", "x", "MatMul"]
    assert names == [line.split()[0] for line in tf.draw([matmul]).body if " [label=" in line]
    assert "unrelated" in draw(g).source and "unrelated" not in draw(y).source
    assert "penwidth=4" in node_line(draw(y, highlight=matmul), "MatMul")
    assert "penwidth" not in node_line(draw(y, highlight=matmul), "y")
    with pytest.raises(TypeError, match="Graph, a node or a list of nodes"):
        draw(42)


def test_values_and_gradients_appear_rounded_in_the_boxes():
    g, A, b, x, y = affine()
    with g.as_default(), tf.Session() as sess:
        sess.run(tf.variables_initializer([A, b]))
        nodes = [A, x, y]
        values = dict(zip(nodes, sess.run(nodes, {x: [[1.0], [2.0]]}), strict=True))
    dot = draw(g, values=values, grads={A: np.array([[1.0, 2.0], [1.0, 2.0]]), y: np.array([[1 / 3], [1.0]])})
    assert label_texts(dot, "y") == ["y", "Add (2, 1)", "val  [[ 2]", "      [-1]]", "grad [[0.333]", "      [    1]]"]
    assert label_texts(dot, "A")[2:] == ["val  [[1  0]", "      [0 -1]]", "grad [[1 2]", "      [1 2]]"]
    assert label_texts(dot, "MatMul") == ["MatMul"]  # no value given: no preview line
    assert label_texts(draw(g, values={x: 1e7 / 3}), "x")[2] == "val  3.33e+06"


def test_a_huge_value_is_previewed_in_a_few_short_lines():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
    big = np.random.default_rng(0).normal(size=(1000, 2))
    lines = label_texts(draw(g, values={x: big}, grads={x: big}), "x")
    assert len(lines) == 2 + 4 + 4
    assert all(len(line) < 30 for line in lines)
    assert len(draw(g, values={x: np.zeros((1000, 1000))}).source) < 3000


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.0, ["3"]),
        (np.float32(0.6931472), ["0.693"]),
        (-0.5, ["-0.5"]),
        (1234.5678, ["1.23e+03"]),
        (float("nan"), ["nan"]),
        (np.arange(3.0), ["[0 1 2]"]),
        (np.arange(10.0), ["[0 1 2 ... 9]"]),
        (np.array([True, False]), ["[True False]"]),
        (np.ones((4, 2)), ["[[1 1]", " [1 1]", " [1 1]", " [1 1]]"]),
        (np.arange(10.0).reshape(5, 2), ["[[0 1]", " [2 3]", " ...", " [8 9]]"]),
        (np.zeros((2, 3, 4)), ["(2, 3, 4) values", "0 .. 0"]),
        (np.zeros((0, 2)), ["empty (0, 2)"]),
        (None, []),
    ],
)
def test_preview(value, expected):
    assert preview(value) == expected


def test_preview_caps_rows_and_columns():
    big = np.arange(100.0 * 100).reshape(100, 100)
    lines = preview(big, rows=2, cols=3)
    assert lines == ["[[   0    1 ...   99]", " ...", " [9900 9901 ... 9999]]"]


def test_text_listing_names_every_node_with_its_inputs():
    g, A, b, x, y = affine()
    listing = draw(g).listing
    assert listing.splitlines() == [
        "A       Variable (2, 2)",
        "b       Variable (2, 1)",
        "x       Placeholder (2, 1)",
        "MatMul  MatMul  <- A, x",
        "y       Add  <- MatMul, b",
    ]


# --- the renderer chain ------------------------------------------------------------------------


@pytest.fixture
def only_on_path(tmp_path, monkeypatch):
    """Make `PATH` a fresh directory holding only the executables we link into it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(drawing, "_script_dirs", lambda: [])

    def put(name, target):
        (bin_dir / name).symlink_to(target)

    return put


def test_the_system_dot_comes_first_when_there_is_one():
    dot = drawing.shutil.which("dot")
    if dot is None:
        pytest.skip("no system `dot` on PATH")
    assert drawing.find_renderers()[0] == dot
    assert "<svg" in draw(affine()[0]).svg()


@pytest.mark.skipif(GRAPHVIZ_PURE is None, reason="graphviz-pure is not installed")
def test_without_dot_graphviz_pure_draws(only_on_path):
    only_on_path("graphviz-pure", GRAPHVIZ_PURE)
    assert [os.path.basename(p) for p in drawing.find_renderers()] == ["graphviz-pure"]
    g = affine()[0]
    bundle = g._repr_mimebundle_()
    assert "graphviz-pure" in draw(g).svg()
    assert "<svg" in bundle["image/svg+xml"] and ">MatMul</text>" in bundle["image/svg+xml"]


@pytest.mark.skipif(GRAPHVIZ_PURE is None, reason="graphviz-pure is not installed")
def test_graphviz_pure_is_found_next_to_python_even_when_not_on_path(monkeypatch, tmp_path):
    """A kernel started as .venv/bin/python often has PATH without .venv/bin."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(drawing, "_script_dirs", lambda: [os.path.dirname(GRAPHVIZ_PURE)])
    assert drawing.find_renderers() == [GRAPHVIZ_PURE]


@pytest.mark.skipif(GRAPHVIZ_PURE is None, reason="graphviz-pure is not installed")
def test_a_broken_dot_falls_through_to_graphviz_pure(only_on_path, tmp_path):
    broken = tmp_path / "broken-dot"
    broken.write_text("#!/bin/sh\necho 'Error: no layout plugin' >&2\nexit 1\n")
    broken.chmod(0o755)
    only_on_path("dot", broken)
    only_on_path("graphviz-pure", GRAPHVIZ_PURE)
    assert len(drawing.find_renderers()) == 2
    assert "graphviz-pure" in drawing.render_svg(draw(affine()[0]).source)


def test_with_no_renderer_at_all_the_hooks_show_a_text_listing_and_never_raise(only_on_path):
    assert drawing.find_renderers() == []
    g, A, b, x, y = affine()
    with pytest.raises(drawing.RenderError, match="pip install graphviz-pure"):
        draw(g).svg()
    for shown in (g, y, draw(g)):
        bundle = shown._repr_mimebundle_()
        assert "image/svg+xml" not in bundle
        assert "MatMul  MatMul  <- A, x" in bundle["text/plain"]
        assert "MatMul  MatMul  &lt;- A, x" in bundle["text/html"]
        assert drawing.HINT in bundle["text/plain"] and len(drawing.HINT.splitlines()) == 1


def test_ipython_shows_the_svg_and_nothing_else_breaks():
    from IPython.core.formatters import DisplayFormatter

    g, A, b, x, y = affine()
    data, _ = DisplayFormatter().format(g)
    assert data["text/plain"] == "<deepslow.Graph with 5 nodes>"
    assert "<svg" in data["image/svg+xml"] and ">MatMul</text>" in data["image/svg+xml"]
    assert data["text/html"].startswith('<div class="deepslow-graph"><svg width="100%"')  # inline, fits the cell
    data, _ = DisplayFormatter().format(draw(y))
    assert "<svg" in data["image/svg+xml"]


def test_ipython_without_a_renderer_gets_text_not_a_traceback(only_on_path, capsys):
    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(draw(affine()[0]))
    assert set(data) == {"text/plain", "text/html"}
    assert "Traceback" not in capsys.readouterr().err


def test_the_hook_survives_a_drawing_bug(monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(drawing, "draw", broken)
    bundle = affine()[0]._repr_mimebundle_()
    assert bundle == {"text/plain": "<deepslow.Graph with 5 nodes>\n(could not draw it: ZeroDivisionError: oops)"}


def test_the_node_hook_highlights_the_node():
    g, A, b, x, y = affine()
    svg = y.inputs[0]._repr_mimebundle_()["image/svg+xml"]
    assert ">y</text>" not in svg  # only MatMul and its ancestors
    assert drawing.HIGHLIGHT_COLOR in svg


def test_repeated_rendering_is_cached_until_the_graph_changes(monkeypatch):
    calls = []
    real = drawing.render_svg
    monkeypatch.setattr(drawing, "render_svg", lambda source, **kw: calls.append(1) or real(source, **kw))
    g, A, b, x, y = affine()
    first = g._repr_mimebundle_()
    assert g._repr_mimebundle_() == first and y._repr_mimebundle_() and y._repr_mimebundle_()
    assert len(calls) == 2  # one for the graph, one for the node
    with g.as_default():
        tf.negative(y, name="z")
    assert ">z</text>" in g._repr_mimebundle_()["image/svg+xml"]
    assert len(calls) == 3


def test_an_empty_graph_says_so():
    bundle = tf.Graph()._repr_mimebundle_()
    assert bundle == {"text/plain": "<deepslow.Graph with 0 nodes> (empty: nothing to draw yet)"}


def test_a_graph_too_big_to_read_is_summarised_without_running_graphviz(monkeypatch):
    monkeypatch.setattr(drawing, "render_svg", lambda *a, **k: pytest.fail("must not render"))
    g = tf.Graph()
    with g.as_default():
        node = tf.placeholder(tf.float32, name="x")
        for _ in range(display.MAX_NODES):
            node = tf.negative(node)
    assert "too many to draw" in g._repr_mimebundle_()["text/plain"]


def test_drawing_and_display_pull_in_no_notebook_or_plotting_module():
    code = (
        "import sys, deepslow as tf\n"
        "x = tf.placeholder(tf.float32, name='x')\n"
        "tf.get_default_graph()._repr_mimebundle_(); tf.draw(x)\n"
        "print(sorted(m for m in ('IPython', 'ipywidgets', 'matplotlib', 'nbformat') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- layout once, restyle many -----------------------------------------------------------------


def geometry(svg):
    """The SVG with every style and text removed: what must not change between frames."""
    svg = re.sub(r">[^<]*</text>", "></text>", svg)
    svg = re.sub(r'(fill|stroke|stroke-width|stroke-dasharray|class)="[^"]*"', "", svg)
    return re.sub(r"\s+", " ", svg)


@pytest.mark.parametrize("renderer", ["dot", "graphviz-pure"])
def test_fixed_layout_restyles_without_moving_anything(renderer, only_on_path):
    exe = drawing.shutil.which("dot", path="/usr/bin:/usr/local/bin") if renderer == "dot" else GRAPHVIZ_PURE
    if exe is None:
        pytest.skip(f"{renderer} is not installed")
    only_on_path(renderer, exe)
    g, A, b, x, y = affine()
    values = {A: np.array([[1.0, 0], [0, -1]]), b: np.ones((2, 1)), x: np.array([[1.0], [2.0]])}
    values[y] = np.array([[2.0], [-1.0]])
    grads = {y: np.ones((2, 1)), A: np.array([[1.0, 2], [1, 2]])}
    layout = FixedLayout([y], values, grads)
    plain = layout.svg()
    matmul = y.inputs[0]
    restyled = layout.svg(
        {matmul: ("ds-current", "#123456", "#654321", 4, True)},
        values={A: values[A]},
        grads={A: -grads[A]},
        edge_styles={(A, matmul): ("#abcdef", 3)},
    )
    assert geometry(plain) == geometry(restyled)
    for svg in (plain, restyled):
        ET.fromstring(svg)  # well-formed XML: no duplicated attribute, nothing left unescaped
    assert "\x00" not in restyled and "#fd0" not in restyled and "#fc0" not in restyled
    assert re.search(r'text-anchor="middle"[^>]*>MatMul</text>', restyled)  # names stay centred when texts change
    root = ET.fromstring(restyled)
    ns = {"s": "http://www.w3.org/2000/svg"}
    current = [g for g in root.iterfind(".//s:g", ns) if "ds-current" in g.get("class", "")]
    assert [g.find("s:title", ns).text for g in current] == ["MatMul"]
    assert 'fill="#123456"' in restyled and 'stroke="#654321" stroke-width="4" stroke-dasharray' in restyled
    assert 'stroke="#abcdef" stroke-width="3"' in restyled
    texts = [strip_tags(t) for t in re.findall(r"<text[^>]*>.*?</text>", restyled)]
    texts = [t.replace("&#160;", " ") for t in texts]
    assert "grad [[-1 -2]" in texts and "val  [[1  0]" in texts
    assert not any("[[ 2]" in t for t in texts)  # y's value was not passed this time: blank
    assert "val  [[ 2]" in [strip_tags(t).replace("&#160;", " ") for t in re.findall(r"<text.*?</text>", plain)]


def test_fixed_layout_runs_graphviz_once(monkeypatch):
    calls = []
    real = drawing.render_svg
    monkeypatch.setattr(drawing, "render_svg", lambda source, **kw: calls.append(1) or real(source, **kw))
    g, A, b, x, y = affine()
    layout = FixedLayout([y])
    for i in range(20):
        layout.svg({y: ("", f"#0000{i:02x}", "black", 1, False)})
    assert len(calls) == 1


def mlp_graph():
    """Lesson 5's 2-2-2 network: a long chain of ops, each with a variable beside it."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
        labels = tf.placeholder(tf.float32, shape=(None, 2), name="labels")
        hidden = tf.sigmoid(tf.matmul(x, tf.Variable(np.ones((2, 2)), name="W1")) + tf.Variable([0.0, 0.0]), name="h")
        logits = tf.add(tf.matmul(hidden, tf.Variable(np.ones((2, 2)), name="W2")), tf.Variable([0.0, 0.0]), name="z")
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits), name="loss")
    return loss


def box_centres(svg):
    """{node name: x of its box's centre} from Graphviz's SVG."""
    centres = {}
    for title, shape in re.findall(r"<title>([^<]*)</title>\s*<path[^>]* d=\"([^\"]*)\"", svg):
        xs = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", shape)[0::2]]
        centres[html.unescape(title)] = (min(xs) + max(xs)) / 2
    return centres


def test_a_chain_of_ops_runs_straight_down_with_the_variables_beside_it():
    """Edges between computed values weigh more, so Graphviz keeps the chain straight instead of
    letting it drift sideways with every variable that joins it: the drawing stays narrow."""
    loss = mlp_graph()
    dot = draw(loss)
    assert "MatMul -> add [id=ds_e2 weight=4]" in dot.source.replace("\t", "")  # op -> op: weighted
    assert re.search(r"\bx -> MatMul \[id=ds_e0\]", dot.source)  # a placeholder feeding in: not
    if not drawing.find_renderers():
        pytest.skip("no Graphviz renderer")
    centres = box_centres(dot.svg())
    chain = ["MatMul", "add", "h", "MatMul_1", "z", "SoftmaxCrossEntropyWithLogits", "loss"]
    assert max(centres[n] for n in chain) - min(centres[n] for n in chain) < 1.0, centres


def test_a_drawing_in_a_notebook_never_shrinks_its_text_below_12_pixels():
    if not drawing.find_renderers():
        pytest.skip("no Graphviz renderer")
    svg = drawing.inline_svg(draw(mlp_graph()).svg())
    width = float(re.search(r"max-width:([\d.]+)pt", svg).group(1))
    smallest_scale = float(re.search(r"min-width:([\d.]+)pt", svg).group(1)) / width
    font_sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    assert min(font_sizes) == drawing.INFO_PT  # the smallest label text, in points
    assert min(font_sizes) * 4 / 3 * smallest_scale >= 12  # in CSS pixels, at the smallest scale allowed
