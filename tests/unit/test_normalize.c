/*
 * Unit tests for src/normalize.c: UTF-8 repair, folding to the matching form, code-point
 * decoding and character classes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "normalize.h"

#define REPL "\xEF\xBF\xBD"

/* Repairs s[0..n) into a fresh buffer and checks the output, count and first bad offset. */
static void check_repair(const char *s, size_t n, const char *want, size_t want_len, long want_bad,
                         size_t want_first) {
  gbuf out = {0};
  size_t first = 99999;
  long bad = gesta__utf8_repair(s, n, &out, &first);
  assert_int_equal(bad, want_bad);
  assert_non_null(out.data);
  assert_int_equal(out.len, want_len);
  assert_memory_equal(out.data, want, want_len);
  assert_int_equal(out.data[out.len], 0);
  if (want_bad)
    assert_int_equal(first, want_first);
  else
    assert_int_equal(first, 99999); /* untouched when nothing was replaced */
  gesta__buf_free(&out);
}
#define REPAIR(in, want, nbad, first)                                                              \
  check_repair(in, sizeof(in) - 1, want, sizeof(want) - 1, nbad, first)

static void repair_valid_unchanged(void **state) {
  (void)state;
  static const char text[] = "Bogotá «niño» — 東京 😀 ǅ Ω\u00A0€ end";
  REPAIR(text, text, 0, 0);
  REPAIR("", "", 0, 0);
  /* The largest code point and the last ones before the surrogates are valid. */
  REPAIR("\xF4\x8F\xBF\xBF\xED\x9F\xBF\xEE\x80\x80", "\xF4\x8F\xBF\xBF\xED\x9F\xBF\xEE\x80\x80", 0,
         0);
}

static void repair_invalid_bytes(void **state) {
  (void)state;
  REPAIR("ab\xff"
         "cd",
         "ab" REPL "cd", 1, 2);
  REPAIR("\xfe", REPL, 1, 0);
  REPAIR("x\x80y", "x" REPL "y", 1, 1); /* a lone continuation byte */
  REPAIR("ok\xff mid \xfe", "ok" REPL " mid " REPL, 2, 2);
  REPAIR("\xff\xff\xff", REPL REPL REPL, 3, 0);
}

static void repair_truncated(void **state) {
  (void)state;
  /* A lead byte with no continuation at the end of the text. */
  REPAIR("abc\xC3", "abc" REPL, 1, 3);
  /* A lead byte followed by ASCII. */
  REPAIR("\xC3"
         "A",
         REPL "A", 1, 0);
  /* Multi-byte prefixes: each byte that starts no valid character is replaced on its own. */
  REPAIR("a\xE2\x82z", "a" REPL REPL "z", 2, 1);
  REPAIR("smile \xF0\x9F\x98", "smile " REPL REPL REPL, 3, 6);
  /* A truncated sequence before a valid one leaves the valid one alone. */
  REPAIR("\xE2\x82\xC3\xA9", REPL REPL "\xC3\xA9", 2, 0);
}

static void repair_overlong_and_out_of_range(void **state) {
  (void)state;
  REPAIR("\xC0\xAF", REPL REPL, 2, 0);                   /* overlong '/' */
  REPAIR("a\xC1\xBF", "a" REPL REPL, 2, 1);              /* overlong DEL */
  REPAIR("\xE0\x80\xAF", REPL REPL REPL, 3, 0);          /* overlong '/' in three bytes */
  REPAIR("\xF0\x82\x82\xAC", REPL REPL REPL REPL, 4, 0); /* overlong euro sign */
  REPAIR("\xED\xA0\x80", REPL REPL REPL, 3, 0);          /* a UTF-16 surrogate */
  REPAIR("\xF4\x90\x80\x80", REPL REPL REPL REPL, 4, 0); /* above U+10FFFF */
  REPAIR("\xF5\x80\x80\x80", REPL REPL REPL REPL, 4, 0);
}

static void repair_nul(void **state) {
  (void)state;
  REPAIR("a\0b", "a" REPL "b", 1, 1);
  REPAIR("\0\0", REPL REPL, 2, 0);
  REPAIR("é\0", "é" REPL, 1, 2);
}

/* gesta__utf8_valid passes plain ASCII several bytes at a time: a NUL, a stray byte or a
 * truncated sequence is found at every position, and valid multibyte text passes. */
