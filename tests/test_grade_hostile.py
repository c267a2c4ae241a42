"""Red team, part 2: hostile and broken submissions, each graded by the real grader on a real notebook.

One grading run (two at a time, short limits) covers every case below: students who want points
they did not earn, students who want to break the run or leak the hidden tests, and files that
are not what they claim to be. Each test reads the verdict its case got, and checks that the
other exercises of that submission were still graded. The sandbox itself is attacked in
test_grade_isolation.py.
"""

import csv
import hashlib
import os
import signal
import stat
import subprocess
import sys
import time

import nbformat
import pytest
from grading_helpers import (
    EXERCISES,
    SOLUTIONS,
    SOURCE,
    check_cell,
    read_record,
    run_cli,
    solution_cell,
    statuses,
    submission,
)

pytestmark = pytest.mark.slow
LIMITS = ["--jobs", "2", "--cell-timeout", "5", "--timeout", "60", "--memory-mb", "1536", "--quiet"]
LIMITS += ["--uid-base", "65200"]
GOOD = dict(SOLUTIONS)


def with_answer(exercise, code):
    return {**GOOD, exercise: code}


def _edit_check(nb):
    check_cell(nb, "04-sigmoid-grad").source = "print('all checks passed!')"


def _delete_check(nb):
    nb.cells.remove(check_cell(nb, "04-matmul-grad"))


def _delete_answer(nb):
    nb.cells.remove(solution_cell(nb, "04-backward-pass"))


def _kernelspec(nb):
    nb.metadata["kernelspec"] = {"name": "evil", "display_name": "Evil", "language": "bash"}


def _empty(nb):
    nb.cells = []


def _forge(nb):
    cell = solution_cell(nb, "04-gd-step")
    cell.source = (
        "from IPython.display import display\n"
        "from deepslow.exercises import get_exercise\n"
        "from deepslow.exercises.inline import ANSWERS_MIME\n"
        "def gd_step(w, grad, lr):\n"
        "    ex = get_exercise('04-gd-step')\n"
        "    forged = ex.answers(lambda w, g, lr: w - lr * g)\n"  # right answers, sent a second time
        "    display({ANSWERS_MIME: {'exercise': '04-gd-step', 'answers': forged}}, raw=True)\n"
        "    return w\n"
    )


def _deleted_setup(nb):
    """The setup cell (imports) deleted, and a cell of the student's own that uses np at the top
    level before any check cell: the setup must go back before it, where the source has it."""
    nb.cells = [c for c in nb.cells if (c.metadata.get("deepslow") or {}).get("role") != "setup"]
    answer = solution_cell(nb, "04-sigmoid-grad")
    answer.source = "ONES = np.ones(3)\n" + answer.source


def _bad_metadata(nb):
    """Exercise metadata of every wrong type, in cells the student added or kept."""
    weird = [{"deepslow": "check"}, {"deepslow": {"role": 5}}, {"deepslow": {"role": "check", "exercise": ["x"]}}]
    weird += [{"deepslow": {"role": "solution", "exercise": {"id": 1}}}, {"deepslow": {"role": ["setup"]}}]
    solution_cell(nb, "04-gd-step").metadata["deepslow"]["points"] = "all of them"
    for metadata in weird:
        nb.cells.insert(3, nbformat.v4.new_code_cell("x = 1", metadata=metadata))


def _duplicates(nb):
    """A copy of a check cell and of a setup cell (new ids, same markup) added at the end."""
    import copy

    for cell in (check_cell(nb, "04-gd-step"), nb.cells[1]):
        clone = copy.deepcopy(cell)
        clone["id"] = "copy-" + clone["id"]
        clone.source = "raise SystemExit('a copy ran')"
        nb.cells.append(clone)


