/*
 * Parallel coding: the results of a batch come back in input order, and are the same whatever
 * the number of threads; failures and warnings stay with their document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gesta/gesta.h>

#include "unit_util.h"

static gesta_dict *g_dict;

typedef struct out {
  char *text;
  size_t len, cap;
  size_t next_index;
  int order_ok;
  size_t failed;
} out;

static void add(out *o, const char *s, size_t n) {
  if (o->len + n + 1 > o->cap) {
    o->cap = (o->len + n + 1) * 2;
    o->text = realloc(o->text, o->cap);
    assert_non_null(o->text);
  }
  memcpy(o->text + o->len, s, n);
  o->len += n;
  o->text[o->len] = 0;
}

static int collect(const gesta_batch_result *r, void *user) {
  out *o = user;
  if (r->index != o->next_index++) o->order_ok = 0;
  char head[64];
  int n = snprintf(head, sizeof head, "#%zu status %d\n", r->index, r->status);
  add(o, head, (size_t)n);
  if (r->status) o->failed++;
  add(o, r->jsonl, r->jsonl_len);
  add(o, r->warnings, r->warnings_len);
  return 0;
}

#define NDOCS 97
#define LIMIT 65

static const char *const texts[] = {
    "Rusia atacó Ucrania. Francia y Alemania condenaron a Rusia.",
    "Russian troops shelled Kharkiv. Ukraine accused Russia of war crimes.",
    "Lula visitó China y se reunió con Xi Jinping.",
    "El tiempo será soleado el lunes.",
    "Armenia and Azerbaijan \xff signed a peace deal.",
};

static out run(int threads) {
  gesta_batch *b;
  gesta_coder_options co;
  gesta_coder_options_default(&co);
  co.max_doc_bytes = LIMIT; /* some documents fail: their failure must stay in place */
  assert_int_equal(gesta_batch_new(&b, g_dict, &co, threads), 0);
  static gesta_document docs[NDOCS];
  static char ids[NDOCS][16];
  for (size_t i = 0; i < NDOCS; i++) {
    snprintf(ids[i], sizeof ids[i], "d%zu", i);
    memset(&docs[i], 0, sizeof docs[i]);
    docs[i].id = ids[i];
    docs[i].text = texts[i % 5];
    docs[i].text_len = strlen(texts[i % 5]);
    docs[i].date = "2024-05-01";
  }
  out o = {NULL, 0, 0, 0, 1, 0};
  /* Two batches through the same object: the threads wait between them. */
  assert_int_equal(gesta_batch_code(b, docs, 60, collect, &o), 0);
  o.next_index = 0;
  assert_int_equal(gesta_batch_code(b, docs + 60, NDOCS - 60, collect, &o), 0);
  gesta_batch_free(b);
  return o;
}

static void same_output_any_threads(void **state) {
  (void)state;
  out one = run(1), three = run(3);
  assert_true(one.order_ok);
  assert_true(three.order_ok);
  assert_non_null(strstr(one.text, "\"source\":\"RUS\",\"target\":\"UKR\",\"code\":\"190\""));
  assert_non_null(strstr(one.text, "line 1: "));  /* the invalid byte's warning */
  size_t want_failed = 0;
  for (size_t i = 0; i < NDOCS; i++) want_failed += strlen(texts[i % 5]) > LIMIT;
  assert_true(want_failed > 0 && want_failed < NDOCS);
  assert_int_equal(one.failed, want_failed);
  assert_int_equal(three.failed, want_failed);
  assert_int_equal(one.len, three.len);
  assert_memory_equal(one.text, three.text, one.len);
  free(one.text);
  free(three.text);
}

static void bad_arguments(void **state) {
  (void)state;
  gesta_batch *b = (gesta_batch *)1;
  assert_int_equal(gesta_batch_new(&b, g_dict, NULL, 0), GESTA_EINVAL);
  assert_null(b);
  assert_int_equal(gesta_batch_new(&b, NULL, NULL, 2), GESTA_EINVAL);
  gesta_batch_free(NULL);
}

int main(void) {
  if (!(g_dict = unit_builtin_dict())) return 2;
  const struct CMUnitTest tests[] = {cmocka_unit_test(same_output_any_threads),
                                     cmocka_unit_test(bad_arguments)};
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  gesta_dict_free(g_dict);
  return rc;
}
