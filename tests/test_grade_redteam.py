"""Red team, part 3: attacks the other two suites do not try, each graded by the real grader.

test_grade_isolation.py attacks the sandbox, test_grade_hostile.py the obvious ways to cheat
and to break a run. This file goes after what is left: channels that still carry text or
numbers of the student's choosing into the feedback, forged or oversized messages the kernel can
send through other channels than display (comms, raw ZMQ frames), the runner's own memory (it
is outside the submission's cgroup), answers that are almost numbers (NaN, inf, huge, empty,
subclasses, objects that pretend), notebooks whose structure is unusual (format versions, ids,
reordered and copied cells, stored outputs, instructor cells of the student's own), run-level
inputs (names that spreadsheets read as formulas, a file swapped for a symlink while the run
goes on), and answers computed by the library itself.

Everything but one test runs in ONE grading run (two at a time, short limits), as root in the
full sandbox, with a watcher that records the memory of every runner process and a thread that
changes the submissions folder while the run goes on. (The test of student ids grades three
files that are not notebooks twice: no kernel, a few seconds.) Each hole these attacks found was
fixed, and its test now asserts that it stays closed.
"""

import csv
import json
import os
import re
import threading
import time
from pathlib import Path

import nbformat
import pytest
from grading_helpers import (
    EXERCISES,
    SOLUTIONS,
    SOURCE,
    check_cell,
    full_sandbox_missing,
    read_record,
    run_cli,
    solution_cell,
    statuses,
    submission,
)

pytestmark = pytest.mark.slow
LIMITS = ["--jobs", "2", "--cell-timeout", "8", "--timeout", "60", "--memory-mb", "1536", "--quiet"]
UID_BASE = 65600
LIMITS += ["--uid-base", str(UID_BASE)]
GOOD = dict(SOLUTIONS)
MIME = "application/vnd.deepslow.answers+json"


SKIP = full_sandbox_missing()
if SKIP:
    pytestmark = [pytestmark, pytest.mark.skip(reason=SKIP)]


def with_answer(exercise, code):
    return {**GOOD, exercise: code}


# --- the hidden tests' source, as the kernel sees it while they run ---------------------------

HIDDEN_SOURCE = "get_ipython().user_ns['In'][-1]"
# Bytes of the hidden tests from their hidden case on (its label and input: what students never see).
SECRET_BYTES = f"{HIDDEN_SOURCE}[{HIDDEN_SOURCE}.find('hidden_cases='):].encode()"

# Numbers reach the feedback as they came: an answer's shape is one list of numbers of the
# student's choosing. An empty array (size 0) of 10 dimensions costs nothing to make (NumPy only
# asks that the other dimensions' product fits in 64 bits: 9 bytes).
SHAPE_LEAK = f"def gd_step(w, grad, lr):\n    return np.empty((0,) + tuple({SECRET_BYTES}[:9]))\n"
# A well-known error form the grader writes again "from its numbers": the numbers are the student's.
DIGITS_LEAK = (
    "def gd_step(w, grad, lr):\n"
    f"    b = {SECRET_BYTES}\n"
    "    a, c = ', '.join(map(str, b[:7])), ', '.join(map(str, b[7:14]))\n"
    "    n = [int.from_bytes(b[14 + 3 * i: 17 + 3 * i], 'big') for i in range(4)]\n"
    "    raise ValueError(f'shapes ({a}) and ({c}) not aligned: {n[0]} (dim {n[1]}) != {n[2]} (dim {n[3]})')\n"
)

# A name the grader repeats when its first part is a name the student version shows ("np"): the
# rest of a dotted name (up to 40 letters, digits, "_" and ".") is the student's choice.
DOTTED_NAME_LEAK = (
    "import re\n"
    "def gd_step(w, grad, lr):\n"
    f"    secret = re.sub('[^A-Za-z0-9_]', '_', {HIDDEN_SOURCE}[{HIDDEN_SOURCE}.find('hidden_cases='):])[:38]\n"
    "    raise NameError(f\"name 'np.{secret}' is not defined\")\n"
)

# --- answers that are almost numbers ------------------------------------------------------------

