"""How a submission's kernel is confined, and how every process it started is ended.

The kernel is started through this module (`python .../sandbox.py [limits] -- cmd`),
which sets resource limits and then replaces itself with the kernel:

* RLIMIT_AS (memory), RLIMIT_FSIZE (largest file it may write), RLIMIT_CORE = 0.
* Processes: RLIMIT_NPROC counts the processes *of a user*, and does not apply to root at all.
  So when the grader runs as root, each concurrent kernel runs as its own unprivileged user id
  (a numeric uid no account uses, e.g. 61000 + slot). RLIMIT_NPROC then caps exactly that
  submission (a fork bomb hits the cap), the kernel cannot write the gradebook, other
  submissions or anything else not writable by everyone, and stopping the submission is exact:
  `kill(-1, SIGKILL)` sent *as that user* ends every process it has, even ones that left the
  process group with setsid(). The kernel keeps one capability, CAP_DAC_READ_SEARCH (read any
  file), so it can load Python and deepslow from wherever they are installed (e.g. under /root);
  it cannot write anywhere but its own working directory and world-writable places.
* Without root, the kernel runs as the grader's user: RLIMIT_NPROC is set to the user's current
  task count plus the budget, and stopping kills the kernel's process group and every
  descendant the runner (a child subreaper) can find. Files are not isolated in this mode.
"""

import argparse
import ctypes
import json
import os
import resource
import shutil
import signal
import sys
import time

CAP_DAC_READ_SEARCH = 2
_PR_SET_KEEPCAPS, _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_RAISE, _PR_SET_CHILD_SUBREAPER = 8, 47, 2, 36


def kernel_argv(memory_mb, max_procs, file_mb, uid=None, readable=()):
    """The kernel command for a KernelSpec: this launcher, then ipykernel."""
    # Run this file as a script, not `-m deepslow.grading.sandbox`: no need to import deepslow (and NumPy) twice.
    argv = [sys.executable, os.path.abspath(__file__), f"--memory-mb={memory_mb}"]
    argv += [f"--max-procs={max_procs}", f"--file-mb={file_mb}"]
    if uid is not None:
        argv.append(f"--uid={uid}")
    argv += [f"--read={path}" for path in readable]
    return argv + ["--", sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]


def python_paths():
    """What the kernel must be able to read: Python, its packages, and deepslow's own folders."""
    import importlib.util

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    paths.update(p for p in sys.path if p and os.path.isdir(p) and os.path.abspath(p) != os.getcwd())
    for name in ("deepslow", "deepslow.widgets"):
        spec = importlib.util.find_spec(name)
        paths.update(spec.submodule_search_locations or [] if spec else [])
    return sorted(os.path.abspath(p) for p in paths)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="deepslow.grading.sandbox")
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--max-procs", type=int, required=True)
    parser.add_argument("--file-mb", type=int, required=True)
    parser.add_argument("--uid", type=int)
    parser.add_argument("--read", action="append", default=[], help="a folder the kernel may read")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    command = _private_connection_file(command, args.uid)
    _limit(resource.RLIMIT_AS, args.memory_mb * 2**20)
    _limit(resource.RLIMIT_FSIZE, args.file_mb * 2**20)
    _limit(resource.RLIMIT_CORE, 0)
    if args.uid is not None:
        _limit(resource.RLIMIT_NPROC, args.max_procs)
        become(args.uid)
    else:
        _limit(resource.RLIMIT_NPROC, user_task_count(os.getuid()) + args.max_procs)
    abi = restrict_files(readable=args.read + SYSTEM_READABLE, writable=[os.getcwd(), "/dev/shm"])
    status = {"uid": os.getuid(), "landlock": abi, "memory_mb": args.memory_mb, "max_procs": args.max_procs}
    with open(".deepslow-sandbox.json", "w") as f:  # the runner reads it before any student code runs
        json.dump(status, f)
    os.execv(command[0], command)


# --- files: Landlock -------------------------------------------------------------------------

SYSTEM_READABLE = ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc", "/opt", "/proc", "/sys", "/dev"]
_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446  # the same on x86-64 and arm64
_PR_SET_NO_NEW_PRIVS = 38
_EXECUTE, _WRITE_FILE, _READ_FILE, _READ_DIR = 1, 2, 4, 8
_TRUNCATE, _IOCTL_DEV = 1 << 14, 1 << 15


