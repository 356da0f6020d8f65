/*
 * Source and target without a parser. For each verb match of a sentence, in order:
 *  - speech verbs find their speaker, before the verb or right after it in an inversion
 *    ("..., dijo Petro");
 *  - the source is the nearest actor group before the verb and after the previous verb; a verb
 *    with none takes the previous verb's source, then the sentence's speaker, then (in languages
 *    that drop subjects, or after a pronoun) the last source of the previous sentence;
 *  - the target is the first actor group after the matched pattern (or at its `+` slot) and
 *    before the next verb; actors introduced by "según" / "according to" are never participants;
 *  - passive verbs take their source from the "por" / "by" phrase and their target from the
 *    subject; negated verbs are dropped, and a denial verb drops the verbs after it;
 *  - coordinated groups multiply out, and a mutual action of a group with no target is coded in
 *    both directions.
 * A sentence whose only events would come from speech verbs is coded as a statement.
 */
#include "pipeline.h"

typedef struct part {
  const mention *m; /* NULL when carried over from an earlier sentence */
  const char *code;
} part;

#define MAX_PARTS 16


/* Collects the members of mention k's group that lie within [lo, hi). A group's mentions are
 * neighbours in the sorted list, so only they are looked at. */
static int group_parts(const sent_ctx *s, size_t k, uint32_t lo, uint32_t hi, part *out) {
  int n = 0;
  size_t first = k, end = k + 1;
  while (first > 0 && s->m[first - 1].group == s->m[k].group) first--;
  while (end < s->nm && s->m[end].group == s->m[k].group) end++;
  for (size_t j = first; j < end && n < MAX_PARTS - 1; j++) {
    const mention *m = &s->m[j];
    if (m->group != s->m[k].group || m->a < lo || m->b > hi) continue;
    if (m->compound) { /* "GME/GMW": each of its actors (dict.c keeps the parts after it) */
      for (const char *p = m->code + strlen(m->code) + 1; *p && n < MAX_PARTS - 1; p += strlen(p) + 1) {
        out[n].m = m;
        out[n++].code = p;
      }
      continue;
    }
    out[n].m = m;
    out[n++].code = m->code;
    if (m->kinds & MK_BOTH) {
      out[n].m = m;
      out[n++].code = m->code2;
    }
  }
  return n;
}

/* The index of the first mention starting at or after token t (mentions are sorted). */
static size_t mention_at(const sent_ctx *s, uint32_t t) {
  return gesta__first_at(s->m, s->nm, sizeof *s->m, offsetof(mention, a), t);
}

/* The index of the first verb whose head is at or after token t (verbs are in text order). */
static size_t verb_from(const sent_ctx *s, uint32_t t) {
  return gesta__first_at(s->v, s->nv, sizeof *s->v, offsetof(vmatch, head), t);
}

/* Whether a mention can take part in an event whose verb lies in aside `paren`: not when it is
 * a source of information ("según X"), nor when it sits in another aside. */
static int usable(const mention *m, uint16_t paren) { return !m->attrib && m->paren == paren; }

/* "İmamoğlu, alcalde de Estambul y rival de Erdogan, fue detenido": when a comma closes the
 * words before the verb, the subject is the mention that opened them with a comma, unless a
 * conjunction opens them. Returns the token to search back from. */
static uint32_t skip_apposition(const sent_ctx *s, uint32_t lo, uint32_t head) {
  uint32_t t = head;
  while (t > lo && (sc_cls(s, t - 1, CLS_PASSIVE_AUX) || sc_cls(s, t - 1, CLS_ADVERB) ||
                    sc_cls(s, t - 1, CLS_NEGATION) || sc_cls(s, t - 1, CLS_TIME) ||
                    (sc_cls(s, t - 1, CLS_FUNCTION) && !(s->tok[t - 1].flags & TF_CLAUSE))))
    t--;
  if (t <= lo || !gesta__tok_is(&s->tok[t - 1], ',')) return head;
  for (uint32_t c = t - 1; c > lo; c--) {
    if (!gesta__tok_is(&s->tok[c - 1], ',')) continue;
    /* "Kenya, along with Uganda, signed": a conjunction after the opening comma adds a
     * coordinated subject, no apposition. */
    if (sc_cls(s, c, CLS_COORD) && !gesta__tok_is(&s->tok[c], ',')) return head;
    /* The opening comma must follow a mention directly, or lie inside one ("İmamoğlu,
     * alcalde" is one mention). */
    for (size_t k = mention_at(s, lo); k < s->nm && s->m[k].a < c - 1; k++) {
      if (s->m[k].b == c - 1) return c - 1;
      if (s->m[k].b > c - 1) return s->m[k].b;
    }
    return head;
  }
  return head;
}

/* PETRARCH codes a noun phrase by its first actor: in "Gollum centre of a diplomatic row between
 * Radagast the Brown called on Gondor" the subject is Gollum. From mention k, walks back over
 * the words of one noun phrase (no comma, conjunction or other mark between) to an actor that a
 * preposition or link word joins to the one after it. */
static size_t phrase_first(const sent_ctx *s, uint32_t lo, size_t k, uint16_t paren) {
  size_t best = k;
  uint32_t t = s->m[k].a;
  int linked = 0;
  while (t > lo) {
    uint32_t u = t - 1;
    if (s->in_mention[u - s->a]) {
      size_t j = mention_at(s, u + 1);
      while (j > 0 && s->m[j - 1].b > u + 1) j--;
      if (j == 0 || s->m[j - 1].b != u + 1 || !linked || !usable(&s->m[j - 1], paren)) break;
      best = j - 1;
      t = s->m[best].a;
      linked = 0;
      continue;
    }
    const token *tk = &s->tok[u];
    if (!(tk->flags & TF_WORD) || sc_cls(s, u, CLS_COORD) || sc_cls(s, u, CLS_PRONOUN)) break;
    if (sc_cls(s, u, CLS_LINK) || sc_cls(s, u, CLS_PREPOSITION)) linked = 1;
    t = u;
  }
  return best;
}

/* The nearest group ending at or before `head` and starting at or after `lo` (with PETRARCH's
 * dictionaries, the first of its noun phrase). A place ("in Peru", "en Pekín") is never a
 * subject. */
static int subject_before(const sent_ctx *s, uint32_t lo, uint32_t head, uint16_t paren,
                          part *out) {
  head = skip_apposition(s, lo, head);
  for (size_t k = mention_at(s, head); k-- > 0;) {
    const mention *m = &s->m[k];
    if (m->a < lo) break;
    if (m->b > head || !usable(m, paren)) continue;
    if (m->a > s->a && sc_cls(s, m->a - 1, CLS_LOCATIVE)) continue;
    if (s->d->opts.petrarch) k = phrase_first(s, lo, k, paren);
    return group_parts(s, k, lo, head, out);
  }
  return 0;
}

/* The first group lying wholly in [lo, head). */
static int first_before(const sent_ctx *s, uint32_t lo, uint32_t head, uint16_t paren, part *out) {
  for (size_t k = mention_at(s, lo); k < s->nm; k++) {
    const mention *m = &s->m[k];
    if (m->b > head) break;
    if (usable(m, paren)) return group_parts(s, k, lo, head, out);
  }
  return 0;
}

static int first_after(const sent_ctx *s, uint32_t lo, uint32_t hi, int exclude_group,
                       uint16_t paren, part *out) {
  for (size_t k = mention_at(s, lo); k < s->nm; k++) {
    const mention *m = &s->m[k];
    if (m->a >= hi) break;
    if (!usable(m, paren)) continue;
    if (exclude_group >= 0 && m->group == exclude_group) continue;
    return group_parts(s, k, lo, s->b, out);
  }
  return 0;
}

static int open_subject(const sent_ctx *s, uint32_t head);

/* Where a clause of purpose opens at or after lo, before hi (gesta__purpose_clause): its object is
 * the purpose's, not the verb's before ("firmaron un acuerdo para integrar a la milicia", "sent
 * troops to protect the border"). A verb gesta knows there bounds the clause itself, or tells
 * what the act was for ("para protestar contra el Gobierno": the protest's target); a noun
 * pattern read from the infinitive ("reforzar la cooperación") or a verb read as the complement
 * of the one before ("signed an agreement to fight Moroccan gangs") does neither. hi when none. */
static uint32_t purpose_start(const sent_ctx *s, const vmatch *v, uint32_t lo, uint32_t hi) {
  for (uint32_t t = lo; t < hi; t++) {
    /* Only a purpose or infinitive marker opens one (gesta__purpose_clause). */
    if (!sc_cls(s, t, CLS_PURPOSE) && !sc_cls(s, t, CLS_INFINITIVE)) continue;
    /* A verb read as the complement of the one before ("signed an agreement to fight Moroccan
     * gangs") is an infinitive whatever follows it. */
    int verb_at = 0;
    for (size_t j = verb_from(s, t + 1); j < s->nv && s->v[j].head <= t + 8 && !verb_at; j++)
      verb_at = s->v[j].complement && s->v[j].first == t + 1;
    uint32_t inf = gesta__purpose_clause(s, t, v->head, v->last + 1, verb_at);
    if (!inf) continue;
    size_t k = 0;
    while (k < s->nv && !((s->v[k].first == inf || s->v[k].head == inf) &&
                          ((!s->v[k].nominal && !s->v[k].complement) || s->v[k].voiced)))
      k++;
    if (k == s->nv) return t;
  }
  return hi;
}

/* Where a relative about a plain noun after v opens, at or after lo, before hi: "compartieron
 * información que permitió desarticular una célula", "signed a deal that allows Russian ships
 * to dock". The clause tells about the noun; its own objects are no target of a cooperative act
 * (roots 03 to 09) or of a show of force or a cut of relations (15, 16). A relative after an
 * actor is about the actor, found before it; right after the verb, a word of time or a
 * preposition "que" opens a complement ("exigieron ayer que"). hi when none opens. */
static uint32_t noun_relative_start(const sent_ctx *s, const vmatch *v, uint32_t lo, uint32_t hi) {
  const char *root = GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).root;
  if (!((root[0] == '0' && root[1] >= '3') || memcmp(root, "15", 2) == 0 ||
        memcmp(root, "16", 2) == 0))
    return hi;
  for (uint32_t t = lo; t < hi; t++) {
    if (!sc_cls(s, t, CLS_SUBJ_RELATIVE) || sc_cls(s, t, CLS_OBJREL)) continue;
    uint32_t n = t - 1;
    if (n > v->head + 1 && gesta__tok_is(&s->tok[n], ',')) n--;
    const token *w = &s->tok[n];
    if (n <= v->head || !(w->flags & TF_WORD) || s->in_mention[n - s->a] ||
        sc_cls(s, n, CLS_FUNCTION) || sc_cls(s, n, CLS_PREPOSITION) || sc_cls(s, n, CLS_TIME) ||
        sc_cls(s, n, CLS_ADVERB) || sc_cls(s, n, CLS_NUMBER) || sc_cls(s, n, CLS_ARTICLE))
      continue;
    return t;
  }
  return hi;
}

static int speaker_of(const sent_ctx *s, size_t vi, part *out) {
  const vmatch *v = &s->v[vi];
  const token *tok = s->tok;
  uint32_t lo = vi > 0 ? s->v[vi - 1].head + 1 : s->a;
  int inverted = v->head == s->a;
  if (v->head > s->a) {
    const token *p = &tok[v->head - 1];
    inverted = gesta__tok_is(p, ',') || (p->flags & (TF_CLOSE | TF_DASH)) || gesta__tok_is(p, '"') ||
               gesta__tok_is(p, ':');
  }
  if (inverted) {
    for (size_t k = 0; k < s->nm; k++) {
      const mention *m = &s->m[k];
      if (m->a > v->last && m->a <= v->last + 3 && usable(m, v->paren))
        return group_parts(s, k, m->a, s->b, out);
    }
  }
  if (!open_subject(s, v->head)) return 0; /* "..., the statistics office said" */
  return subject_before(s, lo, v->head, v->paren, out);
}

/* Whether an actor code holds one of the roles "LAB|EDU" as one of its three-letter parts
 * ("LAB", "CHLEDU"). */
static int holds_role(const char *code, const char *roles) {
  size_t n = strlen(code);
  for (size_t k = 0; k + 3 <= n; k += 3)
    for (const char *r = roles; *r;) {
      size_t len = strcspn(r, "|");
      if (len == 3 && memcmp(code + k, r, 3) == 0) return 1;
      r += len + (r[len] == '|');
    }
  return 0;
}

/* The code of an event: the pattern's role code when the source holds one of its roles ("a
 * strike" by workers is 143, by an army 190), as an intent when the act is told in the future.
 * Settled when the event is made, so that the sentence's filters (a protest told twice, the
 * voice of a protest) see the code the event is reported with. */
static uint32_t role_code(const sent_ctx *s, const vmatch *v, const char *src_code,
                          uint32_t cameo) {
  const gesta_dict *d = s->d;
  const lex_pattern *p = v->pat;
  if (p->role_cameo == LEX_NULL_CODE || !holds_role(src_code, LEX_STR(d, p->roles))) return cameo;
  if (cameo == p->cameo) return p->role_cameo;
  const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, cameo);
  const lex_cameo *own = &GVEC_AT(&d->cameo, lex_cameo, p->cameo);
  const lex_cameo *alt = &GVEC_AT(&d->cameo, lex_cameo, p->role_cameo);
  if (own->intent[0] && strcmp(cm->code, own->intent) == 0 && alt->intent[0]) {
    const lex_cameo *in = gesta__lex_cameo(d, alt->intent);
    if (in) return (uint32_t)(in - (const lex_cameo *)d->cameo.data);
  }
  return cameo;
}

static int push_one(const sent_ctx *s, gvec *events, const part *src, const part *tgt,
                    const vmatch *v, uint32_t cameo, int paired) {
  cameo = role_code(s, v, src->code, cameo);
  /* One event per (source, target, code) in a sentence. */
  const char *tc = tgt ? tgt->code : "";
  for (size_t i = 0; i < events->len; i++) {
    raw_event *e = &GVEC_AT(events, raw_event, i);
    if (strcmp(e->src_code, src->code) == 0 && strcmp(e->tgt_code, tc) == 0 && e->cameo == cameo)
      return 0;
  }
  raw_event *e = gesta__vec_push(events);
  if (!e) return GESTA_ENOMEM;
  e->src = src->m;
  e->src_code = src->code;
  e->tgt = tgt ? tgt->m : NULL;
  e->tgt_code = tc;
  e->v = v;
  e->cameo = cameo;
  e->paired = (uint8_t)paired;
  return 0;
}

/* Where the name of a place starts after a locative word at t ("in the north of Texas": past
 * articles, a part of a place and link words), before `to`; t when no locative word is at t. */
static uint32_t place_start(const sent_ctx *s, uint32_t t, uint32_t to) {
  uint32_t u = t + (uint32_t)sc_cls(s, t, CLS_LOCATIVE);
  return u == t ? t : gesta__place_words(s, u, to);
}

/* The country of the first place after a locative word after v's words ("in Paris", "en
 * Texas", "in the north of Israel"): a country or capital named there, or a region or city of
 * data/actors/places.txt or cities.txt of one country; NULL when none. */
static const char *place_after(const sent_ctx *s, const vmatch *v) {
  for (uint32_t t = v->last + 1; t < s->b; t++) {
    uint32_t u = place_start(s, t, s->b);
    if (u == t) continue;
    size_t k = mention_at(s, u);
    if (k < s->nm && s->m[k].a == u) {
      if (mention_names_country(&s->m[k])) return s->m[k].code;
      continue;
    }
    const char *codes[8];
    uint32_t end = 0;
    if (gesta__lex_place(s->d, s->tok, u, s->b, s->lang, s->day, 0, codes, 8, &end) == 1)
      return codes[0];
  }
  return NULL;
}

/* Whether an actor code is of the country code c: "DEUGOV" of "DEU". */
static int of_country(const char *code, const char *c) {
  return strlen(code) >= 3 && gesta__country_code(code) && strncmp(code, c, 3) == 0;
}

/* "Scholz met Macron in Paris": a meeting not said to be more (040) is, where the text says
 * where it was, the visit of one side hosted by the other (042 from the guest, 043 from the
 * host) or a meeting at a third place (044), as the codebook codes them. Returns the code to
 * give the event from src to tgt. */