ALMOST = {
    "nan_answer": "def gd_step(w, grad, lr):\n    return np.full_like(w, np.nan)\n",
    "inf_answer": "def gd_step(w, grad, lr):\n    return np.full_like(w, np.inf)\n",
    "bool_answer": "def gd_step(w, grad, lr):\n    return np.ones(np.shape(w), dtype=bool)\n",
    "huge_answer": "def gd_step(w, grad, lr):\n    return np.zeros(2_000_001)\n",
    "complex_answer": "def gd_step(w, grad, lr):\n    return (w - lr * grad).astype(complex)\n",
    "object_array": "def gd_step(w, grad, lr):\n    return np.array(list(w - lr * grad), dtype=object)\n",
    "matrix_subclass": "def gd_step(w, grad, lr):\n    return np.asmatrix(np.atleast_2d(w))\n",
    "pretends_to_be_an_array": (
        "class Fake:\n"
        "    def __array__(self, dtype=None, copy=None):\n        return np.zeros(3)\n"
        "    def __float__(self):\n        return 0.0\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __len__(self):\n        return 3\n"
        "def gd_step(w, grad, lr):\n    return Fake()\n"
    ),
    "deeply_nested": (
        "def gd_step(w, grad, lr):\n    x = w\n    for _ in range(10000):\n        x = [x]\n    return x\n"
    ),
    "big_int": "def gd_step(w, grad, lr):\n    return 10 ** 400\n",
    "patched_isclose_and_finite": (  # the kernel's NumPy is the student's; the grader's is not
        "np.isclose = lambda *a, **k: np.ones(np.broadcast(*a[:2]).shape, dtype=bool)\n"
        "np.isfinite = lambda x: np.ones(np.shape(x), dtype=bool)\n"
        "import numpy.lib.format\n"
        "numpy.lib.format.write_array = lambda *a, **k: None\n"  # every array sent as an empty .npy
        "def gd_step(w, grad, lr):\n    return w\n"
    ),
}

# --- points without solving: the library computes the answer -----------------------------------

LIBRARY_SOLVES = {
    "04-sigmoid-grad": "from deepslow.registry import get_gradient\n"
    "def sigmoid_grad(op, grad):\n    return get_gradient(op.node)(op, grad)\n",
    "04-matmul-grad": "from deepslow.registry import get_gradient\n"
    "def matmul_grad(op, grad):\n    return get_gradient(op.node)(op, grad)\n",
    "04-backward-pass": "from deepslow.backprop import backward\n"
    "def backward_pass(order, values, loss):\n"
    "    return backward(order, set(values), {loss: np.ones_like(values[loss])}, values)\n",
}

# --- other channels than display ------------------------------------------------------------------

SEND = "k = get_ipython().kernel\nparent = k.get_parent()\n"
# Widget state: nbclient keeps every comm message's "state" and binary buffers in the runner
# (store_widget_state), with no cap. 60 messages with a 16 MB buffer each: about 1.3 GB held by a
# process outside the submission's cgroup, in a cell of the student's own that ends in time.
COMM_FLOOD = (
    SEND + "_big = b'x' * (16 * 2**20)\n"
    "for _i in range(60):\n"
    "    k.session.send(k.iopub_socket, 'comm_msg', {'comm_id': f'c{_i}', 'data': {'state': {}, 'buffer_paths':"
    " [['v']]}}, parent=parent, buffers=[_big])\n"
)
# An output widget (nbclient mimics a frontend's) pointed, from inside the hidden tests, at their
# own request: from then on nbclient hands that cell's outputs to the widget, not to the cell.
COMM_OUTPUT_WIDGET = (
    "_k = get_ipython().kernel\n"
    "_k.session.send(_k.iopub_socket, 'comm_open', {'comm_id': 'w', 'target_name': 'jupyter.widget',"
    " 'data': {'state': {'_model_name': 'OutputModel', 'msg_id': ''}, 'buffer_paths': []}}, parent=_k.get_parent())\n"
    "def gd_step(w, grad, lr):\n"
    "    p = _k.get_parent()\n"
    "    _k.session.send(_k.iopub_socket, 'comm_msg', {'comm_id': 'w', 'data': {'method': 'update',"
    " 'state': {'msg_id': p['header']['msg_id']}, 'buffer_paths': []}}, parent=p)\n"
    "    return w - lr * grad\n"
)


# Answers are capped at 50 payloads of 8 MB per hidden-test cell, and all of them are kept: by
# the runner, in result.json, and by the grader. Two exercises' cells: 800 MB.
def _hoard(flag):
    return (
        "from IPython.display import display\n"
        f"{flag} = []\n"
        f"def _hoard{flag}():\n"
        f"    if not {flag}:\n"
        f"        {flag}.append(1)\n"
        "        blob = 'x' * (8 * 2**20 - 64)\n"
        f"        for _ in range(49):\n            display({{{MIME!r}: blob}}, raw=True)\n"
    )


HOARD_SIGMOID = _hoard("_s") + (
    "def sigmoid_grad(op, grad):\n    _hoard_s()\n    s = op.output_value\n    return [grad * s * (1 - s)]\n"
)
HOARD_GD = _hoard("_g") + "def gd_step(w, grad, lr):\n    _hoard_g()\n    return w - lr * grad\n"


