/*
 * TABARI and PETRARCH dictionaries, translated into gesta's native format (foreign.h).
 *
 * What carries over, and how (docs/dictionary-format.md, "Other formats", says the same for users):
 *  - actors: "PHRASE [CODE]" roots, "+SYNONYM" lines, "[CODE DATES]" lines, date-restricted codes
 *    (YYMMDD-YYMMDD, >YYMMDD, <YYMMDD) -> one native actor block per root;
 *  - agents: "PHRASE [~CODE]" (TABARI, PETRARCH), "{PLURALS}" and "!MACRO! = A, B" substitutions
 *    (PETRARCH) -> native agent blocks; regular plurals are added as PETRARCH does;
 *  - verbs: TABARI "VERB [CODE]" blocks with "{FORMS}" lines, PETRARCH "--- NAME [CODE] ---" blocks
 *    with several verbs each, "- PATTERN [CODE]" lines, synsets (&NAME), choices ({A | B}) ->
 *    native patterns "CODE LANG before *verb after", and "= LANG verb head" aliases for the other
 *    verbs of a block;
 *  - discards: "PHRASE" (sentence) and "+PHRASE" (story) -> native discards.
 * Words joined by "_" must be adjacent; a TABARI word left without a trailing "_" is a stem that
 * matches any word it begins: gesta matches it as the word itself and its regular endings.
 * Defects are repaired where possible and skipped otherwise, each with a warning naming the file,
 * line and column.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "builtin.h"
#include "foreign.h"
#include "lexicon.h"
#include "normalize.h"

/* A translation in progress. */
typedef struct tr {
  gesta_dict_builder *b;
  const char *path;
  int format; /* gesta_dict_format */
  const char *lang;
  gbuf out;      /* the native text */
  gvec lines;    /* uint32_t: original line of each native line */
  size_t line;   /* the original line being read */
  int rc;        /* GESTA_ENOMEM once memory ran out */
  hmap seen;     /* phrase hash -> first line, for duplicate reports */
  hmap cameo_set; /* hashes of the CAMEO table's codes */
  int cameo_scheme; /* the verbs file codes in CAMEO: lost leading zeros are repaired */
  gvec syn_names, syn_members; /* char *, owned: synset names ("&CURRENCY") and their members
                                * ("dollar|austrian_florin"), expanded */
  gbuf disc;     /* discards found in an actors or verbs file ("SOCCER [###]"), native */
  gvec disc_lines; /* uint32_t: their original lines */
} tr;

/* ---- small helpers ------------------------------------------------------------------------- */

static void tr_warn(tr *t, size_t col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void tr_warn(tr *t, size_t col, const char *fmt, ...) {
  char msg[400], line[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  snprintf(line, sizeof line, "%s:%zu:%zu: %s", t->path, t->line, col, msg);
  if (gesta__dict_warning(t->b, line)) t->rc = GESTA_ENOMEM;
}

/* Appends one native line, remembering where it came from. */
static void emit(tr *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit(tr *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  uint32_t *l = n < 0 ? NULL : gesta__vec_push(&t->lines);
  if (!l || gesta__buf_reserve(&t->out, (size_t)n + 2)) {
    va_end(ap2);
    if (n >= 0) t->rc = GESTA_ENOMEM;
    return;
  }
  vsnprintf(t->out.data + t->out.len, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  t->out.len += (size_t)n;
  if (gesta__buf_putc(&t->out, '\n')) t->rc = GESTA_ENOMEM;
  *l = (uint32_t)t->line;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static size_t trim_end(const char *s, size_t n) {
  while (n && (is_blank(s[n - 1]) || s[n - 1] == '\r')) n--;
  return n;
}

/* Appends the lowercase form of s[0..n) (code point by code point). */
static int put_lower(gbuf *o, const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (gesta__buf_putc(o, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c))) return GESTA_ENOMEM;
      i++;
      continue;
    }
    int32_t cp;
    int len = gesta__utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (len <= 0) len = 1;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t el = utf8proc_encode_char(utf8proc_tolower(cp), enc);
    if (el <= 0 || gesta__buf_append(o, enc, (size_t)el)) return GESTA_ENOMEM;
    i += (size_t)len;
  }
  return 0;
}

/* Repairs a file's text: CRLF and lone CR line ends, Latin-1 bytes (read as ISO-8859-1), NUL and
 * other control bytes (blanked). Warns once per kind of defect, at its first place. */
static int repair(tr *t, const char *text, size_t len, gbuf *out) {
  size_t line = 1, col = 1;
  size_t latin1_line = 0, latin1_col = 0, latin1_n = 0, ctrl_line = 0, ctrl_col = 0, ctrl_n = 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\r') {
      if (gesta__buf_putc(out, '\n')) return GESTA_ENOMEM;
      i += (i + 1 < len && text[i + 1] == '\n') ? 2 : 1;
      line++;
      col = 1;
      continue;
    }
    if (c == '\n') {
      if (gesta__buf_putc(out, '\n')) return GESTA_ENOMEM;
      i++;
      line++;
      col = 1;
      continue;
    }
    if (c < 0x20 && c != '\t') {
      if (!ctrl_n++) ctrl_line = line, ctrl_col = col;
      if (gesta__buf_putc(out, ' ')) return GESTA_ENOMEM;
      i++;
      col++;
      continue;
    }
    if (c < 0x80) {
      if (gesta__buf_putc(out, (char)c)) return GESTA_ENOMEM;
      i++;
      col++;
      continue;
    }
    /* A valid UTF-8 sequence is kept; any other byte is a Latin-1 character. */
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (want && i + want <= len && gesta__utf8_valid(text + i, want)) {
      if (gesta__buf_append(out, text + i, want)) return GESTA_ENOMEM;
      i += want;
      col++;
      continue;
    }
    if (!latin1_n++) latin1_line = line, latin1_col = col;
    char enc[2] = {(char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F))};
    if (gesta__buf_append(out, enc, 2)) return GESTA_ENOMEM;
    i++;
    col++;
  }
  size_t keep = t->line;
  if (latin1_n) {
    t->line = latin1_line;
    tr_warn(t, latin1_col, "%zu byte%s that %s not UTF-8 read as Latin-1 (ISO-8859-1)", latin1_n,
            latin1_n == 1 ? "" : "s", latin1_n == 1 ? "is" : "are");
  }
  if (ctrl_n) {
    t->line = ctrl_line;
    tr_warn(t, ctrl_col, "%zu control byte%s replaced by blanks", ctrl_n, ctrl_n == 1 ? "" : "s");
  }
  t->line = keep;
  return t->rc;
}

/* Iterates over the lines of repaired text; comments (";" in TABARI, "#" in both, <!-- ... -->
 * in PETRARCH) are cut. Returns 0 at the end. */
typedef struct cursor {
  const char *text;
  size_t len, pos, lineno;
  int in_xml_comment;
} cursor;

/* Whether s starts with the six letters w (uppercase), in any case. */
static int word_eq6(const char *s, const char *w) {
  for (int k = 0; k < 6; k++) {
    char ch = s[k];
    if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 32);
    if (ch != w[k]) return 0;
  }
  return 1;
}

static int next_line(tr *t, cursor *c, const char **s, size_t *n) {
  while (c->pos < c->len) {
    const char *a = c->text + c->pos;
    const char *nl = memchr(a, '\n', c->len - c->pos);
    size_t ln = nl ? (size_t)(nl - a) : c->len - c->pos;
    c->pos += ln + (nl ? 1 : 0);
    c->lineno++;
    t->line = c->lineno;
    if (c->in_xml_comment) {
      const char *end = ln >= 3 ? strstr(a, "-->") : NULL;
      if (end && end < a + ln) c->in_xml_comment = 0;
      continue;
    }
    size_t i = 0;
    while (i < ln && is_blank(a[i])) i++;
    if (ln - i >= 4 && memcmp(a + i, "<!--", 4) == 0) {
      /* "<!-- ... -->" on one line, or opening a comment that a later line closes. */
      int closed = 0;
      for (size_t k = i + 4; k + 3 <= ln; k++)
        if (memcmp(a + k, "-->", 3) == 0) closed = 1;
      if (!closed) c->in_xml_comment = 1;
      continue;
    }
    if (i < ln && (a[i] == '#' || (a[i] == '/' && t->format == GESTA_FORMAT_TABARI))) continue;
    size_t e = i;
    int bracket = 0; /* "[###]" is TABARI's discard code, not a comment */
    while (e < ln && (bracket || (a[e] != '#' && a[e] != ';'))) {
      if (a[e] == '[') bracket = 1;
      else if (a[e] == ']') bracket = 0;
      e++;
    }
    e = trim_end(a, e);
    if (e <= i) continue;
    size_t tl = 0;
    while (i + tl < e && a[i + tl] == '~') tl++;
    if (tl && e - i - tl >= 6 && word_eq6(a + i + tl, "FINISH")) {
      c->pos = c->len;
      return 0;
    }
    *s = a;
    *n = e;
    return 1;
  }
  return 0;
}

/* A line starting with '<' in a dictionary: "<NOUN>", "<ADJECTIVE>", "<TIME>", "<SYNSETS>" open
 * sections gesta does not read as entries, "</...>" closes them; anything else ("<! -- a note
 * -->") is a comment. Returns whether entries are skipped from here on. */
static int section_tag(const char *s, size_t n, int skipping) {
  if (n >= 2 && s[1] == '/') return 0;
  static const char *const open[] = {"<NOUN>", "<ADJECTIVE>", "<ADJ>", "<ATTRIB>", "<TIME>", "<SYNSETS>",
                                     "<SYNSET>", "<ISSUES>"};
  for (size_t k = 0; k < sizeof open / sizeof open[0]; k++) {
    size_t l = strlen(open[k]);
    if (n >= l && memcmp(s, open[k], l) == 0) return 1;
  }
  return skipping;
}

/* ---- phrases -------------------------------------------------------------------------------- */

/* The native form of a dictionary phrase: '_' and runs of blanks become one blank, the exact-match
 * marks ('_' at a word's end, '=') go, letters are lowercased. Returns its length in o. */
static int native_phrase(const char *s, size_t n, gbuf *o) {
  o->len = 0;
  int space = 1;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '_' || is_blank(c)) {
      if (!space && gesta__buf_putc(o, ' ')) return GESTA_ENOMEM;
      space = 1;
      continue;
    }
    if (c == '=' || c == '|') continue;
    if ((unsigned char)c >= 0x80) {
      /* A whole multi-byte character at once: alone, its first byte would decode as U+FFFD. */
      size_t k = i + 1;
      while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80) k++;
      if (put_lower(o, s + i, k - i)) return GESTA_ENOMEM;
      i = k - 1;
    } else if (put_lower(o, s + i, 1)) {
      return GESTA_ENOMEM;
    }
    space = 0;
  }
  while (o->len && o->data[o->len - 1] == ' ') o->len--;
  if (gesta__buf_putc(o, 0)) return GESTA_ENOMEM;
  o->len--;
  return 0;
}

