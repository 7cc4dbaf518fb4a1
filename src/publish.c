/*
 * publish.c - `ordtrack publish`'s library side (publish.h): load what the
 * site shows once (members and their slugs, every record, every
 * ordinance's versions, main's first commit), then produce each page
 * incrementally, and keep the manifest.
 *
 * Incremental writing.  The manifest (OT_PUBLISH_MANIFEST, JSON
 * "ordtrack-publish/1") maps each page's path to {key, size}.  The key of
 * an expensive page is the SHA-1 of what it is rendered from:
 *   ordinance page  generator, site title, every version of the ordinance
 *                   (commit, number, date, stage, record, subject, title)
 *                   and the list of record ids (links to record pages);
 *   record page     generator, site title, the record's branch head, its
 *                   canonical JSON, the titles in force of its
 *                   ordinances and the canonical members.json;
 * so an unchanged page is neither rendered nor read.  Cheap pages (index,
 * members, member pages, feed, style.css) are always rendered and keyed by
 * the SHA-1 of their bytes.  A page whose key and file size match the
 * manifest is kept; otherwise it is rendered and written only when its
 * bytes differ from the file's (temporary file, fsync, rename; the
 * directories are fsynced at the end).
 *
 * Safety: the output directory is created when missing; an existing one
 * must be empty or hold a manifest.  A fresh directory gets an empty
 * manifest before any page, so a run that fails half-way can be run
 * again.  Every file name component is checked (no '/', no leading '.',
 * no "..") although ids were validated when recorded.
 *
 * Ownership: the ot_pub and the manifests live for one ot_publish call.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "internal.h"
#include "ordtrack/validate.h"
#include "publish_internal.h"
#include "tracker_internal.h"

#define MANIFEST_FORMAT "ordtrack-publish/1"

void ot_publish_slug(ot_buf *out, const char *raw)
{
	size_t start = out->len;
	int dash = 0;
	const char *s;
	/* letters without their accents ("Menéndez" is menendez, not
	 * men-ndez): utf8proc's decomposition with the marks stripped */
	utf8proc_uint8_t *folded = NULL;
	const char *name = raw;
	if (utf8proc_map((const utf8proc_uint8_t *)raw, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD) >= 0)
		name = (const char *)folded;
	for (s = name; *s; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len > start)
				ot_buf_putc(out, '-');
			dash = 0;
			ot_buf_putc(out, c);
		} else {
			dash = 1;
		}
	}
	free(folded);
}

int ot_pub_sha1(char out[41], const char *data, size_t len)
{
	git_oid oid;
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) < 0)
		return ot_git_error(-1, "cannot hash a page");
	git_oid_tostr(out, 41, &oid);
	return 0;
}

/* 0 when `s` is safe as one file name component of the site. */
static int check_component(const char *s, const char *what)
{
	const char *c;
	if (!*s || s[0] == '.' || strstr(s, "..") || strchr(s, '/') || strchr(s, '\\')) {
		ot_error_set(OT_EINVALID, "%s '%s' is not safe as a file name of the site", what, s);
		ot_error_hint(OT_HINT_FSCK);
		return OT_EINVALID;
	}
	for (c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			ot_error_set(OT_EINVALID, "%s '%s' holds a control character", what, s);
			ot_error_hint(OT_HINT_FSCK);
			return OT_EINVALID;
		}
	return 0;
}

/* ---- loading ---------------------------------------------------------- */

static void pub_release(ot_pub *p)
{
	size_t i;
	for (i = 0; i < p->members.n; i++) {
		if (p->slugs)
			free(p->slugs[i]);
		if (p->hrefs)
			free(p->hrefs[i]);
	}
	free(p->slugs);
	free(p->hrefs);
	ot_members_release(&p->members);
	for (i = 0; i < p->nrecords; i++) {
		free(p->rids[i]);
		if (p->records)
			ot_record_release(&p->records[i]);
	}
	free(p->rids);
	free(p->records);
	free(p->heads);
	for (i = 0; i < p->nords; i++) {
		free(p->ords[i]);
		if (p->versions)
			ot_version_list_release(&p->versions[i]);
	}
	free(p->ords);
	free(p->versions);
	free(p->base);
	memset(p, 0, sizeof(*p));
}