static uint32_t meeting_code(const sent_ctx *s, const vmatch *v, const part *src, const part *tgt,
                             uint32_t cameo) {
  const gesta_dict *d = s->d;
  const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, cameo);
  if (strcmp(cm->code, "040") != 0 || !lex_own_rules(&d->opts)) return cameo;
  const char *where = place_after(s, v);
  /* "BRUSELAS (EFE).- Zelenski se reunió con el primer ministro belga": with no place in its
   * sentence, a meeting with a side of the dateline's country is held there. */
  if (!where && s->dateline && (of_country(tgt->code, s->dateline) ||
                                of_country(src->code, s->dateline)))
    where = s->dateline;
  if (!where) return cameo;
  const char *code = of_country(tgt->code, where)   ? "042"
                     : of_country(src->code, where) ? "043"
                     : gesta__country_code(src->code) && gesta__country_code(tgt->code) &&
                             strncmp(src->code, tgt->code, 3) != 0
                         ? "044"
                         : NULL;
  const lex_cameo *to = code ? gesta__lex_cameo(d, code) : NULL;
  return to ? (uint32_t)(to - (const lex_cameo *)d->cameo.data) : cameo;
}

/* "The army deployed troops to the area", "Noboa ordenó el despliegue de 4.000 militares": forces
 * sent with no one named to protect, or within their own country, are no protection (074) but
 * the mobilisation of forces (154), as the codebook's 074 ("forces for protection") and 154
 * ("increase the number of military personnel") read. */
static uint32_t protection_code(const sent_ctx *s, const part *src, const part *tgt,
                                uint32_t cameo) {
  const gesta_dict *d = s->d;
  if (strcmp(GVEC_AT(&d->cameo, lex_cameo, cameo).code, "074") != 0 || !lex_own_rules(&d->opts))
    return cameo;
  if (tgt && tgt->code[0] && !(gesta__country_code(src->code) && of_country(tgt->code, src->code)))
    return cameo;
  const lex_cameo *to = gesta__lex_cameo(d, "154");
  return to ? (uint32_t)(to - (const lex_cameo *)d->cameo.data) : cameo;
}

/* An event, and for a paired code ("032:033": a visit and its reception) the second event from
 * the target back to the source. With gesta's own rules, a code with a reverse code (data/
 * cameo.txt, ~CODE) is paired so by itself, as the codebook codes it: a visit (042) with its
 * hosting (043), talks (046) with the other side's talks. */
static int push_event(const sent_ctx *s, gvec *events, const part *src, const part *tgt,
                      const vmatch *v) {
  /* The code with the source's role and the meeting's place applied (push_one's role_code
   * leaves it as it is). */
  uint32_t code = role_code(s, v, src->code, v->cameo);
  if (tgt && tgt->code[0] && src->code[0]) code = meeting_code(s, v, src, tgt, code);
  if (src->code[0]) code = protection_code(s, src, tgt, code);
  /* "Xi said China was ready to ...": what an official says of their own country is said to
   * no one. */
  if (tgt && strlen(tgt->code) == 3 && strlen(src->code) > 3 && of_country(src->code, tgt->code) &&
      lex_own_rules(&s->d->opts) &&
      strcmp(GVEC_AT(&s->d->cameo, lex_cameo, code).root, "01") == 0)
    tgt = NULL;
  /* "Putin arrived in Moscow": going to one's own country is coming home, no visit. */
  if (tgt && strlen(tgt->code) == 3 && strlen(src->code) > 3 && of_country(src->code, tgt->code) &&
      lex_own_rules(&s->d->opts) &&
      strcmp(GVEC_AT(&s->d->cameo, lex_cameo, code).root, "04") == 0)
    return 0;
  if (push_one(s, events, src, tgt, v, code, 0)) return GESTA_ENOMEM;
  if (!tgt) return 0;
  if (v->pat->cameo2 != LEX_NULL_CODE) return push_one(s, events, tgt, src, v, v->pat->cameo2, 1);
  const gesta_dict *d = s->d;
  /* A source carried from an earlier sentence ("Por la tarde visitó la sede de la OTAN") has
   * no words here for the target of the second event to point at. */
  if (!tgt->code[0] || !src->code[0] || !src->m || !lex_own_rules(&d->opts)) return 0;
  const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, code);
  const lex_cameo *back = cm->reverse[0] ? gesta__lex_cameo(d, cm->reverse) : NULL;
  if (!back) return 0;
  return push_one(s, events, tgt, src, v, (uint32_t)(back - (const lex_cameo *)d->cameo.data), 1);
}

/* Two parts with one code are one actor ("el Gobierno ... el Ejecutivo" acts on no one), except
 * civilians: two private people named apart are two people ("Un hombre mató a una mujer",
 * "Desconocidos asesinaron a un transeúnte"). Only with gesta's own dictionaries: TABARI and
 * PETRARCH never code an actor acting on its own code. */
static int same_actor(const sent_ctx *s, const part *a, const part *b) {
  if (strcmp(a->code, b->code) != 0) return 0;
  const lex_options *o = &s->d->opts;
  if (!lex_own_rules(o) || !a->m || !b->m || a->m == b->m ||
      (a->m->group >= 0 && a->m->group == b->m->group))
    return 1;
  size_t n = strlen(a->code);
  return n < 3 || strcmp(a->code + n - 3, "CVL") != 0;
}

/* How many bytes of a part's code name its country: the code without its role ("MEX" in
 * "MEXEDU"), 0 for a bare role. */
static size_t country_len(const part *p) {
  size_t n = strlen(p->code), r = p->m && p->m->role ? strlen(p->m->role) : 0;
  if (r && r <= n && strcmp(p->code + n - r, p->m->role) == 0) return n - r;
  return n;
}

/* The code of a bare role `role` ("GOV") in the country that `country` starts with ("PAN..."),
 * made in the sentence's scratch memory: "PANGOV"; NULL when memory runs out. */
static const char *country_code_of(const sent_ctx *s, const char *country, const char *role) {
  size_t n = strlen(role);
  char *c = gesta__arena_alloc(s->scratch, n + 4);
  if (!c) return NULL;
  memcpy(c, country, 3);
  memcpy(c + 3, role, n + 1);
  return c;
}

/* "Los obreros de Panamá protestaron contra el presidente", "Kenyan teachers marched against the
 * ministry": a protest is the protesters' own country's affair, so a target named by a bare role
 * word is of the source's country. Only for protests (data/cameo.txt flag p), whose targets
 * are their own authorities unless the text says otherwise, and only with gesta's own
 * dictionaries. Returns GESTA_ENOMEM when the code cannot be made. */
static int own_country_target(const sent_ctx *s, const lex_cameo *cm, const part *src, part *tgt) {
  if (!cm->protest || !lex_own_rules(&s->d->opts) || !tgt->m || !tgt->m->role ||
      country_len(tgt) != 0 || !gesta__country_code(src->code) || country_len(src) != 3)
    return 0;
  const char *c = country_code_of(s, src->code, tgt->code);
  if (!c) return GESTA_ENOMEM;
  tgt->code = c;
  return 0;
}

static int locative_place(const sent_ctx *s, const mention *m);

/* "Miles de estudiantes protestaron en Caracas": a protest is held where its protesters are, so
 * a source named by a bare role word takes the country of a place after a locative word among
 * the targets, and that place is no target. Returns the index of the place in tgt, -1 when none,
 * -2 when the code cannot be made. */
static int protest_place(const sent_ctx *s, const lex_cameo *cm, part *src, const part *tgt,
                         int nt) {
  if (!cm->protest || !lex_own_rules(&s->d->opts) || !src->m || !src->m->role) return -1;
  size_t own = country_len(src);
  for (int j = 0; j < nt; j++) {
    if (!tgt[j].m || !locative_place(s, tgt[j].m) || !gesta__country_code(tgt[j].code)) continue;
    /* Protesters already of the place's country ("Unas 30.000 personas se congregaron en
     * París", the people located there) hold it there too. */
    if (own) {
      if (own == 3 && strncmp(src->code, tgt[j].code, 3) == 0) return j;
      continue;
    }
    const char *c = country_code_of(s, tgt[j].code, src->code);
    if (!c) return -2;
    src->code = c;
    return j;
  }
  return -1;
}

/* "The two leaders discussed relations between Brazil and Argentina", "Ambos líderes se
 * comprometieron a abrir un nuevo capítulo en las relaciones entre los dos países": coordinated
 * sources of two countries or more whose targets are their own countries, each of them, act
 * towards each other; the phrase naming both is no one else. */
static int own_countries_named(const part *src, int ns, const part *tgt, int nt) {
  if (ns < 2 || nt < 2) return 0;
  int distinct = 0;
  for (int i = 0; i < ns; i++) {
    if (!gesta__country_code(src[i].code)) return 0;
    int seen = 0, named = 0;
    for (int j = 0; j < i && !seen; j++) seen = memcmp(src[i].code, src[j].code, 3) == 0;
    distinct += !seen;
    for (int j = 0; j < nt && !named; j++) named = memcmp(src[i].code, tgt[j].code, 3) == 0;
    if (!named) return 0;
  }
  for (int j = 0; j < nt; j++) {
    int own = 0;
    for (int i = 0; i < ns && !own; i++)
      own = gesta__country_code(tgt[j].code) && memcmp(src[i].code, tgt[j].code, 3) == 0;
    if (!own) return 0;
  }
  return distinct >= 2;
}

static int emit(const sent_ctx *s, gvec *events, const part *src, int ns, const part *tgt, int nt,
                const vmatch *v) {
  const lex_cameo *cm = &GVEC_AT(&s->d->cameo, lex_cameo, v->cameo);
  /* Told in the future, a mutual act is a mutual intent: "Russia and China will hold talks"
   * is an intent to meet of each towards the other. */
  int mutual = cm->mutual || (v->pat->cameo != LEX_NULL_CODE && v->pat->cameo != v->cameo &&
                              GVEC_AT(&s->d->cameo, lex_cameo, v->pat->cameo).mutual);
  /* "Sarkozy and Hu met in Beijing": where they met is no partner of theirs. */
  if (nt == 1 && ns >= 2 && mutual && tgt[0].m && locative_place(s, tgt[0].m)) nt = 0;
  int towards_each = !s->d->opts.literal && own_countries_named(src, ns, tgt, nt);
  if ((nt == 0 && ns >= 2 && mutual) || towards_each) {
    for (int i = 0; i < ns; i++)
      for (int j = 0; j < ns; j++)
        if (i != j && strcmp(src[i].code, src[j].code) != 0)
          if (push_event(s, events, &src[i], &src[j], v)) return GESTA_ENOMEM;
    return 0;
  }
  /* "Sindicalistas, obreros y campesinos mexicanos marcharon": coordinated groups of one
   * country holding one protest hold it together: it is told once, with the one its code says
   * most about. Groups of different countries ("US and British activists") are told apart. */
  part lead[1];
  /* The code the first source gives the act ("bloquearon", by workers, is a blockade). */
  const lex_cameo *c0 =
      ns > 0 ? &GVEC_AT(&s->d->cameo, lex_cameo, role_code(s, v, src[0].code, v->cameo)) : cm;
  if (ns >= 2 && c0->protest && !s->d->opts.literal && src[0].m &&
      src[0].m->group >= 0) {
    int one = 1, best = 0;
    for (int i = 1; i < ns && one; i++) {
      one = src[i].m && src[i].m->group == src[0].m->group;
      for (int j = 0; j < i && one; j++) {
        size_t ci = country_len(&src[i]), cj = country_len(&src[j]);
        one = !ci || !cj || (ci == cj && memcmp(src[i].code, src[j].code, ci) == 0);
      }
      if (strlen(src[i].code) > strlen(src[best].code)) best = i;
    }
    if (one) {
      lead[0] = src[best];
      src = lead;
      ns = 1;
    }
  }
  for (int i = 0; i < ns; i++) {
    /* "académicos y universitarios mexicanos": a bare role coordinated with the same role of a
     * country ("EDU" with "MEXEDU") is of that country: the event is told once. */
    int same_role = 0;
    size_t li = strlen(src[i].code);
    for (int j = 0; j < ns && !same_role && li == 3; j++) {
      size_t lj = strlen(src[j].code);
      same_role = lj > li && memcmp(src[j].code + lj - li, src[i].code, li) == 0;
    }
    if (same_role && !s->d->opts.literal) continue;
    if (nt == 0) {
      if (push_event(s, events, &src[i], NULL, v)) return GESTA_ENOMEM;
      continue;
    }
    const lex_cameo *ci = &GVEC_AT(&s->d->cameo, lex_cameo, role_code(s, v, src[i].code, v->cameo));
    int pushed = 0;
    part sv = src[i];
    int placed = protest_place(s, cm, &sv, tgt, nt);
    if (placed == -2) return GESTA_ENOMEM;
    for (int j = 0; j < nt; j++) {
      if (j == placed || same_actor(s, &sv, &tgt[j])) continue;
      part t = tgt[j];
      if (own_country_target(s, cm, &sv, &t)) return GESTA_ENOMEM;
      if (t.code != tgt[j].code && strcmp(t.code, sv.code) == 0) continue;
      if (push_event(s, events, &sv, &t, v)) return GESTA_ENOMEM;
      pushed = 1;
      if (ci->protest && ci->quad == 4 && !s->d->opts.literal) break;
    }
    /* A protest whose only target is its own source ("los estudiantes de Kosovo marcharon en
     * Pristina") or the place where it was held still took place: it is coded with no target.
     * So is a statement about the speaker's own ("said his government would raise taxes"). */
    if (!pushed && (ci->protest || strcmp(ci->root, "01") == 0) && !s->d->opts.literal &&
        push_event(s, events, &sv, NULL, v))
      return GESTA_ENOMEM;
  }
  return 0;
}

/* Where the source slot's actor must start by: before the pattern's word after the slot. */
static uint32_t source_bound(const sent_ctx *s, const vmatch *v) {
  return v->source_end != UINT32_MAX ? v->source_end : s->b;
}

/* The subject a verb with none of its own takes: the previous verb's source, or else the speaker
 * whose words report it. Copies it into out; returns its number of parts (0: none). */
static int carried_subject(part *out, const part *prev, int nprev, const part *speaker,
                           int nspeaker) {
  const part *from = nprev ? prev : speaker;
  int n = nprev ? nprev : nspeaker;
  if (n) memcpy(out, from, sizeof(part) * (size_t)n);
  return n;
}

static int pronoun_before(const sent_ctx *s, uint32_t lo, uint32_t head) {
  for (uint32_t t = lo; t < head; t++)
    if (sc_cls(s, t, CLS_PRONOUN)) return 1;
  return 0;
}

/* A pronoun in [lo, head) with no mention after it before the verb: the verb's own subject
 * ("where he met"), not an article that only looks like one once accents are folded ("el
 * general Asim Munir"). */
static int pronoun_subject(const sent_ctx *s, uint32_t lo, uint32_t head) {
  for (uint32_t t = head; t-- > lo;)
    if (sc_cls(s, t, CLS_PRONOUN)) {
      size_t k = mention_at(s, t + 1);
      return k >= s->nm || s->m[k].a >= head;
    }
  return 0;
}

/* The verb before vi that is an event or a speech verb (complements do not count). */
/* A verb matched by a null pattern of its head alone ("HAS [---]" in other coders'
 * dictionaries): an auxiliary, which neither ends a clause nor starts one. */

static int prev_verb(const sent_ctx *s, size_t vi) {
  while (vi-- > 0)
    if (!s->v[vi].complement && !s->v[vi].nominal && !gesta__bare_null(&s->v[vi])) return (int)vi;
  return -1;
}

static int clause_break(const sent_ctx *s, uint32_t from, uint32_t head);
static int breaks_at(const sent_ctx *s, uint32_t t, uint32_t head);

/* The head of the next verb after vi, or the end of the sentence; a denial's clause also ends at
 * its complement ("negó haber atacado el hospital": the hospital is not the accuser). When the
 * next verb is a speech verb introduced after a comma (", officials on both sides said"), the
 * clause ends at that comma. With PETRARCH's dictionaries the verbs of the same clause do not end
 * it, and the next clause's start does. */
