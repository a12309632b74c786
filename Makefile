# danchu — two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup system demo test lint serve bench clean

setup: system $(STAMP) node_modules/.installed danchu/locale/en/LC_MESSAGES/django.mo

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

# System packages (Debian names), installed where this runs as root with apt; elsewhere the
# missing ones are named and set-up goes on without them (bin/system-packages):
# - libreoffice-writer-nogui renders the PDF;
# - fonts-liberation2 is the Times New Roman replacement with every Vietnamese letter
#   (fonts-liberation 1.07 has none of ơ, ư, ạ…ỹ, so LibreOffice mixes in DejaVu Serif letter by letter);
# - poppler-utils (pdftotext, pdffonts) reads the PDFs back in tests; chromium drives the browser
#   tests; postgresql is the second database the suite runs on in CI (.ci/run).
SYSTEM_PACKAGES := libreoffice-writer-nogui fonts-liberation2 poppler-utils chromium postgresql
SYSTEM_EXTRA ?=

system:
	@sh bin/system-packages $(SYSTEM_PACKAGES) $(SYSTEM_EXTRA)

demo: setup
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
