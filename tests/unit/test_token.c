/*
 * Unit tests for src/token.c: token boundaries, byte offsets, folded forms, hashes and flags.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "token.h"

typedef struct fixture {
  arena a;
  gvec toks;
} fixture;

static int setup(void **state) {
  static fixture f;
  gesta__arena_init(&f.a, 4096);
  gesta__vec_init(&f.toks, sizeof(token));
  *state = &f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  gesta__arena_free(&f->a);
  gesta__vec_free(&f->toks);
  return 0;
}

/* A token's flags but TF_ASCII, which ascii_flag checks. */
#define FLAGS(t) ((t).flags & ~(uint32_t)TF_ASCII)

/* An abbreviation list for the callback: folded words with their final period. */
static const char *const abbrevs[] = {"sr.", "dr.", "gen.", NULL};
static int abbrev_cb(const void *ctx, uint64_t hash) {
  const char *const *list = ctx;
  for (size_t i = 0; list[i]; i++)
    if (gesta__word_hash(list[i], strlen(list[i])) == hash) return 1;
  return 0;
}

static const token *tokenize(void **state, const char *text, int with_abbrevs) {
  fixture *f = *state;
  f->toks.len = 0;
  gesta__arena_reset(&f->a);
  assert_int_equal(gesta__tokenize(text, 0, strlen(text), &f->a, &f->toks,
                                   with_abbrevs ? abbrev_cb : NULL, with_abbrevs ? abbrevs : NULL),
                   0);
  return (const token *)f->toks.data;
}

static size_t ntok(void **state) { return ((fixture *)*state)->toks.len; }

/* Checks that the tokens' source texts are exactly `want` (NULL-terminated), that each norm is
 * NUL-terminated with its hash, and prints the tokens on a mismatch. */
static void expect_spans(void **state, const char *text, const char *const *want) {
  const token *t = (const token *)((fixture *)*state)->toks.data;
  size_t n = ntok(state), nw = 0;
  while (want[nw]) nw++;
  int ok = n == nw;
  for (size_t i = 0; ok && i < n; i++) {
    size_t len = t[i].end - t[i].start;
    if (strlen(want[i]) != len || memcmp(text + t[i].start, want[i], len) != 0) ok = 0;
  }
  if (!ok) {
    for (size_t i = 0; i < n; i++)
      print_message("token %zu: [%u,%u) '%.*s'\n", i, t[i].start, t[i].end,
                    (int)(t[i].end - t[i].start), text + t[i].start);
    fail_msg("tokens of '%s' differ from the expected %zu", text, nw);
  }
  for (size_t i = 0; i < n; i++) {
    assert_true(t[i].start < t[i].end);
    assert_int_equal(strlen(t[i].norm), t[i].norm_len);
    assert_true(t[i].hash == gesta__word_hash(t[i].norm, t[i].norm_len));
    if (i) assert_true(t[i - 1].end <= t[i].start);
  }
}

static void expect_norms(void **state, const char *const *want) {
  const token *t = (const token *)((fixture *)*state)->toks.data;
  size_t n = ntok(state), i;
  for (i = 0; i < n && want[i]; i++)
    if (strcmp(t[i].norm, want[i]) != 0)
      fail_msg("token %zu: norm '%s', want '%s'", i, t[i].norm, want[i]);
  assert_int_equal(i, n);
  assert_null(want[i]);
}

#define SPANS(text, ...)                                                                           \
  do {                                                                                             \
    static const char *const w_[] = {__VA_ARGS__, NULL};                                           \
    expect_spans(state, text, w_);                                                                 \
  } while (0)
#define NORMS(...)                                                                                 \
  do {                                                                                             \
    static const char *const w_[] = {__VA_ARGS__, NULL};                                           \
    expect_norms(state, w_);                                                                       \
  } while (0)

