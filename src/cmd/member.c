/*
 * member.c - `ordtrack member add NAME --ward N [--from D] [--to D]` and
 * `ordtrack member list [--format json]`: the council's members, kept in
 * members.json on main (record_store.c).
 *
 * The list is printed sorted by ward, then name, then term start, so the
 * output does not depend on the order members were added in.
 */
#include <jansson.h>
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "ordtrack/record.h"

static int member_cmp(const void *pa, const void *pb)
{
	const ot_member *a = pa, *b = pb;
	int c;
	if (a->ward != b->ward)
		return a->ward < b->ward ? -1 : 1;
	if ((c = strcasecmp(a->name, b->name)) != 0)
		return c;
	return strcmp(a->from ? a->from : "", b->from ? b->from : "");
}

static int member_add(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"ward", required_argument, NULL, 'w'},
					     {"from", required_argument, NULL, 'f'},
					     {"to", required_argument, NULL, 't'},
					     {0, 0, 0, 0}};
	ot_member m = {0};
	ot_tracker *t = NULL;
	const char *ward = NULL;
	char commit[41], *end;
	long w;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
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

static int member_list(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {"format", required_argument, NULL, 'F'}, {0, 0, 0, 0}};
	const char *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_members ms = {0};
	ot_buf out = OT_BUF_INIT;
	size_t i;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
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
	if (ms.n)
		qsort(ms.items, ms.n, sizeof(*ms.items), member_cmp);
	if (json) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "format", json_string("ordtrack-members/1"));
		for (i = 0; i < ms.n; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "name", json_string(ms.items[i].name));
			json_object_set_new(e, "ward", json_integer(ms.items[i].ward));
			json_object_set_new(e, "from", ms.items[i].from ? json_string(ms.items[i].from) : json_null());
			json_object_set_new(e, "to", ms.items[i].to ? json_string(ms.items[i].to) : json_null());
			json_array_append_new(arr, e);
		}
		json_object_set_new(root, "members", arr);
		rc = cmd_print_json(root);
		goto done;
	}
	if (!ms.n)
		fprintf(stderr, "ordtrack: no members yet; add them with 'ordtrack member add NAME --ward N'\n");
	for (i = 0; i < ms.n; i++) {
		const ot_member *m = &ms.items[i];
		ot_buf_printf(&out, "%4d  %-30s %s to %s\n", m->ward, m->name, m->from ? m->from : "-",
			      m->to ? m->to : "-");
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
