/*
 * The compiled dictionary: one immutable structure that every dictionary reader produces
 * (gesta's native format now; TABARI and PETRARCH readers later). It holds
 *  - a phrase table: every actor name, agent role word and language word class, keyed by the hash
 *    of its token sequence, with each proper prefix marked so that a longest match walks the
 *    tokens of a sentence once;
 *  - actors with their date-ranged codes, agents with their role codes;
 *  - verb patterns indexed by the stem of their head word, and irregular verb forms;
 *  - the CAMEO code table and what each language needs (stemmer, word classes, options).
 * Building it is done by dict.c; matching against it by match.c.
 */
#ifndef GESTA_LEXICON_H
#define GESTA_LEXICON_H

#include "internal.h"

#define LEX_MAX_LANGS 8
#define LEX_LANG_ANY 0xFFu
#define LEX_MAX_PHRASE_TOKENS 16

/* Language word classes (the sections of data/lang/LANG.txt that hold phrases). */
enum lex_class {
  CLS_FUNCTION,
  CLS_ABBREV,
  CLS_NEGATION,
  CLS_PASSIVE_AUX,
  CLS_PASSIVE_BY,
  CLS_COORD,
  CLS_ATTRIB,
  CLS_BOTH,
  CLS_LINK,
  CLS_FURNITURE,
  CLS_AGENCY,
  CLS_BYLINE,
  CLS_PRONOUN,
  CLS_COMPLEMENT,
  CLS_ARTICLE,
  CLS_LOCATIVE,
  CLS_PARTICIPLE,
  CLS_TIME,
  CLS_ADVERB,
  CLS_INFINITIVE,
  CLS_NONFINITE,
  CLS_PREPOSITION,
  CLS_ADJUNCT,
  CLS_FUTURE_AUX,
  CLS_OBJREL,
  CLS_POSSESSIVE,
  CLS_RECIPROCAL,
  CLS_REFLEXIVE,
  CLS_OBJ_PRONOUN,   /* "him", "them": with TABARI's dictionaries, the sentence's first actor */
  CLS_ROLE_LINK,     /* PETRARCH: joins a role word to its actor ("soldiers from") */
  CLS_SUBJ_RELATIVE, /* "que", "who": a relative whose antecedent is the subject */
  CLS_FINITE,        /* endings of finite verb forms ("-aron", "-ed") */
  CLS_DISCARD,       /* a sentence holding one is not coded (discards dictionaries) */
  CLS_DISCARD_STORY, /* nor is the document holding one */
  CLS_INFINITIVE_END, /* endings of infinitives ("-ar"): the verb an infinitive marker governs */
  CLS_PURPOSE,       /* "para", "in order to": an infinitive after one is the purpose of an act */
  CLS_MODAL,         /* "may", "might": a verb right after one is a possibility, no event */
  CLS_CONDITION,     /* "if", "unless": a verb in the clause one opens is a condition, no event */
  CLS_QUANTITY,      /* "un grupo de", "hundreds of": a quantity before the actor it counts */
  CLS_SUBJUNCTIVE,   /* "que", "si": a verb after one may be a subjunctive, no future */
  CLS_DEMANDED,      /* "que": after a demand or an appeal, opens the clause of what is asked for */
  CLS_NUMBER,        /* "two", "dozens": number words, as a determiner may take them */
  CLS_STANCE,        /* "pro", "anti": before a hyphen, an actor after one is a stance, no actor */
  CLS_BACKGROUND,    /* "since", "weeks after": a verb in the clause one opens is past background */
  CLS_PLACE_PART,    /* "norte", "outskirts": a part of the place named after a link word */
  CLS_PERFECT_AUX,   /* "has", "han": the auxiliary of the present perfect */
  CLS_UNREALISED,    /* "para que", "sin que": a verb in the clause one opens is not done */
  CLS_OBJECT_PREP,   /* "contra", "a": an actor in a phrase one opens is an object, no subject */
  CLS_ATTACK_NOUN,   /* "ataque", "emboscada": the actor after one names who acted in it */
  CLS_FACTUAL,       /* "si bien", "ya que": a clause one opens tells what happened */
  CLS_PATIENT_NOUN,  /* "killing", "bombardeo": "of X" after one names who undergoes it */
  CLS_OBLIGATION,    /* "must": reported after a speech verb, what one must do is a demand */
  CLS_ASPECT,        /* "began to", "tried to": the infinitive after one is done, a report */
  CLS_DOCUMENT,      /* "statement", "letter": an -ing form after one tells what it says */
  CLS_ADVICE,        /* "should": reported after a speech verb, what one should do is an appeal */
  CLS_STATIVE,       /* "opposed to", "engaged in": after "is", the subject's state, no passive */
  CLS_SIDES,         /* "partes", "sides": after [both], the two actors named last themselves */
  CLS_HELD,          /* "presos", "hostages": people held, whom a release or an exchange frees */
  CLS_DISASTER,      /* "earthquake", "incendio": a subject that is no actor; its acts are none */
  CLS_MARKET,        /* "stocks", "precios": a subject that is no actor, as CLS_DISASTER */
  CLS_SPORT,         /* "World Cup", "goles": a sentence holding one reports a game */
  CLS_COUNT
};
/* Classes of verb lemmas, matched by stem. */
enum lex_lemma_class { LEMMA_SPEECH, LEMMA_DENY, LEMMA_LIGHT, LEMMA_ANNOUNCE, LEMMA_COUNT };

