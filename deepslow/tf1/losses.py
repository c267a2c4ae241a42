"""`tf.losses`: a loss per example, then one number, as TF1 reduces it.

Each function computes the elementwise loss and then `compute_weighted_loss`: with the default
weights=1.0 that is the mean; with weights, the sum of weight × loss divided by the number of
nonzero weights (TF1's default reduction, SUM_BY_NONZERO_WEIGHTS). The result is also added to
the LOSSES collection, so `tf.losses.get_total_loss()` finds it.
"""

import numpy as np

from .. import nn, ops
from ..graph import Node
from . import missing
from .array_ops import cast, ones_like, shape, strided_slice_of
from .graph_collections import GraphKeys, add_to_collection, get_collection
from .logic_ops import not_equal
from .math_ops import abs, add_n, maximum
from .nn_ops import SigmoidCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits
from .scopes import name_scope


class Reduction:
    NONE = "none"
    SUM = "weighted_sum"
    MEAN = "weighted_mean"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS


def compute_weighted_loss(
    losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS
):
    with name_scope(scope, "weighted_loss"):
        plain = not isinstance(weights, Node) and np.all(np.asarray(weights) == 1.0)
        if plain and reduction in (Reduction.SUM_BY_NONZERO_WEIGHTS, Reduction.SUM_OVER_BATCH_SIZE, Reduction.MEAN):
            loss = ops.reduce_mean(losses, name="value")  # every weight 1: all three are the mean
        else:
            weighted = ops.multiply(losses, weights)
            if reduction == Reduction.NONE:
                loss = weighted
            elif reduction == Reduction.SUM:
                loss = ops.reduce_sum(weighted, name="value")
            else:
                total = ops.reduce_sum(weighted)
                every_weight = ops.multiply(ones_like(losses), weights)  # the weights, broadcast to the losses
                if reduction == Reduction.MEAN:
                    count = ops.reduce_sum(every_weight)
                elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
                    count = ops.reduce_sum(ones_like(losses))
                elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
                    count = ops.reduce_sum(cast(not_equal(every_weight, 0.0), "float32"))
                else:
                    raise ValueError(f"unknown reduction {reduction!r}: use one of tf.losses.Reduction's")
                loss = ops.divide(total, maximum(count, 1e-30), name="value")  # 0 (not NaN) when every weight is 0
    if loss_collection is not None:
        add_to_collection(loss_collection, loss)
    return loss


def absolute_difference(
    labels,
    predictions,
    weights=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=Reduction.SUM_BY_NONZERO_WEIGHTS,
):
    """mean |predictions − labels|"""
    with name_scope(scope, "absolute_difference"):
        return compute_weighted_loss(abs(ops.subtract(predictions, labels)), weights, None, loss_collection, reduction)


def mean_squared_error(
    labels,
    predictions,
    weights=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=Reduction.SUM_BY_NONZERO_WEIGHTS,
):
    """mean (predictions − labels)²"""
    with name_scope(scope, "mean_squared_error"):
        return compute_weighted_loss(
            ops.square(ops.subtract(predictions, labels)), weights, None, loss_collection, reduction
        )


def log_loss(
    labels,
    predictions,
    weights=1.0,
    epsilon=1e-7,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=Reduction.SUM_BY_NONZERO_WEIGHTS,
):
    """mean of −y·log(p + ε) − (1 − y)·log(1 − p + ε), for probabilities p (not logits)."""
    with name_scope(scope, "log_loss"):
        positive = ops.multiply(labels, ops.log(ops.add(predictions, epsilon)))
        negative = ops.multiply(ops.subtract(1.0, labels), ops.log(ops.add(ops.subtract(1.0, predictions), epsilon)))
        return compute_weighted_loss(
            ops.negative(ops.add(positive, negative)), weights, None, loss_collection, reduction
        )


def sigmoid_cross_entropy(
    multi_class_labels,
    logits,
    weights=1.0,
    label_smoothing=0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=Reduction.SUM_BY_NONZERO_WEIGHTS,
):
    """mean of the elementwise sigmoid cross-entropy (each column its own yes/no question)."""
    with name_scope(scope, "sigmoid_cross_entropy_loss"):
        labels = multi_class_labels
        if label_smoothing:
            labels = ops.add(ops.multiply(labels, 1.0 - label_smoothing), 0.5 * label_smoothing)
        per_element = SigmoidCrossEntropyWithLogits(labels, logits, name="logistic_loss")
        return compute_weighted_loss(per_element, weights, None, loss_collection, reduction)


def softmax_cross_entropy(
    onehot_labels,
    logits,
    weights=1.0,
    label_smoothing=0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=Reduction.SUM_BY_NONZERO_WEIGHTS,
):
    """mean over the rows of the softmax cross-entropy; label_smoothing moves each row of
    labels toward the uniform distribution: y(1 − s) + s/classes."""
    with name_scope(scope, "softmax_cross_entropy_loss"):
        labels = onehot_labels
        if label_smoothing:
            classes = cast(strided_slice_of(shape(labels), -1), "float32")
            labels = ops.add(ops.multiply(labels, 1.0 - label_smoothing), ops.divide(label_smoothing, classes))
        per_row = nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
        return compute_weighted_loss(per_row, weights, None, loss_collection, reduction)


def sparse_softmax_cross_entropy(
    labels,
    logits,
    weights=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=Reduction.SUM_BY_NONZERO_WEIGHTS,
):
    """mean over the rows of −log softmax(logits)[label], labels being class indices."""
    with name_scope(scope, "sparse_softmax_cross_entropy_loss"):
        per_row = SparseSoftmaxCrossEntropyWithLogits(labels, logits, name="xentropy")
        return compute_weighted_loss(per_row, weights, None, loss_collection, reduction)


# --- the LOSSES collection --------------------------------------------------------------------


def add_loss(loss, loss_collection=GraphKeys.LOSSES):
    if loss_collection is not None:
        add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES):
    return get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    return get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name="total_regularization_loss"):
    """The sum of the regularizers' losses (from get_variable(regularizer=...)), or 0.0."""
    losses = get_regularization_losses(scope)
    return add_n(losses, name=name) if losses else ops.constant(0.0, name=name)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    losses = get_losses(scope) + (get_regularization_losses(scope) if add_regularization_losses else [])
    if not losses:
        raise ValueError("No losses found: build one with tf.losses.* (or add one with tf.losses.add_loss) first")
    return add_n(losses, name=name)


__getattr__ = missing.namespace_getattr("losses", __name__)
