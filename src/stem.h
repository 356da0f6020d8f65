/*
 * Verb-form reduction: the Snowball stemmer of each language (libstemmer), applied to folded
 * words. A stemmer object is not thread-safe, so each coder and each dictionary build owns a set.
 */
#ifndef GESTA_STEM_H
#define GESTA_STEM_H

#include "lexicon.h"

/* What a word heads as a verb (match.c): its first pattern (1-based, 0 for none) and the stem
 * it heads them by. */
typedef struct verb_head {
  uint32_t first;
  uint64_t stem;
} verb_head;

/* A bounded memory of values by 64-bit key: emptied when it holds STEM_CACHE_MAX of them, so
 * memory stays flat on endless input. */
typedef struct memo {
  hmap map;  /* key -> index into vals */
  gvec vals;
} memo;

/* The most values a memo holds before it is emptied. */
#define STEM_CACHE_MAX 200000

/* The value remembered for key, or NULL. (Inline: it runs per token.) */
static inline void *gesta__memo_get(const memo *m, uint64_t key) {
  uint32_t idx;
  if (!gesta__hmap_get(&m->map, key, &idx)) return NULL;
  return (char *)m->vals.data + (size_t)idx * m->vals.item;
}
/* A zeroed slot for key's value, to be filled by the caller; NULL when out of memory (nothing is
 * remembered then). The key must not be present. */
void *gesta__memo_put(memo *m, uint64_t key);

typedef struct stemmer_set {
  struct sb_stemmer *s[LEX_MAX_LANGS];
  memo stems; /* mix(lang, word hash) -> uint64_t stem hash: words repeat, stemming is costly */
  memo heads; /* mix(lang, word hash) -> verb_head, for the words match.c remembers */
} stemmer_set;

/* Creates the stemmers named by the languages of d (languages without one stem to themselves). */
int gesta__stemmers_init(stemmer_set *ss, const lex_lang *langs, int nlangs);
/* The hash of the stem of a folded word. */
uint64_t gesta__stem_hash(stemmer_set *ss, int lang, const char *norm, size_t n, uint64_t word_hash);
/* The stem keys of a word as written (`text`, n bytes) whose folded form is `norm`: Snowball
 * needs accents to see some endings ("recibió"), while accentless text ("recibio") is stemmed
 * from the folded form. Stems are folded before hashing. Writes one or two distinct keys to
 * keys[] and returns how many. */
int gesta__stem_keys(stemmer_set *ss, int lang, const char *text, size_t n, const char *norm,
                     size_t norm_len, uint64_t norm_hash, uint64_t keys[2]);
void gesta__stemmers_free(stemmer_set *ss);

#endif
