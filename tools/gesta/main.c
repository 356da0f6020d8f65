/*
 * gesta: the command-line tool. It only uses the public API (<gesta/gesta.h>).
 *
 *   gesta code [options] FILE...     code documents into CAMEO events (JSON lines on stdout)
 *   gesta tag [options] FILE...      show the actors, agents and verbs recognised in each sentence
 *   gesta version | help
 *
 * stderr carries one line per problem, naming the file and line, and always ends with the
 * summary "gesta: documents read R, coded C, failed F; events E".
 * Exit status: 0 all documents coded, 1 some failed, 2 usage error or fatal error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gesta/gesta.h>

#include "commands.h"

#define MAX_FILES 64

typedef struct opts {
  const char *input; /* "text" or "jsonl" */
  const char *date;
  const char *id;
  const char *lang;
  const char *today;
  size_t max_doc_bytes;
  const char *actors[MAX_FILES];
  int nactors;
  const char *agents[MAX_FILES];
  int nagents;
  const char *verbs[MAX_FILES];
  int nverbs;
  int tag; /* gesta tag: print what was recognised instead of events */
} opts;

typedef struct run {
  gesta_coder *coder;
  const opts *o;
  size_t read, coded, failed, events;
  char *json;
  size_t json_cap;
  int out_failed;
  const char *cur_file;
  size_t cur_line; /* JSONL line, 0 for plain text */
} run;

static void usage(FILE *f) {
  fputs("usage: gesta code [options] FILE...   code documents ('-' reads stdin)\n"
        "       gesta tag [options] FILE...    show what was recognised in each sentence\n"
        "       gesta version\n"
        "\n"
        "options for code and tag:\n"
        "  --input text|jsonl     each FILE is one document (text, default) or holds one JSON\n"
        "                         document per line: {\"id\", \"date\", \"text\", \"title\", \"lang\"}\n"
        "  --date YYYY-MM-DD      date of plain-text documents (default: none; today's date\n"
        "                         resolves dictionary date ranges)\n"
        "  --id ID                id of a single plain-text document (default: the file name)\n"
        "  --lang es|en           language to assume where a paragraph gives no evidence\n"
        "  --max-doc-bytes N      refuse larger documents (default 16777216)\n"
        "  --actors FILE          actor dictionary in gesta's format (repeatable); replaces the\n"
        "                         built-in actors; --agents FILE and --verbs FILE likewise\n"
        "\n"
        "Events are JSON lines on stdout; see docs/output.md.\n",
        f);
}

static int on_event(const gesta_event *ev, void *user) {
  run *r = user;
  size_t n = gesta_event_to_json(ev, r->json, r->json_cap);
  if (n + 2 > r->json_cap) {
    size_t cap = (n + 2) * 2;
    char *p = realloc(r->json, cap);
    if (!p) return 1;
    r->json = p;
    r->json_cap = cap;
    gesta_event_to_json(ev, r->json, r->json_cap);
  }
  r->json[n] = '\n';
  if (fwrite(r->json, 1, n + 1, stdout) != n + 1) {
    r->out_failed = 1;
    return 1;
  }
  r->events++;
  return 0;
}

static int count_event(const gesta_event *ev, void *user) {
  (void)ev;
  ((run *)user)->events++;
  return 0;
}

static void on_tag(const gesta_tag *tag, void *user) {
  run *r = user;
  if (r->out_failed) return;
  size_t n = gesta_tag_to_json(tag, r->json, r->json_cap);
  if (n + 2 > r->json_cap) {
    size_t cap = (n + 2) * 2;
    char *p = realloc(r->json, cap);
    if (!p) {
      r->out_failed = 1;
      return;
    }
    r->json = p;
    r->json_cap = cap;
    gesta_tag_to_json(tag, r->json, r->json_cap);
  }
  r->json[n] = '\n';
  if (fwrite(r->json, 1, n + 1, stdout) != n + 1) r->out_failed = 1;
}

static void on_warn(const char *doc, size_t line, const char *msg, void *user) {
  run *r = user;
  if (r->cur_line)
    fprintf(stderr, "gesta: warning: %s:%zu: document %s: %s\n", r->cur_file, r->cur_line, doc, msg);
  else if (line)
    fprintf(stderr, "gesta: warning: %s:%zu: document %s: %s\n", r->cur_file, line, doc, msg);
  else
    fprintf(stderr, "gesta: warning: %s: document %s: %s\n", r->cur_file, doc, msg);
}

