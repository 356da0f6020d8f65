/*
 * gesta: the command-line tool. It only uses the public API (<gesta/gesta.h>).
 *
 *   gesta code [options] FILE...     code documents into CAMEO events (JSON lines on stdout)
 *   gesta tag [options] FILE...      show the actors, agents and verbs recognised in each sentence
 *   gesta dict stats|check ...       what the dictionaries hold, and their problems (dict_cmd.c)
 *   gesta version | help
 *
 * stderr carries one line per problem, naming the file and line (and the document id when it is
 * known), and always ends with the summary "gesta: documents read R, coded C, failed F; events E"
 * where R = C + F. --errors FILE gets one JSON line per failed document as well. On a terminal,
 * stderr also shows a progress line, erased before anything else is printed.
 * Exit status: 0 all documents coded, 1 some failed, 2 usage error or fatal error (dictionaries
 * that cannot load, stdout or the --errors file that cannot be written).
 *
 * Input is read with bounded memory: a plain-text file larger than --max-doc-bytes is refused by
 * its size without being read, a stream is read up to the limit only, and a JSON line longer than
 * its own limit is skipped, not stored.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gesta/gesta.h>

#include "commands.h"
#include "workers.h"

#define MAX_FILES 64
/* --max-doc-bytes may not exceed 1 GiB: the library keeps 32-bit offsets, and repairing invalid
 * UTF-8 can triple a document (one bad byte becomes the three bytes of U+FFFD). */
#define MAX_DOC_BYTES_CEILING ((size_t)1 << 30)
/* A JSON line may be twice --max-doc-bytes plus this: escapes make JSON longer than its text. */
#define JSONL_LINE_SLACK ((size_t)64 << 10)

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

typedef struct opts {
  const char *input; /* "text" or "jsonl" */
  const char *date;
  const char *id;
  const char *lang;
  const char *today;
  const char *errors; /* --errors FILE, or NULL */
  int strict;         /* --strict: stop at the first failed document */
  int sourceless;     /* --sourceless: code events whose source the text does not name */
  const char *country; /* --country: where documents that say nothing report from */
  size_t max_doc_bytes;
  const char *actors[MAX_FILES];
  int nactors;
  const char *agents[MAX_FILES];
  int nagents;
  const char *verbs[MAX_FILES];
  int nverbs;
  const char *discards[MAX_FILES];
  int ndiscards;
  const char *project;          /* --project FILE: a TABARI project */
  const char *options[MAX_FILES]; /* --dict-option LINE */
  int noptions;
  gesta_dict_format format;     /* --dict-format */
  const char *dict_lang;        /* --dict-lang: the language of foreign verb patterns */
  int strict_dict;              /* --strict-dict: a dictionary warning fails the load */
  int tag; /* gesta tag: print what was recognised instead of events */
  int jobs; /* -j N: threads coding documents (output is the same for any N) */
  int stats; /* --stats: print throughput figures */
} opts;

/* Where each document id was first seen, to warn about repeated ids. */
typedef struct seen_id {
  char *id; /* owned */
  const char *file; /* borrowed from argv, or a string literal */
  size_t line;      /* 0 for a plain-text document */
} seen_id;

typedef struct id_set {
  seen_id *v; /* open addressing; cap is a power of two */
  size_t cap, len;
} id_set;

typedef struct run {
  gesta_coder *coder;
  const opts *o;
  size_t read, coded, failed, events;
  char *json;
  size_t json_cap;
  int out_failed, out_errno; /* writing stdout failed, and why */
  int stop;                  /* --strict saw a failed document */
  FILE *errors;              /* --errors FILE */
  int errors_failed, errors_errno;
  const char *cur_file; /* for warnings from the library */
  size_t cur_line;      /* JSONL line, 0 for plain text */
  id_set ids;
  struct par *par; /* with -j N > 1: the threads and their batches */
} run;

/* ---- stderr and the progress line --------------------------------------------------------- */

/* The progress line is shown only when stderr is a terminal, and is erased before any other
 * message, so that messages and the summary always start on a clean line. */
typedef struct progress {
  int on;         /* stderr is a terminal */
  int shown;      /* a progress line is on the screen */
  int shown_len;  /* its length, to blank it */
  double start, last;
  uint64_t done;  /* bytes of input consumed so far */
  uint64_t total; /* bytes of input in all, when every input is a regular file */
  int total_known;
} progress;

static progress g_prog;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_clear(void) {
  if (!g_prog.shown) return;
  fprintf(stderr, "\r%*s\r", g_prog.shown_len, "");
  fflush(stderr);
  g_prog.shown = 0;
  g_prog.shown_len = 0;
}

