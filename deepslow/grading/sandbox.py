"""How a submission's kernel is confined, checked from outside, and ended.

Every kernel is started by a chain of small, well-kept tools, each doing one thing and then
replacing itself with the next (exec), so that what finally runs is the kernel alone:

  sh        joins the submission's cgroup (cgroups.py): one memory limit and one process limit
            for everything the submission runs (root only)
  bwrap     bubblewrap (Debian's `bubblewrap` package): new network, mount, pid, ipc, uts and
            cgroup namespaces. The kernel's file system holds only read-only binds of what Python
            needs (/usr, /etc, the Python installation, the packages, deepslow) and private tmpfs
            for /tmp, /dev/shm and its working folder /home/student, of a fixed size. The host's
            files (the source notebook, other submissions, the grades, the grader's folders) are
            not there at all. The network has only its own loopback. When the namespace's first
            process dies, the kernel of the host kills every other process in it.
  prlimit   per-process limits (util-linux): address space, file size, processes of the user,
            no core dumps
  setpriv   (root only; util-linux) the submission's own unprivileged uid and gid, no
            supplementary groups, every capability set emptied (bounding, permitted, effective,
            inheritable, ambient), no_new_privs. Python under /root is readable because the bind
            makes it visible, not because of a capability.
  python -P -m ipykernel_launcher -f <connection file>

The kernel and the runner talk over ZMQ ipc:// sockets in a folder only that kernel and the
runner can reach (KernelBox.ipc_dir); after the kernel has created its sockets, and before any
student code runs, the runner takes the folder back (owner root, not writable by the kernel).
The runner then checks the kernel from outside (/proc: uid, groups, capabilities, namespaces,
cgroup) and runs no cell unless every promise holds.

Without root there is no other uid to switch to and no cgroup: bwrap still gives namespaces (in a
user namespace) where the kernel allows it; without bwrap, Landlock (Linux >= 5.13) confines
files. docs/grading.md says what is and is not isolated in each case.
"""

import ctypes
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

from . import landlock
from .cgroups import SubmissionCgroup

