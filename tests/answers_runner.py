"""Run sets of learners' answers through the real check() and classify the cards.

    python tests/answers_runner.py [FOLDER ...]    (default: tests/blind_answers, tests/own_wrong_answers)

A folder holds one sub-folder per exercise id, each with answers: the full source of the answer cell
as a learner would leave it, starting with a header

    # blind-answer: wrong        (or: correct)
    # mistake: what is wrong with it, in words

For each lesson, one kernel runs the SOURCE lesson's code cells in order, as nbval does. At the check
cell of an exercise that has answers, each answer is tried in turn, as if it were the solution cell:
the cell's stub (as a student's copy has it) runs first, then the answer's code, then the exercise's
`check(...)` call; the card's fields are read back. The source's own solution cell then runs again,
so the rest of the lesson (and later exercises) keep the reference solutions. (The answer runs after
the exercise's cases and instructor cells, which the source notebook runs after its solution cell:
they bind the reference, and check() keeps that binding, as if the answer had been written in the
solution cell of a student's copy.)

Each answer is classified:
  wrong    -> "false pass" (passed), "named" (the card names a mistake or a diagnosis: "Likely mistake"),
              "generic" (failed, with expected-vs-got only), "check error" (the card says the check failed),
              "not attempted" (the answer still raised NotImplementedError), "cell error" (the answer's cell
              itself raised, so the check saw the stub), "timeout".
  correct  -> "pass", or "false fail".
"""

import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
DEFAULT_SETS = [ROOT / "tests" / "blind_answers", ROOT / "tests" / "own_wrong_answers"]
MARK = "<<deepslow-card>>"
ANSWER_TIMEOUT = 60


class Answer:
    def __init__(self, path):
        self.path = Path(path)
        self.exercise = self.path.parent.name
        self.source = self.path.read_text(encoding="utf-8")
        header = re.search(r"^#\s*blind-answer:\s*(\w+)", self.source, re.M)
        mistake = re.search(r"^#\s*mistake:\s*(.*)$", self.source, re.M)
        self.expected = header.group(1).lower() if header else "wrong"
        self.mistake = mistake.group(1).strip() if mistake else ""
        self.verdict, self.card = None, None

    @property
    def name(self):
        return f"{self.exercise}/{self.path.name}"


