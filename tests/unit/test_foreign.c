/*
 * Unit tests for src/foreign.c: TABARI and PETRARCH dictionaries (actors, agents, verbs,
 * discards, options, .project files) read through the public API, loaded with the built-in
 * CAMEO table, PLOVER table and language files, and checked end to end by coding English
 * sentences. Each test writes its own small dictionaries of invented names into a scratch
 * directory; the warnings for repaired or skipped defects are checked word for word.
 */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <gesta/gesta.h>
#include "scratch.h"

/* ---- scratch files ------------------------------------------------------------------------ */

static char g_root[512];

static int group_setup(void **state) {
  (void)state;
  return test_scratch_make(g_root, sizeof g_root, "gesta-foreign");
}

static int group_teardown(void **state) {
  (void)state;
  test_scratch_remove(g_root);
  g_root[0] = 0;
  return 0;
}

/* The path of name (which may hold '/') in the scratch directory; valid until the next call
 * with the same buffer. */
static const char *path_of(const char *name, char *buf, size_t cap) {
  int n = snprintf(buf, cap, "%s/%s", g_root, name);
  assert_true(n > 0 && (size_t)n < cap);
  return buf;
}

/* Writes len bytes to name in the scratch directory, creating its folders; returns the path in
 * buf. */
static const char *write_bytes(const char *name, const char *bytes, size_t len, char *buf,
                               size_t cap) {
  path_of(name, buf, cap);
  for (char *p = buf + strlen(g_root) + 1; (p = strchr(p, '/')) != NULL; p++) {
    *p = 0;
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) fail_msg("mkdir %s: %s", buf, strerror(errno));
    *p = '/';
  }
  FILE *f = fopen(buf, "wb");
  if (!f) fail_msg("cannot write %s: %s", buf, strerror(errno));
  assert_int_equal(fwrite(bytes, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
  return buf;
}

static const char *write_str(const char *name, const char *text, char *buf, size_t cap) {
  return write_bytes(name, text, strlen(text), buf, cap);
}

/* ---- dictionaries ------------------------------------------------------------------------- */

/* A builder holding the built-in parts that foreign dictionaries do not replace. */
static gesta_dict_builder *new_builder(void) {
  gesta_dict_builder *b = NULL;
  assert_int_equal(gesta_dict_builder_new(&b), GESTA_OK);
  assert_int_equal(
      gesta_dict_builder_add_builtin(b, GESTA_DICT_CAMEO | GESTA_DICT_PLOVER | GESTA_DICT_LANG),
      GESTA_OK);
  return b;
}

/* Set by a test that checks TABARI's own minimum sentence length. */
static int g_tabari_default_minimum;

/* Writes text to name and adds it as a foreign dictionary of the given kind (English). */
static void add_foreign(gesta_dict_builder *b, gesta_dict_format format, gesta_dict_kind kind,
                        const char *name, const char *text) {
  char path[600];
  write_str(name, text, path, sizeof path);
  int rc = gesta_dict_builder_add_foreign(b, format, kind, path, "en");
  if (rc) fail_msg("adding %s: %s (%s)", name, gesta_strerror(rc), gesta_dict_builder_errmsg(b));
  /* TABARI codes no sentence under 8 words; the sentences here are short. */
  if (format == GESTA_FORMAT_TABARI && kind == GESTA_DICT_VERBS && !g_tabari_default_minimum)
    assert_int_equal(gesta_dict_builder_add_option(b, format, "SET: MINIMUM WORDS = 1"), GESTA_OK);
}

static gesta_dict *build(gesta_dict_builder *b) {
  gesta_dict *d = NULL;
  int rc = gesta_dict_builder_build(b, &d);
  if (rc) fail_msg("build: %s (%s)", gesta_strerror(rc), gesta_dict_builder_errmsg(b));
  assert_non_null(d);
  return d;
}

/* Fails unless the builder's warnings are exactly want[0..n), in order. */
static void expect_warnings(const gesta_dict_builder *b, const char *const *want, size_t n) {
  size_t have = gesta_dict_builder_warning_count(b);
  for (size_t i = 0; i < have || i < n; i++) {
    const char *w = gesta_dict_builder_warning(b, i);
    if (i >= n) fail_msg("unexpected warning %zu: %s", i, w);
    if (i >= have) fail_msg("missing warning %zu: %s", i, want[i]);
    if (strcmp(w, want[i]) != 0) fail_msg("warning %zu is\n  %s\nwant\n  %s", i, w, want[i]);
  }
}

/* The message of a warning "SCRATCH/name:line:col: message", with the scratch directory. */
static const char *warning_at(const char *name, const char *rest, char *buf, size_t cap) {
  int n = snprintf(buf, cap, "%s/%s:%s", g_root, name, rest);
  assert_true(n > 0 && (size_t)n < cap);
  return buf;
}

/* ---- coding ------------------------------------------------------------------------------- */

typedef struct rec {
  size_t sentence_index;
  char source[32], target[32], code[8], root[8];
  int quad_class;
  double goldstein;
  int has_plover;
} rec;

typedef struct recs {
  rec r[16];
  int n;
} recs;

static int on_event(const gesta_event *ev, void *user) {
  recs *rs = user;
  assert_true(rs->n < 16);
  rec *r = &rs->r[rs->n++];
  memset(r, 0, sizeof *r);
  r->sentence_index = ev->sentence_index;
  snprintf(r->source, sizeof r->source, "%s", ev->source);
  snprintf(r->target, sizeof r->target, "%s", ev->target);
  snprintf(r->code, sizeof r->code, "%s", ev->code);
  snprintf(r->root, sizeof r->root, "%s", ev->root ? ev->root : "(null)");
  r->quad_class = ev->quad_class;
  r->goldstein = ev->goldstein;
  r->has_plover = ev->plover != NULL;
  return 0;
}

/* Codes one English document (date "YYYY-MM-DD" or NULL) into rs. */
static void code_doc(const gesta_dict *d, const char *text, const char *date, recs *rs) {
  gesta_coder_options o;
  gesta_coder_options_default(&o);
  o.today = "2000-01-01";
  gesta_coder *c = NULL;
  assert_int_equal(gesta_coder_new(&c, d, &o), GESTA_OK);
  gesta_document doc;
  memset(&doc, 0, sizeof doc);
  doc.id = "t";
  doc.text = text;
  doc.text_len = strlen(text);
  doc.date = date;
  doc.lang = "en";
  memset(rs, 0, sizeof *rs);
  int rc = gesta_coder_code(c, &doc, on_event, rs);
  if (rc) fail_msg("coding '%s': %s", text, gesta_coder_errmsg(c));
  gesta_coder_free(c);
}

/* Fails unless the text codes to exactly the given events, each "SOURCE TARGET CODE" (TARGET
 * "-" for none), in order. */
static void expect_events(const gesta_dict *d, const char *text, const char *date, int n, ...) {
  recs rs;
  code_doc(d, text, date, &rs);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n || i < rs.n; i++) {
    const char *want = i < n ? va_arg(ap, const char *) : NULL;
    char have[80] = "";
    if (i < rs.n)
      snprintf(have, sizeof have, "%s %s %s", rs.r[i].source,
               rs.r[i].target[0] ? rs.r[i].target : "-", rs.r[i].code);
    if (!want || i >= rs.n || strcmp(have, want) != 0) {
      va_end(ap);
      fail_msg("'%s' (%s): event %d is '%s', want '%s' (%d events, want %d)", text,
               date ? date : "no date", i, i < rs.n ? have : "(none)", want ? want : "(none)",
               rs.n, n);
    }
  }
  va_end(ap);
}

