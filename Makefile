# The front door. `make run` and `make test` do all the set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QTWEBENGINE_DISABLE_SANDBOX ?= 1

.PHONY: install sysdeps sysdeps-test run test check lint format bench package clean

# the app's bytecode is compiled here, not at each start: a first run is not slower, nor every
# run where PYTHONDONTWRITEBYTECODE is set (it only stops writing; written bytecode is read).
# PySide's own Python support code is embedded in shiboken as source and compiled at every
# start (~25 ms); SBK_EMBED=0 is PySide's switch that writes it out beside shiboken6
# (files.dir), where it is imported, and compiled, like any module (refreshed on each install)
install: $(STAMP)
	@$(BIN)/python -m compileall -q -j0 editor
	@SBK_EMBED=0 $(BIN)/python -c "import shiboken6"
	@$(BIN)/python -m compileall -q -j0 "$$($(BIN)/python -c 'import shiboken6, os; print(os.path.dirname(shiboken6.__file__))')/files.dir"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,package]"
	touch $(STAMP)

# the system libraries Qt needs, found by ldd on the installed Qt (packaging/system_deps.py)
sysdeps: install
	@$(BIN)/python packaging/system_deps.py

sysdeps-test: install
	@$(BIN)/python packaging/system_deps.py --test

# the app on a copy of the bundled sample site, made in your data folder on the first run
run: install sysdeps
	$(BIN)/hugo-post-editor --sample-site

test: install sysdeps-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# what a contributor runs before pushing (and what the GitHub workflow runs)
check: install
	$(BIN)/ruff check editor tests packaging
	$(BIN)/ruff format --check editor tests packaging
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/core/test_layering.py

lint: check

format: install
	$(BIN)/ruff format editor tests packaging
	$(BIN)/ruff check --fix editor tests packaging

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
