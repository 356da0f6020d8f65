/*
 * Events as JSON objects, one per line (the field list is a contract: docs/output.md).
 * Written by hand rather than through jansson's object model because it runs once per event
 * on the hot path and needs no allocation: the writer counts what it would write like snprintf.
 */
#include <stdio.h>

#include "internal.h"

typedef struct jw {
  char *buf;
  size_t cap, len;
} jw;

static inline void put(jw *w, const char *s, size_t n) {
  if (w->len <= w->cap && n <= w->cap - w->len) {
    memcpy(w->buf + w->len, s, n);
  } else if (w->len < w->cap) {
    memcpy(w->buf + w->len, s, w->cap - w->len);
  }
  w->len += n;
}
static void puts_(jw *w, const char *s) { put(w, s, strlen(s)); }
/* A string literal, its length known when compiling. */
#define PUT_LIT(w, lit) put((w), (lit), sizeof(lit) - 1)
/* A key after a comma, with its colon: the key is a string literal. */
#define PUT_KEY(w, k) PUT_LIT((w), ",\"" k "\":")

/* Length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
  if (!len || len > n || s[0] > 0xF4) return 0;
  for (size_t k = 1; k < len; k++)
    if ((s[k] & 0xC0) != 0x80) return 0;
  if (len == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) return 0;
  if (len == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))) return 0;
  return len;
}

/* The rest of a JSON string from byte i on, where a byte needs more than a copy (or the buffer
 * is full). Invalid UTF-8 (possible only in ids and names the caller passed in: the text itself
 * is repaired before coding) becomes U+FFFD, so every line stays valid JSON. */
static void put_str_rest(jw *w, const char *s, size_t n, size_t i, int valid) {
  static const char hex[] = "0123456789abcdef";
  size_t run = i;
  for (; i < n; i++) {
    /* Text is mostly plain: skip it eight bytes at a time. */
    uint64_t x;
    while (i + 8 <= n && (memcpy(&x, s + i, 8), !gesta__json_special8(x, !valid))) i += 8;
    if (i == n) break;
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) {
      if (valid) continue;
      size_t k = utf8_seq((const unsigned char *)s + i, n - i);
      if (k) {
        i += k - 1;
        continue;
      }
      put(w, s + run, i - run);
      put(w, "\xEF\xBF\xBD", 3);
      run = i + 1;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    put(w, s + run, i - run);
    run = i + 1;
    switch (c) {
    case '"': put(w, "\\\"", 2); break;
    case '\\': put(w, "\\\\", 2); break;
    case '\n': put(w, "\\n", 2); break;
    case '\r': put(w, "\\r", 2); break;
    case '\t': put(w, "\\t", 2); break;
    default: {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      put(w, u, 6);
    }
    }
  }
  if (run < n) put(w, s + run, n - run);
}

/* A JSON string. Most of one needs no escape: while there is room, it is scanned and copied in
 * one pass, with no call per piece; put_str_rest takes over at the first byte that needs more. */
static inline void put_str_(jw *w, const char *s, size_t n, int valid) {
  put(w, "\"", 1);
  size_t i = 0;
  if (w->len <= w->cap && n <= w->cap - w->len) {
    char *d = w->buf + w->len;
    uint64_t x;
    while (i + 8 <= n && (memcpy(&x, s + i, 8), !gesta__json_special8(x, !valid))) {
      memcpy(d + i, &x, 8);
      i += 8;
    }
    for (; i < n; i++) {
      unsigned char c = (unsigned char)s[i];
      if (c < 0x20 || c == '"' || c == '\\' || (c >= 0x80 && !valid)) break;
      d[i] = (char)c;
    }
    w->len += i;
  }
  if (i < n) put_str_rest(w, s, n, i, valid);
  put(w, "\"", 1);
}

/* Strings from the caller (ids) may be invalid UTF-8; the coded text never is: it was repaired. */
static void put_str(jw *w, const char *s, size_t n) { put_str_(w, s, n, 0); }
static void put_text(jw *w, const char *s, size_t n) { put_str_(w, s, n, 1); }