static void doc_failed(run *r, const char *where_file, size_t line, const char *msg) {
  r->failed++;
  if (line)
    fprintf(stderr, "gesta: %s:%zu: %s\n", where_file, line, msg);
  else
    fprintf(stderr, "gesta: %s: %s\n", where_file, msg);
}

static void code_doc(run *r, const gesta_document *doc) {
  int rc = gesta_coder_code(r->coder, doc, r->o->tag ? count_event : on_event, r);
  if (rc == 0) {
    r->coded++;
    return;
  }
  if (r->out_failed) {
    r->failed++;
    return;
  }
  doc_failed(r, r->cur_file, r->cur_line, gesta_coder_errmsg(r->coder));
}

/* Reads a whole stream, refusing more than limit bytes. Returns 0, -1 (I/O), -2 (too big). */
static int slurp(FILE *f, size_t limit, char **out, size_t *len) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  if (!buf) return -1;
  for (;;) {
    if (n == cap) {
      if (cap > limit) break;
      cap *= 2;
      char *p = realloc(buf, cap);
      if (!p) {
        free(buf);
        return -1;
      }
      buf = p;
    }
    size_t k = fread(buf + n, 1, cap - n, f);
    n += k;
    if (k == 0) break;
    if (n > limit) break;
  }
  if (ferror(f)) {
    free(buf);
    return -1;
  }
  if (n > limit) {
    free(buf);
    return -2;
  }
  *out = buf;
  *len = n;
  return 0;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static void code_text_file(run *r, const char *path) {
  int is_stdin = strcmp(path, "-") == 0;
  r->cur_file = is_stdin ? "stdin" : path;
  r->cur_line = 0;
  r->read++;
  const char *id = r->o->id ? r->o->id : is_stdin ? "stdin" : base_name(path);
  char msg[512];
  struct stat st;
  if (!is_stdin && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    snprintf(msg, sizeof msg, "document %s: is a directory, not a file", id);
    doc_failed(r, r->cur_file, 0, msg);
    return;
  }
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) {
    snprintf(msg, sizeof msg, "document %s: cannot open: %s", id, strerror(errno));
    doc_failed(r, r->cur_file, 0, msg);
    return;
  }
  char *text = NULL;
  size_t len = 0;
  int rc = slurp(f, r->o->max_doc_bytes, &text, &len);
  if (!is_stdin) fclose(f);
  if (rc == -2) {
    snprintf(msg, sizeof msg, "document %s: too large (over the limit of %zu bytes; see --max-doc-bytes)",
             id, r->o->max_doc_bytes);
    doc_failed(r, r->cur_file, 0, msg);
    return;
  }
  if (rc) {
    snprintf(msg, sizeof msg, "document %s: read error: %s", id, strerror(errno));
    doc_failed(r, r->cur_file, 0, msg);
    return;
  }
  gesta_document doc = {0};
  doc.id = id;
  doc.text = text;
  doc.text_len = len;
  doc.date = r->o->date;
  doc.lang = r->o->lang;
  code_doc(r, &doc);
  free(text);
}

static void code_jsonl_file(run *r, const char *path) {
  int is_stdin = strcmp(path, "-") == 0;
  r->cur_file = is_stdin ? "stdin" : path;
  char msg[600];
  struct stat st;
  if (!is_stdin && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    r->read++;
    doc_failed(r, r->cur_file, 0, "is a directory, not a file");
    return;
  }
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) {
    r->read++;
    snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
    doc_failed(r, r->cur_file, 0, msg);
    return;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  size_t lineno = 0;
  while ((n = getline(&line, &cap, f)) >= 0 && !r->out_failed) {
    lineno++;
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    char *start = line;
    if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
      start += 3; /* a byte-order mark */
      len -= 3;
    }
    size_t k = 0;
    while (k < len && (start[k] == ' ' || start[k] == '\t')) k++;
    if (k == len) continue; /* blank lines hold no document */
    r->read++;
    r->cur_line = lineno;
    if (len > r->o->max_doc_bytes + 4096) {
      snprintf(msg, sizeof msg, "document line too large (%zu bytes; see --max-doc-bytes)", len);
      doc_failed(r, r->cur_file, lineno, msg);
      continue;
    }
    gesta_json_doc *jd = NULL;
    char err[256];
    if (gesta_json_doc_parse(&jd, start, len, err, sizeof err)) {
      doc_failed(r, r->cur_file, lineno, err);
      continue;
    }
    const gesta_document *doc = gesta_json_doc_document(jd);
    size_t replaced = gesta_json_doc_replaced(jd);
    if (replaced)
      fprintf(stderr, "gesta: warning: %s:%zu: document %s: %zu invalid UTF-8 sequence%s replaced by U+FFFD\n",
              r->cur_file, lineno, doc->id, replaced, replaced > 1 ? "s" : "");
    code_doc(r, doc);
    gesta_json_doc_free(jd);
  }
  if (ferror(f)) {
    snprintf(msg, sizeof msg, "read error after line %zu: %s", lineno, strerror(errno));
    r->read++;
    doc_failed(r, r->cur_file, 0, msg);
  }
  free(line);
  if (!is_stdin) fclose(f);
  r->cur_line = 0;
}

