# citecheck: two commands set up everything on a fresh machine.
#   make docs   -> .venv, install, HTML + PDF + citation report under build/
#   make test   -> .venv, install with the test extra, every test
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
BUILD  ?= build
SPHINXOPTS ?=

# System packages the PDF build and the browser/PDF tests need (Debian names).
SYSTEM_PACKAGES = chromium chromium-driver texlive-xetex latexmk fonts-freefont-otf \
                  texlive-fonts-recommended xindy poppler-utils fonts-dejavu-core

.PHONY: all venv sysdeps docs html pdf report screenshots test lint clean convert

all: docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $@

venv: $(VENV)/.installed

# Install only what is missing, so a warm machine skips the download.
sysdeps:
	@missing=""; \
	for cmd in xelatex latexmk xindy pdftotext pdffonts chromium; do \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$cmd"; done; \
	fc-list 2>/dev/null | grep -qi freeserif || missing="$$missing freefont"; \
	fc-list 2>/dev/null | grep -qi "dejavu sans" || missing="$$missing dejavu"; \
	if [ -n "$$missing" ]; then \
	  echo "sysdeps: missing$$missing; installing Debian packages"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "sysdeps: run as root with apt-get, or install: $(SYSTEM_PACKAGES)"; fi; \
	fi

# HTML site (furo): open $(BUILD)/html/index.html
html: venv
	$(BIN)/sphinx-build -q -b html -c conf docs $(BUILD)/html $(SPHINXOPTS)
	@echo "html: $(BUILD)/html/index.html"

# PDF through Sphinx's LaTeX builder and xelatex (-M must come first). xelatex
# exits 0 on a missing glyph, so its log is checked here.
pdf: venv sysdeps
	$(BIN)/sphinx-build -M latexpdf docs $(BUILD)/latex -c conf -q $(SPHINXOPTS)
	@if grep -n "Missing character" $(BUILD)/latex/latex/*.log; then \
	  echo "pdf: glyphs missing from the fonts (see above)"; exit 1; fi
	mkdir -p $(BUILD)/pdf && cp $(BUILD)/latex/latex/*.pdf $(BUILD)/pdf/
	@echo "pdf: $$(ls $(BUILD)/pdf/*.pdf)"

# Screenshots of the site (index, a section, the report) and of two PDF pages,
# made by the browser and PDF tests, into $(BUILD)/screenshots/.
screenshots: venv sysdeps
	mkdir -p $(BUILD)/tmp
	TMPDIR=$(abspath $(BUILD))/tmp CITECHECK_SCREENSHOTS=$(abspath $(BUILD))/screenshots \
	  $(BIN)/python -m pytest -q tests/test_site_html.py tests/test_site_pdf.py \
	  -k "screenshots or render"

report: venv
	$(BIN)/citecheck report docs --conf conf --format json -o $(BUILD)/report/citations.json --fail-on none
	$(BIN)/citecheck report docs --conf conf --format markdown -o $(BUILD)/report/citations.md --fail-on none
	$(BIN)/citecheck report docs --conf conf --format text --fail-on none

docs: html pdf report

convert: venv
	$(BIN)/citecheck convert docs/_article/leon-trotsky.txt -o docs

# The browser and PDF tests build the site and the PDF once per session (the
# workers share each build through a lock file). The linters run first: ruff and
# mypy are part of the project's checks, in CI too.
test: venv sysdeps lint
	$(BIN)/python -m pytest -n auto

lint: venv
	$(BIN)/ruff check checker tests benchmarks conf
	$(BIN)/ruff format --check checker tests benchmarks conf
	$(BIN)/mypy checker conf

clean:
	rm -rf $(BUILD)
