/*
 * The examples a newcomer runs first must give the events written next to them: code
 * examples/X.txt with the CLI, exactly as examples/README.md shows, and compare the set of
 * (sentence_index, source, target, code) with examples/X.expected.jsonl. On a difference the test
 * prints what is missing (with the annotator's note) and what is unexpected (with the sentence).
 *
 * This checks the built-in dictionaries and coding rules end to end, so it is kept apart from
 * test_cli (which checks the CLI itself) while the coder is being tuned.
 *
 * Usage: test_examples GESTA SRCDIR
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli_util.h"

static const char *g_srcdir;

typedef struct tuple {
  char key[160]; /* "%06d|source|target|code": sorts by sentence */
  long long sentence_index;
  char source[40], target[40], code[8];
  const char *detail; /* note (expected) or sentence (got); borrowed */
} tuple;

typedef struct tuple_set {
  tuple *v;
  size_t n, cap;
} tuple_set;

static void set_add(tuple_set *s, const json_t *obj, const char *detail) {
  const json_t *idx = json_object_get(obj, "sentence_index");
  const json_t *src = json_object_get(obj, "source");
  const json_t *tgt = json_object_get(obj, "target");
  const json_t *code = json_object_get(obj, "code");
  if (!json_is_integer(idx) || !json_is_string(src) || !json_is_string(tgt) ||
      !json_is_string(code)) {
    char *d = json_dumps(obj, JSON_COMPACT);
    print_error("%s\n", d ? d : "?");
    free(d);
    fail_msg("need sentence_index (integer), source, target and code (strings)");
  }
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 32;
    s->v = realloc(s->v, s->cap * sizeof *s->v);
    assert_non_null(s->v);
  }
  tuple *t = &s->v[s->n++];
  memset(t, 0, sizeof *t);
  t->sentence_index = (long long)json_integer_value(idx);
  snprintf(t->source, sizeof t->source, "%s", json_string_value(src));
  snprintf(t->target, sizeof t->target, "%s", json_string_value(tgt));
  snprintf(t->code, sizeof t->code, "%s", json_string_value(code));
  snprintf(t->key, sizeof t->key, "%06lld|%s|%s|%s", t->sentence_index, t->source, t->target,
           t->code);
  t->detail = detail;
}

static int tuple_cmp(const void *a, const void *b) {
  return strcmp(((const tuple *)a)->key, ((const tuple *)b)->key);
}

/* Sorts and removes repeated tuples: the comparison is by set. */
static void set_normalise(tuple_set *s) {
  if (!s->n) return;
  qsort(s->v, s->n, sizeof *s->v, tuple_cmp);
  size_t w = 1;
  for (size_t i = 1; i < s->n; i++)
    if (strcmp(s->v[i].key, s->v[w - 1].key) != 0) s->v[w++] = s->v[i];
  s->n = w;
}

static void print_tuple(const char *what, const tuple *t) {
  print_message("  %-10s s%-3lld %-10s -> %-10s %-5s  %s\n", what, t->sentence_index, t->source,
                t->target[0] ? t->target : "-", t->code, t->detail ? t->detail : "");
}

/* Reads the expected file; the returned array owns the objects whose notes the tuples borrow. */
static json_t *load_expected(const char *path, tuple_set *want) {
  FILE *f = fopen(path, "r");
  if (!f) fail_msg("cannot open %s: %s", path, strerror(errno));
  json_t *all = json_array();
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (len == 0) continue;
    json_error_t je;
    json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!obj) fail_msg("%s:%zu: %s", path, lineno, je.text);
    json_array_append_new(all, obj);
    set_add(want, obj, json_string_value(json_object_get(obj, "note")));
  }
  free(line);
  fclose(f);
  return all;
}

/* The state of one comparison, static so that the teardown frees it after a failed assertion. */
static tuple_set want, got;
static json_t *want_json;

