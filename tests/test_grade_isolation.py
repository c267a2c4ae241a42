"""Red team, part 1: what a submission's kernel can reach, read, write and use up.

Each probe is a submission graded by the real grader on the fixture notebook. A probe's answer
cell tries an attack, then defines the right answer, which fails if the attack worked
(grading_helpers.probing_answer): a passed exercise means the attack was tried and failed. Where
it makes sense, the same attack code is also run in this test process (no sandbox) to show that
it does work there, so the probe can tell.

The honest "victim" is graded alone first, then again next to hostile neighbours (memory hog,
fork bomb, CPU hog, port and socket scanner, /dev/shm dropper, process killer, disk filler)
with --jobs 2: its record must not change.

Everything here needs root and kernel namespaces (bubblewrap); elsewhere it is skipped with the
reason.
"""

import csv
import hashlib
import os
import secrets
import socket
import threading

import pytest
from grading_helpers import (
    EXERCISES,
    SOLUTIONS,
    SOURCE,
    attack_succeeds_here,
    full_sandbox_missing,
    probing_answer,
    read_record,
    run_cli,
    statuses,
    submission,
)

pytestmark = pytest.mark.slow
MEMORY_MB, MAX_PROCS, FILE_MB = 1536, 64, 64
LIMITS = ["--jobs", "2", "--cell-timeout", "20", "--timeout", "120", "--quiet", "--uid-base", "65300"]
LIMITS += ["--memory-mb", str(MEMORY_MB), "--max-procs", str(MAX_PROCS)]


SKIP = full_sandbox_missing()
if SKIP:
    pytestmark = [pytestmark, pytest.mark.skip(reason=SKIP)]

# --- attacks: each sets hit = True when it works ---------------------------------------------

SHADOW = """
for _p in ("/etc/shadow", "/etc/gshadow"):
    try:
        open(_p).read(1)
        hit = True
    except (PermissionError, FileNotFoundError):
        pass
"""

# Copying: any notebook, gradebook or grader file with content, anywhere the kernel can look.
COPYING = """
import os, sys
_names = (".ipynb", "gradebook.csv", ".reference.json", "job.json", "result.json")
_paths = list(TARGETS)
# The system's own /usr and /etc aside, and Python's installation: its packages are public (nbgrader
# ships notebooks of its own tests), and kernels must read them.
_public = {"/proc", "/sys", "/dev", "/usr", "/etc", os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}
for _top in ("/",):
    for _dir, _subdirs, _files in os.walk(_top):
        _subdirs[:] = [d for d in _subdirs if os.path.realpath(os.path.join(_dir, d)) not in _public]
        _paths += [os.path.join(_dir, f) for f in _files if f.endswith(_names) or "deepslow-job" in _dir]
for _p in _paths:
    try:
        with open(_p, "rb") as _f:
            if _f.read(1):
                hit = True
    except OSError:
        pass
"""

WRITES = """
import os
for _p in list(TARGETS) + [os.path.join(os.path.dirname(os.__file__), "planted.py"), "/etc/planted", "/usr/planted"]:
    try:
        with open(_p, "a") as _f:
            _f.write("")
        hit = True
    except OSError:
        pass
"""

HOST_FILES = """
import os
hit = any(os.path.exists(p) for p in BAIT_FILES)
"""

CAPABILITIES = """
_status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
_caps = [int(_status[k], 16) for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")]
if any(_caps) or _status["Groups"].split() or _status["NoNewPrivs"].strip() != "1":
    hit = True
if "0" in _status["Uid"].split() or "0" in _status["Gid"].split():
    hit = True
"""

BECOME_ROOT = """
import os
for _try in (lambda: os.setuid(0), lambda: os.setgid(0), lambda: os.setgroups([0])):
    try:
        _try()
        hit = True
    except PermissionError:
        pass
"""

PROCESSES = """
import os
for _pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    try:
        _cmd = open(f"/proc/{_pid}/cmdline", "rb").read()
    except OSError:
        continue
    if b"pytest" in _cmd or b"deepslow.grading.runner" in _cmd:
        hit = True
"""

