"""`tf.summary`: scalar and histogram summaries, merged and written to TensorBoard event files.

    tf.summary.scalar("loss", loss)
    tf.summary.histogram("weights", W)
    merged = tf.summary.merge_all()
    writer = tf.summary.FileWriter("logs", sess.graph)
    ...
    writer.add_summary(sess.run(merged, feed), step)

As in TF, a summary op's value is a serialized `Summary` protocol buffer (bytes), and
FileWriter writes real TensorBoard event files: records in TFRecord framing (a length, the data,
each with a masked CRC32C) holding `Event` protocol buffers. TensorBoard reads them as it reads
TF's. The protocol buffer classes and the record framing come from the optional `tensorboard`
package, written by TF's authors and kept in step with TensorBoard (a hand-made encoding could
drift from what TensorBoard reads); without it, these functions say what to install.
"""

import os
import socket
import sys
import time

import numpy as np

from ..errors import OpError, describe
from ..graph import Graph, Operation
from ..registry import NotDifferentiable
from . import missing
from .graph_collections import GraphKeys, add_to_collections, get_collection


def _tensorboard():
    """tensorboard's protocol buffers and record writer, or an error saying what to install."""
    try:
        from tensorboard.compat.proto import event_pb2, graph_pb2, summary_pb2
        from tensorboard.summary.writer.record_writer import RecordWriter
    except ImportError:
        raise ModuleNotFoundError(
            "tf.summary writes TensorBoard event files with the protocol buffers of the optional "
            "`tensorboard` package, which is not installed: pip install 'deepslow[tensorboard]' "
            "(or pip install tensorboard)"
        ) from None
    return event_pb2, graph_pb2, summary_pb2, RecordWriter


# --- the summary ops --------------------------------------------------------------------------


class ScalarSummary(Operation):
    """A Summary with one number, tagged with this op's name ("train/loss" inside a name scope)."""

    def compute(self, value):
        if np.size(value) != 1:
            raise OpError(f"{describe(self)}: tf.summary.scalar needs a single number, got shape {np.shape(value)}")
        summary_pb2 = _tensorboard()[2]
        summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=self.name, simple_value=float(value))])
        return np.bytes_(summary.SerializeToString())


class HistogramSummary(Operation):
    """A Summary with a histogram of every element of its input, in TF's buckets."""

    def compute(self, values):
        values = np.asarray(values, dtype=np.float64).ravel()
        if not np.all(np.isfinite(values)):
            raise OpError(f"{describe(self)}: NaN or inf in summary histogram of {describe(self.inputs[0])}")
        summary_pb2 = _tensorboard()[2]
        histogram = summary_pb2.HistogramProto(**tf_histogram(values))
        summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=self.name, histo=histogram)])
        return np.bytes_(summary.SerializeToString())


class MergeSummary(Operation):
    """One Summary holding the values of all its inputs."""

    def compute(self, *serialized):
        # Concatenated protocol buffer messages parse as one message whose repeated fields are
        # joined: the serialized Summaries, end to end, are exactly their merged Summary.
        return np.bytes_(b"".join(bytes(s) for s in serialized))


for _op_type in ("ScalarSummary", "HistogramSummary", "MergeSummary"):
    NotDifferentiable(_op_type)


def _bucket_limits():
    """TF's default histogram buckets: edges growing by 10% from 1e-12 to 1e20, mirrored for
    negative numbers, with 0 and ±DBL_MAX at the middle and ends."""
    positive, edge = [], 1e-12
    while edge < 1e20:
        positive.append(edge)
        edge *= 1.1
    positive.append(sys.float_info.max)
    return np.array([-e for e in reversed(positive)] + [0.0] + positive)


_LIMITS = None