/* ---- 1. TABARI actors --------------------------------------------------------------------- */

static const char TABARI_DENOUNCE[] = "DENOUNCE [111]\n";

static void tabari_actors(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, "t1/actors.txt",
              "; invented realms\n"
              "ARNOR [ARN]\n"
              "+KINGDOM_OF_ARNOR\n"
              "GONDOR [gon]\n"
              "CARDOLAN [CAR1 <911226] [CAR2]\n"
              "LINDON\n"
              "  [LIN1 850101-911225]\n"
              "  [LIN2 >911225]\n");
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_VERBS, "t1/verbs.txt", TABARI_DENOUNCE);
  gesta_dict *d = build(b);
  char w[700];
  const char *want[] = {warning_at("t1/actors.txt",
                                   "4:9: code 'gon' written in lowercase: read as 'GON'", w,
                                   sizeof w)};
  expect_warnings(b, want, 1);
  gesta_dict_builder_free(b);

  expect_events(d, "Arnor denounced Gondor.", "1995-03-01", 1, "ARN GON 111");
  /* A synonym: its words joined by '_' in the file. */
  expect_events(d, "The Kingdom of Arnor denounced Gondor.", "1995-03-01", 1, "ARN GON 111");
  /* Date-restricted codes on the root's line, then on lines of their own. */
  expect_events(d, "Cardolan denounced Gondor.", "1990-06-01", 1, "CAR1 GON 111");
  expect_events(d, "Cardolan denounced Gondor.", "1995-06-01", 1, "CAR2 GON 111");
  expect_events(d, "Lindon denounced Gondor.", "1990-06-01", 1, "LIN1 GON 111");
  expect_events(d, "Lindon denounced Gondor.", "1995-06-01", 1, "LIN2 GON 111");
  gesta_dict_free(d);
}

/* ---- 2. TABARI verbs ---------------------------------------------------------------------- */

