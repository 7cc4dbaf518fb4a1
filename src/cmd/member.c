/*
 * member.c - `ordtrack member add NAME --ward N [--from D] [--to D]`,
 * `member alias NAME ALIAS`, `member import FILE.csv [--dry-run]` and
 * `member list [--format json]`: the council's members, kept in
 * members.json on main (record_store.c; a CSV list merges through the
 * record import's rules, record_import.c).
 *
 * The list is printed sorted by ward, then name, then term start
 * (ot_members_sort), so the output does not depend on the order members
 * were added in; as text, or ordtrack-members/1 JSON (ot_members_doc).
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"
#include "ordtrack/record_import.h"

#define MEMBER_USAGE \
	"usage: ordtrack member add NAME --ward N [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"\
	"       ordtrack member alias NAME ALIAS\n"\
	"       ordtrack member import FILE.csv [--dry-run]\n"\
	"       ordtrack member list [--format text|json]\n"\
	"\n"\
	"The council's members (members.json on main), with their wards and\n"\
	"terms.  Roll calls name members; a name resolves to the member serving\n"\
	"on the vote's date: the full name, the same name written another way\n" \
	"(Last, First M.; a title such as Ald.; a suffix such as Jr.), or the\n" \
	"last name, when it names one member (docs/record-format.md); accents\n" \
	"and case aside.  An alias is another spelling a source uses.  A CSV list\n" \
	"has a header naming its columns: name, ward, from, to, aliases (several\n" \
	"separated by ';'); a member already known (under any spelling, in an\n" \
	"overlapping term) gains the new spellings instead of being added twice.\n"

#define MEMBER_ADD_OPTS \
	{"ward", 'w', 0, "N", "the member's ward (0 for none: the mayor, at-large)"}, \
	{"from", 'f', 0, "DATE", "first day of the term (default: since always)"}, \
	{"to", 't', 0, "DATE", "last day of the term (default: still serving)"}
#define MEMBER_LIST_OPTS {"format", 'F', 0, "F", "list: text (default) or json (ordtrack-members/1)"}
#define MEMBER_IMPORT_OPTS {"dry-run", 'n', 1, NULL, "import: check the list and say what would change; write nothing"}

static const cmd_opt member_add_opts[] = {MEMBER_ADD_OPTS, {NULL, 0, 0, NULL, NULL}};
static const cmd_opt member_list_opts[] = {MEMBER_LIST_OPTS, {NULL, 0, 0, NULL, NULL}};
static const cmd_opt member_import_opts[] = {MEMBER_IMPORT_OPTS, {NULL, 0, 0, NULL, NULL}};
static const cmd_opt member_opts[] = {MEMBER_ADD_OPTS, MEMBER_LIST_OPTS, MEMBER_IMPORT_OPTS, {NULL, 0, 0, NULL, NULL}};
static const cmd_opt no_opts[] = {{NULL, 0, 0, NULL, NULL}};
static const cmd_spec member_add_spec = {MEMBER_USAGE, member_add_opts, NULL, 0};
static const cmd_spec member_import_spec = {MEMBER_USAGE, member_import_opts, NULL, 0};
static const cmd_spec member_alias_spec = {MEMBER_USAGE, no_opts, NULL, 0};
static const cmd_spec member_list_spec = {MEMBER_USAGE, member_list_opts, NULL, 0};
/* `ordtrack help member`: both subcommands' options */
const cmd_spec cmd_spec_member = {MEMBER_USAGE, member_opts, NULL, 0};

