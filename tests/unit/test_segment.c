/*
 * Unit tests for src/segment.c with the built-in dictionaries: paragraphs (lines, hard wraps
 * joined), page furniture trimmed from a paragraph, and sentences.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pipeline.h"
#include "unit_util.h"

static gesta_dict *g_dict;

static int group_setup(void **state) {
  (void)state;
  return (g_dict = unit_builtin_dict()) ? 0 : -1;
}

static int group_teardown(void **state) {
  (void)state;
  gesta_dict_free(g_dict);
  g_dict = NULL;
  return 0;
}

/* ---- paragraphs ------------------------------------------------------------------------------ */

/* Splits text into paragraphs and writes them as "line:text" joined by " || " into out. */
static void paragraphs(const char *text, uint32_t first_line, char *out, size_t cap) {
  gvec paras;
  gesta__vec_init(&paras, sizeof(paragraph));
  assert_int_equal(gesta__split_paragraphs(text, 0, strlen(text), first_line, &paras), 0);
  size_t at = 0;
  out[0] = 0;
  for (size_t i = 0; i < paras.len; i++) {
    const paragraph *p = &GVEC_AT(&paras, paragraph, i);
    assert_true(p->start < p->end);
    int n = snprintf(out + at, cap - at, "%s%u:%.*s", i ? " || " : "", p->line,
                     (int)(p->end - p->start), text + p->start);
    assert_true(n > 0 && (size_t)n < cap - at);
    at += (size_t)n;
  }
  gesta__vec_free(&paras);
}

static void paragraphs_split_on_lines(void **state) {
  (void)state;
  char out[512];
  paragraphs("Uno.\n\nDos.\nTres.", 1, out, sizeof out);
  assert_string_equal(out, "1:Uno. || 3:Dos. || 4:Tres.");
  /* Blanks and CRs around a line are trimmed; blank lines of spaces are blank. */
  paragraphs("  Hola mundo.  \r\n \t \r\n\tAdiós.\r\n", 1, out, sizeof out);
  assert_string_equal(out, "1:Hola mundo. || 3:Adiós.");
  /* A line starting uppercase is a new paragraph even after an open line. */
  paragraphs("El presidente dijo que\nMadrid no cederá.", 1, out, sizeof out);
  assert_string_equal(out, "1:El presidente dijo que || 2:Madrid no cederá.");
  /* Line numbers start where the caller says. */
  paragraphs("a\n\nb", 7, out, sizeof out);
  assert_string_equal(out, "7:a || 9:b");
  paragraphs("\n\n\n", 1, out, sizeof out);
  assert_string_equal(out, "");
}

static void paragraphs_join_hard_wraps(void **state) {
  (void)state;
  char out[512];
  paragraphs("El presidente dijo que\nla reunión fue un éxito.\nOtra línea.", 1, out, sizeof out);
  assert_string_equal(out, "1:El presidente dijo que\nla reunión fue un éxito. || 3:Otra línea.");
  /* After a comma, into an accented lowercase word, and over several lines. */
  paragraphs("Rusia, Francia,\nélites y\nmás países.", 1, out, sizeof out);
  assert_string_equal(out, "1:Rusia, Francia,\nélites y\nmás países.");
  /* A line that ends a sentence is not continued, even by a lowercase line. */
  paragraphs("Fin del texto.\nluego otro.", 1, out, sizeof out);
  assert_string_equal(out, "1:Fin del texto. || 2:luego otro.");
  /* A blank line always separates. */
  paragraphs("dijo que\n\nla reunión", 1, out, sizeof out);
  assert_string_equal(out, "1:dijo que || 3:la reunión");
}

static void paragraphs_in_a_range(void **state) {
  (void)state;
  static const char text[] = "TITLE\nuno\n\ndos";
  gvec paras;
  gesta__vec_init(&paras, sizeof(paragraph));
  assert_int_equal(gesta__split_paragraphs(text, 6, sizeof text - 1, 1, &paras), 0);
  assert_int_equal(paras.len, 2);
  assert_int_equal(GVEC_AT(&paras, paragraph, 0).start, 6);
  assert_int_equal(GVEC_AT(&paras, paragraph, 0).end, 9);
  assert_int_equal(GVEC_AT(&paras, paragraph, 0).line, 1);
  assert_int_equal(GVEC_AT(&paras, paragraph, 1).start, 11);
  assert_int_equal(GVEC_AT(&paras, paragraph, 1).end, 14);
  assert_int_equal(GVEC_AT(&paras, paragraph, 1).line, 3);
  gesta__vec_free(&paras);
}

