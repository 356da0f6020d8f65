/*
 * Helpers shared by the unit tests.
 */
#ifndef GESTA_TESTS_UNIT_UTIL_H
#define GESTA_TESTS_UNIT_UTIL_H

#include <stdint.h>

#include <gesta/gesta.h>

/* Builds the built-in dictionaries (all kinds). On failure prints why and returns NULL. */
gesta_dict *unit_builtin_dict(void);

/* The abbreviation callback of gesta__tokenize over a compiled dictionary (ctx is the
 * gesta_dict): whether the folded word with its period is an abbreviation in any language. */
int unit_abbrev_cb(const void *ctx, uint64_t hash);

#endif