DEVICES = """
import os
hit = any(os.path.exists(p) for p in ("/dev/sda", "/dev/vda", "/dev/mem", "/dev/kmsg", "/dev/kvm", "/sys/fs/cgroup"))
"""

TCP_TO_HOST = """
import socket
try:
    socket.create_connection(("127.0.0.1", BAIT_PORT), timeout=2).close()
    hit = True
except OSError:
    pass
for _line in open("/proc/net/tcp").read().splitlines()[1:]:
    if int(_line.split()[1].split(":")[1], 16) == BAIT_PORT:
        hit = True
"""

ABSTRACT_SOCKET = """
import socket
_s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    _s.connect(BAIT_ABSTRACT)
    hit = True
except OSError:
    pass
"""

OUTSIDE_NETWORK = """
import socket
for _address in (("1.1.1.1", 53), ("8.8.8.8", 53)):
    try:
        socket.create_connection(_address, timeout=2).close()
        hit = True
    except OSError:
        pass
"""

# A scanner: every TCP port of 127.0.0.1 (but the kernel's own), and every ZMQ ipc socket that is
# not this kernel's own.
SCANNER = """
import glob, os, socket, sys
_mine = {int(line.split()[1].split(":")[1], 16) for line in open("/proc/net/tcp").read().splitlines()[1:]}
for _port in set(range(1, 65536)) - _mine:
    _s = socket.socket()
    _s.settimeout(0.5)
    # A connection to itself does not count: Linux may pick the scanned port as the socket's own
    # ephemeral port, and then the socket connects to itself ("TCP self-connect"), with no one else there.
    if _s.connect_ex(("127.0.0.1", _port)) == 0 and _s.getsockname() != _s.getpeername():
        hit = True
    _s.close()
_own = os.path.dirname(sys.argv[sys.argv.index("-f") + 1])
for _p in glob.glob("/tmp/**", recursive=True) + glob.glob("/run/**", recursive=True):
    if os.path.exists(_p) and not _p.startswith(_own) and __import__("stat").S_ISSOCK(os.stat(_p).st_mode):
        hit = True
"""

DROPPER = """
import os, subprocess
for _p in ("/dev/shm/deepslow-drop.py", "/tmp/deepslow-drop.py", os.path.expanduser("~/deepslow-drop.py")):
    with open(_p, "w") as _f:
        _f.write("ANSWER = 42\\n")
subprocess.Popen(["sleep", "600"], start_new_session=True)  # a process left behind on purpose
"""

READER = """
import glob, os
_found = glob.glob("/dev/shm/*") + glob.glob("/tmp/deepslow-drop*") + glob.glob(os.path.expanduser("~/deepslow-drop*"))
hit = bool(_found)
"""

# The whole submission shares one memory limit: fresh processes (far under the per-process
# RLIMIT_AS) each holding 600 MB cannot be 3 at a time under 1536 MB.
HOLD = (
    "import time; b = bytearray(600 * 2**20); b[::4096] = bytes(len(b[::4096])); print(1, flush=True); time.sleep(40)"
)
MEMORY = f"""
import os, subprocess, sys, time
_children = [subprocess.Popen([sys.executable, "-c", {HOLD!r}], stdout=subprocess.PIPE) for _ in range(4)]
for _child in _children:
    os.set_blocking(_child.stdout.fileno(), False)
_printed, _deadline = set(), time.time() + 12
while time.time() < _deadline and any(c not in _printed and c.poll() is None for c in _children):
    for _child in _children:
        if (_child.stdout.read() or b"").strip():
            _printed.add(_child)
    time.sleep(0.2)
_held = sum(1 for c in _printed if c.poll() is None)  # holding 600 MB at the same time
for _child in _children:
    _child.kill()
    _child.wait()
hit = _held * 600 > {MEMORY_MB}
"""

