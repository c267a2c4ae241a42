"""`tf.logging`: TF1's log, which programs mostly use to silence TensorFlow's own messages
(`tf.logging.set_verbosity(tf.logging.ERROR)`). deepslow prints no messages of its own, so that
call changes nothing visible; info/warning/error write through Python's `logging` module, to
the logger named "deepslow".
"""

import logging as _logging

from . import missing

DEBUG, INFO, WARN, ERROR, FATAL = _logging.DEBUG, _logging.INFO, _logging.WARNING, _logging.ERROR, _logging.FATAL

_log = _logging.getLogger("deepslow")


def set_verbosity(level):
    _log.setLevel(level)


def get_verbosity():
    return _log.getEffectiveLevel()


def debug(msg, *args):
    _log.debug(msg, *args)


def info(msg, *args):
    _log.info(msg, *args)


def warning(msg, *args):
    _log.warning(msg, *args)


warn = warning


def error(msg, *args):
    _log.error(msg, *args)


__getattr__ = missing.namespace_getattr("logging", __name__)
