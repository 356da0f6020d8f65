/*
 * Unit tests for src/util.c: the growable buffer and vector, the arena, the hash map, date
 * parsing and civil-calendar arithmetic, and the public status helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

/* ---- gbuf ------------------------------------------------------------------------------------ */

static void buf_append_grows_and_stays_terminated(void **state) {
  (void)state;
  gbuf b = {0};
  assert_int_equal(gesta__buf_append(&b, "abc", 3), 0);
  assert_non_null(b.data);
  assert_int_equal(b.len, 3);
  assert_int_equal(b.cap, 64); /* the first reservation */
  assert_string_equal(b.data, "abc");
  /* Push well past the first capacity, one byte at a time. */
  for (int i = 0; i < 1000; i++) assert_int_equal(gesta__buf_putc(&b, (char)('a' + i % 26)), 0);
  assert_int_equal(b.len, 1003);
  assert_true(b.cap >= 1004);
  assert_int_equal(b.cap & (b.cap - 1), 0); /* doubling from 64 keeps a power of two */
  assert_int_equal(b.data[1003], 0);
  assert_memory_equal(b.data, "abcabcdef", 9);
  assert_int_equal(b.data[1002], 'a' + 999 % 26);
  gesta__buf_free(&b);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.cap, 0);
}

static void buf_reserve_exact_boundary(void **state) {
  (void)state;
  gbuf b = {0};
  /* 63 bytes plus the terminator fit the first 64-byte block exactly. */
  char block[200];
  memset(block, 'x', sizeof block);
  assert_int_equal(gesta__buf_append(&b, block, 63), 0);
  assert_int_equal(b.cap, 64);
  assert_int_equal(gesta__buf_append(&b, block, 1), 0);
  assert_int_equal(b.cap, 128);
  assert_int_equal(b.len, 64);
  /* Appending nothing keeps the text terminated and the length unchanged. */
  assert_int_equal(gesta__buf_append(&b, NULL, 0), 0);
  assert_int_equal(b.len, 64);
  assert_int_equal(b.data[64], 0);
  /* Emptying by length keeps the memory usable. */
  b.len = 0;
  assert_int_equal(gesta__buf_append(&b, "z", 1), 0);
  assert_string_equal(b.data, "z");
  assert_int_equal(b.cap, 128);
  gesta__buf_free(&b);
}

/* ---- gvec ------------------------------------------------------------------------------------ */

typedef struct item3 {
  uint32_t a, b, c;
} item3;

static void vec_push_zeroes_and_grows(void **state) {
  (void)state;
  gvec v;
  gesta__vec_init(&v, sizeof(item3));
  assert_null(v.data);
  assert_int_equal(v.item, sizeof(item3));
  for (uint32_t i = 0; i < 100; i++) {
    item3 *it = gesta__vec_push(&v);
    assert_non_null(it);
    assert_int_equal(it->a, 0);
    assert_int_equal(it->b, 0);
    assert_int_equal(it->c, 0);
    it->a = i;
    it->b = i * 2;
    it->c = i * 3;
  }
  assert_int_equal(v.len, 100);
  assert_int_equal(v.cap, 128); /* 16, 32, 64, 128 */
  for (uint32_t i = 0; i < 100; i++) {
    assert_int_equal(GVEC_AT(&v, item3, i).a, i);
    assert_int_equal(GVEC_AT(&v, item3, i).c, i * 3);
  }
  /* Reusing by length: pushed slots are zeroed again even though the memory held data. */
  v.len = 10;
  item3 *again = gesta__vec_push(&v);
  assert_ptr_equal(again, &GVEC_AT(&v, item3, 10));
  assert_int_equal(again->a, 0);
  assert_int_equal(again->b, 0);
  assert_int_equal(GVEC_AT(&v, item3, 9).b, 18);
  gesta__vec_free(&v);
  assert_null(v.data);
  assert_int_equal(v.len, 0);
  assert_int_equal(v.cap, 0);
}