static void tabari_verbs(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, "t2/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\n");
  /* GRALL is an invented irregular verb, so that its forms can only come from the file. 903 is
   * not a CAMEO code. */
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_VERBS, "t2/verbs.txt",
              "<SYNSETS>\n"
              "&TIETYPES\n"
              "+MILITARY\n"
              "+ECONOMIC\n"
              "</SYNSETS>\n"
              "\n"
              "RESTORE [064]\n"
              "- REFUSED TO * [112]\n"
              "\n"
              "GRALL [161]\n"
              "{GROLL_ GRALLEN_}\n"
              "- * &TIETYPES TIES [903]\n"
              "\n"
              "VISIT [042:043]\n");
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);

  expect_events(d, "Arnor restored ties with Gondor.", NULL, 1, "ARN GON 064");
  /* A pattern with words before the verb. */
  expect_events(d, "Arnor refused to restore ties with Gondor.", NULL, 1, "ARN GON 112");
  /* The irregular forms, with and without the synset's words. */
  expect_events(d, "Arnor groll military ties with Gondor.", NULL, 1, "ARN GON 903");
  expect_events(d, "Arnor has grallen economic ties with Gondor.", NULL, 1, "ARN GON 903");
  expect_events(d, "Arnor groll cultural ties with Gondor.", NULL, 1, "ARN GON 161");
  expect_events(d, "Arnor gralled ties with Gondor.", NULL, 1, "ARN GON 161");
  /* A paired code: the visit, and Gondor hosting it. */
  expect_events(d, "Arnor visited Gondor.", NULL, 2, "ARN GON 042", "GON ARN 043");

  /* A code outside the CAMEO table has no root, QuadClass, Goldstein score or PLOVER type. */
  recs rs;
  code_doc(d, "Arnor groll military ties with Gondor.", NULL, &rs);
  assert_int_equal(rs.n, 1);
  assert_string_equal(rs.r[0].root, "");
  assert_int_equal(rs.r[0].quad_class, 0);
  assert_true(rs.r[0].goldstein == 0.0);
  assert_false(rs.r[0].has_plover);
  code_doc(d, "Arnor restored ties with Gondor.", NULL, &rs);
  assert_int_equal(rs.n, 1);
  assert_string_equal(rs.r[0].root, "06");
  assert_int_equal(rs.r[0].quad_class, 2);
  assert_true(rs.r[0].has_plover);
  gesta_dict_free(d);
}

/* TABARI's word forms and role rules: a form left without '_' is a stem, the regular endings
 * include EN, a target slot before the verb with nothing before it takes its source after the
 * verb, and NOACTPRIOR looks for an actor before the verb's own word. */
static void tabari_forms_and_slots(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, "t2b/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\nMOUSE= [MUS]\nMORDOR [ORC]\nROHAN [ROH]\n"
              "PRINCE DOL_AMROTH [DOL]\n");
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_VERBS, "t2b/verbs.txt",
              "DONATE_ [073]\n"
              "CELEBRATE_ [040]\n"
              "- $ HOSTING * FEAST [042]\n"
              "ACCUSE_ [112]\n"
              "URGE_ [102]\n"
              "ASK_ [090]\n"
              "BREAK_ [1717]\n"
              "{ BROKE_ BROKEN_DOWN_ }\n"
              "- * TREATY [161]\n"
              "GRALL_ [100]\n"
              "{ GROLLING_ GRALLITY }\n"
              "DEPART_ [032]\n"
              "SHOT_ [223]\n"
              "- + WAS * DEAD [224]\n"
              "WARN_ [160]\n"
              "- NOW + HAVE BEEN * $ [165]\n"
              "- $ ^ FOR * [164]\n"
              "VOICE_ [020]\n"
              "- RECENTLY { LOUDLY INCLUDED | STRONG_SUPPORT } ITS * [043]\n");
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_TABARI, "COMPLEX: NOACTPRIOR"),
                   GESTA_OK);
  gesta_dict *d = build(b);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor grallityss from Gondor.", NULL, 1, "ARN GON 100");
  expect_events(d, "Arnor grallity from Gondor.", NULL, 1, "ARN GON 100");
  expect_events(d, "Arnor grollingss from Gondor.", NULL, 0);
  expect_events(d, "Arnor departen from Gondor.", NULL, 1, "ARN GON 032");
  expect_events(d, "Arnor departx from Gondor.", NULL, 0);
  expect_events(d, "An Arnorian was shot dead in Gondor.", NULL, 1, "GON ARN 224");
  expect_events(d, "Now Arnor have been warned of Gondor.", NULL, 1, "GON ARN 165");
  /* A `$` before the verb: the actor nearest before its place, not the sentence's first. */
  expect_events(d, "Mordor et Arnor will be hosting Gondor to celebrate a feast with Rohan.", NULL,
                1, "ARN ROH 042");
  /* With no actor after the verb, the target is the nearest other actor before it. */
  expect_events(d, "Arnor told Mordor on Tuesday that Rohan accused yesterday.", NULL, 1,
                "ARN ROH 112");
  /* "^" before the verb passes over an actor; with nothing after the verb, the target is the
   * nearest other actor before its word. */
  expect_events(d, "Arnor was Mordor for Gondor warning next week.", NULL, 1, "ARN GON 164");
  /* A capitalised word inside a sentence is a name, not a verb. */
  expect_events(d, "Gondor hailed the Accused Party of Arnor.", NULL, 0);
  expect_events(d, "Gondor accused Arnor.", NULL, 1, "GON ARN 112");
  /* An object pronoun is the sentence's first actor (unless that is the source). */
  expect_events(d, "Arnor urged Gondor to leave and Mordor asked him to stay.", NULL, 2,
                "ARN GON 102", "ORC ARN 090");
  /* Other words may stand where a name has a blank, but no comma. */
  expect_events(d, "Arnor accused the Prince of Dol Amroth.", NULL, 1, "ARN DOL 112");
  expect_events(d, "Arnor accused the Prince, of Dol Amroth.", NULL, 0);
  /* A form of several words takes the block's patterns. */
  expect_events(d, "Arnor broken down a treaty with Gondor.", NULL, 1, "ARN GON 161");
  expect_events(d, "Arnor broken down talks with Gondor.", NULL, 1, "ARN GON 1717");
  /* "MOUSE=" takes no regular ending; a possessive ending makes a noun of a verb. */
  expect_events(d, "The mouse donated cash to Gondor.", NULL, 1, "MUS GON 073");
  expect_events(d, "The mouses donated cash to Gondor.", NULL, 0);
  expect_events(d, "Arnor donate's cash to Gondor.", NULL, 0);
  /* A blank between the words of a choice lets other words stand there; '_' does not. */
  expect_events(d, "Arnor recently loudly boldly included its voice for Gondor.", NULL, 1,
                "ARN GON 043");
  expect_events(d, "Arnor recently strong support its voice for Gondor.", NULL, 1, "ARN GON 043");
  expect_events(d, "Arnor recently strong total support its voice for Gondor.", NULL, 1,
                "ARN GON 020");
  gesta_dict_free(d);

  /* A default source without PRIOR: the first actor after the verb, alone, then the target
   * after it. */
  b = new_builder();
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, "t2c/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\n");
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_VERBS, "t2c/verbs.txt", "RESTORE_ [064]\n");
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_TABARI, "DEFAULT: SOURCE [DEF]"),
                   GESTA_OK);
  d = build(b);
  gesta_dict_builder_free(b);
  expect_events(d, "Someone will restore ties with Gondor and Arnor.", NULL, 1, "GON ARN 064");
  gesta_dict_free(d);
}