SUPPRESS = (
    "ip = get_ipython()\n"
    "ip.showtraceback = lambda *a, **k: None\n"
    "ip.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
)
PATCH_NUMPY = (
    "import builtins\n"
    "np.allclose = lambda *a, **k: True\n"
    "np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), dtype=bool)\n"
    "np.array_equal = lambda *a, **k: True\n"
    "np.testing.assert_allclose = lambda *a, **k: None\n"
    "builtins.abs = lambda x: 0\n"
)
# The code of the running cell (the hidden tests) is In[-1] and the caller's frame: send it back.
HIDDEN_SOURCE = "get_ipython().user_ns['In'][-1]"
LEAKS = {
    "leak_message": f"def gd_step(w, grad, lr):\n    raise ValueError({HIDDEN_SOURCE})\n",
    "leak_compressed": (
        "import base64, zlib\n"
        "def gd_step(w, grad, lr):\n"
        f"    raise ValueError(base64.b64encode(zlib.compress({HIDDEN_SOURCE}.encode())).decode())\n"
    ),
    "leak_class_name": (
        "import re\n"
        "def gd_step(w, grad, lr):\n"
        f"    name = re.sub('[^A-Za-z0-9]', '_', {HIDDEN_SOURCE})[:60] or 'X'\n"
        "    raise type(name, (Exception,), {})()\n"
    ),
    "leak_return_string": f"def gd_step(w, grad, lr):\n    return {HIDDEN_SOURCE}\n",
    "leak_known_form": (  # a form the grader writes again, with the hidden case's label where a name goes
        "def gd_step(w, grad, lr):\n"
        f"    secret = {HIDDEN_SOURCE}.split(chr(34))[5].replace(' ', '_')\n"
        "    raise NameError(f\"name '{secret}' is not defined\")\n"
    ),
    "leak_host_file": "def gd_step(w, grad, lr):\n    raise ValueError(open('/etc/passwd').read())\n",
}
THREAD_FORGER = (  # a thread that sends right answers while the hidden tests run; the answer itself is wrong
    "import threading, time\n"
    "from IPython.display import display\n"
    "from deepslow.exercises import get_exercise\n"
    "from deepslow.exercises.inline import ANSWERS_MIME\n"
    "def _forge():\n"
    "    while 'record(' + chr(34) + '04-gd-step' not in get_ipython().user_ns['In'][-1]:\n"
    "        time.sleep(0.01)\n"
    "    answers = get_exercise('04-gd-step').answers(lambda w, g, lr: w - lr * g)\n"
    "    display({ANSWERS_MIME: {'exercise': '04-gd-step', 'answers': answers}}, raw=True)\n"
    "threading.Thread(target=_forge, daemon=True).start()\n"
    "def gd_step(w, grad, lr):\n    time.sleep(0.5)\n    return w\n"
)
STUDENT_CELL_FORGES = (  # answers sent from a cell of the student's: not the grader's hidden tests
    "import numpy as np\n"
    "from IPython.display import display\n"
    "from deepslow.exercises.inline import ANSWERS_MIME\n"
    "from deepslow.exercises.plain import to_plain\n"
    "_public = {'a vector': (np.array([1.0, -2.0, 0.5]), np.array([0.2, -0.4, 1.0]), 0.1),\n"
    "           'a matrix, lr 0.5': (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, -1.0], [0.5, 0.0]]), 0.5)}\n"
    "for label in ('a step not shown to the learner',):\n"
    "    display({ANSWERS_MIME: {'exercise': '04-gd-step', 'answers': {label: {'kind': 'none'}}}}, raw=True)\n"
    "display({ANSWERS_MIME: {'exercise': '04-gd-step',\n"
    "    'answers': {k: to_plain(w - lr * g) for k, (w, g, lr) in _public.items()}}}, raw=True)\n"
    "def gd_step(w, grad, lr):\n    return w\n"
)
SILENCED = "get_ipython().display_pub.publish = lambda *a, **k: None\n" + GOOD["04-gd-step"]
DOUBLE_EMIT = (  # every answer sent twice by a patched _emit
    "import deepslow.exercises.inline as inline\n"
    "_emit = inline._emit\n"
    "inline._emit = lambda payload: (_emit(payload), _emit(payload))\n"
    "def gd_step(w, grad, lr):\n    return w\n"
)
RELABEL = (  # record() patched to send this exercise's answers under another exercise's name
    "import deepslow.exercises as E, deepslow.exercises.inline as inline\n"
    "def record(exercise_id, answer, hidden_cases=None):\n"
    "    exercise = inline.core.get_exercise(exercise_id)\n"
    "    cases = dict(exercise.cases, **{str(k): v for k, v in (hidden_cases or {}).items()})\n"
    "    inline._emit({'exercise': '04-sigmoid-grad' if exercise_id == '04-gd-step' else exercise_id,\n"
    "                  'answers': exercise.answers(answer, cases)})\n"
    "E.record = inline.record = record\n" + GOOD["04-gd-step"]
)
WRONG_TYPES = (  # messages the kernel is made to send, with wrong types where nbclient expects others
    "k = get_ipython().kernel\n"
    "parent = k.get_parent()\n"
    "for content in ({'execution_state': 5}, {'execution_state': None}, '[1, 2]', '{\"data\": 3}', 'not json'):\n"
    "    k.session.send(k.iopub_socket, 'status', content, parent=parent)\n"
    "    k.session.send(k.iopub_socket, 'display_data', content, parent=parent)\n"
    "k.session.send(k.iopub_socket, 'display_data', {'data': 'x', 'metadata': 3}, parent=parent)\n"
    "k.session.send(k.iopub_socket, 'stream', {'name': 'stdout', 'text': 'hi'}, parent={'msg_id': 7})\n"
    "k.session.send(k.iopub_socket, 'execute_result', {'data': {'application/vnd.deepslow.answers+json': 1}},"
    " parent=parent)\n" + GOOD["04-gd-step"]
)
BROKEN_HEADER = (  # a message whose header is not even JSON: the cell that sent it is skipped, nothing else
    "k = get_ipython().kernel\n"
    "k.iopub_socket.send_multipart([b'', b'<IDS|MSG>', b'', b'not json', b'{}', b'{}', b'{}'])\n" + GOOD["04-gd-step"]
)
HUGE_MESSAGE = "print('x' * (40 * 2**20))\n" + GOOD["04-gd-step"]
IMPORTS_REFERENCE = "from deepslow.exercises import get_exercise\ngd_step = get_exercise('04-gd-step').reference_fn\n"
RECORD_WITH_REFERENCE = (  # record and record_value patched to send what the reference computes
    "import deepslow.exercises as E, deepslow.exercises.inline as inline\n"
    "ref = inline.get_exercise('04-gd-step').reference_fn\n"
    "_record, _record_value, _last = inline.record, inline.record_value, {}\n"
    "E.record = lambda ex, answer: _record(ex, ref if ex == '04-gd-step' else answer)\n"
    "E.record_value = lambda ex, label, value: _record_value(ex, label, ref(*_last['args']))\n"
    "def gd_step(w, grad, lr):\n    _last['args'] = (w, grad, lr)\n    return w\n"
)
LOOKUP_TABLE = (  # right on the cases the learner's check shows (their answers are public), wrong elsewhere
    "def gd_step(w, grad, lr):\n    return w - lr * grad if lr in (0.1, 0.5) else w\n"
)

