/*
 * Fuzz target: the native dictionary reader (docs/dictionary-format.md). The same bytes are read
 * as each kind of source in turn — actors, agents, verbs, a language file "xx.txt" and the CAMEO
 * table — next to a small fixed base of the other kinds (a CAMEO table and English and Spanish
 * language files, so that verb codes and languages resolve as they do for
 * `gesta code --verbs FILE`). The base is small on purpose: compiling the built-in language files
 * five times per input would cut the fuzzer's speed tenfold. gesta_dict_builder_build() must
 * either fail with a message or give a dictionary; a dictionary that builds must then code a short
 * fixed text without trouble. Everything is freed each time, so LeakSanitizer sees any leak on
 * either path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Two sentences that reach actors, agents, verbs and furniture in both built-in languages. */
static const char k_text[] =
    "El presidente de Francia visitó Madrid el lunes y firmó un acuerdo con España.\n"
    "Russia's army attacked Ukraine, the government said.\n"
    "Foto: EFE\n";

/* The base: written for the fuzzer in the native format, a few entries of every section kind. */
static const char k_cameo[] =
    "# CODE\tQUAD\tGOLDSTEIN\tFLAGS\tDESCRIPTION\n"
    "01\t1\t0.0\t-\tMake a public statement\n"
    "010\t1\t0.0\t-\tStatement\n"
    "020\t1\t3.0\t-\tAppeal\n"
    "036\t1\t4.0\t-\tExpress intent to meet\n"
    "0332\t1\t5.2\t-\tExpress intent to give military aid\n"
    "042\t1\t1.9\t>036\tMake a visit\n"
    "043\t1\t2.8\t-\tHost a visit\n"
    "057\t1\t8.0\tm\tSign formal agreement\n"
    "072\t2\t8.3\t>0332\tGive military aid\n"
    "0874\t2\t9.0\t-\tWithdraw troops\n"
    "111\t3\t-2.0\t-\tCriticize\n"
    "1384\t3\t-7.0\t-\tThreaten with military force\n"
    "190\t4\t-10.0\t>1384\tUse conventional military force\n";
static const char k_lang_en[] =
    "[stemmer]\nenglish\n"
    "[function_words]\nthe | of | and | to | in | a | said | on\n"
    "[abbreviations]\nMr. | Gen. | Jan.\n"
    "[negation]\nnot | n't | never\n"
    "[passive_aux]\nwas | were | has been\n[passive_by]\nby\n"
    "[participle_endings]\ned | en\n"
    "[coordination]\nand | ,\n[attribution]\naccording to\n"
    "[speech]\nsay | tell\n[deny]\ndeny\n[both]\nboth\n[link]\nof | 's\n"
    "[pronouns]\nhe | she | they\n[complement]\nto | with\n[noun_markers]\nthe | a\n"
    "[locative]\nin | near\n[time]\nmonday | tuesday\n[adverbs]\nalso\n"
    "[prepositions]\nof | for\n[infinitive_markers]\nto\n[nonfinite_endings]\ning\n"
    "[adjuncts]\nafter\n[future_auxiliaries]\nwill\n[object_relatives]\nwhom\n"
    "[furniture]\nphoto | video\n[byline]\nby\n"
    "[irregular]\nsay: said | says\ntell: told\n";
static const char k_lang_es[] =
    "[stemmer]\nspanish\n[options]\npro_drop yes\nparticiple_adjective yes\n"
    "[function_words]\nel | la | de | que | y | en | los | se | con\n"
    "[letters]\nñ | á | é | í | ó | ú\n"
    "[abbreviations]\nSr. | Sra. | EE.UU.\n"
    "[negation]\nno | nunca\n[passive_aux]\nfue | fueron\n[passive_by]\npor\n"
    "[participle_endings]\nado | ido | ada | ida\n"
    "[coordination]\ny | ,\n[attribution]\nsegún\n[speech]\ndecir | afirmar\n"
    "[deny]\nnegar\n[both]\nambos\n[link]\nde | del\n[pronouns]\nél | ella\n"
    "[complement]\na | con\n[noun_markers]\nel | la | un | una\n[locative]\nen\n"
    "[time]\nlunes | martes\n[adverbs]\ntambién\n[prepositions]\nde | para\n"
    "[infinitive_markers]\npara\n[adjuncts]\ntras\n[future_endings]\nrá | rán\n"
    "[future_auxiliaries]\nva a\n[object_relatives]\na los que\n"
    "[furniture]\nfoto | vídeo\n[byline]\npor\n"
    "[irregular]\ndecir: dijo | dijeron\n"
    "[inflections]\nar: o | as | a | ó | aron | ado | ará | arán\n";
