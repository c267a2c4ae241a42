"""`deepslow grade --source lessons/ submitted/ --out grades/`: a whole course in one command.

1. Every source notebook in the lessons folder with a graded exercise is a lesson, labelled by
   the number its file name starts with ("04-gradient-descent.ipynb" -> "04").
2. Every submitted notebook is matched to a lesson by the exercise ids it holds (in cell metadata
   or in its code), not by its file name, which students change. A notebook that matches no
   lesson, or two equally, gets a row in notebooks.csv saying so.
3. A student is a folder of submitted/ (nbgrader's submitted/<student>/ layout), or, for a
   notebook directly in a folder given on the command line, the file's name.
4. Each lesson is graded by grade.py into OUT/<lesson>/ (its own gradebook and JSON files, so a
   run resumes and regrades per lesson as a single lesson does); then OUT/gradebook.csv gets one
   row per student: each lesson's total and exercises, and the overall total.
"""

import csv
import io
import json
import re
from pathlib import Path

from .format import Assignment, mentions, read_notebook
from .grade import GradingError, Summary, gather_submissions, grade_students
from .gradebook import _number, write_atomic
from .submissions import SUFFIX, NotGradableError, read_bytes, safe_ids


class Lesson:
    """One source notebook of the course: its file, its label ("04") and its exercises {id: points}."""

    def __init__(self, source, assignment, label):
        self.source, self.assignment, self.label = source, assignment, label
        self.points = assignment.points


def read_lessons(folder):
    """The lessons of a course folder, in file-name order. GradingError names a source notebook
    that cannot be used, or a folder with none."""
    folder = Path(folder)
    found = []
    for source in sorted(p for p in folder.glob("*" + SUFFIX) if p.is_file()):
        try:
            assignment = Assignment(read_notebook(source), source)
        except ValueError as exc:
            raise GradingError(f"in the course folder {folder}: {exc}") from None
        if assignment.points:  # (a notebook with no graded exercise is not a lesson to grade)
            found.append((source, assignment))
    if not found:
        raise GradingError(f"the course folder {folder} holds no source notebook with a graded exercise")
    numbers = [re.match(r"\d+", source.name) for source, _ in found]
    labels = [m.group() if m else source.stem for m, (source, _) in zip(numbers, found)]
    if len(set(labels)) < len(labels):  # two lessons numbered alike: their whole names tell them apart
        labels = [source.stem for source, _ in found]
    owner = {}
    for source, assignment in found:
        for exercise in assignment.points:
            if exercise in owner:
                raise GradingError(
                    f"exercise {exercise!r} is graded in both {owner[exercise].name} and {source.name}: each "
                    f"exercise id must belong to one lesson, so that a submission can be matched to its lesson"
                )
            owner[exercise] = source
    return [Lesson(source, assignment, label) for (source, assignment), label in zip(found, labels)]


def exercise_ids_in(data):
    """Every string a notebook's cells hold (metadata and code), to look for exercise ids in.
    ValueError if the bytes are not a notebook's JSON."""
    try:
        notebook = json.loads(data)
    except (ValueError, RecursionError):
        raise ValueError("it is not a notebook (not JSON)") from None
    cells = notebook.get("cells") if type(notebook) is dict else None
    if type(cells) is not list:
        raise ValueError("it is not a notebook (no list of cells)")
    texts = []
    for cell in cells:
        if type(cell) is not dict:
            continue
        source = cell.get("source")
        texts.append("".join(s for s in source if type(s) is str) if type(source) is list else str(source))
        markup = cell.get("metadata", {}).get("deepslow") if type(cell.get("metadata")) is dict else None
        if type(markup) is dict and type(markup.get("exercise")) is str:
            texts.append(markup["exercise"])
    return "\n".join(texts)


def match(data, name, lessons):
    """(lesson, how many of its exercise ids the notebook holds) or (None, why not).

    A notebook that cannot be read as one is matched by its file name alone, if that is a lesson's
    (so it gets that lesson's "not gradable" row)."""
    try:
        text = exercise_ids_in(data)
    except ValueError as exc:
        return by_name(name, lessons, exc)
    counts = {lesson: sum(mentions(text, ex) for ex in lesson.points) for lesson in lessons}
    best = max(counts.values())
    winners = [lesson for lesson, count in counts.items() if count == best]
    if best == 0:
        return None, "it holds no exercise id of any lesson"
    if len(winners) > 1:
        return None, f"it holds as many exercise ids of lessons {' and '.join(w.label for w in winners)}"
    return winners[0], best


def by_name(name, lessons, why):
    """(the lesson named `name`, 0), or (None, why not), for a notebook that cannot be read."""
    named = [lesson for lesson in lessons if lesson.source.name == name]
    return (named[0], 0) if named else (None, f"{why}, and its name is not a lesson's")


def student_of(path, base):
    """(key, name) of the student a notebook belongs to: the folder of submitted/ it is in, or,
    directly in a folder given on the command line, its own file name."""
    relative = path.relative_to(base)
    if len(relative.parts) > 1:
        return str(base / relative.parts[0]), relative.parts[0]
    return str(path), path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name


def shown(path, base):
    """A submitted file's name for notebooks.csv: its path below the folder it was found in, with
    anything but letters, digits and ._@/- replaced (file names are the students', and a CSV cell
    starting with = + - @ is a formula to a spreadsheet)."""
    text = re.sub(r"[^A-Za-z0-9._@/-]", "_", str(path.relative_to(base)))[:120]
    return "_" + text if text[:1] in "=+-@" else text