static void format_duration(double s, char *buf, size_t cap) {
  unsigned long t = s > 359999.0 ? 359999UL : (unsigned long)(s + 0.5);
  if (t >= 3600)
    snprintf(buf, cap, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
  else
    snprintf(buf, cap, "%lu:%02lu", t / 60, t % 60);
}

/* Redraws the progress line, at most four times a second; the first one after a quarter of a
 * second, so that short runs never show one. */
static void progress_update(size_t docs) {
  if (!g_prog.on) return;
  double t = now_seconds();
  if (t - g_prog.last < 0.25) return;
  g_prog.last = t;
  double elapsed = t - g_prog.start;
  double rate = elapsed > 0 ? (double)g_prog.done / elapsed : 0;
  char line[160];
  int n = snprintf(line, sizeof line, "gesta: %zu document%s read, %.1f MB/s", docs,
                   docs == 1 ? "" : "s", rate / 1e6);
  if (g_prog.total_known && g_prog.total > 0 && g_prog.done > 0 && n > 0 &&
      (size_t)n < sizeof line) {
    uint64_t done = g_prog.done < g_prog.total ? g_prog.done : g_prog.total;
    char left[32];
    format_duration(rate > 0 ? (double)(g_prog.total - done) / rate : 0, left, sizeof left);
    n += snprintf(line + n, sizeof line - (size_t)n, ", %d%%, %s left",
                  (int)(100.0 * (double)done / (double)g_prog.total), left);
  }
  if (n < 0) return;
  if ((size_t)n >= sizeof line) n = (int)sizeof line - 1;
  int pad = g_prog.shown_len > n ? g_prog.shown_len - n : 0;
  fprintf(stderr, "\r%s%*s", line, pad, "");
  if (pad) fprintf(stderr, "\r%s", line);
  fflush(stderr);
  g_prog.shown = 1;
  g_prog.shown_len = n;
}

/* Sums the sizes of the inputs when all of them are regular files ('-' is stdin). */
static void progress_start(const char *const *files, int nfiles) {
  g_prog.on = isatty(2);
  if (!g_prog.on) return;
  g_prog.start = g_prog.last = now_seconds();
  g_prog.total_known = 1;
  for (int i = 0; i < nfiles; i++) {
    struct stat st;
    int ok = strcmp(files[i], "-") == 0 ? fstat(0, &st) == 0 : stat(files[i], &st) == 0;
    if (!ok) continue; /* a missing file fails at once and adds nothing */
    if (S_ISREG(st.st_mode))
      g_prog.total += (uint64_t)st.st_size;
    else if (!S_ISDIR(st.st_mode))
      g_prog.total_known = 0; /* a pipe or a device: the size is unknown */
  }
}

/* Every line the CLI writes to stderr goes through here. */
static void say(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void say(const char *fmt, ...) {
  progress_clear();
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
}

/* ---- JSON for the --errors file ----------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0 when it is not one:
 * overlong forms, surrogates and code points over U+10FFFF are invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
      return 0;
    if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

/* Writes s as a JSON string; invalid UTF-8 (file names may hold any bytes) becomes U+FFFD. */
static void put_json_string(FILE *f, const char *str) {
  const unsigned char *s = (const unsigned char *)str;
  size_t n = strlen(str);
  putc('"', f);
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    if (c >= 0x80) {
      size_t k = utf8_seq_len(s + i, n - i);
      if (k) {
        fwrite(s + i, 1, k, f);
        i += k;
      } else {
        fputs("\xEF\xBF\xBD", f);
        i++;
      }
      continue;
    }
    i++;
    switch (c) {
    case '"': fputs("\\\"", f); break;
    case '\\': fputs("\\\\", f); break;
    case '\n': fputs("\\n", f); break;
    case '\r': fputs("\\r", f); break;
    case '\t': fputs("\\t", f); break;
    default:
      if (c < 0x20 || c == 0x7F)
        fprintf(f, "\\u%04x", c);
      else
        putc(c, f);
    }
  }
  putc('"', f);
}

static void record_error(run *r, const char *file, size_t line, const char *id,
                         const char *reason) {
  if (!r->errors || r->errors_failed) return;
  FILE *f = r->errors;
  fputs("{\"file\":", f);
  put_json_string(f, file);
  if (line)
    fprintf(f, ",\"line\":%zu", line);
  else
    fputs(",\"line\":null", f);
  fputs(",\"id\":", f);
  if (id)
    put_json_string(f, id);
  else
    fputs("null", f);
  fputs(",\"reason\":", f);
  put_json_string(f, reason);
  fputs("}\n", f);
  /* Failures are rare: flushing each keeps the file complete whatever happens next. */
  if (fflush(f) != 0 || ferror(f)) {
    r->errors_failed = 1;
    r->errors_errno = errno;
  }
}

/* ---- messages about documents ------------------------------------------------------------- */

/* One failed document: a line on stderr, a line in the --errors file, and the count. id is NULL
 * when the document's id is unknown (a line that is not valid JSON, a file that cannot be read
 * in JSON-lines mode). */
static void doc_failed(run *r, const char *file, size_t line, const char *id, const char *fmt,
                       ...) PRINTF_LIKE(5, 6);
static void doc_failed(run *r, const char *file, size_t line, const char *id, const char *fmt,
                       ...) {
  char reason[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  r->failed++;
  char where[32] = "";
  if (line) snprintf(where, sizeof where, ":%zu", line);
  if (id)
    say("gesta: %s%s: document %s: %s\n", file, where, id, reason);
  else
    say("gesta: %s%s: %s\n", file, where, reason);
  record_error(r, file, line, id, reason);
  if (r->o->strict) r->stop = 1;
}

static void doc_warning(const char *file, size_t line, const char *id, const char *msg) {
  char where[32] = "";
  if (line) snprintf(where, sizeof where, ":%zu", line);
  say("gesta: warning: %s%s: document %s: %s\n", file, where, id, msg);
}

static void on_warn(const char *doc, size_t line, const char *msg, void *user) {
  run *r = user;
  /* In a JSON-lines file the line that matters is the file's, not the one inside the text. */
  doc_warning(r->cur_file, r->cur_line ? r->cur_line : line, doc, msg);
}

/* The library's messages start "document ID: "; the id has its own place in ours. */
static const char *strip_doc_prefix(const char *msg, const char *id) {
  size_t n = strlen(id);
  if (strncmp(msg, "document ", 9) == 0 && strncmp(msg + 9, id, n) == 0 &&
      strncmp(msg + 9 + n, ": ", 2) == 0)
    return msg + 9 + n + 2;
  return msg;
}

/* ---- repeated document ids ---------------------------------------------------------------- */

static uint64_t hash_str(const char *s) {
  uint64_t h = 14695981039346656037ULL; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

/* Records id as seen at file:line. Returns where it was seen before, or NULL the first time
 * (and when memory runs out: the check is only a warning). */
static const seen_id *id_seen(id_set *set, const char *id, const char *file, size_t line) {
  if (set->len * 2 >= set->cap) {
    size_t cap = set->cap ? set->cap * 2 : 1024;
    seen_id *v = calloc(cap, sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < set->cap; i++) {
      if (!set->v[i].id) continue;
      size_t j = (size_t)hash_str(set->v[i].id) & (cap - 1);
      while (v[j].id) j = (j + 1) & (cap - 1);
      v[j] = set->v[i];
    }
    free(set->v);
    set->v = v;
    set->cap = cap;
  }
  size_t j = (size_t)hash_str(id) & (set->cap - 1);
  while (set->v[j].id) {
    if (strcmp(set->v[j].id, id) == 0) return &set->v[j];
    j = (j + 1) & (set->cap - 1);
  }
  size_t n = strlen(id);
  char *copy = malloc(n + 1);
  if (!copy) return NULL;
  memcpy(copy, id, n + 1);
  set->v[j].id = copy;
  set->v[j].file = file;
  set->v[j].line = line;
  set->len++;
  return NULL;
}

static void id_set_free(id_set *set) {
  for (size_t i = 0; i < set->cap; i++) free(set->v[i].id);
  free(set->v);
  memset(set, 0, sizeof *set);
}

/* ---- output ------------------------------------------------------------------------------- */

static void usage(FILE *f) {
  fputs("usage: gesta code [options] FILE...   code documents ('-' reads stdin)\n"
        "       gesta tag [options] FILE...    show what was recognised in each sentence\n"
        "       gesta version\n"
        "\n"
        "options for code and tag:\n"
        "  --input text|jsonl     each FILE is one document (text, default) or holds one JSON\n"
        "                         document per line: {\"id\", \"date\", \"text\", \"title\", \"lang\",\n"
        "                         \"country\"}\n"
        "  --date YYYY-MM-DD      date of plain-text documents (default: none; today's date\n"
        "                         resolves dictionary date ranges)\n"
        "  --id ID                id of a single plain-text document (default: the file name)\n"
        "  --lang es|en           language to assume where a paragraph gives no evidence\n"
        "  --country CODE         CAMEO country code (COL) the documents report from: role\n"
        "                         words the text does not place take it, as from a dateline;\n"
        "                         a JSON document's \"country\" and a dateline in the text win\n"
        "  --max-doc-bytes N      refuse larger documents (default 16777216, at most 1073741824);\n"
        "                         a JSON line may be up to 2N + 65536 bytes\n"
        "  --errors FILE          write one JSON line per failed document to FILE:\n"
        "                         {\"file\", \"line\", \"id\", \"reason\"} (written even when empty)\n"
        "  --strict               stop at the first failed document (exit status 1)\n"
        "  --sourceless           also code events whose source the text does not name, with\n"
        "                         source \"\" (\"fue asesinado\"); protests, and arrests,\n"
        "                         abductions, threats and demands with no subject named,\n"
        "                         are always coded so\n"
        "  -j, --jobs N           code on N threads; the output is the same as with -j 1\n"
        "  --stats                print throughput (sentences/s, MB/s) before the summary\n"
        "  --actors FILE          actor dictionary (repeatable); replaces the built-in actors;\n"
        "                         --agents FILE and --verbs FILE likewise\n"
        "  --dict-format native|tabari|petrarch\n"
        "                         format of the dictionary files (default native); with tabari or\n"
        "                         petrarch, the given files replace all built-in actors, agents\n"
        "                         and verbs\n"
        "  --discards FILE        discards dictionary (tabari, petrarch; repeatable)\n"
        "  --project FILE         a TABARI .project file naming actors, verbs, agents, options\n"
        "  --dict-option LINE     an option line of the format (repeatable): 'SET: MINIMUM WORDS\n"
        "                         = 4' (tabari), 'require_dyad = False' (petrarch)\n"
        "  --dict-lang es|en      language of the verb patterns (default: told from their words)\n"
        "  --strict-dict          fail the load on any dictionary warning\n"
        "\n"
        "Events are JSON lines on stdout; see docs/output.md.\n",
        f);
}

static void out_failed(run *r) {
  if (!r->out_failed) r->out_errno = errno;
  r->out_failed = 1;
}

static int on_event(const gesta_event *ev, void *user) {
  run *r = user;
  size_t n = gesta_event_to_json(ev, r->json, r->json_cap);
  if (n + 2 > r->json_cap) {
    size_t cap = (n + 2) * 2;
    char *p = realloc(r->json, cap);
    if (!p) {
      errno = ENOMEM; /* the event cannot be written: as fatal as a write error */
      out_failed(r);
      return 1;
    }
    r->json = p;
    r->json_cap = cap;
    gesta_event_to_json(ev, r->json, r->json_cap);
  }
  r->json[n] = '\n';
  if (fwrite(r->json, 1, n + 1, stdout) != n + 1) {
    out_failed(r);
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
      errno = ENOMEM;
      out_failed(r);
      return;
    }
    r->json = p;
    r->json_cap = cap;
    gesta_tag_to_json(tag, r->json, r->json_cap);
  }
  r->json[n] = '\n';
  if (fwrite(r->json, 1, n + 1, stdout) != n + 1) out_failed(r);
}

/* ---- coding one document ------------------------------------------------------------------ */

static int all_space(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strchr(" \t\n\r\f\v", s[i]) || s[i] == 0) return 0;
  return 1;
}

static int doc_is_empty(const gesta_document *doc) {
  return all_space(doc->text, doc->text_len) &&
         (!doc->title || all_space(doc->title, doc->title_len));
}

/* The checks that only warn: a repeated id, an empty document. */
static void check_doc(run *r, const char *file, size_t line, const char *id, int empty) {
  const seen_id *prev = id_seen(&r->ids, id, file, line);
  if (prev) {
    char msg[600], at[32] = "";
    if (prev->line) snprintf(at, sizeof at, ":%zu", prev->line);
    snprintf(msg, sizeof msg, "duplicate id: also the id of the document at %s%s; both are coded",
             prev->file, at);
    doc_warning(file, line, id, msg);
  }
  if (empty) doc_warning(file, line, id, "empty document: no text to code");
}

static void utf8_warning(const char *file, size_t line, const char *id, size_t replaced) {
  char msg[128];
  snprintf(msg, sizeof msg, "%zu invalid UTF-8 sequence%s replaced by U+FFFD", replaced,
           replaced > 1 ? "s" : "");
  doc_warning(file, line, id, msg);
}

/* Codes a document read from file (at line, for JSON lines), after the checks that only warn. */
static void code_doc(run *r, const char *file, size_t line, const gesta_document *doc) {
  check_doc(r, file, line, doc->id, doc_is_empty(doc));
  r->cur_file = file;
  r->cur_line = line;
  size_t events_before = r->events;
  int rc = gesta_coder_code(r->coder, doc, r->o->tag ? count_event : on_event, r);
  /* Flushing after each document makes a write error (a closed pipe, a full disk) the failure
   * of the document whose events were lost, not of the run's last one. */
  if (!r->out_failed && fflush(stdout) != 0) out_failed(r);
  if (r->out_failed) {
    r->events = events_before;
    doc_failed(r, file, line, doc->id, "its events could not be written to stdout: %s",
               strerror(r->out_errno));
  } else if (rc) {
    doc_failed(r, file, line, doc->id, "%s",
               strip_doc_prefix(gesta_coder_errmsg(r->coder), doc->id));
  } else {
    r->coded++;
  }
}

/* ---- coding on several threads ------------------------------------------------------------
 * With -j N > 1 the calling thread only reads: it cuts the input into batches of raw JSON lines
 * (or whole plain-text documents) and hands them to N worker threads (workers.c). A worker
 * parses each line, codes the document with its own coder and writes the events as JSON lines,
 * the warnings and the outcome into the batch. The calling thread takes the batches back in
 * input order and reports each document exactly as -j 1 does, in the same order: the id checks,
 * the warnings, the events, the failure or the count. Failures found while reading (a file that
 * cannot be opened, a line too long) travel in the batches too, so that they keep their place.
 * At most PAR_SLOTS_PER_JOB batches per thread are in flight, holding at most PAR_BUDGET bytes
 * of input between them. A batch holds all the events of its documents until they are written,
 * and events take about five times the bytes of their text, so a document of PAR_LARGE bytes or
 * more is not queued: once everything before it is reported, the reading thread codes it
 * itself, writing its events as it goes, as -j 1 does. Memory thus stays bounded whatever the
 * input size. Documents are counted as read when they are reported: with
 * --strict, those after the first failure are neither reported nor counted, though the
 * threads may have coded them. */

#define PAR_BATCH_BYTES ((size_t)256 << 10) /* a batch is closed at this much input... */
#define PAR_BATCH_ITEMS 512                 /* ... or this many documents */
#define PAR_SLOTS_PER_JOB 4
#define PAR_BUDGET ((size_t)8 << 20)
#define PAR_LARGE ((size_t)4 << 20)
#define PAR_KEEP_BYTES ((size_t)8 << 20) /* larger buffers are freed when a batch is reused */
#define NO_STR ((size_t)-1)

/* A growable byte buffer. */
typedef struct membuf {
  char *p;
  size_t len, cap;
} membuf;

static int buf_reserve(membuf *b, size_t extra) {
  if (b->cap - b->len >= extra) return 0;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap - b->len < extra) {
    if (cap > SIZE_MAX / 2) return -1;
    cap *= 2;
  }
  char *p = realloc(b->p, cap);
  if (!p) return -1;
  b->p = p;
  b->cap = cap;
  return 0;
}