static const char k_lang_common[] = "[agencies]\nEFE | AFP | Reuters\n";
static const char k_actors[] =
    "actor FRA\n  en France\n  es Francia\n  en.adj French\n  es.adj francés | francesa\n"
    "actor ESP\n  any Madrid\n  es España\n  en Spain\n"
    "actor RUS\n  en Russia\n  es Rusia\n  en.adj Russian\n  es.adj ruso | rusa\n"
    "actor UKR\n  en Ukraine\n  es Ucrania\n"
    "person Pedro Ejemplo\n  code ESPGOV 2018..\n  es Pedro Ejemplo\n";
static const char k_agents[] =
    "agent GOV\n  en government | president\n  es gobierno | presidente\n"
    "agent MIL\n  en army | troops\n  es ejército | tropas\n";
static const char k_verbs[] =
    "042\tes\tvisitar\n057\tes\tfirmar acuerdo\n190\ten\tattack\n010\ten\tsay\n"
    "043\tes\trecibir a +\n";

/* Returns how many events the fixed text gave. */
static size_t code_with(const gesta_dict *d) {
  gesta_dict_stats st;
  static const char *const langs[] = {"es", "en", "xx", ""};
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
    (void)gesta_dict_get_stats(d, langs[i], &st);
  return fuzz_code_text(d, "dict", k_text, sizeof k_text - 1);
}

static void build_as(gesta_dict_kind kind, const char *name, const char *text, size_t len) {
  gesta_dict_builder *b = NULL;
  FUZZ_CHECK(gesta_dict_builder_new(&b) == GESTA_OK);
  if (kind != GESTA_DICT_CAMEO)
    FUZZ_CHECK(gesta_dict_builder_add_text(b, GESTA_DICT_CAMEO, "base/cameo.txt", k_cameo,
                                           sizeof k_cameo - 1) == GESTA_OK);
  if (kind != GESTA_DICT_ACTORS)
    FUZZ_CHECK(gesta_dict_builder_add_text(b, GESTA_DICT_ACTORS, "base/actors.txt", k_actors,
                                           sizeof k_actors - 1) == GESTA_OK);
  if (kind != GESTA_DICT_AGENTS)
    FUZZ_CHECK(gesta_dict_builder_add_text(b, GESTA_DICT_AGENTS, "base/agents.txt", k_agents,
                                           sizeof k_agents - 1) == GESTA_OK);
  /* The base patterns need the base CAMEO table. */
  if (kind != GESTA_DICT_VERBS && kind != GESTA_DICT_CAMEO)
    FUZZ_CHECK(gesta_dict_builder_add_text(b, GESTA_DICT_VERBS, "base/verbs.txt", k_verbs,
                                           sizeof k_verbs - 1) == GESTA_OK);
  FUZZ_CHECK(gesta_dict_builder_add_text(b, GESTA_DICT_LANG, "base/lang/common.txt", k_lang_common,
                                         sizeof k_lang_common - 1) == GESTA_OK);
  FUZZ_CHECK(gesta_dict_builder_add_text(b, GESTA_DICT_LANG, "base/lang/en.txt", k_lang_en,
                                         sizeof k_lang_en - 1) == GESTA_OK);
  FUZZ_CHECK(gesta_dict_builder_add_text(b, GESTA_DICT_LANG, "base/lang/es.txt", k_lang_es,
                                         sizeof k_lang_es - 1) == GESTA_OK);
  FUZZ_CHECK(gesta_dict_builder_add_text(b, kind, name, text, len) == GESTA_OK);
  gesta_dict *d = (gesta_dict *)b; /* must be reset to NULL on failure */
  int rc = gesta_dict_builder_build(b, &d);
  const char *msg = gesta_dict_builder_errmsg(b);
  FUZZ_CHECK(msg != NULL);
  /* GESTA_FUZZ_VERBOSE=1 says what each reading gave, for checking that the seeds build. */
  static int verbose = -1;
  if (verbose < 0) verbose = getenv("GESTA_FUZZ_VERBOSE") != NULL;
  if (verbose && rc != GESTA_OK) fprintf(stderr, "  as %s: %s\n", name, msg);
  if (rc == GESTA_OK) {
    FUZZ_CHECK(d != NULL);
    size_t events = code_with(d);
    if (verbose) fprintf(stderr, "  as %s: built, %zu events\n", name, events);
    gesta_dict_free(d);
  } else {
    FUZZ_CHECK(rc < 0 && d == NULL);
    FUZZ_CHECK(msg[0] != 0 && strchr(msg, '\n') == NULL);
  }
  gesta_dict_builder_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  build_as(GESTA_DICT_ACTORS, "fuzz-actors.txt", text, size);
  build_as(GESTA_DICT_AGENTS, "fuzz-agents.txt", text, size);
  build_as(GESTA_DICT_VERBS, "fuzz-verbs.txt", text, size);
  build_as(GESTA_DICT_LANG, "xx.txt", text, size);
  build_as(GESTA_DICT_CAMEO, "fuzz-cameo.txt", text, size);
  return 0;
}