def collect(folders):
    answers = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*/*.py")):
            if not path.parent.name.startswith(("_", ".")):
                answers.append(Answer(path))
    return answers


def lesson_cells():
    """{lesson path: [cells]} and {exercise: lesson path}, from the source lessons."""
    import nbformat

    lessons, where = {}, {}
    for path in sorted(LESSONS.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        lessons[path] = nb.cells
        for cell in nb.cells:
            exercise = cell.metadata.get("deepslow", {}).get("exercise")
            if exercise:
                where[exercise] = path
    return lessons, where


class Kernel:
    """One Python kernel, fed code cells; its outputs are collected as text."""

    def __init__(self, cwd):
        from jupyter_client.manager import start_new_kernel

        self.km, self.kc = start_new_kernel(kernel_name="python3", cwd=str(cwd))

    def run(self, code, timeout=120):
        """(stdout text, error name or None); raises TimeoutError after interrupting the kernel."""
        chunks, error = [], []

        def hook(msg):
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                chunks.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                chunks.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                error.append(f"{content['ename']}: {content['evalue']}"[:300])

        try:
            self.kc.execute_interactive(code, timeout=timeout, output_hook=hook, allow_stdin=False)
        except TimeoutError:
            self.km.interrupt_kernel()
            try:
                self.kc.execute_interactive("pass", timeout=30)
            except TimeoutError:
                self.km.restart_kernel(now=True)
                raise RuntimeError("the kernel had to be restarted") from None
            raise
        return "".join(chunks), (error[0] if error else None)

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def _card_code(check_call):
    return (
        "import json as _json\n"
        f"_card = {check_call}\n"
        f"print({MARK!r} + _json.dumps({{'status': _card.status, 'mistake': _card.mistake, 'reason': _card.reason, "
        "'case': _card.case, 'text': repr(_card)}))\n"
    )


def run_lesson(path, cells, answers, progress=None):
    """Run one lesson, trying `answers` ({exercise: [Answer]}) at their exercises' check cells."""
    from deepslow.grading.format import stub_solutions, visible_code

    kernel = Kernel(path.parent)
    try:
        solution_cells = defaultdict(list)
        for cell in cells:
            if cell.cell_type == "code":
                markup = cell.metadata.get("deepslow", {})
                if markup.get("role") == "solution":
                    solution_cells[markup["exercise"]].append(cell.source)
                if markup.get("role") == "check" and markup.get("exercise") in answers:
                    exercise = markup["exercise"]
                    visible = visible_code(cell.source).strip().splitlines()
                    call = visible[-1]
                    for answer in answers[exercise]:
                        _try(kernel, answer, exercise, solution_cells[exercise], call, stub_solutions)
                        if progress:
                            progress(answer)
                    continue  # the check cell itself is not needed: the lesson goes on
                kernel.run(cell.source)
    finally:
        kernel.stop()


def _try(kernel, answer, exercise, solutions, call, stub_solutions):
    for source in solutions:
        kernel.run(stub_solutions(source, exercise))  # as in a student's copy before they answer
    try:
        _, cell_error = kernel.run(answer.source, timeout=ANSWER_TIMEOUT)
        out, error = kernel.run(_card_code(call), timeout=ANSWER_TIMEOUT)
    except (TimeoutError, RuntimeError):
        answer.verdict, answer.card = "timeout", None
    else:
        cards = [line[len(MARK) :] for line in out.splitlines() if line.startswith(MARK)]
        answer.card = json.loads(cards[-1]) if cards else {"status": "error", "reason": error or out[-300:]}
        answer.cell_error = cell_error
        answer.verdict = classify(answer, cell_error)
    finally:
        for source in solutions:
            kernel.run(source)  # back to the reference, for the rest of the lesson


def classify(answer, cell_error=None):
    status = answer.card.get("status")
    if answer.expected == "correct":
        return "pass" if status == "passed" else "false fail"
    if status == "passed":
        return "false pass"
    if status == "error":
        return "check error"
    if status == "not attempted":
        return "cell error" if cell_error else "not attempted"
    return "named" if answer.card.get("mistake") else "generic"


def run(folders=None, progress=None):
    """Run every answer of `folders`; returns the answers, each with .verdict and .card."""
    answers = collect(folders or DEFAULT_SETS)
    lessons, where = lesson_cells()
    by_lesson = defaultdict(lambda: defaultdict(list))
    for answer in answers:
        if answer.exercise not in where:
            answer.verdict, answer.card = "unknown exercise", None
            continue
        by_lesson[where[answer.exercise]][answer.exercise].append(answer)
    for path, exercises in sorted(by_lesson.items()):
        run_lesson(path, lessons[path], exercises, progress)
    return answers


def figures(answers):
    """The figures of one set: counts per verdict, and the rates the targets are about."""
    wrong = [a for a in answers if a.expected == "wrong"]
    correct = [a for a in answers if a.expected == "correct"]
    counts = Counter(a.verdict for a in answers)
    caught = sum(1 for a in wrong if a.verdict in ("named", "generic", "not attempted", "cell error"))
    named = counts["named"]
    return {
        "wrong": len(wrong),
        "correct": len(correct),
        "caught": caught,
        "named": named,
        "generic": counts["generic"],
        "false passes": counts["false pass"],
        "check errors": counts["check error"] + counts["timeout"],
        "false fails": counts["false fail"],
        "caught %": 100.0 * caught / len(wrong) if wrong else 100.0,
        "named %": 100.0 * named / len(wrong) if wrong else 100.0,
        "counts": dict(counts),
    }


def table(answers):
    """A text table: per exercise, the verdicts; then the totals."""
    columns = ["wrong", "named", "generic", "false pass", "error", "correct", "false fail"]
    lines = [f"{'exercise':24} " + " ".join(f"{c:>{max(5, len(c))}}" for c in columns)]
    by_exercise = defaultdict(list)
    for answer in answers:
        by_exercise[answer.exercise].append(answer)
    for exercise, group in sorted(by_exercise.items()):
        f = figures(group)
        lines.append(
            f"{exercise:24} {f['wrong']:5} {f['named']:5} {f['generic']:7} {f['false passes']:10} "
            f"{f['check errors']:5} {f['correct']:7} {f['false fails']:10}"
        )
    f = figures(answers)
    lines.append(
        f"{'total':24} {f['wrong']:5} {f['named']:5} {f['generic']:7} {f['false passes']:10} {f['check errors']:5} "
        f"{f['correct']:7} {f['false fails']:10}"
    )
    lines.append(f"caught {f['caught']}/{f['wrong']} ({f['caught %']:.1f}%), ")
    lines[-1] += f"named {f['named']}/{f['wrong']} ({f['named %']:.1f}%)"
    return "\n".join(lines)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    folders = [Path(a) for a in argv] or DEFAULT_SETS
    started = time.monotonic()
    for folder in folders:
        if not folder.is_dir():
            print(f"{folder}: not found, skipped")
            continue
        answers = run([folder])
        print(f"\n== {folder} ({len(answers)} answers)")
        print(table(answers))
        for answer in answers:
            if answer.verdict not in ("named", "pass"):
                reason = (answer.card or {}).get("reason") or ""
                print(f"  {answer.verdict:12} {answer.name}: {answer.mistake[:70]} | {reason[:110]}")
    print(f"\n({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