def _raw_display(depth):
    """A display_data message whose content is JSON nested `depth` deep, sent as raw bytes (the
    kernel's own json.dumps would refuse it), from inside the hidden tests."""
    content = (
        'b\'{"data": {"'
        + MIME
        + "\": ' + b'[' * "
        + str(depth)
        + " + b']' * "
        + str(depth)
        + " + b'}, \"metadata\": {}}'"
    )
    return (
        "_k = get_ipython().kernel\n"
        "def gd_step(w, grad, lr):\n"
        f"    _k.session.send(_k.iopub_socket, 'display_data', {content}, parent=_k.get_parent())\n"
        "    return w - lr * grad\n"
    )


# Escapes, bidi overrides, NUL and lone surrogates on every output channel: none reaches a record.
ODD_OUTPUT = (
    "import sys\n"
    "_odd = '\\x1b[2J\\x1b]0;owned\\x07\\u202e\\x00' + ''.join(map(chr, range(1, 32)))\n"
    "print(_odd)\n"
    "print(_odd, file=sys.stderr)\n"
    "from IPython.display import display, HTML\n"
    "display(HTML(_odd), {'text/plain': _odd, 'application/x-' + _odd[:3]: 1}, raw=True)\n"
    "try:\n"
    "    print('\\ud800')\n"
    "except UnicodeEncodeError:\n"
    "    pass\n"
    "raise ValueError(_odd)\n"
)
FD_GAMES = {
    "closes_stdout": "import os, sys\nos.close(1)\nos.close(2)\nsys.stdout.close()\n" + GOOD["04-gd-step"],
    "closes_every_fd": "import os\nos.closerange(3, 4096)\n" + GOOD["04-gd-step"],
    "dup_zmq_onto_stdout": (  # the kernel's own sockets replaced by its stdout
        "import os\nfor _fd in range(3, 64):\n    try:\n        os.dup2(1, _fd)\n    except OSError:\n        pass\n"
        + GOOD["04-gd-step"]
    ),
}

PROBES = {
    "reads_proc_and_env": (  # what the kernel can learn of the host: nothing naming the source, OUT or the class
        "import os, glob\n"
        "_seen = ''\n"
        "for _p in ['/proc/self/mountinfo', '/proc/self/environ', '/proc/1/environ', '/proc/1/cmdline',"
        " '/proc/self/cmdline', '/proc/self/cgroup'] + glob.glob('/proc/self/fd/*'):\n"
        "    try:\n"
        "        _seen += os.readlink(_p) if _p.startswith('/proc/self/fd/') else open(_p, errors='replace').read()\n"
        "    except OSError:\n"
        "        pass\n"
        "hit = any(s in _seen for s in SECRETS)\n"
        # and the paths themselves: directly, through /proc's roots and cwds, and from the cwd up
        "for _s in SECRETS:\n"
        "    _ups = os.path.join(*(['..'] * 12)) + _s\n"
        "    for _p in [_s, _ups] + [p + _s for p in glob.glob('/proc/*/root') + glob.glob('/proc/*/cwd')]:\n"
        "        try:\n"
        "            os.stat(_p)\n"
        "            hit = True\n"
        "        except OSError:\n"
        "            pass\n"
    ),
}


# --- notebooks of unusual structure ----------------------------------------------------------------


NOT_UTF8_NAME = b"\xff\xfe\xe9l\xe8ve\x1b[31m.ipynb"


class JsonEdit:
    """An edit of the notebook file's JSON (nbformat would refuse to write some of these)."""

    def __init__(self, change):
        self.change = change

    def write(self, root, subs, name):
        path = submission(root, subs, name, GOOD)
        data = json.loads(path.read_text())
        self.change(data)
        path.write_text(json.dumps(data))
        return path


def _minor(n, drop_ids=False):
    def change(data):
        data["nbformat_minor"] = n
        if drop_ids:
            for cell in data["cells"]:
                cell.pop("id", None)

    return JsonEdit(change)


def _duplicate_ids(data):
    """Every markdown cell given the id of the gd_step answer cell (nbformat renames duplicates)."""
    answer = next(
        c
        for c in data["cells"]
        if c["metadata"].get("deepslow", {}).get("role") == "solution"
        and c["metadata"]["deepslow"]["exercise"] == "04-gd-step"
    )
    for cell in data["cells"]:
        if cell["cell_type"] == "markdown":
            cell["id"] = answer["id"]


def _cell_of_its_own(code):
    """An edit adding a cell of the student's own (no exercise) after the setup."""

    def edit(nb):
        nb.cells.insert(2, nbformat.v4.new_code_cell(code))

    return edit


def _exit_before_every_answer(nb):
    """A cell calling exit() before each of the four answers: each ends the kernel, and each must
    cost only itself (nothing depends on it)."""
    for exercise in EXERCISES:
        cell = solution_cell(nb, exercise)
        nb.cells.insert(nb.cells.index(cell), nbformat.v4.new_code_cell("exit()"))


def _ids_regenerated(nb):
    """Every cell given a new id (what copying the cells into a fresh notebook does); the markup is kept."""
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"copied-{number}"


