/*
 * Language identification per paragraph by function words: each language's data file lists
 * its most frequent short words (articles, prepositions, pronouns, auxiliaries, and the
 * Spanish opening marks ¿ ¡), and a paragraph scores one point per token found in a list or
 * spelled as a name or role word of that language alone.
 * Between closely known languages this is reliable well below the length where character
 * n-gram models (libexttextcat) become so, which matters for headlines and captions; and it
 * keeps adding a language a matter of writing its word list. Undecided paragraphs take the
 * document's language (see coder.c).
 */
#include "pipeline.h"

void gesta__lang_scores(const gesta_dict *d, const token *tok, uint32_t a, uint32_t b,
                        int *scores) {
  for (int l = 0; l < LEX_MAX_LANGS; l++) scores[l] = 0;
  for (uint32_t i = a; i < b; i++) {
    const lex_phrase *p = gesta__lex_phrase(d, gesta__hash_mix(GESTA_SEQ_SEED, tok[i].hash));
    if (!p) continue;
    for (uint32_t e = p->first; e; e = GVEC_AT(&d->entries, lex_entry, e - 1).next) {
      const lex_entry *en = &GVEC_AT(&d->entries, lex_entry, e - 1);
      /* Function words count, and so do names and role words that one language alone spells
       * this way ("Rusia", "ejército"): headlines often have no function word at all. */
      int counts = en->kind == LK_CLASS ? en->cls == CLS_FUNCTION
                                        : en->langmask && !(en->langmask & (en->langmask - 1));
      if (!counts) continue;
      for (int l = 0; l < d->nlangs; l++)
        if ((en->langmask >> l) & 1) scores[l]++;
      break;
    }
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
