"""`deepslow.nn`: the neural-network ops under TensorFlow's `tf.nn` names."""

from .ops import relu, sigmoid, softmax, softmax_cross_entropy_with_logits_v2, tanh

softmax_cross_entropy_with_logits = softmax_cross_entropy_with_logits_v2

__all__ = [
    "relu",
    "sigmoid",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_v2",
    "tanh",
]