def _metadata_stripped(nb):
    """Every cell's metadata removed (what some clean-up tools do); the ids are kept."""
    for cell in nb.cells:
        cell.metadata = {}


def _answer_in_a_new_cell_at_the_end(nb):
    """The stub of gd_step left as it was, and the answer written in a new cell at the very end."""
    solution_cell(
        nb, "04-gd-step"
    ).source = 'def gd_step(w, grad, lr):\n    # YOUR CODE HERE\n    raise NotImplementedError("04-gd-step")\n'
    nb.cells.append(nbformat.v4.new_code_cell(GOOD["04-gd-step"]))


def _another_lessons_cells_pasted(nb):
    """Five exercise cells of another lesson pasted in (copying cells keeps their metadata), after
    a complete, honest notebook: it is still this assignment's notebook, with all of its cells."""
    for i in range(5):
        nb.cells.append(
            nbformat.v4.new_code_cell(
                f"def practice_{i}():\n    pass\n",
                metadata={"deepslow": {"exercise": f"05-practice-{i}", "role": "solution"}},
            )
        )


def _reversed(nb):
    """Every cell in reverse order: the hidden tests still run after all of them, the setup first."""
    nb.cells = nb.cells[::-1]


def _answers_first(nb):
    """The four answer cells moved to the top, before the setup (their bodies need np only when called)."""
    answers = [c for c in nb.cells if (c.metadata.get("deepslow") or {}).get("role") == "solution"]
    nb.cells = answers + [c for c in nb.cells if c not in answers]


def _stored_outputs(nb):
    """Right answers for gd_step stored as outputs of its check cell (and a wrong answer): outputs never count."""
    from deepslow.exercises import get_exercise  # noqa: F401 - (the answers are computed below by hand)

    forged = {"exercise": "04-gd-step", "answers": {"a vector": {"kind": "none"}}}
    check_cell(nb, "04-gd-step").outputs = [
        nbformat.v4.new_output("display_data", data={MIME: forged, "text/plain": "forged"})
    ]
    solution_cell(nb, "04-gd-step").source = "def gd_step(w, grad, lr):\n    return w\n"


def _own_instructor_cell(nb):
    """A cell marked as an instructor cell, giving the student's own wrong answer as the reference:
    the payload then carries a "definition" of the student's making, which the grader must ignore."""
    cell = nbformat.v4.new_code_cell(
        "gd_step_exercise.reference(gd_step)\n",
        metadata={"deepslow": {"exercise": "04-gd-step", "role": "instructor"}},
    )
    solution_cell(nb, "04-gd-step").source = "def gd_step(w, grad, lr):\n    return w\n"
    index = nb.cells.index(check_cell(nb, "04-gd-step"))
    nb.cells.insert(index, cell)


def _check_copied_before_answer(nb):
    """A copy of gd_step's check cell (new id, same markup, code of the student's) put before the
    answer cell, so that it is the first cell with that markup."""
    import copy

    clone = copy.deepcopy(check_cell(nb, "04-gd-step"))
    clone["id"] = "my-copy"
    clone.source = "def gd_step(w, grad, lr):\n    return w\n"
    nb.cells.insert(nb.cells.index(solution_cell(nb, "04-gd-step")) + 1, clone)


def _cases_deleted(nb):
    nb.cells = [c for c in nb.cells if (c.metadata.get("deepslow") or {}).get("role") != "cases"]


def _huge_metadata(data):
    data["metadata"]["junk"] = ["x" * 1000] * 20000  # 20 MB of notebook metadata
    data["cells"][0]["metadata"]["junk"] = {"a": {"b": {"c": [1] * 100000}}}


def _cell_metadata_of_wrong_type(data):
    data["cells"][0]["metadata"] = []


HONEST_EDITS = {  # each is a full solution: it must get all 8 points
    "minor_99": _minor(99),
    "minor_0_without_ids": _minor(0, drop_ids=True),
    "duplicate_ids": JsonEdit(_duplicate_ids),
    "answers_first": _answers_first,
    "cases_deleted": _cases_deleted,
    "huge_metadata": JsonEdit(_huge_metadata),
    "ids_regenerated": _ids_regenerated,
    "metadata_stripped": _metadata_stripped,
    "answer_in_a_new_cell_at_the_end": _answer_in_a_new_cell_at_the_end,
    "another_lessons_cells_pasted": _another_lessons_cells_pasted,
}
KERNEL_ENDERS = {"exit_before_every_answer": _exit_before_every_answer}
MOVED_LOCKED_CELLS = {"reversed_cells": _reversed}  # locked cells run where the student put them: a verdict
HOSTILE_EDITS = {  # each has a wrong gd_step: 0 for it, and the others still graded
    "stored_outputs": _stored_outputs,
    "own_instructor_cell": _own_instructor_cell,
    "check_copied_before_answer": _check_copied_before_answer,
}

