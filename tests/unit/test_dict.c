/*
 * Unit tests for src/dict.c: building dictionaries from texts in gesta's native format, the
 * errors (each naming file:line:col), the statistics, the lookups the coder uses (phrases,
 * classes, CAMEO codes, people's date-ranged codes) and the built-in dictionaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lexicon.h"
#include "token.h"

static const char CAMEO[] = "# CODE\tQUAD\tGOLDSTEIN\tFLAGS\tDESCRIPTION\n"
                            "01\t1\t0.0\t-\tMake a public statement\n"
                            "042\t1\t1.9\t-\tMake a visit\n"
                            "057\t1\t8.0\tm\tSign formal agreement\n"
                            "141\t4\t-6.5\tapu\tDemonstrate or rally\n"
                            "173\t4\t-5.0\tv\tArrest\n"
                            "190\t4\t-10.0\t-\tUse conventional military force\n";

static const char LANG_XX[] = "# a made-up language\n"
                              "[function_words]\n"
                              "le | la | lo\n"
                              "[link]\n"
                              "de\n"
                              "[negation]\n"
                              "non\n";

static const char ACTORS[] = "actor RUS\n"
                             "  xx Rusia | Federación Rusa\n"
                             "  xx.adj ruso | rusa\n"
                             "actor UKR   # a comment\n"
                             "  any Ucrania\n"
                             "\n"
                             "person Angela Merkel\n"
                             "  code DEUGOV 2005-11-22..2021-12-08\n"
                             "  xx Angela Merkel\n"
                             "person Vladimir Putin\n"
                             "  code RUSGOV 2000-05-07..2008-05-07\n"
                             "  code RUSGOV 2012-05-07..\n"
                             "  code RUSELI ..2000-05-06\n"
                             "  xx Vladimir Putin\n"
                             "person Short Dates\n"
                             "  code ABCGOV 2005..2006\n"
                             "  code ABCMIL 2024-02..2024-02\n"
                             "  xx Short Dates\n";

static const char AGENTS[] = "agent GOV\n"
                             "  xx gobierno | ministerio\n"
                             "agent MIL\n"
                             "  xx ejército\n";

static const char VERBS[] = "# CODE LANG PATTERN\n"
                            "190 xx atacar\n"
                            "042 xx visitar {a|al} +\n"
                            "057 xx firmar acuerdo\n";

typedef struct src {
  gesta_dict_kind kind;
  const char *name, *text;
} src;

/* Builds from the given sources; returns the status and leaves the message in msg. */
static int build(const src *s, size_t n, gesta_dict **out, char *msg, size_t cap) {
  gesta_dict_builder *b = NULL;
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_OK);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(
        gesta_dict_builder_add_text(b, s[i].kind, s[i].name, s[i].text, strlen(s[i].text)),
        GESTA_OK);
  *out = (gesta_dict *)0x1; /* must be reset */
  int rc = gesta_dict_builder_build(b, out);
  const char *m = gesta_dict_builder_errmsg(b);
  assert_non_null(m);
  size_t len = strlen(m);
  if (len >= cap) len = cap - 1;
  memcpy(msg, m, len);
  msg[len] = 0;
  gesta_dict_builder_free(b);
  if (rc) assert_null(*out);
  return rc;
}

/* The standard set with one source replaced (by kind), or dropped when text is NULL. */
static int build_with(gesta_dict_kind kind, const char *name, const char *text, gesta_dict **out,
                      char *msg, size_t cap) {
  src all[] = {{GESTA_DICT_CAMEO, "cameo.txt", CAMEO},
               {GESTA_DICT_LANG, "xx.txt", LANG_XX},
               {GESTA_DICT_AGENTS, "agents.txt", AGENTS},
               {GESTA_DICT_ACTORS, "actors.txt", ACTORS},
               {GESTA_DICT_VERBS, "verbs.txt", VERBS}};
  src use[5];
  size_t n = 0;
  for (size_t i = 0; i < 5; i++) {
    if (all[i].kind != kind) {
      use[n++] = all[i];
    } else if (text) {
      use[n].kind = kind;
      use[n].name = name;
      use[n++].text = text;
    }
  }
  return build(use, n, out, msg, cap);
}

/* Expects a build failure with exactly this message. */
static void expect_error(gesta_dict_kind kind, const char *name, const char *text,
                         const char *want) {
  gesta_dict *d;
  char msg[512];
  int rc = build_with(kind, name, text, &d, msg, sizeof msg);
  assert_int_equal(rc, GESTA_EDICT);
  assert_null(d);
  assert_string_equal(msg, want);
}

static uint64_t seq_hash(const char *const *words) {
  uint64_t h = GESTA_SEQ_SEED;
  for (size_t i = 0; words[i]; i++)
    h = gesta__hash_mix(h, gesta__word_hash(words[i], strlen(words[i])));
  return h;
}
#define PHRASE(d, ...) gesta__lex_phrase(d, seq_hash((const char *const[]){__VA_ARGS__, NULL}))

static int32_t day(const char *s) {
  int32_t d;
  assert_int_equal(gesta__date_parse(s, strlen(s), &d), 0);
  return d;
}

/* ---- success --------------------------------------------------------------------------------- */