/* ---- arena ----------------------------------------------------------------------------------- */

static void arena_alloc_aligned_and_distinct(void **state) {
  (void)state;
  arena a;
  gesta__arena_init(&a, 256);
  char *p1 = gesta__arena_alloc(&a, 1);
  char *p2 = gesta__arena_alloc(&a, 3);
  char *p3 = gesta__arena_alloc(&a, 17);
  assert_non_null(p1);
  assert_non_null(p2);
  assert_non_null(p3);
  assert_int_equal((uintptr_t)p1 % _Alignof(max_align_t), 0);
  assert_int_equal((uintptr_t)p2 % _Alignof(max_align_t), 0);
  assert_int_equal((uintptr_t)p3 % _Alignof(max_align_t), 0);
  /* Sizes round up to the alignment, so each block starts past the previous one. */
  assert_int_equal(p2 - p1, (ptrdiff_t)sizeof(max_align_t));
  assert_int_equal(p3 - p2, (ptrdiff_t)sizeof(max_align_t));
  memset(p1, 'a', 1);
  memset(p2, 'b', 3);
  memset(p3, 'c', 17);
  assert_int_equal(p1[0], 'a');
  assert_int_equal(p2[2], 'b');
  char *s = gesta__arena_strndup(&a, "hello world", 5);
  assert_string_equal(s, "hello");
  gesta__arena_free(&a);
  assert_null(a.head);
}

static void arena_big_allocation_and_reset(void **state) {
  (void)state;
  arena a;
  gesta__arena_init(&a, 128);
  /* Many small blocks spill into several chunks; one block larger than a chunk gets its own. */
  char *small[40];
  for (int i = 0; i < 40; i++) {
    small[i] = gesta__arena_alloc(&a, 24);
    assert_non_null(small[i]);
    memset(small[i], i, 24);
  }
  for (int i = 0; i < 40; i++) assert_int_equal((unsigned char)small[i][23], (unsigned)i);
  char *big = gesta__arena_alloc(&a, 5000);
  assert_non_null(big);
  memset(big, 0x5a, 5000);
  assert_int_equal((unsigned char)big[4999], 0x5a);
  /* Reset keeps the largest chunk: the next 5000-byte block reuses it, at the same address. */
  gesta__arena_reset(&a);
  assert_non_null(a.head);
  char *again = gesta__arena_alloc(&a, 5000);
  assert_ptr_equal(again, big);
  /* ... and everything allocated after a reset is usable. */
  char *s = gesta__arena_strndup(&a, "después", strlen("después"));
  assert_string_equal(s, "después");
  gesta__arena_reset(&a);
  gesta__arena_reset(&a); /* twice in a row is harmless */
  char *t = gesta__arena_strndup(&a, "x", 1);
  assert_string_equal(t, "x");
  gesta__arena_free(&a);
  gesta__arena_free(&a); /* free after free is a no-op */
  assert_null(a.head);
}

static void arena_reset_empty(void **state) {
  (void)state;
  arena a;
  gesta__arena_init(&a, 64);
  gesta__arena_reset(&a);
  assert_null(a.head);
  char *p = gesta__arena_alloc(&a, 10);
  assert_non_null(p);
  gesta__arena_free(&a);
}

/* ---- hmap ------------------------------------------------------------------------------------ */