static uint32_t next_head(const sent_ctx *s, size_t vi) {
  for (size_t k = vi + 1; k < s->nv; k++) {
    /* A complement closes only a denial; a noun with no source of its own closes nothing
     * ("atacó con un coche bomba una base del ejército"). */
    if ((s->v[k].complement && !s->v[vi].deny) || s->v[k].nominal || gesta__bare_null(&s->v[k])) continue;
    uint32_t h = s->v[k].head;
    /* To PETRARCH's parser an infinitive lies inside the verb phrase before it ("abandoned
     * efforts to stop an anti-Gondor parade": the target is Gondor). */
    uint32_t f = s->v[k].first;
    if (s->d->opts.petrarch && f > s->a && sc_cls(s, f - 1, CLS_INFINITIVE)) continue;
    /* So does any verb of the same clause: PETRARCH codes one verb phrase per clause. */
    if (s->d->opts.petrarch && s->d->opts.code_by != CODE_ALL &&
        !clause_break(s, s->v[vi].last + 1, h))
      continue;
    /* And the verb phrase ends where the next clause begins (", a senior official said"). */
    if (s->d->opts.petrarch && s->d->opts.code_by != CODE_ALL && h > s->v[vi].last + 1) {
      /* The last clause start before the next verb: one scan back, not one per token. */
      uint32_t t = h;
      while (t > s->v[vi].last + 2 && !breaks_at(s, t - 1, h)) t--;
      return t > s->v[vi].last + 2 ? t - 1 : s->v[vi].last + 1;
    }
    /* A conjunction, then a speaker before a speech verb, ends the clause ("China stayed
     * silent and Russia's envoy said ...": Russia is no target of the silence). */
    for (uint32_t t = s->v[vi].last + 1; t < h; t++) {
      if (s->v[k].speech && gesta__tok_is(&s->tok[t], ',')) break; /* the speaker's phrase holds no comma */
      if (!sc_cls(s, t, CLS_COORD) || !breaks_at(s, t, h)) continue;
      uint32_t u = t + (uint32_t)sc_cls(s, t, CLS_COORD);
      while (u < h && sc_cls(s, u, CLS_ARTICLE)) u++;
      if (u >= h || !s->in_mention[u - s->a]) continue;
      if (s->v[k].speech) return t;
      /* So does any verb whose subject stands right before it after a conjunction ("China
       * stayed silent, but France condemned Iran": France is no target of the silence). */
      size_t m = mention_at(s, u);
      if (m < s->nm && s->m[m].a == u && s->m[m].b == h && !s->v[k].passive) return t;
    }
    if (s->v[k].speech)
      for (uint32_t t = h; t > s->v[vi].last + 1 && h - t < 8; t--)
        if (gesta__tok_is(&s->tok[t - 1], ',')) return t - 1;
    return h;
  }
  return s->b;
}

/* "pledged Iran's full cooperation": a possessor of the source's own country is not a target. */
static int own_possessor(const sent_ctx *s, const mention *m, const char *src_code) {
  if (m->b >= s->b || !sc_cls(s, m->b, CLS_LINK) || !src_code) return 0;
  return gesta__tok_genitive(&s->tok[m->b]) && strncmp(m->code, src_code, 3) == 0 &&
         strlen(m->code) >= 3;
}

/* "expelled Egypt's Muslim Brotherhood", "Lebanon's Hezbollah": a country as the possessor of an
 * actor of its own (a group, an organisation, a person, whose code starts with the country's)
 * only says whose the actor is: the actor is the one meant. */
static int possessor_of_own(const sent_ctx *s, const mention *m) {
  if (m->b + 1 >= s->b || strlen(m->code) != 3 || !gesta__tok_genitive(&s->tok[m->b])) return 0;
  size_t k = mention_at(s, m->b + 1);
  if (k >= s->nm || s->m[k].a != m->b + 1) return 0;
  const char *c = s->m[k].code;
  return strlen(c) > 3 && strncmp(c, m->code, 3) == 0;
}

/* Whether a conjunction stands between the end of a candidate subject and the verb: then the
 * candidate is the object of the verb before ("Macron visitó China y se reunió con Xi"). */
static int conj_between(const sent_ctx *s, uint32_t from, uint32_t head) {
  for (uint32_t t = from; t < head; t++)
    if (sc_cls(s, t, CLS_COORD) && !(gesta__tok_is(&s->tok[t], ','))) return 1;
  return 0;
}

/* Whether a new clause starts at token t, before the verb at head: a conjunction that does not
 * join two actors ("Eriadori and Calenardhon leaders" is one list). */
static int breaks_at(const sent_ctx *s, uint32_t t, uint32_t head) {
  if (!sc_cls(s, t, CLS_COORD)) return 0;
  int comma = gesta__tok_is(&s->tok[t], ',');
  uint32_t n = t + (uint32_t)sc_cls(s, t, CLS_COORD);
  while (n < head && sc_cls(s, n, CLS_ARTICLE)) n++;
  int joins = t > s->a && s->in_mention[t - 1 - s->a] && n < s->b && s->in_mention[n - s->a];
  /* Unless match.c's coordination told them apart ("expelled two diplomats and Peru recalled"). */
  if (joins && !s->d->opts.literal && !s->d->opts.petrarch) {
    size_t kn = mention_at(s, n);
    if (kn > 0 && kn < s->nm && s->m[kn].a == n && s->m[kn - 1].b == t &&
        s->m[kn].group != s->m[kn - 1].group)
      joins = 0;
  }
  /* Or the actors on both sides are one list (match.c's coordination). */
  size_t k = mention_at(s, t + 1);
  if (!joins && k > 0 && k < s->nm && s->m[k - 1].b <= t && s->m[k - 1].b + 1 >= t &&
      s->m[k].group == s->m[k - 1].group)
    joins = 1;
  if (joins) return 0;
  if (!comma) return 1;
  /* ", the official news agency said": a comma, then the verb's own subject (a clause to a
   * parser such as PETRARCH's; TABARI splits at conjunctions only). */
  if (s->d->opts.first_actor || gesta__phrase_comma(s, t)) return 0;
  for (uint32_t u = t + 1; u < head; u++) {
    /* ", almost five years after Calenardhon crowds burned down its embassy": to PETRARCH's
     * parser a clause opened by an adjunct word lies inside the verb phrase before it. */
    if (s->d->opts.petrarch && sc_cls(s, u, CLS_ADJUNCT)) break;
    if (s->in_mention[u - s->a]) return 1;
  }
  return 0;
}

/* Whether a new clause starts in [from, head). */
static int clause_break(const sent_ctx *s, uint32_t from, uint32_t head) {
  for (uint32_t t = from; t < head; t++)
    if (breaks_at(s, t, head)) return 1;
  return 0;
}

/* Where the clause of a verb starting at token `first` begins: after the last conjunction before
 * it that does not join actors (TABARI's compound sentences), else the sentence's start. */
static uint32_t clause_start(const sent_ctx *s, uint32_t first) {
  for (uint32_t t = first; t-- > s->a;)
    if (clause_break(s, t, t + 1)) return t + (uint32_t)sc_cls(s, t, CLS_COORD);
  return s->a;
}

/* Whether the word before a verb may stand between it and a subject named elsewhere: a function
 * word, a time expression, an adverb, a conjunction, a pronoun, punctuation or a capitalised
 * first word. A plain noun there ("whichever side breaks") is the verb's own unnamed subject. */
static int plain_word(const sent_ctx *s, uint32_t t) {
  const token *k = &s->tok[t];
  if (!(k->flags & TF_WORD) || (k->flags & TF_CAP) || s->in_mention[t - s->a]) return 0;
  return !(sc_cls(s, t, CLS_FUNCTION) || sc_cls(s, t, CLS_TIME) || sc_cls(s, t, CLS_ADVERB) ||
           sc_cls(s, t, CLS_COORD) || sc_cls(s, t, CLS_NEGATION) || sc_cls(s, t, CLS_PRONOUN) ||
           sc_cls(s, t, CLS_PASSIVE_AUX) || sc_cls(s, t, CLS_ARTICLE) ||
           sc_cls(s, t, CLS_COMPLEMENT));
}

/* "Un ataque contra una patrulla del ejército dejó tres muertos": the actor m right before the
 * verb stands in a phrase an [object_prepositions] word opens (only articles, link words, numbers
 * and plain words between), after a noun that opens its clause or follows a determiner. That
 * noun phrase is the verb's subject, and m what its noun is done to: the subject's actor is one
 * named in the phrase before the preposition ("el ataque guerrillero contra ..."), if any. Sets
 * *np to where the phrase begins and returns the preposition's place, or UINT32_MAX. */
static uint32_t object_phrase(const sent_ctx *s, uint32_t lo, const mention *m, uint32_t *np) {
  uint32_t p = UINT32_MAX;
  for (uint32_t t = m->a; t > lo && m->a - t < 6 && p == UINT32_MAX;) {
    t--;
    const token *k = &s->tok[t];
    if (sc_cls(s, t, CLS_OBJECT_PREP)) p = t;
    else if (s->in_mention[t - s->a] || !(k->flags & (TF_WORD | TF_NUM)) ||
             (!(k->flags & TF_NUM) && !sc_cls(s, t, CLS_ARTICLE) && !sc_cls(s, t, CLS_LINK) &&
              !plain_word(s, t)))
      return UINT32_MAX;
  }
  if (p == UINT32_MAX || p <= lo || (!plain_word(s, p - 1) && !s->in_mention[p - 1 - s->a]))
    return UINT32_MAX;
  uint32_t t = p - 1;
  while (t > lo && (plain_word(s, t - 1) || sc_cls(s, t - 1, CLS_LINK) ||
                    (s->in_mention[t - 1 - s->a] && !sc_cls(s, t - 1, CLS_ARTICLE))))
    t--;
  if (t > lo && sc_cls(s, t - 1, CLS_ARTICLE)) t--;
  else if (t > lo && !(s->tok[t - 1].flags & TF_CLAUSE)) return UINT32_MAX;
  *np = t;
  return p;
}

/* The mention holding token t, or NULL. */
static const mention *mention_holding(const sent_ctx *s, uint32_t t) {
  /* Mentions are in text order: the one holding t starts at or before it, shortly. */
  for (size_t k = mention_at(s, t + 1); k-- > 0 && s->m[k].a + 64 > t;)
    if (s->m[k].a <= t && t < s->m[k].b) return &s->m[k];
  return NULL;
}

/* "Un terremoto sacudió Marruecos", "Chile's wildfires killed 100 people", "los incendios de
 * Chile mataron a 100 personas", "Mexican stocks rallied", "Brazil's coach threatened": a noun
 * of [disaster_nouns], [market_nouns] or [sport_nouns] heading the noun phrase that ends right
 * before the verb is its subject, and no actor's. Between the noun and the verb stand only plain
 * words, articles, numbers, time words, country adjectives and what a link word or a preposition
 * opens ("de Chile", "in the south"); the noun's phrase opens its clause (no preposition before
 * it: "tras el terremoto, Marruecos pidió ayuda" has Morocco for subject). */
static int disaster_subject(const sent_ctx *s, uint32_t lo, uint32_t first) {
  uint32_t t = first, noun = UINT32_MAX;
  int need_link = 0; /* an actor passed that no link word or preposition opens yet */
  while (t > lo && first - t < 10 && noun == UINT32_MAX) {
    uint32_t u = --t;
    const token *k = &s->tok[u];
    if (s->in_mention[u - s->a]) {
      const mention *m = mention_holding(s, u);
      if (!m || !m->adj) need_link = 1;
    } else if ((sc_cls(s, u, CLS_DISASTER) || sc_cls(s, u, CLS_MARKET) ||
                sc_cls(s, u, CLS_SPORT)) &&
               !need_link) {
      noun = u;
    } else if (sc_cls(s, u, CLS_LINK) || sc_cls(s, u, CLS_PREPOSITION) ||
               sc_cls(s, u, CLS_LOCATIVE) || sc_cls(s, u, CLS_OBJECT_PREP)) {
      need_link = 0;
    } else if (!(plain_word(s, u) || sc_cls(s, u, CLS_ARTICLE) || sc_cls(s, u, CLS_NUMBER) ||
                 sc_cls(s, u, CLS_TIME) || (k->flags & TF_NUM) || (k->flags & TF_DASH) ||
                 (u + 1 == first && sc_cls(s, u, CLS_REFLEXIVE)))) {
      return 0;
    }
  }
  if (noun == UINT32_MAX) return 0;
  /* A pattern's own word: "abrieron fuego", "opened fire" (verbs are in text order, and a
   * pattern is short). */
  for (size_t j = verb_from(s, noun > 64 ? noun - 64 : 0); j < s->nv; j++) {
    if (s->v[j].head >= noun) break;
    if (noun <= s->v[j].last) return 0;
  }
  /* The noun's phrase: articles, numbers, plain words, adjectives and a possessor before it; a
   * finite verb before it has it for object ("abrieron fuego", "opened fire"). */
  t = noun;
  while (t > lo) {
    uint32_t u = t - 1;
    const token *k = &s->tok[u];
    if (plain_word(s, u) && gesta__finite_form(s, k)) return 0;
    if (s->in_mention[u - s->a] || plain_word(s, u) || sc_cls(s, u, CLS_ARTICLE) ||
        sc_cls(s, u, CLS_NUMBER) || sc_cls(s, u, CLS_POSSESSIVE) || (k->flags & TF_NUM) ||
        (k->flags & TF_DASH) || ((k->flags & TF_WORD) && k->norm_len && k->norm[0] == '\''))
      t = u;
    else
      break;
  }
  return t == lo || !(sc_cls(s, t - 1, CLS_LINK) || sc_cls(s, t - 1, CLS_PREPOSITION) ||
                      sc_cls(s, t - 1, CLS_LOCATIVE) || sc_cls(s, t - 1, CLS_PASSIVE_BY) ||
                      sc_cls(s, t - 1, CLS_OBJECT_PREP));
}

/* "Morocco was struck by a powerful earthquake", "victims killed by the Malaysia Airlines flight
 * MH17 crash": the agent after the passive's "by" is a disaster (only articles, numbers, plain
 * words and names before its noun). */
static int disaster_agent(const sent_ctx *s, const vmatch *v) {
  for (uint32_t t = v->head + 1; t < s->b && t <= v->last + 3; t++) {
    uint32_t len = (uint32_t)sc_cls(s, t, CLS_PASSIVE_BY);
    if (!len) continue;
    for (uint32_t u = t + len; u < s->b && u < t + len + 8; u++) {
      if (sc_cls(s, u, CLS_DISASTER) || sc_cls(s, u, CLS_MARKET)) return 1;
      const token *k = &s->tok[u];
      if (!(sc_cls(s, u, CLS_ARTICLE) || sc_cls(s, u, CLS_NUMBER) || plain_word(s, u) ||
            (k->flags & TF_NUM) || s->in_mention[u - s->a] ||
            ((k->flags & TF_WORD) && (k->flags & (TF_CAP | TF_UPPER)))))
        return 0;
    }
    return 0;
  }
  return 0;
}

/* Whether a verb in [lo, to) has a disaster for subject, matched or not ("Un terremoto sacudió
 * Marruecos": no pattern reads "sacudir"). */
static int disaster_clause(const sent_ctx *s, uint32_t lo, uint32_t to) {
  for (uint32_t w = lo + 1; w < to; w++)
    if (plain_word(s, w) && disaster_subject(s, lo, w)) return 1;
  return 0;
}

/* "Si el Gobierno no nos escucha radicalizaremos la lucha": an actor after a word of
 * [unrealised_clauses] with no clause mark between it and the verb after is the condition's
 * subject, not that verb's. */
static int in_condition(const sent_ctx *s, uint32_t a, uint32_t verb) {
  for (uint32_t t = a; t < verb; t++)
    if (s->tok[t].flags & (TF_CLAUSE | TF_TERM)) return 0;
  for (uint32_t t = a; t-- > s->a;) {
    if (s->tok[t].flags & (TF_CLAUSE | TF_TERM)) return 0;
    if (sc_cls(s, t, CLS_UNREALISED) && !(t > s->a && sc_cls(s, t - 1, CLS_PREPOSITION)))
      return 1;
  }
  return 0;
}

/* Whether the verb may take a subject named elsewhere: not when a noun phrase of plain words
 * stands right before it ("the statistics office said", "where an earthquake killed"), for that
 * is its own, unnamed subject. A plain word without a determiner before it may be a verb we do
 * not know ("carried out mass killings"), which does not close the subject. */