def restrict_files(readable, writable):
    """Confine this process and its children with Landlock (Linux >= 5.13): read and execute only
    under `readable`, write only under `writable` (and /dev/null). Works with or without root, and
    root cannot lift it. Returns the Landlock ABI version, or None where Landlock is unavailable.

    So a submission cannot read the source notebook, the gradebook or other submissions (unless
    they sit under a readable folder), nor write anywhere but its own working directory."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    abi = libc.syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi < 1:
        return None
    handled = (1 << {1: 13, 2: 14, 3: 15, 4: 15}.get(abi, 16)) - 1  # every filesystem right this ABI knows
    attr = ctypes.c_uint64(handled)
    ruleset = libc.syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(8), ctypes.c_uint32(0))
    if ruleset < 0:
        return None

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    file_rights = _EXECUTE | _WRITE_FILE | _READ_FILE | (_TRUNCATE if abi >= 3 else 0)
    read = _EXECUTE | _READ_FILE | _READ_DIR

    def allow(path, rights):
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return
        try:
            if not os.path.isdir(path):
                rights &= file_rights
            rule = PathBeneath(rights, fd)
            libc.syscall(_SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(1), ctypes.byref(rule), ctypes.c_uint32(0))
        finally:
            os.close(fd)

    for path in readable:
        allow(path, read)
    for path in writable:
        allow(path, handled)
    for path in ("/dev/null", "/dev/zero", "/dev/full"):
        allow(path, _READ_FILE | _WRITE_FILE | (_TRUNCATE if abi >= 3 else 0))
    try:
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return None
        if libc.syscall(_SYS_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            return None
    finally:
        os.close(ruleset)
    return int(abi)


def _limit(which, value):
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, hard if hard != resource.RLIM_INFINITY else value))


def _private_connection_file(command, uid):
    """Hand the kernel its own copy of the connection file, in its working directory: Jupyter
    writes the original readable by its owner only, somewhere the kernel may not read."""
    command = list(command)
    if "-f" in command:
        i = command.index("-f") + 1
        copy = os.path.join(os.getcwd(), ".kernel-connection.json")
        shutil.copyfile(command[i], copy)
        if uid is not None:
            os.chown(copy, uid, uid)
        os.chmod(copy, 0o600)
        command[i] = copy
    return command


def become(uid):
    """Switch to `uid` (no groups), keeping only CAP_DAC_READ_SEARCH across exec (ambient)."""
    libc = ctypes.CDLL(None, use_errno=True)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    if libc.prctl(_PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_KEEPCAPS)")
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    bit = 1 << CAP_DAC_READ_SEARCH
    data[0].effective = data[0].permitted = data[0].inheritable = bit
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    if libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_RAISE, CAP_DAC_READ_SEARCH, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_CAP_AMBIENT_RAISE)")


# --- stopping everything a submission started ----------------------------------------------


def _processes():
    """{pid: (ppid, uid)} for every process, from /proc."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            table[int(entry)] = (int(fields["PPid"]), int(fields["Uid"].split()[1]))
        except (OSError, KeyError, ValueError, IndexError):
            continue
    return table


def user_task_count(uid):
    """Tasks (processes and threads) of `uid`: what RLIMIT_NPROC counts."""
    count = 0
    for pid, (_, owner) in _processes().items():
        if owner == uid:
            try:
                count += len(os.listdir(f"/proc/{pid}/task"))
            except OSError:
                pass
    return count


def descendants(root):
    """Every process below `root` in the process tree."""
    children = {}
    for pid, (ppid, _) in _processes().items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def kill_user(uid, seconds=20.0):
    """End every process of `uid`: SIGSTOP them all (a stopped process cannot fork any more),
    then SIGKILL them all, both sent with kill(-1) *as that user*, until none is left.
    Returns False if some survived (the caller must then not reuse the uid)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(owner == uid for _, owner in _processes().values()):
            return True
        for signum in (signal.SIGSTOP, signal.SIGKILL):
            pid = os.fork()
            if pid == 0:  # the child becomes the user, so kill(-1) reaches exactly that user's processes
                try:
                    os.setgroups([])
                    os.setgid(uid)
                    os.setuid(uid)
                    os.kill(-1, signum)
                finally:
                    os._exit(0)
            os.waitpid(pid, 0)
        reap_children()
        time.sleep(0.02)
    return False


def kill_tree(root, attempts=50):
    """SIGKILL every descendant of `root` (the runner is a subreaper, so orphans stay below it)."""
    for _ in range(attempts):
        pids = descendants(root)
        if not pids:
            return True
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.02)
        reap_children()
    return False


def reap_children(uid=None):
    """Collect our exited children (and orphans re-parented to us, a subreaper) so they do not stay
    as zombies, which still count against RLIMIT_NPROC. With `uid`, only children of that user."""
    me = os.getpid()
    for pid, (ppid, owner) in _processes().items():
        if ppid == me and (uid is None or owner == uid):
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass


def become_subreaper():
    """Orphaned descendants are re-parented to this process instead of init (Linux only)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def can_run_as(uid):
    """True if a kernel can really be started as `uid` here (switching users can be forbidden,
    e.g. in a container without CAP_SETUID): the launcher is tried on a one-line program."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="deepslow-probe-") as workdir:
        os.chown(workdir, uid, uid)
        argv = kernel_argv(512, 32, 1, uid, python_paths())[:-6]  # the launcher, without ipykernel
        argv += ["--", sys.executable, "-c", "import ipykernel, numpy"]
        try:
            done = subprocess.run(argv, cwd=workdir, capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return done.returncode == 0


_reserved = {}  # uid -> open lock file, held for the life of this process


def free_uids(base, count):
    """Reserve `count` uids from `base` up that no account uses, no process runs as, and no other
    grader on this machine holds (an flock on a file per uid, released when this process ends)."""
    import fcntl
    import pwd

    lock_dir = os.path.join("/tmp", "deepslow-sandbox-uids")
    os.makedirs(lock_dir, mode=0o700, exist_ok=True)
    running = {owner for _, owner in _processes().values()}
    uids, uid = [], base
    while len(uids) < count and uid < base + 10000:
        try:
            pwd.getpwuid(uid)
        except KeyError:
            if uid not in running and uid not in _reserved:
                lock = open(os.path.join(lock_dir, str(uid)), "a")  # noqa: SIM115 - held open on purpose
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    _reserved[uid] = lock
                    uids.append(uid)
                except OSError:
                    lock.close()
        uid += 1
    return uids


if __name__ == "__main__":
    main()