/* The regular plural of a phrase's last word, as PETRARCH forms it (English) or as Spanish does;
 * empty when the word does not take one (ends in a non-letter, or already plural in -s). */
static void plural_of(const char *lang, const char *p, size_t n, char *out, size_t cap) {
  out[0] = 0;
  if (n == 0 || n + 3 >= cap) return;
  char last = p[n - 1];
  if (!(last >= 'a' && last <= 'z')) return;
  memcpy(out, p, n);
  int es = lang && strcmp(lang, "es") == 0;
  if (es) {
    if (last == 's') {
      out[0] = 0;
      return;
    }
    if (strchr("aeiou", last)) {
      memcpy(out + n, "s", 2);
    } else if (last == 'z') {
      out[n - 1] = 'c';
      memcpy(out + n, "es", 3);
    } else {
      memcpy(out + n, "es", 3);
    }
    return;
  }
  if (last == 's' || last == 'x' || last == 'z' ||
      (n >= 2 && (p[n - 2] == 'c' || p[n - 2] == 's') && last == 'h')) {
    memcpy(out + n, "es", 3);
  } else if (last == 'y' && n >= 2 && !strchr("aeiou", p[n - 2])) {
    memcpy(out + n - 1, "ies", 4);
  } else {
    memcpy(out + n, "s", 2);
  }
}

/* Whether a word of a pattern is a stem: in TABARI's format, one not followed by '_' ("exact"),
 * of two letters or more. */
static int stem_word(const tr *t, const char *w, size_t n, char next) {
  if (t->format != GESTA_FORMAT_TABARI || next == '_' || n < 2) return 0;
  for (size_t i = 0; i < n; i++)
    if (!((w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= 'a' && w[i] <= 'z') || (unsigned char)w[i] >= 0x80))
      return 0;
  return 1;
}

/* Reports a phrase seen before in this file (it is kept: the first entry wins ties). */
static void note_duplicate(tr *t, const char *phrase, size_t col) {
  uint64_t h = gesta__hash_bytes(phrase, strlen(phrase));
  uint32_t first;
  if (gesta__hmap_get(&t->seen, h, &first)) {
    tr_warn(t, col, "duplicate entry '%s' (first at line %u): both kept, the first wins", phrase, first);
    return;
  }
  if (gesta__hmap_put(&t->seen, h, (uint32_t)t->line)) t->rc = GESTA_ENOMEM;
}

/* ---- codes and dates ---------------------------------------------------------------------- */

/* "YYMMDD" or "YYYYMMDD" into "YYYY-MM-DD". Two-digit years up to 30 are 20YY, as in TABARI. */
static int foreign_date(const char *s, size_t n, char out[11]) {
  if (n != 6 && n != 8) return -1;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return -1;
  int y, m, d;
  if (n == 6) {
    y = (s[0] - '0') * 10 + (s[1] - '0');
    y += y <= 30 ? 2000 : 1900;
    s += 2;
  } else {
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    s += 4;
  }
  m = (s[0] - '0') * 10 + (s[1] - '0');
  d = (s[2] - '0') * 10 + (s[3] - '0');
  if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
  memcpy(out, tmp, 11);
  return 0;
}

typedef struct acode {
  char code[32];
  char range[32]; /* native "FROM..TO", or "" */
} acode;

/* Parses the "[...]" blocks of an actor or agent line from s[i..n) into codes (at most max).
 * Returns how many, or -1 after a warning. */
static int parse_codes(tr *t, const char *s, size_t n, size_t i, acode *codes, int max, int agent) {
  int nc = 0;
  while (i < n) {
    while (i < n && is_blank(s[i])) i++;
    if (i >= n) break;
    if (s[i] != '[') {
      tr_warn(t, i + 1, "unexpected text after the codes");
      return nc ? nc : -1;
    }
    const char *close = memchr(s + i, ']', n - i);
    if (!close) {
      tr_warn(t, i + 1, "missing ']'");
      return -1;
    }
    size_t a = i + 1, z = (size_t)(close - s);
    while (a < z && is_blank(s[a])) a++;
    while (z > a && is_blank(s[z - 1])) z--;
    size_t cw = 0;
    while (a + cw < z && !is_blank(s[a + cw])) cw++;
    if (cw == 0 || cw >= sizeof codes[0].code) {
      tr_warn(t, i + 1, "no code in [...]");
      return -1;
    }
    if (nc == max) {
      tr_warn(t, i + 1, "more than %d codes: the rest ignored", max);
      return nc;
    }
    acode *c = &codes[nc];
    memset(c, 0, sizeof *c);
    size_t k = 0;
    int lowered = 0;
    for (size_t q = 0; q < cw; q++) {
      char ch = s[a + q];
      if (agent && ch == '~') continue; /* "~GOV" and "NGO~": the role's side; gesta appends roles */
      if (ch >= 'a' && ch <= 'z') {
        ch = (char)(ch - 32);
        lowered = 1;
      }
      c->code[k++] = ch;
    }
    /* "[NGO~]": a role that comes before the actor's code (gesta's "NGO~"). */
    if (agent && k > 0 && s[a] != '~' && s[a + cw - 1] == '~' && k + 1 < sizeof c->code)
      c->code[k++] = '~';
    c->code[k] = 0;
    if (lowered) tr_warn(t, a + 1, "code '%.*s' written in lowercase: read as '%s'", (int)cw, s + a, c->code);
    /* A date restriction: "991201-010114", ">011222", "<911226". */
    size_t r = a + cw;
    while (r < z && is_blank(s[r])) r++;
    if (r < z) {
      char from[11] = "", to[11] = "";
      /* The restriction without its blanks ("< 950601", "950601 - 990815" occur). */
      char spec[40];
      size_t sl = 0;
      for (size_t q = r; q < z; q++)
        if (!is_blank(s[q]) && sl + 1 < sizeof spec) spec[sl++] = s[q];
      spec[sl] = 0;
      const char *dash = memchr(spec, '-', sl);
      int bad = 0;
      if (spec[0] == '>') {
        bad = foreign_date(spec + 1, sl - 1, from);
      } else if (spec[0] == '<') {
        bad = foreign_date(spec + 1, sl - 1, to);
      } else if (dash) {
        bad = foreign_date(spec, (size_t)(dash - spec), from) ||
              foreign_date(dash + 1, sl - (size_t)(dash + 1 - spec), to);
      } else {
        bad = 1;
      }
      if (bad) {
        tr_warn(t, r + 1, "bad date restriction '%.*s': entry skipped", (int)(z - r), s + r);
        return -1;
      }
      if (from[0] && to[0] && strcmp(from, to) > 0) {
        tr_warn(t, r + 1, "date restriction ends before it starts: entry skipped");
        return -1;
      }
      snprintf(c->range, sizeof c->range, "%s..%s", from, to);
    }
    nc++;
    i = (size_t)(close - s) + 1;
  }
  return nc;
}

/* ---- actors --------------------------------------------------------------------------------- */

#define MAX_CODES 24

typedef struct actor_block {
  gbuf phrases; /* "a | b | c" */
  acode codes[MAX_CODES];
  int ncodes;
  size_t line; /* of the root */
  int open;
  int bad; /* a code line could not be read (warned): the block does not take later roots */
} actor_block;

static void add_block_phrase(tr *t, actor_block *ab, const char *s, size_t n, size_t col, gbuf *tmp) {
  if (native_phrase(s, n, tmp)) {
    t->rc = GESTA_ENOMEM;
    return;
  }
  /* In TABARI and PETRARCH, words of a name written with a blank between them ("PRINCE
   * DOL_AMROTH", "ITHILEN TELEVISION") may have other words between them in the text ("Prince of
   * Dol Amroth", "Ithilen state-run television"): gesta's "...". */
  if (tmp->len) {
    gbuf g = {0};
    int gapped = 0;
    for (size_t i = 0; i < n; i++) {
      if (!is_blank(s[i])) continue;
      while (i + 1 < n && is_blank(s[i + 1])) i++;
      if (i + 1 < n && i > 0) gapped = 1;
    }
    if (gapped) {
      for (size_t i = 0; i < n && t->rc == 0;) {
        size_t e = i;
        while (e < n && !is_blank(s[e])) e++;
        if (e > i) {
          if (native_phrase(s + i, e - i, tmp) ||
              (g.len && gesta__buf_append(&g, " ... ", 5)) || gesta__buf_append(&g, tmp->data, tmp->len))
            t->rc = GESTA_ENOMEM;
        }
        i = e;
        while (i < n && is_blank(s[i])) i++;
      }
      tmp->len = 0;
      if (gesta__buf_append(tmp, g.data ? g.data : "", g.len)) t->rc = GESTA_ENOMEM;
    }
    gesta__buf_free(&g);
  }
  if (tmp->len == 0) {
    tr_warn(t, col, "empty phrase: skipped");
    return;
  }
  note_duplicate(t, tmp->data, col);
  char pl[300];
  plural_of(t->lang, tmp->data, tmp->len, pl, sizeof pl);
  /* A TABARI word not ended by '_' is a stem: "KUWAIT" names "Kuwaiti" too (one word only),
   * and its plural with it. */
  int stem = !memchr(tmp->data, ' ', tmp->len) && stem_word(t, s, n, ' ');
  /* "MOUSE=" (TABARI): the word exactly, without the regular endings. */
  size_t z = n;
  while (z > 0 && is_blank(s[z - 1])) z--;
  if (stem || (t->format == GESTA_FORMAT_TABARI && z && s[z - 1] == '=')) pl[0] = 0;
  if ((ab->phrases.len && gesta__buf_append(&ab->phrases, " | ", 3)) ||
      gesta__buf_append(&ab->phrases, tmp->data, tmp->len) ||
      (stem && gesta__buf_putc(&ab->phrases, '~')))
    t->rc = GESTA_ENOMEM;
  if (pl[0] && (gesta__buf_append(&ab->phrases, " | ", 3) || gesta__buf_append(&ab->phrases, pl, strlen(pl))))
    t->rc = GESTA_ENOMEM;
}

/* Adds "a | b | c" as sentence discards, kept for a discards source of their own. */
static void add_discards(tr *t, const char *phrases) {
  const char *p = phrases;
  while (*p) {
    const char *bar = strstr(p, " | ");
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    uint32_t *l = gesta__vec_push(&t->disc_lines);
    if (!l || gesta__buf_append(&t->disc, "sentence ", 9) || gesta__buf_append(&t->disc, p, len) ||
        gesta__buf_putc(&t->disc, '\n')) {
      t->rc = GESTA_ENOMEM;
      return;
    }
    *l = (uint32_t)t->line;
    p += len + (bar ? 3 : 0);
  }
}

