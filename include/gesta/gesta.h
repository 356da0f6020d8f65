/*
 * gesta: code Spanish and English news into CAMEO political events.
 *
 * Ownership rule: every object returned through an `out` pointer by a `gesta_*_new` or `*_build`
 * function belongs to the caller and is released with the matching `gesta_*_free` (which accepts
 * NULL). Everything else the library hands out (strings, events, messages) is borrowed: it is valid
 * until the next call on the same object, or, for events, only during the callback.
 *
 * Threads: a built gesta_dict is immutable and may be shared by any number of threads; each thread
 * uses its own gesta_coder. The library keeps no mutable global state besides the allocator set by
 * gesta_set_allocator(), which must be called before anything else if at all.
 *
 * Text crosses the API as UTF-8 (pointer, length). The library never prints and never exits.
 */
#ifndef GESTA_H
#define GESTA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GESTA_BUILDING) && defined(__GNUC__)
#define GESTA_API __attribute__((visibility("default")))
#else
#define GESTA_API
#endif

#define GESTA_VERSION "0.1.0"

/* Status codes: 0 is success, failures are negative. */
enum {
  GESTA_OK = 0,
  GESTA_ENOMEM = -1,  /* an allocation failed */
  GESTA_EINVAL = -2,  /* a bad argument */
  GESTA_EIO = -3,     /* a file could not be read */
  GESTA_EDICT = -4,   /* a dictionary could not be loaded */
  GESTA_ETOOBIG = -5, /* a document is larger than the limit */
  GESTA_EJSON = -6,   /* a JSON document line is malformed */
  GESTA_ESTOP = -7    /* the event callback asked to stop */
};

/* A static English description of a status code. */
GESTA_API const char *gesta_strerror(int status);

/* Replaces the allocator for everything the library allocates itself (and for jansson).
 * Call it before any other function; returns GESTA_EINVAL if any pointer is NULL. */
typedef void *(*gesta_malloc_fn)(size_t size);
typedef void *(*gesta_realloc_fn)(void *ptr, size_t size);
typedef void (*gesta_free_fn)(void *ptr);
GESTA_API int gesta_set_allocator(gesta_malloc_fn m, gesta_realloc_fn r, gesta_free_fn f);

/* ---- Dictionaries ---------------------------------------------------------------------------- */

typedef enum gesta_dict_kind {
  GESTA_DICT_ACTORS = 1, /* actors and people (data/actors) */
  GESTA_DICT_AGENTS = 2, /* role words (data/agents) */
  GESTA_DICT_VERBS = 4,  /* verb patterns (data/verbs) */
  GESTA_DICT_CAMEO = 8,  /* the CAMEO code table (data/cameo.txt) */
  GESTA_DICT_LANG = 16,  /* language data (data/lang/LANG.txt); the name is the language code */
  GESTA_DICT_PLOVER = 32, /* CAMEO code -> PLOVER event type (data/plover.txt) */
  GESTA_DICT_DISCARDS = 64 /* phrases that keep a sentence or a story from being coded */
} gesta_dict_kind;
#define GESTA_DICT_ALL 127u

typedef struct gesta_dict gesta_dict;
typedef struct gesta_dict_builder gesta_dict_builder;

/* A builder collects dictionary sources, then compiles them into an immutable gesta_dict. */
GESTA_API int gesta_dict_builder_new(gesta_dict_builder **out);
/* Adds the dictionaries built into the library, for the kinds in the mask (GESTA_DICT_ALL for all). */
GESTA_API int gesta_dict_builder_add_builtin(gesta_dict_builder *b, unsigned kinds);
/* Adds one source in gesta's native format. `name` is used in messages ("file:line: ..."); for
 * GESTA_DICT_LANG its base name without extension is the language code. The text is copied. */
GESTA_API int gesta_dict_builder_add_text(gesta_dict_builder *b, gesta_dict_kind kind, const char *name,
                                          const char *text, size_t len);
GESTA_API int gesta_dict_builder_add_file(gesta_dict_builder *b, gesta_dict_kind kind,
                                          const char *path);
