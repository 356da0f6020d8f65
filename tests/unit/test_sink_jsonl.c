/*
 * Unit tests for src/sink_jsonl.c: events (and tags) as one JSON object each, field order as
 * docs/output.md lists them, escaping, and snprintf-like truncation.
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

static const char SENT[] = "Rusia atacó a Ucrania.";

static gesta_event sample(void) {
  gesta_event ev;
  memset(&ev, 0, sizeof ev);
  ev.doc = "d1";
  ev.sentence_index = 2;
  ev.sentence = SENT;
  ev.sentence_len = sizeof SENT - 1;
  ev.lang = "es";
  ev.date = "2024-03-01";
  ev.source = "RUS";
  ev.target = "UKR";
  ev.code = "190";
  ev.root = "19";
  ev.quad_class = 4;
  ev.goldstein = -10.0;
  ev.source_span.start = 0;
  ev.source_span.end = 5;
  ev.verb_span.start = 6;
  ev.verb_span.end = 12; /* "atacó": ó is two bytes */
  ev.target_span.start = 15;
  ev.target_span.end = 22;
  return ev;
}

static const char SAMPLE_JSON[] =
    "{\"doc\":\"d1\",\"sentence_index\":2,\"date\":\"2024-03-01\",\"lang\":\"es\",\"source\":"
    "\"RUS\","
    "\"target\":\"UKR\",\"code\":\"190\",\"root\":\"19\",\"quad_class\":4,\"goldstein\":-10.0,\"plover\":null,\"plover_mode\":null,"
    "\"source_text\":\"Rusia\",\"source_span\":[0,5],\"target_text\":\"Ucrania\","
    "\"target_span\":[15,22],\"verb_text\":\"atacó\",\"verb_span\":[6,12],"
    "\"sentence\":\"Rusia atacó a Ucrania.\"}";

static void expect_json(const gesta_event *ev, const char *want) {
  char buf[2048];
  size_t n = gesta_event_to_json(ev, buf, sizeof buf);
  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
}

static void exact_text(void **state) {
  (void)state;
  gesta_event ev = sample();
  expect_json(&ev, SAMPLE_JSON);
}

static void no_target(void **state) {
  (void)state;
  gesta_event ev = sample();
  ev.target = "";
  ev.target_span.start = ev.target_span.end = 0;
  ev.code = "042";
  ev.root = "04";
  ev.quad_class = 1;
  ev.goldstein = 1.9;
  expect_json(
      &ev, "{\"doc\":\"d1\",\"sentence_index\":2,\"date\":\"2024-03-01\",\"lang\":\"es\","
           "\"source\":\"RUS\",\"target\":\"\",\"code\":\"042\",\"root\":\"04\",\"quad_class\":1,"
           "\"goldstein\":1.9,\"plover\":null,\"plover_mode\":null,\"source_text\":\"Rusia\",\"source_span\":[0,5],"
           "\"target_text\":\"\",\"target_span\":null,\"verb_text\":\"atacó\","
           "\"verb_span\":[6,12],\"sentence\":\"Rusia atacó a Ucrania.\"}");
  /* A target code "" hides even a non-empty span, and a NULL target reads as "". */
  ev.target_span.start = 15;
  ev.target_span.end = 22;
  char a[2048], b[2048];
  gesta_event_to_json(&ev, a, sizeof a);
  ev.target = NULL;
  gesta_event_to_json(&ev, b, sizeof b);
  assert_string_equal(a, b);
  assert_non_null(strstr(a, "\"target\":\"\","));
  assert_non_null(strstr(a, "\"target_text\":\"\",\"target_span\":null,"));
}

static void carried_over_source_and_null_date(void **state) {
  (void)state;
  gesta_event ev = sample();
  ev.date = NULL;
  ev.source_span.start = ev.source_span.end = 0; /* a dropped subject */
  ev.sentence_index = 0;
  ev.goldstein = 0.0;
  ev.quad_class = 3;
  expect_json(
      &ev, "{\"doc\":\"d1\",\"sentence_index\":0,\"date\":null,\"lang\":\"es\",\"source\":\"RUS\","
           "\"target\":\"UKR\",\"code\":\"190\",\"root\":\"19\",\"quad_class\":3,"
           "\"goldstein\":0.0,\"plover\":null,\"plover_mode\":null,\"source_text\":\"\",\"source_span\":null,"
           "\"target_text\":\"Ucrania\",\"target_span\":[15,22],\"verb_text\":\"atacó\","
           "\"verb_span\":[6,12],\"sentence\":\"Rusia atacó a Ucrania.\"}");
}

