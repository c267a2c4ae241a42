"""`import deepslow` stays light; the data sets are deterministic; the gradient checker reports."""

import subprocess
import sys

import numpy as np
import pytest

import deepslow as ds


def test_import_pulls_in_no_jupyter_or_plotting_module():
    code = (
        "import sys, deepslow\n"
        "heavy = ['matplotlib', 'ipywidgets', 'IPython', 'nbformat', 'nbclient', 'graphviz', 'tensorflow']\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"import deepslow imported: {result.stdout.strip()}"


@pytest.mark.parametrize("name", sorted(ds.datasets.MAKERS))
def test_datasets_are_deterministic_and_balanced(name):
    X1, y1 = ds.datasets.make(name, n=120, seed=7)
    X2, y2 = ds.datasets.make(name, n=120, seed=7)
    X3, _ = ds.datasets.make(name, n=120, seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert X1.shape == (120, 2) and X1.dtype == np.float64 and y1.shape == (120,)
    assert np.bincount(y1).tolist() == [60, 60]


def test_blobs_are_the_lesson_blobs():
    X, y = ds.datasets.blobs(seed=0)
    assert X.shape == (100, 2) and np.bincount(y).tolist() == [50, 50]
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-2, -2], atol=0.4)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [2, 2], atol=0.4)


def test_xor_clusters_sit_at_the_four_corners():
    X, y = ds.datasets.xor(400, seed=0)
    corners = np.array([[0, 0], [1, 1], [0, 1], [1, 0]])
    nearest = np.argmin(((X[:, None, :] - corners[None]) ** 2).sum(-1), axis=1)
    assert set(np.unique(y)) == {0, 1}
    assert np.mean((nearest >= 2) == y) > 0.95  # σ = 0.2: almost every point is nearest its own corner


def test_circles_radii_and_noise():
    X, y = ds.datasets.circles(200, noise=0.0, seed=0)
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.5)


def test_make_rejects_unknown_names_and_helpers_work():
    with pytest.raises(ValueError, match="choose one of blobs, xor, moons, circles, spirals"):
        ds.datasets.make("swirls")
    np.testing.assert_array_equal(ds.datasets.one_hot([0, 2, 1]), np.eye(3)[[0, 2, 1]])
    X, y = ds.datasets.blobs(100, seed=0)
    Xtr, ytr, Xte, yte = ds.datasets.train_test_split(X, y, 0.3, seed=1)
    assert len(Xtr) == 70 and len(Xte) == 30
    assert sorted(map(tuple, np.vstack([Xtr, Xte]))) == sorted(map(tuple, X))


def test_gradient_checker_passes_correct_gradients():
    ds.reset_default_graph()
    x = ds.placeholder(ds.float32, (None, 2))
    W = ds.Variable(np.array([[0.3, -0.2], [0.1, 0.4]]))
    loss = ds.reduce_mean(ds.square(ds.sigmoid(x @ W)))
    report = ds.check_gradients(loss, {x: [[1.0, 2.0], [-1.0, 0.5]]})
    assert report.ok and bool(report)
    assert "passed" in repr(report) and report.worst.error < 1e-6


def test_gradient_checker_points_at_the_broken_op():
    ds.reset_default_graph()

    class Softsign(ds.Operation):
        def compute(self, x):
            return x / (1 + np.abs(x))

    @ds.register_gradient("Softsign")
    def _wrong(op, grad):
        (x,) = op.input_values
        return [grad / (1 + np.abs(x))]  # should be divided by (1 + |x|) squared

    x = ds.placeholder(ds.float32, (None, 2))
    W = ds.Variable(np.array([[0.3, -0.2], [0.1, 0.4]]), name="W")
    hidden = ds.matmul(x, W, name="hidden")
    loss = ds.reduce_sum(ds.square(Softsign(hidden, name="squash")), name="loss")
    report = ds.check_gradients(loss, {x: [[1.0, 2.0], [-1.0, 0.5]]})
    assert not report.ok
    assert report.first_mismatch.node is hidden  # the input of the faulty op
    text = repr(report)
    assert "FAILED" in text and "'hidden' (MatMul)" in text and "'squash' (Softsign)" in text
    assert report.first_mismatch.analytic != pytest.approx(report.first_mismatch.numeric)


def test_gradient_checker_uses_a_sessions_current_values():
    ds.reset_default_graph()
    w = ds.Variable([1.0, 2.0])
    loss = ds.reduce_sum(ds.square(w))
    step = ds.train.GradientDescentOptimizer(0.1).minimize(loss)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        sess.run(step)
        report = ds.check_gradients(loss, session=sess)
    assert report.ok
    assert report.checks[-1].analytic == pytest.approx(2 * 0.8 * [1.0, 2.0][report.checks[-1].index[0]], rel=1e-6)
