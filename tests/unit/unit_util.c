/*
 * Helpers shared by the unit tests.
 */
#include "unit_util.h"

#include <stdio.h>

#include "lexicon.h"

gesta_dict *unit_builtin_dict(void) {
  gesta_dict_builder *b = NULL;
  gesta_dict *d = NULL;
  if (gesta_dict_builder_new(&b)) {
    fprintf(stderr, "built-in dictionary: out of memory\n");
    return NULL;
  }
  int rc = gesta_dict_builder_add_builtin(b, GESTA_DICT_ALL);
  if (!rc) rc = gesta_dict_builder_build(b, &d);
  if (rc) fprintf(stderr, "built-in dictionary: %s\n", gesta_dict_builder_errmsg(b));
  gesta_dict_builder_free(b);
  return rc ? NULL : d;
}

int unit_abbrev_cb(const void *ctx, uint64_t hash) {
  return gesta__lex_word_in_class((const gesta_dict *)ctx, hash, -1, CLS_ABBREV);
}
