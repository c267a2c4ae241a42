"""Run one submission in a fresh, confined kernel and report what its hidden tests recorded.

`python -m deepslow.grading.runner JOB.json RESULT.json` is started once per submission by
`deepslow grade`, so whatever happens here (a kernel that floods its output, a crash of nbclient)
can only affect this one submission. Nothing is judged here: the result holds the raw answers
the hidden tests sent (plain data), which the grader decodes and compares in its own process.

The notebook that runs is assembled from the source and the submission (`assemble`):
  1. the submission's cells in the student's order, with every locked cell (setup, check)
     replaced by the source's version, and locked cells the student deleted put back at their
     place in the source (before the first cell that follows them there);
  2. then the hidden tests of every exercise, in source order, after all of the student's cells.
The visible `check(...)` calls are feedback for the learner and are not run.

Time: each cell has a timeout. The student's cells share the notebook's time budget; the
hidden tests do not, so a slow or endless cell costs only what depends on it. A cell that
times out is interrupted; if the kernel does not come back (a loop that ignores SIGINT) or dies
(os._exit, out of memory), every process of the submission is killed and the notebook runs
again in a new kernel without that cell (and without any cell that hung before), as many times
as there are such cells: restarts spend the notebook's time budget, not a count of their own.
"""

import ast
import json
import math
import os
import subprocess
import sys
import threading
import time

from ..exercises.inline import ANSWERS_MIME
from . import sandbox
from .format import EXERCISE_ID, LOCKED_ROLES, ROLES, Assignment, checksum, mentions, read_notebook, visible_code
from .names import forbidden_uses

# Answers kept per hidden cell: the six lessons send at most 2 payloads of 140 kB per exercise;
# the limits leave room for many record_value(...) calls and an instructor's larger arrays, while
# bounding what a kernel can make the runner (outside the submission's cgroup) and the grader
# hold. Per cell, so that hoarding in one exercise costs no other exercise its answers.
MAX_PAYLOADS_PER_CELL = 50
MAX_PAYLOAD_BYTES = 8 * 2**20
MAX_CELL_ANSWER_BYTES = 16 * 2**20
# A larger ZMQ message from the kernel is refused unread. ZMQ then drops the connection, and what
# the kernel sends after it is lost: so high that only output no lesson makes (one print of
# 256 MB) gets there, while it still bounds the runner's memory.
MAX_MESSAGE_BYTES = 256 * 2**20
OVER_LIMIT = {"over_limit": True}  # stands for answers dropped for their number or size
RESTART_SECONDS = 15  # what a restart may add to the hard cap (a kernel starts in 1-3 s)
STARTUP_SECONDS = 60


class Cell:
    """One cell to run. kind: "student", "locked" (restored from the source), "hidden"."""

    def __init__(self, kind, source, exercise=None, label="", feedback_only=False):
        self.kind, self.source, self.exercise, self.label = kind, source, exercise, label
        self.feedback_only = feedback_only  # a visible check(...) call: not run when grading


def markup_of(cell):
    """(role, exercise) from a submission cell's metadata, or None for what is not well-formed:
    the metadata is the student's to edit, so any type can be there."""
    metadata = cell.get("metadata")
    markup = metadata.get("deepslow") if isinstance(metadata, dict) else None
    if not isinstance(markup, dict):
        return None, None
    role, exercise = markup.get("role"), markup.get("exercise")
    role = role if isinstance(role, str) and role in ROLES else None
    exercise = exercise if isinstance(exercise, str) and EXERCISE_ID.match(exercise) else None
    return role, exercise


def _cell_id(cell):
    value = cell.get("id")
    return value if isinstance(value, str) else None