/* Appends s and a NUL; returns its offset, or NO_STR when memory runs out. */
static size_t buf_str(membuf *b, const char *s, size_t n) {
  if (buf_reserve(b, n + 1)) return NO_STR;
  size_t at = b->len;
  memcpy(b->p + at, s, n);
  b->p[at + n] = 0;
  b->len += n + 1;
  return at;
}

/* Empties b, freeing its memory when it grew past keep. */
static void buf_reset(membuf *b, size_t keep) {
  b->len = 0;
  if (b->cap > keep) {
    free(b->p);
    memset(b, 0, sizeof *b);
  }
}

enum { ITEM_LINE, ITEM_TEXT, ITEM_FAILED };

/* One document of a batch: what the reader found, then what a worker made of it. Strings are
 * offsets into the batch's meta buffer (NO_STR when absent). */
typedef struct item {
  int kind;
  const char *file; /* borrowed from argv, or "stdin" */
  size_t line;      /* JSON-lines line, 0 for plain text */
  size_t at, len;   /* ITEM_LINE: the line in the batch's input buffer */
  gesta_document doc; /* ITEM_TEXT: the document; doc.text is owned by the item */
  /* The outcome. */
  size_t id;        /* the document id, when known */
  size_t reason;    /* why the document failed, when it did */
  int coded;        /* a worker coded it (a JSON line that is not a document is not) */
  int no_memory;    /* its events or messages could not be stored */
  int empty;
  size_t replaced;  /* invalid UTF-8 sequences replaced in a JSON line */
  size_t warn_at, warn_end; /* the library's warnings in meta: line, then the message */
  size_t out_at, out_len, events;
} item;

typedef struct batch {
  membuf in;   /* raw JSON lines */
  membuf meta; /* ids, reasons and warnings */
  membuf out;  /* events as JSON lines */
  item *items;
  size_t n, cap;
  size_t bytes; /* input held: lines and plain texts */
} batch;

