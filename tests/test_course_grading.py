"""`deepslow grade --source lessons/ submitted/`: a whole course in one command, on the real lessons.

Submissions are matched to lessons by the exercise ids they hold (not their file names); the
course gradebook has one row per student, a total per lesson ("01 total"), a column per exercise
and the course total; notebooks.csv says what was done with every notebook found."""

import csv
import json
import shutil

import nbformat
import pytest
from grading_helpers import run_cli

from deepslow.grading.course import match, plan, read_lessons, shown, write_course_gradebook
from deepslow.grading.grade import GradingError

LESSONS = __import__("pathlib").Path(__file__).parents[1] / "lessons"
FAST = ["--jobs", "2", "--cell-timeout", "20", "--timeout", "120", "--quiet", "--uid-base", "65500"]


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """The student versions of the six lessons, made by `deepslow assign`."""
    folder = tmp_path_factory.mktemp("release") / "release"
    code, _, err = run_cli("assign", str(LESSONS), str(folder))
    assert code == 0, err
    return folder


# --- lessons and matching -------------------------------------------------------------------


def test_the_lessons_folder_gives_six_lessons_labelled_by_their_number():
    lessons = read_lessons(LESSONS)
    assert [lesson.label for lesson in lessons] == ["01", "02", "03", "04", "05", "06"]
    assert "04-gd-step" in lessons[3].points and lessons[3].source.name.startswith("04-")


def test_a_folder_without_lessons_and_an_exercise_in_two_lessons_are_refused(tmp_path):
    with pytest.raises(GradingError, match="holds no source notebook with a graded exercise"):
        read_lessons(tmp_path)
    shutil.copy(LESSONS / "04-gradient-descent-and-backprop.ipynb", tmp_path / "04-a.ipynb")
    shutil.copy(LESSONS / "04-gradient-descent-and-backprop.ipynb", tmp_path / "05-b.ipynb")
    with pytest.raises(GradingError, match="is graded in both 04-a.ipynb and 05-b.ipynb"):
        read_lessons(tmp_path)


def test_two_lessons_with_one_number_are_labelled_by_their_names(tmp_path):
    shutil.copy(LESSONS / "01-computational-graphs.ipynb", tmp_path / "01-graphs.ipynb")
    shutil.copy(LESSONS / "02-perceptrons.ipynb", tmp_path / "01-perceptrons.ipynb")
    assert [lesson.label for lesson in read_lessons(tmp_path)] == ["01-graphs", "01-perceptrons"]


def test_every_student_version_matches_its_own_lesson_whatever_its_name(release):
    lessons = read_lessons(LESSONS)
    for lesson in lessons:
        data = (release / lesson.source.name).read_bytes()
        found, how = match(data, "renamed by the student.ipynb", lessons)
        assert found is lesson and how == len(lesson.points)


def test_a_notebook_matching_none_or_two_lessons_equally_says_why():
    lessons = read_lessons(LESSONS)
    empty = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
    assert match(empty, "x.ipynb", lessons) == (None, "it holds no exercise id of any lesson")
    both = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('check("01-run-order")\ncheck("02-softmax")')])
    assert match(nbformat.writes(both).encode(), "x.ipynb", lessons) == (
        None,
        "it holds as many exercise ids of lessons 01 and 02",
    )
    longer = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('check("04-gd-step2")')])
    assert match(nbformat.writes(longer).encode(), "x.ipynb", lessons)[0] is None  # a whole id, not a prefix


def test_a_notebook_that_is_not_json_is_matched_by_a_lessons_file_name_only():
    lessons = read_lessons(LESSONS)
    assert match(b"garbage", "02-perceptrons.ipynb", lessons) == (lessons[1], 0)
    found, why = match(b"garbage", "mine.ipynb", lessons)
    assert found is None and why == "it is not a notebook (not JSON), and its name is not a lesson's"