enum lex_kind { LK_ACTOR = 1, LK_AGENT = 2, LK_CLASS = 3 };

typedef struct lex_entry {
  uint8_t kind;     /* lex_kind */
  uint8_t langmask; /* bit i: language i; LEX_LANG_ANY */
  uint8_t adj;      /* an adjective or demonym */
  uint8_t cls;      /* for LK_CLASS */
  uint32_t id;      /* actor or agent index */
  uint32_t next;    /* next entry of the same phrase, 1-based; 0 ends */
  uint32_t cap;     /* actors: bit i, token i is written capitalised and must be so in the text
                     * ("the West" is not "the west of the country") */
  uint32_t text;    /* with checking on: string index of the phrase and its "file:line" */
  uint32_t upper;   /* bit i: token i is an acronym written in capitals; require capitals */
} lex_entry;

typedef struct lex_phrase {
  uint32_t first; /* first entry, 1-based; 0 when the phrase is only a prefix */
  uint8_t prefix; /* some longer phrase continues it */
  uint8_t gap;    /* and may do so after a few other words (written "prince ... dol amroth") */
  uint16_t ntok;
} lex_phrase;

typedef struct lex_code {
  uint32_t code; /* string index */
  int32_t from, to;
} lex_code;

/* CAT_PLACE: a `place CODE` block (data/actors/places.txt): a region or city that only says
 * where something happened; it is never an actor (match.c skips it) and locates role words. */
enum lex_category { CAT_OTHER, CAT_STATE, CAT_ORG, CAT_GROUP, CAT_PLACE };

typedef struct lex_actor {
  uint32_t name;  /* string index: the header's code or the person's display name */
  uint32_t first_code, ncodes;
  uint32_t former;      /* a person's code once out of office: the country of the office held
                         * last, with ELI ("ARGELI"); UINT32_MAX when none */
  int32_t former_after; /* the last day of that office */
  uint8_t person;
  uint8_t category; /* lex_category, from the file it comes from */
  uint8_t langs;    /* languages it has names in */
} lex_actor;

typedef struct lex_agent {
  uint32_t role; /* string index */
} lex_agent;

/* EL_COMPOUND ("%"): coordinated actors there are both source and target of each other.
 * EL_SKIP ("^"): an actor there is passed over, neither source nor target. */
enum lex_elem_type { EL_WORD, EL_TARGET, EL_SOURCE, EL_COMPOUND, EL_SKIP };
typedef struct lex_elem {
  uint8_t type;
  uint8_t adjacent; /* must directly follow the previous element */
  uint16_t nalt;
  uint32_t first_alt; /* into lexicon.alts */
  uint64_t first;     /* a 64-bit filter of its alternatives' first words (lex_first_bit), all
                       * bits set when one of them is a stem: a word that lacks its bit begins
                       * none of them */
} lex_elem;

/* The bit of a word hash in an element's filter of first words (other bits of the hash than
 * lex_filter_set's). */
static inline uint64_t lex_first_bit(uint64_t h) { return 1ULL << ((h >> 32) & 63); }

/* The alternatives of an element are stored in lexicon.alts, each as a count word followed by
 * the hashes of its words. The count word holds the number of words (bits 0-15), when the last
 * word is a stem that matches any word it begins ("resolution~"), the stem's length in bytes
 * (bits 16-23; 0 otherwise), and LEX_ALT_GAPPED. */
#define LEX_ALT_LEN(w) ((w) & 0xFFFFu)
#define LEX_ALT_STEM_LEN(w) ((uint32_t)(((w) >> 16) & 0xFFu))
/* Bit 24: other words may stand between the alternative's words ("{austrian...florin|yen}"). */
#define LEX_ALT_GAPPED (1ULL << 24)

