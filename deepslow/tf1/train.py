"""`tf.train`: what TF1 programs reach through `tf.train`.

The optimizers the lessons build on (gradient descent, momentum, Adam) and the Optimizer base
class live in deepslow/train.py, the teaching core; this namespace adds TF1's other optimizers
and the checkpoint tools. `deepslow.train` is this module.
"""

from .. import ops
from ..train import AdamOptimizer, GradientDescentOptimizer, MomentumOptimizer, Optimizer
from . import missing
from .array_ops import cast
from .global_step import create_global_step, get_global_step, get_or_create_global_step
from .math_ops import floor, pow  # noqa: A004
from .optimizers import AdadeltaOptimizer, AdagradOptimizer, RMSPropOptimizer
from .saver import Saver, checkpoint_exists, get_checkpoint_state, latest_checkpoint


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    """learning_rate · decay_rate^(global_step / decay_steps), as a node to pass to an optimizer
    (with staircase=True the exponent is rounded down: the rate drops every decay_steps steps)."""
    exponent = cast(global_step, "float32") / float(decay_steps)
    if staircase:
        exponent = floor(exponent)
    return ops.multiply(float(learning_rate), pow(float(decay_rate), exponent), name=name or "ExponentialDecay")


__getattr__ = missing.namespace_getattr("train", __name__)