static int slug_taken(const ot_pub *p, size_t n, const char *s)
{
	size_t i;
	if (strcmp(s, "index") == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(p->slugs[i], s) == 0)
			return 1;
	return 0;
}

/* One unique slug per member, in member-list order (deterministic). */
static void make_slugs(ot_pub *p)
{
	ot_buf b = OT_BUF_INIT, c = OT_BUF_INIT;
	size_t i, k;
	p->slugs = ot_calloc(p->members.n ? p->members.n : 1, sizeof(char *));
	p->hrefs = ot_calloc(p->members.n ? p->members.n : 1, sizeof(char *));
	for (i = 0; i < p->members.n; i++) {
		ot_buf_clear(&b);
		ot_publish_slug(&b, p->members.items[i].name);
		if (!b.len)
			ot_buf_puts(&b, "member");
		ot_buf_clear(&c);
		ot_buf_puts(&c, b.ptr);
		for (k = 2; slug_taken(p, i, c.ptr); k++) {
			ot_buf_clear(&c);
			ot_buf_printf(&c, "%s-%zu", b.ptr, k);
		}
		p->slugs[i] = ot_strdup(c.ptr);
		ot_buf_clear(&c);
		ot_buf_printf(&c, "members/%s.html", p->slugs[i]);
		p->hrefs[i] = ot_strdup(c.ptr);
	}
	ot_buf_release(&b);
	ot_buf_release(&c);
}

/* main's first commit (first-parent walk), hex into out; "" when main
 * does not exist yet. */
static int root_commit(char out[41], ot_tracker *t)
{
	git_oid id;
	git_commit *c = NULL, *parent = NULL;
	int err;
	out[0] = '\0';
	err = git_reference_name_to_id(&id, t->repo, OT_MAIN_REF);
	if (err == GIT_ENOTFOUND)
		return 0;
	if (err < 0)
		return ot_git_error(err, "cannot read main");
	if ((err = git_commit_lookup(&c, t->repo, &id)) < 0)
		return ot_git_error(err, "cannot read main's commit");
	while (git_commit_parentcount(c) > 0) {
		if ((err = git_commit_parent(&parent, c, 0)) < 0) {
			git_commit_free(c);
			return ot_git_error(err, "cannot walk main's history");
		}
		git_commit_free(c);
		c = parent;
	}
	git_oid_tostr(out, 41, git_commit_id(c));
	git_commit_free(c);
	return 0;
}

static int pub_load(ot_pub *p, ot_tracker *t)
{
	size_t i;
	int err;
	p->t = t;
	if ((err = root_commit(p->root, t)) < 0 || (err = ot_members_load(&p->members, t)) < 0)
		return err;
	make_slugs(p);
	if ((err = ot_record_list(&p->rids, &p->nrecords, t)) < 0)
		return err;
	p->records = ot_calloc(p->nrecords ? p->nrecords : 1, sizeof(*p->records));
	p->heads = ot_calloc(p->nrecords ? p->nrecords : 1, sizeof(*p->heads));
	for (i = 0; i < p->nrecords; i++)
		if ((err = check_component(p->rids[i], "record")) < 0 ||
		    (err = ot_record_load(&p->records[i], p->heads[i], t, p->rids[i])) < 0)
			return err;
	if ((err = ot_index_ordinances(&p->ords, &p->nords, t)) < 0)
		return err;
	p->versions = ot_calloc(p->nords ? p->nords : 1, sizeof(*p->versions));
	for (i = 0; i < p->nords; i++)
		if ((err = check_component(p->ords[i], "ordinance")) < 0 ||
		    (err = ot_index_versions(&p->versions[i], t, p->ords[i])) < 0)
			return err;
	return 0;
}

/* ---- files ------------------------------------------------------------ */