static void flush_actor(tr *t, actor_block *ab) {
  if (!ab->open) return;
  size_t keep = t->line;
  t->line = ab->line;
  ab->open = 0;
  if (!ab->ncodes && ab->bad) {
    /* its codes were unreadable, as already reported */
  } else if (!ab->ncodes) {
    tr_warn(t, 1, "actor '%.60s' has no code: skipped", ab->phrases.data ? ab->phrases.data : "");
  } else if (ab->phrases.len && ab->ncodes == 1 && !ab->codes[0].range[0] &&
             t->format == GESTA_FORMAT_TABARI &&
             (strcmp(ab->codes[0].code, "###") == 0 || strcmp(ab->codes[0].code, "+++") == 0)) {
    /* "SOCCER [###]": TABARI's discard (and complex) code on an actor: a sentence naming it is
     * not coded. */
    add_discards(t, ab->phrases.data);
  } else if (ab->phrases.len) {
    /* A dated discard in TABARI ("USSR [USR <911226] [###]"), and any "###" in PETRARCH, which
     * writes it as the actor: gesta's "discard" code (dict.c), "###" once compiled. */
    for (int i = 0; i < ab->ncodes; i++)
      if (strcmp(ab->codes[i].code, "###") == 0 ||
          (t->format == GESTA_FORMAT_TABARI && strcmp(ab->codes[i].code, "+++") == 0))
        memcpy(ab->codes[i].code, "discard", 8);
    emit(t, "actor");
    /* Dated codes first: the first code valid at the event's date wins. */
    for (int pass = 0; pass < 2; pass++)
      for (int i = 0; i < ab->ncodes; i++)
        if ((ab->codes[i].range[0] != 0) == (pass == 0))
          emit(t, "  code %s %s", ab->codes[i].code, ab->codes[i].range);
    emit(t, "  any %s", ab->phrases.data);
  }
  ab->phrases.len = 0;
  ab->ncodes = 0;
  ab->bad = 0;
  t->line = keep;
}

/* The next entry of an actors or agents file: a line outside the sections gesta does not read
 * as entries (section_tag), with *i at its first non-blank byte. */
static int next_entry(tr *t, cursor *c, const char **s, size_t *n, size_t *i, int *skipping) {
  while (t->rc == 0 && next_line(t, c, s, n)) {
    size_t k = 0;
    while (k < *n && is_blank((*s)[k])) k++;
    if ((*s)[k] == '<') {
      /* <NOUN>, <ADJECTIVE>: TABARI's word classes, which gesta's language files hold. */
      *skipping = section_tag(*s + k, *n - k, *skipping);
      continue;
    }
    if (*skipping) continue;
    *i = k;
    return 1;
  }
  return 0;
}

static void translate_actors(tr *t, cursor *c) {
  actor_block ab = {0};
  gbuf tmp = {0};
  const char *s;
  size_t n, i;
  int skip_section = 0;
  while (next_entry(t, c, &s, &n, &i, &skip_section)) {
    if (s[i] == '+') {
      if (!ab.open) {
        tr_warn(t, i + 1, "synonym outside an actor: skipped");
        continue;
      }
      size_t e = i + 1;
      while (e < n && s[e] != '[') e++;
      add_block_phrase(t, &ab, s + i + 1, trim_end(s + i + 1, e - i - 1), i + 2, &tmp);
      if (e < n) {
        int k = parse_codes(t, s, n, e, ab.codes + ab.ncodes, MAX_CODES - ab.ncodes, 0);
        if (k > 0) ab.ncodes += k;
      }
      continue;
    }
    if (s[i] == '[') {
      if (!ab.open) {
        tr_warn(t, i + 1, "code outside an actor: skipped");
        continue;
      }
      int k = parse_codes(t, s, n, i, ab.codes + ab.ncodes, MAX_CODES - ab.ncodes, 0);
      if (k > 0) ab.ncodes += k;
      if (k < 0) ab.bad = 1;
      continue;
    }
    /* A root: "PHRASE [CODE]...". One with no code continues the roots before it, which
     * share the codes that follow them. */
    if (ab.open && (ab.ncodes || ab.bad)) flush_actor(t, &ab);
    if (!ab.open) {
      ab.open = 1;
      ab.line = t->line;
    }
    size_t e = i;
    while (e < n && s[e] != '[') e++;
    add_block_phrase(t, &ab, s + i, trim_end(s + i, e - i), i + 1, &tmp);
    if (e < n) {
      int k = parse_codes(t, s, n, e, ab.codes + ab.ncodes, MAX_CODES - ab.ncodes, 0);
      if (k < 0 && !ab.ncodes) { /* the root's codes are unreadable: drop it */
        ab.open = 0;
        ab.phrases.len = 0;
      } else if (k > 0) {
        ab.ncodes += k;
      }
    }
  }
  flush_actor(t, &ab);
  gesta__buf_free(&ab.phrases);
  gesta__buf_free(&tmp);
}

/* ---- agents --------------------------------------------------------------------------------- */

typedef struct macro {
  char name[32];
  char subst[16][48];
  int n;
} macro;

static void translate_agents(tr *t, cursor *c) {
  macro macros[16];
  int nmacros = 0;
  gbuf tmp = {0}, exp = {0}, phr = {0};
  const char *s;
  size_t n, i;
  int skip_section = 0;
  while (next_entry(t, c, &s, &n, &i, &skip_section)) {
    /* "!PERSON! = MAN, MEN, WOMAN" (PETRARCH; UniversalPetrarch writes blanks as '_'). A
     * substitution may also open an entry's phrase: "!MINST!_OF_SILLY_WALKS [~GOV]" is read
     * below, as "CONGRESS!PERSON!" is. */
    const char *bang = s[i] == '!' ? memchr(s + i + 1, '!', n - i - 1) : NULL;
    size_t after = bang ? (size_t)(bang - s) + 1 : n;
    while (after < n && is_blank(s[after])) after++;
    if (s[i] == '!' && (!bang || after >= n || s[after] == '=')) {
      const char *eq = bang ? memchr(bang, '=', n - (size_t)(bang - s)) : NULL;
      if (!bang || !eq) {
        tr_warn(t, i + 1, "expected '!NAME! = WORD, WORD': skipped");
        continue;
      }
      if (nmacros == 16) {
        tr_warn(t, i + 1, "more than 16 substitutions: skipped");
        continue;
      }
      macro *m = &macros[nmacros];
      memset(m, 0, sizeof *m);
      size_t nl = (size_t)(bang - (s + i)) + 1;
      if (nl >= sizeof m->name) {
        tr_warn(t, i + 1, "substitution name too long: skipped");
        continue;
      }
      memcpy(m->name, s + i, nl);
      const char *p = eq + 1, *end = s + n;
      while (p < end && m->n < 16) {
        while (p < end && (is_blank(*p) || *p == '_' || *p == ',')) p++;
        const char *q = p;
        while (q < end && *q != ',') q++;
        const char *z = q;
        while (z > p && (is_blank(z[-1]) || z[-1] == '_')) z--;
        if (z > p && (size_t)(z - p) < sizeof m->subst[0]) memcpy(m->subst[m->n++], p, (size_t)(z - p));
        p = q;
      }
      if (m->n) nmacros++;
      continue;
    }
    size_t lb = i;
    while (lb < n && s[lb] != '[' && s[lb] != '{') lb++;
    size_t pe = trim_end(s + i, lb - i) + i;
    /* "{PLURALS}" (PETRARCH): the plural forms; "{}" means none. */
    int given_plurals = 0;
    const char *plurals = NULL;
    size_t npl = 0;
    if (lb < n && s[lb] == '{') {
      const char *cl = memchr(s + lb, '}', n - lb);
      if (!cl) {
        tr_warn(t, lb + 1, "missing '}': entry skipped");
        continue;
      }
      given_plurals = 1;
      plurals = s + lb + 1;
      npl = (size_t)(cl - plurals);
      lb = (size_t)(cl - s) + 1;
      while (lb < n && s[lb] != '[') lb++;
    }
    if (lb >= n) {
      tr_warn(t, i + 1, "agent without a code: skipped");
      continue;
    }
    acode code;
    int k = parse_codes(t, s, n, lb, &code, 1, 1);
    if (k <= 0) continue;
    if (code.range[0]) tr_warn(t, lb + 1, "date restriction on an agent ignored");
    /* Expand the substitutions: "CONGRESS!PERSON!" is CONGRESSMAN, CONGRESSMEN... */
    exp.len = 0;
    bang = memchr(s + i, '!', pe - i);
    int expanded = 0;
    if (bang) {
      const char *bang2 = memchr(bang + 1, '!', (size_t)(s + pe - bang - 1));
      for (int m = 0; bang2 && m < nmacros && !expanded; m++) {
        size_t ml = (size_t)(bang2 - bang) + 1;
        if (strlen(macros[m].name) != ml || memcmp(macros[m].name, bang, ml) != 0) continue;
        for (int q = 0; q < macros[m].n; q++) {
          gbuf one = {0};
          if (gesta__buf_append(&one, s + i, (size_t)(bang - (s + i))) ||
              gesta__buf_append(&one, macros[m].subst[q], strlen(macros[m].subst[q])) ||
              gesta__buf_append(&one, bang2 + 1, (size_t)(s + pe - bang2 - 1)) ||
              native_phrase(one.data, one.len, &tmp) ||
              (exp.len && gesta__buf_append(&exp, " | ", 3)) ||
              gesta__buf_append(&exp, tmp.data, tmp.len))
            t->rc = GESTA_ENOMEM;
          gesta__buf_free(&one);
        }
        expanded = 1;
      }
      if (!expanded) {
        tr_warn(t, (size_t)(bang - s) + 1, "unknown substitution: entry skipped");
        continue;
      }
    } else {
      if (native_phrase(s + i, pe - i, &tmp) || gesta__buf_append(&exp, tmp.data, tmp.len))
        t->rc = GESTA_ENOMEM;
    }
    if (exp.len == 0) {
      tr_warn(t, i + 1, "empty phrase: skipped");
      continue;
    }
    if (gesta__buf_putc(&exp, 0)) t->rc = GESTA_ENOMEM;
    exp.len--;
    note_duplicate(t, exp.data, i + 1);
    /* The plurals: those given, or the regular ones of each alternative. */
    phr.len = 0;
    if (gesta__buf_append(&phr, exp.data, exp.len)) t->rc = GESTA_ENOMEM;
    if (given_plurals) {
      const char *p = plurals, *end = plurals + npl;
      while (p < end) {
        while (p < end && (is_blank(*p) || *p == ',')) p++;
        const char *q = p;
        while (q < end && !is_blank(*q) && *q != ',') q++;
        if (q > p) {
          if (native_phrase(p, (size_t)(q - p), &tmp) || gesta__buf_append(&phr, " | ", 3) ||
              gesta__buf_append(&phr, tmp.data, tmp.len))
            t->rc = GESTA_ENOMEM;
        }
        p = q;
      }
    } else {
      const char *p = exp.data;
      while (*p) {
        const char *bar = strstr(p, " | ");
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char pl[300];
        plural_of(t->lang, p, len, pl, sizeof pl);
        if (pl[0] && (gesta__buf_append(&phr, " | ", 3) || gesta__buf_append(&phr, pl, strlen(pl))))
          t->rc = GESTA_ENOMEM;
        p += len + (bar ? 3 : 0);
      }
    }
    if (gesta__buf_putc(&phr, 0)) t->rc = GESTA_ENOMEM;
    emit(t, "agent %s", code.code);
    emit(t, "  any %s", phr.data);
  }
  gesta__buf_free(&tmp);
  gesta__buf_free(&exp);
  gesta__buf_free(&phr);
}

