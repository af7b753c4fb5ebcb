/*
 * jsonl-pass.c - the smallest pressline tool: read every record, decode
 * its text member, write the record back through the span-preserving
 * writer.  It measures the core's cost (bench/core.sh) and lets the
 * command-level tests exercise the shared driver on its own.
 *
 *   jsonl-pass < dump.jsonl > same.jsonl
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "json.h"
#include "run.h"

struct pass {
	struct pl_buf out;
	long long chars;
};

static int
pass_process(void *state, struct pl_run *run, const struct pl_doc *doc,
             struct pl_error *err)
{
	struct pass *p = state;

	p->chars += (long long)doc->len;
	if (!doc->is_json || !pl_run_jsonl_out(run))
		return pl_run_write(run, doc->text, doc->len, err);
	pl_buf_reset(&p->out);
	if (pl_json_write_edited(&p->out, doc->json, NULL, 0) < 0)
		return pl_error_set(err, "out of memory");
	return pl_run_write(run, p->out.data, p->out.len, err);
}

static int
pass_finish(void *state, struct pl_run *run, struct pl_error *err)
{
	struct pass *p = state;

	(void)err;
	pl_run_stat(run, "text bytes decoded", p->chars);
	return 0;
}

static void
pass_cleanup(void *state)
{
	struct pass *p = state;

	pl_buf_free(&p->out);
}

static const struct pl_tool tool = {
    .name = "jsonl-pass",
    .summary = "Copy records through the pressline core (for tests and "
               "benchmarks).",
    .synopsis = "[OPTION]... [FILE]...",
    .unit = PL_UNIT_LINE,
    .flags = PL_TOOL_NO_LANG,
    .process = pass_process,
    .finish = pass_finish,
    .cleanup = pass_cleanup,
};

int
main(int argc, char **argv)
{
	struct pass p = {PL_BUF_INIT, 0};

	return pl_main(&tool, &p, argc, argv);
}