/* ---- 3. PETRARCH verbs -------------------------------------------------------------------- */

static void petrarch_verbs(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_ACTORS, "t3/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\nGONDOR TELEVISION [GONTV]\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_VERBS, "t3/verbs.txt",
              "<!-- invented verbs -->\n"
              "--- MEET [040] ---\n"
              "MEET {MET MEETS}\n"
              "CONFER\n"
              "PARLEY [044]\n"
              "- * WITH + [046]\n"
              "\n"
              "--- DENOUNCE [111] ---\n"
              "DENOUNCE\n"
              "--- WARN [160] ---\n"
              "WARN\n"
              "- * THEIR ^ + [162]\n"
              "--- ABANDON [345] ---\n"
              "ABANDON\n"
              "--- HALT [190] ---\n"
              "HALT\n"
              "--- SAY [010] ---\n"
              "SAY {SAID SAYS}\n"
              "--- ACT [180] ---\n"
              "ACT\n"
              "- INDICATED SHOULD * [1011]\n"
              "--- SHOULD [101] ---\n"
              "SHOULD\n"
              "--- RESTORE [064] ---\n"
              "RESTORE\n");
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);

  expect_events(d, "Arnor met Gondor.", NULL, 1, "ARN GON 040");
  expect_events(d, "Arnor met with Gondor.", NULL, 1, "ARN GON 046");
  /* The block's other verbs take its code and its patterns... */
  expect_events(d, "Arnor conferred Gondor.", NULL, 1, "ARN GON 040");
  expect_events(d, "Arnor conferred with Gondor.", NULL, 1, "ARN GON 046");
  /* ...or keep a code of their own. */
  expect_events(d, "Arnor parleyed Gondor.", NULL, 1, "ARN GON 044");
  expect_events(d, "Arnor parleyed with Gondor.", NULL, 1, "ARN GON 046");
  /* The next block's verb is not one of the first block's. */
  expect_events(d, "Arnor denounced Gondor.", NULL, 1, "ARN GON 111");
  /* A passive is one only with its agent, as PETRARCH reads it; without "by" it is coded as the
   * active verb is. */
  expect_events(d, "Arnor was denounced by Gondor.", NULL, 1, "GON ARN 111");
  expect_events(d, "Arnor was denounced over its dispute with Gondor.", NULL, 1, "ARN GON 111");
  /* A blank between the words of a name lets other words stand there, as in TABARI. */
  expect_events(d, "Arnor denounced Gondor state-run television.", NULL, 1, "ARN GONTV 111");
  /* "^" passes over the noun phrase there, an actor or not. */
  expect_events(d, "Arnor warned their people about Gondor.", NULL, 1, "ARN GON 162");
  /* An infinitive lies inside the verb phrase before it: the target is sought past it. */
  expect_events(d, "Arnor abandoned efforts to halt a parade of Gondor.", NULL, 1, "ARN GON 345");
  /* So does any verb of its clause. */
  expect_events(d, "Arnor abandoned quickly halted talks with Gondor.", NULL, 1, "ARN GON 345");
  /* The verb phrase ends where the next clause begins. */
  expect_events(d,
                "Arnor denounced its embassy, the envoy of Gondor abandoned the talks about the "
                "old treaty of the northern kingdoms on the river.",
                NULL, 0);
  /* A verb that matches closes its clause, whether or not it codes an event: the next verb
   * lies inside its verb phrase. */
  expect_events(d, "They said the government of Gondor denounced Arnor.", NULL, 0);
  /* A verb among the words of a later verb's pattern is one of them. */
  expect_events(d, "Arnor indicated it should have acted against Gondor.", NULL, 1,
                "ARN GON 1011");
  /* A comma between two plain words lies inside a noun phrase: no clause ends there. */
  expect_events(d, "Arnor restored complete, full diplomatic ties with Gondor.", NULL, 1,
                "ARN GON 064");
  /* A clause opened by an adjunct word after a comma lies inside the verb phrase before it: one
   * verb per clause. */
  expect_events(d,
                "Arnor denounced Gondor, almost five long years after the angry crowds of "
                "Gondor had denounced the old embassy of Arnor in the city.",
                NULL, 1, "ARN GON 111");
  gesta_dict_free(d);
}