/* What a worker thread owns. */
typedef struct par_worker {
  gesta_coder *coder;
  batch *b; /* the batch and item being coded */
  item *it;
} par_worker;

typedef struct par {
  workers *pool;
  par_worker *w;
  int nw;
  size_t slots; /* batches in flight at most */
  batch **spare; /* batches ready for reuse */
  size_t nspare;
  batch *cur; /* the batch being filled */
  size_t budget_used; /* input bytes of the batches in flight */
  atomic_int cancel; /* the run stopped: workers skip what is left */
} par;

static int par_event(const gesta_event *ev, void *user) {
  par_worker *w = user;
  membuf *o = &w->b->out;
  if (!o->p && buf_reserve(o, 1)) { /* so that o->p + o->len is a pointer */
    w->it->no_memory = 1;
    return 1;
  }
  size_t room = o->cap - o->len;
  size_t n = gesta_event_to_json(ev, o->p + o->len, room);
  if (n + 2 > room) {
    if (buf_reserve(o, n + 2)) {
      w->it->no_memory = 1;
      return 1;
    }
    gesta_event_to_json(ev, o->p + o->len, o->cap - o->len);
  }
  o->p[o->len + n] = '\n';
  o->len += n + 1;
  w->it->events++;
  return 0;
}

static void par_warn(const char *doc, size_t line, const char *msg, void *user) {
  par_worker *w = user;
  (void)doc;
  membuf *m = &w->b->meta;
  size_t n = strlen(msg);
  if (buf_reserve(m, sizeof line + n + 1)) {
    w->it->no_memory = 1;
    return;
  }
  memcpy(m->p + m->len, &line, sizeof line);
  m->len += sizeof line;
  buf_str(m, msg, n);
}

/* Codes one document of the batch into it. */
static void par_code(par_worker *w, item *it, const gesta_document *doc) {
  batch *b = w->b;
  it->coded = 1;
  it->empty = doc_is_empty(doc);
  it->warn_at = b->meta.len;
  it->out_at = b->out.len;
  int rc = gesta_coder_code(w->coder, doc, par_event, w);
  it->warn_end = b->meta.len;
  it->out_len = b->out.len - it->out_at;
  if (rc && !it->no_memory) {
    const char *why = strip_doc_prefix(gesta_coder_errmsg(w->coder), doc->id);
    it->reason = buf_str(&b->meta, why, strlen(why));
    if (it->reason == NO_STR) it->no_memory = 1;
  }
}

/* Runs on a worker thread: parses and codes every document of a batch. */
static void par_job(void *job, int worker, void *ctx) {
  par *p = ctx;
  par_worker *w = &p->w[worker];
  batch *b = job;
  w->b = b;
  for (size_t i = 0; i < b->n && !p->cancel; i++) {
    item *it = &b->items[i];
    w->it = it;
    if (it->kind == ITEM_TEXT) {
      par_code(w, it, &it->doc);
    } else if (it->kind == ITEM_LINE) {
      const char *line = b->in.p + it->at;
      gesta_json_doc *jd = NULL;
      char err[256];
      if (gesta_json_doc_parse(&jd, line, it->len, err, sizeof err)) {
        /* Name the document when its line gives an id, even if the rest is wrong. */
        char id[256];
        if (gesta_json_line_id(line, it->len, id, sizeof id) == 0)
          it->id = buf_str(&b->meta, id, strlen(id));
        it->reason = buf_str(&b->meta, err, strlen(err));
        if (it->reason == NO_STR) it->no_memory = 1;
        continue;
      }
      const gesta_document *doc = gesta_json_doc_document(jd);
      it->replaced = gesta_json_doc_replaced(jd);
      it->id = buf_str(&b->meta, doc->id, strlen(doc->id));
      if (it->id == NO_STR)
        it->no_memory = 1;
      else
        par_code(w, it, doc);
      gesta_json_doc_free(jd);
    }
  }
}

/* Reports one document of a batch taken back, in input order, as -j 1 does. */
static void par_report(run *r, batch *b, const item *it) {
  const char *meta = b->meta.p;
  const char *id = it->kind == ITEM_TEXT ? it->doc.id : it->id != NO_STR ? meta + it->id : NULL;
  r->read++;
  if (it->kind != ITEM_FAILED && !it->coded && it->no_memory) {
    errno = ENOMEM; /* not even the reason could be stored: as fatal as a write error */
    out_failed(r);
  }
  if (r->out_failed) {
    doc_failed(r, it->file, it->line, id, "its events could not be written to stdout: %s",
               strerror(r->out_errno));
    return;
  }
  if (!it->coded) { /* failed while being read, or not a document */
    doc_failed(r, it->file, it->line, id, "%s", meta + it->reason);
    return;
  }
  if (it->replaced) utf8_warning(it->file, it->line, id, it->replaced);
  check_doc(r, it->file, it->line, id, it->empty);
  for (size_t k = it->warn_at; k < it->warn_end;) {
    size_t wl;
    memcpy(&wl, meta + k, sizeof wl);
    const char *msg = meta + k + sizeof wl;
    /* In a JSON-lines file the line that matters is the file's, not the one inside the text. */
    doc_warning(it->file, it->line ? it->line : wl, id, msg);
    k += sizeof wl + strlen(msg) + 1;
  }
  if (it->no_memory) {
    errno = ENOMEM; /* the events cannot be written: as fatal as a write error */
    out_failed(r);
  } else if (it->out_len && fwrite(b->out.p + it->out_at, 1, it->out_len, stdout) != it->out_len) {
    out_failed(r);
  }
  if (!r->out_failed && fflush(stdout) != 0) out_failed(r);
  if (r->out_failed) {
    doc_failed(r, it->file, it->line, id, "its events could not be written to stdout: %s",
               strerror(r->out_errno));
    return;
  }
  r->events += it->events; /* written, even those of a document that failed part-way */
  if (it->reason != NO_STR)
    doc_failed(r, it->file, it->line, id, "%s", meta + it->reason);
  else
    r->coded++;
}

/* Empties a batch for reuse. */
static void batch_reset(batch *b) {
  for (size_t i = 0; i < b->n; i++)
    if (b->items[i].kind == ITEM_TEXT) free((char *)b->items[i].doc.text);
  b->n = 0;
  b->bytes = 0;
  buf_reset(&b->in, PAR_KEEP_BYTES);
  buf_reset(&b->meta, PAR_KEEP_BYTES);
  buf_reset(&b->out, PAR_KEEP_BYTES);
}

static void batch_free(batch *b) {
  if (!b) return;
  batch_reset(b);
  free(b->in.p);
  free(b->meta.p);
  free(b->out.p);
  free(b->items);
  free(b);
}

/* Reports the documents of a batch taken back (unless the run has stopped) and keeps the batch
 * for reuse. */
static void par_deliver(run *r, batch *b) {
  par *p = r->par;
  for (size_t i = 0; i < b->n && !r->stop && !r->out_failed; i++) {
    par_report(r, b, &b->items[i]);
    progress_update(r->read);
  }
  if (r->stop || r->out_failed) p->cancel = 1;
  p->budget_used -= b->bytes;
  batch_reset(b);
  p->spare[p->nspare++] = b;
}

/* Sends the batch being filled to the threads, first taking back and reporting batches until
 * there is room for it. */
