/*
 * CLI tests: run the built `gesta` binary and check exit statuses, the JSON lines on stdout and
 * the messages on stderr against the CLI contract (usage, input formats, per-document failures,
 * the summary line). Each test runs in its own scratch directory.
 *
 * The coding tests load a two-line verb dictionary of their own (--verbs verbs.txt, written by
 * cli_fresh_coding_dir) instead of the built-in verbs, which change as they grow: these tests are
 * about the CLI, not about coding accuracy (that is tests/golden and tests/cli/test_examples.c).
 *
 * Usage: test_cli GESTA SRCDIR                      the tests that must pass
 *        test_cli GESTA SRCDIR --known-bug NAME     the regression test of one fixed CLI bug
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <gesta/gesta.h>

#include "cli_util.h"

static const char k_es[] = CLI_SENT_ES;
static const char k_en[] = CLI_SENT_EN;

/* Checks a usage error: status 2, nothing on stdout, and a stderr line containing needle. */
static void expect_usage_error(cli_result *r, const char *needle) {
  cli_expect_status(r, 2);
  cli_expect_no_output(r);
  cli_expect_err_line(r, "gesta: ", needle);
}

/* ---- other dictionary formats ---------------------------------------------------------------- */

/* A TABARI dictionary set written here: two states, a role word and a verb with a pattern. */
static void write_tabari_set(const char *actors_extra) {
  char actors[512];
  snprintf(actors, sizeof actors, "ARNOR_ [ARN]\nGONDOR [GON]\n%s", actors_extra);
  cli_write_str("t.actors", actors);
  cli_write_str("t.agents", "AMBASSADOR_ [~GOV]\n");
  cli_write_str("t.verbs", "DENOUNCE [111]\n- * STRONGLY [112]\n");
  cli_write_str("t.options", "SET: MINIMUM WORDS = 1\n");
  cli_write_str("t.project", "test project\n<actorsfile> t.actors\n<verbsfile> t.verbs\n"
                             "<agentsfile> t.agents\n<optionsfile> t.options\n");
  cli_write_str("a.txt", "Arnor's ambassador denounced Gondor strongly.\n");
}