/* ---- discards ------------------------------------------------------------------------------- */

static void translate_discards(tr *t, cursor *c) {
  gbuf tmp = {0};
  const char *s;
  size_t n;
  while (t->rc == 0 && next_line(t, c, &s, &n)) {
    size_t i = 0;
    while (i < n && is_blank(s[i])) i++;
    int story = s[i] == '+';
    if (story) i++;
    size_t e = i;
    while (e < n && s[e] != '[') e++;
    if (native_phrase(s + i, trim_end(s + i, e - i), &tmp)) {
      t->rc = GESTA_ENOMEM;
      break;
    }
    if (!tmp.len) continue;
    note_duplicate(t, tmp.data, i + 1);
    emit(t, "%s %s", story ? "story" : "sentence", tmp.data);
  }
  gesta__buf_free(&tmp);
}

/* ---- verbs ---------------------------------------------------------------------------------- */

static const char *synset(const tr *t, const char *name, size_t n) {
  for (size_t i = 0; i < t->syn_names.len; i++) {
    const char *s = GVEC_AT(&t->syn_names, char *, i);
    if (strlen(s) == n && memcmp(s, name, n) == 0) return GVEC_AT(&t->syn_members, char *, i);
  }
  return NULL;
}

#define MAX_CHOICE 4000 /* bytes of one expanded choice */
#define TR_SKIP 1        /* an entry skipped after a warning (GESTA_ENOMEM is negative) */

/* PETRARCH writes contractions as treebank tokens ("DID N'T", "WO N'T"); gesta's tokens keep them
 * whole ("didn't", "won't"). Copies s into buf with the blank or '_' before "N'T" removed;
 * returns the new length, or (size_t)-1 when it does not fit. */
static size_t join_contractions(const char *s, size_t n, char *buf, size_t cap) {
  if (n >= cap) return (size_t)-1;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if ((s[i] == ' ' || s[i] == '_') && i + 3 < n && k > 0 && (s[i + 1] == 'N' || s[i + 1] == 'n') &&
        s[i + 2] == '\'' && (s[i + 3] == 'T' || s[i + 3] == 't') &&
        (i + 4 == n || s[i + 4] == ' ' || s[i + 4] == '_' || s[i + 4] == '}' || s[i + 4] == '|'))
      continue;
    buf[k++] = s[i];
  }
  buf[k] = 0;
  return k;
}

/* Expands one synset member ("&TIETYPES_MEMOS", "AUSTRIAN FLORIN") into choices joined by '|',
 * words joined by '_'. Synsets named inside are expanded when already known. */
static int expand_member(tr *t, const char *s, size_t n, gbuf *out, int depth) {
  char joined_buf[1024];
  size_t jn = join_contractions(s, n, joined_buf, sizeof joined_buf);
  if (jn != (size_t)-1) {
    s = joined_buf;
    n = jn;
  }
  /* Split into parts at blanks and '_'; a part "&NAME" multiplies the choices. */
  gbuf acc = {0}, next = {0}, tmp = {0};
  int rc = gesta__buf_append(&acc, "", 0) || gesta__buf_putc(&acc, 0);
  acc.len = 0;
  int have = 0; /* acc holds at least one (possibly empty) choice */
  size_t i = 0;
  while (!rc && i < n) {
    /* TABARI: words parted by a blank, not '_', may have others between them in the text
     * ("{ LOUDLY INCLUDED | ... }" matches "loudly boldly included"): gesta's "...". */
    int gap = 0;
    while (i < n && (is_blank(s[i]) || s[i] == '_')) {
      if (s[i] == '_') gap = -1;
      else if (gap == 0) gap = 1;
      i++;
    }
    const char *sep = gap > 0 && have && t->format == GESTA_FORMAT_TABARI ? "..." : "_";
    size_t e = i;
    while (e < n && !is_blank(s[e]) && s[e] != '_') e++;
    if (e == i) break;
    const char *part = s + i;
    size_t pn = e - i;
    i = e;
    const char *alts = NULL;
    if (part[0] == '&') {
      alts = synset(t, part, pn);
      if (!alts || depth > 4) {
        tr_warn(t, 1, "unknown synset '%.*s'", (int)pn, part);
        rc = TR_SKIP;
        break;
      }
    } else {
      size_t k = 0;
      while (k < pn && strchr("$+%^*", part[k]) == NULL) k++;
      if (k < pn) continue; /* a marker inside a synset member has no place there */
      if (native_phrase(part, pn, &tmp)) {
        rc = GESTA_ENOMEM;
        break;
      }
      if (!tmp.len) continue;
      /* Only a choice's last word may be a stem (lexicon.h): the member's last part. */
      size_t after = (size_t)(part + pn - s);
      int last_part = 1;
      for (size_t q = after; q < n; q++)
        if (!is_blank(s[q]) && s[q] != '_') last_part = 0;
      if (last_part && stem_word(t, part, pn, after < n ? s[after] : ' ')) {
        if (gesta__buf_putc(&tmp, '~') || gesta__buf_putc(&tmp, 0)) {
          rc = GESTA_ENOMEM;
          break;
        }
        tmp.len--;
      }
      alts = tmp.data;
    }
    /* next = every choice of acc followed by every alternative. */
    next.len = 0;
    const char *a = have ? acc.data : "";
    int first = 1;
    for (;;) {
      const char *abar = have ? strchr(a, '|') : NULL;
      size_t al = have ? (abar ? (size_t)(abar - a) : strlen(a)) : 0;
      const char *b = alts;
      for (;;) {
        const char *bbar = strchr(b, '|');
        size_t bl = bbar ? (size_t)(bbar - b) : strlen(b);
        if (!first) rc |= gesta__buf_putc(&next, '|');
        first = 0;
        /* Only a choice's last word may be a stem: an earlier one loses its mark. */
        size_t kl = al && a[al - 1] == '~' ? al - 1 : al;
        rc |= gesta__buf_append(&next, a, kl);
        if (al) rc |= gesta__buf_append(&next, sep, strlen(sep));
        rc |= gesta__buf_append(&next, b, bl);
        if (!bbar) break;
        b = bbar + 1;
      }
      if (!abar) break;
      a = abar + 1;
    }
    if (next.len > MAX_CHOICE) {
      tr_warn(t, 1, "synset expands to too many choices");
      rc = TR_SKIP;
      break;
    }
    rc |= gesta__buf_putc(&next, 0);
    next.len--;
    gbuf sw = acc;
    acc = next;
    next = sw;
    have = 1;
  }
  if (!rc && have && acc.len) {
    if (out->len) rc |= gesta__buf_putc(out, '|');
    rc |= gesta__buf_append(out, acc.data, acc.len);
  }
  gesta__buf_free(&acc);
  gesta__buf_free(&next);
  gesta__buf_free(&tmp);
  return rc;
}

/* First pass over a verbs file: the synsets, "&NAME" followed by "+MEMBER" lines. */
static void read_synsets(tr *t, cursor *c) {
  const char *s;
  size_t n;
  gbuf members = {0};
  char *name = NULL;
  while (t->rc == 0) {
    int more = next_line(t, c, &s, &n);
    size_t i = 0;
    while (more && i < n && is_blank(s[i])) i++;
    if (more && name && s[i] == '+') {
      if (expand_member(t, s + i + 1, n - i - 1, &members, 0) == GESTA_ENOMEM) t->rc = GESTA_ENOMEM;
      continue;
    }
    if (name) { /* the synset ends */
      char *m = gesta__strndup(members.data ? members.data : "", members.len);
      char **ns = gesta__vec_push(&t->syn_names), **ms = gesta__vec_push(&t->syn_members);
      if (!m || !ns || !ms) {
        gesta__free(m);
        gesta__free(name);
        t->rc = GESTA_ENOMEM;
        break;
      }
      *ns = name;
      *ms = m;
      name = NULL;
      if (!members.len) tr_warn(t, 1, "synset '%s' has no members", *ns);
      members.len = 0;
    }
    if (!more) break;
    if (s[i] == '&') {
      size_t e = i + 1;
      while (e < n && !is_blank(s[e])) e++;
      if (e > i + 1 && !synset(t, s + i, e - i)) name = gesta__strndup(s + i, e - i);
      else if (e > i + 1) tr_warn(t, i + 1, "synset '%.*s' defined twice: the first is used", (int)(e - i), s + i);
    }
  }
  gesta__free(name);
  gesta__buf_free(&members);
}

/* The codes of the built-in CAMEO table (data/cameo.txt), as a set of hashes. */
static int load_cameo_set(tr *t) {
  if (gesta__hmap_init(&t->cameo_set, 512)) return GESTA_ENOMEM;
  for (size_t i = 0; i < gesta__builtin_count; i++) {
    const gesta__builtin_file *f = &gesta__builtin_files[i];
    if (f->kind != GESTA_DICT_CAMEO) continue;
    for (size_t p = 0; p < f->len;) {
      size_t e = p;
      while (e < f->len && f->text[e] >= '0' && f->text[e] <= '9') e++;
      if (e > p && gesta__hmap_put(&t->cameo_set, gesta__hash_bytes(f->text + p, e - p), 1))
        return GESTA_ENOMEM;
      const char *nl = memchr(f->text + p, '\n', f->len - p);
      if (!nl) break;
      p = (size_t)(nl - f->text) + 1;
    }
  }
  return 0;
}

static int cameo_known(const tr *t, const char *code, size_t n) {
  uint32_t v;
  return gesta__hmap_get(&t->cameo_set, gesta__hash_bytes(code, n), &v);
}

/* Whether a verbs file codes in CAMEO: at most one code in twenty is neither a CAMEO code nor
 * one with its leading zero lost (TABARI's own test dictionaries use WEIS and project codes,
 * where "211" is a code of its own, not "0211"). */
static int cameo_scheme(const tr *t, const char *text, size_t len) {
  size_t total = 0, alien = 0;
  for (const char *p = memchr(text, '[', len); p; p = memchr(p + 1, '[', len - (size_t)(p + 1 - text))) {
    const char *q = p + 1, *end = text + len;
    while (q < end && *q == ' ') q++;
    const char *c = q;
    while (q < end && ((*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))) q++;
    if (q == c || q >= end || (*q != ']' && *q != ':' && *q != ' ')) continue;
    total++;
    char z[16];
    size_t n = (size_t)(q - c);
    if (n + 2 > sizeof z) {
      alien++;
      continue;
    }
    z[0] = '0';
    memcpy(z + 1, c, n);
    if (!cameo_known(t, c, n) && !cameo_known(t, z, n + 1)) alien++;
    if (p + 1 >= end) break;
  }
  return total > 0 && alien * 20 <= total;
}

/* Reads the "[CODE]" at the end of a verb or pattern line; sets *end to where it starts. Repairs a
 * CAMEO code that lost its leading zero ("42" -> "042"). Returns 0 with no code, 1 with one, -1
 * when it is malformed (after a warning). */