def test_students_are_folders_and_a_second_notebook_for_a_lesson_is_listed_not_graded(tmp_path, release):
    subs = tmp_path / "submitted"
    for folder in ("ann", "bob smith"):
        (subs / folder).mkdir(parents=True)
    lesson4 = "04-gradient-descent-and-backprop.ipynb"
    shutil.copy(release / lesson4, subs / "ann" / lesson4)
    shutil.copy(release / lesson4, subs / "ann" / "copy of it.ipynb")
    shutil.copy(release / lesson4, subs / "bob smith" / "=HYPERLINK(1).ipynb")
    shutil.copy(release / lesson4, subs / "flat.ipynb")
    lessons = read_lessons(LESSONS)
    bases = {p: subs for p in subs.rglob("*.ipynb")}
    by_lesson, listing, students = plan(lessons, bases)
    assert by_lesson[lessons[3]] == {
        "ann": subs / "ann" / lesson4,
        "bob_smith": subs / "bob smith" / "=HYPERLINK(1).ipynb",
        "flat": subs / "flat.ipynb",
    }
    assert sorted(students) == ["ann", "bob_smith", "flat"]
    assert ["ann", "ann/copy_of_it.ipynb", "04", f"not graded: ann/{lesson4} is"] in listing
    assert ["bob_smith", "bob_smith/_HYPERLINK_1_.ipynb", "04", "graded"] in listing


def test_a_file_that_cannot_be_read_is_matched_by_name_or_listed_with_the_reason(tmp_path):
    import os

    subs = tmp_path / "submitted"
    (subs / "ann").mkdir(parents=True)
    os.mkfifo(subs / "ann" / "pipe.ipynb")
    os.mkfifo(subs / "ann" / "02-perceptrons.ipynb")
    lessons = read_lessons(LESSONS)
    by_lesson, listing, _ = plan(lessons, {p: subs for p in subs.rglob("*.ipynb")})
    assert by_lesson[lessons[1]] == {"ann": subs / "ann" / "02-perceptrons.ipynb"}
    assert [
        "ann",
        "ann/pipe.ipynb",
        "",
        "matches no lesson: it is not gradable: it is a named pipe (FIFO), not a regular file (only regular files "
        "are graded), and its name is not a lesson's",
    ] in listing


def test_file_names_in_csv_cells_are_never_formulas(tmp_path):
    for name in ("=cmd.ipynb", "+1.ipynb", "-2.ipynb", "@x.ipynb"):
        assert shown(tmp_path / name, tmp_path)[0] == "_"
    assert shown(tmp_path / "a b\nc.ipynb", tmp_path) == "a_b_c.ipynb"


def test_the_course_gradebook_totals_graded_lessons_and_names_the_others(tmp_path):
    lessons = read_lessons(LESSONS)[:2]
    a, b = (list(lesson.points) for lesson in lessons)
    graded = {"status": "graded", "total": 3, "exercises": {a[0]: {"points": 2}, a[1]: {"points": 1}}}
    records = {lessons[0]: {"ann": graded, "bo": {**graded, "status": "not gradable"}}, lessons[1]: {}}
    write_course_gradebook(tmp_path, lessons, records, ["ann", "bo"])
    ann, bo = rows(tmp_path / "gradebook.csv")
    assert ann["01 total"] == "3" and ann[a[0]] == "2" and ann[a[2]] == "0" and ann["02 total"] == ""
    assert ann["total"] == "3" and ann["max"] == str(sum(lessons[0].points.values()) + sum(lessons[1].points.values()))
    assert ann["status"] == "02 missing"
    assert bo["01 total"] == "" and bo["total"] == "0" and bo["status"] == "01 not gradable; 02 missing"


