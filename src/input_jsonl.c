/*
 * One JSON-lines input document: {"id", "date", "text"} plus optional "title", "lang", "url",
 * "source", "country". The common line (those fields as strings) is read by a small dedicated
 * reader, any other by jansson (see "the fast reader" below); either way the strings are copied,
 * so the line buffer can be reused. A numeric id becomes its decimal string. Every problem is reported as one line naming the
 * field, for the CLI to prefix with the file and line number.
 */
#include <stdio.h>

#include <jansson.h>

#include "internal.h"
#include "normalize.h"

struct gesta_json_doc {
  gesta_document doc;
  size_t replaced; /* invalid UTF-8 sequences replaced in the line */
  char store[];    /* the fields' strings, each NUL-terminated */
};

size_t gesta_json_doc_replaced(const gesta_json_doc *d) { return d ? d->replaced : 0; }

void gesta_json_doc_free(gesta_json_doc *d) { gesta__free(d); }

const gesta_document *gesta_json_doc_document(const gesta_json_doc *d) { return d ? &d->doc : NULL; }

/* The fields gesta reads, in the order their problems are reported. */
enum { F_ID, F_TEXT, F_TITLE, F_DATE, F_LANG, F_URL, F_SOURCE, F_COUNTRY, NFIELDS };
static const char *const field_names[NFIELDS] = {"id",  "text",   "title", "date",
                                                 "lang", "url", "source", "country"};

/* A field as the line gives it. Strings are decoded (s, n); an integer is its decimal text. */
enum { FT_ABSENT, FT_NULL, FT_STRING, FT_INTEGER, FT_OTHER };
typedef struct field {
  int type;
  const char *s;
  size_t n;
} field;

/* ---- the fast reader ------------------------------------------------------------------------
 * Nearly every line is an object of a few string fields, and jansson spends most of its time
 * building a tree of values that is thrown away at once. This reader decodes that common shape
 * directly into the document's storage, in one pass. It accepts only what jansson accepts with
 * the same result: an object whose keys are the fields above, written without escapes, each at
 * most once, with string or null values (and an integer id); strings may use every JSON escape,
 * a \u escape of a surrogate only as a valid pair. Anything else (another key, a duplicate, a
 * nested value, a number elsewhere, a syntax error, a lone surrogate) makes it decline, and the
 * line goes to jansson, which gives the result or the error message it always gave. The line is
 * valid UTF-8 without NUL bytes here (repaired before). */

static const char *skip_ws(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
  return p;
}

static int hex4(const char *p, const char *end, uint32_t *v) {
  if (end - p < 4) return -1;
  uint32_t x = 0;
  for (int k = 0; k < 4; k++) {
    char c = p[k];
    x <<= 4;
    if (c >= '0' && c <= '9')
      x |= (uint32_t)(c - '0');
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      x |= (uint32_t)((c | 0x20) - 'a' + 10);
    else
      return -1;
  }
  *v = x;
  return 0;
}

/* Decodes the string starting after its opening quote into *out (advanced past the decoded
 * bytes and a NUL). Returns the position after the closing quote, or NULL to decline. */
static const char *fast_string(const char *p, const char *end, char **out) {
  char *o = *out;
  for (;;) {
    const char *run = p;
    uint64_t x;
    while (end - p >= 8 && (memcpy(&x, p, 8), !gesta__json_special8(x, 0))) p += 8;
    while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) p++;
    memcpy(o, run, (size_t)(p - run));
    o += p - run;
    if (p == end || (unsigned char)*p < 0x20) return NULL;
    if (*p == '"') break;
    if (++p == end) return NULL; /* a backslash: an escape */
    char c = *p++;
    switch (c) {
    case '"': case '\\': case '/': *o++ = c; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'n': *o++ = '\n'; break;
    case 'r': *o++ = '\r'; break;
    case 't': *o++ = '\t'; break;
    case 'u': {
      uint32_t cp, lo;
      if (hex4(p, end, &cp)) return NULL;
      p += 4;
      if (cp >= 0xDC00 && cp <= 0xDFFF) return NULL;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, end, &lo) || lo < 0xDC00 ||
            lo > 0xDFFF)
          return NULL;
        p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      }
      if (cp < 0x80) {
        *o++ = (char)cp;
      } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
      } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
      }
      break;
    }
    default: return NULL;
    }
  }
  *o++ = 0;
  *out = o;
  return p + 1;
}

