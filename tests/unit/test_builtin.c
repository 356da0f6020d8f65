/*
 * The built-in dictionaries: samples of every kind of entry, in both languages, must be
 * recognised with the right code in running text (through the tagging API), and the coverage
 * counts of `gesta dict stats` must hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <gesta/gesta.h>

#include "unit_util.h"

static gesta_dict *g_dict;

typedef struct sample {
  const char *date;
  const char *text;   /* a sentence */
  const char *phrase; /* the words to find, as written in the text */
  const char *code;   /* the code they must have */
} sample;

typedef struct found {
  const sample *want;
  int ok;
  char got[160];
} found;

static void on_tag(const gesta_tag *t, void *user) {
  found *f = user;
  size_t n = t->span.end - t->span.start;
  if (strcmp(t->kind, "verb") == 0) return;
  if (n == strlen(f->want->phrase) && memcmp(t->sentence + t->span.start, f->want->phrase, n) == 0) {
    if (strcmp(t->code, f->want->code) == 0) f->ok = 1;
    snprintf(f->got, sizeof f->got, "%s", t->code);
  }
}

static void check(const sample *s, size_t n) {
  gesta_coder *c;
  assert_int_equal(gesta_coder_new(&c, g_dict, NULL), 0);
  int failures = 0;
  for (size_t i = 0; i < n; i++) {
    found f = {&s[i], 0, "(not found)"};
    gesta_coder_set_tag_cb(c, on_tag, &f);
    gesta_document doc = {0};
    doc.id = "sample";
    doc.text = s[i].text;
    doc.text_len = strlen(s[i].text);
    doc.date = s[i].date;
    assert_int_equal(gesta_coder_code(c, &doc, NULL, NULL), 0);
    if (!f.ok) {
      print_error("'%s' in \"%s\": want %s, got %s\n", s[i].phrase, s[i].text, s[i].code, f.got);
      failures++;
    }
  }
  gesta_coder_free(c);
  assert_int_equal(failures, 0);
}

static void states(void **state) {
  (void)state;
  static const sample s[] = {
      {"2024-01-10", "Rusia atacó Ucrania.", "Rusia", "RUS"},
      {"2024-01-10", "Russia attacked Ukraine.", "Ukraine", "UKR"},
      {"2024-01-10", "EE.UU. criticó a Irán.", "EE.UU.", "USA"},
      {"2024-01-10", "The U.S. criticized Iran.", "U.S.", "USA"},
      {"2024-01-10", "Corea del Sur criticó a Corea del Norte.", "Corea del Norte", "PRK"},
      {"2024-01-10", "South Korea criticized North Korea.", "South Korea", "KOR"},
      {"2024-01-10", "Los sudaneses protestaron.", "sudaneses", "SDN"},
      {"2024-01-10", "Una ciudadana sudanesa fue detenida.", "ciudadana sudanesa", "SDNCVL"},
      {"2024-01-10", "Sudanese troops attacked the town.", "Sudanese troops", "SDNMIL"},
      {"2024-01-10", "Moscú rechazó la propuesta.", "Moscú", "RUS"},
      {"2024-01-10", "Kyiv rejected the proposal.", "Kyiv", "UKR"},
      {"2024-01-10", "El Kremlin negó el ataque.", "Kremlin", "RUSGOV"},
      {"2024-01-10", "Downing Street denied the report.", "Downing Street", "GBRGOV"},
      {"2024-01-10", "El Palacio de Miraflores respondió.", "Palacio de Miraflores", "VENGOV"},
  };
  check(s, sizeof s / sizeof s[0]);
}

static void organisations_and_groups(void **state) {
  (void)state;
  static const sample s[] = {
      {"2024-01-10", "La ONU pidió una tregua.", "ONU", "IGOUNO"},
      {"2024-01-10", "The UN called for a truce.", "UN", "IGOUNO"},
      {"2024-01-10", "La OTAN condenó el ataque.", "OTAN", "IGOWSTNAT"},
      {"2024-01-10", "NATO condemned the attack.", "NATO", "IGOWSTNAT"},
      {"2024-01-10", "La Unión Europea impuso sanciones.", "Unión Europea", "IGOEUREEC"},
      {"2024-01-10", "The European Union imposed sanctions.", "European Union", "IGOEUREEC"},
      {"2024-01-10", "Occidente criticó a Rusia.", "Occidente", "WST"},
      {"2024-01-10", "Hamás atacó Israel.", "Hamás", "PSEGOVHMS"},
      {"2024-01-10", "Hezbollah fired rockets.", "Hezbollah", "LBNREBHEZ"},
      {"2024-01-10", "Los talibanes detuvieron a dos periodistas.", "talibanes", "AFGGOVTAL"},
      {"2020-01-10", "The Taliban attacked a checkpoint.", "Taliban", "AFGINSTAL"},
  };
  check(s, sizeof s / sizeof s[0]);
}