static void builds_from_texts(void **state) {
  (void)state;
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(0, NULL, NULL, &d, msg, sizeof msg), GESTA_OK);
  assert_non_null(d);
  assert_string_equal(msg, "");
  assert_int_equal(d->nlangs, 1);
  assert_string_equal(d->langs[0].name, "xx");
  assert_string_equal(d->langs[0].stemmer, "");
  assert_int_equal(gesta__lex_lang(d, "xx"), 0);
  assert_int_equal(gesta__lex_lang(d, "es"), -1);
  assert_int_equal(d->actors.len, 5);
  assert_int_equal(d->agents.len, 2);
  assert_int_equal(d->cameo.len, 6);
  gesta_dict_free(d);
}

static void stats_count(void **state) {
  (void)state;
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(0, NULL, NULL, &d, msg, sizeof msg), GESTA_OK);
  gesta_dict_stats st;
  memset(&st, 0xff, sizeof st);
  assert_int_equal(gesta_dict_get_stats(d, "xx", &st), GESTA_OK);
  /* Rusia, Federación Rusa, ruso, rusa, Ucrania (any), and the three people's names. */
  assert_int_equal(st.actor_phrases, 8);
  assert_int_equal(st.agent_phrases, 3);
  assert_int_equal(st.people, 3);
  assert_int_equal(st.verb_patterns, 3);
  assert_int_equal(st.cameo_codes, 6);
  assert_int_equal(gesta_dict_get_stats(d, "es", &st), GESTA_EINVAL);
  assert_int_equal(gesta_dict_get_stats(NULL, "xx", &st), GESTA_EINVAL);
  assert_int_equal(gesta_dict_get_stats(d, NULL, &st), GESTA_EINVAL);
  assert_int_equal(gesta_dict_get_stats(d, "xx", NULL), GESTA_EINVAL);
  gesta_dict_free(d);
}

static void stats_per_language(void **state) {
  (void)state;
  /* Two languages: "any" counts for both, a tagged phrase for its own language only. */
  static const char yy[] = "[function_words]\nthe\n";
  static const char actors[] = "actor RUS\n  xx Rusia\n  yy Russia | Russian Federation\n"
                               "  any Moskva\n";
  src s[] = {{GESTA_DICT_CAMEO, "cameo.txt", CAMEO},
             {GESTA_DICT_LANG, "data/lang/xx.txt", LANG_XX},
             {GESTA_DICT_LANG, "/some/where/yy.txt", yy},
             {GESTA_DICT_ACTORS, "actors.txt", actors},
             {GESTA_DICT_VERBS, "verbs.txt", "190 yy attack\n190 yy strike\n042 xx visitar\n"}};
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build(s, 5, &d, msg, sizeof msg), GESTA_OK);
  assert_int_equal(d->nlangs, 2);
  gesta_dict_stats st;
  assert_int_equal(gesta_dict_get_stats(d, "xx", &st), GESTA_OK);
  assert_int_equal(st.actor_phrases, 2);
  assert_int_equal(st.verb_patterns, 1);
  assert_int_equal(st.people, 0);
  assert_int_equal(gesta_dict_get_stats(d, "yy", &st), GESTA_OK);
  assert_int_equal(st.actor_phrases, 3);
  assert_int_equal(st.verb_patterns, 2);
  gesta_dict_free(d);
}

static void phrases_and_classes(void **state) {
  (void)state;
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(0, NULL, NULL, &d, msg, sizeof msg), GESTA_OK);
  /* A two-word name: the full phrase has an entry, its first word is only a prefix. */
  const lex_phrase *p = PHRASE(d, "federacion", "rusa");
  assert_non_null(p);
  assert_int_equal(p->ntok, 2);
  assert_int_not_equal(p->first, 0);
  const lex_entry *e = &GVEC_AT(&d->entries, lex_entry, p->first - 1);
  assert_int_equal(e->kind, LK_ACTOR);
  assert_int_equal(e->cap, 3); /* both words written capitalised ("Federación Rusa") */
  assert_int_equal(e->next, 0);
  assert_int_equal(e->id, 0);
  assert_int_equal(e->langmask, 1);
  assert_int_equal(e->adj, 0);
  const lex_phrase *pre = PHRASE(d, "federacion");
  assert_non_null(pre);
  assert_int_equal(pre->prefix, 1);
  assert_int_equal(pre->first, 0);
  /* An adjective: lowercase in the dictionary, so no capital is required. */
  p = PHRASE(d, "rusa");
  assert_non_null(p);
  e = &GVEC_AT(&d->entries, lex_entry, p->first - 1);
  assert_int_equal(e->cap, 0);
  assert_int_equal(e->adj, 1);
  assert_int_equal(e->id, 0);
  /* "any" sets every language bit. */
  p = PHRASE(d, "ucrania");
  assert_non_null(p);
  e = &GVEC_AT(&d->entries, lex_entry, p->first - 1);
  assert_int_equal(e->langmask, LEX_LANG_ANY);
  assert_int_equal(e->id, 1);
  /* Agents. */
  p = PHRASE(d, "ejercito");
  assert_non_null(p);
  e = &GVEC_AT(&d->entries, lex_entry, p->first - 1);
  assert_int_equal(e->kind, LK_AGENT);
  assert_string_equal(LEX_STR(d, GVEC_AT(&d->agents, lex_agent, e->id).role), "MIL");
  assert_null(PHRASE(d, "francia"));
  /* Word classes. */
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("la", 2), 0, CLS_FUNCTION), 1);
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("la", 2), -1, CLS_FUNCTION), 1);
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("la", 2), 0, CLS_NEGATION), 0);
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("non", 3), 0, CLS_NEGATION), 1);
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("de", 2), 0, CLS_LINK), 1);
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("xyz", 3), 0, CLS_FUNCTION), 0);
  gesta_dict_free(d);
}