# File names a spreadsheet reads as formulas, or that look like the grader's own files.
FORMULA_NAMES = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", " =1", ".reference", "gradebook", "_", "ﾠ=1"]


class RunnerWatcher:
    """Samples every runner process's resident memory while the run goes on: {display name: MB}."""

    def __init__(self):
        self.peak, self.names, self.stop = {}, {}, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self):
        while not self.stop.is_set():
            for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
                try:
                    argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                    if b"deepslow.grading.runner" not in argv:
                        continue
                    if pid not in self.names:
                        job = json.loads(Path(argv[argv.index(b"deepslow.grading.runner") + 1].decode()).read_text())
                        uid = (job.get("sandbox") or {}).get("uid") or 0
                        self.names[pid] = job["name"] if UID_BASE <= uid < UID_BASE + 100 else None
                    status = Path(f"/proc/{pid}/status").read_text()
                    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
                except (OSError, ValueError, AttributeError, IndexError):
                    continue
                name = self.names[pid]
                if name is None:  # another run's runner (someone else grading on this machine)
                    continue
                self.peak[name] = max(self.peak.get(name, 0), rss)
            time.sleep(0.1)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


class Swapper:
    """Changes the submissions folder all through the run, atomically where it can:
    zz_swapped.ipynb flips between a wrong answer and a symlink to the source notebook;
    zz_vanishing.ipynb comes and goes; zz_fifo.ipynb flips between a wrong answer and a FIFO;
    zz_folder/ (nbgrader's layout) flips between a folder holding a wrong answer and a symlink to a
    folder holding the source notebook under the same name. Whatever the grader reads, never the source."""

    def __init__(self, subs, wrong, decoy):
        self.subs, self.wrong, self.decoy, self.stop = subs, wrong, decoy, threading.Event()
        self.thread = threading.Thread(target=self._swap, daemon=True)

    def prepare(self):
        for name in ("zz_swapped", "zz_vanishing", "zz_fifo"):
            (self.subs / f"{name}.ipynb").write_bytes(self.wrong)
        (self.subs / "zz_folder").mkdir()
        (self.subs / "zz_folder" / "lesson.ipynb").write_bytes(self.wrong)
        (self.decoy / "lesson.ipynb").write_bytes(SOURCE.read_bytes())

    def _put(self, name, make):
        tmp = self.subs / ".swap.tmp"
        if os.path.lexists(tmp):
            os.unlink(tmp)
        make(tmp)
        os.replace(tmp, self.subs / name)

    def _swap(self):
        folder, parked, link = self.subs / "zz_folder", self.subs / ".parked", self.subs / ".link"
        link.symlink_to(self.decoy)
        self.stop.wait(1.0)  # the run lists the folder first (all there, a real subfolder), then reads each file
        while not self.stop.is_set():
            self._put("zz_swapped.ipynb", lambda p: p.symlink_to(SOURCE.resolve()))
            self._put("zz_fifo.ipynb", os.mkfifo)
            os.unlink(self.subs / "zz_vanishing.ipynb")
            os.rename(folder, parked)
            os.rename(link, folder)
            time.sleep(0.01)
            self._put("zz_swapped.ipynb", lambda p: p.write_bytes(self.wrong))
            self._put("zz_fifo.ipynb", lambda p: p.write_bytes(self.wrong))
            (self.subs / "zz_vanishing.ipynb").write_bytes(self.wrong)
            os.rename(folder, link)
            os.rename(parked, folder)
            time.sleep(0.01)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