/* ---- 4. PETRARCH agents ------------------------------------------------------------------- */

static const char PETRARCH_DENOUNCE[] = "--- DENOUNCE [111] ---\nDENOUNCE\n";

static void petrarch_agents(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_ACTORS, "t4/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_AGENTS, "t4/agents.txt",
              "!PERSON! = MAN, MEN\n"
              "AMBASSADOR [~GOV]\n"
              "HORSE!PERSON! [~CVL]\n"
              "SENTRY {} [~MIL]\n"
              "ENVOY {ENVOYS EMISSARIES} [~GOV]\n"
              "!OFFICE! = MINISTRY, MINISTRIES\n"
              "!OFFICE!_OF_WAR [~MIL]\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_VERBS, "t4/verbs.txt", PETRARCH_DENOUNCE);
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);

  expect_events(d, "Arnor's ambassador denounced Gondor.", NULL, 1, "ARNGOV GON 111");
  /* The regular plural is added. */
  expect_events(d, "The ambassadors of Arnor denounced Gondor.", NULL, 1, "ARNGOV GON 111");
  /* The substitution gives each of its words. */
  expect_events(d, "Arnor's horseman denounced Gondor.", NULL, 1, "ARNCVL GON 111");
  expect_events(d, "Arnor's horsemen denounced Gondor.", NULL, 1, "ARNCVL GON 111");
  /* "{}": no plural, not even the regular one. */
  expect_events(d, "Arnor's sentry denounced Gondor.", NULL, 1, "ARNMIL GON 111");
  expect_events(d, "Arnor's sentries denounced Gondor.", NULL, 1, "ARN GON 111");
  /* "{...}": the plurals given, irregular ones too. */
  expect_events(d, "Arnor's emissaries denounced Gondor.", NULL, 1, "ARNGOV GON 111");
  /* A substitution may open the phrase. */
  expect_events(d, "Arnor's Ministry of War denounced Gondor.", NULL, 1, "ARNMIL GON 111");
  gesta_dict_free(d);
}

/* A verb of several words: "WIRE_+TAP" marks its verb among them; the block's patterns are its
 * patterns too, with "*" standing for all its words. */
static void petrarch_multiword_verbs(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_ACTORS, "t4c/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_VERBS, "t4c/verbs.txt",
              "--- CONFISCATE [171] ---\n"
              "CONFISCATE\n"
              "WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}\n"
              "- WILL NOT * [081]\n"
              "--- EXCLUDE [1721] ---\n"
              "EXCLUDE\n"
              "+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}\n"
              "- * FOR CONSTRUCTION [071]\n");
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor wire tapped Gondor.", NULL, 1, "ARN GON 171");
  expect_events(d, "Arnor will not wire tap Gondor.", NULL, 1, "ARN GON 081");
  expect_events(d, "Arnor cordoned off Gondor.", NULL, 1, "ARN GON 1721");
  expect_events(d, "Arnor cordoned off for construction Gondor.", NULL, 1, "ARN GON 071");
  gesta_dict_free(d);
}

/* Every role word of a noun phrase composes with its first actor, as PETRARCH does: role words
 * inside longer ones too, in the order they stand, "NGO~" ones before the actor; a role whose
 * code the code already holds ends the composition. */
static void petrarch_phrase_roles(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_ACTORS, "t4b/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\nWEST_GERMAN [GMWGOV]\nCALENARDHON [CAL]\n"
              "+CALIMEHTAR\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_AGENTS, "t4b/agents.txt",
              "MAIN_OPPOSITION_GROUP [~MOP]\n"
              "OPPOSITION_GROUP [~OPP]\n"
              "HUMAN_RIGHTS_ACTIVIST [HGM~]\n"
              "RIGHTS_ACTIVIST [SGM~]\n"
              "GOVERNMENT [~GOV]\n"
              "WORLD_GOVERNMENT {} [~WGO]\n"
              "DIPLOMAT [~GOV]\n"
              "SOLDIER [~MIL]\n"
              "MINISTER [~GOV]\n"
              "PRIME_MINISTER [~GOV]\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_VERBS, "t4b/verbs.txt", PETRARCH_DENOUNCE);
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor denounced the Gondor main opposition group.", NULL, 1,
                "ARN GONMOPOPP 111");
  expect_events(d, "Arnor denounced Gondor's main opposition groups.", NULL, 1,
                "ARN GONMOPOPP 111");
  /* After a locative word or a role link, the actor is the phrase's own. */
  expect_events(d, "Human rights activists in Arnor denounced Gondor.", NULL, 1,
                "SGMHGMARN GON 111");
  expect_events(d, "Soldiers from Arnor denounced Gondor.", NULL, 1, "ARNMIL GON 111");
  expect_events(d, "The Arnor government diplomat denounced Gondor.", NULL, 1, "ARNGOV GON 111");
  expect_events(d, "West German world government activists denounced Gondor.", NULL, 1,
                "GMWGOVWGO GON 111");
  /* Words of the phrase may be capitalised or joined by a conjunction; its first actor codes
   * it, a name after the role word too. */
  expect_events(d, "Arnor's first Deputy Prime Minister denounced Gondor.", NULL, 1,
                "ARNGOV GON 111");
  expect_events(d, "Arnor's awful and evil minister Calimehtar denounced Gondor.", NULL, 1,
                "ARNGOV GON 111");
  /* The subject is the first actor of the noun phrase before the verb. */
  expect_events(d, "Arnor centre of a diplomatic row with Calenardhon denounced Gondor.", NULL, 1,
                "ARN GON 111");
  gesta_dict_free(d);
}

