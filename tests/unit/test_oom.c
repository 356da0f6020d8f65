/*
 * Out-of-memory loops (SQLite and curl style): an allocator installed with gesta_set_allocator()
 * counts allocations and fails the Nth one from an arming point. For N = 1, 2, ... the operation
 * must return 0 or GESTA_ENOMEM (never crash, never another status), leave nothing allocated
 * once its objects are freed, and the loop ends at the first N the operation no longer reaches.
 * Covered: coding a document (with a fresh coder each time), building a dictionary from texts,
 * and parsing a JSON document line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lexicon.h"

/* ---- the counting allocator ------------------------------------------------------------------ */

static long g_calls;   /* allocation calls (malloc and realloc) so far */
static long g_fail_at; /* the call number that fails; 0: none */
static int g_failed;   /* the armed failure happened */
static long g_live;    /* blocks allocated and not yet freed */

static int should_fail(void) {
  g_calls++;
  if (g_fail_at && g_calls == g_fail_at) {
    g_failed = 1;
    return 1;
  }
  return 0;
}

static void *t_malloc(size_t n) {
  if (should_fail()) return NULL;
  void *p = malloc(n);
  if (p) g_live++;
  return p;
}

static void *t_realloc(void *p, size_t n) {
  if (should_fail()) return NULL;
  void *q = realloc(p, n);
  if (q && !p) g_live++;
  return q;
}

static void t_free(void *p) {
  if (p) g_live--;
  free(p);
}

/* The Nth allocation from now fails. */
static void arm(long n) {
  g_failed = 0;
  g_fail_at = g_calls + n;
}
static void disarm(void) { g_fail_at = 0; }

/* ---- fixtures -------------------------------------------------------------------------------- */

static const char CAMEO[] = "042\t1\t1.9\t-\tMake a visit\n"
                            "057\t1\t8.0\tm\tSign formal agreement\n"
                            "190\t4\t-10.0\t-\tUse conventional military force\n";
static const char LANG_EN[] = "[stemmer]\nenglish\n"
                              "[function_words]\nthe | of | and | to | in\n"
                              "[abbreviations]\nMr. | Gen.\n"
                              "[link]\nof | 's\n"
                              "[coordination]\nand\n"
                              "[speech]\nsay\n"
                              "[irregular]\nsay: said | says\n";
static const char ACTORS[] =
    "actor RUS\n  en Russia\n  en.adj Russian\n"
    "actor UKR\n  en Ukraine\n"
    "actor FRA\n  en France\n"
    "person Vladimir Putin\n  code RUSGOV 2000-05-07..\n  en Vladimir Putin\n";
static const char AGENTS[] =
    "agent GOV\n  en government | president\nagent MIL\n  en army | troops\n";
static const char VERBS[] = "190 en attack\n042 en visit\n057 en sign agreement with +\n";

static const char TEXT[] = "The Russian army attacked Ukraine on Monday.\n"
                           "Later, Vladimir Putin visited France, Mr. Smith said.";

static int build_dict(gesta_dict **out) {
  gesta_dict_builder *b = NULL;
  *out = NULL;
  int rc = gesta_dict_builder_new(&b);
  if (rc) return rc;
  static const struct {
    gesta_dict_kind kind;
    const char *name, *text;
  } srcs[] = {{GESTA_DICT_CAMEO, "cameo.txt", CAMEO},
              {GESTA_DICT_LANG, "en.txt", LANG_EN},
              {GESTA_DICT_ACTORS, "actors.txt", ACTORS},
              {GESTA_DICT_AGENTS, "agents.txt", AGENTS},
              {GESTA_DICT_VERBS, "verbs.txt", VERBS}};
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0] && !rc; i++)
    rc = gesta_dict_builder_add_text(b, srcs[i].kind, srcs[i].name, srcs[i].text,
                                     strlen(srcs[i].text));
  if (!rc) {
    rc = gesta_dict_builder_build(b, out);
    if (rc == GESTA_ENOMEM)
      assert_string_equal(gesta_dict_builder_errmsg(b),
                          "out of memory while compiling dictionaries");
  }
  gesta_dict_builder_free(b);
  return rc;
}

typedef struct evs {
  int n;
  char line[4][64];
} evs;

static int on_event(const gesta_event *ev, void *user) {
  evs *e = user;
  if (e->n < 4)
    snprintf(e->line[e->n], sizeof e->line[0], "%zu %s %s %s", ev->sentence_index, ev->source,
             ev->target, ev->code);
  e->n++;
  return 0;
}

/* ---- loops ----------------------------------------------------------------------------------- */

