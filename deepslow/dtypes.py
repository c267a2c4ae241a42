"""TensorFlow's dtype names, mapped onto NumPy dtypes, and the conversions into NumPy values.

A deepslow dtype is a plain `numpy.dtype`: `tf.float32 == np.float32` holds, and a value's
dtype is what NumPy says it is. `as_dtype` reads TF's spellings too, so `placeholder("float")`
is float32 as in TF (NumPy's "float" would be float64).
"""

import builtins

import numpy as np

float16 = half = np.dtype(np.float16)
float32 = np.dtype(np.float32)
float64 = double = np.dtype(np.float64)
int8 = np.dtype(np.int8)
int16 = np.dtype(np.int16)
int32 = np.dtype(np.int32)
int64 = np.dtype(np.int64)
uint8 = np.dtype(np.uint8)
uint16 = np.dtype(np.uint16)
uint32 = np.dtype(np.uint32)
uint64 = np.dtype(np.uint64)
bool = np.dtype(np.bool_)  # noqa: A001 - TF spells it tf.bool

DEFAULT_FLOAT = float32

# TF's names where NumPy reads the same word differently ("float" is float64 to NumPy), and
# Python's types as TF maps them.
_TF_NAMES = {"float": float32, "double": float64, "half": float16}
_PYTHON_TYPES = {builtins.float: float32, builtins.int: int32, builtins.bool: bool}


def as_dtype(dtype):
    """The NumPy dtype TF means by `dtype`: tf.float32, "float32", "float" (float32, as in TF),
    "double", np.float64, Python's float (float32) ..."""
    if isinstance(dtype, str) and dtype in _TF_NAMES:
        return _TF_NAMES[dtype]
    if isinstance(dtype, type) and dtype in _PYTHON_TYPES:
        return _PYTHON_TYPES[dtype]
    try:
        result = np.dtype(dtype)
    except TypeError:
        result = None
    if dtype is None or result is None or result.kind not in "biuf":
        raise TypeError(
            f"{dtype!r} is not a dtype deepslow knows: use tf.float32 (or 'float'), tf.float64 ('double'), "
            "tf.float16, tf.int8/16/32/64, tf.uint8/16/32/64 or tf.bool"
        )
    return result


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


def of_value(value):
    """The dtype TF gives a value: a Python int is int32, a float float32, a bool bool; NumPy
    values keep their own (`fill([2], 9)` is int32 in TF, where NumPy would say int64)."""
    if isinstance(value, (np.ndarray, np.generic)):
        return value.dtype
    kind = np.asarray(value).dtype.kind
    return {"b": bool, "i": int32, "u": int32, "f": float32}.get(kind, float32)