CASES = {
    "loop": with_answer("04-matmul-grad", "while True:\n    pass\n" + GOOD["04-matmul-grad"]),
    "loop_in_function": with_answer("04-gd-step", "def gd_step(w, grad, lr):\n    while True:\n        pass"),
    "ignores_sigint": with_answer(
        "04-matmul-grad", "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
    ),
    "os_exit": with_answer("04-sigmoid-grad", "import os\nos._exit(0)"),
    "os_exit_in_hidden_tests": with_answer("04-gd-step", "import os\ndef gd_step(w, grad, lr):\n    os._exit(1)"),
    "calls_exit": with_answer("04-sigmoid-grad", "exit()"),
    "memory_bomb": with_answer(
        "04-gd-step",
        "def gd_step(w, grad, lr):\n    hog = []\n    while True:\n        hog.append(bytearray(5 * 10**8))",
    ),
    "fork_bomb": with_answer(
        "04-gd-step",
        "import os\nfor _ in range(100000):\n    try:\n        os.fork()\n    except OSError:\n        pass",
    ),
    "prints_a_lot": with_answer(
        "04-gd-step", "print('\\n'.join(map(str, range(1_000_000))))\nprint('done')\n" + GOOD["04-gd-step"]
    ),
    "huge_message": with_answer("04-gd-step", HUGE_MESSAGE),
    "wrong_types": with_answer("04-gd-step", WRONG_TYPES),
    "broken_header": with_answer("04-gd-step", BROKEN_HEADER),
    "reads_stdin": with_answer("04-gd-step", "try:\n    input()\nexcept Exception:\n    pass\n" + GOOD["04-gd-step"]),
    "suppressed_tracebacks": with_answer(
        "04-gd-step", SUPPRESS + "def gd_step(w, grad, lr):\n    return w + lr * grad\nundefined_name"
    ),
    "always_equal": with_answer(
        "04-gd-step",
        "class Yes:\n    def __eq__(self, other):\n        return True\n"
        "class YesArray(np.ndarray):\n    def __eq__(self, other):\n        return True\n"
        "def gd_step(w, grad, lr):\n    return Yes() if np.ndim(w) == 2 else np.zeros_like(w).view(YesArray)",
    ),
    "patched_numpy": with_answer("04-gd-step", PATCH_NUMPY + "def gd_step(w, grad, lr):\n    return w - grad"),
    "check_redefined": with_answer(
        "04-gd-step",
        "import deepslow, deepslow.exercises\n"
        "def check(*args, **kwargs):\n    return 'passed'\n"
        "deepslow.check = deepslow.exercises.check = check\n"
        "def gd_step(w, grad, lr):\n    return w",
    ),
    "renamed": with_answer("04-sigmoid-grad", GOOD["04-sigmoid-grad"].replace("sigmoid_grad", "sigmoid_gradient")),
    "thread_forger": with_answer("04-gd-step", THREAD_FORGER),
    "student_cell_forges": with_answer("04-gd-step", STUDENT_CELL_FORGES),
    "silenced_display": with_answer("04-gd-step", SILENCED),
    "double_emit": with_answer("04-gd-step", DOUBLE_EMIT),
    "relabels_answers": with_answer("04-gd-step", RELABEL),
    "imports_reference": with_answer("04-gd-step", IMPORTS_REFERENCE),
    "record_with_reference": with_answer("04-gd-step", RECORD_WITH_REFERENCE),
    "lookup_table": with_answer("04-gd-step", LOOKUP_TABLE),
    "reads_the_source": with_answer(  # full marks only if it can read the instructor's solutions
        "04-gd-step",
        f"try:\n    open({str(SOURCE)!r}).read()\n    def gd_step(w, grad, lr):\n        return w - lr * grad\n"
        "except OSError:\n    def gd_step(w, grad, lr):\n        return w\n",
    ),
    **{name: with_answer("04-gd-step", code) for name, code in LEAKS.items()},
}


