/*
 * Unit tests for src/langid.c with the built-in dictionaries: function-word and single-language
 * name scores per paragraph, and the pick between languages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pipeline.h"
#include "unit_util.h"

static gesta_dict *g_dict;
static int g_es, g_en;

static int group_setup(void **state) {
  (void)state;
  if (!(g_dict = unit_builtin_dict())) return -1;
  g_es = gesta__lex_lang(g_dict, "es");
  g_en = gesta__lex_lang(g_dict, "en");
  return g_es >= 0 && g_en >= 0 && g_es != g_en ? 0 : -1;
}

static int group_teardown(void **state) {
  (void)state;
  gesta_dict_free(g_dict);
  g_dict = NULL;
  return 0;
}

/* Scores the tokens of text[from..to) (all of it when to is 0) and picks a language. */
static int identify_range(const char *text, size_t from, size_t to, int *scores) {
  arena a;
  gvec toks;
  gesta__arena_init(&a, 4096);
  gesta__vec_init(&toks, sizeof(token));
  if (!to) to = strlen(text);
  assert_int_equal(gesta__tokenize(text, from, to, &a, &toks, unit_abbrev_cb, g_dict), 0);
  for (int l = 0; l < LEX_MAX_LANGS; l++) scores[l] = -77;
  gesta__lang_scores(g_dict, text, (const token *)toks.data, 0, (uint32_t)toks.len, scores);
  /* Languages the dictionary lacks score nothing. */
  for (int l = g_dict->nlangs; l < LEX_MAX_LANGS; l++) assert_int_equal(scores[l], 0);
  int lang = gesta__lang_pick(scores, g_dict->nlangs);
  gesta__vec_free(&toks);
  gesta__arena_free(&a);
  return lang;
}

static int identify(const char *text, int *scores) { return identify_range(text, 0, 0, scores); }

static void headlines(void **state) {
  (void)state;
  int sc[LEX_MAX_LANGS];
  /* Names alone decide a headline with no function word. */
  assert_int_equal(identify("Rusia ataca Ucrania", sc), g_es);
  assert_int_equal(sc[g_en], 0);
  assert_true(sc[g_es] >= 2); /* "Rusia", "Ucrania" are Spanish spellings only */
  assert_int_equal(identify("Russia attacks Ukraine", sc), g_en);
  assert_int_equal(sc[g_es], 0);
  assert_true(sc[g_en] >= 2);
  assert_int_equal(identify("El Gobierno rechaza la propuesta", sc), g_es);
  assert_true(sc[g_es] >= 3); /* "el", "la", "gobierno" */
  assert_true(sc[g_es] > sc[g_en]);
  assert_int_equal(identify("The government rejects the proposal", sc), g_en);
  assert_true(sc[g_en] >= 3); /* "the" twice, "government" */
  assert_true(sc[g_en] > sc[g_es]);
  assert_int_equal(identify("Alemania y Francia firman un acuerdo", sc), g_es);
  assert_int_equal(identify("Germany and France sign a deal", sc), g_en);
}

static void paragraphs(void **state) {
  (void)state;
  int sc[LEX_MAX_LANGS];
  assert_int_equal(identify("El presidente del Gobierno se reunió ayer con los representantes de "
                            "los sindicatos para negociar una subida de los salarios, según "
                            "informaron fuentes oficiales.",
                            sc),
                   g_es);
  assert_true(sc[g_es] >= 10);
  assert_true(sc[g_en] <= 2);
  assert_int_equal(identify("The prime minister met with the representatives of the unions on "
                            "Tuesday to negotiate a rise in wages, according to officials who "
                            "were at the talks.",
                            sc),
                   g_en);
  assert_true(sc[g_en] >= 10);
  assert_true(sc[g_es] <= 2);
  /* Spanish with an English quotation: the paragraph's own language still wins. */
  assert_int_equal(identify("El ministro dijo que la frase «we will win» fue un error de los "
                            "asesores del Gobierno.",
                            sc),
                   g_es);
}

static void only_the_range_counts(void **state) {
  (void)state;
  int sc[LEX_MAX_LANGS];
  static const char text[] = "the the the el la de los";
  assert_int_equal(identify_range(text, 0, 11, sc), g_en);
  assert_int_equal(sc[g_en], 3);
  assert_int_equal(sc[g_es], 0);
  assert_int_equal(identify_range(text, 12, 0, sc), g_es);
  assert_int_equal(sc[g_es], 4);
  assert_int_equal(sc[g_en], 0);
  /* Case and accents do not matter: "EL", "LA" are function words too. */
  assert_int_equal(identify("EL LA DE", sc), g_es);
  assert_int_equal(sc[g_es], 3);
  /* The Spanish opening marks count. */
  assert_int_equal(identify("¿ ¡", sc), g_es);
  assert_int_equal(sc[g_es], 2);
}

static void undecided(void **state) {
  (void)state;
  int sc[LEX_MAX_LANGS];
  /* Nothing known: no evidence at all. */
  assert_int_equal(identify("12345 67", sc), -1);
  assert_int_equal(sc[g_es], 0);
  assert_int_equal(sc[g_en], 0);
  assert_int_equal(identify("", sc), -1);
  /* A name written alike in both languages ("any") counts for neither. */
  assert_int_equal(identify("Kyiv", sc), -1);
  assert_int_equal(sc[g_es], 0);
  assert_int_equal(sc[g_en], 0);
  /* A tie. */
  assert_int_equal(identify("the el", sc), -1);
  assert_int_equal(sc[g_es], 1);
  assert_int_equal(sc[g_en], 1);
}

static void pick_rules(void **state) {
  (void)state;
  int s1[] = {0, 0};
  assert_int_equal(gesta__lang_pick(s1, 2), -1);
  int s2[] = {3, 1};
  assert_int_equal(gesta__lang_pick(s2, 2), 0);
  int s3[] = {1, 3};
  assert_int_equal(gesta__lang_pick(s3, 2), 1);
  int s4[] = {2, 2};
  assert_int_equal(gesta__lang_pick(s4, 2), -1);
  int s5[] = {0, 0, 5};
  assert_int_equal(gesta__lang_pick(s5, 3), 2);
  int s6[] = {4, 3, 3};
  assert_int_equal(gesta__lang_pick(s6, 3), 0);
  int s7[] = {3, 4, 4};
  assert_int_equal(gesta__lang_pick(s7, 3), -1);
  int s8[] = {1, 0};
  assert_int_equal(gesta__lang_pick(s8, 2), 0); /* one point is enough when the other has none */
  /* Only the first nlangs scores are looked at. */
  int s9[] = {1, 9};
  assert_int_equal(gesta__lang_pick(s9, 1), 0);
  assert_int_equal(gesta__lang_pick(s9, 0), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(headlines),
      cmocka_unit_test(paragraphs),
      cmocka_unit_test(only_the_range_counts),
      cmocka_unit_test(undecided),
      cmocka_unit_test(pick_rules),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
