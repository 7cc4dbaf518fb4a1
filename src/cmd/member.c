/*
 * member.c - `ordtrack member add NAME --ward N [--from D] [--to D]` and
 * `ordtrack member list [--format json]`: the council's members, kept in
 * members.json on main (record_store.c).
 *
 * The list is printed sorted by ward, then name, then term start
 * (ot_members_sort), so the output does not depend on the order members
 * were added in; as text, or ordtrack-members/1 JSON (ot_members_doc).
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"

#define MEMBER_USAGE \
	"usage: ordtrack member add NAME --ward N [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"\
	"       ordtrack member list [--format text|json]\n"\
	"\n"\
	"The council's members (members.json on main), with their wards and\n"\
	"terms.  Roll calls name members; a name resolves to the member serving\n"\
	"on the vote's date: the full name, the same name written another way\n" \
	"(Last, First M.; a title such as Ald.; a suffix such as Jr.), or the\n" \
	"last name, when it names one member (docs/record-format.md).\n"

#define MEMBER_ADD_OPTS \
	{"ward", 'w', 0, "N", "the member's ward (0 for none: the mayor, at-large)"}, \
	{"from", 'f', 0, "DATE", "first day of the term (default: since always)"}, \
	{"to", 't', 0, "DATE", "last day of the term (default: still serving)"}
#define MEMBER_LIST_OPTS {"format", 'F', 0, "F", "list: text (default) or json (ordtrack-members/1)"}

static const cmd_opt member_add_opts[] = {MEMBER_ADD_OPTS, {NULL, 0, 0, NULL, NULL}};
static const cmd_opt member_list_opts[] = {MEMBER_LIST_OPTS, {NULL, 0, 0, NULL, NULL}};
static const cmd_opt member_opts[] = {MEMBER_ADD_OPTS, MEMBER_LIST_OPTS, {NULL, 0, 0, NULL, NULL}};
static const cmd_spec member_add_spec = {MEMBER_USAGE, member_add_opts, NULL, 0};
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

/* One line a member: ward, name, term. */
static void members_text(ot_buf *out, const ot_members *ms)
{
	size_t i;
	for (i = 0; i < ms->n; i++) {
		const ot_member *m = &ms->items[i];
		ot_buf_printf(out, "%4d  %-30s %s to %s\n", m->ward, m->name, m->from ? m->from : "-",
			      m->to ? m->to : "-");
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
		return cmd_usage_error("member", "expected 'add' or 'list'");
	/* argv[0] stays "member" for messages; getopt starts after the verb */
	if (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "list") == 0) {
		int add = strcmp(argv[1], "add") == 0;
		argv[1] = argv[0];
		return add ? member_add(argc - 1, argv + 1) : member_list(argc - 1, argv + 1);
	}
	return cmd_usage_error("member", "unknown subcommand '%s'; use add or list", argv[1]);
}
