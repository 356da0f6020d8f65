/*
 * The allocator hook, buffers, vectors, the arena, the hash map and date arithmetic.
 * Small and dependency-free so that every module can use them.
 */
#include <stdlib.h>

#include <jansson.h>

#include "internal.h"
#include "lexicon.h"

static gesta_malloc_fn g_malloc = malloc;
static gesta_realloc_fn g_realloc = realloc;
static gesta_free_fn g_free = free;

/* jansson reports some failed allocations as syntax errors; its allocations go through this
 * wrapper, which remembers a failure for the thread (see gesta__json_alloc_failed). */
static _Thread_local int g_json_alloc_failed;

static void *json_malloc(size_t n) {
  void *p = g_malloc(n ? n : 1);
  if (!p) g_json_alloc_failed = 1;
  return p;
}
static void json_free(void *p) {
  if (p) g_free(p);
}

int gesta__json_alloc_failed(int reset) {
  int f = g_json_alloc_failed;
  if (reset) g_json_alloc_failed = 0;
  return f;
}

int gesta_set_allocator(gesta_malloc_fn m, gesta_realloc_fn r, gesta_free_fn f) {
  if (!m || !r || !f) return GESTA_EINVAL;
  g_malloc = m;
  g_realloc = r;
  g_free = f;
  json_set_alloc_funcs(json_malloc, json_free);
  return GESTA_OK;
}

void *gesta__malloc(size_t n) { return g_malloc(n ? n : 1); }
void *gesta__calloc(size_t count, size_t n) {
  if (n && count > SIZE_MAX / n) return NULL;
  size_t total = count * n;
  void *p = g_malloc(total ? total : 1);
  if (p) memset(p, 0, total);
  return p;
}
void *gesta__realloc(void *p, size_t n) { return g_realloc(p, n ? n : 1); }
void gesta__free(void *p) {
  if (p) g_free(p);
}
char *gesta__strndup(const char *s, size_t n) {
  char *p = gesta__malloc(n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

const char *gesta_strerror(int status) {
  switch (status) {
  case GESTA_OK: return "success";
  case GESTA_ENOMEM: return "out of memory";
  case GESTA_EINVAL: return "invalid argument";
  case GESTA_EIO: return "cannot read input";
  case GESTA_EDICT: return "dictionary error";
  case GESTA_ETOOBIG: return "document too large";
  case GESTA_EJSON: return "malformed JSON document";
  case GESTA_ESTOP: return "stopped by the caller";
  default: return "unknown error";
  }
}

int gesta__buf_reserve(gbuf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) cap *= 2;
  char *p = gesta__realloc(b->data, cap);
  if (!p) return GESTA_ENOMEM;
  b->data = p;
  b->cap = cap;
  return 0;
}
int gesta__buf_append(gbuf *b, const void *p, size_t n) {
  if (gesta__buf_reserve(b, n)) return GESTA_ENOMEM;
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
  return 0;
}
int gesta__buf_putc(gbuf *b, char c) { return gesta__buf_append(b, &c, 1); }
void gesta__buf_free(gbuf *b) {
  gesta__free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void gesta__vec_init(gvec *v, size_t item) {
  v->data = NULL;
  v->len = v->cap = 0;
  v->item = item;
}
int gesta__vec_grow(gvec *v) {
  size_t cap = v->cap ? v->cap * 2 : 16;
  void *p = gesta__realloc(v->data, cap * v->item);
  if (!p) return GESTA_ENOMEM;
  v->data = p;
  v->cap = cap;
  return 0;
}
void gesta__vec_free(gvec *v) {
  gesta__free(v->data);
  v->data = NULL;
  v->len = v->cap = 0;
}

void gesta__arena_init(arena *a, size_t chunk_size) {
  a->head = NULL;
  a->chunk_size = chunk_size;
}
void *gesta__arena_alloc_chunk(arena *a, size_t n) {
  size_t size = a->chunk_size;
  if (n > size) size = n;
  arena_chunk *c = gesta__malloc(sizeof(arena_chunk) + size);
  if (!c) return NULL;
  c->used = n;
  c->size = size;
  c->next = a->head;
  a->head = c;
  return c->data;
}
char *gesta__arena_strndup(arena *a, const char *s, size_t n) {
  char *p = gesta__arena_alloc(a, n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}
void gesta__arena_reset(arena *a) {
  arena_chunk *keep = NULL;
  for (arena_chunk *c = a->head, *next; c; c = next) {
    next = c->next;
    if (!keep || c->size > keep->size) {
      if (keep) gesta__free(keep);
      keep = c;
    } else {
      gesta__free(c);
    }
  }
  if (keep) {
    keep->used = 0;
    keep->next = NULL;
  }
  a->head = keep;
}
void gesta__arena_free(arena *a) {
  for (arena_chunk *c = a->head, *next; c; c = next) {
    next = c->next;
    gesta__free(c);
  }
  a->head = NULL;
}

int gesta__hmap_init(hmap *m, size_t expected) {
  size_t cap = 16;
  while (cap < expected * 2) cap *= 2;
  m->keys = gesta__calloc(cap, sizeof *m->keys);
  m->vals = gesta__calloc(cap, sizeof *m->vals);
  m->cap = cap;
  m->len = 0;
  if (!m->keys || !m->vals) {
    gesta__hmap_free(m);
    return GESTA_ENOMEM;
  }
  return 0;
}
static int hmap_grow(hmap *m) {
  hmap n;
  if (gesta__hmap_init(&n, m->cap)) return GESTA_ENOMEM;
  for (size_t i = 0; i < m->cap; i++)
    if (m->keys[i]) gesta__hmap_put(&n, m->keys[i], m->vals[i]);
  gesta__hmap_free(m);
  *m = n;
  return 0;
}
int gesta__hmap_put(hmap *m, uint64_t key, uint32_t val) {
  if (!key) key = 1;
  if ((m->len + 1) * 4 > m->cap * 3 && hmap_grow(m)) return GESTA_ENOMEM;
  size_t mask = m->cap - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (m->keys[i] == key) {
      m->vals[i] = val;
      return 0;
    }
    if (!m->keys[i]) {
      m->keys[i] = key;
      m->vals[i] = val;
      m->len++;
      return 0;
    }
  }
}
void gesta__hmap_free(hmap *m) {
  gesta__free(m->keys);
  gesta__free(m->vals);
  m->keys = NULL;
  m->vals = NULL;
  m->cap = m->len = 0;
}

/* Howard Hinnant's civil-calendar conversions. */
int32_t gesta__days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int32_t)doe - 719468;
}
void gesta__civil_from_days(int32_t z, int *y, int *m, int *d) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int yy = (int)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yy + (*m <= 2);
}

static int digits(const char *s, size_t n, int *out) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

int gesta__date_parse(const char *s, size_t n, int32_t *days) {
  int y, m, d;
  if (n != 10 || s[4] != '-' || s[7] != '-') return -1;
  if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d)) return -1;
  if (m < 1 || m > 12 || d < 1 || y < 1) return -1;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[m - 1] + (m == 2 && leap)) return -1;
  *days = gesta__days_from_civil(y, m, d);
  return 0;
}

int gesta_date_valid(const char *s) {
  int32_t d;
  return s && gesta__date_parse(s, strlen(s), &d) == 0;
}

int gesta_country_valid(const char *s) {
  return s && strlen(s) == 3 && gesta__country_code(s);
}
