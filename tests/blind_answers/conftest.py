# The student notebooks under _verify/ are the verifier's input: their exercise cells raise
# NotImplementedError on purpose, so nbval must not collect them as lessons to run.
collect_ignore_glob = ["_verify/student_notebooks/*.ipynb"]