# --- the real run ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course(tmp_path_factory, release):
    """Three students hand in: ann every source lesson (full marks), ben every student version
    (zero), cal lesson 1 solved under another name, lesson 4 unsolved, a notebook of no lesson
    and lesson 2 as garbage."""
    root = tmp_path_factory.mktemp("course")
    subs = root / "submitted"
    for student in ("ann", "ben", "cal"):
        (subs / student).mkdir(parents=True)
    for source in LESSONS.glob("*.ipynb"):
        shutil.copy(source, subs / "ann" / source.name)
        shutil.copy(release / source.name, subs / "ben" / source.name)
    shutil.copy(LESSONS / "01-computational-graphs.ipynb", subs / "cal" / "my work.ipynb")
    shutil.copy(release / "04-gradient-descent-and-backprop.ipynb", subs / "cal" / "lesson4.ipynb")
    (subs / "cal" / "notes.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    (subs / "cal" / "02-perceptrons.ipynb").write_text("garbage")
    out = root / "grades"
    first = run_cli("grade", "--source", str(LESSONS), str(subs), "--out", str(out), *FAST)
    again = run_cli("grade", "--source", str(LESSONS), str(subs), "--out", str(out), *FAST)
    return {"out": out, "first": first, "again": again}


@pytest.mark.slow
def test_the_course_gradebook_has_a_row_per_student_and_the_lessons_columns(course):
    table = rows(course["out"] / "gradebook.csv")
    lessons = read_lessons(LESSONS)
    expected = ["student"]
    for lesson in lessons:
        expected += [f"{lesson.label} total", *lesson.points]
    assert list(table[0]) == [*expected, "total", "max", "status"]
    course_max = sum(sum(lesson.points.values()) for lesson in lessons)
    ann, ben, cal = table
    assert ann["student"] == "ann" and ann["total"] == ann["max"] == str(course_max) and ann["status"] == "graded"
    assert all(ann[f"{lesson.label} total"] == str(sum(lesson.points.values())) for lesson in lessons)
    assert ben["total"] == "0" and ben["status"] == "graded"
    assert cal["01 total"] == "9" and cal["04 total"] == "0" and cal["total"] == "9"
    assert cal["status"] == "02 not gradable; 03 missing; 05 missing; 06 missing"


@pytest.mark.slow
def test_notebooks_csv_says_where_each_notebook_went(course):
    listing = {(r["student"], r["notebook"]): (r["lesson"], r["status"]) for r in rows(course["out"] / "notebooks.csv")}
    assert listing[("cal", "cal/my_work.ipynb")] == ("01", "graded")
    assert listing[("cal", "cal/lesson4.ipynb")] == ("04", "graded")
    assert listing[("cal", "cal/02-perceptrons.ipynb")] == ("02", "not gradable")
    assert listing[("cal", "cal/notes.ipynb")] == ("", "matches no lesson: it holds no exercise id of any lesson")
    assert len(listing) == 16


@pytest.mark.slow
def test_each_lesson_has_its_own_folder_gradebook_and_records(course):
    for lesson in read_lessons(LESSONS):
        folder = course["out"] / lesson.source.stem
        assert {r["student"] for r in rows(folder / "gradebook.csv")} <= {"ann", "ben", "cal"}
        assert json.loads((folder / "ann.json").read_text())["status"] == "graded"


@pytest.mark.slow
def test_exit_code_summary_and_a_rerun_that_skips_everything(course):
    code, out, _ = course["first"]
    assert code == 1  # cal's garbage lesson 2 could not be graded
    assert (
        "6 lesson(s)" in out and "02: 2 graded, 1 failed, 0 skipped" in out and "1 notebook(s) matched no lesson" in out
    )
    code, out, _ = course["again"]
    assert "01: 0 graded, 0 failed, 3 skipped" in out and "06: 0 graded, 0 failed, 2 skipped" in out
    assert rows(course["out"] / "gradebook.csv")[0]["total"] == rows(course["out"] / "gradebook.csv")[0]["max"]


def test_the_cli_says_what_is_wrong_with_a_course_folder(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "subs").mkdir()
    code, _, err = run_cli(
        "grade", "--source", str(tmp_path / "lessons"), str(tmp_path / "subs"), "--out", str(tmp_path / "o")
    )
    assert code == 2 and "holds no source notebook with a graded exercise" in err
    code, _, err = run_cli(
        "grade", "--source", str(LESSONS), str(tmp_path / "subs"), "--out", str(tmp_path / "subs" / "o")
    )
    assert code == 2 and "no submissions (.ipynb files) found" in err
