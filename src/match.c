/*
 * Matching one sentence against the dictionary:
 *  1. a single left-to-right walk of the phrase table finds, at every token, the language word
 *     classes that start there and the longest actor or agent phrase;
 *  2. hits are composed into actor mentions: a role word next to a country or joined to it by a
 *     link word ("el ejército sudanés", "the government of Sudan", "Japan's foreign minister"),
 *     a title with a person ("President Lula"), and an unknown person's name after a title
 *     ("el canciller argentino, Santiago Cafiero"), which the document then remembers;
 *  3. coordinated mentions are grouped ("Francia, Alemania y Italia");
 *  4. verb patterns are matched at every word whose stem (or irregular lemma) heads a pattern,
 *     noting negation, passive voice, and speech and denial verbs.
 * Who is source and target is decided in roles.c.
 */
#include <stdlib.h>

#include "pipeline.h"

#define NO_POS UINT32_MAX
/* How many other words may stand between two words of a verb pattern ("entregó a Ucrania un
 * nuevo sistema": three between "entregó" and "sistema" besides the target). */
#define PATTERN_GAP 4
#define PHRASE_GAP 4 /* words that may stand inside a phrase written with "..." */

static int is_aside_dash(const sent_ctx *s, uint32_t t);
static int noun_like(const sent_ctx *s, uint32_t t);
static int participle(const sent_ctx *s, const token *t);
static int nonfinite_form(const sent_ctx *s, const token *t);
static int irregular_form(const sent_ctx *s, const token *t);
static uint32_t head_patterns(sent_ctx *s, stemmer_set *ss, const token *t, uint64_t *stem);

/* base's first bn bytes with a role: after it ("RUS" "MIL": RUSMIL), or before it when the role
 * is written to come first ("NGO~" "ARN": NGOARN, a role of another coder's dictionary). */
static const char *arena_code(arena *ar, const char *base, size_t bn, const char *role) {
  size_t rn = role ? strlen(role) : 0;
  /* A role its actor's code already has is not written twice ("NGM~" with NGM: NGM). */
  size_t core = rn && role[rn - 1] == '~' ? rn - 1 : rn;
  if (core && core <= bn && memcmp(base, role, core) == 0 && bn == core)
    return gesta__arena_strndup(ar, base, bn);
  char *s = gesta__arena_alloc(ar, bn + rn + 1);
  if (!s) return NULL;
  if (rn && role[rn - 1] == '~') {
    memcpy(s, role, rn - 1);
    memcpy(s + rn - 1, base, bn);
    s[bn + rn - 1] = 0;
    return s;
  }
  memcpy(s, base, bn);
  if (rn) memcpy(s + bn, role, rn);
  s[bn + rn] = 0;
  return s;
}

/* PETRARCH's composition of a noun phrase's code: each role in text order is added to the base,
 * after it, or before it when written "NGO~"; the first role whose code the code already holds
 * (in a block of three letters) ends the composition ("world government activists" of GMWGOV:
 * WGO is added, then GOV is held). The base is not cut: an organisation keeps its whole code. */
static const char *role_code(arena *ar, const char *base, const char *const *roles, size_t n) {
  size_t cap = strlen(base) + 1;
  for (size_t k = 0; k < n; k++) cap += strlen(roles[k]);
  char *s = gesta__arena_alloc(ar, cap);
  if (!s) return NULL;
  size_t len = strlen(base);
  memcpy(s, base, len + 1);
  for (size_t k = 0; k < n; k++) {
    size_t rn = strlen(roles[k]);
    int before = rn && roles[k][rn - 1] == '~';
    if (before) rn--;
    if (!rn) continue;
    int held = 0;
    for (size_t at = 0; at + rn <= len && !held; at += 3) held = memcmp(s + at, roles[k], rn) == 0;
    if (held) break;
    if (before) {
      memmove(s + rn, s, len + 1);
      memcpy(s, roles[k], rn);
    } else {
      memcpy(s + len, roles[k], rn);
      s[len + rn] = 0;
    }
    len += rn;
  }
  return s;
}

/* A mention's roles on another base: all of them with PETRARCH's dictionaries, else its one
 * role. */
static const char *mention_role_code(arena *ar, const char *base, const mention *m,
                                     const char *role) {
  if (m->nroles > 1) {
    char b3[4] = {0};
    memcpy(b3, base, strlen(base) < 3 ? strlen(base) : 3);
    return role_code(ar, b3, m->roles, m->nroles);
  }
  return arena_code(ar, base, 3, role);
}

/* The holder of a title named earlier: first by the very words ("la presidenta"), then by the
 * role ("GOV"). */
const char *gesta__memory_role(doc_memory *mem, const char *role, uint64_t role_key) {
  uint32_t idx;
  if (role_key && gesta__hmap_get(&mem->roles, role_key, &idx))
    return GVEC_AT(&mem->roles_v, const char *, idx);
  if (gesta__hmap_get(&mem->roles, gesta__hash_bytes(role, strlen(role)), &idx))
    return GVEC_AT(&mem->roles_v, const char *, idx);
  return NULL;
}

static int remember_role(doc_memory *mem, uint64_t key, const char *code) {
  const char **slot = gesta__vec_push(&mem->roles_v);
  if (!slot) return GESTA_ENOMEM;
  *slot = code;
  return gesta__hmap_put(&mem->roles, key, (uint32_t)(mem->roles_v.len - 1));
}

static int remember_name(doc_memory *mem, uint64_t word_hash, const char *code) {
  dyn_name *dn = gesta__vec_push(&mem->names_v);
  if (!dn) return GESTA_ENOMEM;
  dn->code = code;
  return gesta__hmap_put(&mem->names, word_hash, (uint32_t)(mem->names_v.len - 1));
}

int gesta__memory_note(doc_memory *mem, const mention *m) {
  /* A bare role word ("el presidente") teaches nothing new about the document. */
  if ((m->kinds & MK_BOTH) || !(m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME))) return 0;
  if (m->role && strlen(m->code) > 3) {
    /* A role with a known holder: "el presidente" later refers to it. */
    if (remember_role(mem, gesta__hash_bytes(m->role, strlen(m->role)), m->code))
      return GESTA_ENOMEM;
    if (m->role_key && remember_role(mem, m->role_key, m->code)) return GESTA_ENOMEM;
  }
  if (gesta__country_code(m->code)) {
    /* Most recent first, distinct by country. */
    int k;
    for (k = 0; k < mem->nrecent; k++) /* country codes all: three capitals at least */
      if (memcmp(mem->recent[k], m->code, 3) == 0) break;
    if (k == mem->nrecent && mem->nrecent < 8) mem->nrecent++;
    if (k == 8) k = 7;
    for (int j = k; j > 0; j--) mem->recent[j] = mem->recent[j - 1];
    mem->recent[0] = m->code;
  }
  return 0;
}

/* The role code to use when a person's office code already carries one. */
static const char *code_role(const char *code) {
  return strlen(code) > 3 && gesta__country_code(code) ? code + 3 : NULL;
}

static int roman_numeral(const token *t) {
  for (uint32_t i = 0; i < t->norm_len; i++)
    if (!strchr("ivxlc", t->norm[i])) return 0;
  return 1;
}

/* The surname in a full name: its last capitalised word that is not a particle, a numeral or a
 * function word ("Kim Jong-un" gives "Jong", "Felipe VI" gives "Felipe": imperfect, but never
 * "un" or "VI"). NO_POS when there is none. */
static uint32_t surname(const sent_ctx *s, uint32_t a, uint32_t b) {
  for (uint32_t t = b; t-- > a + 1;) {
    const token *k = &s->tok[t];
    if (!(k->flags & TF_WORD) || !(k->flags & TF_CAP) || k->norm_len < 3 || roman_numeral(k))
      continue;
    if (gesta__lex_word_in_class(s->d, k->hash, -1, CLS_FUNCTION)) continue;
    return t;
  }
  return NO_POS;
}

/* An actor or role word given as a stem ("kuwait~") that token i begins with ("Kuwaiti"),
 * longest stem first. */
static void stem_hit(const sent_ctx *s, const doc_memory *mem, uint32_t i, hit *best) {
  const gesta_dict *d = s->d;
  const token *t = &s->tok[i];
  for (uint32_t len = t->norm_len; len-- > 3;) {
    uint32_t idx;
    if (!gesta__hmap_get(&d->stem_map, gesta__word_hash(t->norm, len), &idx)) continue;
    const lex_phrase *p = &GVEC_AT(&d->phrases, lex_phrase, idx);
    for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
      const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
      if (en->kind == LK_CLASS || !((en->langmask >> s->lang) & 1)) continue;
      if (en->kind == LK_ACTOR && GVEC_AT(&d->actors, lex_actor, en->id).category == CAT_PLACE)
        continue;
      const char *code = NULL;
      if (en->kind == LK_ACTOR && !(code = gesta__lex_actor_code(d, en->id, mem->day))) continue;
      best->a = i;
      best->b = i + 1;
      best->kind = en->kind;
      best->adj = en->adj;
      best->person = en->kind == LK_ACTOR ? GVEC_AT(&d->actors, lex_actor, en->id).person : 0;
      best->id = en->id;
      best->code = code;
      best->key = gesta__hash_mix(GESTA_SEQ_SEED, t->hash);
      return;
    }
  }
}

/* Whether the sentence is written all in capitals, three words at least (caseless_words). */
static int in_capitals(const sent_ctx *s) {
  uint32_t words = 0;
  for (uint32_t t = s->a; t < s->b; t++) {
    const token *k = &s->tok[t];
    if (!(k->flags & TF_WORD) || (k->flags & TF_NUM)) continue;
    if (!(k->flags & TF_UPPER)) return 0;
    words++;
  }
  return words >= 3;
}

/* A word of two letters or more written all in capitals, in a sentence that is not, is an
 * acronym ("the statistics agency DANE"): as a name of one word it is an entry written in
 * capitals too, or a capitalised name, never a demonym or a word written in lowercase ("Dane"). */
static int acronym_clash(const sent_ctx *s, int shouting, const lex_entry *en, uint32_t t) {
  const token *k = &s->tok[t];
  /* Other coders' dictionaries are written in capitals throughout: case tells nothing there. */
  if (shouting || !lex_own_rules(&s->d->opts) || en->kind != LK_ACTOR ||
      !(k->flags & TF_UPPER) || k->norm_len < 2 || (k->flags & (TF_ACRONYM | TF_ABBR)))
    return 0;
  if (en->upper & 1) return 0;
  return en->adj || !(en->cap & 1);
}

/* Step 1: classes and hits. */
/* A currency sign ("$", "€", "£"), alone or after a country's letters ("US$", "R$"). */
static int currency_sign(const token *t) {
  return (t->norm_len == 1 && t->norm[0] == '$') ||
         (t->norm_len == 2 && (unsigned char)t->norm[0] == 0xC2 && (unsigned char)t->norm[1] == 0xA3) ||
         (t->norm_len == 3 && memcmp(t->norm, "\xE2\x82\xAC", 3) == 0);
}

static int scan(sent_ctx *s, doc_memory *mem, gvec *hits) {
  const gesta_dict *d = s->d;
  const token *tok = s->tok;
  int shouting = in_capitals(s);
  uint32_t next_free = s->a;
  uint32_t place_free = s->a; /* the end of the last place name of two or more words */
  uint32_t shared_free = s->a, shared_at = s->a; /* the same for a place of several countries */
  for (uint32_t i = s->a; i < s->b; i++) {
    uint64_t h = GESTA_SEQ_SEED;
    hit best = {0};
    int gap = 0; /* the phrase so far may go on after a few other words ("prince ... amroth") */
    /* With PETRARCH's dictionaries, role words inside a longer one count too ("opposition
     * group" inside "main opposition group"); words inside an actor's name do not. */
    int nest = d->opts.petrarch && i < next_free && hits->len &&
               GVEC_AT(hits, hit, hits->len - 1).kind == LK_AGENT;
    uint32_t silent_b = 0; /* the end of a person's full name that has no code at the date */
    uint32_t at[LEX_MAX_PHRASE_TOKENS]; /* where each word of the phrase so far stands: a gap
                                         * puts other words between them */
    uint32_t nw = 0;
    for (uint32_t j = i; j < s->b && j - i < LEX_MAX_PHRASE_TOKENS; j++) {
      uint64_t before = h;
      h = gesta__hash_mix(before, tok[j].hash);
      const lex_phrase *p = gesta__lex_phrase(d, h);
      for (uint32_t g = 1; !p && gap && g <= PHRASE_GAP && j + g < s->b; g++) {
        /* A gap never crosses a clause mark: "Radagast, the Brown wizard" is no "Radagast
         * ... the Brown". */
        const token *skipped = &tok[j + g - 1];
        if ((skipped->flags & TF_TERM) ||
            gesta__tok_is(skipped, ',') || gesta__tok_is(skipped, ';'))
          break;
        h = gesta__hash_mix(before, tok[j + g].hash);
        if ((p = gesta__lex_phrase(d, h)) != NULL) j += g;
      }
      if (!p) break;
      gap = p->gap;
      at[nw++] = j;
      uint32_t len = j - i + 1;
      int places = 0; /* place entries of this name: several are waters or lands countries share */
      for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
        const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
        int cased = 1;
        for (uint32_t k = 0; en->cap && k < nw && k < 32; k++)
          if (((en->cap >> k) & 1) && !(tok[at[k]].flags & NAME_CASE)) cased = 0;
        for (uint32_t k = 0; cased && en->upper && k < nw && k < 32; k++)
          if (((en->upper >> k) & 1) && !(tok[at[k]].flags & TF_UPPER)) cased = 0;
        int in_lang = (en->langmask >> s->lang) & 1;
        if (en->kind == LK_CLASS) {
          if (!in_lang) continue;
          uint8_t *c = &s->clen[(i - s->a) * CLS_COUNT + en->cls];
          if (len > *c) *c = (uint8_t)len;
          continue;
        }
        /* Names are matched in their own language only: "Jordan" is a country in English and
         * a surname in a Spanish sentence. */
        if (!in_lang || (i < next_free && !(nest && en->kind == LK_AGENT))) continue;
        if (en->kind == LK_ACTOR && (!cased || (nw == 1 && acronym_clash(s, shouting, en, i))))
          continue;
        if (en->kind == LK_AGENT && !cased) continue; /* "Armada", not "armada" */
        /* A place only locates (role_from_located_places): it is no actor. */
        if (en->kind == LK_ACTOR && GVEC_AT(&d->actors, lex_actor, en->id).category == CAT_PLACE) {
          /* Nor are the words inside it role words ("inspección de policía La Gabarra"). */
          if (len >= 2 && j + 1 > place_free) place_free = j + 1;
          if (len >= 2 && ++places == 2 && j + 1 > shared_free) {
            shared_free = j + 1;
            shared_at = i;
          }
          continue;
        }
        /* A role word also used as an adjective (written LANG.adj in an agent block) is an
         * adjective right after a plain noun ("instalaciones militares"). */
        if (en->kind == LK_AGENT && en->adj && i > s->a &&
            (i - 1 >= next_free ? noun_like(s, i - 1)
                                : hits->len && GVEC_AT(hits, hit, hits->len - 1).kind == LK_AGENT &&
                                      GVEC_AT(hits, hit, hits->len - 1).b == i))
          continue; /* ... or right after another role word ("partidos religiosos") */
        /* A capitalised role word inside a run of names is a name ("Eduardo Enrique Reina"). */
        if (en->kind == LK_AGENT && !d->opts.petrarch && (tok[i].flags & TF_CAP) && i > s->a &&
            i - 1 >= next_free &&
            (tok[i - 1].flags & TF_WORD) && (tok[i - 1].flags & TF_CAP) &&
            !sc_cls(s, i - 1, CLS_FUNCTION) && !(tok[i - 1].flags & TF_ABBR))
          continue;
        int better = len > best.b - best.a;
        if (!better) continue;
        const char *code = NULL;
        int person = 0;
        if (en->kind == LK_ACTOR) {
          code = gesta__lex_actor_code(d, en->id, mem->day);
          person = GVEC_AT(&d->actors, lex_actor, en->id).person;
          if (!code) {
            if (person && len >= 2 && j + 1 > silent_b) silent_b = j + 1;
            continue;
          }
        }
        best.a = i;
        best.b = j + 1;
        best.kind = en->kind;
        best.adj = en->adj;
        best.person = (uint8_t)person;
        best.id = en->id;
        best.code = code;
        best.key = h;
      }
      if (!p->prefix) break;
    }
    /* "Winnie Mandela" in 1996, out of office: her name is hers, uncoded, and its words name no
     * one else ("Mandela" alone would be Nelson). */
    if (i >= next_free && silent_b > (best.kind ? best.b : i) && !d->opts.literal) {
      next_free = silent_b;
      continue;
    }
    if (i >= next_free && !best.kind && d->nstems && (tok[i].flags & TF_WORD))
      stem_hit(s, mem, i, &best);
    /* A surname or a name the document introduced earlier; it beats a surname listed alone
     * ("Hillary Clinton visited China. Clinton met Hu": not Bill Clinton). */
    if (i >= next_free && (tok[i].flags & TF_CAP) &&
        (!best.kind || (best.person && best.b == i + 1 && best.id != UINT32_MAX))) {
      uint32_t idx;
      if (gesta__hmap_get(&mem->names, tok[i].hash, &idx)) {
        best.a = i;
        best.b = i + 1;
        best.kind = LK_ACTOR;
        best.person = 1;
        best.id = UINT32_MAX;
        best.code = GVEC_AT(&mem->names_v, dyn_name, idx).code;
      }
    }
    if (best.kind == LK_AGENT && i < place_free && best.b <= place_free) continue;
    /* "US$1.5 billion", "R$ 20": a country's letters glued to a currency sign name money. */
    if (best.kind == LK_ACTOR && best.b < s->b && currency_sign(&tok[best.b]) &&
        tok[best.b].start == tok[best.b - 1].end)
      continue;
    /* Nor is a country's name inside the name of waters or lands several countries share ("the
     * Gulf of Mexico", "el Mar de Japón"). */
    if (best.kind == LK_ACTOR && !best.person && i > shared_at && best.b <= shared_free) continue;
    if (best.kind && i < next_free) {
      hit *ht = gesta__vec_push(hits);
      if (!ht) return GESTA_ENOMEM;
      *ht = best;
      ht->nested = 1;
      if (best.b > next_free) next_free = best.b;
      continue;
    }
    if (best.kind && i >= next_free && best.code &&
        (strcmp(best.code, "---") == 0 || (!d->opts.discard_actors_shown && strcmp(best.code, "###") == 0))) {
      /* A null actor ("BOROMIR [---]"): its words are taken, and it is no actor; a discard
       * actor (TABARI's "[###]") also keeps the sentence from being coded. */
      if (best.code[0] == '#') s->discard = 1;
      next_free = best.b;
      continue;
    }
    if (best.kind && i >= next_free) {
      hit *ht = gesta__vec_push(hits);
      if (!ht) return GESTA_ENOMEM;
      *ht = best;
      next_free = best.b;
      if (best.person && best.id != UINT32_MAX && best.b - best.a >= 2) {
        /* Once named in full, the surname alone refers to the person. */
        uint32_t sn = surname(s, best.a, best.b);
        if (sn != NO_POS && remember_name(mem, tok[sn].hash, best.code)) return GESTA_ENOMEM;
      }
    }
  }
  return 0;
}

/* A gap of tokens [x, y) that is one link phrase ("de", "of the", "'s"), possibly followed by
 * up to two plain lowercase words ("Syria's new foreign minister"). */
static int link_gap(const sent_ctx *s, uint32_t x, uint32_t y) {
  if (x == y) return 1;
  uint32_t len = (uint32_t)sc_cls(s, x, CLS_LINK);
  /* With PETRARCH's dictionaries the words of a noun phrase may be capitalised or joined by a
   * conjunction ("Ithilen's awful and evil minister", "Dagolath's first Deputy Prime
   * Minister"), as its parser reads them: up to three words that name no actor. */
  if (s->d->opts.petrarch && len && x + len <= y && y - (x + len) <= 3) {
    uint32_t t = x + len;
    while (t < y && (s->tok[t].flags & TF_WORD) && !s->in_mention[t - s->a] &&
           !sc_cls(s, t, CLS_NEGATION) &&
           (sc_cls(s, t, CLS_COORD) ? t > x + len && t + 1 < y : !sc_cls(s, t, CLS_FUNCTION)))
      t++;
    if (t == y) return 1;
  }
  if (!len || x + len > y || y - (x + len) > 2) return 0;
  for (uint32_t t = x + len; t < y; t++) {
    const token *k = &s->tok[t];
    /* An -ing form opens a clause: "accused Turkey of arming rebels" names no Turkish rebels;
     * so does a finite verb ("the ministers of the region condemned Russia"), but for a
     * participle right between the link and the name ("the occupied West Bank"). */
    if (!(k->flags & TF_WORD) || (k->flags & TF_CAP) || sc_cls(s, t, CLS_FUNCTION) ||
        sc_cls(s, t, CLS_COORD) || sc_cls(s, t, CLS_NEGATION) || nonfinite_form(s, k) ||
        (gesta__finite_form(s, k) && !(t == x + len && t + 1 == y)))
      return 0;
  }
  return 1;
}

/* "profesores públicos de Ecuador": one or two plain lowercase words that are no participle
 * ("trabajadores despedidos de ..." tells what befell them), then one link phrase, in [x, y). */
static int adjective_link_gap(const sent_ctx *s, uint32_t x, uint32_t y) {
  for (uint32_t t = x; t < y && t < x + 2; t++) {
    const token *k = &s->tok[t];
    if (!(k->flags & TF_WORD) || (k->flags & (TF_CAP | TF_UPPER | TF_NUM)) ||
        sc_cls(s, t, CLS_FUNCTION) || sc_cls(s, t, CLS_COORD) || sc_cls(s, t, CLS_NEGATION) ||
        participle(s, k))
      return 0;
    uint32_t len = (uint32_t)sc_cls(s, t + 1, CLS_LINK);
    if (len && t + 1 + len == y) return 1;
  }
  return 0;
}

typedef struct chunk {
  uint32_t a, b;
  const char *actor; /* base code from a country, organisation or group */
  int actor_adj;
  const char *role;
  const char *person;
  int named;      /* an unknown person's name was absorbed */
  int role_first; /* the role word came before the country */
  uint64_t role_key;
  const char *roles[8]; /* with PETRARCH's dictionaries, every role word, in text order */
  int nroles;
} chunk;

/* With PETRARCH's dictionaries, a role word with no actor takes one after a locative word or a
 * role link: "human rights activists in Arnor", "soldiers from Gondor" are noun phrases to
 * PETRARCH's parser. */