/* Decimal digits without snprintf: it runs several times per event. */
static void put_uint(jw *w, size_t v) {
  char tmp[24];
  size_t n = sizeof tmp;
  do {
    tmp[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  put(w, tmp + n, sizeof tmp - n);
}

/* A score with one decimal (Goldstein scores have one): -10.0, 3.4, 0.0. */
static void put_score(jw *w, double x) {
  long t = x < 0 ? (long)(-x * 10 + 0.5) : (long)(x * 10 + 0.5);
  if (x < 0 && t) put(w, "-", 1);
  put_uint(w, (size_t)(t / 10));
  char d[2] = {'.', (char)('0' + t % 10)};
  put(w, d, 2);
}

static void put_cstr(jw *w, const char *s) {
  if (s)
    put_str(w, s, strlen(s));
  else
    puts_(w, "null");
}

static void put_key(jw *w, const char *k) {
  put(w, ",\"", 2);
  puts_(w, k);
  put(w, "\":", 2);
}

/* A key prepared as a literal, for the fields written once per event. */
typedef struct lit {
  const char *s;
  size_t n;
} lit;
#define LIT(k) ((lit){",\"" k "\":", sizeof(",\"" k "\":") - 1})

static inline void put_span(jw *w, const gesta_event *ev, lit name, lit text_name, gesta_span sp,
                     int present) {
  put(w, text_name.s, text_name.n);
  if (present)
    put_text(w, ev->sentence + sp.start, sp.end - sp.start);
  else
    PUT_LIT(w, "\"\"");
  put(w, name.s, name.n);
  if (present) {
    put(w, "[", 1);
    put_uint(w, sp.start);
    put(w, ",", 1);
    put_uint(w, sp.end);
    put(w, "]", 1);
  } else {
    PUT_LIT(w, "null");
  }
}

size_t gesta_event_to_json(const gesta_event *ev, char *buf, size_t cap) {
  jw w = {buf, cap ? cap - 1 : 0, 0};
  PUT_LIT(&w, "{\"doc\":");
  put_cstr(&w, ev->doc);
  PUT_KEY(&w, "sentence_index");
  put_uint(&w, ev->sentence_index);
  PUT_KEY(&w, "date");
  put_cstr(&w, ev->date);
  PUT_KEY(&w, "lang");
  put_cstr(&w, ev->lang);
  PUT_KEY(&w, "source");
  put_cstr(&w, ev->source);
  PUT_KEY(&w, "target");
  put_cstr(&w, ev->target ? ev->target : "");
  PUT_KEY(&w, "code");
  put_cstr(&w, ev->code);
  /* A code outside the CAMEO table (from a TABARI or PETRARCH dictionary) has no root, QuadClass
   * or Goldstein score: null. */
  PUT_KEY(&w, "root");
  put_cstr(&w, ev->quad_class > 0 ? ev->root : NULL);
  PUT_KEY(&w, "quad_class");
  if (ev->quad_class > 0)
    put_uint(&w, (size_t)ev->quad_class);
  else
    PUT_LIT(&w, "null");
  PUT_KEY(&w, "goldstein");
  if (ev->quad_class > 0)
    put_score(&w, ev->goldstein);
  else
    PUT_LIT(&w, "null");
  PUT_KEY(&w, "plover");
  put_cstr(&w, ev->plover);
  PUT_KEY(&w, "plover_mode");
  put_cstr(&w, ev->plover_mode);
  put_span(&w, ev, LIT("source_span"), LIT("source_text"), ev->source_span,
           ev->source_span.end > ev->source_span.start);
  put_span(&w, ev, LIT("target_span"), LIT("target_text"), ev->target_span,
           ev->target && ev->target[0] && ev->target_span.end > ev->target_span.start);
  put_span(&w, ev, LIT("verb_span"), LIT("verb_text"), ev->verb_span, 1);
  PUT_KEY(&w, "sentence");
  put_text(&w, ev->sentence, ev->sentence_len);
  put(&w, "}", 1);
  if (cap) buf[w.len < cap ? w.len : cap - 1] = 0;
  return w.len;
}

size_t gesta_tag_to_json(const gesta_tag *tag, char *buf, size_t cap) {
  jw w = {buf, cap ? cap - 1 : 0, 0};
  char num[64];
  puts_(&w, "{\"doc\":");
  put_cstr(&w, tag->doc);
  put_key(&w, "sentence_index");
  int n = snprintf(num, sizeof num, "%zu", tag->sentence_index);
  put(&w, num, (size_t)n);
  put_key(&w, "lang");
  put_cstr(&w, tag->lang);
  put_key(&w, "kind");
  put_cstr(&w, tag->kind);
  put_key(&w, "text");
  put_str(&w, tag->sentence + tag->span.start, tag->span.end - tag->span.start);
  put_key(&w, "code");
  put_cstr(&w, tag->code);
  put_key(&w, "start");
  n = snprintf(num, sizeof num, "%zu", tag->span.start);
  put(&w, num, (size_t)n);
  put_key(&w, "end");
  n = snprintf(num, sizeof num, "%zu", tag->span.end);
  put(&w, num, (size_t)n);
  if (tag->detail && tag->detail[0]) {
    put_key(&w, "detail");
    put_cstr(&w, tag->detail);
  }
  put(&w, "}", 1);
  if (cap) buf[w.len < cap ? w.len : cap - 1] = 0;
  return w.len;
}
