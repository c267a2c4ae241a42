"""Assignments and batch grading: `deepslow assign` and `deepslow grade`.

    format.py     the authoring format: roles in cell metadata, nbgrader's markers, validation
    assign.py     source notebooks -> student notebooks + a manifest
    sandbox.py    how a submission's kernel is started (limits, its own user) and stopped
    runner.py     runs one submission in a fresh kernel (a separate process per submission)
    grade.py      the batch: reference run, parallel runs, verdicts, resume
    gradebook.py  per-student JSON and gradebook.csv, written atomically

Nothing here is imported by `import deepslow`; nbformat and nbclient are imported by the commands.
"""

import sys

# nbformat imports jsonschema, which imports rfc3987_syntax (when installed) only to check "iri"
# string formats that notebooks never use; building its grammar costs about 2 s of CPU in every
# grading process. Marking it absent makes jsonschema skip that one format check.
sys.modules.setdefault("rfc3987_syntax", None)
