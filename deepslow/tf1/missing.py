"""The error for a TF1 name deepslow does not have.

`tf.nn.conv2d` in a TF1 program run with deepslow should not end in Python's bare
"module has no attribute" (or worse, a "Did you mean: 'reshape'?"): it should say that this is
real TensorFlow 1, outside deepslow's subset, and name the closest thing deepslow has. Each
public namespace (deepslow, deepslow.nn, the tf.train module, ...) ends with

    __getattr__ = missing.namespace_getattr("nn", __name__)

Python calls a module's `__getattr__` only for names the module does not define (PEP 562).
A name TF1 never had (a typo) gets Python's usual AttributeError, suggestions included.
"""

import sys

# The closest thing deepslow has, for TF1 names that programs reach for. Keys are the names
# under `tf.` (e.g. "nn.conv2d").
CLOSEST = {
    "Print": "print what sess.run returns",
    "print": "print what sess.run returns",
    "app": "call your main function directly: if __name__ == '__main__': main()",
    "flags": "Python's argparse",
    "gfile": "Python's os and pathlib",
    "data": "NumPy batches fed through feed_dict",
    "keras": "TensorFlow's own tf.keras; deepslow teaches TF1's graph API",
    "estimator": "a graph, a Session and a training loop",
    "metrics": "tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(t, 1)), tf.float32)) for accuracy",
    "cond": "a Python `if` around sess.run, or tf.where for elementwise choices",
    "while_loop": "a Python loop around sess.run",
    "random_shuffle": "shuffling the NumPy data before feeding it (np.random.default_rng(seed).permutation)",
    "log_sigmoid": "-tf.nn.softplus(-x)",
    "reciprocal": "1.0 / x",
    "rsqrt": "1.0 / tf.sqrt(x)",
    "placeholder_with_default": "tf.placeholder, always fed",
    "nn.conv2d": "flattening the images and using tf.layers.dense (deepslow has no convolutions)",
    "nn.max_pool": "flattening the images and using tf.layers.dense (deepslow has no pooling)",
    "nn.swish": "x * tf.sigmoid(x)",
    "nn.silu": "x * tf.sigmoid(x)",
    "nn.weighted_cross_entropy_with_logits": "tf.nn.sigmoid_cross_entropy_with_logits",
    "nn.in_top_k": "tf.equal(tf.argmax(logits, 1), labels)",
    "nn.top_k": "tf.argmax for the largest",
    "layers.conv2d": "flattening the images and using tf.layers.dense (deepslow has no convolutions)",
    "layers.max_pooling2d": "flattening the images and using tf.layers.dense (deepslow has no pooling)",
    "layers.Dense": "the function tf.layers.dense",
    "layers.Dropout": "the function tf.layers.dropout",
    "train.piecewise_constant": "tf.train.exponential_decay (a learning rate may be any node)",
    "train.polynomial_decay": "tf.train.exponential_decay (a learning rate may be any node)",
    "train.FtrlOptimizer": "tf.train.AdagradOptimizer",
    "train.ProximalAdagradOptimizer": "tf.train.AdagradOptimizer",
    "train.ProximalGradientDescentOptimizer": "tf.train.GradientDescentOptimizer",
    "train.import_meta_graph": "building the graph again in Python, then tf.train.Saver().restore(sess, path)",
    "train.export_meta_graph": "tf.train.Saver().save(sess, path), which saves the variables",
    "train.Coordinator": "NumPy batches fed through feed_dict",
    "train.start_queue_runners": "NumPy batches fed through feed_dict",
    "train.shuffle_batch": "NumPy batches fed through feed_dict",
    "train.batch": "NumPy batches fed through feed_dict",
    "train.MonitoredTrainingSession": "tf.Session()",
    "train.summary_iterator": "tensorboard's EventAccumulator (tensorboard.backend.event_processing)",
    "summary.image": "tf.summary.scalar or tf.summary.histogram",
    "summary.text": "tf.summary.scalar or tf.summary.histogram",
    "summary.audio": "tf.summary.scalar or tf.summary.histogram",
    "losses.huber_loss": "tf.losses.mean_squared_error or tf.losses.absolute_difference",
    "losses.hinge_loss": "tf.nn.relu(1.0 - labels * logits) for labels of ±1",
    "initializers.orthogonal": "tf.initializers.glorot_uniform",
    "orthogonal_initializer": "tf.glorot_uniform_initializer",
    "uniform_unit_scaling_initializer": "tf.variance_scaling_initializer(distribution='uniform')",
}