static int phrase_place(const sent_ctx *s, const chunk *c, const hit *h) {
  if (!s->d->opts.petrarch || !c->role || c->actor || c->person || h->kind != LK_ACTOR ||
      h->person)
    return 0;
  uint32_t len = 0;
  if (c->b < s->b) len = (uint32_t)sc_cls(s, c->b, CLS_LOCATIVE);
  if (c->b < s->b && !len) len = (uint32_t)sc_cls(s, c->b, CLS_ROLE_LINK);
  return len && h->a == c->b + len;
}

static int chunk_accepts(const sent_ctx *s, const chunk *c, const hit *h) {
  if (h->kind == LK_AGENT)
    return (c->role == NULL || (s->d->opts.petrarch && c->nroles < 8)) && c->person == NULL;
  if (h->person) return c->person == NULL;
  if (c->actor) return 0;
  return 1;
}

static void chunk_add(chunk *c, const sent_ctx *s, const hit *h) {
  const gesta_dict *d = s->d;
  if (c->a == c->b) c->a = h->a;
  c->b = h->b;
  if (h->kind == LK_AGENT) {
    const char *role = LEX_STR(d, GVEC_AT(&d->agents, lex_agent, h->id).role);
    if (c->nroles < 8) c->roles[c->nroles++] = role;
    if (c->role) return;
    c->role = role;
    c->role_first = c->actor == NULL && c->person == NULL;
    c->role_key = h->key;
  } else if (h->person) {
    c->person = h->code;
    /* "President Michel Suleiman" in a text with no date: the title says when it was written,
     * in the office it names, not today, when he holds none. */
    const char *office = s->undated && c->role && h->id < d->actors.len &&
                                 lex_own_rules(&d->opts)
                             ? gesta__lex_office_code(d, h->id, c->role)
                             : NULL; /* (a name the document taught has no entry: UINT32_MAX) */
    if (office && strcmp(office, h->code) != 0) c->person = office;
  } else {
    c->actor = h->code;
    c->actor_adj = h->adj;
  }
}

/* Whether the phrase starting at token a follows a possessive ("sus tropas", "its troops"). */
/* "its troops", and with up to two plain words between: "their joint military drills", "sus
 * propias tropas". */
static int after_possessive(const sent_ctx *s, uint32_t a) {
  for (uint32_t k = a; k > s->a && a - k <= 2; k--) {
    if (sc_cls(s, k - 1, CLS_POSSESSIVE)) return 1;
    const token *t = &s->tok[k - 1];
    if (!(t->flags & TF_WORD) || (t->flags & (TF_CAP | TF_UPPER | TF_NUM)) ||
        sc_cls(s, k - 1, CLS_FUNCTION) || sc_cls(s, k - 1, CLS_LINK))
      return 0;
  }
  return 0;
}

static int finish_chunk(sent_ctx *s, doc_memory *mem, arena *ar, chunk *c, gvec *mentions) {
  const token *tok = s->tok;
  /* An unknown name after a title: "el canciller argentino, Santiago Cafiero". */
  if (c->role && !c->person) {
    uint32_t k = c->b;
    if (k < s->b && gesta__tok_is(&tok[k], ',')) k++;
    uint32_t n0 = k;
    /* A place after the comma is where, not who ("un campesino , VALLE DEL CAUCA , TRUJILLO"). */
    const char *where[8];
    uint32_t where_end = 0;
    int place_next = n0 > c->b && n0 < s->b &&
                     gesta__lex_place(s->d, tok, n0, s->b, s->lang, mem->day, 0, where, 8,
                                      &where_end) > 0;
    /* A title written in capitals ("GUERRILLA DINAMITA DOS TORRES") says nothing by them. */
    int shouting = (tok[c->b - 1].flags & TF_UPPER) && tok[c->b - 1].norm_len > 1;
    /* Capitalised words, with lowercase or capitalised particles inside ("Bart De Wever",
     * "Luiz Inácio Lula da Silva"). */
    while (!place_next && k < s->b && k - n0 < 7 && !s->in_mention[k - s->a]) {
      int cap = (tok[k].flags & TF_WORD) && (tok[k].flags & TF_CAP) && !sc_cls(s, k, CLS_FUNCTION) &&
                !(shouting && (tok[k].flags & TF_UPPER));
      /* Particles and hyphens inside a name: "da Silva", "bin Salman", "al-Sharaa". */
      uint32_t nx = k + 1;
      if (nx < s->b && (tok[nx].flags & TF_DASH) && tok[nx].norm_len == 1) nx++;
      int joins = k > n0 && nx < s->b && (tok[nx].flags & TF_CAP) && !s->in_mention[nx - s->a];
      int particle = joins && (tok[k].flags & TF_WORD) &&
                     (sc_cls(s, k, CLS_FUNCTION) ||
                      (!(tok[k].flags & TF_CAP) && tok[k].norm_len <= 3));
      int hyphen = k > n0 && (tok[k].flags & TF_DASH) && tok[k].norm_len == 1 && k + 1 < s->b &&
                   (tok[k + 1].flags & TF_CAP) && tok[k - 1].end == tok[k].start;
      if (!cap && !particle && !hyphen) break;
      k++;
    }
    while (k > n0 && sc_cls(s, k - 1, CLS_FUNCTION)) k--;
    if (k - n0 >= 2 && n0 > s->a) {
      c->named = 1;
      c->b = k;
    }
  }
  mention *m = gesta__vec_push(mentions);
  if (!m) return GESTA_ENOMEM;
  m->a = c->a;
  m->b = c->b;
  m->group = -1;
  m->paren = s->paren[c->a - s->a];
  m->possessed = (uint8_t)after_possessive(s, c->a);
  if (c->actor) m->kinds |= MK_ACTOR;
  if (c->role) m->kinds |= MK_AGENT;
  if (c->person) m->kinds |= MK_PERSON;
  if (c->named) m->kinds |= MK_NAME;
  m->role = c->role;
  if (c->nroles > 1) {
    m->roles = gesta__arena_alloc(ar, sizeof(const char *) * (size_t)c->nroles);
    if (!m->roles) return GESTA_ENOMEM;
    memcpy(m->roles, c->roles, sizeof(const char *) * (size_t)c->nroles);
    m->nroles = (uint8_t)c->nroles;
  }
  m->adj = (uint8_t)c->actor_adj;
  m->role_first = (uint8_t)c->role_first;
  m->role_key = c->role_key;
  if (c->person && c->actor && c->role && strlen(c->actor) == 3 &&
      gesta__country_code(c->actor) && gesta__country_code(c->person) &&
      strncmp(c->actor, c->person, 3) != 0 && lex_own_rules(&s->d->opts)) {
    /* "Colombia's defence minister Pedro Sanchez": the office the text names, in its country,
     * is someone who shares a known person's name (Spain's prime minister). */
    m->code = arena_code(ar, c->actor, 3, c->role);
    m->kinds &= ~MK_PERSON;
  } else if (c->person) {
    m->code = c->person;
    if (!m->role) m->role = code_role(c->person);
  } else if (c->actor && c->role && s->d->opts.petrarch && !strchr(c->actor, '/')) {
    m->code = role_code(ar, c->actor, c->roles, (size_t)c->nroles);
  } else if (c->actor && c->role) {
    size_t al = strlen(c->actor);
    if (gesta__country_code(c->actor) && al == 3)
      m->code = arena_code(ar, c->actor, 3, c->role);
    else if (strcmp(c->role, "LAB") == 0 && lex_own_rules(&s->d->opts) &&
             (al < 3 || strcmp(c->actor + al - 3, "LAB") != 0))
      /* "los trabajadores de Pemex", "Petrobras workers": the workers of a company or an
       * organisation are its labour (MEXBUSLAB); its other roles ("el presidente de Pemex")
       * are the body itself. */
      m->code = arena_code(ar, c->actor, al, c->role);
    else
      m->code = c->actor;
  } else if (c->actor) {
    m->code = c->actor;
    m->compound = strchr(c->actor, '/') != NULL;
  } else {
    /* "its troops" are the subject's, not the last troops named: no memory for them. */
    const char *known = m->possessed ? NULL : gesta__memory_role(mem, c->role, c->role_key);
    m->code = known ? known : c->role;
    m->remembered = known != NULL;
    size_t rl = strlen(m->code);
    if (!known && rl > 1 && m->code[rl - 1] == '~') m->code = gesta__arena_strndup(ar, m->code, rl - 1);
    if (!known && c->nroles > 1) m->code = role_code(ar, "", c->roles, (size_t)c->nroles);
    /* With TABARI's dictionaries (CONVERT AGENT off), a role word nobody holds is no actor. */
    if (!known && s->d->opts.no_bare_agents) {
      mentions->len--;
      return 0;
    }
  }
  if (!m->code) return GESTA_ENOMEM;
  if (c->named && gesta__country_code(m->code) && c->b > c->a) {
    if (remember_name(mem, tok[c->b - 1].hash, m->code)) return GESTA_ENOMEM;
  }
  return 0;
}

/* "leaders of Egypt's Muslim Brotherhood": hit k, a country, is the possessor of the actor of
 * its own right after its "'s"; the role word before belongs to that actor, not to the country. */
static int possesses_own(const sent_ctx *s, const hit *hits, size_t nh, size_t k) {
  const hit *h = &hits[k];
  if (h->kind != LK_ACTOR || h->person || !h->code || strlen(h->code) != 3 || k + 1 >= nh ||
      h->b + 1 >= s->b)
    return 0;
  if (!gesta__tok_genitive(&s->tok[h->b])) return 0;
  const hit *n = &hits[k + 1];
  return n->a == h->b + 1 && n->kind == LK_ACTOR && n->code && strlen(n->code) > 3 &&
         strncmp(n->code, h->code, 3) == 0;
}

static int compose(sent_ctx *s, doc_memory *mem, arena *ar, const hit *hits, size_t nh,
                   gvec *mentions) {
  chunk c = {0};
  int open = 0;
  for (size_t k = 0; k < nh; k++) {
    const hit *h = &hits[k];
    if (h->nested) {
      /* A role word inside the one before: the chunk's, as PETRARCH reads its noun phrases. */
      if (open && c.role && c.nroles < 8) {
        c.roles[c.nroles++] = LEX_STR(s->d, GVEC_AT(&s->d->agents, lex_agent, h->id).role);
        if (h->b > c.b) c.b = h->b;
      }
      continue;
    }
    if (open) {
      /* "Netanyahu's government": a person's role word names their country's body. */
      if (c.person && h->kind == LK_AGENT && !c.actor && h->a > c.b && link_gap(s, c.b, h->a) &&
          gesta__country_code(c.person)) {
        const char *role = LEX_STR(s->d, GVEC_AT(&s->d->agents, lex_agent, h->id).role);
        const char *code = arena_code(ar, c.person, 3, role);
        if (!code) return GESTA_ENOMEM;
        c.person = code;
        c.role = role;
        c.role_key = h->key;
        c.b = h->b;
        continue;
      }
      /* "Bree President Romendacil", "Russian President Vladimir Putin": right after a country
       * and its role word, a name of the same country names the role's holder. */
      if (c.actor && c.role && !c.person && h->kind == LK_ACTOR && !h->person && h->a == c.b &&
          h->code && strlen(c.actor) == 3 && strncmp(h->code, c.actor, 3) == 0) {
        c.b = h->b;
        continue;
      }
      /* PETRARCH codes a noun phrase by its first actor: a name right after a country and its
       * role word is part of the phrase ("Ithilen's minister Calimehtar" is ITHGOV). */
      if (s->d->opts.petrarch && c.actor && c.role && !c.person && h->kind == LK_ACTOR &&
          h->a == c.b) {
        c.b = h->b;
        continue;
      }
      int ok = chunk_accepts(s, &c, h);
      if (ok) {
        int agent_side = c.role != NULL || h->kind == LK_AGENT;
        if (h->a == c.b) {
          ok = agent_side || h->person || c.person;
        } else if (agent_side && (link_gap(s, c.b, h->a) || phrase_place(s, &c, h) ||
                                  (c.role_first && !c.actor && !c.person && !h->person &&
                                   h->kind == LK_ACTOR && !s->d->opts.literal &&
                                   !s->d->opts.petrarch && adjective_link_gap(s, c.b, h->a)))) {
          /* "sus tropas del Líbano": the possessor is the subject, so the country after the
           * link is a place, not the troops' owner. */
          ok = !(c.role_first && after_possessive(s, c.a)) && !possesses_own(s, hits, nh, k);
        } else if (h->person && c.role && h->a == c.b + 1 &&
                   gesta__tok_is(&s->tok[c.b], ',')) {
          ok = 1; /* "el presidente ruso, Vladímir Putin" */
        } else if (h->person && c.actor && !c.role && !c.person && h->code && h->a == c.b + 1 &&
                   strlen(c.actor) == 3 && strncmp(h->code, c.actor, 3) == 0 &&
                   gesta__tok_genitive(&s->tok[c.b]) && !s->d->opts.literal) {
          ok = 1; /* "Russia's Sergey Lavrov": the country's own person */
        } else {
          ok = 0;
        }
      }
      if (ok) {
        chunk_add(&c, s, h);
        continue;
      }
      int rc = finish_chunk(s, mem, ar, &c, mentions);
      if (rc) return rc;
    }
    memset(&c, 0, sizeof c);
    c.a = c.b = h->a;
    chunk_add(&c, s, h);
    open = 1;
  }
  if (open) return finish_chunk(s, mem, ar, &c, mentions);
  return 0;
}

uint32_t gesta__place_words(const sent_ctx *s, uint32_t u, uint32_t to) {
  for (int n = 0; n < 4 && u < to; n++) {
    uint32_t l = (uint32_t)sc_cls(s, u, CLS_LINK);
    if (!l && (sc_cls(s, u, CLS_ARTICLE) || sc_cls(s, u, CLS_PLACE_PART))) l = 1;
    if (!l) break;
    u += l;
  }
  return u;
}

/* Whether mention m names a country or capital after a locative word ("met in Riyadh", "en la
 * capital de Kenia"): where something happened, no side of it. */
static int located_mention(const sent_ctx *s, const mention *m) {
  if (!mention_names_country(m)) return 0;
  for (uint32_t t = m->a > s->a + 6 ? m->a - 6 : s->a; t < m->a; t++) {
    uint32_t u = t + (uint32_t)sc_cls(s, t, CLS_LOCATIVE);
    if (u > t && u <= m->a && gesta__place_words(s, u, m->a) == m->a) return 1;
  }
  return 0;
}

/* The two sides [both] at token i stands for, the nearer in sides[0]: the two actors named last
 * with distinct countries, in a clause of this sentence before i ("hosted his Guatemalan
 * counterpart, and the two agreed"), then earlier in the document; a place where something
 * happened is no side. 0 when fewer than two are known. */
static int both_sides(const sent_ctx *s, const doc_memory *mem, const gvec *mentions, uint32_t i,
                      const char *sides[2]) {
  int n = 0;
  /* Of this sentence, only actors of a clause before ("Rubio praised both countries": Rubio
   * is none of them): past a comma or a conjunction. */
  uint32_t before = i;
  while (before > s->a && !gesta__tok_is(&s->tok[before - 1], ',') &&
         !gesta__tok_is(&s->tok[before - 1], ';') && !sc_cls(s, before - 1, CLS_COORD))
    before--;
  while (n < 2) {
    const mention *last = NULL;
    for (size_t k = 0; k < mentions->len; k++) {
      const mention *m = &GVEC_AT(mentions, mention, k);
      if (m->b > before || (last && m->a <= last->a) || (m->kinds & MK_BOTH) ||
          !(m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME)) || !gesta__country_code(m->code) ||
          located_mention(s, m))
        continue;
      last = m;
    }
    if (!last) break;
    before = last->a;
    if (n == 0 || strncmp(sides[0], last->code, 3) != 0) sides[n++] = last->code;
  }
  for (int k = 0; k < mem->nrecent && n < 2; k++)
    if (n == 0 || strncmp(sides[0], mem->recent[k], 3) != 0) sides[n++] = mem->recent[k];
  return n == 2;
}

/* Whether word t after [both] is its verb, no noun of it: "the two agreed", "ambos firmaron". */
static int both_verb(sent_ctx *s, stemmer_set *ss, uint32_t t) {
  const token *w = &s->tok[t];
  uint64_t stem;
  if (!(w->flags & TF_WORD) || sc_cls(s, t, CLS_FUNCTION) || sc_cls(s, t, CLS_FUTURE_AUX) ||
      sc_cls(s, t, CLS_MODAL) || sc_cls(s, t, CLS_PASSIVE_AUX) || sc_cls(s, t, CLS_PERFECT_AUX) ||
      sc_cls(s, t, CLS_REFLEXIVE) || sc_cls(s, t, CLS_NEGATION) || sc_cls(s, t, CLS_ADVERB))
    return 1;
  return (gesta__finite_form(s, w) || irregular_form(s, w)) && head_patterns(s, ss, w, &stem);
}

/* "the two agreed", "ambas partes", "ambos países", "both governments": the two actors named
 * last (both_sides). With a role word after it, their countries' holders of that role; with a
 * noun of [both_sides] or none, the actors themselves; with another noun, their countries. */
static int add_both(sent_ctx *s, stemmer_set *ss, doc_memory *mem, arena *ar, gvec *mentions) {
  for (uint32_t i = s->a; i < s->b; i++) {
    uint8_t len = (uint8_t)sc_cls(s, i, CLS_BOTH);
    const char *sides[2];
    if (!len || s->in_mention[i - s->a] || !both_sides(s, mem, mentions, i, sides)) continue;
    /* "en ambos países": where something happened, no actors. */
    if (i > s->a && sc_cls(s, i - 1, CLS_LOCATIVE)) continue;
    /* "Russia and Ukraine (have) both signed", "firmaron ambos el acuerdo", "both the": a word
     * about the actors beside it, who are named. */
    uint32_t p = i;
    while (p > s->a && (sc_cls(s, p - 1, CLS_PASSIVE_AUX) || sc_cls(s, p - 1, CLS_PERFECT_AUX) ||
                        sc_cls(s, p - 1, CLS_ADVERB) || sc_cls(s, p - 1, CLS_FUTURE_AUX)))
      p--;
    if ((p > s->a && s->in_mention[p - 1 - s->a]) ||
        (i + len < s->b && sc_cls(s, i + len, CLS_ARTICLE)))
      continue;
    uint32_t end = i + len;
    const char *role = NULL;
    int whole = 0;
    /* A role word right after ("ambos gobiernos") composes with their countries. */
    size_t at = mentions->len;
    for (size_t k = 0; k < mentions->len; k++) {
      mention *m = &GVEC_AT(mentions, mention, k);
      if (m->a == end && (m->kinds & MK_AGENT) && !(m->kinds & (MK_ACTOR | MK_PERSON))) {
        role = m->role;
        end = m->b;
        at = k;
        break;
      }
    }
    if (at == mentions->len) {
      /* "both Russia and Ukraine" names them itself. */
      if (end < s->b && s->in_mention[end - s->a]) continue;
      uint32_t sl = end < s->b ? (uint32_t)sc_cls(s, end, CLS_SIDES) : 0;
      if (sl) { /* "ambas partes", "both sides" */
        end += sl;
        whole = 1;
      } else if (end < s->b && !both_verb(s, ss, end)) {
        end++; /* Skip the noun: "ambos países", "both countries". */
      } else {
        whole = 1;
      }
      if (!gesta__vec_push(mentions)) return GESTA_ENOMEM;
    }
    mention *m = &GVEC_AT(mentions, mention, at);
    memset(m, 0, sizeof *m);
    m->a = i;
    m->b = end;
    m->paren = s->paren[i - s->a];
    m->kinds = MK_BOTH;
    m->group = -1;
    m->role = role;
    m->code = whole ? sides[1] : arena_code(ar, sides[1], 3, role);
    m->code2 = whole ? sides[0] : arena_code(ar, sides[0], 3, role);
    if (!m->code || !m->code2) return GESTA_ENOMEM;
    for (uint32_t t = i; t < end; t++) s->in_mention[t - s->a] = 2;
    i = end - 1;
  }
  return 0;
}

/* Whether a role acts for a state or an armed group: such people are sent and withdrawn ("pulled
 * its troops from Syria"), so a country after "from" is no origin of theirs. */
static int deployed_role(const char *role) {
  static const char *const deployed[] = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "REB",
                                         "INS", "UAF", "IMG", "SEP", "CRM"};
  for (size_t r = 0; r < sizeof deployed / sizeof deployed[0]; r++)
    if (strncmp(role, deployed[r], 3) == 0) return 1;
  return 0;
}

/* "a court in Guyana", "los estudiantes en Caracas": a bare role word followed right away by a
 * locative word and a place is of that place's country. So is a civilian role followed by a
 * role link and a country (English "from": "dissidents from Myanmar", "refugees from Syria"),
 * the country they come from. Mentions are sorted. */
static int role_in_place(const sent_ctx *s, arena *ar, gvec *mentions) {
  for (size_t k = 0; k + 1 < mentions->len; k++) {
    mention *m = &GVEC_AT(mentions, mention, k);
    const mention *p = &GVEC_AT(mentions, mention, k + 1);
    if (m->kinds != MK_AGENT || !m->role || strlen(m->code) > 3) continue;
    uint8_t len = (uint8_t)sc_cls(s, m->b, CLS_LOCATIVE);
    if (!len && !s->d->opts.petrarch && !deployed_role(m->role))
      len = (uint8_t)sc_cls(s, m->b, CLS_ROLE_LINK);
    if (!len || p->a != m->b + len || p->role || (p->kinds & (MK_PERSON | MK_BOTH)) ||
        strlen(p->code) != 3 || !gesta__country_code(p->code))
      continue;
    const char *c = s->d->opts.petrarch ? mention_role_code(ar, p->code, m, m->role)
                                            : arena_code(ar, p->code, 3, m->code);
    if (!c) return GESTA_ENOMEM;
    m->code = c;
  }
  return 0;
}

/* Narrows the countries the sentence is located in (*set, *nset; *nset < 0 before the first
 * place) to those of one more place name. */
static void narrow_places(const char **set, int *nset, const char **codes, size_t nc) {
  if (*nset < 0) {
    for (size_t k = 0; k < nc; k++) set[k] = codes[k];
    *nset = (int)nc;
    return;
  }
  int w = 0;
  for (int k = 0; k < *nset; k++)
    for (size_t c = 0; c < nc; c++)
      if (strncmp(set[k], codes[c], 3) == 0) {
        set[w++] = set[k];
        break;
      }
  *nset = w;
}