static void cameo_table_and_patterns(void **state) {
  (void)state;
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(0, NULL, NULL, &d, msg, sizeof msg), GESTA_OK);
  const lex_cameo *c = gesta__lex_cameo(d, "057");
  assert_non_null(c);
  assert_string_equal(c->code, "057");
  assert_string_equal(c->root, "05");
  assert_int_equal(c->quad, 1);
  assert_true(c->goldstein == 8.0);
  assert_int_equal(c->mutual, 1);
  c = gesta__lex_cameo(d, "190");
  assert_non_null(c);
  assert_string_equal(c->root, "19");
  assert_int_equal(c->quad, 4);
  assert_true(c->goldstein == -10.0);
  assert_int_equal(c->mutual, 0);
  assert_int_equal(c->protest, 0);
  /* Flags u and p: coded with no source named, and a protest; flag v alone is no protest. */
  c = gesta__lex_cameo(d, "141");
  assert_non_null(c);
  assert_int_equal(c->unnamed_source, UNNAMED_ALWAYS);
  assert_int_equal(c->protest, 1);
  assert_int_equal(c->agentive, 1);
  c = gesta__lex_cameo(d, "173");
  assert_non_null(c);
  assert_int_equal(c->unnamed_source, UNNAMED_VERB);
  assert_int_equal(c->protest, 0);
  c = gesta__lex_cameo(d, "01");
  assert_non_null(c);
  assert_string_equal(c->root, "01");
  assert_null(gesta__lex_cameo(d, "999"));
  assert_null(gesta__lex_cameo(d, "05"));
  /* With no stemmer, a head is indexed by its word: "visitar {a|al} +" has 2 elements. */
  uint32_t first = 0;
  assert_int_equal(
      gesta__hmap_get(&d->head_map, lex_lang_key(0, gesta__word_hash("visitar", 7)), &first), 1);
  const lex_pattern *p = &GVEC_AT(&d->patterns, lex_pattern, first - 1);
  assert_string_equal(GVEC_AT(&d->cameo, lex_cameo, p->cameo).code, "042");
  assert_int_equal(p->nelem, 2);
  assert_int_equal(p->nwords, 1);
  assert_int_equal(p->next, 0);
  assert_string_equal(LEX_STR(d, p->text), "visitar {a|al} +");
  const lex_elem *el = &GVEC_AT(&d->elems, lex_elem, p->first_elem);
  assert_int_equal(el[0].type, EL_WORD);
  assert_int_equal(el[0].nalt, 2);
  assert_int_equal(el[1].type, EL_TARGET);
  assert_int_equal(
      gesta__hmap_get(&d->head_map, lex_lang_key(0, gesta__word_hash("firmar", 6)), &first), 1);
  p = &GVEC_AT(&d->patterns, lex_pattern, first - 1);
  assert_int_equal(p->nelem, 1);
  assert_int_equal(p->nwords, 1);
  gesta_dict_free(d);
}

/* With a Snowball stemmer ("es.txt" names Spanish), a head is indexed by its folded stem. */
static void heads_are_stemmed(void **state) {
  (void)state;
  static const char es[] = "[stemmer]\nspanish\n[function_words]\nel | la\n";
  src s[] = {
      {GESTA_DICT_CAMEO, "cameo.txt", CAMEO},
      {GESTA_DICT_LANG, "es.txt", es},
      {GESTA_DICT_VERBS, "verbs.txt", "190 es atacar\n042 es visitar a +\n190 es bombardear\n"}};
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build(s, 3, &d, msg, sizeof msg), GESTA_OK);
  int es_lang = gesta__lex_lang(d, "es");
  assert_int_equal(es_lang, 0);
  assert_string_equal(d->langs[0].stemmer, "spanish");
  static const char *const stems[] = {"atac", "visit", "bombard"};
  static const char *const codes[] = {"190", "042", "190"};
  for (int i = 0; i < 3; i++) {
    uint32_t first = 0;
    uint64_t key = lex_lang_key(es_lang, gesta__hash_bytes(stems[i], strlen(stems[i])));
    if (!gesta__hmap_get(&d->head_map, key, &first))
      fail_msg("no pattern headed by '%s'", stems[i]);
    const lex_pattern *p = &GVEC_AT(&d->patterns, lex_pattern, first - 1);
    assert_string_equal(GVEC_AT(&d->cameo, lex_cameo, p->cameo).code, codes[i]);
    assert_int_equal(p->lang, es_lang);
  }
  /* The unstemmed infinitive is not a key. */
  uint32_t first;
  assert_int_equal(
      gesta__hmap_get(&d->head_map, lex_lang_key(es_lang, gesta__word_hash("atacar", 6)), &first),
      0);
  gesta_dict_stats st;
  assert_int_equal(gesta_dict_get_stats(d, "es", &st), GESTA_OK);
  assert_int_equal(st.verb_patterns, 3);
  gesta_dict_free(d);
}

