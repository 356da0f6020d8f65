/*
 * Text normalisation: repairing invalid UTF-8 and folding a word to its matching form.
 * The matching form is compatibility-decomposed, case-folded and stripped of combining marks
 * (utf8proc), so "Bogotá", "BOGOTA" and "bogota" fold alike; typographic apostrophes become "'".
 * It does not segment or tokenise: see token.h.
 */
#ifndef GESTA_NORMALIZE_H
#define GESTA_NORMALIZE_H

#include "internal.h"

/* Copies text into out, replacing each invalid UTF-8 sequence and each NUL with U+FFFD.
 * Returns the number of replacements (0 when the text was valid) or GESTA_ENOMEM; *first_bad is
 * the byte offset of the first one. */
long gesta__utf8_repair(const char *text, size_t len, gbuf *out, size_t *first_bad);

/* Whether text is valid UTF-8 without NUL bytes (what gesta__utf8_repair would leave alone). */
int gesta__utf8_valid(const char *text, size_t len);

/* Decodes one code point from valid UTF-8 at s (n bytes left); returns its length. */
int gesta__utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* The most bytes one input byte can fold to: a 3-byte character decomposes into at most 16
 * code points of at most 4 bytes each. */
#define GESTA_FOLD_MAX_GROWTH 22

/* Appends the matching form of s[0..n) to out. Returns 0 or GESTA_ENOMEM. */
int gesta__fold(const char *s, size_t n, gbuf *out);
/* The same into a fixed buffer, always NUL-terminated; returns the folded length, or (size_t)-1
 * if it and its terminator do not fit in cap bytes. */
size_t gesta__fold_into(const char *s, size_t n, char *dst, size_t cap);

/* Lowercases s[0..n) keeping its accents (case folding only: Snowball's input), into dst, not
 * terminated; returns the length, or (size_t)-1 if it does not fit in cap bytes. */
size_t gesta__lower_into(const char *s, size_t n, char *dst, size_t cap);

enum { CC_OTHER, CC_SPACE, CC_LETTER, CC_DIGIT, CC_MARK, CC_PUNCT };
/* The class of a code point for tokenising, and whether it is an uppercase letter. */
int gesta__char_class(int32_t cp);
int gesta__is_upper(int32_t cp);

#endif