static int examples_teardown(void **state) {
  free(want.v);
  free(got.v);
  memset(&want, 0, sizeof want);
  memset(&got, 0, sizeof got);
  json_decref(want_json);
  want_json = NULL;
  return cli_test_teardown(state);
}

static void compare_example(const char *name) {
  char text[PATH_MAX], expected[PATH_MAX];
  snprintf(text, sizeof text, "%s/examples/%s.txt", g_srcdir, name);
  snprintf(expected, sizeof expected, "%s/examples/%s.expected.jsonl", g_srcdir, name);

  want_json = load_expected(expected, &want);

  cli_fresh_dir();
  cli_result r;
  cli_runl(&r, "code", "--date", "2025-03-03", "--id", name, text, (const char *)NULL);
  cli_expect_status(&r, 0);
  json_t *evs = cli_events(&r);
  size_t i;
  json_t *ev;
  json_array_foreach(evs, i, ev) {
    set_add(&got, ev, json_string_value(json_object_get(ev, "sentence")));
  }
  set_normalise(&want);
  set_normalise(&got);

  size_t missing = 0, unexpected = 0, a = 0, b = 0;
  while (a < want.n || b < got.n) {
    int c = a == want.n ? 1 : b == got.n ? -1 : strcmp(want.v[a].key, got.v[b].key);
    if (c == 0) {
      a++;
      b++;
    } else if (c < 0) {
      if (!missing++ && !unexpected) print_message("examples/%s.txt: differences\n", name);
      print_tuple("missing", &want.v[a++]);
    } else {
      if (!missing && !unexpected++) print_message("examples/%s.txt: differences\n", name);
      print_tuple("unexpected", &got.v[b++]);
    }
  }
  if (missing || unexpected)
    print_message("examples/%s.txt: %zu missing, %zu unexpected (%zu expected, %zu coded)\n", name,
                  missing, unexpected, want.n, got.n);
  /* The example must also give well-formed events and the summary line. */
  json_array_foreach(evs, i, ev) { cli_check_event_shape(ev); }
  cli_expect_summary(&r, 1, 1, 0, json_array_size(evs));
  cli_result_free(&r);
  if (missing || unexpected)
    fail_msg("examples/%s.txt: %zu missing and %zu unexpected events", name, missing, unexpected);
}

static void test_es_cumbre(void **state) {
  (void)state;
  compare_example("es-cumbre");
}

static void test_en_ceasefire(void **state) {
  (void)state;
  compare_example("en-ceasefire");
}

/* The simplest sentence in each language, with the built-in dictionaries only. */
static void builtin_one(const char *file, const char *text, const char *lang,
                        const char *source_text, const char *target_text, const char *verb_text) {
  cli_fresh_dir();
  cli_write_str(file, text);
  cli_result r;
  cli_runl(&r, "code", "--date", "2025-03-03", file, (const char *)NULL);
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(json_array_get(cli_events(&r), 0), file, 0, "2025-03-03", lang, "RUS", "UKR",
                   "190", source_text, target_text, verb_text);
  cli_result_free(&r);
}

static void test_builtin_es(void **state) {
  (void)state;
  builtin_one("es.txt", "Rusia atacó Ucrania.\n", "es", "Rusia", "Ucrania", "atacó");
}

static void test_builtin_en(void **state) {
  (void)state;
  builtin_one("en.txt", "Russia attacked Ukraine.\n", "en", "Russia", "Ukraine", "attacked");
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: test_examples GESTA SRCDIR\n");
    return 2;
  }
  cli_set_binary(argv[1]);
  g_srcdir = argv[2];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_builtin_es, cli_test_teardown),
      cmocka_unit_test_teardown(test_builtin_en, cli_test_teardown),
      cmocka_unit_test_teardown(test_es_cumbre, examples_teardown),
      cmocka_unit_test_teardown(test_en_ceasefire, examples_teardown),
  };
  return cmocka_run_group_tests_name("examples", tests, cli_root_setup, cli_root_teardown);
}