static int open_subject(const sent_ctx *s, uint32_t head) {
  if (head <= s->a || !plain_word(s, head - 1)) return 1;
  /* "issued a statement calling for": what a document says is its issuer's act. */
  if (sc_cls(s, head - 1, CLS_DOCUMENT) && gesta__nonfinite_form(s, &s->tok[head])) return 1;
  for (uint32_t t = head - 1; t > s->a && head - t <= 3;) {
    t--;
    if (sc_cls(s, t, CLS_ARTICLE)) {
      /* "Los ministros de la región condenaron", "the ministers of the region condemned": a
       * noun phrase after a link word right after an actor is that actor's complement. */
      uint32_t link = sc_cls(s, t, CLS_LINK) ? t : t - 1; /* "del puerto": one word */
      return link > s->a && sc_cls(s, link, CLS_LINK) && s->in_mention[link - 1 - s->a];
    }
    if (!plain_word(s, t)) return 1;
  }
  return 1;
}

#define RELATIVE_REACH 40

/* The actor a relative clause after token end - 1 is about: the mention ending there, or one
 * followed by a complement of its own ("los trabajadores del puerto, que"): a preposition, an
 * article and one or two plain words. s->nm when there is none. */
static size_t antecedent_at(const sent_ctx *s, uint32_t end, uint16_t paren) {
  uint32_t t = end;
  for (int n = 0; n < 2 && t > s->a + 1 && plain_word(s, t - 1); n++) t--;
  if (t < end && t > s->a + 2 && sc_cls(s, t - 1, CLS_ARTICLE) &&
      sc_cls(s, t - 2, CLS_PREPOSITION))
    t -= 2;
  else if (t < end && t > s->a + 1 && sc_cls(s, t - 1, CLS_PREPOSITION))
    t--;
  else
    t = end;
  for (size_t k = mention_at(s, t); k-- > 0;) {
    const mention *m = &s->m[k];
    if (m->b < t) break;
    if (m->b == t && usable(m, paren)) return k;
  }
  return s->nm;
}

/* A comma or a dash, which may stand between an actor and the relative about it ("Moscow and
 * Beijing -- which have resisted"). */
static int clause_mark(const sent_ctx *s, uint32_t t) {
  return gesta__tok_is(&s->tok[t], ',') || (s->tok[t].flags & TF_DASH);
}

/* Where the antecedent of the relative word at r ends: r, less the commas and dashes before it. */
static uint32_t antecedent_end(const sent_ctx *s, uint32_t r) {
  while (r > s->a + 1 && clause_mark(s, r - 1)) r--;
  return r;
}

/* "Paramilitares que se movilizaban en una motocicleta asesinaron", "troops who crossed the
 * border attacked": when the nearest relative word before the verb follows an actor directly (or
 * after a comma), and a clause stands between them, that actor is the verb's subject. Returns
 * the number of parts put in out (0: none; -1: the subject is a plain noun, no actor) and the
 * relative's token in *at. */
static int relative_antecedent(const sent_ctx *s, size_t vi, uint16_t paren, part *out,
                               uint32_t *at) {
  const vmatch *v = &s->v[vi];
  /* A relative clause is short: the search stops RELATIVE_REACH tokens before the verb. */
  uint32_t stop = v->first - s->a > RELATIVE_REACH ? v->first - RELATIVE_REACH : s->a;
  for (uint32_t r = v->first; r-- > stop;) {
    if (s->tok[r].flags & TF_TERM) return 0;
    if (!sc_cls(s, r, CLS_SUBJ_RELATIVE)) continue;
    /* The relative clause's own verb has its own subject ("Russia, which Ukraine attacked");
     * a verb after the clause has a verb, a finite form or a comma between ("who crossed the
     * border attacked", "which Ukraine attacked last week, condemned"). Verbs are in text
     * order: the one before this verb is the one to look at. */
    int clause = vi > 0 && s->v[vi - 1].head > r;
    for (uint32_t t = r + 1; t < v->first && !clause; t++)
      clause = gesta__tok_is(&s->tok[t], ',') ||
               (!s->in_mention[t - s->a] && gesta__finite_form(s, &s->tok[t]));
    if (!clause) return 0;
    uint32_t end = antecedent_end(s, r);
    size_t k = antecedent_at(s, end, paren);
    if (k == s->nm) {
      /* "Los presos, que exigen al Gobierno ..., marcharon": a plain noun before a relative
       * set off by a comma is the verb's own subject, unnamed (-1). */
      if (end < r && end > s->a && plain_word(s, end - 1)) {
        *at = r;
        return -1;
      }
      return 0;
    }
    *at = r;
    return group_parts(s, k, s->a, s->m[k].b, out);
  }
  return 0;
}

/* The start of an object relative ("a los que", "whom") that ends right before the head, with
 * only clitics between, or UINT32_MAX. */
static uint32_t object_relative(const sent_ctx *s, uint32_t lo, uint32_t head) {
  for (uint32_t t = head > lo + 5 ? head - 5 : lo; t < head; t++) {
    uint8_t len = (uint8_t)sc_cls(s, t, CLS_OBJREL);
    if (!len || t + len > head) continue;
    uint32_t q = t + len;
    while (q < head && sc_cls(s, q, CLS_FUNCTION) && !(s->tok[q].flags & TF_CLAUSE)) q++;
    if (q == head) return t;
  }
  return UINT32_MAX;
}

/* Where the noun phrase of a nominal head starts: back over determiners, prepositions,
 * numbers and up to two plain words ("en una gran protesta"). */
static uint32_t noun_phrase_start(const sent_ctx *s, uint32_t head) {
  uint32_t t = head;
  int plain = 0;
  while (t > s->a) {
    uint32_t k = t - 1;
    const token *tk = &s->tok[k];
    if (s->in_mention[k - s->a]) break;
    if (sc_cls(s, k, CLS_ARTICLE) || sc_cls(s, k, CLS_PREPOSITION) || (tk->flags & TF_NUM)) {
      t = k;
      continue;
    }
    if (plain_word(s, k) && ++plain <= 2) {
      t = k;
      continue;
    }
    break;
  }
  return t;
}

/* The source of an event named by a noun: "la protesta de los maestros" names it after the
 * noun; "los maestros realizaron una protesta" names it as the subject of a verb gesta does not
 * know (a known verb, "condenó el ataque", makes the noun its object instead). */
/* "huelga de maestros", "the attack of the army": for agentive codes, the actor named right
 * after the noun with a link word; not after a noun that names what befell someone ("the
 * killing of a journalist", "el bombardeo de Gaza": data/lang [patient_nouns]). */
static int of_source(const sent_ctx *s, const vmatch *v, part *out) {
  uint32_t t = v->last + 1;
  uint8_t len = t < s->b ? (uint8_t)sc_cls(s, t, CLS_LINK) : 0;
  if (len && GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).agentive &&
      !sc_cls(s, v->head, CLS_PATIENT_NOUN))
    for (size_t k = mention_at(s, t + len); k < s->nm && s->m[k].a <= t + len + 1; k++)
      if (usable(&s->m[k], v->paren)) return group_parts(s, k, s->m[k].a, s->b, out);
  return 0;
}

/* "the arrest of the opposition leader by the police", "la detención de veinte periodistas por
 * la policía", "el secuestro de dos niños por parte de la guerrilla": after a noun of a material
 * conflict (quad class 4) and its patient phrase (link words, articles, numbers, actors and plain
 * words), the actor right after an agent word ([passive_by]) is who did it. */
static int by_agent(const sent_ctx *s, const vmatch *v, part *out) {
  if (s->d->opts.literal || v->cameo == LEX_NULL_CODE ||
      GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).quad != 4)
    return 0;
  int plain = 0, linked = 0;
  /* The pattern may hold the link word itself ("expulsion of +"). */
  for (uint32_t t = v->head + 1; t <= v->last; t++)
    if (sc_cls(s, t, CLS_LINK)) linked = 1;
  for (uint32_t t = v->last + 1; t < s->b && t <= v->last + 10; t++) {
    for (size_t k = 0; k < s->nv; k++)
      if (s->v[k].first <= t && s->v[k].last >= t) return 0; /* a verb of its own */
    uint8_t len = (uint8_t)sc_cls(s, t, CLS_PASSIVE_BY);
    /* Right after the noun, "por" tells a route or a cause ("la gira por Francia"). */
    if (len && !linked) return 0;
    if (len && !s->in_mention[t - s->a]) {
      uint32_t q = t + len;
      if (q < s->b && sc_cls(s, q, CLS_ARTICLE)) q++;
      size_t k = mention_at(s, q);
      if (k < s->nm && s->m[k].a == q && usable(&s->m[k], v->paren))
        return group_parts(s, k, q, s->b, out);
      return 0;
    }
    if (sc_cls(s, t, CLS_LINK)) linked = 1;
    if (!(s->in_mention[t - s->a] || sc_cls(s, t, CLS_LINK) || sc_cls(s, t, CLS_ARTICLE) ||
          sc_cls(s, t, CLS_NUMBER) || (s->tok[t].flags & TF_NUM) ||
          (plain_word(s, t) && ++plain <= 3 && !gesta__participle(s, &s->tok[t]) &&
           !gesta__finite_form(s, &s->tok[t]) && !gesta__nonfinite_form(s, &s->tok[t]))))
      return 0;
  }
  return 0;
}

/* Whether mention m is the doer by_agent finds for a noun of an act before token `before`
 * ("The arrest of X by the police sparked riots": the police are no subject of "sparked"). */
static int agent_of_noun(const sent_ctx *s, const mention *m, uint32_t before) {
  part tmp[MAX_PARTS];
  /* Only a noun shortly before the doer can name it: the verbs are in text order. */
  for (size_t k = verb_from(s, m->a > 64 ? m->a - 64 : 0); k < s->nv && s->v[k].last < before; k++)
    if ((s->v[k].nominal || s->v[k].after_marker) &&
        by_agent(s, &s->v[k], tmp) && tmp[0].m && tmp[0].m->group == m->group)
      return 1;
  return 0;
}

/* The doer by_agent finds for the act a verb's object names: a noun its pattern matched
 * ("condenó la detención de ... por ...") or one right after it ("condemned the arrest of ...
 * by ..."). */
static int act_agent(const sent_ctx *s, size_t vi, part *out, uint32_t *act_head) {
  const vmatch *v = &s->v[vi];
  for (size_t k = vi + 1; k < s->nv; k++) {
    const vmatch *w = &s->v[k];
    if (w->inner || ((w->nominal || w->after_marker) && w->head > v->last &&
                     w->head <= v->last + 4 && w->paren == v->paren)) {
      if (w->cameo != LEX_NULL_CODE && GVEC_AT(&s->d->cameo, lex_cameo, w->cameo).quad == 4)
        *act_head = w->head;
      return by_agent(s, w, out);
    }
    if (w->head > v->last) break;
  }
  return 0;
}

/* The subject opening the clause of a non-finite verb v whose actor right before (or before a
 * comma) is an object: after a preposition other than a link word ("at the court", "ante la
 * ONU") or right after or inside a verb's pattern ("criticó a Ucrania"). That subject stands at
 * the clause's start, after articles and time words only. Writes it to out and returns its
 * parts, or 0. */
static int gerund_subject(const sent_ctx *s, const vmatch *v, part *out) {
  if (v->first != v->head || v->head <= s->a || !gesta__nonfinite_form(s, &s->tok[v->head]))
    return 0;
  uint32_t end = v->head;
  if (gesta__tok_is(&s->tok[end - 1], ',')) end--;
  size_t j = mention_at(s, end);
  while (j > 0 && s->m[j - 1].b > end) j--;
  if (j == 0 || s->m[j - 1].b != end) return 0;
  const mention *m = &s->m[j - 1];
  uint32_t p = m->a;
  while (p > s->a && sc_cls(s, p - 1, CLS_ARTICLE)) p--;
  if (p == s->a) return 0;
  /* ("to the United Nations": "to" before a noun phrase is a preposition too) */
  int object = (sc_cls(s, p - 1, CLS_PREPOSITION) || sc_cls(s, p - 1, CLS_OBJECT_PREP) ||
                sc_cls(s, p - 1, CLS_INFINITIVE)) &&
               !sc_cls(s, p - 1, CLS_LINK);
  /* ("expulsó al embajador venezolano acusando": the verb's pattern may take the actor's words) */
  for (size_t k = 0; k < s->nv && !object; k++)
    object = s->v[k].head < p && s->v[k].last + 1 >= p && s->v[k].last < v->head &&
             !s->v[k].nominal;
  if (!object) return 0;
  uint32_t cs = clause_start(s, p);
  uint32_t t = cs;
  while (t < p && (sc_cls(s, t, CLS_ARTICLE) || sc_cls(s, t, CLS_TIME))) t++;
  size_t k = mention_at(s, t);
  if (k >= s->nm || s->m[k].a != t || &s->m[k] == m || s->m[k].b >= p ||
      !usable(&s->m[k], v->paren))
    return 0;
  return group_parts(s, k, t, p, out);
}

static int nominal_source(const sent_ctx *s, size_t vi, uint32_t lo, part *out) {
  const vmatch *v = &s->v[vi];
  int n = by_agent(s, v, out);
  if (n) return n;
  n = of_source(s, v, out);
  if (n) return n;
  /* A demand voiced by a protest: the protest's subject, wherever it stands. */
  if (v->voiced) return subject_before(s, s->a, v->light_head - 1, v->paren, out);
  if (v->light_head) return subject_before(s, lo, v->light_head - 1, v->paren, out);
  /* "The ILO reiterated its demand that Israel ease restrictions": a noun right after a
   * possessive ([possessives]) right after a speech verb is the speaker's own. */
  if (v->head >= s->a + 2 && sc_cls(s, v->head - 1, CLS_POSSESSIVE))
    for (size_t k = 0; k < vi; k++)
      if (s->v[k].speech && !s->v[k].negated && s->v[k].last + 2 == v->head)
        return speaker_of(s, k, out);
  /* "MINEROS EN HUELGA": an actor right before a locative word right before the noun is in
   * that state, and its source. */
  if (v->head >= s->a + 2 && sc_cls(s, v->head - 1, CLS_LOCATIVE) == 1 &&
      s->in_mention[v->head - 2 - s->a])
    return subject_before(s, lo, v->head - 1, v->paren, out);
  /* So is the sentence's opening actor the state follows after a comma: "Los médicos, en
   * huelga desde hace diez semanas, ..." (not one further in: "contra el presidente, en
   * protesta por ..."). */
  if (v->head >= s->a + 3 && sc_cls(s, v->head - 1, CLS_LOCATIVE) == 1 &&
      gesta__tok_is(&s->tok[v->head - 2], ',') && s->in_mention[v->head - 3 - s->a]) {
    int got = subject_before(s, s->a, v->head - 2, v->paren, out);
    uint32_t t = s->a;
    while (got && out[0].m && t < out[0].m->a &&
           (sc_cls(s, t, CLS_ARTICLE) || sc_cls(s, t, CLS_NUMBER) || (s->tok[t].flags & TF_NUM)))
      t++;
    if (got && out[0].m && t == out[0].m->a) return got;
  }
  /* "EN HUELGA LOS MINEROS RUSOS": opening the sentence, the same state names its actor after
   * the noun. */
  if (v->head == s->a + 1 && sc_cls(s, s->a, CLS_LOCATIVE) == 1 && v->last + 1 < s->b) {
    uint32_t t = v->last + 1;
    if (sc_cls(s, t, CLS_ARTICLE) && t + 1 < s->b) t++;
    size_t k = mention_at(s, t);
    if (k < s->nm && s->m[k].a == t && usable(&s->m[k], v->paren))
      return group_parts(s, k, t, s->b, out);
  }
  uint32_t np = noun_phrase_start(s, v->head);
  if (np == v->head || np <= s->a) return 0;
  uint32_t w = np - 1;
  /* "El ministro de Defensa, Iván Velásquez, ordenó el envío de": the comma closing an
   * apposition to the clause's first actor stands between it and the verb gesta does not
   * know. */
  if (gesta__tok_is(&s->tok[w], ',') && w > s->a && s->in_mention[w - 1 - s->a] &&
      plain_word(s, np)) {
    size_t k = mention_at(s, w); /* the mention before it is the one that ends there */
    if (k > 0 && s->m[k - 1].b == w && s->m[k - 1].a <= lo + 1) w = np;
  }
  /* "participaron en una protesta": a preposition opens the phrase; look before it too. */
  if (!plain_word(s, w)) {
    /* "the rebels carried out an attack": the phrase took in the verb gesta does not know,
     * right after its subject. */
    if (!s->in_mention[w - s->a] || !plain_word(s, np)) return 0;
    w = np;
  }
  for (size_t k = 0; k < s->nv; k++)
    if (s->v[k].head <= w && s->v[k].last >= w) return 0; /* a known verb's object */
  n = subject_before(s, lo, w, v->paren, out);
  /* "The arrest of X by the police sparked riots": the actor after an agent word is the doer
   * of the act before it, not the subject of the verb after. */
  if (n && out[0].m && agent_of_noun(s, out[0].m, v->head)) return 0;
  return n;
}

