"""What `check`, `hint` and `solution` return: small objects that display themselves.

In Jupyter they show as a card (`_repr_html_`); anywhere else (a terminal, nbval, a grader's
log) their `repr` is the same content as plain text, so nothing is lost without a browser.

Cards are read on projectors: every style is set inline on the element it applies to (front ends
give output tables 12 px text, right alignment and `pre` blocks that break words anywhere), text
is 15 px, prose is set in the notebook's own font and only values are monospace, and lines break
between words (a long word wraps only when it cannot fit a line by itself).
"""

import html
import re

_STYLE = {
    "passed": ("✓", "#1a7f37", "#e6f4ea"),
    "failed": ("✗", "#b42318", "#fdecea"),
    "not attempted": ("○", "#4b5563", "#f3f4f6"),
    "error": ("!", "#8a5a00", "#fff8e1"),
}
MODES = {
    "source": "instructor's source notebook",
    "self-study": "self-study copy",
    "course": "course material",
}

_WRAP = "white-space:pre-wrap;word-break:normal;overflow-wrap:break-word"
_TEXT = f"font-size:15px;line-height:1.45;text-align:left;{_WRAP}"
_CODE = f"font-family:var(--jp-code-font-family,monospace);font-size:14px;line-height:1.4;{_WRAP}"
_FOOTER = "font-size:13px;color:#4b5563;margin-top:0.3em;text-align:left"
_LABEL = "font-size:15px;text-align:left;vertical-align:top;padding:0.15em 1em 0.15em 0;white-space:nowrap"
_VALUES = ("Expected", "Got")
# Code a learner may copy (hint('04-sigmoid-grad')) and exercise ids stay on one line: browsers
# would otherwise break them at a hyphen, and "04-sigmoid-" | "grad" reads as two things.
_WHOLE = re.compile(r"[\w.]+\(&#x27;[^&]*&#x27;\)|\b\w+(?:-\w+)+\b")


def _escaped(text):
    """HTML for card text: escaped, with calls and hyphenated ids kept whole."""
    return _WHOLE.sub(lambda m: f"<span style='white-space:nowrap'>{m.group(0)}</span>", html.escape(str(text)))


class CheckResult:
    """The outcome of `check(exercise_id, answer)`. True when the answer passed.

    Fields: `exercise`, `title`, `status` ("passed", "failed", "not attempted", "error"), `case`,
    `reason`, `expected`, `got` (rounded text), `mistake`, `cases` (how many), `mode` ("source",
    "self-study", "course"), `hints` (how many the exercise has).
    """

    def __init__(
        self,
        exercise,
        title,
        status,
        case=None,
        reason=None,
        expected=None,
        got=None,
        mistake=None,
        cases=0,
        mode=None,
        hints=0,
    ):
        self.exercise, self.title, self.status = exercise, title, status
        self.case, self.reason, self.expected, self.got = case, reason, expected, got
        self.mistake, self.cases, self.mode, self.hints = mistake, cases, mode, hints

    @property
    def passed(self):
        return self.status == "passed"

    def __bool__(self):
        return self.passed

    def _next_step(self):
        ask = f"hint({self.exercise!r}) gives a nudge" if self.hints else "this exercise has no hints"
        if self.mode == "course":
            return f"{ask}. Course material has no solutions: ask your instructor if you are stuck."
        return f"{ask}; solution({self.exercise!r}) shows an answer."

    def _rows(self):
        """(label, text) pairs shared by the HTML card and the plain-text form."""
        if self.status == "passed":
            return [("", f"All {self.cases} cases agree with the reference. Well done.")]
        if self.status == "not attempted":
            return [
                ("", "Not attempted yet: the answer still raises NotImplementedError. Replace the stub and run again.")
            ]
        if self.status == "error":
            return [("Problem", self.reason)]
        rows = [("Case", None if self.case is None else repr(self.case)), ("Problem", self.reason)]
        rows += [("Expected", self.expected), ("Got", self.got), ("Likely mistake", self.mistake)]
        rows.append(("Stuck?", self._next_step()))
        return [(label, text) for label, text in rows if text]

    def _heading(self):
        title = f" — {self.title}" if self.title else ""
        return f"{self.exercise}{title}: {self.status}"

    def _footer(self):
        return f"({MODES[self.mode]})" if self.mode in MODES else ""

    def __repr__(self):
        symbol = _STYLE.get(self.status, _STYLE["error"])[0]
        lines = [f"{symbol} {self._heading()} {self._footer()}".rstrip()]
        for label, text in self._rows():
            prefix = f"  {label}: " if label else "  "
            lines.append(prefix + str(text).replace("\n", "\n" + " " * len(prefix)))
        return "\n".join(lines)

    def _repr_html_(self):
        symbol, colour, background = _STYLE.get(self.status, _STYLE["error"])
        rows = "".join(
            f"<tr><th style='{_LABEL}'>{html.escape(label)}</th>"
            f"<td style='text-align:left;vertical-align:top;padding:0.15em 0'>"
            f"<div style='{_CODE if label in _VALUES else _TEXT}'>{_escaped(text)}</div></td></tr>"
            for label, text in self._rows()
        )
        footer = f"<div style='{_FOOTER}'>{_escaped(self._footer())}</div>" if self._footer() else ""
        return (
            f"<div class='deepslow-card' style='border-left:5px solid {colour};background:{background};"
            f"padding:0.6em 1em;margin:0.3em 0;font-size:15px;max-width:60em'>"
            f"<div style='color:{colour};font-weight:bold;font-size:16px;{_WRAP}'>"
            f"{symbol} {_escaped(self._heading())}</div>"
            f"<table style='margin:0.3em 0 0 0;border-collapse:collapse;font-size:15px'>{rows}</table>{footer}</div>"
        )


class TextCard:
    """A hint or a solution: a heading and a block of text (code for solutions)."""

    def __init__(self, heading, text, code=False):
        self.heading, self.text, self.code = heading, str(text), code

    def __str__(self):
        return self.text

    def __repr__(self):
        body = "\n".join("    " + line for line in self.text.splitlines())
        return f"{self.heading}\n{body}"

    def _repr_html_(self):
        body = html.escape(self.text)
        style = _CODE if self.code else _TEXT
        return (
            "<div class='deepslow-card' style='border-left:5px solid #2563eb;background:#eff6ff;padding:0.6em 1em;"
            f"margin:0.3em 0;font-size:15px;max-width:60em'><div style='font-weight:bold;font-size:16px;{_WRAP}'>"
            f"{html.escape(self.heading)}</div><div style='margin-top:0.3em;{style}'>{body}</div></div>"
        )
