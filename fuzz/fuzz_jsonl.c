/*
 * Fuzz target: the JSON-lines reader. The input is one line as the CLI would pass it (without its
 * newline): gesta_json_doc_parse() must either fail with a one-line reason or hand back a document
 * whose fields keep the public contract. It does not code the document (fuzz_pipeline does).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* An optional field of a parsed document: NULL, or NUL-terminated valid UTF-8. */
static void check_opt_string(const char *s) {
  if (s) FUZZ_CHECK(fuzz_utf8_valid(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *line = (const char *)data;
  char err[256];
  gesta_json_doc *jd = NULL;
  memset(err, 'x', sizeof err);
  int rc = gesta_json_doc_parse(&jd, line, size, err, sizeof err);
  FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL);
  if (rc != GESTA_OK) {
    FUZZ_CHECK(rc < 0 && jd == NULL);
    FUZZ_CHECK(err[0] != 0);
    /* The reason is one printable line, even when jansson quotes control characters of the
     * line (a bug found here: corpus/jsonl/err_*_after_backslash.json). */
    for (const char *p = err; *p; p++) FUZZ_CHECK((unsigned char)*p >= 0x20);
    /* The reason is truncated like snprintf into a small buffer, never written past it. */
    char tiny[5];
    memset(tiny, 'x', sizeof tiny);
    gesta_json_doc *again = (gesta_json_doc *)&tiny; /* must be reset to NULL */
    FUZZ_CHECK(gesta_json_doc_parse(&again, line, size, tiny, 4) == rc);
    FUZZ_CHECK(again == NULL && tiny[4] == 'x' && memchr(tiny, 0, 4) != NULL);
    return 0;
  }
  FUZZ_CHECK(jd != NULL);
  const gesta_document *doc = gesta_json_doc_document(jd);
  FUZZ_CHECK(doc != NULL && doc->id != NULL);
  check_opt_string(doc->id);
  FUZZ_CHECK(doc->text != NULL || doc->text_len == 0);
  FUZZ_CHECK(doc->title != NULL || doc->title_len == 0);
  /* JSON strings may hold "\u0000", so text and title are checked by length, not strlen. */
  if (doc->text) FUZZ_CHECK(fuzz_utf8_valid(doc->text, doc->text_len));
  if (doc->title) FUZZ_CHECK(fuzz_utf8_valid(doc->title, doc->title_len));
  check_opt_string(doc->date);
  check_opt_string(doc->lang);
  if (doc->date) FUZZ_CHECK(gesta_date_valid(doc->date));
  FUZZ_CHECK(gesta_json_doc_replaced(jd) <= size);
  gesta_json_doc_free(jd);
  return 0;
}