static void goldstein_format(void **state) {
  (void)state;
  gesta_event ev = sample();
  static const struct {
    double g;
    const char *text;
  } cases[] = {{-0.4, "-0.4"}, {3.4, "3.4"}, {10.0, "10.0"}, {-2.0, "-2.0"}, {7.0, "7.0"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ev.goldstein = cases[i].g;
    char buf[2048], want[64];
    gesta_event_to_json(&ev, buf, sizeof buf);
    snprintf(want, sizeof want, "\"goldstein\":%s,", cases[i].text);
    if (!strstr(buf, want)) fail_msg("%s not in %s", want, buf);
  }
}

static void escaping(void **state) {
  (void)state;
  static const char s[] = "He said \"no\" \\ then\nleft\tnow\r\x01\x1f\x7f «é»";
  gesta_event ev = sample();
  ev.doc = "a\"b\\c";
  ev.sentence = s;
  ev.sentence_len = sizeof s - 1;
  ev.source_span.start = 8;
  ev.source_span.end = 12; /* "no" with its quotes */
  ev.target_span.start = 15;
  ev.target_span.end = 21; /* "then\nl" */
  ev.verb_span.start = 0;
  ev.verb_span.end = 2;
  expect_json(
      &ev, "{\"doc\":\"a\\\"b\\\\c\",\"sentence_index\":2,\"date\":\"2024-03-01\",\"lang\":\"es\","
           "\"source\":\"RUS\",\"target\":\"UKR\",\"code\":\"190\",\"root\":\"19\","
           "\"quad_class\":4,\"goldstein\":-10.0,\"plover\":null,\"plover_mode\":null,\"source_text\":\"\\\"no\\\"\","
           "\"source_span\":[8,12],\"target_text\":\"then\\nl\",\"target_span\":[15,21],"
           "\"verb_text\":\"He\",\"verb_span\":[0,2],"
           "\"sentence\":\"He said \\\"no\\\" \\\\ then\\nleft\\tnow\\r\\u0001\\u001f\x7f «é»\"}");
}

/* The escaping of the reference: what the writer must produce for a plain ASCII string. */
static size_t reference_escape(const char *s, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      out[o++] = '\\';
      out[o++] = (char)c;
    } else if (c == '\n') {
      memcpy(out + o, "\\n", 2), o += 2;
    } else if (c == '\t') {
      memcpy(out + o, "\\t", 2), o += 2;
    } else if (c < 0x20) {
      o += (size_t)snprintf(out + o, 7, "\\u%04x", c);
    } else {
      out[o++] = (char)c;
    }
  }
  out[o] = 0;
  return o;
}

/* The writer skips plain text several bytes at a time: a character to escape is found at every
 * position and next to every other. */
static void escaping_at_every_position(void **state) {
  (void)state;
  static const char specials[] = "\"\\\n\t\x01\x1f";
  for (size_t len = 1; len < 40; len++) {
    for (size_t at = 0; at < len; at++) {
      for (size_t k = 0; k < sizeof specials - 1; k++) {
        char s[64], want[512], buf[1024];
        for (size_t i = 0; i < len; i++) s[i] = (char)('a' + i % 26);
        s[at] = specials[k];
        if (at + 3 < len) s[at + 3] = '"';
        gesta_event ev = sample();
        ev.sentence = s;
        ev.sentence_len = len;
        ev.source_span.start = ev.source_span.end = 0;
        ev.target = NULL;
        ev.verb_span.start = 0;
        ev.verb_span.end = (uint32_t)len;
        ev.doc = s; /* an id: the writer also checks its UTF-8 */
        s[len] = 0;
        size_t n = gesta_event_to_json(&ev, buf, sizeof buf);
        assert_true(n < sizeof buf);
        reference_escape(s, len, want);
        char field[600];
        snprintf(field, sizeof field, ",\"sentence\":\"%s\"}", want);
        assert_string_equal(buf + n - strlen(field), field);
        snprintf(field, sizeof field, "{\"doc\":\"%s\",", want);
        assert_memory_equal(buf, field, strlen(field));
      }
    }
  }
}

