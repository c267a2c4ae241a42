"""What `check`, `hint` and `solution` return: small objects that display themselves.

In Jupyter they show as a card (`_repr_html_`); anywhere else (a terminal, nbval, a grader's
log) their `repr` is the same content as plain text, so nothing is lost without a browser.
"""

import html

_STYLE = {
    "passed": ("✓", "#1a7f37", "#e6f4ea"),
    "failed": ("✗", "#b42318", "#fdecea"),
    "not attempted": ("○", "#6b7280", "#f3f4f6"),
    "error": ("!", "#9a6700", "#fff8e1"),
}


_PRE = "margin:0;white-space:pre-wrap;font-size:90%"


class CheckResult:
    """The outcome of `check(exercise_id, answer)`. True when the answer passed.

    Fields: `exercise`, `title`, `status` ("passed", "failed", "not attempted", "error"),
    `case`, `reason`, `expected`, `got` (rounded text), `mistake`, `location`, `cases` (how many).
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
        location=None,
        cases=0,
    ):
        self.exercise, self.title, self.status = exercise, title, status
        self.case, self.reason, self.expected, self.got = case, reason, expected, got
        self.mistake, self.location, self.cases = mistake, location, cases

    @property
    def passed(self):
        return self.status == "passed"

    def __bool__(self):
        return self.passed

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
        rows = [("Case", repr(self.case)), ("Problem", self.reason)]
        rows += [("Expected", self.expected), ("Got", self.got), ("Likely mistake", self.mistake)]
        rows += [("Where", self.location)]
        rows.append(("Stuck?", f"hint({self.exercise!r}) gives a hint; solution({self.exercise!r}) shows an answer."))
        return [(label, text) for label, text in rows if text]

    def _heading(self):
        title = f" — {self.title}" if self.title else ""
        return f"{self.exercise}{title}: {self.status}"

    def __repr__(self):
        symbol = _STYLE.get(self.status, _STYLE["error"])[0]
        lines = [f"{symbol} {self._heading()}"]
        for label, text in self._rows():
            prefix = f"  {label}: " if label else "  "
            lines.append(prefix + str(text).replace("\n", "\n" + " " * len(prefix)))
        return "\n".join(lines)

    def _repr_html_(self):
        symbol, colour, background = _STYLE.get(self.status, _STYLE["error"])
        rows = "".join(
            f"<tr><th style='text-align:left;vertical-align:top;padding-right:1em'>{html.escape(label)}</th>"
            f"<td style='text-align:left'><pre style='{_PRE}'>{html.escape(str(text))}</pre></td></tr>"
            for label, text in self._rows()
        )
        return (
            f"<div style='border-left:4px solid {colour};background:{background};padding:0.5em 1em;margin:0.3em 0'>"
            f"<b style='color:{colour}'>{symbol} {html.escape(self._heading())}</b>"
            f"<table style='margin-top:0.3em'>{rows}</table></div>"
        )


class TextCard:
    """A hint or a solution: a heading and a block of text (code for solutions)."""

    def __init__(self, heading, text, code=False):
        self.heading, self.text, self.code = heading, text, code

    def __str__(self):
        return self.text

    def __repr__(self):
        body = "\n".join("    " + line for line in self.text.splitlines())
        return f"{self.heading}\n{body}"

    def _repr_html_(self):
        body = html.escape(self.text)
        body = f"<pre>{body}</pre>" if self.code else f"<p>{body}</p>"
        return (
            "<div style='border-left:4px solid #2563eb;background:#eff6ff;padding:0.5em 1em;margin:0.3em 0'>"
            f"<b>{html.escape(self.heading)}</b>{body}</div>"
        )
