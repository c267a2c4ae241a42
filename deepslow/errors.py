"""Error types. Every message names the node (by name and op type) and says what to do."""


class DeepslowError(Exception):
    """Base class for every error deepslow raises on purpose."""


class FeedError(DeepslowError, ValueError):
    """A placeholder is missing from feed_dict, or was fed something that does not fit it."""


class ShapeError(DeepslowError, ValueError):
    """Operands whose shapes cannot be combined (matmul inner dimensions, broadcasting, ...)."""


class OpError(DeepslowError, RuntimeError):
    """An op failed while computing its value; the message says which op and with what inputs."""


class NumericsError(OpError, FloatingPointError):
    """An op produced NaN or inf while the session checks numerics."""


class NoGradientError(DeepslowError, LookupError):
    """Backpropagation reached an op type that has no registered gradient."""


class UninitializedVariableError(DeepslowError, RuntimeError):
    """A Variable was read before any initializer gave it a value in this session."""


class FetchError(DeepslowError, TypeError):
    """Something passed to Session.run is not a node (or a list/tuple/dict of nodes)."""


def describe(node):
    """Short "'name' (OpType)" form used inside messages."""
    return f"'{node.name}' ({node.op_type})"