/* Makes the build also look for defects that do not stop it: the same phrase written twice,
 * one phrase with two codes and no date ranges to separate them, verb patterns that another
 * pattern always shadows. Read them with gesta_dict_builder_finding() after the build. */
GESTA_API void gesta_dict_builder_set_check(gesta_dict_builder *b, int on);
GESTA_API size_t gesta_dict_builder_finding_count(const gesta_dict_builder *b);
/* "file:line: kind: message", kind being "duplicate", "conflict" or "unreachable". */
GESTA_API const char *gesta_dict_builder_finding(const gesta_dict_builder *b, size_t i);
/* Dictionary formats gesta reads: its own, TABARI's and PETRARCH's (PETRARCH 1 and 2 and
 * UniversalPetrarch). docs/dictionary-format.md says how each is read. */
typedef enum gesta_dict_format {
  GESTA_FORMAT_NATIVE = 0,
  GESTA_FORMAT_TABARI = 1,
  GESTA_FORMAT_PETRARCH = 2
} gesta_dict_format;
/* Reads a dictionary file of another format as one kind (ACTORS, AGENTS, VERBS or DISCARDS). It
 * is translated into gesta's native form; defects are repaired or skipped with warnings (see
 * gesta_dict_builder_warning). lang is the language of its verb patterns ("en", "es"), or NULL
 * to tell it from the file's words. */
GESTA_API int gesta_dict_builder_add_foreign(gesta_dict_builder *b, gesta_dict_format format,
                                             gesta_dict_kind kind, const char *path, const char *lang);
/* The same for text in memory; name is used in messages. */
GESTA_API int gesta_dict_builder_add_foreign_text(gesta_dict_builder *b, gesta_dict_format format,
                                                  gesta_dict_kind kind, const char *name,
                                                  const char *text, size_t len, const char *lang);
/* Reads a TABARI .project file: the actors, verbs and agents files it names (as TABARI
 * dictionaries) and its options file. */
GESTA_API int gesta_dict_builder_add_project(gesta_dict_builder *b, const char *path, const char *lang);
/* One option of a TABARI options file ("SET: MINIMUM WORDS = 4") or of a PETRARCH config
 * ("require_dyad = True"). Options that change what is coded are honoured; those about the other
 * coders' own output are accepted without effect (docs/dictionary-format.md lists both). */
GESTA_API int gesta_dict_builder_add_option(gesta_dict_builder *b, gesta_dict_format format,
                                            const char *line);
/* Every option of a TABARI .options file or a PETRARCH config (.ini) file. */
GESTA_API int gesta_dict_builder_add_options(gesta_dict_builder *b, gesta_dict_format format,
                                             const char *path);
/* Defects in dictionaries read from other formats (gesta_dict_builder_add_foreign) that the load
 * repaired or skipped, each "file:line:column: message"; valid after gesta_dict_builder_build(). */
GESTA_API size_t gesta_dict_builder_warning_count(const gesta_dict_builder *b);
GESTA_API const char *gesta_dict_builder_warning(const gesta_dict_builder *b, size_t i);
/* Compiles everything added so far. On failure *out stays NULL and gesta_dict_builder_errmsg()
 * names the file, line and column. */
GESTA_API int gesta_dict_builder_build(gesta_dict_builder *b, gesta_dict **out);
GESTA_API const char *gesta_dict_builder_errmsg(const gesta_dict_builder *b);
GESTA_API void gesta_dict_builder_free(gesta_dict_builder *b);
GESTA_API void gesta_dict_free(gesta_dict *d);

/* Counts of what a compiled dictionary holds for one language ("es", "en"): entries (a phrase,
 * a person, a pattern), not the inflected forms generated from them. Actors are counted by the
 * file they come from (states.txt, organisations.txt, groups.txt; people are person blocks). */
typedef struct gesta_dict_stats {
  size_t actor_phrases;       /* names of actors of every kind, in the language */
  size_t agent_phrases;       /* role words */
  size_t people;              /* persons with a name in the language */
  size_t states;              /* state actors (a 3-letter code) with a name in the language */
  size_t organisations;       /* organisations, regions and blocs */
  size_t groups;              /* armed groups, parties, movements */
  size_t verb_patterns;
  size_t cameo_codes;         /* codes in the CAMEO table */
  size_t cameo_codes_covered; /* codes with at least one verb pattern in the language */
} gesta_dict_stats;
GESTA_API int gesta_dict_get_stats(const gesta_dict *d, const char *lang, gesta_dict_stats *out);