static int verb_code(tr *t, const char *s, size_t n, char *code, size_t cap, size_t *end) {
  const char *lb = NULL;
  for (size_t i = n; i-- > 0;)
    if (s[i] == '[') {
      lb = s + i;
      break;
    }
  *end = n;
  if (!lb) return 0;
  *end = (size_t)(lb - s);
  const char *rb = memchr(lb, ']', n - *end);
  if (!rb) {
    tr_warn(t, *end + 1, "missing ']'");
    return -1;
  }
  size_t k = 0;
  for (const char *p = lb + 1; p < rb; p++) {
    if (is_blank(*p)) continue;
    if (k + 1 >= cap) {
      tr_warn(t, *end + 1, "code too long");
      return -1;
    }
    code[k++] = *p;
  }
  code[k] = 0;
  if (!k) {
    tr_warn(t, *end + 1, "no code in [...]");
    return -1;
  }
  /* Each half of a paired code ("032:033") on its own. */
  char fixed[64] = "";
  char *save = code;
  for (char *part = code; part && *part;) {
    char *colon = strchr(part, ':');
    size_t pl = colon ? (size_t)(colon - part) : strlen(part);
    char one[32] = "";
    if (pl >= sizeof one) {
      tr_warn(t, *end + 1, "code too long");
      return -1;
    }
    memcpy(one, part, pl);
    /* TABARI's discard and complex codes: the sentence is not coded (gesta's "discard"). */
    if (strcmp(one, "+++") == 0 || strcmp(one, "###") == 0) memcpy(one, "discard", 8);
    if (strcmp(one, "---") != 0 && strcmp(one, "discard") != 0) {
      for (size_t q = 0; q < pl; q++)
        if (!((one[q] >= '0' && one[q] <= '9') || (one[q] >= 'A' && one[q] <= 'Z') ||
              (one[q] >= 'a' && one[q] <= 'z'))) {
          tr_warn(t, *end + 2 + q, "bad code '%s'", save);
          return -1;
        }
      /* "42" for "042", "874" for "0874": a numeric code whose first two digits are no CAMEO
       * root (01-20) but which is a CAMEO code with a zero before it. */
      int numeric = 1;
      for (size_t q = 0; q < pl; q++) numeric &= one[q] >= '0' && one[q] <= '9';
      if (numeric && (pl == 2 || pl == 3) && ((one[0] - '0') * 10 + (one[1] - '0')) > 20) {
        char z[34];
        snprintf(z, sizeof z, "0%s", one);
        if (t->cameo_scheme && cameo_known(t, z, strlen(z))) {
          tr_warn(t, *end + 2, "code '%s' lost its leading zero: read as '%s'", one, z);
          memcpy(one, z, strlen(z) + 1);
        }
      }
    }
    size_t fl = strlen(fixed);
    snprintf(fixed + fl, sizeof fixed - fl, "%s%s", fl ? ":" : "", one);
    part = colon ? colon + 1 : NULL;
  }
  if (strlen(fixed) >= cap) return -1;
  memcpy(code, fixed, strlen(fixed) + 1);
  return 1;
}

/* A verb of the current block. */
typedef struct verb {
  char text[128];  /* native: "burned down" */
  char code[32];   /* its own code, or "" for the block's */
  size_t line;
} verb;

/* A pattern of the current block, in native form with "*" where the verb goes. */
typedef struct vpat {
  char *text; /* owned */
  char code[32];
  size_t line;
} vpat;

/* Converts "- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS" (the part after '-')
 * into native pieces with a lone "*" for the verb. Returns 0, or -1 after a warning. */
static int convert_pattern(tr *t, const char *s, size_t n, size_t col0, gbuf *out) {
  out->len = 0;
  char joined_buf[2048];
  size_t jn = join_contractions(s, n, joined_buf, sizeof joined_buf);
  if (jn != (size_t)-1) {
    s = joined_buf;
    n = jn;
  }
  gbuf tmp = {0}, choice = {0};
  int stars = 0, rc = 0;
  int joined = 0; /* the next piece joins the previous one with '_' */
  size_t i = 0;
  while (i < n && !rc) {
    char c = s[i];
    if (is_blank(c)) {
      joined = 0;
      i++;
      continue;
    }
    if (c == '_') {
      joined = out->len > 0;
      i++;
      continue;
    }
    if (c == '^' && (stars || t->format == GESTA_FORMAT_TABARI)) {
      /* "^": an actor passed over (PETRARCH's before the verb: dropped) */
      if (out->len && gesta__buf_putc(out, joined ? '_' : ' ')) rc = GESTA_ENOMEM;
      if (gesta__buf_putc(out, '^')) rc = GESTA_ENOMEM;
      joined = 0;
      i++;
      continue;
    }
    if (c == '(' || c == ')' || c == '^') {
      /* PETRARCH2's phrase groups: gesta matches words. */
      i++;
      continue;
    }
    gbuf piece = {0};
    if (c == '{') {
      const char *cl = memchr(s + i, '}', n - i);
      if (!cl) {
        tr_warn(t, col0 + i + 1, "missing '}': pattern skipped");
        rc = TR_SKIP;
        break;
      }
      size_t a = i + 1, z = (size_t)(cl - s);
      if (!memchr(s + a, '|', z - a)) {
        /* PETRARCH2's noun-phrase braces group words: keep the words. */
        /* Drop the braces by treating their content as ordinary text. */
        size_t inner = z - a;
        gbuf sub = {0};
        if (convert_pattern(t, s + a, inner, col0 + a, &sub) == 0 && sub.len) {
          if (memchr(sub.data, '*', sub.len)) stars++;
          if (out->len && gesta__buf_putc(out, joined ? '_' : ' ')) rc = GESTA_ENOMEM;
          if (gesta__buf_append(out, sub.data, sub.len)) rc = GESTA_ENOMEM;
        }
        gesta__buf_free(&sub);
        i = z + 1;
        joined = 0;
        continue;
      }
      choice.len = 0;
      for (size_t p = a; p < z && !rc;) {
        size_t q = p;
        while (q < z && s[q] != '|') q++;
        size_t x = p, y = q;
        while (x < y && is_blank(s[x])) x++;
        while (y > x && is_blank(s[y - 1])) y--;
        if (y > x) rc = expand_member(t, s + x, y - x, &choice, 0);
        p = q + 1;
      }
      if (!rc && choice.len) {
        if (gesta__buf_putc(&piece, '{') || gesta__buf_append(&piece, choice.data, choice.len) ||
            gesta__buf_putc(&piece, '}'))
          rc = GESTA_ENOMEM;
      }
      i = z + 1;
    } else if (c == '&') {
      size_t e = i + 1;
      while (e < n && !is_blank(s[e]) && s[e] != '_' && s[e] != '}' && s[e] != ')') e++;
      const char *m = synset(t, s + i, e - i);
      if (!m) {
        tr_warn(t, col0 + i + 1, "unknown synset '%.*s': pattern skipped", (int)(e - i), s + i);
        rc = TR_SKIP;
        break;
      }
      if (gesta__buf_putc(&piece, '{') || gesta__buf_append(&piece, m, strlen(m)) ||
          gesta__buf_putc(&piece, '}'))
        rc = GESTA_ENOMEM;
      i = e;
    } else if (c == '*' || c == '$' || c == '+' || c == '%') {
      if (c == '*') stars++;
      /* PETRARCH reads a compound after the verb as its targets ("- * WITH %": each of them
       * is met), TABARI as actors acting on each other. */
      if (c == '%' && stars && t->format == GESTA_FORMAT_PETRARCH) c = '+';
      /* Before the verb, PETRARCH takes the compound as the source, each member acting. */
      if (c == '%' && !stars && t->format == GESTA_FORMAT_PETRARCH) c = '$';
      if (gesta__buf_putc(&piece, c)) rc = GESTA_ENOMEM;
      i++;
    } else {
      size_t e = i;
      while (e < n && !is_blank(s[e]) && s[e] != '_' && !strchr("{}()&*$+%^", s[e])) e++;
      if (e == i) { /* a stray character */
        tr_warn(t, col0 + i + 1, "stray '%c' in a pattern: ignored", c);
        i++;
        continue;
      }
      size_t we = e;
      while (we > i && s[we - 1] == '~') we--;
      /* A TABARI word not ended by '_' is a stem; "XXXX~ YYYY" is a stem the next word must
       * follow directly. */
      int tilde = we < e, stem = tilde || stem_word(t, s + i, we - i, e < n ? s[e] : ' ');
      if (native_phrase(s + i, we - i, &tmp)) rc = GESTA_ENOMEM;
      else if (tmp.len && (gesta__buf_append(&piece, tmp.data, tmp.len) ||
                           (stem && gesta__buf_putc(&piece, '~'))))
        rc = GESTA_ENOMEM;
      i = e;
      if (!rc && piece.len) {
        if (out->len && gesta__buf_putc(out, joined ? '_' : ' ')) rc = GESTA_ENOMEM;
        if (gesta__buf_append(out, piece.data, piece.len)) rc = GESTA_ENOMEM;
        joined = tilde;
        gesta__buf_free(&piece);
        continue;
      }
    }
    if (!rc && piece.len) {
      if (out->len && gesta__buf_putc(out, joined ? '_' : ' ')) rc = GESTA_ENOMEM;
      if (gesta__buf_append(out, piece.data, piece.len)) rc = GESTA_ENOMEM;
      joined = 0;
    }
    gesta__buf_free(&piece);
  }
  gesta__buf_free(&tmp);
  gesta__buf_free(&choice);
  if (rc == GESTA_ENOMEM) t->rc = rc;
  if (rc) return -1;
  if (gesta__buf_putc(out, 0)) {
    t->rc = GESTA_ENOMEM;
    return -1;
  }
  out->len--;
  (void)stars;
  return 0;
}

/* The native pattern for one verb: the lone "*" (or "*" joined to words) becomes "*verb"; a verb
 * that marks its own head ("wire *tap") goes in as it is. */
static int place_verb(const char *pat, const char *vtext, gbuf *out) {
  out->len = 0;
  const char *star = strchr(pat, '*');
  if (!star) return -1;
  if (gesta__buf_append(out, pat, (size_t)(star - pat)) ||
      (!strchr(vtext, '*') && gesta__buf_putc(out, '*')))
    return GESTA_ENOMEM;
  /* A verb of several words: its words after the first are joined to it. */
  for (const char *v = vtext; *v; v++)
    if (gesta__buf_putc(out, *v == ' ' ? '_' : *v)) return GESTA_ENOMEM;
  if (gesta__buf_append(out, star + 1, strlen(star + 1))) return GESTA_ENOMEM;
  return 0;
}

typedef struct vblock {
  verb verbs[64];
  int nverbs;
  char code[32]; /* the block's default code ("---" for none) */
  gvec pats;     /* vpat */
} vblock;