static void embedded_nul_is_escaped(void **state) {
  (void)state;
  static const char s[] = "a\0b";
  gesta_event ev = sample();
  ev.sentence = s;
  ev.sentence_len = 3;
  ev.source_span.start = 0;
  ev.source_span.end = 1;
  ev.target = "";
  ev.verb_span.start = 2;
  ev.verb_span.end = 3;
  char buf[2048];
  gesta_event_to_json(&ev, buf, sizeof buf);
  assert_non_null(strstr(buf, ",\"sentence\":\"a\\u0000b\"}"));
}

/* Strings the caller passed in (ids, codes) may hold invalid UTF-8: it becomes U+FFFD, so the
 * line stays valid JSON; valid multi-byte characters pass through. */
static void invalid_utf8_replaced(void **state) {
  (void)state;
  gesta_event ev = sample();
  ev.doc = "d\xff"
           "1\xc3(\xe2\x82\xac\xf0\x9f\x98\x80\xed\xa0\x80";
  char buf[2048];
  gesta_event_to_json(&ev, buf, sizeof buf);
  static const char want[] = "{\"doc\":\"d\xEF\xBF\xBD"
                             "1\xEF\xBF\xBD(\xe2\x82\xac\xf0\x9f\x98\x80"
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\",\"sentence_index\":2,";
  if (strncmp(buf, want, sizeof want - 1) != 0) fail_msg("got %s", buf);
}

static void truncation_like_snprintf(void **state) {
  (void)state;
  gesta_event ev = sample();
  const size_t full = sizeof SAMPLE_JSON - 1;
  /* No buffer at all: only the length. */
  assert_int_equal(gesta_event_to_json(&ev, NULL, 0), full);
  char buf[1024];
  /* Every size: a string that just fits, or just does not, is copied as it is scanned or written
   * piece by piece (put_str_). */
  for (size_t cap = 1; cap <= sizeof SAMPLE_JSON + 1; cap++) {
    memset(buf, '#', sizeof buf);
    assert_int_equal(gesta_event_to_json(&ev, buf, cap), full);
    size_t wrote = cap - 1 < full ? cap - 1 : full;
    assert_memory_equal(buf, SAMPLE_JSON, wrote);
    assert_int_equal(buf[wrote], 0);
    /* Nothing past cap is touched. */
    for (size_t k = cap; k < cap + 16; k++) assert_int_equal(buf[k], '#');
  }
}

static void tag_json(void **state) {
  (void)state;
  gesta_tag t;
  memset(&t, 0, sizeof t);
  t.doc = "d1";
  t.sentence_index = 1;
  t.sentence = SENT;
  t.sentence_len = sizeof SENT - 1;
  t.lang = "es";
  t.kind = "verb";
  t.code = "190";
  t.detail = "atacar [negated]";
  t.span.start = 6;
  t.span.end = 12;
  char buf[512];
  static const char want[] =
      "{\"doc\":\"d1\",\"sentence_index\":1,\"lang\":\"es\",\"kind\":\"verb\","
      "\"text\":\"atacó\",\"code\":\"190\",\"start\":6,\"end\":12,"
      "\"detail\":\"atacar [negated]\"}";
  assert_int_equal(gesta_tag_to_json(&t, buf, sizeof buf), sizeof want - 1);
  assert_string_equal(buf, want);
  /* No detail: no field. */
  t.kind = "actor";
  t.code = "RUS";
  t.detail = "";
  t.span.start = 0;
  t.span.end = 5;
  static const char want2[] =
      "{\"doc\":\"d1\",\"sentence_index\":1,\"lang\":\"es\",\"kind\":\"actor\","
      "\"text\":\"Rusia\",\"code\":\"RUS\",\"start\":0,\"end\":5}";
  assert_int_equal(gesta_tag_to_json(&t, buf, sizeof buf), sizeof want2 - 1);
  assert_string_equal(buf, want2);
  t.detail = NULL;
  assert_int_equal(gesta_tag_to_json(&t, buf, 5), sizeof want2 - 1);
  assert_string_equal(buf, "{\"do");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(exact_text),
      cmocka_unit_test(no_target),
      cmocka_unit_test(carried_over_source_and_null_date),
      cmocka_unit_test(goldstein_format),
      cmocka_unit_test(escaping),
      cmocka_unit_test(escaping_at_every_position),
      cmocka_unit_test(embedded_nul_is_escaped),
      cmocka_unit_test(invalid_utf8_replaced),
      cmocka_unit_test(truncation_like_snprintf),
      cmocka_unit_test(tag_json),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