static void person_date_ranges(void **state) {
  (void)state;
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(0, NULL, NULL, &d, msg, sizeof msg), GESTA_OK);
  /* Actors in order: RUS, UKR, Merkel, Putin, Short Dates. */
  assert_string_equal(gesta__lex_actor_code(d, 0, day("1950-01-01")), "RUS");
  assert_string_equal(gesta__lex_actor_code(d, 0, day("2099-01-01")), "RUS");
  const uint32_t merkel = 2, putin = 3, shortd = 4;
  assert_int_equal(GVEC_AT(&d->actors, lex_actor, merkel).person, 1);
  assert_string_equal(LEX_STR(d, GVEC_AT(&d->actors, lex_actor, merkel).name), "Angela Merkel");
  assert_null(gesta__lex_actor_code(d, merkel, day("2005-11-21")));
  assert_string_equal(gesta__lex_actor_code(d, merkel, day("2005-11-22")), "DEUGOV");
  assert_string_equal(gesta__lex_actor_code(d, merkel, day("2015-06-01")), "DEUGOV");
  assert_string_equal(gesta__lex_actor_code(d, merkel, day("2021-12-08")), "DEUGOV");
  /* Out of office after her last one: one of her country's elites (ELI). */
  assert_string_equal(gesta__lex_actor_code(d, merkel, day("2021-12-09")), "DEUELI");
  /* Several ranges, open ends. */
  assert_string_equal(gesta__lex_actor_code(d, putin, day("1999-12-31")), "RUSELI");
  assert_string_equal(gesta__lex_actor_code(d, putin, day("1800-01-01")), "RUSELI");
  assert_string_equal(gesta__lex_actor_code(d, putin, day("2000-05-07")), "RUSGOV");
  assert_string_equal(gesta__lex_actor_code(d, putin, day("2008-05-07")), "RUSGOV");
  assert_string_equal(gesta__lex_actor_code(d, putin, day("2010-01-01")), "RUSELI");
  assert_string_equal(gesta__lex_actor_code(d, putin, day("2012-05-07")), "RUSGOV");
  assert_string_equal(gesta__lex_actor_code(d, putin, day("2024-03-01")), "RUSGOV");
  /* Short dates widen: 2005..2006 is 2005-01-01..2006-12-31; 2024-02 ends on the 29th. */
  assert_null(gesta__lex_actor_code(d, shortd, day("2004-12-31")));
  assert_string_equal(gesta__lex_actor_code(d, shortd, day("2005-01-01")), "ABCGOV");
  assert_string_equal(gesta__lex_actor_code(d, shortd, day("2006-12-31")), "ABCGOV");
  assert_null(gesta__lex_actor_code(d, shortd, day("2007-01-01")));
  assert_null(gesta__lex_actor_code(d, shortd, day("2024-01-31")));
  assert_string_equal(gesta__lex_actor_code(d, shortd, day("2024-02-01")), "ABCMIL");
  assert_string_equal(gesta__lex_actor_code(d, shortd, day("2024-02-29")), "ABCMIL");
  /* Between offices nothing; after the last one the country of the last office, with ELI. */
  assert_string_equal(gesta__lex_actor_code(d, shortd, day("2024-03-01")), "ABCELI");
  gesta_dict_free(d);
}

/* A head written as a choice is one pattern per alternative, each with the rest of the line;
 * an empty alternative fails the load. */
static void head_choice_is_one_pattern_per_word(void **state) {
  (void)state;
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(GESTA_DICT_VERBS, "verbs.txt",
                              "042 xx {visitar | recorrer} {a|al} +\n190 xx ~{atacar|herir}\n", &d,
                              msg, sizeof msg),
                   GESTA_OK);
  static const char *const heads[] = {"visitar", "recorrer"};
  static const char *const texts[] = {"visitar {a|al} +", "recorrer {a|al} +"};
  for (int k = 0; k < 2; k++) {
    uint32_t first = 0;
    assert_int_equal(gesta__hmap_get(&d->head_map,
                                     lex_lang_key(0, gesta__word_hash(heads[k], strlen(heads[k]))),
                                     &first),
                     1);
    const lex_pattern *p = &GVEC_AT(&d->patterns, lex_pattern, first - 1);
    assert_string_equal(GVEC_AT(&d->cameo, lex_cameo, p->cameo).code, "042");
    assert_string_equal(LEX_STR(d, p->text), texts[k]);
    assert_int_equal(p->nelem, 2);
  }
  uint32_t first = 0;
  assert_int_equal(
      gesta__hmap_get(&d->head_map, lex_lang_key(0, gesta__word_hash("herir", 5)), &first), 1);
  assert_int_equal(GVEC_AT(&d->patterns, lex_pattern, first - 1).reflexive, 1);
  gesta_dict_free(d);
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "042 xx {visitar||recorrer} +\n",
               "verbs.txt:1:17: empty alternative in a head's choice");
}