static void hmap_put_get_replace(void **state) {
  (void)state;
  hmap m;
  assert_int_equal(gesta__hmap_init(&m, 4), 0);
  assert_int_equal(m.cap, 16);
  uint32_t v = 12345;
  assert_int_equal(gesta__hmap_get(&m, 42, &v), 0);
  assert_int_equal(v, 12345); /* untouched on a miss */
  assert_int_equal(gesta__hmap_put(&m, 42, 7), 0);
  assert_int_equal(gesta__hmap_get(&m, 42, &v), 1);
  assert_int_equal(v, 7);
  assert_int_equal(m.len, 1);
  /* Replacing keeps one entry. */
  assert_int_equal(gesta__hmap_put(&m, 42, 8), 0);
  assert_int_equal(gesta__hmap_get(&m, 42, &v), 1);
  assert_int_equal(v, 8);
  assert_int_equal(m.len, 1);
  /* Keys that collide in the low bits probe onward. */
  assert_int_equal(gesta__hmap_put(&m, 42 + 16, 9), 0);
  assert_int_equal(gesta__hmap_put(&m, 42 + 32, 10), 0);
  assert_int_equal(gesta__hmap_get(&m, 42 + 16, &v), 1);
  assert_int_equal(v, 9);
  assert_int_equal(gesta__hmap_get(&m, 42 + 32, &v), 1);
  assert_int_equal(v, 10);
  assert_int_equal(gesta__hmap_get(&m, 42 + 48, &v), 0);
  assert_int_equal(m.len, 3);
  gesta__hmap_free(&m);
  assert_null(m.keys);
  assert_int_equal(m.cap, 0);
  /* A freed (or zeroed) map answers misses. */
  assert_int_equal(gesta__hmap_get(&m, 42, &v), 0);
}

static void hmap_many_keys(void **state) {
  (void)state;
  hmap m;
  assert_int_equal(gesta__hmap_init(&m, 0), 0);
  const uint32_t n = 20000;
  for (uint32_t i = 0; i < n; i++)
    assert_int_equal(gesta__hmap_put(&m, gesta__hash_bytes(&i, sizeof i), i * 3 + 1), 0);
  assert_int_equal(m.len, n);
  assert_true(m.len * 4 <= m.cap * 3); /* load factor kept at or below 3/4 */
  assert_int_equal(m.cap & (m.cap - 1), 0);
  for (uint32_t i = 0; i < n; i++) {
    uint32_t v = 0;
    assert_int_equal(gesta__hmap_get(&m, gesta__hash_bytes(&i, sizeof i), &v), 1);
    assert_int_equal(v, i * 3 + 1);
  }
  /* Sequential small keys (worst case for the mask) work too. */
  for (uint32_t i = 1; i <= 1000; i++) assert_int_equal(gesta__hmap_put(&m, i, i), 0);
  for (uint32_t i = 1; i <= 1000; i++) {
    uint32_t v = 0;
    assert_int_equal(gesta__hmap_get(&m, i, &v), 1);
    assert_int_equal(v, i);
  }
  uint32_t v;
  assert_int_equal(gesta__hmap_get(&m, 1001, &v), 0);
  gesta__hmap_free(&m);
}

static void hmap_key_zero(void **state) {
  (void)state;
  hmap m;
  assert_int_equal(gesta__hmap_init(&m, 8), 0);
  /* 0 marks an empty slot, so key 0 is stored as key 1: it round-trips (and aliases key 1). */
  assert_int_equal(gesta__hmap_put(&m, 0, 77), 0);
  uint32_t v = 0;
  assert_int_equal(gesta__hmap_get(&m, 0, &v), 1);
  assert_int_equal(v, 77);
  assert_int_equal(m.len, 1);
  assert_int_equal(gesta__hmap_get(&m, 1, &v), 1);
  assert_int_equal(v, 77);
  assert_int_equal(gesta__hmap_put(&m, 0, 78), 0);
  assert_int_equal(m.len, 1);
  assert_int_equal(gesta__hmap_get(&m, 0, &v), 1);
  assert_int_equal(v, 78);
  gesta__hmap_free(&m);
}

static void hmap_init_sizes(void **state) {
  (void)state;
  hmap m;
  assert_int_equal(gesta__hmap_init(&m, 100), 0);
  assert_int_equal(m.cap, 256); /* the first power of two >= 2 * expected */
  assert_int_equal(m.len, 0);
  gesta__hmap_free(&m);
  assert_int_equal(gesta__hmap_init(&m, 8), 0);
  assert_int_equal(m.cap, 16);
  gesta__hmap_free(&m);
}

/* ---- allocation helpers ---------------------------------------------------------------------- */