def only_checks(code):
    """True when the code is nothing but `check(...)` calls (a locked check cell's visible part)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return bool(tree.body) and all(
        isinstance(s, ast.Expr)
        and isinstance(s.value, ast.Call)
        and isinstance(s.value.func, ast.Name)
        and s.value.func.id == "check"
        for s in tree.body
    )


def assemble(assignment, submission):
    """The cells to run (see the module docstring) and notes on what was restored."""
    locked = assignment.locked_cells
    source_index = {sc.id: sc.index for sc in assignment.cells}
    solution_of = {sc.id: sc.exercise for sc in assignment.cells if sc.role == "solution"}
    by_id = {sc.id: sc for sc in locked}
    by_markup = {}
    for sc in locked:
        by_markup.setdefault((sc.role, sc.exercise), []).append(sc)

    # 1. which submission cell stands for which locked cell (by id, else by its markup, in order)
    matched, used = {}, {}
    for number, cell in enumerate(submission.cells):
        if cell.get("cell_type") != "code":
            continue
        sc = by_id.get(_cell_id(cell))
        role, exercise = markup_of(cell)
        if sc is None and role in LOCKED_ROLES:
            candidates = [c for c in by_markup.get((role, exercise), []) if c.id not in used]
            sc = next((c for c in candidates if c.id not in used), None)
        if sc is not None and sc.id not in used:
            matched[number], used[sc.id] = sc, number
    missing = [sc for sc in locked if sc.id not in used]

    cells, notes, answered = [], [], set()

    def restore(sc, note):
        visible = visible_code(sc.cell.source)
        feedback_only = sc.role == "check" and only_checks(visible)
        cells.append(Cell("locked", visible, sc.exercise, sc.label(), feedback_only))
        if note:
            notes.append(f"{sc.label()} {note}")

    # 2. the student's order; a missing locked cell goes back before the first cell that came after it
    for number, cell in enumerate(submission.cells):
        position = source_index.get(_cell_id(cell))
        if number in matched:
            position = matched[number].index
        while missing and position is not None and missing[0].index < position:
            restore(missing.pop(0), "was missing and was restored from the source")
        if cell.get("cell_type") != "code":
            continue
        if number in matched:
            sc = matched[number]
            edited = checksum(visible_code(str(cell.get("source", "")))) != checksum(visible_code(sc.cell.source))
            restore(sc, "was edited and was restored from the source" if edited else None)
            continue
        role, exercise = markup_of(cell)
        if role in LOCKED_ROLES:
            notes.append(f"a copy of a locked cell ({exercise or role}) was ignored")
            continue
        exercise = solution_of.get(_cell_id(cell)) or (exercise if role == "solution" else None)
        label = f"cell {number + 1} of the notebook"
        if exercise:
            answered.add(exercise)
            label += f" (the answer to {exercise})"
        cells.append(Cell("student", str(cell.get("source", "")), exercise, label))
    for sc in missing:
        restore(sc, "was missing and was restored from the source")
    for sc in assignment.cells:
        if sc.role == "solution" and sc.exercise not in answered:
            notes.append(f"the answer cell of {sc.exercise} was not found (deleted, or its metadata was changed)")
    for exercise, code in assignment.hidden_tests():
        cells.append(Cell("hidden", code, exercise, f"hidden tests of {exercise}"))
    return cells, list(dict.fromkeys(notes))


def identify(assignment, submission):
    """None when `submission` is a version of `assignment`'s notebook; else why it is not gradable.

    A submission is recognised by its exercise cells: the source's solution and check cells, found
    by cell id (then it is this notebook, whatever was pasted into it), or by their exercise markup,
    or by the exercise ids its code mentions. One with none of them (an empty notebook, a notebook
    not made from the student version), or with more exercises of another assignment than of this
    one (another lesson's notebook), is not graded:
    its hidden tests would run against code written for something else, and score whatever happens
    to share a function name."""
    ours = {sc.exercise for sc in assignment.cells if sc.exercise and sc.role in ("solution", "check")}
    by_id = {sc.id: sc.exercise for sc in assignment.cells if sc.exercise and sc.role in ("solution", "check")}
    found, foreign, by_cell_id = set(), set(), False
    for cell in submission.cells:
        if _cell_id(cell) in by_id:
            found.add(by_id[_cell_id(cell)])
            by_cell_id = True
            continue
        role, exercise = markup_of(cell)
        if exercise and role in ("solution", "check"):
            (found if exercise in ours else foreign).add(exercise)
        elif cell.get("cell_type") == "code":  # ids and metadata lost (another editor): its check("...") calls
            found.update(ex for ex in ours if mentions(str(cell.get("source", "")), ex))
    if by_cell_id or (found and len(found) >= len(foreign)):  # a cell of this very notebook: it is this one
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


def hard_cap(job, cells):
    """Seconds after which the runner stops everything, whatever happens: the student's budget,
    one timeout per hidden test cell, and kernel start-ups."""
    hidden = sum(1 for c in cells if c.kind == "hidden")
    # The student's cells, and restarts after them, spend the notebook's budget; a hidden cell may
    # cost its timeout and one restart.
    return job["notebook_timeout"] + hidden * (job["cell_timeout"] + 10 + RESTART_SECONDS) + 4 * RESTART_SECONDS


class Execution:
    """Runs the assembled cells; collects answers, errors, timings and what went wrong."""

    def __init__(self, cells, job):
        self.cells, self.job = cells, job
        self.events = []  # what happened, for the feedback: timeouts, crashes, restarts
        self.sandbox = None  # how the kernel was confined, as checked from outside
        self.refused = None  # why no cell was run (the sandbox did not hold its promises)
        self.wall_hit = False
        self.out_of_memory = False
        self.hung = set()  # cells that timed out and were interrupted: not run again after a restart
        self.fatal = {}  # cell -> what happened: killed the kernel or ignored the interrupt
        self.completed = set()  # cells that ran to the end at least once
        self.budget_skipped = set()  # the student's cells not run because the notebook's budget ran out
        self.payloads, self.errors, self.seconds = {}, {}, {}
        self._box, self._launcher, self._kernel, self._lock = None, None, None, threading.Lock()

    def run(self):
        started = time.monotonic()
        self.student_deadline = started + self.job["notebook_timeout"]
        timer = threading.Timer(hard_cap(self.job, self.cells), self._wall_clock_cap)
        timer.daemon = True
        timer.start()
        try:
            # Each cell can end the kernel once (it is skipped afterwards), so len(cells) + 1 runs
            # always reach the end; time, not a count, bounds them (the budget and the hard cap).
            attempts = len(self.cells) + 1
            for attempt in range(attempts):
                self.payloads, self.errors, self.seconds = {}, {}, {}
                problem = self._attempt(final=attempt == attempts - 1)
                if problem is None or self.wall_hit or self.refused:
                    break
                index, what = problem
                self.fatal[index] = what
                self.events.append(f"{self.cells[index].label}: {what}; it was skipped")
        finally:
            timer.cancel()
            self._stop()

    def _wall_clock_cap(self):
        self.wall_hit = True
        self.events.append("the notebook ran past the grader's hard time limit and was stopped")
        self._stop()

    def _stop(self):
        with self._lock:
            if self._box is not None:
                self._box.stop(self._launcher)

    def _skipped(self, index, final):
        cell = self.cells[index]
        if cell.feedback_only or index in self.fatal or index in self.hung or index in self.budget_skipped:
            return True
        # the last attempt runs only the student's cells known to end
        return final and cell.kind != "hidden" and index not in self.completed

    def _timeout(self, cell):
        """Whole seconds (nbclient's unit): the cell timeout, and for the student's cells no more
        than what is left of the notebook's budget."""
        seconds = self.job["cell_timeout"]
        if cell.kind != "hidden":
            seconds = min(seconds, self.student_deadline - time.monotonic())
        return max(1, math.ceil(seconds))

    def _attempt(self, final):
        """Run the cells once in a fresh kernel. None if it got to the end, else (cell, problem)."""
        import nbformat
        from jupyter_core.utils import run_sync
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c.source) for c in self.cells])
        box = sandbox.KernelBox(self.job["sandbox"], self.job["limits"])
        with self._lock:
            self._box, self._launcher = box, None
        client = _Client(nb, km=None, allow_errors=True, startup_timeout=STARTUP_SECONDS, store_widget_state=False)
        client.shell_timeout_interval = 1
        client.max_output = self.job["max_output"]
        client.hidden = {i for i, c in enumerate(self.cells) if c.kind == "hidden"}
        try:
            if self.wall_hit or not run_sync(self._start)(client, box):
                return None
            for index, cell in enumerate(nb.cells):
                if self.wall_hit:
                    return None
                if self._skipped(index, final):
                    continue
                kind = self.cells[index].kind
                if kind != "hidden" and time.monotonic() >= self.student_deadline:
                    self._out_of_budget(index)
                    continue
                client.timeout = self._timeout(self.cells[index])
                client.last_reply = None
                started = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    if self.wall_hit:
                        return None
                    seconds = round(client.timeout)
                    if not run_sync(_interrupt)(client):
                        return index, f"did not finish within {seconds} s and ignored the interrupt"
                    box.kill_strays(self._kernel)
                    self.hung.add(index)
                    what = f"did not finish within {seconds} s and was interrupted"
                    self.events.append(f"{self.cells[index].label}: {what}")
                    if kind != "hidden" and time.monotonic() >= self.student_deadline:
                        self._out_of_budget(index)
                    continue
                except DeadKernelError:
                    if self.wall_hit:
                        return None
                    if box.oom_kills():
                        self.out_of_memory = True
                        limit = self.job["limits"]["memory_mb"]
                        return index, f"used more than the submission's memory limit of {limit} MB and was stopped"
                    return index, "ended the kernel (the kernel died: os._exit, exit(), a crash, or out of memory)"
                except Exception as exc:  # noqa: BLE001 - the kernel may send anything; it never stops the run
                    if self.wall_hit:
                        return None
                    return index, f"made the kernel send messages the grader could not read ({type(exc).__name__})"
                self.seconds[index] = round(time.monotonic() - started, 3)
                if _asked_to_exit(client.last_reply):  # exit() or quit(): the kernel ends a moment later
                    return index, "ended the kernel (it called exit() or quit())"
                self.completed.add(index)
                if index in client.hidden:
                    self._collect(index, cell, client)
            return None
        finally:
            try:
                if client.kc is not None:
                    client.kc.stop_channels()
                if client.km is not None:
                    run_sync(client.km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - the kernel may already be gone
                pass
            with self._lock:
                box.close(self._launcher)
                self._box = None

    def _out_of_budget(self, index):
        """The notebook's time budget is spent: the student's cells from here on are not run."""
        if not self.budget_skipped:
            self.events.append(
                f"the notebook used up its time budget of {self.job['notebook_timeout']} s at "
                f"{self.cells[index].label}: the notebook's remaining cells were not run (the hidden tests were)"
            )
        self.budget_skipped.update(
            i for i in range(index, len(self.cells)) if self.cells[i].kind != "hidden" and i not in self.hung
        )

    async def _start(self, client, box):
        """Start the kernel in its box, take its socket folder back, check it, connect. False if
        it could not start, or does not hold the sandbox's promises (then no cell runs)."""
        import zmq.asyncio
        from jupyter_client import AsyncKernelManager
        from jupyter_client.kernelspec import KernelSpec

        km = AsyncKernelManager(transport="ipc", ip=box.ipc_prefix, connection_file=box.connection_file)
        km._kernel_spec = KernelSpec(
            argv=box.kernel_argv(), display_name="deepslow grader", language="python", interrupt_mode="message"
        )
        client.km = km
        try:
            km.write_connection_file()
            box.share_connection_file()
            await km.start_kernel(cwd=box.root, env=box.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            process = km.provisioner.process
            with self._lock:
                self._launcher = process.pid
            if not box.wait_for_sockets(process, STARTUP_SECONDS):
                raise RuntimeError("the kernel did not start")
            problem = box.lock_sockets()
            if problem:
                raise RuntimeError(problem)
            self._kernel = box.kernel_pid(process.pid)
            facts, problems = box.verify(self._kernel)
            self.sandbox = facts
            if problems:
                self.refused = "the sandbox did not hold its promises: " + "; ".join(problems)
                return False
            context = zmq.asyncio.Context()
            context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
            client.kc = km.client(context=context)
            client.kc.session.unpack = _lenient(client.kc.session.unpack)
            client.kc.start_channels(stdin=False)  # and so allow_stdin=False: input() raises at once
            await client.kc.wait_for_ready(timeout=STARTUP_SECONDS)
        except Exception as exc:  # noqa: BLE001
            self.events.append(f"the kernel could not start ({type(exc).__name__})")
            return False
        return True

    def _collect(self, index, cell, client):
        exercise = self.cells[index].exercise
        self.payloads[exercise] = self.payloads.get(exercise, []) + client.payloads.get(index, [])
        for out in cell.outputs:
            if out.get("output_type") == "error" and exercise not in self.errors:
                ename, evalue = str(out.get("ename", ""))[:100], str(out.get("evalue", ""))[:300]
                self.errors[exercise] = {"ename": ename, "evalue": evalue}


async def _interrupt(client, wait=5.0):
    """Interrupt the kernel; True if it answers a trivial request within `wait` seconds."""
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
            if isinstance(reply.get("parent_header"), dict) and reply["parent_header"].get("msg_id") == msg_id:
                return True
    except Exception:  # noqa: BLE001
        return False
    return False


def _lenient(unpack):
    """A message part that is not JSON becomes {}: the message is then dropped as malformed."""

    def unpack_or_empty(data):
        try:
            return unpack(data)
        except ValueError:
            return {}

    return unpack_or_empty


def _asked_to_exit(reply):
    """True if an execute reply carries IPython's request to end the kernel (exit(), quit())."""
    content = reply.get("content") if isinstance(reply, dict) else None
    payload = content.get("payload") if isinstance(content, dict) else None
    return isinstance(payload, list) and any(isinstance(p, dict) and p.get("source") == "ask_exit" for p in payload)


def _well_formed(msg):
    """The parts of a kernel message nbclient relies on have the right types (the kernel is not trusted)."""
    return (
        isinstance(msg, dict)
        and isinstance(msg.get("msg_type"), str)
        and isinstance(msg.get("content"), dict)
        and isinstance(msg.get("parent_header"), dict)
        and (msg["msg_type"] != "status" or isinstance(msg["content"].get("execution_state"), str))
    )


def _make_client_class():
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionComplete
    from nbformat.v4 import new_output

    class Client(NotebookClient):
        """nbclient, with answers taken out of the hidden cells' output, output size capped, and
        malformed messages dropped."""

        def handle_comm_msg(self, outs, msg, cell_index):
            """Comm messages (widgets) are dropped unread: grading keeps no widget state, which
            nbclient would otherwise keep for every message, without a limit."""

        async def remember_reply(self, cell, cell_index, execute_reply):
            self.last_reply = execute_reply

        def process_message(self, msg, cell, cell_index):
            if not _well_formed(msg):
                return None
            try:
                return super().process_message(msg, cell, cell_index)
            except CellExecutionComplete:  # the kernel is idle again: how nbclient ends a cell
                raise
            except Exception:  # noqa: BLE001 - a message nbclient cannot use (wrong fields for its type) is dropped
                return None

        def output(self, outs, msg, display_id, cell_index):
            content = msg["content"]
            data = content.get("data")
            if isinstance(data, dict) and ANSWERS_MIME in data:
                if msg["msg_type"] == "display_data" and cell_index in self.hidden:
                    kept = self.payloads.setdefault(cell_index, [])  # answers count only from the grader's cells
                    payload = data[ANSWERS_MIME]
                    size = len(json.dumps(payload))
                    used = self.answer_bytes.get(cell_index, 0)
                    fits = size <= MAX_PAYLOAD_BYTES and used + size <= MAX_CELL_ANSWER_BYTES
                    if len(kept) < MAX_PAYLOADS_PER_CELL and fits:
                        kept.append(payload)
                        self.answer_bytes[cell_index] = used + size
                    elif OVER_LIMIT not in kept:
                        kept.append(OVER_LIMIT)  # kept once, so the grader sees that something was dropped
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

    Client.payloads, Client.used, Client.hidden, Client.last_reply, Client.answer_bytes = None, None, None, None, None
    return Client


class _LazyClient:
    """Build the nbclient subclass on first use (nbclient is imported only when grading)."""

    cls = None

    def __call__(self, *args, **kwargs):
        if _LazyClient.cls is None:
            _LazyClient.cls = _make_client_class()
        client = _LazyClient.cls(*args, **kwargs)
        client.payloads, client.used, client.last_reply, client.answer_bytes = {}, {}, None, {}
        client.on_cell_executed = client.remember_reply
        return client


_Client = _LazyClient()


def run_job(job):
    """Grade-run one submission as described by `job`; return plain data for the grader."""
    started = time.monotonic()
    sandbox.become_subreaper()
    assignment = Assignment(read_notebook(job["source"]), job["source"])
    try:
        submission = read_notebook(job["submission"], name=job.get("name"))
    except ValueError as exc:
        return {"status": "unreadable", "message": str(exc), "seconds": 0.0}
    problem = identify(assignment, submission)
    if problem is not None:
        return {"status": "wrong notebook", "message": problem, "seconds": 0.0}
    cells, notes = assemble(assignment, submission)
    execution = Execution(cells, job)
    execution.run()
    if execution.refused:
        return {"status": "error", "message": execution.refused, "sandbox": execution.sandbox}
    hidden_seconds, stopped, answer_stopped = {}, {}, {}
    for index, cell in enumerate(cells):
        if cell.kind == "hidden":
            hidden_seconds[cell.exercise] = hidden_seconds.get(cell.exercise, 0) + execution.seconds.get(index, 0)
            if index in execution.fatal or index in execution.hung:
                stopped[cell.exercise] = execution.fatal.get(index) or "did not finish and was interrupted"
        elif cell.kind == "student" and cell.exercise:
            if index in execution.fatal or index in execution.hung:
                answer_stopped[cell.exercise] = execution.fatal.get(index) or "did not finish and was interrupted"
            elif index in execution.budget_skipped:
                answer_stopped[cell.exercise] = "was not run: the notebook had used up its time budget"
    return {
        "status": "ran",
        "payloads": execution.payloads,
        "errors": execution.errors,
        "stopped": stopped,
        "answer_stopped": answer_stopped,
        "wall_clock_hit": execution.wall_hit,
        "out_of_memory": execution.out_of_memory,
        "sandbox": execution.sandbox,
        "notes": list(dict.fromkeys(notes + execution.events)),  # a cell re-run after a restart is noted once
        "seconds": round(time.monotonic() - started, 2),
        "exercise_seconds": hidden_seconds,
        "uses": forbidden_uses(cells, job.get("may_not_use") or {}),
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