/* The index of the first mention starting at or after token t (mentions sorted by start). */
static size_t first_mention_from(const gvec *mentions, uint32_t t) {
  return gesta__first_at(mentions->data, mentions->len, sizeof(mention), offsetof(mention, a), t);
}

/* The country a country or capital named at token u stands for ("in Gaza", "en Caracas"),
 * NULL when none starts there; country adjectives ("in Israeli shelling") name no place. */
static const char *located_country(const gvec *mentions, uint32_t u) {
  for (size_t k = first_mention_from(mentions, u); k < mentions->len; k++) {
    const mention *m = &GVEC_AT(mentions, mention, k);
    if (m->a != u) break;
    if (mention_names_country(m)) return m->code;
  }
  return NULL;
}

/* Whether mention m has a role word and no country: "Paramilitares", "the police". */
static int bare_role(const mention *m) {
  /* With a name of no one known ("la fiscal general, Consuelo Porras") it is still unplaced. */
  return (m->kinds & ~MK_NAME) == MK_AGENT && m->role && !m->possessed &&
         strncmp(m->code, m->role, strlen(m->code)) == 0;
}

/* Whether the places of m's own sentence may give it its country: a bare role word, or one whose
 * code came from an earlier sentence of the document ("the army" after "the Syrian army": where
 * this sentence puts it says more, "La Guardia Nacional detuvo ... en Texas"). */
static int placeable(const sent_ctx *s, const mention *m) {
  return bare_role(m) || (m->remembered && lex_own_rules(&s->d->opts) && m->kinds == MK_AGENT &&
                          m->role && !m->possessed);
}

/* "en la localidad ecuatoriana de Tena", "en la ciudad colombiana de Cali": after a locative
 * word, a plain noun and a country adjective followed by a link word and a name say which
 * country the named place is in. Returns 1 with that country in codes[0] and *end after the
 * adjective, 0 otherwise. */
static size_t country_adjective_place(const sent_ctx *s, const gvec *mentions, uint32_t u,
                                      const char **codes, uint32_t *end) {
  if (!noun_like(s, u - 1)) return 0;
  for (size_t k = first_mention_from(mentions, u); k < mentions->len; k++) {
    const mention *m = &GVEC_AT(mentions, mention, k);
    if (m->a != u) break;
    if (!m->adj || m->kinds != MK_ACTOR || strlen(m->code) != 3 || !gesta__country_code(m->code))
      return 0;
    uint32_t l = m->b < s->b ? (uint32_t)sc_cls(s, m->b, CLS_LINK) : 0;
    if (!l || m->b + l >= s->b || !(s->tok[m->b + l].flags & (TF_CAP | TF_UPPER))) return 0;
    codes[0] = m->code;
    *end = m->b;
    return 1;
  }
  return 0;
}

/* "Paramilitares asesinaron a un hombre en el municipio de Tame, Arauca", "Guerrilleros
 * atacaron un puesto de policía, CAUCA, TORIBÍO": a bare role word takes the country of the
 * places the sentence itself locates it in, when they all agree on one country. Those places are
 * the place names of data/actors/places.txt after a locative word (a few lowercase words may
 * stand between when they are function words or end in a link word: "en el departamento del
 * Cauca", "en zona rural de Tame"), each with the place names listed after it by commas, and a
 * list of capitalised names closing the sentence after a comma, where a place or a country must
 * fill an item. A place right after a role word and its locative is that role's only ("la
 * policía en Medellín", as role_in_place reads "la policía en Chile"); a country or capital
 * after a locative word keeps the rules of actors (docs/coding-rules.md: "students in Caracas"
 * are VENEDU, the police firing at them stay COP). Only the sentence's own places count, never
 * the document's: "Miles de trabajadores protestaron contra el Gobierno chileno" names a country
 * as a target, not where the workers are. A role after a possessive ("sus tropas") is the
 * subject's own and keeps its role alone. */
static int role_from_located_places(const sent_ctx *s, const doc_memory *mem, arena *ar,
                                    gvec *mentions) {
  const token *tok = s->tok;
  const char *set[8], *codes[8];
  int nset = -1;
  const char *land = NULL; /* the one country or capital named after a locative word */
  int nland = 0;
  int bare = 0;
  for (size_t k = 0; k < mentions->len; k++) bare |= placeable(s, &GVEC_AT(mentions, mention, k));
  if (!bare) return 0;
  uint32_t consumed = s->a; /* the closing list starts after the last locative's places */
  for (uint32_t t = s->a; t < s->b && nset != 0; t++) {
    /* "en cumplimiento del acuerdo alcanzado en Estambul", "after talks in Geneva": a place in
     * an adjunct of time or cause is where something else happened; the adjunct runs to the
     * next comma. */
    if (sc_cls(s, t, CLS_ADJUNCT) && lex_own_rules(&s->d->opts)) {
      while (t + 1 < s->b && !gesta__tok_is(&tok[t + 1], ',')) t++;
      continue;
    }
    uint32_t len = (uint32_t)sc_cls(s, t, CLS_LOCATIVE);
    /* "maestros de Oaxaca", "el alcalde de Medellín": after a role word, a link word locates it
     * too, but that role only. */
    int via_link = 0;
    if (!len && t > s->a && s->in_mention[t - 1 - s->a] && sc_cls(s, t, CLS_LINK)) {
      len = (uint32_t)sc_cls(s, t, CLS_LINK);
      via_link = 1;
    }
    if (!len) continue;
    uint32_t u = t + len, end = 0;
    size_t nc = 0;
    int linked = 0, plain = 1;
    mention *owner = NULL; /* the role word right before: among the mentions shortly before */
    for (size_t k = first_mention_from(mentions, t); k-- > 0;) {
      mention *m = &GVEC_AT(mentions, mention, k);
      if (m->a + 64 < t) break;
      if (m->b == t && (m->kinds & MK_AGENT) && !owner) owner = m;
    }
    for (; u < s->b && u - (t + len) <= 5; u++) {
      if ((nc = gesta__lex_place(s->d, tok, u, s->b, s->lang, mem->day, 0, codes, 8, &end))) break;
      const char *c = via_link || !(plain || linked) ? NULL : located_country(mentions, u);
      if (c && owner) {
        /* "los campesinos en el norte de Colombia", as role_in_place reads "en Colombia". */
        if (placeable(s, owner) && lex_own_rules(&s->d->opts) &&
            !(owner->code = arena_code(ar, c, 3, owner->role)))
          return GESTA_ENOMEM;
      } else if (c && !(land && strncmp(land, c, 3) == 0)) {
        land = c;
        nland++;
      }
      if (c) break;
      if (!via_link && u > t + len && (nc = country_adjective_place(s, mentions, u, codes, &end))) {
        plain = 1;
        break;
      }
      if (!(tok[u].flags & TF_WORD) || (tok[u].flags & (TF_CAP | TF_UPPER))) break;
      /* A link word of two ("of the", "de la") is passed whole. */
      uint32_t l = (uint32_t)sc_cls(s, u, CLS_LINK);
      linked = l != 0;
      if (!linked && !sc_cls(s, u, CLS_FUNCTION)) plain = 0;
      if (l > 1) u += l - 1;
    }
    if (!nc || !(plain || linked)) continue;
    /* "en Tame, Arauca": the names listed after it count with it. */
    const char *here[8];
    int nhere = -1;
    narrow_places(here, &nhere, codes, nc);
    while (nhere != 0 && end + 1 < s->b && gesta__tok_is(&tok[end], ',') &&
           (nc = gesta__lex_place(s->d, tok, end + 1, s->b, s->lang, mem->day, 0, codes, 8, &u))) {
      narrow_places(here, &nhere, codes, nc);
      end = u;
    }
    if (via_link && (!owner || !placeable(s, owner))) continue;
    consumed = end;
    t = end - 1;
    if (!owner) {
      narrow_places(set, &nset, here, (size_t)(nhere > 0 ? nhere : 0));
    } else if (placeable(s, owner) && nhere == 1) {
      const char *c = arena_code(ar, here[0], 3, owner->role);
      if (!c) return GESTA_ENOMEM;
      owner->code = c;
      /* "the mayor of Hebron, a member of Hamas": a role placed by a link word still gives way
       * to a named actor after it, as a bare role does. */
      owner->grouped = (uint8_t)via_link;
    }
  }
  /* The closing list: ", ANTIOQUIA , SAN CARLOS ." */
  uint32_t e = s->b;
  while (e > s->a && !(tok[e - 1].flags & TF_WORD) && tok[e - 1].norm[0] != ',') e--;
  while (nset != 0 && e > s->a) {
    uint32_t c = e;
    while (c > s->a && !gesta__tok_is(&tok[c - 1], ',')) c--;
    if (c <= consumed || c >= e || e - c > 6 || !(tok[c].flags & (TF_CAP | TF_UPPER))) break;
    int names = 1;
    for (uint32_t q = c; q < e; q++)
      if (!(tok[q].flags & TF_WORD) ||
          (!(tok[q].flags & (TF_CAP | TF_UPPER)) && !sc_cls(s, q, CLS_FUNCTION)))
        names = 0;
    if (!names) break;
    uint32_t end = 0;
    size_t nc = gesta__lex_place(s->d, tok, c, e, s->lang, mem->day, 1, codes, 8, &end);
    if (nc && end == e) narrow_places(set, &nset, codes, nc);
    e = c - 1;
  }
  /* "Four children were killed in shelling in the Gaza Strip": people who hold no office of
   * a state or an armed group are where the sentence puts them, in a country or capital as in
   * a place. Those who do (troops, police, officials) may have been sent from elsewhere: only
   * places of data/actors/places.txt locate them. */
  int civil_only = 0;
  if (nland == 1 && lex_own_rules(&s->d->opts) &&
      (nset < 0 || (nset == 1 && strncmp(set[0], land, 3) == 0))) {
    civil_only = nset < 0;
    set[0] = land;
    nset = 1;
  }
  if (nset != 1) return 0;
  for (size_t k = 0; k < mentions->len; k++) {
    mention *m = &GVEC_AT(mentions, mention, k);
    if (!placeable(s, m) || (civil_only && deployed_role(m->role))) continue;
    const char *c = arena_code(ar, set[0], 3, m->role);
    if (!c) return GESTA_ENOMEM;
    m->code = c;
  }
  return 0;
}

/* "Russian forces shelled the city of Kherson, killing three civilians", "bombardearon la ciudad
 * de Jersón, matando a tres civiles": a place that is the object of a material conflict (quad
 * class 4: right after the verb's words, past an object preposition, articles, a part of a place
 * and link words) locates the civilian role words with no country after it, as a place after a
 * locative word does. Run once the verbs are known. */
static int role_from_attacked_place(const sent_ctx *s, arena *ar) {
  if (!lex_own_rules(&s->d->opts)) return 0;
  for (size_t vi = 0; vi < s->nv; vi++) {
    const vmatch *v = &s->v[vi];
    if (v->nominal || v->passive || v->cameo == LEX_NULL_CODE ||
        GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).quad != 4 || v->last + 1 >= s->b)
      continue;
    uint32_t u = v->last + 1;
    u = gesta__place_words(s, u + (uint32_t)sc_cls(s, u, CLS_OBJECT_PREP), s->b);
    const char *codes[8], *set[8];
    uint32_t end = 0;
    int nset = -1;
    size_t nc = u < s->b ? gesta__lex_place(s->d, s->tok, u, s->b, s->lang, s->day, 0, codes, 8,
                                            &end)
                         : 0;
    if (!nc) continue;
    narrow_places(set, &nset, codes, nc);
    if (nset != 1) continue;
    for (size_t k = 0; k < s->nm; k++) {
      mention *m = (mention *)&s->m[k];
      if (m->a < end || !placeable(s, m) || deployed_role(m->role)) continue;
      const char *c = arena_code(ar, set[0], 3, m->role);
      if (!c) return GESTA_ENOMEM;
      m->code = c;
    }
  }
  return 0;
}

/* Gives every bare role word of the sentence the country c, as a role that still gives way as a
 * bare one does (mention.grouped). */
static int place_bare_roles(arena *ar, gvec *mentions, const char *c) {
  for (size_t k = 0; k < mentions->len; k++) {
    mention *m = &GVEC_AT(mentions, mention, k);
    if (!bare_role(m)) continue;
    const char *code = arena_code(ar, c, 3, m->role);
    if (!code) return GESTA_ENOMEM;
    m->code = code;
    m->grouped = 1;
  }
  return 0;
}

/* "Guerrilleros de las FARC secuestraron a un educador", "Tropas ejecutaron a un guerrillero
 * de las FARC": an armed group that fights inside its own country (a code with a country and
 * INS, UAF or CRM after it: insurgents against their own government, paramilitaries, cartels)
 * locates its sentence as a place does, so a bare role word takes that country when every actor
 * of the sentence with a country has it (COLEDU; COLMIL). Rebels and separatists (REB, SEP)
 * often strike across a border (the soldiers Hamas attacks are rarely Palestinian), a group
 * of international reach (IMG) acts anywhere: they locate nothing; an actor of another country
 * ("soldados venezolanos") leaves the roles alone. With gesta's own dictionaries only. */
static int role_from_armed_group(const sent_ctx *s, arena *ar, gvec *mentions) {
  static const char *const armed[] = {"INS", "UAF", "CRM"};
  const lex_options *o = &s->d->opts;
  if (!lex_own_rules(o)) return 0;
  const char *country = NULL;
  int bare = 0, group = 0;
  for (size_t k = 0; k < mentions->len; k++) {
    const mention *m = &GVEC_AT(mentions, mention, k);
    if (bare_role(m)) {
      bare = 1;
      continue;
    }
    if (!(m->kinds & (MK_ACTOR | MK_PERSON)) || strlen(m->code) < 6 ||
        !gesta__country_code(m->code))
      continue;
    if (country && strncmp(country, m->code, 3) != 0) return 0;
    country = m->code;
    for (size_t r = 0; r < sizeof armed / sizeof armed[0]; r++)
      if (strncmp(m->code + 3, armed[r], 3) == 0) group = 1;
  }
  if (!bare || !group) return 0;
  return place_bare_roles(ar, mentions, country);
}

/* "The Afghan defence ministry said its forces had fired ...", "Rusia afirmó que sus tropas
 * tomaron la aldea": a role word after a possessive belongs to whom the possessive stands for,
 * the nearest actor before it with a country (AFGMIL, RUSMIL). It stays a role of the subject's
 * own, never the target of the subject's act ("Russia withdrew its troops" has none). */
static int role_from_possessor(const sent_ctx *s, arena *ar, gvec *mentions) {
  if (!lex_own_rules(&s->d->opts)) return 0;
  for (size_t k = 0; k < mentions->len; k++) {
    mention *m = &GVEC_AT(mentions, mention, k);
    if (!m->possessed || m->kinds != MK_AGENT || !m->role ||
        strncmp(m->code, m->role, strlen(m->code)) != 0)
      continue;
    const mention *owner = NULL; /* mentions are in text order: the nearest one before */
    for (size_t j = k; j-- > 0 && !owner;) {
      const mention *p = &GVEC_AT(mentions, mention, j);
      if (p->b + 64 < m->a) break;
      if (p->b <= m->a && gesta__country_code(p->code) &&
          !(p->role && strncmp(p->code, p->role, 3) == 0))
        owner = p;
    }
    if (!owner) continue;
    const char *c = arena_code(ar, owner->code, 3, m->role);
    if (!c) return GESTA_ENOMEM;
    m->code = c;
    m->grouped = 1;
  }
  return 0;
}

/* "QUITO (AFP) - La policía detuvo a 20 estudiantes": a bare role word its own sentence does not
 * locate takes the country of the document's dateline (coder.c), the place the report was
 * filed from, as it would a city's of its sentence. The dateline is weaker than anything the
 * sentence says: an actor or a place of another country in it ("WASHINGTON - The government
 * imposed sanctions on Russia", "... en Caracas") leaves the roles alone, for the report may be
 * about elsewhere. A role given its country this way still gives way as a bare role does. */
static int role_from_dateline(const sent_ctx *s, const doc_memory *mem, arena *ar,
                              gvec *mentions) {
  const char *here = mem->dateline;
  if (!here || !lex_own_rules(&s->d->opts)) return 0;
  int bare = 0;
  for (size_t k = 0; k < mentions->len; k++) {
    const mention *m = &GVEC_AT(mentions, mention, k);
    if (bare_role(m)) {
      bare = 1;
    } else if (gesta__country_code(m->code) && strncmp(m->code, here, 3) != 0 &&
               !(m->role && strncmp(m->code, m->role, 3) == 0)) {
      return 0; /* a country's actor, not a role word alone ("his party") */
    }
  }
  if (!bare) return 0;
  for (uint32_t t = s->a; t < s->b; t++) {
    if (!(s->tok[t].flags & (TF_CAP | TF_UPPER))) continue;
    const char *codes[8];
    uint32_t end = 0;
    size_t n = gesta__lex_place(s->d, s->tok, t, s->b, s->lang, mem->day, 1, codes, 8, &end);
    if (!n) continue;
    size_t i = 0;
    while (i < n && strncmp(codes[i], here, 3) != 0) i++;
    if (i == n) return 0;
    t = end - 1;
  }
  return place_bare_roles(ar, mentions, here);
}

/* Mentions in text order. A sentence has few and finds them nearly in order: an insertion sort,
 * stable (mentions starting at one token keep the order they were found in). */
static void sort_mentions(mention *m, size_t n) {
  for (size_t i = 1; i < n; i++) {
    if (m[i - 1].a <= m[i].a) continue;
    mention x = m[i];
    size_t j = i;
    while (j > 0 && m[j - 1].a > x.a) {
      m[j] = m[j - 1];
      j--;
    }
    m[j] = x;
  }
}

static int same_country(const char *x, const char *y) {
  return gesta__country_code(x) && gesta__country_code(y) && strncmp(x, y, 3) == 0;
}

static int bare_country(const mention *m) {
  return (m->kinds & MK_ACTOR) && !(m->kinds & (MK_AGENT | MK_PERSON | MK_BOTH)) &&
         strlen(m->code) == 3 && gesta__country_code(m->code);
}

/* One role word shared by coordinated countries: "Armenian and Azerbaijani troops",
 * "the foreign ministers of Armenia and Azerbaijan". */
static void distribute_role(arena *ar, mention *m, size_t n) {
  size_t last = n - 1;
  const mention *r = NULL;
  size_t from = 0, to = 0;
  if ((m[last].kinds & MK_AGENT) && (m[last].kinds & MK_ACTOR) && m[last].adj && !m[last].role_first) {
    r = &m[last];
    from = 0;
    to = last;
  } else if ((m[0].kinds & MK_AGENT) && (m[0].kinds & MK_ACTOR) && m[0].role_first) {
    r = &m[0];
    from = 1;
    to = n;
  }
  if (!r) return;
  for (size_t i = from; i < to; i++)
    if (!bare_country(&m[i]) || (r == &m[last] && !m[i].adj)) return;
  for (size_t i = from; i < to; i++) {
    const char *c = arena_code(ar, m[i].code, 3, r->role);
    if (!c) return; /* out of memory: keep the bare country */
    m[i].code = c;
    m[i].role = r->role;
    m[i].kinds |= MK_AGENT;
  }
}

/* Whether mention a stands right after a finite verb (its object) and mention b right before
 * one (its subject): "Russia attacked Ukraine and China condemned the attack". */
static int new_clause_subject(const sent_ctx *s, const mention *a, const mention *b) {
  uint32_t t = a->a;
  while (t > s->a && (sc_cls(s, t - 1, CLS_ARTICLE) || sc_cls(s, t - 1, CLS_NUMBER) ||
                      (s->tok[t - 1].flags & TF_NUM)))
    t--;
  /* "atacó a Ucrania", "firmó con Rusia": a preposition or object marker may come first. */
  if (t > s->a + 1 && (sc_cls(s, t - 1, CLS_COMPLEMENT) || sc_cls(s, t - 1, CLS_PREPOSITION)))
    t--;
  if (t == s->a || !(s->tok[t - 1].flags & TF_WORD) || s->in_mention[t - 1 - s->a] ||
      !gesta__finite_form(s, &s->tok[t - 1]))
    return 0;
  return b->b < s->b && (s->tok[b->b].flags & TF_WORD) && !s->in_mention[b->b - s->a] &&
         gesta__finite_form(s, &s->tok[b->b]);
}