static void strndup_and_calloc(void **state) {
  (void)state;
  char *s = gesta__strndup("abcdef", 3);
  assert_string_equal(s, "abc");
  gesta__free(s);
  unsigned char *z = gesta__calloc(10, 7);
  assert_non_null(z);
  for (int i = 0; i < 70; i++) assert_int_equal(z[i], 0);
  gesta__free(z);
  /* An overflowing count fails instead of allocating a short block. */
  assert_null(gesta__calloc(SIZE_MAX / 2, 4));
  gesta__free(NULL);
  assert_int_equal(gesta_set_allocator(NULL, realloc, free), GESTA_EINVAL);
  assert_int_equal(gesta_set_allocator(malloc, NULL, free), GESTA_EINVAL);
  assert_int_equal(gesta_set_allocator(malloc, realloc, NULL), GESTA_EINVAL);
}

/* ---- dates ----------------------------------------------------------------------------------- */

static int parse(const char *s, int32_t *days) { return gesta__date_parse(s, strlen(s), days); }

static void date_parse_valid(void **state) {
  (void)state;
  int32_t d = -99;
  assert_int_equal(parse("1970-01-01", &d), 0);
  assert_int_equal(d, 0);
  assert_int_equal(parse("1969-12-31", &d), 0);
  assert_int_equal(d, -1);
  assert_int_equal(parse("2000-03-01", &d), 0);
  assert_int_equal(d, 11017);
  assert_int_equal(parse("2024-02-29", &d), 0);
  assert_int_equal(d, 19782);
  assert_int_equal(parse("2000-02-29", &d), 0); /* divisible by 400: leap */
  assert_int_equal(parse("0001-01-01", &d), 0);
  assert_int_equal(d, -719162);
  assert_int_equal(parse("9999-12-31", &d), 0);
  assert_int_equal(d, 2932896);
  assert_int_equal(parse("2023-12-31", &d), 0);
  assert_int_equal(parse("2023-04-30", &d), 0);
  /* The length is taken from n, not from a terminator. */
  assert_int_equal(gesta__date_parse("2024-02-29T10:00", 10, &d), 0);
  assert_int_equal(d, 19782);
}

static void date_parse_invalid(void **state) {
  (void)state;
  static const char *const bad[] = {
      "2023-02-29", /* not a leap year */
      "1900-02-29", /* divisible by 100: not leap */
      "2024-02-30", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32",  "2023-04-31",
      "2024-1-01",  "2024-01-1",  "24-01-01",   "2024/01/01", "2024-01-01 ", " 2024-01-01",
      "20240101",   "",           "yesterday",  "0000-01-01", "2024-0a-01",  "2024-01-0x",
      "-024-01-01", "2024--1-01", "2024-+1-01"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int32_t d = 4242;
    if (parse(bad[i], &d) == 0) fail_msg("'%s' parsed as a date", bad[i]);
    assert_int_equal(d, 4242); /* untouched on failure */
  }
  int32_t d;
  assert_int_equal(gesta__date_parse("2024-01-01", 9, &d), -1);
}

static void civil_round_trip(void **state) {
  (void)state;
  /* Every day from 1600 to 2400, both directions, with consecutive days one apart. */
  int32_t first = gesta__days_from_civil(1600, 1, 1);
  int32_t last = gesta__days_from_civil(2400, 12, 31);
  assert_int_equal(first, -135140);
  assert_int_equal(last - first + 1, 801 * 365 + 195); /* 195 leap days in 1600..2400 */
  int py = 1599, pm = 12, pd = 31;
  for (int32_t z = first; z <= last; z++) {
    int y, m, d;
    gesta__civil_from_days(z, &y, &m, &d);
    if (gesta__days_from_civil(y, m, d) != z) fail_msg("day %d does not round-trip", (int)z);
    /* The next date follows the previous one. */
    int next_day = d == pd + 1 && m == pm && y == py;
    int next_month = d == 1 && ((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));
    if (!next_day && !next_month)
      fail_msg("%d-%d-%d does not follow %d-%d-%d", y, m, d, py, pm, pd);
    py = y;
    pm = m;
    pd = d;
  }
  int y, m, d;
  gesta__civil_from_days(19782, &y, &m, &d);
  assert_int_equal(y, 2024);
  assert_int_equal(m, 2);
  assert_int_equal(d, 29);
  gesta__civil_from_days(-1, &y, &m, &d);
  assert_int_equal(y, 1969);
  assert_int_equal(m, 12);
  assert_int_equal(d, 31);
  gesta__civil_from_days(-719162, &y, &m, &d);
  assert_int_equal(y, 1);
  assert_int_equal(m, 1);
  assert_int_equal(d, 1);
}

