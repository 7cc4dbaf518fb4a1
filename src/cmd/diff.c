/*
 * diff.c - `ordtrack diff`: clause-level changes between two versions
 * (stored revisions, or two text files with --files), rendered as text,
 * JSON, Markdown, HTML or a unified diff.
 *
 * Between stored versions only the sections whose blob ids differ are read
 * (ot_store_load_changed); the units of the identical sections are added to
 * the "unchanged" count from the index.
 *
 * Notes (history, editorial) are compared too and reported apart from the
 * law (ot_diff.notes).  --exit-code looks at the law only, unless --notes
 * is given: a notes-only pair exits 0 without it, 1 with it.
 *
 * --all REV1 REV2 compares the whole code (ot_store_diff_code): REV is a
 * whole-code revision (ot_rev_resolve_main).  JSON is one document with a
 * per-ordinance list, the library's "ordtrack-code-diff/1"
 * (ot_code_diff_doc, docs/diff-format.md); text, Markdown and unified
 * output are the per-ordinance renderings one after the other; HTML is
 * one page of every ordinance's changes.
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/index.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"
#include "ordtrack/text_docs.h"
#include "internal.h"

typedef struct diff_args {
	const char *format;
	const char *color;
	int stat, exit_code, files, context, all, notes;
} diff_args;

/* "The law differs", inside this file: with_exit_code makes it exit 1
 * (OT_EXIT_ERROR is 1 too, and becomes 128 under --exit-code). */
#define DIFF_DIFFERS 100

/* The exit status for a diff that printed: DIFF_DIFFERS under
 * --exit-code when the law changed (or, with --notes, the notes). */
static int changed_status(const ot_diff *d, const diff_args *a)
{
	if (!a->exit_code)
		return OT_EXIT_OK;
	if (ot_diff_has_changes(d) || (a->notes && ot_diff_has_note_changes(d)))
		return DIFF_DIFFERS;
	return OT_EXIT_OK;
}

static int render_and_print(const ot_diff *d, const diff_args *a, ot_diff_render_opts *ro)
{
	ot_buf out = OT_BUF_INIT;
	ot_format fmt;
	int rc, err;

	if (ot_format_parse(&fmt, a->format) < 0)
		return cmd_fail();
	err = a->stat ? ot_render_diff_stat(&out, d, fmt) : ot_render_diff(&out, d, fmt, ro);
	if (err < 0) {
		ot_buf_release(&out);
		return cmd_fail();
	}
	rc = cmd_write_stdout(&out);
	ot_buf_release(&out);
	if (rc == OT_EXIT_OK)
		rc = changed_status(d, a);
	return rc;
}

static int diff_files(const char *old_path, const char *new_path, const diff_args *a, ot_diff_render_opts *ro)
{
	ot_doc *old = NULL, *new = NULL;
	ot_diff *d = NULL;
	int rc;

	size_t unchanged = 0;

	if (cmd_parse_file(&old, old_path) < 0 || cmd_parse_file(&new, new_path) < 0) {
		rc = cmd_fail();
		goto done;
	}
	/* as between stored versions: identical sections are not aligned */
	ot_doc_prune_common(old, new, &unchanged);
	if (ot_diff_compute(&d, old, new, NULL) < 0) {
		rc = cmd_fail();
		goto done;
	}
	d->stats.unchanged += unchanged;
	ro->from_rev = old_path;
	ro->to_rev = new_path;
	ro->old_doc = old;
	ro->new_doc = new;
	rc = render_and_print(d, a, ro);
done:
	ot_diff_free(d);
	ot_doc_free(old);
	ot_doc_free(new);
	return rc;
}

/* Load what differs in `ord` between two commits into *old and *new (sections
 * appended), adding the units of identical sections to *unchanged; an
 * ordinance absent on one side counts as empty there. */
