/*
 * UTF-8 repair and word folding on top of utf8proc. The fold is done one code point at a time
 * into a caller's buffer, so folding a token allocates nothing; ASCII takes a fast path.
 */
#include <utf8proc.h>

#include "normalize.h"

int gesta__utf8_decode(const unsigned char *s, size_t n, int32_t *cp) {
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  utf8proc_int32_t c;
  utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &c);
  if (k <= 0) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = c;
  return (int)k;
}

int gesta__utf8_valid(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  size_t i = 0;
  while (i < len) {
    /* Text is mostly ASCII: pass eight bytes at a time while none is from 0x80 or a NUL (the
     * "has a zero byte" test of Bit Twiddling Hacks, exact as a yes or no). */
    uint64_t x;
    while (i + 8 <= len && (memcpy(&x, s + i, 8), !(((x - ones) | x) & highs))) i += 8;
    if (i == len) break;
    if (s[i] >= 0x80) {
      utf8proc_int32_t c;
      utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
      if (k <= 0) return 0;
      i += (size_t)k;
    } else {
      if (s[i] == 0) return 0;
      i++;
    }
  }
  return 1;
}

long gesta__utf8_repair(const char *text, size_t len, gbuf *out, size_t *first_bad) {
  static const char repl[] = "\xEF\xBF\xBD";
  long bad = 0;
  const unsigned char *s = (const unsigned char *)text;
  if (gesta__buf_reserve(out, len)) return GESTA_ENOMEM;
  size_t i = 0, run = 0;
  while (i < len) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k;
    if (s[i] >= 0x80) {
      k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
    } else {
      k = 1;
      c = s[i];
    }
    if (k > 0 && c != 0) {
      i += (size_t)k;
      continue;
    }
    if (gesta__buf_append(out, text + run, i - run) || gesta__buf_append(out, repl, 3))
      return GESTA_ENOMEM;
    if (!bad) *first_bad = i;
    bad++;
    i++;
    run = i;
  }
  if (gesta__buf_append(out, text + run, len - run)) return GESTA_ENOMEM;
  return bad;
}

/* Room is always kept for the terminating NUL. */
static size_t put_cp(int32_t cp, char *dst, size_t cap, size_t at) {
  unsigned char tmp[4];
  utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
  if (at + (size_t)k >= cap) return (size_t)-1;
  memcpy(dst + at, tmp, (size_t)k);
  return at + (size_t)k;
}

/* The folds of U+00C0..U+00FF (UTF-8 C3 80..C3 BF) that are one ASCII letter, the accented
 * letters of most Latin-script text; 0 where the fold is something else (Æ, Ð, ×, Ø, Þ, ß, ...),
 * which utf8proc gives. test_normalize checks every entry against utf8proc. */
static const char latin1_fold[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', /* C0-CF */
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   0,   /* D0-DF */
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', /* E0-EF */
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   'y', /* F0-FF */
};

size_t gesta__fold_into(const char *s, size_t n, char *dst, size_t cap) {
  if (cap == 0) return (size_t)-1;
  const unsigned char *p = (const unsigned char *)s;
  size_t at = 0;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      if (at + 1 >= cap) return (size_t)-1;
      unsigned char c = p[i++];
      dst[at++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
      continue;
    }
    if (p[i] == 0xC3 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80 && latin1_fold[p[i + 1] & 0x3F]) {
      if (at + 1 >= cap) return (size_t)-1;
      dst[at++] = latin1_fold[p[i + 1] & 0x3F];
      i += 2;
      continue;
    }
    int32_t cp;
    i += (size_t)gesta__utf8_decode(p + i, n - i, &cp);
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x00B4 || cp == 0x0060) cp = '\'';
    if (cp == 0x2010 || cp == 0x2011) cp = '-';
    utf8proc_int32_t out[16];
    int last = 0;
    utf8proc_ssize_t k =
        utf8proc_decompose_char(cp, out, 16,
                                UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                    UTF8PROC_STRIPMARK,
                                &last);
    if (k < 0 || k > 16) {
      out[0] = cp;
      k = 1;
    }
    for (utf8proc_ssize_t j = 0; j < k; j++) {
      at = put_cp(out[j], dst, cap, at);
      if (at == (size_t)-1) return at;
    }
  }
  dst[at] = 0; /* at < cap: kept free above */
  return at;
}

size_t gesta__lower_into(const char *s, size_t n, char *dst, size_t cap) {
  const unsigned char *p = (const unsigned char *)s;
  size_t at = 0, i = 0;
  while (i < n) {
    /* ASCII, and the lowercase letters of U+00E0..U+00FF (UTF-8 C3 A0..C3 BF), which case
     * folding leaves as they are, need no utf8proc. */
    size_t same = p[i] < 0x80                                                     ? 1
                  : p[i] == 0xC3 && i + 1 < n && p[i + 1] >= 0xA0 && p[i + 1] <= 0xBF ? 2
                                                                                    : 0;
    if (same) {
      if (at + same > cap) return (size_t)-1;
      dst[at] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
      if (same == 2) dst[at + 1] = (char)p[i + 1];
      at += same;
      i += same;
      continue;
    }
    int32_t cp;
    i += (size_t)gesta__utf8_decode(p + i, n - i, &cp);
    if (cp == 0x2019) cp = '\'';
    utf8proc_int32_t out[4];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, out, 4, UTF8PROC_CASEFOLD, &last);
    if (k < 1 || k > 4) {
      out[0] = cp;
      k = 1;
    }
    for (utf8proc_ssize_t j = 0; j < k; j++) {
      unsigned char tmp[4];
      utf8proc_ssize_t w = utf8proc_encode_char(out[j], tmp);
      if (at + (size_t)w > cap) return (size_t)-1;
      memcpy(dst + at, tmp, (size_t)w);
      at += (size_t)w;
    }
  }
  return at;
}

int gesta__fold(const char *s, size_t n, gbuf *out) {
  /* Folding can grow a word (ß -> ss, ligatures): reserve for the worst case. */
  size_t cap = n * GESTA_FOLD_MAX_GROWTH + 8;
  if (gesta__buf_reserve(out, cap)) return GESTA_ENOMEM;
  size_t k = gesta__fold_into(s, n, out->data + out->len, cap);
  if (k == (size_t)-1) return GESTA_ENOMEM;
  out->len += k;
  out->data[out->len] = 0;
  return 0;
}

int gesta__char_class(int32_t cp) {
  if (cp < 0x80) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == '_')
      return CC_SPACE;
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CC_LETTER;
    if (cp >= '0' && cp <= '9') return CC_DIGIT;
    if (cp < 0x20 || cp == 0x7f) return CC_SPACE;
    return CC_PUNCT;
  }
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO: return CC_LETTER;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME: return CC_MARK;
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO: return CC_DIGIT;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
  case UTF8PROC_CATEGORY_CF: return CC_SPACE;
  default: return CC_PUNCT;
  }
}

int gesta__is_upper(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
