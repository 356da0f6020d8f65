/*
 * Helpers shared by the fuzz harnesses (see fuzz.h): the lazily built built-in dictionary and the
 * checks that turn a broken output contract into an abort the fuzzer reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"

void fuzz_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
  abort();
}

const gesta_dict *fuzz_builtin_dict(void) {
  /* Built once: the built-in set takes far longer to compile than one input takes to code. */
  static gesta_dict *dict;
  if (dict) return dict;
  gesta_dict_builder *b = NULL;
  FUZZ_CHECK(gesta_dict_builder_new(&b) == GESTA_OK);
  int rc = gesta_dict_builder_add_builtin(b, GESTA_DICT_ALL);
  if (rc == GESTA_OK) rc = gesta_dict_builder_build(b, &dict);
  if (rc != GESTA_OK) fprintf(stderr, "built-in dictionary: %s\n", gesta_dict_builder_errmsg(b));
  gesta_dict_builder_free(b);
  FUZZ_CHECK(rc == GESTA_OK && dict != NULL);
  return dict;
}

int fuzz_utf8_valid(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t len;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return 0;
    }
    if (len > n - i) return 0;
    for (size_t k = 1; k < len; k++)
      if ((s[i + k] & 0xC0) != 0x80) return 0;
    if (len == 3 && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0))) return 0;
    if (len == 4 && ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))) return 0;
    i += len;
  }
  return 1;
}

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

typedef size_t (*to_json_fn)(const void *obj, char *buf, size_t cap);

static size_t event_json(const void *obj, char *buf, size_t cap) {
  return gesta_event_to_json((const gesta_event *)obj, buf, cap);
}
static size_t tag_json(const void *obj, char *buf, size_t cap) {
  return gesta_tag_to_json((const gesta_tag *)obj, buf, cap);
}

/* Writes obj with fn into a buffer of the size it asks for and into smaller ones (truncation
 * must behave like snprintf), checks that the full text is one valid JSON object, and returns a
 * hash of it. */
static uint64_t check_json(to_json_fn fn, const void *obj) {
  size_t need = fn(obj, NULL, 0);
  FUZZ_CHECK(need > 2);
  char *full = malloc(need + 1);
  FUZZ_CHECK(full != NULL);
  memset(full, 'x', need + 1);
  FUZZ_CHECK(fn(obj, full, need + 1) == need);
  FUZZ_CHECK(full[need] == 0 && strlen(full) == need);
  FUZZ_CHECK(fuzz_utf8_valid(full, need));
  const size_t caps[] = {1, 2, 7, need / 2 + 1, need};
  for (size_t k = 0; k < sizeof caps / sizeof caps[0]; k++) {
    size_t cap = caps[k];
    /* One guard byte past cap catches a write beyond it even without ASan. */
    char *small = malloc(cap + 1);
    FUZZ_CHECK(small != NULL);
    small[cap] = (char)0x5A;
    FUZZ_CHECK(fn(obj, small, cap) == need);
    FUZZ_CHECK(small[cap - 1] == 0 && small[cap] == (char)0x5A);
    FUZZ_CHECK(memcmp(small, full, cap - 1) == 0);
    free(small);
  }
  json_error_t je;
  json_t *root = json_loadb(full, need, 0, &je);
  if (!root) fprintf(stderr, "invalid JSON (%s): %s\n", je.text, full);
  FUZZ_CHECK(root != NULL && json_is_object(root));
  json_decref(root);
  uint64_t h = hash_bytes(full, need);
  free(full);
  return h;
}

static int span_ok(gesta_span sp, size_t len) { return sp.start <= sp.end && sp.end <= len; }