/* ---- Documents and events -------------------------------------------------------------------- */

typedef struct gesta_document {
  const char *id;    /* NUL-terminated; required */
  const char *text;  /* UTF-8 body */
  size_t text_len;
  const char *title; /* optional; coded before the text as sentence 0 */
  size_t title_len;
  const char *date;  /* "YYYY-MM-DD" or NULL when unknown */
  const char *lang;  /* optional hint ("es", "en") used where a paragraph gives no evidence */
  const char *country; /* optional CAMEO country code ("COL") the document reports from, as a
                        * national outlet's archive does: role words the text does not place
                        * take it, as from a dateline (a dateline in the text wins); NULL: the
                        * coder's option */
} gesta_document;

typedef struct gesta_span {
  size_t start, end; /* [start, end) byte offsets into the event's sentence */
} gesta_span;

typedef struct gesta_event {
  const char *doc;
  size_t sentence_index; /* 0-based within the document */
  const char *sentence;  /* the sentence as in the input (invalid UTF-8 replaced) */
  size_t sentence_len;
  const char *lang;      /* "es", "en" */
  const char *date;      /* "YYYY-MM-DD" or NULL */
  const char *source;    /* CAMEO actor code; "" when the text names no source (protests and
                          * the like, docs/coding-rules.md "No source named"; any event with
                          * the sourceless option), with an empty source_span */
  const char *target;    /* CAMEO actor code, "" when none */
  const char *code;      /* CAMEO event code, "042" (or a code of another scheme that a TABARI or
                          * PETRARCH dictionary uses, "903": then root is "", quad_class 0 and
                          * goldstein 0, and the JSON line has them null) */
  const char *root;      /* its first two digits, "04" */
  const char *plover;    /* PLOVER event type ("CONSULT"), or NULL when none */
  const char *plover_mode; /* PLOVER mode ("visit"), or NULL */
  int quad_class;        /* 1..4 (0: see code) */
  double goldstein;      /* -10..10 */
  gesta_span source_span, target_span, verb_span; /* target_span is {0,0} when there is no target */
} gesta_event;

/* Receives each event; valid only during the call. Return non-zero to stop coding the document. */
typedef int (*gesta_event_cb)(const gesta_event *ev, void *user);
/* Receives warnings about a document (invalid UTF-8 replaced, ...). */
typedef void (*gesta_warn_cb)(const char *doc, size_t line, const char *message, void *user);

typedef struct gesta_coder_options {
  size_t max_doc_bytes; /* documents larger than this fail with GESTA_ETOOBIG; default 16 MiB */
  const char *today;    /* "YYYY-MM-DD" used for date ranges when a document has no date; NULL: the clock */
  gesta_warn_cb warn;   /* optional */
  void *warn_user;
  int sourceless;       /* non-zero: also code events whose source the text does not name (an
                         * agentless passive, an event noun with no actor), with source "" */
  const char *country;  /* gesta_document.country for documents that give none; NULL: none */
} gesta_coder_options;

/* Whether s is a CAMEO country code a document may report from: three capitals, not one of
 * the codes for organisations (IGO, NGO, IMG). */
GESTA_API int gesta_country_valid(const char *s);

GESTA_API void gesta_coder_options_default(gesta_coder_options *o);

typedef struct gesta_coder gesta_coder;
GESTA_API int gesta_coder_new(gesta_coder **out, const gesta_dict *d, const gesta_coder_options *o);
/* Codes one document, calling cb for each event in order. Returns 0, or a negative status with
 * the reason in gesta_coder_errmsg(). */
GESTA_API int gesta_coder_code(gesta_coder *c, const gesta_document *doc, gesta_event_cb cb,
                               void *user);
GESTA_API const char *gesta_coder_errmsg(const gesta_coder *c);
/* How many sentences the coder has coded since it was made (for throughput figures). */
GESTA_API size_t gesta_coder_sentences(const gesta_coder *c);
GESTA_API void gesta_coder_free(gesta_coder *c);