/* Appositions and coordination. */
static void structure(sent_ctx *s, arena *ar, gvec *mentions) {
  const token *tok = s->tok;
  size_t n = mentions->len;
  mention *m = (mention *)mentions->data;
  /* Attribution: "según el ministerio", "according to the army". */
  for (size_t k = 0; k < n; k++) {
    for (uint32_t t = m[k].a > s->a + 8 ? m[k].a - 8 : s->a; t < m[k].a; t++) {
      uint8_t len = (uint8_t)sc_cls(s, t, CLS_ATTRIB);
      if (!len) continue;
      /* "según el ministerio", "según un informe de la OPAQ". */
      uint32_t gap = m[k].a - (t + len);
      int ok = t + len <= m[k].a && gap <= 5;
      for (uint32_t g = t + len; ok && g < m[k].a; g++)
        if (!(tok[g].flags & TF_WORD)) ok = 0;
      if (ok) m[k].attrib = 1;
    }
  }
  /* "Macron, el presidente francés," is one actor: merge an apposition that agrees. */
  size_t w = 0;
  for (size_t k = 0; k < n; k++) {
    if (w > 0) {
      mention *p = &m[w - 1];
      int comma = m[k].a == p->b + 1 && gesta__tok_is(&tok[p->b], ',');
      int agrees = same_country(p->code, m[k].code) ||
                   ((m[k].kinds & MK_AGENT) && !(m[k].kinds & (MK_ACTOR | MK_PERSON)) &&
                    (p->kinds & MK_PERSON));
      /* "the Democratic Republic of Congo (DRC)": a short name in brackets right after the
       * same actor is part of it. */
      if (m[k].a == p->b + 1 && (tok[p->b].flags & TF_OPEN) && m[k].b < s->b &&
          (tok[m[k].b].flags & TF_CLOSE) && strcmp(p->code, m[k].code) == 0 &&
          p->attrib == m[k].attrib) {
        for (uint32_t t = p->b; t <= m[k].b; t++) s->in_mention[t - s->a] = 1;
        p->b = m[k].b + 1;
        continue;
      }
      if (comma && agrees && !(m[k].kinds & MK_BOTH) && !(p->kinds & MK_BOTH) &&
          p->attrib == m[k].attrib && p->paren == m[k].paren) {
        /* Keep the more specific code. */
        if (strlen(m[k].code) > strlen(p->code) && !(p->kinds & MK_PERSON)) p->code = m[k].code;
        p->b = m[k].b;
        p->kinds |= m[k].kinds;
        continue;
      }
    }
    m[w++] = m[k];
  }
  mentions->len = n = w;
  /* Coordination: mentions joined by "y", "and", or commas closed by a conjunction. */
  int g = 0;
  for (size_t k = 0; k < n;) {
    size_t e = k;
    size_t last_conj = k;
    while (e + 1 < n) {
      uint32_t x = m[e].b, y = m[e + 1].a;
      /* "The Democratic Republic of Congo (DRC) and Rwanda": an aside right after a mention is
       * its own. */
      if (x < y && (tok[x].flags & TF_OPEN)) {
        uint32_t c = x + 1;
        while (c < y && c <= x + 6 && !(tok[c].flags & (TF_CLOSE | TF_OPEN))) c++;
        if (c < y && (tok[c].flags & TF_CLOSE)) x = c + 1;
      }
      int comma = y == x + 1 && gesta__tok_is(&tok[x], ',');
      /* With other coders' dictionaries, words may stand between a list's comma and the next
       * actor ("Evil Mordor, the awful Fornost, and good Gondor"). */
      if (!comma && s->d->opts.literal && y > x + 1 && y - x <= 4 && gesta__tok_is(&tok[x], ',') &&
          !sc_cls(s, x + 1, CLS_COORD)) {
        comma = 1;
        for (uint32_t q = x + 1; q < y; q++)
          if (!(tok[q].flags & TF_WORD) || (tok[q].flags & TF_CAP)) comma = 0;
      }
      uint32_t cx = x;
      if (y > x + 1 && gesta__tok_is(&tok[x], ',')) cx = x + 1; /* ", and" */
      uint32_t clen = (uint32_t)sc_cls(s, cx, CLS_COORD);
      int conj = y > cx && clen && !(clen == 1 && tok[cx].norm[0] == ',');
      /* Up to three function words, adverbs or numbers may follow the conjunction: "y la UE",
       * "and a Briton", "y después con el presidente francés", "y 800 militares"; with other coders' dictionaries, any
       * lowercase words ("Fornost and the evil awful Gondor"), as their parsers allow. */
      for (uint32_t q = cx + clen; conj && q < y; q++)
        if (q - (cx + clen) >= 3 ||
            (!(tok[q].flags & TF_WORD) && !(tok[q].flags & TF_NUM)) ||
            !(sc_cls(s, q, CLS_FUNCTION) || sc_cls(s, q, CLS_ADVERB) || sc_cls(s, q, CLS_NUMBER) ||
              (tok[q].flags & TF_NUM) ||
              (s->d->opts.literal && !(tok[q].flags & TF_CAP) && !sc_cls(s, q, CLS_NEGATION))))
          conj = 0;
      if (!(comma || conj) || m[e + 1].attrib != m[k].attrib) break;
      /* "recibió a Petro en Brasilia, y ambos firmaron": [both] is a pair of its own. */
      if ((m[e].kinds | m[e + 1].kinds) & MK_BOTH) break;
      /* "Russia attacked Ukraine and China condemned it": an object after a verb and a subject
       * before the next verb are two clauses, not one list. */
      if (conj && !s->d->opts.literal && new_clause_subject(s, &m[e], &m[e + 1])) break;
      e++;
      if (conj) last_conj = e;
    }
    size_t end = last_conj; /* a run of commas alone is not a coordination */
    for (size_t t = k; t <= end; t++) m[t].group = g;
    if (end > k) distribute_role(ar, m + k, end - k + 1);
    g++;
    k = end + 1;
  }
}

/* Whether token t is the word the literal head of p ("!paro") names, or its plural in "s" or
 * "es"; not an accented word when the head has no accent ("paró"). */
static int literal_form(const token *t, const lex_pattern *p) {
  uint64_t h = p->literal;
  if (p->literal_plain && t->end - t->start != t->norm_len) return 0;
  if (t->hash == h) return 1;
  uint32_t n = t->norm_len;
  if (n > 2 && t->norm[n - 1] == 's' && gesta__word_hash(t->norm, n - 1) == h) return 1;
  return n > 3 && t->norm[n - 2] == 'e' && t->norm[n - 1] == 's' &&
         gesta__word_hash(t->norm, n - 2) == h;
}

/* The stem keys a token can head patterns with: its irregular lemma, or its stems. */
static int verb_keys(sent_ctx *s, stemmer_set *ss, const token *t, uint64_t keys[2]) {
  const gesta_dict *d = s->d;
  uint32_t idx;
  if (gesta__hmap_get(&d->irregular, lex_lang_key(s->lang, t->hash), &idx)) {
    keys[0] = GVEC_AT(&d->lemma_stems, uint64_t, idx);
    if (!d->opts.literal) return 1;
    /* Another coder's verbs may hold the form itself ("LEFT [032:033]" beside "LEAVE"): the
     * form's own patterns first, then its lemma's. */
    uint64_t own[2];
    gesta__stem_keys(ss, s->lang, s->buf + t->start, t->end - t->start, t->norm, t->norm_len,
                     t->hash, own);
    keys[1] = keys[0];
    keys[0] = own[0];
    return 2;
  }
  return gesta__stem_keys(ss, s->lang, s->buf + t->start, t->end - t->start, t->norm, t->norm_len,
                          t->hash, keys);
}

/* The first pattern (1-based) a token heads and the stem it heads it by; 0 when none. */
static uint32_t find_head(sent_ctx *s, stemmer_set *ss, const token *t, uint64_t *stem) {
  const gesta_dict *d = s->d;
  uint64_t keys[2];
  int nkeys = verb_keys(s, ss, t, keys);
  uint32_t first = 0;
  for (int k = 0; k < nkeys && !first; k++)
    if (gesta__hmap_get(&d->head_map, lex_lang_key(s->lang, keys[k]), &first)) *stem = keys[k];
  /* A head written as a stem ("oppos~") names the words it begins, longest first. */
  for (uint32_t len = t->norm_len; !first && d->nhead_prefixes && len-- > 3;) {
    uint32_t idx;
    if (!gesta__hmap_get(&d->head_prefix, lex_lang_key(s->lang, gesta__word_hash(t->norm, len)),
                         &idx))
      continue;
    *stem = GVEC_AT(&d->lemma_stems, uint64_t, idx);
    gesta__hmap_get(&d->head_map, lex_lang_key(s->lang, *stem), &first);
  }
  return first;
}

/* find_head, remembered per coder for the words whose written form folds to as many bytes
 * (every ASCII word): what those head depends on their folded form alone (gesta__stem_keys
 * stems the others as written too). Most words head nothing, and say so in one lookup. */
static uint32_t head_patterns(sent_ctx *s, stemmer_set *ss, const token *t, uint64_t *stem) {
  if (t->end - t->start != t->norm_len) return find_head(s, ss, t, stem);
  uint64_t key = lex_lang_key(s->lang, t->hash);
  const verb_head *known = gesta__memo_get(&ss->heads, key);
  if (known) {
    *stem = known->stem;
    return known->first;
  }
  uint32_t first = find_head(s, ss, t, stem);
  verb_head *h = gesta__memo_put(&ss->heads, key);
  if (h) {
    h->first = first;
    h->stem = first ? *stem : 0;
  }
  return first;
}

/* Whether word t is an infinitive heading a verb pattern ("attend" in "scheduled to attend",
 * "atacar" in "acusado de atacar"; not "muerte" in "amenazado de muerte"). A language whose
 * infinitives have endings of their own (data/lang [infinitive_endings]) needs one. */
static int infinitive_head(sent_ctx *s, stemmer_set *ss, uint32_t t) {
  const token *w = &s->tok[t];
  if (!(w->flags & TF_WORD)) return 0;
  if ((s->d->class_langs[CLS_INFINITIVE_END] >> s->lang) & 1) {
    int ending = 0;
    for (uint32_t k = 2; k + 1 < w->norm_len && k <= 6 && !ending; k++)
      ending = gesta__lex_word_in_class(s->d, gesta__word_hash(w->norm + w->norm_len - k, k),
                                        s->lang, CLS_INFINITIVE_END);
    if (!ending) return 0;
  }
  uint64_t keys[2];
  int nkeys = verb_keys(s, ss, w, keys);
  uint32_t first;
  for (int k = 0; k < nkeys; k++)
    if (gesta__hmap_get(&s->d->head_map, lex_lang_key(s->lang, keys[k]), &first)) return 1;
  return 0;
}

static int lemma_in(const gesta_dict *d, int lang, int cls, uint64_t stem) {
  uint32_t v;
  return gesta__hmap_get(&d->lemma_class,
                         gesta__hash_mix(lex_lang_key(lang, (uint64_t)cls + 77), stem), &v);
}

/* Words that do not count as distance between the words of a pattern. */
/* Whether token t is part of an amount of money: a currency sign, the number after it and a
 * number word after that ("$10 billion", "US$1.5 billion", "€3 millones"). */
static int money_word(const sent_ctx *s, uint32_t t) {
  const token *tok = s->tok;
  if (tok[t].flags & TF_NUM) return t > s->a && currency_sign(&tok[t - 1]);
  if (tok[t].flags & TF_WORD)
    return t > s->a + 1 && (tok[t - 1].flags & TF_NUM) && sc_cls(s, t, CLS_NUMBER) &&
           currency_sign(&tok[t - 2]);
  return currency_sign(&tok[t]);
}

/* Words that do not count as distance between a pattern's words: function, time and article
 * words, adverbs, and amounts of money ("signed a $10 billion currency swap agreement"). */
static inline int light_word(const sent_ctx *s, uint32_t t) {
  if (t < s->a || t >= s->b) return 0;
  const uint8_t *c = &s->clen[(size_t)(t - s->a) * CLS_COUNT];
  return c[CLS_FUNCTION] || c[CLS_TIME] || c[CLS_ARTICLE] || c[CLS_ADVERB] || money_word(s, t);
}

static int infinitive_form(const sent_ctx *s, const token *t);
static int ends_with_class(const sent_ctx *s, const token *t, uint32_t k, int cls);

/* A reflexive clitic shortly before the verb, in its clause: "se manifestaron", "se han
 * manifestado", "no se amotinaron"; or joined to the infinitive ("movilizarse"). */
static int reflexive_before(const sent_ctx *s, uint32_t head) {
  const token *h = &s->tok[head];
  for (uint32_t k = 2; k <= 3 && k + 3 < h->norm_len; k++)
    if (ends_with_class(s, h, k, CLS_REFLEXIVE) && infinitive_form(s, h) == 1) return 1;
  for (uint32_t k = head; k > s->a && head - k < 3; k--) {
    if (s->tok[k - 1].flags & (TF_CLAUSE | TF_TERM)) return 0;
    if (sc_cls(s, k - 1, CLS_REFLEXIVE)) return 1;
  }
  return 0;
}

/* Whether token t is word q of an alternative (lexicon.h: lex_alt). */
static int alt_word(const token *t, const uint64_t *alt, uint64_t q) {
  if (t->hash == alt[1 + q]) return 1;
  /* A stem ("resolution~") matches any word it begins. */
  uint32_t plen = LEX_ALT_STEM_LEN(alt[0]);
  return q + 1 == LEX_ALT_LEN(alt[0]) && plen && t->norm_len >= plen &&
         gesta__word_hash(t->norm, plen) == alt[1 + q];
}

static uint32_t gapped_span(const sent_ctx *s, uint32_t j, const uint64_t *alt);

/* The number of tokens from j that spell one alternative of a pattern element, 0 when they do
 * not. The words of a gapped alternative may have a few others between them, in the sentence.
 * (On the hot path: plain words are compared here, stems and gaps further on.) */
static inline uint32_t alt_span(const sent_ctx *s, uint32_t j, const uint64_t *alt) {
  uint64_t len = LEX_ALT_LEN(alt[0]);
  if (j + len > s->b) return 0;
  if (alt[0] & (LEX_ALT_GAPPED | (0xFFULL << 16))) { /* gapped, or ending in a stem */
    if (alt[0] & LEX_ALT_GAPPED) return gapped_span(s, j, alt);
    for (uint64_t q = 0; q < len; q++)
      if (!alt_word(&s->tok[j + q], alt, q)) return 0;
    return (uint32_t)len;
  }
  for (uint64_t q = 0; q < len; q++)
    if (s->tok[j + q].hash != alt[1 + q]) return 0;
  return (uint32_t)len;
}

static uint32_t gapped_span(const sent_ctx *s, uint32_t j, const uint64_t *alt) {
  uint64_t len = LEX_ALT_LEN(alt[0]);
  uint32_t pos = j;
  for (uint64_t q = 0; q < len; q++) {
    uint32_t k = pos;
    while (k < s->b && (q == 0 ? k == j : k - pos <= PATTERN_GAP) && !alt_word(&s->tok[k], alt, q)) {
      if (q == 0 || (s->tok[k].flags & TF_TERM)) return 0;
      k++;
    }
    if (k >= s->b || (q > 0 && k - pos > PATTERN_GAP) || !alt_word(&s->tok[k], alt, q)) return 0;
    pos = k + 1;
  }
  return pos - j;
}

/* Matches the elements a pattern has before its head ("refused to *accept", "+ *free from $"),
 * walking back from the head, each within a few words of the next one (or right before it when
 * joined by '_'). Returns the words matched, or -1. */
static int match_before(const sent_ctx *s, const lex_pattern *p, uint32_t head, vmatch *out,
                        uint8_t *used) {
  const gesta_dict *d = s->d;
  const token *tok = s->tok;
  uint32_t pos = head; /* the next element ends before pos */
  int adjacent = p->head_adjacent, matched = 0;
  for (uint16_t e = p->npre; e-- > 0;) {
    const lex_elem *el = &GVEC_AT(&d->elems, lex_elem, p->first_elem + e);
    if (el->type == EL_SKIP) {
      /* "$ ^ for *warn": the actor ending nearest before this point (within a few words) is
       * passed over; the elements before it end before it. */
      uint32_t j = pos;
      while (j > s->a && !s->in_mention[j - 1 - s->a] && pos - j <= PATTERN_GAP &&
             !(tok[j - 1].flags & TF_TERM))
        j--;
      if (j == s->a || !s->in_mention[j - 1 - s->a]) return -1;
      while (j > s->a && s->in_mention[j - 1 - s->a]) j--;
      pos = j;
      adjacent = el->adjacent;
      continue;
    }
    if (el->type != EL_WORD) {
      /* A slot before the head: the actor ending nearest before this point. */
      if (el->type == EL_TARGET) out->target_before = pos;
      else if (el->type == EL_COMPOUND) out->compound_before = pos;
      else out->source_before = pos;
      adjacent = el->adjacent;
      continue;
    }
    int found = 0, gap = 0;
    for (uint32_t j = pos; j > s->a && !found; j--) {
      uint32_t end = j; /* the element would end right before end */
      if (end < pos) {
        const token *g = &tok[end];
        if (adjacent || (g->flags & TF_TERM)) break;
        if (!light_word(s, end) && !s->in_mention[end - s->a] && ++gap > PATTERN_GAP) break;
      }
      const uint64_t *alt = &GVEC_AT(&d->alts, uint64_t, el->first_alt);
      for (uint16_t a = 0; a < el->nalt && !found; a++) {
        uint64_t len = LEX_ALT_LEN(*alt);
        /* The alternative must end right before end: a gapped one may start further back. */
        uint64_t reach = *alt & LEX_ALT_GAPPED ? len + (len - 1) * PATTERN_GAP : len;
        for (uint64_t span = len; span <= reach && span <= end - s->a && !found; span++) {
          uint32_t from = (uint32_t)(end - span);
          if (alt_span(s, from, alt) == span) {
            matched += (int)len;
            if (used)
              for (uint64_t q = 0; q < span; q++) used[from + q - s->a] = 1;
            pos = from;
            out->first = from;
            found = 1;
          }
        }
        alt += 1 + len;
      }
    }
    if (!found) return -1;
    adjacent = el->adjacent;
  }
  return matched;
}

/* Whether an actor in [a, b) is the object of a preposition also in [a, b) ("against the
 * police"), so that the verb could take it as its target. */
static int object_between(const sent_ctx *s, uint32_t a, uint32_t b) {
  for (uint32_t j = a; j < b; j++) {
    if (!sc_cls(s, j, CLS_PREPOSITION)) continue;
    uint32_t k = j + 1;
    while (k < b && sc_cls(s, k, CLS_ARTICLE)) k++;
    if (k < b && s->in_mention[k - s->a]) return 1;
  }
  /* "attacked Kyiv on Monday" is no "attack on +": a country, place or person named right
   * after the word before is the verb's object ("deployed troops to Poland" skips a role). */
  for (size_t k = 0; k < s->nm; k++) {
    const mention *m = &s->m[k];
    if (m->a == a && m->b <= b && (m->kinds & (MK_ACTOR | MK_PERSON)) && !m->role) return 1;
    if (m->a > a) break;
  }
  return 0;
}

/* Whether the words right before t, after lo, are a plain noun phrase an article opens ("una
 * comisión binacional"): no actor, no time word, no preposition between. */
static int noun_before(const sent_ctx *s, uint32_t lo, uint32_t t) {
  if (t <= lo + 1) return 0;
  for (uint32_t k = t; k-- > lo && t - k <= 4;) {
    const token *w = &s->tok[k];
    if (sc_cls(s, k, CLS_ARTICLE)) return k + 1 < t;
    if (!(w->flags & TF_WORD) || (w->flags & NAME_CASE) || s->in_mention[k - s->a] ||
        light_word(s, k) || sc_cls(s, k, CLS_PREPOSITION) || sc_cls(s, k, CLS_NUMBER))
      return 0;
  }
  return 0;
}

/* Tries one pattern at a head; returns the number of words matched, -1 when it fails. */
static int try_pattern(const sent_ctx *s, const lex_pattern *p, uint32_t head, int passive,
                       int speech, vmatch *out, uint8_t *used) {
  const gesta_dict *d = s->d;
  const token *tok = s->tok;
  uint32_t pos = head + 1, last = head;
  if (p->reflexive && !reflexive_before(s, head)) return -1;
  int matched = p->reflexive; /* words matched besides the head: the longer match wins */
  uint32_t tgt_a = NO_POS, tgt_b = NO_POS; /* the mention at the target slot */
  out->target_pos = out->source_pos = out->source_end = NO_POS;
  out->target_before = out->source_before = NO_POS;
  out->compound_pos = out->compound_before = NO_POS;
  out->first = head;
  if (p->npre) {
    int m = match_before(s, p, head, out, used);
    if (m < 0) return -1;
    matched += m;
  }
  for (uint16_t e = p->npre; e < p->nelem; e++) {
    const lex_elem *el = &GVEC_AT(&d->elems, lex_elem, p->first_elem + e);
    if (el->type == EL_TARGET) {
      out->target_pos = pos;
      /* The target's words neither count as distance nor are barred from the pattern: "pidió a
       * la Unión Europea más sistemas", "expelled six Indian diplomats" ("expel + diplomats"). */
      uint32_t j = pos;
      while (j < s->b && j - pos < 3 && !s->in_mention[j - s->a] &&
             !(s->tok[j].flags & (TF_CLAUSE | TF_TERM)))
        j++; /* "expelled two Iranian diplomats" */
      if (j < s->b && s->in_mention[j - s->a]) {
        tgt_a = j;
        while (j < s->b && s->in_mention[j - s->a]) j++;
        tgt_b = j;
      }
      /* "receive_+": the target is the verb's object itself, named right after it and ending
       * its noun phrase ("received Boric in Brasilia"), not a word that qualifies the object
       * ("received US weapons", "received Chinese loans"). */
      if (el->adjacent) {
        uint32_t k = pos;
        while (k < s->b && sc_cls(s, k, CLS_ARTICLE)) k++;
        if (tgt_a != k || (tgt_b < s->b && (tok[tgt_b].flags & TF_WORD) && !light_word(s, tgt_b) &&
                           !sc_cls(s, tgt_b, CLS_PREPOSITION) && !sc_cls(s, tgt_b, CLS_COORD)))
          return -1;
      }
      continue;
    }
    if (el->type == EL_SOURCE || el->type == EL_COMPOUND) {
      *(el->type == EL_SOURCE ? &out->source_pos : &out->compound_pos) = pos;
      continue;
    }
    if (el->type == EL_SKIP) {
      /* "^": the next actor, within a few words, is passed over ("warned at ^ of +"). With
       * PETRARCH's dictionaries it passes over the noun phrase there, which need not be an
       * actor ("warned their ^ +": "warned their populations about the Prince"). */
      uint32_t j = pos;
      if (d->opts.petrarch) {
        while (j < s->b && sc_cls(s, j, CLS_ARTICLE)) j++;
        uint32_t k = j;
        while (k < s->b && (tok[k].flags & TF_WORD) && !s->in_mention[k - s->a] &&
               !(tok[k].flags & TF_TERM) && !sc_cls(s, k, CLS_FUNCTION) &&
               !sc_cls(s, k, CLS_PREPOSITION) && !sc_cls(s, k, CLS_COORD))
          k++;
        if (k > j && (k >= s->b || !s->in_mention[k - s->a])) {
          pos = k;
          continue;
        }
        j = pos;
      }
      while (j < s->b && j - pos <= PATTERN_GAP && !s->in_mention[j - s->a] &&
             !(s->tok[j].flags & TF_TERM))
        j++;
      if (j >= s->b || !s->in_mention[j - s->a]) return -1;
      while (j < s->b && s->in_mention[j - s->a]) j++;
      pos = j;
      continue;
    }
    /* In the passive the object marker before the target has no place ("recibir a +" matches
     * "fue recibido por"): a word right before the target slot may be missing. */
    int optional = passive && e + 1 < p->nelem &&
                   GVEC_AT(&d->elems, lex_elem, p->first_elem + e + 1).type == EL_TARGET;
    int found = 0, gap = 0;
    for (uint32_t j = pos; j < s->b && !found && j - pos <= 3 * PATTERN_GAP; j++) {
      if (j > pos) {
        const token *g = &tok[j - 1];
        if (el->adjacent || (g->flags & TF_TERM)) break;
        if (gesta__tok_is(g, ';')) break;
        /* A verb of speech does not reach into the clause it reports: in "señalaron que el
         * responsable ..." no one is named responsible by "señalar". */
        if (speech && sc_cls(s, j - 1, CLS_SUBJ_RELATIVE)) break;
        /* Nor past a phrase of purpose ("en señal de", "a fin de"): "abandonaron el plenario
         * en señal de protesta" abandons no protest. A preposition that also marks infinitives
         * ("para") may tell a time ("convocó para el lunes una huelga"): it does not stop. */
        if (!d->opts.literal && !d->opts.petrarch && sc_cls(s, j - 1, CLS_PURPOSE) &&
            !sc_cls(s, j - 1, CLS_INFINITIVE))
          break;
        /* Nor does a word opening the target slot reach past "to" and an infinitive, in a
         * language whose infinitives have no endings of their own: "agreed to jointly patrol
         * the border with Gaza" is no "agree with +". */
        if (!d->opts.literal && !d->opts.petrarch && sc_cls(s, j - 1, CLS_INFINITIVE) &&
            !((d->class_langs[CLS_INFINITIVE_END] >> s->lang) & 1) && e + 1 < p->nelem &&
            GVEC_AT(&d->elems, lex_elem, p->first_elem + e + 1).type == EL_TARGET &&
            (tok[j].flags & TF_WORD) && !(tok[j].flags & NAME_CASE) && !s->in_mention[j - s->a] &&
            !sc_cls(s, j, CLS_ARTICLE) && !sc_cls(s, j, CLS_NUMBER))
          break;
        /* Nor past a clause of purpose ("signed a deal to modernise their ports with ..."). */
        if (!d->opts.literal && !d->opts.petrarch &&
            (sc_cls(s, j - 1, CLS_PURPOSE) || sc_cls(s, j - 1, CLS_INFINITIVE)) &&
            gesta__purpose_clause(s, j - 1, head, pos, 0) && gesta__purpose_bounds(d, p->cameo))
          break;
        /* Function words and time expressions ("la semana pasada") do not count as distance. */
        int in_target = j - 1 >= tgt_a && j - 1 < tgt_b;
        if (!in_target && !light_word(s, j - 1) && ++gap > PATTERN_GAP) break;
      }
      if (s->in_mention[j - s->a] == 2 && !(j >= tgt_a && j < tgt_b)) continue;
      if (!(el->first & lex_first_bit(tok[j].hash))) continue; /* no alternative begins here */
      /* ", que" past other words opens a relative clause about the noun before it, no clause
       * of the verb's: "manifestaron su respaldo a la huelga, que consideran justa" is no
       * "manifestar que". */
      if (j > pos + 1 && !d->opts.literal && !d->opts.petrarch && gesta__tok_is(&tok[j - 1], ',') &&
          sc_cls(s, j, CLS_SUBJ_RELATIVE))
        continue;
      /* So does one right after a plain noun that an article opens: "acordaron crear una
       * comisión binacional que investigará" is no "acordar que". */
      if (j > pos + 1 && !d->opts.literal && !d->opts.petrarch && sc_cls(s, j, CLS_SUBJ_RELATIVE) &&
          noun_before(s, pos, j))
        continue;
      const uint64_t *alt = &GVEC_AT(&d->alts, uint64_t, el->first_alt);
      for (uint16_t a = 0; a < el->nalt && !found; a++) {
        uint64_t len = LEX_ALT_LEN(*alt);
        uint32_t span = alt_span(s, j, alt);
        /* "want + to": an infinitive marker ending the pattern right at an empty target slot
         * is the verb's own ("wants to attack"), not the object's ("wants Iran to attack"). */
        if (span && !passive && !d->opts.literal && j == out->target_pos && e > p->npre &&
            e + 1 == p->nelem &&
            GVEC_AT(&d->elems, lex_elem, p->first_elem + e - 1).type == EL_TARGET &&
            sc_cls(s, j, CLS_INFINITIVE))
          span = 0;
        /* "marched against the police on Tuesday" is no "march on +": a word that opens the
         * target slot does not reach past an actor the verb could take as its target. */
        if (span && j > pos && !d->opts.literal && !d->opts.petrarch && e + 1 < p->nelem &&
            GVEC_AT(&d->elems, lex_elem, p->first_elem + e + 1).type == EL_TARGET &&
            (e == p->npre || GVEC_AT(&d->elems, lex_elem, p->first_elem + e - 1).type == EL_WORD) &&
            object_between(s, pos, j))
          span = 0;
        if (span) {
          matched += (int)len;
          if (used)
            for (uint32_t q = 0; q < span; q++) used[j + q - s->a] = 1;
          if (e > p->npre && out->source_end == NO_POS &&
              GVEC_AT(&d->elems, lex_elem, p->first_elem + e - 1).type == EL_SOURCE)
            out->source_end = j;
          pos = j + span;
          last = pos - 1;
          found = 1;
        }
        alt += 1 + len;
      }
    }
    if (!found && !optional) return -1;
  }
  out->head = head;
  out->last = last;
  out->pat = p;
  return matched;
}

