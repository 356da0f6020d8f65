/*
 * Unit tests for src/input_jsonl.c: parsing one JSON-lines input document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <gesta/gesta.h>

static gesta_json_doc *parse_ok(const char *line) {
  gesta_json_doc *d = (gesta_json_doc *)0x1;
  char err[256] = "untouched";
  int rc = gesta_json_doc_parse(&d, line, strlen(line), err, sizeof err);
  if (rc) fail_msg("'%s' failed (%d): %s", line, rc, err);
  assert_non_null(d);
  assert_string_equal(err, "");
  return d;
}

/* Expects a failure with this status and exactly this message. */
static void parse_fails(const char *line, int want_rc, const char *want_err) {
  gesta_json_doc *d = (gesta_json_doc *)0x1;
  char err[256] = "";
  int rc = gesta_json_doc_parse(&d, line, strlen(line), err, sizeof err);
  assert_int_equal(rc, want_rc);
  assert_null(d);
  assert_string_equal(err, want_err);
}

static void minimal_line(void **state) {
  (void)state;
  gesta_json_doc *jd = parse_ok("{\"id\":\"a1\",\"text\":\"Rusia ataca Ucrania.\"}");
  const gesta_document *doc = gesta_json_doc_document(jd);
  assert_non_null(doc);
  assert_string_equal(doc->id, "a1");
  assert_int_equal(doc->text_len, 20);
  assert_memory_equal(doc->text, "Rusia ataca Ucrania.", 20);
  assert_null(doc->title);
  assert_int_equal(doc->title_len, 0);
  assert_null(doc->date);
  assert_null(doc->lang);
  gesta_json_doc_free(jd);
  /* Whitespace around, a trailing newline, and fields in any order. */
  jd = parse_ok("  {\"text\": \"\", \"id\": \"x\"}\n");
  doc = gesta_json_doc_document(jd);
  assert_string_equal(doc->id, "x");
  assert_int_equal(doc->text_len, 0);
  assert_non_null(doc->text);
  gesta_json_doc_free(jd);
}

static void numeric_id(void **state) {
  (void)state;
  gesta_json_doc *jd = parse_ok("{\"id\":12345,\"text\":\"x\"}");
  assert_string_equal(gesta_json_doc_document(jd)->id, "12345");
  gesta_json_doc_free(jd);
  jd = parse_ok("{\"id\":-7,\"text\":\"x\"}");
  assert_string_equal(gesta_json_doc_document(jd)->id, "-7");
  gesta_json_doc_free(jd);
  jd = parse_ok("{\"id\":9007199254740993,\"text\":\"x\"}");
  assert_string_equal(gesta_json_doc_document(jd)->id, "9007199254740993");
  gesta_json_doc_free(jd);
  parse_fails("{\"id\":1.5,\"text\":\"x\"}", GESTA_EJSON,
              "field \"id\" must be a string or an integer");
  parse_fails("{\"id\":true,\"text\":\"x\"}", GESTA_EJSON,
              "field \"id\" must be a string or an integer");
}

static void missing_or_wrong_fields(void **state) {
  (void)state;
  parse_fails("{\"text\":\"x\"}", GESTA_EJSON, "missing field \"id\"");
  parse_fails("{\"id\":null,\"text\":\"x\"}", GESTA_EJSON, "missing field \"id\"");
  parse_fails("{\"id\":\"\",\"text\":\"x\"}", GESTA_EJSON, "field \"id\" is empty");
  parse_fails("{\"id\":\"a\"}", GESTA_EJSON, "missing field \"text\"");
  parse_fails("{\"id\":\"a\",\"text\":null}", GESTA_EJSON, "missing field \"text\"");
  parse_fails("{\"id\":\"a\",\"text\":5}", GESTA_EJSON, "field \"text\" must be a string");
  parse_fails("{\"id\":\"a\",\"text\":[\"x\"]}", GESTA_EJSON, "field \"text\" must be a string");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"title\":{}}", GESTA_EJSON,
              "field \"title\" must be a string");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"lang\":1}", GESTA_EJSON,
              "field \"lang\" must be a string");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"url\":false}", GESTA_EJSON,
              "field \"url\" must be a string");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"source\":2}", GESTA_EJSON,
              "field \"source\" must be a string");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"date\":20240101}", GESTA_EJSON,
              "field \"date\" must be a string");
}

static void malformed_json(void **state) {
  (void)state;
  static const char *const bad[] = {
      "{\"id\":\"a\",\"text\":\"x", /* truncated */
      "{\"id\":\"a\",\"text\":\"x\"",
      "{\"id\":\"a\",",
      "",
      "not json",
      "{\"id\":\"a\",\"text\":\"x\"} trailing",
      "{\"id\":\"a\",\"id\":\"b\",\"text\":\"x\"}", /* duplicate key */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    gesta_json_doc *d = (gesta_json_doc *)0x1;
    char err[256] = "";
    assert_int_equal(gesta_json_doc_parse(&d, bad[i], strlen(bad[i]), err, sizeof err),
                     GESTA_EJSON);
    assert_null(d);
    if (strncmp(err, "malformed JSON at column ", 25) != 0)
      fail_msg("'%s': message '%s'", bad[i], err);
  }
  /* The column of the problem is given. */
  gesta_json_doc *d;
  char err[256];
  assert_int_equal(gesta_json_doc_parse(&d, "{\"id\" 1}", 8, err, sizeof err), GESTA_EJSON);
  assert_non_null(strstr(err, "column 7"));
}

