# pressline - Unix filters for article dumps.  Plain GNU make.
#
#   make            build bin/<tool> for every tools/<tool>/main.c
#   make check      install missing Debian packages (as root), build, run
#                   unit tests, command-level tests, man page examples, lint
#   make asan       the same tests under ASan + UBSan (in build-asan/)
#   make demo       the flagship pipelines over examples/
#   make bench      side-by-side benchmarks (bench/), prints ratios
#   make install    PREFIX=/usr/local DESTDIR= ; make uninstall

PREFIX	= /usr/local
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man
PKG_CONFIG = pkg-config
CC	?= cc
CFLAGS	= -O2 -g
BUILD	= build
BIN	= bin
SH	= bash

PL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Icommon -Itools
PL_CFLAGS   = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	      -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(WERROR),1)
PL_CFLAGS += -Werror
endif
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags libutf8proc yaml-0.1 2>/dev/null)
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs libutf8proc yaml-0.1 2>/dev/null || \
		echo -lutf8proc -lyaml)
# utf8.c fills its category table under pthread_once (in libc since
# glibc 2.34; named for older C libraries)
DEP_LIBS   += -lpthread
TEST_LIBS  := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null || echo -lcriterion)

ALL_CPPFLAGS = $(CPPFLAGS) $(PL_CPPFLAGS)
ALL_CFLAGS   = $(CFLAGS) $(PL_CFLAGS) $(DEP_CFLAGS)
ALL_LDFLAGS  = $(LDFLAGS)

TOOLS := $(sort $(patsubst tools/%/main.c,%,$(wildcard tools/*/main.c)))
PROGS := $(TOOLS:%=$(BIN)/%)
MANS  := $(sort $(wildcard man/*.1 man/*.7))

COMMON_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard common/*.c))
LIB := $(BUILD)/libpressline.a
COMMON_YAML := $(wildcard common/data/*.yaml)

all: $(PROGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(COMMON_OBJ)
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

# One set of rules per tool: its modules, its embedded YAML defaults
# (tools/<tool>/yaml.list names the files in order, else tools/<tool>/*.yaml)
define tool_rules
$(1)_MOD := $$(patsubst %.c,$(BUILD)/%.o,$$(filter-out tools/$(1)/main.c,$$(wildcard tools/$(1)/*.c)))
$(1)_YAML := $$(if $$(wildcard tools/$(1)/yaml.list),$$(shell cat tools/$(1)/yaml.list),$$(wildcard tools/$(1)/*.yaml))
$(BUILD)/tools/$(1)/defaults.c: $$($(1)_YAML) build-aux/embed.sh $$(wildcard tools/$(1)/yaml.list)
	@mkdir -p $$(@D)
	$(SH) build-aux/embed.sh $(subst -,_,$(1))_defaults $$($(1)_YAML) > $$@.tmp && mv $$@.tmp $$@
$(BUILD)/tools/$(1)/defaults.o: $(BUILD)/tools/$(1)/defaults.c
	$(CC) $(ALL_CFLAGS) -c $$< -o $$@
$(BIN)/$(1): $(BUILD)/tools/$(1)/main.o $$($(1)_MOD) $(BUILD)/tools/$(1)/defaults.o $(LIB)
	@mkdir -p $$(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $$@ $$^ $(DEP_LIBS) -lm
TOOL_MODS += $$($(1)_MOD)
TOOL_DEFAULTS += $(BUILD)/tools/$(1)/defaults.o
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rules,$(t))))

UNIT_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/unit/*.c))
$(BUILD)/unit-tests: $(UNIT_OBJ) $(TOOL_MODS) $(TOOL_DEFAULTS) $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(TEST_LIBS) $(DEP_LIBS) -lm

# The core on its own, for tests/cli.sh and bench/core.sh.
$(BUILD)/jsonl-pass: $(BUILD)/bench/jsonl-pass.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

deps:
	@$(SH) build-aux/deps.sh

# The tests proper; check = deps + these.  Each step prints its counts;
# tests/summary.sh adds them up into the closing "N passed, N failed".
# A test script that exits non-zero (a crash, an unset variable under
# set -u) may have stopped before reporting: it counts as one failure.
RESULTS = $(abspath $(BUILD))/results
SCRIPTS = tests/cli.sh $(filter-out tests/cli.sh tests/run-unit.sh \
	  tests/summary.sh tests/lint-man.sh,$(wildcard tests/*.sh))
test: all $(BUILD)/unit-tests $(BUILD)/jsonl-pass
	@rm -f $(RESULTS)
	@$(SH) tests/run-unit.sh $(BUILD)/unit-tests $(RESULTS)
	@for t in $(SCRIPTS) "tests/lint-man.sh $(MANS)"; do \
		PL_BIN=$(abspath $(BIN)) PL_PASS=$(abspath $(BUILD))/jsonl-pass \
		PL_RESULTS=$(RESULTS) $(SH) $$t || { \
		echo "FAIL: $${t%% *} exited with status $$?"; \
		echo "$${t%% *} 0 1" >> $(RESULTS); }; \
	done
	@$(SH) tests/summary.sh $(RESULTS)

check: deps
	@$(MAKE) --no-print-directory test

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=undefined
asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bin \
	    CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" test

demo: deps all
	@PATH="$(abspath $(BIN)):$$PATH" $(SH) examples/demo.sh

bench: all $(BUILD)/jsonl-pass
	@for b in bench/*.sh; do PATH="$(abspath $(BIN)):$$PATH" $(SH) $$b || exit 1; done

lint:
	mandoc -Tlint -Wwarning $(MANS)
	clang-format --dry-run -Werror common/*.[ch] tools/*/*.[ch]

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	for p in $(TOOLS); do cp -f $(BIN)/$$p $(DESTDIR)$(BINDIR)/$$p; \
		chmod 755 $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do s=$${m##*.}; cp -f $$m $(DESTDIR)$(MANDIR)/man$$s/; \
		chmod 644 $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

uninstall:
	for p in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

dist:
	git archive --format=tar.gz --prefix=pressline-$$(sed -n 's/^#define PL_VERSION "\(.*\)"/\1/p' common/pressline.h)/ \
	    -o pressline-$$(sed -n 's/^#define PL_VERSION "\(.*\)"/\1/p' common/pressline.h).tar.gz HEAD

clean:
	rm -rf build build-asan bin

.PHONY: all deps test check asan demo bench lint install uninstall dist clean
