/*
 * Segmentation: the document into paragraphs (lines, with hard-wrapped lines joined), page
 * furniture trimmed from each paragraph (photo credits, bylines, video titles, agency credits,
 * datelines), and paragraphs into sentences. Abbreviations never reach this stage as separate
 * periods: the tokeniser keeps them inside their word. Language is decided elsewhere (langid.c).
 */
#include "pipeline.h"

static int is_lower_start(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  if (n == 0) return 0;
  if (c >= 'a' && c <= 'z') return 1;
  if (c < 0x80) return 0;
  /* Non-ASCII lowercase letters (é, ñ...). */
  return (c == 0xC3 && n > 1 && (unsigned char)s[1] >= 0xA0);
}

int gesta__split_paragraphs(const char *buf, size_t start, size_t end, uint32_t first_line,
                            gvec *paras) {
  size_t i = start;
  uint32_t line = first_line;
  paragraph *cur = NULL;
  size_t prev_end = 0;
  const char *nl = NULL; /* the next LF at or after i once nl_known (NULL: none) */
  int nl_known = 0;
  while (i < end) {
    size_t s = i, e;
    /* LF, CRLF and a lone CR all end a line. memchr finds each much faster than a loop; the
     * next LF is kept until passed, so text with lone CRs is not searched again per line. */
    if (!nl_known || (nl && nl < buf + i)) {
      nl = memchr(buf + i, '\n', end - i);
      nl_known = 1;
    }
    const char *cr = memchr(buf + i, '\r', (nl ? (size_t)(nl - buf) : end) - i);
    e = cr ? (size_t)(cr - buf) : nl ? (size_t)(nl - buf) : end;
    i = e < end ? e + 1 : e;
    if (e < end && buf[e] == '\r' && i < end && buf[i] == '\n') i++;
    size_t ts = s, te = e;
    while (ts < te && (buf[ts] == ' ' || buf[ts] == '\t' || buf[ts] == '\r')) ts++;
    while (te > ts && (buf[te - 1] == ' ' || buf[te - 1] == '\t' || buf[te - 1] == '\r')) te--;
    uint32_t this_line = line++;
    if (ts == te) {
      cur = NULL;
      continue;
    }
    /* A line that stops mid-sentence continues on the next line when that one starts lowercase. */
    if (cur && prev_end > cur->start) {
      unsigned char last = (unsigned char)buf[prev_end - 1];
      int open_end = (last >= 'a' && last <= 'z') || last == ',' || last >= 0x80;
      if (open_end && is_lower_start(buf + ts, te - ts)) {
        cur->end = (uint32_t)te;
        prev_end = te;
        continue;
      }
    }
    cur = gesta__vec_push(paras);
    if (!cur) return GESTA_ENOMEM;
    cur->start = (uint32_t)ts;
    cur->end = (uint32_t)te;
    cur->line = this_line;
    prev_end = te;
  }
  return 0;
}

static int tok_is(const token *t, const char *s) {
  size_t n = strlen(s);
  return t->norm_len == n && memcmp(t->norm, s, n) == 0;
}

static int in_cls(const gesta_dict *d, const token *t, int cls) {
  return gesta__lex_word_in_class(d, t->hash, -1, cls);
}

/* A run of tokens that reads like a credit: capitalised names, agency names and separators. */
static int credit_run(const gesta_dict *d, const token *tok, uint32_t a, uint32_t b, int *has_mark) {
  *has_mark = 0;
  for (uint32_t i = a; i < b; i++) {
    const token *t = &tok[i];
    if (in_cls(d, t, CLS_AGENCY)) {
      *has_mark = 1;
      continue;
    }
    if (tok_is(t, "/") || tok_is(t, "|")) {
      *has_mark = 1;
      continue;
    }
    if (t->flags & TF_WORD) {
      if (t->flags & (TF_CAP | TF_UPPER)) continue;
      if (in_cls(d, t, CLS_BYLINE) || in_cls(d, t, CLS_FURNITURE)) continue; /* "by", "de" */
      if (tok_is(t, "de") || tok_is(t, "del") || tok_is(t, "y") || tok_is(t, "and")) continue;
      return 0;
    }
    if (tok_is(t, ",") || tok_is(t, "-") || tok_is(t, ":") || (t->flags & (TF_OPEN | TF_CLOSE)) ||
        tok_is(t, "."))
      continue;
    return 0;
  }
  return 1;
}