/* An integer as jansson reads one into a json_int_t without overflow: an optional minus, then
 * 0 or up to 18 digits not starting with 0 ("-0" declines). Returns the position after it. */
static const char *fast_integer(const char *p, const char *end) {
  const char *q = p;
  if (q < end && *q == '-') q++;
  const char *digits = q;
  while (q < end && *q >= '0' && *q <= '9') q++;
  size_t n = (size_t)(q - digits);
  if (n == 0 || n > 18 || (digits[0] == '0' && (n > 1 || digits != p))) return NULL;
  if (q < end && (*q == '.' || *q == 'e' || *q == 'E')) return NULL;
  return q;
}

static int field_index(const char *k, size_t n) {
  for (int f = 0; f < NFIELDS; f++)
    if (strlen(field_names[f]) == n && memcmp(field_names[f], k, n) == 0) return f;
  return -1;
}

/* Reads the line into fields, decoding strings into store (at least len + 1 bytes).
 * Returns 0, or -1 to leave the line to jansson. */
static int fast_read(const char *line, size_t len, field *fields, char *store) {
  const char *p = line, *end = line + len;
  char *o = store;
  p = skip_ws(p, end);
  if (p == end || *p++ != '{') return -1;
  p = skip_ws(p, end);
  if (p < end && *p == '}') {
    p++;
  } else {
    for (;;) {
      if (p == end || *p++ != '"') return -1;
      const char *key = p;
      while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) p++;
      if (p == end || *p != '"') return -1;
      int f = field_index(key, (size_t)(p - key));
      if (f < 0 || fields[f].type != FT_ABSENT) return -1;
      p = skip_ws(p + 1, end);
      if (p == end || *p++ != ':') return -1;
      p = skip_ws(p, end);
      if (p == end) return -1;
      field *fd = &fields[f];
      if (*p == '"') {
        fd->type = FT_STRING;
        fd->s = o;
        if (!(p = fast_string(p + 1, end, &o))) return -1;
        fd->n = (size_t)(o - 1 - fd->s);
      } else if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
        fd->type = FT_NULL;
        p += 4;
      } else if (f == F_ID && (*p == '-' || (*p >= '0' && *p <= '9'))) {
        const char *q = fast_integer(p, end);
        if (!q) return -1;
        fd->type = FT_INTEGER;
        fd->s = o;
        fd->n = (size_t)(q - p);
        memcpy(o, p, fd->n);
        o += fd->n;
        *o++ = 0;
        p = q;
      } else {
        return -1;
      }
      p = skip_ws(p, end);
      if (p == end) return -1;
      if (*p == '}') {
        p++;
        break;
      }
      if (*p++ != ',') return -1;
      p = skip_ws(p, end);
    }
  }
  return skip_ws(p, end) == end ? 0 : -1;
}

/* ---- jansson, for every other line ------------------------------------------------------- */

/* Parses the line with jansson into fields, pointing into *root (the caller frees it). Returns
 * 0, or a status with the message in err. */
