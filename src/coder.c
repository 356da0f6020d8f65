/*
 * The document pipeline: repair the text, find paragraphs, trim page furniture, tokenise,
 * identify each paragraph's language, split sentences, then match and assign roles sentence by
 * sentence, carrying the document's memory (people named, the last source, the countries named
 * last) from one sentence to the next. Each event goes to the caller's callback as soon as its
 * sentence is done. A coder owns all its working memory and reuses it across documents.
 */
#include <stdio.h>
#include <time.h>

#include "normalize.h"
#include "pipeline.h"

/* Documents larger than this are coded a paragraph at a time (see gesta_coder_code). */
#define STREAM_BYTES ((size_t)1 << 20)

struct gesta_coder {
  const gesta_dict *d;
  gesta_coder_options opt;
  stemmer_set ss;
  arena ar;      /* the document's: tokens, codes the document's memory keeps */
  arena scratch; /* one sentence's working arrays */
  arena tokar;   /* the folded forms of tokens */
  gbuf buf;      /* the repaired text, when it needed repair or has a title */
  const char *text; /* the text being coded: the caller's when valid, else buf.data */
  size_t text_len;
  gvec toks, paras, sents, hits, mentions, verbs, events;
  doc_memory mem;
  gesta_tag_cb tag_cb;
  void *tag_user;
  size_t sentences; /* coded since the coder was made */
  char errmsg[512];
};

void gesta_coder_set_tag_cb(gesta_coder *c, gesta_tag_cb cb, void *user) {
  if (!c) return;
  c->tag_cb = cb;
  c->tag_user = user;
}

void gesta_coder_options_default(gesta_coder_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->max_doc_bytes = (size_t)16 << 20;
}

int gesta_coder_new(gesta_coder **out, const gesta_dict *d, const gesta_coder_options *o) {
  if (!out) return GESTA_EINVAL;
  *out = NULL;
  if (!d) return GESTA_EINVAL;
  gesta_coder *c = gesta__calloc(1, sizeof *c);
  if (!c) return GESTA_ENOMEM;
  c->d = d;
  if (o)
    c->opt = *o;
  else
    gesta_coder_options_default(&c->opt);
  if (c->opt.country && !gesta_country_valid(c->opt.country)) {
    gesta__free(c);
    return GESTA_EINVAL;
  }
  gesta__arena_init(&c->ar, 64 * 1024);
  gesta__arena_init(&c->scratch, 16 * 1024);
  gesta__arena_init(&c->tokar, 64 * 1024);
  gesta__vec_init(&c->toks, sizeof(token));
  gesta__vec_init(&c->paras, sizeof(paragraph));
  gesta__vec_init(&c->sents, sizeof(sentence));
  gesta__vec_init(&c->hits, sizeof(hit));
  gesta__vec_init(&c->mentions, sizeof(mention));
  gesta__vec_init(&c->verbs, sizeof(vmatch));
  gesta__vec_init(&c->events, sizeof(raw_event));
  gesta__vec_init(&c->mem.names_v, sizeof(dyn_name));
  gesta__vec_init(&c->mem.roles_v, sizeof(const char *));
  int rc = gesta__stemmers_init(&c->ss, d->langs, d->nlangs);
  if (!rc && (gesta__hmap_init(&c->mem.names, 64) || gesta__hmap_init(&c->mem.roles, 64)))
    rc = GESTA_ENOMEM;
  if (rc) {
    gesta_coder_free(c);
    return rc == GESTA_EDICT ? GESTA_EDICT : GESTA_ENOMEM;
  }
  *out = c;
  return GESTA_OK;
}

void gesta_coder_free(gesta_coder *c) {
  if (!c) return;
  gesta__stemmers_free(&c->ss);
  gesta__arena_free(&c->ar);
  gesta__arena_free(&c->scratch);
  gesta__arena_free(&c->tokar);
  gesta__buf_free(&c->buf);
  gesta__vec_free(&c->toks);
  gesta__vec_free(&c->paras);
  gesta__vec_free(&c->sents);
  gesta__vec_free(&c->hits);
  gesta__vec_free(&c->mentions);
  gesta__vec_free(&c->verbs);
  gesta__vec_free(&c->events);
  gesta__hmap_free(&c->mem.names);
  gesta__hmap_free(&c->mem.roles);
  gesta__vec_free(&c->mem.names_v);
  gesta__vec_free(&c->mem.roles_v);
  gesta__free(c);
}

