/*
 * CLI tests on bad input: every way a document or a run can go wrong must give one clear line
 * naming the file and line (and the document id when it is known), a line in the --errors file
 * for each failed document, and a summary that reconciles (read = coded + failed). Also --strict,
 * the limits (a 100 MB document refused without reading it, a sentence of 100,000 tokens), a
 * closed stdout, and the progress line that only a terminal gets.
 *
 * Like test_cli.c, the coding tests use a two-line verb dictionary of their own.
 *
 * Usage: test_bad_input GESTA SRCDIR                   the tests that must pass
 *        test_bad_input GESTA SRCDIR --known-bug NAME  one known bug (a disabled ctest test)
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <gesta/gesta.h>

#include "cli_util.h"

static const char k_es[] = CLI_SENT_ES;
static const char k_en[] = CLI_SENT_EN;

static char g_test_dir[PATH_MAX];

/* A fresh directory holding verbs.txt (cli_fresh_coding_dir), remembered in g_test_dir. */
static void fresh(void) {
  snprintf(g_test_dir, sizeof g_test_dir, "%s", cli_fresh_coding_dir());
}

static void expect_exact_line(cli_result *r, const char *line) {
  if (!cli_err_has_exact_line(r, line)) {
    cli_dump(r);
    fail_msg("no stderr line is exactly \"%s\"", line);
  }
}

static const char *sentence_of(const json_t *ev) {
  return json_string_value(json_object_get(ev, "sentence"));
}

/* ---- the --errors file -------------------------------------------------------------------- */

/* The records of the --errors file, as a JSON array (freed by the teardown). */
static json_t *g_records;

static int records_teardown(void **state) {
  json_decref(g_records);
  g_records = NULL;
  return cli_test_teardown(state);
}

/* Reads the --errors file NAME of the current test directory and checks it against the run:
 * exactly one record per failed document (the summary's F), each with exactly the fields file,
 * line (a positive integer or null), id (a string or null) and reason, and each matching the
 * run's stderr line "gesta: FILE[:LINE]: [document ID: ]REASON" exactly. Also checks that stderr
 * has no other failure line. Returns the records. */
static json_t *check_errors_file(cli_result *r, const char *name, size_t failed) {
  char path[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/%s", g_test_dir, name);
  FILE *f = fopen(path, "r");
  if (!f) fail_msg("the --errors file %s was not written", name);
  json_decref(g_records);
  g_records = json_array();
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    if (n == 0 || line[n - 1] != '\n') {
      free(line);
      fclose(f);
      fail_msg("%s:%zu: a record must end with a newline", name, lineno);
    }
    json_error_t je;
    json_t *rec = json_loadb(line, (size_t)n - 1, JSON_REJECT_DUPLICATES, &je);
    if (!rec) {
      print_error("%s", line);
      free(line);
      fclose(f);
      fail_msg("%s:%zu: not JSON: %s", name, lineno, je.text);
    }
    json_array_append_new(g_records, rec);
  }
  free(line);
  fclose(f);

  size_t i;
  json_t *rec;
  json_array_foreach(g_records, i, rec) {
    char *dump = json_dumps(rec, JSON_COMPACT);
    print_message("%s: %s\n", name, dump ? dump : "?");
    free(dump);
    const json_t *file = json_object_get(rec, "file"), *ln = json_object_get(rec, "line"),
                 *id = json_object_get(rec, "id"), *reason = json_object_get(rec, "reason");
    assert_true(json_is_object(rec));
    assert_int_equal(json_object_size(rec), 4);
    assert_true(json_is_string(file));
    assert_true(json_is_null(ln) || (json_is_integer(ln) && json_integer_value(ln) > 0));
    assert_true(json_is_null(id) || json_is_string(id));
    assert_true(json_is_string(reason) && json_string_length(reason) > 0);
    char where[32] = "", want[2048];
    if (json_is_integer(ln)) snprintf(where, sizeof where, ":%lld", (long long)json_integer_value(ln));
    if (json_is_string(id))
      snprintf(want, sizeof want, "gesta: %s%s: document %s: %s", json_string_value(file), where,
               json_string_value(id), json_string_value(reason));
    else
      snprintf(want, sizeof want, "gesta: %s%s: %s", json_string_value(file), where,
               json_string_value(reason));
    expect_exact_line(r, want);
  }
  if (json_array_size(g_records) != failed) {
    cli_dump(r);
    fail_msg("%s has %zu records, the summary counts %zu failed documents", name,
             json_array_size(g_records), failed);
  }
  /* Every failure line on stderr is one of the records. */
  size_t failure_lines = 0, pos = 0;
  while (pos < r->err_len) {
    const char *s = r->err + pos, *nl = memchr(s, '\n', r->err_len - pos);
    size_t len = nl ? (size_t)(nl - s) : r->err_len - pos;
    pos += len + 1;
    /* Lines about the whole run, not about one document. */
    static const char *const not_failures[] = {
        "gesta: warning: ",
        "gesta: documents read ",
        "gesta: cannot write events to stdout",
        "gesta: cannot write the --errors file",
        "gesta: cannot load dictionaries",
        "gesta: stopped at the first failed document"};
    int is_failure = len > 7 && memcmp(s, "gesta: ", 7) == 0;
    for (size_t k = 0; k < sizeof not_failures / sizeof not_failures[0]; k++)
      if (len >= strlen(not_failures[k]) && memcmp(s, not_failures[k], strlen(not_failures[k])) == 0)
        is_failure = 0;
    failure_lines += (size_t)is_failure;
  }
  if (failure_lines != failed) {
    cli_dump(r);
    fail_msg("stderr has %zu failure lines, the summary counts %zu failed documents",
             failure_lines, failed);
  }
  return g_records;
}

/* Checks record i field by field; line 0 and id NULL mean null. */
static void expect_record(const json_t *recs, size_t i, const char *file, size_t line,
                          const char *id, const char *reason_part) {
  const json_t *rec = json_array_get(recs, i);
  if (!rec) fail_msg("no record #%zu in the --errors file", i + 1);
  assert_string_equal(json_string_value(json_object_get(rec, "file")), file);
  const json_t *ln = json_object_get(rec, "line");
  if (line)
    assert_int_equal(json_integer_value(ln), line);
  else
    assert_true(json_is_null(ln));
  const json_t *jid = json_object_get(rec, "id");
  if (id)
    assert_string_equal(json_string_value(jid), id);
  else
    assert_true(json_is_null(jid));
  const char *reason = json_string_value(json_object_get(rec, "reason"));
  if (!strstr(reason, reason_part))
    fail_msg("record #%zu: reason \"%s\" does not contain \"%s\"", i + 1, reason, reason_part);
}