static void valid_at_every_position(void **state) {
  (void)state;
  static const char *const bad[] = {"\0", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\x80"};
  for (size_t len = 1; len < 40; len++) {
    char s[64];
    for (size_t i = 0; i < len; i++) s[i] = (char)('a' + i % 26);
    assert_true(gesta__utf8_valid(s, len));
    for (size_t at = 0; at < len; at++) {
      for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        size_t n = k == 0 ? 1 : strlen(bad[k]);
        char t[64];
        memcpy(t, s, len);
        memcpy(t + at, bad[k], n);
        size_t tl = at + n > len ? at + n : len;
        assert_false(gesta__utf8_valid(t, tl));
      }
      char t[64];
      memcpy(t, s, len);
      memcpy(t + at, "\xc3\xa9", 2); /* é */
      assert_true(gesta__utf8_valid(t, at + 2 > len ? at + 2 : len));
    }
  }
}

static void repair_appends(void **state) {
  (void)state;
  gbuf out = {0};
  assert_int_equal(gesta__buf_append(&out, "title\n", 6), 0);
  size_t first = 0;
  assert_int_equal(gesta__utf8_repair("x\xffy", 3, &out, &first), 1);
  /* The offset is into the repaired input, not into the buffer. */
  assert_int_equal(first, 1);
  assert_int_equal(out.len, 6 + 5);
  assert_string_equal(out.data, "title\nx" REPL "y");
  gesta__buf_free(&out);
}

/* ---- folding --------------------------------------------------------------------------------- */

static void check_fold(const char *in, const char *want) {
  gbuf out = {0};
  assert_int_equal(gesta__fold(in, strlen(in), &out), 0);
  assert_non_null(out.data);
  if (strcmp(out.data, want) != 0) fail_msg("fold('%s') = '%s', want '%s'", in, out.data, want);
  assert_int_equal(out.len, strlen(want));
  char dst[256];
  size_t n = gesta__fold_into(in, strlen(in), dst, sizeof dst);
  assert_int_equal(n, strlen(want));
  assert_string_equal(dst, want);
  gesta__buf_free(&out);
}

static void fold_case_and_accents(void **state) {
  (void)state;
  check_fold("BOGOTÁ", "bogota");
  check_fold("Bogotá", "bogota");
  check_fold("Ñandú", "nandu");
  check_fold("ÉCOLE Française", "ecole francaise");
  check_fold("São Paulo", "sao paulo");
  check_fold("Zürich", "zurich");
  check_fold("ΑΘΗΝΑ", "αθηνα");
  check_fold("İstanbul", "istanbul");
  /* Decomposed input folds like precomposed input. */
  check_fold("Bogota\xCC\x81", "bogota");
  check_fold("already plain 123", "already plain 123");
  check_fold("", "");
}

static void fold_expansions(void **state) {
  (void)state;
  check_fold("Straße", "strasse");
  check_fold("STRASSE", "strasse");
  check_fold("\xEF\xAC\x81nal", "final"); /* the fi ligature */
  check_fold("Ⅻ", "xii");                 /* Roman numeral twelve */
}

static void fold_apostrophes_and_dashes(void **state) {
  (void)state;
  check_fold("’", "'");
  check_fold("‘", "'");
  check_fold("Japan’s", "japan's");
  check_fold("d’Ivoire", "d'ivoire");
  check_fold("Ma\xCA\xBC"
             "arib",
             "ma'arib"); /* modifier letter apostrophe */
  check_fold("a\xE2\x80\x90"
             "b",
             "a-b"); /* U+2010 hyphen */
  check_fold("a\xE2\x80\x91"
             "b",
             "a-b"); /* U+2011 non-breaking hyphen */
}

static void fold_fullwidth(void **state) {
  (void)state;
  check_fold("ＵＮＩＣＥＦ", "unicef");
  check_fold("ｏｔａｎ", "otan");
  check_fold("１２３", "123");
}

static void fold_into_limits(void **state) {
  (void)state;
  char dst[8];
  memset(dst, 'Q', sizeof dst);
  /* Too small: the fold reports it instead of writing past cap. */
  assert_int_equal(gesta__fold_into("ABCD", 4, dst, 3), (size_t)-1);
  assert_int_equal(dst[3], 'Q');
  /* Exactly fitting but for the terminator: refused (the result is always terminated; a
   * fold that filled the buffer once left its token unterminated, found by fuzzing). */
  assert_int_equal(gesta__fold_into("ABCD", 4, dst, 4), (size_t)-1);
  /* One more byte: terminated. */
  assert_int_equal(gesta__fold_into("ABCD", 4, dst, 5), 4);
  assert_string_equal(dst, "abcd");
  /* "ß" needs two bytes for "ss": one is not enough. */
  assert_int_equal(gesta__fold_into("ß", 2, dst, 1), (size_t)-1);
  assert_int_equal(gesta__fold_into("ß", 2, dst, 2), (size_t)-1);
  assert_int_equal(gesta__fold_into("ß", 2, dst, 3), 2);
  assert_string_equal(dst, "ss");
}