const char *gesta_coder_errmsg(const gesta_coder *c) { return c ? c->errmsg : ""; }

size_t gesta_coder_sentences(const gesta_coder *c) { return c ? c->sentences : 0; }

static int fail(gesta_coder *c, int rc, const char *doc, const char *detail) {
  snprintf(c->errmsg, sizeof c->errmsg, "document %s: %s", doc, detail);
  return rc;
}

static void reset_memory(doc_memory *m) {
  m->last_source = NULL;
  m->nrecent = 0;
  m->forward[0] = 0;
  m->dateline = NULL;
  m->dateline_in_text = 0;
  memset(m->names.keys, 0, m->names.cap * sizeof *m->names.keys);
  m->names.len = 0;
  memset(m->roles.keys, 0, m->roles.cap * sizeof *m->roles.keys);
  m->roles.len = 0;
  m->names_v.len = 0;
  m->roles_v.len = 0;
}

static int32_t today(const gesta_coder *c) {
  int32_t day;
  if (c->opt.today && gesta__date_parse(c->opt.today, strlen(c->opt.today), &day) == 0) return day;
  return (int32_t)(time(NULL) / 86400);
}

static size_t line_of(const char *text, size_t off) {
  size_t line = 1;
  for (size_t i = 0; i < off; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= off || text[i + 1] != '\n'))) line++;
  return line;
}

static int abbrev_cb(const void *ctx, uint64_t hash) {
  return gesta__lex_word_in_class((const gesta_dict *)ctx, hash, -1, CLS_ABBREV);
}

/* Repairs one input text into the working buffer, warning about what was replaced. */
static int take_text(gesta_coder *c, const gesta_document *doc, const char *text, size_t len,
                     int is_title) {
  size_t first_bad = 0;
  long bad = gesta__utf8_repair(text, len, &c->buf, &first_bad);
  if (bad < 0) return GESTA_ENOMEM;
  if (bad > 0 && c->opt.warn) {
    char msg[160];
    snprintf(msg, sizeof msg, "%ld invalid UTF-8 sequence%s or NUL byte%s replaced by U+FFFD%s",
             bad, bad > 1 ? "s" : "", bad > 1 ? "s" : "", is_title ? " in the title" : "");
    c->opt.warn(doc->id, is_title ? 0 : line_of(text, first_bad), msg, c->opt.warn_user);
  }
  return 0;
}

/* The byte span, relative to the sentence, of tokens a..last (inclusive). */
static gesta_span span_of(const token *tok, uint32_t a, uint32_t last, const sentence *se) {
  gesta_span sp;
  sp.start = tok[a].start - se->start;
  sp.end = tok[last].end - se->start;
  return sp;
}

/* Sentences a dictionary's options or discards keep from being coded: too short, or holding a
 * discard phrase (or, in a streamed document, a story discard). */
static int skip_sentence(const gesta_dict *d, const token *tok, const sentence *se, int stream) {
  if (d->opts.min_words) {
    uint32_t words = 0;
    /* Words, not clitics ("Gondor's" is one word). */
    for (uint32_t t = se->tok_a; t < se->tok_b; t++)
      words += (tok[t].flags & TF_WORD) && tok[t].norm[0] != '\'';
    if (words < d->opts.min_words) return 1;
  }
  return (d->discards && gesta__lex_has_class(d, tok, se->tok_a, se->tok_b, CLS_DISCARD)) ||
         (stream && d->story_discards &&
          gesta__lex_has_class(d, tok, se->tok_a, se->tok_b, CLS_DISCARD_STORY));
}

