/*
 * Fuzz target: the TABARI and PETRARCH dictionary readers (src/foreign.c). The same bytes are read
 * as each kind (actors, agents, verbs, discards) in each of the two formats, next to the built-in
 * CAMEO table and language files, and as a TABARI or PETRARCH option line. Reading must never
 * fail on content (defects become warnings, and a warning must name a place); the build that
 * follows must either give a dictionary, which then codes a fixed text without trouble, or fail
 * with a message. Everything is freed each time, so LeakSanitizer sees any leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const char k_text[] =
    "Arnor and Gondor restored full diplomatic ties with Rohan on Monday, officials said.\n"
    "The Kuwaiti government, in a long statement, denounced the attack by Ithilen soldiers.\n"
    "El gobierno de Colombia visitó Venezuela y firmó un acuerdo.\n";

/* A small dictionary of the other kinds, so that what the input adds can code something. */
static const char k_actors[] = "ARNOR [ARN]\nGONDOR_ [GON]\n+MINAS_TIRITH\nROHAN [ROH]\n";
static const char k_verbs[] = "RESTORE [064]\n- * DIPLOMATIC_TIES [064]\nDENOUNCE [111]\n";

static void build_as(gesta_dict_format format, gesta_dict_kind kind, const char *text, size_t len) {
  gesta_dict_builder *b = NULL;
  FUZZ_CHECK(gesta_dict_builder_new(&b) == GESTA_OK);
  FUZZ_CHECK(gesta_dict_builder_add_builtin(b, GESTA_DICT_CAMEO | GESTA_DICT_LANG |
                                                   GESTA_DICT_PLOVER) == GESTA_OK);
  if (kind != GESTA_DICT_ACTORS)
    FUZZ_CHECK(gesta_dict_builder_add_foreign_text(b, format, GESTA_DICT_ACTORS, "base.actors",
                                                   k_actors, sizeof k_actors - 1, "en") == GESTA_OK);
  if (kind != GESTA_DICT_VERBS)
    FUZZ_CHECK(gesta_dict_builder_add_foreign_text(b, format, GESTA_DICT_VERBS, "base.verbs",
                                                   k_verbs, sizeof k_verbs - 1, "en") == GESTA_OK);
  FUZZ_CHECK(gesta_dict_builder_add_foreign_text(b, format, kind, "fuzz.txt", text, len, NULL) ==
             GESTA_OK);
  /* The input as an option line too (a NUL ends it). */
  char line[256];
  size_t n = len < sizeof line - 1 ? len : sizeof line - 1;
  memcpy(line, text, n);
  line[n] = 0;
  FUZZ_CHECK(gesta_dict_builder_add_option(b, format, line) == GESTA_OK);
  gesta_dict *d = NULL;
  int rc = gesta_dict_builder_build(b, &d);
  for (size_t i = 0; i < gesta_dict_builder_warning_count(b); i++) {
    const char *w = gesta_dict_builder_warning(b, i);
    FUZZ_CHECK(w != NULL && w[0] != 0 && strchr(w, '\n') == NULL);
  }
  if (rc == GESTA_OK) {
    FUZZ_CHECK(d != NULL);
    (void)fuzz_code_text(d, "foreign", k_text, sizeof k_text - 1);
    gesta_dict_free(d);
  } else {
    const char *msg = gesta_dict_builder_errmsg(b);
    FUZZ_CHECK(rc < 0 && d == NULL && msg != NULL && msg[0] != 0);
  }
  gesta_dict_builder_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  static const gesta_dict_kind kinds[] = {GESTA_DICT_ACTORS, GESTA_DICT_AGENTS, GESTA_DICT_VERBS,
                                          GESTA_DICT_DISCARDS};
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    build_as(GESTA_FORMAT_TABARI, kinds[k], text, size);
    build_as(GESTA_FORMAT_PETRARCH, kinds[k], text, size);
  }
  return 0;
}
