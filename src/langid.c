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
    if (!(tok[i].flags & TF_CAP))
      for (int l = 0; l < d->nlangs; l++)
        if (has_letter(&d->langs[l], buf, &tok[i])) scores[l]++;
    const lex_phrase *p = gesta__lex_phrase(d, gesta__hash_mix(GESTA_SEQ_SEED, tok[i].hash));
    if (!p) continue;
    unsigned mask = 0;
    for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
      const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
      /* Function words count, and so do names and role words that one language alone spells
       * this way ("Rusia", "ejército"): headlines often have no function word at all. */
      int counts = en->kind == LK_CLASS ? en->cls == CLS_FUNCTION
                                        : en->langmask && !(en->langmask & (en->langmask - 1));
      if (counts) mask |= en->langmask;
    }
    for (int l = 0; l < d->nlangs; l++)
      if ((mask >> l) & 1) scores[l]++;
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
