# charity-pos: `make run` starts the app on a demo store; `make test` type-checks, then runs every test.
# Both set up what they need: Debian packages (when missing), a virtualenv, the package.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TS     := resources/translations/charity_pos_zh_CN.ts
# the compiled catalog, shipped in the package and committed (a test checks it matches the .ts)
QM     := charity_pos/resources/translations/charity_pos_zh_CN.qm
SOURCES := $(shell find charity_pos -name '*.py' -not -path '*/migrations/*')

.PHONY: run test bench translations update-translations screenshots clean
.PHONY: dist deb

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh base
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Only when the .ts changed (the venv is order-only: a fresh one does not rewrite the committed file).
charity_pos/resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

## Re-read the sources for translatable strings (new ones come out unfinished).
update-translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -extensions py -no-obsolete -target-language zh_CN -source-language en $(SOURCES) -ts $(TS)

run: $(STAMP) translations
	bash scripts/system-deps.sh run
	@db="$$($(PY) -c 'from charity_pos.config import Settings; print(Settings.load().store)')"; \
	if [ ! -f "$$db" ]; then echo "Creating the demo store in $$db ..."; $(VENV)/bin/charity-pos demo --db "$$db" || exit 1; fi; \
	if [ "$$(uname)" = Linux ] && [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	  echo "No display: starting under a virtual X server (xvfb-run)."; exec xvfb-run -a $(VENV)/bin/charity-pos gui --db "$$db"; fi; \
	exec $(VENV)/bin/charity-pos gui --db "$$db"

# The tests: mypy, then pytest in one process per core. Python may write its compiled files here
# (PYTHONDONTWRITEBYTECODE unset): the suite starts many Python processes, each of which would otherwise compile
# the package and the tests' rewritten asserts again. The run's files go in a folder of scripts/test-folder.sh.
test: $(STAMP) translations
	bash scripts/system-deps.sh test
	$(PY) -m mypy
	$(PY) -m compileall -q -j 0 charity_pos
	@folder="$$(bash scripts/test-folder.sh)"; echo "The tests' files go in $$folder (removed afterwards)"; \
	PYTHONDONTWRITEBYTECODE= QT_QPA_PLATFORM=offscreen TMPDIR="$$folder" $(PY) -m pytest -p no:cacheprovider -n auto --dist loadfile \
	  --no-loadscope-reorder --basetemp="$$folder/pytest" $(PYTEST_ARGS); \
	status=$$?; rm -rf "$$folder"; exit $$status

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots zh_CN
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots/en en

# The standalone build: dist/charity-pos/, which starts on a machine without Python (README, "Installing
# in a store"). PyInstaller (the `dist` extra) with packaging/charity-pos.spec; Windows: packaging/windows/build.ps1.
DIST_STAMP := $(VENV)/.dist-installed
$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dist]'
	touch $(DIST_STAMP)
dist: $(DIST_STAMP) translations
	bash scripts/system-deps.sh dist
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/charity-pos.spec
	dist/charity-pos/charity-pos --help >/dev/null
	@echo "dist/charity-pos/charity-pos: $$(du -sh dist/charity-pos | cut -f1)"

# The same build as a Debian package: /opt/charity-pos, a /usr/bin link, a menu entry (packaging/linux/make-deb.sh).
deb: dist
	PYTHON=$(PY) bash packaging/linux/make-deb.sh dist/charity-pos dist

clean:
	rm -rf $(VENV) build dist *.egg-info
