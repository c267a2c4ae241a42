"""Writing results: every file is written to a temporary name and renamed into place, so a
crash or Ctrl-C never leaves half a gradebook, and readers see the old file or the new one."""

import csv
import io
import json
import os
import tempfile
from pathlib import Path


def write_atomic(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_student(out, record):
    write_atomic(Path(out) / f"{record['student']}.json", json.dumps(record, indent=1, sort_keys=True) + "\n")


def read_student(out, student):
    try:
        with open(Path(out) / f"{student}.json", encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def read_records(out):
    """Every student record in `out` (the <student>.json files the grader wrote), by student id.
    Files that are not such a record (other JSON, hidden files) are passed over."""
    records = {}
    for path in sorted(Path(out).glob("*.json")):
        if path.name.startswith("."):
            continue
        record = read_student(out, path.stem)
        if (
            type(record) is dict
            and record.get("student") == path.stem
            and type(record.get("source_sha256")) is str
            and type(record.get("exercises")) is dict
        ):
            records[path.stem] = record
    return records


def write_gradebook(out, records, exercises):
    """gradebook.csv: one row per student; a column per exercise (points), total, max and status.

    Only a graded submission has points: for one that could not be graded (not a notebook, the
    wrong lesson, a grader error) the point cells and the total are left empty, so a spreadsheet's
    averages skip it instead of counting a zero the student never earned."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *exercises, "total", "max", "status"])
    for record in sorted(records, key=lambda r: r["student"]):
        if record.get("status") == "graded":
            points = [_number(record.get("exercises", {}).get(ex, {}).get("points", 0)) for ex in exercises]
            total = _number(record.get("total", 0))
        else:
            points, total = [""] * len(exercises), ""
        writer.writerow([record["student"], *points, total, _number(record["max_total"]), record["status"]])
    write_atomic(Path(out) / "gradebook.csv", buffer.getvalue())


def _number(x):
    """Only numbers reach the CSV (never text a student could have influenced)."""
    x = float(x) if type(x) in (int, float) else 0.0
    return int(x) if x.is_integer() else round(x, 2)