static int load_dict(const opts *o, gesta_dict **out) {
  gesta_dict_builder *b;
  if (gesta_dict_builder_new(&b)) return -1;
  unsigned builtin = GESTA_DICT_ALL;
  if (o->nactors) builtin &= ~(unsigned)GESTA_DICT_ACTORS;
  if (o->nagents) builtin &= ~(unsigned)GESTA_DICT_AGENTS;
  if (o->nverbs) builtin &= ~(unsigned)GESTA_DICT_VERBS;
  int rc = gesta_dict_builder_add_builtin(b, builtin);
  for (int i = 0; !rc && i < o->nactors; i++)
    rc = gesta_dict_builder_add_file(b, GESTA_DICT_ACTORS, o->actors[i]);
  for (int i = 0; !rc && i < o->nagents; i++)
    rc = gesta_dict_builder_add_file(b, GESTA_DICT_AGENTS, o->agents[i]);
  for (int i = 0; !rc && i < o->nverbs; i++)
    rc = gesta_dict_builder_add_file(b, GESTA_DICT_VERBS, o->verbs[i]);
  if (!rc) rc = gesta_dict_builder_build(b, out);
  if (rc) {
    const char *m = gesta_dict_builder_errmsg(b);
    fprintf(stderr, "gesta: cannot load dictionaries: %s\n", m && m[0] ? m : gesta_strerror(rc));
  }
  gesta_dict_builder_free(b);
  return rc ? -1 : 0;
}

static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *end || v == 0 || s[0] == '-') return -1;
  *out = (size_t)v;
  return 0;
}

static int cmd_code(int argc, char **argv, int tag) {
  opts o;
  memset(&o, 0, sizeof o);
  o.tag = tag;
  o.input = "text";
  o.max_doc_bytes = (size_t)16 << 20;
  const char *files[4096];
  int nfiles = 0;
  int only_files = 0;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VALUE()                                                      \
  do {                                                                    \
    if (!val) {                                                           \
      fprintf(stderr, "gesta: option %s needs a value\n", a);             \
      goto usage_error;                                                   \
    }                                                                     \
    i++;                                                                  \
  } while (0)
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      if (nfiles == (int)(sizeof files / sizeof files[0])) {
        fprintf(stderr, "gesta: too many files on the command line\n");
        goto usage_error;
      }
      files[nfiles++] = a;
    } else if (strcmp(a, "--") == 0) {
      only_files = 1;
    } else if (strcmp(a, "--input") == 0) {
      NEED_VALUE();
      if (strcmp(val, "text") && strcmp(val, "jsonl")) {
        fprintf(stderr, "gesta: --input must be text or jsonl, not '%s'\n", val);
        goto usage_error;
      }
      o.input = val;
    } else if (strcmp(a, "--date") == 0) {
      NEED_VALUE();
      if (!gesta_date_valid(val)) {
        fprintf(stderr, "gesta: --date must be a date in the form YYYY-MM-DD, not '%s'\n", val);
        goto usage_error;
      }
      o.date = val;
    } else if (strcmp(a, "--today") == 0) {
      NEED_VALUE();
      if (!gesta_date_valid(val)) {
        fprintf(stderr, "gesta: --today must be a date in the form YYYY-MM-DD, not '%s'\n", val);
        goto usage_error;
      }
      o.today = val;
    } else if (strcmp(a, "--id") == 0) {
      NEED_VALUE();
      if (!val[0]) {
        fprintf(stderr, "gesta: --id must not be empty\n");
        goto usage_error;
      }
      o.id = val;
    } else if (strcmp(a, "--lang") == 0) {
      NEED_VALUE();
      o.lang = val;
    } else if (strcmp(a, "--max-doc-bytes") == 0) {
      NEED_VALUE();
      if (parse_size(val, &o.max_doc_bytes)) {
        fprintf(stderr, "gesta: --max-doc-bytes must be a positive number of bytes\n");
        goto usage_error;
      }
    } else if (strcmp(a, "--actors") == 0 || strcmp(a, "--agents") == 0 ||
               strcmp(a, "--verbs") == 0) {
      NEED_VALUE();
      const char **list = a[2] == 'v' ? o.verbs : a[4] == 't' ? o.actors : o.agents;
      int *cnt = a[2] == 'v' ? &o.nverbs : a[4] == 't' ? &o.nactors : &o.nagents;
      if (*cnt == MAX_FILES) {
        fprintf(stderr, "gesta: too many %s files\n", a);
        goto usage_error;
      }
      list[(*cnt)++] = val;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      return 0;
    } else {
      fprintf(stderr, "gesta: unknown option '%s'\n", a);
      goto usage_error;
    }