static void offsets_map_back_mixed_utf8(void **state) {
  static const char text[] =
      "«Zelenski» dijo:\t“El niño está en Bogotá” — 東京, ＯＴＡＮ y 😀 fin.\n¿Qué?";
  tokenize(state, text, 0);
  SPANS(text, "«", "Zelenski", "»", "dijo", ":", "“", "El", "niño", "está", "en", "Bogotá", "”",
        "—", "東京", ",", "ＯＴＡＮ", "y", "😀", "fin", ".", "¿", "Qué", "?");
  NORMS("«", "zelenski", "»", "dijo", ":", "“", "el", "nino", "esta", "en", "bogota", "”", "—",
        "東京", ",", "otan", "y", "😀", "fin", ".", "¿", "que", "?");
  const token *t = (const token *)((fixture *)*state)->toks.data;
  /* Exact byte offsets of a few tokens. */
  assert_int_equal(t[0].start, 0);
  assert_int_equal(t[0].end, 2); /* « is two bytes */
  assert_int_equal(t[1].start, 2);
  assert_int_equal(t[1].end, 10);
  assert_int_equal(t[10].start, (uint32_t)(strstr(text, "Bogotá") - text));
  assert_int_equal(t[10].end, t[10].start + 7);
  assert_int_equal(t[22].end, sizeof text - 1);
}

static void offsets_in_a_subrange(void **state) {
  fixture *f = *state;
  static const char text[] = "xx Hola, U.S. mundo yy";
  const size_t start = 3, end = 16; /* "Hola, U.S. mu" */
  f->toks.len = 0;
  assert_int_equal(gesta__tokenize(text, start, end, &f->a, &f->toks, NULL, NULL), 0);
  SPANS(text, "Hola", ",", "U.S.", "mu");
  const token *t = (const token *)f->toks.data;
  assert_int_equal(t[0].start, 3);
  assert_int_equal(t[3].end, 16);
  /* Cut just before the final period: the acronym has no period to keep. */
  f->toks.len = 0;
  assert_int_equal(gesta__tokenize(text, 9, 12, &f->a, &f->toks, NULL, NULL), 0);
  SPANS(text, "U.S");
  t = (const token *)f->toks.data;
  assert_int_equal(FLAGS(t[0]), TF_WORD | TF_CAP | TF_UPPER | TF_ACRONYM);
  /* Tokens are appended after what the vector holds. */
  size_t before = f->toks.len;
  assert_int_equal(gesta__tokenize(text, 0, 2, &f->a, &f->toks, NULL, NULL), 0);
  assert_int_equal(f->toks.len, before + 1);
  assert_string_equal(GVEC_AT(&f->toks, token, before).norm, "xx");
  /* Nothing but blanks gives nothing. */
  f->toks.len = 0;
  assert_int_equal(gesta__tokenize(" \t\n\xC2\xA0 ", 0, 6, &f->a, &f->toks, NULL, NULL), 0);
  assert_int_equal(f->toks.len, 0);
}

static void acronyms_keep_their_periods(void **state) {
  static const char text[] = "EE.UU. y U.S. con la O.N.U. hoy";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "EE.UU.", "y", "U.S.", "con", "la", "O.N.U.", "hoy");
  const uint32_t acro = TF_WORD | TF_CAP | TF_UPPER | TF_ABBR | TF_ACRONYM;
  assert_int_equal(FLAGS(t[0]), acro);
  assert_string_equal(t[0].norm, "ee.uu.");
  assert_int_equal(FLAGS(t[2]), acro);
  assert_string_equal(t[2].norm, "u.s.");
  assert_int_equal(FLAGS(t[5]), acro);
  /* At the very end of the text too. */
  t = tokenize(state, "sanctions on the U.S.", 0);
  assert_int_equal(ntok(state), 4);
  assert_int_equal(FLAGS(t[3]), acro);
  assert_int_equal(t[3].end, 21);
  /* Digits inside stop it being an acronym: "A4.B" is no abbreviation. */
  t = tokenize(state, "G7. Next", 0);
  SPANS("G7. Next", "G7", ".", "Next");
}

