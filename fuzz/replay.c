/*
 * The corpus replayer: a main() for building a harness without libFuzzer (gcc, the normal and the
 * sanitizer builds). It runs LLVMFuzzerTestOneInput once over every file named on the command
 * line and every regular file under the directories named there (recursively, in name order, so
 * runs are repeatable), then prints how many inputs it ran. It does not mutate anything: it is the
 * regression test that keeps each corpus file, and each crash once fixed, passing.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t g_ran;

/* Reads a whole file; the caller frees *out. Returns 0, or -1 with a message printed. */
static int read_file(const char *path, uint8_t **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  for (;;) {
    if (!buf) break;
    if (n == cap) {
      uint8_t *p = realloc(buf, cap * 2);
      if (!p) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = p;
      cap *= 2;
    }
    size_t k = fread(buf + n, 1, cap - n, f);
    n += k;
    if (k == 0) break;
  }
  int bad = !buf || ferror(f);
  fclose(f);
  if (bad) {
    fprintf(stderr, "replay: %s: read error\n", path);
    free(buf);
    return -1;
  }
  /* The fuzzer hands over exactly `size` bytes: copy into a buffer of that size, so that ASan
   * sees any read one past the end. */
  uint8_t *exact = malloc(n ? n : 1);
  if (!exact) {
    free(buf);
    return -1;
  }
  memcpy(exact, buf, n);
  free(buf);
  *out = exact;
  *len = n;
  return 0;
}

static int run_file(const char *path) {
  uint8_t *data = NULL;
  size_t len = 0;
  if (read_file(path, &data, &len)) return -1;
  /* Name the input first: if it crashes, this is the last line before the report. */
  fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
  LLVMFuzzerTestOneInput(data, len);
  free(data);
  g_ran++;
  return 0;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path) {
  struct stat st;
  if (stat(path, &st)) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) return run_file(path);
  DIR *dir = opendir(path);
  if (!dir) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.') continue; /* ".", ".." and hidden files such as .gitkeep */
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **p = realloc(names, cap * sizeof *names);
      if (!p) {
        rc = -1;
        break;
      }
      names = p;
    }
    size_t need = strlen(path) + strlen(e->d_name) + 2;
    names[n] = malloc(need);
    if (!names[n]) {
      rc = -1;
      break;
    }
    snprintf(names[n], need, "%s/%s", path, e->d_name);
    n++;
  }
  closedir(dir);
  if (n) qsort(names, n, sizeof *names, cmp_names);
  for (size_t i = 0; i < n; i++) {
    if (!rc && run_path(names[i])) rc = -1;
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  int rc = 0;
  for (int i = 1; i < argc; i++)
    if (run_path(argv[i])) rc = 1;
  if (g_ran == 0) {
    fprintf(stderr, "replay: no input files\n");
    rc = 1;
  }
  printf("replay: %zu inputs ran\n", g_ran);
  return rc;
}
