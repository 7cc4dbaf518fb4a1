/*
 * replay_main.c - runs a libFuzzer-style target (LLVMFuzzerTestOneInput)
 * over every file of a corpus directory, so that `make check` replays the
 * seeds (and any crash found by fuzzing, once saved there) without a
 * fuzzing engine.  Build a real fuzzer with clang instead:
 *
 *   clang -fsanitize=fuzzer,address -Iinclude -Isrc tests/fuzz/fuzz_X.c \
 *         build/default/libordtrack.a $(pkg-config --libs ...)
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, n;
	unsigned char chunk[65536];
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			data = realloc(data, cap);
			if (!data)
				abort();
		}
		memcpy(data + len, chunk, n);
		len += n;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data ? data : (const uint8_t *)"", len);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	DIR *d;
	struct dirent *e;
	int count = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 2;
	}
	if (!(d = opendir(argv[1]))) {
		perror(argv[1]);
		return 2;
	}
	while ((e = readdir(d))) {
		char path[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
		if (run_file(path) < 0) {
			perror(path);
			closedir(d);
			return 2;
		}
		count++;
	}
	closedir(d);
	fprintf(stderr, "replayed %d inputs\n", count);
	return count ? 0 : 2;
}