static void test_dict_format_tabari_project(void **state) {
  (void)state;
  cli_fresh_dir();
  write_tabari_set("");
  cli_result r;
  CLI_RUN(&r, "code", "--dict-format", "tabari", "--project", "t.project", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  json_t *e = cli_event_at(&r, 0);
  assert_string_equal(json_string_value(json_object_get(e, "source")), "ARNGOV");
  assert_string_equal(json_string_value(json_object_get(e, "target")), "GON");
  assert_string_equal(json_string_value(json_object_get(e, "code")), "112");
  cli_result_free(&r);
  /* The same files one by one, with the option given on the command line. */
  CLI_RUN(&r, "code", "--dict-format", "tabari", "--actors", "t.actors", "--agents", "t.agents",
          "--verbs", "t.verbs", "--dict-option", "SET: MINIMUM WORDS = 1", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_result_free(&r);
  /* Without it, TABARI's minimum of 8 words keeps the sentence from being coded. */
  CLI_RUN(&r, "code", "--dict-format", "tabari", "--actors", "t.actors", "--verbs", "t.verbs",
          "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 0);
  cli_result_free(&r);
}

static void test_dict_format_warnings(void **state) {
  (void)state;
  cli_fresh_dir();
  write_tabari_set("ROHAN [ROH\n");
  cli_result r;
  /* A defect is repaired or skipped, with a warning naming the file, line and column. */
  CLI_RUN(&r, "code", "--dict-format", "tabari", "--project", "t.project", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_err_line(&r, "gesta: dictionary warning: ", "t.actors:3:");
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_result_free(&r);
  /* --strict-dict makes it fail the load. */
  CLI_RUN(&r, "code", "--dict-format", "tabari", "--project", "t.project", "--strict-dict",
          "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_no_output(&r);
  cli_expect_err_line(&r, "gesta: ", "--strict-dict");
  cli_result_free(&r);
}

static void test_dict_format_usage(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_result r;
  CLI_RUN(&r, "code", "--dict-format", "kedsy", "a.txt");
  expect_usage_error(&r, "--dict-format");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--project", "x.project", "a.txt");
  expect_usage_error(&r, "--dict-format tabari");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--discards", "d.txt", "a.txt");
  expect_usage_error(&r, "--dict-format");
  cli_result_free(&r);
  /* A missing dictionary file: named, and the load fails. */
  CLI_RUN(&r, "code", "--dict-format", "petrarch", "--verbs", "nothere.txt", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_err_line(&r, "gesta: cannot load dictionaries: ", "nothere.txt");
  cli_result_free(&r);
}

/* ---- usage -------------------------------------------------------------------------------- */

static void test_version(void **state) {
  (void)state;
  cli_fresh_dir();
  static const char *const cmds[] = {"version", "--version"};
  for (size_t i = 0; i < 2; i++) {
    cli_result r;
    CLI_RUN(&r, cmds[i]);
    cli_expect_status(&r, 0);
    assert_string_equal(r.out, "gesta " GESTA_VERSION "\n");
    assert_int_equal(r.err_len, 0);
    cli_result_free(&r);
  }
}

static void test_help(void **state) {
  (void)state;
  cli_fresh_dir();
  cli_result r;
  CLI_RUN(&r, "help");
  cli_expect_status(&r, 0);
  assert_non_null(strstr(r.out, "usage: gesta code"));
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--help");
  cli_expect_status(&r, 0);
  assert_non_null(strstr(r.out, "--max-doc-bytes"));
  cli_result_free(&r);
}

static void test_no_args(void **state) {
  (void)state;
  cli_fresh_dir();
  cli_result r;
  static const char *const none[] = {NULL};
  cli_run(&r, NULL, 0, NULL, none);
  cli_expect_status(&r, 2);
  cli_expect_no_output(&r);
  assert_non_null(strstr(r.err, "usage:"));
  cli_result_free(&r);
}

static void test_unknown_command(void **state) {
  (void)state;
  cli_fresh_dir();
  cli_result r;
  CLI_RUN(&r, "frobnicate", "x.txt");
  expect_usage_error(&r, "unknown command 'frobnicate'");
  cli_result_free(&r);
}

static void test_unknown_option(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--frob", "a.txt");
  expect_usage_error(&r, "unknown option '--frob'");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "a.txt", "-x");
  expect_usage_error(&r, "unknown option '-x'");
  cli_result_free(&r);
}

static void test_date_bad_value(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  static const char *const bad[] = {"2025-02-29", "2025-13-01", "2025-3-3",  "03/03/2025",
                                    "yesterday",  "",           "2025-03-03x", "20250303"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    cli_result r;
    CLI_RUN(&r, "code", "--date", bad[i], "a.txt");
    if (r.status != 2) print_error("--date '%s' was accepted\n", bad[i]);
    expect_usage_error(&r, "--date");
    cli_result_free(&r);
  }
  cli_result r;
  CLI_RUN(&r, "code", "a.txt", "--date");
  expect_usage_error(&r, "--date needs a value");
  cli_result_free(&r);
}

static void test_date_leap_day(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--date", "2024-02-29", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(cli_event_at(&r, 0), "a.txt", 0, "2024-02-29", "es", "RUS", "UKR", "190", NULL,
                   NULL, NULL);
  cli_result_free(&r);
}

static void test_input_bad_value(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--input", "xml", "a.txt");
  expect_usage_error(&r, "--input must be text or jsonl");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--input", "JSONL", "a.txt");
  expect_usage_error(&r, "--input");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "a.txt", "--input");
  expect_usage_error(&r, "--input needs a value");
  cli_result_free(&r);
}

static void test_missing_file_arg(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_result r;
  CLI_RUN(&r, "code");
  expect_usage_error(&r, "FILE");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--date", "2025-03-03", "--input", "jsonl");
  expect_usage_error(&r, "FILE");
  cli_result_free(&r);
}

static void test_id_with_two_files(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_write_str("b.txt", k_en);
  cli_result r;
  CLI_RUN(&r, "code", "--id", "x", "a.txt", "b.txt");
  expect_usage_error(&r, "--id");
  cli_result_free(&r);
  /* JSON lines carry their own ids. */
  CLI_RUN(&r, "code", "--input", "jsonl", "--id", "x", "a.txt");
  expect_usage_error(&r, "--id");
  cli_result_free(&r);
}

static void test_other_bad_values(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--lang", "fr", "a.txt");
  expect_usage_error(&r, "--lang");
  cli_result_free(&r);
  static const char *const bad[] = {"0", "-5", "10x", "", "abc"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    CLI_RUN(&r, "code", "--max-doc-bytes", bad[i], "a.txt");
    if (r.status != 2) print_error("--max-doc-bytes '%s' was accepted\n", bad[i]);
    expect_usage_error(&r, "--max-doc-bytes");
    cli_result_free(&r);
  }
}

/* ---- plain-text documents ------------------------------------------------------------------ */

static void test_code_es(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("nota.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--date", "2025-03-03", "--id", "nota-1", "nota.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  assert_int_equal(cli_err_line_count(&r), 1);
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "nota-1", 0, "2025-03-03", "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  assert_string_equal(json_string_value(json_object_get(ev, "sentence")), "Rusia atacó Ucrania.");
  assert_string_equal(json_string_value(json_object_get(ev, "root")), "19");
  assert_int_equal(json_integer_value(json_object_get(ev, "quad_class")), 4);
  assert_true(json_number_value(json_object_get(ev, "goldstein")) == -10.0);
  cli_result_free(&r);
}

static void test_code_en(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("news.txt", k_en);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--date", "2025-03-03", "--id", "news-1", "news.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "news-1", 0, "2025-03-03", "en", "RUS", "UKR", "190", "Russia", "Ukraine",
                   "attacked");
  assert_string_equal(json_string_value(json_object_get(ev, "sentence")),
                      "Russia attacked Ukraine.");
  cli_result_free(&r);
}

/* Spans are byte offsets into the sentence: multi-byte characters before the actors, several
 * sentences and paragraphs, quotes and a tab that must be escaped in JSON. */
static void test_spans_multibyte(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("multi.txt", "Según el diario «El País», Rusia atacó Ucrania el martes.\n"
                             "Después, el ejército ruso atacó Ucrania otra vez.\n"
                             "\n"
                             "Ayer Rusia atacó a \"Ucrania\"\tde nuevo.\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--date", "2025-03-03", "multi.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 3);
  cli_expect_event(cli_event_at(&r, 0), "multi.txt", 0, "2025-03-03", "es", "RUS", "UKR", "190",
                   "Rusia", "Ucrania", "atacó");
  cli_expect_event(cli_event_at(&r, 1), "multi.txt", 1, "2025-03-03", "es", "RUSMIL", "UKR", "190",
                   NULL, "Ucrania", "atacó");
  json_t *ev = cli_event_at(&r, 2);
  cli_expect_event(ev, "multi.txt", 2, "2025-03-03", "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  assert_string_equal(json_string_value(json_object_get(ev, "sentence")),
                      "Ayer Rusia atacó a \"Ucrania\"\tde nuevo.");
  cli_result_free(&r);
}

static void test_default_id_is_file_name(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("uno.txt", k_es);
  cli_write_str("dos.txt", k_en);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--date", "2025-03-03", "uno.txt", "dos.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 2, 2, 0, 2);
  cli_expect_event(cli_event_at(&r, 0), "uno.txt", 0, "2025-03-03", "es", "RUS", "UKR", "190", NULL,
                   NULL, NULL);
  cli_expect_event(cli_event_at(&r, 1), "dos.txt", 0, "2025-03-03", "en", "RUS", "UKR", "190", NULL,
                   NULL, NULL);
  cli_result_free(&r);
}

static void test_stdin(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_result r;
  static const char *const args[] = {"code", "--verbs", "verbs.txt", "--date", "2025-03-03", "-",
                                     NULL};
  cli_run(&r, k_es, strlen(k_es), NULL, args);
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(cli_event_at(&r, 0), "stdin", 0, "2025-03-03", "es", "RUS", "UKR", "190", "Rusia",
                   "Ucrania", "atacó");
  cli_result_free(&r);
}

static void test_no_date_is_null(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_en);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "a.txt", 0, NULL, "en", "RUS", "UKR", "190", NULL, NULL, NULL);
  /* Present and null, not missing. */
  assert_true(json_is_null(json_object_get(ev, "date")));
  assert_non_null(strstr(r.out, "\"date\":null"));
  cli_result_free(&r);
}

static void test_double_dash(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("-x.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--", "-x.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(cli_event_at(&r, 0), "-x.txt", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
}

static void test_json_escaping(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--id", "dí \"x\" \\ y", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(cli_event_at(&r, 0), "dí \"x\" \\ y", 0, NULL, "es", "RUS", "UKR", "190", NULL,
                   NULL, NULL);
  cli_result_free(&r);
}

/* A sentence with an actor but no second one: target "" with an empty target_text. */
static void test_no_target(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("actors.txt", "actor RUS\n  es Rusia\n  en Russia\n");
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--actors", "actors.txt", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "a.txt", 0, NULL, "es", "RUS", "", "190", "Rusia", "", "atacó");
  cli_result_free(&r);
}

/* --country gives role words the text does not place the country documents report from; a
 * JSON document's "country" and a dateline in the text win over it, and a bad code is refused
 * (the option as a usage error, the field as the document's error). */
static void test_country(void **state) {
  (void)state;
  cli_fresh_dir();
  cli_write_str("c.txt", "Paramilitares secuestraron a un campesino.\n");
  cli_write_str("c.jsonl",
                "{\"id\": \"a\", \"text\": \"Paramilitares secuestraron a un campesino.\"}\n"
                "{\"id\": \"b\", \"country\": \"PER\", \"text\": \"Paramilitares secuestraron a un "
                "campesino.\"}\n"
                "{\"id\": \"c\", \"text\": \"QUITO (AFP) - Paramilitares secuestraron a un "
                "campesino.\"}\n"
                "{\"id\": \"d\", \"country\": \"Peru\", \"text\": \"x\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--date", "2024-05-01", "c.txt");
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(cli_event_at(&r, 0), "c.txt", 0, "2024-05-01", "es", "UAF", "AGR", "181",
                   "Paramilitares", "campesino", "secuestraron");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--country", "COL", "--date", "2024-05-01", "c.txt");
  cli_expect_status(&r, 0);
  cli_expect_event(cli_event_at(&r, 0), "c.txt", 0, "2024-05-01", "es", "COLUAF", "COLAGR", "181",
                   "Paramilitares", "campesino", "secuestraron");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--country", "COL", "--input", "jsonl", "c.jsonl");
  cli_expect_status(&r, 1); /* a document failed */
  cli_expect_summary(&r, 4, 3, 1, 3);
  assert_string_equal(json_string_value(json_object_get(cli_event_at(&r, 0), "source")),
                      "COLUAF");
  assert_string_equal(json_string_value(json_object_get(cli_event_at(&r, 1), "source")),
                      "PERUAF");
  assert_string_equal(json_string_value(json_object_get(cli_event_at(&r, 2), "source")),
                      "ECUUAF");
  cli_expect_err_line(&r, "gesta: c.jsonl:4: document d: ", "field \"country\"");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--country", "Colombia", "c.txt");
  expect_usage_error(&r, "--country must be a CAMEO country code");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--country", "IGO", "c.txt");
  expect_usage_error(&r, "--country must be a CAMEO country code");
  cli_result_free(&r);
}

/* --sourceless codes, with the built-in dictionaries, events whose source the text does not name:
 * source "" and source_span null; a place after "en" is no target; without the flag such
 * sentences give nothing. */
static void test_sourceless(void **state) {
  (void)state;
  cli_fresh_dir();
  cli_write_str("s.txt", "Rusia atacó Ucrania. La huelga de transportistas durará dos días.\n"
                         "El periodista fue asesinado en Lima.\n");
  cli_result r;
  /* Without the option only a protest (data/cameo.txt, flag u) is coded with no source named. */
  CLI_RUN(&r, "code", "--date", "2024-05-01", "s.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 2);
  cli_expect_event(cli_event_at(&r, 0), "s.txt", 0, "2024-05-01", "es", "RUS", "UKR", "190",
                   "Rusia", "Ucrania", "atacó");
  cli_expect_event(cli_event_at(&r, 1), "s.txt", 1, "2024-05-01", "es", "", "", "143", "", "",
                   "huelga de transportistas");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--sourceless", "--date", "2024-05-01", "s.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 3);
  cli_expect_event(cli_event_at(&r, 0), "s.txt", 0, "2024-05-01", "es", "RUS", "UKR", "190",
                   "Rusia", "Ucrania", "atacó");
  json_t *ev = cli_event_at(&r, 1);
  cli_expect_event(ev, "s.txt", 1, "2024-05-01", "es", "", "", "143", "", "",
                   "huelga de transportistas");
  assert_true(json_is_null(json_object_get(ev, "source_span")));
  ev = cli_event_at(&r, 2);
  /* A journalist killed in Lima is of Peru (docs/coding-rules.md, places). */
  cli_expect_event(ev, "s.txt", 2, "2024-05-01", "es", "", "PERMED", "190", "", "periodista",
                   "asesinado");
  assert_true(json_is_null(json_object_get(ev, "source_span")));
  cli_result_free(&r);
}

/* ---- JSON lines ---------------------------------------------------------------------------- */

static void test_jsonl_mixed(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("docs.jsonl",
                /* 1 */ "{\"id\":\"a\",\"date\":\"2025-03-03\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                /* 2 */ "{\"id\": \"b\", \"date\": \"2025-03-03\", \"text\": \n"
                /* 3 */ "{\"id\":\"c\",\"date\":\"2025-03-03\"}\n"
                /* 4 */ "{\"id\":42,\"date\":\"2025-03-04\","
                "\"text\":\"Russia attacked Ukraine.\"}\n"
                /* 5 */ "\n"
                /* 6 */ "  \t \n"
                /* 7 */ "{\"id\":\"e\",\"date\":\"2025-13-01\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                /* 8 */ "{\"id\":\"f\",\"title\":\"Rusia atacó Ucrania\","
                "\"text\":\"Russia attacked Ukraine.\"}\r\n"
                /* 9 */ "{\"id\":\"g\",\"date\":\"2025-03-05\",\"lang\":\"es\",\"text\":\"\","
                "\"url\":\"https://example.org/g\",\"source\":\"Agencia\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "docs.jsonl");
  cli_expect_status(&r, 1);
  /* Lines 5 and 6 are blank: not documents. Lines 2, 3 and 7 fail. */
  cli_expect_summary(&r, 7, 4, 3, 4);
  cli_expect_err_line(&r, "gesta: docs.jsonl:2:", "JSON");
  cli_expect_err_line(&r, "gesta: docs.jsonl:3:", "\"text\"");
  cli_expect_err_line(&r, "gesta: docs.jsonl:7:", "date");
  assert_false(cli_err_has_line(&r, "gesta: docs.jsonl:5:", NULL));
  assert_false(cli_err_has_line(&r, "gesta: docs.jsonl:6:", NULL));
  /* Line 9 has an empty text: coded, with a warning. */
  cli_expect_err_line(&r, "gesta: warning: docs.jsonl:9: document g: ", "empty document");
  /* One line per failure, the warning, then the summary. */
  assert_int_equal(cli_err_line_count(&r), 5);

  cli_expect_event(cli_event_at(&r, 0), "a", 0, "2025-03-03", "es", "RUS", "UKR", "190", "Rusia",
                   "Ucrania", "atacó");
  cli_expect_event(cli_event_at(&r, 1), "42", 0, "2025-03-04", "en", "RUS", "UKR", "190", "Russia",
                   "Ukraine", "attacked");
  /* The title is sentence 0 and the text follows it. */
  cli_expect_event(cli_event_at(&r, 2), "f", 0, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  cli_expect_event(cli_event_at(&r, 3), "f", 1, NULL, "en", "RUS", "UKR", "190", "Russia", "Ukraine",
                   "attacked");
  cli_result_free(&r);
}

static void test_jsonl_stdin(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  static const char in[] =
      "{\"id\":\"s1\",\"date\":\"2025-03-03\",\"text\":\"Rusia atacó Ucrania.\"}\n"
      "{bad\n";
  static const char *const args[] = {"code", "--verbs", "verbs.txt", "--input", "jsonl", "-", NULL};
  cli_result r;
  cli_run(&r, in, strlen(in), NULL, args);
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  cli_expect_err_line(&r, "gesta: ", ":2: ");
  cli_expect_event(cli_event_at(&r, 0), "s1", 0, "2025-03-03", "es", "RUS", "UKR", "190", NULL, NULL,
                   NULL);
  cli_result_free(&r);
}

static void test_jsonl_more_bad_lines(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("bad.jsonl", "[\"not an object\"]\n"
                             "{\"id\":\"\",\"text\":\"x\"}\n"
                             "{\"id\":true,\"text\":\"x\"}\n"
                             "{\"text\":\"x\"}\n"
                             "{\"id\":\"t\",\"text\":5}\n"
                             "{\"id\":\"d\",\"text\":\"x\"} trailing\n"
                             "{\"id\":\"ok\",\"text\":\"Rusia atacó Ucrania.\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "bad.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 7, 1, 6, 1);
  for (int line = 1; line <= 6; line++) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "gesta: bad.jsonl:%d: ", line);
    cli_expect_err_line(&r, prefix, NULL);
  }
  cli_expect_err_line(&r, "gesta: bad.jsonl:4: ", "\"id\"");
  cli_expect_event(cli_event_at(&r, 0), "ok", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
}

static void test_jsonl_empty_file(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("empty.jsonl", "");
  cli_write_str("blank.jsonl", "\n\r\n   \n\t\r\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "empty.jsonl", "blank.jsonl");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 0, 0, 0, 0);
  cli_expect_no_output(&r);
  cli_result_free(&r);
}

/* ---- failures that do not stop the run ----------------------------------------------------- */

static void test_missing_file_and_directory(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("one.txt", k_es);
  cli_write_str("two.txt", k_en);
  cli_mkdir("adir");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "one.txt", "nosuch.txt", "adir", "two.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 4, 2, 2, 2);
  cli_expect_err_line(&r, "gesta: nosuch.txt", NULL);
  cli_expect_err_line(&r, "gesta: adir", "directory");
  assert_int_equal(cli_err_line_count(&r), 3);
  cli_expect_event(cli_event_at(&r, 0), "one.txt", 0, NULL, "es", "RUS", "UKR", "190", "Rusia",
                   "Ucrania", "atacó");
  cli_expect_event(cli_event_at(&r, 1), "two.txt", 0, NULL, "en", "RUS", "UKR", "190", "Russia",
                   "Ukraine", "attacked");
  cli_result_free(&r);
}

static void test_missing_file_and_directory_jsonl(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("one.jsonl", "{\"id\":\"one\",\"text\":\"Rusia atacó Ucrania.\"}\n");
  cli_write_str("two.jsonl", "{\"id\":\"two\",\"text\":\"Russia attacked Ukraine.\"}\n");
  cli_mkdir("adir");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "one.jsonl", "nosuch.jsonl", "adir",
      "two.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 4, 2, 2, 2);
  cli_expect_err_line(&r, "gesta: nosuch.jsonl", NULL);
  cli_expect_err_line(&r, "gesta: adir", "directory");
  cli_expect_event(cli_event_at(&r, 0), "one", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_expect_event(cli_event_at(&r, 1), "two", 0, NULL, "en", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
}

static void test_max_doc_bytes(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("long.txt", "Rusia atacó Ucrania. Rusia atacó Ucrania.\n");
  cli_write_str("ten.txt", "Rusia hoy."); /* exactly 10 bytes: at the limit, accepted */
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--max-doc-bytes", "10", "long.txt", "ten.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 0);
  cli_expect_err_line(&r, "gesta: long.txt", "too large");
  assert_int_equal(cli_err_line_count(&r), 2);
  cli_result_free(&r);
}

static void test_max_doc_bytes_jsonl(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("docs.jsonl",
                "{\"id\":\"long\",\"text\":\"Rusia atacó Ucrania. Rusia atacó Ucrania.\"}\n"
                "{\"id\":\"ten\",\"text\":\"Rusia hoy.\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "--max-doc-bytes", "10",
      "docs.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 0);
  cli_expect_err_line(&r, "gesta: docs.jsonl:1:", "too large");
  cli_result_free(&r);
}

/* The default limit is 16 MiB: one byte more fails, the run goes on. */
static void test_max_doc_bytes_default(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  size_t n = ((size_t)16 << 20) + 1;
  char *big = malloc(n);
  assert_non_null(big);
  memset(big, 'a', n);
  cli_write("huge.txt", big, n);
  free(big);
  cli_write_str("small.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "huge.txt", "small.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  cli_expect_err_line(&r, "gesta: huge.txt", "too large");
  cli_expect_event(cli_event_at(&r, 0), "small.txt", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL,
                   NULL);
  cli_result_free(&r);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  static const char text[] = "Ayer \xff\xfe Rusia atacó Ucrania. Hoy \0 nada \xc3 más.\n";
  cli_write("bad.txt", text, sizeof text - 1);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--date", "2025-03-03", "bad.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_err_line(&r, "gesta: warning: bad.txt", "UTF-8");
  json_t *ev = cli_event_at(&r, 0); /* jansson has checked that the line is valid UTF-8 */
  cli_expect_event(ev, "bad.txt", 0, "2025-03-03", "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  /* The bad bytes are replaced by U+FFFD and the spans index the replaced sentence. */
  assert_non_null(strstr(json_string_value(json_object_get(ev, "sentence")), "\xef\xbf\xbd"));
  cli_result_free(&r);
}

static void test_empty_file(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("empty.txt", "");
  cli_write_str("blank.txt", "\n \n\t\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "empty.txt", "blank.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 2, 2, 0, 0);
  cli_expect_no_output(&r);
  /* Coded (there is nothing wrong to report), but an empty document is worth a warning. */
  assert_true(cli_err_has_exact_line(
      &r, "gesta: warning: empty.txt: document empty.txt: empty document: no text to code"));
  assert_true(cli_err_has_exact_line(
      &r, "gesta: warning: blank.txt: document blank.txt: empty document: no text to code"));
  assert_int_equal(cli_err_line_count(&r), 3);
  cli_result_free(&r);
}

/* Warnings and failures come before the summary, which is the last line whatever happened. */
static void test_summary_last(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  static const char bad[] = "Rusia atacó Ucrania. \xff\n";
  cli_write("bad.txt", bad, sizeof bad - 1);
  cli_write_str("ok.txt", k_en);
  cli_write_str("docs.jsonl", "{\"id\":\"a\",\"text\":\"Rusia atacó Ucrania.\"}\n{oops}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "nosuch.txt", "bad.txt", "ok.txt", "nosuch2.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 4, 2, 2, 2);
  cli_expect_err_line(&r, "gesta: warning: bad.txt", NULL);
  cli_expect_err_line(&r, "gesta: nosuch2.txt", NULL);
  cli_result_free(&r);

  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "docs.jsonl", "nosuch.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 3, 1, 2, 1);
  cli_result_free(&r);

  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "ok.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_result_free(&r);
}

/* Writing the events fails: a fatal error. */
static void test_stdout_write_error(void **state) {
  (void)state;
  if (access("/dev/full", W_OK) != 0) skip();
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  static const char *const args[] = {"code", "--verbs", "verbs.txt", "a.txt", NULL};
  cli_result r;
  cli_run(&r, NULL, 0, "/dev/full", args);
  cli_expect_status(&r, 2);
  cli_expect_err_line(&r, "gesta: ", "stdout");
  cli_result_free(&r);
}

/* ---- dictionaries -------------------------------------------------------------------------- */

static void test_actors_broken(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_write_str("bad_actors.txt", "actor RUS\n  es Rusia\nthis is not a record\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--actors", "bad_actors.txt", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_no_output(&r);
  cli_expect_err_line(&r, "gesta: ", "bad_actors.txt:3");
  cli_expect_summary(&r, 0, 0, 0, 0);
  cli_result_free(&r);
}

static void test_actors_missing(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--actors", "nosuch_actors.txt", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_no_output(&r);
  cli_expect_err_line(&r, "gesta: ", "nosuch_actors.txt");
  cli_result_free(&r);
}

/* -j N: the same events in the same order as -j 1, and the same counts, with failures and
 * invalid UTF-8 among the documents, over several batches. */
static void test_jobs_same_output(void **state) {
  (void)state;
  enum { NDOCS = 1500 }; /* more than a batch holds (512 documents) */
  cli_fresh_coding_dir();
  char *buf = NULL;
  size_t blen = 0;
  FILE *f = open_memstream(&buf, &blen);
  assert_non_null(f);
  for (int i = 0; i < NDOCS; i++) {
    if (i % 37 == 5)
      fprintf(f, "{\"id\":\"bad%d\",\"text\":7}\n", i);
    else if (i % 2)
      fprintf(f, "{\"id\":\"d%d\",\"text\":\"Rusia atac\xc3\xb3 Ucrania. Francia y "
                 "Alemania condenaron a Rusia %d veces.\"}\n", i, i);
    else
      fprintf(f, "{\"id\":\"d%d\",\"text\":\"Russia attacked Ukraine \xff on day %d.\"}\n", i,
              i);
  }
  fclose(f);
  cli_write("many.jsonl", buf, blen);
  free(buf);
  cli_result one, three;
  CLI_RUN(&one, "code", "--verbs", "verbs.txt", "--input", "jsonl", "-j", "1", "many.jsonl");
  CLI_RUN(&three, "code", "--verbs", "verbs.txt", "--input", "jsonl", "-j", "3", "many.jsonl");
  cli_expect_status(&one, 1);
  cli_expect_status(&three, 1);
  size_t bad = 0;
  for (int i = 0; i < NDOCS; i++) bad += i % 37 == 5;
  cli_expect_summary(&one, NDOCS, NDOCS - bad, bad, NDOCS - bad);
  cli_expect_summary(&three, NDOCS, NDOCS - bad, bad, NDOCS - bad);
  assert_int_equal(one.out_len, three.out_len);
  assert_memory_equal(one.out, three.out, one.out_len);
  cli_result_free(&one);
  cli_result_free(&three);
  CLI_RUN(&one, "code", "-j", "0", "many.jsonl");
  cli_expect_status(&one, 2);
  cli_result_free(&one);
}

/* Reads a whole file of directory dir; the caller frees it. */
static char *slurp(const char *dir, const char *name, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char *data = NULL;
  size_t cap = 0, n = 0, k;
  do {
    if (n == cap) {
      cap = cap ? cap * 2 : 4096;
      data = realloc(data, cap);
      assert_non_null(data);
    }
    k = fread(data + n, 1, cap - n, f);
    n += k;
  } while (k > 0);
  fclose(f);
  *len = n;
  return data;
}

/* Runs gesta code with -j 1 and with -j JOBS, the same other arguments (a NULL-terminated list
 * of at most 16) and an --errors file, and asserts that everything it writes is the same: the
 * exit status, stdout, stderr (every message, in the same order) and the --errors file. */
static void expect_same_with_jobs(const char *dir, const char *jobs, const char *const *args) {
  cli_result res[2];
  char *rec[2];
  size_t rec_len[2];
  for (int k = 0; k < 2; k++) {
    const char *argv[24];
    size_t n = 0;
    argv[n++] = "code";
    argv[n++] = "-j";
    argv[n++] = k ? jobs : "1";
    argv[n++] = "--errors";
    argv[n++] = k ? "e2.jsonl" : "e1.jsonl";
    for (size_t i = 0; args[i]; i++) argv[n++] = args[i];
    argv[n] = NULL;
    cli_run(&res[k], NULL, 0, NULL, argv);
    rec[k] = slurp(dir, k ? "e2.jsonl" : "e1.jsonl", &rec_len[k]);
  }
  assert_int_equal(res[0].status, res[1].status);
  assert_int_equal(res[0].out_len, res[1].out_len);
  assert_memory_equal(res[0].out, res[1].out, res[0].out_len);
  if (res[0].err_len != res[1].err_len || memcmp(res[0].err, res[1].err, res[0].err_len)) {
    cli_dump(&res[0]);
    cli_dump(&res[1]);
    fail_msg("stderr differs between -j 1 and -j %s", jobs);
  }
  assert_int_equal(rec_len[0], rec_len[1]);
  assert_memory_equal(rec[0], rec[1], rec_len[0]);
  for (int k = 0; k < 2; k++) {
    free(rec[k]);
    cli_result_free(&res[k]);
  }
}

/* -j N: every message in the same order as -j 1 (warnings, failures found while reading and
 * while coding, the --errors file, the summary), for JSON lines and plain text, with --strict,
 * over many batches. */
static void test_jobs_same_messages(void **state) {
  (void)state;
  const char *dir = cli_fresh_coding_dir();
  char *data = NULL;
  size_t dlen = 0;
  FILE *f = open_memstream(&data, &dlen);
  assert_non_null(f);
  fputs("\xEF\xBB\xBF", f); /* a byte-order mark */
  for (int i = 0; i < 3000; i++) {
    const char *end = i % 7 == 0 ? "\r\n" : i % 11 == 0 ? "\r" : "\n";
    switch (i % 23) {
    case 3: fprintf(f, "{broken%s", end); break;
    case 5: fprintf(f, "{\"id\":\"x%d\"}%s", i, end); break;
    case 7: fprintf(f, "{\"id\":\"d%d\",\"text\":\"a\",\"date\":\"yesterday\"}%s", i, end); break;
    case 9: fprintf(f, "{\"id\":\"dup\",\"text\":\"Russia attacked Ukraine.\"}%s", end); break;
    case 11: fprintf(f, "{\"id\":\"e%d\",\"text\":\"  \"}%s", i, end); break;
    case 13: fprintf(f, " \t%s", end); break;
    case 15: fprintf(f, "{\"id\":%d,\"text\":\"Rusia atac\\u00f3 Ucrania.\",\"x\":[1]}%s", i, end);
      break;
    case 17:
      fprintf(f, "{\"id\":\"long%d\",\"text\":\"", i);
      for (int k = 0; k < 300; k++) fputs("Rusia atac\xc3\xb3 Ucrania. ", f);
      fprintf(f, "\"}%s", end);
      break;
    case 19: fprintf(f, "{\"id\":\"n%d\",\"text\":\"a\\u0000b Rusia atac\xc3\xb3 Ucrania.\"}%s", i, end);
      break;
    case 21: fprintf(f, "{\"id\":\"u%d\",\"text\":\"Russia \xff attacked Ukraine.\"}%s", i, end); break;
    default:
      fprintf(f, "{\"id\":\"d%d\",\"text\":\"Rusia atac\xc3\xb3 Ucrania el d\xc3\xad" "a %d. "
                 "Russia attacked Ukraine.\"}%s", i, i, end);
    }
  }
  fputs("{\"id\":\"last\",\"text\":\"Russia attacked Ukraine.\"}", f); /* no line end */
  fclose(f);
  cli_write("many.jsonl", data, dlen);
  free(data);
  cli_mkdir("adir");
  cli_write_str("adir/a.txt", CLI_SENT_ES);
  cli_write_str("b.txt", "Rusia\xff atac\xc3\xb3 Ucrania.\n");
  cli_write_str("empty.txt", "");
  cli_write_str("a.txt", CLI_SENT_EN);
  const char *const jsonl[] = {"--verbs", "verbs.txt", "--input", "jsonl", "--max-doc-bytes",
                               "2000", "many.jsonl", "nosuch.jsonl", "adir", "many.jsonl", NULL};
  expect_same_with_jobs(dir, "2", jsonl);
  expect_same_with_jobs(dir, "3", jsonl);
  /* A document over 4 MB is coded by the reading thread, between the batches. */
  f = open_memstream(&data, &dlen);
  assert_non_null(f);
  for (int i = 0; i < 600; i++) {
    if (i == 250 || i == 251 || i == 400) {
      fprintf(f, "{\"id\":\"large%d\",\"text\":\"", i);
      for (int k = 0; k < 200000; k++) fputs("Rusia atac\xc3\xb3 Ucrania.\\n", f);
      fputs("\"}\n", f);
    } else {
      fprintf(f, "{\"id\":\"s%d\",\"text\":\"Russia attacked Ukraine \xff on day %d.\"}\n", i, i);
    }
  }
  fclose(f);
  cli_write("large.jsonl", data, dlen);
  free(data);
  const char *const large[] = {"--verbs", "verbs.txt", "--input", "jsonl", "large.jsonl", NULL};
  expect_same_with_jobs(dir, "2", large);
  const char *const strict[] = {"--verbs", "verbs.txt", "--input", "jsonl", "--strict",
                                "many.jsonl", NULL};
  expect_same_with_jobs(dir, "2", strict);
  const char *const text[] = {"--verbs", "verbs.txt", "--max-doc-bytes", "30", "a.txt",
                              "adir/a.txt", "b.txt", "empty.txt", "nosuch.txt", "adir",
                              "many.jsonl", "a.txt", NULL};
  expect_same_with_jobs(dir, "2", text);
  const char *const text_strict[] = {"--verbs", "verbs.txt", "--strict", "a.txt", "b.txt",
                                     "nosuch.txt", "a.txt", NULL};
  expect_same_with_jobs(dir, "2", text_strict);
}

/* -j N on a slow pipe: what was read is coded and reported while gesta waits for more (a line
 * may be cut between two chunks); the output is still that of -j 1. */
static void test_jobs_slow_pipe(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  const char *const chunks[] = {
      "{\"id\":\"a\",\"text\":\"Rusia atac\xc3\xb3 Ucrania.\"}\n{\"id\":\"b\",\"te",
      "xt\":\"Russia attacked Ukraine.\"}\n{broken\n",
      "{\"id\":\"a\",\"text\":\"  \"}\n{\"id\":\"c\",\"text\":\"Russia attacked Ukraine.\"}"};
  cli_result one, two;
  const char *const args1[] = {"code", "--verbs", "verbs.txt", "--input", "jsonl", "-j", "1",
                               "-", NULL};
  const char *const args2[] = {"code", "--verbs", "verbs.txt", "--input", "jsonl", "-j", "2",
                               "-", NULL};
  cli_run_fed(&one, chunks, 3, 100, 0, args1);
  cli_run_fed(&two, chunks, 3, 100, 0, args2);
  cli_expect_status(&one, 1);
  cli_expect_summary(&one, 5, 4, 1, 3);
  cli_expect_status(&two, 1);
  assert_int_equal(one.out_len, two.out_len);
  assert_memory_equal(one.out, two.out, one.out_len);
  assert_int_equal(one.err_len, two.err_len);
  assert_memory_equal(one.err, two.err, one.err_len);
  cli_result_free(&one);
  cli_result_free(&two);
}

static void test_verbs_unknown_code(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_write_str("badverbs.txt", "190 es atacar\n999 es comer\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "badverbs.txt", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_no_output(&r);
  cli_expect_err_line(&r, "gesta: ", "badverbs.txt:2");
  cli_result_free(&r);
}

/* ---- known bugs (each is a disabled ctest in CMakeLists.txt) ------------------------------- */

/* Output must be JSON, and JSON is UTF-8: a document id made of a file name (or --id) with
 * invalid UTF-8 must not reach stdout as raw bytes. */
static void test_bug_doc_id_invalid_utf8(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("n\xffme.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "n\xffme.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1); /* parses stdout with jansson */
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--id", "a\xff", "n\xffme.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_result_free(&r);
}

/* "Invalid UTF-8 is a warning (document still coded)" also for a JSON-lines document. */
static void test_bug_jsonl_invalid_utf8(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("docs.jsonl", "{\"id\":\"u\",\"text\":\"Ayer \xff Rusia atacó Ucrania.\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "docs.jsonl");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_err_line(&r, "gesta: warning: docs.jsonl:1", "UTF-8");
  cli_result_free(&r);
}

/* "The last line on stderr is always the summary": also after a usage error of `gesta code`. */
static void test_bug_usage_error_summary(void **state) {
  (void)state;
  cli_fresh_coding_dir();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--frob", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_summary(&r, 0, 0, 0, 0);
  cli_result_free(&r);
}

int main(int argc, char **argv) {
  if (argc != 3 && !(argc == 5 && strcmp(argv[3], "--known-bug") == 0)) {
    fprintf(stderr, "usage: test_cli GESTA SRCDIR [--known-bug NAME]\n");
    return 2;
  }
  cli_set_binary(argv[1]);
  if (argc == 5) {
    static const struct CMUnitTest bugs[] = {
        cmocka_unit_test_teardown(test_bug_doc_id_invalid_utf8, cli_test_teardown),
        cmocka_unit_test_teardown(test_bug_jsonl_invalid_utf8, cli_test_teardown),
        cmocka_unit_test_teardown(test_bug_usage_error_summary, cli_test_teardown),
    };
    for (size_t i = 0; i < sizeof bugs / sizeof bugs[0]; i++) {
      if (strcmp(bugs[i].name + strlen("test_bug_"), argv[4]) != 0) continue;
      const struct CMUnitTest one[1] = {bugs[i]};
      return cmocka_run_group_tests_name("cli_known_bug", one, cli_root_setup, cli_root_teardown);
    }
    fprintf(stderr, "test_cli: no known-bug test named '%s'\n", argv[4]);
    return 2;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_version, cli_test_teardown),
      cmocka_unit_test_teardown(test_help, cli_test_teardown),
      cmocka_unit_test_teardown(test_no_args, cli_test_teardown),
      cmocka_unit_test_teardown(test_unknown_command, cli_test_teardown),
      cmocka_unit_test_teardown(test_unknown_option, cli_test_teardown),
      cmocka_unit_test_teardown(test_date_bad_value, cli_test_teardown),
      cmocka_unit_test_teardown(test_date_leap_day, cli_test_teardown),
      cmocka_unit_test_teardown(test_input_bad_value, cli_test_teardown),
      cmocka_unit_test_teardown(test_dict_format_tabari_project, cli_test_teardown),
      cmocka_unit_test_teardown(test_dict_format_warnings, cli_test_teardown),
      cmocka_unit_test_teardown(test_dict_format_usage, cli_test_teardown),
      cmocka_unit_test_teardown(test_missing_file_arg, cli_test_teardown),
      cmocka_unit_test_teardown(test_id_with_two_files, cli_test_teardown),
      cmocka_unit_test_teardown(test_other_bad_values, cli_test_teardown),
      cmocka_unit_test_teardown(test_code_es, cli_test_teardown),
      cmocka_unit_test_teardown(test_code_en, cli_test_teardown),
      cmocka_unit_test_teardown(test_spans_multibyte, cli_test_teardown),
      cmocka_unit_test_teardown(test_default_id_is_file_name, cli_test_teardown),
      cmocka_unit_test_teardown(test_stdin, cli_test_teardown),
      cmocka_unit_test_teardown(test_no_date_is_null, cli_test_teardown),
      cmocka_unit_test_teardown(test_double_dash, cli_test_teardown),
      cmocka_unit_test_teardown(test_json_escaping, cli_test_teardown),
      cmocka_unit_test_teardown(test_no_target, cli_test_teardown),
      cmocka_unit_test_teardown(test_sourceless, cli_test_teardown),
      cmocka_unit_test_teardown(test_country, cli_test_teardown),
      cmocka_unit_test_teardown(test_jsonl_mixed, cli_test_teardown),
      cmocka_unit_test_teardown(test_jsonl_stdin, cli_test_teardown),
      cmocka_unit_test_teardown(test_jsonl_more_bad_lines, cli_test_teardown),
      cmocka_unit_test_teardown(test_jsonl_empty_file, cli_test_teardown),
      cmocka_unit_test_teardown(test_missing_file_and_directory, cli_test_teardown),
      cmocka_unit_test_teardown(test_missing_file_and_directory_jsonl, cli_test_teardown),
      cmocka_unit_test_teardown(test_max_doc_bytes, cli_test_teardown),
      cmocka_unit_test_teardown(test_max_doc_bytes_jsonl, cli_test_teardown),
      cmocka_unit_test_teardown(test_max_doc_bytes_default, cli_test_teardown),
      cmocka_unit_test_teardown(test_invalid_utf8, cli_test_teardown),
      cmocka_unit_test_teardown(test_empty_file, cli_test_teardown),
      cmocka_unit_test_teardown(test_summary_last, cli_test_teardown),
      cmocka_unit_test_teardown(test_stdout_write_error, cli_test_teardown),
      cmocka_unit_test_teardown(test_actors_broken, cli_test_teardown),
      cmocka_unit_test_teardown(test_actors_missing, cli_test_teardown),
      cmocka_unit_test_teardown(test_verbs_unknown_code, cli_test_teardown),
      cmocka_unit_test_teardown(test_jobs_same_output, cli_test_teardown),
      cmocka_unit_test_teardown(test_jobs_same_messages, cli_test_teardown),
      cmocka_unit_test_teardown(test_jobs_slow_pipe, cli_test_teardown),
  };
  return cmocka_run_group_tests_name("cli", tests, cli_root_setup, cli_root_teardown);
}