#define LEX_NULL_CODE UINT32_MAX /* a pattern coded "---": it matches and blocks, codes nothing */

typedef struct lex_pattern {
  uint32_t cameo; /* index into cameo table, or LEX_NULL_CODE */
  uint8_t lang;
  uint16_t nelem;
  uint16_t nwords; /* words besides the head: the specificity used to rank matches */
  uint32_t first_elem;
  uint32_t next; /* next pattern with the same head, 1-based */
  uint32_t text; /* string index of the pattern as written */
  uint32_t filter;   /* index into gesta_dict.filters (shared by an alias's copies) */
  uint8_t reflexive; /* written "~head": the verb must carry a reflexive clitic ("se manifestaron") */
  uint64_t literal;  /* written "!head": the hash of the head's folded form, which the word must be
                      * (or it plus "s" / "es"), not any form of its stem; 0 otherwise */
  uint8_t literal_plain; /* that head is written without accents: an accented word is another
                          * word ("paro", not "paró") */
  uint8_t discard;   /* coded "###": the sentence it matches in is not coded (a null pattern too) */
  uint8_t npre;      /* the first npre elements stand before the head, in text order */
  uint8_t head_adjacent; /* the head directly follows the last element before it ("in_*restore") */
  uint32_t cameo2;   /* a paired code ("032:033"): also coded from the target back to the source,
                      * or LEX_NULL_CODE */
  uint32_t role_cameo; /* "190/LAB|EDU=143": the code when the source holds one of those roles,
                        * or LEX_NULL_CODE */
  uint32_t roles;      /* string index of those roles ("LAB|EDU"), 0 when none */
} lex_pattern;

/* The words a pattern's matches need, as filters: a sentence lacking one of them cannot match,
 * and the pattern is not tried there (see match.c). */
typedef struct lex_filter {
  uint64_t need[4];   /* a 256-bit filter of the words the pattern requires */
  uint64_t any[2][4]; /* filters of two choices ({a|b|c}): the sentence needs one word of each */
  uint8_t nany;
} lex_filter;

/* The bit of a word hash in a 256-bit word filter. */
static inline void lex_filter_set(uint64_t f[4], uint64_t h) {
  unsigned bit = (unsigned)(h >> 56);
  f[bit >> 6] |= 1ULL << (bit & 63);
}

/* lex_cameo.unnamed_source: never (a named source is needed), always (flag u: protests and the
 * threat of them, news whoever holds them), or only when a verb tells the event (flag v). */
enum { UNNAMED_NEVER, UNNAMED_ALWAYS, UNNAMED_VERB };

typedef struct lex_cameo {
  char code[8];
  char root[3];
  uint8_t quad;
  uint8_t mutual;
  uint8_t agentive; /* "noun de X": X acts (see data/cameo.txt) */
  uint8_t unnamed_source; /* UNNAMED_*: coded even when the text names no source (see
                           * data/cameo.txt, flags u and v) */
  uint8_t protest;  /* flag p: dissent, or the threat of it (the protest rules apply) */
  char intent[8]; /* the code of the intent to do it ("042" -> "036"), or "" */
  char refusal[8]; /* the code of refusing to do it ("07" -> "122"), or "" */
  char reverse[8]; /* the code its target is coded doing back to its source ("042" -> "043": the
                    * host of a visit; "046" -> "046": negotiations are reciprocal), or "" */
  double goldstein;
  uint32_t plover, plover_mode; /* string indexes, 0 when none */
  uint8_t foreign; /* a code outside the CAMEO table, used by a TABARI or PETRARCH dictionary: it
                    * has no QuadClass, Goldstein score or root of its own */
} lex_cameo;

typedef struct lex_lang {
  char name[8];
  char stemmer[24];
  uint8_t pro_drop;
  uint8_t participle_adjective; /* a participle right after an actor describes it */
  uint8_t reduced_relative;     /* a participle after a noun phrase inside a phrase, followed by a
                                 * preposition, reduces a passive relative clause */
  char future_endings[12][8];   /* lowercase, accented: "rá", "rán" (accents matter here) */
  uint8_t future_len[12];       /* their lengths in bytes */
  char future_folded[12][8];    /* the same with accents folded away ("ra", "ran"); empty for an
                                 * ending with no accent */
  uint8_t future_folded_len[12];
  int nfuture;
  int32_t letters[16]; /* code points typical of the language, for identification */
  int nletters;
} lex_lang;

/* A regular inflection rule: heads ending in `ending` take each of `suffixes` ("ar": "o|as|a..."). */
typedef struct lex_infl {
  uint8_t lang;
  uint32_t ending;   /* string index, folded */
  uint32_t suffixes; /* string index, folded, '|'-separated */
  uint8_t subjunctive; /* a rule of [subjunctive_endings]: the forms are present subjunctives */
} lex_infl;

