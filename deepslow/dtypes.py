"""TensorFlow's dtype names, mapped onto NumPy dtypes, and the conversions into NumPy values.

deepslow follows TensorFlow's defaults: `2` is int32, `2.0` and `[1.0, 2.0]` are float32, a
NumPy array keeps its dtype. Two exceptions keep the classic teaching defects away: a trainable
Variable is always a float (an integer weight would silently truncate every update), and a
plain number meeting a node (`x * 2`) takes that node's dtype (see implicit_dtype).
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
string = np.dtype(np.bytes_)  # tf.constant("Hello") holds bytes, and sess.run gives b'Hello', as in TF

DEFAULT_FLOAT = float32

# TensorFlow's spellings that NumPy reads differently ("float" is float64 to NumPy) or not at all.
_TF_NAMES = {"float": float32, "half": float16, "double": float64, "int": int32, "bool": bool, "string": string}
_PYTHON_TYPES = {builtins.float: float32, builtins.int: int32, builtins.bool: bool}


def as_dtype(dtype):
    """A NumPy dtype from a TF name ("float", "double", "int32"), a NumPy dtype or a Python type
    (float is float32 and int int32, as in TF)."""
    if isinstance(dtype, str) and dtype in _TF_NAMES:
        return _TF_NAMES[dtype]
    if isinstance(dtype, type) and dtype in _PYTHON_TYPES:
        return _PYTHON_TYPES[dtype]
    try:
        result = None if dtype is None else np.dtype(dtype)
    except TypeError:
        result = None
    if result is None or result.kind not in "biufS":
        raise TypeError(
            f"{dtype!r} is not a dtype deepslow knows: use tf.float32 (or 'float'), tf.float64 ('double'), "
            "tf.float16, tf.int8/16/32/64, tf.uint8/16/32/64, tf.bool or tf.string"
        )
    return result


def tf_name(dtype):
    """The dtype as TF prints it: float32, int64, ... and `string` for bytes of any length."""
    return "string" if dtype.kind == "S" else dtype.name


def as_constant_array(value, dtype=None, what="constant value"):
    """A fresh array of `value` with TensorFlow's dtype for it (see the module docstring)."""
    if dtype is not None:
        return _array(value, as_dtype(dtype), what)
    if isinstance(value, (np.ndarray, np.generic)):
        return _array(value, value.dtype, what)
    array = _array(value, None, what)  # NumPy's reading: bool, int64 or float64
    if array.dtype.kind == "f":
        return array.astype(DEFAULT_FLOAT)
    if array.dtype.kind in "iu" and array.size and np.abs(array).max() < 2**31:
        return array.astype(int32)
    return array


def as_variable_array(value, dtype=None, trainable=True, what="value"):
    """A fresh array copy for a Variable: a trainable one is a float (float arrays keep their
    dtype; numbers, lists and integer arrays become float32); an untrainable one (a step
    counter) keeps TensorFlow's dtype."""
    if dtype is not None:
        return _array(value, dtype, what)
    if not trainable:
        return as_constant_array(value, what=what)
    is_float_array = isinstance(value, (np.ndarray, np.generic)) and value.dtype.kind == "f"
    return _array(value, value.dtype if is_float_array else DEFAULT_FLOAT, what)


def implicit_dtype(value, partner_dtype):
    """The dtype of a plain number or list used where a node is expected, as in `x * 2`: the
    dtype of the node it meets (as TF converts it), or float32 while that is unknown (an op's
    dtype is known once it runs). NumPy arrays keep their own (None: no conversion)."""
    if isinstance(value, (np.ndarray, np.generic)):
        return None
    if partner_dtype is not None:
        return partner_dtype
    return bool if np.asarray(value).dtype.kind == "b" else DEFAULT_FLOAT


def _array(value, dtype, what):
    """A fresh array of numbers, or of bytes for text (TF's strings are bytes, in UTF-8)."""
    text = dtype is not None and dtype.kind == "S"
    problem = f"{what} must be numeric or text (a number, string, list or NumPy array), got {value!r:.80}"
    try:
        array = np.array(value, dtype=None if text else dtype, copy=True)
        if array.dtype.kind == "U":
            array = np.char.encode(array, "utf-8")
        if text:
            array = array.astype(np.bytes_)
    except (TypeError, ValueError) as exc:
        raise TypeError(problem) from exc
    if array.dtype.kind not in "biufS":
        raise TypeError(problem)
    return array


def as_numpy(value):
    """A learner's op may return a plain float or a list: ops downstream expect NumPy values.
    (NumPy arrays, their subclasses and NumPy scalars pass unchanged, as does None.)"""
    return value if value is None or isinstance(value, (np.ndarray, np.generic)) else np.asarray(value)