static void flush_block(tr *t, vblock *vb) {
  size_t keep = t->line;
  gbuf tmp = {0};
  /* The head of the block's patterns: its first verb of one word. */
  int head = -1;
  for (int i = 0; i < vb->nverbs && head < 0; i++)
    if (!strchr(vb->verbs[i].text, ' ')) head = i;
  if (head < 0 && vb->nverbs) head = 0;
  if (head >= 0) {
    const verb *h = &vb->verbs[head];
    /* The block's patterns are the head's, and those of each verb of several words ("- * FOR
     * CONSTRUCTION" under "+CORDON_OFF": "cordoned off for construction"; TABARI's form
     * "BROKEN_DOWN_" under "BREAK_"), as PETRARCH reads a block's patterns for every verb in it. */
    for (int i = 0; i < vb->nverbs; i++) {
      const verb *v = &vb->verbs[i];
      if (i != head && !strchr(v->text, ' ')) continue;
      for (size_t p = 0; p < vb->pats.len; p++) {
        vpat *vp = &GVEC_AT(&vb->pats, vpat, p);
        t->line = vp->line;
        if (place_verb(vp->text, v->text, &tmp) == 0) emit(t, "%s %s %s", vp->code, t->lang, tmp.data);
      }
    }
    for (int i = 0; i < vb->nverbs; i++) {
      const verb *v = &vb->verbs[i];
      t->line = v->line;
      const char *code = v->code[0] ? v->code : vb->code;
      int multi = strchr(v->text, ' ') != NULL;
      if (i == head || multi || v->code[0]) {
        char joined[128];
        size_t k = 0;
        for (; v->text[k] && k + 1 < sizeof joined; k++) joined[k] = v->text[k] == ' ' ? '_' : v->text[k];
        joined[k] = 0;
        if (code[0]) emit(t, "%s %s %s", code, t->lang, joined);
      }
      /* An alias may be a stem ("ACTUALITY" names "actualityss"); what it stands for is a
       * whole word. */
      if (i != head && !multi)
        emit(t, "= %s %s %.*s", t->lang, v->text, (int)strcspn(h->text, "~"), h->text);
      /* TABARI's regular verb endings are S, ED, ES, EN and ING; the stemmer knows all but EN
       * ("departen"). */
      if (t->format == GESTA_FORMAT_TABARI && !multi && !strchr(v->text, '~') && code[0])
        emit(t, "= %s %sen %.*s", t->lang, v->text, (int)strcspn(h->text, "~"), h->text);
    }
  } else if (vb->pats.len) {
    t->line = GVEC_AT(&vb->pats, vpat, 0).line;
    tr_warn(t, 1, "patterns before any verb: skipped");
  }
  for (size_t p = 0; p < vb->pats.len; p++) gesta__free(GVEC_AT(&vb->pats, vpat, p).text);
  vb->pats.len = 0;
  vb->nverbs = 0;
  gesta__buf_free(&tmp);
  t->line = keep;
}

static void add_verb(tr *t, vblock *vb, const char *s, size_t n, size_t col, const char *code) {
  gbuf tmp = {0};
  if (n && s[0] == '+') { /* PETRARCH 2's "+ASK_FOR": a verb of several words */
    s++;
    n--;
  }
  if (native_phrase(s, n, &tmp)) {
    t->rc = GESTA_ENOMEM;
    return;
  }
  /* "WIRE_+TAP": '+' marks the verb among the words, those before it standing right before it
   * (gesta's "wire_*tap"). */
  char *plus = tmp.len ? strstr(tmp.data, " +") : NULL;
  if (plus && plus[2] && !strchr(plus + 2, '+')) plus[1] = '*';
  if (!tmp.len || strchr("$+*&", tmp.data[0]) || strchr(tmp.data, '+')) {
    if (tmp.len) tr_warn(t, col, "'%s' is not a verb: skipped", tmp.data);
    gesta__buf_free(&tmp);
    return;
  }
  if (vb->nverbs == 64 || tmp.len >= sizeof vb->verbs[0].text) {
    tr_warn(t, col, "verb '%.40s' skipped (too many verbs in the block, or too long)", tmp.data);
  } else {
    verb *v = &vb->verbs[vb->nverbs++];
    memcpy(v->text, tmp.data, tmp.len + 1);
    /* A TABARI root not ended by '_' is a stem ("OPPOS" names "opposed"): gesta's "oppos~". */
    if (!strchr(v->text, ' ') && tmp.len + 1 < sizeof v->text && stem_word(t, s, n, ' '))
      memcpy(v->text + tmp.len, "~", 2);
    snprintf(v->code, sizeof v->code, "%s", code ? code : "");
    v->line = t->line;
  }
  gesta__buf_free(&tmp);
}

/* The verb forms of "{BROKE_ BROKEN_}" starting at s[open] (the '{'), up to '}' or n. */
static void add_forms(tr *t, vblock *vb, const char *s, size_t n, size_t open) {
  const char *cl = memchr(s + open, '}', n - open);
  size_t z = cl ? (size_t)(cl - s) : n;
  if (!cl) tr_warn(t, open + 1, "missing '}'");
  for (size_t p = open + 1; p < z;) {
    while (p < z && is_blank(s[p])) p++;
    size_t q = p;
    while (q < z && !is_blank(s[q])) q++;
    if (q > p) add_verb(t, vb, s + p, q - p, p + 1, NULL);
    p = q;
  }
}

static void translate_verbs(tr *t, cursor *c) {
  vblock vb;
  memset(&vb, 0, sizeof vb);
  gesta__vec_init(&vb.pats, sizeof(vpat));
  gbuf conv = {0};
  const char *s;
  size_t n;
  int in_synset = 0, skip_section = 0, petrarch_block = 0, in_time = 0;
  while (t->rc == 0 && next_line(t, c, &s, &n)) {
    size_t i = 0;
    while (i < n && is_blank(s[i])) i++;
    char code[32];
    size_t end;
    if (s[i] == '<') {
      /* <SYNSETS> (read in the first pass), <TIME> (time shifts, not applied). */
      skip_section = section_tag(s + i, n - i, skip_section);
      in_time = n - i >= 6 && memcmp(s + i, "<TIME>", 6) == 0;
      in_synset = 0;
      continue;
    }
    if (skip_section) {
      /* In <TIME>, "KAN_WA_MA_KAN [###]": a phrase whose sentences are not coded. */
      const char *lb = in_time && s[i] != '-' ? memchr(s + i, '[', n - i) : NULL;
      if (lb && n - (size_t)(lb - s) >= 5 &&
          (memcmp(lb, "[###]", 5) == 0 || memcmp(lb, "[+++]", 5) == 0) &&
          native_phrase(s + i, (size_t)(lb - s) - i, &conv) == 0 && conv.len)
        add_discards(t, conv.data); /* other codes there shift dates: not applied */
      continue;
    }
    if (s[i] == '&') {
      in_synset = 1;
      continue;
    }
    if (s[i] == '+' && in_synset) continue;
    in_synset = 0;
    if (n - i >= 3 && memcmp(s + i, "---", 3) == 0 && !(n - i > 3 && s[i + 3] == ']')) {
      /* PETRARCH: "--- NAME [CODE] ---" opens a block of verbs. */
      flush_block(t, &vb);
      petrarch_block = 1;
      size_t z = n;
      while (z > i && (s[z - 1] == '-' || is_blank(s[z - 1]))) z--;
      int k = verb_code(t, s, z, code, sizeof code, &end);
      snprintf(vb.code, sizeof vb.code, "%s", k == 1 ? code : "---");
      continue;
    }
    if (s[i] == '-') {
      int k = verb_code(t, s, n, code, sizeof code, &end);
      if (k < 0) continue;
      if (k == 0) {
        tr_warn(t, i + 1, "pattern without a code: skipped");
        continue;
      }
      size_t a = i + 1;
      if (convert_pattern(t, s + a, end - a, a, &conv)) continue;
      size_t stars = 0;
      for (size_t q = 0; q < conv.len; q++) stars += conv.data[q] == '*';
      if (stars != 1) {
        tr_warn(t, i + 1, stars ? "more than one verb marker '*': pattern skipped"
                                : "missing verb marker '*': pattern skipped");
        continue;
      }
      vpat *vp = gesta__vec_push(&vb.pats);
      if (!vp || !(vp->text = gesta__strndup(conv.data, conv.len))) {
        t->rc = GESTA_ENOMEM;
        break;
      }
      snprintf(vp->code, sizeof vp->code, "%s", code);
      vp->line = t->line;
      continue;
    }
    if (s[i] == '{') {
      /* TABARI's irregular forms of the verb above: "{BROKE_ BROKEN_}". */
      add_forms(t, &vb, s, n, i);
      continue;
    }
    /* A verb: TABARI "VERB [CODE]" opens a block; in a PETRARCH block each verb line adds one. */
    int k = verb_code(t, s, n, code, sizeof code, &end);
    if (k < 0) continue;
    size_t vs = i + (s[i] == '+');
    /* "MEET {MEETS MET MEETING}": the verb's forms, inline (PETRARCH 2). */
    const char *brace = memchr(s + vs, '{', end - vs);
    size_t vend = brace ? (size_t)(brace - s) : end;
    if (brace) {
      if (!petrarch_block) {
        flush_block(t, &vb);
        snprintf(vb.code, sizeof vb.code, "%s", k == 1 ? code : "---");
      }
      add_verb(t, &vb, s + vs, trim_end(s + vs, vend - vs), vs + 1, petrarch_block && k == 1 ? code : NULL);
      add_forms(t, &vb, s, end, vend);
      continue;
    }
    if (!petrarch_block) {
      flush_block(t, &vb);
      snprintf(vb.code, sizeof vb.code, "%s", k == 1 ? code : "---");
      add_verb(t, &vb, s + vs, trim_end(s + vs, end - vs), vs + 1, NULL);
    } else {
      add_verb(t, &vb, s + vs, trim_end(s + vs, end - vs), vs + 1, k == 1 ? code : NULL);
    }
  }
  flush_block(t, &vb);
  gesta__vec_free(&vb.pats);
  gesta__buf_free(&conv);
}

/* Tells the language of a verbs file from its words, when not given: Spanish when its patterns
 * use more Spanish function words than English ones. */
static const char *guess_lang(const char *text, size_t len) {
  static const char *const es[] = {" DE ", " LA ", " EL ", " LOS ", " CON ", " POR ", " PARA ", " UNA "};
  static const char *const en[] = {" THE ", " OF ", " TO ", " WITH ", " FOR ", " AND ", " ON ", " AN "};
  long score = 0;
  for (size_t i = 0; i + 6 < len; i++) {
    /* Only a blank followed by a capital letter can start one of the words. */
    if (text[i] != ' ' || text[i + 1] < 'A' || text[i + 1] > 'W') continue;
    for (size_t k = 0; k < 8; k++) {
      size_t le = strlen(es[k]), ln = strlen(en[k]);
      if (text[i + 1] == es[k][1] && i + le <= len && memcmp(text + i, es[k], le) == 0) score++;
      if (text[i + 1] == en[k][1] && i + ln <= len && memcmp(text + i, en[k], ln) == 0) score--;
    }
  }
  return score > 0 ? "es" : "en";
}