/* ---- errors ---------------------------------------------------------------------------------- */

static void error_unknown_cameo_code_in_verb(void **state) {
  (void)state;
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "# comment\n190 xx atacar\n999 xx bombardear\n",
               "verbs.txt:3:1: unknown CAMEO code '999'");
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "1x xx atacar\n",
               "verbs.txt:1:1: unknown CAMEO code '1x'");
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "190 any atacar\n",
               "verbs.txt:1:5: a verb pattern needs one language");
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "190 xx\n", "verbs.txt:1:7: missing pattern");
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "190 xx + atacar\n",
               "verbs.txt:1:8: a pattern starts with its head word");
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "042 xx visitar {a|al +\n",
               "verbs.txt:1:16: unclosed '{'");
}

static void error_bad_actor_code(void **state) {
  (void)state;
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "actor rus\n  xx Rusia\n",
               "actors.txt:1:7: bad actor code 'rus'");
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "actor RU\n  xx Rusia\n",
               "actors.txt:1:7: bad actor code 'RU'");
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "actor RUS\n  xx Rusia\nactor\n  xx Nadie\n",
               "actors.txt: actor '' has no code");
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "actr RUS\n",
               "actors.txt:1:1: expected 'actor CODE', 'person NAME' or 'place CODE'");
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "person\n",
               "actors.txt:1:1: a person needs a name");
  expect_error(GESTA_DICT_AGENTS, "agents.txt", "agent gov\n", "agents.txt:1:7: bad role code");
  expect_error(GESTA_DICT_AGENTS, "agents.txt", "role GOV\n",
               "agents.txt:1:1: expected 'agent CODE'");
}

/* Columns of indented lines are checked for the prefix only here; see the known bugs below. */
static void expect_error_prefix(gesta_dict_kind kind, const char *name, const char *text,
                                const char *prefix, const char *rest) {
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(kind, name, text, &d, msg, sizeof msg), GESTA_EDICT);
  if (strncmp(msg, prefix, strlen(prefix)) != 0 || !strstr(msg, rest))
    fail_msg("message '%s' lacks '%s' ... '%s'", msg, prefix, rest);
}

static void error_unknown_language_tag(void **state) {
  (void)state;
  expect_error_prefix(GESTA_DICT_ACTORS, "actors.txt", "actor RUS\n  xx Rusia\n  fr Russie\n",
                      "actors.txt:3:", ": unknown language 'fr' (no data/lang file for it)");
  expect_error_prefix(GESTA_DICT_AGENTS, "agents.txt", "agent GOV\n  es gobierno\n",
                      "agents.txt:2:", ": unknown language 'es'");
  expect_error_prefix(GESTA_DICT_VERBS, "verbs.txt", "190 fr attaquer\n",
                      "verbs.txt:1:", ": unknown language 'fr'");
  expect_error_prefix(GESTA_DICT_ACTORS, "actors.txt", "actor RUS\n  xx\n",
                      "actors.txt:2:", ": no phrases after the language tag");
}

static void error_bad_date_range(void **state) {
  (void)state;
  expect_error_prefix(GESTA_DICT_ACTORS, "actors.txt",
                      "person A B\n  code ABCGOV 2008-13..2012\n  xx A B\n",
                      "actors.txt:2:", ": bad date '2008-13'");
  expect_error_prefix(GESTA_DICT_ACTORS, "actors.txt",
                      "person A B\n  code ABCGOV 2012..2008\n  xx A B\n",
                      "actors.txt:2:", ": date range ends before it starts");
  expect_error_prefix(GESTA_DICT_ACTORS, "actors.txt", "person A B\n  code ABCGOV 2008\n  xx A B\n",
                      "actors.txt:2:", ": a date range is written FROM..TO");
  expect_error_prefix(GESTA_DICT_ACTORS, "actors.txt",
                      "person A B\n  code ABCGOV 2023-02-29..\n  xx A B\n",
                      "actors.txt:2:", ": bad date '2023-02-29'");
  expect_error_prefix(GESTA_DICT_ACTORS, "actors.txt",
                      "person A B\n  code ABCGOV ..2023-1-01\n  xx A B\n",
                      "actors.txt:2:", ": bad date '2023-1-01'");
  /* On an actor header line there is no indentation, so the column is exact. */
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "actor ABC 2010..2009\n  xx A\n",
               "actors.txt:1:11: date range ends before it starts");
}

static void error_entry_outside_a_block(void **state) {
  (void)state;
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "# header\n  xx Rusia\nactor RUS\n",
               "actors.txt:2:3: indented line outside a block");
  expect_error(GESTA_DICT_AGENTS, "agents.txt", "  xx gobierno\n",
               "agents.txt:1:3: indented line outside a block");
  expect_error(GESTA_DICT_LANG, "xx.txt", "# no section yet\nle | la\n",
               "xx.txt:2:1: entry before any [section]");
}