static void par_submit(run *r) {
  par *p = r->par;
  batch *b = p->cur;
  if (!b || !b->n) return;
  p->cur = NULL;
  size_t n;
  while ((n = workers_in_flight(p->pool)) == p->slots ||
         (n && p->budget_used + b->bytes > PAR_BUDGET))
    par_deliver(r, workers_take(p->pool, 1));
  if (r->stop || r->out_failed) { /* nothing more will be reported */
    batch_reset(b);
    p->spare[p->nspare++] = b;
    return;
  }
  p->budget_used += b->bytes;
  workers_submit(p->pool, b);
  /* Report what is already done, so that output keeps flowing. */
  batch *done;
  while ((done = workers_take(p->pool, 0))) par_deliver(r, done);
}

/* Submits what waits and reports everything in flight. */
static void par_drain(run *r) {
  if (!r->par) return;
  par_submit(r);
  batch *b;
  while ((b = workers_take(r->par->pool, 1))) par_deliver(r, b);
}

static void par_drain_arg(void *r) { par_drain(r); }

/* A new item at the end of the batch being filled, with room for extra input bytes; NULL when
 * memory runs out. */
static item *par_item(run *r, int kind, const char *file, size_t line, size_t extra) {
  par *p = r->par;
  batch *b = p->cur;
  if (!b) {
    if (p->nspare) {
      b = p->spare[--p->nspare];
    } else {
      b = calloc(1, sizeof *b);
      if (!b) return NULL;
    }
    p->cur = b;
  }
  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    item *v = realloc(b->items, cap * sizeof *v);
    if (!v) return NULL;
    b->items = v;
    b->cap = cap;
  }
  if (extra && buf_reserve(&b->in, extra)) return NULL;
  item *it = &b->items[b->n];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->file = file;
  it->line = line;
  it->id = it->reason = NO_STR;
  return it;
}

/* Ends the item made by par_item: the batch is sent when it is full. */
static void par_item_done(run *r, size_t bytes) {
  batch *b = r->par->cur;
  b->n++;
  b->bytes += bytes;
  if (b->n >= PAR_BATCH_ITEMS || b->bytes >= PAR_BATCH_BYTES) par_submit(r);
}

/* Queues a JSON line (copied). Returns 0, or -1 when memory runs out. */
static int par_add_line(run *r, const char *file, size_t lineno, const char *line, size_t len) {
  item *it = par_item(r, ITEM_LINE, file, lineno, len);
  if (!it) return -1;
  membuf *in = &r->par->cur->in;
  it->at = in->len;
  it->len = len;
  memcpy(in->p + in->len, line, len);
  in->len += len;
  par_item_done(r, len);
  return 0;
}

/* Queues a plain-text document, taking ownership of doc->text. Returns 0, or -1 when memory
 * runs out (the text is then still the caller's). */
static int par_add_text(run *r, const char *file, const gesta_document *doc) {
  item *it = par_item(r, ITEM_TEXT, file, 0, 0);
  if (!it) return -1;
  it->doc = *doc;
  par_item_done(r, doc->text_len);
  return 0;
}

/* Queues a document that failed while being read. Returns 0, or -1 when memory runs out. */
static int par_add_failed(run *r, const char *file, size_t line, const char *id,
                          const char *reason) {
  item *it = par_item(r, ITEM_FAILED, file, line, 0);
  if (!it) return -1;
  membuf *meta = &r->par->cur->meta;
  if (id && (it->id = buf_str(meta, id, strlen(id))) == NO_STR) return -1;
  if ((it->reason = buf_str(meta, reason, strlen(reason))) == NO_STR) return -1;
  par_item_done(r, 0);
  return 0;
}

/* Starts the threads, each with its own coder. Returns 0 or -1. */
static int par_start(run *r, const gesta_dict *dict, const gesta_coder_options *co, int jobs) {
  par *p = calloc(1, sizeof *p);
  if (!p) return -1;
  r->par = p;
  p->slots = (size_t)jobs * PAR_SLOTS_PER_JOB;
  p->spare = calloc(p->slots + 1, sizeof *p->spare);
  p->w = calloc((size_t)jobs, sizeof *p->w);
  if (!p->spare || !p->w) return -1;
  p->nw = jobs;
  for (int i = 0; i < jobs; i++) {
    gesta_coder_options o = *co;
    o.warn = par_warn;
    o.warn_user = &p->w[i];
    if (gesta_coder_new(&p->w[i].coder, dict, &o)) return -1;
  }
  return workers_new(&p->pool, jobs, p->slots, par_job, p);
}

/* Stops the threads (after the batches in flight, which are dropped) and frees everything. */
static void par_free(run *r) {
  par *p = r->par;
  if (!p) return;
  p->cancel = 1;
  batch *b;
  while (p->pool && (b = workers_take(p->pool, 1))) batch_free(b);
  workers_free(p->pool);
  for (size_t i = 0; i < p->nspare; i++) batch_free(p->spare[i]);
  batch_free(p->cur);
  for (int i = 0; i < p->nw; i++) gesta_coder_free(p->w[i].coder);
  free(p->w);
  free(p->spare);
  free(p);
  r->par = NULL;
}

/* Sentences coded by every coder of the run. */
static size_t run_sentences(const run *r) {
  size_t n = gesta_coder_sentences(r->coder);
  for (int i = 0; r->par && i < r->par->nw; i++) n += gesta_coder_sentences(r->par->w[i].coder);
  return n;
}

/* Reads all of fd, refusing more than limit bytes. A regular file over the limit is refused by
 * its size, without reading it; other input is read up to one byte past the limit at most.
 * Returns 0, -1 on a read error (errno set) or -2 when too large (*len is then the size when it
 * is known, else 0). On success the caller frees *out. */
static int read_doc(int fd, const struct stat *st, size_t limit, char **out, size_t *len) {
  *out = NULL;
  *len = 0;
  size_t cap = 65536;
  if (S_ISREG(st->st_mode)) {
    off_t at = lseek(fd, 0, SEEK_CUR); /* stdin may be a file read part-way already */
    off_t size = st->st_size - (at > 0 && at <= st->st_size ? at : 0);
    if ((uintmax_t)size > limit) {
      *len = (size_t)size;
      return -2;
    }
    cap = (size_t)size + 1; /* + 1: end of file is seen without growing */
  }
  if (cap > limit + 1) cap = limit + 1;
  char *buf = malloc(cap);
  if (!buf) return -1;
  size_t n = 0;
  for (;;) {
    if (n == cap) {
      if (cap > limit) {
        free(buf);
        return -2;
      }
      size_t ncap = cap <= limit / 2 ? cap * 2 : limit + 1;
      char *p = realloc(buf, ncap);
      if (!p) {
        free(buf);
        errno = ENOMEM;
        return -1;
      }
      buf = p;
      cap = ncap;
    }
    ssize_t k = read(fd, buf + n, cap - n);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      int e = errno;
      free(buf);
      errno = e;
      return -1;
    }
    if (k == 0) break;
    n += (size_t)k;
  }
  if (n > limit) {
    free(buf);
    return -2;
  }
  *out = buf;
  *len = n;
  return 0;
}

/* The default id of a plain-text document: its file name without the directories ("dir/" gives
 * "dir/": a directory fails anyway, but its message needs a name). */
static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s && s[1] ? s + 1 : path;
}

/* Opens path ('-' is stdin) for reading; a directory is refused. Returns the descriptor, or -1
 * with a reason in why. */
static int open_input(const char *path, struct stat *st, char *why, size_t cap) {
  int is_stdin = strcmp(path, "-") == 0;
  int fd = is_stdin ? 0 : open(path, O_RDONLY);
  if (fd < 0) {
    snprintf(why, cap, "cannot open: %s", strerror(errno));
    return -1;
  }
  if (fstat(fd, st) != 0) {
    snprintf(why, cap, "cannot read: %s", strerror(errno));
    if (!is_stdin) close(fd);
    return -1;
  }
  if (S_ISDIR(st->st_mode)) {
    snprintf(why, cap, "is a directory, not a file");
    if (!is_stdin) close(fd);
    return -1;
  }
  return fd;
}

