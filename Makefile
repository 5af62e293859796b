# Two commands: `make demo` (load the samples and serve them) and `make test`.
# `make score-wider` scores extraction on tests/data/wider (single articles, press releases...).
HOST ?= 127.0.0.1
PORT ?= 8000
STORE ?= var/store
KAZGRAPH := .venv/bin/kazgraph
SCORER ?= ../shared/eval/score.py

.PHONY: demo test setup bench clean score-wider

setup:
	bash .ci/setup

demo: setup
	$(KAZGRAPH) load data/samples --store $(STORE)
	$(KAZGRAPH) serve --store $(STORE) --host $(HOST) --port $(PORT)

test:
	bash .ci/run

bench: setup
	.venv/bin/python bench/bench_store.py

score-wider:
	.venv/bin/python $(SCORER) --gold tests/data/wider/gold --docs tests/data/wider/docs \
		--ontology ontology --per-doc \
		--cmd "$(KAZGRAPH) extract {input} --published {date} --output {output}"

clean:
	rm -rf var/store build dist *.egg-info