/* ---- furniture and sentences ----------------------------------------------------------------- */

/* Tokenises one paragraph, trims furniture and splits sentences. Writes the sentences, each as
 * its source text, joined by " | " into out; returns what gesta__furniture returned. */
static int segment(const char *text, char *out, size_t cap) {
  arena a;
  gvec toks, sents;
  gesta__arena_init(&a, 4096);
  gesta__vec_init(&toks, sizeof(token));
  gesta__vec_init(&sents, sizeof(sentence));
  assert_int_equal(gesta__tokenize(text, 0, strlen(text), &a, &toks, unit_abbrev_cb, g_dict), 0);
  const token *tok = (const token *)toks.data;
  uint32_t ta = 0, tb = (uint32_t)toks.len;
  out[0] = 0;
  uint32_t dash;
  int kept = gesta__furniture(g_dict, text, tok, &ta, &tb, &dash);
  if (kept) {
    assert_true(ta < tb);
    assert_int_equal(gesta__split_sentences(g_dict, tok, ta, tb, &sents), 0);
    size_t at = 0;
    uint32_t expect_a = ta;
    for (size_t i = 0; i < sents.len; i++) {
      const sentence *se = &GVEC_AT(&sents, sentence, i);
      /* Sentences tile the kept range. */
      assert_int_equal(se->tok_a, expect_a);
      assert_true(se->tok_a < se->tok_b);
      expect_a = se->tok_b;
      uint32_t s = tok[se->tok_a].start, e = tok[se->tok_b - 1].end;
      int n = snprintf(out + at, cap - at, "%s%.*s", i ? " | " : "", (int)(e - s), text + s);
      assert_true(n > 0 && (size_t)n < cap - at);
      at += (size_t)n;
    }
    assert_int_equal(expect_a, tb);
  }
  gesta__vec_free(&sents);
  gesta__vec_free(&toks);
  gesta__arena_free(&a);
  return kept;
}

#define SEGMENTS(text, want)                                                                       \
  do {                                                                                             \
    char out_[1024];                                                                               \
    assert_int_equal(segment(text, out_, sizeof out_), 1);                                         \
    assert_string_equal(out_, want);                                                               \
  } while (0)

static void sentences_split_before_capitals(void **state) {
  (void)state;
  SEGMENTS("Rusia atacó Ucrania. El Gobierno respondió.",
           "Rusia atacó Ucrania. | El Gobierno respondió.");
  SEGMENTS("Russia attacked Ukraine. Kyiv responded! Why? Nobody knows.",
           "Russia attacked Ukraine. | Kyiv responded! | Why? | Nobody knows.");
  SEGMENTS("¿Vendrá? No lo sé. ¡Basta! Dijo.", "¿Vendrá? | No lo sé. | ¡Basta! | Dijo.");
  /* Lowercase after a period does not start a sentence. */
  SEGMENTS("Subió un 3. después bajó.", "Subió un 3. después bajó.");
  /* Numbers and opening quotes do. */
  SEGMENTS("Fue así. 20 muertos. «Basta», dijo.", "Fue así. | 20 muertos. | «Basta», dijo.");
  /* No final period: the rest is one sentence. */
  SEGMENTS("Rusia atacó Ucrania", "Rusia atacó Ucrania");
  SEGMENTS("Wait?! Yes.", "Wait?! | Yes.");
}

static void sentences_not_after_acronyms_or_initials(void **state) {
  (void)state;
  SEGMENTS("EE.UU. y Rusia firmaron. Luego no.", "EE.UU. y Rusia firmaron. | Luego no.");
  SEGMENTS("Lo anunció EE.UU. ayer.", "Lo anunció EE.UU. ayer.");
  SEGMENTS("La ONU y EE.UU. firmaron.", "La ONU y EE.UU. firmaron.");
  /* An acronym closing a sentence before a capitalised function word. */
  SEGMENTS("Moscow imposed sanctions on the U.S. The move angered Washington.",
           "Moscow imposed sanctions on the U.S. | The move angered Washington.");
  /* ... but not before a name. */
  SEGMENTS("Talks with the U.S. Treasury resumed.", "Talks with the U.S. Treasury resumed.");
  SEGMENTS("Habló con J. Smith ayer.", "Habló con J. Smith ayer.");
}