static inline int is_quote(const token *t) {
  if (t->norm_len == 1) return t->norm[0] == '"';
  if (t->norm_len > 3 || (unsigned char)t->norm[0] < 0x80) return 0; /* most words */
  /* “ ” « » fold to themselves: compare their UTF-8 bytes. */
  return (t->norm_len == 3 && (memcmp(t->norm, "\xe2\x80\x9c", 3) == 0 ||
                               memcmp(t->norm, "\xe2\x80\x9d", 3) == 0)) ||
         (t->norm_len == 2 && (memcmp(t->norm, "\xc2\xab", 2) == 0 ||
                               memcmp(t->norm, "\xc2\xbb", 2) == 0));
}

/* Whether a word ends with the last byte of some word of an ending class: when it does not, no
 * ending of the class need be looked up. */
static int ends_like(const sent_ctx *s, const token *t, int cls) {
  return t->norm_len && lex_class_may_end(s->d, cls, (unsigned char)t->norm[t->norm_len - 1]);
}

/* Whether the last k bytes of a word are a word of a class in the sentence's language. */
static int ends_with_class(const sent_ctx *s, const token *t, uint32_t k, int cls) {
  const char *end = t->norm + t->norm_len - k;
  return lex_class_may_be(s->d, cls, end, k) &&
         gesta__lex_word_in_class(s->d, gesta__word_hash(end, k), s->lang, cls);
}

/* Whether a word ends with one of the language's participle endings (data/lang [participle_endings]). */
static int participle(const sent_ctx *s, const token *t) {
  if (!ends_like(s, t, CLS_PARTICIPLE)) return 0;
  for (uint32_t k = 1; k + 1 < t->norm_len && k <= 6; k++)
    if (ends_with_class(s, t, k, CLS_PARTICIPLE)) return 1;
  return 0;
}

/* Whether a word ends with a non-finite ending of the language (English "-ing"). */
int gesta__nonfinite_form(const sent_ctx *s, const token *t) { return nonfinite_form(s, t); }

/* Whether a word ends with a participle ending of the language (data/lang [participle_endings]). */
int gesta__participle(const sent_ctx *s, const token *t) { return participle(s, t); }

/* Whether a word ends with a finite verb ending of the language (data/lang [finite_endings]). */
int gesta__finite_form(const sent_ctx *s, const token *t) {
  if (!ends_like(s, t, CLS_FINITE)) return 0;
  for (uint32_t k = 1; k + 2 < t->norm_len && k <= 6; k++)
    if (ends_with_class(s, t, k, CLS_FINITE)) return 1;
  return 0;
}

/* Whether a word ends with a non-finite ending of the language (English "-ing") that leaves more
 * than `stem` letters before it. */
static int nonfinite_ending(const sent_ctx *s, const token *t, uint32_t stem) {
  if (!ends_like(s, t, CLS_NONFINITE)) return 0;
  for (uint32_t k = 1; k + stem < t->norm_len && k <= 4; k++)
    if (ends_with_class(s, t, k, CLS_NONFINITE)) return 1;
  return 0;
}

/* A non-finite form of a regular word: the ending leaves a stem of three letters or more. */
static int nonfinite_form(const sent_ctx *s, const token *t) { return nonfinite_ending(s, t, 2); }

/* Whether an irregular form of a verb (data/lang [irregular]) ends with a non-finite ending:
 * "suing", "lying", which are too short for nonfinite_form. */
static int irregular_nonfinite(const sent_ctx *s, const token *t) {
  return nonfinite_ending(s, t, 0);
}

/* A plain lowercase word that is no auxiliary, clitic, adverb or other function word: before a
 * participle it is the noun the participle describes ("piezas de arte saqueadas"). */
static int noun_like(const sent_ctx *s, uint32_t t) {
  const token *k = &s->tok[t];
  return (k->flags & TF_WORD) && !(k->flags & (TF_CAP | TF_NUM)) && !sc_cls(s, t, CLS_FUNCTION) &&
         !sc_cls(s, t, CLS_PASSIVE_AUX) && !sc_cls(s, t, CLS_ADVERB) &&
         !sc_cls(s, t, CLS_NEGATION) && !sc_cls(s, t, CLS_TIME) && !sc_cls(s, t, CLS_PRONOUN);
}

/* Whether a word has the form of an infinitive by the language's regular inflections (a suffix
 * that starts with the infinitive ending: "-ar", "-arse"): 1 or 0, or -1 when the language has no
 * inflection table. After "de" a protest noun is no infinitive but the protest itself ("la
 * avalancha de protestas", "en señal de protesta"); other nouns there qualify the noun before
 * them ("política de asilo") and stay uncoded. */
static int infinitive_form(const sent_ctx *s, const token *t) {
  const gesta_dict *d = s->d;
  int known = -1;
  for (size_t i = 0; i < d->infl.len; i++) {
    const lex_infl *in = &GVEC_AT(&d->infl, lex_infl, i);
    if (in->lang != s->lang || in->subjunctive) continue;
    known = 0;
    const char *e = LEX_STR(d, in->ending), *x = LEX_STR(d, in->suffixes);
    size_t el = strlen(e);
    while (*x) {
      const char *bar = strchr(x, '|');
      size_t xl = bar ? (size_t)(bar - x) : strlen(x);
      if (xl >= el && memcmp(x, e, el) == 0 && t->norm_len > xl &&
          memcmp(t->norm + t->norm_len - xl, x, xl) == 0)
        return 1;
      x += xl + (bar != NULL);
    }
  }
  return known;
}

/* Whether the sentence is written without accents: no letter outside ASCII in any word. */
static int accentless(const sent_ctx *s) {
  for (uint32_t k = s->a; k < s->b; k++) {
    const token *t = &s->tok[k];
    if (!(t->flags & TF_WORD)) continue;
    for (uint32_t q = t->start; q < t->end; q++)
      if ((unsigned char)s->buf[q] >= 0x80) return 0;
  }
  return 1;
}

/* "LOS MAESTROS REALIZARAN UNA MARCHA", in text stripped of its accents: a future ending with
 * its accent folded away ("ran" for "rán"), when the sentence has no accent anywhere and no
 * subjunctive trigger ("que", "si") stands before the verb in its clause ("pidió que
 * realizaran" is a past subjunctive). */
static int folded_future(sent_ctx *s, stemmer_set *ss, uint32_t i) {
  const token *t = &s->tok[i];
  const lex_lang *lg = &s->d->langs[s->lang];
  int ending = 0;
  for (int k = 0; k < lg->nfuture && !ending; k++) {
    size_t fn = lg->future_folded_len[k];
    const char *f = lg->future_folded[k];
    if (!fn || t->norm_len <= fn + 2 || t->norm[t->norm_len - 1] != f[fn - 1] ||
        memcmp(t->norm + t->norm_len - fn, f, fn) != 0)
      continue;
    /* The future continues the infinitive ("realizar|an"), which a present does not ("cierran"):
     * the word up to the ending's first letter ends as an infinitive does. */
    size_t pn = t->norm_len - fn + 1;
    for (size_t q = 2; q <= 3 && q + 1 < pn && !ending; q++) {
      const char *e = t->norm + pn - q;
      ending = lex_class_may_be(s->d, CLS_INFINITIVE_END, e, q) &&
               gesta__lex_word_in_class(s->d, gesta__word_hash(e, q), s->lang, CLS_INFINITIVE_END);
    }
  }
  if (!ending || !accentless(s)) return 0;
  for (uint32_t k = i; k-- > s->a && i - k <= 6;) {
    if (s->tok[k].flags & (TF_CLAUSE | TF_TERM)) break;
    if (!sc_cls(s, k, CLS_SUBJUNCTIVE)) continue;
    /* After a verb of speech or announcement the clause reports: "anunció que realizarán". */
    if (k > s->a && (s->tok[k - 1].flags & TF_WORD)) {
      uint64_t keys[2];
      int nkeys = verb_keys(s, ss, &s->tok[k - 1], keys);
      for (int q = 0; q < nkeys; q++)
        if (lemma_in(s->d, s->lang, LEMMA_SPEECH, keys[q]) ||
            lemma_in(s->d, s->lang, LEMMA_ANNOUNCE, keys[q]))
          return 1;
    }
    return 0;
  }
  return 1;
}

/* Whether the word ends with a future ending of its language, accents and all ("viajará"). */
static int future_ending(const sent_ctx *s, const token *t) {
  const lex_lang *lg = &s->d->langs[s->lang];
  const char *w = s->buf + t->start;
  size_t wn = t->end - t->start;
  for (int k = 0; k < lg->nfuture; k++) {
    size_t el = lg->future_len[k];
    if (wn > el + 2 && w[wn - 1] == lg->future_endings[k][el - 1] &&
        memcmp(w + wn - el, lg->future_endings[k], el) == 0)
      return 1;
  }
  return 0;
}

/* Whether the verb at i is told in the future: a future ending ("viajará", or "realizaran" in
 * text without accents), a verb in the future governing it ("volverán a marchar"), or a future
 * auxiliary shortly before it ("will send", "va a firmar"). */
static int future(sent_ctx *s, stemmer_set *ss, uint32_t i) {
  const token *t = &s->tok[i];
  const lex_lang *lg = &s->d->langs[s->lang];
  if (future_ending(s, t)) return 1;
  if (lg->nfuture && folded_future(s, ss, i)) return 1;
  /* An infinitive governed by a verb told in the future: "volverán a marchar", "intentarán
   * bloquear la ruta". */
  if (lg->nfuture && i > s->a + 1) {
    uint32_t k = i - 1;
    if (k > s->a && sc_cls(s, k, CLS_COMPLEMENT)) k--;
    /* The cheap test first: infinitive_form reads every inflection of the language. */
    if (!s->in_mention[k - s->a] && future_ending(s, &s->tok[k]) && infinitive_form(s, t) == 1)
      return 1;
  }
  for (uint32_t k = i > s->a + 4 ? i - 4 : s->a; k < i; k++) {
    uint8_t len = (uint8_t)sc_cls(s, k, CLS_FUTURE_AUX);
    if (!len || k + len > i) continue;
    int clean = 1;
    for (uint32_t q = k + len; q < i; q++)
      if ((s->tok[q].flags & (TF_CLAUSE | TF_TERM)) || s->in_mention[q - s->a]) clean = 0;
    if (clean) return 1;
  }
  return 0;
}

/* Whether the verb at i is a possibility or a condition, not a report: a modal of possibility
 * shortly before it ("may attack", "could soon send"), or a condition word earlier in its clause
 * ("if Russia attacks Ukraine, ..."). So is a verb in a clause that tells the past the news
 * follows on ("since Israel attacked Lebanon in 2006", "two weeks after rebels kidnapped
 * peacekeepers"): background, no event of the day; not "since Monday", a time word after it. */
static int hypothetical(const sent_ctx *s, uint32_t i) {
  for (uint32_t k = i > s->a + 3 ? i - 3 : s->a; k < i; k++) {
    uint8_t len = (uint8_t)sc_cls(s, k, CLS_MODAL);
    /* "Russia in May attacked": the month is no modal. */
    if (!len || k + len > i || (k > s->a && (s->tok[k].flags & TF_CAP))) continue;
    int clean = 1;
    for (uint32_t q = k + len; q < i; q++)
      if ((s->tok[q].flags & (TF_CLAUSE | TF_TERM)) || s->in_mention[q - s->a]) clean = 0;
    if (clean) return 1;
  }
  for (uint32_t k = i; k-- > s->a;) {
    /* A hyphen inside a word ("Al-Qaeda-linked") ends no clause. */
    const token *t = &s->tok[k];
    int joined = k > s->a && k + 1 < s->b && gesta__tok_glued(s->tok, k);
    if ((t->flags & (TF_CLAUSE | TF_TERM)) && !joined) return 0;
    if (sc_cls(s, k, CLS_CONDITION)) return 1;
    uint8_t len = (uint8_t)sc_cls(s, k, CLS_BACKGROUND);
    if (len && k + len < i && !sc_cls(s, k + len, CLS_TIME) && !(s->tok[k + len].flags & TF_NUM))
      return 1;
  }
  return 0;
}

/* "marcharon para que el Gobierno derogue la ley", "exigen que se liberen los presos y se
 * retire la tropa": a verb in the clause an [unrealised_clauses] word opens ("para que", "sin
 * que", "si"; not past a conjunction), or a present subjunctive ([subjunctive_endings]) in the
 * clause a [subjunctive] word opens ("que"), is wished, asked for or feared, not done; not in a
 * clause a [factual_clauses] word opens ("si bien"). A noun ("el rescate") is no such verb. */
static int unrealised(const sent_ctx *s, uint32_t i, int noun, int told_future) {
  /* No such clause takes the future: "si no hay respuesta se iniciará un paro" is the main
   * clause's paro. */
  if (noun || told_future) return 0;
  uint32_t idx;
  int subj = gesta__hmap_get(&s->d->subjunctive, lex_lang_key(s->lang, s->tok[i].hash), &idx);
  for (uint32_t k = i; k-- > s->a;) {
    if ((s->tok[k].flags & (TF_CLAUSE | TF_TERM)) || sc_cls(s, k, CLS_FACTUAL)) return 0;
    /* After a preposition "si" is a pronoun ("entre si", a "sí" written without its accent). */
    uint8_t len = (uint8_t)sc_cls(s, k, CLS_UNREALISED);
    if (len && k + len <= i && !(k > s->a && sc_cls(s, k - 1, CLS_PREPOSITION))) return 1;
    if (subj && sc_cls(s, k, CLS_SUBJUNCTIVE)) return 1;
    if (!subj && sc_cls(s, k, CLS_COORD)) return 0;
  }
  return 0;
}

/* Whether a future auxiliary that takes the infinitive marker ends right before the verb at i
 * ("intends to attack", "is expected to sign", "are seeking to deepen"): the verb is an intent
 * of its subject, coded as one, not an infinitive that no verb governs. */
static int future_to(const sent_ctx *s, uint32_t i) {
  for (uint32_t k = i > s->a + 4 ? i - 4 : s->a; k < i; k++) {
    uint8_t len = (uint8_t)sc_cls(s, k, CLS_FUTURE_AUX);
    if (len && k + len == i) return 1;
  }
  return 0;
}

/* Whether an aspect auxiliary ([aspect_auxiliaries]: "began to", "continued to", "tried to")
 * ends right before the verb at i: the act is begun, continued or attempted, a report of the
 * subject's, not an infinitive that no verb governs. */
static int aspect_to(const sent_ctx *s, uint32_t i) {
  for (uint32_t k = i > s->a + 4 ? i - 4 : s->a; k < i; k++) {
    uint8_t len = (uint8_t)sc_cls(s, k, CLS_ASPECT);
    if (len && k + len == i) return 1;
  }
  return 0;
}

/* A verb form right before the head governs it: "resumed sharing", "began attacking". */
static int verb_before(const sent_ctx *s, uint32_t i) {
  if (i == s->a) return 0;
  const token *t = &s->tok[i - 1];
  if (!(t->flags & TF_WORD) || s->in_mention[i - 1 - s->a]) return 0;
  return participle(s, t) || irregular_form(s, t);
}

/* An auxiliary within two words before the head ("is attacking", "were not attacking"). */
static int aux_before(const sent_ctx *s, uint32_t i) {
  for (uint32_t k = i > s->a + 2 ? i - 2 : s->a; k < i; k++)
    if (sc_cls(s, k, CLS_PASSIVE_AUX)) return 1;
  return 0;
}

/* A preposition right before the head, or a determiner before it with possibly numbers,
 * hyphens, time words or one plain lowercase word between ("the 1994 bombing", "a four-day
 * visit", "the massive bombing"; not "a powerful earthquake killed"). */
static int after_noun_marker(const sent_ctx *s, uint32_t i) {
  if (i > s->a && sc_cls(s, i - 1, CLS_PREPOSITION)) return 1; /* "for talks", "en visita" */
  int plain = 0;
  for (uint32_t k = i; k > s->a && i - k < 5;) {
    k--;
    const token *t = &s->tok[k];
    if (sc_cls(s, k, CLS_ARTICLE) || (k < i - 1 && sc_cls(s, k, CLS_PREPOSITION))) return 1;
    if (s->in_mention[k - s->a] || s->paren[k - s->a] != s->paren[i - s->a]) return 0;
    /* Numbers and compounds ("four-day") may stand between; a time word only inside such a
     * compound, or "Al día siguiente impuso" would read as a noun. */
    if ((t->flags & TF_NUM) || ((t->flags & TF_DASH) && !is_aside_dash(s, k)) ||
        (sc_cls(s, k, CLS_TIME) && k > s->a &&
         (s->tok[k - 1].flags & (TF_NUM | TF_DASH))))
      continue;
    /* One plain word may stand between ("the deadly attack"), unless the head has a finite
     * verb's ending: "una motocicleta asesinaron", "the border attacked". */
    if ((t->flags & TF_WORD) && !(t->flags & TF_CAP) && !sc_cls(s, k, CLS_FUNCTION) &&
        !sc_cls(s, k, CLS_ADVERB) && !sc_cls(s, k, CLS_NEGATION) && !sc_cls(s, k, CLS_TIME) &&
        ++plain <= 1 && !gesta__finite_form(s, &s->tok[i]))
      continue;
    return 0;
  }
  return 0;
}

static int irregular_form(const sent_ctx *s, const token *t) {
  uint32_t idx;
  return gesta__hmap_get(&s->d->irregular, lex_lang_key(s->lang, t->hash), &idx);
}

/* A participle joined by a hyphen to the word before it is an adjective: "the Israeli-occupied
 * sector", "a rebel-held town", "US-backed fighters", "a Saudi-led coalition". */
static int hyphen_participle(const sent_ctx *s, uint32_t i) {
  const token *tok = s->tok;
  if (i < s->a + 2 || !gesta__tok_is(&tok[i - 1], '-') || !gesta__tok_glued(tok, i - 1)) return 0;
  return participle(s, &tok[i]) || irregular_form(s, &tok[i]);
}

/* A participle right after a verb and right before an actor is the actor's adjective: "returned
 * captured Ukrainian children", "freed jailed activists" (English, reduced_relative); so is one
 * after a preposition ("met with exiled dissidents") or after an infinitive ("to expel exiled
 * leaders"), where no subject stands for it. */