uint64_t fuzz_check_event(const gesta_event *ev) {
  FUZZ_CHECK(ev != NULL && ev->doc != NULL);
  FUZZ_CHECK(ev->sentence != NULL && ev->sentence_len > 0);
  FUZZ_CHECK(fuzz_utf8_valid(ev->sentence, ev->sentence_len));
  FUZZ_CHECK(memchr(ev->sentence, 0, ev->sentence_len) == NULL);
  FUZZ_CHECK(ev->lang != NULL && ev->lang[0] != 0);
  /* "" when the text names no source (a protest, an agentless arrest: data/cameo.txt flags u
   * and v; any event with the sourceless option); then there is no source span either. */
  FUZZ_CHECK(ev->source != NULL);
  if (ev->source[0] == 0) FUZZ_CHECK(ev->source_span.start == 0 && ev->source_span.end == 0);
  FUZZ_CHECK(ev->target != NULL);
  FUZZ_CHECK(ev->code != NULL && ev->code[0] != 0);
  if (ev->quad_class == 0) {
    /* A code outside the CAMEO table (from another coder's dictionary): no root or scores. */
    FUZZ_CHECK(ev->root != NULL && ev->root[0] == 0 && ev->goldstein == 0.0);
  } else {
    FUZZ_CHECK(strlen(ev->code) >= 2);
    FUZZ_CHECK(ev->root != NULL && strlen(ev->root) == 2 && memcmp(ev->root, ev->code, 2) == 0);
    FUZZ_CHECK(ev->quad_class >= 1 && ev->quad_class <= 4);
    FUZZ_CHECK(ev->goldstein >= -10.0 && ev->goldstein <= 10.0);
  }
  FUZZ_CHECK(span_ok(ev->source_span, ev->sentence_len));
  FUZZ_CHECK(span_ok(ev->target_span, ev->sentence_len));
  FUZZ_CHECK(span_ok(ev->verb_span, ev->sentence_len));
  FUZZ_CHECK(ev->verb_span.end > ev->verb_span.start);
  if (ev->target[0] == 0)
    FUZZ_CHECK(ev->target_span.start == 0 && ev->target_span.end == 0);
  /* Spans cut the sentence at character boundaries. */
  FUZZ_CHECK(fuzz_utf8_valid(ev->sentence + ev->source_span.start,
                             ev->source_span.end - ev->source_span.start));
  FUZZ_CHECK(fuzz_utf8_valid(ev->sentence + ev->target_span.start,
                             ev->target_span.end - ev->target_span.start));
  FUZZ_CHECK(fuzz_utf8_valid(ev->sentence + ev->verb_span.start,
                             ev->verb_span.end - ev->verb_span.start));
  return check_json(event_json, ev);
}

void fuzz_check_tag(const gesta_tag *tag) {
  FUZZ_CHECK(tag != NULL && tag->doc != NULL && tag->kind != NULL && tag->code != NULL);
  FUZZ_CHECK(tag->sentence != NULL && tag->sentence_len > 0);
  FUZZ_CHECK(tag->lang != NULL && tag->lang[0] != 0);
  FUZZ_CHECK(span_ok(tag->span, tag->sentence_len) && tag->span.end > tag->span.start);
  FUZZ_CHECK(fuzz_utf8_valid(tag->sentence + tag->span.start, tag->span.end - tag->span.start));
  FUZZ_CHECK(strcmp(tag->kind, "actor") == 0 || strcmp(tag->kind, "agent") == 0 ||
             strcmp(tag->kind, "verb") == 0);
  (void)check_json(tag_json, tag);
}

static int count_event(const gesta_event *ev, void *user) {
  (void)fuzz_check_event(ev);
  ++*(size_t *)user;
  return 0;
}

static void check_tag_cb(const gesta_tag *tag, void *user) {
  (void)user;
  fuzz_check_tag(tag);
}

size_t fuzz_code_text(const gesta_dict *d, const char *id, const char *text, size_t len) {
  gesta_coder_options o;
  gesta_coder_options_default(&o);
  o.today = "2024-03-15";
  gesta_coder *c = NULL;
  FUZZ_CHECK(gesta_coder_new(&c, d, &o) == GESTA_OK);
  gesta_coder_set_tag_cb(c, check_tag_cb, NULL);
  gesta_document doc = {0};
  doc.id = id;
  doc.text = text;
  doc.text_len = len;
  doc.date = "2024-03-15";
  size_t events = 0;
  FUZZ_CHECK(gesta_coder_code(c, &doc, count_event, &events) == GESTA_OK);
  gesta_coder_free(c);
  return events;
}
