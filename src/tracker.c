/*
 * tracker.c - finding, creating and opening a tracker, and its writer lock.
 *
 * A tracker directory is a bare git repository; ot_tracker_init adds
 * index.sqlite (the schema is created by index.c) and a config flag
 * "ordtrack.tracker = true" that tells a tracker from any bare repository.
 * The writer lock is flock(2) on <tracker>/ordtrack.lock: the kernel drops
 * it when a writer dies, so a killed process never leaves it held.  The
 * last unlock after a write that produced a pack runs the pack-count
 * check (ot_store_consolidate) before the lock is released.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "tracker_internal.h"

static void libgit2_setup(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	git_libgit2_init();
	/* objects and refs reach the disk before a ref points at them */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* check that what we write refers to objects that exist */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
	/* reads trust zlib's checksum, as git does; re-hashing every object
	 * read cost a quarter of a diff between stored versions.  Object
	 * integrity is what `git fsck` (and ordtrack's own fsck) verify. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

/* libgit2 leaves some failed writes without a message (a pack that could
 * not be written on a full disk); errno then says what happened. */
int ot_git_error(int code, const char *what)
{
	const git_error *e = git_error_last();
	int saved = errno;
	const char *msg = e && e->message && *e->message ? e->message
			  : saved ? strerror(saved) : "unknown libgit2 error";
	if (saved == ENOSPC || saved == EDQUOT)
		ot_error_set(-1, "%s: %s; the disk is full: free some space and run the command again", what, msg);
	else
		ot_error_set(code == GIT_ENOTFOUND ? OT_ENOTFOUND : -1, "%s: %s", what, msg);
	return code == GIT_ENOTFOUND ? OT_ENOTFOUND : -1;
}

/* see ot_sql_bind_text: a bind failed since the last step, and the last
 * step was refused for that */
static _Thread_local int bind_failed, step_refused;

int ot_sql_bind_text(sqlite3_stmt *st, int i, const char *s, int n, void (*del)(void *))
{
	int rc = sqlite3_bind_text(st, i, s, n, del);
	if (rc == SQLITE_NOMEM)
		bind_failed = 1;
	return rc;
}

int ot_sql_bind_blob(sqlite3_stmt *st, int i, const void *p, int n, void (*del)(void *))
{
	int rc = sqlite3_bind_blob(st, i, p, n, del);
	if (rc == SQLITE_NOMEM)
		bind_failed = 1;
	return rc;
}

int ot_sql_step(sqlite3_stmt *st)
{
	step_refused = bind_failed;
	bind_failed = 0;
	return step_refused ? SQLITE_NOMEM : sqlite3_step(st);
}

int ot_sqlite_error(sqlite3 *db, const char *what)
{
	int sys = db ? sqlite3_system_errno(db) : 0;
	if (step_refused)
		return ot_error_set(-1, "index: %s: out of memory", what);
	if (db && (sqlite3_errcode(db) == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT))
		return ot_error_set(-1, "index: %s: %s (%s); the disk is full: free some space and run the command again",
				    what, sqlite3_errmsg(db), strerror(sys ? sys : ENOSPC));
	return ot_error_set(-1, "index: %s: %s", what, db ? sqlite3_errmsg(db) : "cannot allocate");
}

static int is_tracker(const char *path)
{
	char *p;
	struct stat st;
	int ok;
	size_t n = strlen(path) + 32;
	p = ot_malloc(n);
	snprintf(p, n, "%s/%s", path, OT_LOCK_FILE);
	ok = stat(p, &st) == 0;
	snprintf(p, n, "%s/HEAD", path);
	ok = ok && stat(p, &st) == 0;
	free(p);
	return ok;
}

int ot_tracker_discover(char **out, const char *explicit_path)
{
	char cwd[4096], *p;
	size_t len;

	if (explicit_path && *explicit_path) {
		*out = ot_strdup(explicit_path);
		return 0;
	}
	if (!getcwd(cwd, sizeof(cwd) - 16))
		return ot_error_set(-1, "cannot read the current directory: %s", strerror(errno));
	for (;;) {
		len = strlen(cwd);
		p = ot_malloc(len + 16);
		snprintf(p, len + 16, "%s/.ordtrack", strcmp(cwd, "/") ? cwd : "");
		if (is_tracker(p)) {
			*out = p;
			return 0;
		}
		free(p);
		if (strcmp(cwd, "/") == 0 || !strrchr(cwd, '/'))
			break;
		*strrchr(cwd, '/') = '\0';
		if (!*cwd)
			strcpy(cwd, "/");
	}
	return ot_error_set(OT_ENOTFOUND, "no tracker found: no .ordtrack/ here or in a parent directory");
}

/* 1 when path does not exist or is an empty directory */
static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int empty = 1;
	if (!d)
		return errno == ENOENT;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