/* "El alcalde fue amenazado por paramilitares, denunció la Defensoría del Pueblo": in a language
 * that puts the subject of a reporting verb after it, a verb of saying something of what the
 * clause before tells (a statement, an appeal, a demand, a condemnation, a rejection, a threat:
 * roots 01, 02, 10 to 13) set off by a comma after a clause with a verb of its own, with an
 * actor right after it and nothing after that but a few words with no verb, has that actor as
 * subject. */
static int inverted_report(const sent_ctx *s, size_t vi, part *out) {
  static const char *const roots[] = {"01", "02", "10", "11", "12", "13"};
  const vmatch *v = &s->v[vi];
  const char *root = GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).root;
  if (!s->d->langs[s->lang].pro_drop || !lex_own_rules(&s->d->opts) || v->nominal ||
      v->first <= s->a + 2 || !gesta__tok_is(&s->tok[v->first - 1], ','))
    return 0;
  size_t r = 0;
  while (r < sizeof roots / sizeof roots[0] && strcmp(root, roots[r]) != 0) r++;
  if (r == sizeof roots / sizeof roots[0]) return 0;
  int clause = 0; /* "El canciller alemán, Friedrich Merz, visitó": an apposition, no clause */
  for (size_t j = 0; j < vi && !clause; j++) clause = !s->v[j].nominal;
  if (!clause) return 0;
  size_t k = mention_at(s, v->last + 1);
  while (k < s->nm && s->m[k].a <= v->last) k++;
  if (k >= s->nm || s->m[k].a > v->last + 3 || !usable(&s->m[k], v->paren)) return 0;
  size_t e = k;
  while (e + 1 < s->nm && s->m[e + 1].group == s->m[k].group) e++;
  uint32_t words = 0;
  for (uint32_t t = s->m[e].b; t < s->b; t++) words += (s->tok[t].flags & TF_WORD) != 0;
  if (words > 6) return 0;
  for (size_t j = vi + 1; j < s->nv; j++)
    if (!s->v[j].nominal) return 0;
  return group_parts(s, k, s->m[k].a, s->b, out);
}

static int reciprocal_after(const sent_ctx *s, const vmatch *v, uint32_t end) {
  for (uint32_t t = v->head + 1; t < end && t <= v->last + 4; t++)
    if (sc_cls(s, t, CLS_RECIPROCAL)) return 1;
  return 0;
}

static int bare_agent(const mention *m) {
  return !(m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME | MK_BOTH)) &&
         (strlen(m->code) <= 3 || m->grouped);
}

/* Whether m is a role word of people held ([held_people]: "prisoners of war", "presos
 * políticos") with no country, the object of an act that releases or exchanges people (0841,
 * 084, and the promise, refusal, appeal and demand of it): the people freed, not whom they are
 * freed to, so no target ("Ukraine and Russia swapped 246 prisoners of war" is an exchange
 * between them); so is a role word after such a word and a link ("the bodies of 500
 * soldiers"). With a country the country stays ("released ten Ukrainian prisoners of war"). */
static int held_object(const sent_ctx *s, const vmatch *v, const mention *m) {
  static const char *const release[] = {"084", "0841", "0353", "1243", "0253", "1053"};
  if ((m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME | MK_BOTH)) || strlen(m->code) > 3 ||
      !lex_own_rules(&s->d->opts))
    return 0;
  const char *code = GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).code;
  size_t r = 0;
  while (r < sizeof release / sizeof release[0] && strcmp(code, release[r]) != 0) r++;
  if (r == sizeof release / sizeof release[0]) return 0;
  for (uint32_t t = m->a; t < m->b; t++)
    if (sc_cls(s, t, CLS_HELD)) return 1;
  /* "the bodies of 500 soldiers", "los cuerpos de 500 soldados": what is handed back. */
  for (uint32_t t = m->a, n = 0; t > s->a && n < 4; t--, n++) {
    if (sc_cls(s, t - 1, CLS_HELD)) return 1;
    if (!(s->tok[t - 1].flags & TF_NUM) && !sc_cls(s, t - 1, CLS_NUMBER) &&
        !sc_cls(s, t - 1, CLS_ARTICLE) && !sc_cls(s, t - 1, CLS_LINK))
      return 0;
  }
  return 0;
}

/* Whether m is a bare role word of the military ("troops", "tropas") with no country, the
 * object of a de-escalation (087 and the codes under it, and the promise, appeal, demand and
 * refusal of one): the forces the source pulls back, its own, no target ("India and China agreed
 * to pull back troops" is a promise between them). */
static int own_forces_object(const sent_ctx *s, const vmatch *v, const mention *m) {
  static const char *const deescalate[] = {"087",  "0871", "0872", "0873", "0874",
                                           "0356", "0256", "1056", "1246"};
  if ((m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME | MK_BOTH)) || strlen(m->code) > 3 ||
      !m->role || strcmp(m->role, "MIL") != 0 || !lex_own_rules(&s->d->opts))
    return 0;
  const char *code = GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).code;
  for (size_t r = 0; r < sizeof deescalate / sizeof deescalate[0]; r++)
    if (strcmp(code, deescalate[r]) == 0) return 1;
  return 0;
}

/* Whether m is a military role word that took its country from the place right after it ("tropas
 * en Estonia": ESTMIL), the object of a deployment (root 15, or military protection, 074). */
static int deployed_to_place(const sent_ctx *s, const vmatch *v, const mention *m) {
  const lex_cameo *c = &GVEC_AT(&s->d->cameo, lex_cameo, v->cameo);
  if ((memcmp(c->root, "15", 2) != 0 && strcmp(c->code, "074") != 0) || !m->role ||
      strcmp(m->role, "MIL") != 0 || strlen(m->code) != 6 ||
      (m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME | MK_BOTH)) || !lex_own_rules(&s->d->opts))
    return 0;
  uint32_t len = (uint32_t)sc_cls(s, m->b, CLS_LOCATIVE);
  size_t k = len ? mention_at(s, m->b + len) : s->nm;
  return k < s->nm && s->m[k].a == m->b + len && strlen(s->m[k].code) == 3 &&
         memcmp(s->m[k].code, m->code, 3) == 0;
}

/* "opened fire on protesters", "crack down on demonstrators": a role word closing a verb's
 * pattern after a preposition is what the act is done to, its object, not a word of the phrase
 * (a noun's "huelga de transportistas" names who strikes). */
static int pattern_object(const sent_ctx *s, const vmatch *v, const mention *m) {
  return !v->nominal && !v->after_marker && v->source_pos == UINT32_MAX &&
         m->b == v->last + 1 && m->a > v->head + 1 && sc_cls(s, m->a - 1, CLS_PREPOSITION);
}

/* Whether an event whose text names no source for it is coded: with the sourceless option, or
 * for codes whose event is news by itself, as a protest or strike by people unnamed ("la huelga
 * durará 24 horas": data/cameo.txt, flag u). Other coders' dictionaries code as they do. */
static int unnamed_ok(const sent_ctx *s, const vmatch *v) {
  if (s->sourceless) return 1;
  if (s->d->opts.literal) return 0;
  uint8_t u = GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).unnamed_source;
  return u == UNNAMED_ALWAYS || (u == UNNAMED_VERB && !v->nominal);
}

/* The empty source of an event whose text names no actor for it (unnamed_ok). */
static int no_source(part *src) {
  src[0].m = NULL;
  src[0].code = "";
  return 1;
}

/* A place after a locative word ("en Ecuador", "in Chile"), with up to two articles or plain
 * lowercase words between ("in northern Uganda", "in the war-torn Congo"), or a part of a place
 * and a link word (data/lang [place_parts]: "en el norte de Colombia", "in the east of the Gaza
 * Strip"): where the event happened. */
static int locative_place(const sent_ctx *s, const mention *m) {
  if (m->a <= s->a || m->role || (m->kinds & (MK_PERSON | MK_BOTH)) || strlen(m->code) != 3)
    return 0;
  uint32_t t = m->a - 1;
  uint32_t l = sc_cls(s, t, CLS_LINK) == 1                     ? 1
               : t > s->a && sc_cls(s, t - 1, CLS_LINK) == 2 ? 2
                                                               : 0;
  if (l && m->a - l > s->a + 1 && sc_cls(s, m->a - l - 1, CLS_PLACE_PART)) t = m->a - l - 2;
  for (int n = 0; n < 2 && t > s->a && !sc_cls(s, t, CLS_LOCATIVE); n++, t--) {
    const token *k = &s->tok[t];
    if (s->in_mention[t - s->a] || !(k->flags & TF_WORD) || (k->flags & (TF_CAP | TF_NUM)) ||
        (sc_cls(s, t, CLS_FUNCTION) && !sc_cls(s, t, CLS_ARTICLE)))
      return 0;
  }
  return sc_cls(s, t, CLS_LOCATIVE) != 0;
}

/* "went on strike in Chile", "fired at students in Caracas": a place after a locative word is
 * passed over for a later candidate; with no source named (only_place) it is no target at all. */
static int past_places(const sent_ctx *s, const vmatch *v, part *tgt, int nt, uint32_t to,
                       int exclude, uint16_t paren, int only_place) {
  /* "made his remarks in Doha": where a statement (root 01) was made is not what it is about. */
  if (!s->d->opts.literal && strcmp(GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).root, "01") == 0)
    only_place = 1;
  /* A locative word the pattern matched ("arrived in $") makes an object, not a place. */
  while (nt && tgt[0].m && tgt[0].m->a > v->last + 1 && locative_place(s, tgt[0].m)) {
    part alt[MAX_PARTS];
    int na = first_after(s, tgt[0].m->b, to, exclude, paren, alt);
    if (!na) return only_place ? 0 : nt;
    /* A role word alone after it ("arrived in Gondor on his official visit") is no better. */
    if (!only_place && alt[0].m && bare_agent(alt[0].m)) return nt;
    nt = na;
    memcpy(tgt, alt, sizeof(part) * (size_t)na);
  }
  return nt;
}

/* "Russia is holding military exercises in Alaska", "Israeli jets struck targets near Aleppo":
 * with no other target, a region or city of data/actors/places.txt or cities.txt after a
 * locative word (and articles, a part of a place and a link word: "in the north of Texas")
 * stands for its country, as a country named there does (past_places): the act is aimed at it.
 * Not a place of the source's own country, nor where one spoke (root 01) or protested (flag
 * p), nor a name of several countries. Writes tgt[0] (its mention made in scratch memory) and
 * returns 1; 0 for none, -1 when memory runs out. */
static int region_target(const sent_ctx *s, const vmatch *v, const part *src, uint32_t to,
                         part *tgt) {
  const lex_cameo *cm = &GVEC_AT(&s->d->cameo, lex_cameo, v->cameo);
  if (!lex_own_rules(&s->d->opts) || cm->protest || strcmp(cm->root, "01") == 0 ||
      country_len(src) != 3 || !gesta__country_code(src->code))
    return 0;
  for (uint32_t t = v->last + 1; t < to; t++) {
    uint32_t u = place_start(s, t, to);
    /* Or the act's object: "shelled the city of Kherson", "bombardearon Alepo". */
    if (u == t && t == v->last + 1)
      u = gesta__place_words(s, t + (uint32_t)sc_cls(s, t, CLS_OBJECT_PREP), to);
    else if (u == t) continue;
    const char *codes[8];
    uint32_t end = 0;
    size_t nc = gesta__lex_place(s->d, s->tok, u, to, s->lang, s->day, 0, codes, 8, &end);
    if (!nc) continue;
    if (nc > 1 || strncmp(codes[0], src->code, 3) == 0) return 0;
    mention *m = gesta__arena_alloc(s->scratch, sizeof *m);
    if (!m) return -1;
    memset(m, 0, sizeof *m);
    m->a = u;
    m->b = end;
    m->code = codes[0];
    m->kinds = MK_ACTOR;
    m->group = -1;
    tgt[0].m = m;
    tgt[0].code = codes[0];
    return 1;
  }
  return 0;
}

/* Drops the events from `first` on that `drop` picks; every event is judged against the whole
 * list as it was, before any is dropped. */
typedef int (*drop_fn)(const sent_ctx *s, const gvec *events, size_t first, size_t i);
static int drop_events(const sent_ctx *s, gvec *events, size_t first, drop_fn drop) {
  size_t n = events->len - first;
  if (!n) return 0;
  uint8_t *gone = gesta__arena_alloc(s->scratch, n);
  if (!gone) return GESTA_ENOMEM;
  for (size_t i = first; i < events->len; i++) gone[i - first] = (uint8_t)drop(s, events, first, i);
  size_t w = first;
  for (size_t i = first; i < events->len; i++)
    if (!gone[i - first]) GVEC_AT(events, raw_event, w++) = GVEC_AT(events, raw_event, i);
  events->len = w;
  return 0;
}

/* "An Israeli air strike killed two militants": an attack named by a noun right before the
 * verb of fighting it is the subject of is that verb's event, told with its weapon: the verb's
 * event takes the noun's code (195) and the noun's own event, with no target, goes. */
static void fold_weapon_nouns(const sent_ctx *s, gvec *events, size_t first) {
  for (size_t i = first; i < events->len; i++) {
    raw_event *e = &GVEC_AT(events, raw_event, i);
    const char *root = GVEC_AT(&s->d->cameo, lex_cameo, e->cameo).root;
    if (e->tgt_code[0] || !e->src_code[0] || strcmp(root, "19") != 0) continue;
    const char *src = e->src_code; /* "killed two militants and a civilian": every target */
    for (size_t j = first; j < events->len; j++) {
      raw_event *o = &GVEC_AT(events, raw_event, j);
      if (o->v->nominal || o->v->first <= e->v->last || o->v->first > e->v->last + 2 ||
          strcmp(o->src_code, src) != 0 || !o->tgt_code[0] ||
          strcmp(GVEC_AT(&s->d->cameo, lex_cameo, o->cameo).code, "190") != 0)
        continue;
      int clean = 1;
      for (uint32_t t = e->v->last + 1; t < o->v->first; t++)
        if (s->tok[t].flags & (TF_CLAUSE | TF_TERM)) clean = 0;
      if (!clean) continue;
      o->cameo = e->cameo;
      e->src_code = ""; /* dropped below as a sourceless repetition of the same root */
    }
  }
}

/* Events with no source named that repeat the root of an event whose source is named ("arrived
 * in Moscow for a four-day visit") are the same event told twice: drops them. */
static int repeated_sourceless(const sent_ctx *s, const gvec *events, size_t first, size_t i) {
  const raw_event *e = &GVEC_AT(events, raw_event, i);
  if (e->src_code[0]) return 0;
  for (size_t j = first; j < events->len; j++) {
    const raw_event *o = &GVEC_AT(events, raw_event, j);
    if (o->src_code[0] && strcmp(GVEC_AT(&s->d->cameo, lex_cameo, o->cameo).root,
                                 GVEC_AT(&s->d->cameo, lex_cameo, e->cameo).root) == 0)
      return 1;
  }
  return 0;
}

/* How generally a protest names itself: 2 for the plain code (140: "protestaron", "las
 * protestas"), 1 for a demonstration for a cause named by a noun (141x: "en protesta por la
 * detención de"), 0 otherwise. */
static int general_protest(const sent_ctx *s, const raw_event *e) {
  const lex_cameo *ce = &GVEC_AT(&s->d->cameo, lex_cameo, e->cameo);
  if (!ce->protest) return 0;
  if (strcmp(ce->code + 2, "0") == 0) return 2;
  return e->v->nominal && strlen(ce->code) == 4 && memcmp(ce->code + 2, "1", 1) == 0 ? 1 : 0;
}