/* Hands the sentence's events to the callback, with their codes' fields and spans. */
static int emit_events(gesta_coder *c, const gesta_document *doc, const sentence *se,
                       size_t index, gesta_event_cb cb, void *user) {
  const token *tok = (const token *)c->toks.data;
  for (size_t i = 0; i < c->events.len; i++) {
    const raw_event *re = &GVEC_AT(&c->events, raw_event, i);
    const lex_cameo *cm = &GVEC_AT(&c->d->cameo, lex_cameo, re->cameo);
    /* Options of TABARI and PETRARCH dictionaries (dictionary-format.md). */
    if (c->d->opts.require_dyad && !re->tgt_code[0]) continue;
    gesta_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = doc->id;
    ev.sentence_index = index;
    ev.sentence = c->text + se->start;
    ev.sentence_len = se->end - se->start;
    ev.lang = c->d->langs[se->lang].name;
    ev.date = doc->date;
    ev.source = re->src_code;
    ev.target = re->tgt_code;
    ev.code = cm->code;
    ev.root = cm->root;
    ev.quad_class = cm->quad;
    ev.goldstein = cm->goldstein;
    ev.plover = cm->plover ? LEX_STR(c->d, cm->plover) : NULL;
    ev.plover_mode = cm->plover_mode ? LEX_STR(c->d, cm->plover_mode) : NULL;
    if (re->src) ev.source_span = span_of(tok, re->src->a, re->src->b - 1, se);
    if (re->tgt) ev.target_span = span_of(tok, re->tgt->a, re->tgt->b - 1, se);
    ev.verb_span = span_of(tok, re->v->head, re->v->last, se);
    if (cb && cb(&ev, user)) return GESTA_ESTOP;
  }
  return 0;
}

static void report_tags(gesta_coder *c, const gesta_document *doc, const sentence *se,
                        size_t index, const sent_ctx *s) {
  const token *tok = s->tok;
  gesta_tag t;
  memset(&t, 0, sizeof t);
  t.doc = doc->id;
  t.sentence_index = index;
  t.sentence = c->text + se->start;
  t.sentence_len = se->end - se->start;
  t.lang = c->d->langs[se->lang].name;
  for (size_t i = 0; i < s->nm; i++) {
    const mention *m = &s->m[i];
    int bare = !(m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME | MK_BOTH));
    t.kind = bare ? "agent" : "actor";
    t.code = m->code;
    t.detail = m->attrib ? "attribution" : (m->kinds & MK_BOTH) ? m->code2 : "";
    t.span = span_of(tok, m->a, m->b - 1, se);
    c->tag_cb(&t, c->tag_user);
  }
  for (size_t i = 0; i < s->nv; i++) {
    const vmatch *v = &s->v[i];
    char detail[256];
    snprintf(detail, sizeof detail, "%s%s%s%s%s%s%s%s", LEX_STR(c->d, v->pat->text),
             v->negated ? " [negated]" : "", v->passive ? " [passive]" : "",
             v->speech ? " [speech]" : "", v->deny ? " [deny]" : "",
             v->complement ? " [complement]" : "", v->nominal ? " [nominal]" : "",
             v->hypothetical ? " [hypothetical]" : "");
    t.kind = "verb";
    t.code = v->cameo == LEX_NULL_CODE ? "---" : GVEC_AT(&c->d->cameo, lex_cameo, v->cameo).code;
    t.detail = detail;
    t.span = span_of(tok, v->head, v->last, se);
    c->tag_cb(&t, c->tag_user);
  }
}

