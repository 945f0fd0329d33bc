# Two commands do all the set-up on a fresh Debian/Ubuntu machine:
#   make demo   installs what is missing, then builds every sample into out/ as EPUB and PDF
#   make test   installs what is missing, then runs the whole test suite
# System libraries are installed with apt-get when missing and we run as root; otherwise the
# exact command to run is printed.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
NEWSPACK := $(VENV)/bin/newspack
OUT    ?= out

# command-or-library to check : Debian package that provides it
DEMO_DEPS := lib:libpango-1.0.so.0:libpango-1.0-0 lib:libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
             lib:libharfbuzz.so.0:libharfbuzz0b lib:libharfbuzz-subset.so.0:libharfbuzz-subset0 font:DejaVuSerif.ttf:fonts-dejavu-core \
             font:DejaVuSans-Bold.ttf:fonts-dejavu-core font:DejaVuSerif-Italic.ttf:fonts-dejavu-extra
TEST_DEPS := $(DEMO_DEPS) cmd:java:default-jre-headless cmd:pdffonts:poppler-utils cmd:pdftoppm:poppler-utils

SAMPLES := $(wildcard samples/*.html samples/*.txt)

.PHONY: demo test setup system-deps-demo system-deps-test clean

demo: system-deps-demo setup
	@mkdir -p $(OUT)
	@status=0; for f in $(SAMPLES); do \
	  name=$$(basename "$${f%.*}"); \
	  for fmt in epub pdf; do \
	    $(NEWSPACK) article "$$f" -o "$(OUT)/$$name.$$fmt" || status=1; \
	  done; \
	done; \
	echo "Built $$(ls $(OUT)/*.epub $(OUT)/*.pdf 2>/dev/null | wc -l) files in $(OUT)/"; exit $$status

test: system-deps-test setup
	$(VENV)/bin/pytest -q

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || $(MAKE) --no-print-directory apt-install PKGS=python3-venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

system-deps-demo:
	@$(MAKE) --no-print-directory apt-install PKGS="$$(./tools/missing-deps $(DEMO_DEPS))"

system-deps-test:
	@$(MAKE) --no-print-directory apt-install PKGS="$$(./tools/missing-deps $(TEST_DEPS))"

apt-install:
	@if [ -n "$(strip $(PKGS))" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages: $(PKGS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PKGS) >/dev/null; \
	  else \
	    echo "Missing system packages. Run:"; echo "  sudo apt-get install -y $(PKGS)"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(OUT) build dist *.egg-info .pytest_cache