/* utf8proc's own answer for one code point beyond ASCII, with the options and after the mappings
 * (apostrophes, hyphens) of gesta__fold_into or gesta__lower_into. */
static size_t reference_fold(int32_t cp, int fold, char *dst) {
  if (cp < 0x80) { /* ASCII is only lowercased, "`" included */
    dst[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return 1;
  }
  if (fold && (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x00B4 || cp == 0x0060))
    cp = '\'';
  if (fold && (cp == 0x2010 || cp == 0x2011)) cp = '-';
  if (!fold && cp == 0x2019) cp = '\'';
  utf8proc_option_t opt = fold ? UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_STRIPMARK
                               : UTF8PROC_CASEFOLD;
  utf8proc_int32_t out[16];
  int last = 0;
  utf8proc_ssize_t k = utf8proc_decompose_char(cp, out, fold ? 16 : 4, opt, &last);
  if (k < (fold ? 0 : 1) || k > (fold ? 16 : 4)) {
    out[0] = cp;
    k = 1;
  }
  size_t at = 0;
  for (utf8proc_ssize_t j = 0; j < k; j++)
    at += (size_t)utf8proc_encode_char(out[j], (utf8proc_uint8_t *)dst + at);
  return at;
}

/* Folding and lowercasing take shortcuts for ASCII and the Latin-1 letters: every code point of
 * one or two bytes, alone and inside a word, gives what utf8proc gives. */
static void fold_and_lower_agree_with_utf8proc(void **state) {
  (void)state;
  for (int32_t cp = 1; cp < 0x800; cp++) {
    char in[16], want[96], got[96];
    size_t n = (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)in + 1);
    in[0] = 'A';
    in[n + 1] = 'b';
    for (int fold = 0; fold < 2; fold++) {
      want[0] = 'a';
      size_t w = 1 + reference_fold(cp, fold, want + 1);
      want[w++] = 'b';
      size_t k = fold ? gesta__fold_into(in, n + 2, got, sizeof got)
                      : gesta__lower_into(in, n + 2, got, sizeof got);
      if (k != w || memcmp(got, want, w) != 0)
        fail_msg("%s of U+%04X: %zu bytes, want %zu", fold ? "fold" : "lower", (unsigned)cp, k, w);
      /* One byte short: refused, not cut (the fold keeps room for its terminator). */
      size_t cap = fold ? w : w - 1;
      k = fold ? gesta__fold_into(in, n + 2, got, cap) : gesta__lower_into(in, n + 2, got, cap);
      assert_int_equal(k, (size_t)-1);
    }
  }
}

static void fold_appends(void **state) {
  (void)state;
  gbuf out = {0};
  assert_int_equal(gesta__fold("EL ", 3, &out), 0);
  assert_int_equal(gesta__fold("NIÑO", strlen("NIÑO"), &out), 0);
  assert_string_equal(out.data, "el nino");
  assert_int_equal(out.len, 7);
  gesta__buf_free(&out);
}

/* ---- decoding and classes -------------------------------------------------------------------- */

static void decode_code_points(void **state) {
  (void)state;
  int32_t cp;
  assert_int_equal(gesta__utf8_decode((const unsigned char *)"A", 1, &cp), 1);
  assert_int_equal(cp, 'A');
  assert_int_equal(gesta__utf8_decode((const unsigned char *)"é", 2, &cp), 2);
  assert_int_equal(cp, 0xE9);
  assert_int_equal(gesta__utf8_decode((const unsigned char *)"€x", 4, &cp), 3);
  assert_int_equal(cp, 0x20AC);
  assert_int_equal(gesta__utf8_decode((const unsigned char *)"😀", 4, &cp), 4);
  assert_int_equal(cp, 0x1F600);
  /* Invalid or cut short: U+FFFD over one byte, so a scan always advances. */
  assert_int_equal(gesta__utf8_decode((const unsigned char *)"\xff", 1, &cp), 1);
  assert_int_equal(cp, 0xFFFD);
  assert_int_equal(gesta__utf8_decode((const unsigned char *)"é", 1, &cp), 1);
  assert_int_equal(cp, 0xFFFD);
}

