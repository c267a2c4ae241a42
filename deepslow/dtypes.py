"""TensorFlow's dtype names, mapped onto NumPy dtypes, and the conversions into NumPy values."""

import numpy as np

float16 = np.dtype(np.float16)
float32 = np.dtype(np.float32)
float64 = np.dtype(np.float64)
int32 = np.dtype(np.int32)
int64 = np.dtype(np.int64)
bool = np.dtype(np.bool_)  # noqa: A001 - TF spells it tf.bool

DEFAULT_FLOAT = float32


def as_float_array(value, dtype=None, what="value"):
    """A fresh float array copy of `value`. NumPy float arrays keep their dtype; numbers, lists
    and integer arrays become float32, TensorFlow's default.

    deepslow never stores integer Variables or aliases the caller's array, two defects of the
    classic teaching code (an integer weight silently truncates every update).
    """
    if dtype is None:
        is_float_array = isinstance(value, (np.ndarray, np.generic)) and value.dtype.kind == "f"
        dtype = value.dtype if is_float_array else DEFAULT_FLOAT
    try:
        return np.array(value, dtype=dtype, copy=True)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} must be numeric (a number, list or NumPy array), got {value!r:.80}") from exc


def as_numpy(value):
    """A learner's op may return a plain float or a list: ops downstream expect NumPy values.
    (NumPy arrays, their subclasses and NumPy scalars pass unchanged, as does None.)"""
    return value if value is None or isinstance(value, (np.ndarray, np.generic)) else np.asarray(value)