static void error_language_files(void **state) {
  (void)state;
  expect_error(GESTA_DICT_LANG, "xx.txt", "[function_words]\nle\n[nonsense]\nfoo\n",
               "xx.txt:4:2: unknown section [nonsense]");
  expect_error(GESTA_DICT_LANG, "xx.txt", "[options]\nfly yes\n",
               "xx.txt:2:1: unknown option 'fly'");
  expect_error(GESTA_DICT_LANG, "xx.txt", "[function_words\nle\n",
               "xx.txt:1:1: bad section header");
  expect_error_prefix(GESTA_DICT_LANG, "toolongname.txt", "[function_words]\nle\n",
                      "toolongname.txt:", ": bad language file name");
  expect_error(GESTA_DICT_LANG, "xx.txt", "[stemmer]\nklingon\n",
               "a language names a stemmer libstemmer lacks");
}

static void error_cameo_table(void **state) {
  (void)state;
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042\t1\t1.9\t-\tVisit\n04x\t1\t1.0\t-\tBad\n",
               "cameo.txt:2:3: a CAMEO code has only digits");
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042 5 1.9 - Visit\n",
               "cameo.txt:1:5: QuadClass must be 1 to 4");
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042 1 11.5 - Visit\n",
               "cameo.txt:1:7: Goldstein score must be a number from -10 to 10");
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042 1 x - Visit\n",
               "cameo.txt:1:7: Goldstein score must be a number from -10 to 10");
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042 1\n", "cameo.txt:1:6: missing Goldstein score");
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042 1 1.9 - Visit\n042 1 1.9 - Again\n",
               "cameo.txt:2:1: code 042 listed twice");
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "04212 1 1.9 - Visit\n",
               "cameo.txt:1:1: a CAMEO code has 2 to 4 digits");
  /* The codes a flag names: each must be a code of two digits or more, and in the table. */
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042 1 1.9 a>0 Visit\n",
               "cameo.txt:1:12: bad intent code");
  expect_error(GESTA_DICT_CAMEO, "cameo.txt", "042 1 1.9 ~0 Visit\n",
               "cameo.txt:1:11: bad reverse code");
  /* The table with its 042 line given these flags (the other files use its other codes). */
  static const char *const flags[] = {"a~043", ">036~042"};
  static const char *const want[] = {"CAMEO table: code 042 names unknown reverse code 043",
                                     "CAMEO table: code 042 names unknown intent code 036"};
  for (int k = 0; k < 2; k++) {
    char table[512];
    snprintf(table, sizeof table, "%.*s042\t1\t1.9\t%s\tVisit\n%s",
             (int)(strstr(CAMEO, "042\t") - CAMEO), CAMEO, flags[k], strstr(CAMEO, "057\t"));
    expect_error(GESTA_DICT_CAMEO, "cameo.txt", table, want[k]);
  }
}

static void error_missing_parts(void **state) {
  (void)state;
  /* No CAMEO table (and no verbs, which would fail first on their codes). */
  src nocameo[] = {{GESTA_DICT_LANG, "xx.txt", LANG_XX}, {GESTA_DICT_ACTORS, "actors.txt", ACTORS}};
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build(nocameo, 2, &d, msg, sizeof msg), GESTA_EDICT);
  assert_string_equal(msg, "no CAMEO code table was given");
  /* No language. */
  src nolang[] = {{GESTA_DICT_CAMEO, "cameo.txt", CAMEO}};
  assert_int_equal(build(nolang, 1, &d, msg, sizeof msg), GESTA_EDICT);
  assert_string_equal(msg, "no language data was given");
  /* Verbs without a CAMEO table name their first code. */
  src verbs_only[] = {{GESTA_DICT_LANG, "xx.txt", LANG_XX}, {GESTA_DICT_VERBS, "v.txt", VERBS}};
  assert_int_equal(build(verbs_only, 2, &d, msg, sizeof msg), GESTA_EDICT);
  assert_string_equal(msg, "v.txt:2:1: unknown CAMEO code '190'");
}

static void builder_arguments(void **state) {
  (void)state;
  assert_int_equal(gesta_dict_builder_new(NULL), GESTA_EINVAL);
  gesta_dict_builder *b = NULL;
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_OK);
  assert_int_equal(gesta_dict_builder_add_text(NULL, GESTA_DICT_LANG, "xx.txt", "", 0),
                   GESTA_EINVAL);
  assert_int_equal(gesta_dict_builder_add_text(b, GESTA_DICT_LANG, NULL, "", 0), GESTA_EINVAL);
  assert_int_equal(gesta_dict_builder_add_text(b, GESTA_DICT_LANG, "xx.txt", NULL, 3),
                   GESTA_EINVAL);
  assert_int_equal(gesta_dict_builder_add_text(b, GESTA_DICT_LANG, "xx.txt", NULL, 0), GESTA_OK);
  assert_int_equal(gesta_dict_builder_add_file(b, GESTA_DICT_LANG, "/nonexistent/dir/xx.txt"),
                   GESTA_EIO);
  const char *m = gesta_dict_builder_errmsg(b);
  assert_non_null(strstr(m, "/nonexistent/dir/xx.txt: "));
  assert_int_equal(gesta_dict_builder_add_builtin(NULL, GESTA_DICT_ALL), GESTA_EINVAL);
  assert_int_equal(gesta_dict_builder_build(b, NULL), GESTA_EINVAL);
  assert_int_equal(gesta_dict_builder_build(NULL, NULL), GESTA_EINVAL);
  /* An empty language file and a CAMEO table suffice. */
  assert_int_equal(gesta_dict_builder_add_text(b, GESTA_DICT_CAMEO, "c.txt", CAMEO, strlen(CAMEO)),
                   GESTA_OK);
  gesta_dict *d = NULL;
  assert_int_equal(gesta_dict_builder_build(b, &d), GESTA_OK);
  assert_non_null(d);
  assert_int_equal(d->nlangs, 1);
  /* A builder builds again, into a second independent dictionary. */
  gesta_dict *d2 = NULL;
  assert_int_equal(gesta_dict_builder_build(b, &d2), GESTA_OK);
  assert_non_null(d2);
  assert_ptr_not_equal(d, d2);
  gesta_dict_free(d);
  gesta_dict_free(d2);
  gesta_dict_builder_free(b);
  gesta_dict_builder_free(NULL);
  gesta_dict_free(NULL);
  assert_string_equal(gesta_dict_builder_errmsg(NULL), "");
}

