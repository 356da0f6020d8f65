/*
 * Scratch directories for tests that write files: made under $TMPDIR (or /tmp) and removed with
 * everything in them.
 */
#ifndef GESTA_TEST_SCRATCH_H
#define GESTA_TEST_SCRATCH_H

#include <stddef.h>

/* Makes a fresh directory "<tmp>/<prefix>-XXXXXX" and writes its path into root (cap bytes).
 * Returns 0, or -1 with a message on stderr and root set to "". */
int test_scratch_make(char *root, size_t cap, const char *prefix);

/* Removes root and everything under it; nothing when root is "". */
void test_scratch_remove(const char *root);

#endif
