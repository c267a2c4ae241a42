"""Verify the blind answer set against our own references and probes.

Every "wrong" answer must fail at least one probe, every "correct" one must pass them all without a
runtime warning, and every file must keep its stub's lines and start with the two header lines.

    .venv/bin/python tests/blind_answers/_verify/verify.py               # every exercise
    .venv/bin/python tests/blind_answers/_verify/verify.py 02-softmax -v # one, with each case's outcome
    .venv/bin/python tests/blind_answers/_verify/verify.py --answers DIR  # another copy of the set

It never calls check(), hint() or solution(), and never reads deepslow/exercises or deepslow/grading:
our own references (references.py) and probes (probes.py) are the yardstick.
"""

import argparse
import contextlib
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import notebooks  # noqa: E402 - after the path is set
import probes  # noqa: E402
from references import REFERENCES  # noqa: E402

ANSWER_DIR = Path(__file__).parent.parent
HEADER = re.compile(r"# blind-answer: (wrong|correct)\n# mistake: (\S.*)\n")
FILE_NAME = re.compile(r"\d\d-[a-z0-9-]+\.py")
MINIMUM = {"wrong": 7, "correct": 2}


def read_answer(path, stub):
    """(verdict, mistake, source) of one answer file; raises ValueError when its format is off."""
    text = path.read_text()
    header = HEADER.match(text)
    if not header:
        raise ValueError("the first two lines must be '# blind-answer: wrong|correct' and '# mistake: ...'")
    if not FILE_NAME.fullmatch(path.name):
        raise ValueError("the file name must be <two digits>-<slug>.py")
    source = text[header.end() :]
    kept = [line for line in stub.splitlines() if "raise NotImplementedError" not in line and line.strip()]
    lines = iter(source.splitlines())
    for line in kept:  # the stub's other lines (def, docstring, given code) appear in order
        if not any(candidate == line for candidate in lines):
            raise ValueError(f"the stub's line {line.strip()!r} is missing or out of order")
    return header.group(1), header.group(2), source


def trial(exercise_id, context, reference, source):
    """Run one answer's source in a copy of the context, then the exercise's probe on it."""
    registry = dict(probes._GRADIENTS)
    if exercise_id == "04-softplus-grad":
        probes._GRADIENTS.pop("Softplus", None)  # the answer must register it itself
    namespace = dict(context)
    result = probes.Trial(namespace, reference)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(source, f"<{exercise_id} answer>", "exec"), namespace)  # noqa: S102
            probes.PROBES[exercise_id](result)
    except Exception as exc:  # the cell itself does not run: every case fails
        result.results.append(("running the cell", f"{type(exc).__name__}: {exc}", []))
    finally:
        probes._GRADIENTS.clear()
        probes._GRADIENTS.update(registry)
    return result


def verify(exercise_id, verbose=False, answer_dir=ANSWER_DIR):
    """Print one exercise's report; return the number of problems found."""
    stub = notebooks.stub(exercise_id)
    context = notebooks.build_context(exercise_id, REFERENCES)
    reference = dict(context)
    exec(compile(notebooks.fill_stub(stub, REFERENCES[exercise_id]), "<reference>", "exec"), reference)  # noqa: S102
    problems = 0
    own = trial(exercise_id, context, reference, notebooks.fill_stub(stub, REFERENCES[exercise_id]))
    bad = [(name, failure or f"warned: {warned}") for name, failure, warned in own.results if failure or warned]
    print(f"{exercise_id}: our reference passes {len(own.results) - len(bad)} of {len(own.results)} cases")
    for name, why in bad:
        problems += 1
        print(f"  REFERENCE FAILS {name}: {why}")
    counts = {"wrong": 0, "correct": 0}
    for path in sorted((answer_dir / exercise_id).glob("*.py")):
        try:
            verdict, mistake, source = read_answer(path, stub)
        except ValueError as error:
            problems += 1
            print(f"  FORMAT {path.name}: {error}")
            continue
        counts[verdict] += 1
        outcome = trial(exercise_id, context, reference, source)
        failed = [(name, failure) for name, failure, _ in outcome.results if failure]
        warned = sorted({w for _, _, ws in outcome.results for w in ws})
        if verdict == "wrong":
            ok = bool(failed)
            note = f"fails {len(failed)}/{len(outcome.results)}: {failed[0][0]}: {failed[0][1]}" if failed else ""
        else:
            ok = not failed and not warned
            note = "; ".join(f"{name}: {failure}" for name, failure in failed) or (f"warns {warned}" if warned else "")
        problems += not ok
        print(f"  {'ok  ' if ok else 'BAD '} {verdict:7} {path.name:34} {note[:150]}")
        if verbose:
            for name, failure, ws in outcome.results:
                verdict_text = f"FAIL {name}: {failure}" if failure else f"pass {name}"
                print(f"        {verdict_text}{' (warns)' if ws else ''}")
    for verdict, minimum in MINIMUM.items():
        if counts[verdict] < minimum:
            problems += 1
            print(f"  TOO FEW: {counts[verdict]} {verdict} answers (at least {minimum})")
    return problems


def index():
    """The set as a Markdown table of contents: one line per answer, its verdict and mistake."""
    lines = ["# Blind answers: index", "", "Generated by `_verify/verify.py --index`; see README.md.", ""]
    for exercise_id in notebooks.exercise_ids():
        stub = notebooks.stub(exercise_id)
        lines += [f"## {exercise_id}", "", "| file | verdict | what the learner did |", "|---|---|---|"]
        for path in sorted((ANSWER_DIR / exercise_id).glob("*.py")):
            verdict, mistake, _ = read_answer(path, stub)
            escaped = mistake.replace("|", "\\|")  # a | inside a Markdown table cell
            lines.append(f"| [{path.name}]({exercise_id}/{path.name}) | {verdict} | {escaped} |")
        lines.append("")
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="*", help="exercise ids (default: all 27)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every case of every answer")
    parser.add_argument("--answers", type=Path, default=ANSWER_DIR, help="the folder holding <exercise-id>/ folders")
    parser.add_argument("--index", action="store_true", help="print INDEX.md (the table of answers) and stop")
    args = parser.parse_args(argv)
    if args.index:
        print(index())
        return 0
    probes.reference_sanity()
    wanted = args.exercises or notebooks.exercise_ids()
    problems = sum(verify(exercise_id, args.verbose, args.answers) for exercise_id in wanted)
    print(f"\n{problems} problem(s)" if problems else "\nall answers behave as labelled")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