PROCESS_COUNT = f"""
import os, time
_children = []
try:
    for _ in range(500):
        _pid = os.fork()
        if _pid == 0:
            time.sleep(30)
            os._exit(0)
        _children.append(_pid)
except OSError:
    pass
hit = len(_children) > {MAX_PROCS}
for _pid in _children:
    os.kill(_pid, 9)
    os.waitpid(_pid, 0)
"""

DISK = f"""
import os
_written = 0
for _folder in (os.path.expanduser("~"), "/tmp", "/dev/shm"):
    for _i in range(20):
        try:
            with open(os.path.join(_folder, f"fill{{_i}}"), "wb") as _f:
                _f.write(b"x" * 10 * 2**20)
            _written += 10
        except OSError:
            break
    for _i in range(20):
        try:
            os.remove(os.path.join(_folder, f"fill{{_i}}"))
        except OSError:
            pass
hit = _written > 3 * {FILE_MB}
try:
    with open(os.path.expanduser("~/big"), "wb") as _f:
        _f.write(b"x" * ({FILE_MB} + 1) * 2**20)
    hit = True
except OSError:
    pass
"""

KILLER = """
import os, signal
for _pid in range(2, 5000):
    if _pid != os.getpid():
        try:
            os.kill(_pid, signal.SIGKILL)
        except OSError:
            pass
"""

CPU_HOG = """
import subprocess, sys, time
_hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(40)]
time.sleep(8)
"""

MEMORY_HOG = f"""
import subprocess, sys, time
_hogs = [subprocess.Popen([sys.executable, "-c", {HOLD!r}]) for _ in range(6)]
time.sleep(8)
"""

FORK_BOMB = """
import os, time
_parent, _deadline = os.getpid(), time.time() + 8
while time.time() < _deadline:  # every copy forks too, until the process limit stops them
    try:
        os.fork()
    except OSError:
        time.sleep(0.01)
if os.getpid() != _parent:
    os._exit(0)
"""


def probe(attacks):
    """Answers for a probe submission: {exercise: attack code}."""
    return {exercise: probing_answer(exercise, attack) for exercise, attack in attacks.items()}


def neighbour(code, exercise="04-gd-step"):
    """A submission that runs `code` in an answer cell, then answers that exercise correctly."""
    return {**SOLUTIONS, exercise: code + "\n" + SOLUTIONS[exercise]}


@pytest.fixture(scope="module")
def bait():
    """Things on the host a kernel must not reach: a TCP port on 127.0.0.1, an abstract unix
    socket, files in /dev/shm and /tmp."""
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(50)
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    name = "\0deepslow-bait-" + secrets.token_hex(4)
    abstract.bind(name)
    abstract.listen(5)
    files = [f"/dev/shm/deepslow-bait-{secrets.token_hex(4)}", f"/tmp/deepslow-bait-{secrets.token_hex(4)}"]
    for path in files:
        with open(path, "w") as f:
            f.write("bait")
    connections = []
    stop = threading.Event()

    def accept(sock):
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                connections.append(sock.accept()[0])
            except OSError:
                pass

    threads = [threading.Thread(target=accept, args=(s,), daemon=True) for s in (tcp, abstract)]
    for t in threads:
        t.start()
    yield {"BAIT_PORT": tcp.getsockname()[1], "BAIT_ABSTRACT": name, "BAIT_FILES": files, "connections": connections}
    stop.set()
    for t in threads:
        t.join()
    for s in [tcp, abstract, *connections]:
        s.close()
    for path in files:
        os.remove(path)


def _constants(bait, targets):
    return (
        f"BAIT_PORT = {bait['BAIT_PORT']}\nBAIT_ABSTRACT = {bait['BAIT_ABSTRACT']!r}\n"
        f"BAIT_FILES = {bait['BAIT_FILES']!r}\nTARGETS = {[str(t) for t in targets]!r}\n"
    )