int gesta_coder_code(gesta_coder *c, const gesta_document *doc, gesta_event_cb cb, void *user) {
  if (!c || !doc || !doc->id || (!doc->text && doc->text_len) || (!doc->title && doc->title_len))
    return GESTA_EINVAL;
  c->errmsg[0] = 0;
  const gesta_dict *d = c->d;
  size_t total = doc->text_len + doc->title_len;
  if (total > c->opt.max_doc_bytes || total >= UINT32_MAX / 2) {
    char detail[128];
    snprintf(detail, sizeof detail, "too large (%zu bytes, over the limit of %zu)", total,
             c->opt.max_doc_bytes);
    return fail(c, GESTA_ETOOBIG, doc->id, detail);
  }
  int32_t day;
  if (doc->date) {
    if (gesta__date_parse(doc->date, strlen(doc->date), &day)) {
      char detail[96];
      snprintf(detail, sizeof detail, "bad date '%.40s' (expected YYYY-MM-DD)", doc->date);
      return fail(c, GESTA_EINVAL, doc->id, detail);
    }
  } else {
    day = today(c);
  }
  if (doc->country && !gesta_country_valid(doc->country)) {
    char detail[96];
    snprintf(detail, sizeof detail, "bad country '%.40s' (expected a CAMEO country code: COL)",
             doc->country);
    return fail(c, GESTA_EINVAL, doc->id, detail);
  }
  gesta__arena_reset(&c->ar);
  gesta__arena_reset(&c->tokar);
  c->buf.len = 0;
  c->toks.len = c->paras.len = c->sents.len = 0;
  reset_memory(&c->mem);
  c->mem.day = day;
  int rc = 0;
  /* The title, when given, is a paragraph and sentence of its own, before the text. */
  size_t title_end = 0;
  if (doc->title_len) {
    if ((rc = take_text(c, doc, doc->title, doc->title_len, 1))) goto oom;
    title_end = c->buf.len;
    if (gesta__buf_putc(&c->buf, '\n')) goto oom;
  }
  size_t text_start = c->buf.len;
  if (!doc->title_len && gesta__utf8_valid(doc->text, doc->text_len)) {
    /* Valid text is read where it is: no copy of a large document. */
    c->text = doc->text ? doc->text : "";
    c->text_len = doc->text_len;
  } else {
    if (doc->text_len && (rc = take_text(c, doc, doc->text, doc->text_len, 0))) goto oom;
    if (gesta__buf_reserve(&c->buf, 1)) goto oom;
    c->buf.data[c->buf.len] = 0;
    c->text = c->buf.data;
    c->text_len = c->buf.len;
  }
  /* Offsets are 32-bit: repairing invalid UTF-8 can triple a text, so check what it became. */
  if (c->text_len >= UINT32_MAX / 2)
    return fail(c, GESTA_ETOOBIG, doc->id, "too large once invalid UTF-8 is replaced");
  if (doc->title_len) {
    if (gesta__split_paragraphs(c->text, 0, title_end, 0, &c->paras)) goto oom;
    /* However it wraps, the title is one paragraph. */
    while (c->paras.len > 1) {
      GVEC_AT(&c->paras, paragraph, 0).end = GVEC_AT(&c->paras, paragraph, c->paras.len - 1).end;
      c->paras.len--;
    }
    if (c->paras.len) GVEC_AT(&c->paras, paragraph, 0).title = 1;
  }
  if (gesta__split_paragraphs(c->text, text_start, c->text_len, 1, &c->paras)) goto oom;
  /* Large documents are coded a paragraph at a time, tokenising each paragraph twice (once to
   * identify languages and furniture, once to code it), so that memory follows the largest
   * paragraph, not the document; smaller ones keep their tokens between the passes. */
  int stream = c->text_len > STREAM_BYTES;
  int totals[LEX_MAX_LANGS] = {0};
  size_t kept = 0;
  for (size_t p = 0; p < c->paras.len; p++) {
    paragraph *pg = &GVEC_AT(&c->paras, paragraph, p);
    if (stream) {
      c->toks.len = 0;
      gesta__arena_reset(&c->tokar);
    }
    pg->tok_a = (uint32_t)c->toks.len;
    if (gesta__tokenize(c->text, pg->start, pg->end, &c->tokar, &c->toks, abbrev_cb, d))
      goto oom;
    pg->tok_b = (uint32_t)c->toks.len;
    const token *tk = (const token *)c->toks.data;
    uint32_t dash = 0, first = pg->tok_a;
    if (!pg->title && !gesta__furniture(d, c->text, tk, &pg->tok_a, &pg->tok_b, &dash)) continue;
    /* The document's first dateline says where it was written (match.c, role_from_dateline). */
    if (dash && !c->mem.dateline) c->mem.dateline = gesta__dateline_country(d, tk, first, dash, day);
    if (pg->tok_a == pg->tok_b) continue; /* only spaces no line trimming knows (U+00A0...) */
    int scores[LEX_MAX_LANGS];
    gesta__lang_scores(d, c->text, tk, pg->tok_a, pg->tok_b, scores);
    for (int l = 0; l < d->nlangs; l++) totals[l] += scores[l];
    pg->lang = gesta__lang_pick(scores, d->nlangs);
    if (pg->lang < 0) {
      int vs[LEX_MAX_LANGS] = {0};
      gesta__lang_verb_scores(d, &c->ss, c->text, tk, pg->tok_a, pg->tok_b, vs);
      for (int k = 0; k < d->nlangs; k++) vs[k] += scores[k];
      pg->lang = gesta__lang_pick(vs, d->nlangs);
    }
    /* What furniture left: the second pass tokenises just that. */
    pg->start = tk[pg->tok_a].start;
    pg->end = tk[pg->tok_b - 1].end;
    GVEC_AT(&c->paras, paragraph, kept++) = *pg;
  }
  c->paras.len = kept;
  /* With no dateline, the country the document or the options say it reports from. */
  c->mem.dateline_in_text = c->mem.dateline != NULL;
  if (!c->mem.dateline) c->mem.dateline = doc->country ? doc->country : c->opt.country;
  /* A story discard anywhere in the document: nothing in it is coded. */
  int story_discarded = 0;
  for (size_t p = 0; p < c->paras.len && d->story_discards && !stream && !story_discarded; p++) {
    const paragraph *pg = &GVEC_AT(&c->paras, paragraph, p);
    story_discarded = gesta__lex_has_class(d, (const token *)c->toks.data, pg->tok_a, pg->tok_b,
                                           CLS_DISCARD_STORY);
  }
  int doc_lang = doc->lang ? gesta__lex_lang(d, doc->lang) : -1;
  if (doc_lang < 0) doc_lang = gesta__lang_pick(totals, d->nlangs);
  if (doc_lang < 0) doc_lang = 0;
  size_t index = 0; /* of the sentence in the document */
  for (size_t p = 0; p < c->paras.len; p++) {
    paragraph *pg = &GVEC_AT(&c->paras, paragraph, p);
    if (pg->lang < 0) pg->lang = doc_lang;
    if (stream) {
      c->toks.len = 0;
      gesta__arena_reset(&c->tokar);
      pg->tok_a = 0;
      if (gesta__tokenize(c->text, pg->start, pg->end, &c->tokar, &c->toks, abbrev_cb, d))
        goto oom;
      pg->tok_b = (uint32_t)c->toks.len;
      if (pg->tok_a == pg->tok_b) continue;
    }
    const token *tok = (const token *)c->toks.data;
    c->sents.len = 0;
    if (pg->title) {
      sentence *se = gesta__vec_push(&c->sents);
      if (!se) goto oom;
      se->tok_a = pg->tok_a;
      se->tok_b = pg->tok_b;
    } else if (gesta__split_sentences(d, tok, pg->tok_a, pg->tok_b, &c->sents)) {
      goto oom;
    }
    for (size_t k = 0; k < c->sents.len; k++, index++) {
      sentence *se = &GVEC_AT(&c->sents, sentence, k);
      c->sentences++;
      se->lang = pg->lang;
      se->start = tok[se->tok_a].start;
      se->end = tok[se->tok_b - 1].end;
      sent_ctx s;
      memset(&s, 0, sizeof s);
      s.d = d;
      s.scratch = &c->scratch;
      gesta__arena_reset(&c->scratch);
      s.buf = c->text;
      s.tok = tok;
      s.a = se->tok_a;
      s.b = se->tok_b;
      s.lang = se->lang;
      s.sourceless = c->opt.sourceless;
      s.day = c->mem.day;
      s.undated = doc->date == NULL;
      s.dateline = c->mem.dateline_in_text ? c->mem.dateline : NULL;
      if (gesta__match_sentence(&s, &c->ss, &c->mem, &c->ar, &c->hits, &c->mentions, &c->verbs))
        goto oom;
      if (c->tag_cb) report_tags(c, doc, se, index, &s);
      c->events.len = 0;
      if (gesta__assign_roles(&s, &c->mem, &c->events)) goto oom;
      if (story_discarded || s.discard || skip_sentence(d, tok, se, stream)) c->events.len = 0;
      rc = emit_events(c, doc, se, index, cb, user);
      if (rc) return fail(c, rc, doc->id, "stopped by the event callback");
    }
  }
  return GESTA_OK;
oom:
  return fail(c, GESTA_ENOMEM, doc->id, "out of memory");
}
