"""Assignments and batch grading: `deepslow assign`, `deepslow grade` and `deepslow gradescope`.

    format.py       the authoring format: roles in cell metadata, nbgrader's markers, validation
    assign.py       source notebooks -> student notebooks + a manifest
    submissions.py  submitted files as hostile input: finding, naming and reading them
    sandbox.py      how a submission's kernel is confined (bubblewrap, setpriv, prlimit), checked, stopped
    cgroups.py      one memory and one process limit for everything a submission runs
    runner.py       runs one submission in a fresh kernel (a separate process per submission)
    feedback.py     feedback composed by the grader from plain data, never the kernel's own text
    grade.py        the batch: reference run, parallel runs, verdicts, resume
    course.py       a whole course: each notebook matched to its lesson, a course gradebook
    gradebook.py    per-student JSON and gradebook.csv, written atomically
    gradescope.py   a source notebook as a Gradescope autograder; a record as its results.json
    nbgrader.py     `assign --format nbgrader`: nbgrader metadata, hidden tests that assert

What is isolated how, and what is not: docs/grading.md.

Nothing here is imported by `import deepslow`; nbformat and nbclient are imported by the commands.
"""

import sys

# nbformat imports jsonschema, which imports rfc3987_syntax (when installed) only to check "iri"
# string formats that notebooks never use; building its grammar costs about 2 s of CPU in every
# grading process. Marking it absent makes jsonschema skip that one format check.
sys.modules.setdefault("rfc3987_syntax", None)
