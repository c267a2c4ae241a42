"""tf.summary and FileWriter write real TensorBoard event files: TensorBoard's own reader and
TensorFlow's summary_iterator read them back, and histograms have TF's buckets exactly."""

import sys

import numpy as np
import pytest

import deepslow as tf

pytest.importorskip("tensorboard", reason="tensorboard is not installed (pip install 'deepslow[tensorboard]')")
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def write_a_training_log(logdir):
    x = tf.placeholder(tf.float32, [None, 2])
    with tf.name_scope("model"):
        w = tf.Variable([[1.0], [-2.0]], name="w")
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
    with tf.name_scope("train"):
        tf.summary.scalar("loss", loss)
    tf.summary.histogram("weights", w)
    merged = tf.summary.merge_all()
    step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    data = np.array([[1.0, 2.0], [0.5, -1.0]], np.float32)
    losses = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(str(logdir), sess.graph)
        for i in range(5):
            summary, value, _ = sess.run([merged, loss, step], {x: data})
            writer.add_summary(summary, global_step=i)
            losses.append(value)
        writer.close()
    return losses


def test_tensorboard_reads_scalars_histograms_and_the_graph(tmp_path):
    losses = write_a_training_log(tmp_path)
    events = EventAccumulator(str(tmp_path), size_guidance={"scalars": 0, "histograms": 0})
    events.Reload()
    tags = events.Tags()
    assert tags["scalars"] == ["train/loss"] and tags["histograms"] == ["weights"] and tags["graph"]
    scalars = events.Scalars("train/loss")
    assert [s.step for s in scalars] == [0, 1, 2, 3, 4]
    np.testing.assert_allclose([s.value for s in scalars], losses, rtol=1e-6)
    histogram = events.Histograms("weights")[0].histogram_value
    assert (histogram.min, histogram.max, histogram.num) == (-2.0, 1.0, 2.0)
    assert histogram.sum_squares == pytest.approx(5.0)
    graph = events.Graph()
    names = {node.name: node for node in graph.node}
    assert names["model/MatMul"].op == "MatMul" and list(names["model/MatMul"].input) == ["Placeholder", "model/w"]


def test_tensorflows_reader_reads_the_records(tmp_path):
    tensorflow = pytest.importorskip("tensorflow.compat.v1", reason="TensorFlow is not installed")
    write_a_training_log(tmp_path)
    (path,) = tmp_path.glob("events.out.tfevents.*")
    events = list(tensorflow.train.summary_iterator(str(path)))  # checks each record's masked CRC32C
    assert events[0].file_version == "brain.Event:2"
    assert events[1].graph_def
    tagged = [(e.step, v.tag) for e in events for v in e.summary.value]
    assert tagged[:2] == [(0, "train/loss"), (0, "weights")] and len(tagged) == 10


def test_histogram_buckets_are_tensorflows(tmp_path):
    tensorflow = pytest.importorskip("tensorflow.compat.v1", reason="TensorFlow is not installed")
    from tensorboard.compat.proto import summary_pb2

    values = np.concatenate([np.random.default_rng(0).normal(0, 3, 500), [0.0, 0.0, 1e-13, -7.5, 123.0]]).astype(
        np.float32
    )
    graph = tensorflow.Graph()
    with graph.as_default():
        theirs_op = tensorflow.summary.histogram("h", tensorflow.constant(values))
        with tensorflow.Session() as sess:
            theirs = summary_pb2.Summary.FromString(sess.run(theirs_op)).value[0].histo
    with tf.Session() as sess:
        ours = summary_pb2.Summary.FromString(sess.run(tf.summary.histogram("h", tf.constant(values)))).value[0].histo
    assert (ours.min, ours.max, ours.num) == (theirs.min, theirs.max, theirs.num)
    assert ours.sum == pytest.approx(theirs.sum) and ours.sum_squares == pytest.approx(theirs.sum_squares)
    assert list(ours.bucket_limit) == list(theirs.bucket_limit) and list(ours.bucket) == list(theirs.bucket)


def test_summary_values_are_serialized_summaries_and_merge_joins_them():
    from tensorboard.compat.proto import summary_pb2

    a = tf.summary.scalar("a", tf.constant(1.5))
    b = tf.summary.scalar("a", tf.constant(2.5))  # a second "a": TF names it a_1
    with tf.Session() as sess:
        merged = summary_pb2.Summary.FromString(sess.run(tf.summary.merge([a, b])))
    assert [(v.tag, v.simple_value) for v in merged.value] == [("a", 1.5), ("a_1", 2.5)]
    assert tf.summary.merge_all(key="nothing here") is None


def test_scalar_summary_of_a_vector_says_so():
    op = tf.summary.scalar("bad", tf.constant([1.0, 2.0]))
    with tf.Session() as sess, pytest.raises(tf.OpError, match="needs a single number"):
        sess.run(op)


def test_histogram_of_nan_says_so():
    op = tf.summary.histogram("bad", tf.constant([1.0, np.nan]))
    with tf.Session() as sess, pytest.raises(tf.OpError, match="NaN or inf in summary histogram"):
        sess.run(op)


def test_a_closed_writer_refuses_and_reopens(tmp_path):
    writer = tf.summary.FileWriter(str(tmp_path / "new" / "dir"))  # made as needed
    writer.close()
    with pytest.raises(ValueError, match="closed"):
        writer.add_summary(b"", 1)
    writer.reopen()
    writer.add_summary(b"", 2)
    writer.close()
    events = EventAccumulator(str(tmp_path / "new" / "dir"))
    events.Reload()
    assert events.FirstEventTimestamp() > 0


def test_without_tensorboard_the_error_says_what_to_install(monkeypatch):
    for module in [m for m in list(sys.modules) if m == "tensorboard" or m.startswith("tensorboard.")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setitem(sys.modules, "tensorboard", None)  # `import tensorboard...` now fails
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'deepslow\[tensorboard\]'"):
        tf.summary.scalar("loss", tf.constant(1.0))
    with pytest.raises(ModuleNotFoundError, match="tensorboard"):
        tf.summary.FileWriter("logs")