static int jansson_read(const char *line, size_t len, field *fields, json_t **root, char *err,
                        size_t errlen) {
  json_error_t je;
  gesta__json_alloc_failed(1);
  *root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
  if (!*root) {
    /* jansson names every syntax error; a silent failure is an allocation that failed. */
    if (json_error_code(&je) == json_error_out_of_memory || je.text[0] == 0 ||
        gesta__json_alloc_failed(0)) {
      snprintf(err, errlen, "out of memory");
      return GESTA_ENOMEM;
    }
    snprintf(err, errlen, "malformed JSON at column %d: %s", je.column, je.text);
    /* jansson quotes the bytes near the error: keep the message on one printable line. */
    for (char *q = err; *q; q++)
      if ((unsigned char)*q < 0x20 || *q == 0x7f) *q = '?';
    return GESTA_EJSON;
  }
  if (!json_is_object(*root)) {
    snprintf(err, errlen, "a document line must be a JSON object");
    return GESTA_EJSON;
  }
  for (int f = 0; f < NFIELDS; f++) {
    json_t *v = json_object_get(*root, field_names[f]);
    field *fd = &fields[f];
    if (!v) {
      fd->type = FT_ABSENT;
    } else if (json_is_null(v)) {
      fd->type = FT_NULL;
    } else if (json_is_string(v)) {
      fd->type = FT_STRING;
      fd->s = json_string_value(v);
      fd->n = json_string_length(v);
    } else if (json_is_integer(v)) {
      fd->type = FT_INTEGER;
    } else {
      fd->type = FT_OTHER;
    }
  }
  return 0;
}

/* ---- the document ------------------------------------------------------------------------ */

/* Checks the fields and, when they make a document, makes it in d (whose store holds the strings
 * when from_store, else has room to copy them). Returns 0 or GESTA_EJSON with the message. */
static int make_doc(gesta_json_doc *d, field *fields, json_t *root, int from_store, char *err,
                    size_t errlen) {
  field *id = &fields[F_ID];
  char num[64];
  if (id->type == FT_ABSENT || id->type == FT_NULL) {
    snprintf(err, errlen, "missing field \"id\"");
    return GESTA_EJSON;
  } else if (id->type == FT_STRING) {
    if (id->n == 0) {
      snprintf(err, errlen, "field \"id\" is empty");
      return GESTA_EJSON;
    }
    if (memchr(id->s, 0, id->n)) {
      snprintf(err, errlen, "field \"id\" contains a NUL character");
      return GESTA_EJSON;
    }
  } else if (id->type == FT_INTEGER && !from_store) {
    snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
             json_integer_value(json_object_get(root, "id")));
    id->s = num;
    id->n = strlen(num);
  } else if (id->type != FT_INTEGER) {
    snprintf(err, errlen, "field \"id\" must be a string or an integer");
    return GESTA_EJSON;
  }
  if (fields[F_TEXT].type == FT_ABSENT || fields[F_TEXT].type == FT_NULL) {
    snprintf(err, errlen, "missing field \"text\"");
    return GESTA_EJSON;
  }
  for (int f = F_TEXT; f < NFIELDS; f++) {
    const field *fd = &fields[f];
    if (fd->type == FT_ABSENT || fd->type == FT_NULL) continue;
    if (fd->type != FT_STRING) {
      snprintf(err, errlen, "field \"%s\" must be a string", field_names[f]);
      return GESTA_EJSON;
    }
    /* A NUL would cut a date, a language, a url or a source short without a word: refuse it
     * there (the text and the title may hold one: the coder replaces it). */
    if (f >= F_DATE && memchr(fd->s, 0, fd->n)) {
      snprintf(err, errlen, "field \"%s\" contains a NUL character", field_names[f]);
      return GESTA_EJSON;
    }
  }
  const char *value[NFIELDS];
  char *o = d->store;
  for (int f = 0; f < NFIELDS; f++) {
    const field *fd = &fields[f];
    value[f] = NULL;
    if (fd->type != FT_STRING && fd->type != FT_INTEGER) continue;
    if (from_store) {
      value[f] = fd->s;
    } else {
      memcpy(o, fd->s, fd->n);
      o[fd->n] = 0;
      value[f] = o;
      o += fd->n + 1;
    }
  }
  if (value[F_DATE] && !gesta_date_valid(value[F_DATE])) {
    snprintf(err, errlen, "field \"date\" is not a date in the form YYYY-MM-DD: \"%.40s\"",
             value[F_DATE]);
    return GESTA_EJSON;
  }
  if (value[F_COUNTRY] && !gesta_country_valid(value[F_COUNTRY])) {
    snprintf(err, errlen,
             "field \"country\" is not a CAMEO country code (three capitals: \"COL\"): \"%.40s\"",
             value[F_COUNTRY]);
    return GESTA_EJSON;
  }
  d->doc.id = value[F_ID];
  d->doc.text = value[F_TEXT];
  d->doc.text_len = fields[F_TEXT].n;
  d->doc.title = value[F_TITLE];
  d->doc.title_len = value[F_TITLE] ? fields[F_TITLE].n : 0;
  d->doc.date = value[F_DATE];
  d->doc.lang = value[F_LANG];
  d->doc.country = value[F_COUNTRY];
  return 0;
}