@pytest.fixture(scope="module")
def graded(tmp_path_factory, bait):
    root = tmp_path_factory.mktemp("isolation")
    subs, out = root / "subs", root / "out"
    out.mkdir()
    submission(root, subs, "m_victim", SOLUTIONS)
    alone = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *LIMITS)
    victim_alone = read_record(out, "m_victim")
    (out / "gradebook.csv").write_text((out / "gradebook.csv").read_text())  # a target that exists
    targets = [SOURCE, subs / "m_victim.ipynb", out / "gradebook.csv", out / ".reference.json", out / "m_victim.json"]
    constants = _constants(bait, targets)
    probes = {
        "p_files": {"04-sigmoid-grad": SHADOW, "04-matmul-grad": COPYING, "04-backward-pass": WRITES},
        "p_process": {
            "04-sigmoid-grad": CAPABILITIES,
            "04-matmul-grad": PROCESSES,
            "04-backward-pass": DEVICES,
            "04-gd-step": BECOME_ROOT,
        },
        "p_network": {
            "04-sigmoid-grad": TCP_TO_HOST,
            "04-matmul-grad": ABSTRACT_SOCKET,
            "04-backward-pass": OUTSIDE_NETWORK,
            "04-gd-step": HOST_FILES,
        },
        "p_limits": {"04-sigmoid-grad": MEMORY, "04-matmul-grad": PROCESS_COUNT, "04-backward-pass": DISK},
        "q_reader": {"04-gd-step": READER},
    }
    for name, attacks in probes.items():
        answers = {**SOLUTIONS, **probe({ex: constants + code for ex, code in attacks.items()})}
        submission(root, subs, name, answers)
    neighbours = {
        "a_cpu_hog": CPU_HOG,
        "c_memory_hog": MEMORY_HOG,
        "e_fork_bomb": FORK_BOMB,
        "g_scanner": probing_answer("04-gd-step", SCANNER),
        "i_dropper": DROPPER,
        "k_killer": KILLER,
    }
    for name, code in neighbours.items():
        answers = {**SOLUTIONS, "04-gd-step": code} if name == "g_scanner" else neighbour(code)
        submission(root, subs, name, answers)
    for name in ("b_victim", "d_victim", "f_victim", "h_victim", "j_victim", "l_victim"):
        submission(root, subs, name, SOLUTIONS)
    sha = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (SOURCE, subs / "m_victim.ipynb")}
    code, stdout, stderr = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), "--force", *LIMITS)
    return {
        "out": out,
        "subs": subs,
        "code": code,
        "stdout": stdout,
        "stderr": stderr,
        "alone": alone,
        "victim_alone": victim_alone,
        "sha": sha,
        "bait": bait,
        "targets": targets,
    }


def passed(graded, student, exercise):
    v = read_record(graded["out"], student)["exercises"][exercise]
    assert v["status"] == "passed", f"{student}, {exercise}: {v['message']}"
    return True


def test_every_kernel_was_checked_from_outside_before_it_ran(graded):
    for path in graded["out"].glob("*.json"):
        if path.name.startswith("."):
            continue
        record = read_record(graded["out"], path.stem)
        sandbox = record["sandbox"]
        assert sandbox["user"] >= 65300 and sandbox["capabilities"] == 0, path.stem
        assert sandbox["namespaces"] == ["ipc", "mnt", "net", "pid", "uts"]
        assert set(sandbox["whole_submission_limits"]) >= {"memory", "processes"}
        assert sandbox["file_isolation"] == "namespaces"


def test_the_kernel_cannot_read_shadow_files(graded):
    assert attack_succeeds_here(SHADOW)  # root reads them; the sandboxed kernel must not
    assert passed(graded, "p_files", "04-sigmoid-grad")


def test_the_kernel_finds_no_notebook_gradebook_or_grader_file_to_copy(graded):
    assert attack_succeeds_here(_constants(graded["bait"], graded["targets"]) + COPYING.replace('("/",)', "()"))
    assert passed(graded, "p_files", "04-matmul-grad")