static void initials_keep_their_period(void **state) {
  static const char text[] = "J. Smith y a. b";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "J.", "Smith", "y", "a", ".", "b");
  assert_int_equal(FLAGS(t[0]), TF_WORD | TF_CAP | TF_UPPER | TF_ABBR);
  assert_string_equal(t[0].norm, "j.");
  assert_int_equal(FLAGS(t[4]), TF_PUNCT | TF_TERM);
}

static void numbers_stay_whole(void **state) {
  static const char text[] = "3,5 1.000.000 10:30 2024. 3, 4 7.5%";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "3,5", "1.000.000", "10:30", "2024", ".", "3", ",", "4", "7.5", "%");
  for (int i = 0; i < 4; i++) assert_int_equal(FLAGS(t[i]), TF_WORD | TF_NUM);
  assert_string_equal(t[1].norm, "1.000.000");
  assert_string_equal(t[2].norm, "10:30");
  assert_int_equal(FLAGS(t[4]), TF_PUNCT | TF_TERM);
  assert_int_equal(FLAGS(t[6]), TF_PUNCT | TF_CLAUSE);
  /* A letter-digit word starting with a digit is a number for the flags. */
  t = tokenize(state, "5G", 0);
  assert_int_equal(ntok(state), 1);
  assert_int_equal(FLAGS(t[0]), TF_WORD | TF_NUM | TF_UPPER);
}

static void possessive_is_its_own_token(void **state) {
  static const char text[] = "Japan's army and Japan’s navy, JAPAN'S fleet";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "Japan", "'s", "army", "and", "Japan", "’s", "navy", ",", "JAPAN", "'S", "fleet");
  NORMS("japan", "'s", "army", "and", "japan", "'s", "navy", ",", "japan", "'s", "fleet");
  assert_int_equal(FLAGS(t[0]), TF_WORD | TF_CAP);
  assert_int_equal(FLAGS(t[1]), TF_WORD);
  assert_int_equal(FLAGS(t[5]), TF_WORD);
  assert_true(t[1].hash == t[5].hash);
  /* A possessive at the end of the text, and a plural possessive without s. */
  tokenize(state, "the army of Russia's", 0);
  NORMS("the", "army", "of", "russia", "'s");
  tokenize(state, "the Sudans' talks", 0);
  NORMS("the", "sudans", "'", "talks");
  /* 's starting a longer word is no possessive. */
  tokenize(state, "'said", 0);
  NORMS("'", "said");
}

static void apostrophe_inside_a_word(void **state) {
  static const char text[] = "Côte d'Ivoire, Costa d’Avorio, don't";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "Côte", "d'Ivoire", ",", "Costa", "d’Avorio", ",", "don't");
  NORMS("cote", "d'ivoire", ",", "costa", "d'avorio", ",", "don't");
  assert_int_equal(FLAGS(t[1]), TF_WORD);
  /* "d'S..." with more letters after the s is not a possessive either. */
  tokenize(state, "d'Souza", 0);
  NORMS("d'souza");
}

static void hyphen_splits_words(void **state) {
  static const char text[] = "pro-Russian forces – and ex-presidente";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "pro", "-", "Russian", "forces", "–", "and", "ex", "-", "presidente");
  assert_int_equal(FLAGS(t[0]), TF_WORD);
  assert_int_equal(FLAGS(t[1]), TF_PUNCT | TF_DASH | TF_CLAUSE);
  assert_int_equal(FLAGS(t[2]), TF_WORD | TF_CAP);
  assert_int_equal(FLAGS(t[4]), TF_PUNCT | TF_DASH | TF_CLAUSE);
}