enum { CODE_ALL, CODE_BY_CLAUSE, CODE_BY_SENTENCE };

/* Coding options a dictionary set brings (TABARI .options, PETRARCH config: dictionary-format.md). */
typedef struct lex_options {
  uint8_t require_dyad;   /* code only events with both a source and a target */
  uint8_t require_dyad_set; /* set by an option: foreign verbs leave it alone */
  uint8_t no_bare_agents; /* a role word with no actor is not an actor ("CONVERT AGENT = FALSE") */
  uint8_t convert_set;
  uint16_t min_words;     /* sentences with fewer words are not coded */
  uint8_t min_words_set;
  char default_source[32], default_target[32]; /* TABARI's DEFAULT: codes for missing actors */
  uint8_t default_target_after; /* "TARGET [X] AFTER": the default whenever no actor follows */
  uint8_t default_source_prior; /* "SOURCE [X] PRIOR": the default whenever no actor precedes;
                                 * without it, an actor after the verb is tried first */
  uint8_t forward;        /* TABARI's FORWARD: a pronoun starting a sentence stands for the actor
                           * of the sentence before */
  uint8_t discard_actors_shown; /* an actor coded "###" is coded as such (PETRARCH); otherwise
                                 * it keeps its sentence from being coded (TABARI, native) */
  uint8_t petrarch;       /* coding as PETRARCH does: every role word of a noun phrase composes
                           * with its first actor, role words inside longer ones too ("main
                           * opposition group": MOP, OPP), in the order they stand (match.c:
                           * role_code) */
  uint8_t first_actor;    /* TABARI's source search: the sentence's first actor before the verb */
  uint8_t code_by;        /* code_by: every verb (gesta's way), one verb per clause (clauses end
                           * at conjunctions: TABARI and PETRARCH), or one per sentence */
  uint8_t code_by_set;
  uint8_t comma_set;      /* an option set the ranges: foreign verbs leave them alone */
  uint8_t comma;          /* drop comma-delimited clauses whose length (words) lies in the ranges: */
  uint16_t comma_b[2], comma_m[2], comma_e[2]; /* (min, max] at the beginning, inside, at the end */
  uint16_t complex_verbs, complex_conj, complex_actors; /* TABARI's COMPLEX: so many or more
                           * verbs, conjunctions or actors make a sentence too complex to code
                           * (0: not checked) */
  uint8_t complex_noactprior, complex_noverb; /* no actor before the first verb; no verb */
  uint8_t literal;        /* verbs from another coder's dictionaries: their codes as written (no
                           * intent for the future) and verbs after "to" coded (match.c) */
} lex_options;

/* Whether coding follows gesta's own rules: none of the other coders' conventions is set. */
static inline int lex_own_rules(const lex_options *o) {
  return !o->literal && !o->petrarch && !o->first_actor;
}

struct gesta_dict {
  gbuf strings; /* NUL-terminated strings addressed by offset */
  hmap phrase_map; /* token-sequence hash -> phrase index */
  hmap stem_map;   /* word hash of a one-word stem ("kuwait~") -> its phrase index */
  size_t nstems;
  uint64_t class_last[CLS_COUNT][4]; /* per word class, the last bytes its words end with (a
                                      * filter: see lex_class_may_end) */
  uint64_t class_tails[16]; /* a 1024-bit filter of one-word class words by class, length and
                             * last two bytes (lex_tail_bit) */
  gvec phrases;    /* lex_phrase */
  gvec entries;    /* lex_entry */
  gvec actors;     /* lex_actor */
  gvec codes;      /* lex_code */
  gvec agents;     /* lex_agent */
  hmap head_map;   /* mix(lang, head stem hash) -> first pattern, 1-based */
  gvec patterns;   /* lex_pattern */
  gvec filters;    /* lex_filter */
  gvec elems;      /* lex_elem */
  gvec alts;       /* uint64_t word hashes */
  hmap irregular;  /* mix(lang, form hash) -> index into lemma_stems */
  hmap head_prefix; /* mix(lang, hash of a head written as a stem, "oppos~") -> index into
                     * lemma_stems of its head key: any word it begins is that head */
  size_t nhead_prefixes;
  gvec lemma_stems; /* uint64_t */
  hmap lemma_class; /* mix(mix(lang, class), stem hash) -> 1 */
  gvec infl;       /* lex_infl */
  hmap subjunctive; /* mix(lang, form hash) -> 1: a present subjunctive of a pattern head */
  hmap cameo_map;  /* hash of code -> index */
  gvec cameo;      /* lex_cameo */
  lex_lang langs[LEX_MAX_LANGS];
  int nlangs;
  size_t stats_actor_phrases[LEX_MAX_LANGS], stats_agent_phrases[LEX_MAX_LANGS];
  size_t stats_patterns[LEX_MAX_LANGS];
  uint64_t *covered; /* per language: bitmap over the CAMEO table of codes with a pattern */
  lex_options opts;
  size_t discards, story_discards; /* phrases of CLS_DISCARD and CLS_DISCARD_STORY */
  uint8_t class_langs[CLS_COUNT];  /* the languages (bits) that give each class words */
};