/* ---- 5. discards -------------------------------------------------------------------------- */

static void discards(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_ACTORS, "t5/actors.txt",
              "ARNOR [ARN]\nGONDOR [GON]\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_VERBS, "t5/verbs.txt",
              "--- DENOUNCE [111] ---\nDENOUNCE\n--- MEET [040] ---\nMEET {MET MEETS}\n");
  add_foreign(b, GESTA_FORMAT_PETRARCH, GESTA_DICT_DISCARDS, "t5/discards.txt",
              "SOCCER MATCH\n+CROSSWORD_PUZZLE\n");
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);

  expect_events(d, "Arnor met Gondor. Arnor denounced Gondor.", NULL, 2, "ARN GON 040",
                "ARN GON 111");
  /* A sentence discard: that sentence only. */
  expect_events(d, "Arnor met Gondor at a soccer match. Arnor denounced Gondor.", NULL, 1,
                "ARN GON 111");
  /* A story discard: the whole document, the sentences before it too. */
  expect_events(d, "Arnor met Gondor. The crossword puzzle was hard. Arnor denounced Gondor.",
                NULL, 0);
  gesta_dict_free(d);
}

/* ---- 6. defects --------------------------------------------------------------------------- */

/* Latin-1, a missing ']', a duplicate, a pattern without '*', CRLF line ends. */
static void defects_repaired_or_skipped(void **state) {
  (void)state;
  static const char ACTORS[] = "ARNOR [ARN]\r\n"
                               "CAF\xc9 [CAF]\r\n"
                               "GONDOR [GON\r\n"
                               "ROHAN [ROH]\r\n"
                               "ARNOR [ARX]\r\n";
  static const char VERBS[] = "DENOUNCE [111]\r\n"
                              "- DENOUNCE STRONGLY [112]\r\n"
                              "- * FIERCELY [112]\r\n";
  char p1[600], p2[600];
  gesta_dict_builder *b = new_builder();
  write_bytes("t6/actors.txt", ACTORS, sizeof ACTORS - 1, p1, sizeof p1);
  write_bytes("t6/verbs.txt", VERBS, sizeof VERBS - 1, p2, sizeof p2);
  assert_int_equal(
      gesta_dict_builder_add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, p1, "en"),
      GESTA_OK);
  assert_int_equal(
      gesta_dict_builder_add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_VERBS, p2, "en"),
      GESTA_OK);
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_TABARI, "SET: MINIMUM WORDS = 1"),
                   GESTA_OK);
  gesta_dict *d = build(b);
  char w[4][700];
  const char *want[] = {
      warning_at("t6/actors.txt", "2:4: 1 byte that is not UTF-8 read as Latin-1 (ISO-8859-1)",
                 w[0], sizeof w[0]),
      warning_at("t6/actors.txt", "3:8: missing ']'", w[1], sizeof w[1]),
      warning_at("t6/actors.txt",
                 "5:1: duplicate entry 'arnor' (first at line 1): both kept, the first wins",
                 w[2], sizeof w[2]),
      warning_at("t6/verbs.txt", "2:1: missing verb marker '*': pattern skipped", w[3],
                 sizeof w[3])};
  expect_warnings(b, want, 4);
  gesta_dict_builder_free(b);

  /* The Latin-1 name, read as "CAFÉ", matches the UTF-8 text. */
  expect_events(d, "Caf\xc3\xa9 denounced Rohan.", NULL, 1, "CAF ROH 111");
  /* The line after the skipped one loads; the skipped one does not. */
  expect_events(d, "Arnor denounced Rohan.", NULL, 1, "ARN ROH 111");
  expect_events(d, "Rohan denounced Gondor.", NULL, 0);
  /* The pattern after the skipped one loads. */
  expect_events(d, "Arnor denounced Rohan fiercely.", NULL, 1, "ARN ROH 112");
  gesta_dict_free(d);
}

/* CRLF line ends alone are no defect: no warning. */
static void crlf_line_ends(void **state) {
  (void)state;
  gesta_dict_builder *b = new_builder();
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, "t6b/actors.txt",
              "ARNOR [ARN]\r\n+ARNORIAN_KINGDOM\r\nGONDOR [GON]\r\n");
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_VERBS, "t6b/verbs.txt",
              "VISIT [042]\r\n- * SECRETLY [044]\r\n");
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, "The Arnorian kingdom visited Gondor.", NULL, 1, "ARN GON 042");
  expect_events(d, "Arnor visited Gondor secretly.", NULL, 1, "ARN GON 044");
  gesta_dict_free(d);
}