int gesta_json_doc_parse(gesta_json_doc **out, const char *line, size_t len, char *err,
                         size_t errlen) {
  if (!out || (!line && len) || !err || !errlen) return GESTA_EINVAL;
  *out = NULL;
  err[0] = 0;
  /* Invalid UTF-8 is repaired before parsing (jansson refuses it): like in plain text, it costs
   * a warning, not the document. */
  gbuf fixed = {0};
  size_t first_bad = 0;
  long bad = 0;
  const char *src = line ? line : "";
  size_t srclen = len;
  if (!gesta__utf8_valid(src, len)) { /* copy only the rare line that needs it */
    bad = gesta__utf8_repair(src, len, &fixed, &first_bad);
    if (bad < 0) {
      gesta__buf_free(&fixed);
      snprintf(err, errlen, "out of memory");
      return GESTA_ENOMEM;
    }
    src = fixed.data ? fixed.data : "";
    srclen = fixed.len;
  }
  /* Decoded strings are never longer than the line, each with its NUL in the place of at least
   * its two quotes. */
  field fields[NFIELDS];
  memset(fields, 0, sizeof fields);
  gesta_json_doc *d = gesta__malloc(sizeof *d + srclen + 1);
  if (!d) {
    gesta__buf_free(&fixed);
    snprintf(err, errlen, "out of memory");
    return GESTA_ENOMEM;
  }
  memset(d, 0, sizeof *d);
  json_t *root = NULL;
  int from_store = fast_read(src, srclen, fields, d->store) == 0;
  int rc = 0;
  if (!from_store) {
    memset(fields, 0, sizeof fields);
    rc = jansson_read(src, srclen, fields, &root, err, errlen);
    if (!rc) {
      /* jansson's strings are copied out: its tree is freed before returning. */
      size_t need = 64; /* an integer id */
      for (int f = 0; f < NFIELDS; f++)
        if (fields[f].type == FT_STRING) need += fields[f].n + 1;
      if (need > srclen + 1) {
        gesta_json_doc *bigger = gesta__realloc(d, sizeof *d + need);
        if (!bigger) {
          rc = GESTA_ENOMEM;
          snprintf(err, errlen, "out of memory");
        } else {
          d = bigger;
        }
      }
    }
  }
  gesta__buf_free(&fixed);
  if (!rc) rc = make_doc(d, fields, root, from_store, err, errlen);
  json_decref(root);
  if (rc) {
    gesta__free(d);
    return rc;
  }
  d->replaced = (size_t)bad;
  if (!d->doc.text) d->doc.text = "";
  *out = d;
  return GESTA_OK;
}

int gesta_json_line_id(const char *line, size_t len, char *id, size_t cap) {
  if (!line || !id || !cap) return GESTA_EINVAL;
  id[0] = 0;
  json_error_t je;
  json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
  if (!root) return GESTA_EJSON;
  json_t *v = json_is_object(root) ? json_object_get(root, "id") : NULL;
  int rc = GESTA_EJSON;
  if (v && json_is_string(v) && json_string_length(v) &&
      !memchr(json_string_value(v), 0, json_string_length(v))) {
    snprintf(id, cap, "%s", json_string_value(v));
    rc = GESTA_OK;
  } else if (v && json_is_integer(v)) {
    snprintf(id, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    rc = GESTA_OK;
  }
  json_decref(root);
  return rc;
}