static void test_errors_file_written_when_empty(void **state) {
  (void)state;
  fresh();
  cli_write_str("a.txt", k_es);
  cli_write_str("errors.jsonl", "stale content from an earlier run\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--errors", "errors.jsonl", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  check_errors_file(&r, "errors.jsonl", 0);
  struct stat st;
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/errors.jsonl", g_test_dir);
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_size, 0);
  cli_result_free(&r);

  /* Also when the dictionaries cannot load and nothing is read. */
  CLI_RUN(&r, "code", "--verbs", "nosuch-verbs.txt", "--errors", "errors2.jsonl", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_summary(&r, 0, 0, 0, 0);
  check_errors_file(&r, "errors2.jsonl", 0);
  cli_result_free(&r);
}

static void test_errors_file_records(void **state) {
  (void)state;
  fresh();
  cli_write_str("ok.txt", k_es);
  cli_mkdir("adir");
  cli_write_str("docs.jsonl", "{\"id\":\"a\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                              "{\"id\":\"b\",\"text\":\n"
                              "{\"id\":\"c\",\"date\":\"ayer\",\"text\":\"x\"}\n"
                              "{\"id\":\"d\\\"q\\\\\",\"text\":\"Rusia atacó Ucrania.\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--errors", "e.jsonl", "ok.txt", "nosuch.txt", "adir");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 3, 1, 2, 1);
  json_t *recs = check_errors_file(&r, "e.jsonl", 2);
  expect_record(recs, 0, "nosuch.txt", 0, "nosuch.txt", "cannot open: No such file or directory");
  expect_record(recs, 1, "adir", 0, "adir", "is a directory");
  cli_result_free(&r);

  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "--errors", "e2.jsonl",
      "docs.jsonl", "--max-doc-bytes", "10");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 4, 0, 4, 0);
  recs = check_errors_file(&r, "e2.jsonl", 4);
  expect_record(recs, 0, "docs.jsonl", 1, "a", "too large");
  expect_record(recs, 1, "docs.jsonl", 2, NULL, "malformed JSON");
  expect_record(recs, 2, "docs.jsonl", 3, "c", "date");
  /* Quotes and backslashes in an id survive the JSON of the record. */
  expect_record(recs, 3, "docs.jsonl", 4, "d\"q\\", "too large");
  cli_result_free(&r);
}

/* A file name that is not UTF-8 still gives a valid JSON record (jansson checks). */
static void test_errors_file_odd_names(void **state) {
  (void)state;
  fresh();
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--errors", "e.jsonl", "no\xffsuch\ttab.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 1, 0, 1, 0);
  /* stderr has the raw bytes; the record cannot, so check_errors_file does not apply. */
  cli_expect_err_line(&r, "gesta: no\xffsuch\ttab.txt: ", "No such file");
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/e.jsonl", g_test_dir);
  json_error_t je;
  g_records = json_load_file(path, JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &je);
  if (!g_records) fail_msg("e.jsonl is not valid JSON: %s", je.text);
  assert_string_equal(json_string_value(json_object_get(g_records, "file")),
                      "no\xef\xbf\xbdsuch\ttab.txt");
  assert_string_equal(json_string_value(json_object_get(g_records, "id")),
                      "no\xef\xbf\xbdsuch\ttab.txt");
  cli_result_free(&r);
}

static void test_errors_file_unwritable(void **state) {
  (void)state;
  fresh();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--errors", "nodir/e.jsonl", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_no_output(&r);
  expect_exact_line(&r, "gesta: cannot write the --errors file nodir/e.jsonl: No such file or "
                        "directory");
  cli_expect_summary(&r, 0, 0, 0, 0);
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--errors");
  cli_expect_status(&r, 2);
  cli_expect_err_line(&r, "gesta: ", "--errors needs a value");
  cli_expect_summary(&r, 0, 0, 0, 0);
  cli_result_free(&r);
}

/* ---- --strict ----------------------------------------------------------------------------- */

static void test_strict_text(void **state) {
  (void)state;
  fresh();
  cli_write_str("one.txt", k_es);
  cli_write_str("two.txt", k_en);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--strict", "--errors", "e.jsonl", "one.txt",
      "nosuch.txt", "two.txt", "nosuch2.txt");
  cli_expect_status(&r, 1);
  /* two.txt and nosuch2.txt are never read, so not counted. */
  cli_expect_summary(&r, 2, 1, 1, 1);
  expect_exact_line(&r, "gesta: stopped at the first failed document (--strict)");
  assert_false(cli_err_has_line(&r, "gesta: nosuch2.txt", NULL));
  check_errors_file(&r, "e.jsonl", 1);
  cli_expect_event(cli_event_at(&r, 0), "one.txt", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL,
                   NULL);
  cli_result_free(&r);

  /* Without a failure, --strict changes nothing. */
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--strict", "one.txt", "two.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 2, 2, 0, 2);
  assert_int_equal(cli_err_line_count(&r), 1);
  cli_result_free(&r);
}

