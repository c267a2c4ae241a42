# The two commands a newcomer needs (see README.md):
#   make lessons   set everything up and open the lessons in JupyterLab
#   make test      set everything up and run all the tests
.PHONY: setup setup-test lessons test bench lint

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test

lessons: setup
	.venv/bin/python -m deepslow.cli lessons

test: setup-test
	bash scripts/test.sh

bench: setup-test
	.venv/bin/python bench/run_all.py

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .
