/*
 * Building a compiled dictionary (lexicon.h) from sources in gesta's native format
 * (docs/dictionary-format.md). Sources are collected first and compiled in a fixed order (CAMEO
 * table, languages, agents, actors, verbs) so that every later section can rely on the earlier
 * ones: phrases are tokenised with the languages' abbreviations, verb heads are stemmed with the
 * languages' stemmers, and pattern codes are checked against the CAMEO table.
 * Errors name the source, line and column; the first error stops the build.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "foreign.h"
#include "lexicon.h"
#include "normalize.h"
#include "stem.h"
#include "token.h"

typedef struct dsrc {
  int kind; /* gesta_dict_kind, with SRC_BORROWED and SRC_FOREIGN */
  char *name;
  char *text;
  size_t len;
  uint32_t *lines; /* for a source translated from another format: the original line of each of
                    * its lines, so that messages name the file the user gave */
  size_t nlines;
} dsrc;

#define SRC_BORROWED 0x100 /* text not owned: built into the library */
#define SRC_FOREIGN 0x200  /* translated from a TABARI or PETRARCH file (foreign.c) */

struct gesta_dict_builder {
  gvec srcs; /* dsrc */
  char errmsg[512];
  /* Compilation state. */
  gesta_dict *d;
  stemmer_set ss;
  arena tmp;
  gvec toks;
  const char *cur_name;
  size_t cur_line;
  size_t cur_indent; /* columns before the text of the current line, added to error columns */
  hmap heads_done; /* verb heads whose regular forms were generated */
  int check;       /* record defects that do not stop the build */
  gvec findings;   /* char *, owned */
  hmap pattern_sigs; /* with checking on: pattern signature -> 1 */
  int cur_category;  /* lex_category of the actor file being read */
  const dsrc *cur_src;
  int lenient;       /* a foreign source: a line in error is skipped with a warning */
  gvec warnings;     /* char *, owned: defects repaired or skipped while loading */
  size_t load_warnings; /* the first ones, made while sources were added; the rest come from
                         * the last build, which replaces them */
  lex_options opts;  /* coding options the dictionaries set */
};

static const char *const class_sections[CLS_COUNT] = {
    "function_words", "abbreviations", "negation", "passive_aux", "passive_by", "coordination",
    "attribution", "both", "link", "furniture", "agencies", "byline", "pronouns", "complement", "noun_markers", "locative", "participle_endings", "time", "adverbs", "infinitive_markers",
    "nonfinite_endings", "prepositions", "adjuncts", "future_auxiliaries",
    "object_relatives", "possessives", "reciprocals", "reflexive", "object_pronouns", "role_links",
    "subject_relatives", "finite_endings", "discard", "discard_story", "infinitive_endings",
    "purpose_markers", "possibility_modals", "conditions", "quantities",
    "subjunctive", "demanded_clauses", "numbers", "stance_prefixes", "background",
    "place_parts", "perfect_auxiliaries",
    "unrealised_clauses", "object_prepositions", "attack_nouns", "factual_clauses",
    "patient_nouns",
    "obligation_modals", "aspect_auxiliaries",
    "document_nouns", "advice_modals", "stative_participles", "both_sides",
    "held_people", "disaster_nouns", "market_nouns", "sport_nouns"};

int gesta_dict_builder_new(gesta_dict_builder **out) {
  if (!out) return GESTA_EINVAL;
  *out = NULL;
  gesta_dict_builder *b = gesta__calloc(1, sizeof *b);
  if (!b) return GESTA_ENOMEM;
  gesta__vec_init(&b->srcs, sizeof(dsrc));
  gesta__vec_init(&b->findings, sizeof(char *));
  gesta__vec_init(&b->warnings, sizeof(char *));
  *out = b;
  return GESTA_OK;
}

void gesta_dict_builder_set_check(gesta_dict_builder *b, int on) {
  if (b) b->check = on;
}

size_t gesta_dict_builder_finding_count(const gesta_dict_builder *b) {
  return b ? b->findings.len : 0;
}

const char *gesta_dict_builder_finding(const gesta_dict_builder *b, size_t i) {
  return b && i < b->findings.len ? GVEC_AT(&b->findings, char *, i) : NULL;
}

static void clear_findings(gesta_dict_builder *b) {
  for (size_t i = 0; i < b->findings.len; i++) gesta__free(GVEC_AT(&b->findings, char *, i));
  b->findings.len = 0;
}

lex_options *gesta__dict_options(gesta_dict_builder *b) { return &b->opts; }

void gesta__dict_set_error(gesta_dict_builder *b, const char *msg) {
  snprintf(b->errmsg, sizeof b->errmsg, "%s", msg);
}

size_t gesta_dict_builder_warning_count(const gesta_dict_builder *b) {
  return b ? b->warnings.len : 0;
}

const char *gesta_dict_builder_warning(const gesta_dict_builder *b, size_t i) {
  return b && i < b->warnings.len ? GVEC_AT(&b->warnings, char *, i) : NULL;
}

static void drop_build_warnings(gesta_dict_builder *b) {
  for (size_t i = b->load_warnings; i < b->warnings.len; i++)
    gesta__free(GVEC_AT(&b->warnings, char *, i));
  b->warnings.len = b->load_warnings;
}

int gesta__dict_warning(gesta_dict_builder *b, const char *msg) {
  /* Outside a build, the warning is about a source being added: it outlives the builds. */
  if (!b->d) drop_build_warnings(b);
  char **slot = gesta__vec_push(&b->warnings);
  if (!slot) return GESTA_ENOMEM;
  if (!(*slot = gesta__strndup(msg, strlen(msg)))) {
    b->warnings.len--;
    return GESTA_ENOMEM;
  }
  /* One line each: control bytes quoted from a file become blanks. */
  for (char *p = *slot; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = ' ';
  if (!b->d) b->load_warnings = b->warnings.len;
  return 0;
}

static int add_src(gesta_dict_builder *b, int kind, const char *name, const char *text, size_t len,
                   int copy) {
  dsrc *s = gesta__vec_push(&b->srcs);
  if (!s) return GESTA_ENOMEM;
  s->kind = kind;
  s->name = gesta__strndup(name, strlen(name));
  s->text = copy ? gesta__strndup(text, len) : (char *)text;
  s->len = len;
  if (!s->name || !s->text) {
    gesta__free(s->name);
    if (copy) gesta__free(s->text);
    b->srcs.len--;
    return GESTA_ENOMEM;
  }
  if (!copy) s->kind |= SRC_BORROWED; /* not freed */
  return GESTA_OK;
}

int gesta__dict_add_translated(gesta_dict_builder *b, gesta_dict_kind kind, const char *name,
                               const char *text, size_t len, const uint32_t *lines, size_t nlines) {
  int rc = add_src(b, (int)kind, name, text, len, 1);
  if (rc) return rc;
  dsrc *s = &GVEC_AT(&b->srcs, dsrc, b->srcs.len - 1);
  s->kind |= SRC_FOREIGN;
  if (nlines) {
    if (!(s->lines = gesta__malloc(nlines * sizeof *lines))) return GESTA_ENOMEM;
    memcpy(s->lines, lines, nlines * sizeof *lines);
    s->nlines = nlines;
  }
  return GESTA_OK;
}

int gesta_dict_builder_add_text(gesta_dict_builder *b, gesta_dict_kind kind, const char *name,
                                const char *text, size_t len) {
  if (!b || !name || (!text && len)) return GESTA_EINVAL;
  return add_src(b, (int)kind, name, text ? text : "", len, 1);
}

int gesta__dict_read_file(gesta_dict_builder *b, const char *path, gbuf *out) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(b->errmsg, sizeof b->errmsg, "%s: %s", path, strerror(errno));
    return GESTA_EIO;
  }
  char chunk[65536];
  size_t n;
  int rc = GESTA_OK;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (gesta__buf_append(out, chunk, n)) {
      rc = GESTA_ENOMEM;
      break;
    }
  if (rc == GESTA_OK && ferror(f)) {
    snprintf(b->errmsg, sizeof b->errmsg, "%s: read error", path);
    rc = GESTA_EIO;
  }
  fclose(f);
  return rc;
}

int gesta_dict_builder_add_file(gesta_dict_builder *b, gesta_dict_kind kind, const char *path) {
  if (!b || !path) return GESTA_EINVAL;
  gbuf buf = {0};
  int rc = gesta__dict_read_file(b, path, &buf);
  if (rc == GESTA_OK) rc = add_src(b, (int)kind, path, buf.data ? buf.data : "", buf.len, 1);
  gesta__buf_free(&buf);
  return rc;
}

int gesta_dict_builder_add_builtin(gesta_dict_builder *b, unsigned kinds) {
  if (!b) return GESTA_EINVAL;
  for (size_t i = 0; i < gesta__builtin_count; i++) {
    const gesta__builtin_file *f = &gesta__builtin_files[i];
    if (!(kinds & (unsigned)f->kind)) continue;
    int rc = add_src(b, f->kind, f->name, f->text, f->len, 0);
    if (rc) return rc;
  }
  return GESTA_OK;
}

const char *gesta_dict_builder_errmsg(const gesta_dict_builder *b) {
  return b ? b->errmsg : "";
}

void gesta_dict_builder_free(gesta_dict_builder *b) {
  if (!b) return;
  for (size_t i = 0; i < b->srcs.len; i++) {
    dsrc *s = &GVEC_AT(&b->srcs, dsrc, i);
    gesta__free(s->name);
    if (!(s->kind & SRC_BORROWED)) gesta__free(s->text);
    gesta__free(s->lines);
  }
  gesta__vec_free(&b->srcs);
  clear_findings(b);
  gesta__vec_free(&b->findings);
  for (size_t i = 0; i < b->warnings.len; i++) gesta__free(GVEC_AT(&b->warnings, char *, i));
  gesta__vec_free(&b->warnings);
  gesta__free(b);
}

void gesta_dict_free(gesta_dict *d) {
  if (!d) return;
  gesta__buf_free(&d->strings);
  gesta__hmap_free(&d->phrase_map);
  gesta__hmap_free(&d->stem_map);
  gesta__hmap_free(&d->head_prefix);
  gesta__vec_free(&d->phrases);
  gesta__vec_free(&d->entries);
  gesta__vec_free(&d->actors);
  gesta__vec_free(&d->codes);
  gesta__vec_free(&d->agents);
  gesta__hmap_free(&d->head_map);
  gesta__vec_free(&d->patterns);
  gesta__vec_free(&d->filters);
  gesta__vec_free(&d->elems);
  gesta__vec_free(&d->alts);
  gesta__hmap_free(&d->irregular);
  gesta__vec_free(&d->lemma_stems);
  gesta__hmap_free(&d->lemma_class);
  gesta__hmap_free(&d->cameo_map);
  gesta__vec_free(&d->cameo);
  gesta__vec_free(&d->infl);
  gesta__hmap_free(&d->subjunctive);
  gesta__free(d->covered);
  gesta__free(d);
}

/* ---- lookups used by the coder ---------------------------------------------------------------- */

int gesta__lex_lang(const gesta_dict *d, const char *name) {
  for (int i = 0; i < d->nlangs; i++)
    if (strcmp(d->langs[i].name, name) == 0) return i;
  return -1;
}

int gesta__lex_word_in_class(const gesta_dict *d, uint64_t word_hash, int lang, int cls) {
  const lex_phrase *p = gesta__lex_phrase(d, gesta__hash_mix(GESTA_SEQ_SEED, word_hash));
  if (!p) return 0;
  for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
    const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
    if (en->kind == LK_CLASS && en->cls == cls && (lang < 0 || (en->langmask >> lang) & 1))
      return 1;
  }
  return 0;
}

const char *gesta__lex_actor_code(const gesta_dict *d, uint32_t actor, int32_t day) {
  const lex_actor *a = &GVEC_AT(&d->actors, lex_actor, actor);
  for (uint32_t i = 0; i < a->ncodes; i++) {
    const lex_code *c = &GVEC_AT(&d->codes, lex_code, a->first_code + i);
    if (day >= c->from && day <= c->to) return LEX_STR(d, c->code);
  }
  /* After the last office, with gesta's own dictionaries (other coders' leave such a name
   * uncoded): "el expresidente Carlos Menem" in 2005 is ARGELI. */
  if (a->former != UINT32_MAX && day > a->former_after && lex_own_rules(&d->opts))
    return LEX_STR(d, a->former);
  return NULL;
}

const char *gesta__lex_office_code(const gesta_dict *d, uint32_t actor, const char *role) {
  if (actor >= d->actors.len) return NULL;
  const lex_actor *a = &GVEC_AT(&d->actors, lex_actor, actor);
  const char *best = NULL;
  int32_t last = INT32_MIN;
  for (uint32_t i = 0; i < a->ncodes; i++) {
    const lex_code *c = &GVEC_AT(&d->codes, lex_code, a->first_code + i);
    const char *code = LEX_STR(d, c->code);
    if (strlen(code) > 3 && strcmp(code + 3, role) == 0 && c->to > last) {
      best = code;
      last = c->to;
    }
  }
  return best;
}

int gesta__lex_has_class(const gesta_dict *d, const token *tok, uint32_t a, uint32_t b, int cls) {
  for (uint32_t i = a; i < b; i++) {
    uint64_t h = GESTA_SEQ_SEED;
    for (uint32_t j = i; j < b && j - i < LEX_MAX_PHRASE_TOKENS; j++) {
      h = gesta__hash_mix(h, tok[j].hash);
      const lex_phrase *p = gesta__lex_phrase(d, h);
      if (!p) break;
      for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
        const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
        if (en->kind == LK_CLASS && en->cls == cls) return 1;
      }
    }
  }
  return 0;
}

size_t gesta__lex_place(const gesta_dict *d, const token *tok, uint32_t i, uint32_t b, int lang,
                        int32_t day, int states, const char **codes, size_t max, uint32_t *end) {
  size_t n = 0;
  uint64_t h = GESTA_SEQ_SEED;
  for (uint32_t j = i; j < b && j - i < LEX_MAX_PHRASE_TOKENS; j++) {
    h = gesta__hash_mix(h, tok[j].hash);
    const lex_phrase *p = gesta__lex_phrase(d, h);
    if (!p) break;
    uint32_t len = j - i + 1;
    size_t found = 0;
    const char *here[8];
    for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
      const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
      if (en->kind != LK_ACTOR || en->adj || !((en->langmask >> lang) & 1)) continue;
      const lex_actor *a = &GVEC_AT(&d->actors, lex_actor, en->id);
      if (a->person || (a->category != CAT_PLACE && !(states && a->category == CAT_STATE))) continue;
      int cased = 1;
      for (uint32_t k = 0; k < len && k < 32; k++) {
        if (((en->cap >> k) & 1) && !(tok[i + k].flags & NAME_CASE)) cased = 0;
        if (((en->upper >> k) & 1) && !(tok[i + k].flags & TF_UPPER)) cased = 0;
      }
      const char *code = cased ? gesta__lex_actor_code(d, en->id, day) : NULL;
      if (!code || !gesta__country_code(code)) continue;
      size_t k = 0;
      while (k < found && strncmp(here[k], code, 3) != 0) k++;
      if (k == found && found < 8) here[found++] = code;
    }
    if (found) { /* the longest name wins: "Norte de Santander" over "Norte" */
      n = found < max ? found : max;
      for (size_t k = 0; k < n; k++) codes[k] = here[k];
      *end = j + 1;
    }
    if (!p->prefix) break;
  }
  return n;
}

const lex_cameo *gesta__lex_cameo(const gesta_dict *d, const char *code) {
  uint32_t idx;
  if (!gesta__hmap_get(&d->cameo_map, gesta__hash_bytes(code, strlen(code)), &idx)) return NULL;
  return &GVEC_AT(&d->cameo, lex_cameo, idx);
}

int gesta_dict_get_stats(const gesta_dict *d, const char *lang, gesta_dict_stats *out) {
  if (!d || !lang || !out) return GESTA_EINVAL;
  int l = gesta__lex_lang(d, lang);
  if (l < 0) return GESTA_EINVAL;
  memset(out, 0, sizeof *out);
  out->actor_phrases = d->stats_actor_phrases[l];
  out->agent_phrases = d->stats_agent_phrases[l];
  out->verb_patterns = d->stats_patterns[l];
  out->cameo_codes = d->cameo.len;
  for (size_t i = 0; i < d->actors.len; i++) {
    const lex_actor *a = &GVEC_AT(&d->actors, lex_actor, i);
    if (!((a->langs >> l) & 1)) continue;
    if (a->person)
      out->people++;
    else if (a->category == CAT_STATE && strlen(LEX_STR(d, a->name)) == 3)
      out->states++;
    else if (a->category == CAT_ORG)
      out->organisations++;
    else if (a->category == CAT_GROUP)
      out->groups++;
  }
  if (d->covered) {
    size_t words = (d->cameo.len + 63) / 64;
    for (size_t w = 0; w < words; w++)
      out->cameo_codes_covered += (size_t)__builtin_popcountll(d->covered[(size_t)l * words + w]);
  }
  return GESTA_OK;
}

/* ---- compilation ------------------------------------------------------------------------------ */

/* Sets the builder's message, "file:line:column: ...", for the line being read. */
static int vfail(gesta_dict_builder *b, size_t col, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
static int vfail(gesta_dict_builder *b, size_t col, const char *fmt, va_list ap) {
  char msg[384];
  vsnprintf(msg, sizeof msg, fmt, ap);
  snprintf(b->errmsg, sizeof b->errmsg, "%s:%zu:%zu: %s", b->cur_name, b->cur_line ? b->cur_line : 1,
           b->cur_src && b->cur_src->lines ? (size_t)1 : col + b->cur_indent, msg);
  return GESTA_EDICT;
}

static int fail(gesta_dict_builder *b, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(gesta_dict_builder *b, size_t col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = vfail(b, col, fmt, ap);
  va_end(ap);
  return rc;
}

/* In a foreign source, an error skips the line: the message becomes a warning. */
static int warn_errmsg(gesta_dict_builder *b) {
  int rc = gesta__dict_warning(b, b->errmsg);
  b->errmsg[0] = 0;
  return rc;
}

static int warn(gesta_dict_builder *b, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int warn(gesta_dict_builder *b, size_t col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail(b, col, fmt, ap);
  va_end(ap);
  return warn_errmsg(b);
}

/* Records a defect that does not stop the build (only with checking on). */
static int finding(gesta_dict_builder *b, const char *where, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int finding(gesta_dict_builder *b, const char *where, const char *kind, const char *fmt, ...) {
  char msg[512], line[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  snprintf(line, sizeof line, "%s: %s: %s", where, kind, msg);
  char **slot = gesta__vec_push(&b->findings);
  if (!slot) return GESTA_ENOMEM;
  if (!(*slot = gesta__strndup(line, strlen(line)))) {
    b->findings.len--;
    return GESTA_ENOMEM;
  }
  return 0;
}

static int oom(gesta_dict_builder *b) {
  snprintf(b->errmsg, sizeof b->errmsg, "out of memory while compiling dictionaries");
  return GESTA_ENOMEM;
}

static uint32_t intern(gesta_dict *d, const char *s, size_t n) {
  size_t at = d->strings.len;
  if (gesta__buf_append(&d->strings, s, n) || gesta__buf_putc(&d->strings, 0)) return UINT32_MAX;
  return (uint32_t)at;
}

/* One logical line of a source, with comments and trailing blanks removed. */
typedef struct line {
  const char *s;
  size_t n;
  int indented;
  size_t indent; /* bytes of leading blanks */
  size_t lineno;
} line;

static int next_line(const char *text, size_t len, size_t *pos, size_t *lineno, line *out) {
  if (*pos == 0 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) *pos = 3; /* a BOM */
  while (*pos < len) {
    size_t s = *pos, e = s;
    while (e < len && text[e] != '\n') e++;
    *pos = e < len ? e + 1 : e;
    (*lineno)++;
    size_t c = s;
    while (c < e && text[c] != '#') c++;
    size_t t = c;
    while (t > s && (text[t - 1] == ' ' || text[t - 1] == '\t' || text[t - 1] == '\r')) t--;
    size_t h = s;
    while (h < t && (text[h] == ' ' || text[h] == '\t')) h++;
    if (h == t) continue;
    out->s = text + h;
    out->n = t - h;
    out->indented = h > s;
    out->indent = h - s;
    out->lineno = *lineno;
    return 1;
  }
  return 0;
}

/* next_line for a source being compiled: also tells the error reporter where we are. */
static int next_src_line(gesta_dict_builder *b, const dsrc *src, size_t *pos, size_t *lineno,
                         line *ln) {
  if (!next_line(src->text, src->len, pos, lineno, ln)) return 0;
  b->cur_line = src->lines && ln->lineno <= src->nlines ? src->lines[ln->lineno - 1] : ln->lineno;
  b->cur_indent = ln->indent;
  return 1;
}

static int abbrev_cb(const void *ctx, uint64_t hash) {
  return gesta__lex_word_in_class((const gesta_dict *)ctx, hash, -1, CLS_ABBREV);
}

/* Tokenises a phrase into b->toks. */
static int tokenize_phrase(gesta_dict_builder *b, const char *s, size_t n) {
  b->toks.len = 0;
  gesta__arena_reset(&b->tmp);
  if (gesta__tokenize(s, 0, n, &b->tmp, &b->toks, abbrev_cb, b->d)) return oom(b);
  return 0;
}

/* The phrase of a token-sequence hash, made with `ntok` tokens if it is new; NULL when out of
 * memory. */
static lex_phrase *phrase_for(gesta_dict *d, uint64_t h, uint16_t ntok, uint32_t *idx) {
  if (gesta__hmap_get(&d->phrase_map, h, idx)) return &GVEC_AT(&d->phrases, lex_phrase, *idx);
  lex_phrase *p = gesta__vec_push(&d->phrases);
  if (!p) return NULL;
  p->ntok = ntok;
  *idx = (uint32_t)(d->phrases.len - 1);
  if (gesta__hmap_put(&d->phrase_map, h, *idx)) return NULL;
  return p;
}

static int add_phrase(gesta_dict_builder *b, const char *s, size_t n, lex_entry proto, size_t col) {
  gesta_dict *d = b->d;
  /* "kuwait~": a one-word stem, which also names any word it begins ("Kuwaiti"). */
  int stem = n > 1 && s[n - 1] == '~';
  if (stem) n--;
  int rc = tokenize_phrase(b, s, n);
  if (rc) return rc;
  /* "prince ... dol amroth": other words may stand where "..." is. The marks leave the tokens;
   * gap_after has bit i set when one followed token i. */
  uint32_t gap_after = 0;
  size_t w = 0;
  for (size_t i = 0; i < b->toks.len; i++) {
    const token *t = &GVEC_AT(&b->toks, token, i);
    int dots = t->norm_len == 3 && memcmp(t->norm, "...", 3) == 0;
    int dot3 = t->norm_len == 1 && t->norm[0] == '.' && i + 2 < b->toks.len &&
               GVEC_AT(&b->toks, token, i + 1).norm_len == 1 && GVEC_AT(&b->toks, token, i + 1).norm[0] == '.' &&
               GVEC_AT(&b->toks, token, i + 2).norm_len == 1 && GVEC_AT(&b->toks, token, i + 2).norm[0] == '.';
    if ((dots || dot3) && w > 0 && w <= 32) {
      gap_after |= 1u << (w - 1);
      i += dot3 ? 2 : 0;
      continue;
    }
    GVEC_AT(&b->toks, token, w++) = *t;
  }
  b->toks.len = w;
  size_t nt = b->toks.len;
  if (nt == 0) return 0;
  if (nt > LEX_MAX_PHRASE_TOKENS) return fail(b, col, "phrase longer than %d words", LEX_MAX_PHRASE_TOKENS);
  if (stem && nt == 1 && proto.kind != LK_CLASS) {
    const token *t0 = &GVEC_AT(&b->toks, token, 0);
    if (t0->norm_len >= 3) {
      uint32_t idx;
      uint64_t h1 = gesta__hash_mix(GESTA_SEQ_SEED, t0->hash);
      /* The phrase is made below if it is new: make it now, so the stem can point at it. */
      if (!phrase_for(d, h1, 1, &idx)) return oom(b);
      if (gesta__hmap_put(&d->stem_map, t0->hash, idx)) return oom(b);
      d->nstems++;
    }
  }
  uint64_t h = GESTA_SEQ_SEED;
  uint32_t upper = 0;
  for (size_t i = 0; i < nt; i++) {
    const token *t = &GVEC_AT(&b->toks, token, i);
    h = gesta__hash_mix(h, t->hash);
    if (proto.kind == LK_ACTOR && (t->flags & TF_UPPER) && t->norm_len >= 2 && t->norm_len <= 7)
      upper |= 1u << i;
    uint32_t idx;
    lex_phrase *p = phrase_for(d, h, (uint16_t)(i + 1), &idx);
    if (!p) return oom(b);
    if (i + 1 < nt) {
      p->prefix = 1;
      if ((gap_after >> i) & 1) p->gap = 1;
      continue;
    }
    if (proto.kind == LK_CLASS && t->norm_len) {
      unsigned char last = (unsigned char)t->norm[t->norm_len - 1];
      d->class_last[proto.cls][last >> 6] |= 1ULL << (last & 63);
      if (nt == 1) {
        unsigned bit = lex_tail_bit(proto.cls, t->norm, t->norm_len);
        d->class_tails[bit >> 6] |= 1ULL << (bit & 63);
      }
    }
    lex_entry *e = gesta__vec_push(&d->entries);
    if (!e) return oom(b);
    *e = proto;
    e->next = 0;
    e->cap = 0;
    if (proto.kind == LK_ACTOR)
      for (size_t k = 0; k < nt && k < 32; k++)
        if (GVEC_AT(&b->toks, token, k).flags & TF_CAP) e->cap |= 1u << k;
    /* A role word of one word written with a capital names an institution only so written:
     * "la Armada" is the navy, "una banda armada" is an armed gang. */
    if (proto.kind == LK_AGENT && nt == 1 &&
        (GVEC_AT(&b->toks, token, 0).flags & (TF_CAP | TF_UPPER)) == TF_CAP)
      e->cap = 1;
    e->upper = upper;
    if (b->check) {
      char where[600];
      int wn = snprintf(where, sizeof where, "%.*s\t%s:%zu", (int)n, s, b->cur_name, b->cur_line);
      if ((e->text = intern(d, where, wn > 0 ? (size_t)wn : 0)) == UINT32_MAX) return oom(b);
    }
    uint32_t eidx = (uint32_t)d->entries.len;
    /* Keep entries in the order written: the first one wins ties. */
    p = &GVEC_AT(&d->phrases, lex_phrase, idx);
    if (!p->first) {
      p->first = eidx;
    } else {
      uint32_t k = p->first;
      while (GVEC_AT(&d->entries, lex_entry, k - 1).next) k = GVEC_AT(&d->entries, lex_entry, k - 1).next;
      GVEC_AT(&d->entries, lex_entry, k - 1).next = eidx;
    }
  }
  return 0;
}

/* Calls fn on each " | "-separated item of a line. */
typedef int (*item_fn)(gesta_dict_builder *b, const char *s, size_t n, void *ctx);
static int each_item(gesta_dict_builder *b, const char *s, size_t n, item_fn fn, void *ctx) {
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != '|') j++;
    size_t a = i, z = j;
    while (a < z && (s[a] == ' ' || s[a] == '\t')) a++;
    while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
    if (z > a) {
      int rc = fn(b, s + a, z - a, ctx);
      if (rc) return rc;
    }
    i = j + 1;
  }
  return 0;
}

typedef struct alt_ctx {
  const char *line; /* the text the columns count from */
  size_t col0;
  lex_entry proto;
  size_t *count;
} alt_ctx;

static int add_alternative(gesta_dict_builder *b, const char *s, size_t n, void *vctx) {
  alt_ctx *c = vctx;
  int rc = add_phrase(b, s, n, c->proto, c->col0 + (size_t)(s - c->line));
  if (!rc && c->count) (*c->count)++;
  return rc;
}

/* Splits "a | b | c" and calls add_phrase on each alternative. */
static int add_alternatives(gesta_dict_builder *b, const char *s, size_t n, lex_entry proto,
                            size_t col0, size_t *count) {
  alt_ctx c = {s, col0, proto, count};
  return each_item(b, s, n, add_alternative, &c);
}

/* Parses "en", "es.adj", "any" into a language mask and the adjective flag. */
static int lang_tag(gesta_dict_builder *b, const char *s, size_t n, size_t col, uint8_t *mask,
                    uint8_t *adj, int *lang) {
  *adj = 0;
  if (n > 4 && memcmp(s + n - 4, ".adj", 4) == 0) {
    *adj = 1;
    n -= 4;
  }
  if (n == 3 && memcmp(s, "any", 3) == 0) {
    *mask = LEX_LANG_ANY;
    *lang = -1;
    return 0;
  }
  for (int i = 0; i < b->d->nlangs; i++)
    if (strlen(b->d->langs[i].name) == n && memcmp(b->d->langs[i].name, s, n) == 0) {
      *mask = (uint8_t)(1u << i);
      *lang = i;
      return 0;
    }
  return fail(b, col, "unknown language '%.*s' (no data/lang file for it)", (int)n, s);
}

static size_t word_len(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] != ' ' && s[i] != '\t') i++;
  return i;
}
static size_t skip_blank(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  return i;
}

/* "2021", "2021-03" or "2021-03-05"; `end` widens a short date to the last day. */
static int parse_bound(const char *s, size_t n, int end, int32_t *out) {
  int y = 0, m = end ? 12 : 1;
  if (n != 4 && n != 7 && n != 10) return -1;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || ((i == 4 || i == 7) && s[i] == '-'))) return -1;
  if (n == 10) return gesta__date_parse(s, 10, out);
  for (size_t i = 0; i < 4; i++) y = y * 10 + (s[i] - '0');
  if (n == 7) m = (s[5] - '0') * 10 + (s[6] - '0');
  if (m < 1 || m > 12) return -1;
  if (end) {
    int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
    *out = gesta__days_from_civil(ny, nm, 1) - 1;
  } else {
    *out = gesta__days_from_civil(y, m, 1);
  }
  return 0;
}

static int parse_range(gesta_dict_builder *b, const char *s, size_t n, size_t col, int32_t *from,
                       int32_t *to) {
  *from = INT32_MIN;
  *to = INT32_MAX;
  if (n == 0) return 0;
  const char *dots = NULL;
  for (size_t i = 0; i + 1 < n; i++)
    if (s[i] == '.' && s[i + 1] == '.') {
      dots = s + i;
      break;
    }
  if (!dots) return fail(b, col, "a date range is written FROM..TO");
  size_t a = (size_t)(dots - s), z = n - a - 2;
  if (a && parse_bound(s, a, 0, from)) return fail(b, col, "bad date '%.*s'", (int)a, s);
  if (z && parse_bound(dots + 2, z, 1, to)) return fail(b, col, "bad date '%.*s'", (int)z, dots + 2);
  if (*from > *to) return fail(b, col, "date range ends before it starts");
  return 0;
}

static int valid_actor_code(const char *s, size_t n) {
  if (n < 3 || n > 30) return 0;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
      return 0;
  return 1;
}

/* "GME/GMW": one name for several actors (a coded compound), each code valid on its own. */
static int valid_compound_code(const char *s, size_t n) {
  if (!memchr(s, '/', n)) return valid_actor_code(s, n);
  for (size_t a = 0; a <= n;) {
    const char *slash = memchr(s + a, '/', n - a);
    size_t z = slash ? (size_t)(slash - s) : n;
    if (!valid_actor_code(s + a, z - a)) return 0;
    a = z + 1;
  }
  return 1;
}

static int add_code(gesta_dict_builder *b, lex_actor *a, const char *s, size_t n, size_t col) {
  size_t w = word_len(s, n);
  /* "code discard": a sentence naming the actor (at these dates) is not coded (TABARI's "###",
   * the code this becomes; PETRARCH writes "###" as an actor). */
  int discard = w == 7 && memcmp(s, "discard", 7) == 0;
  if (!discard && !valid_compound_code(s, w)) return fail(b, col, "bad actor code '%.*s'", (int)w, s);
  size_t r = skip_blank(s, n, w);
  int32_t from, to;
  int rc = parse_range(b, s + r, n - r, col + r, &from, &to);
  if (rc) return rc;
  lex_code *c = gesta__vec_push(&b->d->codes);
  if (!c) return oom(b);
  c->code = discard ? intern(b->d, "###", 3) : intern(b->d, s, w);
  c->from = from;
  c->to = to;
  if (c->code == UINT32_MAX) return oom(b);
  /* A coded compound's parts follow it in the string table, each NUL-terminated, ending with an
   * empty string: "GME/GMW\0GME\0GMW\0\0" (gesta__lex_code_parts). */
  if (memchr(s, '/', w)) {
    for (size_t p = 0; p <= w;) {
      const char *slash = memchr(s + p, '/', w - p);
      size_t z = slash ? (size_t)(slash - s) : w;
      if (intern(b->d, s + p, z - p) == UINT32_MAX) return oom(b);
      p = z + 1;
    }
    if (intern(b->d, "", 0) == UINT32_MAX) return oom(b);
  }
  if (a->ncodes == 0) a->first_code = (uint32_t)(b->d->codes.len - 1);
  a->ncodes++;
  /* Out of office, a person is one of the country's elites (the codebook's ELI: former
   * officials): the country of the office that ended last. */
  if (a->person && !discard && w >= 3 && gesta__country_code(s) && to != INT32_MAX &&
      (a->former == UINT32_MAX || to > a->former_after)) {
    char f[8];
    memcpy(f, s, 3);
    memcpy(f + 3, "ELI", 3);
    a->former = intern(b->d, f, 6);
    if (a->former == UINT32_MAX) return oom(b);
    a->former_after = to;
  }
  return 0;
}

/* One line of an actor or agent file; *cur is the block it belongs to (-1 for none). */
static int block_line(gesta_dict_builder *b, const line *lnp, int kind, long *curp) {
  gesta_dict *d = b->d;
  const char *s = lnp->s;
  size_t n = lnp->n;
  long cur = *curp;
  if (!lnp->indented) {
    *curp = -1;
    size_t w = word_len(s, n);
    size_t r = skip_blank(s, n, w);
    if (kind == LK_AGENT) {
      if (!(w == 5 && memcmp(s, "agent", 5) == 0)) return fail(b, 1, "expected 'agent CODE'");
      size_t cw = word_len(s + r, n - r);
      /* "NGO~": a role written before the actor's code (NGOARN), as other coders write some. */
      int before = cw > 1 && s[r + cw - 1] == '~';
      if (!valid_actor_code(s + r, cw - (size_t)before)) return fail(b, r + 1, "bad role code");
      lex_agent *ag = gesta__vec_push(&d->agents);
      if (!ag) return oom(b);
      ag->role = intern(d, s + r, cw);
      if (ag->role == UINT32_MAX) return oom(b);
      *curp = (long)d->agents.len - 1;
      return 0;
    }
    int is_person = w == 6 && memcmp(s, "person", 6) == 0;
    int is_place = w == 5 && memcmp(s, "place", 5) == 0;
    if (!is_person && !is_place && !(w == 5 && memcmp(s, "actor", 5) == 0))
      return fail(b, 1, "expected 'actor CODE', 'person NAME' or 'place CODE'");
    if (is_place && r >= n) return fail(b, 1, "a place needs the code of its country");
    if (is_person && r >= n) return fail(b, 1, "a person needs a name");
    lex_actor *a = gesta__vec_push(&d->actors);
    if (!a) return oom(b);
    cur = (long)d->actors.len - 1;
    memset(a, 0, sizeof *a);
    a->former = UINT32_MAX;
    a->person = (uint8_t)is_person;
    a->category = (uint8_t)(is_place ? CAT_PLACE : b->cur_category);
    if (is_person) {
      a->name = intern(d, s + r, n - r);
      if (a->name == UINT32_MAX) return oom(b);
    } else if (r < n) {
      a->name = intern(d, s + r, word_len(s + r, n - r));
      if (a->name == UINT32_MAX) return oom(b);
      int rc = add_code(b, a, s + r, n - r, r + 1);
      if (rc) {
        d->actors.len--; /* no half-made actor */
        return rc;
      }
    } else {
      if ((a->name = intern(d, "", 0)) == UINT32_MAX) return oom(b);
    }
    *curp = cur;
    return 0;
  }
  if (cur < 0) {
    if (b->lenient) return 0; /* the block's header was skipped: so is the block */
    return fail(b, 1, "indented line outside a block");
  }
  size_t w = word_len(s, n);
  size_t r = skip_blank(s, n, w);
  if (kind == LK_ACTOR && w == 4 && memcmp(s, "code", 4) == 0)
    return add_code(b, &GVEC_AT(&d->actors, lex_actor, cur), s + r, n - r, r + 1);
  lex_entry proto = {0};
  int lang;
  int rc = lang_tag(b, s, w, 1, &proto.langmask, &proto.adj, &lang);
  if (rc) return rc;
  if (r >= n) return fail(b, w + 1, "no phrases after the language tag");
  proto.kind = (uint8_t)kind;
  proto.id = (uint32_t)cur;
  size_t count = 0;
  rc = add_alternatives(b, s + r, n - r, proto, r + 1, &count);
  if (rc) return rc;
  if (kind == LK_ACTOR) GVEC_AT(&d->actors, lex_actor, cur).langs |= proto.langmask;
  for (int l = 0; l < d->nlangs; l++)
    if ((proto.langmask >> l) & 1) {
      if (kind == LK_AGENT)
        d->stats_agent_phrases[l] += count;
      else
        d->stats_actor_phrases[l] += count;
    }
  return 0;
}

/* actors and agents share the block structure. */
static int compile_blocks(gesta_dict_builder *b, const dsrc *src, int kind) {
  gesta_dict *d = b->d;
  size_t pos = 0, lineno = 0, first_actor = d->actors.len;
  line ln;
  long cur = -1; /* current actor or agent index */
  while (next_src_line(b, src, &pos, &lineno, &ln)) {
    int rc = block_line(b, &ln, kind, &cur);
    if (rc == GESTA_EDICT && b->lenient) {
      if (warn_errmsg(b)) return oom(b);
      continue;
    }
    if (rc) return rc;
  }
  if (kind == LK_ACTOR) {
    for (size_t i = first_actor; i < d->actors.len; i++)
      if (GVEC_AT(&d->actors, lex_actor, i).ncodes == 0) {
        if (b->lenient) continue; /* its code lines were all skipped, with warnings */
        snprintf(b->errmsg, sizeof b->errmsg, "%s: actor '%s' has no code", src->name,
                 LEX_STR(d, GVEC_AT(&d->actors, lex_actor, i).name));
        return GESTA_EDICT;
      }
  }
  return 0;
}

static int compile_cameo(gesta_dict_builder *b, const dsrc *src) {
  gesta_dict *d = b->d;
  size_t pos = 0, lineno = 0;
  line ln;
  while (next_src_line(b, src, &pos, &lineno, &ln)) {
    const char *s = ln.s;
    size_t n = ln.n, i = 0;
    size_t w = word_len(s, n);
    if (w < 2 || w > 4) return fail(b, 1, "a CAMEO code has 2 to 4 digits");
    for (size_t k = 0; k < w; k++)
      if (s[k] < '0' || s[k] > '9') return fail(b, k + 1, "a CAMEO code has only digits");
    lex_cameo *c = gesta__vec_push(&d->cameo);
    if (!c) return oom(b);
    memcpy(c->code, s, w);
    memcpy(c->root, s, 2);
    i = skip_blank(s, n, w);
    if (i >= n || s[i] < '1' || s[i] > '4') return fail(b, i + 1, "QuadClass must be 1 to 4");
    c->quad = (uint8_t)(s[i] - '0');
    i = skip_blank(s, n, i + 1);
    char num[32];
    size_t nw = word_len(s + i, n - i);
    if (nw == 0 || nw >= sizeof num) return fail(b, i + 1, "missing Goldstein score");
    memcpy(num, s + i, nw);
    num[nw] = 0;
    char *endp;
    c->goldstein = strtod(num, &endp);
    if (*endp || c->goldstein < -10 || c->goldstein > 10)
      return fail(b, i + 1, "Goldstein score must be a number from -10 to 10");
    i = skip_blank(s, n, i + nw);
    size_t fw = word_len(s + i, n - i);
    c->mutual = memchr(s + i, 'm', fw) != NULL;
    c->agentive = memchr(s + i, 'a', fw) != NULL;
    c->protest = memchr(s + i, 'p', fw) != NULL;
    c->unnamed_source = memchr(s + i, 'u', fw)   ? UNNAMED_ALWAYS
                        : memchr(s + i, 'v', fw) ? UNNAMED_VERB
                                                 : UNNAMED_NEVER;
    /* ">036<125~043": each marker is followed by a code, up to the next marker. */
    static const char marks[] = "><~";
    static const char *const what[] = {"bad intent code", "bad refusal code", "bad reverse code"};
    char *const into[] = {c->intent, c->refusal, c->reverse};
    const char *fend = s + i + fw;
    for (int k = 0; k < 3; k++) {
      const char *at = memchr(s + i, marks[k], fw);
      if (!at) continue;
      const char *e = at + 1;
      while (e < fend && !strchr(marks, *e)) e++;
      size_t l = (size_t)(e - (at + 1));
      if (l < 2 || l >= sizeof c->intent) return fail(b, (size_t)(at - s) + 1, "%s", what[k]);
      memcpy(into[k], at + 1, l);
    }
    uint32_t old;
    uint64_t h = gesta__hash_bytes(c->code, w);
    if (gesta__hmap_get(&d->cameo_map, h, &old)) return fail(b, 1, "code %s listed twice", c->code);
    if (gesta__hmap_put(&d->cameo_map, h, (uint32_t)(d->cameo.len - 1))) return oom(b);
  }
  return 0;
}

static const char *base_name(const char *path, size_t *n) {
  const char *s = strrchr(path, '/');
  s = s ? s + 1 : path;
  const char *dot = strchr(s, '.');
  *n = dot ? (size_t)(dot - s) : strlen(s);
  return s;
}

static int stem_of(gesta_dict_builder *b, int lang, const char *s, size_t n, uint64_t *out) {
  int rc = tokenize_phrase(b, s, n);
  if (rc) return rc;
  if (b->toks.len != 1) return fail(b, 1, "'%.*s' must be one word", (int)n, s);
  const token *t = &GVEC_AT(&b->toks, token, 0);
  uint64_t keys[2];
  gesta__stem_keys(&b->ss, lang, s + t->start, t->end - t->start, t->norm, t->norm_len, t->hash,
                   keys);
  *out = keys[0];
  return 0;
}

typedef struct lang_ctx {
  int lang; /* -1 for common */
  uint8_t mask;
  int cls;
  uint64_t lemma_stem;
} lang_ctx;

static int item_class(gesta_dict_builder *b, const char *s, size_t n, void *vctx) {
  lang_ctx *c = vctx;
  lex_entry proto = {0};
  proto.kind = LK_CLASS;
  proto.cls = (uint8_t)c->cls;
  proto.langmask = c->mask;
  b->d->class_langs[c->cls] |= c->mask;
  if (c->cls == CLS_ABBREV) {
    /* An abbreviation is one token with its period: the tokeniser asks this table whether to
     * keep the period, so it cannot be used to split the abbreviation itself. */
    char buf[128];
    size_t k = gesta__fold_into(s, n, buf, sizeof buf);
    if (k == (size_t)-1 || memchr(buf, ' ', k)) return fail(b, 1, "bad abbreviation '%.*s'", (int)n, s);
    uint64_t h = gesta__hash_mix(GESTA_SEQ_SEED, gesta__word_hash(buf, k));
    uint32_t idx;
    if (!phrase_for(b->d, h, 1, &idx)) return oom(b);
    lex_entry *e = gesta__vec_push(&b->d->entries);
    if (!e) return oom(b);
    *e = proto;
    lex_phrase *p = &GVEC_AT(&b->d->phrases, lex_phrase, idx);
    e->next = p->first;
    p->first = (uint32_t)b->d->entries.len;
    return 0;
  }
  return add_phrase(b, s, n, proto, 1);
}

static int item_lemma(gesta_dict_builder *b, const char *s, size_t n, void *vctx) {
  lang_ctx *c = vctx;
  uint64_t st = 0;
  int rc = stem_of(b, c->lang, s, n, &st);
  if (rc) return rc;
  uint64_t key = gesta__hash_mix(lex_lang_key(c->lang, (uint64_t)c->cls + 77), st);
  return gesta__hmap_put(&b->d->lemma_class, key, 1) ? oom(b) : 0;
}

/* Maps a word form (its hash) of a language to a lemma's stem. */
static int add_form(gesta_dict_builder *b, int lang, uint64_t form_hash, uint64_t lemma_stem) {
  uint64_t *slot = gesta__vec_push(&b->d->lemma_stems);
  if (!slot) return oom(b);
  *slot = lemma_stem;
  if (gesta__hmap_put(&b->d->irregular, lex_lang_key(lang, form_hash),
                      (uint32_t)(b->d->lemma_stems.len - 1)))
    return oom(b);
  return 0;
}

static int item_irregular(gesta_dict_builder *b, const char *s, size_t n, void *vctx) {
  lang_ctx *c = vctx;
  int rc = tokenize_phrase(b, s, n);
  if (rc) return rc;
  if (b->toks.len != 1) return fail(b, 1, "irregular form '%.*s' must be one word", (int)n, s);
  return add_form(b, c->lang, GVEC_AT(&b->toks, token, 0).hash, c->lemma_stem);
}

/* Pass 1 registers the language, its stemmer, options and abbreviations; pass 2 the rest. */
typedef struct future_ctx {
  lex_lang *lang;
  const char *line;
} future_ctx;

/* One future ending, kept as written ("rá"). */
static int add_future_ending(gesta_dict_builder *b, const char *s, size_t n, void *vctx) {
  future_ctx *c = vctx;
  lex_lang *lg = c->lang;
  if (lg->nfuture == (int)(sizeof lg->future_endings / sizeof lg->future_endings[0]) ||
      n >= sizeof lg->future_endings[0])
    return fail(b, (size_t)(s - c->line) + 1, "too many or too long future endings");
  memcpy(lg->future_endings[lg->nfuture], s, n);
  lg->future_len[lg->nfuture] = (uint8_t)n;
  lg->future_endings[lg->nfuture][n] = 0;
  char *f = lg->future_folded[lg->nfuture];
  size_t fn = gesta__fold_into(s, n, f, sizeof lg->future_folded[0] - 1);
  if (fn == (size_t)-1 || fn == n) fn = 0; /* too long, or no accent to fold */
  f[fn] = 0;
  lg->future_folded_len[lg->nfuture++] = (uint8_t)fn;
  return 0;
}

static int compile_lang(gesta_dict_builder *b, const dsrc *src, int pass) {
  gesta_dict *d = b->d;
  size_t bn;
  const char *base = base_name(src->name, &bn);
  lang_ctx ctx = {-1, LEX_LANG_ANY, -1, 0};
  int common = bn == 6 && memcmp(base, "common", 6) == 0;
  if (!common) {
    if (bn == 0 || bn >= sizeof d->langs[0].name) return fail(b, 1, "bad language file name");
    char name[8];
    memcpy(name, base, bn);
    name[bn] = 0;
    ctx.lang = gesta__lex_lang(d, name);
    if (ctx.lang < 0) {
      if (pass != 1) return fail(b, 1, "language not registered");
      if (d->nlangs == LEX_MAX_LANGS) return fail(b, 1, "too many languages");
      ctx.lang = d->nlangs++;
      memcpy(d->langs[ctx.lang].name, name, bn + 1);
    }
    ctx.mask = (uint8_t)(1u << ctx.lang);
  }
  size_t pos = 0, lineno = 0;
  line ln;
  char section[32] = "";
  while (next_src_line(b, src, &pos, &lineno, &ln)) {
    const char *s = ln.s;
    size_t n = ln.n;
    if (s[0] == '[') {
      if (s[n - 1] != ']' || n - 2 >= sizeof section) return fail(b, 1, "bad section header");
      memcpy(section, s + 1, n - 2);
      section[n - 2] = 0;
      continue;
    }
    if (!section[0]) return fail(b, 1, "entry before any [section]");
    if (strcmp(section, "stemmer") == 0) {
      if (pass == 1 && !common) {
        if (n >= sizeof d->langs[0].stemmer) return fail(b, 1, "stemmer name too long");
        memcpy(d->langs[ctx.lang].stemmer, s, n);
        d->langs[ctx.lang].stemmer[n] = 0;
      }
      continue;
    }
    if (strcmp(section, "options") == 0) {
      if (pass == 1 && !common) {
        size_t w = word_len(s, n), r = skip_blank(s, n, w);
        if (w == 8 && memcmp(s, "pro_drop", 8) == 0)
          d->langs[ctx.lang].pro_drop = r < n && s[r] == 'y';
        else if (w == 20 && memcmp(s, "participle_adjective", 20) == 0)
          d->langs[ctx.lang].participle_adjective = r < n && s[r] == 'y';
        else if (w == 16 && memcmp(s, "reduced_relative", 16) == 0)
          d->langs[ctx.lang].reduced_relative = r < n && s[r] == 'y';
        else
          return fail(b, 1, "unknown option '%.*s'", (int)w, s);
      }
      continue;
    }
    if (strcmp(section, "letters") == 0) {
      if (pass == 1 && !common) {
        lex_lang *lg = &d->langs[ctx.lang];
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0;
        while (i < n) {
          int32_t cp;
          i += (size_t)gesta__utf8_decode(p + i, n - i, &cp);
          if (cp == ' ' || cp == '|' || cp == '\t') continue;
          if (lg->nletters == (int)(sizeof lg->letters / sizeof lg->letters[0]))
            return fail(b, i, "too many letters");
          lg->letters[lg->nletters++] = cp;
        }
      }
      continue;
    }
    if (strcmp(section, "future_endings") == 0) {
      /* Kept as written, not folded: "retira" is present, "retirará" future. */
      if (pass == 1 && !common) {
        future_ctx fc = {&d->langs[ctx.lang], s};
        int rc = each_item(b, s, n, add_future_ending, &fc);
        if (rc) return rc;
      }
      continue;
    }
    int is_abbrev = strcmp(section, "abbreviations") == 0;
    if (pass == 1) {
      if (is_abbrev) {
        ctx.cls = CLS_ABBREV;
        int rc = each_item(b, s, n, item_class, &ctx);
        if (rc) return rc;
      }
      continue;
    }
    if (is_abbrev) continue;
    if (strcmp(section, "speech") == 0 || strcmp(section, "deny") == 0 ||
        strcmp(section, "light_verbs") == 0 || strcmp(section, "announce_verbs") == 0) {
      if (common) return fail(b, 1, "lemmas need a language");
      ctx.cls = section[0] == 's'   ? LEMMA_SPEECH
                : section[0] == 'd' ? LEMMA_DENY
                : section[0] == 'a' ? LEMMA_ANNOUNCE
                                    : LEMMA_LIGHT;
      int rc = each_item(b, s, n, item_lemma, &ctx);
      if (rc) return rc;
      continue;
    }
    int subjunctive = strcmp(section, "subjunctive_endings") == 0;
    if (subjunctive || strcmp(section, "inflections") == 0) {
      if (common) return fail(b, 1, "inflections need a language");
      const char *colon = memchr(s, ':', n);
      if (!colon) return fail(b, 1, "expected 'ending: suffix | suffix'");
      char fold[1024];
      size_t k = gesta__fold_into(s, (size_t)(colon - s), fold, sizeof fold);
      if (k == (size_t)-1 || k == 0) return fail(b, 1, "bad ending");
      lex_infl *in = gesta__vec_push(&d->infl);
      if (!in) return oom(b);
      in->lang = (uint8_t)ctx.lang;
      in->subjunctive = (uint8_t)subjunctive;
      in->ending = intern(d, fold, k);
      /* Suffixes folded, blanks dropped: "o | as | ó" -> "o|as|o". */
      size_t r = (size_t)(colon - s) + 1, w = 0;
      char list[1024];
      k = gesta__fold_into(s + r, n - r, list, sizeof list);
      if (k == (size_t)-1) return fail(b, 1, "suffix list too long");
      for (size_t q = 0; q < k; q++)
        if (list[q] != ' ' && list[q] != '\t') list[w++] = list[q];
      in->suffixes = intern(d, list, w);
      if (in->ending == UINT32_MAX || in->suffixes == UINT32_MAX) return oom(b);
      continue;
    }
    if (strcmp(section, "irregular") == 0) {
      if (common) return fail(b, 1, "irregular forms need a language");
      const char *colon = memchr(s, ':', n);
      if (!colon) return fail(b, 1, "expected 'lemma: form | form'");
      int rc = stem_of(b, ctx.lang, s, (size_t)(colon - s), &ctx.lemma_stem);
      if (rc) return rc;
      size_t r = (size_t)(colon - s) + 1;
      rc = each_item(b, s + r, n - r, item_irregular, &ctx);
      if (rc) return rc;
      continue;
    }
    int cls = -1;
    for (int k = 0; k < CLS_COUNT; k++)
      if (strcmp(section, class_sections[k]) == 0) cls = k;
    if (cls < 0) return fail(b, 2, "unknown section [%s]", section);
    ctx.cls = cls;
    int rc = each_item(b, s, n, item_class, &ctx);
    if (rc) return rc;
  }
  return 0;
}

/* Adds one pattern element for a raw item: a word (maybe several tokens), or a {a|b} choice. */
static int add_alt_tokens(gesta_dict_builder *b, const char *s, size_t n) {
  /* Inside a choice, '_' joins words just as a space does: {cascos_azules|tregua}; "..."
   * between two words lets other words stand between all of the alternative's words. */
  char buf[256];
  if (n >= sizeof buf) return fail(b, 1, "alternative too long");
  int gapped = 0;
  for (size_t i = 0; i < n; i++) {
    buf[i] = s[i] == '_' ? ' ' : s[i];
    if (i + 2 < n && memcmp(s + i, "...", 3) == 0) {
      memset(buf + i, ' ', 3);
      i += 2;
      gapped = 1;
    }
  }
  s = buf;
  /* "resolution~": the last word is a stem that matches any word it begins. */
  int stem = n > 1 && s[n - 1] == '~';
  if (stem) n--;
  int rc = tokenize_phrase(b, s, n);
  if (rc) return rc;
  if (b->toks.len == 0) return fail(b, 1, "empty alternative");
  if (b->toks.len > 0xFFFF) return fail(b, 1, "alternative too long");
  const token *last = &GVEC_AT(&b->toks, token, b->toks.len - 1);
  uint64_t *cnt = gesta__vec_push(&b->d->alts);
  if (!cnt) return oom(b);
  *cnt = b->toks.len;
  if (stem && last->norm_len > 0 && last->norm_len < 256) *cnt |= (uint64_t)last->norm_len << 16;
  if (gapped && b->toks.len > 1) *cnt |= LEX_ALT_GAPPED;
  for (size_t i = 0; i < b->toks.len; i++) {
    uint64_t *h = gesta__vec_push(&b->d->alts);
    if (!h) return oom(b);
    *h = GVEC_AT(&b->toks, token, i).hash;
  }
  return 0;
}

static int push_elem(gesta_dict_builder *b, lex_pattern *p, int type, int adjacent) {
  lex_elem *e = gesta__vec_push(&b->d->elems);
  if (!e) return oom(b);
  e->type = (uint8_t)type;
  e->adjacent = (uint8_t)adjacent;
  e->first_alt = (uint32_t)b->d->alts.len;
  if (p->nelem == 0) p->first_elem = (uint32_t)(b->d->elems.len - 1);
  p->nelem++;
  return 0;
}

/* Adds the regular forms of a verb head to the irregular table, so that every form matches even
 * where the stemmer leaves a short or accented form alone ("usaron", "recibió"). Forms that are
 * function words ("para" from "parar") and forms the irregular table already has are skipped. */
static int inflect_head(gesta_dict_builder *b, int lang, const token *head, uint64_t head_stem) {
  gesta_dict *d = b->d;
  uint64_t done_key = lex_lang_key(lang, head->hash);
  uint32_t dummy;
  if (gesta__hmap_get(&b->heads_done, done_key, &dummy)) return 0;
  if (gesta__hmap_put(&b->heads_done, done_key, 1)) return oom(b);
  /* The regular forms, then the present subjunctives among them (rules of each kind apart). */
  for (uint8_t subj = 0; subj <= 1; subj++) {
    const lex_infl *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < d->infl.len; i++) {
      const lex_infl *in = &GVEC_AT(&d->infl, lex_infl, i);
      const char *end = LEX_STR(d, in->ending);
      size_t el = strlen(end);
      if (in->lang != lang || in->subjunctive != subj || el >= head->norm_len || el <= best_len)
        continue;
      if (memcmp(head->norm + head->norm_len - el, end, el) == 0) {
        best = in;
        best_len = el;
      }
    }
    if (!best) continue;
    size_t base = head->norm_len - best_len;
    const char *suf = LEX_STR(d, best->suffixes);
    while (*suf) {
      const char *bar = strchr(suf, '|');
      size_t sl = bar ? (size_t)(bar - suf) : strlen(suf);
      char form[256];
      if (base + sl < sizeof form && sl) {
        memcpy(form, head->norm, base);
        memcpy(form + base, suf, sl);
        uint64_t h = gesta__word_hash(form, base + sl);
        uint64_t key = lex_lang_key(lang, h);
        uint32_t idx;
        if (subj) {
          if (gesta__hmap_put(&d->subjunctive, key, 1)) return oom(b);
        } else if (!gesta__hmap_get(&d->irregular, key, &idx) &&
                   !gesta__lex_word_in_class(d, h, lang, CLS_FUNCTION)) {
          int rc = add_form(b, lang, h, head_stem);
          if (rc) return rc;
        }
      }
      suf += sl + (bar ? 1 : 0);
    }
  }
  return 0;
}

/* The table entry of one event code. A code outside the table fails the load, except in a source
 * read from a TABARI or PETRARCH dictionary (`foreign`): those carry codes of other schemes (WEIS,
 * project codes), which enter the table with no QuadClass or Goldstein score. */
static const lex_cameo *code_entry(gesta_dict_builder *b, const char *s, size_t w, int foreign,
                                   size_t col) {
  char code[8];
  if (w == 0 || w >= sizeof code) {
    fail(b, col, "expected an event code");
    return NULL;
  }
  memcpy(code, s, w);
  code[w] = 0;
  const lex_cameo *cm = gesta__lex_cameo(b->d, code);
  if (cm) return cm;
  if (!foreign) {
    fail(b, col, "unknown CAMEO code '%s'", code);
    return NULL;
  }
  for (size_t k = 0; k < w; k++)
    if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z'))) {
      fail(b, col + k, "an event code has only letters and digits");
      return NULL;
    }
  gesta_dict *d = b->d;
  size_t words_before = (d->cameo.len + 63) / 64;
  lex_cameo *c = gesta__vec_push(&d->cameo);
  if (!c) {
    oom(b);
    return NULL;
  }
  memcpy(c->code, code, w + 1);
  c->foreign = 1;
  if (gesta__hmap_put(&d->cameo_map, gesta__hash_bytes(code, w), (uint32_t)(d->cameo.len - 1))) {
    oom(b);
    return NULL;
  }
  /* The coverage bitmaps are sized by the table: widen them when it grows past a word. */
  size_t words = (d->cameo.len + 63) / 64;
  if (d->covered && words != words_before) {
    uint64_t *nc = gesta__calloc((size_t)(d->nlangs ? d->nlangs : 1) * words, sizeof(uint64_t));
    if (!nc) {
      oom(b);
      return NULL;
    }
    for (int l = 0; l < (d->nlangs ? d->nlangs : 1); l++)
      memcpy(nc + (size_t)l * words, d->covered + (size_t)l * words_before,
             words_before * sizeof(uint64_t));
    gesta__free(d->covered);
    d->covered = nc;
  }
  return c;
}

/* The CAMEO code a verb or PLOVER line starts with ("042", or "---" where allow_null): sets *cm
 * (NULL for "---") and *null_code, and returns the code's width; 0 after failing the load. A verb
 * line may pair two codes ("032:033"): the second, coded from the target back to the source, is
 * set in *cm2 (NULL when there is none). */
static size_t line_cameo(gesta_dict_builder *b, const char *s, size_t n, int allow_null,
                         int foreign, const lex_cameo **cm, int *null_code, const lex_cameo **cm2) {
  size_t w = word_len(s, n);
  const char *colon = cm2 ? memchr(s, ':', w) : NULL;
  size_t w1 = colon ? (size_t)(colon - s) : w;
  if (cm2) *cm2 = NULL;
  if (!foreign && (w1 < 2 || w1 > 4) && !(allow_null && w1 == 7 && memcmp(s, "discard", 7) == 0)) {
    fail(b, 1, "expected a CAMEO code");
    return 0;
  }
  int discard = allow_null && w1 == 7 && memcmp(s, "discard", 7) == 0;
  int null = allow_null && ((w1 == 3 && memcmp(s, "---", 3) == 0) || discard);
  if (null_code) *null_code = null + discard; /* 2: "discard" */
  *cm = null ? NULL : code_entry(b, s, w1, foreign, 1);
  if (!*cm && !null) return 0;
  if (colon && !(w - w1 - 1 == 3 && memcmp(colon + 1, "---", 3) == 0) &&
      !(*cm2 = code_entry(b, colon + 1, w - w1 - 1, foreign, w1 + 2)))
    return 0;
  return w;
}

/* One alternative of a choice: its words, counted in the choice just pushed. */
static int add_choice(gesta_dict_builder *b, const char *s, size_t n, void *ctx) {
  (void)ctx;
  int rc = add_alt_tokens(b, s, n);
  if (!rc) GVEC_AT(&b->d->elems, lex_elem, b->d->elems.len - 1).nalt++;
  return rc;
}

/* Adds the word elements of one piece of a pattern ("acuerdo", "{geneva|international}"). */
static int add_piece(gesta_dict_builder *b, lex_pattern *pat, const char *s, size_t n, int adjacent,
                     size_t col) {
  gesta_dict *d = b->d;
  int rc;
  if (s[0] == '{') {
    if (n < 2 || s[n - 1] != '}') return fail(b, col + 1, "unclosed '{'");
    if ((rc = push_elem(b, pat, EL_WORD, adjacent))) return rc;
    if ((rc = each_item(b, s + 1, n - 2, add_choice, NULL))) return rc;
    if (GVEC_AT(&d->elems, lex_elem, d->elems.len - 1).nalt == 0) return fail(b, col + 1, "empty choice");
    pat->nwords++;
    return 0;
  }
  int stem = n > 1 && s[n - 1] == '~'; /* "resolution~": a stem (add_alt_tokens) */
  if ((rc = tokenize_phrase(b, s, stem ? n - 1 : n))) return rc;
  for (size_t t = 0; t < b->toks.len; t++) {
    const token *tk = &GVEC_AT(&b->toks, token, t);
    uint64_t h = tk->hash, count = 1;
    if (stem && t + 1 == b->toks.len && tk->norm_len > 0 && tk->norm_len < 256)
      count |= (uint64_t)tk->norm_len << 16;
    if ((rc = push_elem(b, pat, EL_WORD, adjacent || t > 0))) return rc;
    /* Push one at a time: a push may move the vector. */
    uint64_t *slot = gesta__vec_push(&d->alts);
    if (!slot) return oom(b);
    *slot = count;
    if (!(slot = gesta__vec_push(&d->alts))) return oom(b);
    *slot = h;
    GVEC_AT(&d->elems, lex_elem, d->elems.len - 1).nalt = 1;
    pat->nwords++;
  }
  return 0;
}

/* The end of a blank-separated item of a pattern; blanks inside {...} do not end it. */
static size_t item_end(const char *s, size_t n, size_t i) {
  int depth = 0;
  for (; i < n; i++) {
    if (s[i] == '{') depth++;
    else if (s[i] == '}' && depth) depth--;
    else if (depth == 0 && (s[i] == ' ' || s[i] == '\t')) break;
  }
  return i;
}

/* The end of a piece of an item: pieces are joined by '_' outside {...}. */
static size_t piece_end(const char *s, size_t n, size_t i) {
  int depth = 0;
  for (; i < n; i++) {
    if (s[i] == '{') depth++;
    else if (s[i] == '}' && depth) depth--;
    else if (depth == 0 && s[i] == '_') break;
  }
  return i;
}

/* A head written as a stem ("oppos~"): any word it begins, when no head matches the word
 * itself, takes the patterns of the head stem `stem` (match.c). Stems under three letters are
 * ignored. */
static int add_head_prefix(gesta_dict_builder *b, int lang, const token *head, uint64_t stem) {
  if (head->norm_len < 3) return 0;
  uint64_t key = lex_lang_key(lang, head->hash);
  uint32_t idx;
  if (gesta__hmap_get(&b->d->head_prefix, key, &idx)) return 0;
  uint64_t *slot = gesta__vec_push(&b->d->lemma_stems);
  if (!slot) return oom(b);
  *slot = stem;
  if (gesta__hmap_put(&b->d->head_prefix, key, (uint32_t)(b->d->lemma_stems.len - 1))) return oom(b);
  b->d->nhead_prefixes++;
  return 0;
}

/* Parses the pattern text s[i..n) into *pat: its head (the first word, or the word written
 * "*head"), the elements before the head and those after it. */
static int parse_pattern(gesta_dict_builder *b, int lang, const char *s, size_t n, size_t i,
                         lex_pattern *pat, uint64_t *head_stem, uint64_t *plain_stem) {
  int rc;
  int starred = memchr(s + i, '*', n - i) != NULL;
  int have_head = 0;
  if (s[i] == '~') { /* "~manifestar": only with a reflexive clitic ("se manifestaron") */
    pat->reflexive = 1;
    i++;
  }
  size_t col = i;
  while (col < n) {
    col = skip_blank(s, n, col);
    if (col >= n) break;
    size_t ie = item_end(s, n, col);
    int first_piece = 1;
    for (size_t a = col; a < ie;) {
      size_t z = piece_end(s, ie, a);
      int adjacent = !first_piece;
      first_piece = 0;
      const char *p = s + a;
      size_t pn = z - a;
      size_t next = z + 1;
      if (pn == 0) {
        a = next;
        continue;
      }
      if (pn == 1 && (p[0] == '+' || p[0] == '$' || p[0] == '%' || p[0] == '^')) {
        if (!starred && !have_head) return fail(b, a + 1, "a pattern starts with its head word");
        int type = p[0] == '+'   ? EL_TARGET
                   : p[0] == '$' ? EL_SOURCE
                   : p[0] == '%' ? EL_COMPOUND
                                 : EL_SKIP;
        if ((rc = push_elem(b, pat, type, adjacent))) return rc;
      } else if (!have_head && (!starred || p[0] == '*')) {
        if (p[0] == '*') {
          p++;
          pn--;
          if (pn == 0) return fail(b, a + 1, "'*' stands right before the head word");
          pat->head_adjacent = (uint8_t)(adjacent && pat->nelem > 0);
        }
        /* "!paro": the noun itself, not the verb forms its stem shares ("paró", "pararon"). */
        int literal = pn > 1 && p[0] == '!';
        if (literal) {
          p++;
          pn--;
        }
        pat->npre = (uint8_t)pat->nelem;
        if (pat->nelem > 250) return fail(b, a + 1, "too many words before the head");
        /* "*oppos~": the head is a stem that names any word it begins ("opposed"). */
        int head_stemmed = pn > 1 && p[pn - 1] == '~';
        if ((rc = tokenize_phrase(b, p, head_stemmed ? pn - 1 : pn))) return rc;
        if (b->toks.len == 0) return fail(b, a + 1, "empty head word");
        token head = GVEC_AT(&b->toks, token, 0);
        uint64_t keys[2];
        gesta__stem_keys(&b->ss, lang, p + head.start, head.end - head.start, head.norm,
                         head.norm_len, head.hash, keys);
        *head_stem = keys[0];
        have_head = 1;
        if (literal) {
          pat->literal = head.hash ? head.hash : 1;
          pat->literal_plain = (uint8_t)(head.end - head.start == head.norm_len);
        }
        /* Written without its accent ("manifestacion", "detencion"), a word may stem apart from
         * the accented head: it is looked up under that stem too. */
        *plain_stem = gesta__stem_hash(&b->ss, lang, head.norm, head.norm_len, head.hash);
        if ((rc = inflect_head(b, lang, &head, keys[0]))) return rc;
        if (head_stemmed && b->toks.len == 1 && (rc = add_head_prefix(b, lang, &head, keys[0])))
          return rc;
        if (head_stemmed) pn--; /* the '~' is no word after the head */
        /* "burned_down", "dar muerte": the head's other words follow it directly. */
        if ((rc = tokenize_phrase(b, p, pn))) return rc;
        if (b->toks.len > 1) {
          size_t off = GVEC_AT(&b->toks, token, 1).start;
          if ((rc = add_piece(b, pat, p + off, pn - off, 1, (size_t)(p - s) + off))) return rc;
        }
      } else if (!starred && !have_head) {
        return fail(b, a + 1, "a pattern starts with its head word");
      } else {
        if (p[0] == '*') return fail(b, a + 1, "a pattern has one head");
        if ((rc = add_piece(b, pat, p, pn, adjacent, a))) return rc;
      }
      a = next;
    }
    col = ie;
  }
  if (!have_head) return fail(b, i + 1, "empty pattern");
  return 0;
}

/* The filters of the words every match of a pattern needs (lex_filter); sets pat->filter. */
static int pattern_filters(gesta_dict *d, lex_pattern *pat) {
  lex_filter *f0 = gesta__vec_push(&d->filters);
  if (!f0) return GESTA_ENOMEM;
  memset(f0, 0, sizeof *f0);
  pat->filter = (uint32_t)(d->filters.len - 1);
  lex_filter *flt = f0;
  for (uint16_t e = 0; e < pat->nelem; e++) {
    const lex_elem *el = &GVEC_AT(&d->elems, lex_elem, pat->first_elem + e);
    if (el->type != EL_WORD) continue;
    /* A word right before the target slot may be missing (the passive: match.c). */
    if (e >= pat->npre && e + 1 < pat->nelem &&
        GVEC_AT(&d->elems, lex_elem, pat->first_elem + e + 1).type == EL_TARGET)
      continue;
    const uint64_t *alt = &GVEC_AT(&d->alts, uint64_t, el->first_alt);
    if (el->nalt == 1) {
      /* A stem's hash is not a word's: it cannot be required. */
      uint64_t len = LEX_ALT_LEN(alt[0]), exact = LEX_ALT_STEM_LEN(alt[0]) ? len - 1 : len;
      for (uint64_t q = 0; q < exact; q++) lex_filter_set(flt->need, alt[1 + q]);
    } else if (flt->nany < 2) {
      /* Any one alternative will do: its first word stands for it (unless it is a stem). */
      uint64_t f[4] = {0, 0, 0, 0};
      int usable = 1;
      for (uint16_t a = 0; a < el->nalt; a++) {
        if (LEX_ALT_STEM_LEN(alt[0]) && LEX_ALT_LEN(alt[0]) == 1) usable = 0;
        lex_filter_set(f, alt[1]);
        alt += 1 + LEX_ALT_LEN(alt[0]);
      }
      if (usable) memcpy(flt->any[flt->nany++], f, sizeof f);
    }
  }
  return 0;
}

/* The filters of first words of every pattern element (lex_elem.first). */
static void element_filters(gesta_dict *d) {
  for (size_t i = 0; i < d->elems.len; i++) {
    lex_elem *el = &GVEC_AT(&d->elems, lex_elem, i);
    const uint64_t *alt = &GVEC_AT(&d->alts, uint64_t, el->first_alt);
    el->first = 0;
    for (uint16_t a = 0; a < el->nalt; a++) {
      /* A stem ("resolution~") begins many words: it says nothing of the first word. */
      if (LEX_ALT_STEM_LEN(alt[0]) && LEX_ALT_LEN(alt[0]) == 1) el->first = ~0ULL;
      else el->first |= lex_first_bit(alt[1]);
      alt += 1 + LEX_ALT_LEN(alt[0]);
    }
  }
}

/* Adds a compiled pattern under its head. */
static int add_pattern(gesta_dict_builder *b, int lang, uint64_t head_stem, lex_pattern *pat) {
  gesta_dict *d = b->d;
  uint64_t key = lex_lang_key(lang, head_stem);
  uint32_t prev = 0;
  gesta__hmap_get(&d->head_map, key, &prev);
  pat->next = prev;
  if (b->check) {
    /* The same head and words as an earlier pattern: that one always wins. */
    uint64_t sig = gesta__hash_mix(key, (uint64_t)pat->nelem * 2 + pat->reflexive);
    sig = gesta__hash_mix(sig, pat->literal);
    sig = gesta__hash_mix(sig, (uint64_t)pat->npre * 2 + pat->head_adjacent);
    for (uint16_t e = 0; e < pat->nelem; e++) {
      const lex_elem *el = &GVEC_AT(&d->elems, lex_elem, pat->first_elem + e);
      sig = gesta__hash_mix(sig, (uint64_t)el->type * 3 + el->adjacent);
      size_t end = e + 1 < pat->nelem ? GVEC_AT(&d->elems, lex_elem, pat->first_elem + e + 1).first_alt
                                      : d->alts.len;
      for (size_t q = el->first_alt; q < end; q++) sig = gesta__hash_mix(sig, GVEC_AT(&d->alts, uint64_t, q));
    }
    uint32_t earlier;
    char where[300];
    snprintf(where, sizeof where, "%s:%zu", b->cur_name, b->cur_line);
    if (gesta__hmap_get(&b->pattern_sigs, sig, &earlier)) {
      if (finding(b, where, "unreachable", "pattern '%s' repeats the words of '%s', which always wins",
                  LEX_STR(d, pat->text), LEX_STR(d, GVEC_AT(&d->patterns, lex_pattern, earlier).text)))
        return oom(b);
    } else if (gesta__hmap_put(&b->pattern_sigs, sig, (uint32_t)d->patterns.len)) {
      return oom(b);
    }
  }
  lex_pattern *p = gesta__vec_push(&d->patterns);
  if (!p) return oom(b);
  *p = *pat;
  if (gesta__hmap_put(&d->head_map, key, (uint32_t)d->patterns.len)) return oom(b);
  d->stats_patterns[lang]++;
  if (pat->cameo != LEX_NULL_CODE) {
    size_t words = (d->cameo.len + 63) / 64;
    d->covered[(size_t)lang * words + pat->cameo / 64] |= 1ULL << (pat->cameo % 64);
  }
  return 0;
}

/* A verb that takes every pattern of another: "= en reorganize regroup". Resolved once all
 * patterns are read (resolve_aliases). */
typedef struct alias {
  int lang;
  uint64_t form, target; /* head stems */
  size_t line;
  const char *src;
} alias;

static int read_alias(gesta_dict_builder *b, gvec *aliases, const char *s, size_t n) {
  size_t i = skip_blank(s, n, 1), lw = word_len(s + i, n - i);
  uint8_t mask, adj;
  int lang;
  int rc = lang_tag(b, s + i, lw, i + 1, &mask, &adj, &lang);
  if (rc) return rc;
  if (lang < 0) return fail(b, i + 1, "an alias needs one language");
  uint64_t stems[2];
  for (int k = 0; k < 2; k++) {
    i = skip_blank(s, n, i + lw);
    lw = word_len(s + i, n - i);
    if (!lw) return fail(b, i + 1, "expected '= LANG VERB AS-VERB'");
    /* "= en actuality~ act": the alias is a stem, naming any word it begins. */
    int stemmed = k == 0 && lw > 1 && s[i + lw - 1] == '~';
    if ((rc = tokenize_phrase(b, s + i, lw - (size_t)stemmed))) return rc;
    if (b->toks.len != 1) return fail(b, i + 1, "an alias names single words");
    token t = GVEC_AT(&b->toks, token, 0);
    uint64_t keys[2];
    gesta__stem_keys(&b->ss, lang, s + i, lw - (size_t)stemmed, t.norm, t.norm_len, t.hash, keys);
    stems[k] = keys[0];
    if (k == 0 && (rc = inflect_head(b, lang, &t, keys[0]))) return rc;
    if (stemmed && (rc = add_head_prefix(b, lang, &t, keys[0]))) return rc;
  }
  if (skip_blank(s, n, i + lw) < n) return fail(b, i + lw + 1, "expected '= LANG VERB AS-VERB'");
  alias *a = gesta__vec_push(aliases);
  if (!a) return oom(b);
  a->lang = lang;
  a->form = stems[0];
  a->target = stems[1];
  a->line = b->cur_line;
  a->src = b->cur_name;
  return 0;
}

/* Gives each alias a copy of its target's patterns (the elements are shared), after its own. */
static int resolve_aliases(gesta_dict_builder *b, gvec *aliases) {
  gesta_dict *d = b->d;
  for (size_t i = 0; i < aliases->len; i++) {
    const alias *a = &GVEC_AT(aliases, alias, i);
    if (a->form == a->target) continue;
    uint32_t first;
    if (!gesta__hmap_get(&d->head_map, lex_lang_key(a->lang, a->target), &first)) {
      b->cur_name = a->src;
      b->cur_line = a->line;
      if (b->lenient) {
        if (warn(b, 1, "alias of a verb with no patterns: ignored")) return oom(b);
        continue;
      }
      return fail(b, 1, "alias of a verb with no patterns");
    }
    /* Collect the chain first: adding patterns moves the vector. */
    size_t from = d->patterns.len;
    for (uint32_t k = first; k; k = GVEC_AT(&d->patterns, lex_pattern, k - 1).next) {
      lex_pattern *p = gesta__vec_push(&d->patterns);
      if (!p) return oom(b);
      *p = GVEC_AT(&d->patterns, lex_pattern, k - 1);
    }
    /* Link the copies in the order of the chain, after the alias's own patterns. */
    uint32_t own = 0;
    gesta__hmap_get(&d->head_map, lex_lang_key(a->lang, a->form), &own);
    uint32_t next = 0;
    for (size_t k = d->patterns.len; k-- > from;) {
      GVEC_AT(&d->patterns, lex_pattern, k).next = next;
      next = (uint32_t)k + 1;
    }
    if (own) {
      uint32_t k = own;
      while (GVEC_AT(&d->patterns, lex_pattern, k - 1).next) k = GVEC_AT(&d->patterns, lex_pattern, k - 1).next;
      GVEC_AT(&d->patterns, lex_pattern, k - 1).next = next;
    } else if (next && gesta__hmap_put(&d->head_map, lex_lang_key(a->lang, a->form), next)) {
      return oom(b);
    }
  }
  return 0;
}

/* A literal head that is also a listed form of a verb ("bloqueo", a form of "bloquear") is looked
 * up by that verb's stem: its patterns join the verb's, once every file is read. */
static int link_literal_forms(gesta_dict_builder *b) {
  gesta_dict *d = b->d;
  size_t n = d->patterns.len;
  for (size_t k = 0; k < n; k++) {
    lex_pattern pat = GVEC_AT(&d->patterns, lex_pattern, k);
    uint32_t idx, first = 0;
    if (!pat.literal || !gesta__hmap_get(&d->irregular, lex_lang_key(pat.lang, pat.literal), &idx))
      continue;
    uint64_t lemma = GVEC_AT(&d->lemma_stems, uint64_t, idx);
    gesta__hmap_get(&d->head_map, lex_lang_key(pat.lang, lemma), &first);
    int there = 0;
    for (uint32_t q = first; q && !there; q = GVEC_AT(&d->patterns, lex_pattern, q - 1).next)
      there = GVEC_AT(&d->patterns, lex_pattern, q - 1).text == pat.text;
    if (there) continue;
    int rc = add_pattern(b, pat.lang, lemma, &pat);
    if (rc) return rc;
    d->stats_patterns[pat.lang]--; /* the same pattern, under the verb's stem too */
  }
  return 0;
}

/* Compiles the pattern s[i..n) of a verb line with the codes of *proto. */
static int compile_pattern(gesta_dict_builder *b, const lex_pattern *proto, const char *s,
                           size_t n, size_t i) {
  gesta_dict *d = b->d;
  lex_pattern pat = *proto;
  int lang = pat.lang;
  pat.text = intern(d, s + i, n - i);
  if (pat.text == UINT32_MAX) return oom(b);
  uint64_t head_stem = 0, plain_stem = 0;
  size_t elems0 = d->elems.len, alts0 = d->alts.len;
  int rc = parse_pattern(b, lang, s, n, i, &pat, &head_stem, &plain_stem);
  if (rc) {
    d->elems.len = elems0; /* drop what the failed pattern pushed */
    d->alts.len = alts0;
    return rc;
  }
  if (pattern_filters(d, &pat)) return oom(b);
  rc = add_pattern(b, lang, head_stem, &pat);
  if (!rc && plain_stem && plain_stem != head_stem) {
    rc = add_pattern(b, lang, plain_stem, &pat);
    d->stats_patterns[lang]--; /* one pattern, under two stems */
  }
  return rc;
}

/* Whether the head of the pattern s[i..n) is a choice ("{advise|warn} against +",
 * "refuse to *{accept|sign}"); if so, s[*open] is its '{' and s[*close] its '}'. */
static int head_choice(const char *s, size_t n, size_t i, size_t *open, size_t *close) {
  const char *star = memchr(s + i, '*', n - i);
  size_t h = star ? (size_t)(star - s) + 1 : i;
  if (!star && h < n && s[h] == '~') h++;
  if (h < n && s[h] == '!') h++;
  if (h >= n || s[h] != '{') return 0;
  int depth = 0;
  for (size_t k = h; k < n; k++) {
    if (s[k] == '{') {
      depth++;
    } else if (s[k] == '}' && --depth == 0) {
      *open = h;
      *close = k;
      return 1;
    }
  }
  return 0; /* unclosed: parse_pattern says so */
}

/* A head written as a choice is one pattern per alternative, each with the rest of the line. */
static int compile_choice(gesta_dict_builder *b, const lex_pattern *proto, const char *s,
                          size_t n, size_t i, size_t open, size_t close) {
  char *buf = gesta__malloc(n);
  if (!buf) return oom(b);
  int rc = 0;
  size_t a = open + 1;
  while (!rc && a <= close) {
    size_t z = a;
    while (z < close && s[z] != '|') z++;
    size_t x = skip_blank(s, z, a), y = z;
    while (y > x && (s[y - 1] == ' ' || s[y - 1] == '\t')) y--;
    if (y == x) {
      rc = fail(b, a + 1, "empty alternative in a head's choice");
    } else if (memchr(s + x, '{', y - x)) {
      rc = fail(b, x + 1, "a choice inside a head's choice");
    } else {
      size_t m = 0;
      memcpy(buf, s, open);
      m += open;
      memcpy(buf + m, s + x, y - x);
      m += y - x;
      memcpy(buf + m, s + close + 1, n - close - 1);
      m += n - close - 1;
      rc = compile_pattern(b, proto, buf, m, i);
    }
    a = z + 1;
  }
  gesta__free(buf);
  return rc;
}

static int compile_verbs(gesta_dict_builder *b, const dsrc *src, gvec *aliases) {
  gesta_dict *d = b->d;
  size_t pos = 0, lineno = 0;
  line ln;
  int foreign = (src->kind & SRC_FOREIGN) != 0;
  while (next_src_line(b, src, &pos, &lineno, &ln)) {
    const char *s = ln.s;
    size_t n = ln.n;
    int rc;
    if (s[0] == '=' && (n == 1 || s[1] == ' ' || s[1] == '\t')) {
      rc = read_alias(b, aliases, s, n);
    } else {
      const lex_cameo *cm, *cm2, *cm_role = NULL;
      int null_code;
      /* "190/LAB|EDU=143": another code when the source holds one of the roles. */
      size_t full = word_len(s, n);
      const char *slash = foreign ? NULL : memchr(s, '/', full);
      const char *eq = slash ? memchr(slash, '=', full - (size_t)(slash - s)) : NULL;
      size_t w = line_cameo(b, s, slash ? (size_t)(slash - s) : n, 1, foreign, &cm, &null_code, &cm2);
      if (w && slash) {
        if (!eq || eq == slash + 1 || !cm) {
          fail(b, (size_t)(slash - s) + 1, "expected ROLE|ROLE=CODE after '/'");
          w = 0;
        } else if (!(cm_role = code_entry(b, eq + 1, full - (size_t)(eq + 1 - s), 0,
                                           (size_t)(eq - s) + 2))) {
          w = 0;
        } else {
          w = full;
        }
      }
      if (!w) {
        rc = GESTA_EDICT;
      } else {
        size_t i = skip_blank(s, n, w);
        size_t lw = word_len(s + i, n - i);
        uint8_t mask, adj;
        int lang;
        rc = lang_tag(b, s + i, lw, i + 1, &mask, &adj, &lang);
        if (!rc && lang < 0) rc = fail(b, i + 1, "a verb pattern needs one language");
        i = skip_blank(s, n, i + lw);
        if (!rc && i >= n) rc = fail(b, i + 1, "missing pattern");
        if (!rc) {
          lex_pattern proto = {0};
          proto.cameo = cm ? (uint32_t)(cm - (const lex_cameo *)d->cameo.data) : LEX_NULL_CODE;
          proto.discard = null_code == 2;
          proto.cameo2 = cm2 ? (uint32_t)(cm2 - (const lex_cameo *)d->cameo.data) : LEX_NULL_CODE;
          proto.role_cameo = cm_role ? (uint32_t)(cm_role - (const lex_cameo *)d->cameo.data)
                                     : LEX_NULL_CODE;
          if (cm_role &&
              (proto.roles = intern(d, slash + 1, (size_t)(eq - slash - 1))) == UINT32_MAX)
            return oom(b);
          proto.lang = (uint8_t)lang;
          size_t open, close;
          if (head_choice(s, n, i, &open, &close))
            rc = compile_choice(b, &proto, s, n, i, open, close);
          else
            rc = compile_pattern(b, &proto, s, n, i);
          if (rc == GESTA_ENOMEM) return rc;
        }
      }
    }
    if (rc == GESTA_EDICT && b->lenient) {
      if (warn_errmsg(b)) return oom(b);
      continue;
    }
    if (rc) return rc;
  }
  return 0;
}

/* Discards: "sentence PHRASE" (a sentence that holds the phrase is not coded) or "story PHRASE"
 * (nor is any sentence of its document). */
