/*
 * Snowball stemming with a per-owner cache keyed by (language, word). The cache is bounded:
 * when it grows past its limit it is cleared, which keeps memory flat on endless input.
 */
#include <libstemmer.h>

#include "stem.h"

#define STEM_CACHE_MAX 200000

int gesta__stemmers_init(stemmer_set *ss, const lex_lang *langs, int nlangs) {
  memset(ss, 0, sizeof *ss);
  gesta__vec_init(&ss->stems, sizeof(uint64_t));
  if (gesta__hmap_init(&ss->cache, 1024)) return GESTA_ENOMEM;
  for (int i = 0; i < nlangs && i < LEX_MAX_LANGS; i++) {
    if (!langs[i].stemmer[0]) continue;
    ss->s[i] = sb_stemmer_new(langs[i].stemmer, "UTF_8");
    if (!ss->s[i]) return GESTA_EDICT;
  }
  return 0;
}

uint64_t gesta__stem_hash(stemmer_set *ss, int lang, const char *norm, size_t n,
                          uint64_t word_hash) {
  if (lang < 0 || lang >= LEX_MAX_LANGS || !ss->s[lang]) return word_hash;
  uint64_t key = lex_lang_key(lang, word_hash);
  uint32_t idx;
  if (gesta__hmap_get(&ss->cache, key, &idx)) return GVEC_AT(&ss->stems, uint64_t, idx);
  const sb_symbol *st = sb_stemmer_stem(ss->s[lang], (const sb_symbol *)norm, (int)n);
  uint64_t h = st ? gesta__hash_bytes(st, (size_t)sb_stemmer_length(ss->s[lang])) : word_hash;
  if (ss->cache.len >= STEM_CACHE_MAX) {
    memset(ss->cache.keys, 0, ss->cache.cap * sizeof *ss->cache.keys);
    ss->cache.len = 0;
    ss->stems.len = 0;
  }
  uint64_t *slot = gesta__vec_push(&ss->stems);
  if (slot) {
    *slot = h;
    if (gesta__hmap_put(&ss->cache, key, (uint32_t)(ss->stems.len - 1))) ss->stems.len--;
  }
  return h;
}

void gesta__stemmers_free(stemmer_set *ss) {
  for (int i = 0; i < LEX_MAX_LANGS; i++)
    if (ss->s[i]) sb_stemmer_delete(ss->s[i]);
  gesta__hmap_free(&ss->cache);
  gesta__vec_free(&ss->stems);
  memset(ss, 0, sizeof *ss);
}