static void char_classes(void **state) {
  (void)state;
  assert_int_equal(gesta__char_class(' '), CC_SPACE);
  assert_int_equal(gesta__char_class('\t'), CC_SPACE);
  assert_int_equal(gesta__char_class('\n'), CC_SPACE);
  assert_int_equal(gesta__char_class(0x01), CC_SPACE);
  assert_int_equal(gesta__char_class(0x7F), CC_SPACE);
  assert_int_equal(gesta__char_class(0xA0), CC_SPACE);   /* no-break space */
  assert_int_equal(gesta__char_class(0x2009), CC_SPACE); /* thin space */
  assert_int_equal(gesta__char_class(0x200B), CC_SPACE); /* zero-width space (Cf) */
  assert_int_equal(gesta__char_class(0x2028), CC_SPACE); /* line separator */
  assert_int_equal(gesta__char_class('a'), CC_LETTER);
  assert_int_equal(gesta__char_class('Z'), CC_LETTER);
  assert_int_equal(gesta__char_class(0xF1), CC_LETTER);   /* ñ */
  assert_int_equal(gesta__char_class(0x6771), CC_LETTER); /* 東 */
  assert_int_equal(gesta__char_class(0x02BC), CC_LETTER); /* modifier letter apostrophe (Lm) */
  assert_int_equal(gesta__char_class('0'), CC_DIGIT);
  assert_int_equal(gesta__char_class('9'), CC_DIGIT);
  assert_int_equal(gesta__char_class(0x0663), CC_DIGIT); /* Arabic-Indic three */
  assert_int_equal(gesta__char_class(0xBD), CC_DIGIT);   /* ½ (No) */
  assert_int_equal(gesta__char_class(0x0301), CC_MARK);
  assert_int_equal(gesta__char_class('.'), CC_PUNCT);
  assert_int_equal(gesta__char_class('-'), CC_PUNCT);
  assert_int_equal(gesta__char_class('\''), CC_PUNCT);
  assert_int_equal(gesta__char_class(0xAB), CC_PUNCT);   /* « */
  assert_int_equal(gesta__char_class(0x2019), CC_PUNCT); /* ’ */
  assert_int_equal(gesta__char_class(0x20AC), CC_PUNCT); /* € */
  assert_int_equal(gesta__char_class(0xFFFD), CC_PUNCT);
}

static void upper_letters(void **state) {
  (void)state;
  assert_int_equal(gesta__is_upper('A'), 1);
  assert_int_equal(gesta__is_upper('a'), 0);
  assert_int_equal(gesta__is_upper('1'), 0);
  assert_int_equal(gesta__is_upper(0xC1), 1);  /* Á */
  assert_int_equal(gesta__is_upper(0xD1), 1);  /* Ñ */
  assert_int_equal(gesta__is_upper(0xF1), 0);  /* ñ */
  assert_int_equal(gesta__is_upper(0xDF), 0);  /* ß */
  assert_int_equal(gesta__is_upper(0x1C5), 1); /* ǅ, titlecase */
  assert_int_equal(gesta__is_upper(0x391), 1); /* Α */
  assert_int_equal(gesta__is_upper(0x6771), 0);
}

/* ---- known bugs (run with --known-bugs; see tests/unit/CMakeLists.txt) ----------------------- */

/* U+FDFB folds (NFKD) to eight code points, 15 bytes from 3: more than the four-fold growth that
 * gesta__fold reserves, so three of them in a row fail with GESTA_ENOMEM instead of folding. */
static void bug_fold_growth_over_four(void **state) {
  (void)state;
  static const char word[] = "\xEF\xB7\xBB\xEF\xB7\xBB\xEF\xB7\xBB"; /* U+FDFB three times */
  static const char once[] = "\xD8\xAC\xD9\x84 \xD8\xAC\xD9\x84\xD8\xA7\xD9\x84\xD9\x87";
  gbuf out = {0};
  assert_int_equal(gesta__fold(word, 3, &out), 0);
  assert_string_equal(out.data, once);
  out.len = 0;
  assert_int_equal(gesta__fold(word, 9, &out), 0);
  assert_int_equal(out.len, 45);
  gesta__buf_free(&out);
}

int main(int argc, char **argv) {
  const struct CMUnitTest known_bugs[] = {
      cmocka_unit_test(bug_fold_growth_over_four),
  };
  if (argc > 1 && strcmp(argv[1], "--known-bugs") == 0)
    return cmocka_run_group_tests(known_bugs, NULL, NULL);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(repair_valid_unchanged),
      cmocka_unit_test(valid_at_every_position),
      cmocka_unit_test(repair_invalid_bytes),
      cmocka_unit_test(repair_truncated),
      cmocka_unit_test(repair_overlong_and_out_of_range),
      cmocka_unit_test(repair_nul),
      cmocka_unit_test(repair_appends),
      cmocka_unit_test(fold_case_and_accents),
      cmocka_unit_test(fold_expansions),
      cmocka_unit_test(fold_apostrophes_and_dashes),
      cmocka_unit_test(fold_fullwidth),
      cmocka_unit_test(fold_into_limits),
      cmocka_unit_test(fold_appends),
      cmocka_unit_test(fold_and_lower_agree_with_utf8proc),
      cmocka_unit_test(decode_code_points),
      cmocka_unit_test(char_classes),
      cmocka_unit_test(upper_letters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