WORKDIR = "/home/student"  # the kernel's working folder, as the kernel sees it
SYSTEM_READABLE = ["/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
ROOT_ONLY = ["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-"]
KERNEL_MODULE = "ipykernel_launcher"
SOCKET_COUNT = 5  # shell, iopub, stdin, control, heartbeat


def tool(name):
    """Full path of a system tool, or None (looked up in the usual system folders too)."""
    return shutil.which(name) or shutil.which(name, path="/usr/bin:/bin:/usr/sbin:/sbin")


def python_paths():
    """What the kernel must be able to read: Python, its packages, and deepslow's own folders.
    Nothing else of sys.path: a folder that happens to be on it (the directory a test runner or
    PYTHONPATH put there, a course's repository) may hold notebooks or answers."""
    import importlib.util
    import site

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    paths.update(p for p in [*site.getsitepackages(), site.getusersitepackages()] if os.path.isdir(p))
    for name in ("deepslow", "deepslow.widgets"):
        spec = importlib.util.find_spec(name)
        paths.update(spec.submodule_search_locations or [] if spec else [])
    return _outermost(os.path.realpath(p) for p in paths)


def _outermost(paths):
    """The paths that are not inside another one of them, sorted."""
    kept = []
    for path in sorted(set(paths)):
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def _under(path, folders):
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


# --- what this machine can do --------------------------------------------------------------


def make_plan(uid, secrets=()):
    """How kernels will be confined on this machine, as plain data for the runner (job["sandbox"]).

    uid: the submission's own uid (root), or None to run kernels as the grader's own user.
    secrets: paths that must stay out of the kernel's sight even if they sit inside a folder it
    may read (the source notebook, the grades folder, the submissions)."""
    bwrap = tool("bwrap")
    return {
        "bwrap": bwrap,
        "uid": uid,
        "root": os.geteuid() == 0,
        "readable": python_paths(),
        "secrets": sorted({os.path.realpath(s) for s in secrets}),
        "prlimit": tool("prlimit"),
        "setpriv": tool("setpriv"),
        "landlock": landlock.abi(),
    }


_probed = {}  # what probe() found, per kind of plan: the machine does not change within a run


def probe(plan, limits):
    """None if a kernel can really be started with `plan` here, else why not (one line).

    Tried on a one-line program through the same chain of tools (namespaces can be forbidden in
    a container; the submission's uid may be unable to read Python without bwrap)."""
    kind = (plan.get("bwrap"), plan.get("uid") is None, plan.get("root"), tuple(plan.get("readable", ())))
    if kind not in _probed:
        _probed[kind] = _try_python(plan, limits)
    return _probed[kind]


def _try_python(plan, limits):
    box = KernelBox(plan, limits)
    try:
        with open(box.connection_file, "w") as f:  # the real one is written by jupyter_client
            f.write("{}")
        box.share_connection_file()
        program = f"import ipykernel, numpy, deepslow; open({box.connection_file!r}).read()"
        argv = box.command([sys.executable, "-c", program])
        try:
            done = subprocess.run(argv, cwd=box.root, capture_output=True, timeout=60, env=box.env())
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{type(exc).__name__}: {exc}"
        if done.returncode != 0:
            lines = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            return lines[-1] if lines else f"exit status {done.returncode}"
        return None
    finally:
        box.close()


# --- one kernel's box ----------------------------------------------------------------------


class KernelBox:
    """Everything one kernel attempt needs on the host, created before the kernel starts:

        <root>/                 owner root, 0700 (0711 without bwrap), random name
        <root>/connection.json  written by jupyter_client, then made readable (0644)
        <root>/ipc/             the kernel's ZMQ sockets; owned by the kernel's uid until its
                                sockets exist, then by root again (lock_sockets)
        <root>/work/            (only without bwrap) the working folder

    No path below <root> can be influenced by a student: <root> is created by mkdtemp and
    everything in it through file descriptors, before any student code runs."""

    def __init__(self, plan, limits):
        self.plan, self.limits = plan, limits
        self.uid = plan.get("uid")
        self.use_bwrap = bool(plan.get("bwrap"))
        self.root = tempfile.mkdtemp(prefix="dsk-", dir=_short_tmp())
        self._lock = threading.Lock()
        self._closed = False
        self.cgroup = None
        if plan.get("root"):
            self.cgroup = SubmissionCgroup.create(limits["memory_mb"], limits["max_procs"])
        root_fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            if not self.use_bwrap:
                os.fchmod(root_fd, 0o711)  # the kernel must pass through to ipc/ and work/
            self._private_dir(root_fd, "ipc")
            if not self.use_bwrap:
                self._private_dir(root_fd, "work")
        finally:
            os.close(root_fd)
        self.ipc_dir = os.path.join(self.root, "ipc")
        self.ipc_prefix = os.path.join(self.ipc_dir, "k")  # sockets are ipc/k-1 ... ipc/k-5
        self.connection_file = os.path.join(self.root, "connection.json")
        self.workdir = WORKDIR if self.use_bwrap else os.path.join(self.root, "work")

    def _private_dir(self, root_fd, name):
        os.mkdir(name, 0o700, dir_fd=root_fd)
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=root_fd)
        try:
            if self.uid is not None:
                os.fchown(fd, self.uid, self.uid)
        finally:
            os.close(fd)

    # --- the command ---------------------------------------------------------------------------

    def kernel_argv(self):
        """The kernel command, for a KernelSpec (jupyter_client fills in {connection_file})."""
        python = [sys.executable] + (["-P"] if sys.version_info >= (3, 11) else [])  # -P: cwd not on sys.path
        return self.command(python + ["-m", KERNEL_MODULE, "-f", "{connection_file}"])

    def command(self, program):
        """`program` wrapped in the chain of tools described in the module docstring."""
        limits, plan = self.limits, self.plan
        argv = []
        if self.cgroup is not None:
            files = self.cgroup.procs_files()
            # Join the cgroup(s) before anything else starts, so every later process is in them.
            script = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done; '
            script += 'exec "$@"'
            argv += ["/bin/sh", "-c", script, "deepslow-sandbox", str(len(files)), *files]
        if self.use_bwrap:
            argv += [plan["bwrap"], *self._bwrap_args(), "--"]
        nproc = limits["max_procs"]
        if self.uid is None:  # RLIMIT_NPROC counts all of the user's tasks: allow today's count + the budget
            nproc += user_task_count(os.getuid())
        if plan.get("prlimit"):
            argv += [
                plan["prlimit"],
                f"--as={limits['memory_mb'] * 2**20}",
                f"--fsize={limits['file_mb'] * 2**20}",
                "--core=0",
                f"--nproc={nproc}",
                "--",
            ]
        if self.uid is not None:
            argv += [
                plan["setpriv"],
                f"--reuid={self.uid}",
                f"--regid={self.uid}",
                "--clear-groups",
                "--inh-caps=-all",
                "--ambient-caps=-all",
                "--bounding-set=-all",
                "--no-new-privs",
                "--",
            ]
        elif plan.get("root"):  # root without another uid (--same-user): still no capability at all
            argv += [plan["setpriv"], "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--nnp", "--"]
        if not self.use_bwrap:  # no namespaces: Landlock keeps files out of reach instead
            argv += [sys.executable, "-I", "-S", landlock.__file__]
            readable = [p for p in plan["readable"] if _bindable(p)] + SYSTEM_READABLE + ["/proc", "/dev"]
            argv += [f"--read={p}" for p in readable + [self.connection_file]]
            argv += [f"--write={self.workdir}", f"--write={self.ipc_dir}", "--"]
        return argv + list(program)

    def _bwrap_args(self):
        plan, size = self.plan, str(self.limits["file_mb"] * 2**20)
        args = ["--unshare-net", "--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try"]
        args += ["--hostname", "grader", "--new-session", "--die-with-parent"]
        # ipykernel would watch this pid (the runner's), which it cannot see from its pid
        # namespace, and shut down at once; bwrap's --die-with-parent does that job instead.
        args += ["--unsetenv", "JPY_PARENT_PID"]
        if plan.get("root"):
            # setpriv needs CAP_SETPCAP to empty the bounding set (without it, it leaves the set full and
            # says nothing: KernelBox.verify checks), and CAP_SETUID/SETGID to switch user; it drops them all.
            args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETPCAP"]
            if self.uid is not None:
                args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:
            args += ["--unshare-user", "--disable-userns"]
        # Private, size-limited tmpfs first, so no bind below can show the host's /tmp.
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += ["--size", size, "--perms", "1777", "--tmpfs", "/tmp"]
        args += ["--size", size, "--perms", "1777", "--tmpfs", "/dev/shm"]
        args += ["--perms", "0755", "--dir", "/home"]
        args += ["--size", size, "--perms", "0777", "--tmpfs", WORKDIR]
        system = [p for p in SYSTEM_READABLE if os.path.lexists(p)]
        real_system = [p for p in system if not os.path.islink(p)]
        readable = [p for p in _outermost(plan["readable"]) if _bindable(p) and not _under(p, real_system)]
        for path in system:
            args += ["--symlink", os.readlink(path), path] if os.path.islink(path) else ["--ro-bind", path, path]
        for parent in _parents(readable + [self.ipc_dir], real_system):
            args += ["--perms", "0755", "--dir", parent]  # bwrap would make them 0700: the kernel must pass
        for path in readable:
            args += ["--ro-bind", path, path]
        for secret in plan.get("secrets", []):  # e.g. a source notebook kept inside the package folder
            if _under(secret, readable + real_system) and os.path.exists(secret):
                hide = ["--perms", "0000", "--tmpfs", secret] if os.path.isdir(secret) else []
                args += hide or ["--ro-bind", "/dev/null", secret]
        if plan.get("root") and self.uid is None:  # a kernel that is root reads root's files: hide the worst
            args += [a for f in ROOT_ONLY if os.path.exists(f) for a in ("--ro-bind", "/dev/null", f)]
        args += ["--bind", self.ipc_dir, self.ipc_dir, "--ro-bind", self.connection_file, self.connection_file]
        args += ["--chdir", WORKDIR]
        return args

    def env(self):
        """A small, predictable environment: no secrets of the grader's, one thread for BLAS."""
        keep = ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONPATH", "VIRTUAL_ENV")
        env = {k: v for k, v in os.environ.items() if k in keep}
        home = self.workdir
        env.update(
            HOME=home,
            TMPDIR=home if not self.use_bwrap else "/tmp",
            USER="student",
            LOGNAME="student",
            IPYTHONDIR=os.path.join(home, ".ipython"),
            MPLCONFIGDIR=os.path.join(home, ".matplotlib"),
            MPLBACKEND="Agg",
            PYTHONNOUSERSITE="1",
            PYTHONDONTWRITEBYTECODE="1",
            OPENBLAS_NUM_THREADS="1",
            OMP_NUM_THREADS="1",
            MKL_NUM_THREADS="1",
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        return env

    def share_connection_file(self):
        """Let the kernel read the connection file jupyter_client wrote (0600, root's)."""
        fd = os.open(self.connection_file, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{self.connection_file} is not a regular file")
            os.fchmod(fd, 0o644)
        finally:
            os.close(fd)

    # --- after the kernel started --------------------------------------------------------------

    def socket_paths(self):
        return [f"{self.ipc_prefix}-{n}" for n in range(1, SOCKET_COUNT + 1)]

    def wait_for_sockets(self, process, seconds):
        """Wait until the kernel has created its five sockets; False if it died or took too long."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(os.path.lexists(p) for p in self.socket_paths()):
                return True
            if process is not None and process.poll() is not None:
                return False
            time.sleep(0.01)
        return False

    def lock_sockets(self):
        """Take the socket folder back from the kernel (owner root, 0755) and check that each entry
        is a socket the kernel made. From now on the kernel cannot replace a socket by a symlink
        to somewhere else, so the runner (root) connects only to what it checked."""
        fd = os.open(self.ipc_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            if os.geteuid() == 0:
                os.fchown(fd, 0, 0)
            os.fchmod(fd, 0o755)
            for path in self.socket_paths():
                info = os.stat(os.path.basename(path), dir_fd=fd, follow_symlinks=False)
                owner = self.uid if self.uid is not None else os.geteuid()
                if not stat.S_ISSOCK(info.st_mode) or info.st_uid != owner:
                    return f"{os.path.basename(path)} is not a socket made by the kernel"
        finally:
            os.close(fd)
        return None

    def kernel_pid(self, launcher_pid):
        """The kernel's pid as the host sees it: the process below the launcher that is Python
        running ipykernel (the tools before it replaced themselves with it)."""
        for pid in [launcher_pid, *descendants(launcher_pid)]:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    words = f.read().split(b"\0")
            except OSError:
                continue
            if words[0] == sys.executable.encode() and KERNEL_MODULE.encode() in words[:4]:
                return pid
        return None

    def verify(self, pid):
        """Check the running kernel from outside, before any student code runs.

        Returns (facts, problems): facts is what was found (for the student's record), problems
        lists every promise of the plan that does not hold (the runner then runs no cell)."""
        status = _proc_status(pid)
        if not status:
            return {}, ["the kernel process could not be inspected"]
        ids = [int(x) for x in status.get("Uid", "").split()]
        gids = [int(x) for x in status.get("Gid", "").split()]
        caps = {name: int(status.get(f"Cap{name}", "0"), 16) for name in ("Inh", "Prm", "Eff", "Bnd", "Amb")}
        groups = status.get("Groups", "").split()
        namespaces = {}
        for ns in ("net", "mnt", "pid", "ipc", "uts"):
            try:
                namespaces[ns] = os.readlink(f"/proc/{pid}/ns/{ns}") != os.readlink(f"/proc/self/ns/{ns}")
            except OSError:
                namespaces[ns] = False
        in_cgroup = self.cgroup is not None and pid in self.cgroup.pids()
        facts = {
            "uid": ids[0] if ids else None,
            "groups": len(groups),
            "capabilities": 0 if not any(caps.values()) else sum(bool(v) for v in caps.values()),
            "no_new_privs": status.get("NoNewPrivs") == "1",
            "namespaces": sorted(ns for ns, separate in namespaces.items() if separate),
            "cgroup": self.cgroup.version if in_cgroup else None,
            "limits": sorted(self.cgroup.limits) if in_cgroup else [],
        }
        problems = []
        if self.uid is not None and (set(ids) != {self.uid} or set(gids) != {self.uid}):
            problems.append(f"it runs as uid {ids} / gid {gids}, not {self.uid}")
        if self.uid is not None and groups:
            problems.append(f"it has supplementary groups {groups}")
        if self.plan.get("root") and any(caps.values()):
            problems.append("it kept capabilities: " + ", ".join(f"{k}={v:x}" for k, v in caps.items() if v))
        if self.plan.get("root") and not facts["no_new_privs"]:
            problems.append("no_new_privs is not set")
        if self.use_bwrap and not all(namespaces.values()):
            shared = ", ".join(k for k, v in namespaces.items() if not v)
            problems.append(f"it shares namespaces with the grader: {shared}")
        if self.cgroup is not None and not in_cgroup:
            problems.append("it is not in its cgroup")
        return facts, problems

    # --- the end -------------------------------------------------------------------------------

    def stop(self, launcher_pid=None):
        """End every process of this kernel (safe to call from any thread, more than once)."""
        with self._lock:
            if self.cgroup is not None:
                self.cgroup.kill_all()
            if launcher_pid is not None:
                kill_tree(launcher_pid, include_root=True)
            if self.uid is not None:
                kill_user(self.uid)

    def kill_strays(self, kernel_pid):
        """End every process the kernel started (a fork bomb's copies, background jobs), keeping the
        kernel: after a cell was interrupted, what it left running must not use up the
        submission's process or memory budget for the next cells."""
        if kernel_pid is not None:
            kill_tree(kernel_pid)

    def oom_kills(self):
        return self.cgroup.oom_kills() if self.cgroup is not None else 0

    def close(self, launcher_pid=None):
        """Stop everything, remove the cgroup and the folder (rmtree never follows symlinks)."""
        self.stop(launcher_pid)
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self.cgroup is not None:
                self.cgroup.remove()
            shutil.rmtree(self.root, ignore_errors=True)


def _parents(paths, system):
    """Folders bwrap must create (0755) so the kernel can walk down to each of `paths`."""
    out = []
    for path in paths:
        parts = path.strip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            parent = "/" + "/".join(parts[:i])
            if parent not in out and not _under(parent, system) and parent not in ("/tmp", "/home", "/dev"):
                out.append(parent)
    return out


def _bindable(path):
    """Not the root, and not a shared scratch folder (sticky, world-writable, like /tmp)."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return path != "/" and stat.S_ISDIR(info.st_mode) and not info.st_mode & stat.S_ISVTX


def _short_tmp():
    """A temporary folder with short paths: unix socket paths are limited to 107 bytes."""
    base = tempfile.gettempdir()
    return base if len(base) <= 40 else "/tmp"


def _proc_status(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return {k: v.strip() for k, _, v in (line.partition(":") for line in f)}
    except OSError:
        return {}


# --- stopping everything a submission started ----------------------------------------------


def _processes():
    """{pid: (ppid, uid)} for every process, from /proc."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        status = _proc_status(entry)
        try:
            table[int(entry)] = (int(status["PPid"]), int(status["Uid"].split()[1]))
        except (KeyError, ValueError, IndexError):
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


def kill_tree(root, attempts=50, include_root=False):
    """SIGKILL every descendant of `root` (the runner is a subreaper, so orphans stay below it)."""
    for _ in range(attempts):
        pids = descendants(root) + ([root] if include_root and _alive(root) else [])
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


def _alive(pid):
    status = _proc_status(pid)
    return bool(status) and not status.get("State", "").startswith("Z")


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
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


_reserved = {}  # uid -> open lock file descriptor, held for the life of this process


def _lock_folder():
    """A folder only root (or this user) can write, for the uid lock files: /run when root."""
    base = "/run" if os.geteuid() == 0 and os.path.isdir("/run") else tempfile.gettempdir()
    path = os.path.join(base, f"deepslow-sandbox-uids-{os.geteuid()}")
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    info = os.fstat(fd)
    if info.st_uid != os.geteuid() or info.st_mode & 0o077:
        os.close(fd)
        raise OSError(f"{path} is not a private folder of this user; remove it")
    return fd


def free_uids(base, count):
    """Reserve `count` uids from `base` up that no account uses, no process runs as, and no other
    grader on this machine holds (an flock on a file per uid, released when this process ends)."""
    import fcntl
    import pwd

    folder = _lock_folder()
    running = {owner for _, owner in _processes().values()}
    uids, uid = [], base
    try:
        while len(uids) < count and uid < base + 10000:
            try:
                pwd.getpwuid(uid)
            except KeyError:
                if uid not in running and uid not in _reserved:
                    fd = os.open(str(uid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=folder)
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        _reserved[uid] = fd
                        uids.append(uid)
                    except OSError:
                        os.close(fd)
            uid += 1
    finally:
        os.close(folder)
    return uids