static void missing_file(void **state) {
  (void)state;
  char path[600], want[700];
  path_of("t6c/no-such-actors.txt", path, sizeof path);
  snprintf(want, sizeof want, "%s: %s", path, strerror(ENOENT));
  gesta_dict_builder *b = new_builder();
  assert_int_equal(
      gesta_dict_builder_add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, path, "en"),
      GESTA_EIO);
  assert_string_equal(gesta_dict_builder_errmsg(b), want);
  gesta_dict_builder_free(b);

  /* So does an options file, and a project file. */
  b = new_builder();
  assert_int_equal(gesta_dict_builder_add_options(b, GESTA_FORMAT_PETRARCH, path), GESTA_EIO);
  assert_string_equal(gesta_dict_builder_errmsg(b), want);
  gesta_dict_builder_free(b);
  b = new_builder();
  assert_int_equal(gesta_dict_builder_add_project(b, path, "en"), GESTA_EIO);
  assert_string_equal(gesta_dict_builder_errmsg(b), want);
  gesta_dict_builder_free(b);
}

/* ---- 7. options --------------------------------------------------------------------------- */

/* 19 and 20 words (no commas: a short clause after a comma is dropped, as TABARI does). */
static const char WORDS_19[] = "After a long night of quarrels in the old hall of the council near "
                               "the river Arnor denounced Gondor.";
static const char WORDS_20[] = "After a long night of quarrels in the old hall of the council near "
                               "the wide river Arnor denounced Gondor.";

static gesta_dict_builder *options_builder(const char *dir, gesta_dict_format format) {
  char name[64];
  gesta_dict_builder *b = new_builder();
  snprintf(name, sizeof name, "%s/actors.txt", dir);
  add_foreign(b, format, GESTA_DICT_ACTORS, name, "ARNOR [ARN]\nGONDOR [GON]\n");
  snprintf(name, sizeof name, "%s/verbs.txt", dir);
  add_foreign(b, format, GESTA_DICT_VERBS, name,
              format == GESTA_FORMAT_TABARI ? TABARI_DENOUNCE : PETRARCH_DENOUNCE);
  return b;
}

/* Comma-delimited clauses of the lengths the options give are dropped before coding; lists of
 * actors keep their commas; "COMMA: OFF" codes everything. */
static void comma_clauses(void **state) {
  (void)state;
  static const char aside[] = "Arnor, in a grim warning about Gondor and the river, denounced the plan.";
  static const char tail[] = "Arnor denounced Gondor, the old news agency of Rohan said.";
  gesta_dict_builder *b = options_builder("t9", GESTA_FORMAT_TABARI);
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, "t9/actors2.txt", "ROHAN [ROH]\n");
  gesta_dict *d = build(b);
  gesta_dict_builder_free(b);
  /* Defaults: an inner clause of 3 to 10 words goes, so Gondor is no target (TABARI would
   * otherwise take the first actor before the verb). */
  expect_events(d, aside, NULL, 0);
  expect_events(d, tail, NULL, 1, "ARN GON 111");
  /* A list keeps its commas; with no target, its members act on each other (TABARI 5.8). */
  expect_events(d, "Arnor, Rohan and Gondor denounced the river people of the north.", NULL, 3,
                "ARN ROH 111", "ARN GON 111", "ROH GON 111");
  gesta_dict_free(d);

  b = options_builder("t9", GESTA_FORMAT_TABARI);
  add_foreign(b, GESTA_FORMAT_TABARI, GESTA_DICT_ACTORS, "t9/actors2.txt", "ROHAN [ROH]\n");
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_TABARI, "COMMA: OFF"), GESTA_OK);
  d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, aside, NULL, 1, "ARN GON 111");
  gesta_dict_free(d);
}

