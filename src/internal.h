/*
 * Internal helpers shared by the library's modules: the allocator hook, a growable byte buffer,
 * a bump arena for per-document data, 64-bit hashing and an open-addressing hash map.
 * Nothing here is part of the public API.
 */
#ifndef GESTA_INTERNAL_H
#define GESTA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gesta/gesta.h"

#define GESTA_UNUSED(x) ((void)(x))

/* Allocation through the hook set by gesta_set_allocator(). */
void *gesta__malloc(size_t n);
void *gesta__calloc(size_t count, size_t n);
void *gesta__realloc(void *p, size_t n);
void gesta__free(void *p);
char *gesta__strndup(const char *s, size_t n);
/* Whether an allocation made by jansson failed on this thread since the last reset. */
int gesta__json_alloc_failed(int reset);

/* Growable array of bytes; `data` is owned and NUL-terminated when non-NULL. */
typedef struct gbuf {
  char *data;
  size_t len, cap;
} gbuf;
int gesta__buf_reserve(gbuf *b, size_t extra);
int gesta__buf_append(gbuf *b, const void *p, size_t n);
int gesta__buf_putc(gbuf *b, char c);
void gesta__buf_free(gbuf *b);

/* Growable array of fixed-size items. */
typedef struct gvec {
  void *data;
  size_t len, cap, item;
} gvec;
void gesta__vec_init(gvec *v, size_t item);
/* Doubles the room of a vector; 0 or GESTA_ENOMEM. */
int gesta__vec_grow(gvec *v);
/* Appends one zeroed item and returns it, or NULL when out of memory. */
static inline void *gesta__vec_push(gvec *v) {
  if (v->len == v->cap && gesta__vec_grow(v)) return NULL;
  char *slot = (char *)v->data + v->len * v->item;
  memset(slot, 0, v->item);
  v->len++;
  return slot;
}
void gesta__vec_free(gvec *v);
#define GVEC_AT(v, type, i) (((type *)(v)->data)[i])

/* A bump allocator whose memory is released all at once by reset or free. */
typedef struct arena_chunk {
  struct arena_chunk *next;
  size_t used, size;
  max_align_t data[];
} arena_chunk;
typedef struct arena {
  arena_chunk *head;
  size_t chunk_size;
} arena;
void gesta__arena_init(arena *a, size_t chunk_size);
/* Allocates n bytes (a multiple of max_align_t) from a new chunk. */
void *gesta__arena_alloc_chunk(arena *a, size_t n);
/* n bytes aligned for any type, or NULL. (Inline: the tokeniser takes one or two per token.) */
static inline void *gesta__arena_alloc(arena *a, size_t n) {
  n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
  if (!a->head || a->head->size - a->head->used < n) return gesta__arena_alloc_chunk(a, n);
  void *p = (char *)a->head->data + a->head->used;
  a->head->used += n;
  return p;
}
char *gesta__arena_strndup(arena *a, const char *s, size_t n);
/* Keeps the largest chunk for reuse and frees the others. */
void gesta__arena_reset(arena *a);
void gesta__arena_free(arena *a);

/* Hashing: FNV-1a over bytes, then a finaliser; sequences of token hashes are folded with mix. */
static inline uint64_t gesta__hash_fin(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
#define GESTA_FNV_BASIS 0xcbf29ce484222325ULL
/* One byte of FNV-1a, for callers that hash while they copy (the tokeniser). */
static inline uint64_t gesta__hash_step(uint64_t h, unsigned char c) {
  return (h ^ c) * 0x100000001b3ULL;
}
static inline uint64_t gesta__hash_bytes(const void *p, size_t n) {
  const unsigned char *s = (const unsigned char *)p;
  uint64_t h = GESTA_FNV_BASIS;
  for (size_t i = 0; i < n; i++) h = gesta__hash_step(h, s[i]);
  return gesta__hash_fin(h);
}
static inline uint64_t gesta__hash_mix(uint64_t seq, uint64_t tok) {
  return gesta__hash_fin(seq * 0x9e3779b97f4a7c15ULL + tok + 0x632be59bd9b4e019ULL);
}
#define GESTA_SEQ_SEED 0x51ed27a1c0ffee11ULL

/* Whether any of the 8 bytes of x (read with memcpy) is a control character, a quote or a
 * backslash, or, when high is set, a byte from 0x80: what a JSON string reader or writer must
 * look at. These are the "has a byte less than n" and "has a zero byte" tests of Bit Twiddling
 * Hacks, exact as a yes or no; they let plain text pass eight bytes at a time. */
static inline int gesta__json_special8(uint64_t x, int high) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
  uint64_t special = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b);
  return ((special | (high ? x : 0)) & highs) != 0;
}

/* Open-addressing map from non-zero 64-bit keys to 32-bit values. */
typedef struct hmap {
  uint64_t *keys;
  uint32_t *vals;
  size_t cap, len; /* cap is a power of two */
} hmap;
int gesta__hmap_init(hmap *m, size_t expected);
/* Inserts or replaces; returns 0 or GESTA_ENOMEM. */
int gesta__hmap_put(hmap *m, uint64_t key, uint32_t val);
/* Returns 1 and stores the value when the key is present. (Inline: it runs several times per
 * token.) */
static inline int gesta__hmap_get(const hmap *m, uint64_t key, uint32_t *val) {
  if (!m->cap) return 0;
  if (!key) key = 1;
  size_t mask = m->cap - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (m->keys[i] == key) {
      *val = m->vals[i];
      return 1;
    }
    if (!m->keys[i]) return 0;
  }
}
void gesta__hmap_free(hmap *m);

/* Dates as days since 1970-01-01; 0 doubles as "no date" only where documented. */
int gesta__date_parse(const char *s, size_t n, int32_t *days);
int32_t gesta__days_from_civil(int y, int m, int d);
void gesta__civil_from_days(int32_t z, int *y, int *m, int *d);

#endif
