"""`deepslow grade`: grade many submissions against one source notebook.

1. The source notebook is run once, like a submission (its solutions are the answers): what
   its hidden tests record is the expected answer of every case. It must score full marks,
   or grading stops before touching any submission.
2. Each submission runs in its own process (runner.py) and its own kernel (sandbox.py), up to
   `jobs` at a time. A submission whose record on disk matches its current bytes and the
   current source is skipped, so an interrupted run resumes where it stopped (`force` regrades).
3. Verdicts are decided here, in the grader's process, from the plain data the hidden tests sent:
   decoded strictly, compared with NumPy here, never by calling anything the student defined.
4. Each student's JSON is written as soon as it is graded; gradebook.csv at the end. Both are
   written atomically, only by this process, which the submissions cannot write to.
"""

import hashlib
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from .. import __version__
from ..exercises.feedback import Feedback
from ..exercises.plain import PlainDataError, from_plain
from . import sandbox
from .format import Assignment, read_notebook
from .gradebook import read_records, read_student, write_gradebook, write_student

DEFAULTS = {
    "cell_timeout": 30,
    "notebook_timeout": 300,
    "memory_mb": 4096,  # TensorFlow alone (lesson 6) takes about 2 GB of address space
    "max_procs": 64,
    "file_mb": 64,
    "max_output": 20000,
}


class GradingError(Exception):
    """Grading cannot start (bad source notebook, bad arguments); nothing was graded."""


class SandboxLeakError(Exception):
    """Processes of a sandbox user survived killing; that uid must not be used again."""


class Summary:
    def __init__(self):
        self.graded, self.failed, self.skipped, self.records = [], [], [], []
        self.stale = []  # students whose result in OUT was graded against another version of the source

    @property
    def exit_code(self):
        return 1 if self.failed else 0

    def line(self, out):
        total = len(self.graded) + len(self.failed) + len(self.skipped)
        text = (
            f"deepslow grade: {total} submission(s): {len(self.graded)} graded, {len(self.failed)} could not be "
            f"graded{_some(sorted(self.failed))}, {len(self.skipped)} skipped (already graded; --force regrades them). "
            f"Gradebook: {Path(out) / 'gradebook.csv'}"
        )
        if self.stale:
            text += (
                f"\n{len(self.stale)} earlier result(s) graded against another version of the source are left out "
                f"of the gradebook{_some(self.stale)}: their JSON files are kept; grade those submissions again "
                f"to include them."
            )
        return text


def _some(names):
    return f" ({', '.join(names[:5])}{', ...' if len(names) > 5 else ''})" if names else ""


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def student_ids(paths, source):
    """Student id per submission: the file's stem, or its folder when every file has one name
    (e.g. submitted/alice/lesson04.ipynb). Only [A-Za-z0-9._@-]: the id names files and CSV rows."""
    stems = [p.stem for p in paths]
    use_folder = len(set(stems)) < len(stems) or (len(paths) > 1 and all(s == Path(source).stem for s in stems))
    ids = {}
    for path in paths:
        raw = path.parent.name if use_folder else path.stem
        clean = re.sub(r"[^A-Za-z0-9._@-]", "_", raw).lstrip(".-@") or "student"
        if clean in ids:
            raise GradingError(f"two submissions map to the student id {clean!r}: {ids[clean]} and {path}")
        ids[clean] = path
    return ids


def collect_submissions(items):
    """Notebook files named on the command line, or found in the named folders (one level deep)."""
    found = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found += sorted(p for p in path.glob("*.ipynb") if not p.name.startswith("."))
            found += sorted(p for p in path.glob("*/*.ipynb") if not p.name.startswith("."))
        elif path.exists():
            found.append(path)
        else:
            raise GradingError(f"submission {item} does not exist")
    if not found:
        raise GradingError("no submissions (.ipynb files) found in " + ", ".join(map(str, items)))
    return found


def sandbox_users(jobs, uid_base, same_user=False):
    """One unprivileged uid per parallel job when running as root (see sandbox.py), else Nones."""
    if os.geteuid() == 0 and not same_user:
        uids = sandbox.free_uids(uid_base, jobs)
        if len(uids) < jobs:
            raise GradingError(f"could not find {jobs} unused uids from {uid_base} up (use --uid-base)")
        if sandbox.can_run_as(uids[0]):
            return uids
        print("deepslow grade: cannot start kernels as another user here; using --same-user", file=sys.stderr)
    if os.geteuid() != 0:
        print(
            "deepslow grade: not running as root, so submissions run as your own user. They are limited in "
            "time, memory and processes, and Landlock (Linux >= 5.13) keeps them out of your files, but a "
            "process they leave behind is found only through the process tree. For untrusted work, grade as "
            "root (e.g. in a container): each submission then runs as its own unprivileged user.",
            file=sys.stderr,
        )
    return [None] * jobs


