/*
 * Fuzz target: the whole pipeline on arbitrary bytes, with the options chosen by the input.
 * Layout: three header bytes, then an optional raw date, an optional title, and the text.
 *   byte 0, bit 0     a title is given: its length is byte 1 (cut to what is left)
 *   byte 0, bits 1-2  the date: 0 none, 1 and 3 a valid date from a table (byte 2 picks it),
 *                     2 the next 10 input bytes as given (mostly not a date: GESTA_EINVAL)
 *   byte 0, bits 3-4  the language hint: none, "es", "en", or "fr" (which no dictionary knows)
 *   byte 0, bit 5     report tags (gesta_coder_set_tag_cb)
 *   byte 0, bit 6     code the document a second time with the same coder: the events must be
 *                     the same (nothing leaks from one document into the next)
 *   byte 0, bit 7     the event callback asks to stop at the first event (GESTA_ESTOP)
 * Inputs shorter than the header are coded as plain text. Every event and tag is checked against
 * the public contract (fuzz_check_event, fuzz_check_tag).
 */
#include <string.h>

#include "fuzz.h"

enum { F_TITLE = 1, F_DATE = 6, F_LANG = 24, F_TAGS = 32, F_TWICE = 64, F_STOP = 128 };

typedef struct run {
  int stop;
  size_t events;
  uint64_t hash;
} run;

static int on_event(const gesta_event *ev, void *user) {
  run *r = user;
  uint64_t h = fuzz_check_event(ev);
  r->hash = (r->hash ^ h) * 0x100000001b3ULL;
  r->events++;
  return r->stop;
}

static void on_tag(const gesta_tag *tag, void *user) {
  (void)user;
  fuzz_check_tag(tag);
}

static void on_warn(const char *doc, size_t line, const char *message, void *user) {
  (void)user;
  (void)line;
  FUZZ_CHECK(doc != NULL && message != NULL && message[0] != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const dates[] = {"2024-03-15", "2000-02-29", "1991-12-26", "2014-03-18",
                                      "1970-01-01", "2031-07-04", "0001-01-01", "9999-12-31"};
  static const char *const langs[] = {NULL, "es", "en", "fr"};
  unsigned flags = 0, title_len = 0, date_pick = 0;
  if (size >= 3) {
    flags = data[0];
    title_len = data[1];
    date_pick = data[2];
    data += 3;
    size -= 3;
  }
  gesta_document doc = {0};
  doc.id = "fuzz";
  char raw_date[11];
  unsigned date_mode = (flags & F_DATE) >> 1;
  if (date_mode == 2) {
    size_t n = size < 10 ? size : 10;
    memcpy(raw_date, data, n);
    raw_date[n] = 0;
    data += n;
    size -= n;
    doc.date = raw_date;
  } else if (date_mode) {
    doc.date = dates[date_pick % (sizeof dates / sizeof dates[0])];
  }
  if (flags & F_TITLE) {
    size_t n = title_len < size ? title_len : size;
    doc.title = (const char *)data;
    doc.title_len = n;
    data += n;
    size -= n;
  }
  doc.text = (const char *)data;
  doc.text_len = size;
  doc.lang = langs[(flags & F_LANG) >> 3];

  gesta_coder_options o;
  gesta_coder_options_default(&o);
  o.today = "2024-03-15";
  o.warn = on_warn;
  gesta_coder *c = NULL;
  FUZZ_CHECK(gesta_coder_new(&c, fuzz_builtin_dict(), &o) == GESTA_OK);
  if (flags & F_TAGS) gesta_coder_set_tag_cb(c, on_tag, NULL);
  run r1 = {!!(flags & F_STOP), 0, 0};
  int rc = gesta_coder_code(c, &doc, on_event, &r1);
  int want = GESTA_OK;
  /* A NUL inside the raw date ends it early: then it is not a date either. */
  if (doc.date && !gesta_date_valid(doc.date))
    want = GESTA_EINVAL;
  else if (r1.stop && r1.events)
    want = GESTA_ESTOP;
  FUZZ_CHECK(rc == want);
  if (rc) FUZZ_CHECK(gesta_coder_errmsg(c)[0] != 0);
  if (r1.stop) FUZZ_CHECK(r1.events <= 1);
  if (flags & F_TWICE) {
    run r2 = {r1.stop, 0, 0};
    FUZZ_CHECK(gesta_coder_code(c, &doc, on_event, &r2) == rc);
    FUZZ_CHECK(r2.events == r1.events && r2.hash == r1.hash);
  }
  gesta_coder_free(c);
  return 0;
}