static void test_strict_jsonl(void **state) {
  (void)state;
  fresh();
  cli_write_str("docs.jsonl", "{\"id\":\"a\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                              "\n"
                              "{\"id\":\"b\",\"text\":\"Russia attacked Ukraine.\"}\n"
                              "{\"id\":\"c\"}\n"
                              "{\"id\":\"d\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                              "{broken\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "--strict", "docs.jsonl",
      "docs.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 3, 2, 1, 2);
  expect_exact_line(&r, "gesta: docs.jsonl:4: document c: missing field \"text\"");
  assert_false(cli_err_has_line(&r, "gesta: docs.jsonl:6:", NULL));
  expect_exact_line(&r, "gesta: stopped at the first failed document (--strict)");
  cli_result_free(&r);
}

/* ---- a mixture: the summary reconciles and every failure is recorded ---------------------- */

static void test_mixture_text(void **state) {
  (void)state;
  fresh();
  cli_write_str("good1.txt", k_es);
  cli_write_str("good2.txt", "Hoy Rusia atacó Ucrania.\n\nRussia attacked Ukraine.\n");
  cli_write_str("empty.txt", "");
  static const char bad[] = "Rusia\xff atacó Ucrania.\n";
  cli_write("badutf8.txt", bad, sizeof bad - 1);
  cli_write_str("big.txt", "Rusia atacó Ucrania. Rusia atacó Ucrania. Rusia atacó Ucrania.\n");
  cli_mkdir("adir");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--errors", "e.jsonl", "--max-doc-bytes", "60",
      "good1.txt", "nosuch.txt", "good2.txt", "adir", "empty.txt", "badutf8.txt", "big.txt",
      "good1.txt/x");
  cli_expect_status(&r, 1);
  /* 8 documents: 4 coded (good1, good2, empty, badutf8), 4 failed. */
  cli_expect_summary(&r, 8, 4, 4, 4);
  json_t *recs = check_errors_file(&r, "e.jsonl", 4);
  expect_record(recs, 0, "nosuch.txt", 0, "nosuch.txt", "No such file");
  expect_record(recs, 1, "adir", 0, "adir", "directory");
  expect_record(recs, 2, "big.txt", 0, "big.txt", "too large: 66 bytes, over the limit of 60");
  expect_record(recs, 3, "good1.txt/x", 0, "x", "Not a directory");
  cli_expect_err_line(&r, "gesta: warning: badutf8.txt:1: document badutf8.txt: ", "UTF-8");
  cli_expect_err_line(&r, "gesta: warning: empty.txt: document empty.txt: ", "empty");
  cli_expect_event(cli_event_at(&r, 0), "good1.txt", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL,
                   NULL);
  cli_expect_event(cli_event_at(&r, 1), "good2.txt", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL,
                   NULL);
  cli_expect_event(cli_event_at(&r, 2), "good2.txt", 1, NULL, "en", "RUS", "UKR", "190", NULL, NULL,
                   NULL);
  cli_expect_event(cli_event_at(&r, 3), "badutf8.txt", 0, NULL, "es", "RUS", "UKR", "190", "Rusia",
                   "Ucrania", "atacó");
  cli_result_free(&r);
}

static void test_mixture_jsonl(void **state) {
  (void)state;
  fresh();
  cli_write_str("a.jsonl", "{\"id\":\"a1\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                           "not json at all\n"
                           "\n"
                           "{\"id\":\"a3\",\"text\":\"Russia attacked Ukraine.\",\"title\":5}\n"
                           "{\"id\":\"a4\",\"text\":\"\"}\n"
                           "{}\n");
  static const char b[] = "{\"id\":\"b1\",\"text\":\"Russia attacked Ukraine. \xc3\"}\r\n"
                          "{\"id\":\"b2\",\"text\":\"Rusia atacó Ucrania.\"}\r\n"
                          "{\"id\":\"b3\",\"te";
  cli_write("b.jsonl", b, sizeof b - 1);
  cli_mkdir("adir");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "--errors", "e.jsonl", "a.jsonl",
      "nosuch.jsonl", "adir", "b.jsonl");
  cli_expect_status(&r, 1);
  /* a.jsonl: 5 documents (a1, a4 coded); nosuch and adir: 1 each; b.jsonl: 3 (b1, b2 coded). */
  cli_expect_summary(&r, 10, 4, 6, 3);
  json_t *recs = check_errors_file(&r, "e.jsonl", 6);
  expect_record(recs, 0, "a.jsonl", 2, NULL, "malformed JSON");
  expect_record(recs, 1, "a.jsonl", 4, "a3", "\"title\"");
  expect_record(recs, 2, "a.jsonl", 6, NULL, "missing field \"id\"");
  expect_record(recs, 3, "nosuch.jsonl", 0, NULL, "No such file");
  expect_record(recs, 4, "adir", 0, NULL, "directory");
  expect_record(recs, 5, "b.jsonl", 3, NULL, "malformed JSON");
  cli_expect_err_line(&r, "gesta: warning: a.jsonl:5: document a4: ", "empty");
  cli_expect_err_line(&r, "gesta: warning: b.jsonl:1: document b1: ", "UTF-8");
  cli_expect_event(cli_event_at(&r, 0), "a1", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_expect_event(cli_event_at(&r, 1), "b1", 0, NULL, "en", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_expect_event(cli_event_at(&r, 2), "b2", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
}

/* ---- invalid UTF-8 and NUL bytes ---------------------------------------------------------- */

/* Bad bytes before, inside and after the actors: each becomes U+FFFD (three bytes), and the
 * spans index the repaired sentence (cli_expect_event checks every span against its text). */
static void test_invalid_utf8_offsets(void **state) {
  (void)state;
  fresh();
  static const char text[] = "Hola.\nAyer \xff\xfe Rusia\xc3 atac\xc3\xb3 Ucrania\xe2\x82.\n";
  cli_write("bad.txt", text, sizeof text - 1);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "bad.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  /* The warning names the file and the line of the first bad byte. */
  cli_expect_err_line(&r, "gesta: warning: bad.txt:2: document bad.txt: ", "invalid UTF-8");
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "bad.txt", 1, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  assert_string_equal(sentence_of(ev), "Ayer \xef\xbf\xbd\xef\xbf\xbd Rusia\xef\xbf\xbd atacó "
                                       "Ucrania\xef\xbf\xbd\xef\xbf\xbd.");
  json_t *span = json_object_get(ev, "source_span");
  assert_int_equal(json_integer_value(json_array_get(span, 0)), 12);
  cli_result_free(&r);

  cli_write_str("docs.jsonl", "{\"id\":\"j\",\"text\":\"Hola.\\nAyer \xff Rusia\xc3 atacó "
                              "Ucrania.\"}\n");
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "docs.jsonl");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  expect_exact_line(&r, "gesta: warning: docs.jsonl:1: document j: 2 invalid UTF-8 sequences "
                        "replaced by U+FFFD");
  ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "j", 1, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania", "atacó");
  assert_string_equal(sentence_of(ev), "Ayer \xef\xbf\xbd Rusia\xef\xbf\xbd atacó Ucrania.");
  cli_result_free(&r);
}

static void test_nul_bytes_text(void **state) {
  (void)state;
  fresh();
  static const char text[] = "Primero.\n\nRusia\0 atacó\0Ucrania.\n";
  cli_write("nul.txt", text, sizeof text - 1);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "nul.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_err_line(&r, "gesta: warning: nul.txt:3: document nul.txt: ", "NUL");
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "nul.txt", 1, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  assert_string_equal(sentence_of(ev), "Rusia\xef\xbf\xbd atacó\xef\xbf\xbdUcrania.");
  assert_null(memchr(r.out, 0, r.out_len));
  cli_result_free(&r);
}

static void test_nul_bytes_jsonl(void **state) {
  (void)state;
  fresh();
  /* \u0000 escaped inside the text and the title, and a raw NUL byte inside a string. */
  static const char in[] =
      "{\"id\":\"n1\",\"title\":\"T\\u0000\",\"text\":\"Rusia\\u0000 atacó Ucrania.\"}\n"
      "{\"id\":\"n2\",\"text\":\"Russia\0 attacked Ukraine.\"}\n";
  cli_write("nul.jsonl", in, sizeof in - 1);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "nul.jsonl");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 2, 2, 0, 2);
  cli_expect_err_line(&r, "gesta: warning: nul.jsonl:1: document n1: ", "NUL");
  cli_expect_err_line(&r, "gesta: warning: nul.jsonl:2: document n2: ", "U+FFFD");
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "n1", 1, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania", "atacó");
  assert_string_equal(sentence_of(ev), "Rusia\xef\xbf\xbd atacó Ucrania.");
  ev = cli_event_at(&r, 1);
  cli_expect_event(ev, "n2", 0, NULL, "en", "RUS", "UKR", "190", "Russia", "Ukraine",
                   "attacked");
  assert_string_equal(sentence_of(ev), "Russia\xef\xbf\xbd attacked Ukraine.");
  cli_result_free(&r);
}

/* ---- line ends ---------------------------------------------------------------------------- */

