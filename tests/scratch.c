/* Scratch directories for tests (scratch.h). */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */
#include "scratch.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int test_scratch_make(char *root, size_t cap, const char *prefix) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  int n = snprintf(root, cap, "%s/%s-XXXXXX", tmp, prefix);
  if (n < 0 || (size_t)n >= cap || !mkdtemp(root)) {
    fprintf(stderr, "cannot create a scratch directory under %s: %s\n", tmp,
            n < 0 || (size_t)n >= cap ? "path too long" : strerror(errno));
    if (cap) root[0] = 0;
    return -1;
  }
  return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

void test_scratch_remove(const char *root) {
  if (root[0]) nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