static void failed_build_then_success(void **state) {
  (void)state;
  gesta_dict_builder *b = NULL;
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_OK);
  assert_int_equal(
      gesta_dict_builder_add_text(b, GESTA_DICT_LANG, "xx.txt", LANG_XX, strlen(LANG_XX)),
      GESTA_OK);
  gesta_dict *d = NULL;
  assert_int_equal(gesta_dict_builder_build(b, &d), GESTA_EDICT);
  assert_null(d);
  assert_string_equal(gesta_dict_builder_errmsg(b), "no CAMEO code table was given");
  assert_int_equal(gesta_dict_builder_add_text(b, GESTA_DICT_CAMEO, "c.txt", CAMEO, strlen(CAMEO)),
                   GESTA_OK);
  assert_int_equal(gesta_dict_builder_build(b, &d), GESTA_OK);
  assert_non_null(d);
  assert_string_equal(gesta_dict_builder_errmsg(b), "");
  gesta_dict_free(d);
  gesta_dict_builder_free(b);
}

/* Checks the built-in dictionaries for the kinds given (with verbs: that es and en have some). */
static void check_builtin(unsigned kinds) {
  gesta_dict_builder *b = NULL;
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_OK);
  assert_int_equal(gesta_dict_builder_add_builtin(b, kinds), GESTA_OK);
  gesta_dict *d = NULL;
  int rc = gesta_dict_builder_build(b, &d);
  if (rc) fail_msg("built-in dictionaries: %s", gesta_dict_builder_errmsg(b));
  gesta_dict_builder_free(b);
  static const char *const langs[] = {"es", "en"};
  for (int i = 0; i < 2; i++) {
    gesta_dict_stats st;
    assert_int_equal(gesta_dict_get_stats(d, langs[i], &st), GESTA_OK);
    if ((kinds & GESTA_DICT_VERBS) && st.verb_patterns == 0)
      fail_msg("no built-in verb patterns for '%s'", langs[i]);
    assert_true(st.actor_phrases > 100);
    assert_true(st.agent_phrases > 10);
    assert_true(st.people > 0);
    assert_true(st.cameo_codes > 200);
  }
  assert_string_equal(d->langs[gesta__lex_lang(d, "es")].stemmer, "spanish");
  assert_string_equal(d->langs[gesta__lex_lang(d, "en")].stemmer, "english");
  assert_int_equal(d->langs[gesta__lex_lang(d, "es")].pro_drop, 1);
  assert_int_equal(d->langs[gesta__lex_lang(d, "en")].pro_drop, 0);
  const lex_cameo *c = gesta__lex_cameo(d, "042");
  assert_non_null(c);
  assert_int_equal(c->quad, 1);
  gesta_dict_free(d);
}

static void builtin_dictionaries(void **state) {
  (void)state;
  check_builtin(GESTA_DICT_ALL);
  check_builtin(GESTA_DICT_ALL & ~(unsigned)GESTA_DICT_VERBS);
}

static void builtin_kinds_mask(void **state) {
  (void)state;
  /* Only the CAMEO table and languages: builds, with no actors or verbs. */
  gesta_dict_builder *b = NULL;
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_OK);
  assert_int_equal(gesta_dict_builder_add_builtin(b, GESTA_DICT_CAMEO | GESTA_DICT_LANG), GESTA_OK);
  gesta_dict *d = NULL;
  assert_int_equal(gesta_dict_builder_build(b, &d), GESTA_OK);
  gesta_dict_stats st;
  assert_int_equal(gesta_dict_get_stats(d, "es", &st), GESTA_OK);
  assert_int_equal(st.actor_phrases, 0);
  assert_int_equal(st.verb_patterns, 0);
  assert_int_equal(st.people, 0);
  assert_true(st.cameo_codes > 200);
  gesta_dict_free(d);
  gesta_dict_builder_free(b);
  /* Only actors: the table and languages are missing. */
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_OK);
  assert_int_equal(gesta_dict_builder_add_builtin(b, GESTA_DICT_ACTORS), GESTA_OK);
  assert_int_equal(gesta_dict_builder_build(b, &d), GESTA_EDICT);
  gesta_dict_builder_free(b);
}

