"""A control group per submission: one memory limit and one process limit for everything it runs.

Resource limits (setrlimit) count per process, or per user: a submission that starts 60
processes gets 60 times RLIMIT_AS. A cgroup counts the whole group, and a process cannot leave
it. The kernel offers two interfaces and both exist in the wild:

* cgroup v2, one hierarchy (`memory.max`, `pids.max`, `cgroup.kill`), usable when the memory and
  pids controllers are enabled below the grader's own cgroup;
* cgroup v1, one hierarchy per controller (`memory.limit_in_bytes` under .../memory/,
  `pids.max` under .../pids/), as on machines with the legacy or hybrid layout.

Each submission also gets its own cpu group where the cpu controller is there: the scheduler then
shares the CPU between submissions, not between processes, so 60 busy processes of one
submission cannot slow an honest neighbour down 60 times (and make its cells time out).

The grader's cgroups are created below the cgroup the grader runs in (the usual rule for
delegation), named `deepslow-<pid>-<n>`. Only root can create them; without root, `create`
returns None and the limits are per process.
"""

import itertools
import os
import signal
import time

_counter = itertools.count()


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _mounts(mountinfo):
    """[(mount point, root inside the hierarchy, fstype, super options)] of cgroup file systems."""
    found = []
    for line in _read(mountinfo).splitlines():
        left, _, right = line.partition(" - ")
        fields, after = left.split(), right.split()
        if len(fields) >= 5 and len(after) >= 3 and after[0] in ("cgroup", "cgroup2"):
            found.append((fields[4], fields[3], after[0], set(after[2].split(","))))
    return found


def _own_paths(proc_cgroup):
    """{controller or "" for v2: path of this process's cgroup}, from /proc/self/cgroup."""
    paths = {}
    for line in _read(proc_cgroup).splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                paths[controller] = parts[2]
    return paths


def _inside(mount_point, mount_root, path):
    """The folder of cgroup `path` in a hierarchy mounted at mount_point (showing mount_root)."""
    if mount_root != "/" and path.startswith(mount_root):
        path = path[len(mount_root) :]
    return os.path.join(mount_point, path.lstrip("/"))


LEAF = "deepslow-grader"  # where prepare() moves the grader on cgroup v2, beside the submissions' cgroups


def _v2_parent(mounts, own):
    """The folder under which submission cgroups go on cgroup v2: this process's cgroup, or the one
    above it if prepare() moved it into its LEAF."""
    for point, root, fstype, _ in mounts:
        if fstype == "cgroup2" and "" in own:
            folder = _inside(point, root, own[""])
            return os.path.dirname(folder) if os.path.basename(folder) == LEAF else folder
    return None


def prepare(mountinfo="/proc/self/mountinfo", proc_cgroup="/proc/self/cgroup"):
    """On cgroup v2, let the grader's cgroup hold submission cgroups with memory, pids (and cpu)
    limits: enable those controllers for its children. The kernel refuses that while the cgroup
    has processes of its own (the "no internal processes" rule), so when this process is alone in
    it (the usual case in a container), it first moves into a child cgroup, LEAF, as container
    init systems do. Called once by `deepslow grade`, before any runner starts. Returns True when
    submission cgroups can be made there."""
    parent = _v2_parent(_mounts(mountinfo), _own_paths(proc_cgroup))
    if parent is None:
        return False
    controllers = set(_read(os.path.join(parent, "cgroup.controllers")).split())
    wanted = {"memory", "pids"} | ({"cpu"} & controllers)
    if not {"memory", "pids"} <= controllers:
        return False
    if wanted <= set(_read(os.path.join(parent, "cgroup.subtree_control")).split()):
        return True
    control = " ".join(f"+{c}" for c in sorted(wanted))
    try:
        _write(os.path.join(parent, "cgroup.subtree_control"), control)
        return True
    except OSError:
        pass
    if _read(os.path.join(parent, "cgroup.procs")).split() != [str(os.getpid())]:
        return False  # other processes share the cgroup: they are not the grader's to move
    try:
        os.makedirs(os.path.join(parent, LEAF), exist_ok=True)
        _write(os.path.join(parent, LEAF, "cgroup.procs"), str(os.getpid()))
        _write(os.path.join(parent, "cgroup.subtree_control"), control)
        return True
    except OSError:
        return False


def find_parents(mountinfo="/proc/self/mountinfo", proc_cgroup="/proc/self/cgroup"):
    """Where this process may create submission cgroups, best first: ("v2", {"": folder}) when
    the v2 hierarchy offers memory and pids, then ("v1", {"memory": folder, "pids": folder})
    with the v1 controllers that are mounted."""
    mounts, own = _mounts(mountinfo), _own_paths(proc_cgroup)
    candidates = []
    parent = _v2_parent(mounts, own)
    if parent and {"memory", "pids"} <= set(_read(os.path.join(parent, "cgroup.controllers")).split()):
        candidates.append(("v2", {"": parent}))
    folders = {}
    for point, root, fstype, options in mounts:
        for controller in ("memory", "pids", "cpu"):
            if fstype == "cgroup" and controller in options and controller in own:
                folders[controller] = _inside(point, root, own[controller])
    if folders:
        candidates.append(("v1", folders))
    return candidates