static int participle_before_actor(const sent_ctx *s, uint32_t i) {
  const token *tok = s->tok;
  if (!s->d->langs[s->lang].reduced_relative || i <= s->a || i + 1 >= s->b) return 0;
  if (!participle(s, &tok[i]) || s->in_mention[i - 1 - s->a]) return 0;
  const token *p = &tok[i - 1];
  if (!(p->flags & TF_WORD) || (p->flags & TF_CAP) || sc_cls(s, i - 1, CLS_PASSIVE_AUX)) return 0;
  /* Before an actor, or before a plain noun when a preposition or an infinitive comes first. */
  int before_actor = s->in_mention[i + 1 - s->a];
  int before_noun = before_actor ||
                    ((tok[i + 1].flags & TF_WORD) && !sc_cls(s, i + 1, CLS_FUNCTION) &&
                     !participle(s, &tok[i + 1]));
  if (sc_cls(s, i - 1, CLS_PREPOSITION)) return before_noun;
  /* After a determiner, with a number between ("the two exiled dissidents"). */
  if (i - 1 > s->a && sc_cls(s, i - 2, CLS_ARTICLE) &&
      ((p->flags & TF_NUM) || sc_cls(s, i - 1, CLS_NUMBER)))
    return before_actor;
  if (sc_cls(s, i - 1, CLS_FUNCTION)) return 0;
  if (i - 1 > s->a && sc_cls(s, i - 2, CLS_INFINITIVE)) return before_noun;
  return before_actor && (participle(s, p) || irregular_form(s, p));
}

/* "a member of the Hamas movement jailed over a year ago", "hoped officials accused of
 * crimes would be tried", "the civilians imprisoned for protesting were released": a
 * participle with no auxiliary right after a noun phrase, followed by a preposition its pattern
 * does not take, reduces a passive relative clause about that noun phrase, which undergoes the
 * act rather than doing it. So it is read (data/lang [options] reduced_relative) when the noun
 * phrase is a verb's object, or stands after a comma with a preposition inside it (an
 * apposition), or a passive verb follows in the clause ("were released"). A noun phrase that
 * opens its sentence or clause is the participle's subject: "The head of the Hamas delegation
 * apologized for the delay" stays an act. */
static int reduced_relative(sent_ctx *s, stemmer_set *ss, uint32_t i, const uint8_t *used) {
  const token *tok = s->tok;
  if (!s->d->langs[s->lang].reduced_relative || i <= s->a || i + 1 >= s->b) return 0;
  if (!participle(s, &tok[i]) || used[i + 1 - s->a] || !sc_cls(s, i + 1, CLS_PREPOSITION) ||
      sc_cls(s, i + 1, CLS_PASSIVE_BY))
    return 0;
  if (!s->in_mention[i - 1 - s->a] && !noun_like(s, i - 1) &&
      (tok[i - 1].flags & (TF_WORD | TF_CAP)) != (TF_WORD | TF_CAP))
    return 0;
  /* Back over the noun phrase: names, role words, articles, plain words, "and", "of". */
  int prep = 0;
  for (uint32_t t = i - 1; t > s->a && i - t < 12; t--) {
    uint32_t k = t - 1;
    if (s->in_mention[k - s->a]) continue;
    if (tok[k].flags & (TF_CLAUSE | TF_TERM)) {
      /* An apposition follows a clause with a verb of its own ("Israel released the mayor, a
       * member of Hamas jailed..."); after a fronted adjunct ("In Gaza, residents of the camp
       * protested against the raid") the noun phrase is the subject. */
      for (uint32_t q = s->a; prep && q < k; q++)
        if ((tok[q].flags & TF_WORD) && !(tok[q].flags & TF_CAP) && !s->in_mention[q - s->a] &&
            (participle(s, &tok[q]) || irregular_form(s, &tok[q])))
          return 1;
      break;
    }
    /* The object of a verb, or what follows a form of "be" ("there were ten soldiers killed
     * in the attack"). */
    if ((tok[k].flags & TF_WORD) && !(tok[k].flags & TF_CAP) &&
        (participle(s, &tok[k]) || irregular_form(s, &tok[k]) || sc_cls(s, k, CLS_PASSIVE_AUX))) {
      /* A speech verb opens a clause: "Egypt said the leader of Hamas apologized for it". */
      uint64_t keys[2];
      int nkeys = verb_keys(s, ss, &tok[k], keys);
      for (int q = 0; q < nkeys; q++)
        if (lemma_in(s->d, s->lang, LEMMA_SPEECH, keys[q])) return 0;
      return 1;
    }
    if (sc_cls(s, k, CLS_PREPOSITION) || sc_cls(s, k, CLS_LINK)) {
      prep = 1;
      continue;
    }
    if (sc_cls(s, k, CLS_ARTICLE) || sc_cls(s, k, CLS_COORD) || noun_like(s, k) ||
        (tok[k].flags & (TF_CAP | TF_NUM)))
      continue;
    break;
  }
  /* Forward, in the clause and before any relative: a passive verb of which it is the subject. */
  for (uint32_t t = i + 2; t + 1 < s->b && t < i + 12; t++) {
    if ((tok[t].flags & (TF_CLAUSE | TF_TERM)) || sc_cls(s, t, CLS_SUBJ_RELATIVE)) break;
    uint8_t len = (uint8_t)sc_cls(s, t, CLS_PASSIVE_AUX);
    if (len && t + len < s->b && participle(s, &tok[t + len])) return 1;
  }
  return 0;
}

/* Whether an agent word ([passive_by]) and an actor follow the word `last` past a phrase of
 * link words, articles, numbers, actors and plain words, with no verb form between: the doer
 * of an act a disapproval names ("condenó la detención de veinte periodistas por la
 * policía"). */
static int agent_ahead(const sent_ctx *s, uint32_t last) {
  for (uint32_t t = last + 1; t < s->b && t <= last + 10; t++) {
    const token *k = &s->tok[t];
    uint8_t len = (uint8_t)sc_cls(s, t, CLS_PASSIVE_BY);
    if (len && !s->in_mention[t - s->a]) {
      uint32_t q = t + len;
      if (q < s->b && sc_cls(s, q, CLS_ARTICLE)) q++;
      return q < s->b && s->in_mention[q - s->a];
    }
    if (s->in_mention[t - s->a] || sc_cls(s, t, CLS_LINK) || sc_cls(s, t, CLS_ARTICLE) ||
        sc_cls(s, t, CLS_NUMBER) || (k->flags & TF_NUM))
      continue;
    if (!(k->flags & TF_WORD) || (k->flags & TF_CAP) || sc_cls(s, t, CLS_FUNCTION) ||
        participle(s, k) || nonfinite_form(s, k) || gesta__finite_form(s, k))
      return 0;
  }
  return 0;
}

static int find_verbs(sent_ctx *s, stemmer_set *ss, gvec *verbs) {
  const gesta_dict *d = s->d;
  const token *tok = s->tok;
  uint32_t n = s->b - s->a;
  uint8_t *used = gesta__arena_alloc(s->scratch, n ? n : 1);
  if (!used) return GESTA_ENOMEM;
  memset(used, 0, n);
  uint32_t span_end = 0; /* words inside an accepted pattern's span head nothing */
  uint32_t inner_end = 0; /* the last word of a disapproval's pattern whose act noun may head */
  uint64_t have[4] = {0, 0, 0, 0}; /* the sentence's words, as a filter */
  for (uint32_t t = s->a; t < s->b; t++) lex_filter_set(have, tok[t].hash);
  /* A closing list of places in capitals after commas (", SANTANDER , SOCORRO , SOCORRO") names
   * places: no verb there. */
  uint32_t tail = s->b, e = s->b;
  while (e > s->a && !(tok[e - 1].flags & TF_WORD) && !gesta__tok_is(&tok[e - 1], ',')) e--;
  for (int segs = 0;;) {
    uint32_t c = e;
    while (c > s->a && (tok[c - 1].flags & TF_UPPER) && e - c < 6) c--;
    if (c == e || c == s->a || !gesta__tok_is(&tok[c - 1], ',')) break;
    if (++segs >= 2) tail = c;
    e = c - 1;
  }
  for (uint32_t i = s->a; i < s->b; i++) {
    if (s->in_mention[i - s->a] || used[i - s->a] || !(tok[i].flags & TF_WORD)) continue;
    if (span_end && i <= span_end) continue;
    if (i >= tail) break;
    /* TABARI: a capitalised word inside the sentence is a name, never a verb ("their first
     * Planetary Cup final"). */
    if (d->opts.first_actor && i > s->a && (tok[i].flags & TF_CAP) && !(tok[i].flags & TF_UPPER) &&
        !(tok[i - 1].flags & TF_TERM) && !is_quote(&tok[i - 1]))
      continue;
    /* A capitalised time word inside the sentence is a date ("in March", "since May"). */
    if (i > s->a && (tok[i].flags & TF_CAP) && !(tok[i - 1].flags & TF_TERM) &&
        !is_quote(&tok[i - 1]) && sc_cls(s, i, CLS_TIME))
      continue;
    /* A possessive ending makes a noun of the word ("donate's cash"). */
    if (i + 1 < s->b && tok[i + 1].norm_len == 2 && memcmp(tok[i + 1].norm, "'s", 2) == 0) continue;
    uint64_t stem = 0;
    uint32_t first = head_patterns(s, ss, &tok[i], &stem);
    if (!first) continue;
    /* A participle after an actor and before the agent preposition is a passive ("prisoners
     * released by Israel", "presos liberados por Israel"), even with no auxiliary. */
    int after_actor = i > s->a && (s->in_mention[i - 1 - s->a] || noun_like(s, i - 1));
    /* So is one set off by a comma after a noun phrase, Spanish ("el alcalde, detenido por la
     * policía", "los presos del MRTA, encarcelados en Perú"): with no auxiliary, a participle
     * there is no verb of its own. */
    if (!after_actor && d->langs[s->lang].participle_adjective && i > s->a + 1 &&
        gesta__tok_is(&tok[i - 1], ',') &&
        (s->in_mention[i - 2 - s->a] || (tok[i - 2].flags & TF_WORD) || gesta__tok_is(&tok[i - 2], ')')))
      after_actor = 1;
    int bare_passive = after_actor && i + 1 < s->b && sc_cls(s, i + 1, CLS_PASSIVE_BY) &&
                       participle(s, &tok[i]);
    int passive = 0;
    /* Passive voice: an auxiliary right before the participle ("fue recibido", "was hit"). */
    for (uint32_t k = i > s->a + 3 ? i - 3 : s->a; k < i; k++) {
      uint8_t len = (uint8_t)sc_cls(s, k, CLS_PASSIVE_AUX);
      if (!len) continue;
      uint32_t gap = i - (k + len);
      /* Only a participle makes a passive: "was attacked", not "was ready" or "was attacking";
       * nor does an irregular -ing form ("is suing", listed with "sued" as forms of "sue"). */
      if (k + len <= i && gap <= 1 &&
          (participle(s, &tok[i]) ||
           (irregular_form(s, &tok[i]) && !irregular_nonfinite(s, &tok[i]))))
        passive = 1;
    }
    if (bare_passive) passive = 1;
    /* "Israel is opposed to French mediation", "were engaged in ethnic cleansing": a participle
     * of [stative_participles] with its preposition tells the subject's own stance or act. */
    if (passive && !bare_passive && sc_cls(s, i, CLS_STATIVE) > 1) passive = 0;
    /* PETRARCH reads a passive only with its agent: without "by" after the participle in its
     * clause, "The Philippines was criticized over its dispute with Eriador" is coded as the
     * active verb is (its check_passive). */
    if (passive && d->opts.petrarch) {
      uint32_t t = i + 1;
      while (t < s->b && !sc_cls(s, t, CLS_PASSIVE_BY) &&
             !(gesta__tok_is(&tok[t], ',')))
        t++;
      if (t == s->b || !sc_cls(s, t, CLS_PASSIVE_BY)) passive = 0;
    }
    vmatch best = {0};
    int best_score = -1;
    uint32_t best_idx = UINT32_MAX;
    int speech = !d->opts.literal && !d->opts.petrarch && lemma_in(d, s->lang, LEMMA_SPEECH, stem) &&
                 !lemma_in(d, s->lang, LEMMA_ANNOUNCE, stem);
    for (uint32_t pi = first; pi; pi = GVEC_AT(&d->patterns, lex_pattern, pi - 1).next) {
      const lex_pattern *p = &GVEC_AT(&d->patterns, lex_pattern, pi - 1);
      const lex_filter *f = &GVEC_AT(&d->filters, lex_filter, p->filter);
      if ((f->need[0] & ~have[0]) | (f->need[1] & ~have[1]) | (f->need[2] & ~have[2]) |
          (f->need[3] & ~have[3]))
        continue;
      int any_ok = 1;
      for (uint8_t q = 0; q < f->nany && any_ok; q++)
        any_ok = ((f->any[q][0] & have[0]) | (f->any[q][1] & have[1]) |
                  (f->any[q][2] & have[2]) | (f->any[q][3] & have[3])) != 0;
      if (!any_ok) continue;
      if (p->literal && !literal_form(&tok[i], p)) continue;
      vmatch cand = {0};
      int sc = try_pattern(s, p, i, passive, speech, &cand, NULL);
      if (sc < 0) continue;
      /* With as many words matched, the noun itself ("!bloqueo") beats its verb's stem. */
      sc = 2 * sc + (p->literal != 0);
      if (sc > best_score || (sc == best_score && pi - 1 < best_idx)) {
        best = cand;
        best_score = sc;
        best_idx = pi - 1;
      }
    }
    if (best_score < 0) continue;
    /* Re-run the winner to mark its words as used. */
    try_pattern(s, best.pat, i, passive, speech, &best, used);
    if (best.pat->discard) s->discard = 1;
    best.passive = (uint8_t)passive;
    /* "Obama is scheduled to attend a summit": a pattern that takes the infinitive after the
     * participle names what the subject does (with gesta's own dictionaries), unless an agent
     * follows ("was asked by Congress to help"). A word after the marker that heads no verb
     * pattern, or a determiner or a number, makes it a preposition ("fue amenazada de muerte",
     * "fue ejecutado de varios impactos, por paramilitares"). */
    if (passive && !d->opts.literal && best.last >= i + 2 && sc_cls(s, i + 1, CLS_INFINITIVE) &&
        !sc_cls(s, i + 2, CLS_ARTICLE) && !(tok[i + 2].flags & TF_NUM) &&
        infinitive_head(s, ss, i + 2)) {
      int agent = 0;
      for (uint32_t t = i + 1; t <= best.last + 3 && t < s->b && !agent; t++)
        agent = sc_cls(s, t, CLS_PASSIVE_BY) != 0;
      if (!agent) best.passive = 0;
    }
    used[i - s->a] = 1;
    /* Negation: a negative word shortly before the verb, in the same clause, or before its
     * coordinated subjects ("Ni Francia ni Alemania enviaron..."). */
    uint32_t back = 4;
    for (uint32_t q = i; q > s->a && i - q < 12 && (s->in_mention[q - 1 - s->a] ||
                                                   sc_cls(s, q - 1, CLS_NEGATION) ||
                                                   sc_cls(s, q - 1, CLS_COORD));
         q--)
      back = i - q + 4;
    /* A negative word the pattern itself matched ("- NOT *", "show_no_*sign") is no negation;
     * TABARI's dictionaries write every negation they code into patterns, so with them none
     * is applied. */
    for (uint32_t k = i > s->a + back ? i - back : s->a; k < i && !d->opts.first_actor; k++) {
      if (sc_cls(s, k, CLS_NEGATION) && !used[k - s->a]) {
        int clean = 1;
        for (uint32_t q = k + 1; q < i; q++)
          if (tok[q].flags & (TF_CLAUSE | TF_TERM)) clean = 0;
        /* "Si el Gobierno no nos escucha radicalizaremos la lucha": the negation belongs to
         * the condition, not to the main clause's verb told in the future. */
        if (clean && k > s->a && !d->opts.literal && future(s, ss, i))
          for (uint32_t q = k; q-- > s->a && clean;) {
            if (tok[q].flags & (TF_CLAUSE | TF_TERM)) break;
            if (sc_cls(s, q, CLS_UNREALISED) && !(q > s->a && sc_cls(s, q - 1, CLS_PREPOSITION)))
              clean = 0;
          }
        if (clean) best.negated = 1;
      }
    }
    /* Words in short quotation marks characterise rather than report: "“política de
     * intimidación”" is nobody's act of intimidation. One quoted word right after an actor is
     * its verb, distanced but reported: Roma "lamentó" la decisión. */
    if (s->quoted[i - s->a] &&
        !(best.head == i && best.last == i && !best.after_marker && i >= s->a + 2 &&
          i + 1 < s->b && is_quote(&tok[i - 1]) && is_quote(&tok[i + 1]) &&
          s->in_mention[i - 2 - s->a]))
      continue;
    /* A participle right after an actor describes it ("soldados ucranianos capturados"), and
     * so does one set off by a comma ("los guerrilleros, encarcelados en Perú"). */
    /* Not after a verb the sentence already holds ("mantienen paralizados los servicios"). */
    if (d->langs[s->lang].participle_adjective && i > s->a && participle(s, &tok[i]) &&
        !bare_passive && after_actor &&
        !(verbs->len && GVEC_AT(verbs, vmatch, verbs->len - 1).last == i - 1))
      continue;
    /* A participle coordinated with one that is no verb of the sentence describes what that
     * one does: "estudiantes lesionados y detenidos" are injured and detained students, not
     * students detaining. */
    if (d->langs[s->lang].participle_adjective && !passive && !d->opts.literal && i > s->a + 1 &&
        participle(s, &tok[i]) && sc_cls(s, i - 1, CLS_COORD) && participle(s, &tok[i - 2]) &&
        !s->in_mention[i - 2 - s->a] &&
        !(verbs->len && GVEC_AT(verbs, vmatch, verbs->len - 1).last == i - 2))
      continue;
    if (!passive && !d->opts.literal &&
        (hyphen_participle(s, i) || participle_before_actor(s, i) ||
         reduced_relative(s, ss, i, used)))
      continue;
    /* A participle right after a number, with no agent after it, names the people counted:
     * "the riots left ten injured", "dozens wounded"; not one after "the two" of [both], which
     * names actors ("the two signed"). (Not in a language whose participles
     * agree as adjectives: "diez detenidos" reports the arrests, as its coders read it.) */
    if (!passive && !d->opts.literal && !d->langs[s->lang].participle_adjective && i > s->a &&
        participle(s, &tok[i]) && !s->in_mention[i - 1 - s->a] &&
        ((tok[i - 1].flags & TF_NUM) || sc_cls(s, i - 1, CLS_NUMBER)) &&
        !(i + 1 < s->b && sc_cls(s, i + 1, CLS_PASSIVE_BY)))
      continue;
    /* A noun after an article ("the 1994 bombing", "a four-day visit") names an event without
     * saying who did it. */
    best.after_marker = (uint8_t)after_noun_marker(s, i);
    /* Coordinated actors acting on each other (`%` before the head) do it by a verb: "Perú y
     * Chile negociaron", not "mediaron entre Perú y Chile durante las negociaciones". */
    if (best.after_marker && best.compound_before != NO_POS && !d->opts.literal) continue;
    /* "a statement calling for": an -ing form after a document noun is a verb (see below). */
    if (best.after_marker && i > s->a && sc_cls(s, i - 1, CLS_DOCUMENT) &&
        nonfinite_form(s, &tok[i]))
      best.after_marker = 0;
    if (best.after_marker && best.source_pos == NO_POS) best.nominal = 1;
    /* An infinitive after "to" / "para", or an -ing form with no auxiliary, is an intention or
     * a background, not a report, unless a verb before governs it (see mark_complements) or
     * the pattern itself takes the "to" ("refused to *restore"). */
    /* (Another coder's dictionaries write such verbs into their patterns: "- REFUSED TO *",
     * "- * TO ATTEND"; with them a verb is coded as its patterns say.) */
    if (!d->opts.literal && i > s->a && best.first == i && sc_cls(s, i - 1, CLS_INFINITIVE) &&
        !future_to(s, i) && !aspect_to(s, i) &&
        !(infinitive_form(s, &tok[i]) == 0 && best.pat->cameo != LEX_NULL_CODE &&
          GVEC_AT(&d->cameo, lex_cameo, best.pat->cameo).protest))
      best.nonfinite = 1;
    /* An -ing form right after a plain noun reduces a relative clause ("a law restricting
     * marches"); after a preposition or a comma it reports ("responded by expelling"). */
    if (!passive && nonfinite_form(s, &tok[i]) && !aux_before(s, i) && !verb_before(s, i) &&
        i > s->a && (tok[i - 1].flags & TF_WORD) && !(tok[i - 1].flags & TF_CAP) &&
        !s->in_mention[i - 1 - s->a] && !sc_cls(s, i - 1, CLS_FUNCTION) &&
        !sc_cls(s, i - 1, CLS_ADVERB) && !sc_cls(s, i - 1, CLS_ARTICLE) &&
        /* After a document its issuer puts out ([document_nouns]: "issued a statement
         * demanding"), the -ing form tells what the document says: the issuer's act. */
        !sc_cls(s, i - 1, CLS_DOCUMENT))
      best.nonfinite = 1;
    /* "condenó la detención de veinte periodistas por la policía": the act a disapproval (11)
     * names by its noun is an event of its own, coded when the text names its doer. */
    int inner = inner_end && i <= inner_end;
    if (inner && !agent_ahead(s, best.last)) continue;
    best.inner = (uint8_t)inner;
    span_end = best.last;
    if (!inner && !d->opts.literal && best.last > i && best.target_pos == NO_POS &&
        best.source_pos == NO_POS && best.pat->cameo != LEX_NULL_CODE &&
        memcmp(GVEC_AT(&d->cameo, lex_cameo, best.pat->cameo).root, "11", 2) == 0) {
      span_end = i;
      inner_end = best.last;
      for (uint32_t q = i + 1; q <= best.last; q++) used[q - s->a] = 0;
    }
    best.paren = s->paren[i - s->a];
    best.cameo = best.pat->cameo;
    if (!d->opts.literal &&
        (hypothetical(s, i) ||
         unrealised(s, i, best.after_marker || best.nominal, future(s, ss, i))))
      best.hypothetical = 1;
    /* Told in the future ("viajará a China", "will send weapons"), an act is an intention. */
    if (!d->opts.literal && best.cameo != LEX_NULL_CODE && future(s, ss, i)) {
      const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, best.cameo);
      const lex_cameo *in = cm->intent[0] ? gesta__lex_cameo(d, cm->intent) : NULL;
      if (in) best.cameo = (uint32_t)(in - (const lex_cameo *)d->cameo.data);
    }
    /* Refused in the future ("would not provide support", "will not meet"), a cooperative act
     * is a rejection: the refusal code of its code, or of its root (data/cameo.txt, <CODE). */
    if (!d->opts.literal && best.negated && best.cameo != LEX_NULL_CODE && future(s, ss, i)) {
      const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, best.pat->cameo);
      const char *rf = cm->refusal;
      if (!rf[0] && !cm->foreign) {
        const lex_cameo *root = gesta__lex_cameo(d, cm->root);
        if (root) rf = root->refusal;
      }
      const lex_cameo *rc = rf[0] ? gesta__lex_cameo(d, rf) : NULL;
      if (rc) {
        best.cameo = (uint32_t)(rc - (const lex_cameo *)d->cameo.data);
        best.negated = 0;
      }
    }
    /* A speech verb with a pattern of its own beyond statements ("warned Finland of serious
     * consequences": 130) is an event like any other. */
    best.speech = (uint8_t)(lemma_in(d, s->lang, LEMMA_SPEECH, stem) &&
                            best.pat->cameo != LEX_NULL_CODE &&
                            memcmp(GVEC_AT(&d->cameo, lex_cameo, best.pat->cameo).root, "01", 2) == 0);
    best.deny = (uint8_t)lemma_in(d, s->lang, LEMMA_DENY, stem);
    best.light = (uint8_t)(best.pat->nwords == 0 && !best.pat->reflexive &&
                           lemma_in(d, s->lang, LEMMA_LIGHT, stem));
    /* A verb of announcing, calling or threatening, read alone or as a statement, an appeal or
     * a threat not covered below ("anunció", "llamó a", "amenazó con"): see drop_light_verbs. */
    best.announce =
        (uint8_t)(!d->opts.literal && lemma_in(d, s->lang, LEMMA_ANNOUNCE, stem) &&
                  (best.pat->nwords == 0 || best.pat->cameo == LEX_NULL_CODE ||
                   memcmp(GVEC_AT(&d->cameo, lex_cameo, best.pat->cameo).root, "01", 2) == 0 ||
                   memcmp(GVEC_AT(&d->cameo, lex_cameo, best.pat->cameo).root, "02", 2) == 0 ||
                   strcmp(GVEC_AT(&d->cameo, lex_cameo, best.pat->cameo).code, "130") == 0));
    vmatch *v = gesta__vec_push(verbs);
    if (!v) return GESTA_ENOMEM;
    *v = best;
  }
  return 0;
}