/* The comma-clause ranges before an option changes one of them: TABARI's defaults. */
static void comma_defaults(lex_options *o) {
  o->comma = 1;
  o->comma_b[0] = 128, o->comma_b[1] = 0;
  o->comma_m[0] = 2, o->comma_m[1] = 10;
  o->comma_e[0] = 2, o->comma_e[1] = 10;
}

/* ---- entry points --------------------------------------------------------------------------- */

static int foreign_args_ok(gesta_dict_format format, gesta_dict_kind kind) {
  return (format == GESTA_FORMAT_NATIVE || format == GESTA_FORMAT_TABARI ||
          format == GESTA_FORMAT_PETRARCH) &&
         (kind == GESTA_DICT_ACTORS || kind == GESTA_DICT_AGENTS || kind == GESTA_DICT_VERBS ||
          kind == GESTA_DICT_DISCARDS);
}

static int translate(gesta_dict_builder *b, gesta_dict_format format, gesta_dict_kind kind,
                     const char *path, const char *data, size_t len, const char *lang);

int gesta_dict_builder_add_foreign(gesta_dict_builder *b, gesta_dict_format format,
                                   gesta_dict_kind kind, const char *path, const char *lang) {
  if (!b || !path || !foreign_args_ok(format, kind)) return GESTA_EINVAL;
  if (format == GESTA_FORMAT_NATIVE) return gesta_dict_builder_add_file(b, kind, path);
  gbuf raw = {0};
  int rc = gesta__dict_read_file(b, path, &raw);
  if (!rc) rc = translate(b, format, kind, path, raw.data ? raw.data : "", raw.len, lang);
  gesta__buf_free(&raw);
  return rc;
}

int gesta_dict_builder_add_foreign_text(gesta_dict_builder *b, gesta_dict_format format,
                                        gesta_dict_kind kind, const char *name, const char *text,
                                        size_t len, const char *lang) {
  if (!b || !name || (!text && len) || !foreign_args_ok(format, kind)) return GESTA_EINVAL;
  if (format == GESTA_FORMAT_NATIVE) return gesta_dict_builder_add_text(b, kind, name, text, len);
  return translate(b, format, kind, name, text ? text : "", len, lang);
}

static int translate(gesta_dict_builder *b, gesta_dict_format format, gesta_dict_kind kind,
                     const char *path, const char *data, size_t len, const char *lang) {
  gbuf text = {0};
  int rc = 0;
  tr t;
  memset(&t, 0, sizeof t);
  t.b = b;
  t.path = path;
  t.format = (int)format;
  gesta__vec_init(&t.lines, sizeof(uint32_t));
  gesta__vec_init(&t.disc_lines, sizeof(uint32_t));
  gesta__vec_init(&t.syn_names, sizeof(char *));
  gesta__vec_init(&t.syn_members, sizeof(char *));
  if (!rc && gesta__hmap_init(&t.seen, 1024)) rc = GESTA_ENOMEM;
  if (!rc) rc = repair(&t, data, len, &text);
  if (!rc) {
    t.lang = lang ? lang : guess_lang(text.data ? text.data : "", text.len);
    cursor c = {text.data ? text.data : "", text.len, 0, 0, 0};
    switch (kind) {
    case GESTA_DICT_ACTORS: translate_actors(&t, &c); break;
    case GESTA_DICT_AGENTS: translate_agents(&t, &c); break;
    case GESTA_DICT_DISCARDS: translate_discards(&t, &c); break;
    default:
      if (load_cameo_set(&t)) {
        t.rc = GESTA_ENOMEM;
        break;
      }
      t.cameo_scheme = cameo_scheme(&t, c.text, c.len);
      read_synsets(&t, &c);
      c.pos = 0;
      c.lineno = 0;
      c.in_xml_comment = 0;
      translate_verbs(&t, &c);
      break;
    }
    rc = t.rc;
  }
  /* TABARI and PETRARCH code an event only when both its actors are found (PETRARCH's
   * require_dyad, on by default; a later option may turn it off). */
  if (!rc && kind == GESTA_DICT_VERBS) {
    lex_options *o = gesta__dict_options(b);
    o->literal = 1;
    if (!o->code_by_set) o->code_by = CODE_BY_CLAUSE;
    if (!o->comma_set) comma_defaults(o); /* TABARI's defaults (manual, section 8.6) */
  }
  if (!rc && format == GESTA_FORMAT_PETRARCH) {
    gesta__dict_options(b)->discard_actors_shown = 1;
    gesta__dict_options(b)->petrarch = 1;
  }
  if (!rc && kind == GESTA_DICT_VERBS && format == GESTA_FORMAT_TABARI) {
    lex_options *o = gesta__dict_options(b);
    o->first_actor = 1;
    /* TABARI's default: a role word with no actor is no actor (SET: CONVERT AGENT = FALSE). */
    if (!o->convert_set) o->no_bare_agents = 1;
    /* TABARI codes no sentence of fewer than 8 words (manual, section 4.3). */
    if (!o->min_words_set) o->min_words = 8;
  }
  if (!rc && kind == GESTA_DICT_VERBS && !gesta__dict_options(b)->require_dyad_set)
    gesta__dict_options(b)->require_dyad = 1;
  if (!rc)
    rc = gesta__dict_add_translated(b, kind, path, t.out.data ? t.out.data : "", t.out.len,
                                    (const uint32_t *)t.lines.data, t.lines.len);
  if (!rc && t.disc.len)
    rc = gesta__dict_add_translated(b, GESTA_DICT_DISCARDS, path, t.disc.data, t.disc.len,
                                    (const uint32_t *)t.disc_lines.data, t.disc_lines.len);
  if (rc == GESTA_ENOMEM) gesta__dict_set_error(b, "out of memory while reading dictionaries");
  for (size_t i = 0; i < t.syn_names.len; i++) {
    gesta__free(GVEC_AT(&t.syn_names, char *, i));
    gesta__free(GVEC_AT(&t.syn_members, char *, i));
  }
  gesta__vec_free(&t.syn_names);
  gesta__vec_free(&t.syn_members);
  gesta__vec_free(&t.lines);
  gesta__vec_free(&t.disc_lines);
  gesta__buf_free(&t.disc);
  gesta__hmap_free(&t.seen);
  gesta__hmap_free(&t.cameo_set);
  gesta__buf_free(&t.out);
  gesta__buf_free(&text);
  return rc;
}

/* The next line of a file read whole (project and options files), without its end. */
static int next_raw_line(const gbuf *raw, size_t *pos, const char **s, size_t *n) {
  if (*pos >= raw->len) return 0;
  *s = raw->data + *pos;
  const char *nl = memchr(*s, '\n', raw->len - *pos);
  *n = nl ? (size_t)(nl - *s) : raw->len - *pos;
  *pos += *n + (nl ? 1 : 0);
  return 1;
}

/* A TABARI .project file: "<actorsfile> NAME" (repeatable), "<verbsfile>", "<agentsfile>",
 * "<optionsfile>"; names are relative to the project's folder. Other records (text, event and
 * error files, sessions, coder) concern TABARI's own runs and are ignored. */
int gesta_dict_builder_add_project(gesta_dict_builder *b, const char *path, const char *lang) {
  if (!b || !path) return GESTA_EINVAL;
  gbuf raw = {0};
  int rc = gesta__dict_read_file(b, path, &raw);
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  size_t pos = 0, lineno = 0, n;
  int files = 0;
  const char *s;
  while (!rc && next_raw_line(&raw, &pos, &s, &n)) {
    lineno++;
    n = trim_end(s, n);
    static const struct {
      const char *tag;
      int kind;
    } tags[] = {{"<actorsfile>", GESTA_DICT_ACTORS},
                {"<verbsfile>", GESTA_DICT_VERBS},
                {"<agentsfile>", GESTA_DICT_AGENTS},
                {"<optionsfile>", 0}};
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
      size_t tl = strlen(tags[k].tag);
      if (n < tl || memcmp(s, tags[k].tag, tl) != 0) continue;
      size_t a = tl;
      while (a < n && is_blank(s[a])) a++;
      if (a == n) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s:%zu:%zu: %s names no file", path, lineno, tl + 1, tags[k].tag);
        gesta__dict_set_error(b, msg);
        rc = GESTA_EDICT;
        break;
      }
      /* A relative name is the project file's folder's; an absolute one stands as it is. */
      char file[1024];
      size_t dl = s[a] == '/' ? 0 : dirlen;
      if (dl + (n - a) >= sizeof file) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s:%zu:%zu: file name too long", path, lineno, a + 1);
        gesta__dict_set_error(b, msg);
        rc = GESTA_EDICT;
        break;
      }
      snprintf(file, sizeof file, "%.*s%.*s", (int)dl, path, (int)(n - a), s + a);
      if (tags[k].kind)
        rc = gesta_dict_builder_add_foreign(b, GESTA_FORMAT_TABARI, (gesta_dict_kind)tags[k].kind, file, lang);
      else
        rc = gesta_dict_builder_add_options(b, GESTA_FORMAT_TABARI, file);
      files++;
    }
  }
  if (!rc && !files) {
    char msg[600];
    snprintf(msg, sizeof msg, "%s: names no dictionary files (<actorsfile>, <verbsfile>...)", path);
    gesta__dict_set_error(b, msg);
    rc = GESTA_EDICT;
  }
  gesta__buf_free(&raw);
  return rc;
}

/* ---- options -------------------------------------------------------------------------------- */

static int word_eq(const char *s, size_t n, const char *w) {
  size_t wl = strlen(w);
  if (n != wl) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') c = (char)(c - 32);
    if (c != w[i]) return 0;
  }
  return 1;
}