static int compile_discards(gesta_dict_builder *b, const dsrc *src) {
  size_t pos = 0, lineno = 0;
  line ln;
  while (next_src_line(b, src, &pos, &lineno, &ln)) {
    size_t w = word_len(ln.s, ln.n), r = skip_blank(ln.s, ln.n, w);
    lex_entry proto = {0};
    proto.kind = LK_CLASS;
    proto.langmask = LEX_LANG_ANY;
    int rc = 0;
    if (w == 8 && memcmp(ln.s, "sentence", 8) == 0) {
      proto.cls = CLS_DISCARD;
    } else if (w == 5 && memcmp(ln.s, "story", 5) == 0) {
      proto.cls = CLS_DISCARD_STORY;
    } else {
      rc = fail(b, 1, "expected 'sentence PHRASE' or 'story PHRASE'");
    }
    if (!rc && r >= ln.n) rc = fail(b, w + 1, "missing phrase");
    if (!rc) rc = add_phrase(b, ln.s + r, ln.n - r, proto, r + 1);
    if (!rc) *(proto.cls == CLS_DISCARD_STORY ? &b->d->story_discards : &b->d->discards) += 1;
    if (rc == GESTA_EDICT && b->lenient) {
      if (warn_errmsg(b)) return oom(b);
      continue;
    }
    if (rc) return rc;
  }
  return 0;
}

/* data/plover.txt: "CODE TYPE MODE" (MODE "-" for none). */
static int compile_plover(gesta_dict_builder *b, const dsrc *src) {
  gesta_dict *d = b->d;
  size_t pos = 0, lineno = 0;
  line ln;
  while (next_src_line(b, src, &pos, &lineno, &ln)) {
    const char *s = ln.s;
    size_t n = ln.n;
    const lex_cameo *cm;
    size_t w = line_cameo(b, s, n, 0, 0, &cm, NULL, NULL);
    if (!w) return GESTA_EDICT;
    size_t i = skip_blank(s, n, w), tw = word_len(s + i, n - i);
    if (!tw) return fail(b, i + 1, "expected a PLOVER event type");
    size_t m = skip_blank(s, n, i + tw), mw = word_len(s + m, n - m);
    lex_cameo *c = &GVEC_AT(&d->cameo, lex_cameo, (size_t)(cm - (const lex_cameo *)d->cameo.data));
    if ((c->plover = intern(d, s + i, tw)) == UINT32_MAX) return oom(b);
    if (mw && !(mw == 1 && s[m] == '-') && (c->plover_mode = intern(d, s + m, mw)) == UINT32_MAX)
      return oom(b);
  }
  return 0;
}

static int ranges_overlap(const gesta_dict *d, const lex_actor *x, const lex_actor *y, int same_code) {
  for (uint32_t i = 0; i < x->ncodes; i++)
    for (uint32_t j = 0; j < y->ncodes; j++) {
      const lex_code *a = &GVEC_AT(&d->codes, lex_code, x->first_code + i);
      const lex_code *c = &GVEC_AT(&d->codes, lex_code, y->first_code + j);
      if (a->from > c->to || c->from > a->to) continue;
      if ((strcmp(LEX_STR(d, a->code), LEX_STR(d, c->code)) == 0) == same_code) return 1;
    }
  return 0;
}

/* With checking on: one phrase written twice, or with two codes the dates do not separate. */
static int check_phrases(gesta_dict_builder *b) {
  gesta_dict *d = b->d;
  for (size_t p = 0; p < d->phrases.len; p++) {
    const lex_phrase *ph = &GVEC_AT(&d->phrases, lex_phrase, p);
    for (uint32_t e1 = ph->first; e1; e1 = GVEC_AT(&d->entries, lex_entry, e1 - 1).next) {
      const lex_entry *x = &GVEC_AT(&d->entries, lex_entry, e1 - 1);
      if (x->kind != LK_ACTOR && x->kind != LK_AGENT) continue;
      for (uint32_t e2 = x->next; e2; e2 = GVEC_AT(&d->entries, lex_entry, e2 - 1).next) {
        const lex_entry *y = &GVEC_AT(&d->entries, lex_entry, e2 - 1);
        if (y->kind != x->kind || !(x->langmask & y->langmask)) continue;
        const char *kind = NULL, *what = "";
        char codes[160] = "";
        if (x->kind == LK_AGENT) {
          const char *r1 = LEX_STR(d, GVEC_AT(&d->agents, lex_agent, x->id).role);
          const char *r2 = LEX_STR(d, GVEC_AT(&d->agents, lex_agent, y->id).role);
          kind = strcmp(r1, r2) == 0 ? "duplicate" : "conflict";
          snprintf(codes, sizeof codes, "%s and %s", r1, r2);
        } else {
          const lex_actor *a1 = &GVEC_AT(&d->actors, lex_actor, x->id);
          const lex_actor *a2 = &GVEC_AT(&d->actors, lex_actor, y->id);
          if (x->id == y->id) {
            if (x->adj != y->adj) continue; /* a name that is also the adjective: "China" */
            kind = "duplicate";
          } else if (a1->category == CAT_PLACE && a2->category == CAT_PLACE &&
                     !ranges_overlap(d, a1, a2, 1)) {
            continue; /* a place name of several countries ("Córdoba"): it locates in none alone */
          } else if (ranges_overlap(d, a1, a2, 0)) {
            kind = "conflict";
            what = " with overlapping dates";
          } else if (ranges_overlap(d, a1, a2, 1)) {
            kind = "duplicate";
          } else {
            continue; /* dates separate them */
          }
          snprintf(codes, sizeof codes, "%s and %s", LEX_STR(d, a1->name), LEX_STR(d, a2->name));
        }
        const char *t1 = LEX_STR(d, x->text), *t2 = LEX_STR(d, y->text);
        const char *tab1 = strchr(t1, '\t'), *tab2 = strchr(t2, '\t');
        if (!tab1 || !tab2) continue;
        if (finding(b, tab2 + 1, kind, "'%.*s' is also at %s (%s%s)", (int)(tab1 - t1), t1, tab1 + 1,
                    codes, what))
          return oom(b);
      }
    }
  }
  return 0;
}

int gesta_dict_builder_build(gesta_dict_builder *b, gesta_dict **out) {
  if (!b || !out) return GESTA_EINVAL;
  *out = NULL;
  b->errmsg[0] = 0;
  gesta_dict *d = gesta__calloc(1, sizeof *d);
  if (!d) return oom(b);
  b->d = d;
  gesta__vec_init(&d->phrases, sizeof(lex_phrase));
  gesta__vec_init(&d->entries, sizeof(lex_entry));
  gesta__vec_init(&d->actors, sizeof(lex_actor));
  gesta__vec_init(&d->codes, sizeof(lex_code));
  gesta__vec_init(&d->agents, sizeof(lex_agent));
  gesta__vec_init(&d->patterns, sizeof(lex_pattern));
  gesta__vec_init(&d->filters, sizeof(lex_filter));
  gesta__vec_init(&d->elems, sizeof(lex_elem));
  gesta__vec_init(&d->alts, sizeof(uint64_t));
  gesta__vec_init(&d->lemma_stems, sizeof(uint64_t));
  gesta__vec_init(&d->cameo, sizeof(lex_cameo));
  gesta__vec_init(&d->infl, sizeof(lex_infl));
  gesta__vec_init(&b->toks, sizeof(token));
  gesta__arena_init(&b->tmp, 4096);
  memset(&b->ss, 0, sizeof b->ss);
  int rc = 0;
  if (gesta__hmap_init(&d->phrase_map, 4096) || gesta__hmap_init(&d->stem_map, 16) ||
      gesta__hmap_init(&d->head_prefix, 16) ||
      gesta__hmap_init(&d->head_map, 1024) ||
      gesta__hmap_init(&d->irregular, 256) || gesta__hmap_init(&d->lemma_class, 64) ||
      gesta__hmap_init(&d->subjunctive, 256) ||
      gesta__hmap_init(&d->cameo_map, 512) || gesta__hmap_init(&b->heads_done, 1024) ||
      gesta__hmap_init(&b->pattern_sigs, b->check ? 8192 : 16) ||
      gesta__buf_putc(&d->strings, 0)) {
    rc = oom(b);
    goto done;
  }
  static const int order[] = {GESTA_DICT_CAMEO,  GESTA_DICT_PLOVER, GESTA_DICT_LANG,
                              GESTA_DICT_LANG,   GESTA_DICT_AGENTS, GESTA_DICT_ACTORS,
                              GESTA_DICT_VERBS,  GESTA_DICT_DISCARDS};
  int have[128] = {0};
  gvec aliases;
  gesta__vec_init(&aliases, sizeof(alias));
  clear_findings(b);
  drop_build_warnings(b);
  for (size_t k = 0; k < sizeof order / sizeof order[0] && !rc; k++) {
    int pass = (k == 2) ? 1 : 2;
    if (order[k] == GESTA_DICT_VERBS && !d->covered) {
      size_t words = (d->cameo.len + 63) / 64;
      if (!(d->covered = gesta__calloc((size_t)(d->nlangs ? d->nlangs : 1) * (words ? words : 1),
                                       sizeof(uint64_t)))) {
        rc = oom(b);
        break;
      }
    }
    if (k == 3) {
      /* Languages are known now: create their stemmers for the sections that stem. */
      rc = gesta__stemmers_init(&b->ss, d->langs, d->nlangs);
      if (rc == GESTA_EDICT) {
        snprintf(b->errmsg, sizeof b->errmsg, "a language names a stemmer libstemmer lacks");
        break;
      }
      if (rc) {
        rc = oom(b);
        break;
      }
    }
    for (size_t i = 0; i < b->srcs.len && !rc; i++) {
      const dsrc *src = &GVEC_AT(&b->srcs, dsrc, i);
      int kind = src->kind & 0xff;
      if (kind != order[k]) continue;
      have[kind] = 1;
      b->cur_name = src->name;
      b->cur_src = src;
      b->lenient = (src->kind & SRC_FOREIGN) != 0;
      b->cur_line = 0;
      b->cur_indent = 0;
      size_t bn;
      const char *base = base_name(src->name, &bn);
      b->cur_category = (bn == 6 && memcmp(base, "states", 6) == 0)          ? CAT_STATE
                        : (bn == 13 && (memcmp(base, "organisations", 13) == 0 ||
                                        memcmp(base, "organizations", 13) == 0)) ? CAT_ORG
                        : (bn == 6 && memcmp(base, "groups", 6) == 0)        ? CAT_GROUP
                                                                              : CAT_OTHER;
      switch (kind) {
      case GESTA_DICT_CAMEO: rc = compile_cameo(b, src); break;
      case GESTA_DICT_PLOVER: rc = compile_plover(b, src); break;
      case GESTA_DICT_LANG: rc = compile_lang(b, src, pass); break;
      case GESTA_DICT_AGENTS: rc = compile_blocks(b, src, LK_AGENT); break;
      case GESTA_DICT_ACTORS: rc = compile_blocks(b, src, LK_ACTOR); break;
      case GESTA_DICT_VERBS: rc = compile_verbs(b, src, &aliases); break;
      case GESTA_DICT_DISCARDS: rc = compile_discards(b, src); break;
      default: break;
      }
    }
  }
  b->cur_src = NULL;
  b->lenient = 0;
  d->opts = b->opts;
  if (!rc) rc = resolve_aliases(b, &aliases);
  if (!rc) rc = link_literal_forms(b);
  if (!rc) element_filters(d);
  gesta__vec_free(&aliases);
  for (size_t i = 0; !rc && i < d->cameo.len; i++) {
    const lex_cameo *c = &GVEC_AT(&d->cameo, lex_cameo, i);
    const char *const named[] = {c->intent, c->refusal, c->reverse};
    static const char *const kind[] = {"intent", "refusal", "reverse"};
    for (int k = 0; k < 3 && !rc; k++)
      if (named[k][0] && !gesta__lex_cameo(d, named[k])) {
        snprintf(b->errmsg, sizeof b->errmsg, "CAMEO table: code %s names unknown %s code %s",
                 c->code, kind[k], named[k]);
        rc = GESTA_EDICT;
      }
  }
  if (!rc && b->check) rc = check_phrases(b);
  if (!rc && !have[GESTA_DICT_CAMEO]) {
    snprintf(b->errmsg, sizeof b->errmsg, "no CAMEO code table was given");
    rc = GESTA_EDICT;
  }
  if (!rc && d->nlangs == 0) {
    snprintf(b->errmsg, sizeof b->errmsg, "no language data was given");
    rc = GESTA_EDICT;
  }
done:
  gesta__hmap_free(&b->heads_done);
  gesta__hmap_free(&b->pattern_sigs);
  gesta__stemmers_free(&b->ss);
  gesta__arena_free(&b->tmp);
  gesta__vec_free(&b->toks);
  b->d = NULL;
  if (rc) {
    gesta_dict_free(d);
    return rc;
  }
  *out = d;
  return GESTA_OK;
}
