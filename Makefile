# Everyday commands. The README's two commands are the ones that matter on a fresh machine.
HTMX_VERSION := 2.0.11
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test translations vendor bench

run:
	$(VENV)/bin/flask --app app run

test:
	$(PY) -m pytest

# After changing any user-facing text: refresh the catalog, then translate the new entries.
translations:
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output -o messages.pot .
	$(VENV)/bin/pybabel update -i messages.pot -d translations --no-fuzzy-matching
	rm messages.pot
	$(VENV)/bin/pybabel compile -d translations

# Refresh the vendored front-end libraries from the npm registry at their pinned versions.
vendor:
	rm -rf static/vendor/htmx-*.min.js
	cd /tmp && npm pack htmx.org@$(HTMX_VERSION) --silent && tar -xzf htmx.org-$(HTMX_VERSION).tgz package/dist/htmx.min.js
	mv /tmp/package/dist/htmx.min.js static/vendor/htmx-$(HTMX_VERSION).min.js
	rm -rf /tmp/package /tmp/htmx.org-$(HTMX_VERSION).tgz

bench:
	$(PY) bench/pages.py