static void not_an_object(void **state) {
  (void)state;
  parse_fails("[1,2]", GESTA_EJSON, "a document line must be a JSON object");
  parse_fails("[{\"id\":\"a\",\"text\":\"x\"}]", GESTA_EJSON,
              "a document line must be a JSON object");
}

static void bad_dates(void **state) {
  (void)state;
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"date\":\"2024-02-30\"}", GESTA_EJSON,
              "field \"date\" is not a date in the form YYYY-MM-DD: \"2024-02-30\"");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"date\":\"yesterday\"}", GESTA_EJSON,
              "field \"date\" is not a date in the form YYYY-MM-DD: \"yesterday\"");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"date\":\"2024-03-01T10:00:00Z\"}", GESTA_EJSON,
              "field \"date\" is not a date in the form YYYY-MM-DD: \"2024-03-01T10:00:00Z\"");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"date\":\"\"}", GESTA_EJSON,
              "field \"date\" is not a date in the form YYYY-MM-DD: \"\"");
}

static void optional_fields(void **state) {
  (void)state;
  gesta_json_doc *jd =
      parse_ok("{\"id\":\"n-1\",\"date\":\"2024-02-29\",\"title\":\"Titular\","
               "\"text\":\"Cuerpo\",\"lang\":\"es\",\"url\":\"https://x.example/a\","
               "\"source\":\"EFE\",\"country\":\"COL\",\"extra\":[1,{\"y\":null}]}");
  const gesta_document *doc = gesta_json_doc_document(jd);
  assert_string_equal(doc->id, "n-1");
  assert_string_equal(doc->date, "2024-02-29");
  assert_non_null(doc->title);
  assert_int_equal(doc->title_len, 7);
  assert_memory_equal(doc->title, "Titular", 7);
  assert_int_equal(doc->text_len, 6);
  assert_memory_equal(doc->text, "Cuerpo", 6);
  assert_string_equal(doc->lang, "es");
  assert_string_equal(doc->country, "COL");
  gesta_json_doc_free(jd);
  /* Nulls mean absent. */
  jd = parse_ok("{\"id\":\"a\",\"text\":\"x\",\"date\":null,\"title\":null,\"lang\":null,"
                "\"url\":null,\"source\":null,\"country\":null}");
  doc = gesta_json_doc_document(jd);
  assert_null(doc->date);
  assert_null(doc->title);
  assert_int_equal(doc->title_len, 0);
  assert_null(doc->lang);
  assert_null(doc->country);
  gesta_json_doc_free(jd);
  /* A country is a CAMEO country code: three capitals, not an organisation's prefix. */
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"country\":\"Colombia\"}", GESTA_EJSON,
              "field \"country\" is not a CAMEO country code (three capitals: \"COL\"): "
              "\"Colombia\"");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"country\":\"IGO\"}", GESTA_EJSON,
              "field \"country\" is not a CAMEO country code (three capitals: \"COL\"): \"IGO\"");
  parse_fails("{\"id\":\"a\",\"text\":\"x\",\"country\":7}", GESTA_EJSON,
              "field \"country\" must be a string");
}

static void string_contents(void **state) {
  (void)state;
  /* Escapes are decoded; an escaped NUL is kept, with the length counting it. */
  gesta_json_doc *jd = parse_ok("{\"id\":\"a\\\"b\",\"text\":\"l\\u00ednea\\n\\\"x\\\"\\u0000z\"}");
  const gesta_document *doc = gesta_json_doc_document(jd);
  assert_string_equal(doc->id, "a\"b");
  static const char want[] = "línea\n\"x\"\0z";
  assert_int_equal(doc->text_len, sizeof want - 1);
  assert_memory_equal(doc->text, want, sizeof want - 1);
  gesta_json_doc_free(jd);
  /* A surrogate pair is one character; a lone surrogate is malformed. */
  jd = parse_ok("{\"id\":\"a\",\"text\":\"\\ud83d\\ude00 \\u00C9\\/\\t\"}");
  doc = gesta_json_doc_document(jd);
  assert_int_equal(doc->text_len, 9);
  assert_memory_equal(doc->text, "\xF0\x9F\x98\x80 \xC3\x89/\t", 9);
  gesta_json_doc_free(jd);
  gesta_json_doc *bad = NULL;
  char err[256];
  assert_int_equal(gesta_json_doc_parse(&bad, "{\"id\":\"a\",\"text\":\"\\udc00\"}", 26, err,
                                        sizeof err),
                   GESTA_EJSON);
  assert_non_null(strstr(err, "malformed JSON"));
  /* Lines outside the common shape read the same (a numeric id written "-0", an escaped key,
   * an unknown field). */
  jd = parse_ok("{\"id\":-0,\"t\\u0065xt\":\"x\",\"n\":[1]}");
  doc = gesta_json_doc_document(jd);
  assert_string_equal(doc->id, "0");
  assert_memory_equal(doc->text, "x", 1);
  gesta_json_doc_free(jd);
  /* Raw UTF-8 passes through. */
  jd = parse_ok("{\"id\":\"ñ\",\"text\":\"«Bogotá» 東京\"}");
  doc = gesta_json_doc_document(jd);
  assert_string_equal(doc->id, "ñ");
  assert_int_equal(doc->text_len, strlen("«Bogotá» 東京"));
  assert_memory_equal(doc->text, "«Bogotá» 東京", doc->text_len);
  gesta_json_doc_free(jd);
}

