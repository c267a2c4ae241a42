"""An exercise's feedback as data: what check() and the grader compare an answer with.

For each public case: the reference's answer. For each named mistake: its message and its
*fingerprint*, what the wrong implementation returns (or raises) on each case. Plus the hints, the
tolerances and the names of an answer's parts. All of it is plain data (plain.py), so

* `deepslow assign` computes it from the source notebook and writes it into the student notebook
  (a locked cell calling load_feedback), where no reference and no mistake code exist;
* the batch grader gets the same data from its run of the source notebook, and judges in its own
  process, where nothing the student wrote runs;
* in the instructor's source notebook, check() computes it live and goes through the very same
  encoding, so all three judge alike.

A wrong answer is named by the mistake whose fingerprint it reproduces (see `diagnose`).
"""

import base64
import json
import re
import zlib

import numpy as np

from .diagnose import first_difference, generic_diagnosis, mentions_transpose
from .plain import MAX_TEXT, Difference, PlainDataError, compare, from_plain, is_not_attempted

FORMAT = 1
MODES = ("source", "self-study", "course")
MAX_MESSAGE = 1500


_EMPTY = {
    "format": FORMAT,
    "exercise": "",
    "title": "",
    "kind": "function",
    "cases": [],
    "expected": {},
    "mistakes": [],
    "hints": [],
    "rtol": 1e-5,
    "atol": 1e-7,
    "parts": {},
    "mode": "course",
    "solutions": None,
    "may_not_use": [],
}


class Outcome:
    """The verdict on one answer: status ("passed", "failed", "not attempted"), the failing case,
    the Difference found there, and the words naming the likely mistake (or None)."""

    def __init__(self, status, case=None, difference=None, mistake=None, where=""):
        self.status, self.case, self.difference, self.mistake, self.where = status, case, difference, mistake, where

    @property
    def passed(self):
        return self.status == "passed"

    def reason(self):
        """What differs, e.g. "dA, the gradient for A: wrong values at index (1, 2): ..."."""
        diff = self.difference
        if diff is None:
            return "wrong answer"
        return f"{self.where}: {diff.reason}" if self.where else diff.reason

    def message(self):
        """One paragraph (for the grader's feedback): what went wrong, on which case, and why."""
        if self.status == "passed":
            return "passed"
        if self.status == "not attempted":
            return "not attempted yet (the answer still raises NotImplementedError)"
        text = f"case {self.case!r}: {self.reason()}"
        if self.mistake:
            text += f"\nLikely mistake: {self.mistake}"
        return text