def _tamper(nb):  # three edits in one submission: a check edited, another deleted, the kernelspec changed
    _edit_check(nb)
    _delete_check(nb)
    _kernelspec(nb)


EDITS = {
    "tampered_cells": _tamper,
    "missing_answer": _delete_answer,
    "empty": _empty,
    "forged_answers": _forge,
    "deleted_setup": _deleted_setup,
    "bad_metadata": _bad_metadata,
    "duplicated_cells": _duplicates,
}

# Files whose name or type is hostile. Those that are notebooks are the full solution: each must
# get a row and full marks. Those that are not get a row saying why.
WEIRD_NAMES = {
    "long": "a" * 245,
    "unicode": "élève 学生",
    "dash": "-rf",
    "dots": "..",  # the file "...ipynb"
    "spaces_newline": "bob smith\nline two",
    "formula": "=HYPERLINK(x)",
    "collide_a": "bob smith",
    "collide_b": "bob_smith",
}
NOT_FILES = {
    "fifo": "a named pipe (FIFO)",
    "zero": "symbolic link",
    "copycat": "symbolic link",
    "shadow": "symbolic link",
    "device": "a character device",
}


def _make_not_files(subs, victim):
    os.mkfifo(subs / "fifo.ipynb")
    (subs / "zero.ipynb").symlink_to("/dev/zero")
    (subs / "copycat.ipynb").symlink_to(victim)  # copying a classmate's notebook
    (subs / "shadow.ipynb").symlink_to("/etc/shadow")
    os.mknod(subs / "device.ipynb", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    with open(subs / "huge.ipynb", "wb") as f:  # sparse: 60 MB that take no room
        f.truncate(60 * 2**20)
    (subs / "big_int.ipynb").write_text('{"cells": [], "nbformat": 4, "n": ' + "9" * 100_000 + "}")
    (subs / "deep.ipynb").write_text("[" * 200_000 + "]" * 200_000)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    subs, out = root / "subs", root / "out"
    for name, answers in CASES.items():
        submission(root, subs, name, answers)
    for name, edit in EDITS.items():
        submission(root, subs, name, GOOD, edit)
    victim = submission(root, subs, "victim", GOOD)
    (subs / "not_json.ipynb").write_text("print('hello')\n")
    (subs / "not_a_notebook.ipynb").write_text('{"hello": "world"}')
    (subs / "binary.ipynb").write_bytes(bytes(range(256)) * 10)
    for name in WEIRD_NAMES.values():
        (subs / f"{name}.ipynb").write_bytes(victim.read_bytes())
    _make_not_files(subs, victim)
    elsewhere = root / "elsewhere"  # a folder of another class, linked into this one: never entered
    submission(root, elsewhere / "mallory", "lesson", GOOD)
    (subs / "linked_class").symlink_to(elsewhere / "mallory")
    out.mkdir()
    targets = [out / "gradebook.csv", out / "victim.json", victim, out / "planted.txt", root / "planted.txt"]
    writer = "import pathlib\n" + "".join(
        f"try:\n    pathlib.Path({str(t)!r}).write_text('hacked')\nexcept OSError:\n    pass\n" for t in targets
    )
    submission(root, subs, "writer", with_answer("04-gd-step", writer + GOOD["04-gd-step"]))
    victim_sha = hashlib.sha256(victim.read_bytes()).hexdigest()
    started = time.monotonic()
    code, stdout, stderr = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *LIMITS)
    return {
        "root": root,
        "out": out,
        "subs": subs,
        "code": code,
        "stdout": stdout,
        "stderr": stderr,
        "victim_sha": victim_sha,
        "seconds": time.monotonic() - started,
    }


def verdict(hostile, student, exercise):
    return read_record(hostile["out"], student)["exercises"][exercise]


def others_passed(hostile, student, *spoiled):
    record = read_record(hostile["out"], student)
    return all(v["status"] == "passed" for ex, v in record["exercises"].items() if ex not in spoiled)


def rows(hostile):
    return {row[0]: row for row in csv.reader((hostile["out"] / "gradebook.csv").open())}