static int load_pair(ot_doc *old, ot_doc *new, size_t *unchanged, ot_tracker *t, const char *c1, const char *o1,
		     const char *c2, const char *o2)
{
	ot_doc *a = NULL, *b = NULL;
	size_t u = 0;
	int err = ot_store_load_pair(&a, &b, &u, NULL, t, (ot_text_ref){c1, o1}, (ot_text_ref){c2, o2});
	if (err == 0 && (err = ot_doc_take_sections(old, a)) == 0)
		err = ot_doc_take_sections(new, b);
	if (err == 0) {
		size_t k;
		for (k = 0; k < a->nnotes; k++)
			ot_doc_add_note(old, a->notes[k].section, a->notes[k].kind, a->notes[k].text);
		for (k = 0; k < b->nnotes; k++)
			ot_doc_add_note(new, b->notes[k].section, b->notes[k].kind, b->notes[k].text);
	}
	*unchanged += u;
	if (!old->title && a && a->title)
		old->title = ot_strdup(a->title);
	if (!new->title && b && b->title)
		new->title = ot_strdup(b->title);
	ot_doc_free(a);
	ot_doc_free(b);
	return err;
}

static int has_str(char **v, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static int diff_revs(const char *spec1, const char *spec2, const diff_args *a, ot_diff_render_opts *ro)
{
	ot_tracker *t = NULL;
	ot_rev r1 = {0}, r2 = {0};
	ot_doc *old = ot_doc_new(), *new = ot_doc_new();
	ot_diff *d = NULL;
	char **ords = NULL;
	size_t unchanged = 0, nords = 0, cap = 0, i;
	char prev[256];
	int rc = OT_EXIT_OK, have_r1 = 0;

	if (cmd_open_tracker(&t) < 0 || ot_rev_resolve(&r2, t, spec2 ? spec2 : spec1) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (!spec2 && r2.record) {
		/* RECORD alone: its changes against its base */
		if (ot_rev_record_base(&r1, t, &r2) < 0) {
			rc = cmd_fail();
			goto done;
		}
		have_r1 = 1;
		spec1 = r1.spec;
	} else if (!spec2) {
		/* ORD alone: its last two versions */
		if (strchr(spec1, '@')) {
			rc = cmd_usage_error("diff", "give two revisions, or an ordinance or record alone");
			goto done;
		}
		if (r2.number < 2) {
			rc = cmd_error("%s has only one version; nothing to compare", r2.ordinance);
			goto done;
		}
		snprintf(prev, sizeof(prev), "%s@%d", r2.ordinance, r2.number - 1);
		spec1 = prev;
	}
	if (!have_r1 && ot_rev_resolve(&r1, t, spec1) < 0) {
		rc = cmd_fail();
		goto done;
	}
	/* a version compared with itself is a diff with no changes (exit 0,
	 * as git diff A A), not an error */
	/* which ordinances to compare: a record's, or the two named */
	if (r1.record || r2.record) {
		const ot_rev *rs[2] = {&r1, &r2};
		size_t k;
		for (k = 0; k < 2; k++) {
			if (rs[k]->record) {
				for (i = 0; i < rs[k]->nordinances; i++)
					if (!has_str(ords, nords, rs[k]->ordinances[i]))
						*OT_ARRAY_PUSH(ords, nords, cap) = ot_strdup(rs[k]->ordinances[i]);
			} else if (!has_str(ords, nords, rs[k]->ordinance)) {
				*OT_ARRAY_PUSH(ords, nords, cap) = ot_strdup(rs[k]->ordinance);
			}
		}
		for (i = 0; i < nords; i++)
			if (load_pair(old, new, &unchanged, t, r1.commit, ords[i], r2.commit, ords[i]) < 0) {
				rc = cmd_fail();
				goto done;
			}
	} else if (load_pair(old, new, &unchanged, t, r1.commit, r1.ordinance, r2.commit, r2.ordinance) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (ot_diff_compute(&d, old, new, NULL) < 0) {
		rc = cmd_fail();
		goto done;
	}
	d->stats.unchanged += unchanged;
	ro->from_rev = spec1;
	ro->to_rev = spec2 ? spec2 : r2.spec;
	ro->from_commit = r1.commit;
	ro->to_commit = r2.commit;
	ro->old_doc = old;
	ro->new_doc = new;
	rc = render_and_print(d, a, ro);
done:
	for (i = 0; i < nords; i++)
		free(ords[i]);
	free(ords);
	ot_diff_free(d);
	ot_doc_free(old);
	ot_doc_free(new);
	ot_rev_release(&r1);
	ot_rev_release(&r2);
	ot_tracker_free(t);
	return rc;
}

static int diff_all(const char *spec1, const char *spec2, const diff_args *a, ot_diff_render_opts *ro)
{
	ot_tracker *t = NULL;
	ot_code_diff cd;
	ot_buf out = OT_BUF_INIT, label1 = OT_BUF_INIT, label2 = OT_BUF_INIT;
	ot_doc *old = NULL, *new = NULL;
	ot_diff *merged = NULL;
	ot_format fmt;
	char c1[41], c2[41];
	size_t i;
	int rc = OT_EXIT_OK, any = 0;

	memset(&cd, 0, sizeof(cd));
	if (ot_format_parse(&fmt, a->format) < 0)
		return cmd_fail();
	if (cmd_open_tracker(&t) < 0 || ot_rev_resolve_main(c1, NULL, t, spec1) < 0 ||
	    ot_rev_resolve_main(c2, NULL, t, spec2) < 0 || ot_store_diff_code(&cd, t, c1, c2) < 0) {
		rc = cmd_fail();
		goto done;
	}
	for (i = 0; i < cd.n; i++)
		if (changed_status(cd.items[i].diff, a))
			any = 1;
	if (fmt == OT_FORMAT_JSON) {
		if (ot_code_diff_doc(&out, &cd, spec1, c1, spec2, c2, a->stat) < 0) {
			rc = cmd_fail();
			goto done;
		}
	} else if (fmt == OT_FORMAT_HTML && !a->stat) {
		/* one page: every ordinance's changes in one diff */
		old = ot_doc_new();
		new = ot_doc_new();
		for (i = 0; i < cd.n; i++) {
			size_t k;
			if (ot_doc_take_sections(old, cd.items[i].old_doc) < 0 ||
			    ot_doc_take_sections(new, cd.items[i].new_doc) < 0) {
				rc = cmd_fail();
				goto done;
			}
			for (k = 0; k < cd.items[i].old_doc->nnotes; k++)
				ot_doc_add_note(old, cd.items[i].old_doc->notes[k].section, cd.items[i].old_doc->notes[k].kind,
						cd.items[i].old_doc->notes[k].text);
			for (k = 0; k < cd.items[i].new_doc->nnotes; k++)
				ot_doc_add_note(new, cd.items[i].new_doc->notes[k].section, cd.items[i].new_doc->notes[k].kind,
						cd.items[i].new_doc->notes[k].text);
		}
		if (ot_diff_compute(&merged, old, new, NULL) < 0) {
			rc = cmd_fail();
			goto done;
		}
		ro->from_rev = spec1;
		ro->to_rev = spec2;
		ro->from_commit = c1;
		ro->to_commit = c2;
		ro->old_doc = old;
		ro->new_doc = new;
		if (ot_render_diff(&out, merged, fmt, ro) < 0) {
			rc = cmd_fail();
			goto done;
		}
	} else {
		size_t added = 0, removed = 0, changed = 0;
		for (i = 0; i < cd.n; i++) {
			const ot_code_diff_entry *e = &cd.items[i];
			int err;
			ot_buf_clear(&label1);
			ot_buf_clear(&label2);
			ot_buf_printf(&label1, "%s@%s", e->ordinance, spec1);
			ot_buf_printf(&label2, "%s@%s", e->ordinance, spec2);
			ro->from_rev = label1.ptr;
			ro->to_rev = label2.ptr;
			ro->from_commit = c1;
			ro->to_commit = c2;
			ro->old_doc = e->old_doc;
			ro->new_doc = e->new_doc;
			if (fmt == OT_FORMAT_TEXT || fmt == OT_FORMAT_MARKDOWN || a->stat)
				ot_buf_printf(&out, "%s%s %s (%s)\n", fmt == OT_FORMAT_MARKDOWN ? "# " : "== ",
					      "ordinance", e->ordinance, e->status);
			err = a->stat ? ot_render_diff_stat(&out, e->diff, fmt) : ot_render_diff(&out, e->diff, fmt, ro);
			if (err < 0) {
				rc = cmd_fail();
				goto done;
			}
			added += e->status[0] == 'a';
			removed += e->status[0] == 'r';
			changed += e->status[0] == 'c';
		}
		if (fmt != OT_FORMAT_UNIFIED || a->stat)
			ot_buf_printf(&out, "%s%zu ordinance%s added, %zu removed, %zu changed, %zu unchanged\n",
				      fmt == OT_FORMAT_MARKDOWN ? "\n" : "", added, added == 1 ? "" : "s", removed, changed,
				      cd.unchanged);
	}
	rc = cmd_write_stdout(&out);
	if (rc == OT_EXIT_OK && any)
		rc = DIFF_DIFFERS;
done:
	ot_diff_free(merged);
	ot_doc_free(old);
	ot_doc_free(new);
	ot_code_diff_release(&cd);
	ot_buf_release(&out);
	ot_buf_release(&label1);
	ot_buf_release(&label2);
	ot_tracker_free(t);
	return rc;
}

static const cmd_opt diff_opts[] = {
	{"format", 'f', 0, "F", "text (default), json, markdown, html, unified"},
	{"stat", 's', 0, NULL, "only the counts per kind of change"},
	{"exit-code", 'x', 0, NULL, "exit 1 when the law differs (typographic changes too),\n"
	     "0 when not, 128 for an error (as git)"},
	{"files", 'F', 0, NULL, "compare two files (OLD NEW) instead of versions"},
	{"context", 'U', 1, "N", "show N unchanged clauses around each change, within\n"
	     "its section (text, html, markdown; unified: N lines,\n"
	     "3 when not given, as git)"},
	{"color", 'C', 0, "WHEN", "auto (default), always, never; NO_COLOR is honoured"},
	{"colour", 'C', 0, NULL, NULL},
	{"all", 'A', 0, NULL, "compare the whole code; CODE is main, main~N,\n"
	     "@YYYY-MM-DD (main as in force then) or a commit"},
	{"notes", 'N', 0, NULL, "with --exit-code, a change in notes counts too"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_diff = {
	"usage: ordtrack diff REV1 REV2 [options]\n"
	"       ordtrack diff ORD [options]          (its last two versions)\n"
	"       ordtrack diff --all CODE1 CODE2 [options]   (the whole code)\n"
	"       ordtrack diff --files OLD NEW [options]\n",
	diff_opts,
	NULL,
	0};

/* Under --exit-code, 1 means "differs": a failure is 128 then, as git's
 * (usage errors stay 2). */
static int with_exit_code(int rc, const diff_args *a)
{
	if (rc == DIFF_DIFFERS)
		return 1;
	return a->exit_code && rc == OT_EXIT_ERROR ? 128 : rc;
}

int cmd_diff(int argc, char **argv)
{
	diff_args a = {"text", "auto", 0, 0, 0, -1, 0, 0}; /* context -1: not given */
	ot_diff_render_opts ro;
	ot_format fmt;
	char *end;
	int c, nargs, color;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_diff)) != -1) {
		switch (c) {
		case 'f': a.format = optarg; break;
		case 's': a.stat = 1; break;
		case 'x': a.exit_code = 1; break;
		case 'F': a.files = 1; break;
		case 'A': a.all = 1; break;
		case 'N': a.notes = 1; break;
		case 'C': a.color = optarg; break;
		case 'U':
			a.context = (int)strtol(optarg, &end, 10);
			if (end == optarg || *end || a.context < 0 || a.context > 1000)
				return cmd_usage_error(argv[0], "--context takes a number from 0 to 1000, not '%s'", optarg);
			break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (ot_format_parse(&fmt, a.format) < 0)
		return cmd_usage_error(argv[0], "%s", ot_error_last());
	if ((color = cmd_color_mode(a.color)) < 0)
		return cmd_usage_error(argv[0], "--color takes auto, always or never, not '%s'", a.color);
	nargs = argc - optind;
	memset(&ro, 0, sizeof(ro));
	ro.color = color;
	ro.context = a.context < 0 ? 0 : a.context;
	ro.context_given = a.context >= 0;
	if (a.files) {
		if (nargs != 2)
			return cmd_usage_error(argv[0], "--files takes two files, OLD and NEW");
		return with_exit_code(diff_files(argv[optind], argv[optind + 1], &a, &ro), &a);
	}
	if (a.all) {
		if (nargs != 2)
			return cmd_usage_error(argv[0], "--all takes two whole-code revisions: main, main~N, @YYYY-MM-DD or a commit");
		return with_exit_code(diff_all(argv[optind], argv[optind + 1], &a, &ro), &a);
	}
	if (nargs < 1 || nargs > 2)
		return cmd_usage_error(argv[0], "expected REV1 REV2, or ORD");
	return with_exit_code(diff_revs(argv[optind], nargs == 2 ? argv[optind + 1] : NULL, &a, &ro), &a);
}
