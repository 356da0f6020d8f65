/*
 * The data that flows between the coding stages of one document: paragraphs and sentences
 * (segment.c), their language (langid.c), the actor mentions and verb matches of a sentence
 * (match.c), and the document memory that links sentences (roles.c). All of it lives in the
 * coder's vectors and arena and is reset for each document.
 */
#ifndef GESTA_PIPELINE_H
#define GESTA_PIPELINE_H

#include "lexicon.h"
#include "stem.h"
#include "token.h"

typedef struct paragraph {
  uint32_t start, end;     /* byte range in the document buffer */
  uint32_t tok_a, tok_b;   /* token range */
  uint32_t line;           /* 1-based line of the input where it starts (0 for the title) */
  int lang;                /* language index */
  int title;               /* the document's title: exactly one sentence */
} paragraph;

typedef struct sentence {
  uint32_t tok_a, tok_b; /* token range */
  uint32_t start, end;   /* byte range in the document buffer */
  int lang;
} sentence;

enum { MK_ACTOR = 1, MK_AGENT = 2, MK_PERSON = 4, MK_BOTH = 8, MK_NAME = 16 };

/* A raw dictionary hit before composition. */
typedef struct hit {
  uint32_t a, b;   /* token range */
  uint8_t kind;    /* LK_ACTOR or LK_AGENT */
  uint8_t adj;
  uint8_t person;
  uint32_t id;     /* actor or agent index */
  const char *code; /* actors: the code valid at the date */
  uint64_t key;     /* hash of the words matched ("presidenta"): titles are remembered by it */
  uint8_t nested;   /* a role word inside a longer one (lex_options.petrarch) */
} hit;

/* An actor as the text names it: a composed chunk ("el ejército sudanés"). */
typedef struct mention {
  uint32_t a, b;      /* token range */
  const char *code;   /* resolved CAMEO actor code */
  const char *code2;  /* MK_BOTH: the second actor */
  const char *role;   /* the agent's role code, or NULL */
  const char **roles; /* with PETRARCH's dictionaries, all its role codes in text order */
  uint8_t nroles;
  uint8_t kinds;      /* MK_* bits */
  uint8_t attrib;     /* introduced by "según" / "according to": not a participant */
  uint8_t adj;        /* the country came from an adjective ("Armenian") */
  uint8_t role_first; /* the role word came before its country ("ministers of Armenia") */
  uint16_t paren;     /* the bracket or dash aside it lies in ("Polonia —aliada de Kiev— ..."), 0 none */
  uint8_t possessed;  /* after a possessive ("its troops", "sus tropas"): the subject's own */
  uint8_t compound;   /* code is a dictionary's coded compound ("GME/GMW"): its parts follow it */
  uint8_t grouped;    /* a bare role whose country came from an armed group of its sentence,
                       * from a place after a link word ("maestros de Oaxaca") or from the
                       * document's dateline */
  uint64_t role_key;  /* the role word's hash, for "la presidenta" later in the document */
  int group;          /* coordinated mentions share a group */
  uint8_t remembered; /* a bare role word given the code last seen with it in the document */
} mention;

/* Whether mention m names a country or capital, as a name and no role or adjective ("Gaza",
 * "Caracas"): a place when a locative word comes before it. */
static inline int mention_names_country(const mention *m) {
  return m->kinds == MK_ACTOR && !m->role && !m->adj && strlen(m->code) == 3 &&
         gesta__country_code(m->code);
}