# --- the run as a whole -----------------------------------------------------------------------


def test_every_file_got_a_row_and_the_run_reports_the_unreadable_ones(hostile):
    assert hostile["code"] == 1  # some submissions could not be graded
    expected = len(CASES) + len(EDITS) + 5 + len(WEIRD_NAMES) + len(NOT_FILES) + 3
    assert len(rows(hostile)) - 1 == expected
    assert "could not be graded" in hostile["stdout"]
    records = [p for p in hostile["out"].glob("*.json") if not p.name.startswith(".")]
    assert len(records) == expected and all(len(p.name) <= 70 for p in records)


def test_the_honest_submission_next_to_all_of_this_got_full_marks(hostile):
    record = read_record(hostile["out"], "victim")
    assert record["total"] == 8 and record["notes"] == []


# --- points that were not earned --------------------------------------------------------------


def test_suppressed_tracebacks_do_not_hide_a_wrong_answer(hostile):
    v = verdict(hostile, "suppressed_tracebacks", "04-gd-step")
    assert v["status"] == "failed" and "wrong sign" in v["message"]


def test_objects_that_equal_everything_get_no_points(hostile):
    v = verdict(hostile, "always_equal", "04-gd-step")
    assert v["status"] == "failed" and "an object of type a class the notebook defines" in v["message"]


def test_monkeypatched_numpy_and_builtins_do_not_change_the_verdict(hostile):
    v = verdict(hostile, "patched_numpy", "04-gd-step")
    assert v["status"] == "failed" and "forgot the learning rate" in v["message"]


def test_redefined_check_does_not_change_the_verdict(hostile):
    assert verdict(hostile, "check_redefined", "04-gd-step")["status"] == "failed"


@pytest.mark.parametrize("student", ["forged_answers", "double_emit", "relabels_answers"])
def test_answers_sent_by_the_students_code_are_tampering_not_points(hostile, student):
    v = verdict(hostile, student, "04-gd-step")
    assert v["status"] == "failed" and v["points"] == 0 and "tampered" in v["message"], v["message"]
    if student != "double_emit":  # which patched the recording of every exercise
        assert others_passed(hostile, student, "04-gd-step")


def test_right_answers_sent_from_a_thread_earn_nothing(hostile):
    v = verdict(hostile, "thread_forger", "04-gd-step")
    assert v["status"] == "failed" and v["points"] == 0, v["message"]
    assert others_passed(hostile, "thread_forger", "04-gd-step")


def test_answers_sent_from_a_students_own_cell_are_ignored(hostile):
    v = verdict(hostile, "student_cell_forges", "04-gd-step")
    assert v["status"] == "failed" and v["message"].startswith("case 'a vector': wrong values")  # what gd_step returns


def test_a_silenced_display_gives_no_answers_not_points(hostile):
    v = verdict(hostile, "silenced_display", "04-gd-step")
    assert v["status"] == "error" and v["points"] == 0 and "no answers were recorded" in v["message"]


def test_the_reference_answers_cannot_be_imported_for_points(hostile):
    assert verdict(hostile, "imports_reference", "04-gd-step")["points"] == 0


def test_record_patched_to_send_the_reference_answers_earns_nothing(hostile):
    assert verdict(hostile, "record_with_reference", "04-gd-step")["points"] == 0


def test_the_source_notebook_cannot_be_read_from_a_submission(hostile):
    assert verdict(hostile, "reads_the_source", "04-gd-step")["status"] == "failed"
    assert others_passed(hostile, "reads_the_source", "04-gd-step")


def test_the_grader_warns_about_exercises_whose_hidden_tests_are_public_cases(tmp_path):
    source = nbformat.read(SOURCE, as_version=4)
    for cell in source.cells:  # 04-sigmoid-grad's hidden tests re-run the public cases only
        if cell.metadata.get("deepslow", {}) == {"exercise": "04-sigmoid-grad", "points": 2, "role": "check"}:
            start, end = cell.source.index("record("), cell.source.index("### END HIDDEN TESTS")
            cell.source = cell.source[:start] + 'record("04-sigmoid-grad", sigmoid_grad)\n' + cell.source[end:]
    weak = tmp_path / "weak.ipynb"
    nbformat.write(source, weak)
    (tmp_path / "subs").mkdir()
    nbformat.write(source, tmp_path / "subs" / "honest.ipynb")
    code, _, err = run_cli(
        "grade", "--source", str(weak), str(tmp_path / "subs"), "--out", str(tmp_path / "o"), *LIMITS
    )
    lines = [line for line in err.splitlines() if "add a hidden case" in line]
    assert len(lines) == 1, err
    (line,) = lines
    assert code == 0 and "04-sigmoid-grad" in line and "04-gd-step" not in line  # it has hidden cases


# --- leaking the hidden tests -----------------------------------------------------------------