static void sentences_not_inside_decimals(void **state) {
  (void)state;
  SEGMENTS("La inflación fue de 3.5 puntos. Subió el 2,7 %. Hoy 1.000.000 votaron.",
           "La inflación fue de 3.5 puntos. | Subió el 2,7 %. | Hoy 1.000.000 votaron.");
  SEGMENTS("At 10:30 the talks began. They ended.", "At 10:30 the talks began. | They ended.");
}

static void closing_quotes_stay_with_the_sentence(void **state) {
  (void)state;
  SEGMENTS("Dijo: «Vamos a ganar.» Luego se fue.", "Dijo: «Vamos a ganar.» | Luego se fue.");
  SEGMENTS("He said: \"We will win.\" Then he left.", "He said: \"We will win.\" | Then he left.");
  SEGMENTS("Afirmó: “No cederemos.” Y se marchó.", "Afirmó: “No cederemos.” | Y se marchó.");
  SEGMENTS("(Véase el anexo.) El texto sigue.", "(Véase el anexo.) | El texto sigue.");
  /* A quote closing after the period, followed by lowercase: one sentence. */
  SEGMENTS("«Vamos.» dijo el presidente.", "«Vamos.» dijo el presidente.");
}

static void furniture_lines_dropped(void **state) {
  (void)state;
  static const char *const lines[] = {
      "Foto: EFE",
      "Vídeo: Así fue la cumbre 02:35",
      "Así fue la cumbre de la OTAN 02:35",
      "Por María López",
      "By Jane Doe",
      "By Jane Doe, Reuters",
      "EFE/Juan Pérez",
      "Getty Images",
      "(Reuters)",
      "Photo by John Smith / AFP",
      "Foto | Archivo",
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    char out[256];
    if (segment(lines[i], out, sizeof out) != 0)
      fail_msg("'%s' was kept as '%s'; it is furniture", lines[i], out);
  }
}

static void real_sentences_kept(void **state) {
  (void)state;
  /* Sentences that begin like furniture but are not. */
  SEGMENTS("Por la mañana, el Gobierno aprobó la ley.",
           "Por la mañana, el Gobierno aprobó la ley.");
  SEGMENTS("By the way, Russia attacked Ukraine.", "By the way, Russia attacked Ukraine.");
  SEGMENTS("Foto de familia de los líderes en la cumbre de la OTAN en Madrid hoy.",
           "Foto de familia de los líderes en la cumbre de la OTAN en Madrid hoy.");
  SEGMENTS("Juan Pérez y María López llegaron.", "Juan Pérez y María López llegaron.");
}

static void caption_credit_trimmed(void **state) {
  (void)state;
  SEGMENTS("Zelensky arrives in Brussels. (Photo by John Smith / AFP)",
           "Zelensky arrives in Brussels.");
  SEGMENTS("Zelenski llega a Bruselas. (Foto: EFE)", "Zelenski llega a Bruselas.");
  /* Credits glued after the last sentence. */
  SEGMENTS("Zelenski llegó a Bruselas. EFE/Juan Pérez", "Zelenski llegó a Bruselas.");
  /* A bracket that is no credit stays. */
  SEGMENTS("La OTAN (Organización del Tratado del Atlántico Norte) se reunió.",
           "La OTAN (Organización del Tratado del Atlántico Norte) se reunió.");
}

static void dateline_stripped(void **state) {
  (void)state;
  SEGMENTS("BRUSELAS, 3 mar (EFE) - La UE aprobó nuevas sanciones contra Rusia.",
           "La UE aprobó nuevas sanciones contra Rusia.");
  SEGMENTS("GENEVA, March 3 (Reuters) - The talks ended without a deal.",
           "The talks ended without a deal.");
  SEGMENTS("MADRID, 12 (EUROPA PRESS) – El Gobierno aprobó el decreto. Entra en vigor hoy.",
           "El Gobierno aprobó el decreto. | Entra en vigor hoy.");
  SEGMENTS("Medellín, 3 mar (EFE).- La Policía capturó a dos hombres.",
           "La Policía capturó a dos hombres.");
  SEGMENTS("Putin - dijo el portavoz - no viajará.", "Putin - dijo el portavoz - no viajará.");
  /* A capitalised first word with a dash later is no dateline by itself. */
  SEGMENTS("OTAN y Rusia - una relación difícil - se deteriora.",
           "OTAN y Rusia - una relación difícil - se deteriora.");
  /* A hyphen inside a word of a headline in capitals is no dateline's dash. */
  SEGMENTS("UNA HUELGA PARALIZA LA PRODUCCION DE MERCEDES-BENZ",
           "UNA HUELGA PARALIZA LA PRODUCCION DE MERCEDES-BENZ");
  SEGMENTS("BAGDAD, 3 mar (AFP) - EEUU-IRAK: nuevas conversaciones.",
           "EEUU-IRAK: nuevas conversaciones.");
}

