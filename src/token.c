/*
 * The tokeniser. Words are runs of letters, digits and combining marks; a period between letters
 * ("U.S", "EE.UU") or a separator between digits ("3,5", "10:30") stays inside the word. A final
 * period stays when the word is an acronym, a single-letter initial or a listed abbreviation.
 * Hyphens split words, so "pro-Russian" gives "pro" "-" "russian" and dictionaries written with
 * hyphens tokenise the same way.
 */
#include "token.h"

#include "normalize.h"

/* What an ASCII byte is inside a word: a lowercase letter, an uppercase one or a digit; 0 for
 * every other byte (those from 0x80 too), which ends a run of plain ASCII. */
enum { AK_LOWER = 1, AK_UPPER = 2, AK_DIGIT = 4 };
#define L_ AK_LOWER
#define U_ AK_UPPER
#define D_ AK_DIGIT
static const unsigned char ascii_kind[256] = {
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x00 */
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x10 */
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  /* 0x20 */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, 0,  0,  0,  0,  0,  0,  /* 0x30: 0-9 */
    0,  U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, /* 0x40: A-O */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, 0,  0,  0,  0,  0,  /* 0x50: P-Z */
    0,  L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, /* 0x60: a-o */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, 0,  0,  0,  0,  0,  /* 0x70: p-z */
};
#undef L_
#undef U_
#undef D_

static inline int cls_at(const char *t, size_t i, size_t end, int32_t *cp, int *len) {
  if (i >= end) {
    *cp = 0;
    *len = 0;
    return CC_SPACE;
  }
  unsigned char c = (unsigned char)t[i];
  if (c < 0x80) {
    /* ASCII, most of the text: no decoding, no table lookup in utf8proc. */
    *cp = c;
    *len = 1;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CC_LETTER;
    if (c >= '0' && c <= '9') return CC_DIGIT;
    /* An underscore joins words as a space does ("Dol_Amroth", "some_user"). */
    if (c == ' ' || c < 0x21 || c == 0x7f || c == '_') return CC_SPACE;
    return CC_PUNCT;
  }
  *len = gesta__utf8_decode((const unsigned char *)t + i, end - i, cp);
  return gesta__char_class(*cp);
}

