"""File confinement with Landlock, for kernels started where bubblewrap cannot make namespaces.

    python landlock.py --read=DIR ... --write=DIR ... -- command ...

confines itself (Linux >= 5.13: read and execute only under the --read folders, write only under
the --write folders and /dev/null) and then replaces itself with the command, which stays
confined, and so do its children; not even root can lift it. Run as a script with `python -I -S`
(stdlib only), so starting it costs no import of deepslow. Where the kernel has no Landlock, it
says so on stderr and runs the command unconfined (the grader has said what is isolated).

Landlock is a set of three system calls that Python has no wrapper for, hence ctypes.
"""

import argparse
import ctypes
import os
import sys

_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446  # the same on x86-64 and arm64
_PR_SET_NO_NEW_PRIVS = 38
_EXECUTE, _WRITE_FILE, _READ_FILE, _READ_DIR = 1, 2, 4, 8
_TRUNCATE = 1 << 14


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def abi():
    """The Landlock ABI version this kernel offers, or None (asking does not confine anything)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    version = libc.syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return int(version) if version >= 1 else None


def restrict_files(readable, writable):
    """Confine this process and its future children: read and execute only under `readable`,
    write only under `writable` (and /dev/null, /dev/zero, /dev/full). Returns the Landlock ABI
    version, or None where Landlock is unavailable."""
    version = abi()
    if version is None:
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    handled = (1 << {1: 13, 2: 14, 3: 15, 4: 15}.get(version, 16)) - 1  # every file system right this ABI knows
    attr = ctypes.c_uint64(handled)
    ruleset = libc.syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(8), ctypes.c_uint32(0))
    if ruleset < 0:
        return None
    truncate = _TRUNCATE if version >= 3 else 0
    file_rights = _EXECUTE | _WRITE_FILE | _READ_FILE | truncate

    def allow(path, rights):
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return
        try:
            if not os.path.isdir(path):
                rights &= file_rights
            rule = _PathBeneath(rights, fd)
            libc.syscall(_SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(1), ctypes.byref(rule), ctypes.c_uint32(0))
        finally:
            os.close(fd)

    for path in readable:
        allow(path, _EXECUTE | _READ_FILE | _READ_DIR)
    for path in writable:
        allow(path, handled)
    for path in ("/dev/null", "/dev/zero", "/dev/full"):
        allow(path, _READ_FILE | _WRITE_FILE | truncate)
    try:
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return None
        if libc.syscall(_SYS_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            return None
    finally:
        os.close(ruleset)
    return version


def main(argv=None):
    parser = argparse.ArgumentParser(prog="landlock.py")
    parser.add_argument("--read", action="append", default=[], help="a folder the command may read")
    parser.add_argument("--write", action="append", default=[], help="a folder the command may write")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if restrict_files(args.read, args.write) is None:
        print("landlock.py: Landlock is not available here; files are not confined", file=sys.stderr)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