typedef struct vmatch {
  uint32_t head, last;  /* first and last matched token */
  uint32_t target_pos;  /* token where the target slot starts, or UINT32_MAX */
  uint32_t source_pos;
  uint32_t source_end;  /* token where the pattern's word after the source slot matched: the
                         * source stands before it ("manifestación de $ contra +") */
  uint32_t target_before, source_before; /* slots before the head ("+ *free from $"): the actor
                                          * ending nearest before this token, or UINT32_MAX */
  uint32_t compound_pos, compound_before; /* a "%" slot after or before the head */
  uint32_t first;       /* the first token the pattern matched (before the head, or the head) */
  const lex_pattern *pat;
  uint32_t cameo;       /* the code to report: the pattern's, or its intent when told in future */
  uint8_t negated, passive, speech, deny;
  uint8_t light;      /* a light verb matched by its head alone ("acordaron", "staged") */
  uint8_t announce;   /* a verb that announces or calls an act ("convocaron", "anunció") */
  uint8_t voiced;     /* a demand voiced by the protest before it ("marcharon para exigir") */
  uint32_t light_head; /* a nominal event after a light verb: that verb's head plus one, else 0 */
  uint8_t complement; /* completes the verb before it ("amenazó con atacar"): not an event */
  uint8_t nominal;    /* a noun after an article ("el secuestro"): its source comes only from `$` */
  uint8_t after_marker; /* an article or preposition stands before the head: read as a noun */
  uint8_t nonfinite;  /* an infinitive or -ing form no verb governs ("plans to visit"): no event */
  uint8_t inner;      /* an act named inside a disapproval's pattern ("condenó la detención de X
                       * por Y"): coded only with the doer by_agent finds (roles.c) */
  uint8_t hypothetical; /* after a modal of possibility or in a condition ("may attack",
                         * "if Russia attacks"): no event */
  uint16_t paren;
} vmatch;

/* A verb matched by a null pattern of its head alone ("HAS [---]" in other coders'
 * dictionaries): an auxiliary that codes and governs nothing. */
static inline int gesta__bare_null(const vmatch *v) {
  return v->pat->cameo == LEX_NULL_CODE && v->pat->nelem == 0;
}

/* The index of the first of n records, each `size` bytes and sorted by the uint32_t at byte
 * `off` (a mention's start, a verb's head), whose key is t or after. */