int ot_tracker_init(const char *path)
{
	git_repository *repo = NULL;
	git_repository_init_options opts;
	ot_tracker *t = NULL;
	char *lock = NULL;
	size_t n;
	int fd, err;

	libgit2_setup();
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if (is_tracker(path))
		return ot_error_set(OT_EEXISTS, "'%s' is already a tracker", path);
	if (!dir_is_empty(path))
		return ot_error_set(OT_EEXISTS, "'%s' exists and is not empty; a tracker needs a new or empty directory",
				    path);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
		     GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = "main";
	opts.description = "ordtrack tracker: ordinances and their amendments";
	if ((err = git_repository_init_ext(&repo, path, &opts)) < 0) {
		if (err == GIT_EEXISTS)
			return ot_error_set(OT_EEXISTS, "'%s' already holds a git repository", path);
		return ot_git_error(err, path);
	}
	/* libgit2 1.5 reads pack.deltaCacheSize as the size above which an
	 * object is stored whole in a pack it builds; 1 skips the delta
	 * search over every new section when a write batch is packed
	 * (seconds for a whole code).  git's own repack is unaffected but
	 * for caching fewer deltas while it works. */
	{
		git_config *cfg = NULL;
		if ((err = git_repository_config(&cfg, repo)) == 0)
			err = git_config_set_int64(cfg, "pack.deltaCacheSize", 1);
		git_config_free(cfg);
		if (err < 0) {
			git_repository_free(repo);
			return ot_git_error(err, "configure the tracker");
		}
	}
	git_repository_free(repo);

	n = strlen(path) + 32;
	lock = ot_malloc(n);
	snprintf(lock, n, "%s/%s", path, OT_LOCK_FILE);
	fd = open(lock, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = ot_error_set(-1, "cannot create '%s': %s", lock, strerror(errno));
		free(lock);
		return err;
	}
	close(fd);
	free(lock);
	/* creates the index schema */
	err = ot_tracker_open(&t, path);
	ot_tracker_free(t);
	return err;
}

int ot_tracker_open(ot_tracker **out, const char *path)
{
	ot_tracker *t;
	int err;

	*out = NULL;
	libgit2_setup();
	if (!is_tracker(path)) {
		ot_error_set(OT_ENOTFOUND, "'%s' is not an ordtrack tracker", path);
		ot_error_hint_about(OT_HINT_INIT, "%s", path);
		return OT_ENOTFOUND;
	}
	t = ot_calloc(1, sizeof(*t));
	t->path = ot_strdup(path);
	t->lock_fd = -1;
	if ((err = git_repository_open_bare(&t->repo, path)) < 0) {
		err = ot_git_error(err, path);
		goto fail;
	}
	if ((err = ot_index_open(t)) < 0)
		goto fail;
	if ((err = ot_index_catch_up(t)) < 0)
		goto fail;
	*out = t;
	return 0;
fail:
	ot_tracker_free(t);
	return err;
}

void ot_tracker_free(ot_tracker *t)
{
	if (!t)
		return;
	if (t->db)
		sqlite3_close(t->db);
	/* the odb owns the mempack backend and frees it with the repo */
	git_repository_free(t->repo);
	if (t->lock_fd >= 0)
		close(t->lock_fd);
	free(t->batch_ids);
	free(t->path);
	free(t);
}

const char *ot_tracker_path(const ot_tracker *t)
{
	return t->path;
}

int ot_tracker_lock(ot_tracker *t, int timeout_ms)
{
	char *p;
	size_t n;
	int waited = 0, err = 0;

	if (t->lock_depth++ > 0)
		return 0;
	n = strlen(t->path) + 32;
	p = ot_malloc(n);
	snprintf(p, n, "%s/%s", t->path, OT_LOCK_FILE);
	t->lock_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (t->lock_fd < 0) {
		err = ot_error_set(-1, "cannot open lock file '%s': %s", p, strerror(errno));
		goto done;
	}
	while (flock(t->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		if (errno != EWOULDBLOCK && errno != EINTR) {
			err = ot_error_set(-1, "cannot lock '%s': %s", p, strerror(errno));
			goto done;
		}
		if (waited >= timeout_ms) {
			err = ot_error_set(OT_ECONFLICT,
					   "another ordtrack process is writing to the tracker (lock '%s' held for %d s); try again when it has finished",
					   p, timeout_ms / 1000);
			goto done;
		}
		nanosleep(&ts, NULL);
		waited += 10;
	}
done:
	if (err < 0) {
		if (t->lock_fd >= 0)
			close(t->lock_fd);
		t->lock_fd = -1;
		t->lock_depth = 0;
	}
	free(p);
	return err;
}

/*
 * After a write that produced a pack, still under the lock: keep the pack
 * count bounded (ot_store_consolidate).  The write itself stands whatever
 * happens here, so a failure becomes the write's warning when a ref moved
 * (unless it has one already) and is dropped otherwise (a write that
 * failed reports its own error, which is kept).
 */
static void after_write(ot_tracker *t)
{
	char *saved, *subject;
	ot_hint hint;
	int committed = t->refs_moved;
	t->packs_written = t->refs_moved = 0;
	if (t->nbatch)
		return; /* never under an open batch: its objects are in memory */
	saved = ot_strdup(ot_error_last());
	hint = ot_error_last_hint();
	subject = ot_strdup(ot_error_last_hint_subject());
	if (ot_store_consolidate(t) < 0 && committed && !*ot_warning_last())
		ot_warning_set("the change is recorded, but packing the tracker's objects failed (%s); nothing is lost "
			       "and the next write tries again",
			       ot_error_last());
	ot_error_set(-1, "%s", saved);
	ot_error_hint_about(hint, "%s", subject);
	free(saved);
	free(subject);
}

void ot_tracker_unlock(ot_tracker *t)
{
	if (t->lock_depth == 0 || --t->lock_depth > 0)
		return;
	if (t->packs_written && t->lock_fd >= 0)
		after_write(t);
	if (t->lock_fd >= 0) {
		flock(t->lock_fd, LOCK_UN);
		close(t->lock_fd);
		t->lock_fd = -1;
	}
}