static void coder_oom_loop(void **state) {
  (void)state;
  disarm();
  long live_start = g_live;
  gesta_dict *d = NULL;
  assert_int_equal(build_dict(&d), GESTA_OK);
  /* A reference run without failures. */
  gesta_coder *c = NULL;
  assert_int_equal(gesta_coder_new(&c, d, NULL), GESTA_OK);
  gesta_document doc;
  memset(&doc, 0, sizeof doc);
  doc.id = "oom";
  doc.title = "Russia attacks Ukraine";
  doc.title_len = strlen(doc.title);
  doc.text = TEXT;
  doc.text_len = sizeof TEXT - 1;
  doc.date = "2024-03-01";
  evs want = {0};
  assert_int_equal(gesta_coder_code(c, &doc, on_event, &want), GESTA_OK);
  gesta_coder_free(c);
  assert_int_equal(want.n, 3);
  assert_string_equal(want.line[0], "0 RUS UKR 190");
  assert_string_equal(want.line[1], "1 RUSMIL UKR 190");
  assert_string_equal(want.line[2], "2 RUSGOV FRA 042");

  long live0 = g_live;
  int nomem = 0;
  long n;
  for (n = 1; n < 100000; n++) {
    arm(n);
    c = NULL;
    evs got = {0};
    int rc = gesta_coder_new(&c, d, NULL);
    if (rc) {
      assert_int_equal(rc, GESTA_ENOMEM);
      assert_null(c);
    } else {
      rc = gesta_coder_code(c, &doc, on_event, &got);
      if (rc != GESTA_OK && rc != GESTA_ENOMEM)
        fail_msg("allocation %ld failing: status %d (%s)", n, rc, gesta_coder_errmsg(c));
      if (rc == GESTA_ENOMEM)
        assert_string_equal(gesta_coder_errmsg(c), "document oom: out of memory");
      gesta_coder_free(c);
    }
    int failed = g_failed;
    disarm();
    if (g_live != live0) fail_msg("allocation %ld failing: %ld blocks leaked", n, g_live - live0);
    if (rc == GESTA_ENOMEM) {
      assert_true(failed);
      nomem++;
    }
    if (rc == GESTA_OK && !failed) {
      /* Reached the end without meeting the failure: the same events as the reference. */
      assert_int_equal(got.n, want.n);
      for (int i = 0; i < want.n; i++) assert_string_equal(got.line[i], want.line[i]);
      break;
    }
  }
  assert_true(n < 100000);
  assert_true(nomem > 5); /* the loop did exercise failures */
  print_message("coder: %ld allocation points, %d reported GESTA_ENOMEM\n", n - 1, nomem);
  gesta_dict_free(d);
  assert_int_equal(g_live, live_start);
}

/* Every string a compiled dictionary refers to lies inside its string table. */
static void check_dict_strings(const gesta_dict *d, long n) {
  for (size_t i = 0; i < d->actors.len; i++)
    if (GVEC_AT(&d->actors, lex_actor, i).name >= d->strings.len)
      fail_msg("allocation %ld failing: build succeeded, actor %zu's name is outside the strings",
               n, i);
  for (size_t i = 0; i < d->codes.len; i++)
    if (GVEC_AT(&d->codes, lex_code, i).code >= d->strings.len)
      fail_msg("allocation %ld failing: build succeeded, code %zu is outside the strings", n, i);
  for (size_t i = 0; i < d->agents.len; i++)
    if (GVEC_AT(&d->agents, lex_agent, i).role >= d->strings.len)
      fail_msg("allocation %ld failing: build succeeded, agent %zu's role is outside the strings",
               n, i);
  for (size_t i = 0; i < d->patterns.len; i++)
    if (GVEC_AT(&d->patterns, lex_pattern, i).text >= d->strings.len)
      fail_msg("allocation %ld failing: build succeeded, pattern %zu's text is outside the strings",
               n, i);
}

/* strict: a build that returns 0 after a failed allocation must still be whole. */
static void builder_loop(int strict) {
  disarm();
  long live0 = g_live;
  gesta_dict *ref = NULL;
  assert_int_equal(build_dict(&ref), GESTA_OK);
  gesta_dict_stats want;
  assert_int_equal(gesta_dict_get_stats(ref, "en", &want), GESTA_OK);
  gesta_dict_free(ref);
  assert_int_equal(g_live, live0);
  int nomem = 0;
  long n;
  for (n = 1; n < 100000; n++) {
    arm(n);
    gesta_dict *d = NULL;
    int rc = build_dict(&d);
    int failed = g_failed;
    disarm();
    if (rc != GESTA_OK && rc != GESTA_ENOMEM) fail_msg("allocation %ld failing: status %d", n, rc);
    if (rc) {
      assert_null(d);
      nomem++;
    } else {
      if (strict) check_dict_strings(d, n);
      gesta_dict_stats st;
      assert_int_equal(gesta_dict_get_stats(d, "en", &st), GESTA_OK);
      assert_int_equal(st.actor_phrases, want.actor_phrases);
      assert_int_equal(st.verb_patterns, want.verb_patterns);
      gesta_dict_free(d);
    }
    if (g_live != live0) fail_msg("allocation %ld failing: %ld blocks leaked", n, g_live - live0);
    if (rc == GESTA_OK && !failed) break;
  }
  assert_true(n < 100000);
  assert_true(nomem > 5);
  print_message("builder: %ld allocation points, %d reported GESTA_ENOMEM\n", n - 1, nomem);
}