/* Splits "KEY = VALUE" (case and blanks ignored in KEY: "MINIMUM  WORDS" is "MINIMUMWORDS"). */
static int key_value(const char *s, size_t n, char *key, size_t kcap, const char **val, size_t *vn) {
  const char *eq = memchr(s, '=', n);
  if (!eq) return -1;
  size_t k = 0;
  for (const char *p = s; p < eq; p++) {
    if (is_blank(*p) || *p == '_') continue;
    if (k + 1 >= kcap) return -1;
    key[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
  }
  key[k] = 0;
  const char *v = eq + 1, *end = s + n;
  while (v < end && is_blank(*v)) v++;
  while (end > v && (is_blank(end[-1]) || end[-1] == '\r')) end--;
  *val = v;
  *vn = (size_t)(end - v);
  return 0;
}

static int option_number(const char *v, size_t n, long *out) {
  char num[16];
  if (n == 0 || n >= sizeof num) return -1;
  memcpy(num, v, n);
  num[n] = 0;
  char *end;
  *out = strtol(num, &end, 10);
  return *end || *out < 0 || *out > 1000 ? -1 : 0;
}

/* TABARI's "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 128 BMAX = 0" or "COMMA: OFF". */
static int comma_option(gesta_dict_builder *b, lex_options *o, const char *s, size_t n) {
  comma_defaults(o);
  o->comma_set = 1;
  size_t i = 0;
  while (i < n && is_blank(s[i])) i++;
  if (n - i >= 3 && word_eq(s + i, 3, "OFF")) {
    o->comma = 0;
    return GESTA_OK;
  }
  while (i < n) {
    while (i < n && (is_blank(s[i]) || s[i] == '}')) i++;
    size_t k = i;
    while (k < n && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z'))) k++;
    size_t e = k;
    while (e < n && (is_blank(s[e]) || s[e] == '=')) e++;
    size_t v = e;
    while (v < n && s[v] >= '0' && s[v] <= '9') v++;
    long num;
    if (k == i || v == e || option_number(s + e, v - e, &num)) break;
    static const char *const names[] = {"BMIN", "BMAX", "MIN", "MAX", "EMIN", "EMAX"};
    int found = 0;
    for (int q = 0; q < 6; q++)
      if (word_eq(s + i, k - i, names[q])) {
        uint16_t *r = q < 2 ? o->comma_b : q < 4 ? o->comma_m : o->comma_e;
        r[q % 2] = (uint16_t)num;
        found = 1;
      }
    if (!found) break;
    i = v;
  }
  while (i < n && (is_blank(s[i]) || s[i] == '}')) i++;
  if (i < n) {
    char msg[600];
    snprintf(msg, sizeof msg, "option 'COMMA:%.400s' not understood at '%.40s'", s, s + i);
    if (gesta__dict_warning(b, msg)) return GESTA_ENOMEM;
  }
  return GESTA_OK;
}

/* TABARI's "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN": when a sentence counts as too complex
 * to code (match.c). Conditions gesta does not check (PRONOUNS, COMMA, LATEVERB, NOACTAFTER,
 * NOSOURCE, NOTARGET, NOEVENT) and output settings (EXPLAIN, NOSAVE) are accepted. */
static int complex_option(gesta_dict_builder *b, lex_options *o, const char *s, size_t n) {
  o->complex_verbs = o->complex_conj = o->complex_actors = 0;
  o->complex_noactprior = o->complex_noverb = 0;
  size_t i = 0;
  while (i < n) {
    while (i < n && (is_blank(s[i]) || s[i] == '}')) i++;
    size_t k = i;
    while (k < n && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z'))) k++;
    if (k == i) break;
    long num = 0;
    size_t e = k;
    if (e < n && s[e] == '[') {
      const char *cl = memchr(s + e, ']', n - e);
      if (!cl || option_number(s + e + 1, (size_t)(cl - s) - e - 1, &num)) goto bad;
      e = (size_t)(cl - s) + 1;
    }
    if (word_eq(s + i, k - i, "VERBS")) o->complex_verbs = (uint16_t)num;
    else if (word_eq(s + i, k - i, "CONJ")) o->complex_conj = (uint16_t)num;
    else if (word_eq(s + i, k - i, "ACTORS")) o->complex_actors = (uint16_t)num;
    else if (word_eq(s + i, k - i, "NOACTPRIOR")) o->complex_noactprior = 1;
    else if (word_eq(s + i, k - i, "NOVERB")) o->complex_noverb = 1;
    i = e;
  }
  return GESTA_OK;
bad : {
  char msg[600];
  snprintf(msg, sizeof msg, "option 'COMPLEX:%.400s' not understood: ignored", s);
  return gesta__dict_warning(b, msg) ? GESTA_ENOMEM : GESTA_OK;
}
}

/* TABARI's "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER" or "DEFAULT: OFF": codes for
 * a missing source or target (roles.c). */
static int default_option(gesta_dict_builder *b, lex_options *o, const char *s, size_t n) {
  o->default_source[0] = o->default_target[0] = 0;
  o->default_target_after = o->default_source_prior = 0;
  size_t i = 0;
  while (i < n && is_blank(s[i])) i++;
  if (n - i >= 3 && word_eq(s + i, 3, "OFF")) return GESTA_OK;
  char *slot = NULL;
  while (i < n) {
    while (i < n && (is_blank(s[i]) || s[i] == ':' || s[i] == '}')) i++;
    if (i >= n) break;
    if (s[i] == '[') {
      const char *close = memchr(s + i, ']', n - i);
      size_t a = i + 1, z = close ? (size_t)(close - s) : n;
      while (a < z && is_blank(s[a])) a++;
      while (z > a && is_blank(s[z - 1])) z--;
      if (!slot || !close || z == a || z - a >= 32) goto bad;
      memcpy(slot, s + a, z - a);
      slot[z - a] = 0;
      i = (size_t)(close - s) + 1;
      continue;
    }
    size_t k = i;
    while (k < n && !is_blank(s[k]) && s[k] != ':' && s[k] != '[') k++;
    if (word_eq(s + i, k - i, "SOURCE")) slot = o->default_source;
    else if (word_eq(s + i, k - i, "TARGET")) slot = o->default_target;
    else if (word_eq(s + i, k - i, "AFTER")) o->default_target_after = 1;
    else if (word_eq(s + i, k - i, "PRIOR")) o->default_source_prior = 1;
    else goto bad;
    i = k;
  }
  return GESTA_OK;
bad : {
  char msg[600];
  snprintf(msg, sizeof msg, "option 'DEFAULT:%.400s' not understood: ignored", s);
  o->default_source[0] = o->default_target[0] = 0;
  return gesta__dict_warning(b, msg) ? GESTA_ENOMEM : GESTA_OK;
}
}

static int truth(const char *v, size_t n) { return word_eq(v, n, "TRUE") || word_eq(v, n, "YES") || word_eq(v, n, "1"); }

int gesta_dict_builder_add_option(gesta_dict_builder *b, gesta_dict_format format, const char *line) {
  if (!b || !line) return GESTA_EINVAL;
  lex_options *o = gesta__dict_options(b);
  size_t n = strlen(line);
  while (n && is_blank(*line)) line++, n--;
  n = trim_end(line, n);
  if (n == 0) return GESTA_OK;
  char key[64];
  const char *val;
  size_t vn;
  if (format == GESTA_FORMAT_TABARI) {
    /* "SET: MINIMUM WORDS = 4", "SET: CONVERT AGENT = TRUE"; the other commands (COMPLEX:,
     * LABEL:, OUTPUT:, FORWARD:, COMMA:, DEFAULT:, ...) concern TABARI's own output and sparse
     * parser and are accepted without effect. */
    const char *colon = memchr(line, ':', n);
    if (!colon) goto bad;
    size_t cw = (size_t)(colon - line);
    if (word_eq(line, cw, "COMMA")) return comma_option(b, o, colon + 1, n - cw - 1);
    if (word_eq(line, cw, "DEFAULT")) return default_option(b, o, colon + 1, n - cw - 1);
    if (word_eq(line, cw, "COMPLEX")) return complex_option(b, o, colon + 1, n - cw - 1);
    if (word_eq(line, cw, "FORWARD")) {
      /* "FORWARD: ^^*****NNN*SSS [DOC]" or "... OFF": the format tells TABARI which records are
       * consecutive sentences of a story; gesta's documents are stories already. */
      o->forward = 1;
      for (const char *p = colon + 1; p + 3 <= line + n; p++)
        if (word_eq(p, 3, "OFF") && (p + 3 == line + n || is_blank(p[3])) && is_blank(p[-1]))
          o->forward = 0;
      return GESTA_OK;
    }
    if (!word_eq(line, cw, "SET")) return GESTA_OK;
    /* "SET: CODE BY CLAUSE" (the default), "SET: CODE BY SENTENCE", "SET: CODE ALL". */
    char flat[64];
    size_t fl = 0;
    for (const char *p = colon + 1; p < line + n && fl + 1 < sizeof flat; p++)
      if (!is_blank(*p)) flat[fl++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    flat[fl] = 0;
    if (strcmp(flat, "CODEBYCLAUSE") == 0 || strcmp(flat, "CODEBYSENTENCE") == 0 ||
        strcmp(flat, "CODEALL") == 0) {
      o->code_by = flat[4] == 'A' ? CODE_ALL : flat[6] == 'S' ? CODE_BY_SENTENCE : CODE_BY_CLAUSE;
      o->code_by_set = 1;
      return GESTA_OK;
    }
    if (key_value(colon + 1, n - cw - 1, key, sizeof key, &val, &vn)) return GESTA_OK;
    if (strcmp(key, "MINIMUMWORDS") == 0) {
      long v;
      if (option_number(val, vn, &v)) goto bad;
      o->min_words = (uint16_t)v;
      o->min_words_set = 1;
    } else if (strcmp(key, "CONVERTAGENT") == 0 || strcmp(key, "CONVERTAGENTS") == 0) {
      o->no_bare_agents = (uint8_t)!truth(val, vn);
      o->convert_set = 1;
    }
    return GESTA_OK;
  }
  if (format == GESTA_FORMAT_PETRARCH) {
    if (line[0] == '[' || line[0] == '#' || line[0] == ';') return GESTA_OK; /* ini sections */
    if (key_value(line, n, key, sizeof key, &val, &vn)) goto bad;
    static const char *const ck[] = {"COMMABMIN", "COMMABMAX", "COMMAMIN", "COMMAMAX", "COMMAEMIN", "COMMAEMAX"};
    for (int k = 0; k < 6; k++)
      if (strcmp(key, ck[k]) == 0) {
        long v;
        if (option_number(val, vn, &v)) goto bad;
        if (!o->comma_set) comma_defaults(o);
        o->comma_set = 1;
        uint16_t *r = k < 2 ? o->comma_b : k < 4 ? o->comma_m : o->comma_e;
        r[k % 2] = (uint16_t)v;
        return GESTA_OK;
      }
    if (strcmp(key, "REQUIREDYAD") == 0) {
      o->require_dyad = (uint8_t)truth(val, vn);
      o->require_dyad_set = 1;
    }
    return GESTA_OK;
  }
  return GESTA_EINVAL;
bad : {
  char msg[600];
  snprintf(msg, sizeof msg, "option '%.400s' not understood: ignored", line);
  if (gesta__dict_warning(b, msg)) return GESTA_ENOMEM;
  return GESTA_OK;
}
}

int gesta_dict_builder_add_options(gesta_dict_builder *b, gesta_dict_format format, const char *path) {
  if (!b || !path) return GESTA_EINVAL;
  gbuf raw = {0};
  int rc = gesta__dict_read_file(b, path, &raw);
  size_t pos = 0, n;
  const char *s;
  while (!rc && next_raw_line(&raw, &pos, &s, &n)) {
    size_t i = 0;
    while (i < n && is_blank(s[i])) i++;
    if (i == n || s[i] == '#' || s[i] == '~' || (n - i >= 2 && s[i] == '/' && s[i + 1] == '/'))
      continue; /* comments, and TABARI's "~~~~" rules and "~FINISH" */
    char line[1024];
    size_t len = trim_end(s + i, n - i);
    if (len >= sizeof line) len = sizeof line - 1;
    memcpy(line, s + i, len);
    line[len] = 0;
    if (format == GESTA_FORMAT_PETRARCH) { /* an ini value may continue on indented lines: no */
      char *hash = strchr(line, '#');
      if (hash) *hash = 0;
    }
    rc = gesta_dict_builder_add_option(b, format, line);
  }
  gesta__buf_free(&raw);
  return rc;
}
