"""Keep BLAS on one thread while a widget trains and draws.

The playground multiplies small matrices (at most 10,000 x 16). For those, BLAS threads cost
more than they save: on a 2-core machine a (10000, 8) @ (8, 8) product took about 1 ms with
OpenBLAS's two threads and 0.04 ms with one. So every train step and frame runs inside
`one_blas_thread()`, which sets the limit and restores the previous one afterwards.

How the limit is set, best first:
  1. threadpoolctl, when installed (it knows OpenBLAS, MKL and BLIS);
  2. otherwise OpenBLAS's own C function `openblas_set_num_threads`, found in the libraries
     loaded into this process (Linux), which covers the OpenBLAS bundled in NumPy's wheels;
  3. otherwise nothing can be changed at run time: setting OPENBLAS_NUM_THREADS=1 (or
     OMP_NUM_THREADS=1) in the environment before Jupyter starts has the same effect.
"""

import contextlib
import ctypes
import functools

_OPENBLAS_NAMES = ("openblas", "scipy_openblas")  # symbol prefixes, plain and NumPy's renamed one
_SUFFIXES = ("", "64_")


@functools.cache
def _controller():
    """What can limit the threads here: ('threadpoolctl', controller), ('openblas', get, set) or None."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        pass
    else:
        return ("threadpoolctl", ThreadpoolController())
    functions = find_openblas()
    return ("openblas", *functions) if functions else None


def find_openblas():
    """(get_num_threads, set_num_threads) of an OpenBLAS loaded in this process, or None."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:  # not Linux
        return None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in _OPENBLAS_NAMES:
            for suffix in _SUFFIXES:
                get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                set_ = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and set_ is not None:
                    get.restype, set_.argtypes = ctypes.c_int, [ctypes.c_int]
                    return get, set_
    return None


@contextlib.contextmanager
def one_blas_thread():
    """Run the block with BLAS limited to one thread; restore the previous limit after."""
    control = _controller()
    if control is None:
        yield
    elif control[0] == "threadpoolctl":
        with control[1].limit(limits=1, user_api="blas"):
            yield
    else:
        get, set_ = control[1], control[2]
        before = get()
        set_(1)
        try:
            yield
        finally:
            set_(before)


def method():
    """Which mechanism `one_blas_thread` uses here: 'threadpoolctl', 'openblas' or 'none'."""
    control = _controller()
    return "none" if control is None else control[0]
