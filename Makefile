# danchu — two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo test lint serve bench clean libreoffice

setup: $(STAMP) node_modules/.installed danchu/locale/en/LC_MESSAGES/django.mo

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json $(STAMP)
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; else $(BIN)/python -m danchu.frontend; fi
	touch $@

danchu/locale/en/LC_MESSAGES/django.mo: danchu/locale/en/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/python -m danchu.compile_translations

# The PDF is rendered by LibreOffice; install it where missing and allowed (root with apt), else say so.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      apt-get install -y -q --no-install-recommends libreoffice-writer-nogui fonts-liberation >/dev/null \
	      || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends libreoffice-writer-nogui fonts-liberation >/dev/null; }; \
	    else echo "LibreOffice chưa được cài: báo cáo mẫu sẽ không có bản PDF (cài gói libreoffice-writer)."; fi; }

demo: setup libreoffice
	$(BIN)/danchu migrate --noinput
	$(BIN)/danchu load_demo
	$(BIN)/danchu demo_report
	@echo "Máy chủ: http://$(HOST):$(PORT)/ — đăng nhập: demo / demo-danchu-2023"
	$(BIN)/danchu runserver $(HOST):$(PORT) --noreload

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy danchu
	DATABASE_URL=sqlite://:memory: $(BIN)/danchu makemigrations --check --dry-run

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules var/*.sqlite3*
