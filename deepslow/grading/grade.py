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
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from .. import __version__
from ..exercises.core import LIBRARY_ANSWER, uses_the_library
from ..exercises.feedback import Feedback
from ..exercises.plain import PlainDataError, from_plain
from . import cgroups, runner, sandbox, submissions
from .feedback import Composer, public_names
from .format import Assignment, read_notebook
from .gradebook import read_records, read_student, write_gradebook, write_student
from .submissions import NotGradableError, read_bytes, student_ids

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
        self.current = []  # the records in gradebook.csv (this run's and earlier runs' against this source)

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


def fingerprint(path, base=None):
    """sha256 of a submission as the grader reads it (regular files only, size-capped); for an
    entry that cannot be read, of the reason, so that a rerun skips it unless it changed."""
    try:
        return hashlib.sha256(read_bytes(path, base=base)).hexdigest()
    except NotGradableError as exc:
        return hashlib.sha256(f"not gradable: {exc}".encode()).hexdigest()


def collect_submissions(items):
    """{path: folder it was found in} for every .ipynb entry named on the command line or found in
    the named folders (see submissions.collect)."""
    try:
        found = submissions.collect(items)
    except FileNotFoundError as exc:
        raise GradingError(f"submission {exc.args[0]} does not exist") from None
    if not found:
        raise GradingError("no submissions (.ipynb files) found in " + ", ".join(map(str, items)))
    return found


ISOLATED = (
    "each submission runs as its own unprivileged user with no capabilities, in its own network, mount, "
    "pid and ipc namespaces, sees only Python and its packages (read-only) and its own private /tmp, "
    "/dev/shm and working folder, with one memory and one process limit for the whole submission (cgroup)"
)
NOT_ROOT = (
    "deepslow grade: not running as root, so submissions run as your own user, with no cgroup. {what} "
    "Memory is limited per process (a submission can start up to --max-procs of them) and the process "
    "limit counts all of your user's processes. For untrusted work, grade as root, e.g. in the container "
    "recipe of docs/grading.md: then {isolated}."
)


def sandbox_plans(jobs, uid_base, same_user, limits, secrets):
    """One sandbox plan per parallel job (sandbox.make_plan), checked on this machine by starting
    Python through it once. As root, each job gets its own uid. Says on stderr what is not
    isolated when the full sandbox is not available."""
    root = os.geteuid() == 0
    if root and not same_user:
        uids = sandbox.free_uids(uid_base, jobs)
        if len(uids) < jobs:
            raise GradingError(f"could not find {jobs} unused uids from {uid_base} up (use --uid-base)")
        plans = [sandbox.make_plan(uid, secrets) for uid in uids]
        problem = sandbox.probe(plans[0], limits)
        if problem is None and plans[0]["bwrap"]:
            return plans
        why = problem or "bubblewrap (bwrap) is not installed (apt-get install bubblewrap)"
        print(
            f"deepslow grade: cannot confine kernels here as root ({why}), so this run falls back to "
            f"--same-user. Fix the cause, or grade in the container recipe of docs/grading.md.",
            file=sys.stderr,
        )
        same_user = True
    plans = [sandbox.make_plan(None, secrets) for _ in range(jobs)]
    problem = sandbox.probe(plans[0], limits) if plans[0]["bwrap"] else "no bwrap"
    if problem is not None:  # bwrap cannot make namespaces here (e.g. user namespaces are disabled)
        plans = [{**plan, "bwrap": None} for plan in plans]
    if not root:
        what = (
            "bubblewrap gives each kernel its own network, mount and pid namespaces, so it sees only Python, its "
            "packages and its own private folders."
            if plans[0]["bwrap"]
            else "Without user namespaces for bubblewrap, kernels share the network and /dev/shm with each other "
            "and with you, and their files are confined "
            + ("by Landlock only." if plans[0]["landlock"] else "NOT AT ALL (this Linux has no Landlock).")
        )
        print(NOT_ROOT.format(what=what, isolated=ISOLATED), file=sys.stderr)
    elif same_user:
        where = (
            "in their own network, mount and pid namespaces (so not reaching each other), "
            if plans[0]["bwrap"]
            else "WITHOUT namespaces (so sharing the network and /dev/shm with each other, their files "
            + ("confined by Landlock only), " if plans[0]["landlock"] else "NOT confined), ")
        )
        print(
            f"deepslow grade: --same-user as root: kernels run as root without capabilities, {where}with one "
            f"memory and process limit per submission, but with root's access to the files they can see.",
            file=sys.stderr,
        )
    return plans


