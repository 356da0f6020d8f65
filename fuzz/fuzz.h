/*
 * Shared by the fuzz harnesses: the libFuzzer entry point's prototype, the built-in dictionary
 * (built once, lazily, and reused by every input), and checks on what the library hands back.
 * A failed check abort()s, which libFuzzer, AFL++ and the corpus replayer all report as a crash:
 * a broken invariant is a bug as much as a bad read is.
 */
#ifndef GESTA_FUZZ_H
#define GESTA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "gesta/gesta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The dictionary built from gesta_dict_builder_add_builtin(GESTA_DICT_ALL), built on the first
 * call and kept for the life of the process (it is immutable and never freed: it is reachable
 * from a static, so LeakSanitizer does not count it). Aborts if the built-in set fails to build. */
const gesta_dict *fuzz_builtin_dict(void);

/* Aborts with a message on stderr when cond is false. */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
void fuzz_fail(const char *file, int line, const char *what);

/* Whether s[0..n) is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
int fuzz_utf8_valid(const char *s, size_t n);

/* Checks one event against the public header's contract (spans inside the sentence, codes set,
 * root the first two digits of the code, QuadClass 1..4, Goldstein -10..10, valid UTF-8) and
 * writes it with gesta_event_to_json into buffers of several sizes. Returns a hash of its JSON. */
uint64_t fuzz_check_event(const gesta_event *ev);
/* The same for a tag. */
void fuzz_check_tag(const gesta_tag *tag);

/* Codes text as the document id (dated 2024-03-15) with d, checking every event and tag; returns
 * how many events there were. */
size_t fuzz_code_text(const gesta_dict *d, const char *id, const char *text, size_t len);

#endif