/* CRLF ends lines like LF: the same events, no CR in a sentence, the same line numbers. */
static void test_crlf_text(void **state) {
  (void)state;
  fresh();
  static const char text[] = "Rusia atacó Ucrania\r\nRussia attacked Ukraine\r\n\r\nAyer \xff.\r\n";
  cli_write("crlf.txt", text, sizeof text - 1);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "crlf.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 2);
  cli_expect_err_line(&r, "gesta: warning: crlf.txt:4: ", "UTF-8");
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "crlf.txt", 0, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  assert_string_equal(sentence_of(ev), "Rusia atacó Ucrania");
  ev = cli_event_at(&r, 1);
  cli_expect_event(ev, "crlf.txt", 1, NULL, "en", "RUS", "UKR", "190", "Russia", "Ukraine",
                   "attacked");
  assert_string_equal(sentence_of(ev), "Russia attacked Ukraine");
  cli_result_free(&r);
}

/* In JSON lines, LF, CRLF and a lone CR all end a line, and line numbers count them so. */
static void test_cr_line_ends_jsonl(void **state) {
  (void)state;
  fresh();
  cli_write_str("cr.jsonl", "{\"id\":\"a\",\"text\":\"Rusia atacó Ucrania.\"}\r"
                            "{\"id\":\"b\"}\r"
                            "\r"
                            "{\"id\":\"c\",\"text\":\"Russia attacked Ukraine.\"}\r\n"
                            "{\"id\":\"d\"}\r\n"
                            "{\"id\":\"e\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                            "{\"id\":\"f\"}");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "cr.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 6, 3, 3, 3);
  expect_exact_line(&r, "gesta: cr.jsonl:2: document b: missing field \"text\"");
  expect_exact_line(&r, "gesta: cr.jsonl:5: document d: missing field \"text\"");
  expect_exact_line(&r, "gesta: cr.jsonl:7: document f: missing field \"text\"");
  cli_expect_event(cli_event_at(&r, 0), "a", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_expect_event(cli_event_at(&r, 1), "c", 0, NULL, "en", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_expect_event(cli_event_at(&r, 2), "e", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
}

/* ---- sizes and limits --------------------------------------------------------------------- */

static const char k_filler[] = "El tiempo fue soleado en la costa durante toda la semana pasada.\n";

/* Writes a document of filler lines (one sentence each, no event) of at least size bytes, then
 * one line with an event. Returns the number of filler lines. Writes in 1 MiB pieces, so that
 * the test process itself stays small. */
static size_t write_big(const char *name, size_t size) {
  char path[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/%s", g_test_dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) fail_msg("cannot create %s", path);
  size_t fl = sizeof k_filler - 1, per = ((size_t)1 << 20) / fl, lines = 0;
  char *piece = malloc(per * fl);
  assert_non_null(piece);
  for (size_t i = 0; i < per; i++) memcpy(piece + i * fl, k_filler, fl);
  while (lines * fl < size) {
    size_t n = per;
    if ((lines + n) * fl > size) n = (size - lines * fl + fl - 1) / fl;
    if (fwrite(piece, fl, n, f) != n) fail_msg("cannot write %s", path);
    lines += n;
  }
  free(piece);
  fputs(k_es, f);
  if (fclose(f) != 0) fail_msg("cannot write %s", path);
  return lines;
}

static void remove_file(const char *name) {
  char path[PATH_MAX + 64];
  snprintf(path, sizeof path, "%s/%s", g_test_dir, name);
  unlink(path);
}

/* 100 MB is refused under the default limit of 16 MiB without being read: the peak RSS of the
 * run stays within a few MiB of a run on a one-line document. */
static void test_huge_document_refused(void **state) {
  (void)state;
  fresh();
  cli_write_str("small.txt", k_es);
  size_t size = write_big("huge.txt", 100 * 1000 * 1000) * (sizeof k_filler - 1) + strlen(k_es);
  cli_result base, r;
  CLI_RUN(&base, "code", "--verbs", "verbs.txt", "small.txt");
  cli_expect_status(&base, 0);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "huge.txt", "small.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  char want[256];
  snprintf(want, sizeof want,
           "gesta: huge.txt: document huge.txt: too large: %zu bytes, over the limit of 16777216 "
           "(see --max-doc-bytes)",
           size);
  expect_exact_line(&r, want);
  print_message("peak RSS: %ld KiB for a one-line document, %ld KiB refusing 100 MB\n",
                base.max_rss_kb, r.max_rss_kb);
  if (r.max_rss_kb > base.max_rss_kb + 8 * 1024)
    fail_msg("refusing 100 MB took %ld KiB of memory, %ld KiB more than a one-line document",
             r.max_rss_kb, r.max_rss_kb - base.max_rss_kb);
  cli_result_free(&r);
  cli_result_free(&base);
  remove_file("huge.txt");
}

/* Over the default limit, coded once --max-doc-bytes is raised (17 MiB, not 100 MB: the library
 * needs about 25 bytes of memory per byte of text, and the suite also runs under ASan). */
static void test_big_document_raised_limit(void **state) {
  (void)state;
  fresh();
  size_t lines = write_big("big.txt", (size_t)17 << 20);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "big.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 1, 0, 1, 0);
  cli_expect_err_line(&r, "gesta: big.txt: document big.txt: too large: ", "see --max-doc-bytes");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--max-doc-bytes", "18874368", "big.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  /* Each filler line is a sentence of its own, so the event's index is exact. */
  cli_expect_event(cli_event_at(&r, 0), "big.txt", lines, NULL, "es", "RUS", "UKR", "190", "Rusia",
                   "Ucrania", "atacó");
  print_message("17 MiB document coded in %.2f s, peak RSS %ld KiB\n", r.seconds, r.max_rss_kb);
  cli_result_free(&r);
  remove_file("big.txt");
}

static void test_max_doc_bytes_ceiling(void **state) {
  (void)state;
  fresh();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--max-doc-bytes", "1073741825", "a.txt");
  cli_expect_status(&r, 2);
  cli_expect_err_line(&r, "gesta: --max-doc-bytes ", "at most 1073741824");
  cli_expect_summary(&r, 0, 0, 0, 0);
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--max-doc-bytes", "1073741824", "a.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_result_free(&r);
}

/* A JSON line may be twice --max-doc-bytes plus 64 KiB; a longer one is skipped, the next lines
 * are still read. */
static void test_jsonl_line_too_long(void **state) {
  (void)state;
  fresh();
  size_t n = 70000;
  char *line = malloc(n + 200);
  assert_non_null(line);
  int k = snprintf(line, 200, "{\"id\":\"long\",\"text\":\"");
  memset(line + k, 'a', n);
  snprintf(line + k + n, 200, "\"}\n{\"id\":\"next\",\"text\":\"Rusia atacó Ucrania.\"}\n");
  cli_write_str("long.jsonl", line);
  free(line);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "--max-doc-bytes", "100",
      "long.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  expect_exact_line(&r, "gesta: long.jsonl:1: line too long: 70023 bytes, over the limit of 65736 "
                        "for a JSON line (twice --max-doc-bytes plus 65536)");
  cli_expect_event(cli_event_at(&r, 0), "next", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
  /* Under the line limit, the document itself is still held to --max-doc-bytes. */
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "--max-doc-bytes", "40000",
      "long.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  cli_expect_err_line(&r, "gesta: long.jsonl:1: document long: too large", "70000 bytes");
  cli_result_free(&r);
}

/* One "word" of 1 MB: no space anywhere. */
static void test_long_line_without_spaces(void **state) {
  (void)state;
  fresh();
  size_t n = 1000 * 1000;
  char *text = malloc(n + 100);
  assert_non_null(text);
  memset(text, 'a', n);
  memcpy(text + n, "\nRusia atacó Ucrania.\n", sizeof "\nRusia atacó Ucrania.\n");
  cli_write_str("long.txt", text);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "long.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(cli_event_at(&r, 0), "long.txt", 1, NULL, "es", "RUS", "UKR", "190", "Rusia",
                   "Ucrania", "atacó");
  assert_true(r.seconds < 10.0);
  cli_result_free(&r);

  /* The same text inside a JSON line, with the event sentence first. */
  char *line = malloc(n + 200);
  assert_non_null(line);
  int k = snprintf(line, 200, "{\"id\":\"w\",\"text\":\"Rusia atacó Ucrania. ");
  memset(line + k, 'b', n);
  memcpy(line + k + n, "\"}\n", 4);
  cli_write_str("long.jsonl", line);
  free(line);
  free(text);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "long.jsonl");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  cli_expect_event(cli_event_at(&r, 0), "w", 0, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  cli_result_free(&r);
}

/* A sentence of 100,000 tokens finishes in a few seconds (60 kills it: cli_util's alarm). */
/* Writes a one-sentence file: n copies of unit, then a period. */
static void write_repeated(const char *name, const char *unit, size_t n) {
  size_t len = strlen(unit);
  char *text = malloc(n * len + 3);
  assert_non_null(text);
  for (size_t k = 0; k < n; k++) memcpy(text + k * len, unit, len);
  memcpy(text + n * len, ".\n", 3);
  cli_write_str(name, text);
  free(text);
}

static void test_sentence_100k_tokens(void **state) {
  (void)state;
  fresh();
  static const char head[] = "Rusia atacó Ucrania", rep[] = " y la casa";
  size_t nrep = 33333; /* 3 + 3 * 33333 = 100,002 words, then the period */
  size_t len = strlen(head) + nrep * strlen(rep) + 3;
  char *text = malloc(len);
  assert_non_null(text);
  char *p = text;
  memcpy(p, head, strlen(head));
  p += strlen(head);
  for (size_t i = 0; i < nrep; i++, p += strlen(rep)) memcpy(p, rep, strlen(rep));
  memcpy(p, ".\n", 3);
  cli_write_str("long.txt", text);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "long.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 1);
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "long.txt", 0, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania",
                   "atacó");
  assert_int_equal(strlen(sentence_of(ev)), len - 2);
  print_message("100,002 words in one sentence: %.2f s\n", r.seconds);
  if (r.seconds > 10.0) fail_msg("a sentence of 100,000 tokens took %.1f s", r.seconds);
  cli_result_free(&r);

  /* The worst shape for role assignment: 25,000 clauses of actor, verb, actor. */
  free(text);
  write_repeated("clauses.txt", "Rusia atacó Ucrania , ", 25000);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "clauses.txt");
  cli_expect_status(&r, 0);
  size_t nev = json_array_size(cli_events(&r));
  assert_true(nev >= 1);
  cli_expect_summary(&r, 1, 1, 0, nev);
  size_t i;
  json_array_foreach(cli_events(&r), i, ev) { cli_check_event_shape(ev); }
  print_message("25,000 clauses in one sentence: %.2f s, %zu events\n", r.seconds, nev);
  if (r.seconds > 10.0) fail_msg("a sentence of 100,000 tokens took %.1f s", r.seconds);
  cli_result_free(&r);

  /* Role words and places after locative words, which locate them: 10,000 times over. */
  write_repeated("located.txt", "La policía detuvo a estudiantes en la calle , ", 10000);
  CLI_RUN(&r, "code", "located.txt");
  cli_expect_status(&r, 0);
  print_message("10,000 located clauses in one sentence: %.2f s\n", r.seconds);
  if (r.seconds > 10.0) fail_msg("a sentence of 90,000 tokens took %.1f s", r.seconds);
  cli_result_free(&r);
}

/* ---- empty documents ---------------------------------------------------------------------- */

static void test_empty_documents(void **state) {
  (void)state;
  fresh();
  cli_write_str("empty.txt", "");
  cli_write_str("spaces.txt", " \r\n\t\n\f\n");
  cli_result r;
  static const char *const args[] = {"code", "--verbs", "verbs.txt", "empty.txt", "spaces.txt",
                                     "-", NULL};
  cli_run(&r, "", 0, NULL, args);
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 3, 3, 0, 0);
  expect_exact_line(&r, "gesta: warning: empty.txt: document empty.txt: empty document: no text "
                        "to code");
  expect_exact_line(&r, "gesta: warning: spaces.txt: document spaces.txt: empty document: no "
                        "text to code");
  expect_exact_line(&r, "gesta: warning: stdin: document stdin: empty document: no text to code");
  cli_result_free(&r);

  cli_write_str("docs.jsonl", "{\"id\":\"e1\",\"text\":\"\"}\n"
                              "{\"id\":\"e2\",\"text\":\"  \\n \"}\n"
                              "{\"id\":\"e3\",\"text\":\"\",\"title\":\"Rusia atacó Ucrania\"}\n"
                              "{\"id\":\"e4\",\"text\":null}\n");
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "docs.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 4, 3, 1, 1);
  expect_exact_line(&r, "gesta: warning: docs.jsonl:1: document e1: empty document: no text to "
                        "code");
  expect_exact_line(&r, "gesta: warning: docs.jsonl:2: document e2: empty document: no text to "
                        "code");
  assert_false(cli_err_has_line(&r, "gesta: warning: docs.jsonl:3:", NULL));
  expect_exact_line(&r, "gesta: docs.jsonl:4: document e4: missing field \"text\"");
  /* A title alone is coded, as sentence 0. */
  cli_expect_event(cli_event_at(&r, 0), "e3", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
}

/* ---- malformed JSON lines ----------------------------------------------------------------- */

static void test_jsonl_field_errors(void **state) {
  (void)state;
  fresh();
  cli_write_str("docs.jsonl", /* 1 */ "{}\n"
                              /* 2 */ "{\"id\":\"a\"}\n"
                              /* 3 */ "{\"text\":\"Rusia atacó Ucrania.\"}\n"
                              /* 4 */ "{\"id\":\"b\",\"text\":[\"Rusia\"]}\n"
                              /* 5 */ "{\"id\":1.5,\"text\":\"x\"}\n"
                              /* 6 */ "{\"id\":\"c\",\"text\":\"x\",\"lang\":7}\n"
                              /* 7 */ "{\"id\":\"d\",\"text\":\"x\",\"date\":20250303}\n"
                              /* 8 */ "\"just a string\"\n"
                              /* 9 */ "{\"id\":\"e\",\"text\":\"x\",\"id\":\"f\"}\n"
                              /* 10 */ "{\"id\":\"ok\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                              /* 11: truncated, no newline */ "{\"id\":\"g\",\"text\":\"Rusia at");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "--errors", "e.jsonl",
      "docs.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 11, 1, 10, 1);
  json_t *recs = check_errors_file(&r, "e.jsonl", 10);
  expect_record(recs, 0, "docs.jsonl", 1, NULL, "missing field \"id\"");
  expect_record(recs, 1, "docs.jsonl", 2, "a", "missing field \"text\"");
  expect_record(recs, 2, "docs.jsonl", 3, NULL, "missing field \"id\"");
  expect_record(recs, 3, "docs.jsonl", 4, "b", "\"text\" must be a string");
  expect_record(recs, 4, "docs.jsonl", 5, NULL, "\"id\" must be a string or an integer");
  expect_record(recs, 5, "docs.jsonl", 6, "c", "\"lang\" must be a string");
  expect_record(recs, 6, "docs.jsonl", 7, "d", "\"date\" must be a string");
  expect_record(recs, 7, "docs.jsonl", 8, NULL, "'[' or '{' expected");
  expect_record(recs, 8, "docs.jsonl", 9, NULL, "duplicate");
  expect_record(recs, 9, "docs.jsonl", 11, NULL, "malformed JSON");
  cli_expect_event(cli_event_at(&r, 0), "ok", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);
}

static void test_bad_dates(void **state) {
  (void)state;
  fresh();
  cli_write_str("docs.jsonl", "{\"id\":\"a\",\"date\":\"yesterday\",\"text\":\"x\"}\n"
                              "{\"id\":\"b\",\"date\":\"2025-02-30\",\"text\":\"x\"}\n"
                              "{\"id\":\"c\",\"date\":\"2025-3-3\",\"text\":\"x\"}\n"
                              "{\"id\":\"d\",\"date\":\"2024-02-29\",\"text\":\"Rusia atacó "
                              "Ucrania.\"}\n"
                              "{\"id\":\"e\",\"date\":\"\",\"text\":\"x\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "docs.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 5, 1, 4, 1);
  expect_exact_line(&r, "gesta: docs.jsonl:1: document a: field \"date\" is not a date in the "
                        "form YYYY-MM-DD: \"yesterday\"");
  expect_exact_line(&r, "gesta: docs.jsonl:2: document b: field \"date\" is not a date in the "
                        "form YYYY-MM-DD: \"2025-02-30\"");
  cli_expect_err_line(&r, "gesta: docs.jsonl:3: ", "\"date\"");
  cli_expect_err_line(&r, "gesta: docs.jsonl:5: ", "\"date\"");
  cli_expect_event(cli_event_at(&r, 0), "d", 0, "2024-02-29", "es", "RUS", "UKR", "190", NULL, NULL,
                   NULL);
  cli_result_free(&r);
  cli_write_str("a.txt", k_es);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--date", "2025-02-30", "a.txt");
  cli_expect_status(&r, 2);
  expect_exact_line(&r, "gesta: --date must be a date in the form YYYY-MM-DD, not '2025-02-30'");
  cli_expect_summary(&r, 0, 0, 0, 0);
  cli_result_free(&r);
}

/* ---- repeated ids ------------------------------------------------------------------------- */

static void test_duplicate_ids(void **state) {
  (void)state;
  fresh();
  cli_write_str("a.jsonl", "{\"id\":\"x\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                           "{\"id\":\"y\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                           "{\"id\":\"x\",\"text\":\"Russia attacked Ukraine.\"}\n");
  cli_write_str("b.jsonl", "{\"id\":\"x\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                           "{\"id\":7,\"text\":\"Rusia atacó Ucrania.\"}\n"
                           "{\"id\":\"7\",\"text\":\"Rusia atacó Ucrania.\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "a.jsonl", "b.jsonl");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 6, 6, 0, 6);
  expect_exact_line(&r, "gesta: warning: a.jsonl:3: document x: duplicate id: also the id of the "
                        "document at a.jsonl:1; both are coded");
  expect_exact_line(&r, "gesta: warning: b.jsonl:1: document x: duplicate id: also the id of the "
                        "document at a.jsonl:1; both are coded");
  expect_exact_line(&r, "gesta: warning: b.jsonl:3: document 7: duplicate id: also the id of the "
                        "document at b.jsonl:2; both are coded");
  assert_int_equal(cli_err_line_count(&r), 4);
  /* Both are coded. */
  cli_expect_event(cli_event_at(&r, 0), "x", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_expect_event(cli_event_at(&r, 2), "x", 0, NULL, "en", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_expect_event(cli_event_at(&r, 3), "x", 0, NULL, "es", "RUS", "UKR", "190", NULL, NULL, NULL);
  cli_result_free(&r);

  /* Plain-text ids are file names: the same name in two directories. */
  cli_mkdir("d1");
  cli_mkdir("d2");
  cli_write_str("d1/nota.txt", k_es);
  cli_write_str("d2/nota.txt", k_en);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "d1/nota.txt", "d2/nota.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 2, 2, 0, 2);
  expect_exact_line(&r, "gesta: warning: d2/nota.txt: document nota.txt: duplicate id: also the "
                        "id of the document at d1/nota.txt; both are coded");
  cli_result_free(&r);
}

/* ---- files that cannot be read ------------------------------------------------------------ */

static void test_missing_file(void **state) {
  (void)state;
  fresh();
  cli_write_str("a.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "nosuch.txt", "a.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  expect_exact_line(&r, "gesta: nosuch.txt: document nosuch.txt: cannot open: No such file or "
                        "directory");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "nosuch.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 1, 0, 1, 0);
  expect_exact_line(&r, "gesta: nosuch.jsonl: cannot open: No such file or directory");
  cli_result_free(&r);
}

static void test_directory_as_file(void **state) {
  (void)state;
  fresh();
  cli_mkdir("adir");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "adir", "adir/");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 0, 2, 0);
  expect_exact_line(&r, "gesta: adir: document adir: is a directory, not a file");
  cli_expect_err_line(&r, "gesta: adir/: ", "is a directory, not a file");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "adir");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 1, 0, 1, 0);
  expect_exact_line(&r, "gesta: adir: is a directory, not a file");
  cli_result_free(&r);
}

/* A path through a regular file: fails for root too. */
static void test_path_through_file(void **state) {
  (void)state;
  fresh();
  cli_write_str("file.txt", k_es);
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "file.txt/x", "file.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  expect_exact_line(&r, "gesta: file.txt/x: document x: cannot open: Not a directory");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "file.txt/x.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 1, 0, 1, 0);
  expect_exact_line(&r, "gesta: file.txt/x.jsonl: cannot open: Not a directory");
  cli_result_free(&r);
}

/* chmod 000 blocks reading, except for root (CI runs the tests as root): skipped there. */
static void test_unreadable_file(void **state) {
  (void)state;
  fresh();
  cli_write_str("secret.txt", k_es);
  cli_write_str("ok.txt", k_en);
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/secret.txt", g_test_dir);
  assert_int_equal(chmod(path, 0), 0);
  if (geteuid() == 0) {
    print_message("running as root: permissions do not block reading; see "
                  "test_path_through_file\n");
    skip();
  }
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "secret.txt", "ok.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 1, 1, 1);
  expect_exact_line(&r, "gesta: secret.txt: document secret.txt: cannot open: Permission denied");
  cli_result_free(&r);
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "secret.txt");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 1, 0, 1, 0);
  expect_exact_line(&r, "gesta: secret.txt: cannot open: Permission denied");
  cli_result_free(&r);
}

/* ---- stdout closed early ------------------------------------------------------------------ */

/* As with `gesta code ... | head -c 10`: a write error, a message, exit status 2, no death by
 * SIGPIPE (cli_run fails the test on a signal), and the lost document counted as failed. */
static void test_stdout_closed(void **state) {
  (void)state;
  fresh();
  cli_write_str("a.txt", k_es);
  cli_write_str("b.txt", k_en);
  static const char *const args[] = {"code", "--verbs", "verbs.txt", "--errors", "e.jsonl",
                                     "a.txt", "b.txt", NULL};
  cli_result r;
  cli_run(&r, NULL, 0, CLI_STDOUT_CLOSED_PIPE, args);
  cli_expect_status(&r, 2);
  expect_exact_line(&r, "gesta: cannot write events to stdout: Broken pipe");
  /* b.txt is not read once stdout is gone. */
  cli_expect_summary(&r, 1, 0, 1, 0);
  json_t *recs = check_errors_file(&r, "e.jsonl", 1);
  expect_record(recs, 0, "a.txt", 0, "a.txt", "could not be written to stdout: Broken pipe");
  cli_result_free(&r);

  /* gesta tag writes to stdout too. */
  static const char *const tag_args[] = {"tag", "--verbs", "verbs.txt", "a.txt", NULL};
  cli_run(&r, NULL, 0, CLI_STDOUT_CLOSED_PIPE, tag_args);
  cli_expect_status(&r, 2);
  expect_exact_line(&r, "gesta: cannot write events to stdout: Broken pipe");
  cli_expect_summary(&r, 1, 0, 1, 0);
  cli_result_free(&r);

  /* A document without events writes nothing, so nothing fails. */
  cli_write_str("none.txt", "Hoy llueve.\n");
  static const char *const none_args[] = {"code", "--verbs", "verbs.txt", "none.txt", NULL};
  cli_run(&r, NULL, 0, CLI_STDOUT_CLOSED_PIPE, none_args);
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 0);
  cli_result_free(&r);
}

/* ---- the progress line -------------------------------------------------------------------- */

#define FED_DOCS 6
#define FED_DELAY_MS 150

/* Six JSON documents arriving 150 ms apart on stdin: a run of about a second. */
static void run_fed(cli_result *r, int tty) {
  static char lines[FED_DOCS][96];
  const char *chunks[FED_DOCS];
  for (int i = 0; i < FED_DOCS; i++) {
    snprintf(lines[i], sizeof lines[i], "{\"id\":\"d%d\",\"text\":\"Rusia atacó Ucrania.\"}\n",
             i);
    chunks[i] = lines[i];
  }
  static const char *const args[] = {"code", "--verbs", "verbs.txt", "--input", "jsonl", "-",
                                     NULL};
  cli_run_fed(r, chunks, FED_DOCS, FED_DELAY_MS, tty, args);
}

static void test_progress_silent_without_tty(void **state) {
  (void)state;
  fresh();
  cli_result r;
  run_fed(&r, 0);
  cli_expect_status(&r, 0);
  assert_true(r.seconds >= (FED_DOCS - 1) * FED_DELAY_MS / 1000.0);
  cli_expect_summary(&r, FED_DOCS, FED_DOCS, 0, FED_DOCS);
  /* Long enough for a progress line, yet stderr is only the summary. */
  assert_string_equal(r.err, "gesta: documents read 6, coded 6, failed 0; events 6\n");
  cli_result_free(&r);
}

/* On a terminal: progress lines (documents read and MB/s; no time left, as the size of a pipe is
 * unknown), each drawn over the last with CR, and blanked before the summary. */
static void test_progress_on_tty(void **state) {
  (void)state;
  fresh();
  cli_result r;
  run_fed(&r, 1);
  cli_expect_status(&r, 0);
  print_message("terminal got %zu bytes in %.2f s\n", r.err_len, r.seconds);
  if (!strstr(r.err, "\rgesta: ") || !strstr(r.err, " documents read, ") ||
      !strstr(r.err, " MB/s")) {
    cli_dump(&r);
    fail_msg("no progress line on the terminal");
  }
  assert_null(strstr(r.err, " left"));
  /* No progress line is ended by a newline: the output is the progress lines, then the blank,
   * then the summary and its newline. */
  assert_int_equal(cli_err_line_count(&r), 1);
  assert_true(r.err_len > 0 && r.err[r.err_len - 1] == '\n');
  char *last_cr = strrchr(r.err, '\r');
  assert_non_null(last_cr);
  assert_string_equal(last_cr + 1, "gesta: documents read 6, coded 6, failed 0; events 6\n");
  /* Between the previous CR and the last one: only spaces, as many as the longest progress. */
  char *blank_end = last_cr;
  *blank_end = 0;
  char *blank = strrchr(r.err, '\r');
  assert_non_null(blank);
  blank++;
  assert_true(strlen(blank) >= strlen("gesta: 1 document read, 0.0 MB/s"));
  assert_int_equal(strspn(blank, " "), strlen(blank));
  cli_result_free(&r);
}

/* With regular files the total is known: the percentage and the time left. This needs a run
 * of at least 0.6 s, which depends on the machine: skipped when it is faster. */
static void test_progress_time_left(void **state) {
  (void)state;
  fresh();
  size_t ndocs = 80000;
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/many.jsonl", g_test_dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  for (size_t i = 0; i < ndocs; i++)
    fprintf(f, "{\"id\":\"d%zu\",\"text\":\"Hoy Rusia atacó Ucrania otra vez. El gobierno de "
               "Francia condenó el ataque y pidió calma.\"}\n",
            i);
  fclose(f);
  cli_result r;
  static const char *const args[] = {"code", "--verbs", "verbs.txt", "--input", "jsonl",
                                     "many.jsonl", NULL};
  cli_run_fed(&r, NULL, 0, 0, 1, args);
  cli_expect_status(&r, 0);
  print_message("%zu documents in %.2f s\n", ndocs, r.seconds);
  char *last_cr = strrchr(r.err, '\r');
  if (r.seconds < 0.6) {
    cli_result_free(&r);
    print_message("too fast for a progress line on this machine\n");
    skip();
  }
  if (!strstr(r.err, "%, ") || !strstr(r.err, " left")) {
    cli_dump(&r);
    fail_msg("no percentage or time left on the terminal");
  }
  assert_non_null(last_cr);
  static const char summary[] = "gesta: documents read 80000, coded 80000, failed 0;";
  assert_true(strncmp(last_cr + 1, summary, strlen(summary)) == 0);
  cli_result_free(&r);
}

/* ---- known bugs (each is a disabled ctest in CMakeLists.txt) ------------------------------- */

/* A lone CR ends a line like LF does (old Mac files, some scrapers): two paragraphs, two
 * sentences in two languages. src/segment.c splits paragraphs on LF only. */
static void test_bug_lone_cr(void **state) {
  (void)state;
  fresh();
  cli_write_str("cr.txt", "Rusia atacó Ucrania\rRussia attacked Ukraine\r");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "cr.txt");
  cli_expect_status(&r, 0);
  cli_expect_summary(&r, 1, 1, 0, 2);
  json_t *ev = cli_event_at(&r, 0);
  cli_expect_event(ev, "cr.txt", 0, NULL, "es", "RUS", "UKR", "190", "Rusia", "Ucrania", "atacó");
  assert_string_equal(sentence_of(ev), "Rusia atacó Ucrania");
  ev = cli_event_at(&r, 1);
  cli_expect_event(ev, "cr.txt", 1, NULL, "en", "RUS", "UKR", "190", "Russia", "Ukraine",
                   "attacked");
  assert_string_equal(sentence_of(ev), "Russia attacked Ukraine");
  cli_result_free(&r);
}

/* \u0000 inside "id" or "date" cuts the C string short: "a\u0000b" was coded as the id "a", and
 * "2025-03-03\u0000junk" passed as a valid date. Such a line must fail, naming the field. */
static void test_bug_jsonl_nul_in_fields(void **state) {
  (void)state;
  fresh();
  cli_write_str("docs.jsonl", "{\"id\":\"a\\u0000b\",\"text\":\"Rusia atacó Ucrania.\"}\n"
                              "{\"id\":\"c\",\"date\":\"2025-03-03\\u0000junk\",\"text\":\"x\"}\n");
  cli_result r;
  CLI_RUN(&r, "code", "--verbs", "verbs.txt", "--input", "jsonl", "docs.jsonl");
  cli_expect_status(&r, 1);
  cli_expect_summary(&r, 2, 0, 2, 0);
  cli_expect_err_line(&r, "gesta: docs.jsonl:1: ", "\"id\"");
  cli_expect_err_line(&r, "gesta: docs.jsonl:2: ", "\"date\"");
  cli_result_free(&r);
}

int main(int argc, char **argv) {
  if (argc != 3 && !(argc == 5 && strcmp(argv[3], "--known-bug") == 0)) {
    fprintf(stderr, "usage: test_bad_input GESTA SRCDIR [--known-bug NAME]\n");
    return 2;
  }
  cli_set_binary(argv[1]);
  if (argc == 5) {
    static const struct CMUnitTest bugs[] = {
        cmocka_unit_test_teardown(test_bug_lone_cr, cli_test_teardown),
        cmocka_unit_test_teardown(test_bug_jsonl_nul_in_fields, cli_test_teardown),
    };
    for (size_t i = 0; i < sizeof bugs / sizeof bugs[0]; i++) {
      if (strcmp(bugs[i].name + strlen("test_bug_"), argv[4]) != 0) continue;
      const struct CMUnitTest one[1] = {bugs[i]};
      return cmocka_run_group_tests_name("bad_input_known_bug", one, cli_root_setup,
                                         cli_root_teardown);
    }
    fprintf(stderr, "test_bad_input: no known-bug test named '%s'\n", argv[4]);
    return 2;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_errors_file_written_when_empty, records_teardown),
      cmocka_unit_test_teardown(test_errors_file_records, records_teardown),
      cmocka_unit_test_teardown(test_errors_file_odd_names, records_teardown),
      cmocka_unit_test_teardown(test_errors_file_unwritable, records_teardown),
      cmocka_unit_test_teardown(test_strict_text, records_teardown),
      cmocka_unit_test_teardown(test_strict_jsonl, records_teardown),
      cmocka_unit_test_teardown(test_mixture_text, records_teardown),
      cmocka_unit_test_teardown(test_mixture_jsonl, records_teardown),
      cmocka_unit_test_teardown(test_invalid_utf8_offsets, cli_test_teardown),
      cmocka_unit_test_teardown(test_nul_bytes_text, cli_test_teardown),
      cmocka_unit_test_teardown(test_nul_bytes_jsonl, cli_test_teardown),
      cmocka_unit_test_teardown(test_crlf_text, cli_test_teardown),
      cmocka_unit_test_teardown(test_cr_line_ends_jsonl, cli_test_teardown),
      cmocka_unit_test_teardown(test_huge_document_refused, cli_test_teardown),
      cmocka_unit_test_teardown(test_big_document_raised_limit, cli_test_teardown),
      cmocka_unit_test_teardown(test_max_doc_bytes_ceiling, cli_test_teardown),
      cmocka_unit_test_teardown(test_jsonl_line_too_long, cli_test_teardown),
      cmocka_unit_test_teardown(test_long_line_without_spaces, cli_test_teardown),
      cmocka_unit_test_teardown(test_sentence_100k_tokens, cli_test_teardown),
      cmocka_unit_test_teardown(test_empty_documents, cli_test_teardown),
      cmocka_unit_test_teardown(test_jsonl_field_errors, records_teardown),
      cmocka_unit_test_teardown(test_bad_dates, cli_test_teardown),
      cmocka_unit_test_teardown(test_duplicate_ids, cli_test_teardown),
      cmocka_unit_test_teardown(test_missing_file, cli_test_teardown),
      cmocka_unit_test_teardown(test_directory_as_file, cli_test_teardown),
      cmocka_unit_test_teardown(test_path_through_file, cli_test_teardown),
      cmocka_unit_test_teardown(test_unreadable_file, cli_test_teardown),
      cmocka_unit_test_teardown(test_stdout_closed, records_teardown),
      cmocka_unit_test_teardown(test_progress_silent_without_tty, cli_test_teardown),
      cmocka_unit_test_teardown(test_progress_on_tty, cli_test_teardown),
      cmocka_unit_test_teardown(test_progress_time_left, cli_test_teardown),
  };
  return cmocka_run_group_tests_name("bad_input", tests, cli_root_setup, cli_root_teardown);
}