static void options(void **state) {
  (void)state;
  /* Without options: TABARI's minimum of 8 words; events need a target. */
  g_tabari_default_minimum = 1;
  gesta_dict_builder *b = options_builder("t7", GESTA_FORMAT_TABARI);
  g_tabari_default_minimum = 0;
  gesta_dict *d = build(b);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor denounced Gondor.", NULL, 0);
  expect_events(d, "Arnor fiercely denounced Gondor at the long meeting yesterday.", NULL, 1,
                "ARN GON 111");
  expect_events(d, WORDS_19, NULL, 1, "ARN GON 111");
  expect_events(d, "Arnor denounced the plan of the council in the hall.", NULL, 0);
  gesta_dict_free(d);

  /* TABARI: fewer than 20 words are not coded. */
  b = options_builder("t7", GESTA_FORMAT_TABARI);
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_TABARI, "SET: MINIMUM WORDS = 20"),
                   GESTA_OK);
  d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor denounced Gondor.", NULL, 0);
  expect_events(d, WORDS_19, NULL, 0);
  expect_events(d, WORDS_20, NULL, 1, "ARN GON 111");
  gesta_dict_free(d);

  /* PETRARCH: require_dyad off lets an event with no target through. */
  b = options_builder("t7p", GESTA_FORMAT_PETRARCH);
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_PETRARCH, "require_dyad = False"),
                   GESTA_OK);
  d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor denounced.", NULL, 1, "ARN - 111");
  expect_events(d, "Arnor denounced Gondor.", NULL, 1, "ARN GON 111");
  gesta_dict_free(d);

  /* The same from a config file, with its section header and comments. */
  char path[600];
  write_str("t7p/PETR_config.ini",
            "[Options]\n# the coder's own settings are accepted\nnew_actor_length = 0\n"
            "require_dyad = false  # no target needed\n",
            path, sizeof path);
  b = options_builder("t7p", GESTA_FORMAT_PETRARCH);
  assert_int_equal(gesta_dict_builder_add_options(b, GESTA_FORMAT_PETRARCH, path), GESTA_OK);
  d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor denounced.", NULL, 1, "ARN - 111");
  gesta_dict_free(d);

  /* Lines that are not options: a warning each, no failure, and no effect. */
  b = options_builder("t7", GESTA_FORMAT_TABARI);
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_TABARI, "MINIMUM WORDS 20"),
                   GESTA_OK);
  assert_int_equal(gesta_dict_builder_add_option(b, GESTA_FORMAT_PETRARCH, "require_dyad False"),
                   GESTA_OK);
  d = build(b);
  const char *want[] = {"option 'MINIMUM WORDS 20' not understood: ignored",
                        "option 'require_dyad False' not understood: ignored"};
  expect_warnings(b, want, 2);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor denounced Gondor.", NULL, 1, "ARN GON 111");
  expect_events(d, "Arnor denounced.", NULL, 0);
  gesta_dict_free(d);
}

/* ---- 8. TABARI .project ------------------------------------------------------------------- */

static void tabari_project(void **state) {
  (void)state;
  char path[600];
  write_str("t8/dicts/Realms.actors", "ARNOR [ARN]\nGONDOR [GON]\n", path, sizeof path);
  write_str("t8/dicts/Roles.agents", "AMBASSADOR_ [~GOV]\n", path, sizeof path);
  write_str("t8/dicts/Acts.verbs", "DENOUNCE [111]\n- * STRONGLY [112]\n", path, sizeof path);
  write_str("t8/Test.options", "SET: MINIMUM WORDS = 4\nCOMPLEX: ACTOR\n", path, sizeof path);
  write_str("t8/Test.project",
            "<textfile> news.txt\n"
            "<actorsfile> dicts/Realms.actors\n"
            "<verbsfile> dicts/Acts.verbs\n"
            "<agentsfile> dicts/Roles.agents\n"
            "<optionsfile> Test.options\n"
            "<eventfile> Test.events\n",
            path, sizeof path);
  gesta_dict_builder *b = new_builder();
  int rc = gesta_dict_builder_add_project(b, path, NULL);
  if (rc) fail_msg("project: %s (%s)", gesta_strerror(rc), gesta_dict_builder_errmsg(b));
  gesta_dict *d = build(b);
  expect_warnings(b, NULL, 0);
  gesta_dict_builder_free(b);
  expect_events(d, "Arnor's ambassador denounced Gondor.", NULL, 1, "ARNGOV GON 111");
  expect_events(d, "Arnor denounced Gondor strongly.", NULL, 1, "ARN GON 112");
  /* The options file's minimum: three words are too few. */
  expect_events(d, "Arnor denounced Gondor.", NULL, 0);
  gesta_dict_free(d);

  /* An absolute name, then relative ones: those are still the project folder's. */
  char abs_actors[600], project[1400];
  path_of("t8/dicts/Realms.actors", abs_actors, sizeof abs_actors);
  snprintf(project, sizeof project,
           "<actorsfile> %s\n<verbsfile> dicts/Acts.verbs\n<agentsfile> dicts/Roles.agents\n",
           abs_actors);
  write_str("t8/Mixed.project", project, path, sizeof path);
  b = new_builder();
  rc = gesta_dict_builder_add_project(b, path, "en");
  if (rc) fail_msg("mixed project: %s (%s)", gesta_strerror(rc), gesta_dict_builder_errmsg(b));
  gesta_dict_builder_free(b);

  /* A project naming a file that is not there fails, naming it. */
  write_str("t8/Broken.project", "<actorsfile> dicts/Missing.actors\n", path, sizeof path);
  char missing[600], want[700];
  path_of("t8/dicts/Missing.actors", missing, sizeof missing);
  snprintf(want, sizeof want, "%s: %s", missing, strerror(ENOENT));
  b = new_builder();
  assert_int_equal(gesta_dict_builder_add_project(b, path, "en"), GESTA_EIO);
  assert_string_equal(gesta_dict_builder_errmsg(b), want);
  gesta_dict_builder_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tabari_actors),
      cmocka_unit_test(tabari_verbs),
      cmocka_unit_test(tabari_forms_and_slots),
      cmocka_unit_test(petrarch_verbs),
      cmocka_unit_test(petrarch_agents),
      cmocka_unit_test(petrarch_phrase_roles),
      cmocka_unit_test(petrarch_multiword_verbs),
      cmocka_unit_test(discards),
      cmocka_unit_test(defects_repaired_or_skipped),
      cmocka_unit_test(crlf_line_ends),
      cmocka_unit_test(missing_file),
      cmocka_unit_test(options),
      cmocka_unit_test(comma_clauses),
      cmocka_unit_test(tabari_project),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