/* An abbreviation is one word with its period (it was once tokenised while being registered, before
 * any abbreviation was known, and stored as the phrase "sr" "." that the tokeniser never asks for).
 */
static void abbreviations_are_single_words(void **state) {
  (void)state;
  static const char lang[] = "[abbreviations]\nSr. | Gen.\n";
  src s[] = {{GESTA_DICT_CAMEO, "cameo.txt", CAMEO}, {GESTA_DICT_LANG, "xx.txt", lang}};
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build(s, 2, &d, msg, sizeof msg), GESTA_OK);
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("sr.", 3), -1, CLS_ABBREV), 1);
  assert_int_equal(gesta__lex_word_in_class(d, gesta__word_hash("gen.", 4), 0, CLS_ABBREV), 1);
  gesta_dict_free(d);
}

/* Pattern words stay intact when d->alts grows between a word's count and its hash (compile_verbs()
 * once held a pointer across that growth: heap-use-after-free, and the word matched anything). Six
 * plain words after a choice whose alternatives hold three hashes bring d->alts to 15 of 16 slots
 * at the sixth word. */
static void verb_words_survive_alts_growth(void **state) {
  (void)state;
  static const char verbs[] = "042 xx visitar {a b|c} +\n"
                              "190 xx atacar w1 w2 w3 w4 w5 w6\n";
  gesta_dict *d;
  char msg[512];
  assert_int_equal(build_with(GESTA_DICT_VERBS, "verbs.txt", verbs, &d, msg, sizeof msg), GESTA_OK);
  uint32_t first = 0;
  assert_int_equal(
      gesta__hmap_get(&d->head_map, lex_lang_key(0, gesta__word_hash("atacar", 6)), &first), 1);
  const lex_pattern *p = &GVEC_AT(&d->patterns, lex_pattern, first - 1);
  assert_int_equal(p->nelem, 6);
  for (uint16_t e = 0; e < p->nelem; e++) {
    const lex_elem *el = &GVEC_AT(&d->elems, lex_elem, p->first_elem + e);
    char w[4] = {'w', (char)('1' + e), 0, 0};
    assert_int_equal(el->type, EL_WORD);
    assert_int_equal(el->nalt, 1);
    assert_int_equal(GVEC_AT(&d->alts, uint64_t, el->first_alt), 1);
    assert_true(GVEC_AT(&d->alts, uint64_t, el->first_alt + 1) == gesta__word_hash(w, 2));
  }
  gesta_dict_free(d);
}

/* ---- known bugs (run with --known-bugs; see tests/unit/CMakeLists.txt) ----------------------- */

/* Columns are counted from the first non-blank character of a line, so on indented lines (every
 * entry of an actor or agent block) they are short by the indentation; and a bad language tag is
 * always reported at column 1, wherever the tag is. */
static void bug_error_columns_count_from_line_start(void **state) {
  (void)state;
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "person A B\n  code abcgov 2010..\n  xx A B\n",
               "actors.txt:2:8: bad actor code 'abcgov'");
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "actor RUS\n  xx Rusia\n  fr Russie\n",
               "actors.txt:3:3: unknown language 'fr' (no data/lang file for it)");
  expect_error(GESTA_DICT_ACTORS, "actors.txt", "person A B\n  code ABCGOV 2008-13..2012\n",
               "actors.txt:2:15: bad date '2008-13'");
  expect_error(GESTA_DICT_VERBS, "verbs.txt", "190 fr attaquer\n",
               "verbs.txt:1:5: unknown language 'fr' (no data/lang file for it)");
}

int main(int argc, char **argv) {
  const struct CMUnitTest known_bugs[] = {
      cmocka_unit_test(bug_error_columns_count_from_line_start),
  };
  if (argc > 1 && strcmp(argv[1], "--known-bugs") == 0)
    return cmocka_run_group_tests(known_bugs, NULL, NULL);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(builds_from_texts),
      cmocka_unit_test(stats_count),
      cmocka_unit_test(stats_per_language),
      cmocka_unit_test(phrases_and_classes),
      cmocka_unit_test(cameo_table_and_patterns),
      cmocka_unit_test(heads_are_stemmed),
      cmocka_unit_test(head_choice_is_one_pattern_per_word),
      cmocka_unit_test(person_date_ranges),
      cmocka_unit_test(error_unknown_cameo_code_in_verb),
      cmocka_unit_test(error_bad_actor_code),
      cmocka_unit_test(error_unknown_language_tag),
      cmocka_unit_test(error_bad_date_range),
      cmocka_unit_test(error_entry_outside_a_block),
      cmocka_unit_test(error_language_files),
      cmocka_unit_test(error_cameo_table),
      cmocka_unit_test(error_missing_parts),
      cmocka_unit_test(builder_arguments),
      cmocka_unit_test(failed_build_then_success),
      cmocka_unit_test(builtin_dictionaries),
      cmocka_unit_test(abbreviations_are_single_words),
      cmocka_unit_test(verb_words_survive_alts_growth),
      cmocka_unit_test(builtin_kinds_mask),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
