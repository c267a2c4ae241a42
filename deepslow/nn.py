"""`deepslow.nn`: the neural-network ops under TensorFlow's `tf.nn` names.

relu, sigmoid, softmax and the fused softmax cross-entropy are the core's (deepslow/ops.py, what
the lessons build); the rest come from deepslow/tf1/.
"""

from .ops import relu, sigmoid, softmax, softmax_cross_entropy_with_logits_v2, tanh
from .tf1 import missing
from .tf1.index_ops import embedding_lookup
from .tf1.nn_ops import (
    bias_add,
    elu,
    l2_loss,
    l2_normalize,
    leaky_relu,
    log_softmax,
    moments,
    relu6,
    sigmoid_cross_entropy_with_logits,
    softplus,
    sparse_softmax_cross_entropy_with_logits,
    xw_plus_b,
)
from .tf1.random_ops import dropout

softmax_cross_entropy_with_logits = softmax_cross_entropy_with_logits_v2

__all__ = [
    "bias_add",
    "dropout",
    "elu",
    "embedding_lookup",
    "l2_loss",
    "l2_normalize",
    "leaky_relu",
    "log_softmax",
    "moments",
    "relu",
    "relu6",
    "sigmoid",
    "sigmoid_cross_entropy_with_logits",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_v2",
    "softplus",
    "sparse_softmax_cross_entropy_with_logits",
    "tanh",
    "xw_plus_b",
]

__getattr__ = missing.namespace_getattr("nn", __name__)