@pytest.mark.parametrize("student", list(LEAKS))
def test_feedback_never_carries_the_hidden_tests_or_host_files(hostile, student):
    record = read_record(hostile["out"], student)
    v = record["exercises"]["04-gd-step"]
    assert v["status"] == "failed" and v["points"] == 0
    text = (hostile["out"] / f"{student}.json").read_text()
    for secret in ("record_value", "record(", "not seen", "not_seen", "3.0, -1.0", "eJ", "root:x"):
        assert secret not in text, (student, v["message"])
    assert others_passed(hostile, student, "04-gd-step")


def test_a_hidden_case_is_reported_without_its_label_or_values(hostile):
    v = verdict(hostile, "lookup_table", "04-gd-step")  # right on every public case, wrong on the hidden one
    assert v["status"] == "failed" and "a case of the hidden tests (its input is not shown)" in v["message"]
    assert "not seen" not in v["message"] and "2.75" not in v["message"] and "3." not in v["message"]
    v = verdict(hostile, "patched_numpy", "04-gd-step")  # a public case: named, with its values
    assert "case 'a vector'" in v["message"] and "expected" in v["message"]
    assert verdict(hostile, "leak_return_string", "04-gd-step")["message"].endswith("got a string")


# --- honest work kept -------------------------------------------------------------------------


def test_infinite_loop_is_interrupted_and_the_rest_is_graded(hostile):
    v = verdict(hostile, "loop", "04-matmul-grad")
    assert v["status"] == "timeout" and "interrupted" in v["message"]
    assert others_passed(hostile, "loop", "04-matmul-grad")
    v = verdict(hostile, "loop_in_function", "04-gd-step")
    assert v["status"] == "timeout" and "the cell of the hidden tests did not finish" in v["message"]
    assert others_passed(hostile, "loop_in_function", "04-gd-step")


def test_loop_ignoring_sigint_is_killed_and_the_rest_is_graded(hostile):
    v = verdict(hostile, "ignores_sigint", "04-matmul-grad")
    assert v["status"] == "timeout" and "ignored the interrupt" in v["message"]
    assert others_passed(hostile, "ignores_sigint", "04-matmul-grad")


@pytest.mark.parametrize("student, exercise", [("os_exit", "04-sigmoid-grad"), ("calls_exit", "04-sigmoid-grad")])
def test_a_cell_that_ends_the_kernel_costs_only_its_exercise(hostile, student, exercise):
    v = verdict(hostile, student, exercise)
    assert v["status"] == "error" and "the answer cell ended the kernel" in v["message"], v["message"]
    assert len(read_record(hostile["out"], student)["notes"]) == 1  # that cell was found, and only it skipped
    assert others_passed(hostile, student, exercise)


def test_an_answer_that_kills_the_kernel_in_the_hidden_tests_costs_only_its_exercise(hostile):
    v = verdict(hostile, "os_exit_in_hidden_tests", "04-gd-step")
    assert v["status"] == "error" and "the cell of the hidden tests ended the kernel" in v["message"]
    assert others_passed(hostile, "os_exit_in_hidden_tests", "04-gd-step")


def test_memory_bomb_hits_the_memory_limit(hostile):
    v = verdict(hostile, "memory_bomb", "04-gd-step")  # MemoryError, or stopped by the cgroup, or too slow
    assert v["points"] == 0 and ("MemoryError" in v["message"] or "memory" in v["message"] or "finish" in v["message"])
    assert others_passed(hostile, "memory_bomb", "04-gd-step")


def test_fork_bomb_is_contained(hostile):
    record = read_record(hostile["out"], "fork_bomb")
    assert record["exercises"]["04-gd-step"]["status"] in ("timeout", "error")
    assert others_passed(hostile, "fork_bomb", "04-gd-step")
    from deepslow.grading.sandbox import _processes

    assert not [pid for pid, (_, uid) in _processes().items() if 65200 <= uid < 65300]


@pytest.mark.parametrize("student", ["prints_a_lot", "huge_message", "wrong_types", "reads_stdin", "writer"])
def test_floods_forged_messages_and_stdin_cost_nothing(hostile, student):
    record = read_record(hostile["out"], student)
    assert set(statuses(record).values()) == {"passed"}, record["exercises"]


def test_a_message_the_grader_cannot_read_costs_only_the_cell_that_sent_it(hostile):
    v = verdict(hostile, "broken_header", "04-gd-step")
    assert v["status"] == "error" and "could not read" in v["message"]
    assert others_passed(hostile, "broken_header", "04-gd-step")


def test_renamed_and_missing_answers_are_reported(hostile):
    v = verdict(hostile, "renamed", "04-sigmoid-grad")
    assert v["status"] == "error" and "name 'sigmoid_grad' is not defined" in v["message"]
    v = verdict(hostile, "missing_answer", "04-backward-pass")
    assert v["status"] == "error" and "not defined" in v["message"]
    notes = read_record(hostile["out"], "missing_answer")["notes"]
    assert any("answer cell of 04-backward-pass was not found" in n for n in notes)