static int is_duration(const token *t) {
  if (!(t->flags & TF_NUM)) return 0;
  int colon = 0;
  for (uint32_t i = 0; i < t->norm_len; i++) {
    char c = t->norm[i];
    if (c == ':') colon++;
    else if (c < '0' || c > '9') return 0;
  }
  return colon >= 1;
}

int gesta__furniture(const gesta_dict *d, const char *buf, const token *tok, uint32_t *pa,
                     uint32_t *pb, uint32_t *dateline) {
  GESTA_UNUSED(buf);
  uint32_t a = *pa, b = *pb;
  *dateline = 0;
  if (a >= b) return 0;
  uint32_t n = b - a;
  /* "Foto: ...", "Video: ...", "Photo by ...". */
  if (in_cls(d, &tok[a], CLS_FURNITURE) && n >= 2) {
    const token *nx = &tok[a + 1];
    if (tok_is(nx, ":") || tok_is(nx, "|") || tok_is(nx, "/") || in_cls(d, nx, CLS_BYLINE) ||
        n <= 3)
      return 0;
  }
  /* A byline: "Por María López", "By Jane Doe, Reuters". */
  if (in_cls(d, &tok[a], CLS_BYLINE) && n <= 12 && n >= 2 && (tok[a].flags & TF_CAP)) {
    int mark;
    if (credit_run(d, tok, a + 1, b, &mark)) return 0;
  }
  /* A line of credits only: "EFE/Juan Pérez", "Getty Images", "(Reuters)". */
  if (n <= 8) {
    int mark;
    if (credit_run(d, tok, a, b, &mark) && mark) return 0;
  }
  /* A video title with its running time and no sentence punctuation. */
  if (is_duration(&tok[b - 1])) {
    int term = 0;
    for (uint32_t i = a; i < b; i++)
      if (tok[i].flags & TF_TERM) term = 1;
    if (!term || n <= 12) return 0;
  }
  /* A credit in brackets at the end: "(Photo by John Smith / AFP)", "(Foto: EFE)". */
  if (tok[b - 1].flags & TF_CLOSE) {
    uint32_t o = b - 1;
    while (o > a && !(tok[o].flags & TF_OPEN)) o--;
    if ((tok[o].flags & TF_OPEN) && b - o <= 14 && o > a) {
      int mark;
      int labelled = in_cls(d, &tok[o + 1], CLS_FURNITURE);
      if (labelled || (credit_run(d, tok, o + 1, b - 1, &mark) && mark)) {
        b = o;
      }
    }
  }
  /* Credits glued after the last sentence: "... in Brussels. EFE/Juan Pérez". */
  {
    uint32_t t = b;
    while (t > a && !(tok[t - 1].flags & TF_TERM)) t--;
    if (t > a && t < b && b - t <= 8) {
      int mark;
      if (credit_run(d, tok, t, b, &mark) && mark) b = t;
    }
  }
  /* A dateline: "BRUSELAS, 3 mar (EFE) -", "GENEVA, March 3 (Reuters) -", and in capitalised
   * words only with an agency in brackets before the dash: "Medellín, 3 mar (EFE).-". */
  if ((tok[a].flags & TF_CAP) && !(tok[a].flags & TF_UPPER) && tok[a].norm_len >= 3) {
    for (uint32_t i = a + 1; i < b && i < a + 14; i++) {
      if (!(tok[i].flags & TF_DASH)) continue;
      uint32_t c = i - 1;
      if (tok_is(&tok[c], ".") && c > a) c--;
      if (!(tok[c].flags & TF_CLOSE)) break;
      uint32_t o = c;
      while (o > a && !(tok[o].flags & TF_OPEN)) o--;
      if (o > a && c - o >= 2 && c - o <= 4) {
        *dateline = i;
        a = i + 1;
      }
      break;
    }
  } else if ((tok[a].flags & TF_UPPER) &&
             (tok[a].norm_len >= 3 || (a + 1 < b && (tok[a + 1].flags & TF_UPPER) &&
                                       (tok[a + 1].flags & TF_WORD)))) { /* "LA PAZ" */
    for (uint32_t i = a + 1; i < b && i < a + 14; i++) {
      if (!(tok[i].flags & TF_DASH)) continue;
      const token *pv = &tok[i - 1];
      /* A hyphen inside a word ("MERCEDES-BENZ", "EEUU-IRAK") is no dateline's dash. */
      if (i + 1 < b && (pv->flags & TF_WORD) && (tok[i + 1].flags & TF_WORD) &&
          pv->end == tok[i].start && tok[i].end == tok[i + 1].start)
        continue;
      if ((pv->flags & TF_CLOSE) || (pv->flags & TF_NUM) || (pv->flags & TF_UPPER) ||
          tok_is(pv, ".")) {
        *dateline = i;
        a = i + 1;
      }
      break;
    }
  }
  while (b > a && (tok_is(&tok[b - 1], "-") || tok_is(&tok[b - 1], "|"))) b--;
  *pa = a;
  *pb = b;
  return a < b;
}