/* A protest named in general terms (140: "protestaron", "las protestas", "en protesta"; or
 * only by its cause, "en protesta por la detención") beside a protest the sentence names more
 * precisely ("se manifestaron ... y protestaron", "un paro de 24 horas, en protesta por"), or
 * beside the threat of one ("realizarán una marcha, en protesta por"), is that protest told
 * again, when their sources agree or one is not named: drops it. */
static int generic_protest(const sent_ctx *s, const gvec *events, size_t first, size_t i) {
  const raw_event *e = &GVEC_AT(events, raw_event, i);
  const lex_cameo *ce = &GVEC_AT(&s->d->cameo, lex_cameo, e->cameo);
  int g = general_protest(s, e);
  if (!g) return 0;
  for (size_t j = first; j < events->len; j++) {
    const raw_event *o = &GVEC_AT(events, raw_event, j);
    const lex_cameo *co = &GVEC_AT(&s->d->cameo, lex_cameo, o->cameo);
    if (j != i && (strcmp(co->root, ce->root) == 0 || strcmp(co->code, ce->intent) == 0) &&
        strcmp(co->code, ce->code) != 0 && general_protest(s, o) < g &&
        (!e->src_code[0] || !o->src_code[0] || strcmp(e->src_code, o->src_code) == 0))
      return 1;
  }
  return 0;
}

/* Whether v opens a clause with a subject relative ("que", "quien") right after an actor, with
 * only reflexive clitics or a perfect auxiliary between it and the verb ("los maestros que se
 * oponen a la ley", "the group that has seized parts of Iraq"): 0 when not, 1 when it does,
 * 2 when the clause is told in the perfect. */
static int in_actor_relative(const sent_ctx *s, const vmatch *v) {
  uint32_t t = v->first;
  int perfect = 0;
  while (t > s->a && (sc_cls(s, t - 1, CLS_REFLEXIVE) || sc_cls(s, t - 1, CLS_PERFECT_AUX))) {
    perfect |= sc_cls(s, t - 1, CLS_PERFECT_AUX) != 0;
    t--;
  }
  if (t <= s->a + 1 || !sc_cls(s, t - 1, CLS_SUBJ_RELATIVE)) return 0;
  if (antecedent_at(s, antecedent_end(s, t - 1), v->paren) >= s->nm) return 0;
  return perfect ? 2 : 1;
}

/* The subject relative ("que", "who") that opens v's clause at most four words before it, or
 * UINT32_MAX. */
static uint32_t relative_before(const sent_ctx *s, const vmatch *v) {
  for (uint32_t t = v->first; t-- > (v->first > s->a + 5 ? v->first - 5 : s->a + 1);) {
    if ((s->tok[t].flags & (TF_CLAUSE | TF_TERM)) || s->in_mention[t - s->a]) return UINT32_MAX;
    if (sc_cls(s, t, CLS_SUBJ_RELATIVE)) return t;
  }
  return UINT32_MAX;
}

/* "Fueron detenidos veinte campesinos en Chiapas", "resultaron heridos ayer tres policías": in
 * a language that drops subjects, a passive with none before it may name it after the
 * participle, with only articles, numbers, quantities, time words and adverbs between; an actor
 * after a preposition ("en Chiapas", "por la policía") is none. */
static int postverbal_subject(const sent_ctx *s, const vmatch *v, uint32_t hi, part *out) {
  /* The pattern's own words may name it ("detenidos veinte estudiantes" under "detener
   * {estudiantes|...}"). */
  for (uint32_t t = v->head + 1; t < hi && t < s->b; t++) {
    if (s->in_mention[t - s->a]) {
      size_t k = mention_at(s, t);
      if (k < s->nm && s->m[k].a == t && usable(&s->m[k], v->paren))
        return group_parts(s, k, t, s->b, out);
      return 0;
    }
    uint32_t q = sc_cls(s, t, CLS_QUANTITY);
    if (q) {
      t += q - 1;
      continue;
    }
    /* The agent may come first: "fueron detenidos por la policía cuatro estudiantes". */
    q = sc_cls(s, t, CLS_PASSIVE_BY);
    if (q) {
      size_t k = mention_at(s, t + q);
      if (k == s->nm || s->m[k].a > t + q + 1) return 0;
      while (k + 1 < s->nm && s->m[k + 1].group == s->m[k].group) k++;
      t = s->m[k].b - 1;
      continue;
    }
    /* Where, before who: "fueron detenidos el martes en Caracas tres periodistas". */
    uint32_t u = place_start(s, t, hi);
    if (u > t && u < hi) {
      const char *codes[8];
      uint32_t end = 0;
      size_t k = mention_at(s, u);
      if (k < s->nm && s->m[k].a == u && mention_names_country(&s->m[k]))
        end = s->m[k].b;
      else if (!gesta__lex_place(s->d, s->tok, u, hi, s->lang, s->day, 0, codes, 8, &end))
        return 0;
      t = end - 1;
      continue;
    }
    if (!(s->tok[t].flags & (TF_WORD | TF_NUM)) || sc_cls(s, t, CLS_PREPOSITION)) return 0;
    if (!(s->tok[t].flags & TF_NUM) && !sc_cls(s, t, CLS_NUMBER) && !sc_cls(s, t, CLS_ARTICLE) &&
        !sc_cls(s, t, CLS_TIME) && !sc_cls(s, t, CLS_ADVERB))
      return 0;
  }
  return 0;
}

/* The subject relative before v (relative_before), unless it is the "que" that opens what a
 * verb of speech right before it reports ("se informó que exigen ..."): UINT32_MAX then. */
static uint32_t relative_not_reported(const sent_ctx *s, const vmatch *v) {
  uint32_t t = relative_before(s, v);
  if (t == UINT32_MAX) return t;
  for (size_t k = 0; k < s->nv; k++)
    if (s->v[k].speech && s->v[k].last + 1 == t) return UINT32_MAX;
  return t;
}

/* "la convulsión social que dejó 34 muertos": a verb right after a subject relative about a
 * plain noun (no actor, no verb form) has that noun as its subject, no actor named before it. */
static int noun_relative_subject(const sent_ctx *s, const vmatch *v) {
  uint32_t r = relative_not_reported(s, v);
  if (r == UINT32_MAX) return 0;
  /* "dijo este miércoles a la prensa que continuarán ...": the "que" of a report, a few words
   * after its verb of speech with no other relative between. */
  for (size_t k = 0; k < s->nv; k++) {
    if (!s->v[k].speech || s->v[k].last >= r || r - s->v[k].last > 7) continue;
    uint32_t t = s->v[k].last + 1;
    while (t < r && !(s->tok[t].flags & (TF_CLAUSE | TF_TERM)) && !sc_cls(s, t, CLS_SUBJ_RELATIVE))
      t++;
    if (t == r) return 0;
  }
  uint32_t e = antecedent_end(s, r);
  if (e <= s->a || !plain_word(s, e - 1) || gesta__finite_form(s, &s->tok[e - 1]) ||
      antecedent_at(s, e, v->paren) < s->nm)
    return 0;
  /* An actor with adjectives after it is the antecedent ("85 efectivos armados, que"). */
  uint32_t t = e;
  for (int n = 0; n < 2 && t > s->a && plain_word(s, t - 1); n++) t--;
  return !(t > s->a && s->in_mention[t - 1 - s->a]);
}

/* Whether v stands in a relative clause about an actor ("los jóvenes que encabezaron las
 * movilizaciones"). */
static int near_actor_relative(const sent_ctx *s, const vmatch *v) {
  uint32_t t = relative_before(s, v);
  if (t == UINT32_MAX) return 0;
  return antecedent_at(s, antecedent_end(s, t), v->paren) < s->nm;
}

/* "los maestros, que rechazan la reforma, marcharon": a verbal act (quad classes 1 to 3:
 * rejecting, accusing, praising, appealing) told in a relative clause about an actor describes
 * that actor; beside an event of the sentence told outside such a clause it is no event of its
 * own: drops it. Demands (10) stay: a protest's demand is coded with it ("marcharon, que
 * exigían"). */
static int relative_stance(const sent_ctx *s, const gvec *events, size_t first, size_t i) {
  const raw_event *e = &GVEC_AT(events, raw_event, i);
  const lex_cameo *ce = &GVEC_AT(&s->d->cameo, lex_cameo, e->cameo);
  /* "the militant group that has seized parts of Iraq": an act of any kind told in the perfect
   * in such a clause is what the actor has done before, background to the news. */
  int rel = in_actor_relative(s, e->v);
  if (!rel || (rel == 1 && (ce->quad == 4 || memcmp(ce->root, "10", 2) == 0))) return 0;
  for (size_t j = first; j < events->len; j++) {
    const raw_event *o = &GVEC_AT(events, raw_event, j);
    if (o->v != e->v && !in_actor_relative(s, o->v)) return 1;
  }
  return 0;
}

/* "se congregaron en la plaza, donde expresaron su oposición a las reformas": verbal
 * cooperation (quad class 1: statements, appeals, intents, consultations, praise) beside a
 * protest of the sentence (a demonstration, a strike, a blockade, a riot) is that protest's
 * voice, not news of its own: drops it. A protest told in a relative clause about an actor
 * ("ofreció un diálogo a los jóvenes que encabezaron las movilizaciones") is background and
 * does not count. */
static int voice_of_protest(const sent_ctx *s, const gvec *events, size_t first, size_t i) {
  const raw_event *e = &GVEC_AT(events, raw_event, i);
  const lex_cameo *ce = &GVEC_AT(&s->d->cameo, lex_cameo, e->cameo);
  /* So is a verbal act told in an object relative ("exigir la renuncia del gobernador, a quien
   * acusan de corrupto"): the protesters' view of the one they protest against. */
  int stance = ce->quad == 1 || (ce->quad <= 3 && memcmp(ce->root, "10", 2) != 0 &&
                                 object_relative(s, s->a, e->v->head) != UINT32_MAX);
  if (!stance) return 0;
  for (size_t j = first; j < events->len; j++) {
    const raw_event *o = &GVEC_AT(events, raw_event, j);
    const lex_cameo *co = &GVEC_AT(&s->d->cameo, lex_cameo, o->cameo);
    if (co->quad == 4 && co->protest && !near_actor_relative(s, o->v))
      return 1;
  }
  return 0;
}

/* "dijo que la huelga continuará": a speech verb reporting a material conflict named by a noun
 * (a strike, a clash, an attack) reports that event, not a statement, even when its source is
 * not named. */
static int reports_conflict_noun(const sent_ctx *s, const vmatch *speech) {
  for (size_t k = 0; k < s->nv; k++) {
    const vmatch *v = &s->v[k];
    if (v->head <= speech->last || !v->nominal || v->negated || v->pat->cameo == LEX_NULL_CODE)
      continue;
    if (GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).quad == 4) return 1;
  }
  return 0;
}

/* "..., informaron autoridades locales.": a speech verb after a comma that closes a report of
 * its own, not a quotation, names where the news came from, like "según". */
static int trailing_attribution(const sent_ctx *s, const vmatch *v) {
  if (v->head < s->a + 4) return 0;
  if (!gesta__tok_is(&s->tok[v->head - 1], ',')) {
    /* ", police officers said.": a comma, the speaker, the verb, and nothing more but time
     * words. */
    size_t k = mention_at(s, v->head);
    if (k == 0 || s->m[k - 1].b != v->head || s->m[k - 1].a < s->a + 4 ||
        !gesta__tok_is(&s->tok[s->m[k - 1].a - 1], ','))
      return 0;
    for (uint32_t t = v->last + 1; t < s->b; t++)
      if ((s->tok[t].flags & TF_WORD) && !sc_cls(s, t, CLS_TIME) && !sc_cls(s, t, CLS_FUNCTION))
        return 0;
    return 1;
  }
  const token *p = &s->tok[v->head - 2];
  if (gesta__tok_is(p, '"') || (p->flags & TF_CLOSE)) return 0;
  /* The speaker follows the verb ("informaron autoridades"), as in speaker_of's inversion; or
   * the comma does not close an apposition ("Emmanuel Macron, dijo"). */
  size_t k = mention_at(s, v->last + 1);
  if (k < s->nm && s->m[k].a <= v->last + 3) return 1;
  /* A speaker the dictionaries do not know follows the verb: "..., informaron dirigentes del
   * gremio", "..., confirmó un portavoz" (time words, adverbs and articles may stand between). */
  for (uint32_t t = v->last + 1; t < s->b && (s->tok[t].flags & TF_WORD); t++) {
    if (sc_cls(s, t, CLS_TIME) || sc_cls(s, t, CLS_ADVERB) || sc_cls(s, t, CLS_ARTICLE)) continue;
    if (!sc_cls(s, t, CLS_FUNCTION) && !sc_cls(s, t, CLS_PREPOSITION) &&
        !(s->tok[t].flags & TF_CAP))
      return 1;
    break;
  }
  return !s->in_mention[v->head - 2 - s->a];
}

/* Whether the sentence reports a game: it holds a score ("2-1", "por 3-0"), or tells where
 * something happened with a word of [sport_nouns] ("in the World Cup final", "en las
 * eliminatorias del Mundial": a locative word, then only articles, possessives, numbers and
 * plain words before it; "on the day of the World Cup final" is no game). */
static int sport_report(const sent_ctx *s) {
  const token *tok = s->tok;
  for (uint32_t t = s->a; t < s->b; t++) {
    if (sc_cls(s, t, CLS_SPORT)) {
      uint32_t u = t;
      while (u > s->a && (sc_cls(s, u - 1, CLS_ARTICLE) || sc_cls(s, u - 1, CLS_POSSESSIVE) ||
                          sc_cls(s, u - 1, CLS_NUMBER) || plain_word(s, u - 1)) &&
             !sc_cls(s, u - 1, CLS_LOCATIVE))
        u--;
      if (u > s->a && sc_cls(s, u - 1, CLS_LOCATIVE)) return 1;
    }
    if (t + 2 < s->b && (tok[t].flags & TF_NUM) && (tok[t + 1].flags & TF_DASH) &&
        gesta__tok_glued(tok, t + 1) && (tok[t + 2].flags & TF_NUM))
      return 1;
  }
  return 0;
}

/* A country named alone: no role, no adjective of a role word. */
static int bare_country(const mention *m, const char *code) {
  return m && m->kinds == MK_ACTOR && !m->role && code && strlen(code) == 3 &&
         gesta__country_code(code);
}

/* "Argentina derrotó a Francia por 3-0", "Brazil's coach threatened to drop three players": in
 * the report of a game a country named alone is its team, and a visit, a threat or force (roots
 * 04, 13, 17 to 20) between such names, or of one with no target, is sport, no political act. */
static int sport_event(const sent_ctx *s, const gvec *events, size_t first, size_t i) {
  (void)first;
  const raw_event *e = &GVEC_AT(events, raw_event, i);
  const char *root = GVEC_AT(&s->d->cameo, lex_cameo, e->cameo).root;
  if (!(memcmp(root, "04", 2) == 0 || memcmp(root, "13", 2) == 0 || memcmp(root, "17", 2) == 0 ||
        memcmp(root, "18", 2) == 0 || memcmp(root, "19", 2) == 0 || memcmp(root, "20", 2) == 0))
    return 0;
  return bare_country(e->src, e->src_code) &&
         (!e->tgt_code || !e->tgt_code[0] || bare_country(e->tgt, e->tgt_code));
}