/* A document that failed while being read (it cannot be opened, is too large...). With threads
 * it waits its turn among the documents queued before it, so that the messages keep the input's
 * order. */
static void input_failed(run *r, const char *file, size_t line, const char *id, const char *fmt,
                         ...) PRINTF_LIKE(5, 6);
static void input_failed(run *r, const char *file, size_t line, const char *id, const char *fmt,
                         ...) {
  char reason[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  if (r->par) {
    if (par_add_failed(r, file, line, id, reason) == 0) return;
    par_drain(r); /* out of memory for the queue: report what waits, then this one */
    if (r->stop || r->out_failed) return;
  }
  r->read++;
  doc_failed(r, file, line, id, "%s", reason);
}

static void code_text_file(run *r, const char *path) {
  int is_stdin = strcmp(path, "-") == 0;
  const char *file = is_stdin ? "stdin" : path;
  const char *id = r->o->id ? r->o->id : is_stdin ? "stdin" : base_name(path);
  size_t limit = r->o->max_doc_bytes;
  char why[300];
  struct stat st;
  int fd = open_input(path, &st, why, sizeof why);
  if (fd < 0) {
    input_failed(r, file, 0, id, "%s", why);
    return;
  }
  char *text = NULL;
  size_t len = 0;
  int rc = read_doc(fd, &st, limit, &text, &len);
  int e = errno;
  if (!is_stdin) close(fd);
  if (rc == -2) {
    g_prog.done += len;
    if (len)
      input_failed(r, file, 0, id,
                   "too large: %zu bytes, over the limit of %zu (see --max-doc-bytes)", len,
                   limit);
    else
      input_failed(r, file, 0, id, "too large: over the limit of %zu bytes (see --max-doc-bytes)",
                   limit);
    return;
  }
  if (rc) {
    input_failed(r, file, 0, id, "read error: %s", strerror(e));
    return;
  }
  g_prog.done += len;
  gesta_document doc = {0};
  doc.id = id;
  doc.text = text;
  doc.text_len = len;
  doc.date = r->o->date;
  doc.lang = r->o->lang;
  if (r->par) {
    if (len < PAR_LARGE && par_add_text(r, file, &doc) == 0) return;
    /* A large document, or no memory left for the queue: report what waits, then code this one
     * here. */
    par_drain(r);
    if (r->stop || r->out_failed) {
      free(text);
      return;
    }
  }
  r->read++;
  code_doc(r, file, 0, &doc);
  free(text);
}

/* ---- JSON lines --------------------------------------------------------------------------- */

/* Lines end with LF, CRLF or a lone CR (a raw CR cannot occur inside a JSON string, so it can
 * only end a line or be spacing between tokens). A line longer than the limit is skipped to its
 * end without being stored. */
typedef struct line_reader {
  int fd;
  int eof;
  int after_cr;   /* the last line ended with CR: a LF right after it is part of that end */
  char *blk;      /* what read() returned: blk[pos, len) is still to scan */
  size_t pos, len;
  int nl_known;   /* nl is known for this block */
  size_t nl;      /* when at least pos: the offset of the next LF in blk, or len for none */
  char *line;     /* the current line, line_len bytes (not NUL-terminated) */
  size_t line_len, line_cap;
  /* Called before a read() that would wait for a pipe or a terminal (NULL: never): with
   * threads, the documents already read are coded and reported meanwhile. */
  void (*before_wait)(void *arg);
  void *wait_arg;
} line_reader;

#define READ_BLOCK ((size_t)64 << 10)

/* Reads the next line. Returns 1 with *full its whole length (when *full > max only the length
 * is known: the line was skipped), 0 at the end of the input, -1 on a read error (errno). */
static int read_line(line_reader *lr, size_t max, size_t *full) {
  size_t total = 0;
  int any = 0;
  lr->line_len = 0;
  for (;;) {
    if (lr->pos == lr->len) {
      if (lr->eof) break;
      if (lr->before_wait) {
        struct pollfd pfd = {.fd = lr->fd, .events = POLLIN};
        if (poll(&pfd, 1, 0) == 0) lr->before_wait(lr->wait_arg);
      }
      ssize_t k = read(lr->fd, lr->blk, READ_BLOCK);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) return -1;
      lr->pos = 0;
      lr->len = (size_t)k;
      lr->nl_known = 0;
      if (k == 0) {
        lr->eof = 1;
        break;
      }
    }
    if (lr->after_cr) {
      lr->after_cr = 0;
      if (lr->blk[lr->pos] == '\n') {
        lr->pos++;
        continue;
      }
    }
    any = 1;
    const char *s = lr->blk + lr->pos;
    size_t avail = lr->len - lr->pos;
    /* The line ends at the first LF or CR. memchr finds each much faster than a loop; the next
     * LF of the block is kept until passed, so lone CRs do not make it search again per line. */
    if (!lr->nl_known || lr->nl < lr->pos) {
      const char *nl = memchr(s, '\n', avail);
      lr->nl = nl ? lr->pos + (size_t)(nl - s) : lr->len;
      lr->nl_known = 1;
    }
    const char *cr = memchr(s, '\r', lr->nl - lr->pos);
    size_t i = cr ? (size_t)(cr - s) : lr->nl - lr->pos;
    if (i && total + i <= max) {
      if (lr->line_len + i > lr->line_cap) {
        size_t cap = lr->line_cap ? lr->line_cap : 4096;
        while (cap < lr->line_len + i) cap *= 2;
        if (cap > max) cap = max; /* line_len + i <= max here */
        char *p = realloc(lr->line, cap);
        if (!p) {
          errno = ENOMEM;
          return -1;
        }
        lr->line = p;
        lr->line_cap = cap;
      }
      memcpy(lr->line + lr->line_len, s, i);
      lr->line_len += i;
    }
    total += i;
    lr->pos += i;
    if (i < avail) {
      lr->after_cr = s[i] == '\r';
      lr->pos++;
      *full = total;
      return 1;
    }
  }
  *full = total;
  return any ? 1 : 0;
}