CONTRIB = (
    "`tf.contrib` is not supported by deepslow: contrib was TensorFlow 1's collection of unstable extras "
    "(TensorFlow 2 removed it). Replacements: tf.contrib.layers.xavier_initializer -> "
    "tf.glorot_uniform_initializer; tf.contrib.layers.variance_scaling_initializer -> "
    "tf.variance_scaling_initializer; tf.contrib.layers.fully_connected -> tf.layers.dense; "
    "tf.contrib.layers.l2_regularizer -> add scale * tf.nn.l2_loss(w) to the loss; "
    "tf.contrib.learn / tf.contrib.data -> NumPy arrays fed through feed_dict."
)

# Names of TensorFlow before 1.0, which 1.0 renamed; old tutorials still use them.
RENAMED_IN_1_0 = {
    "mul": "tf.multiply",
    "sub": "tf.subtract",
    "neg": "tf.negative",
    "select": "tf.where",
    "pack": "tf.stack",
    "batch_matmul": "tf.matmul",
    "scalar_summary": "tf.summary.scalar",
    "histogram_summary": "tf.summary.histogram",
    "merge_summary": "tf.summary.merge",
    "merge_all_summaries": "tf.summary.merge_all",
    "train.SummaryWriter": "tf.summary.FileWriter",
}


class NotInSubsetError(AttributeError):
    """A TF1 name deepslow does not have. An AttributeError, so hasattr() and getattr(x, name,
    default) behave as they would for any missing attribute."""


def _tf1_names():
    from .tf1_names import NAMES  # read on the first miss only: nothing to pay at import

    return {namespace: set(words.split()) for namespace, words in NAMES.items()}


_names = None


def is_tf1_name(namespace, name):
    global _names
    if _names is None:
        _names = _tf1_names()
    return name in _names.get(namespace, ())


def error_for(namespace, name, module_name):
    """The exception for `tf.<namespace>.<name>`, which the module `module_name` lacks."""
    qualified = f"{namespace}.{name}" if namespace else name
    if qualified == "contrib" or namespace == "contrib":
        return NotInSubsetError(CONTRIB)
    if qualified in RENAMED_IN_1_0:
        return NotInSubsetError(
            f"`tf.{qualified}` is TensorFlow 0.x's name: TensorFlow 1.0 renamed it {RENAMED_IN_1_0[qualified]}, "
            "which deepslow has."
        )
    if not name.startswith("_") and is_tf1_name(namespace, name):
        closest = CLOSEST.get(qualified)
        hint = f" The closest deepslow has: {closest}." if closest else ""
        return NotInSubsetError(
            f"`tf.{qualified}` is part of TensorFlow 1 but not of deepslow's subset.{hint} "
            "(README.md lists what deepslow has.)"
        )
    # Not TF1 at all: Python's own error, with its usual suggestions for a typo
    return AttributeError(
        f"module {module_name!r} has no attribute {name!r}", name=name, obj=sys.modules.get(module_name)
    )


def namespace_getattr(namespace, module_name):
    """A module-level __getattr__ for the namespace `tf.<namespace>` ("" for tf itself)."""

    def __getattr__(name):  # noqa: N807 - the name Python looks for (PEP 562)
        raise error_for(namespace, name, module_name)

    return __getattr__