class Feedback:
    """The feedback data of one exercise (see the module docstring)."""

    def __init__(self, data):
        self.data = data  # validated plain data, as to_plain returns it
        self.exercise, self.title, self.kind = data["exercise"], data["title"], data["kind"]
        self.labels = list(data["cases"])
        self.expected = {label: from_plain(value) for label, value in data["expected"].items()}
        self.mistakes = [
            (m["message"], {k: from_plain(v) for k, v in m["answers"].items()})
            for m in data["mistakes"]
            if not m["automatic"]
        ]
        self.automatic = [
            (m["message"], {k: from_plain(v) for k, v in m["answers"].items()})
            for m in data["mistakes"]
            if m["automatic"]
        ]
        self.hints = list(data["hints"])
        self.rtol, self.atol = data["rtol"], data["atol"]
        self.may_not_use = list(data.get("may_not_use", []))  # names the answer must not call (the grader checks)
        self.parts = dict(data["parts"])
        self.mode, self.solutions = data["mode"], data["solutions"]

    # --- making it ---------------------------------------------------------------------------------
    @classmethod
    def from_exercise(cls, exercise, cases=None, mode="source", solutions=None):
        """Run the reference and every mistake on the cases (the public ones unless given)."""
        if exercise.reference_fn is None:
            raise ValueError(
                f"exercise {exercise.id} has no reference answer: its instructor cell must call "
                f"{type(exercise).__name__.lower()}.reference(<the solution's function>)"
            )
        cases = exercise.cases if cases is None else cases
        mistakes = [{"message": m.message, "answers": exercise.answers(m.fn, cases)} for m in exercise.mistakes]
        mistakes += _automatic_mistakes(exercise, cases, mistakes)
        data = {
            "format": FORMAT,
            "exercise": exercise.id,
            "title": exercise.title,
            "kind": exercise.kind,
            "cases": list(cases),
            "expected": exercise.answers(exercise.reference_fn, cases),
            "mistakes": mistakes,
            "hints": list(exercise.hint_texts),
            "rtol": exercise.rtol,
            "atol": exercise.atol,
            "parts": dict(exercise.parts),
            "mode": mode,
            "solutions": solutions,
            "may_not_use": list(exercise.may_not_use),
        }
        return cls.from_plain(json.loads(json.dumps(data)))  # the same decoding a student's copy goes through

    def to_plain(self):
        return self.data

    def with_mode(self, mode, solutions=None):
        return Feedback.from_plain({**self.data, "mode": mode, "solutions": solutions})

    @classmethod
    def from_plain(cls, data):
        """Validate and decode; PlainDataError when anything is missing or malformed."""
        if type(data) is not dict or data.get("format") != FORMAT:
            raise PlainDataError("not feedback data of this version of deepslow")
        strings = ("exercise", "title", "kind", "mode")
        if any(type(data.get(k)) is not str for k in strings) or data["mode"] not in MODES:
            raise PlainDataError("feedback data without an exercise id, title, kind or mode")
        if type(data.get("cases")) is not list or not all(type(c) is str for c in data["cases"]):
            raise PlainDataError("feedback data without a list of cases")
        if type(data.get("expected")) is not dict or set(data["expected"]) != set(data["cases"]):
            raise PlainDataError("feedback data whose expected answers do not match its cases")
        if type(data.get("mistakes")) is not list or type(data.get("hints")) is not list:
            raise PlainDataError("feedback data without mistakes or hints")
        for mistake in data["mistakes"]:
            if type(mistake) is not dict or type(mistake.get("message")) is not str:
                raise PlainDataError("a mistake without a message")
            if type(mistake.get("answers")) is not dict:
                raise PlainDataError("a mistake without answers")
        if not all(type(h) is str for h in data["hints"]):
            raise PlainDataError("hints must be strings")
        if not all(type(data.get(k)) in (int, float) for k in ("rtol", "atol")):
            raise PlainDataError("feedback data without tolerances")
        if type(data.get("parts")) is not dict or not all(type(v) is str for v in data["parts"].values()):
            raise PlainDataError("feedback data with malformed part names")
        if type(data.get("solutions")) not in (str, type(None)):
            raise PlainDataError("feedback data with a malformed solutions path")
        names = data.get("may_not_use", [])
        if type(names) is not list or not all(type(n) is str and n.isidentifier() for n in names):
            raise PlainDataError("feedback data with a malformed list of names the answer may not use")
        clean = dict(data)
        clean["mistakes"] = [
            {"message": m["message"][:MAX_MESSAGE], "answers": m["answers"], "automatic": m.get("automatic") is True}
            for m in data["mistakes"]
        ]
        return cls(clean)

    def to_text(self):
        """Compact text for a notebook cell: JSON, compressed, base64 in lines of 76 characters."""
        raw = zlib.compress(json.dumps(self.data, sort_keys=True, separators=(",", ":")).encode("utf-8"), 9)
        text = base64.b64encode(raw).decode("ascii")
        return "\n".join(text[i : i + 76] for i in range(0, len(text), 76))

    @classmethod
    def from_text(cls, text):
        try:
            raw = zlib.decompress(base64.b64decode("".join(str(text).split()), validate=True))
            data = json.loads(raw.decode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - any damage to the text means the data is unusable
            raise PlainDataError(f"the feedback data is damaged ({type(exc).__name__})") from None
        return cls.from_plain(data)

    @classmethod
    def from_reference_run(cls, exercise, answers, payloads):
        """For the grader: the expected answers its run of the source notebook recorded
        ({case: decoded}), with the definition (tolerances, mistakes, part names) that run's
        hidden tests sent along. Without one (hidden tests that only record_value), answers are
        compared with the default tolerances and no mistake is named."""
        definition = None
        for payload in payloads:
            if type(payload) is dict and payload.get("exercise") == exercise and "definition" in payload:
                definition = payload["definition"]
        base = {**_EMPTY, "exercise": str(exercise)}
        if type(definition) is dict:
            base.update({k: definition[k] for k in base if k in definition and k not in ("cases", "expected")})
        try:
            feedback = cls.from_plain(base)
        except PlainDataError:  # a definition this version cannot read: judge the answers, name no mistake
            feedback = cls.from_plain({**base, **{k: v for k, v in _EMPTY.items() if k != "exercise"}})
        feedback.labels = list(answers)
        feedback.expected = dict(answers)
        return feedback

    # --- authoring checks --------------------------------------------------------------------------
    def problems(self):
        """What makes this feedback unusable or misleading, in words for the instructor."""
        found = []
        for label, value in self.expected.items():
            if value["kind"] == "error":
                found.append(f"the reference raised on case {label!r}: {value['type']}: {value['message']}")
            elif value["kind"] == "other":
                found.append(f"the reference returned {value['type']} on case {label!r}, which cannot be compared")
        for message, answers in self.mistakes:
            if all(self._agreement(self.expected[label], answers.get(label)) == 2 for label in self.labels):
                found.append(
                    f"the mistake {message[:60]!r}... gives the reference's answers on every public case, so check() "
                    f"would pass it: add a case that tells them apart"
                )
        return found

    # --- judging -----------------------------------------------------------------------------------
    def judge(self, got, answer_source=None, inputs=None):
        """The Outcome for decoded answers `got` ({case: decoded}). `answer_source` (the answer's
        code, when known) lets the advice about transposes point the right way; `inputs` ({case:
        [(name, decoded value)]}, when known) lets a card say that an input came back unchanged."""
        if got and all(is_not_attempted(v) for v in got.values()):
            return Outcome("not attempted")
        for label in self.labels:
            if label not in got:
                return Outcome("failed", label, Difference("no answer was recorded for this case"))
            diff = compare(self.expected[label], got[label], self.rtol, self.atol)
            if diff is not None:
                mistake = (
                    self.diagnose(got)
                    or self._explained(got[label])
                    or self._returned_input(got, inputs)
                    or self._returned_change(got, inputs)
                    or self._generic(got, answer_source)
                    or self.diagnose(got, self.automatic)
                    or self._large_inputs(got, inputs)
                )
                return Outcome("failed", label, diff, mistake, self.where_text(diff.where))
        return Outcome("passed")

    def _explained(self, value):
        if value["kind"] == "error":
            return value.get("explanation")
        return None

    def _returned_input(self, got, inputs):
        """ "your function returned its input `xs` unchanged", when it did so on every wrong case."""
        if not inputs:
            return None
        wrong = [label for label in self.labels if label in got and label in inputs]
        wrong = [label for label in wrong if compare(self.expected[label], got[label], self.rtol, self.atol)]
        names = None
        for label in wrong:
            same = {name for name, value in inputs[label] if compare(value, got[label], 0, 0) is None}
            names = same if names is None else names & same
        if names:
            name = sorted(names)[0]
            return f"your function returned its input `{name}` unchanged: the result has to be computed from it."
        return None

    def _returned_change(self, got, inputs):
        """ "you returned the change to `w`, not the new `w`": on every wrong case the answer (its
        first wrong part) is an input minus the expected value, or the expected value minus it."""
        if not inputs:
            return None
        names = None
        for label in [label for label in self.labels if label in got and label in inputs]:
            if self._close(self.expected[label], got[label]):
                continue
            e, g, _ = first_difference(self.expected[label], got[label], self._close)
            if not (e["kind"] == g["kind"] == "array" and e["value"].shape == g["value"].shape):
                return None
            expected, answer = e["value"].astype(np.float64), g["value"].astype(np.float64)
            same = set()
            for name, value in inputs[label]:
                if value["kind"] != "array" or value["value"].shape != expected.shape:
                    continue
                change = value["value"].astype(np.float64) - expected
                moved = np.any(np.abs(change) > self.atol)  # (an input equal to the answer did not change)
                if moved and any(np.allclose(answer, c, self.rtol, self.atol) for c in (change, -change)):
                    same.add(name)
            names = same if names is None else names & same
        if names:
            name = sorted(names)[0]
            return (
                f"your answer is the change to `{name}` (the step), not the new `{name}`: return `{name}` moved by "
                "that step."
            )
        return None

    def _large_inputs(self, got, inputs, large=100.0):
        """Right on every case with ordinary inputs, wrong on exactly those with large numbers in them:
        a formula that overflows or underflows in between (and not, say, a wrong sign)."""
        if not inputs:
            return None

        def has_large(label):
            return any(
                v["kind"] == "array" and np.size(v["value"]) and np.max(np.abs(v["value"])) >= large
                for _, v in inputs.get(label, [])
            )

        labels = [label for label in self.labels if label in got and label in inputs]
        wrong = {label for label in labels if compare(self.expected[label], got[label], self.rtol, self.atol)}
        if wrong and wrong == {label for label in labels if has_large(label)}:
            return (
                "your function is right for ordinary inputs and wrong only for the cases with large numbers in "
                "them: somewhere a number overflows or underflows (an exponential of a large value, a difference of "
                "two huge numbers). Rewrite the formula so that it never computes e^x for a large x."
            )
        return None

    def _close(self, a, b):
        """Whether two decoded values agree within this exercise's tolerances."""
        return compare(a, b, self.rtol, self.atol) is None

    def _generic(self, got, answer_source):
        try:
            return generic_diagnosis(self.expected, got, self._close, mentions_transpose(answer_source))
        except Exception:  # noqa: BLE001 - a guess must never break the verdict
            return None

    def diagnose(self, got, mistakes=None):
        """The message of the mistake `got` reproduces, or None. Tried in turn:
        1. a mistake reproduced on every case (when several are, the closest: an error with the
           same message beats one of the same type only);
        2. a mistake reproduced on every case where the answer did not raise: the raise is often
           the same mistake meeting shapes that do not fit (a missing transpose goes unnoticed
           while the matrices are square);
        3. for answers that are lists or dicts (a gradient per input, per node), a mistake
           reproduced part by part, so that a learner whose dA is wrong and dB right still hears
           what is wrong with dA.
        `mistakes` defaults to the instructor's named ones; judge() tries the automatic ones last."""
        mistakes = self.mistakes if mistakes is None else mistakes
        labels = [label for label in self.labels if label in got]
        best, best_score = None, 0
        for message, theirs in mistakes:
            common = [label for label in labels if label in theirs]
            if not any(self._agreement(self.expected[label], got[label]) != 2 for label in common):
                continue  # right wherever this mistake is known: it cannot be what went wrong
            scores = [self._agreement(theirs[label], got[label]) for label in common]
            if scores and all(scores) and sum(scores) > best_score:
                best, best_score = message, sum(scores)
        if best is not None:
            return best
        ran = [label for label in labels if got[label]["kind"] != "error"]
        if ran and len(ran) < len(labels):
            for message, theirs in mistakes:
                wrong_somewhere = any(self._agreement(self.expected[label], got[label]) != 2 for label in ran)
                if wrong_somewhere and all(
                    label in theirs and self._agreement(theirs[label], got[label]) == 2 for label in ran
                ):
                    return message
        return self._diagnose_parts(got, mistakes)

    def _diagnose_parts(self, got, mistakes):
        found = {}  # mistake message -> the parts it explains
        labels = [label for label in self.labels if label in got]
        for key in self._part_keys(labels, got):
            wrong = [
                label
                for label in labels
                if self._agreement(_part(self.expected[label], key), _part(got[label], key)) != 2
            ]
            if not wrong:
                continue
            for message, theirs in mistakes:
                usable = [label for label in labels if label in theirs and _part(theirs[label], key) is not None]
                if not any(label in wrong for label in usable):
                    continue
                if all(self._agreement(_part(theirs[label], key), _part(got[label], key)) == 2 for label in usable):
                    found.setdefault(message, []).append(self.where_text(key))
                    break
        if not found:
            return None
        return "\n".join(f"{' and '.join(parts)}: {message}" for message, parts in found.items())

    def _part_keys(self, labels, got):
        """The parts shared by the expected answers and the answer: list items or dict entries."""
        keys = []
        for label in labels:
            e, g = self.expected[label], got[label]
            if e["kind"] == g["kind"] == "list" and len(e["items"]) == len(g["items"]):
                keys += [f"item {i}" for i in range(len(e["items"]))]
            elif e["kind"] == g["kind"] == "dict":
                keys += [repr(k) for k in e["items"] if k in g["items"]]
        return list(dict.fromkeys(keys))

    def _agreement(self, a, b):
        return agreement(a, b, self.rtol, self.atol)

    def where_text(self, where):
        """How a part of the answer is named in messages ("item 0" -> "dA, the gradient for A")."""
        if not where:
            return ""
        head, _, rest = where.partition(", ")
        name = self.parts.get(head)
        if name is None and head.startswith("'") and "'*'" in self.parts:
            name = self.parts["'*'"].replace("{key}", head)
        if name is None:
            name = head
        return name + (f", {rest}" if rest else "")


def _automatic_mistakes(exercise, cases, named):
    """The fingerprints of the exercise kind's generic perturbations of the reference (core.py), kept
    only where they tell something: they answer without error, differ from the reference, and differ
    from every mistake before them (the instructor's named mistakes come first and win)."""
    expected = {k: from_plain(v) for k, v in exercise.answers(exercise.reference_fn, cases).items()}
    kept = [{k: from_plain(v) for k, v in m["answers"].items()} for m in named]
    found = []
    try:
        perturbations = exercise.perturbations()
    except Exception:  # noqa: BLE001 - no automatic mistakes for a reference that cannot be perturbed
        return []
    for message, answer in perturbations:
        answer.instructors_own = True  # run as the instructor's own code (e.g. not asked to be registered)
        answers = exercise.answers(answer, cases)
        # where the change does not apply (a transpose of a non-square matrix), the case is left out
        answers = {k: v for k, v in answers.items() if v["kind"] != "error"}
        decoded = {k: from_plain(v) for k, v in answers.items()}
        if not decoded:
            continue
        if all(agreement(expected[k], decoded[k], exercise.rtol, exercise.atol) == 2 for k in decoded):
            continue
        if any(
            all(agreement(other[k], decoded[k], exercise.rtol, exercise.atol) == 2 for k in decoded if k in other)
            for other in kept
        ):
            continue
        kept.append(decoded)
        found.append({"message": message, "answers": answers, "automatic": True})
    return found


def agreement(a, b, rtol, atol):
    """How closely two decoded answers agree: 2 equal within tolerance (or the same error with the same
    message, names in quotes aside); 1 the same type of error with another message (for types that say
    something on their own); 0 not at all."""
    if a is None or b is None:
        return 0
    if a["kind"] == "error" or b["kind"] == "error":
        if a["kind"] != b["kind"] or a["type"] != b["type"]:
            return 0
        if _error_signature(a) == _error_signature(b):
            return 2
        return 0 if a["type"] in _WRAPPERS else 1
    return 2 if compare(a, b, rtol, atol) is None else 0


def _part(value, key):
    """The part `key` ("item 2" or "'name'") of a decoded list or dict answer, or None."""
    if value is None:
        return None
    if key.startswith("item ") and value["kind"] == "list":
        i = int(key[5:])
        return value["items"][i] if i < len(value["items"]) else None
    if value["kind"] == "dict":
        for k, v in value["items"].items():
            if repr(k) == key:
                return v
    return None


# Errors whose type says little on its own (they wrap another error, or are the check's own words):
# only the same message counts as the same mistake.
_WRAPPERS = {"OpError", "AnswerError", "InputChangedError", "AnswerTimeout", "NumericsError"}

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")


def _error_signature(error):
    """An error message without the names in it (a learner may name a node differently)."""
    return _QUOTED.sub("'…'", error["message"][:MAX_TEXT])
