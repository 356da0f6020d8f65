/*
 * Tokeniser: splits valid UTF-8 text into words and punctuation, each with its byte offsets into
 * the text, its folded matching form and that form's hash. Abbreviations keep their period
 * ("EE.UU.", "Sr.", "U.S."), numbers keep their decimal and thousands separators ("3,5", "1.000"),
 * and an English possessive is a token of its own ("Japan" "'s"). It does not find sentences.
 */
#ifndef GESTA_TOKEN_H
#define GESTA_TOKEN_H

#include "internal.h"

enum {
  TF_WORD = 1 << 0,
  TF_PUNCT = 1 << 1,
  TF_CAP = 1 << 2,     /* starts with an uppercase letter */
  TF_UPPER = 1 << 3,   /* has letters, all uppercase */
  TF_NUM = 1 << 4,     /* starts with a digit */
  TF_TERM = 1 << 5,    /* . ! ? ... that may end a sentence */
  TF_OPEN = 1 << 6,    /* opening quote, bracket, or Spanish ¿ ¡ */
  TF_CLOSE = 1 << 7,   /* closing quote or bracket */
  TF_ABBR = 1 << 8,    /* a listed abbreviation or an initial, keeping its period */
  TF_ACRONYM = 1 << 9, /* letters joined by periods, "U.S.", "EE.UU." */
  TF_DASH = 1 << 10,
  TF_CLAUSE = 1 << 11, /* , ; : and dashes */
  TF_ASCII = 1 << 12,  /* written in ASCII alone */
  TF_INNER_CAP = 1 << 13 /* a lowercase first letter before an uppercase one ("iSrael", "eBay") */
};

/* The cases a word a dictionary writes with a capital may have in the text: capitalised, in
 * capitals, or with a capital after a slipped first letter ("iSrael"). */
#define NAME_CASE (TF_CAP | TF_UPPER | TF_INNER_CAP)

typedef struct token {
  uint32_t start, end; /* byte offsets into the tokenised text */
  uint64_t hash;       /* hash of norm */
  const char *norm;    /* folded form, NUL-terminated, in the arena */
  uint32_t norm_len;
  uint32_t flags;
} token;

/* Says whether a folded word with its final period ("sr.") is a known abbreviation. */
typedef int (*gesta_abbrev_fn)(const void *ctx, uint64_t hash);

/* Appends the tokens of text[start, end) to out (a gvec of token). Folded forms live in a.
 * Returns 0 or GESTA_ENOMEM. */
int gesta__tokenize(const char *text, size_t start, size_t end, arena *a, gvec *out,
                    gesta_abbrev_fn is_abbrev, const void *ctx);

/* Whether the token is the one character c (",", ";", '"'). */
static inline int gesta__tok_is(const token *t, char c) { return t->norm_len == 1 && t->norm[0] == c; }

/* Whether t is the English possessive "'s", a token of its own after its word. */
static inline int gesta__tok_genitive(const token *t) {
  return t->norm_len == 2 && t->norm[0] == '\'' && t->norm[1] == 's';
}

/* Whether tok[k] is a hyphen or dash glued to the words on both sides ("al-Maliki",
 * "pro-Russian", "rebel-held"): a mark inside a compound, not between clauses. The caller makes
 * sure tok[k - 1] and tok[k + 1] exist. */
static inline int gesta__tok_glued(const token *tok, uint32_t k) {
  return (tok[k].flags & TF_DASH) && tok[k - 1].end == tok[k].start && tok[k].end == tok[k + 1].start;
}

/* The hash of a folded word given as a C string (for tables). */
static inline uint64_t gesta__word_hash(const char *norm, size_t n) {
  return gesta__hash_bytes(norm, n);
}

#endif