def run_submission(source, submission, settings, uid, timeout_margin=60):
    """Run runner.py for one submission in a child process; its result dict."""
    job = {
        "source": str(source),
        "submission": str(submission),
        "uid": uid,
        "cell_timeout": settings["cell_timeout"],
        "notebook_timeout": settings["notebook_timeout"],
        "max_output": settings["max_output"],
        "limits": {k: settings[k] for k in ("memory_mb", "max_procs", "file_mb")},
    }
    with tempfile.TemporaryDirectory(prefix="deepslow-job-") as private:  # 0700: the sandbox user cannot look in
        job_file, result_file = Path(private) / "job.json", Path(private) / "result.json"
        job_file.write_text(json.dumps(job))
        try:
            done = subprocess.run(
                [sys.executable, "-m", "deepslow.grading.runner", str(job_file), str(result_file)],
                capture_output=True,
                text=True,
                timeout=settings["notebook_timeout"] + timeout_margin,
                start_new_session=True,
            )
        except subprocess.TimeoutExpired:
            return {"status": "error", "message": "the grader's runner did not finish in time"}
        finally:
            if uid is not None and not sandbox.kill_user(uid):
                raise SandboxLeakError(uid)
            sandbox.reap_children(uid)
        try:
            return json.loads(result_file.read_text())
        except (OSError, ValueError):
            tail = (done.stderr or "").strip().splitlines()[-3:]
            return {"status": "error", "message": "the grader's runner failed: " + " | ".join(tail)}


def expected_answers(assignment, result):
    """What each exercise is judged against, from the reference run: {exercise: Feedback} holding the
    answers the source's hidden tests recorded and the definition they sent along (tolerances,
    named mistakes' fingerprints; exercises/feedback.py). GradingError if the run is not perfect."""
    if result.get("status") != "ran":
        raise GradingError(f"the source notebook could not be run: {result.get('message')}")
    problems, expected = [], {}
    for exercise in assignment.points:
        answers, problem = merge_answers(exercise, result["payloads"].get(exercise, []))
        if problem or not answers:
            error = result["errors"].get(exercise) or problem or "its hidden tests recorded nothing (call record(...))"
            problems.append(f"{exercise}: {error}")
            continue
        broken = [label for label, value in answers.items() if value["kind"] == "error"]
        if broken:
            error = answers[broken[0]]
            problems.append(
                f"{exercise}: the solution raised {error['type']} on case {broken[0]!r}: {error['message']}"
            )
        expected[exercise] = Feedback.from_reference_run(exercise, answers, result["payloads"].get(exercise, []))
    if problems:
        notes = "; ".join(result.get("notes", [])[:3])
        raise GradingError(
            "the source notebook does not pass its own hidden tests, so nothing was graded:\n  - "
            + "\n  - ".join(problems)
            + (f"\n  ({notes})" if notes else "")
        )
    return expected


def merge_answers(exercise, payloads):
    """Decode the payloads one exercise's hidden tests sent: ({case: decoded}, problem or None)."""
    merged = {}
    for payload in payloads:
        if type(payload) is not dict or payload.get("exercise") != exercise or type(payload.get("answers")) is not dict:
            continue  # not from this exercise's hidden tests: ignored
        for label, value in payload["answers"].items():
            if label in merged:
                return {}, "the same answer was reported twice (the recording was tampered with)"
            try:
                merged[str(label)] = from_plain(value)
            except PlainDataError as exc:
                return {}, f"the answers sent back were malformed ({exc})"
    return merged, None


def verdicts(assignment, expected, result, hidden_lines):
    """{exercise: {status, points, max_points, message, seconds}} for one submission's run."""
    out = {}
    for exercise, points in assignment.points.items():
        seconds = result.get("exercise_seconds", {}).get(exercise, 0.0)
        status, message = _verdict(exercise, expected[exercise], result)
        out[exercise] = {
            "status": status,
            "points": points if status == "passed" else 0,
            "max_points": points,
            "message": scrub(message, hidden_lines),
            "seconds": seconds,
        }
    return out