def runner_seconds(settings, hidden_count, margin=60):
    """How long a runner may take before it is stopped from outside (its own hard cap, plus a margin)."""
    job = {"notebook_timeout": settings["notebook_timeout"], "cell_timeout": settings["cell_timeout"]}
    return runner.hard_cap(job, [runner.Cell("hidden", "")] * hidden_count) + margin


def run_submission(source, data, name, settings, plan, seconds, may_not_use=None):
    """Run runner.py for one submission (its bytes `data`) in a child process; its result dict.

    The runner gets a private copy of exactly the bytes that were hashed, in a folder only root
    can read, so the student can neither change what is graded nor see the job."""
    uid = plan.get("uid")
    job = {
        "source": str(source),
        "name": name,
        "sandbox": plan,
        "cell_timeout": settings["cell_timeout"],
        "notebook_timeout": settings["notebook_timeout"],
        "max_output": settings["max_output"],
        "limits": {k: settings[k] for k in ("memory_mb", "max_procs", "file_mb")},
        "may_not_use": may_not_use or {},  # {exercise: names its answer must not use}: names.py
    }
    with tempfile.TemporaryDirectory(prefix="deepslow-job-") as private:  # 0700
        job["submission"] = str(Path(private) / "submission.ipynb")
        Path(job["submission"]).write_bytes(data)
        job_file, result_file = Path(private) / "job.json", Path(private) / "result.json"
        job_file.write_text(json.dumps(job))
        try:
            done = subprocess.run(
                [sys.executable, "-m", "deepslow.grading.runner", str(job_file), str(result_file)],
                capture_output=True,
                text=True,
                timeout=seconds,
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


class Reference:
    """What the source notebook's own run says: {exercise: Feedback} to judge answers against,
    how its hidden tests send them {exercise: [sorted labels of each payload]}, and which cases
    are public {exercise: {label}} (the learner's own check runs them; the others are hidden)."""

    def __init__(self, expected, shapes, public):
        self.expected, self.shapes, self.public = expected, shapes, public


def expected_answers(assignment, result):
    """The reference run's Reference: each exercise's Feedback (the answers the source's hidden
    tests recorded, with the definition they sent along: tolerances, the named mistakes'
    fingerprints; exercises/feedback.py), its public cases, and the shape of its payloads.
    GradingError if the source does not pass its own tests."""
    if result.get("status") != "ran":
        raise GradingError(f"the source notebook could not be run: {result.get('message')}")
    problems, expected, shapes, public = [], {}, {}, {}
    for exercise in assignment.points:
        payloads = result["payloads"].get(exercise, [])
        answers, problem = merge_answers(exercise, payloads)
        if problem or not answers:
            error = result["errors"].get(exercise)
            if isinstance(error, dict):
                error = f"{error.get('ename')}: {error.get('evalue')}"
            problems.append(f"{exercise}: {error or problem or 'its hidden tests recorded nothing (call record(...))'}")
            continue
        broken = [label for label, value in answers.items() if value["kind"] == "error"]
        if broken:
            error = answers[broken[0]]
            problems.append(
                f"{exercise}: the solution raised {error['type']} on case {broken[0]!r}: {error['message']}"
            )
        expected[exercise] = Feedback.from_reference_run(exercise, answers, payloads)
        shapes[exercise] = [sorted(p["answers"]) for p in payloads]
        public[exercise] = {label for p in payloads for label in p.get("public_cases", ())} & set(answers)
    if problems:
        notes = "; ".join(result.get("notes", [])[:3])
        raise GradingError(
            "the source notebook does not pass its own hidden tests, so nothing was graded:\n  - "
            + "\n  - ".join(problems)
            + (f"\n  ({notes})" if notes else "")
        )
    return Reference(expected, shapes, public)


TAMPERED = "the answers sent back do not match what the hidden tests send (the recording was tampered with)"


PAYLOAD_KEYS = {"exercise", "answers", "definition", "public_cases"}  # (the last two: read from the source's run only)


def merge_answers(exercise, payloads, shape=None, partial=False):
    """Decode the payloads one exercise's hidden tests sent: ({case: decoded}, problem or None).

    With `shape` (the reference run's labels per payload), the payloads must be exactly those:
    one more (something in the notebook sent answers of its own, e.g. from a thread or a patched
    display hook) or other labels is tampering. Fewer is accepted only when `partial` (the hidden
    tests stopped on an error half way)."""
    if type(payloads) is not list:
        return {}, TAMPERED
    if shape is not None and (len(payloads) > len(shape) or (len(payloads) < len(shape) and not partial)):
        return {}, TAMPERED
    merged = {}
    for i, payload in enumerate(payloads):
        if (
            type(payload) is not dict
            or not {"exercise", "answers"} <= set(payload) <= PAYLOAD_KEYS
            or payload["exercise"] != exercise
            or type(payload["answers"]) is not dict
        ):
            return {}, TAMPERED
        if shape is not None and sorted(payload["answers"]) != shape[i]:
            return {}, TAMPERED
        for label, value in payload["answers"].items():
            if type(label) is not str or label in merged:
                return {}, "the same answer was reported twice (the recording was tampered with)"
            try:
                merged[label] = from_plain(value)
            except PlainDataError:
                return {}, "the answers sent back were malformed (the recording was tampered with)"
    return merged, None


def verdicts(assignment, reference, result, composer, hidden_lines=()):
    """{exercise: {status, points, max_points, message, seconds}} for one submission's run."""
    out = {}
    for exercise, points in assignment.points.items():
        seconds = result.get("exercise_seconds", {}).get(exercise, 0.0)
        status, message = _verdict(exercise, reference, result, composer)
        out[exercise] = {
            "status": status,
            "points": points if status == "passed" else 0,
            "max_points": points,
            "message": scrub(message, hidden_lines),
            "seconds": round(float(seconds), 1) if type(seconds) in (int, float) else 0.0,
        }
    return out


def _verdict(exercise, reference, result, composer):
    error = result.get("errors", {}).get(exercise)
    error_text = composer.exception(error.get("ename"), error.get("evalue")) if isinstance(error, dict) else None
    if exercise in result.get("stopped", {}):
        what = _stopped(result["stopped"][exercise])
        return ("timeout" if "did not finish" in what else "error"), f"the cell of the hidden tests {what}"
    payloads = result.get("payloads", {}).get(exercise, [])
    if not payloads:
        if exercise in result.get("answer_stopped", {}):
            what = result["answer_stopped"][exercise]
            status = "timeout" if "did not finish" in what or "time budget" in what else "error"
            because = f" ({error_text})" if error_text else ""
            return status, f"the answer cell {_stopped(what)}, so its hidden tests failed{because}"
        if result.get("wall_clock_hit"):
            return "timeout", "the notebook reached its time limit before these hidden tests ran"
        if error_text:
            return "error", f"the hidden tests could not run: {error_text} (was a function renamed or a cell deleted?)"
        return "error", "no answers were recorded (did the notebook replace display() or stop its output?)"
    got, problem = merge_answers(exercise, payloads, reference.shapes.get(exercise), partial=error is not None)
    if problem:
        return "failed", problem
    uses = result.get("uses", {}).get(exercise) if type(result.get("uses")) is dict else None
    if uses:  # (the runner read them in the submitted code; the kernel had no say)
        return "failed", f"{uses_the_library(uses)}\nLikely mistake: {LIBRARY_ANSWER}"
    feedback = reference.expected[exercise]  # the source notebook's definition, judged here in the grader's process
    status, message = composer.verdict(feedback, got, reference.public.get(exercise, set()))
    if status == "failed" and error_text and any(label not in got for label in feedback.expected):
        message = f"the hidden tests stopped with {error_text} before every case was recorded"
    return status, message


def _stopped(what):
    """The runner's description of a stopped cell (composed by the runner, never the student's text)."""
    return str(what)[:200]


def scrub(message, hidden_lines):
    """Feedback never shows hidden-test code (a last guard: messages are composed by the grader)."""
    for line in hidden_lines:
        message = message.replace(line, "[hidden test code]")
    return message


def grade(source, submissions, out, jobs=1, force=False, uid_base=61000, same_user=False, progress=True, **settings):
    """Grade `submissions` (notebooks, or folders holding them) against `source`, writing into `out`.
    Returns a Summary. (A folder of source notebooks grades a whole course: course.py.)"""
    source = Path(source)
    assignment = read_assignment(source)
    bases, folders = gather_submissions(submissions, out)
    options = dict(jobs=jobs, force=force, uid_base=uid_base, same_user=same_user, progress=progress)
    return grade_students(source, assignment, student_ids(bases), bases, out, folders, **options, **settings)


def gather_submissions(items, out):
    """({submission: folder it was found in}, every folder holding submissions), after checking
    that OUT is not one of those folders (check_out_apart)."""
    bases = collect_submissions(items)
    folders = {p.parent.resolve() for p in bases} | {Path(item).resolve() for item in items if Path(item).is_dir()}
    check_out_apart(out, folders)
    return bases, folders


def read_assignment(source):
    """The parsed source notebook; GradingError if it cannot be read or grades nothing."""
    try:
        assignment = Assignment(read_notebook(source), source)
    except ValueError as exc:
        raise GradingError(str(exc)) from None
    if not assignment.points:
        raise GradingError(f"{source} has no graded exercise (a check cell with points and hidden tests)")
    return assignment


def check_out_apart(out, folders):
    """Refuse an OUT folder that is (or is inside) a folder holding submissions."""
    target = Path(out).resolve()
    if any(target == f or f in target.parents for f in folders):
        raise GradingError(
            f"--out {out} must not be (or be inside) a folder holding the submissions: a student could have "
            f"put files there. Use a folder of its own."
        )


def grade_students(
    source,
    assignment,
    ids,
    bases,
    out,
    hidden,
    *,
    jobs=1,
    force=False,
    uid_base=61000,
    same_user=False,
    progress=True,
    label="grading",
    **settings,
):
    """Grade {student id: path} (each found in the folder bases[path]) against `source` (parsed:
    `assignment`) into `out`.
    No kernel may see the `hidden` folders (those holding submissions, sources)."""
    settings = {**DEFAULTS, **settings}
    source = Path(source)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    source_sha = sha256_file(source)
    check_out_folder(out, source, source_sha, assignment, force)
    limits = {k: settings[k] for k in ("memory_mb", "max_procs", "file_mb")}
    if os.geteuid() == 0:
        cgroups.prepare()  # cgroup v2: let the grader's cgroup hold the submissions' cgroups
    plans = sandbox_plans(max(1, jobs), uid_base, same_user, limits, [source, out, *hidden])
    sandbox.become_subreaper()  # a sandbox process that escapes its runner is re-parented to us, and reaped
    seconds = runner_seconds(settings, len(assignment.hidden_tests()))
    reference = _reference(source, assignment, source_sha, out, settings, plans[0], seconds)
    _warn_public_only(reference)
    context = {
        "source": source,
        "source_sha": source_sha,
        "assignment": assignment,
        "reference": reference,
        "composer": Composer(public_names(_student_code(assignment))),
        "hidden_lines": assignment.hidden_lines(),
        "may_not_use": {ex: fb.may_not_use for ex, fb in reference.expected.items() if fb.may_not_use},
        "settings": settings,
        "seconds": seconds,
        "bases": bases,
    }
    summary = Summary()
    todo = {}
    for student, path in ids.items():
        previous = None if force else read_student(out, student)
        if (
            previous
            and previous.get("source_sha256") == source_sha
            and previous.get("submission_sha256") == fingerprint(path, bases[path])
            and previous.get("status") in ("graded", "not gradable")
        ):
            summary.skipped.append(student)
            summary.records.append(previous)
        else:
            todo[student] = path
    free = queue.Queue()
    for plan in plans:
        free.put(plan)

    def one(student, path):
        plan = free.get()
        try:
            return _grade_one(student, path, plan, context)
        except SandboxLeakError:  # this submission's processes would not die: grade it as failed, retire the uid
            new_uid = sandbox.free_uids(plan["uid"] + 1, 1)[0]
            plan = {**plan, "uid": new_uid}
            return _grade_one(student, path, plan, context, leak=True)
        finally:
            free.put(plan)

    bar = _progress(len(todo), progress, label)
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
        renamed = _renamed(records, ids)
        summary.stale = sorted(s for s, r in records.items() if r["source_sha256"] != source_sha and s not in renamed)
        current = [r for s, r in records.items() if r["source_sha256"] == source_sha and s not in renamed]
        write_gradebook(out, current, list(assignment.points))
        summary.current = current
    return summary


def _renamed(records, ids):
    """Earlier records of a file that has another id in this run (a new file made two names
    collide): left out of the gradebook, so no submission has two rows."""
    id_of = {str(path): student for student, path in ids.items()}
    return {s for s, r in records.items() if id_of.get(str(r.get("submission")), s) != s}


def _student_code(assignment):
    """The code of the student version (no solutions, no hidden tests): names feedback may repeat."""
    from .format import stub_solutions, visible_code

    for sc in assignment.cells:
        if sc.cell.cell_type != "code":
            continue
        if sc.role == "solution":
            yield stub_solutions(sc.cell.source, sc.exercise)
        elif sc.role == "check":
            yield visible_code(sc.cell.source)
        else:
            yield sc.cell.source


def _warn_public_only(reference):
    """Say which exercises' hidden tests only re-run the cases the learner's own check shows: the
    students have those expected answers, so a notebook can send them without computing them."""
    weak = [
        exercise
        for exercise, feedback in reference.expected.items()
        if set(feedback.expected) <= reference.public.get(exercise, set())
    ]
    if weak:
        print(
            f"deepslow grade: note: the hidden tests of {', '.join(weak)} only re-run the cases the learners' own "
            f"check shows, whose expected answers they have; add a hidden case (record_value(...) on an input "
            f"they never see) so that points need a working answer.",
            file=sys.stderr,
        )


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


def _reference(source, assignment, source_sha, out, settings, plan, seconds):
    """The Reference from running the source; cached in `out` per source checksum."""
    cache = out / ".reference.json"
    try:
        cached = json.loads(cache.read_text())
        if cached.get("source_sha256") == source_sha and cached.get("deepslow") == __version__:
            return expected_answers(assignment, cached["result"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    try:
        data = read_bytes(source)
    except NotGradableError as exc:
        raise GradingError(f"the source notebook {source} cannot be read: {exc}") from None
    try:
        result = run_submission(source, data, "the source notebook", settings, plan, seconds)
    except SandboxLeakError:
        raise GradingError("the source notebook's run left processes that could not be stopped") from None
    reference = expected_answers(assignment, result)
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
    return reference


def _display_name(path):
    """The file's name for messages, as the student wrote it but printable and short."""
    name = path.name
    return name if name.isprintable() and len(name) <= 80 else repr(name)[1:81]


def _grade_one(student, path, plan, context, leak=False):
    started = time.monotonic()
    assignment, hidden_lines = context["assignment"], context["hidden_lines"]
    record = {
        "student": student,
        "submission": str(path),
        "source": str(context["source"]),
        "source_sha256": context["source_sha"],
        "max_total": sum(assignment.points.values()),
        "total": 0,
        "exercises": {},
        "notes": [],
        "deepslow": __version__,
    }
    name, base = _display_name(path), context["bases"].get(path)
    try:
        data = read_bytes(path, base=base)
        record["submission_sha256"] = hashlib.sha256(data).hexdigest()
    except NotGradableError as exc:
        record["submission_sha256"] = fingerprint(path, base)
        data, result = None, {"status": "unreadable", "message": f"{name} is not gradable: {exc}"}
    try:
        if data is None:
            pass
        elif leak:
            result = {"status": "error", "message": "its processes could not be stopped (a fork bomb?)"}
        else:
            result = run_submission(
                context["source"], data, name, context["settings"], plan, context["seconds"], context["may_not_use"]
            )
    except SandboxLeakError:
        raise
    except Exception as exc:  # noqa: BLE001 - one submission never stops the others
        result = {"status": "error", "message": f"{type(exc).__name__}: {exc}"}
    if result.get("status") == "ran":
        record["exercises"] = verdicts(assignment, context["reference"], result, context["composer"], hidden_lines)
        record["total"] = sum(v["points"] for v in record["exercises"].values())
        record["status"] = "graded"
        record["message"] = f"{_number(record['total'])} of {_number(record['max_total'])} points"
        record["notes"] = [scrub(str(n), hidden_lines) for n in result.get("notes", [])]
        record["sandbox"] = _sandbox_summary(result.get("sandbox"), plan)
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


def _sandbox_summary(facts, plan):
    """How the kernel was confined, as the runner checked it from outside before any cell ran."""
    if type(facts) is not dict:
        return {"confined": False}
    return {
        "user": facts.get("uid"),
        "namespaces": facts.get("namespaces", []),
        "capabilities": facts.get("capabilities"),
        "cgroup": facts.get("cgroup"),
        "whole_submission_limits": facts.get("limits", []),
        "file_isolation": "namespaces" if plan.get("bwrap") else "landlock" if plan.get("landlock") else "none",
    }


def _number(x):
    return int(x) if float(x).is_integer() else round(x, 2)


class _NoProgress:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress(total, enabled, label="grading"):
    """A progress bar on stderr; tqdm is imported only when one is shown (a minimal grading install
    may not have it, and `deepslow grade -q` does not need it)."""
    if not enabled or total == 0:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="notebook", file=sys.stderr)