/* Read the whole file at path into out; 0, OT_ENOTFOUND, or -1. */
static int read_file(ot_buf *out, const char *path)
{
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? OT_ENOTFOUND : ot_error_set(OT_ERROR, "cannot open '%s': %s", path, strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return ot_error_set(OT_ERROR, "cannot read '%s': %s", path, strerror(errno));
		}
		ot_buf_put(out, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

/* Write data to path through a temporary file in the same directory,
 * fsynced, then renamed over path. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	ot_buf tmp = OT_BUF_INIT;
	const char *slash = strrchr(path, '/');
	size_t off = 0;
	int fd = -1, err = 0;

	if (slash)
		ot_buf_printf(&tmp, "%.*s/.%s.tmp", (int)(slash - path), path, slash + 1);
	else
		ot_buf_printf(&tmp, ".%s.tmp", path);
	/* a leftover (or planted) temporary file is removed, never
	 * followed: O_EXCL|O_NOFOLLOW create a fresh file or fail */
	if (unlink(tmp.ptr) < 0 && errno != ENOENT) {
		err = ot_error_set(OT_ERROR, "cannot remove the stale '%s': %s", tmp.ptr, strerror(errno));
		goto done;
	}
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = ot_error_set(OT_ERROR, "cannot create '%s': %s", tmp.ptr, strerror(errno));
		goto done;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = ot_error_set(OT_ERROR, "cannot write '%s': %s", tmp.ptr, n < 0 ? strerror(errno) : "no space");
			goto done;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		err = ot_error_set(OT_ERROR, "cannot write '%s': fsync: %s", tmp.ptr, strerror(errno));
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = ot_error_set(OT_ERROR, "cannot write '%s': %s", tmp.ptr, strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp.ptr, path) < 0)
		err = ot_error_set(OT_ERROR, "cannot rename '%s' to '%s': %s", tmp.ptr, path, strerror(errno));
done:
	if (fd >= 0)
		close(fd);
	if (err < 0)
		unlink(tmp.ptr);
	ot_buf_release(&tmp);
	return err;
}

/* mkdir that accepts an existing directory, but not a symbolic link to
 * one (pages must never land outside the site) unless allow_link: the
 * output directory itself, as the user named it, may be a link. */
static int make_dir(const char *path, int allow_link)
{
	struct stat st;
	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno == EEXIST && !allow_link && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return ot_error_set(OT_EINVALID, "'%s' is a symbolic link; the site's directories must be real "
						 "directories: remove it and publish again", path);
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		return ot_error_set(OT_EINVALID, "'%s' exists and is not a directory; choose another output directory",
				    path);
	return ot_error_set(OT_ERROR, "cannot create the directory '%s': %s", path, strerror(errno));
}

/* mkdir -p, iteratively. */
static int make_dirs(const char *path)
{
	char *copy = ot_strdup(path), *s;
	int err = 0;
	for (s = copy + 1; *s && err == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(copy, 0755) < 0 && errno != EEXIST)
			err = ot_error_set(OT_ERROR, "cannot create the directory '%s': %s", copy, strerror(errno));
		*s = '/';
	}
	if (err == 0)
		err = make_dir(copy, 1);
	free(copy);
	return err;
}

static void sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* 1 when the directory holds any entry, 0 when empty, or an error. */
static int dir_nonempty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int any = 0;
	if (!d)
		return ot_error_set(OT_ERROR, "cannot read the directory '%s': %s", path, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		/* a temporary file of ours (".NAME.tmp", left by a killed
		 * run) does not make the directory someone else's */
		if (e->d_name[0] == '.' && n > 5 && strcmp(e->d_name + n - 4, ".tmp") == 0)
			continue;
		any = 1;
		break;
	}
	closedir(d);
	return any;
}

/* ---- one run ---------------------------------------------------------- */

typedef struct run {
	const char *dir;
	const ot_pub *p;
	json_t *old_pages; /* borrowed from the old manifest; NULL for none */
	json_t *new_pages; /* owned */
	ot_publish_result *res;
} run;

typedef int (*render_fn)(ot_buf *out, const ot_pub *p, size_t i);

static int render_index(ot_buf *out, const ot_pub *p, size_t i)
{
	(void)i;
	return ot_pub_index_page(out, p);
}

static int render_members(ot_buf *out, const ot_pub *p, size_t i)
{
	(void)i;
	return ot_pub_members_page(out, p);
}

static int render_feed(ot_buf *out, const ot_pub *p, size_t i)
{
	(void)i;
	return ot_pub_feed(out, p);
}

static int render_css(ot_buf *out, const ot_pub *p, size_t i)
{
	(void)p;
	(void)i;
	ot_buf_puts(out, ot_html_css);
	return 0;
}