#undef NEED_VALUE
  }
  if (nfiles == 0) {
    fprintf(stderr, "gesta: code needs at least one FILE ('-' for stdin)\n");
    goto usage_error;
  }
  if (o.id && (nfiles > 1 || strcmp(o.input, "jsonl") == 0)) {
    fprintf(stderr, "gesta: --id names a single plain-text document\n");
    goto usage_error;
  }
  if (o.lang && strcmp(o.lang, "es") && strcmp(o.lang, "en")) {
    fprintf(stderr, "gesta: --lang must be es or en, not '%s'\n", o.lang);
    goto usage_error;
  }

  gesta_dict *dict = NULL;
  if (load_dict(&o, &dict)) {
    fprintf(stderr, "gesta: documents read 0, coded 0, failed 0; events 0\n");
    return 2;
  }
  run r;
  memset(&r, 0, sizeof r);
  r.o = &o;
  gesta_coder_options co;
  gesta_coder_options_default(&co);
  co.max_doc_bytes = o.max_doc_bytes;
  co.today = o.today;
  co.warn = on_warn;
  co.warn_user = &r;
  if (gesta_coder_new(&r.coder, dict, &co)) {
    fprintf(stderr, "gesta: cannot create a coder: out of memory\n");
    gesta_dict_free(dict);
    fprintf(stderr, "gesta: documents read 0, coded 0, failed 0; events 0\n");
    return 2;
  }
  if (tag) gesta_coder_set_tag_cb(r.coder, on_tag, &r);
  r.json_cap = 1 << 16;
  r.json = malloc(r.json_cap);
  if (!r.json) {
    gesta_coder_free(r.coder);
    gesta_dict_free(dict);
    return 2;
  }
  for (int i = 0; i < nfiles && !r.out_failed; i++) {
    if (strcmp(o.input, "jsonl") == 0)
      code_jsonl_file(&r, files[i]);
    else
      code_text_file(&r, files[i]);
  }
  if (fflush(stdout) != 0) r.out_failed = 1;
  if (r.out_failed) fprintf(stderr, "gesta: cannot write events to stdout: %s\n", strerror(errno));
  fprintf(stderr, "gesta: documents read %zu, coded %zu, failed %zu; events %zu\n", r.read,
          r.coded, r.failed, r.events);
  free(r.json);
  gesta_coder_free(r.coder);
  gesta_dict_free(dict);
  if (r.out_failed) return 2;
  return r.failed ? 1 : 0;
usage_error:
  fprintf(stderr, "gesta: try 'gesta code --help'\n");
  fprintf(stderr, "gesta: documents read 0, coded 0, failed 0; events 0\n");
  return 2;
}

int main(int argc, char **argv) {
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "code") == 0) return cmd_code(argc - 2, argv + 2, 0);
  if (strcmp(cmd, "tag") == 0) return cmd_code(argc - 2, argv + 2, 1);
  if (strcmp(cmd, "dict") == 0) return gesta_cmd_dict(argc - 2, argv + 2);
  if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
    printf("gesta %s\n", GESTA_VERSION);
    return 0;
  }
  if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    usage(stdout);
    return 0;
  }
  fprintf(stderr, "gesta: unknown command '%s'\n", cmd);
  usage(stderr);
  return 2;
}
