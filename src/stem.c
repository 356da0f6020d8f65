/*
 * Snowball stemming with a per-owner cache keyed by (language, word). The cache is bounded:
 * when it grows past its limit it is cleared, which keeps memory flat on endless input.
 */
#include <libstemmer.h>

#include "normalize.h"
#include "stem.h"

void *gesta__memo_put(memo *m, uint64_t key) {
  if (m->map.len >= STEM_CACHE_MAX) {
    memset(m->map.keys, 0, m->map.cap * sizeof *m->map.keys);
    m->map.len = 0;
    m->vals.len = 0;
  }
  void *slot = gesta__vec_push(&m->vals);
  if (!slot) return NULL;
  if (gesta__hmap_put(&m->map, key, (uint32_t)(m->vals.len - 1))) {
    m->vals.len--;
    return NULL;
  }
  return slot;
}

int gesta__stemmers_init(stemmer_set *ss, const lex_lang *langs, int nlangs) {
  memset(ss, 0, sizeof *ss);
  gesta__vec_init(&ss->stems.vals, sizeof(uint64_t));
  gesta__vec_init(&ss->heads.vals, sizeof(verb_head));
  if (gesta__hmap_init(&ss->stems.map, 1024) || gesta__hmap_init(&ss->heads.map, 1024))
    return GESTA_ENOMEM;
  for (int i = 0; i < nlangs && i < LEX_MAX_LANGS; i++) {
    if (!langs[i].stemmer[0]) continue;
    ss->s[i] = sb_stemmer_new(langs[i].stemmer, "UTF_8");
    if (!ss->s[i]) return GESTA_EDICT;
  }
  return 0;
}

static uint64_t stem_fold_hash(stemmer_set *ss, int lang, const char *word, size_t n,
                               uint64_t fallback) {
  const sb_symbol *st = sb_stemmer_stem(ss->s[lang], (const sb_symbol *)word, (int)n);
  if (!st) return fallback;
  char buf[256];
  size_t k = gesta__fold_into((const char *)st, (size_t)sb_stemmer_length(ss->s[lang]), buf,
                              sizeof buf);
  if (k == (size_t)-1) return fallback;
  return gesta__hash_bytes(buf, k);
}

uint64_t gesta__stem_hash(stemmer_set *ss, int lang, const char *norm, size_t n,
                          uint64_t word_hash) {
  if (lang < 0 || lang >= LEX_MAX_LANGS || !ss->s[lang]) return word_hash;
  uint64_t key = lex_lang_key(lang, word_hash);
  const uint64_t *known = gesta__memo_get(&ss->stems, key);
  if (known) return *known;
  uint64_t h = stem_fold_hash(ss, lang, norm, n, word_hash);
  uint64_t *slot = gesta__memo_put(&ss->stems, key);
  if (slot) *slot = h;
  return h;
}

void gesta__stemmers_free(stemmer_set *ss) {
  for (int i = 0; i < LEX_MAX_LANGS; i++)
    if (ss->s[i]) sb_stemmer_delete(ss->s[i]);
  gesta__hmap_free(&ss->stems.map);
  gesta__vec_free(&ss->stems.vals);
  gesta__hmap_free(&ss->heads.map);
  gesta__vec_free(&ss->heads.vals);
  memset(ss, 0, sizeof *ss);
}

int gesta__stem_keys(stemmer_set *ss, int lang, const char *text, size_t n, const char *norm,
                     size_t norm_len, uint64_t norm_hash, uint64_t keys[2]) {
  keys[0] = gesta__stem_hash(ss, lang, norm, norm_len, norm_hash);
  if (lang < 0 || lang >= LEX_MAX_LANGS || !ss->s[lang] || n == norm_len) return 1;
  /* Only words with non-ASCII letters can stem differently with their accents. */
  char buf[256];
  size_t k = gesta__lower_into(text, n, buf, sizeof buf);
  if (k == (size_t)-1) return 1;
  uint64_t wh = gesta__hash_bytes(buf, k) ^ 0x5bd1e995ULL;
  uint64_t key = lex_lang_key(lang, wh);
  const uint64_t *known = gesta__memo_get(&ss->stems, key);
  uint64_t h;
  if (known) {
    h = *known;
  } else {
    h = stem_fold_hash(ss, lang, buf, k, keys[0]);
    uint64_t *slot = gesta__memo_put(&ss->stems, key);
    if (slot) *slot = h;
  }
  if (h == keys[0]) return 1;
  keys[1] = keys[0];
  keys[0] = h; /* the accented reading first: it is the right one when accents are there */
  return 2;
}
