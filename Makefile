# Tiếp Dân — the two commands of the README, and a few helpers.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# uv installs the project; when it is missing we install it with pip (the brief's contract).
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PG_URL ?= postgres://postgres@127.0.0.1:5432/tiepdan_ci_$(shell echo $$$$)

.PHONY: help install run test lint typecheck pytest pytest-pg bench messages clean

help:
	@echo "make run    — cài đặt, di chuyển CSDL, nạp dữ liệu mẫu và chạy ở http://127.0.0.1:$(PORT)"
	@echo "make test   — ruff, mypy và toàn bộ bộ kiểm thử (SQLite, rồi PostgreSQL nếu có)"
	@echo "make bench  — đo hiệu năng trên dữ liệu sinh ngẫu nhiên (bench/README.md)"

$(BIN)/tiepdan: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --python 3.11 --compile-bytecode
	$(VENV)/bin/python -m compileall -q src >/dev/null
	@touch $@

install: $(BIN)/tiepdan

uv.lock: pyproject.toml
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) lock

run: install
	@mkdir -p var
	TIEPDAN_RUN_DEMO=1 $(BIN)/tiepdan migrate --noinput
	TIEPDAN_RUN_DEMO=1 $(BIN)/tiepdan demo load
	TIEPDAN_RUN_DEMO=1 $(BIN)/tiepdan collectstatic --noinput -v 0
	@TIEPDAN_RUN_DEMO=1 $(BIN)/tiepdan demo accounts
	@echo "Tiếp Dân đang chạy ở http://127.0.0.1:$(PORT)  (Ctrl-C để dừng)"
	TIEPDAN_RUN_DEMO=1 exec $(BIN)/gunicorn tiepdan.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers 2 --threads 4 --access-logfile - --graceful-timeout 5

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	TIEPDAN_DEBUG=1 $(BIN)/mypy

pytest: install
	TIEPDAN_DEBUG=1 $(BIN)/pytest

# The same suite on PostgreSQL when one answers on 127.0.0.1:5432 (a throwaway test database).
pytest-pg: install
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== PostgreSQL =="; TIEPDAN_DEBUG=1 DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser"; \
	else echo "PostgreSQL không trả lời ở 127.0.0.1:5432 — bỏ qua lượt chạy PostgreSQL."; fi

test: lint typecheck pytest pytest-pg

bench: install
	TIEPDAN_DEBUG=1 $(BIN)/python bench/run.py

# Recompile the English catalogue (Vietnamese is the source language).
messages: install
	$(BIN)/tiepdan makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	$(BIN)/tiepdan compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