def test_the_kernel_cannot_write_outside_its_own_folders(graded):
    assert passed(graded, "p_files", "04-backward-pass")
    for path, sha in graded["sha"].items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_the_kernel_has_no_capability_no_group_no_root_and_cannot_become_root(graded):
    assert attack_succeeds_here(CAPABILITIES)  # this test process is root with capabilities
    assert passed(graded, "p_process", "04-sigmoid-grad")
    assert passed(graded, "p_process", "04-backward-pass")
    assert passed(graded, "p_process", "04-gd-step")


def test_the_kernel_sees_only_its_own_processes(graded):
    assert attack_succeeds_here(PROCESSES)
    assert passed(graded, "p_process", "04-matmul-grad")


def test_the_kernel_cannot_reach_the_host_network_or_sockets(graded):
    constants = _constants(graded["bait"], [])
    assert graded["bait"]["connections"] == []  # no kernel ever connected to the bait...
    assert attack_succeeds_here(constants + TCP_TO_HOST)  # ...which answers this process
    assert attack_succeeds_here(constants + ABSTRACT_SOCKET)
    assert passed(graded, "p_network", "04-sigmoid-grad")
    assert passed(graded, "p_network", "04-matmul-grad")
    assert passed(graded, "p_network", "04-backward-pass")


def test_the_host_tmp_and_dev_shm_are_not_the_kernels(graded):
    assert attack_succeeds_here(_constants(graded["bait"], []) + HOST_FILES)
    assert passed(graded, "p_network", "04-gd-step")


def test_a_port_and_socket_scanner_finds_nothing_of_anyone_else(graded):
    assert passed(graded, "g_scanner", "04-gd-step")


def test_nothing_a_submission_leaves_reaches_the_next_one(graded):
    assert passed(graded, "q_reader", "04-gd-step")
    from deepslow.grading.sandbox import _processes

    left = [pid for pid, (_, uid) in _processes().items() if 65300 <= uid < 65400]
    assert not left  # the dropper's detached `sleep 600` was ended with its submission


def test_memory_and_processes_are_limited_for_the_whole_submission(graded):
    assert attack_succeeds_here(MEMORY)  # 4 x 600 MB fit here, with no limit
    assert passed(graded, "p_limits", "04-sigmoid-grad")  # 3 x 600 MB > 1536 MB across processes
    assert passed(graded, "p_limits", "04-matmul-grad")  # no more than --max-procs processes


def test_disk_use_is_bounded_and_never_on_the_host(graded):
    assert passed(graded, "p_limits", "04-backward-pass")


@pytest.mark.parametrize("victim", ["b_victim", "d_victim", "f_victim", "h_victim", "j_victim", "l_victim", "m_victim"])
def test_an_honest_submission_scores_the_same_next_to_hostile_neighbours(graded, victim):
    record = read_record(graded["out"], victim)
    alone = graded["victim_alone"]
    assert record["status"] == "graded" and record["total"] == alone["total"] == 8
    assert {ex: (v["status"], v["message"]) for ex, v in record["exercises"].items()} == {
        ex: (v["status"], v["message"]) for ex, v in alone["exercises"].items()
    }
    assert record["notes"] == alone["notes"] == []


def test_hostile_neighbours_get_verdicts_and_keep_their_other_points(graded):
    for name in ("a_cpu_hog", "c_memory_hog", "e_fork_bomb", "i_dropper", "k_killer"):
        record = read_record(graded["out"], name)
        assert record["status"] == "graded", name
        if name in ("c_memory_hog", "e_fork_bomb"):
            continue  # what they used up (memory, the pids of unreaped children) was their own budget
        others = {ex: s for ex, s in statuses(record).items() if ex != "04-gd-step"}
        assert set(others.values()) == {"passed"}, (name, record["notes"])
    rows = list(csv.reader((graded["out"] / "gradebook.csv").open()))
    assert len(rows) == 1 + 7 + 6 + 5
    assert graded["code"] == 0, graded["stdout"]


def test_the_exercises_list_matches_the_fixture():
    assert list(SOLUTIONS) == EXERCISES
