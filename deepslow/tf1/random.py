"""`tf.random`: the random ops under their newer short names (tf.random.normal, ...)."""

from . import missing
from .random_ops import random_normal as normal
from .random_ops import random_uniform as uniform
from .random_ops import set_random_seed, truncated_normal

__getattr__ = missing.namespace_getattr("random", __name__)