/* The country of a paragraph's dateline, "" when it has none or its place names no one
 * country. */
static void dateline_country(const char *text, char *out, size_t cap) {
  arena a;
  gvec toks;
  gesta__arena_init(&a, 4096);
  gesta__vec_init(&toks, sizeof(token));
  assert_int_equal(gesta__tokenize(text, 0, strlen(text), &a, &toks, unit_abbrev_cb, g_dict), 0);
  const token *tok = (const token *)toks.data;
  uint32_t ta = 0, tb = (uint32_t)toks.len, dash;
  int32_t day;
  assert_int_equal(gesta__date_parse("2025-03-03", 10, &day), 0);
  out[0] = 0;
  if (gesta__furniture(g_dict, text, tok, &ta, &tb, &dash) && dash) {
    const char *c = gesta__dateline_country(g_dict, tok, 0, dash, day);
    snprintf(out, cap, "%.3s", c ? c : "");
  }
  gesta__vec_free(&toks);
  gesta__arena_free(&a);
}

#define DATELINE(text, want)                                                                     \
  do {                                                                                           \
    char got_[16];                                                                               \
    dateline_country(text, got_, sizeof got_);                                                   \
    assert_string_equal(got_, want);                                                             \
  } while (0)

static void dateline_places(void **state) {
  (void)state;
  DATELINE("QUITO (AFP) - La policía detuvo a 20 estudiantes.", "ECU");
  DATELINE("BUENOS AIRES, 29 ene (AFP) - Los jubilados marcharon.", "ARG");
  DATELINE("BOGOTÁ, 3 mar (EFE).- El Ejército capturó a un cabecilla.", "COL");
  DATELINE("WASHINGTON, March 3 (Reuters) - The Senate passed the bill.", "USA");
  DATELINE("Medellín, 3 mar (EFE).- La Policía capturó a dos hombres.", "COL");
  DATELINE("PORT-AU-PRINCE, Oct 2 (AP) - Gangs killed 30 people.", "HTI");
  DATELINE("LA PAZ, 29 ene (AFP) - Los mineros marcharon.", "BOL");
  DATELINE("MEXICO CITY (AP) - Teachers went on strike.", "MEX");
  /* No dateline, or a place of several countries or of none. */
  DATELINE("La policía detuvo a 20 estudiantes en Quito.", "");
  DATELINE("CÓRDOBA, 3 mar (EFE).- Los agricultores cortaron la ruta.", "");
  DATELINE("UNITED NATIONS (Reuters) - The council met.", "");
}

/* The [abbreviations] of data/lang/LANG.txt keep their period (they were once stored as two
 * tokens, "sr" ".", which the tokeniser never found, so every one ended a sentence). */
static void sentences_not_after_listed_abbreviations(void **state) {
  (void)state;
  SEGMENTS("El Sr. Pérez llegó. Luego habló.", "El Sr. Pérez llegó. | Luego habló.");
  SEGMENTS("El Dr. García y el Gen. Ruiz llegaron a Madrid.",
           "El Dr. García y el Gen. Ruiz llegaron a Madrid.");
  SEGMENTS("Mr. Smith met Gen. Jones. They talked.", "Mr. Smith met Gen. Jones. | They talked.");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(paragraphs_split_on_lines),
      cmocka_unit_test(paragraphs_join_hard_wraps),
      cmocka_unit_test(paragraphs_in_a_range),
      cmocka_unit_test(sentences_split_before_capitals),
      cmocka_unit_test(sentences_not_after_acronyms_or_initials),
      cmocka_unit_test(sentences_not_after_listed_abbreviations),
      cmocka_unit_test(sentences_not_inside_decimals),
      cmocka_unit_test(closing_quotes_stay_with_the_sentence),
      cmocka_unit_test(furniture_lines_dropped),
      cmocka_unit_test(real_sentences_kept),
      cmocka_unit_test(caption_credit_trimmed),
      cmocka_unit_test(dateline_stripped),
      cmocka_unit_test(dateline_places),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