const char *gesta__dateline_country(const gesta_dict *d, const token *tok, uint32_t a,
                                    uint32_t dash, int32_t day) {
  uint32_t k = a;
  /* Capitalised words, hyphens inside a name too ("PORT-AU-PRINCE"). */
  while (k < dash && (((tok[k].flags & TF_WORD) && (tok[k].flags & (TF_UPPER | TF_CAP))) ||
                      ((tok[k].flags & TF_DASH) && k > a && k + 1 < dash &&
                       tok[k - 1].end == tok[k].start && tok[k].end == tok[k + 1].start)))
    k++;
  if (k == a) return NULL;
  const char *country = NULL;
  for (int l = 0; l < d->nlangs; l++) {
    const char *codes[8];
    uint32_t end = 0;
    size_t n = gesta__lex_place(d, tok, a, k, l, day, 1, codes, 8, &end);
    /* All of it a name ("MEXICO CITY", though "MEXICO" alone names the country in Spanish)... */
    if (!n || end != k) continue;
    /* ... of one country: "SAN JOSÉ" and "CÓRDOBA" (several) locate nothing. */
    if (n > 1 || (country && strncmp(country, codes[0], 3) != 0)) return NULL;
    country = codes[0];
  }
  return country;
}

static int starts_sentence(const gesta_dict *d, const token *t) {
  if (t->flags & (TF_CAP | TF_NUM | TF_OPEN | TF_DASH)) return 1;
  if (t->flags & TF_UPPER) return 1;
  if (tok_is(t, "\"") || tok_is(t, "'")) return 1;
  GESTA_UNUSED(d);
  return 0;
}

int gesta__split_sentences(const gesta_dict *d, const token *tok, uint32_t a, uint32_t b,
                           gvec *sents) {
  uint32_t s = a;
  for (uint32_t i = a; i < b; i++) {
    const token *t = &tok[i];
    int end_here = 0;
    uint32_t last = i;
    if (t->flags & TF_TERM) {
      /* Closing quotes and brackets belong to the sentence they close. */
      while (last + 1 < b && ((tok[last + 1].flags & TF_CLOSE) || tok_is(&tok[last + 1], "\"") ||
                              tok_is(&tok[last + 1], "'") || (tok[last + 1].flags & TF_TERM)))
        last++;
      end_here = last + 1 >= b || starts_sentence(d, &tok[last + 1]);
    } else if ((t->flags & TF_ACRONYM) && (t->flags & TF_ABBR) && i + 1 < b) {
      /* "... sanctions on the U.S. The move ..." */
      const token *nx = &tok[i + 1];
      end_here = (nx->flags & TF_CAP) && gesta__lex_word_in_class(d, nx->hash, -1, CLS_FUNCTION);
    }
    if (end_here) {
      sentence *se = gesta__vec_push(sents);
      if (!se) return GESTA_ENOMEM;
      se->tok_a = s;
      se->tok_b = last + 1;
      s = last + 1;
      i = last;
    }
  }
  if (s < b) {
    sentence *se = gesta__vec_push(sents);
    if (!se) return GESTA_ENOMEM;
    se->tok_a = s;
    se->tok_b = b;
  }
  return 0;
}
