/*
 * The dictionaries built into the library: every file under data/, embedded at build time by
 * tools/embed (see CMakeLists.txt) into a generated builtin_data.c.
 */
#ifndef GESTA_BUILTIN_H
#define GESTA_BUILTIN_H

#include <stddef.h>

typedef struct gesta__builtin_file {
  int kind; /* gesta_dict_kind */
  const char *name;
  const char *text;
  size_t len;
} gesta__builtin_file;

extern const gesta__builtin_file gesta__builtin_files[];
extern const size_t gesta__builtin_count;

#endif