static inline size_t gesta__first_at(const void *base, size_t n, size_t size, size_t off,
                                     uint32_t t) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    uint32_t key;
    memcpy(&key, (const char *)base + mid * size + off, sizeof key);
    if (key < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* What one sentence knows for role assignment. */
typedef struct sent_ctx {
  const gesta_dict *d;
  arena *scratch;   /* per-sentence working memory, reset after each sentence */
  const char *buf;
  const token *tok; /* tokens of the whole document */
  uint32_t a, b;    /* this sentence's token range */
  int lang;
  uint8_t *clen;    /* per token of the sentence: CLS_COUNT lengths of class phrases starting there */
  uint8_t *in_mention;
  uint16_t *paren;  /* per token of the sentence: the aside it lies in, 0 for none */
  uint8_t *quoted;  /* per token of the sentence: inside a scare quote */
  uint8_t discard;  /* a "###" pattern matched: the sentence codes no event */
  mention *m;
  size_t nm;
  vmatch *v;
  size_t nv;
  int sourceless;   /* gesta_coder_options.sourceless */
  int32_t day;      /* the date codes are resolved at (doc_memory.day) */
  int undated;      /* the document has no date: day is today's */
  const char *dateline; /* the country of the text's dateline (doc_memory), or NULL */
} sent_ctx;

static inline int sc_cls(const sent_ctx *s, uint32_t t, int cls) {
  return (t >= s->a && t < s->b) ? s->clen[(t - s->a) * CLS_COUNT + (size_t)cls] : 0;
}

/* Whether a word ends with a finite verb ending of its language ("-aron", "-ed"). */
int gesta__finite_form(const sent_ctx *s, const token *t);
/* Whether a word ends with a non-finite ending of its language ("-ing"). */
int gesta__nonfinite_form(const sent_ctx *s, const token *t);
int gesta__participle(const sent_ctx *s, const token *t);
/* Past the articles, link words and parts of a place before a place's name, from u, before to
 * ("the north of", "la ciudad de"): where the name starts. */
uint32_t gesta__place_words(const sent_ctx *s, uint32_t u, uint32_t to);
/* Where a clause of purpose opens at t, after the verb at head whose pattern's words lie before
 * pat_end ("para integrar", "in order to", "to protect the"): its infinitive's position, or 0. */
uint32_t gesta__purpose_clause(const sent_ctx *s, uint32_t t, uint32_t head, uint32_t pat_end,
                               int verb_at);
/* Whether a clause of purpose bounds the object of an act of that CAMEO code. */
int gesta__purpose_bounds(const gesta_dict *d, uint32_t cameo);

/* Names learnt in the document: surnames and names of people it introduced. */
typedef struct dyn_name {
  const char *code;
} dyn_name;

typedef struct doc_memory {
  int32_t day;              /* the date codes are resolved at */
  const char *last_source;  /* the source of the last event, for dropped subjects */
  const char *recent[8];    /* codes of the most recent distinct country-level actors */
  int nrecent;
  hmap names;               /* word hash -> index into names_v */
  gvec names_v;             /* dyn_name */
  hmap roles;               /* role hash -> index into roles_v: the last code seen with that role */
  gvec roles_v;             /* const char * */
  char forward[32];         /* TABARI's FORWARD: the actor of the sentence before, for a pronoun */
  const char *dateline;     /* the country of the document's dateline, or NULL */
  int dateline_in_text;     /* it is a dateline of the text, not the country the document or the
                             * options say it reports from */
} doc_memory;

/* segment.c */
int gesta__split_paragraphs(const char *buf, size_t start, size_t end, uint32_t first_line,
                            gvec *paras);
/* Trims page furniture from a paragraph's token range; returns 0 when nothing is left. A
 * dateline it trims ("QUITO (AFP) -") leaves the token of its dash in *dateline (its place
 * starts at the paragraph's first token), 0 when there is none. */
int gesta__furniture(const gesta_dict *d, const char *buf, const token *tok, uint32_t *a,
                     uint32_t *b, uint32_t *dateline);
/* The one country of a dateline's place ("BOGOTÁ, 3 mar (EFE).-", "LA PAZ (AFP) -": the
 * capitalised words before its first comma, bracket or number), or NULL. */
const char *gesta__dateline_country(const gesta_dict *d, const token *tok, uint32_t a,
                                    uint32_t dash, int32_t day);
int gesta__split_sentences(const gesta_dict *d, const token *tok, uint32_t a, uint32_t b,
                           gvec *sents);

/* langid.c */
void gesta__lang_scores(const gesta_dict *d, const char *buf, const token *tok, uint32_t a,
                        uint32_t b, int *scores);
int gesta__lang_pick(const int *scores, int nlangs);
void gesta__lang_verb_scores(const gesta_dict *d, stemmer_set *ss, const char *buf,
                             const token *tok, uint32_t a, uint32_t b, int *scores);

/* match.c: fills the class lengths, mentions and verb matches of a sentence. */
int gesta__match_sentence(sent_ctx *s, stemmer_set *ss, doc_memory *mem, arena *ar, gvec *hits,
                          gvec *mentions, gvec *verbs);
const char *gesta__memory_role(doc_memory *mem, const char *role, uint64_t role_key);
/* Whether the comma at token t stands inside a noun phrase (PETRARCH's dictionaries only). */
int gesta__phrase_comma(const sent_ctx *s, uint32_t t);
int gesta__memory_note(doc_memory *mem, const mention *m);

/* roles.c: assigns source and target and reports each event. */
typedef struct raw_event {
  const mention *src, *tgt; /* tgt may be NULL */
  const char *src_code, *tgt_code;
  const vmatch *v;
  uint32_t cameo; /* the code: the verb's, or the second of a paired code ("032:033") */
  uint8_t paired; /* the second event of a pair, from the target back to the source: its source
                   * is no subject a later sentence carries on */
} raw_event;
int gesta__assign_roles(sent_ctx *s, doc_memory *mem, gvec *events);

#endif
