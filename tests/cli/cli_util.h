/*
 * Helpers for the CLI tests: run the built gesta binary in a scratch directory with stdin, stdout
 * and stderr redirected to unlinked temporary files, then look at what it printed. The helpers
 * fail the current cmocka test (after printing the captured output) when the output is not what
 * the CLI contract promises; they do not know about any particular document.
 */
#ifndef GESTA_TESTS_CLI_UTIL_H
#define GESTA_TESTS_CLI_UTIL_H

#include <stddef.h>

#include <jansson.h>

/* What one run of the binary left behind. The buffers are NUL-terminated (they may also hold NUL
 * bytes); cli_result_free() releases them. */
typedef struct cli_result {
  int status; /* exit status, or 128 + signal number when the process was killed */
  char *out;
  size_t out_len;
  char *err;
  size_t err_len;
  int stdout_redirected; /* stdout went to a given path and was not captured */
  json_t *events; /* stdout parsed as JSON lines (an array); filled by cli_events() */
  long max_rss_kb; /* peak resident set size of the child, in KiB (wait4's ru_maxrss) */
  double seconds;  /* wall-clock time from fork to exit */
} cli_result;

/* As the stdout_path of cli_run: stdout is a pipe whose read end is already closed, as in
 * `gesta code ... | head -c 10` once head has exited. */
#define CLI_STDOUT_CLOSED_PIPE "<closed pipe>"


/* Set once by main(): the absolute path of the gesta binary. */
void cli_set_binary(const char *path);

/* Creates the scratch root (mkdtemp under $TMPDIR or /tmp) and removes it with everything in it.
 * Suitable as cmocka group setup/teardown. */
int cli_root_setup(void **state);
int cli_root_teardown(void **state);

/* Frees what results left behind when a failed assertion ended a test early: use it as the
 * teardown of every test (cmocka_unit_test_teardown). */
int cli_test_teardown(void **state);

/* Makes a fresh empty directory under the scratch root, changes the helpers' working directory to
 * it and returns its path (owned by the helpers, valid until the next call). */
const char *cli_fresh_dir(void);

/* Writes len bytes to NAME in the current test directory (NAME may be relative to it). */
void cli_write(const char *name, const char *data, size_t len);
void cli_write_str(const char *name, const char *text);
void cli_mkdir(const char *name);

/* Runs `gesta ARGS...` (a NULL-terminated list, without the program name) in the current test
 * directory. stdin_data may be NULL (empty stdin). stdout_path, when not NULL, is opened for
 * writing as the child's stdout instead of a capture file (e.g. "/dev/full"), or is
 * CLI_STDOUT_CLOSED_PIPE. The peak RSS includes what the forked test process had mapped, so
 * compare it with a baseline run rather than with an absolute number. */
void cli_run(cli_result *r, const char *stdin_data, size_t stdin_len, const char *stdout_path,
             const char *const *args);

/* Like cli_run, but stdin is a pipe fed with the chunks one after the other, delay_ms apart (a
 * slow producer: the run lasts at least (nchunks - 1) * delay_ms), and, when tty_stderr is set,
 * stderr is a pseudo-terminal, so that isatty(2) holds in gesta; r->err then holds what the
 * terminal received, with output processing off ("\n" stays "\n"). Skips the current test when
 * no pseudo-terminal can be opened. */
void cli_run_fed(cli_result *r, const char *const *chunks, size_t nchunks, unsigned delay_ms,
                 int tty_stderr, const char *const *args);
void cli_result_free(cli_result *r);

/* Convenience: cli_run with a variable argument list ended by NULL and an empty stdin. */
void cli_runl(cli_result *r, const char *arg, ...);
#define CLI_RUN(r, ...) cli_runl((r), __VA_ARGS__, (const char *)NULL)

/* A fresh directory (cli_fresh_dir) holding verbs.txt, a two-line verb dictionary that codes
 * CLI_SENT_ES and CLI_SENT_EN as RUS UKR 190: the CLI tests are about the CLI, not about the
 * built-in dictionaries (tests/golden). Returns its path. */
const char *cli_fresh_coding_dir(void);
#define CLI_SENT_ES "Rusia atacó Ucrania.\n"
#define CLI_SENT_EN "Russia attacked Ukraine.\n"

/* Prints the exit status, stdout and stderr of a run (cmocka's print_error), for diagnostics. */
void cli_dump(const cli_result *r);

/* Parses stdout as JSON lines: every line must be a JSON object (jansson rejects invalid UTF-8),
 * the text must end with a newline, and there must be no blank line. Returns r->events. */
json_t *cli_events(cli_result *r);

/* Event i (from 0) of stdout; fails the test, with a dump, when there are fewer. */
json_t *cli_event_at(cli_result *r, size_t i);

/* Asserts the exit status. */
void cli_expect_status(const cli_result *r, int status);

/* Asserts that stderr ends with exactly one line
 *   gesta: documents read R, coded C, failed F; events E
 * as its last line, that R = C + F, and that E equals the number of stdout lines. */
void cli_expect_summary(cli_result *r, size_t read, size_t coded, size_t failed, size_t events);

/* Number of lines on stderr, and whether some line starts with prefix and contains needle
 * (either may be NULL or ""). */
size_t cli_err_line_count(const cli_result *r);
int cli_err_has_line(const cli_result *r, const char *prefix, const char *needle);
/* Whether some stderr line is exactly line (without its newline). */
int cli_err_has_exact_line(const cli_result *r, const char *line);
/* Asserts that some stderr line starts with prefix and contains needle. */
void cli_expect_err_line(const cli_result *r, const char *prefix, const char *needle);
/* Asserts that stdout is empty. */
void cli_expect_no_output(const cli_result *r);

/* Checks one event against the output contract (docs/output.md): every documented field with the
 * right type (more fields are allowed), root = the first two digits of code, quad_class 1..4,
 * goldstein -10..10, and each span indexing into `sentence` (byte offsets) to give exactly its
 * *_text; source_span and target_span may be null only with an empty text. */
void cli_check_event_shape(const json_t *ev);

/* Checks the identifying fields of one event (and its shape). date NULL means JSON null. */
void cli_expect_event(const json_t *ev, const char *doc, size_t sentence_index, const char *date,
                      const char *lang, const char *source, const char *target, const char *code,
                      const char *source_text, const char *target_text, const char *verb_text);

#endif