static void quotes_are_separate(void **state) {
  static const char text[] = "«Hola» “hi” \"x\" ¿sí? ¡ya! (EFE) ‹a›";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "«", "Hola", "»", "“", "hi", "”", "\"", "x", "\"", "¿", "sí", "?", "¡", "ya", "!",
        "(", "EFE", ")", "‹", "a", "›");
  const uint32_t open = TF_PUNCT | TF_OPEN, close = TF_PUNCT | TF_CLOSE;
  assert_int_equal(FLAGS(t[0]), open);
  assert_int_equal(FLAGS(t[2]), close);
  assert_int_equal(FLAGS(t[3]), open);
  assert_int_equal(FLAGS(t[5]), close);
  assert_int_equal(FLAGS(t[6]), TF_PUNCT); /* direction decided by context */
  assert_int_equal(FLAGS(t[8]), TF_PUNCT);
  assert_int_equal(FLAGS(t[9]), open);
  assert_int_equal(FLAGS(t[11]), TF_PUNCT | TF_TERM);
  assert_int_equal(FLAGS(t[12]), open);
  assert_int_equal(FLAGS(t[14]), TF_PUNCT | TF_TERM);
  assert_int_equal(FLAGS(t[15]), open);
  assert_int_equal(FLAGS(t[17]), close);
  assert_int_equal(FLAGS(t[18]), open);
  assert_int_equal(FLAGS(t[20]), close);
}

static void ellipsis_is_one_token(void **state) {
  static const char text[] = "Bueno... no. Sí… quizá";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "Bueno", "...", "no", ".", "Sí", "…", "quizá");
  assert_int_equal(FLAGS(t[1]), TF_PUNCT | TF_TERM);
  assert_string_equal(t[1].norm, "...");
  assert_int_equal(FLAGS(t[5]), TF_PUNCT | TF_TERM);
  /* An acronym before an ellipsis leaves the periods to the ellipsis. */
  tokenize(state, "EE.UU...", 0);
  NORMS("ee.uu", "...");
  /* Two periods are two tokens. */
  tokenize(state, "a..", 0);
  NORMS("a", ".", ".");
}

static void abbreviations_via_callback(void **state) {
  static const char text[] = "El Sr. Pérez y el DR. López van a casa. Gen. Ruiz";
  const token *t = tokenize(state, text, 1);
  SPANS(text, "El", "Sr.", "Pérez", "y", "el", "DR.", "López", "van", "a", "casa", ".", "Gen.",
        "Ruiz");
  assert_int_equal(FLAGS(t[1]), TF_WORD | TF_CAP | TF_ABBR);
  assert_string_equal(t[1].norm, "sr.");
  assert_int_equal(FLAGS(t[5]), TF_WORD | TF_CAP | TF_UPPER | TF_ABBR);
  assert_int_equal(FLAGS(t[9]), TF_WORD);
  assert_int_equal(FLAGS(t[10]), TF_PUNCT | TF_TERM);
  assert_int_equal(FLAGS(t[11]), TF_WORD | TF_CAP | TF_ABBR);
  /* Without the callback, "Sr." loses its period. */
  t = tokenize(state, "Sr. Pérez", 0);
  SPANS("Sr. Pérez", "Sr", ".", "Pérez");
  assert_int_equal(FLAGS(t[0]), TF_WORD | TF_CAP);
}

static void case_flags(void **state) {
  static const char text[] = "OTAN Madrid iPhone Ñandú ÁFRICA niño A x McDonald";
  const token *t = tokenize(state, text, 0);
  assert_int_equal(ntok(state), 9);
  assert_int_equal(FLAGS(t[0]), TF_WORD | TF_CAP | TF_UPPER);
  assert_int_equal(FLAGS(t[1]), TF_WORD | TF_CAP);
  assert_int_equal(FLAGS(t[2]), TF_WORD | TF_INNER_CAP);
  assert_int_equal(FLAGS(t[3]), TF_WORD | TF_CAP);
  assert_int_equal(FLAGS(t[4]), TF_WORD | TF_CAP | TF_UPPER);
  assert_int_equal(FLAGS(t[5]), TF_WORD);
  assert_int_equal(FLAGS(t[6]), TF_WORD | TF_CAP | TF_UPPER);
  assert_int_equal(FLAGS(t[7]), TF_WORD);
  assert_int_equal(FLAGS(t[8]), TF_WORD | TF_CAP);
  /* Case and accents fold away in the hash. */
  assert_true(t[4].hash == gesta__word_hash("africa", 6));
}