static int member_add(int argc, char **argv)
{
	ot_member m = {0};
	ot_tracker *t = NULL;
	const char *ward = NULL;
	char commit[41], *end;
	long w;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &member_add_spec)) != -1) {
		switch (c) {
		case 'w': ward = optarg; break;
		case 'f': m.from = optarg; break;
		case 't': m.to = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error("member", "member add takes one NAME (quote a name with spaces)");
	if (!ward)
		return cmd_usage_error("member", "member add needs --ward N (0 for none)");
	w = strtol(ward, &end, 10);
	if (!*ward || *end || w < 0 || w > 1000)
		return cmd_usage_error("member", "--ward takes a number from 0 to 1000, not '%s'", ward);
	m.name = argv[optind];
	m.ward = (int)w;
	if (cmd_open_tracker(&t) < 0 || ot_member_add(commit, t, &m) < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Added member %s (ward %d) as commit %.12s\n", m.name, m.ward, commit);
done:
	ot_tracker_free(t);
	return rc;
}

static int member_alias(int argc, char **argv)
{
	ot_tracker *t = NULL;
	char commit[41];
	int c, rc = OT_EXIT_OK;
	while ((c = cmd_getopt(argc, argv, &member_alias_spec)) != -1)
		return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	if (argc - optind != 2)
		return cmd_usage_error("member", "member alias takes NAME and ALIAS (quote names with spaces)");
	if (cmd_open_tracker(&t) < 0 || ot_member_alias(commit, t, argv[optind], argv[optind + 1]) < 0)
		rc = cmd_fail();
	else
		printf("%s is also written '%s' (commit %.12s)\n", argv[optind], argv[optind + 1], commit);
	ot_tracker_free(t);
	return rc;
}

static int member_import(int argc, char **argv)
{
	ot_import_set set;
	ot_record_import_report rep;
	ot_tracker *t = NULL;
	size_t i;
	int c, dry_run = 0, rc = OT_EXIT_OK;
	while ((c = cmd_getopt(argc, argv, &member_import_spec)) != -1) {
		if (c == 'n')
			dry_run = 1;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cmd_usage_error("member", "member import takes one FILE.csv");
	if (ot_members_csv_load(&set, argv[optind]) < 0) {
		ot_import_set_release(&set);
		return cmd_fail();
	}
	if (cmd_open_tracker(&t) < 0 || ot_record_import(&rep, t, &set, dry_run ? OT_IMPORT_DRY_RUN : 0) < 0) {
		rc = cmd_fail();
	} else {
		for (i = 0; i < rep.nchanged; i++)
			fprintf(stderr, "ordtrack: %s\n", rep.changed[i]);
		printf("%s %zu member%s new, %zu updated (new spellings, wards or term ends), %zu listed\n",
		       dry_run ? "Would import:" : "Imported:", rep.members_new, rep.members_new == 1 ? "" : "s",
		       rep.members_updated, set.nmembers);
		ot_record_import_report_release(&rep);
	}
	ot_import_set_release(&set);
	ot_tracker_free(t);
	return rc;
}

/* One line a member: ward, name, term. */
static void members_text(ot_buf *out, const ot_members *ms)
{
	size_t i;
	for (i = 0; i < ms->n; i++) {
		const ot_member *m = &ms->items[i];
		size_t k;
		ot_buf_printf(out, "%4d  %-30s %s to %s", m->ward, m->name, m->from ? m->from : "-",
			      m->to ? m->to : "-");
		for (k = 0; k < m->naliases; k++)
			ot_buf_printf(out, "%s%s", k ? "; " : "  also: ", m->aliases[k]);
		ot_buf_putc(out, '\n');
	}
}

static int member_list(int argc, char **argv)
{
	const char *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_members ms = {0};
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &member_list_spec)) != -1) {
		if (c == 'F')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json("member", format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 0)
		return cmd_usage_error("member", "member list takes no arguments");
	if (cmd_open_tracker(&t) < 0 || ot_members_load(&ms, t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json) {
		ot_members_doc(&out, &ms);
	} else {
		if (!ms.n)
			fprintf(stderr, "ordtrack: no members yet; add them with 'ordtrack member add NAME --ward N'\n");
		ot_members_sort(&ms);
		members_text(&out, &ms);
	}
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_members_release(&ms);
	ot_tracker_free(t);
	return rc;
}

int cmd_member(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cmd_print_usage("member", stdout);
		return OT_EXIT_OK;
	}
	if (argc < 2)
		return cmd_usage_error("member", "expected add, alias, import or list");
	{
		static const struct {
			const char *name;
			int (*fn)(int, char **);
		} subs[] = {{"add", member_add}, {"alias", member_alias}, {"import", member_import}, {"list", member_list}};
		size_t i;
		for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
			if (strcmp(argv[1], subs[i].name) == 0) {
				/* argv[0] stays "member" for messages; getopt starts after the verb */
				argv[1] = argv[0];
				return subs[i].fn(argc - 1, argv + 1);
			}
	}
	return cmd_usage_error("member", "unknown subcommand '%s'; use add, alias, import or list", argv[1]);
}