static int emit(const char *text, size_t s, size_t e, uint32_t flags, arena *a, gvec *out) {
  /* ASCII words fold by lowercasing: copy, lowercase, hash and check in one pass. */
  char *dst = gesta__arena_alloc(a, e - s + 1);
  if (!dst) return GESTA_ENOMEM;
  unsigned char high = 0;
  uint64_t h = GESTA_FNV_BASIS;
  for (size_t i = s; i < e; i++) {
    unsigned char c = (unsigned char)text[i];
    high |= c;
    c = (unsigned char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    dst[i - s] = (char)c;
    h = gesta__hash_step(h, c);
  }
  if (!(high & 0x80)) {
    dst[e - s] = 0;
    /* The common case: push without clearing the slot first (every field is set below). */
    if (out->len < out->cap)
      out->len++;
    else if (!gesta__vec_push(out))
      return GESTA_ENOMEM;
    token *t = (token *)out->data + out->len - 1;
    t->start = (uint32_t)s;
    t->end = (uint32_t)e;
    t->norm = dst;
    t->norm_len = (uint32_t)(e - s);
    t->hash = gesta__hash_fin(h); /* gesta__word_hash(dst, e - s) */
    t->flags = flags | TF_ASCII;
    return 0;
  }
  size_t cap = (e - s) * 4 + 8;
  dst = gesta__arena_alloc(a, cap);
  if (!dst) return GESTA_ENOMEM;
  size_t n = gesta__fold_into(text + s, e - s, dst, cap);
  if (n == (size_t)-1) {
    /* A few compatibility characters fold to many (U+FDFB is 8 letters): size for the worst. */
    cap = (e - s) * GESTA_FOLD_MAX_GROWTH + 8;
    if (!(dst = gesta__arena_alloc(a, cap))) return GESTA_ENOMEM;
    n = gesta__fold_into(text + s, e - s, dst, cap);
    if (n == (size_t)-1) return GESTA_ENOMEM;
  }
  /* Apostrophe variants fold to "'", so the possessive always reads "'s". */
  token *t = gesta__vec_push(out);
  if (!t) return GESTA_ENOMEM;
  t->start = (uint32_t)s;
  t->end = (uint32_t)e;
  t->norm = dst;
  t->norm_len = (uint32_t)n;
  t->hash = gesta__word_hash(dst, n);
  t->flags = flags;
  return 0;
}

static uint32_t punct_flags(int32_t cp) {
  switch (cp) {
  case '.': case '!': case '?': case 0x2026: return TF_PUNCT | TF_TERM;
  case '(': case '[': case '{': case 0x201C: case 0x00AB: case 0x2018: case 0x00BF: case 0x00A1:
  case 0x201E: case 0x2039:
    return TF_PUNCT | TF_OPEN;
  case ')': case ']': case '}': case 0x201D: case 0x00BB: case 0x203A:
    return TF_PUNCT | TF_CLOSE;
  case '"': case '\'': return TF_PUNCT; /* direction decided by context */
  case ',': case ';': case ':': return TF_PUNCT | TF_CLAUSE;
  case '-': case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    return TF_PUNCT | TF_DASH | TF_CLAUSE;
  default: return TF_PUNCT;
  }
}

int gesta__tokenize(const char *text, size_t start, size_t end, arena *a, gvec *out,
                    gesta_abbrev_fn is_abbrev, const void *ctx) {
  size_t i = start;
  while (i < end) {
    int32_t cp;
    int len;
    int c = cls_at(text, i, end, &cp, &len);
    if (c == CC_SPACE) {
      i += (size_t)len;
      continue;
    }
    if (c == CC_PUNCT || c == CC_OTHER) {
      size_t s = i;
      uint32_t f = punct_flags(cp);
      i += (size_t)len;
      /* "..." is one token. */
      if (cp == '.' && i + 1 < end && text[i] == '.' && text[i + 1] == '.') i += 2;
      /* The English possessive: an apostrophe then s, ending the word. */
      if ((cp == '\'' || cp == 0x2019) && i < end && (text[i] == 's' || text[i] == 'S')) {
        int32_t nx;
        int nl;
        int after = cls_at(text, i + 1, end, &nx, &nl);
        int32_t pv;
        int pl;
        /* After a word, or alone (the possessive as written in a dictionary). */
        size_t pb = s;
        while (pb > start && (((unsigned char)text[pb - 1] & 0xC0) == 0x80)) pb--;
        int before = s > start ? cls_at(text, pb > start ? pb - 1 : pb, end, &pv, &pl) : CC_LETTER;
        if (after != CC_LETTER && after != CC_DIGIT && (before == CC_LETTER || before == CC_MARK)) {
          i += 1;
          f = TF_WORD;
        }
      }
      if (emit(text, s, i, f, a, out)) return GESTA_ENOMEM;
      continue;
    }
    /* A word. */
    size_t s = i;
    int has_upper = 0, has_lower = 0;
    int first_upper = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : gesta__is_upper(cp);
    int internal_period = 0, all_letters = 1;
    int first_digit = c == CC_DIGIT;
    size_t nchars = 0;
    for (;;) {
      /* Runs of ASCII letters and digits, most of any word, need no decoding. */
      size_t run = i;
      unsigned seen = 0, kind;
      while (i < end && (kind = ascii_kind[(unsigned char)text[i]]) != 0) {
        seen |= kind;
        i++;
      }
      nchars += i - run;
      if (seen & AK_LOWER) has_lower = 1;
      if (seen & AK_UPPER) has_upper = 1;
      if (seen & AK_DIGIT) all_letters = 0;
      int32_t q;
      int ql;
      int k = cls_at(text, i, end, &q, &ql);
      if (k == CC_LETTER || k == CC_DIGIT || k == CC_MARK) {
        if (k == CC_LETTER) {
          if (q < 0x80 ? (q >= 'A' && q <= 'Z') : gesta__is_upper(q))
            has_upper = 1;
          else
            has_lower = 1;
        } else if (k == CC_DIGIT) {
          all_letters = 0;
        }
        nchars++;
        i += (size_t)ql;
        continue;
      }
      if (k == CC_PUNCT && i > s) {
        int32_t nx, pv;
        int nl, pl;
        int nk = cls_at(text, i + (size_t)ql, end, &nx, &nl);
        /* The previous character: step back over UTF-8 continuation bytes. */
        size_t p = i - 1;
        while (p > s && ((unsigned char)text[p] & 0xC0) == 0x80) p--;
        int pk = cls_at(text, p, end, &pv, &pl);
        if (q == '.' && pk == CC_LETTER && nk == CC_LETTER) {
          internal_period = 1;
          i += (size_t)ql;
          continue;
        }
        if ((q == '.' || q == ',' || q == ':') && pk == CC_DIGIT && nk == CC_DIGIT) {
          i += (size_t)ql;
          continue;
        }
        /* Apostrophes inside a word (d'Ivoire, don't) but not the possessive 's. */
        if ((q == '\'' || q == 0x2019) && pk == CC_LETTER && nk == CC_LETTER) {
          int32_t n2;
          int l2;
          int k2 = cls_at(text, i + (size_t)ql + (size_t)nl, end, &n2, &l2);
          if (!((nx == 's' || nx == 'S') && k2 != CC_LETTER && k2 != CC_DIGIT)) {
            i += (size_t)ql;
            continue;
          }
        }
      }
      break;
    }
    uint32_t f = TF_WORD | (first_upper ? TF_CAP : 0u) | (has_upper && !has_lower ? TF_UPPER : 0u) |
                 (first_digit ? TF_NUM : 0u);
    if (!first_upper && i - s > 2 && text[s] >= 'a' && text[s] <= 'z' && text[s + 1] >= 'A' &&
        text[s + 1] <= 'Z')
      f |= TF_INNER_CAP;
    /* A final period belongs to acronyms, initials and listed abbreviations. */
    if (i < end && text[i] == '.' && !(i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.')) {
      int keep = 0;
      if (internal_period && all_letters) {
        keep = 1;
        f |= TF_ACRONYM;
      } else if (nchars == 1 && first_upper && !(s > start && text[s - 1] == '-') &&
                 i + 2 < end && text[i + 1] == ' ' && (unsigned char)text[i + 2] >= 'A' &&
                 (unsigned char)text[i + 2] <= 'Z') {
        keep = 1; /* an initial: "J. Smith" (not the end of "SPLM-N.") */
      } else if (is_abbrev && i - s < 24) {
        char buf[128];
        size_t n = gesta__fold_into(text + s, i + 1 - s, buf, sizeof buf);
        if (n != (size_t)-1 && is_abbrev(ctx, gesta__word_hash(buf, n))) keep = 1;
      }
      if (keep) {
        i++;
        f |= TF_ABBR;
      }
    } else if (internal_period && all_letters) {
      f |= TF_ACRONYM;
    }
    if (emit(text, s, i, f, a, out)) return GESTA_ENOMEM;
  }
  return 0;
}
