/*
 * gesta dict stats [--json] [--actors F] [--agents F] [--verbs F]
 * gesta dict check [--actors F] [--agents F] [--verbs F]
 *
 * stats counts what the dictionaries hold per language; check lists duplicates, conflicts and
 * patterns that can never win, and exits non-zero when it finds any. Both use only the public
 * API.
 */
#include <stdio.h>
#include <string.h>

#include <gesta/gesta.h>

#include "commands.h"

#define MAX_FILES 64

typedef struct dict_opts {
  const char *files[3][MAX_FILES];
  int nfiles[3];
  int json;
} dict_opts;

static const gesta_dict_kind file_kinds[3] = {GESTA_DICT_ACTORS, GESTA_DICT_AGENTS,
                                              GESTA_DICT_VERBS};
static const char *const file_flags[3] = {"--actors", "--agents", "--verbs"};

static int parse(int argc, char **argv, dict_opts *o, int allow_json) {
  memset(o, 0, sizeof *o);
  for (int i = 0; i < argc; i++) {
    if (allow_json && strcmp(argv[i], "--json") == 0) {
      o->json = 1;
      continue;
    }
    int k = -1;
    for (int f = 0; f < 3; f++)
      if (strcmp(argv[i], file_flags[f]) == 0) k = f;
    if (k < 0 || i + 1 >= argc || o->nfiles[k] == MAX_FILES) {
      fprintf(stderr, "gesta: dict: unexpected argument '%s'\n", argv[i]);
      return -1;
    }
    o->files[k][o->nfiles[k]++] = argv[++i];
  }
  return 0;
}

/* Builds the dictionaries: built-in ones, with the given files replacing their kind. */
static int build(const dict_opts *o, int check, gesta_dict **out, gesta_dict_builder **keep) {
  gesta_dict_builder *b;
  if (gesta_dict_builder_new(&b)) return -1;
  gesta_dict_builder_set_check(b, check);
  unsigned builtin = GESTA_DICT_ALL;
  for (int k = 0; k < 3; k++)
    if (o->nfiles[k]) builtin &= ~(unsigned)file_kinds[k];
  int rc = gesta_dict_builder_add_builtin(b, builtin);
  for (int k = 0; k < 3 && !rc; k++)
    for (int i = 0; i < o->nfiles[k] && !rc; i++)
      rc = gesta_dict_builder_add_file(b, file_kinds[k], o->files[k][i]);
  if (!rc) rc = gesta_dict_builder_build(b, out);
  if (rc) {
    fprintf(stderr, "gesta: cannot load dictionaries: %s\n", gesta_dict_builder_errmsg(b));
    gesta_dict_builder_free(b);
    return -1;
  }
  *keep = b;
  return 0;
}

static const char *const langs[] = {"es", "en"};

static int cmd_stats(int argc, char **argv) {
  dict_opts o;
  if (parse(argc, argv, &o, 1)) return 2;
  gesta_dict *d;
  gesta_dict_builder *b;
  if (build(&o, 0, &d, &b)) return 2;
  if (o.json) printf("{");
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
    gesta_dict_stats st;
    if (gesta_dict_get_stats(d, langs[i], &st)) continue;
    if (o.json) {
      printf("%s\"%s\": {\"states\": %zu, \"organisations\": %zu, \"groups\": %zu, "
             "\"agents\": %zu, \"people\": %zu, \"actor_phrases\": %zu, \"verb_patterns\": %zu, "
             "\"cameo_codes\": %zu, \"cameo_codes_covered\": %zu}",
             i ? ", " : "", langs[i], st.states, st.organisations, st.groups, st.agent_phrases,
             st.people, st.actor_phrases, st.verb_patterns, st.cameo_codes, st.cameo_codes_covered);
    } else {
      printf("%s: states %zu, organisations %zu, groups %zu, role words %zu, people %zu, "
             "actor names %zu, verb patterns %zu, CAMEO codes covered %zu of %zu\n",
             langs[i], st.states, st.organisations, st.groups, st.agent_phrases, st.people,
             st.actor_phrases, st.verb_patterns, st.cameo_codes_covered, st.cameo_codes);
    }
  }
  if (o.json) printf("}\n");
  gesta_dict_free(d);
  gesta_dict_builder_free(b);
  return 0;
}

static int cmd_check(int argc, char **argv) {
  dict_opts o;
  if (parse(argc, argv, &o, 0)) return 2;
  gesta_dict *d;
  gesta_dict_builder *b;
  if (build(&o, 1, &d, &b)) return 2;
  size_t n = gesta_dict_builder_finding_count(b);
  for (size_t i = 0; i < n; i++) printf("%s\n", gesta_dict_builder_finding(b, i));
  if (n)
    fprintf(stderr, "gesta: dict check: %zu finding%s\n", n, n > 1 ? "s" : "");
  else
    fprintf(stderr, "gesta: dict check: no duplicates, conflicts or unreachable patterns\n");
  gesta_dict_free(d);
  gesta_dict_builder_free(b);
  return n ? 1 : 0;
}

int gesta_cmd_dict(int argc, char **argv) {
  if (argc >= 1 && strcmp(argv[0], "stats") == 0) return cmd_stats(argc - 1, argv + 1);
  if (argc >= 1 && strcmp(argv[0], "check") == 0) return cmd_check(argc - 1, argv + 1);
  fprintf(stderr, "usage: gesta dict stats [--json] | gesta dict check   "
                  "(with --actors/--agents/--verbs FILE to replace built-in parts)\n");
  return 2;
}