static void people_by_date(void **state) {
  (void)state;
  static const sample s[] = {
      {"2024-01-10", "Putin visitó China.", "Putin", "RUSGOV"},
      {"2024-01-10", "Lula criticó a Israel.", "Lula", "BRAGOV"},
      {"2022-06-01", "Joe Biden visited Poland.", "Joe Biden", "USAGOV"},
      {"2025-03-01", "Donald Trump met Zelensky.", "Donald Trump", "USAGOV"},
      {"2024-01-10", "António Guterres pidió calma.", "António Guterres", "IGOUNO"},
      {"2024-01-10", "Pedro Sánchez llegó a Rabat. Sánchez se reunió con el rey.", "Sánchez",
       "ESPGOV"},
  };
  check(s, sizeof s / sizeof s[0]);
}

static void agents(void **state) {
  (void)state;
  static const sample s[] = {
      {"2024-01-10", "El ejército sudanés atacó la ciudad.", "ejército sudanés", "SDNMIL"},
      {"2024-01-10", "La policía colombiana detuvo a tres hombres.", "policía colombiana", "COLCOP"},
      {"2024-01-10", "Japan's foreign minister visited Seoul.", "Japan's foreign minister", "JPNGOV"},
      {"2024-01-10", "El gobierno de Colombia protestó.", "gobierno de Colombia", "COLGOV"},
      {"2024-01-10", "The government of Sudan protested.", "government of Sudan", "SDNGOV"},
      {"2024-01-10", "Los servicios de inteligencia iraníes negaron el ataque.",
       "servicios de inteligencia iraníes", "IRNSPY"},
      {"2024-01-10", "Argentine prosecutors charged him.", "Argentine prosecutors", "ARGJUD"},
      {"2024-01-10", "El Parlamento húngaro aprobó la ley.", "Parlamento húngaro", "HUNLEG"},
  };
  check(s, sizeof s / sizeof s[0]);
}

static void coverage(void **state) {
  (void)state;
  static const char *const langs[] = {"es", "en"};
  for (int i = 0; i < 2; i++) {
    gesta_dict_stats st;
    assert_int_equal(gesta_dict_get_stats(g_dict, langs[i], &st), 0);
    /* Every UN member and observer, and the former states. */
    assert_true(st.states >= 195);
    assert_true(st.organisations >= 150);
    assert_true(st.agent_phrases >= 150);
    assert_true(st.people >= 800);
    /* Every code below the 20 roots has a pattern. */
    assert_true(st.cameo_codes_covered >= st.cameo_codes - 20);
  }
}

static int count_event(const gesta_event *ev, void *user) {
  (void)ev;
  (*(size_t *)user)++;
  return 0;
}

/* A disaster is no one's act, even where events whose source the text does not name are coded:
 * "struck" read as a noun after "An earthquake", a threat by an outbreak, an earthquake as a
 * passive's agent, a disaster noun a pattern reads as an act ("storm +", "incendio"). */
static void disasters_code_nothing_sourceless(void **state) {
  (void)state;
  gesta_coder_options o;
  gesta_coder_options_default(&o);
  o.sourceless = 1;
  gesta_coder *c;
  assert_int_equal(gesta_coder_new(&c, g_dict, &o), 0);
  const char *texts[][2] = {{"en", "An earthquake struck Morocco."},
                            {"en", "The outbreak threatened farmers in Kenya."},
                            {"en", "Peru was struck by a powerful earthquake."},
                            {"en", "Storms attacked the coast of Mexico."},
                            {"en", "A powerful storm battered the coast of Chile."},
                            {"es", "Un incendio forestal arrasó 3.000 hectáreas en Chile."}};
  int failures = 0;
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    gesta_document doc = {0};
    doc.id = "disaster";
    doc.text = texts[i][1];
    doc.text_len = strlen(texts[i][1]);
    doc.lang = texts[i][0];
    size_t n = 0;
    assert_int_equal(gesta_coder_code(c, &doc, count_event, &n), 0);
    if (n) {
      print_error("\"%s\": %zu events, want none\n", texts[i][1], n);
      failures++;
    }
  }
  gesta_coder_free(c);
  assert_int_equal(failures, 0);
}

int main(void) {
  if (!(g_dict = unit_builtin_dict())) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(states),          cmocka_unit_test(organisations_and_groups),
      cmocka_unit_test(people_by_date),  cmocka_unit_test(agents),
      cmocka_unit_test(coverage),        cmocka_unit_test(disasters_code_nothing_sourceless),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  gesta_dict_free(g_dict);
  return rc;
}