/* Status and leaks; the completeness of builds that absorbed a failure is a known bug below. */
static void builder_oom_loop(void **state) {
  (void)state;
  builder_loop(0);
}

/* strict: an allocation failure inside jansson must be GESTA_ENOMEM, not GESTA_EJSON. */
static void json_loop(int strict) {
  disarm();
  static const char line[] =
      "{\"id\":42,\"date\":\"2024-03-01\",\"title\":\"T\",\"text\":\"Hola\","
      "\"lang\":\"es\",\"url\":\"u\",\"source\":\"s\",\"x\":[1,2,{\"y\":3}]}";
  long live0 = g_live;
  int nomem = 0;
  long n;
  for (n = 1; n < 10000; n++) {
    arm(n);
    gesta_json_doc *jd = NULL;
    char err[128];
    int rc = gesta_json_doc_parse(&jd, line, sizeof line - 1, err, sizeof err);
    int failed = g_failed;
    disarm();
    int jansson_oom = !strict && rc == GESTA_EJSON && failed &&
                      strncmp(err, "malformed JSON at column ", 25) == 0;
    if (rc != GESTA_OK && rc != GESTA_ENOMEM && !jansson_oom)
      fail_msg("allocation %ld failing: status %d: %s", n, rc, err);
    if (rc) {
      assert_null(jd);
      nomem++;
    } else {
      const gesta_document *doc = gesta_json_doc_document(jd);
      assert_string_equal(doc->id, "42");
      assert_string_equal(doc->lang, "es");
      gesta_json_doc_free(jd);
    }
    if (g_live != live0) fail_msg("allocation %ld failing: %ld blocks leaked", n, g_live - live0);
    if (rc == GESTA_OK && !failed) break;
  }
  assert_true(n < 10000);
  assert_true(nomem > 3);
}

/* Status and leaks; see bug_json_oom_is_enomem for the status of failures inside jansson. */
static void json_doc_oom_loop(void **state) {
  (void)state;
  json_loop(0);
}

/* ---- known bugs (run with --known-bugs; see tests/unit/CMakeLists.txt) ----------------------- */

/* dict.c ignores intern()'s UINT32_MAX (out of memory) for a pattern's text (compile_verbs), an
 * agent's role and an actor's or person's name (compile_blocks): the build returns 0 with
 * string indexes past the table, which LEX_STR() later reads out of bounds (the tag callback
 * prints pattern texts; roles become actor codes). */
static void bug_builder_oom_leaves_whole_dict(void **state) {
  (void)state;
  builder_loop(1);
}

/* gesta_json_doc_parse() reports an allocation failure inside json_loadb() as GESTA_EJSON
 * "malformed JSON at column -1: " rather than GESTA_ENOMEM (jansson says
 * json_error_out_of_memory in json_error_code(&error)). */
static void bug_json_oom_is_enomem(void **state) {
  (void)state;
  json_loop(1);
}

static void allocator_counts_everything(void **state) {
  (void)state;
  /* The hook is in place: building and freeing allocates and releases through it. */
  disarm();
  long calls0 = g_calls, live0 = g_live;
  gesta_dict *d = NULL;
  assert_int_equal(build_dict(&d), GESTA_OK);
  assert_true(g_calls > calls0 + 10);
  assert_true(g_live > live0);
  gesta_dict_free(d);
  assert_int_equal(g_live, live0);
  /* The first allocation failing fails the builder's creation cleanly. */
  gesta_dict_builder *b = (gesta_dict_builder *)0x1;
  arm(1);
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_ENOMEM);
  disarm();
  assert_null(b);
  assert_int_equal(g_live, live0);
}

int main(int argc, char **argv) {
  /* Before any other library call, as gesta_set_allocator() requires. */
  if (gesta_set_allocator(t_malloc, t_realloc, t_free) != GESTA_OK) return 2;
  const struct CMUnitTest known_bugs[] = {
      cmocka_unit_test(bug_builder_oom_leaves_whole_dict),
      cmocka_unit_test(bug_json_oom_is_enomem),
  };
  if (argc > 1 && strcmp(argv[1], "--known-bugs") == 0)
    return cmocka_run_group_tests(known_bugs, NULL, NULL);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(allocator_counts_everything),
      cmocka_unit_test(coder_oom_loop),
      cmocka_unit_test(builder_oom_loop),
      cmocka_unit_test(json_doc_oom_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