static void public_date_valid(void **state) {
  (void)state;
  assert_int_equal(gesta_date_valid("2024-02-29"), 1);
  assert_int_equal(gesta_date_valid("2023-02-28"), 1);
  assert_int_equal(gesta_date_valid("2023-02-29"), 0);
  assert_int_equal(gesta_date_valid("2024-13-01"), 0);
  assert_int_equal(gesta_date_valid("2024-1-01"), 0);
  assert_int_equal(gesta_date_valid("2024-01-01x"), 0);
  assert_int_equal(gesta_date_valid(""), 0);
  assert_int_equal(gesta_date_valid(NULL), 0);
}

static void public_strerror(void **state) {
  (void)state;
  assert_string_equal(gesta_strerror(GESTA_OK), "success");
  assert_string_equal(gesta_strerror(GESTA_ENOMEM), "out of memory");
  assert_string_equal(gesta_strerror(GESTA_EINVAL), "invalid argument");
  assert_string_equal(gesta_strerror(GESTA_EIO), "cannot read input");
  assert_string_equal(gesta_strerror(GESTA_EDICT), "dictionary error");
  assert_string_equal(gesta_strerror(GESTA_ETOOBIG), "document too large");
  assert_string_equal(gesta_strerror(GESTA_EJSON), "malformed JSON document");
  assert_string_equal(gesta_strerror(GESTA_ESTOP), "stopped by the caller");
  assert_string_equal(gesta_strerror(-100), "unknown error");
  assert_string_equal(gesta_strerror(1), "unknown error");
}

static void hash_properties(void **state) {
  (void)state;
  /* Equal bytes hash alike; order matters in sequences. */
  assert_true(gesta__hash_bytes("abc", 3) == gesta__hash_bytes("abcd", 3));
  assert_true(gesta__hash_bytes("abc", 3) != gesta__hash_bytes("abd", 3));
  uint64_t a = gesta__hash_bytes("a", 1), b = gesta__hash_bytes("b", 1);
  uint64_t ab = gesta__hash_mix(gesta__hash_mix(GESTA_SEQ_SEED, a), b);
  uint64_t ba = gesta__hash_mix(gesta__hash_mix(GESTA_SEQ_SEED, b), a);
  assert_true(ab != ba);
  assert_true(gesta__hash_mix(GESTA_SEQ_SEED, a) != a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(buf_append_grows_and_stays_terminated),
      cmocka_unit_test(buf_reserve_exact_boundary),
      cmocka_unit_test(vec_push_zeroes_and_grows),
      cmocka_unit_test(arena_alloc_aligned_and_distinct),
      cmocka_unit_test(arena_big_allocation_and_reset),
      cmocka_unit_test(arena_reset_empty),
      cmocka_unit_test(hmap_put_get_replace),
      cmocka_unit_test(hmap_many_keys),
      cmocka_unit_test(hmap_key_zero),
      cmocka_unit_test(hmap_init_sizes),
      cmocka_unit_test(strndup_and_calloc),
      cmocka_unit_test(date_parse_valid),
      cmocka_unit_test(date_parse_invalid),
      cmocka_unit_test(civil_round_trip),
      cmocka_unit_test(public_date_valid),
      cmocka_unit_test(public_strerror),
      cmocka_unit_test(hash_properties),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
