# Two commands: `make demo` (load the samples and serve them) and `make test`.
HOST ?= 127.0.0.1
PORT ?= 8000
STORE ?= var/store
KAZGRAPH := .venv/bin/kazgraph

.PHONY: demo test setup bench clean

setup:
	bash .ci/setup

demo: setup
	$(KAZGRAPH) load data/samples --store $(STORE)
	$(KAZGRAPH) serve --store $(STORE) --host $(HOST) --port $(PORT)

test:
	bash .ci/run

bench: setup
	.venv/bin/python bench/bench_store.py

clean:
	rm -rf var/store build dist *.egg-info