static void punctuation_flags(void **state) {
  static const char text[] = "a; b: c, d! e? f/g";
  const token *t = tokenize(state, text, 0);
  SPANS(text, "a", ";", "b", ":", "c", ",", "d", "!", "e", "?", "f", "/", "g");
  assert_int_equal(FLAGS(t[1]), TF_PUNCT | TF_CLAUSE);
  assert_int_equal(FLAGS(t[3]), TF_PUNCT | TF_CLAUSE);
  assert_int_equal(FLAGS(t[5]), TF_PUNCT | TF_CLAUSE);
  assert_int_equal(FLAGS(t[7]), TF_PUNCT | TF_TERM);
  assert_int_equal(FLAGS(t[9]), TF_PUNCT | TF_TERM);
  assert_int_equal(FLAGS(t[11]), TF_PUNCT);
}

/* After a non-ASCII letter the byte before the apostrophe is a UTF-8 continuation byte: the
 * check must look at the whole character (it once split "Bogotá's" into "'" and "s"). */
static void possessive_after_non_ascii_letter(void **state) {
  static const char text[] = "Bogotá's mayor and Lomé’s port";
  tokenize(state, text, 0);
  SPANS(text, "Bogotá", "'s", "mayor", "and", "Lomé", "’s", "port");
  NORMS("bogota", "'s", "mayor", "and", "lome", "'s", "port");
  const token *t = (const token *)((fixture *)*state)->toks.data;
  assert_int_equal(FLAGS(t[1]), TF_WORD);
  assert_int_equal(FLAGS(t[5]), TF_WORD);
}

/* TF_ASCII marks the tokens written in ASCII alone, words and punctuation. */
static void ascii_flag(void **state) {
  static const char text[] = "Bogotá's mayor «dijo» ¿qué? 3,5 — no.";
  const token *t = tokenize(state, text, 0);
  size_t n = ((fixture *)*state)->toks.len;
  assert_int_equal(n, 13);
  for (size_t i = 0; i < n; i++) {
    int ascii = 1;
    for (uint32_t k = t[i].start; k < t[i].end; k++) ascii &= (unsigned char)text[k] < 0x80;
    if (!!(t[i].flags & TF_ASCII) != ascii) fail_msg("token %zu: TF_ASCII wrong", i);
  }
}

/* Alone, as a dictionary writes it ("[link] 's"), the possessive is still one word. */
static void possessive_alone(void **state) {
  const token *t = tokenize(state, "'s", 0);
  SPANS("'s", "'s");
  assert_int_equal(FLAGS(t[0]), TF_WORD);
  t = tokenize(state, "’s", 0);
  NORMS("'s");
  assert_int_equal(FLAGS(t[0]), TF_WORD);
  /* But not before more letters. */
  tokenize(state, "'sea", 0);
  NORMS("'", "sea");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(offsets_map_back_mixed_utf8),
      cmocka_unit_test(offsets_in_a_subrange),
      cmocka_unit_test(acronyms_keep_their_periods),
      cmocka_unit_test(initials_keep_their_period),
      cmocka_unit_test(numbers_stay_whole),
      cmocka_unit_test(possessive_is_its_own_token),
      cmocka_unit_test(possessive_after_non_ascii_letter),
      cmocka_unit_test(possessive_alone),
      cmocka_unit_test(apostrophe_inside_a_word),
      cmocka_unit_test(hyphen_splits_words),
      cmocka_unit_test(quotes_are_separate),
      cmocka_unit_test(ellipsis_is_one_token),
      cmocka_unit_test(abbreviations_via_callback),
      cmocka_unit_test(case_flags),
      cmocka_unit_test(punctuation_flags),
      cmocka_unit_test(ascii_flag),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