/*
 * Produce the page at `rel` (path inside the site): with a `key`, keep it
 * when the manifest has that key and the file its size; otherwise (or
 * with key NULL: a cheap page keyed by its bytes) render it and write it
 * when its bytes differ from the file's.  Records the page in the new
 * manifest and counts it.
 */
static int page(run *r, const char *rel, const char *key, render_fn fn, size_t i)
{
	ot_buf path = OT_BUF_INIT, bytes = OT_BUF_INIT, old = OT_BUF_INIT;
	json_t *prev = r->old_pages ? json_object_get(r->old_pages, rel) : NULL, *entry;
	const char *prev_key = prev ? json_string_value(json_object_get(prev, "key")) : NULL;
	json_int_t prev_size = prev ? json_integer_value(json_object_get(prev, "size")) : -1;
	char hex[41];
	struct stat st;
	int err = 0, exists, rendered = 0;

	ot_buf_printf(&path, "%s/%s", r->dir, rel);
	exists = stat(path.ptr, &st) == 0 && S_ISREG(st.st_mode);
	if (!key) {
		if ((err = fn(&bytes, r->p, i)) < 0 || (err = ot_pub_sha1(hex, bytes.ptr, bytes.len)) < 0)
			goto done;
		rendered = 1;
		key = hex;
	}
	if (prev_key && strcmp(prev_key, key) == 0 && exists && (json_int_t)st.st_size == prev_size) {
		r->res->kept++;
		entry = json_pack("{s:s, s:I}", "key", key, "size", prev_size);
		goto record;
	}
	if (!rendered && (err = fn(&bytes, r->p, i)) < 0)
		goto done;
	if (exists && (size_t)st.st_size == bytes.len && read_file(&old, path.ptr) == 0 && old.len == bytes.len &&
	    memcmp(old.ptr, bytes.ptr, bytes.len) == 0) {
		r->res->kept++;
	} else {
		if ((err = write_atomic(path.ptr, bytes.ptr, bytes.len)) < 0)
			goto done;
		r->res->written++;
	}
	entry = json_pack("{s:s, s:I}", "key", key, "size", (json_int_t)bytes.len);
record:
	r->res->pages++;
	if (!entry || json_object_set_new(r->new_pages, rel, entry) < 0)
		err = ot_error_set(OT_ERROR, "cannot build the manifest: out of memory");
done:
	ot_buf_release(&path);
	ot_buf_release(&bytes);
	ot_buf_release(&old);
	return err;
}

static void key_str(ot_buf *m, const char *s)
{
	ot_buf_printf(m, "%zu:%s\n", s ? strlen(s) : (size_t)0, s ? s : "");
}

static int ordinance_key(char out[41], const ot_pub *p, size_t o)
{
	ot_buf m = OT_BUF_INIT;
	const ot_version_list *vl = &p->versions[o];
	size_t i;
	int err;
	key_str(&m, OT_PUBLISH_GENERATOR);
	key_str(&m, ot_html_css);
	key_str(&m, p->title);
	key_str(&m, "ordinance");
	key_str(&m, p->ords[o]);
	for (i = 0; i < vl->n; i++) {
		const ot_version *v = &vl->items[i];
		ot_buf_printf(&m, "v%d\n", v->number);
		key_str(&m, v->commit);
		key_str(&m, v->date);
		key_str(&m, v->stage);
		key_str(&m, v->record);
		key_str(&m, v->subject);
		key_str(&m, v->title);
	}
	ot_buf_puts(&m, "records\n");
	for (i = 0; i < p->nrecords; i++)
		key_str(&m, p->rids[i]);
	err = ot_pub_sha1(out, m.ptr, m.len);
	ot_buf_release(&m);
	return err;
}

static int record_key(char out[41], const ot_pub *p, size_t r, const ot_buf *members_json)
{
	ot_buf m = OT_BUF_INIT;
	int err;
	key_str(&m, OT_PUBLISH_GENERATOR);
	key_str(&m, ot_html_css);
	key_str(&m, p->title);
	key_str(&m, "record");
	key_str(&m, p->rids[r]);
	key_str(&m, p->heads[r]);
	ot_record_to_json(&m, &p->records[r]);
	/* the page names its ordinances by their titles in force (the
	 * latest version's), which a later version may change */
	{
		size_t i, o;
		const ot_record *rec = &p->records[r];
		ot_buf_puts(&m, "\nordinances\n");
		for (i = 0; i < rec->nordinances; i++)
			for (o = 0; o < p->nords; o++)
				if (strcmp(p->ords[o], rec->ordinances[i]) == 0 && p->versions[o].n)
					key_str(&m, p->versions[o].items[0].title);
	}
	ot_buf_puts(&m, "\nmembers\n");
	ot_buf_put(&m, members_json->ptr, members_json->len);
	err = ot_pub_sha1(out, m.ptr, m.len);
	ot_buf_release(&m);
	return err;
}