def _verdict(exercise, expected, result):
    if exercise in result.get("stopped", {}):
        return "timeout", f"the hidden tests were stopped: {result['stopped'][exercise]}"
    payloads = result.get("payloads", {}).get(exercise, [])
    if not payloads:
        if result.get("wall_clock_hit"):
            return "timeout", "the notebook reached its time limit before these hidden tests ran"
        error = result.get("errors", {}).get(exercise)
        if exercise in result.get("answer_stopped", {}):
            what = result["answer_stopped"][exercise]
            status = "timeout" if "did not finish" in what else "error"
            return status, f"the answer cell {what}, so its hidden tests failed ({error})"
        if error:
            return "error", f"the hidden tests could not run: {error} (was a function renamed or a cell deleted?)"
        return "error", "no answers were recorded (did the notebook replace display() or stop its output?)"
    got, problem = merge_answers(exercise, payloads)
    if problem:
        return "failed", problem
    outcome = expected.judge(got)  # the source notebook's definition, judged here in the grader's process
    return outcome.status, outcome.message()


def scrub(message, hidden_lines):
    """Feedback never shows hidden-test code, even if a student's error message quotes it."""
    for line in hidden_lines:
        message = message.replace(line, "[hidden test code]")
    return message


def grade(source, submissions, out, jobs=1, force=False, uid_base=61000, same_user=False, progress=True, **settings):
    """Grade `submissions` against `source`, writing into `out`. Returns a Summary."""
    settings = {**DEFAULTS, **settings}
    source = Path(source)
    try:
        assignment = Assignment(read_notebook(source), source)
    except ValueError as exc:
        raise GradingError(str(exc)) from None
    if not assignment.points:
        raise GradingError(f"{source} has no graded exercise (a check cell with points and hidden tests)")
    ids = student_ids(collect_submissions(submissions), source)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.resolve() == p.resolve().parent for p in ids.values()):
        raise GradingError(f"--out {out} must not be the folder holding the submissions")
    source_sha = sha256_file(source)
    check_out_folder(out, source, source_sha, assignment, force)
    uids = sandbox_users(max(1, jobs), uid_base, same_user)
    sandbox.become_subreaper()  # a sandbox process that escapes its runner is re-parented to us, and reaped
    expected = _reference(source, assignment, source_sha, out, settings, uids[0])
    hidden_lines = assignment.hidden_lines()
    summary = Summary()
    todo = {}
    for student, path in ids.items():
        previous = None if force else read_student(out, student)
        if (
            previous
            and previous.get("source_sha256") == source_sha
            and previous.get("submission_sha256") == sha256_file(path)
            and previous.get("status") in ("graded", "not gradable")
        ):
            summary.skipped.append(student)
            summary.records.append(previous)
        else:
            todo[student] = path
    free = queue.Queue()
    for uid in uids:
        free.put(uid)

    def one(student, path):
        uid = free.get()
        try:
            return _grade_one(student, path, source, source_sha, assignment, expected, hidden_lines, settings, uid)
        except SandboxLeakError:  # this submission's processes would not die: grade it as failed, retire the uid
            uid = sandbox.free_uids(uid + 1, 1)[0]
            return _grade_one(
                student, path, source, source_sha, assignment, expected, hidden_lines, settings, None, leak=True
            )
        finally:
            free.put(uid)

    bar = _progress(len(todo), progress)
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {pool.submit(one, s, p): s for s, p in todo.items()}
            for future in as_completed(futures):
                record = future.result()
                write_student(out, record)
                summary.records.append(record)
                (summary.graded if record["status"] == "graded" else summary.failed).append(record["student"])
                bar.update(1)
    finally:
        bar.close()
        records = read_records(out)  # this run's, and those of earlier runs against the same source
        summary.stale = sorted(student for student, r in records.items() if r["source_sha256"] != source_sha)
        current = [r for r in records.values() if r["source_sha256"] == source_sha]
        write_gradebook(out, current, list(assignment.points))
    return summary


