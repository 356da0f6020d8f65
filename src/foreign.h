/*
 * Reading dictionaries written for TABARI and PETRARCH (docs/dictionary-format.md, "Other
 * formats"). Each file is repaired (CRLF, Latin-1, stray bytes) and translated line by line into
 * gesta's native format, which dict.c compiles into the same immutable form as the built-in
 * dictionaries. The translation keeps, for every line it writes, the line of the original file it
 * came from, so that every message names the file and line the user gave.
 */
#ifndef GESTA_FOREIGN_H
#define GESTA_FOREIGN_H

#include "internal.h"

/* From dict.c: adds a translated native source and records a load warning. */
int gesta__dict_add_translated(gesta_dict_builder *b, gesta_dict_kind kind, const char *name,
                               const char *text, size_t len, const uint32_t *lines, size_t nlines);
int gesta__dict_warning(gesta_dict_builder *b, const char *msg);
/* The coding options the builder's dictionaries set. */
struct lex_options;
struct lex_options *gesta__dict_options(gesta_dict_builder *b);
/* Sets the builder's error message (for failures that stop a load). */
void gesta__dict_set_error(gesta_dict_builder *b, const char *msg);
/* Appends the whole file at `path` to `out`; on failure sets the builder's error message. */
int gesta__dict_read_file(gesta_dict_builder *b, const char *path, gbuf *out);

#endif
