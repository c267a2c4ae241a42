"""Keep freed memory for reuse, so large training steps do not page-fault every time.

Every op returns a fresh NumPy array. At batch 10,000 those arrays are megabytes each, and glibc
hands big freed blocks straight back to the operating system; the next training step then asks
for them again and pays a page fault for every 4 kB it touches. That made a step about 1.7 times
slower than the same math written with NumPy by hand. Raising glibc's thresholds keeps freed
blocks in the process for the next step (deep-learning frameworks keep a caching allocator for
the same reason). Elsewhere than glibc (macOS, Windows, musl) this does nothing.
"""

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt parameters, from glibc's malloc.h
_KEEP_BYTES = 256 * 2**20  # blocks up to this size are recycled rather than returned
_done = False


def keep_freed_memory():
    """Ask glibc (once per process) to recycle large freed blocks instead of returning them."""
    global _done
    if _done:
        return
    _done = True
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return
    mallopt(_M_MMAP_THRESHOLD, _KEEP_BYTES // 8)  # allocate up to 32 MB from the reusable heap
    mallopt(_M_TRIM_THRESHOLD, _KEEP_BYTES)  # and keep up to 256 MB of it when freed
