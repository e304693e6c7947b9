# The front door. `make run` and `make test` do all the set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := resources/sample-site
export QTWEBENGINE_DISABLE_SANDBOX ?= 1

.PHONY: install sysdeps run test lint bench package clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,package]"
	touch $(STAMP)

sysdeps:
	@./packaging/system-deps.sh

run: install sysdeps
	$(BIN)/hugo-post-editor $(SAMPLE)

test: install sysdeps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check editor tests
	$(BIN)/mypy

bench: install sysdeps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

# Linux: the PyInstaller one-folder bundle, a .tar.gz with install.sh, and a .deb (in dist/)
package: install sysdeps
	$(BIN)/python packaging/make_icons.py packaging/build/icons
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/hugo-post-editor.spec
	PYTHON=$(BIN)/python packaging/linux/build.sh

clean:
	rm -rf $(VENV) build dist packaging/build *.egg-info .pytest_cache .mypy_cache .ruff_cache