def tf_histogram(values):
    """The fields of TF's HistogramProto for `values` (float64): min, max, num, sum,
    sum_squares, and the bucket counts with their right edges, a run of empty buckets written
    as one (TF's compact encoding)."""
    global _LIMITS
    if _LIMITS is None:
        _LIMITS = _bucket_limits()
    counts = np.bincount(np.searchsorted(_LIMITS, values, side="right"), minlength=len(_LIMITS))[: len(_LIMITS)]
    edges, kept = [], []
    i = 0
    while i < len(_LIMITS):
        edge, count = _LIMITS[i], counts[i]
        i += 1
        if count <= 0:
            while i < len(_LIMITS) and counts[i] <= 0:
                edge, count = _LIMITS[i], counts[i]
                i += 1
        edges.append(float(edge))
        kept.append(float(count))
    return {
        "min": float(values.min()) if values.size else sys.float_info.max,
        "max": float(values.max()) if values.size else -sys.float_info.max,
        "num": float(values.size),
        "sum": float(values.sum()),
        "sum_squares": float(np.dot(values, values)),
        "bucket_limit": edges,
        "bucket": kept,
    }


def scalar(name, tensor, collections=None, family=None):
    _tensorboard()  # fail now, while building, if tensorboard is missing
    op = ScalarSummary(tensor, name=name)
    add_to_collections(collections or [GraphKeys.SUMMARIES], op)
    return op


def histogram(name, values, collections=None, family=None):
    _tensorboard()
    op = HistogramSummary(values, name=name)
    add_to_collections(collections or [GraphKeys.SUMMARIES], op)
    return op


def merge(inputs, collections=None, name=None):
    op = MergeSummary(*inputs, name=name or "Merge/MergeSummary")
    if collections:
        add_to_collections(collections, op)
    return op


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    """All the summaries made so far merged into one op; None if there are none (as in TF)."""
    summaries = get_collection(key, scope)
    return merge(summaries, name=name) if summaries else None


# --- writing event files ----------------------------------------------------------------------


class FileWriter:
    """Writes events to `logdir/events.out.tfevents.<time>.<host>`, which TensorBoard reads
    (`tensorboard --logdir logdir`). Each event is written and flushed at once."""

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, filename_suffix=None, session=None):
        self._event_pb2, self._graph_pb2, self._summary_pb2, record_writer = _tensorboard()
        self.logdir = str(logdir)
        os.makedirs(self.logdir, exist_ok=True)
        name = f"events.out.tfevents.{int(time.time()):010d}.{socket.gethostname()}{filename_suffix or ''}"
        self.path = os.path.join(self.logdir, name)
        self._records = record_writer(open(self.path, "wb"))
        self.add_event(self._event_pb2.Event(file_version="brain.Event:2"))
        if graph is not None:
            self.add_graph(graph)

    def get_logdir(self):
        return self.logdir

    def add_event(self, event):
        if self._records is None:
            raise ValueError(f"this FileWriter ({self.path}) is closed")
        if not event.wall_time:
            event.wall_time = time.time()
        self._records.write(event.SerializeToString())
        self._records.flush()

    def add_summary(self, summary, global_step=None):
        """`summary`: what sess.run returned for a summary op (serialized bytes), or a Summary."""
        if isinstance(summary, (bytes, np.bytes_)):
            summary = self._summary_pb2.Summary.FromString(bytes(summary))
        event = self._event_pb2.Event(summary=summary)
        if global_step is not None:
            event.step = int(global_step)
        self.add_event(event)

    def add_graph(self, graph, global_step=None):
        """The graph for TensorBoard's Graphs tab: each node with its name, op type and inputs."""
        if not isinstance(graph, Graph):
            raise TypeError(f"add_graph takes a Graph (e.g. sess.graph), got {graph!r:.60}")
        graph_def = self._graph_pb2.GraphDef()
        for node in graph.nodes:
            graph_def.node.add(name=node.name, op=node.op_type, input=[i.name for i in node.inputs])
        event = self._event_pb2.Event(graph_def=graph_def.SerializeToString())
        if global_step is not None:
            event.step = int(global_step)
        self.add_event(event)

    def flush(self):
        if self._records is not None:
            self._records.flush()

    def close(self):
        if self._records is not None:
            self._records.close()
            self._records = None

    def reopen(self):
        if self._records is None:
            self._records = _tensorboard()[3](open(self.path, "ab"))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


__getattr__ = missing.namespace_getattr("summary", __name__)