/* Read and check the manifest at path.  *out is NULL when there is none. */
static int manifest_read(json_t **out, ot_buf *raw, const char *path)
{
	json_error_t je;
	json_t *root, *pages, *v;
	const char *k;
	int err = read_file(raw, path);
	*out = NULL;
	if (err == OT_ENOTFOUND)
		return 0;
	if (err < 0)
		return err;
	root = json_loadb(raw->ptr, raw->len, 0, &je);
	if (!root)
		return ot_error_set(OT_EINVALID, "%s:%d: not a manifest of ordtrack publish: %s; choose an empty or new "
						 "directory", path, je.line, je.text);
	pages = json_object_get(root, "pages");
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")), MANIFEST_FORMAT) != 0 || !json_is_object(pages)) {
		json_decref(root);
		return ot_error_set(OT_EINVALID, "%s: not a manifest of ordtrack publish (expected format \"%s\" and "
						 "\"pages\"); choose an empty or new directory", path, MANIFEST_FORMAT);
	}
	json_object_foreach(pages, k, v) {
		if (!json_is_object(v) || !json_is_string(json_object_get(v, "key")) ||
		    !json_is_integer(json_object_get(v, "size"))) {
			/* the message first: k belongs to root */
			int err2 = ot_error_set(OT_EINVALID, "%s: the entry of '%s' needs a \"key\" and a \"size\"; "
							     "choose an empty or new directory", path, k);
			json_decref(root);
			return err2;
		}
	}
	*out = root;
	return 0;
}

/* Write the manifest with `pages` (borrowed) when its bytes differ from
 * `old`. */
static int manifest_write(const char *path, json_t *pages, const ot_buf *old)
{
	json_t *root = json_object();
	char *s;
	ot_buf b = OT_BUF_INIT;
	int err = 0;
	json_object_set_new(root, "format", json_string(MANIFEST_FORMAT));
	json_object_set(root, "pages", pages);
	s = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	json_decref(root);
	if (!s)
		return ot_error_set(OT_ERROR, "cannot write the manifest: out of memory");
	ot_buf_puts(&b, s);
	ot_buf_putc(&b, '\n');
	free(s);
	if (!(old && old->len == b.len && memcmp(old->ptr, b.ptr, b.len) == 0))
		err = write_atomic(path, b.ptr, b.len);
	ot_buf_release(&b);
	return err;
}

/* Check --base-url and return it ending in '/' (new string). */
static int base_url(char **out, const char *url)
{
	const char *s = url;
	ot_buf b = OT_BUF_INIT;
	*out = NULL;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		goto bad;
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '+' ||
	       *s == '-' || *s == '.')
		s++;
	if (strncmp(s, "://", 3) != 0 || !s[3])
		goto bad;
	for (s = url; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f || strchr("\"<>\\^`{|}", *s))
			goto bad;
	if (ot_utf8_check(url, strlen(url), NULL, NULL) < 0)
		goto bad;
	ot_buf_puts(&b, url);
	if (b.ptr[b.len - 1] != '/')
		ot_buf_putc(&b, '/');
	*out = ot_buf_detach(&b);
	return 0;
bad:
	ot_error_set(OT_EINVALID, "the base URL '%s' is not an absolute URL such as https://example.org/code/", url);
	ot_error_hint(OT_HINT_BASE_URL);
	return OT_EINVALID;
}