/* What the coder recognised in a sentence, for seeing why an event was or was not coded. */
typedef struct gesta_tag {
  const char *doc;
  size_t sentence_index;
  const char *sentence;
  size_t sentence_len;
  const char *lang;
  const char *kind;    /* "actor", "agent" (a role word with no country) or "verb" */
  const char *code;    /* actor code, or the verb pattern's CAMEO code */
  const char *detail;  /* for verbs: the pattern as written, and "negated"/"passive" notes */
  gesta_span span;     /* byte offsets into the sentence */
} gesta_tag;
typedef void (*gesta_tag_cb)(const gesta_tag *tag, void *user);
/* Makes the coder report every tag of the following documents (NULL stops it). */
GESTA_API void gesta_coder_set_tag_cb(gesta_coder *c, gesta_tag_cb cb, void *user);
/* Writes a tag as one JSON object, like gesta_event_to_json. */
GESTA_API size_t gesta_tag_to_json(const gesta_tag *tag, char *buf, size_t cap);

/* Writes ev as one JSON object (no newline) into buf, like snprintf: returns the length the
 * full text needs; writes at most cap bytes including the terminating NUL. */
GESTA_API size_t gesta_event_to_json(const gesta_event *ev, char *buf, size_t cap);

/* ---- Coding in parallel ---------------------------------------------------------------------- */

/* Codes batches of documents on several threads and hands back each document's result in input
 * order, so that the output does not depend on the number of threads. */
typedef struct gesta_batch gesta_batch;

/* One document's result: its events as JSON lines (each ending in '\n', as gesta_event_to_json
 * writes them), the warnings about it, and its status. Valid only during the callback. */
typedef struct gesta_batch_result {
  size_t index;        /* position of the document in the batch */
  int status;          /* 0, or a negative GESTA_E* code */
  const char *errmsg;  /* when status != 0 */
  const char *jsonl;   /* the events, one JSON object per line */
  size_t jsonl_len;
  size_t events;
  const char *warnings; /* one line per warning, "line N: message\n" (N 0 for the title) */
  size_t warnings_len;
} gesta_batch_result;
/* Return non-zero to stop delivering results of the batch. */
typedef int (*gesta_batch_cb)(const gesta_batch_result *r, void *user);

/* threads >= 1. Each thread gets its own coder; the dictionary is shared. */
GESTA_API int gesta_batch_new(gesta_batch **out, const gesta_dict *d, const gesta_coder_options *o,
                              int threads);
/* Codes docs[0..n) and calls cb once per document, in order, on the calling thread. */
GESTA_API int gesta_batch_code(gesta_batch *b, const gesta_document *docs, size_t n,
                               gesta_batch_cb cb, void *user);
GESTA_API void gesta_batch_free(gesta_batch *b);
/* How many sentences the batch's coders have coded, all threads together. */
GESTA_API size_t gesta_batch_sentences(const gesta_batch *b);

/* ---- JSON lines input ------------------------------------------------------------------------ */

/* One parsed input line {"id", "date", "text", "title", "lang", "url", "source"}. */
typedef struct gesta_json_doc gesta_json_doc;
/* Parses one line. On failure *out stays NULL and a one-line reason is written to err. */
GESTA_API int gesta_json_doc_parse(gesta_json_doc **out, const char *line, size_t len, char *err,
                                   size_t errlen);
GESTA_API const gesta_document *gesta_json_doc_document(const gesta_json_doc *d);
/* How many invalid UTF-8 sequences of the line were replaced by U+FFFD before parsing. */
GESTA_API size_t gesta_json_doc_replaced(const gesta_json_doc *d);
GESTA_API void gesta_json_doc_free(gesta_json_doc *d);
/* The id of a document line that failed to parse as a document, when the line is JSON with a
 * usable "id" (for error reports); writes "" and returns non-zero otherwise. */
GESTA_API int gesta_json_line_id(const char *line, size_t len, char *id, size_t cap);

/* Checks "YYYY-MM-DD" for a real calendar date. */
GESTA_API int gesta_date_valid(const char *s);

#ifdef __cplusplus
}
#endif
#endif
