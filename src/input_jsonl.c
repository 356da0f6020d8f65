/*
 * One JSON-lines input document: {"id", "date", "text"} plus optional "title", "lang", "url",
 * "source". Parsed with jansson; the strings are copied so the line buffer can be reused.
 * A numeric id becomes its decimal string. Every problem is reported as one line naming the
 * field, for the CLI to prefix with the file and line number.
 */
#include <stdio.h>

#include <jansson.h>

#include "internal.h"
#include "normalize.h"

struct gesta_json_doc {
  gesta_document doc;
  char *id, *text, *title, *date, *lang, *url, *source;
  size_t replaced; /* invalid UTF-8 sequences replaced in the line */
};

size_t gesta_json_doc_replaced(const gesta_json_doc *d) { return d ? d->replaced : 0; }

void gesta_json_doc_free(gesta_json_doc *d) {
  if (!d) return;
  gesta__free(d->id);
  gesta__free(d->text);
  gesta__free(d->title);
  gesta__free(d->date);
  gesta__free(d->lang);
  gesta__free(d->url);
  gesta__free(d->source);
  gesta__free(d);
}

const gesta_document *gesta_json_doc_document(const gesta_json_doc *d) { return d ? &d->doc : NULL; }

/* Copies an optional string field; returns -1 (with a message) when it has the wrong type. */
static int opt_string(json_t *obj, const char *key, char **out, size_t *len, char *err,
                      size_t errlen) {
  json_t *v = json_object_get(obj, key);
  if (!v || json_is_null(v)) return 0;
  if (!json_is_string(v)) {
    snprintf(err, errlen, "field \"%s\" must be a string", key);
    return -1;
  }
  size_t n = json_string_length(v);
  /* A NUL would cut an id, a date or a language short without a word: refuse it there (the
   * text and the title may hold one: the coder replaces it). */
  if (!len && memchr(json_string_value(v), 0, n)) {
    snprintf(err, errlen, "field \"%s\" contains a NUL character", key);
    return -1;
  }
  *out = gesta__strndup(json_string_value(v), n);
  if (!*out) {
    snprintf(err, errlen, "out of memory");
    return -2;
  }
  if (len) *len = n;
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
  json_error_t je;
  gesta__json_alloc_failed(1);
  json_t *root = json_loadb(src, srclen, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
  gesta__buf_free(&fixed);
  if (!root) {
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
  int rc = GESTA_EJSON;
  gesta_json_doc *d = NULL;
  if (!json_is_object(root)) {
    snprintf(err, errlen, "a document line must be a JSON object");
    goto done;
  }
  d = gesta__calloc(1, sizeof *d);
  if (!d) {
    rc = GESTA_ENOMEM;
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  json_t *id = json_object_get(root, "id");
  char num[64];
  if (!id || json_is_null(id)) {
    snprintf(err, errlen, "missing field \"id\"");
    goto done;
  } else if (json_is_string(id)) {
    if (json_string_length(id) == 0) {
      snprintf(err, errlen, "field \"id\" is empty");
      goto done;
    }
    if (memchr(json_string_value(id), 0, json_string_length(id))) {
      snprintf(err, errlen, "field \"id\" contains a NUL character");
      goto done;
    }
    d->id = gesta__strndup(json_string_value(id), json_string_length(id));
  } else if (json_is_integer(id)) {
    snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    d->id = gesta__strndup(num, strlen(num));
  } else {
    snprintf(err, errlen, "field \"id\" must be a string or an integer");
    goto done;
  }
  if (!d->id) {
    rc = GESTA_ENOMEM;
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  json_t *text = json_object_get(root, "text");
  if (!text || json_is_null(text)) {
    snprintf(err, errlen, "missing field \"text\"");
    goto done;
  }
  int r;
  if ((r = opt_string(root, "text", &d->text, &d->doc.text_len, err, errlen)) ||
      (r = opt_string(root, "title", &d->title, &d->doc.title_len, err, errlen)) ||
      (r = opt_string(root, "date", &d->date, NULL, err, errlen)) ||
      (r = opt_string(root, "lang", &d->lang, NULL, err, errlen)) ||
      (r = opt_string(root, "url", &d->url, NULL, err, errlen)) ||
      (r = opt_string(root, "source", &d->source, NULL, err, errlen))) {
    if (r == -2) rc = GESTA_ENOMEM;
    goto done;
  }
  if (d->date && !gesta_date_valid(d->date)) {
    snprintf(err, errlen, "field \"date\" is not a date in the form YYYY-MM-DD: \"%.40s\"", d->date);
    goto done;
  }
  d->replaced = (size_t)bad;
  d->doc.id = d->id;
  d->doc.text = d->text ? d->text : "";
  d->doc.title = d->title;
  d->doc.date = d->date;
  d->doc.lang = d->lang;
  rc = GESTA_OK;
done:
  json_decref(root);
  if (rc) {
    gesta_json_doc_free(d);
    return rc;
  }
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