def test_edited_and_deleted_check_cells_are_restored_and_the_kernelspec_ignored(hostile):
    record = read_record(hostile["out"], "tampered_cells")
    assert set(statuses(record).values()) == {"passed"}
    assert any("04-sigmoid-grad, check) was edited and was restored" in n for n in record["notes"])
    assert any("04-matmul-grad, check) was missing and was restored" in n for n in record["notes"])


def test_a_deleted_setup_cell_goes_back_before_the_answers(hostile):
    record = read_record(hostile["out"], "deleted_setup")
    assert record["total"] == 8, record["exercises"]
    assert any("(setup) was missing and was restored" in n for n in record["notes"])


def test_exercise_metadata_of_the_wrong_type_gets_a_verdict(hostile):
    record = read_record(hostile["out"], "bad_metadata")
    assert record["status"] == "graded" and record["total"] == 8


def test_copies_of_locked_cells_are_ignored(hostile):
    record = read_record(hostile["out"], "duplicated_cells")
    assert record["total"] == 8
    assert any("a copy of a locked cell" in n for n in record["notes"])


def test_an_empty_notebook_is_not_gradable_rather_than_a_real_zero(hostile):
    record = read_record(hostile["out"], "empty")
    assert record["status"] == "not gradable" and record["total"] == 0 and "empty" in record["message"]
    assert all(v["status"] == "not graded" for v in record["exercises"].values())
    assert rows(hostile)["empty"][1:] == ["", "", "", "", "", "8", "not gradable"]


# --- files that are not what they claim -------------------------------------------------------


@pytest.mark.parametrize(
    "student, words",
    [
        ("not_json", "not valid JSON"),
        ("not_a_notebook", "not a Jupyter"),
        ("binary", "UTF-8"),
        ("huge", "the limit is 50 MB"),
        ("big_int", "cannot be read"),
        ("deep", "cannot be read"),
        *NOT_FILES.items(),
    ],
)
def test_files_that_are_not_notebooks_are_not_gradable(hostile, student, words):
    record = read_record(hostile["out"], student)
    assert record["status"] == "not gradable" and words in record["message"] and record["total"] == 0


def test_a_symlinked_class_folder_is_not_entered(hostile):
    assert not [row for row in rows(hostile) if "mallory" in row or "lesson" in row]


def test_every_file_name_gets_a_row_and_a_verdict_of_its_own(hostile):
    records = {}
    for path in hostile["out"].glob("*.json"):
        if not path.name.startswith("."):
            record = read_record(hostile["out"], path.stem)
            records[record["submission"]] = record
    ids = set()
    for name in WEIRD_NAMES.values():  # including "bob smith" and "bob_smith", which clean to one name
        record = records[str(hostile["subs"] / f"{name}.ipynb")]
        assert record["status"] == "graded" and record["total"] == 8, name
        assert record["student"] not in ids and record["student"] in rows(hostile)
        ids.add(record["student"])
        assert record["student"][0].isalnum() or record["student"][0] == "_"  # never "=", "+", "-", "@"


def test_writes_into_the_output_or_other_submissions_are_blocked(hostile):
    out, subs = hostile["out"], hostile["subs"]
    assert "hacked" not in (out / "gradebook.csv").read_text()
    assert not (out / "planted.txt").exists() and not (hostile["root"] / "planted.txt").exists()
    assert hashlib.sha256((subs / "victim.ipynb").read_bytes()).hexdigest() == hostile["victim_sha"]
    assert read_record(out, "victim")["total"] == 8


def test_the_exercises_list_matches_the_fixture():
    assert [
        c.metadata["deepslow"]["exercise"]
        for c in nbformat.read(SOURCE, 4).cells
        if c.metadata.get("deepslow", {}).get("role") == "check"
    ] == EXERCISES


# --- runs of their own ------------------------------------------------------------------------


def test_student_cells_share_the_notebook_budget_and_the_hidden_tests_still_run(tmp_path):
    """Every answer sleeps 4 s; the budget of 12 s runs out at the third: the exercises whose
    answers ran are graded (their hidden tests run after the budget), the others time out."""
    slow = "import time\ntime.sleep(4)\n"
    answers = {ex: slow + code for ex, code in SOLUTIONS.items()}
    sub = submission(tmp_path, tmp_path / "subs", "slow", answers)
    limits = ["--cell-timeout", "5", "--timeout", "12", "--quiet"]
    code, out, _ = run_cli("grade", "--source", str(SOURCE), str(sub), "--out", str(tmp_path / "out"), *limits)
    record = read_record(tmp_path / "out", "slow")
    assert code == 0 and record["status"] == "graded"
    assert any("used up its time budget of 12.0 s" in n for n in record["notes"])
    assert statuses(record)["04-sigmoid-grad"] == statuses(record)["04-matmul-grad"] == "passed"
    assert statuses(record)["04-gd-step"] == "timeout"