static void invalid_utf8_is_repaired(void **state) {
  (void)state;
  /* Bytes jansson would refuse become U+FFFD, counted, and the document is kept. */
  gesta_json_doc *jd = parse_ok("{\"id\":\"a\xff\",\"text\":\"Bogot\xc3 \xe2\x82 x\"}");
  const gesta_document *doc = gesta_json_doc_document(jd);
  assert_string_equal(doc->id, "a\xEF\xBF\xBD");
  static const char want[] = "Bogot\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD x";
  assert_int_equal(doc->text_len, sizeof want - 1);
  assert_memory_equal(doc->text, want, sizeof want - 1);
  assert_int_equal(gesta_json_doc_replaced(jd), 4);
  gesta_json_doc_free(jd);
  jd = parse_ok("{\"id\":\"a\",\"text\":\"fine\"}");
  assert_int_equal(gesta_json_doc_replaced(jd), 0);
  gesta_json_doc_free(jd);
  assert_int_equal(gesta_json_doc_replaced(NULL), 0);
  /* A raw NUL byte in the line (not an escape) is replaced too, inside or outside strings. */
  static const char line[] = "{\"id\":\"a\",\"text\":\"x\0y\"}";
  gesta_json_doc *d = NULL;
  char err[128];
  assert_int_equal(gesta_json_doc_parse(&d, line, sizeof line - 1, err, sizeof err), GESTA_OK);
  assert_int_equal(gesta_json_doc_replaced(d), 1);
  assert_int_equal(gesta_json_doc_document(d)->text_len, 5);
  assert_memory_equal(gesta_json_doc_document(d)->text, "x\xEF\xBF\xBDy", 5);
  gesta_json_doc_free(d);
}

static void length_is_respected(void **state) {
  (void)state;
  /* Only len bytes are parsed: what follows in the buffer is not part of the line. */
  static const char buf[] = "{\"id\":\"a\",\"text\":\"x\"}{\"garbage";
  gesta_json_doc *d = NULL;
  char err[128];
  const size_t len = (size_t)(strchr(buf, '}') - buf) + 1;
  assert_int_equal(len, 21);
  assert_int_equal(gesta_json_doc_parse(&d, buf, len, err, sizeof err), GESTA_OK);
  assert_string_equal(gesta_json_doc_document(d)->id, "a");
  gesta_json_doc_free(d);
  /* One byte short is truncated JSON. */
  assert_int_equal(gesta_json_doc_parse(&d, buf, len - 1, err, sizeof err), GESTA_EJSON);
  assert_null(d);
}

static void arguments(void **state) {
  (void)state;
  gesta_json_doc *d = NULL;
  char err[64];
  static const char ok[] = "{\"id\":\"a\",\"text\":\"x\"}";
  assert_int_equal(gesta_json_doc_parse(NULL, ok, sizeof ok - 1, err, sizeof err), GESTA_EINVAL);
  assert_int_equal(gesta_json_doc_parse(&d, ok, sizeof ok - 1, NULL, 10), GESTA_EINVAL);
  assert_int_equal(gesta_json_doc_parse(&d, ok, sizeof ok - 1, err, 0), GESTA_EINVAL);
  assert_int_equal(gesta_json_doc_parse(&d, NULL, 5, err, sizeof err), GESTA_EINVAL);
  /* A NULL line of length 0 is an empty line: malformed. */
  assert_int_equal(gesta_json_doc_parse(&d, NULL, 0, err, sizeof err), GESTA_EJSON);
  assert_null(gesta_json_doc_document(NULL));
  gesta_json_doc_free(NULL);
  /* A short message buffer truncates the message and terminates it. */
  char small[8];
  assert_int_equal(gesta_json_doc_parse(&d, "{\"id\":\"a\"}", 10, small, sizeof small),
                   GESTA_EJSON);
  assert_string_equal(small, "missing");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(minimal_line),
      cmocka_unit_test(numeric_id),
      cmocka_unit_test(missing_or_wrong_fields),
      cmocka_unit_test(malformed_json),
      cmocka_unit_test(not_an_object),
      cmocka_unit_test(bad_dates),
      cmocka_unit_test(optional_fields),
      cmocka_unit_test(string_contents),
      cmocka_unit_test(invalid_utf8_is_repaired),
      cmocka_unit_test(length_is_respected),
      cmocka_unit_test(arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
