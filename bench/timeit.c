/*
 * timeit.c - run a command N times and print the median wall-clock time in
 * seconds and the largest peak resident set size in KiB:
 *
 *     timeit N OUTFILE -- command args...
 *
 * The command's stdout goes to OUTFILE (/dev/null to discard), stderr is
 * kept.  Exit status: the command's, when it fails.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	double times[101];
	long maxrss = 0;
	int n, i;

	if (argc < 5 || strcmp(argv[3], "--") != 0) {
		fprintf(stderr, "usage: timeit N OUTFILE -- command args...\n");
		return 2;
	}
	n = atoi(argv[1]);
	if (n < 1 || n > 101)
		n = 5;
	for (i = 0; i < n; i++) {
		struct timespec t0, t1;
		struct rusage ru;
		int status;
		pid_t pid;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid = fork();
		if (pid == 0) {
			int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, 1) < 0)
				_exit(127);
			execvp(argv[4], argv + 4);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
			perror("timeit");
			return 2;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		/* git diff exits 1 when there are differences */
		if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
			fprintf(stderr, "timeit: '%s' failed\n", argv[4]);
			return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
		}
		times[i] = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	qsort(times, (size_t)n, sizeof(double), cmp_double);
	printf("%.4f %ld\n", times[n / 2], maxrss);
	return 0;
}