def test_same_user_mode_still_confines_the_kernel(tmp_path):
    """--same-user (the mode for a container that forbids switching users): the kernel runs as the
    grader's own user, without capabilities, in its own namespaces; the run says what is weaker."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    out.mkdir()
    writer = f"try:\n    open({str(out / 'planted.txt')!r}, 'w').write('x')\nexcept OSError:\n    pass\n"
    submission(tmp_path, subs, "writer", with_answer("04-gd-step", writer + GOOD["04-gd-step"]))
    submission(tmp_path, subs, "ignores_sigint", CASES["ignores_sigint"])
    code, _, err = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), "--same-user", *LIMITS)
    assert code == 0
    assert verdict({"out": out}, "ignores_sigint", "04-matmul-grad")["status"] == "timeout"
    assert others_passed({"out": out}, "ignores_sigint", "04-matmul-grad")
    writer_record = read_record(out, "writer")
    assert writer_record["sandbox"]["user"] == os.geteuid() and writer_record["total"] == 8
    assert writer_record["sandbox"]["capabilities"] == 0
    assert not (out / "planted.txt").exists()
    assert "--same-user" in err or "not running as root" in err


def test_an_out_folder_inside_the_submissions_is_refused(tmp_path):
    submission(tmp_path, tmp_path / "subs", "a", GOOD)
    code, _, err = run_cli("grade", "--source", str(SOURCE), str(tmp_path / "subs"), "--out", str(tmp_path / "subs/g"))
    assert code == 2 and "must not be (or be inside) a folder holding the submissions" in err
    assert not (tmp_path / "subs" / "g").exists()


def test_an_interrupted_run_resumes_where_it_stopped(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for name in ("a", "b", "c"):
        submission(tmp_path, subs, name, GOOD)
    command = [sys.executable, "-m", "deepslow.cli", "grade", "--source", str(SOURCE), str(subs), "--out", str(out)]
    command += ["--jobs", "1", "--quiet", "--uid-base", "65400"]
    grader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out / "a.json").exists():
        time.sleep(0.2)
    grader.send_signal(signal.SIGINT)
    _, err = grader.communicate(timeout=120)
    assert grader.returncode == 130 and b"run the same command again to resume" in err
    done = {p.stem for p in out.glob("*.json") if not p.name.startswith(".")}
    assert "a" in done and len(done) < 3
    code, stdout, _ = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), "--quiet")
    assert code == 0 and f"{len(done)} skipped" in stdout
    assert all(read_record(out, name)["total"] == 8 for name in ("a", "b", "c"))


def test_quiet_grading_does_not_need_tqdm():
    """A minimal grading install may not have tqdm: `grade -q` must not import it."""
    code = (
        "import sys\n"
        "sys.modules['tqdm'] = None\n"  # any import of tqdm now fails
        "import deepslow.cli, deepslow.grading.grade as g\n"
        "bar = g._progress(3, enabled=False)\n"
        "bar.update(1)\n"
        "bar.close()\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_without_bubblewrap_kernels_are_graded_and_the_run_says_what_is_not_isolated(tmp_path, monkeypatch):
    """A machine without bwrap (as root): the kernel cannot run as another user (it could not read
    Python), so the run falls back to --same-user without namespaces, says so, and Landlock still
    keeps the grades out of reach where the kernel has it."""
    from deepslow.grading import sandbox

    real_tool = sandbox.tool
    monkeypatch.setattr(sandbox, "tool", lambda name: None if name == "bwrap" else real_tool(name))
    monkeypatch.setattr(sandbox, "_probed", {})
    subs, out = tmp_path / "subs", tmp_path / "out"
    out.mkdir()
    writer = f"try:\n    open({str(out / 'planted.txt')!r}, 'w').write('x')\nexcept OSError:\n    pass\n"
    submission(tmp_path, subs, "writer", with_answer("04-gd-step", writer + GOOD["04-gd-step"]))
    code, _, err = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *LIMITS)
    assert code == 0 and read_record(out, "writer")["total"] == 8, err
    if os.geteuid() == 0:
        assert "cannot confine kernels here as root" in err and "WITHOUT namespaces" in err
    sandbox_facts = read_record(out, "writer")["sandbox"]
    assert sandbox_facts["namespaces"] == [] and sandbox_facts["capabilities"] == 0
    from deepslow.grading import landlock

    if landlock.abi():
        assert sandbox_facts["file_isolation"] == "landlock" and not (out / "planted.txt").exists()