static void code_jsonl_file(run *r, const char *path, char *blk) {
  int is_stdin = strcmp(path, "-") == 0;
  const char *file = is_stdin ? "stdin" : path;
  size_t max_line = r->o->max_doc_bytes * 2 + JSONL_LINE_SLACK;
  char why[300];
  struct stat st;
  int fd = open_input(path, &st, why, sizeof why);
  if (fd < 0) {
    input_failed(r, file, 0, NULL, "%s", why);
    return;
  }
  line_reader lr;
  memset(&lr, 0, sizeof lr);
  lr.fd = fd;
  lr.blk = blk;
  /* A slow stream (`tail -f`) gets its events as soon as the threads have them, not when a
   * batch is full. */
  if (r->par && !S_ISREG(st.st_mode)) {
    lr.before_wait = par_drain_arg;
    lr.wait_arg = r;
  }
  size_t lineno = 0, full = 0;
  int rc = 0;
  while (!r->out_failed && !r->stop && (rc = read_line(&lr, max_line, &full)) == 1) {
    lineno++;
    g_prog.done += full + 1;
    if (full > max_line) {
      input_failed(r, file, lineno, NULL,
                   "line too long: %zu bytes, over the limit of %zu for a JSON line "
                   "(twice --max-doc-bytes plus 65536)",
                   full, max_line);
      continue;
    }
    char *start = lr.line;
    size_t len = lr.line_len;
    if (lineno == 1 && len >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
      start += 3; /* a byte-order mark */
      len -= 3;
    }
    size_t k = 0;
    while (k < len && (start[k] == ' ' || start[k] == '\t')) k++;
    if (k == len) continue; /* blank lines hold no document */
    if (r->par) {
      if (len < PAR_LARGE && par_add_line(r, file, lineno, start, len) == 0) continue;
      /* A large document, or no memory left for the queue: report what waits, then code this
       * one here. */
      par_drain(r);
      if (r->stop || r->out_failed) break;
    }
    r->read++;
    gesta_json_doc *jd = NULL;
    char err[256];
    if (gesta_json_doc_parse(&jd, start, len, err, sizeof err)) {
      /* Name the document when its line gives an id, even if the rest is wrong. */
      char id[256];
      int has_id = gesta_json_line_id(start, len, id, sizeof id) == 0;
      doc_failed(r, file, lineno, has_id ? id : NULL, "%s", err);
      progress_update(r->read);
      continue;
    }
    const gesta_document *doc = gesta_json_doc_document(jd);
    size_t replaced = gesta_json_doc_replaced(jd);
    if (replaced) utf8_warning(file, lineno, doc->id, replaced);
    code_doc(r, file, lineno, doc);
    gesta_json_doc_free(jd);
    progress_update(r->read);
  }
  if (rc < 0 && !r->out_failed && !r->stop)
    input_failed(r, file, lineno + 1, NULL, "read error: %s", strerror(errno));
  free(lr.line);
  if (!is_stdin) close(fd);
  r->cur_line = 0;
}

/* ---- the command -------------------------------------------------------------------------- */

/* Adds one dictionary file in the chosen format. */
static int add_dict_file(gesta_dict_builder *b, const opts *o, gesta_dict_kind kind, const char *f) {
  if (o->format == GESTA_FORMAT_NATIVE) return gesta_dict_builder_add_file(b, kind, f);
  return gesta_dict_builder_add_foreign(b, o->format, kind, f, o->dict_lang);
}

static int load_dict(const opts *o, gesta_dict **out) {
  gesta_dict_builder *b;
  if (gesta_dict_builder_new(&b)) return -1;
  unsigned builtin = GESTA_DICT_ALL;
  if (o->nactors) builtin &= ~(unsigned)GESTA_DICT_ACTORS;
  if (o->nagents) builtin &= ~(unsigned)GESTA_DICT_AGENTS;
  if (o->nverbs) builtin &= ~(unsigned)GESTA_DICT_VERBS;
  /* Another format's dictionaries replace the whole built-in set of actors, agents and verbs. */
  if (o->format != GESTA_FORMAT_NATIVE)
    builtin &= ~(unsigned)(GESTA_DICT_ACTORS | GESTA_DICT_AGENTS | GESTA_DICT_VERBS);
  int rc = gesta_dict_builder_add_builtin(b, builtin);
  if (!rc && o->project) rc = gesta_dict_builder_add_project(b, o->project, o->dict_lang);
  for (int i = 0; !rc && i < o->nactors; i++) rc = add_dict_file(b, o, GESTA_DICT_ACTORS, o->actors[i]);
  for (int i = 0; !rc && i < o->nagents; i++) rc = add_dict_file(b, o, GESTA_DICT_AGENTS, o->agents[i]);
  for (int i = 0; !rc && i < o->nverbs; i++) rc = add_dict_file(b, o, GESTA_DICT_VERBS, o->verbs[i]);
  for (int i = 0; !rc && i < o->ndiscards; i++)
    rc = add_dict_file(b, o, GESTA_DICT_DISCARDS, o->discards[i]);
  for (int i = 0; !rc && i < o->noptions; i++)
    rc = gesta_dict_builder_add_option(b, o->format, o->options[i]);
  if (!rc) rc = gesta_dict_builder_build(b, out);
  if (rc) {
    const char *m = gesta_dict_builder_errmsg(b);
    say("gesta: cannot load dictionaries: %s\n", m && m[0] ? m : gesta_strerror(rc));
  } else {
    size_t nw = gesta_dict_builder_warning_count(b);
    for (size_t i = 0; i < nw && (i < 20 || o->strict_dict); i++)
      say("gesta: dictionary warning: %s\n", gesta_dict_builder_warning(b, i));
    if (nw > 20 && !o->strict_dict)
      say("gesta: dictionary warnings: %zu in all (the first 20 shown; --strict-dict shows all "
          "and fails)\n", nw);
    if (nw && o->strict_dict) {
      say("gesta: cannot load dictionaries: %zu warnings and --strict-dict\n", nw);
      gesta_dict_free(*out);
      *out = NULL;
      rc = GESTA_EDICT;
    }
  }
  gesta_dict_builder_free(b);
  return rc ? -1 : 0;
}

static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *end || v == 0 || s[0] == '-' || v > MAX_DOC_BYTES_CEILING) return -1;
  *out = (size_t)v;
  return 0;
}

static void summary(const run *r) {
  say("gesta: documents read %zu, coded %zu, failed %zu; events %zu\n", r->read, r->coded,
      r->failed, r->events);
}