@pytest.fixture(scope="module")
def redteam(tmp_path_factory):
    root = tmp_path_factory.mktemp("redteam")
    subs, out = root / "subs", root / "out"
    secrets = [str(SOURCE.resolve()), str(out), str(subs), str(root)]
    submission(root, subs, "victim", GOOD)
    submission(root, subs, "shape_leak", with_answer("04-gd-step", SHAPE_LEAK))
    submission(root, subs, "digits_leak", with_answer("04-gd-step", DIGITS_LEAK))
    submission(root, subs, "dotted_name_leak", with_answer("04-gd-step", DOTTED_NAME_LEAK))
    for name, code in ALMOST.items():
        submission(root, subs, name, with_answer("04-gd-step", code))
    submission(root, subs, "library_solves", {**GOOD, **LIBRARY_SOLVES})
    submission(root, subs, "comm_flood", GOOD, _cell_of_its_own(COMM_FLOOD))
    submission(root, subs, "comm_output_widget", with_answer("04-gd-step", COMM_OUTPUT_WIDGET))
    submission(root, subs, "hoard", {**GOOD, "04-sigmoid-grad": HOARD_SIGMOID, "04-gd-step": HOARD_GD})
    submission(root, subs, "deep_raw_payload", with_answer("04-gd-step", _raw_display(5000)))
    submission(root, subs, "nested_raw_payload", with_answer("04-gd-step", _raw_display(900)))
    submission(root, subs, "odd_output", GOOD, _cell_of_its_own(ODD_OUTPUT))
    for name, code in FD_GAMES.items():
        submission(root, subs, name, with_answer("04-gd-step", code))
    from grading_helpers import probing_answer

    constants = f"SECRETS = {secrets!r}\n"
    for name, attack in PROBES.items():
        submission(root, subs, name, with_answer("04-gd-step", probing_answer("04-gd-step", constants + attack)))
    for name, edit in {**HONEST_EDITS, **HOSTILE_EDITS, **MOVED_LOCKED_CELLS, **KERNEL_ENDERS}.items():
        if isinstance(edit, JsonEdit):
            edit.write(root, subs, name)
        else:
            submission(root, subs, name, GOOD, edit)
    for i, name in enumerate(FORMULA_NAMES):
        (subs / f"{name}.ipynb").write_text(f"not a notebook {i}")
    JsonEdit(_cell_metadata_of_wrong_type).write(root, subs, "metadata_list")
    not_utf8 = subs / os.fsdecode(NOT_UTF8_NAME)  # a name that is not UTF-8 (any bytes but "/" are legal)
    not_utf8.write_bytes((subs / "victim.ipynb").read_bytes())
    wrong = submission(
        root, root / "elsewhere", "wrong", with_answer("04-gd-step", "def gd_step(w, grad, lr):\n    return w\n")
    )
    decoy = root / "decoy"
    decoy.mkdir()
    swapper = Swapper(subs, wrong.read_bytes(), decoy)
    swapper.prepare()
    started = time.monotonic()
    with RunnerWatcher() as watcher, swapper:
        code, stdout, stderr = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *LIMITS)
    return {
        "root": root,
        "out": out,
        "subs": subs,
        "code": code,
        "stdout": stdout,
        "stderr": stderr,
        "seconds": time.monotonic() - started,
        "memory": watcher.peak,
    }


def record_of(redteam, student):
    return read_record(redteam["out"], student)


def verdict(redteam, student, exercise="04-gd-step"):
    return record_of(redteam, student)["exercises"][exercise]


def others_passed(redteam, student, *spoiled):
    record = record_of(redteam, student)
    return all(v["status"] == "passed" for ex, v in record["exercises"].items() if ex not in spoiled)


def rows(redteam):
    return list(csv.reader((redteam["out"] / "gradebook.csv").open(newline="")))


def hidden_source():
    from deepslow.grading.format import Assignment, read_notebook

    return "\n".join(code for _, code in Assignment(read_notebook(SOURCE), SOURCE).hidden_tests())


