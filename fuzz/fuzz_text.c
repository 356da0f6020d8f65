/*
 * Fuzz target: the plain-text reader path. The input is the whole body of one document, as
 * `gesta code FILE` reads it (no title, date or language hint), coded with the built-in
 * dictionaries. Every event must keep the public contract (fuzz_check_event). Options and titles
 * are fuzz_pipeline's business.
 */
#include "fuzz.h"

static int on_event(const gesta_event *ev, void *user) {
  (void)fuzz_check_event(ev);
  ++*(size_t *)user;
  return 0;
}

static void on_warn(const char *doc, size_t line, const char *message, void *user) {
  FUZZ_CHECK(doc != NULL && message != NULL && message[0] != 0);
  FUZZ_CHECK(line >= 1 && line <= *(const size_t *)user + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static size_t cur_size;
  gesta_coder_options o;
  gesta_coder_options_default(&o);
  o.today = "2024-03-15"; /* a fixed day: the clock would make runs differ */
  o.warn = on_warn;
  o.warn_user = &cur_size;
  /* A new coder for each input, so that a crash reproduces from its input alone (fuzz_pipeline
   * tests a coder reused across documents). */
  gesta_coder *coder = NULL;
  FUZZ_CHECK(gesta_coder_new(&coder, fuzz_builtin_dict(), &o) == GESTA_OK);
  cur_size = size;
  gesta_document doc = {0};
  doc.id = "fuzz.txt";
  doc.text = (const char *)data;
  doc.text_len = size;
  size_t events = 0;
  int rc = gesta_coder_code(coder, &doc, on_event, &events);
  FUZZ_CHECK(rc == GESTA_OK || (rc == GESTA_ETOOBIG && size > o.max_doc_bytes));
  if (rc) FUZZ_CHECK(gesta_coder_errmsg(coder)[0] != 0);
  gesta_coder_free(coder);
  return 0;
}
