# ordtrack build.
#
#   make            build ./ordtrack and build/<variant>/libordtrack.a
#   make demo       install missing Debian packages, build, run the sample demo
#   make check      install missing Debian packages (chromium too), build, run every test
#   make check SANITIZE=address,undefined    the same under sanitizers
#   make check VALGRIND=1   the command-line tests under valgrind
#                           (VALGRIND_TESTS="add vote": only those scripts)
#   make bench      benchmarks against the git command line
#   make fuzz       libFuzzer (clang) on each tests/fuzz target, FUZZ_SECONDS each
#   make deps       install the Debian packages the build and tests need
#   make install    PREFIX=/usr/local DESTDIR=
#
# Sources are found by wildcard: a new src/*.c, src/cmd/*.c or
# tests/unit/*.c is picked up without editing this file.

PKGS          := libgit2 libxml-2.0 sqlite3 jansson libutf8proc
DEB_PACKAGES  := build-essential pkg-config git sqlite3 libxml2-utils \
                 libgit2-dev libxml2-dev libsqlite3-dev libjansson-dev \
                 libutf8proc-dev
# what only the tests need: the published site is opened in a real browser
TEST_DEB_PACKAGES := chromium python3-jsonschema
PREFIX        ?= /usr/local
DESTDIR       ?=
SANITIZE      ?=

CC            ?= cc
WARN          := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wvla \
                 -Wwrite-strings -Werror
OPT           ?= -O2 -g
DEPS_OK       := $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes)

ifeq ($(DEPS_OK),yes)
PKG_CFLAGS    := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS      := $(shell pkg-config --libs $(PKGS))
endif

comma         := ,
ifneq ($(SANITIZE),)
VARIANT       := san-$(subst $(comma),-,$(SANITIZE))
SANFLAGS      := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
VARIANT       := default
SANFLAGS      :=
endif
BUILD         := build/$(VARIANT)
# the crash test kills 200 writers in a plain build; fewer under the
# sanitizers, which make each run several times slower
ifneq ($(SANITIZE),)
export CRASH_RUNS ?= 60
# and the fault-injection loop tries fewer allocations (tests/cli/test_fault.sh)
export FAULT_FIRST ?= 20
export FAULT_SPREAD ?= 30
endif
ALL_CFLAGS    := $(WARN) $(OPT) $(SANFLAGS) -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 \
                 -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS   := $(SANFLAGS) $(LDFLAGS)
LIBS          := $(PKG_LIBS) -lpthread -lm