int ot_publish(ot_publish_result *out, ot_tracker *t, const ot_publish_opts *opts)
{
	ot_pub p;
	run r;
	json_t *manifest = NULL;
	ot_buf raw = OT_BUF_INIT, mpath = OT_BUF_INIT, rel = OT_BUF_INIT, members_json = OT_BUF_INIT;
	char key[41];
	size_t i;
	int err = 0, nonempty;
	static const char *const subdirs[] = {"", "/ordinances", "/records", "/members"};

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	memset(&r, 0, sizeof(r));
	if (!opts || !opts->out_dir || !*opts->out_dir) {
		ot_error_set(OT_EINVALID, "no output directory given");
		ot_error_hint(OT_HINT_OUT);
		return OT_EINVALID;
	}
	p.title = opts->title ? opts->title : "City ordinances";
	if ((err = ot_text_check("the site's title", p.title, 0)) < 0)
		return err;
	if (!*p.title) {
		ot_error_set(OT_EINVALID, "the site's title is empty");
		ot_error_hint(OT_HINT_TITLE);
		return OT_EINVALID;
	}
	if (opts->base_url && (err = base_url(&p.base, opts->base_url)) < 0)
		return err;

	ot_buf_printf(&mpath, "%s/%s", opts->out_dir, OT_PUBLISH_MANIFEST);
	if ((err = make_dirs(opts->out_dir)) < 0 || (err = manifest_read(&manifest, &raw, mpath.ptr)) < 0)
		goto done;
	if (!manifest) {
		if ((nonempty = dir_nonempty(opts->out_dir)) != 0) {
			err = nonempty < 0 ? nonempty
					   : ot_error_set(OT_EEXISTS, "%s is not empty and was not written by ordtrack "
								      "publish; choose an empty or new directory",
							  opts->out_dir);
			goto done;
		}
	}
	r.dir = opts->out_dir;
	r.p = &p;
	r.res = out;
	r.old_pages = manifest ? json_object_get(manifest, "pages") : NULL;
	r.new_pages = json_object();
	if (!manifest && (err = manifest_write(mpath.ptr, r.new_pages, NULL)) < 0)
		goto done;

	if ((err = pub_load(&p, t)) < 0)
		goto done;
	for (i = 1; i < OT_ARRAY_LEN(subdirs); i++) {
		ot_buf_clear(&rel);
		ot_buf_printf(&rel, "%s%s", opts->out_dir, subdirs[i]);
		if ((err = make_dir(rel.ptr, 0)) < 0)
			goto done;
	}
	if ((err = page(&r, "style.css", NULL, render_css, 0)) < 0 ||
	    (err = page(&r, "index.html", NULL, render_index, 0)) < 0 ||
	    (err = page(&r, "feed.xml", NULL, render_feed, 0)) < 0 ||
	    (err = page(&r, "members/index.html", NULL, render_members, 0)) < 0)
		goto done;
	for (i = 0; i < p.members.n; i++) {
		ot_buf_clear(&rel);
		ot_buf_puts(&rel, p.hrefs[i]);
		if ((err = check_component(p.slugs[i], "member page")) < 0 ||
		    (err = page(&r, rel.ptr, NULL, ot_pub_member_page, i)) < 0)
			goto done;
	}
	for (i = 0; i < p.nords; i++) {
		ot_buf_clear(&rel);
		ot_buf_printf(&rel, "ordinances/%s.html", p.ords[i]);
		if ((err = ordinance_key(key, &p, i)) < 0 || (err = page(&r, rel.ptr, key, ot_pub_ordinance_page, i)) < 0)
			goto done;
	}
	ot_members_to_json(&members_json, &p.members);
	for (i = 0; i < p.nrecords; i++) {
		ot_buf_clear(&rel);
		ot_buf_printf(&rel, "records/%s.html", p.rids[i]);
		if ((err = record_key(key, &p, i, &members_json)) < 0 ||
		    (err = page(&r, rel.ptr, key, ot_pub_record_page, i)) < 0)
			goto done;
	}
	err = manifest_write(mpath.ptr, r.new_pages, manifest ? &raw : NULL);
	if (err == 0 && out->written) {
		for (i = 0; i < OT_ARRAY_LEN(subdirs); i++) {
			ot_buf_clear(&rel);
			ot_buf_printf(&rel, "%s%s", opts->out_dir, subdirs[i]);
			sync_dir(rel.ptr);
		}
	}
done:
	json_decref(manifest);
	json_decref(r.new_pages);
	pub_release(&p);
	ot_buf_release(&raw);
	ot_buf_release(&mpath);
	ot_buf_release(&rel);
	ot_buf_release(&members_json);
	return err;
}