/* A verb that completes the one before it is not an event of its own: "amenazó con atacar",
 * "rechazó negociar", "threatened to attack", "acusó a Rusia de atacar". It stays in the list,
 * marked, because it still closes the clause of a denial ("negó haber atacado el hospital"). */
/* A light verb whose object is an event noun reports that event, not its own: "acordaron una
 * huelga" is a strike (143), "lanzaron una ofensiva" an offensive. The light verb leaves the list,
 * so the noun takes the verb's subject as its source (roles.c, nominal_source). Between the two
 * only determiners, numbers and up to two plain words may stand ("una gran huelga"). */
/* The code of the intent to do what v codes ("143" -> "133"), or v's own code when it has none. */
static uint32_t intent_of(const sent_ctx *s, const vmatch *v) {
  const gesta_dict *d = s->d;
  if (v->cameo == LEX_NULL_CODE) return v->cameo;
  const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, v->cameo);
  const lex_cameo *in = cm->intent[0] ? gesta__lex_cameo(d, cm->intent) : NULL;
  return in ? (uint32_t)(in - (const lex_cameo *)d->cameo.data) : v->cameo;
}

/* Whether v codes a protest, strike, blockade or riot (an act coded whoever does it). */
static int protest_code(const sent_ctx *s, const vmatch *v) {
  return v->cameo != LEX_NULL_CODE && GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).protest &&
         GVEC_AT(&s->d->cameo, lex_cameo, v->cameo).intent[0];
}

/* A verb of announcing or calling ([announce_verbs]: "convocaron", "anunció", "prepara") whose
 * object is a protest reports the intent to protest, a threat of dissent (133: "convocaron una
 * huelga", "llamó a marchar", "anunció protestas"), with the verb's subject as its source. Between
 * the two only determiners, possessives, numbers, prepositions, time words and up to two plain
 * words may stand ("a una nueva huelga", "para el próximo sábado su tradicional marcha"). */
static int announced_protest(const sent_ctx *s, const vmatch *a, const vmatch *e) {
  if (!a->announce || a->negated || !protest_code(s, e) || e->negated) return 0;
  uint32_t from = a->last + 1, to = e->first < e->head ? e->first : e->head;
  if (to < from || to - from > 8) return 0;
  int plain = 0;
  for (uint32_t t = from; t < to; t++) {
    const token *tk = &s->tok[t];
    if (s->in_mention[t - s->a] || (tk->flags & (TF_CLAUSE | TF_TERM))) return 0;
    if (sc_cls(s, t, CLS_ARTICLE) || sc_cls(s, t, CLS_PREPOSITION) || (tk->flags & TF_NUM) ||
        sc_cls(s, t, CLS_POSSESSIVE) || sc_cls(s, t, CLS_TIME))
      continue;
    if (!(tk->flags & TF_WORD) || sc_cls(s, t, CLS_FUNCTION) || ++plain > 2) return 0;
  }
  return 1;
}

/* "marcharon hasta la sede del ministerio para exigir al gobierno...", "ocuparon la catedral
 * exigiendo vivienda": a demand (10) in an infinitive or a gerund after a protest in the same
 * sentence is voiced by that protest, so it is coded with the protest's subject as its source. */
static void protest_demands(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 1; k < verbs->len; k++) {
    /* An infinitive, a complement, or a verb right after the protest's own words. */
    int follows = v[k].head == v[k - 1].last + 1 && protest_code(s, &v[k - 1]);
    if (!(v[k].nonfinite || v[k].complement || follows) || v[k].negated ||
        v[k].cameo == LEX_NULL_CODE ||
        memcmp(GVEC_AT(&s->d->cameo, lex_cameo, v[k].cameo).root, "10", 2) != 0)
      continue;
    for (size_t j = k; j-- > 0;) {
      if (!protest_code(s, &v[j]) || v[j].negated || v[j].paren != v[k].paren) continue;
      v[k].nonfinite = 0;
      v[k].complement = 0;
      v[k].nominal = 1;
      v[k].voiced = 1;
      v[k].light_head = (v[j].light_head ? v[j].light_head - 1 : v[j].first) + 1;
      break;
    }
  }
}

/* "exigen que el Gobierno derogue la ley", "pidió a Francia que retire sus tropas": the verb of
 * a clause that [demanded_clauses] opens right after a demand or an appeal (10, 02), with only
 * the one asked between ("a Francia"), is what is asked for, not an act: it is the demand's
 * complement and codes no event of its own. */
static void demanded_acts(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 1; k < verbs->len; k++) {
    const vmatch *p = &v[k - 1];
    if (v[k].nominal || p->speech || p->negated || p->pat->cameo == LEX_NULL_CODE) continue;
    const char *root = GVEC_AT(&s->d->cameo, lex_cameo, p->pat->cameo).root;
    if (memcmp(root, "10", 2) != 0 && memcmp(root, "02", 2) != 0) continue;
    uint32_t t = p->last + 1;
    /* The one asked: "a Francia", "al Gobierno", "a los rebeldes". */
    uint32_t q = t;
    if (q < s->b && (sc_cls(s, q, CLS_COMPLEMENT) || sc_cls(s, q, CLS_PREPOSITION))) q++;
    if (q > t && q < s->b && sc_cls(s, q, CLS_ARTICLE)) q++;
    if (q > t && q < s->b && s->in_mention[q - s->a]) t = q;
    while (t < s->b && s->in_mention[t - s->a]) t++;
    uint32_t len = t < s->b ? (uint32_t)sc_cls(s, t, CLS_DEMANDED) : 0;
    if (!len || t + len > v[k].first || v[k].first - (t + len) > 8) continue;
    int clause = 0;
    for (q = t; q < v[k].first && !clause; q++)
      clause = (s->tok[q].flags & (TF_CLAUSE | TF_TERM)) != 0;
    if (!clause) v[k].complement = 1;
  }
}

/* The demand (root "10") or the appeal ("02") of what v codes: its intent (data/cameo.txt,
 * >CODE; 03x) turned into the demand or appeal of the same kind ("0311" -> "1011" or "0211",
 * "036" -> "106" or "026"; mediation "038", "039" -> "108" or "028"), or the root's code not
 * covered below (100, 020) when v is absent, negated or no cooperation. */
static uint32_t demand_of(const sent_ctx *s, const vmatch *v, const char *root) {
  const gesta_dict *d = s->d;
  char code[8] = {root[0], root[1], '0', 0};
  if (v && !v->negated && v->cameo != LEX_NULL_CODE) {
    const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, v->cameo);
    const char *in = memcmp(cm->root, "03", 2) == 0 ? cm->code : cm->intent;
    size_t n = strlen(in);
    if (n >= 3 && n < sizeof code && memcmp(in, "03", 2) == 0) {
      memcpy(code + 2, in + 2, n - 1); /* with its terminator */
      if (in[2] >= '8') memcpy(code + 2, "8", 2);
    }
  }
  const lex_cameo *c = gesta__lex_cameo(d, code);
  return c ? (uint32_t)(c - (const lex_cameo *)d->cameo.data) : LEX_NULL_CODE;
}

/* "Russia said on Tuesday that Sudan must return the helicopter": what an actor must do
 * ([obligation_modals] right after it), reported by a speech verb, is demanded by the speaker,
 * not done. The speech verb becomes that demand (demand_of the verb after the modal), with its
 * own source and, as target, the actor who must act; the verb after the modal codes nothing.
 * What an actor should do ([advice_modals]) is the speaker's appeal in the same way (02). */
static void reported_obligations(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal || s->d->opts.petrarch) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 0; k < verbs->len; k++) {
    if (!v[k].speech || v[k].negated || v[k].nonfinite || v[k].complement ||
        v[k].hypothetical)
      continue;
    size_t j = k + 1;
    uint32_t end = j < verbs->len ? v[j].first : s->b;
    for (uint32_t t = v[k].last + 2; t < end && t - v[k].last <= 16; t++) {
      if (s->tok[t - 1].flags & TF_TERM) break;
      uint32_t len = (uint32_t)sc_cls(s, t, CLS_OBLIGATION);
      const char *root = "10";
      if (!len && (len = (uint32_t)sc_cls(s, t, CLS_ADVICE)) != 0) root = "02";
      if (!len || !s->in_mention[t - 1 - s->a] || s->in_mention[t - s->a]) continue;
      /* The act: the next verb, within two words after the modal ("must not", "must now"). */
      vmatch *act = j < verbs->len && v[j].first >= t + len && v[j].first - (t + len) <= 2 &&
                            !v[j].nominal ? &v[j] : NULL;
      uint32_t code = demand_of(s, act, root);
      if (code == LEX_NULL_CODE) break;
      if (act) act->complement = 1;
      v[k].cameo = code;
      v[k].speech = 0;
      break;
    }
  }
}

/* "Rebels wounded two soldiers in a bomb attack", "were killed in a car bombing": a noun of
 * the means of force in a phrase that a preposition opens right after a verb of force (190,
 * with its object) names how that force was used: the verb takes the noun's code (183,
 * 1832) and the noun codes nothing of its own. (roles.c fold_weapon_nouns does the same for
 * the noun before the verb: "an air strike killed".) */
static void weapon_phrases(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 0; k + 1 < verbs->len; k++) {
    vmatch *n = &v[k + 1];
    if (v[k].nominal || v[k].complement || v[k].nonfinite || v[k].cameo == LEX_NULL_CODE ||
        strcmp(GVEC_AT(&s->d->cameo, lex_cameo, v[k].cameo).code, "190") != 0 ||
        !n->after_marker || n->negated || n->cameo == LEX_NULL_CODE || n->paren != v[k].paren ||
        n->source_pos != NO_POS) /* "in an air strike by government forces": its own event */
      continue;
    const lex_cameo *nc = &GVEC_AT(&s->d->cameo, lex_cameo, n->cameo);
    /* Means of force: bombings and assaults (18), small arms, artillery, air strikes (193 to
     * 195), weapons of mass destruction (204); not a siege or an occupation ("en el sitio"). */
    if (strcmp(nc->root, "18") != 0 && strcmp(nc->code, "193") != 0 &&
        strcmp(nc->code, "194") != 0 && strcmp(nc->code, "195") != 0 &&
        strncmp(nc->code, "204", 3) != 0)
      continue;
    uint32_t f = n->first < n->head ? n->first : n->head;
    if (f <= v[k].last + 1 || f - v[k].last > 10) continue;
    uint32_t t = f;
    while (t > v[k].last + 1 && sc_cls(s, t - 1, CLS_ARTICLE)) t--;
    if (t == v[k].last + 1 ||
        !(sc_cls(s, t - 1, CLS_PREPOSITION) || sc_cls(s, t - 1, CLS_PASSIVE_BY)))
      continue;
    int clean = 1;
    for (uint32_t q = v[k].last + 1; q < f && clean; q++)
      clean = !(s->tok[q].flags & (TF_CLAUSE | TF_TERM));
    if (!clean) continue;
    v[k].cameo = n->cameo;
    n->complement = 1;
  }
}

/* "urged Uganda to repatriate the suspects", "demanded that Israel release the prisoners": an
 * appeal or a demand not covered below (020, 100) whose complement is an act (the verb right
 * after it, marked as its complement) asks for that act: it takes the kind of the act's intent
 * (demand_of: release 0841 -> 0353 -> 0253 or 1053). */
static void appeal_kinds(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal || s->d->opts.petrarch) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 0; k + 1 < verbs->len; k++) {
    vmatch *a = &v[k + 1];
    if (v[k].negated || v[k].complement || v[k].nonfinite || v[k].cameo == LEX_NULL_CODE ||
        !(a->complement || a->nonfinite) || a->nominal || a->paren != v[k].paren ||
        a->first <= v[k].last || a->first - v[k].last > 10)
      continue;
    const char *code = GVEC_AT(&s->d->cameo, lex_cameo, v[k].cameo).code;
    const char *root = strcmp(code, "020") == 0 ? "02" : strcmp(code, "100") == 0 ? "10" : NULL;
    if (!root) continue;
    /* Only the one asked and the words that lead to the act may stand between ("urged Uganda
     * to", "demanded that the army"), not a verb the act depends on ("cancel plans to sell"). */
    int clean = 1;
    for (uint32_t q = v[k].last + 1; q < a->first && clean; q++)
      clean = !(s->tok[q].flags & TF_TERM) &&
              (s->in_mention[q - s->a] || sc_cls(s, q, CLS_COMPLEMENT) ||
               sc_cls(s, q, CLS_FUNCTION) || sc_cls(s, q, CLS_ARTICLE) ||
               sc_cls(s, q, CLS_DEMANDED) || sc_cls(s, q, CLS_INFINITIVE) ||
               sc_cls(s, q, CLS_TIME) || sc_cls(s, q, CLS_ADVERB) ||
               sc_cls(s, q, CLS_PREPOSITION) || gesta__tok_is(&s->tok[q], ','));
    uint32_t kind = clean ? demand_of(s, a, root) : LEX_NULL_CODE;
    if (kind != LEX_NULL_CODE) v[k].cameo = kind;
  }
}

/* The refusal of what v codes (data/cameo.txt, <CODE, or its root's), or LEX_NULL_CODE. */
static uint32_t refusal_of(const sent_ctx *s, const vmatch *v) {
  const gesta_dict *d = s->d;
  if (!v || v->negated || v->cameo == LEX_NULL_CODE) return LEX_NULL_CODE;
  const lex_cameo *cm = &GVEC_AT(&d->cameo, lex_cameo, v->cameo);
  const char *rf = cm->refusal;
  if (!rf[0] && !cm->foreign) {
    const lex_cameo *root = gesta__lex_cameo(d, cm->root);
    if (root) rf = root->refusal;
  }
  const lex_cameo *rc = rf[0] ? gesta__lex_cameo(d, rf) : NULL;
  return rc ? (uint32_t)(rc - (const lex_cameo *)d->cameo.data) : LEX_NULL_CODE;
}

/* "Yemen rejected a U.S. request to interrogate the detainees", "rejected an ultimatum to hand
 * over the guard": a rejection not covered below (120) of a request whose act follows ("to"
 * and the act, after the one who asked and at most two plain words: the request) refuses that
 * act: the refusal code of the act (1213 for a handover). */
static void rejection_kinds(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal || s->d->opts.petrarch) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 0; k + 1 < verbs->len; k++) {
    /* The request may be a word of its own ("a U.S. request", "an ultimatum"): passed over. */
    size_t j = k + 1;
    if (j + 1 < verbs->len && !(v[j].complement || v[j].nonfinite) &&
        (v[j + 1].complement || v[j + 1].nonfinite))
      j++;
    vmatch *a = &v[j];
    if (v[k].negated || v[k].complement || v[k].nonfinite || v[k].cameo == LEX_NULL_CODE ||
        strcmp(GVEC_AT(&s->d->cameo, lex_cameo, v[k].cameo).code, "120") != 0 ||
        !(a->complement || a->nonfinite) || a->nominal || a->paren != v[k].paren ||
        a->first <= v[k].last + 1 || a->first - v[k].last > 10 ||
        !sc_cls(s, a->first - 1, CLS_INFINITIVE))
      continue;
    int clean = 1, plain = 0;
    for (uint32_t q = v[k].last + 1; q + 1 < a->first && clean; q++) {
      const token *t = &s->tok[q];
      if (t->flags & (TF_TERM | TF_CLAUSE)) clean = 0;
      else if (s->in_mention[q - s->a] || sc_cls(s, q, CLS_ARTICLE) ||
               sc_cls(s, q, CLS_POSSESSIVE) || sc_cls(s, q, CLS_LINK) || sc_cls(s, q, CLS_TIME))
        continue;
      else if (j > k + 1 && q >= v[k + 1].first && q <= v[j - 1].last)
        plain = 1; /* the request's noun */
      else if (!(t->flags & TF_WORD) || ++plain > 2) clean = 0;
    }
    uint32_t kind = clean && plain ? refusal_of(s, a) : LEX_NULL_CODE;
    if (kind != LEX_NULL_CODE) v[k].cameo = kind;
  }
}

/* Whether a clause of purpose opens at t: a purpose marker ([purpose_markers]: "para", "in order
 * to") or, in a language with no infinitive endings, an infinitive marker ("to"), then a word
 * that is an infinitive. In a language whose infinitives have endings of their own
 * ([infinitive_endings]: "integrar") the word needs one; elsewhere any plain word does after a
 * purpose marker, and after "to" a plain word an article or a possessive follows ("to protect
 * the border"), as a noun seldom is. Such a "to" follows the pattern's words before pat_end, an
 * actor, a noun after a determiner ("signed a deal to") or the comma or bracket closing an
 * apposition ("a pact (the third in two years) to"), not a verb that governs it: not the
 * verb's head, even with a negation between ("threatened to resume the war", "vowed not to
 * return the"), nor another ("demanded that they refuse to recognise the"). Returns the
 * infinitive's position, or 0. */
uint32_t gesta__purpose_clause(const sent_ctx *s, uint32_t t, uint32_t head, uint32_t pat_end,
                               int verb_at) {
  int endings = (s->d->class_langs[CLS_INFINITIVE_END] >> s->lang) & 1;
  uint32_t n = (uint32_t)sc_cls(s, t, CLS_PURPOSE);
  int purpose = n > 0;
  if (!n && !endings && t > head + 1 && !sc_cls(s, t - 1, CLS_NEGATION) &&
      !sc_cls(s, t - 1, CLS_ADVERB) &&
      (t <= pat_end || s->in_mention[t - 1 - s->a] || (s->tok[t - 1].flags & TF_CLOSE) ||
       gesta__tok_is(&s->tok[t - 1], ',') || sc_cls(s, t - 2, CLS_ARTICLE) ||
       sc_cls(s, t - 2, CLS_NUMBER) || sc_cls(s, t - 2, CLS_POSSESSIVE)))
    n = (uint32_t)sc_cls(s, t, CLS_INFINITIVE);
  uint32_t i = t + n;
  if (!n || i >= s->b || s->in_mention[i - s->a]) return 0;
  const token *w = &s->tok[i];
  if (!(w->flags & TF_WORD) || sc_cls(s, i, CLS_ARTICLE) || sc_cls(s, i, CLS_NUMBER)) return 0;
  if (endings) {
    for (uint32_t k = 2; k + 1 < w->norm_len && k <= 6; k++)
      if (gesta__lex_word_in_class(s->d, gesta__word_hash(w->norm + w->norm_len - k, k), s->lang,
                                   CLS_INFINITIVE_END))
        return i;
    return 0;
  }
  if (w->flags & NAME_CASE) return 0;
  if (purpose || verb_at ||
      (i + 1 < s->b && (sc_cls(s, i + 1, CLS_ARTICLE) || sc_cls(s, i + 1, CLS_POSSESSIVE))))
    return i;
  return 0;
}

/* Whether a clause of purpose bounds the object of an act of this code: not a protest's, whose
 * purpose names what it is against ("marcharon para protestar contra el Gobierno"), nor force's,
 * whose purpose names whom it is used on ("usó gases lacrimógenos para dispersar a los
 * huelguistas": coercion, assault, fight, mass violence). */
int gesta__purpose_bounds(const gesta_dict *d, uint32_t cameo) {
  if (cameo == LEX_NULL_CODE) return 0;
  const lex_cameo *c = &GVEC_AT(&d->cameo, lex_cameo, cameo);
  if (c->unnamed_source == UNNAMED_ALWAYS) return 0;
  return !((c->root[0] == '1' && c->root[1] >= '7' && c->root[1] <= '9') ||
           memcmp(c->root, "20", 2) == 0);
}

/* Whether a purpose marker ([purpose_markers]: "para", "in order to") ends right before t. */
static int after_purpose(const sent_ctx *s, uint32_t t) {
  for (uint32_t k = t > s->a + 4 ? t - 4 : s->a; k < t; k++)
    if (k + sc_cls(s, k, CLS_PURPOSE) == t && sc_cls(s, k, CLS_PURPOSE)) return 1;
  return 0;
}

/* "se desnudaron para protestar contra el desalojo": an act done to protest is a protest, when the
 * sentence codes no other protest; its source is the subject of the verb before. */
