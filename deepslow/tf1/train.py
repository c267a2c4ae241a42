"""`tf.train`: what TF1 programs reach through `tf.train`.

The optimizers the lessons build on (gradient descent, momentum, Adam) and the Optimizer base
class live in deepslow/train.py, the teaching core; this namespace adds TF1's other optimizers
and the checkpoint tools. `deepslow.train` is this module.
"""

from ..train import AdamOptimizer, GradientDescentOptimizer, MomentumOptimizer, Optimizer
from . import missing
from .global_step import create_global_step, get_global_step, get_or_create_global_step
from .optimizers import AdadeltaOptimizer, AdagradOptimizer, RMSPropOptimizer
from .saver import Saver, checkpoint_exists, get_checkpoint_state, latest_checkpoint

__getattr__ = missing.namespace_getattr("train", __name__)
