/*
 * Language identification per paragraph by function words: each language's data file lists
 * its most frequent short words (articles, prepositions, pronouns, auxiliaries, and the
 * Spanish opening marks ¿ ¡), and a paragraph scores one point per token found in a list or
 * spelled as a name or role word of that language alone, and each lowercase word written with a
 * letter typical of the language ("acusó", "España" does not count: names travel).
 * Between closely known languages this is reliable well below the length where character
 * n-gram models (libexttextcat) become so, which matters for headlines and captions; and it
 * keeps adding a language a matter of writing its word list. Undecided paragraphs take the
 * document's language (see coder.c).
 */
#include "normalize.h"
#include "pipeline.h"

/* Whether a word is written with a letter typical of a language ("ñ", "ó" for Spanish). */
static int has_letter(const lex_lang *lg, const char *buf, const token *t) {
  if (!lg->nletters) return 0;
  const unsigned char *p = (const unsigned char *)buf + t->start;
  size_t n = t->end - t->start, i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    i += (size_t)gesta__utf8_decode(p + i, n - i, &cp);
    for (int k = 0; k < lg->nletters; k++)
      if (lg->letters[k] == cp) return 1;
  }
  return 0;
}

void gesta__lang_scores(const gesta_dict *d, const char *buf, const token *tok, uint32_t a,
                        uint32_t b, int *scores) {
  for (int l = 0; l < LEX_MAX_LANGS; l++) scores[l] = 0;
  for (uint32_t i = a; i < b; i++) {
    if (!(tok[i].flags & (TF_CAP | TF_ASCII)))
      for (int l = 0; l < d->nlangs; l++)
        if (has_letter(&d->langs[l], buf, &tok[i])) scores[l]++;
    /* A word joined by a hyphen to the next is part of a compound, as the particle of a name
     * ("al-Maliki", "el-Sisi"): no evidence of the language whose function word it spells. */
    if (i + 2 < b && gesta__tok_glued(tok, i + 1)) continue;
    const lex_phrase *p = gesta__lex_phrase(d, gesta__hash_mix(GESTA_SEQ_SEED, tok[i].hash));
    if (!p) continue;
    /* Function words count, and so do names and role words that one language alone spells
     * this way ("Rusia", "ejército"; not "China", a name in both and a Spanish adjective):
     * headlines often have no function word at all. */
    unsigned function = 0, names = 0;
    for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
      const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
      if (en->kind == LK_CLASS) {
        if (en->cls == CLS_FUNCTION) function |= en->langmask;
      } else {
        names |= en->langmask;
      }
    }
    if (names & (names - 1)) names = 0; /* shared by languages: no evidence */
    for (int l = 0; l < d->nlangs; l++)
      if (((function | names) >> l) & 1) scores[l]++;
  }
}

int gesta__lang_pick(const int *scores, int nlangs) {
  int best = -1, best_score = 0, second = 0;
  for (int l = 0; l < nlangs; l++) {
    if (scores[l] > best_score) {
      second = best_score;
      best_score = scores[l];
      best = l;
    } else if (scores[l] > second) {
      second = scores[l];
    }
  }
  if (best < 0 || best_score == second) return -1;
  return best;
}

/* A second opinion for a paragraph the word lists leave undecided ("Lula later praised China."):
 * one point per lowercase word that is a verb form of a pattern head in the language, by its
 * irregular table or its stem. It stems, so it runs only when needed. */
void gesta__lang_verb_scores(const gesta_dict *d, stemmer_set *ss, const char *buf,
                             const token *tok, uint32_t a, uint32_t b, int *scores) {
  for (uint32_t i = a; i < b; i++) {
    const token *t = &tok[i];
    if (!(t->flags & TF_WORD) || (t->flags & (TF_CAP | TF_NUM)) || t->norm_len < 3) continue;
    for (int l = 0; l < d->nlangs; l++) {
      uint32_t idx;
      if (gesta__hmap_get(&d->irregular, lex_lang_key(l, t->hash), &idx)) {
        scores[l]++;
        continue;
      }
      uint64_t keys[2];
      int n = gesta__stem_keys(ss, l, buf + t->start, t->end - t->start, t->norm, t->norm_len,
                               t->hash, keys);
      for (int k = 0; k < n; k++)
        if (gesta__hmap_get(&d->head_map, lex_lang_key(l, keys[k]), &idx)) {
          scores[l]++;
          break;
        }
    }
  }
}
