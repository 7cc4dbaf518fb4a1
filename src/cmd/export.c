/*
 * export.c - `ordtrack export ORD[@REV] --format akn` (an Akoma Ntoso act),
 * `ordtrack export RECORD[@REV] --format akn` (a bill) and `ordtrack export
 * RECORD --format ocd --session S [--source-url URL]` (an Open Civic Data
 * bill with its vote events), on stdout or, with -o FILE, written
 * atomically (a temporary file in the same directory, then rename); OCD
 * with --dir DIR as pupa's scrape files instead (bill_*.json and
 * vote_event_*.json in DIR, each written atomically).
 *
 * This file loads what the exporters need (include/ordtrack/export.h):
 * for an act the text of the version and the versions up to it; for a
 * bill the record, the proposed text of each ordinance at the record
 * revision, and each ordinance's diff from the record's base
 * (ot_record_diff, as `status` computes it); for OCD the record and the
 * council's members (who of the sponsors are people).  Everything loaded
 * is owned here and freed under done:.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/export.h"
#include "ordtrack/index.h"
#include "ordtrack/record.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"

/* Write buf to path through a temporary file and rename, so a reader
 * never sees half a file and a failure leaves the old file alone. */
static int write_atomic(const char *path, const ot_buf *buf)
{
	ot_buf tmp = OT_BUF_INIT;
	mode_t mask;
	size_t done = 0;
	int fd, err = 0;

	ot_buf_printf(&tmp, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		err = ot_error_set(-1, "cannot create a file beside '%s': %s", path, strerror(errno));
		goto done;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0)
		goto io;
	while (done < buf->len) {
		ssize_t n = write(fd, buf->ptr + done, buf->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto io;
		done += (size_t)n;
	}
	if (fsync(fd) < 0)
		goto io;
	if (close(fd) < 0) {
		fd = -1;
		goto io;
	}
	fd = -1;
	if (rename(tmp.ptr, path) < 0)
		goto io;
	goto done;
io:
	err = ot_error_set(-1, "cannot write '%s': %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp.ptr);
done:
	ot_buf_release(&tmp);
	return err;
}

/* The act: ordinance rev->ordinance at rev->commit, with its versions
 * 1..rev->number. */
static int export_act(ot_buf *out, ot_tracker *t, const ot_rev *rev, const ot_export_opts *o)
{
	ot_version_list vl = {0};
	ot_version *vs = NULL;
	ot_doc *doc = NULL;
	ot_akn_act act;
	size_t i, n = 0;
	int err;

	if ((err = cmd_require_text(rev, "export", "--format akn", "exports")) < 0 ||
	    (err = ot_index_versions(&vl, t, rev->ordinance)) < 0 ||
	    (err = ot_store_load(&doc, t, rev->commit, rev->ordinance)) < 0)
		goto done;
	vs = ot_calloc(vl.n + 1, sizeof(*vs));
	for (i = vl.n; i-- > 0;) /* the list is newest first */
		if (vl.items[i].number <= rev->number)
			vs[n++] = vl.items[i];
	act.ordinance = rev->ordinance;
	act.doc = doc;
	act.versions = vs;
	act.nversions = n;
	err = ot_export_akn_act(out, &act, o);
done:
	free(vs); /* shallow copies: the strings belong to vl */
	ot_version_list_release(&vl);
	ot_doc_free(doc);
	return err;
}

/* The date of ordinance ord's first version (its work date), or NULL. */
static char *act_work_date(ot_tracker *t, const char *ord)
{
	ot_version_list vl = {0};
	char *d = NULL;
	if (ot_index_versions(&vl, t, ord) == 0 && vl.n)
		d = ot_strdup(vl.items[vl.n - 1].date);
	ot_version_list_release(&vl);
	ot_error_clear();
	return d;
}

/* The date of the version of ord in force on `date`, or NULL. */
static char *act_version_date(ot_tracker *t, const char *ord, const char *date)
{
	ot_rev r;
	char spec[300];
	char *d = NULL;
	snprintf(spec, sizeof(spec), "%s@%s", ord, date);
	if (ot_rev_resolve(&r, t, spec) == 0 && !r.record)
		d = ot_strdup(r.date);
	ot_rev_release(&r);
	ot_error_clear();
	return d;
}

/* The bill: record rev->record with its text at rev->commit. */
static int export_bill(ot_buf *out, ot_tracker *t, const ot_rev *rev, const ot_export_opts *o)
{
	ot_record r;
	ot_akn_bill_text *texts = NULL;
	ot_doc **docs = NULL, **olds = NULL;
	ot_diff **diffs = NULL;
	char **dates = NULL, head[41];
	size_t i, n = 0;
	int err;

	memset(&r, 0, sizeof(r));
	if ((err = ot_record_load(&r, head, t, rev->record)) < 0)
		goto done;
	n = rev->nordinances;
	texts = ot_calloc(n + 1, sizeof(*texts));
	docs = ot_calloc(n + 1, sizeof(*docs));
	olds = ot_calloc(n + 1, sizeof(*olds));
	diffs = ot_calloc(n + 1, sizeof(*diffs));
	dates = ot_calloc(2 * n + 1, sizeof(*dates));
	for (i = 0; i < n; i++) {
		const char *ord = rev->ordinances[i];
		err = ot_store_load(&docs[i], t, rev->commit, ord);
		if (err == OT_ENOTFOUND) { /* a record that removes the ordinance */
			ot_error_clear();
			docs[i] = ot_doc_new();
			err = 0;
		}
		if (err < 0 || (err = ot_record_diff(&diffs[i], &olds[i], NULL, t, &r, rev->commit, ord)) < 0)
			goto done;
		dates[2 * i] = act_work_date(t, ord);
		dates[2 * i + 1] = act_version_date(t, ord, r.introduced);
		texts[i].ordinance = ord;
		texts[i].doc = docs[i];
		texts[i].old_doc = olds[i];
		texts[i].diff = diffs[i];
		texts[i].act_date = dates[2 * i];
		texts[i].act_expression_date = dates[2 * i + 1];
	}
	err = ot_export_akn_bill(out, &r, rev->date ? rev->date : r.introduced, texts, n, o);
done:
	for (i = 0; i < n; i++) {
		if (docs)
			ot_doc_free(docs[i]);
		if (olds)
			ot_doc_free(olds[i]);
		if (diffs)
			ot_diff_free(diffs[i]);
		if (dates) {
			free(dates[2 * i]);
			free(dates[2 * i + 1]);
		}
	}
	free(texts);
	free(docs);
	free(olds);
	free(diffs);
	free(dates);
	ot_record_release(&r);
	return err;
}

/* The OCD export of record id: into out, or with dir as pupa's scrape
 * files in dir (created when missing).  Returns 0, a library error, or
 * OT_EXIT_ERROR after printing a message of its own. */
static int export_ocd(ot_buf *out, ot_tracker *t, const char *id, const char *dir, ot_export_opts *o)
{
	ot_record r;
	ot_members ms;
	ot_ocd_file *files = NULL;
	ot_buf path = OT_BUF_INIT;
	size_t i, n = 0;
	int err, linked = 0;

	memset(&r, 0, sizeof(r));
	memset(&ms, 0, sizeof(ms));
	if ((err = ot_record_load(&r, NULL, t, id)) < 0 || (err = ot_members_load(&ms, t)) < 0)
		goto done;
	for (i = 0; i < r.nlinks; i++)
		linked |= r.links[i].kind == OT_LINK_SOURCE;
	if (!linked && !o->source_url) {
		err = cmd_error("%s has no source link; give --source-url URL, the address it is published at (Open Civic Data needs a source for every bill and vote event)",
				id);
		goto done;
	}
	o->members = &ms;
	if (!dir) {
		err = ot_export_ocd(out, &r, o);
		goto done;
	}
	if ((err = ot_export_ocd_files(&files, &n, &r, o)) < 0)
		goto done;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		err = ot_error_set(-1, "cannot create directory '%s': %s", dir, strerror(errno));
		goto done;
	}
	for (i = 0; i < n && err == 0; i++) {
		ot_buf_clear(&path);
		ot_buf_printf(&path, "%s/%s", dir, files[i].name);
		err = write_atomic(path.ptr, &files[i].json);
	}
done:
	o->members = NULL;
	ot_ocd_files_free(files, n);
	ot_buf_release(&path);
	ot_members_release(&ms);
	ot_record_release(&r);
	return err;
}

static const cmd_opt export_opts[] = {
	{"format", 'F', 0, "F", "akn or ocd (required)"},
	{"output", 'o', 1, "FILE", "write FILE (atomically) instead of stdout"},
	{"country", 'c', 0, "CC", "FRBR country code (default: us)"},
	{"locality", 'l', 0, "NAME", "FRBR locality"},
	{"organization", 'g', 0, "N", "the council's name (default: City Council)"},
	{"session", 's', 0, "NAME", "OCD legislative session (required with ocd)"},
	{"source-url", 'u', 0, "URL", "OCD: the source of a record that has no source link\n"
	     "(the address it is published at)"},
	{"dir", 'D', 0, "DIR", "OCD: write pupa's scrape files into DIR\n"
	     "(bill_*.json, vote_event_*.json) instead of one object"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_export = {
	"usage: ordtrack export ORD[@REV]|RECORD[@REV] --format akn [options]\n"
	"       ordtrack export RECORD --format ocd --session S [--source-url URL] [--dir DIR] [options]\n"
	"\n"
	"Akoma Ntoso 3.0 XML: an ordinance as an act (FRBR identification, its\n"
	"versions as lifecycle events, the clause hierarchy with eIds); a record\n"
	"as a bill (its text, actions and votes as workflow steps, one textualMod\n"
	"per changed clause).  Open Civic Data JSON: a record as a bill with its\n"
	"vote events, as pupa's scrapers write them.  See docs/export.md.\n",
	export_opts,
	NULL,
	0};

int cmd_export(int argc, char **argv)
{
	const char *format = NULL, *output = NULL, *dir = NULL, *spec;
	ot_export_opts eo;
	ot_tracker *t = NULL;
	ot_rev rev;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK, err, have_rev = 0;

	memset(&eo, 0, sizeof(eo));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_export)) != -1) {
		switch (c) {
		case 'F': format = optarg; break;
		case 'o': output = optarg; break;
		case 'c': eo.country = optarg; break;
		case 'l': eo.locality = optarg; break;
		case 'g': eo.organization = optarg; break;
		case 's': eo.session = optarg; break;
		case 'u': eo.source_url = optarg; break;
		case 'D': dir = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one ORD[@REV] or RECORD");
	if (!format)
		return cmd_usage_error(argv[0], "export needs --format akn (Akoma Ntoso) or --format ocd (Open Civic Data)");
	if (strcmp(format, "akn") && strcmp(format, "ocd"))
		return cmd_usage_error(argv[0], "unknown format '%s'; use akn (Akoma Ntoso) or ocd (Open Civic Data)",
				       format);
	if (output && !*output)
		return cmd_usage_error(argv[0], "-o needs a file name");
	if (strcmp(format, "ocd") != 0 && (dir || eo.source_url))
		return cmd_usage_error(argv[0], "%s is for --format ocd", dir ? "--dir" : "--source-url");
	if (dir && (!*dir || output))
		return cmd_usage_error(argv[0], !*dir ? "--dir needs a directory" : "give -o FILE or --dir DIR, not both");
	if (strcmp(format, "ocd") == 0 && (!eo.session || !*eo.session))
		return cmd_usage_error(argv[0],
				       "--format ocd needs --session NAME: pupa files every bill and vote event under a legislative session");
	spec = argv[optind];
	if ((err = cmd_open_tracker(&t)) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (strcmp(format, "ocd") == 0 && !strchr(spec, '@')) {
		/* a record needs no text to be a bill: an imported one has none */
		ot_record r;
		if (ot_record_load(&r, NULL, t, spec) == 0) {
			ot_record_release(&r);
			err = export_ocd(&out, t, spec, dir, &eo);
			if (err == OT_EXIT_ERROR) { /* export_ocd said why */
				rc = err;
				goto done;
			}
			if (err == 0 && dir)
				goto done;
			goto written;
		}
		ot_error_clear();
	}
	if ((err = ot_rev_resolve(&rev, t, spec)) < 0) {
		rc = cmd_fail();
		goto done;
	}
	have_rev = 1;
	if (strcmp(format, "ocd") == 0) {
		if (!rev.record) {
			rc = cmd_error("'%s' is an ordinance; --format ocd exports a record (a bill): 'ordtrack records' lists them",
				       spec);
			goto done;
		}
		if (strchr(spec, '@')) {
			rc = cmd_error("--format ocd exports the whole record; give '%s' without '@'", rev.record);
			goto done;
		}
		err = export_ocd(&out, t, rev.record, dir, &eo);
		if (err == OT_EXIT_ERROR) { /* export_ocd said why */
			rc = err;
			goto done;
		}
		if (err == 0 && dir)
			goto done;
	} else if (rev.record) {
		err = export_bill(&out, t, &rev, &eo);
	} else {
		err = export_act(&out, t, &rev, &eo);
	}
written:
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (output && strcmp(output, "-") != 0)
		rc = write_atomic(output, &out) < 0 ? cmd_fail() : OT_EXIT_OK;
	else
		rc = cmd_write_stdout(&out);
done:
	if (have_rev)
		ot_rev_release(&rev);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