def decodable_secrets(text, secret, run=6):
    """Pieces of `secret` (at least `run` bytes) spelled as runs of integers in `text`, as bytes
    (0-255) or as big-endian 3-byte numbers: what a student can decode from numbers in feedback."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    decoded = bytes(n for n in numbers if n < 256)
    wide = b"".join(n.to_bytes(3, "big") for n in numbers if n < 2**24)
    found = []
    for blob in (decoded, wide):
        for start in range(len(blob) - run + 1):
            piece = blob[start : start + run]
            if piece.decode("latin-1") in secret:
                found.append(piece.decode("latin-1"))
    return found


# --- the run as a whole -------------------------------------------------------------------------


def test_the_run_ends_with_a_row_for_every_file_and_the_honest_neighbour_keeps_full_marks(redteam):
    # zz_vanishing.ipynb and zz_folder/ come and go: listed (and given a row) only if there when the run looked
    names = [p for p in redteam["subs"].iterdir() if p.name.endswith(".ipynb") and p.name != "zz_vanishing.ipynb"]
    table = rows(redteam)
    assert len(names) <= len(table) - 1 <= len(names) + 2, (redteam["stdout"], redteam["stderr"])
    record = record_of(redteam, "victim")
    assert record["total"] == 8 and record["notes"] == []


# --- the feedback: no hidden-test source, spelled in numbers ---------------------------------------


@pytest.mark.parametrize("student", ["shape_leak", "digits_leak"])
def test_no_hidden_test_source_is_spelled_in_the_numbers_of_the_feedback(redteam, student):
    v = verdict(redteam, student)
    assert v["status"] == "failed" and v["points"] == 0
    text = (redteam["out"] / f"{student}.json").read_text()
    assert decodable_secrets(text, hidden_source()) == [], v["message"]


def test_no_hidden_test_source_is_spelled_in_a_dotted_name_of_the_feedback(redteam):
    v = verdict(redteam, "dotted_name_leak")
    assert v["status"] == "failed" and v["points"] == 0
    text = (redteam["out"] / "dotted_name_leak.json").read_text()
    assert "hidden_cases" not in text and "longer_vector" not in text, v["message"]


def test_the_decoder_finds_a_secret_spelled_in_numbers():
    secret = hidden_source()
    start = secret.index("record_value")
    spelled = ", ".join(str(b) for b in secret[start : start + 10].encode())
    assert decodable_secrets(f"shape (0, {spelled})", secret)
    assert decodable_secrets("shape (0, 3, 4)", secret) == []


# --- answers that are almost numbers ------------------------------------------------------------


@pytest.mark.parametrize("student", list(ALMOST))
def test_answers_that_are_almost_numbers_get_no_points_and_a_verdict(redteam, student):
    record = record_of(redteam, student)
    v = record["exercises"]["04-gd-step"]
    assert record["status"] == "graded" and v["status"] in ("failed", "error") and v["points"] == 0, v["message"]
    if student != "patched_isclose_and_finite":  # (which spoils every array any exercise sends)
        assert others_passed(redteam, student, "04-gd-step"), record["exercises"]
    assert "is not defined" not in v["message"]  # the attack's cell ran to its end: its gd_step was judged


# --- points without solving ---------------------------------------------------------------------


@pytest.mark.parametrize("exercise", list(LIBRARY_SOLVES))
def test_the_librarys_own_gradients_do_not_score_the_gradient_exercises(redteam, exercise):
    v = verdict(redteam, "library_solves", exercise)
    assert v["points"] == 0 and v["status"] == "failed"
    assert v["message"].startswith("your answer uses ") and "deepslow's own version" in v["message"], v["message"]
    assert "Likely mistake: the library's answer is not yours" in v["message"]


def test_answers_kept_as_outputs_of_the_submitted_notebook_never_count(redteam):
    v = verdict(redteam, "stored_outputs")
    assert v["status"] == "failed" and v["points"] == 0
    assert others_passed(redteam, "stored_outputs", "04-gd-step")


def test_an_instructor_cell_of_the_students_own_does_not_make_its_answer_the_reference(redteam):
    v = verdict(redteam, "own_instructor_cell")
    assert v["status"] == "failed" and v["points"] == 0, v["message"]
    assert others_passed(redteam, "own_instructor_cell", "04-gd-step")


def test_a_copy_of_a_check_cell_placed_first_stands_for_the_check_and_its_code_never_runs(redteam):
    record = record_of(redteam, "check_copied_before_answer")  # the copy defines a wrong gd_step after the answer
    assert record["total"] == 8, record["exercises"]
    assert any("a copy of a locked cell (04-gd-step) was ignored" in n for n in record["notes"])


# --- messages through other channels, and the runner's memory --------------------------------------


def test_comm_messages_cost_nothing_to_a_full_solution(redteam):
    for student in ("comm_flood", "comm_output_widget"):
        record = record_of(redteam, student)
        assert set(statuses(record).values()) == {"passed"}, (student, record["exercises"], record["notes"])


def test_comm_messages_cannot_make_the_runner_hold_more_than_one_message(redteam):
    peak = redteam["memory"].get("comm_flood.ipynb")
    assert peak is not None, redteam["memory"]
    assert peak < 700, f"the runner held {peak:.0f} MB"


def test_answer_payloads_cannot_make_the_runner_hold_hundreds_of_megabytes(redteam):
    peak = redteam["memory"].get("hoard.ipynb")
    assert peak is not None, redteam["memory"]
    assert peak < 700, f"the runner held {peak:.0f} MB"


def test_hoarded_payloads_are_tampering_and_cost_only_their_exercises(redteam):
    record = record_of(redteam, "hoard")
    assert record["status"] == "graded"
    for exercise in ("04-sigmoid-grad", "04-gd-step"):
        assert record["exercises"][exercise]["points"] == 0
    assert others_passed(redteam, "hoard", "04-sigmoid-grad", "04-gd-step")


@pytest.mark.parametrize("student", ["deep_raw_payload", "nested_raw_payload"])
def test_answers_nested_too_deep_to_read_cost_only_their_exercise(redteam, student):
    record = record_of(redteam, student)
    assert record["status"] == "graded", record["message"]
    assert record["exercises"]["04-gd-step"]["points"] == 0
    assert others_passed(redteam, student, "04-gd-step")


@pytest.mark.parametrize("student", list(FD_GAMES))
def test_a_kernel_that_breaks_its_own_file_descriptors_costs_at_most_that_exercise(redteam, student):
    record = record_of(redteam, student)
    assert record["status"] == "graded", record["message"]
    assert others_passed(redteam, student, "04-gd-step"), record["exercises"]


def test_escape_codes_and_odd_characters_in_outputs_reach_no_record(redteam):
    record = record_of(redteam, "odd_output")
    assert record["total"] == 8, record["exercises"]
    text = (redteam["out"] / "odd_output.json").read_text()
    assert "\\u001b" not in text and "\\u202e" not in text and "owned" not in text and "\\u0000" not in text


def test_the_kernel_learns_nothing_of_the_hosts_paths_from_proc_or_its_environment(redteam):
    from grading_helpers import attack_succeeds_here

    assert attack_succeeds_here(f"SECRETS = {[str(SOURCE.resolve())]!r}\n" + PROBES["reads_proc_and_env"])
    v = verdict(redteam, "reads_proc_and_env")  # the same probe, in the kernel: it finds none of them
    assert v["status"] == "passed", v["message"]


# --- notebooks of unusual structure ------------------------------------------------------------


@pytest.mark.parametrize("student", list(HONEST_EDITS))
def test_a_full_solution_in_an_unusual_notebook_gets_full_marks(redteam, student):
    record = record_of(redteam, student)
    assert record["status"] == "graded" and record["total"] == 8, (record["message"], record["exercises"])


def test_every_cell_that_ends_the_kernel_costs_only_itself_however_many_there_are(redteam):
    record = record_of(redteam, "exit_before_every_answer")
    assert record["status"] == "graded"
    assert record["total"] == 8, (record["notes"], record["exercises"])


def test_locked_cells_moved_by_the_student_still_get_a_verdict_for_every_exercise(redteam):
    record = record_of(redteam, "reversed_cells")  # (the setup after the cases cells: the student's own Run All fails)
    assert record["status"] == "graded" and set(record["exercises"]) == set(EXERCISES)
    assert all(v["message"] for v in record["exercises"].values())


def test_cell_metadata_of_the_wrong_type_gets_a_verdict(redteam):
    record = record_of(redteam, "metadata_list")
    assert record["status"] in ("graded", "not gradable"), record["message"]


# --- run-level inputs ---------------------------------------------------------------------------


def test_the_gradebook_holds_no_formula_and_no_text_of_the_students(redteam):
    table = rows(redteam)
    header, body = table[0], table[1:]
    assert header == ["student", *EXERCISES, "total", "max", "status"]
    statuses_allowed = {"graded", "not gradable", "grader error"}
    for row in body:
        assert len(row) == len(header), row
        assert row[0] and row[0][0] not in "=+-@\t\r \"'" and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._@-]*", row[0])
        assert all(re.fullmatch(r"-?[0-9.]*", cell) for cell in row[1:-1]), row
        assert row[-1] in statuses_allowed
    raw = (redteam["out"] / "gradebook.csv").read_bytes()
    assert b"=" not in raw and b"+" not in raw and b"\t" not in raw and b"\r" not in raw and b'"' not in raw


def test_a_file_name_that_is_not_utf8_gets_a_row_and_full_marks(redteam):
    wanted = str(redteam["subs"] / os.fsdecode(NOT_UTF8_NAME))
    records = [json.loads(p.read_text()) for p in redteam["out"].glob("*.json") if not p.name.startswith(".")]
    (record,) = [r for r in records if r["submission"] == wanted]
    assert record["status"] == "graded" and record["total"] == 8
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._@-]{0,63}", record["student"])


def test_names_like_the_graders_own_files_do_not_replace_them(redteam):
    assert json.loads((redteam["out"] / ".reference.json").read_text())["source_sha256"]
    table = rows(redteam)
    assert table[0][0] == "student"
    ids = [row[0] for row in table[1:]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("student", ["zz_swapped", "zz_vanishing", "zz_fifo", "lesson"])
def test_a_submission_changed_during_the_run_gets_a_row_and_never_the_sources_marks(redteam, student):
    if student in ("zz_vanishing", "lesson") and not (redteam["out"] / f"{student}.json").exists():
        assert student not in {row[0] for row in rows(redteam)}
        pytest.skip("it was not there when the run listed the folder (the swapper's timing): nothing to check")
    record = record_of(redteam, student)
    assert record["status"] in ("graded", "not gradable"), record["message"]
    assert record["total"] <= 7, record["exercises"]  # the wrong gd_step, or nothing: never the source's answers
    assert student in {row[0] for row in rows(redteam)}


def test_one_students_extra_file_does_not_rename_every_classmates_row(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    for name in ("alice", "bob", "carol"):
        (subs / f"{name}.ipynb").write_text(f"not a notebook: {name}")  # a row each, no kernel needed
    run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *LIMITS)
    assert {row[0] for row in rows({"out": out})[1:]} == {"alice", "bob", "carol"}
    (subs / "mallory").mkdir()  # nbgrader's layout, next to the flat one: submitted/mallory/alice.ipynb
    (subs / "mallory" / "alice.ipynb").write_text("not a notebook either")
    run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *LIMITS)
    ids = {row[0] for row in rows({"out": out})[1:]}
    assert {"bob", "carol"} <= ids, ids  # their names did not collide with anyone's


def test_the_run_took_less_than_four_minutes(redteam):
    assert redteam["seconds"] < 240


def test_the_exercises_list_matches_the_fixture():
    assert list(SOLUTIONS) == EXERCISES