class SubmissionCgroup:
    """The cgroup(s) of one submission's kernel: limits, membership, stopping, clean-up."""

    def __init__(self, version, folders, memory_bytes, max_tasks):
        self.version, self.folders = version, folders  # {controller ("" for v2): folder}
        self.memory_bytes, self.max_tasks = memory_bytes, max_tasks

    @classmethod
    def create(cls, memory_mb, max_tasks, candidates=None):
        """A new cgroup with these limits, or None where none can be made (not root, no cgroup
        file system, controllers not available). `candidates` is find_parents()'s answer."""
        for version, parent_folders in find_parents() if candidates is None else candidates:
            cgroup = cls._create(version, parent_folders, memory_mb, max_tasks)
            if cgroup is not None:
                return cgroup
        return None

    @classmethod
    def _create(cls, version, parent_folders, memory_mb, max_tasks):
        name = f"deepslow-{os.getpid()}-{next(_counter)}"
        memory_bytes = memory_mb * 2**20
        folders = {}
        try:
            if version == "v2":
                parent = parent_folders[""]
                wanted = {"memory", "pids"} | ({"cpu"} & set(_read(os.path.join(parent, "cgroup.controllers")).split()))
                enabled = set(_read(os.path.join(parent, "cgroup.subtree_control")).split())
                if not wanted <= enabled:
                    _write(os.path.join(parent, "cgroup.subtree_control"), " ".join(f"+{c}" for c in sorted(wanted)))
                folders[""] = folder = os.path.join(parent, name)
                os.mkdir(folder, 0o755)
                _write(os.path.join(folder, "memory.max"), str(memory_bytes))
                _write_if_present(os.path.join(folder, "memory.swap.max"), "0")
                _write_if_present(os.path.join(folder, "memory.oom.group"), "1")  # OOM ends the whole submission
                _write(os.path.join(folder, "pids.max"), str(max_tasks))
            else:
                for controller, parent in parent_folders.items():
                    folders[controller] = folder = os.path.join(parent, name)
                    os.mkdir(folder, 0o755)
                if "memory" in folders:
                    _write(os.path.join(folders["memory"], "memory.limit_in_bytes"), str(memory_bytes))
                    _write_if_present(os.path.join(folders["memory"], "memory.memsw.limit_in_bytes"), str(memory_bytes))
                if "pids" in folders:
                    _write(os.path.join(folders["pids"], "pids.max"), str(max_tasks))
        except OSError:
            cgroup = cls(version, folders, memory_bytes, max_tasks)
            cgroup.remove()
            return None
        return cls(version, folders, memory_bytes, max_tasks)

    @property
    def limits(self):
        """What this cgroup limits or shares: a subset of {"memory", "processes", "cpu"}."""
        names = {"memory": "memory", "pids": "processes", "cpu": "cpu"}
        if self.version == "v2":
            controllers = _read(os.path.join(self.folders[""], "cgroup.controllers")).split()
            return {names[c] for c in controllers if c in names}
        return {names[c] for c in self.folders}

    def procs_files(self):
        """The cgroup.procs files a process writes its pid to, to join (one per hierarchy)."""
        return [os.path.join(folder, "cgroup.procs") for folder in self.folders.values()]

    def pids(self):
        """Every process in the cgroup now."""
        found = set()
        for path in self.procs_files():
            found.update(int(p) for p in _read(path).split() if p.isdigit())
        return found

    def oom_kills(self):
        """How many processes the kernel's OOM killer ended in this cgroup (for the feedback)."""
        if self.version == "v2":
            text = _read(os.path.join(self.folders[""], "memory.events"))
        elif "memory" in self.folders:
            text = _read(os.path.join(self.folders["memory"], "memory.oom_control"))
        else:
            return 0
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip().isdigit():
                return int(value)
        return 0

    def kill_all(self, seconds=10.0):
        """SIGKILL every process in the cgroup until it is empty (v2: cgroup.kill does it at once).
        A process cannot leave its cgroup, and the pids limit bounds how many there can be, so
        this ends. True when the cgroup is empty."""
        deadline = time.monotonic() + seconds
        while True:
            pids = self.pids()
            if not pids:
                return True
            if time.monotonic() > deadline:
                return False
            if self.version == "v2":
                _write_if_present(os.path.join(self.folders[""], "cgroup.kill"), "1")
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.01)

    def remove(self):
        """Delete the (empty) cgroup folders; True when they are all gone."""
        gone = True
        for folder in self.folders.values():
            for _ in range(50):
                try:
                    os.rmdir(folder)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)  # the last killed processes are still being reaped
            else:
                gone = False
        return gone


def _write_if_present(path, text):
    if os.path.exists(path):
        try:
            _write(path, text)
        except OSError:
            pass
