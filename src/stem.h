/*
 * Verb-form reduction: the Snowball stemmer of each language (libstemmer), applied to folded
 * words. A stemmer object is not thread-safe, so each coder and each dictionary build owns a set.
 */
#ifndef GESTA_STEM_H
#define GESTA_STEM_H

#include "lexicon.h"

typedef struct stemmer_set {
  struct sb_stemmer *s[LEX_MAX_LANGS];
  hmap cache; /* mix(lang, word hash) -> index into stems: words repeat, stemming is costly */
  gvec stems; /* uint64_t */
} stemmer_set;

/* Creates the stemmers named by the languages of d (languages without one stem to themselves). */
int gesta__stemmers_init(stemmer_set *ss, const lex_lang *langs, int nlangs);
/* The hash of the stem of a folded word. */
uint64_t gesta__stem_hash(stemmer_set *ss, int lang, const char *norm, size_t n, uint64_t word_hash);
void gesta__stemmers_free(stemmer_set *ss);

#endif