/* Whether some word of a class ends with byte c: a word that ends otherwise is none of the
 * class's words, nor is any of its endings one (the ending classes: participles, -ing...). */
static inline int lex_class_may_end(const gesta_dict *d, int cls, unsigned char c) {
  return (int)((d->class_last[cls][c >> 6] >> (c & 63)) & 1);
}

/* The bit of a folded word w (n bytes, n > 0) of a class in gesta_dict.class_tails. */
static inline unsigned lex_tail_bit(int cls, const char *w, size_t n) {
  uint64_t tail = (unsigned char)w[n - 1] | (n > 1 ? (uint64_t)(unsigned char)w[n - 2] << 8 : 0);
  return (unsigned)(gesta__hash_mix(((uint64_t)cls << 32) | n, tail) >> 54);
}

/* Whether some one-word member of a class has the length and the last two bytes of w: when
 * none has, w is not one (the ending tests try several lengths of a word's end). */
static inline int lex_class_may_be(const gesta_dict *d, int cls, const char *w, size_t n) {
  unsigned bit = lex_tail_bit(cls, w, n);
  return (int)((d->class_tails[bit >> 6] >> (bit & 63)) & 1);
}

#define LEX_STR(d, i) ((d)->strings.data + (i))

static inline uint64_t lex_lang_key(int lang, uint64_t h) {
  return gesta__hash_mix((uint64_t)(lang + 1) * 0x1234567ULL, h);
}

/* The language index of a name ("es"), or -1. */
int gesta__lex_lang(const gesta_dict *d, const char *name);
/* Whether an actor code starts with a country (three capitals, not IGO, NGO or IMG). */
static inline int gesta__country_code(const char *code) {
  /* Three capitals (a shorter code fails at its NUL, which is no letter). */
  for (int i = 0; i < 3; i++)
    if (code[i] < 'A' || code[i] > 'Z') return 0;
  return memcmp(code, "IGO", 3) != 0 && memcmp(code, "NGO", 3) != 0 && memcmp(code, "IMG", 3) != 0;
}
/* Looks a token-sequence hash up; returns the phrase or NULL. */
static inline const lex_phrase *gesta__lex_phrase(const gesta_dict *d, uint64_t seq_hash) {
  uint32_t idx;
  if (!gesta__hmap_get(&d->phrase_map, seq_hash, &idx)) return NULL;
  return &GVEC_AT(&d->phrases, lex_phrase, idx);
}
/* Whether a single word (by hash) belongs to a class in a language. */
int gesta__lex_word_in_class(const gesta_dict *d, uint64_t word_hash, int lang, int cls);
/* The code of an actor valid on a day (days since 1970), or NULL. */
const char *gesta__lex_actor_code(const gesta_dict *d, uint32_t actor, int32_t day);
/* The code of a person's latest office held with a role ("GOV": LBNGOV), or NULL. */
const char *gesta__lex_office_code(const gesta_dict *d, uint32_t actor, const char *role);
/* Whether tokens [a, b) hold a phrase of a language-independent class (discards). */
struct token;
int gesta__lex_has_class(const gesta_dict *d, const struct token *tok, uint32_t a, uint32_t b, int cls);
/* The countries of the longest place name starting at token i (before b) in a language: a
 * `place` block, or, when `states` is set, a country or capital of a states file, written with
 * the capitals its entry asks for; adjectives do not count. Fills codes with up to max distinct three-letter country
 * codes (a place name listed under several countries, "Córdoba", gives each), sets *end to the
 * token after the name, and returns how many codes; 0 when no place name starts there. */
size_t gesta__lex_place(const gesta_dict *d, const struct token *tok, uint32_t i, uint32_t b,
                        int lang, int32_t day, int states, const char **codes, size_t max,
                        uint32_t *end);
/* The CAMEO table entry for a code, or NULL. */
const lex_cameo *gesta__lex_cameo(const gesta_dict *d, const char *code);

#endif