LIB_SRC       := $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
CMD_SRC       := src/main.c $(sort $(wildcard src/cmd/*.c))
UNIT_SRC      := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC      := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRC     := $(sort $(wildcard bench/*.c))
TOOLS_SRC     := $(sort $(wildcard tests/tools/*.c))
LIB_OBJ       := $(LIB_SRC:%.c=$(BUILD)/%.o)
CMD_OBJ       := $(CMD_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN      := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_BIN      := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
BENCH_BIN     := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
TOOLS_BIN     := $(TOOLS_SRC:tests/tools/%.c=$(BUILD)/tools/%)
LIBA          := $(BUILD)/libordtrack.a
BIN           := $(BUILD)/ordtrack

.PHONY: all demo check check-run bench fuzz deps ensure-deps ensure-test-deps have-deps install \
        uninstall clean format tidy
.DEFAULT_GOAL := all

all: $(BIN) ordtrack

# ./ordtrack always points at the last build of the default variant.
ordtrack: $(BIN)
	@if [ "$(VARIANT)" = default ]; then ln -sf $(BIN) ordtrack; fi

have-deps:
	@if [ "$(DEPS_OK)" != yes ]; then \
	  echo "ordtrack: missing build dependencies; run: sudo apt-get install -y $(DEB_PACKAGES)  (or: make deps)" >&2; \
	  exit 1; fi

deps:
	@SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	echo "installing Debian packages: $(DEB_PACKAGES)"; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEB_PACKAGES) >/dev/null

ensure-deps:
	@pkg-config --exists $(PKGS) 2>/dev/null && command -v git >/dev/null \
	  && command -v sqlite3 >/dev/null && command -v xmllint >/dev/null \
	  || $(MAKE) --no-print-directory deps

$(BUILD)/%.o: %.c | have-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CMD_OBJ) $(LIBA)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(LIBA) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h tests/unit/testdoc.h $(LIBA) | have-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIBA) $(LIBS) $(ALL_LDFLAGS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay_main.c $(LIBA) | have-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay_main.c $(LIBA) $(LIBS) $(ALL_LDFLAGS)

$(BUILD)/bench/%: bench/%.c $(LIBA) | have-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBA) $(LIBS) $(ALL_LDFLAGS)

# test tools (tests/tools/*.c: the site checker), found by tests through
# $ORDTRACK_TOOLS
$(BUILD)/tools/%: tests/tools/%.c $(LIBA) | have-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBA) $(LIBS) $(ALL_LDFLAGS)

demo: ensure-deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh ./$(BIN)

check: ensure-deps ensure-test-deps
	@$(MAKE) --no-print-directory check-run

# chromium for tests/cli/test_browser.sh and Debian's python3-jsonschema
# for validating the OCD export against pupa's schemas; when they cannot be
# installed those cases are skipped with a message (CI sets
# ORDTRACK_REQUIRE_BROWSER=1, which turns a missing browser into a failure)
ensure-test-deps:
	@{ command -v chromium >/dev/null && /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; } || { \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "installing Debian packages for the tests: $(TEST_DEB_PACKAGES)"; \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    $(TEST_DEB_PACKAGES) >/dev/null; } || \
	  echo "ordtrack: could not install $(TEST_DEB_PACKAGES); the browser and schema tests will be skipped" >&2; }

# VALGRIND=1: the command-line tests with every ordtrack run under valgrind
check-run: $(BIN) $(UNIT_BIN) $(FUZZ_BIN) $(TOOLS_BIN)
	@VALGRIND=$(VALGRIND) VALGRIND_TESTS="$(VALGRIND_TESTS)" sh tests/run.sh $(BUILD)

bench: ensure-deps
	@$(MAKE) --no-print-directory OPT="-O2 -g -DNDEBUG" $(BIN) $(BENCH_BIN)
	@sh bench/run.sh $(BUILD)

# Coverage-guided fuzzing with clang's libFuzzer (Debian: clang,
# libclang-rt-14-dev).  New inputs go to build/fuzz/corpus-NAME; copy the
# interesting ones (and any crash-*) to tests/fuzz/corpus/NAME, which
# make check replays.
# FUZZ_TARGETS="import_xml redline" runs only those; each target's
# dictionary is tests/fuzz/NAME.dict; FUZZ_ARGS adds libFuzzer options
# (FUZZ_ARGS="-fork=1 -ignore_crashes=1" keeps going after a finding).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRC))
FUZZ_MAX_LEN ?= 16384
FUZZ_CC      ?= clang
FUZZ_FLAGS   := -std=c11 -O1 -g -fsanitize=address,undefined -D_DEFAULT_SOURCE -Iinclude -Isrc $(PKG_CFLAGS)
fuzz: | have-deps
	@mkdir -p build/fuzz
	@for f in $(LIB_SRC); do \
	  $(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $$f -o build/fuzz/$$(basename $$f .c).o || exit 1; \
	done
	@set -e; for n in $(FUZZ_TARGETS); do t=tests/fuzz/fuzz_$$n.c; \
	  $(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $$t build/fuzz/*.o $(LIBS) -o build/fuzz/fuzz_$$n; \
	  c=build/fuzz/corpus-$$n; mkdir -p $$c; cp tests/fuzz/corpus/$$n/* $$c/; \
	  d=; [ -f tests/fuzz/$$n.dict ] && d=-dict=tests/fuzz/$$n.dict; \
	  build/fuzz/fuzz_$$n $$c $$d -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/$$n- $(FUZZ_ARGS); done

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
	  $(DESTDIR)$(PREFIX)/include/ordtrack $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ordtrack
	install -m 644 $(LIBA) $(DESTDIR)$(PREFIX)/lib/libordtrack.a
	install -m 644 include/ordtrack/*.h $(DESTDIR)$(PREFIX)/include/ordtrack/
	install -m 644 docs/ordtrack.1 $(DESTDIR)$(PREFIX)/share/man/man1/ordtrack.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/ordtrack $(DESTDIR)$(PREFIX)/lib/libordtrack.a \
	  $(DESTDIR)$(PREFIX)/share/man/man1/ordtrack.1
	rm -rf $(DESTDIR)$(PREFIX)/include/ordtrack

format:
	clang-format -i src/*.c src/*.h src/cmd/*.c src/cmd/*.h include/ordtrack/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build ordtrack

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d)