int gesta__assign_roles(sent_ctx *s, doc_memory *mem, gvec *events) {
  part src[MAX_PARTS], tgt[MAX_PARTS], prev[MAX_PARTS], speaker[MAX_PARTS];
  int nprev = 0, nspeaker = 0;
  size_t first_event = events->len;
  int suppress = 0;
  /* The sentence's speaker, wherever the speech verb stands. */
  for (size_t vi = 0; vi < s->nv && !nspeaker; vi++)
    if (s->v[vi].speech && !s->v[vi].negated) nspeaker = speaker_of(s, vi, speaker);
  uint32_t clause_coded = UINT32_MAX; /* coding by clause: the last token of the verb coded */
  int disaster_prev = 0; /* the verb before had a disaster for subject ("the earthquake struck") */
  for (size_t vi = 0; vi < s->nv; vi++) {
    const vmatch *v = &s->v[vi];
    /* Complements, non-finite verbs and null patterns ("cumplir condena") only close clauses. */
    if (v->complement || v->nonfinite || v->hypothetical || v->pat->cameo == LEX_NULL_CODE)
      continue;
    /* TABARI and PETRARCH code one verb per clause: the next starts after a conjunction. */
    if (clause_coded != UINT32_MAX &&
        (s->d->opts.code_by == CODE_BY_SENTENCE || !clause_break(s, clause_coded + 1, v->head)))
      continue;
    if (s->d->opts.petrarch && s->d->opts.code_by != CODE_ALL) clause_coded = v->last;
    int pv = prev_verb(s, vi);
    uint32_t lo = pv >= 0 ? s->v[pv].head + 1 : s->a;
    uint32_t nh = next_head(s, vi);
    if (v->speech) {
      /* "Petro dijo que visitará China": the speaker is the source of what follows. */
      nprev = speaker_of(s, vi, prev);
      continue;
    }
    int ns = 0, nt = 0, nosrc = 0, disaster = 0;
    /* The act a disapproval names inside its pattern: coded only with its doer after "por". */
    if (v->inner && !by_agent(s, v, src)) continue;
    /* "expulsó a cuatro diplomáticos, a los que acusó de espionaje": after an object relative
     * the subject stays, and the antecedent is the target. */
    uint32_t rel = object_relative(s, lo, v->head);
    if (rel != UINT32_MAX && nprev) {
      ns = nprev;
      memcpy(src, prev, sizeof(part) * (size_t)nprev);
      uint32_t end = rel > s->a && gesta__tok_is(&s->tok[rel - 1], ',') ? rel - 1 : rel;
      for (size_t k = mention_at(s, end); k-- > 0;)
        if (s->m[k].b == end && usable(&s->m[k], v->paren)) {
          nt = group_parts(s, k, s->a, end, tgt);
          break;
        }
      /* "a los que no acusó": negated, or under a denial, it codes nothing. */
      if (!v->negated && !suppress && emit(s, events, src, ns, tgt, nt, v)) return GESTA_ENOMEM;
      continue;
    }
    if (v->compound_pos != UINT32_MAX || v->compound_before != UINT32_MAX) {
      /* "%": the coordinated actors at that place act on each other ("Syria and Jordan will
       * meet"); without such a group there is no event. */
      part grp[MAX_PARTS];
      int ng = v->compound_before != UINT32_MAX
                   ? subject_before(s, s->a, v->compound_before, v->paren, grp)
                   : first_after(s, v->compound_pos, s->b, -1, v->paren, grp);
      if (ng >= 2 && !v->negated) {
        for (int i = 0; i < ng; i++)
          for (int j = 0; j < ng; j++)
            if (i != j && strcmp(grp[i].code, grp[j].code) != 0 &&
                push_event(s, events, &grp[i], &grp[j], v))
              return GESTA_ENOMEM;
        if (s->d->opts.code_by != CODE_ALL) clause_coded = v->last;
      }
      continue;
    }
    if (s->d->opts.first_actor && !v->passive && v->target_before == UINT32_MAX) {
      /* TABARI's search: the first actor of the sentence before the verb is the source (or the
       * pattern's `$`); the target is the pattern's `+`, or the first actor after the verb with
       * another code, or else the nearest such actor before it. */
      const lex_options *o = &s->d->opts;
      /* In a compound sentence the search starts at the clause ("..., but Dagolath promised");
       * a clause with no actor of its own takes the sentence's. */
      uint32_t cs = clause_start(s, v->first);
      /* A `$` before the verb is the actor ending nearest before its place ("$ hosting *"). */
      int slot = v->source_pos != UINT32_MAX || v->source_before != UINT32_MAX;
      ns = v->source_pos != UINT32_MAX      ? first_after(s, v->source_pos, source_bound(s, v), -1, v->paren, src)
           : v->source_before != UINT32_MAX ? subject_before(s, s->a, v->source_before, v->paren, src)
                                            : first_before(s, cs, v->first, v->paren, src);
      /* A pronoun opening the clause before its first actor ("and then it asked that Elrond
       * assist") stands for the sentence's first actor (TABARI's coreference). */
      if (ns && !slot && cs > s->a && src[0].m && pronoun_before(s, cs, src[0].m->a))
        ns = 0;
      if (!ns && !slot && cs > s->a)
        ns = first_before(s, s->a, v->first, v->paren, src);
      /* FORWARD: a pronoun before the verb, with no actor before it, is the actor the
       * previous sentence of the story acted with. */
      if (!ns && o->forward && mem->forward[0] && pronoun_before(s, s->a, v->first)) {
        src[0].m = NULL;
        src[0].code = mem->forward;
        ns = 1;
      }
      /* Without PRIOR, a default source comes only after a search past the verb fails. */
      int src_after = 0;
      if (!ns && o->default_source[0] && !o->default_source_prior) {
        /* The first actor after the verb, alone: the target is looked for after it ("restore
         * ties with Gondor and Bree": Gondor with Bree). */
        ns = first_after(s, v->last + 1, s->b, -1, v->paren, src) ? 1 : 0;
        src_after = ns && src[0].m;
      }
      if (!ns && o->default_source[0]) { /* "DEFAULT: SOURCE [DEFSRC]" */
        src[0].m = NULL;
        src[0].code = o->default_source;
        ns = 1;
      }
      if (ns) {
        int exclude = src[0].m && !src_after ? src[0].m->group : -1;
        uint32_t from = src_after                       ? src[0].m->b
                        : v->target_pos != UINT32_MAX ? v->target_pos
                                                      : v->head + 1;
        nt = first_after(s, from, s->b, exclude, v->paren, tgt);
        while (nt && strcmp(tgt[0].code, src[0].code) == 0 && tgt[0].m)
          nt = first_after(s, tgt[0].m->b, s->b, exclude, v->paren, tgt);
        /* A pronoun right after the verb ("asked him to") is the sentence's first actor. */
        if (v->target_pos == UINT32_MAX && v->last + 1 < s->b &&
            (sc_cls(s, v->last + 1, CLS_OBJ_PRONOUN) || sc_cls(s, v->last + 1, CLS_PRONOUN)) &&
            (!nt || !tgt[0].m || tgt[0].m->a > v->last + 1))
          for (size_t k = 0; k < s->nm; k++)
            if (usable(&s->m[k], v->paren)) {
              /* The source itself: the pronoun names no one else. */
              if (s->m[k].a < v->last && s->m[k].group != exclude &&
                  strcmp(s->m[k].code, src[0].code) != 0)
                nt = group_parts(s, k, s->a, v->last, tgt);
              break;
            }
        if (!nt && v->target_pos == UINT32_MAX && !o->default_target_after) {
          for (size_t k = mention_at(s, v->head); k-- > 0 && !nt;) {
            const mention *m = &s->m[k];
            if (m->b > v->head) continue;
            if (m->group != exclude && usable(m, v->paren) && strcmp(m->code, src[0].code) != 0)
              nt = group_parts(s, k, s->a, v->head, tgt);
          }
        }
        /* No target and a compound source: its members act on each other, each on those after
         * it ("Bree and Arnor are about to restore ties"). */
        if (!nt && ns >= 2 && !v->negated && !(o->default_target[0] && o->default_target_after)) {
          size_t before = events->len;
          for (int i = 0; i < ns; i++)
            for (int j = i + 1; j < ns; j++)
              if (strcmp(src[i].code, src[j].code) != 0 && push_event(s, events, &src[i], &src[j], v))
                return GESTA_ENOMEM;
          if (o->code_by != CODE_ALL && events->len > before) clause_coded = v->last;
          continue;
        }
        if (!nt && o->default_target[0]) { /* "DEFAULT: TARGET [DEFTAR]" */
          tgt[0].m = NULL;
          tgt[0].code = o->default_target;
          nt = 1;
        }
      }
    } else if (v->target_before != UINT32_MAX) {
      /* A target slot before the head ("+ *freed from $"): the actor nearest before it; the
       * source is the pattern's `$`, or the actor before the target. */
      nt = subject_before(s, lo, v->target_before, v->paren, tgt);
      /* A subject after the verb: "murieron dos soldados en un ataque de la guerrilla". */
      if (!nt && !s->d->opts.literal && s->d->langs[s->lang].pro_drop &&
          v->target_before == v->first && open_subject(s, v->first))
        nt = postverbal_subject(s, v, v->source_pos != UINT32_MAX ? v->source_pos : nh, tgt);
      /* With no subject of its own, the verb's subject is the one before, or the speaker whose
       * words report it ("dice que recibe amenazas de ..."). */
      if (!nt && !s->d->opts.literal && v->target_before == v->first && open_subject(s, v->first))
        nt = carried_subject(tgt, prev, nprev, speaker, nspeaker);
      if (nt && v->source_pos != UINT32_MAX) ns = first_after(s, v->source_pos, source_bound(s, v), -1, v->paren, src);
      else if (nt && tgt[0].m) ns = subject_before(s, lo, tgt[0].m->a, v->paren, src);
      /* "recibe amenazas" from no one named: an act whose code codes unnamed sources. */
      if (nt && !ns && v->source_pos != UINT32_MAX && unnamed_ok(s, v)) ns = nosrc = no_source(src);
      /* TABARI: with no actor before the target, the source is the first actor after the verb
       * ("An Eriadorian was shot dead in Osgiliath" under "+ was *shot dead"). */
      if (nt && !ns && s->d->opts.first_actor && tgt[0].m)
        ns = first_after(s, v->last + 1, s->b, tgt[0].m->group, v->paren, src);
    } else if (v->passive) {
      /* "fue recibido por el rey": the agent follows "por" / "by" (or the pattern's `$`). */
      if (v->source_pos != UINT32_MAX) ns = first_after(s, v->source_pos, source_bound(s, v), -1, v->paren, src);
      for (uint32_t t = v->head + 1; t < nh && !ns; t++) {
        /* Another passive's auxiliary opens its own clause ("fue asesinado ..., su cuerpo fue
         * hallado por unos trabajadores"): its agent is not this verb's. */
        if (sc_cls(s, t, CLS_PASSIVE_AUX)) break;
        uint8_t len = (uint8_t)sc_cls(s, t, CLS_PASSIVE_BY);
        if (!len) continue;
        /* "por un grupo de campesinos", "by hundreds of villagers": a quantity counts the agent. */
        uint32_t q = t + len;
        if (q < s->b && sc_cls(s, q, CLS_ARTICLE)) q++;
        if (q < s->b && sc_cls(s, q, CLS_QUANTITY)) len = (uint8_t)(q - t + sc_cls(s, q, CLS_QUANTITY));
        /* "by pro-Russian rebels": a stance ("pro-", "anti-" and its word) is no distance. */
        uint32_t reach = t + len + 2;
        for (uint32_t u = t + len; u <= t + len + 1 && u + 2 < s->b; u++)
          if (sc_cls(s, u, CLS_STANCE) && gesta__tok_is(&s->tok[u + 1], '-')) reach += 3;
        /* "por francotiradores de la guerrilla", "by gunmen of the cartel": a plain noun and
         * a link word before the agent name its members. */
        {
          uint32_t u = t + len, l;
          if (u + 2 < s->b && plain_word(s, u) && (l = (uint32_t)sc_cls(s, u + 1, CLS_LINK)))
            reach = u + 1 + l + (u + 1 + l < s->b && sc_cls(s, u + 1 + l, CLS_ARTICLE) ? 1 : 0);
        }
        for (size_t k = mention_at(s, t + len); k < s->nm && s->m[k].a <= reach; k++)
          if (usable(&s->m[k], v->paren)) {
            ns = group_parts(s, k, s->m[k].a, s->b, src);
            break;
          }
        break;
      }
      /* "were killed in Israeli shelling", "were wounded in a Russian air strike": with no
       * agent after "by", a country adjective right after the participle's preposition (and
       * article), before an event noun (one plain word may stand between: "Israeli tank
       * shelling"), names who acted. */
      if (!ns && !s->d->opts.literal && v->last + 2 < s->b &&
          sc_cls(s, v->last + 1, CLS_PREPOSITION)) {
        uint32_t t = v->last + 2;
        if (sc_cls(s, t, CLS_ARTICLE)) t++;
        size_t j = mention_at(s, t);
        const mention *m = j < s->nm ? &s->m[j] : NULL;
        for (size_t k = vi + 1; m && m->a == t && m->adj && !m->role && usable(m, v->paren) &&
                                k < s->nv && !ns;
             k++) {
          const vmatch *w = &s->v[k];
          if (w->first < m->b) continue;
          if (w->first - m->b <= 1 && w->paren == v->paren) ns = group_parts(s, j, m->a, s->b, src);
          break;
        }
      }
      /* "resultaron muertos (cuatro civiles) en un ataque de la guerrilla", "fueron heridos en
       * una emboscada guerrillera": with no agent after "por", an attack noun ([attack_nouns])
       * after the participle's preposition names who acted, after a link word or as the noun's
       * adjective (one plain word may stand between: "en acciones aisladas de la guerrilla"). */
      if (!ns && !s->d->opts.literal) {
        uint32_t t = v->last + 1;
        while (t < s->b && t <= v->last + 5 &&
               (s->in_mention[t - s->a] || sc_cls(s, t, CLS_ARTICLE) || sc_cls(s, t, CLS_NUMBER) ||
                (s->tok[t].flags & TF_NUM) || sc_cls(s, t, CLS_TIME)))
          t++;
        if (t + 2 < s->b && sc_cls(s, t, CLS_PREPOSITION) && !sc_cls(s, t, CLS_PASSIVE_BY)) {
          t++;
          if (sc_cls(s, t, CLS_ARTICLE)) t++;
          if (t < s->b && sc_cls(s, t, CLS_ATTACK_NOUN)) {
            t++;
            if (t < s->b && plain_word(s, t) && !sc_cls(s, t, CLS_LINK)) t++;
            uint32_t link = t < s->b ? (uint32_t)sc_cls(s, t, CLS_LINK) : 0;
            t += link;
            if (link && t < s->b && sc_cls(s, t, CLS_ARTICLE)) t++;
            size_t j = mention_at(s, t);
            if (j < s->nm && s->m[j].a == t && usable(&s->m[j], v->paren))
              ns = group_parts(s, j, t, s->b, src);
          }
        }
      }
      /* A name inside a disaster's phrase is no agent ("killed by the Malaysia Airlines flight
       * MH17 crash"). */
      if (ns && !s->d->opts.literal && disaster_agent(s, v)) ns = 0;
      /* An agentless passive in a relative clause ("who had been arrested months ago") tells
       * what its antecedent went through before, not news: only --sourceless codes it. */
      if (!ns && unnamed_ok(s, v) && (s->sourceless || relative_not_reported(s, v) == UINT32_MAX) &&
          (s->d->opts.literal || !disaster_agent(s, v)))
        nosrc = no_source(src); /* "fue asesinado" */
      if (ns || nosrc) nt = subject_before(s, lo, v->head, v->paren, tgt);
      if ((ns || nosrc) && !nt && s->d->langs[s->lang].pro_drop && open_subject(s, v->first)) {
        nt = postverbal_subject(s, v, nh, tgt);
        /* The agent itself is no subject ("fueron atacados ayer por ..." is caught above). */
        if (nt && ns && !nosrc && tgt[0].m && src[0].m && tgt[0].m->group == src[0].m->group)
          nt = 0;
      }
      if (nosrc) ns = 1;
    } else {
      /* A `$` slot belongs to a noun reading ("la visita de $ a +"); a verb with a subject of
       * its own ("Qatar mediated between Russia and Ukraine") ignores the noun's slots. */
      int as_noun = v->source_pos != UINT32_MAX &&
                    (v->after_marker || !subject_before(s, lo, v->head, v->paren, src));
      if (as_noun) ns = first_after(s, v->source_pos, source_bound(s, v), -1, v->paren, src);
      if (!ns && v->nominal) ns = nominal_source(s, vi, lo, src);
      int inverted = !ns && !v->nominal && (ns = inverted_report(s, vi, src)) > 0;
      /* A disaster is no actor: what it does codes nothing, and no one stands in for it. It may
       * be a noun some pattern reads ("Storms attacked": "storm +"). */
      uint32_t dlo = pv >= 0 && s->v[pv].nominal ? s->v[pv].head : lo;
      disaster = !ns && !v->nominal && !s->d->opts.literal &&
                 (disaster_subject(s, dlo, v->first) ||
                  (v->head == lo && sc_cls(s, v->head, CLS_DISASTER))); /* "Storms hit" */
      /* ... nor a verb that shares its subject: after a conjunction with no subject of its own
       * ("sacudió Marruecos y mató"), or a non-finite verb after a comma ("struck Morocco,
       * killing"). */
      if (!ns && !v->nominal && !disaster && !s->d->opts.literal &&
          (conj_between(s, lo, v->first) ||
           (v->first == v->head && v->first > lo && gesta__nonfinite_form(s, &s->tok[v->head]) &&
            gesta__tok_is(&s->tok[v->first - 1], ',')))) {
        part own[MAX_PARTS];
        int no = subject_before(s, lo, v->first, v->paren, own);
        int named = no && own[0].m && !conj_between(s, own[no - 1].m->b, v->first) &&
                    !gesta__tok_is(&s->tok[v->first - 1], ',');
        uint32_t to = no && own[0].m ? own[0].m->a : v->first;
        disaster = !named && open_subject(s, v->first) &&
                   (disaster_prev || (pv < 0 && disaster_clause(s, lo, to)));
      }
      if (!ns && !v->nominal && !disaster) {
        /* Words a pattern has before its head are the verb's own ("indicated it would *act"). */
        ns = subject_before(s, lo, v->first, v->paren, src);
        int cond = ns && src[0].m && !s->d->opts.literal && in_condition(s, src[0].m->a, v->first);
        if (cond) ns = 0;
        /* "Un ataque contra una patrulla del ejército dejó tres muertos": the army is the
         * attack's object; the subject is an actor before it, or none. */
        if (ns && src[ns - 1].m && src[ns - 1].m->b == v->first && !s->d->opts.literal) {
          uint32_t np = 0, p = object_phrase(s, lo, src[ns - 1].m, &np);
          if (p != UINT32_MAX) ns = subject_before(s, np, p, v->paren, src);
        }
        /* "The arrest of X by the police sparked riots": an actor after an agent word is the
         * doer of the act named before it; the subject is that act. */
        int by_doer =
            ns && src[0].m && !s->d->opts.literal && agent_of_noun(s, src[0].m, v->first);
        if (by_doer) ns = 0;
        /* A plain noun right before the verb is its own, unnamed subject ("the statistics
         * office said", "where an earthquake killed"), unless it is coordinated with an actor. */
        if (ns && !open_subject(s, v->first) && src[0].m && !conj_between(s, src[0].m->b, v->first))
          ns = 0;
        /* "visited Washington, where he met Biden": the pronoun, not Washington, is the subject. */
        if (ns && src[ns - 1].m && pronoun_subject(s, src[ns - 1].m->b, v->first)) ns = 0;
        if (!ns && v->first == lo) ns = of_source(s, v, src); /* a headline: "Huelga de maestros" */
        if (ns && nprev && src[ns - 1].m && conj_between(s, src[ns - 1].m->b, v->first)) ns = 0;
        /* The verb after a relative clause: the actor before the relative ("Rusia, que había
         * advertido a Ucrania, atacó"), not one inside the clause. */
        part ante[MAX_PARTS];
        uint32_t r = 0;
        int nr = relative_antecedent(s, vi, v->paren, ante, &r);
        /* ... unless that actor stands after the mark that closes the clause ("Moscow and
         * Beijing -- which have resisted -- but China remained mum"). */
        uint32_t close = r + 1;
        while (close < v->first && !clause_mark(s, close)) close++;
        int unnamed = 0;
        if (nr < 0) {
          if (ns && src[0].m && src[0].m->a > r && src[0].m->a < close) ns = 0;
          unnamed = !ns;
          nr = 0;
        }
        if (nr && (!ns || (src[0].m && src[0].m->a > r && src[0].m->a < close))) {
          ns = nr;
          memcpy(src, ante, sizeof(part) * (size_t)nr);
        }
        /* "bombarded a district of Syria's second city, killing eight people": a non-finite
         * verb right after a comma shares the subject of the verb before; the actor before the
         * comma was that verb's object. */
        if (!nr && ns && nprev && pv >= 0 && v->first > lo && src[ns - 1].m &&
            v->first == v->head && gesta__nonfinite_form(s, &s->tok[v->head]) &&
            gesta__tok_is(&s->tok[v->first - 1], ',') && src[ns - 1].m->b <= v->first - 1) {
          ns = nprev;
          memcpy(src, prev, sizeof(part) * (size_t)nprev);
        }
        /* "South Africa filed a case at the International Court of Justice accusing Israel",
         * "Rusia presentó una queja ante la ONU acusando a Ucrania": a non-finite verb right
         * after an actor that a preposition or a verb before takes as its object shares the
         * subject opening the clause, not that actor's. */
        if (!nr && !s->d->opts.literal) {
          int nsub = gerund_subject(s, v, src);
          if (nsub) ns = nsub;
        }
        if (!nr && !s->d->opts.literal && noun_relative_subject(s, v)) {
          ns = 0;
          unnamed = 1;
        }
        if (!ns && !unnamed && !by_doer && (cond || open_subject(s, v->head))) {
          ns = carried_subject(src, prev, nprev, speaker, nspeaker);
          if (!ns && mem->last_source &&
              (s->d->langs[s->lang].pro_drop || pronoun_before(s, lo, v->head))) {
            src[0].m = NULL;
            src[0].code = mem->last_source;
            ns = 1;
          }
        }
      }
      /* Flag v: a verb with no subject of its own (a gerund shares the one before) or told in
       * a relative clause ("los presos, que exigen") is background, not an impersonal act. */
      /* "An earthquake struck Morocco" read as a noun ("strike") is no one's act either, nor a
       * disaster noun a pattern reads as an act ("the storm", "un incendio forestal"). */
      if (!ns && v->nominal && !s->d->opts.literal &&
          (disaster_subject(s, dlo, v->first) || sc_cls(s, v->head, CLS_DISASTER)))
        disaster = 1;
      if (!ns && !disaster && unnamed_ok(s, v) &&
          (s->sourceless ||
           GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).unnamed_source == UNNAMED_ALWAYS ||
           (relative_not_reported(s, v) == UINT32_MAX &&
            !gesta__nonfinite_form(s, &s->tok[v->head]))))
        ns = nosrc = no_source(src);
      if (ns) {
        int exclude = src[0].m ? src[0].m->group : -1;
        /* The object often sits inside the pattern: "threatened South Korea with military action". */
        uint32_t from = v->target_pos != UINT32_MAX && (as_noun || v->source_pos == UINT32_MAX)
                            ? v->target_pos
                            : v->head + 1;
        uint32_t to = nh >= from ? nh : s->b;
        /* "tras la votación del Parlamento", "after talks with X": no target past an adjunct
         * (other coders' dictionaries write such phrases into their patterns). */
        for (uint32_t t = v->last + 1; t < to && !s->d->opts.literal; t++)
          if (sc_cls(s, t, CLS_ADJUNCT)) {
            to = t;
            break;
          }
        /* Nor past a marker of purpose with an infinitive after it, the pattern's last word
         * included ("sent troops to" + "protect the border"). */
        if (!s->d->opts.literal && !s->d->opts.petrarch && v->last >= v->head &&
            gesta__purpose_bounds(s->d, v->cameo))
          to = purpose_start(s, v, v->last > v->head ? v->last : v->head + 1, to);
        /* Nor past a relative about a plain noun ("signed a deal that allows Russian ships"). */
        if (!s->d->opts.literal && !s->d->opts.petrarch)
          to = noun_relative_start(s, v, v->head + 1, to);
        nt = first_after(s, from, to, exclude, v->paren, tgt);
        /* A role word among the pattern's own words is part of the phrase, not its object
         * ("maniobras militares conjuntas"), unless it fills the pattern's `+` or closes it
         * after the `+` ("dejar + muertos": "dejó cuatro soldados muertos"; "arrest +
         * {protesters|...}": "arrested two protesters"); a denial's target is its accuser, never a
         * role word ("denied targeting civilians"); nor is the source's own country as
         * possessor, nor the people a release frees (held_object), nor the forces a
         * de-escalation pulls back (own_forces_object). */
        while (nt && tgt[0].m &&
               ((bare_agent(tgt[0].m) &&
                 ((tgt[0].m->b <= v->last + 1 && !pattern_object(s, v, tgt[0].m) &&
                   !(v->target_pos != UINT32_MAX && tgt[0].m->a >= v->target_pos)) ||
                  v->deny ||
                  tgt[0].m->possessed)) ||
                held_object(s, v, tgt[0].m) || own_forces_object(s, v, tgt[0].m) ||
                own_possessor(s, tgt[0].m, src[0].code) || possessor_of_own(s, tgt[0].m)))
          nt = first_after(s, tgt[0].m->b, to, exclude, v->paren, tgt);
        /* A bare role word is a weak object when a named actor follows: "deployed troops to
         * Poland". */
        if (nt && tgt[0].m && bare_agent(tgt[0].m)) {
          part alt[MAX_PARTS];
          int na = first_after(s, tgt[0].m->b, to, exclude, v->paren, alt);
          while (na && alt[0].m && possessor_of_own(s, alt[0].m))
            na = first_after(s, alt[0].m->b, to, exclude, v->paren, alt);
          if (na && alt[0].m && !bare_agent(alt[0].m) && !locative_place(s, alt[0].m)) {
            nt = na;
            memcpy(tgt, alt, sizeof(part) * (size_t)na);
          }
        }
        /* So is the source's own country, for a source of that country's roles: "the Canadian
         * government announced bans on travel to Canada against Russian officers". */
        if (nt == 1 && tgt[0].m && ns && src[0].code && tgt[0].code &&
            strlen(tgt[0].code) == 3 && strlen(src[0].code) > 3 &&
            strncmp(src[0].code, tgt[0].code, 3) == 0) {
          part alt[MAX_PARTS];
          int na = first_after(s, tgt[0].m->b, to, exclude, v->paren, alt);
          if (na && alt[0].m && !locative_place(s, alt[0].m)) {
            nt = na;
            memcpy(tgt, alt, sizeof(part) * (size_t)na);
          }
        }
        /* "desplegó tropas en Estonia", "deployed soldiers in Poland": the forces a deployment
         * sends are the source's, not of the place they go to; that place is the target. */
        if (nt && tgt[0].m && !s->d->opts.literal && deployed_to_place(s, v, tgt[0].m))
          nt = first_after(s, tgt[0].m->b, to, exclude, v->paren, tgt);
        /* "condenó la detención de veinte periodistas por la policía": what a disapproval
         * (11) is aimed at is the doer of the act it names, not who underwent it. */
        if (!s->d->opts.literal &&
            memcmp(GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).root, "11", 2) == 0) {
          part ag[MAX_PARTS];
          uint32_t act_head = UINT32_MAX;
          int na = act_agent(s, vi, ag, &act_head);
          if (na && !(ag[0].m && exclude >= 0 && ag[0].m->group == exclude)) {
            nt = na;
            memcpy(tgt, ag, sizeof(part) * (size_t)na);
          } else if (!na && nt && tgt[0].m && act_head != UINT32_MAX && tgt[0].m->a > act_head) {
            /* ... and no one when the text names no doer: "condemned the arrest of three
             * fishermen" is aimed at whoever made it, unnamed. */
            nt = 0;
          }
        }
        nt = past_places(s, v, tgt, nt, to, exclude, v->paren, nosrc);
        if (!nt && !nosrc) {
          nt = region_target(s, v, &src[0], to, tgt);
          if (nt < 0) return GESTA_ENOMEM;
        }
        /* An inverted report is said of the clause before it: of that clause's source. */
        if (!nt && inverted && nprev && strcmp(prev[0].code, src[0].code) != 0) {
          nt = nprev;
          memcpy(tgt, prev, sizeof(part) * (size_t)nprev);
        }
      }
    }
    if (ns && !nosrc) {
      memcpy(prev, src, sizeof(part) * (size_t)ns);
      nprev = ns;
    }
    disaster_prev = disaster;
    /* A denial covers what follows it up to a conjunction: "denied the charge and accused". */
    if (suppress && pv >= 0 && conj_between(s, s->v[pv].last + 1, v->head)) suppress = 0;
    if (suppress || v->negated || !ns) {
      if (v->deny) suppress = 1;
      continue;
    }
    /* "accused each other", "se acusaron mutuamente": both directions among the sources. */
    if (!nt && ns >= 2 && reciprocal_after(s, v, nh)) {
      for (int i = 0; i < ns; i++)
        for (int j = 0; j < ns; j++)
          if (i != j && strcmp(src[i].code, src[j].code) != 0 &&
              push_event(s, events, &src[i], &src[j], v))
            return GESTA_ENOMEM;
    } else {
      size_t before = events->len;
      if (emit(s, events, src, ns, tgt, nt, v)) return GESTA_ENOMEM;
      /* Events the options drop for want of a target do not code the clause. */
      if (s->d->opts.require_dyad) {
        size_t w = before;
        for (size_t i = before; i < events->len; i++)
          if (GVEC_AT(events, raw_event, i).tgt_code[0])
            GVEC_AT(events, raw_event, w++) = GVEC_AT(events, raw_event, i);
        events->len = w;
      }
      if (s->d->opts.code_by != CODE_ALL && (events->len > before || nt > 0)) clause_coded = v->last;
    }
    if (v->deny) suppress = 1;
  }
  /* A sentence that only reports speech is a statement by its speaker (events with no source
   * named do not stand in for it). */
  size_t named_events = 0;
  for (size_t i = first_event; i < events->len; i++)
    named_events += GVEC_AT(events, raw_event, i).src_code[0] != 0;
  if (!named_events) {
    for (size_t vi = 0; vi < s->nv; vi++) {
      const vmatch *v = &s->v[vi];
      if (!v->speech || v->negated || v->pat->cameo == LEX_NULL_CODE) continue;
      if (reports_conflict_noun(s, v)) break;
      if (trailing_attribution(s, v)) break;
      int ns = speaker_of(s, vi, src);
      if (!ns) break;
      int nt = first_after(s, v->last + 1, s->b, src[0].m ? src[0].m->group : -1, v->paren, tgt);
      if (emit(s, events, src, ns, tgt, nt, v)) return GESTA_ENOMEM;
      break;
    }
  }
  if (s->d->opts.forward) {
    /* The actor (without its role) the sentence starts with before its first verb is what a
     * pronoun starting the next one stands for; a sentence with none keeps the one before only
     * when a pronoun stood for it. */
    uint32_t head = s->nv ? s->v[0].first : s->b;
    const mention *fm = NULL;
    for (size_t k = 0; k < s->nm && !fm; k++)
      if (s->m[k].b <= head && usable(&s->m[k], 0)) fm = &s->m[k];
    if (fm) {
      size_t n = strlen(fm->code), r = fm->role ? strlen(fm->role) : 0;
      if (r && r < n && strcmp(fm->code + n - r, fm->role) == 0) n -= r;
      if (n >= sizeof mem->forward) n = sizeof mem->forward - 1;
      memcpy(mem->forward, fm->code, n);
      mem->forward[n] = 0;
    } else if (!pronoun_before(s, s->a, head)) {
      mem->forward[0] = 0;
    }
  }
  if (!s->d->opts.literal) fold_weapon_nouns(s, events, first_event);
  if (drop_events(s, events, first_event, repeated_sourceless) ||
      (!s->d->opts.literal && (drop_events(s, events, first_event, generic_protest) ||
                               drop_events(s, events, first_event, relative_stance) ||
                               drop_events(s, events, first_event, voice_of_protest) ||
                               (sport_report(s) &&
                                drop_events(s, events, first_event, sport_event)))))
    return GESTA_ENOMEM;
  size_t named = events->len; /* the last event whose source the text names */
  while (named > first_event && (!GVEC_AT(events, raw_event, named - 1).src_code[0] ||
                                 GVEC_AT(events, raw_event, named - 1).paired))
    named--;
  if (named > first_event) {
    mem->last_source = GVEC_AT(events, raw_event, named - 1).src_code;
  } else {
    /* A subject with no coded verb ("Lula llegó a Pekín.") still carries to the next sentence. */
    uint32_t head = s->nv ? s->v[0].head : s->b;
    for (size_t k = 0; k < s->nm; k++)
      if (s->m[k].b <= head && !s->m[k].attrib && !(s->m[k].kinds & MK_BOTH)) {
        mem->last_source = s->m[k].code;
        break;
      }
  }
  return 0;
}