static void protest_purposes(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 0; k < verbs->len; k++) {
    if (!v[k].nonfinite || v[k].negated || !protest_code(s, &v[k]) ||
        !after_purpose(s, v[k].head))
      continue;
    int other = 0;
    for (size_t j = 0; j < verbs->len && !other; j++)
      other = j != k && !v[j].nonfinite && !v[j].complement && protest_code(s, &v[j]);
    if (other) return;
    v[k].nonfinite = 0;
    v[k].nominal = 1;
    v[k].voiced = 1;
    v[k].light_head = (k > 0 ? v[k - 1].first : v[k].head) + 1;
    return;
  }
}

/* "is scheduled to give a speech ... and meet dissidents", "plans to visit China and meet Xi": a
 * verb joined by a conjunction to an infinitive before it, in no finite form of its own, shares
 * the "to": it is an infinitive no verb governs, an intent or a possibility as that one is. */
static void shared_infinitives(const sent_ctx *s, gvec *verbs) {
  if (s->d->opts.literal) return;
  vmatch *v = (vmatch *)verbs->data;
  for (size_t k = 1; k < verbs->len; k++) {
    vmatch *p = &v[k - 1], *c = &v[k];
    uint32_t h = c->head;
    if (c->first != h || h <= s->a || !sc_cls(s, h - 1, CLS_COORD) ||
        gesta__tok_is(&s->tok[h - 1], ',') || p->head <= s->a || c->paren != p->paren)
      continue;
    const token *t = &s->tok[h];
    if (gesta__finite_form(s, t) || participle(s, t) || nonfinite_form(s, t) ||
        irregular_form(s, t) || infinitive_form(s, t) == 0)
      continue;
    /* The infinitive: the verb's head, or the last word of its pattern ("threatened to
     * attack", "plans to visit"), which then governs it. */
    uint32_t q = p->head;
    int governed = 0;
    if (!sc_cls(s, q - 1, CLS_INFINITIVE)) {
      q = p->last;
      if (q <= p->head || !sc_cls(s, q - 1, CLS_INFINITIVE) ||
          infinitive_form(s, &s->tok[q]) == 0)
        continue;
      governed = 1;
    }
    int intent = future_to(s, q);
    if (governed && !intent) {
      c->complement = 1; /* "threatened to attack and destroy": one threat */
      continue;
    }
    if (!(p->nonfinite || p->complement || p->hypothetical || intent)) continue;
    c->nonfinite = p->nonfinite;
    c->complement = p->complement;
    c->hypothetical = p->hypothetical;
    if (intent && !p->nonfinite && !p->complement) c->cameo = intent_of(s, c);
  }
}

static void drop_light_verbs(const sent_ctx *s, gvec *verbs) {
  vmatch *v = (vmatch *)verbs->data;
  size_t w = 0;
  for (size_t k = 0; k < verbs->len; k++) {
    if (k + 1 < verbs->len && announced_protest(s, &v[k], &v[k + 1])) {
      v[k + 1].cameo = intent_of(s, &v[k + 1]);
      v[k + 1].light_head = v[k].head + 1;
      v[k + 1].nominal = 1;
      v[k + 1].nonfinite = 0;
      v[k + 1].complement = 0;
      continue;
    }
    /* The noun may lack its article after a time phrase ("protagonizaron el martes violentas
     * protestas"): a word with no finite verb ending there is the noun too (with gesta's own
     * dictionaries: other coders' verbs are coded as their patterns say). */
    if (v[k].light && k + 1 < verbs->len && !v[k].negated &&
        (v[k + 1].nominal ||
         (!s->d->opts.literal && !gesta__finite_form(s, &s->tok[v[k + 1].head])))) {
      uint32_t a = v[k].last + 1, b = v[k + 1].head;
      /* Words of time do not count ("realizaron en la tarde del lunes una marcha"). */
      int ok = b > a && b - a <= 8, plain = 0, other = 0;
      for (uint32_t t = a; ok && t < b; t++) {
        const token *tk = &s->tok[t];
        if (s->in_mention[t - s->a] || (tk->flags & (TF_CLAUSE | TF_TERM))) ok = 0;
        else if (sc_cls(s, t, CLS_TIME)) continue;
        else if (++other > 4) ok = 0;
        else if (!sc_cls(s, t, CLS_ARTICLE) && !(tk->flags & TF_NUM) && ++plain > 2) ok = 0;
      }
      if (ok) {
        v[k + 1].light_head = v[k].head + 1;
        v[k + 1].nominal = 1;
        continue;
      }
    }
    v[w++] = v[k];
  }
  verbs->len = w;
}

/* With PETRARCH's dictionaries, a verb whose head is among the words a later verb's pattern
 * matched before its head is one of that pattern's words, not a verb: in "Ethiopia indicated it
 * should have acted against Libya", "- INDICATED SHOULD *" under ACT takes "should" (PETRARCH's
 * parser reads a modal as no verb). */
static void drop_verbs_in_patterns(const sent_ctx *s, gvec *verbs) {
  if (!s->d->opts.petrarch) return;
  vmatch *v = (vmatch *)verbs->data;
  size_t w = 0;
  for (size_t k = 0; k < verbs->len; k++) {
    int inside = 0;
    for (size_t j = k + 1; j < verbs->len && !inside; j++)
      inside = !v[j].nominal && v[j].first < v[j].head && v[j].first <= v[k].head &&
               v[k].head < v[j].head;
    if (!inside) v[w++] = v[k];
  }
  verbs->len = w;
}

static void mark_complements(const sent_ctx *s, gvec *verbs) {
  const token *tok = s->tok;
  vmatch *v = (vmatch *)verbs->data;
  size_t w = 0; /* the last verb that is not a complement, plus one */
  for (size_t k = 0; k < verbs->len; k++) {
    int bare_null = gesta__bare_null(&v[k]); /* an auxiliary: it governs nothing */
    if (w > 0 && !v[w - 1].speech) {
      const vmatch *p = &v[w - 1];
      uint32_t a = p->last + 1, b = v[k].head;
      int complement = b >= a && b - a <= 8;
      /* Right after a pattern that ended on a word of its own besides the head ("se movilizaban
       * en una motocicleta asesinaron"), a verb starts a clause of its own. */
      if (complement && b == a && p->last != p->head && gesta__finite_form(s, &tok[b])) complement = 0;
      if (complement && b > a) {
        complement = sc_cls(s, b - 1, CLS_COMPLEMENT) != 0;
        for (uint32_t t = a; complement && t < b; t++)
          if (!s->in_mention[t - s->a] && !sc_cls(s, t, CLS_COMPLEMENT) &&
              !sc_cls(s, t, CLS_FUNCTION))
            complement = 0;
        if (complement && (tok[b - 1].flags & TF_CLAUSE)) complement = 0;
      }
      /* A protest noun is the protest itself, never a verb's complement ("heridos en la
       * manifestación", "una oleada de protestas"). */
      if (complement && v[k].after_marker && protest_code(s, &v[k]) &&
          infinitive_form(s, &tok[v[k].head]) == 0)
        complement = 0;
      /* "pledged to expel": a pledge matched by its head alone, which with its "to" is a future
       * auxiliary ([future_auxiliaries]), is the intent of the act it governs (find_verbs
       * already gave that act its intent code): the act stands, the bare pledge goes. */
      if (complement && p->last == p->head && v[k].cameo != v[k].pat->cameo &&
          !s->d->opts.literal && (uint32_t)sc_cls(s, p->head, CLS_FUTURE_AUX) == b - p->head) {
        v[w - 1].complement = 1;
        w = k + 1;
        continue;
      }
      /* "pledged to fight corruption", "prometió combatir la pobreza": a pledge whose words end
       * at its "to", of what a null pattern of more than its head reads as no act, pledges no
       * act: both go. */
      if (complement && v[k].pat->cameo == LEX_NULL_CODE && !bare_null &&
          !s->d->opts.literal && (uint32_t)sc_cls(s, p->head, CLS_FUTURE_AUX) == b - p->head) {
        v[w - 1].complement = 1;
        v[k].complement = 1;
        w = k + 1;
        continue;
      }
      /* "issued a statement calling for elections": an -ing form right after a document noun
       * ([document_nouns]) tells what the document says. It stands; a mere statement (01)
       * that issued the document goes, as the document's content is the news. (Not issued
       * or not signed, "did not sign the communiqué condemning", it says nothing of theirs.) */
      if (complement && b > s->a && sc_cls(s, b - 1, CLS_DOCUMENT) &&
          nonfinite_form(s, &tok[b]) && !s->d->opts.literal && !p->negated) {
        if (p->cameo != LEX_NULL_CODE &&
            memcmp(GVEC_AT(&s->d->cameo, lex_cameo, p->cameo).root, "01", 2) == 0)
          v[w - 1].complement = 1;
        w = k + 1;
        continue;
      }
      if (complement) {
        v[k].complement = 1;
        continue;
      }
    }
    if (!bare_null) w = k + 1;
  }
}

static int is_aside_dash(const sent_ctx *s, uint32_t t) {
  const token *k = &s->tok[t];
  if (!(k->flags & TF_DASH)) return 0;
  if (k->norm_len > 1) return 1; /* an en or em dash */
  /* A hyphen counts only with spaces around it: " - ". */
  return t > s->a && t + 1 < s->b && s->tok[t - 1].end < k->start && k->end < s->tok[t + 1].start;
}

/* Numbers the asides of a sentence: text in brackets, and text between two dashes. Linear:
 * brackets pair by their nesting, dashes two by two. */
static void find_asides(sent_ctx *s) {
  uint32_t n = s->b - s->a;
  uint32_t *open = gesta__arena_alloc(s->scratch, sizeof(uint32_t) * (n ? n : 1));
  if (!open) return; /* no asides rather than a failure: they only refine roles */
  uint32_t depth = 0, dash = UINT32_MAX;
  uint16_t id = 0;
  for (uint32_t t = s->a; t < s->b; t++) {
    const token *k = &s->tok[t];
    if (k->norm_len == 1 && (k->norm[0] == '(' || k->norm[0] == '[')) {
      open[depth++] = t;
    } else if (k->norm_len == 1 && (k->norm[0] == ')' || k->norm[0] == ']') && depth) {
      uint32_t o = open[--depth];
      if (depth == 0 && id < UINT16_MAX) {
        id++;
        for (uint32_t u = o; u <= t; u++) s->paren[u - s->a] = id;
      }
    } else if (depth == 0 && is_aside_dash(s, t)) {
      if (dash == UINT32_MAX) {
        dash = t;
      } else {
        if (id < UINT16_MAX) id++;
        for (uint32_t u = dash; u <= t; u++)
          if (!s->paren[u - s->a]) s->paren[u - s->a] = id;
        dash = UINT32_MAX;
      }
    }
  }
}

/* Marks the words inside quotation marks of at most five words that stand within a clause,
 * after a word: scare quotes characterise ("su “política de intimidación”"); they do not
 * report. «Atacaremos Kiev», dijo X is speech, and is not marked. */
static void find_scare_quotes(sent_ctx *s) {
  uint32_t open = UINT32_MAX;
  for (uint32_t t = s->a; t < s->b; t++) {
    if (!is_quote(&s->tok[t])) continue;
    if (open == UINT32_MAX) {
      open = t;
      continue;
    }
    if (t - open - 1 <= 5 && open > s->a && (s->tok[open - 1].flags & TF_WORD))
      for (uint32_t u = open + 1; u < t; u++) s->quoted[u - s->a] = 1;
    open = UINT32_MAX;
  }
}

/* Whether the comma at t separates actors of one list ("Arnor, Calenardhon and Gondor"): the
 * mentions on both sides share a group (structure()). */
static int list_comma(const mention *m, size_t nm, uint32_t t) {
  for (size_t k = 0; k + 1 < nm; k++)
    if (m[k].b <= t && m[k + 1].a > t) return m[k].group >= 0 && m[k].group == m[k + 1].group;
  return 0;
}

/* With PETRARCH's dictionaries, a comma between two plain words ("restore complete, full
 * diplomatic ties") lies inside a noun phrase, as PETRARCH's parser reads it: it delimits no
 * clause. A participle or -ing form before it ends a clause ("the talks collapsed, officials
 * said"). */
static int plain_phrase_word(const sent_ctx *s, uint32_t t) {
  const token *k = &s->tok[t];
  return (k->flags & TF_WORD) && !(k->flags & (TF_CAP | TF_UPPER)) && !s->in_mention[t - s->a] &&
         !sc_cls(s, t, CLS_FUNCTION) && !sc_cls(s, t, CLS_PRONOUN) && !sc_cls(s, t, CLS_COORD) &&
         !sc_cls(s, t, CLS_NEGATION) && !sc_cls(s, t, CLS_ARTICLE) &&
         !sc_cls(s, t, CLS_PREPOSITION);
}

int gesta__phrase_comma(const sent_ctx *s, uint32_t t) {
  if (!s->d->opts.petrarch || t <= s->a || t + 1 >= s->b) return 0;
  const token *k = &s->tok[t];
  if (k->norm_len != 1 || k->norm[0] != ',') return 0;
  return plain_phrase_word(s, t - 1) && plain_phrase_word(s, t + 1) &&
         !participle(s, &s->tok[t - 1]) && !nonfinite_form(s, &s->tok[t - 1]);
}

/* With other coders' dictionaries: comma-delimited clauses of a length (in words) within the
 * options' ranges are removed before coding, as TABARI and PETRARCH do ("President Mubarak, in
 * a grim warning underlining Egypt's crisis, will request..."). Their words are marked quoted
 * (no verb there is coded) and put in an aside of their own (no actor there takes part). */
static void drop_comma_clauses(sent_ctx *s, gvec *mentions) {
  const lex_options *o = &s->d->opts;
  if (!o->comma) return;
  mention *m = (mention *)mentions->data;
  uint16_t id = 0;
  for (uint32_t t = s->a; t < s->b; t++)
    if (s->paren[t - s->a] > id) id = s->paren[t - s->a];
  uint32_t end = s->b;
  while (end > s->a && (s->tok[end - 1].flags & TF_TERM)) end--;
  uint32_t start = s->a; /* the current segment starts here (after its comma) */
  int first = 1;
  for (uint32_t t = s->a; t <= end; t++) {
    int comma = t < end && gesta__tok_is(&s->tok[t], ',') &&
                !s->paren[t - s->a] && !(s->tok[t].flags & TF_NUM) &&
                !list_comma(m, mentions->len, t) && !gesta__phrase_comma(s, t);
    if (!comma && t < end) continue;
    uint32_t words = 0;
    for (uint32_t u = start; u < t; u++) words += (s->tok[u].flags & TF_WORD) != 0;
    const uint16_t *r = first ? o->comma_b : t == end ? o->comma_e : o->comma_m;
    /* No comma at all; or a last clause with no full stop after it, which TABARI keeps. */
    int whole = (first && t == end) || (t == end && end == s->b);
    if (!whole && words > r[0] && words <= r[1] && id < UINT16_MAX) {
      id++;
      uint32_t from = first ? s->a : start - 1; /* with the comma before it */
      for (uint32_t u = from; u < t; u++) {
        if (s->paren[u - s->a]) continue;
        s->paren[u - s->a] = id;
        s->quoted[u - s->a] = 1;
      }
    }
    first = 0;
    start = t + 1;
  }
  /* The actors in a dropped clause are in its aside now. */
  for (size_t k = 0; k < mentions->len; k++) m[k].paren = s->paren[m[k].a - s->a];
}

/* TABARI's complexity filter (its COMPLEX option): a sentence with so many verbs, conjunctions or
 * actors, or none of the actors before its first verb, is not coded. */
static int too_complex(const sent_ctx *s) {
  const lex_options *o = &s->d->opts;
  if (!o->complex_verbs && !o->complex_conj && !o->complex_actors && !o->complex_noactprior &&
      !o->complex_noverb)
    return 0;
  if (o->complex_noverb && s->nv == 0) return 1;
  if (o->complex_verbs) { /* verbs that code something: bare null-coded ones are auxiliaries */
    size_t nv = 0;
    for (size_t k = 0; k < s->nv; k++)
      nv += !gesta__bare_null(&s->v[k]);
    if (nv >= o->complex_verbs) return 1;
  }
  if (o->complex_actors && s->nm >= o->complex_actors) return 1;
  if (o->complex_conj) {
    /* Conjunctions of clauses: those inside a list of actors do not count. */
    uint32_t conj = 0;
    for (uint32_t t = s->a; t < s->b; t++)
      if (sc_cls(s, t, CLS_COORD) && !(gesta__tok_is(&s->tok[t], ',')) &&
          !list_comma(s->m, s->nm, t))
        conj++;
    if (conj >= o->complex_conj) return 1;
  }
  if (o->complex_noactprior) {
    /* The head of the first verb read as one (not a noun after a preposition or an article); a pronoun
     * that FORWARD resolves counts as an actor. */
    uint32_t first = UINT32_MAX;
    for (size_t k = 0; k < s->nv && first == UINT32_MAX; k++)
      if (!s->v[k].nominal && !s->v[k].after_marker) first = s->v[k].head;
    int actor = first == UINT32_MAX || (s->nm > 0 && s->m[0].a < first);
    for (uint32_t t = s->a; !actor && o->forward && t < first; t++) actor = sc_cls(s, t, CLS_PRONOUN) != 0;
    if (!actor) return 1;
  }
  return 0;
}

/* "THE US, RUSSIA AND SWITZERLAND MET YESTERDAY", "POLICIA PALESTINA MATA A DIEZ
 * MANIFESTANTES": in a sentence written all in capitals, case tells no name from a word. Once
 * its actors and places are found, its other words are read as lowercase words (a capital marks
 * names, months and acronyms for the verbs and roles that follow). The coder owns the tokens;
 * only this sentence's are changed. */
static void caseless_words(sent_ctx *s) {
  if (!in_capitals(s)) return;
  token *tok = (token *)s->tok; /* the coder's own array (coder.c) */
  for (uint32_t t = s->a; t < s->b; t++)
    if (!s->in_mention[t - s->a]) tok[t].flags &= ~(uint32_t)(TF_CAP | TF_UPPER);
}

/* "pro-Russian separatists", "anti-American protesters", "pro-Kremlin activists": an actor
 * joined by a hyphen to a stance prefix says whom a group supports or opposes, not who it is;
 * drops it (a role word after it stands alone). */
static void drop_stance_actors(const sent_ctx *s, gvec *hits) {
  const token *tok = s->tok;
  size_t w = 0;
  for (size_t k = 0; k < hits->len; k++) {
    const hit *h = &GVEC_AT(hits, hit, k);
    uint32_t a = h->a;
    if (!(h->kind == LK_ACTOR && !h->person && a >= s->a + 2 && gesta__tok_is(&tok[a - 1], '-') &&
          gesta__tok_glued(tok, a - 1) && sc_cls(s, a - 2, CLS_STANCE)))
      GVEC_AT(hits, hit, w++) = *h;
  }
  hits->len = w;
}

int gesta__match_sentence(sent_ctx *s, stemmer_set *ss, doc_memory *mem, arena *ar, gvec *hits,
                          gvec *mentions, gvec *verbs) {
  uint32_t n = s->b - s->a;
  s->paren = gesta__arena_alloc(s->scratch, sizeof(uint16_t) * (n ? n : 1));
  s->quoted = gesta__arena_alloc(s->scratch, n ? n : 1);
  if (!s->paren || !s->quoted) return GESTA_ENOMEM;
  memset(s->paren, 0, sizeof(uint16_t) * n);
  memset(s->quoted, 0, n);
  find_asides(s);
  find_scare_quotes(s);
  s->clen = gesta__arena_alloc(s->scratch, (size_t)(n ? n : 1) * CLS_COUNT);
  s->in_mention = gesta__arena_alloc(s->scratch, n ? n : 1);
  if (!s->clen || !s->in_mention) return GESTA_ENOMEM;
  memset(s->clen, 0, (size_t)n * CLS_COUNT);
  memset(s->in_mention, 0, n);
  hits->len = mentions->len = verbs->len = 0;
  int rc = scan(s, mem, hits);
  if (rc) return rc;
  drop_stance_actors(s, hits);
  for (size_t k = 0; k < hits->len; k++) {
    const hit *h = &GVEC_AT(hits, hit, k);
    for (uint32_t t = h->a; t < h->b; t++) s->in_mention[t - s->a] = 1;
  }
  rc = compose(s, mem, ar, (const hit *)hits->data, hits->len, mentions);
  if (rc) return rc;
  /* 1: inside a mention; 2: inside a mention that names an actor, whose words no verb pattern
   * may take ("gave Niger's military junta an ultimatum" is no gift of military aid). */
  for (size_t k = 0; k < mentions->len; k++) {
    const mention *m = &GVEC_AT(mentions, mention, k);
    uint8_t mark = (m->kinds & (MK_ACTOR | MK_PERSON | MK_NAME)) ? 2 : 1;
    for (uint32_t t = m->a; t < m->b; t++) s->in_mention[t - s->a] = mark;
    /* Its first word stays open: "cerró el consulado ruso" is "cerrar consulado". */
    s->in_mention[m->a - s->a] = 1;
  }
  rc = add_both(s, ss, mem, ar, mentions);
  if (rc) return rc;
  sort_mentions((mention *)mentions->data, mentions->len);
  structure(s, ar, mentions);
  drop_comma_clauses(s, mentions);
  for (size_t k = 0; k < mentions->len; k++) {
    const mention *m = &GVEC_AT(mentions, mention, k);
    if (located_mention(s, m)) continue; /* "met in Riyadh": no side for [both] */
    rc = gesta__memory_note(mem, m);
    if (rc) return rc;
  }
  if ((rc = role_in_place(s, ar, mentions))) return rc;
  if ((rc = role_from_located_places(s, mem, ar, mentions))) return rc;
  if ((rc = role_from_armed_group(s, ar, mentions))) return rc;
  if ((rc = role_from_possessor(s, ar, mentions))) return rc;
  if ((rc = role_from_dateline(s, mem, ar, mentions))) return rc;
  caseless_words(s);
  s->m = (mention *)mentions->data; /* complete: the verbs' patterns may look at them */
  s->nm = mentions->len;
  rc = find_verbs(s, ss, verbs);
  if (rc) return rc;
  drop_light_verbs(s, verbs);
  drop_verbs_in_patterns(s, verbs);
  mark_complements(s, verbs);
  protest_demands(s, verbs);
  demanded_acts(s, verbs);
  reported_obligations(s, verbs);
  weapon_phrases(s, verbs);
  appeal_kinds(s, verbs);
  rejection_kinds(s, verbs);
  protest_purposes(s, verbs);
  shared_infinitives(s, verbs);
  s->v = (vmatch *)verbs->data;
  s->nv = verbs->len;
  if ((rc = role_from_attacked_place(s, ar))) return rc;
  if (too_complex(s)) s->discard = 1;
  return 0;
}