def plan(lessons, bases):
    """Who hands in what: ({lesson: {student id: path}}, rows of notebooks.csv, {student id: key}).
    A student with two notebooks for one lesson has the one named like the lesson graded (else
    the one holding more of its ids, else the newest); the other is listed as not graded."""
    keys, candidates, rows = {}, {}, []
    for path, base in bases.items():
        key, name = student_of(path, base)
        keys[key] = name
        try:
            lesson, how = match(read_bytes(path, base=base), path.name, lessons)
        except NotGradableError as exc:  # matched by its name; grade.py then says why it is not gradable
            lesson, how = by_name(path.name, lessons, f"it is not gradable: {exc}")
        if lesson is None:
            rows.append([key, shown(path, base), "", "matches no lesson: " + how])
            continue
        candidates.setdefault((lesson, key), []).append((path.name == lesson.source.name, how, _mtime(path), path))
    ids = safe_ids(keys)
    by_lesson = {lesson: {} for lesson in lessons}
    for (lesson, key), found in candidates.items():
        found.sort(key=lambda c: (not c[0], -c[1], -c[2], str(c[3])))
        chosen = found[0][3]
        by_lesson[lesson][ids[key]] = chosen
        rows.append([key, shown(chosen, bases[chosen]), lesson.label, GRADED_HERE])
        for *_, other in found[1:]:
            rows.append(
                [key, shown(other, bases[other]), lesson.label, f"not graded: {shown(chosen, bases[chosen])} is"]
            )
    rows = [[ids[key], *rest] for key, *rest in rows]
    return by_lesson, sorted(rows), {ids[key]: key for key in keys}


def _mtime(path):
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


GRADED_HERE = "graded"  # replaced by the grader's status once the lesson is graded (see grade_course)


class CourseSummary:
    """What a course run did, lesson by lesson (each a grade.Summary)."""

    def __init__(self, lessons, summaries, unmatched):
        self.lessons, self.summaries, self.unmatched = lessons, summaries, unmatched

    @property
    def exit_code(self):
        return 1 if any(s.failed for s in self.summaries.values()) else 0

    def line(self, out):
        parts = []
        for lesson in self.lessons:
            s = self.summaries[lesson]
            parts.append(f"{lesson.label}: {len(s.graded)} graded, {len(s.failed)} failed, {len(s.skipped)} skipped")
        return (
            f"deepslow grade: {len(self.lessons)} lesson(s) ({'; '.join(parts)}); {self.unmatched} notebook(s) "
            f"matched no lesson (see {Path(out) / 'notebooks.csv'}). Gradebook: {Path(out) / 'gradebook.csv'}, "
            f"and one per lesson in {Path(out)}/<lesson>/"
        )


def grade_course(lessons_folder, submissions, out, **options):
    """Grade every submission in `submissions` (folders or notebooks) against the lesson it
    matches in `lessons_folder`, writing into `out`; `options` as for grade(). Returns a CourseSummary."""
    lessons = read_lessons(lessons_folder)
    bases, folders = gather_submissions(submissions, out)
    by_lesson, rows, students = plan(lessons, bases)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    hidden = folders | {Path(lessons_folder).resolve()}  # no kernel sees another lesson's source either
    summaries = {}
    for lesson in lessons:
        ids = by_lesson[lesson]
        if not ids:
            summaries[lesson] = Summary()
            continue
        try:
            summaries[lesson] = grade_students(
                lesson.source,
                lesson.assignment,
                ids,
                {path: bases[path] for path in ids.values()},
                out / lesson.source.stem,
                hidden,
                label=f"lesson {lesson.label}",
                **options,
            )
        except GradingError as exc:  # lessons graded before this one keep their results
            raise GradingError(f"lesson {lesson.label} ({lesson.source.name}): {exc}") from None
    records = {lesson: {r["student"]: r for r in summaries[lesson].current} for lesson in lessons}
    by_label = {lesson.label: lesson for lesson in lessons}
    for row in rows:  # a notebook picked for grading: its lesson's status ("graded", "not gradable", ...)
        if row[3] == GRADED_HERE:
            row[3] = records[by_label[row[2]]].get(row[0], {}).get("status", "not graded")
    write_notebooks(out, rows)
    write_course_gradebook(out, lessons, records, sorted(students))
    unmatched = sum(1 for row in rows if row[3].startswith("matches no lesson"))
    return CourseSummary(lessons, summaries, unmatched)


def write_notebooks(out, rows):
    """notebooks.csv: every notebook found, the student it belongs to, its lesson and what was done."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "notebook", "lesson", "status"])
    writer.writerows(rows)
    write_atomic(Path(out) / "notebooks.csv", buffer.getvalue())


def write_course_gradebook(out, lessons, records, students):
    """gradebook.csv: one row per student: per lesson "<label> total" and its exercises' points,
    then the course total, its maximum and a status naming each lesson not graded.

    As in a lesson's gradebook, the cells of a lesson that was not graded are empty (a
    spreadsheet's averages skip them); the course total counts them as 0 points, and the status
    says why ("03 missing", "05 not gradable")."""
    header = ["student"]
    for lesson in lessons:
        header += [f"{lesson.label} total", *lesson.points]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*header, "total", "max", "status"])
    course_max = sum(sum(lesson.points.values()) for lesson in lessons)
    for student in students:
        row, total, missing = [student], 0.0, []
        for lesson in lessons:
            record = records[lesson].get(student)
            if record is None or record.get("status") != "graded":
                row += [""] * (1 + len(lesson.points))
                missing.append(f"{lesson.label} {'missing' if record is None else record.get('status')}")
                continue
            points = [_number(record["exercises"].get(ex, {}).get("points", 0)) for ex in lesson.points]
            row += [_number(record.get("total", 0)), *points]
            total += float(_number(record.get("total", 0)))
        status = "graded" if not missing else "; ".join(missing)
        writer.writerow([*row, _number(total), _number(course_max), status])
    write_atomic(Path(out) / "gradebook.csv", buffer.getvalue())
