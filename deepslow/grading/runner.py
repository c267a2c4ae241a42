"""Run one submission in a fresh, confined kernel and report what its hidden tests recorded.

`python -m deepslow.grading.runner JOB.json RESULT.json` is started once per submission by
`deepslow grade`, so whatever happens here (a kernel that floods its output, a crash of nbclient)
can only affect this one submission. Nothing is judged here: the result holds the raw answers
the hidden tests sent (plain data), which the grader decodes and compares in its own process.

The notebook that runs is assembled from the source and the submission:
  1. the submission's cells in the student's order, with every locked cell (setup, check)
     replaced by the source's version, and locked cells the student deleted put back;
  2. then the hidden tests of every exercise, in source order, after all of the student's cells.
Each cell has a timeout. A cell that times out is interrupted (SIGINT); if the kernel does not
come back (a loop that ignores SIGINT) or dies (os._exit, out of memory), every process of the
submission is killed and the notebook is run again in a new kernel, skipping that cell. A hard
wall-clock cap ends the whole notebook.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from ..exercises.inline import ANSWERS_MIME
from . import sandbox
from .format import LOCKED_ROLES, Assignment, checksum, read_notebook, visible_code

MAX_PAYLOADS_PER_CELL = 50
MAX_PAYLOAD_BYTES = 8 * 2**20


class Cell:
    def __init__(self, kind, source, exercise=None, label=""):
        self.kind, self.source, self.exercise, self.label = kind, source, exercise, label


def assemble(assignment, submission):
    """The cells to run (see the module docstring) and notes on what was restored."""
    locked = assignment.locked_cells
    by_id = {sc.id: sc for sc in locked}
    by_markup = {}
    for sc in locked:
        by_markup.setdefault((sc.role, sc.exercise), []).append(sc)
    cells, notes, emitted, used_markup = [], [], set(), {}

    def emit(sc, restored_from=None):
        for earlier in locked:  # locked cells the student deleted go back before the next one
            if earlier.index < sc.index and earlier.id not in emitted:
                emitted.add(earlier.id)
                cells.append(Cell("locked", visible_code(earlier.cell.source), earlier.exercise, earlier.label()))
                notes.append(f"{earlier.label()} was missing and was restored from the source")
        emitted.add(sc.id)
        visible = visible_code(sc.cell.source)
        if restored_from is not None and checksum(visible_code(restored_from)) != checksum(visible):
            notes.append(f"{sc.label()} was edited and was restored from the source")
        cells.append(Cell("locked", visible, sc.exercise, sc.label()))

    answered = set()
    for number, cell in enumerate(submission.cells, start=1):
        if cell.cell_type != "code":
            continue
        markup = cell.get("metadata", {}).get("deepslow")
        markup = markup if isinstance(markup, dict) else {}
        sc = by_id.get(cell.get("id"))
        if sc is None and markup.get("role") in LOCKED_ROLES:
            key = (markup.get("role"), markup.get("exercise"))
            candidates = by_markup.get(key, [])
            position = used_markup.get(key, 0)
            used_markup[key] = position + 1
            sc = candidates[position] if position < len(candidates) else None
        if sc is not None:
            if sc.id in emitted:
                notes.append(f"a copy of {sc.label()} was ignored")
            else:
                emit(sc, restored_from=cell.source)
            continue
        label = f"cell {number} of the notebook"
        if markup.get("role") == "solution":
            answered.add(markup.get("exercise"))
            label += f" (the answer to {markup.get('exercise')})"
        cells.append(
            Cell("student", cell.source, markup.get("exercise") if markup.get("role") == "solution" else None, label)
        )
    for sc in locked:
        if sc.id not in emitted:
            emit(sc)
            notes.append(f"{sc.label()} was missing and was restored from the source")
    for sc in assignment.cells:
        if sc.role == "solution" and sc.exercise not in answered:
            notes.append(f"the answer cell of {sc.exercise} was not found (deleted, or its metadata was changed)")
    for exercise, code in assignment.hidden_tests():
        cells.append(Cell("hidden", code, exercise, f"hidden tests of {exercise}"))
    return cells, notes


def identify(assignment, submission):
    """None when `submission` is a version of `assignment`'s notebook; else why it is not gradable.

    A submission is recognised by its exercise cells: the source's solution and check cells, found
    by cell id or by their exercise markup. One with none of them (an empty notebook, a notebook
    not made from the student version), or with more exercises of another assignment than of this
    one (another lesson's notebook), is not graded: its hidden tests would run against code written
    for something else, and score whatever happens to share a function name."""
    ours = {sc.exercise for sc in assignment.cells if sc.exercise and sc.role in ("solution", "check")}
    by_id = {sc.id: sc.exercise for sc in assignment.cells if sc.exercise and sc.role in ("solution", "check")}
    found, foreign = set(), set()
    for cell in submission.cells:
        if cell.get("id") in by_id:
            found.add(by_id[cell.get("id")])
            continue
        markup = cell.get("metadata", {}).get("deepslow")
        exercise = markup.get("exercise") if isinstance(markup, dict) else None
        if isinstance(exercise, str) and markup.get("role") in ("solution", "check"):
            (found if exercise in ours else foreign).add(exercise[:64])
    if found and len(found) >= len(foreign):
        return None
    listed = _listing(ours)
    if foreign:
        theirs, this = _lesson(foreign), _lesson(ours)
        looks = "it is another assignment's notebook"
        if theirs and this and theirs != this:
            looks = f"this looks like lesson {theirs}, not {this}"
        return (
            f"{looks}: its exercises are {_listing(foreign)}; this assignment's are {listed}. "
            f"Was it graded with the wrong --source, or submitted for the wrong assignment?"
        )
    if not submission.cells:
        return "the notebook is empty: it has no cells"
    return (
        f"none of this assignment's exercise cells ({listed}) are in it. Is it the right notebook, made from "
        f"the student version of {os.path.basename(assignment.path)}?"
    )


def _lesson(exercises):
    """The lesson number shared by exercise ids such as '02-affine', or None."""
    numbers = {e.split("-", 1)[0] for e in exercises}
    return numbers.pop() if len(numbers) == 1 and next(iter(numbers)).isdigit() else None


def _listing(exercises, most=4):
    names = sorted(exercises)
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")


def kernel_env(workdir):
    """A small, predictable environment: no secrets of the grader's, one thread for BLAS."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        HOME=workdir,
        TMPDIR=workdir,
        USER="student",
        LOGNAME="student",
        IPYTHONDIR=os.path.join(workdir, ".ipython"),
        MPLCONFIGDIR=os.path.join(workdir, ".matplotlib"),
        MPLBACKEND="Agg",
        PYTHONNOUSERSITE="1",
        PYTHONDONTWRITEBYTECODE="1",
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    return env


class Execution:
    """Runs the assembled cells; collects answers, errors, timings and what went wrong."""

    def __init__(self, cells, job, workdir):
        self.cells, self.job, self.workdir = cells, job, workdir
        self.uid = job.get("uid")
        self.events = []  # what happened, for the feedback: timeouts, crashes, restarts
        self.sandbox = None  # how the kernel was confined, as its launcher reported it
        self.wall_hit = False
        self.stopped_cells = {}
        self._lock = threading.Lock()

    def run(self):
        timer = threading.Timer(self.job["notebook_timeout"], self._wall_clock_cap)
        timer.daemon = True
        timer.start()
        skip = set()
        try:
            for _ in range(4):  # at most three restarts, each skipping one more cell
                self.payloads, self.errors, self.seconds = {}, {}, {}
                problem = self._attempt(skip)
                if problem is None or self.wall_hit:
                    break
                index, what = problem
                self.stopped_cells[index] = what
                self.events.append(f"{self.cells[index].label or f'cell {index}'}: {what}; it was skipped")
                skip.add(index)
        finally:
            timer.cancel()
            self.stop()

    def _wall_clock_cap(self):
        self.wall_hit = True
        self.events.append(f"the notebook ran past its time limit of {self.job['notebook_timeout']} s and was stopped")
        self.stop()

    def stop(self):
        """End every process of the submission (see sandbox.py for how)."""
        with self._lock:
            if self.uid is not None:
                sandbox.kill_user(self.uid)
            sandbox.kill_tree(os.getpid())

    def _attempt(self, skip):
        """Run all cells once in a fresh kernel. None if it got to the end, else (cell, problem)."""
        import nbformat
        from jupyter_client import AsyncKernelManager
        from jupyter_client.kernelspec import KernelSpec
        from jupyter_core.utils import run_sync
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c.source) for c in self.cells])
        km = AsyncKernelManager(kernel_name="python3")
        limits = self.job["limits"]
        km._kernel_spec = KernelSpec(
            argv=sandbox.kernel_argv(
                limits["memory_mb"], limits["max_procs"], limits["file_mb"], self.uid, sandbox.python_paths()
            ),
            display_name="deepslow grader",
            language="python",
            interrupt_mode="signal",
        )
        client = _Client(nb, km=km, timeout=self.job["cell_timeout"], allow_errors=True, startup_timeout=60)
        client.shell_timeout_interval = 1
        client.max_output = self.job["max_output"]
        client.hidden = {i for i, c in enumerate(self.cells) if c.kind == "hidden"}
        try:
            if self.wall_hit:
                return None
            try:
                client.start_new_kernel(
                    cwd=self.workdir, env=kernel_env(self.workdir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
                client.start_new_kernel_client()
                self.sandbox = _read_json(os.path.join(self.workdir, ".deepslow-sandbox.json"))  # before any cell
            except Exception as exc:  # noqa: BLE001
                self.events.append(f"the kernel could not start: {type(exc).__name__}: {exc}")
                return None
            for index, cell in enumerate(nb.cells):
                if index in skip or self.wall_hit:
                    continue
                started = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    if self.wall_hit:
                        return None
                    if not run_sync(_interrupt)(client):
                        return index, f"did not finish within {self.job['cell_timeout']} s and ignored the interrupt"
                    what = f"did not finish within {self.job['cell_timeout']} s and was interrupted"
                    self.stopped_cells[index] = what
                    self.events.append(f"{self.cells[index].label or f'cell {index}'}: {what}")
                except DeadKernelError:
                    if self.wall_hit:
                        return None
                    return index, "the kernel died while running it (os._exit, a crash, or out of memory)"
                self.seconds[index] = round(time.monotonic() - started, 3)
                if index in client.hidden:
                    self._collect(index, cell, client)
            return None
        finally:
            try:
                if client.kc is not None:
                    client.kc.stop_channels()
                run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - the kernel may already be gone
                pass
            self.stop()

    def _collect(self, index, cell, client):
        exercise = self.cells[index].exercise
        self.payloads.setdefault(exercise, []).extend(client.payloads.get(index, []))
        for out in cell.outputs:
            if out.get("output_type") == "error":
                self.errors.setdefault(exercise, f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"[:300])


def _read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


async def _interrupt(client, wait=5.0):
    """Send SIGINT; True if the kernel answers a trivial request within `wait` seconds."""
    from queue import Empty

    try:
        await client.km.interrupt_kernel()
        msg_id = client.kc.execute("pass", silent=True, store_history=False)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                reply = await client.kc.get_shell_msg(timeout=max(0.05, deadline - time.monotonic()))
            except Empty:
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return True
    except Exception:  # noqa: BLE001
        return False
    return False


def _make_client_class():
    from nbclient import NotebookClient
    from nbformat.v4 import new_output

    class Client(NotebookClient):
        """nbclient, with answers taken out of the hidden cells' output and output size capped."""

        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            data = content.get("data") if isinstance(content, dict) else None
            if msg["msg_type"] == "display_data" and isinstance(data, dict) and ANSWERS_MIME in data:
                if cell_index in self.hidden:  # answers count only from the grader's own cells
                    kept = self.payloads.setdefault(cell_index, [])
                    payload = data[ANSWERS_MIME]
                    if len(kept) < MAX_PAYLOADS_PER_CELL and len(json.dumps(payload)) <= MAX_PAYLOAD_BYTES:
                        kept.append(payload)
                return None
            used = self.used.get(cell_index, 0)
            if used > self.max_output:
                return None
            size = len(json.dumps(content, default=str))
            self.used[cell_index] = used + size
            if used + size > self.max_output:
                note = f"[output truncated by the grader after {self.max_output} characters]"
                outs.append(new_output("stream", name="stderr", text=note))
                return None
            return super().output(outs, msg, display_id, cell_index)

    Client.payloads, Client.used = None, None
    return Client


class _LazyClient:
    """Build the nbclient subclass on first use (nbclient is imported only when grading)."""

    cls = None

    def __call__(self, *args, **kwargs):
        if _LazyClient.cls is None:
            _LazyClient.cls = _make_client_class()
        client = _LazyClient.cls(*args, **kwargs)
        client.payloads, client.used = {}, {}
        return client


_Client = _LazyClient()


def run_job(job):
    """Grade-run one submission as described by `job`; return plain data for the grader."""
    started = time.monotonic()
    sandbox.become_subreaper()
    assignment = Assignment(read_notebook(job["source"]), job["source"])
    try:
        submission = read_notebook(job["submission"])
    except ValueError as exc:
        return {"status": "unreadable", "message": str(exc), "seconds": 0.0}
    problem = identify(assignment, submission)
    if problem is not None:
        return {"status": "wrong notebook", "message": problem, "seconds": 0.0}
    cells, notes = assemble(assignment, submission)
    workdir = tempfile.mkdtemp(prefix="deepslow-grade-")
    try:
        shutil.copy(job["submission"], os.path.join(workdir, os.path.basename(job["submission"])))
        if job.get("uid") is not None:
            for path in (workdir, os.path.join(workdir, os.path.basename(job["submission"]))):
                os.chown(path, job["uid"], job["uid"])
        execution = Execution(cells, job, workdir)
        execution.run()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    hidden_seconds = {}
    for index, cell in enumerate(cells):
        if cell.kind == "hidden":
            hidden_seconds[cell.exercise] = hidden_seconds.get(cell.exercise, 0) + execution.seconds.get(index, 0)
    stopped = {cells[i].exercise: what for i, what in execution.stopped_cells.items() if cells[i].kind == "hidden"}
    answer_stopped = {
        cells[i].exercise: what
        for i, what in execution.stopped_cells.items()
        if cells[i].kind == "student" and cells[i].exercise
    }
    return {
        "status": "ran",
        "payloads": execution.payloads,
        "errors": execution.errors,
        "stopped": stopped,
        "answer_stopped": answer_stopped,
        "wall_clock_hit": execution.wall_hit,
        "sandbox": execution.sandbox,
        "notes": list(dict.fromkeys(notes + execution.events)),  # a cell re-run after a restart is noted once
        "seconds": round(time.monotonic() - started, 2),
        "exercise_seconds": hidden_seconds,
    }


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    with open(argv[0], encoding="utf-8") as f:
        job = json.load(f)
    try:
        result = run_job(job)
    except Exception as exc:  # noqa: BLE001 - report, never crash silently
        result = {"status": "error", "message": f"the grader failed on this submission: {type(exc).__name__}: {exc}"}
    with open(argv[1], "w", encoding="utf-8") as f:
        json.dump(result, f)
    sys.stdout.flush()
    os._exit(0)  # not a normal exit: waiting for the kernel client's threads to wind down costs seconds


if __name__ == "__main__":
    main()