def check_out_folder(out, source, source_sha, assignment, force):
    """Refuse (GradingError) an OUT folder holding results graded against another source.

    A folder holds one assignment's results: gradebook.csv has one column per exercise of one
    source notebook. Results of another assignment (no exercise in common) are never replaced:
    grade into another folder. Results of another version of the same assignment (the source
    was edited) are replaced only with --force, which regrades every submission against the new
    version. Once a run has started against this version, later runs resume it without --force."""
    records = read_records(out)
    others = [r for r in records.values() if r["source_sha256"] != source_sha]
    if not others:
        return
    reference = _read_reference(out)
    bound = reference.get("source_sha256")
    if bound == source_sha or (bound is None and len(others) < len(records)):
        return  # this folder already moved to this version (a --force regrade, maybe interrupted)
    theirs = set(reference.get("exercises") or [])
    for record in others:
        theirs.update(record["exercises"])
    their_source = reference.get("source") or others[0].get("source") or "another notebook"
    students = f"{len(others)} student(s){_some(sorted(r['student'] for r in others))}"
    if theirs and not theirs & set(assignment.points):
        ids = ", ".join(sorted(theirs)[:4]) + (", ..." if len(theirs) > 4 else "")
        raise GradingError(
            f"{out} holds the results of another assignment: {students} graded against {their_source} "
            f"({ids}), which has no exercise in common with {source}. Grading into it would replace "
            f"gradebook.csv with another assignment's. Use one folder per assignment, e.g. "
            f"--out {_beside(out, source)}. Nothing was changed."
        )
    if not force:
        raise GradingError(
            f"{out} holds the results of {students} graded against another version of the source "
            f"({their_source}, sha256 {str(bound or others[0]['source_sha256'])[:12]}...; {source} is now "
            f"{source_sha[:12]}...). To regrade them against this version, run again with --force (their "
            f"results are replaced as they are regraded); to keep both, use another --out. Nothing was changed."
        )


def _beside(out, source):
    """A folder next to `out` for another assignment's results: grades -> grades-02-perceptrons."""
    out = out if out.name else out.resolve()
    return out.with_name(f"{out.name}-{source.stem}")


def _read_reference(out):
    try:
        data = json.loads((Path(out) / ".reference.json").read_text())
    except (OSError, ValueError):
        return {}
    return data if type(data) is dict else {}


def _reference(source, assignment, source_sha, out, settings, uid):
    """Expected answers from running the source; cached in `out` per source checksum."""
    cache = out / ".reference.json"
    try:
        cached = json.loads(cache.read_text())
        if cached.get("source_sha256") == source_sha and cached.get("deepslow") == __version__:
            return expected_answers(assignment, cached["result"])
    except (OSError, ValueError, KeyError):
        pass
    result = run_submission(source, source, settings, uid)
    expected = expected_answers(assignment, result)
    from .gradebook import write_atomic

    write_atomic(
        cache,
        json.dumps(
            {
                "source_sha256": source_sha,
                "source": str(source),
                "exercises": list(assignment.points),
                "deepslow": __version__,
                "result": result,
            }
        ),
    )
    return expected


def _grade_one(student, path, source, source_sha, assignment, expected, hidden_lines, settings, uid, leak=False):
    started = time.monotonic()
    record = {
        "student": student,
        "submission": str(path),
        "submission_sha256": sha256_file(path),
        "source": str(source),
        "source_sha256": source_sha,
        "max_total": sum(assignment.points.values()),
        "total": 0,
        "exercises": {},
        "notes": [],
        "deepslow": __version__,
    }
    try:
        if leak:
            result = {"status": "error", "message": "its processes could not be stopped (a fork bomb?)"}
        else:
            result = run_submission(source, path, settings, uid)
    except SandboxLeakError:
        raise
    except Exception as exc:  # noqa: BLE001 - one submission never stops the others
        result = {"status": "error", "message": f"{type(exc).__name__}: {exc}"}
    if result.get("status") == "ran":
        record["exercises"] = verdicts(assignment, expected, result, hidden_lines)
        record["total"] = sum(v["points"] for v in record["exercises"].values())
        record["status"] = "graded"
        record["message"] = f"{_number(record['total'])} of {_number(record['max_total'])} points"
        record["notes"] = [scrub(n, hidden_lines) for n in result.get("notes", [])]
        record["sandbox"] = _sandbox_summary(result.get("sandbox"))
    else:
        record["status"] = (
            "not gradable" if result.get("status") in ("unreadable", "wrong notebook") else "grader error"
        )
        record["message"] = scrub(str(result.get("message")), hidden_lines)
        record["exercises"] = {
            ex: {"status": "not graded", "points": 0, "max_points": pts, "message": record["message"], "seconds": 0.0}
            for ex, pts in assignment.points.items()
        }
    record["seconds"] = round(time.monotonic() - started, 2)
    return record


def _sandbox_summary(status):
    """How the kernel was confined (from its launcher, read before any student code ran)."""
    if type(status) is not dict:
        return {"confined": False}
    return {
        "user": status.get("uid") if type(status.get("uid")) is int else None,
        "file_isolation": "landlock" if type(status.get("landlock")) is int else "none (Landlock unavailable)",
        "memory_mb": status.get("memory_mb"),
        "max_procs": status.get("max_procs"),
    }


def _number(x):
    return int(x) if float(x).is_integer() else round(x, 2)


def _progress(total, enabled):
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="notebook", disable=not enabled or total == 0, file=sys.stderr)