static int cmd_code(int argc, char **argv, int tag) {
  opts o;
  memset(&o, 0, sizeof o);
  o.tag = tag;
  o.input = "text";
  o.max_doc_bytes = (size_t)16 << 20;
  o.jobs = 1;
  const char *files[4096];
  int nfiles = 0;
  int only_files = 0;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VALUE()                                                      \
  do {                                                                    \
    if (!val) {                                                           \
      say("gesta: option %s needs a value\n", a);                         \
      goto usage_error;                                                   \
    }                                                                     \
    i++;                                                                  \
  } while (0)
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      if (nfiles == (int)(sizeof files / sizeof files[0])) {
        say("gesta: too many files on the command line (at most %zu)\n",
            sizeof files / sizeof files[0]);
        goto usage_error;
      }
      files[nfiles++] = a;
    } else if (strcmp(a, "--") == 0) {
      only_files = 1;
    } else if (strcmp(a, "--input") == 0) {
      NEED_VALUE();
      if (strcmp(val, "text") && strcmp(val, "jsonl")) {
        say("gesta: --input must be text or jsonl, not '%s'\n", val);
        goto usage_error;
      }
      o.input = val;
    } else if (strcmp(a, "--date") == 0) {
      NEED_VALUE();
      if (!gesta_date_valid(val)) {
        say("gesta: --date must be a date in the form YYYY-MM-DD, not '%s'\n", val);
        goto usage_error;
      }
      o.date = val;
    } else if (strcmp(a, "--today") == 0) {
      NEED_VALUE();
      if (!gesta_date_valid(val)) {
        say("gesta: --today must be a date in the form YYYY-MM-DD, not '%s'\n", val);
        goto usage_error;
      }
      o.today = val;
    } else if (strcmp(a, "--id") == 0) {
      NEED_VALUE();
      if (!val[0]) {
        say("gesta: --id must not be empty\n");
        goto usage_error;
      }
      o.id = val;
    } else if (strcmp(a, "--lang") == 0) {
      NEED_VALUE();
      o.lang = val;
    } else if (strcmp(a, "--country") == 0) {
      NEED_VALUE();
      if (!gesta_country_valid(val)) {
        say("gesta: --country must be a CAMEO country code of three capitals (COL), not '%s'\n",
            val);
        goto usage_error;
      }
      o.country = val;
    } else if (strcmp(a, "--max-doc-bytes") == 0) {
      NEED_VALUE();
      if (parse_size(val, &o.max_doc_bytes)) {
        say("gesta: --max-doc-bytes must be a positive number of bytes, at most %zu\n",
            MAX_DOC_BYTES_CEILING);
        goto usage_error;
      }
    } else if (strcmp(a, "--errors") == 0) {
      NEED_VALUE();
      if (!val[0]) {
        say("gesta: --errors needs a file name\n");
        goto usage_error;
      }
      o.errors = val;
    } else if (strcmp(a, "--strict") == 0) {
      o.strict = 1;
    } else if (strcmp(a, "--sourceless") == 0) {
      o.sourceless = 1;
    } else if (strcmp(a, "--stats") == 0) {
      o.stats = 1;
    } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
      NEED_VALUE();
      size_t j;
      if (parse_size(val, &j) || j > 256) {
        say("gesta: -j must be a number of threads from 1 to 256\n");
        goto usage_error;
      }
      o.jobs = (int)j;
    } else if (strcmp(a, "--actors") == 0 || strcmp(a, "--agents") == 0 ||
               strcmp(a, "--verbs") == 0) {
      NEED_VALUE();
      const char **list = a[2] == 'v' ? o.verbs : a[4] == 't' ? o.actors : o.agents;
      int *cnt = a[2] == 'v' ? &o.nverbs : a[4] == 't' ? &o.nactors : &o.nagents;
      if (*cnt == MAX_FILES) {
        say("gesta: too many %s files (at most %d)\n", a, MAX_FILES);
        goto usage_error;
      }
      list[(*cnt)++] = val;
    } else if (strcmp(a, "--discards") == 0 || strcmp(a, "--dict-option") == 0) {
      NEED_VALUE();
      int disc = a[3] == 'i' && a[4] == 's';
      const char **list = disc ? o.discards : o.options;
      int *cnt = disc ? &o.ndiscards : &o.noptions;
      if (*cnt == MAX_FILES) {
        say("gesta: too many %s (at most %d)\n", a, MAX_FILES);
        goto usage_error;
      }
      list[(*cnt)++] = val;
    } else if (strcmp(a, "--project") == 0) {
      NEED_VALUE();
      o.project = val;
    } else if (strcmp(a, "--dict-lang") == 0) {
      NEED_VALUE();
      o.dict_lang = val;
    } else if (strcmp(a, "--strict-dict") == 0) {
      o.strict_dict = 1;
    } else if (strcmp(a, "--dict-format") == 0) {
      NEED_VALUE();
      if (strcmp(val, "native") == 0) {
        o.format = GESTA_FORMAT_NATIVE;
      } else if (strcmp(val, "tabari") == 0) {
        o.format = GESTA_FORMAT_TABARI;
      } else if (strcmp(val, "petrarch") == 0) {
        o.format = GESTA_FORMAT_PETRARCH;
      } else {
        say("gesta: --dict-format is native, tabari or petrarch\n");
        goto usage_error;
      }
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      return 0;
    } else {
      say("gesta: unknown option '%s'\n", a);
      goto usage_error;
    }
#undef NEED_VALUE
  }
  if (o.project && o.format != GESTA_FORMAT_TABARI) {
    say("gesta: --project reads a TABARI project: it needs --dict-format tabari\n");
    goto usage_error;
  }
  if (o.format == GESTA_FORMAT_NATIVE && (o.ndiscards || o.noptions)) {
    say("gesta: --discards and --dict-option need --dict-format tabari or petrarch\n");
    goto usage_error;
  }
  if (o.dict_lang && strcmp(o.dict_lang, "es") != 0 && strcmp(o.dict_lang, "en") != 0) {
    say("gesta: --dict-lang is es or en\n");
    goto usage_error;
  }
  if (nfiles == 0) {
    say("gesta: code needs at least one FILE ('-' for stdin)\n");
    goto usage_error;
  }
  if (o.id && (nfiles > 1 || strcmp(o.input, "jsonl") == 0)) {
    say("gesta: --id names a single plain-text document\n");
    goto usage_error;
  }
  if (o.lang && strcmp(o.lang, "es") && strcmp(o.lang, "en")) {
    say("gesta: --lang must be es or en, not '%s'\n", o.lang);
    goto usage_error;
  }

  run r;
  memset(&r, 0, sizeof r);
  r.o = &o;
  /* The errors file is created first, so that it exists (empty) whatever happens next. */
  if (o.errors && !(r.errors = fopen(o.errors, "w"))) {
    say("gesta: cannot write the --errors file %s: %s\n", o.errors, strerror(errno));
    summary(&r);
    return 2;
  }
  int status = 2;
  gesta_dict *dict = NULL;
  char *blk = NULL;
  if (load_dict(&o, &dict)) goto done;
  gesta_coder_options co;
  gesta_coder_options_default(&co);
  co.max_doc_bytes = o.max_doc_bytes;
  co.today = o.today;
  co.sourceless = o.sourceless;
  co.country = o.country;
  co.warn = on_warn;
  co.warn_user = &r;
  if (gesta_coder_new(&r.coder, dict, &co)) {
    say("gesta: cannot create a coder: out of memory\n");
    goto done;
  }
  if (tag) gesta_coder_set_tag_cb(r.coder, on_tag, &r);
  /* Tags are written as the coder finds them: gesta tag codes on one thread. */
  if (o.jobs > 1 && !tag && par_start(&r, dict, &co, o.jobs)) {
    say("gesta: cannot start %d threads\n", o.jobs);
    goto done;
  }
  r.json_cap = 1 << 16;
  r.json = malloc(r.json_cap);
  blk = malloc(READ_BLOCK);
  if (!r.json || !blk) {
    say("gesta: out of memory\n");
    goto done;
  }
  progress_start(files, nfiles);
  double t0 = now_seconds();
  for (int i = 0; i < nfiles && !r.out_failed && !r.stop; i++) {
    if (strcmp(o.input, "jsonl") == 0)
      code_jsonl_file(&r, files[i], blk);
    else
      code_text_file(&r, files[i]);
    progress_update(r.read);
  }
  par_drain(&r);
  if (fflush(stdout) != 0) out_failed(&r);
  if (o.stats) {
    double secs = now_seconds() - t0;
    size_t sentences = run_sentences(&r);
    double mb = (double)g_prog.done / 1048576.0;
    say("gesta: stats: sentences %zu, input %.1f MB, %.3f s, %.0f sentences/s, %.2f MB/s, "
        "%.0f events/s, threads %d\n",
        sentences, mb, secs, secs > 0 ? sentences / secs : 0.0, secs > 0 ? mb / secs : 0.0,
        secs > 0 ? r.events / secs : 0.0, r.par ? o.jobs : 1);
  }
  if (r.out_failed) say("gesta: cannot write events to stdout: %s\n", strerror(r.out_errno));
  if (r.stop) say("gesta: stopped at the first failed document (--strict)\n");
  status = r.out_failed ? 2 : r.failed ? 1 : 0;
done:
  if (r.errors) {
    if (fclose(r.errors) != 0 && !r.errors_failed) {
      r.errors_failed = 1;
      r.errors_errno = errno;
    }
    if (r.errors_failed) {
      say("gesta: cannot write the --errors file %s: %s\n", o.errors, strerror(r.errors_errno));
      status = 2;
    }
  }
  summary(&r);
  par_free(&r);
  free(blk);
  free(r.json);
  id_set_free(&r.ids);
  gesta_coder_free(r.coder);
  gesta_dict_free(dict);
  return status;
usage_error:
  say("gesta: try 'gesta code --help'\n");
  say("gesta: documents read 0, coded 0, failed 0; events 0\n");
  return 2;
}

int main(int argc, char **argv) {
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  /* A closed stdout (`gesta code ... | head`) is a write error reported once, not a silent
   * death by SIGPIPE. */
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
