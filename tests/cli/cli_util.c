/*
 * Helpers for the CLI tests (see cli_util.h). The binary runs in a child made with fork/exec so
 * that it can start in the test's own scratch directory: file names on its command line, and so
 * in its messages and default document ids, are then short and predictable. Captured output goes
 * to temporary files that are unlinked as soon as they are created, so nothing is left behind even
 * when a test fails half-way. This file does not know about any particular document or event.
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE /* wait4 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <gesta/gesta.h>

#include "cli_util.h"
#include "scratch.h"

#define MAX_ARGS 64
/* A child that runs longer than this is killed by SIGALRM, so a hang fails the test quickly. */
#define CHILD_SECONDS 60

/* Buffers of results not yet freed. A failed assertion leaves a test by longjmp, past its
 * cli_result_free(); cli_test_teardown() frees what is left so that sanitizer runs stay quiet. */
#define MAX_LIVE 64
static void *g_live[MAX_LIVE];
static json_t *g_live_json[MAX_LIVE];

static void live_add(void *p) {
  for (size_t i = 0; i < MAX_LIVE; i++)
    if (!g_live[i]) {
      g_live[i] = p;
      return;
    }
}

static void live_free(void *p) {
  if (!p) return;
  for (size_t i = 0; i < MAX_LIVE; i++)
    if (g_live[i] == p) g_live[i] = NULL;
  free(p);
}

static void live_add_json(json_t *j) {
  for (size_t i = 0; i < MAX_LIVE; i++)
    if (!g_live_json[i]) {
      g_live_json[i] = j;
      return;
    }
}

static void live_free_json(json_t *j) {
  if (!j) return;
  for (size_t i = 0; i < MAX_LIVE; i++)
    if (g_live_json[i] == j) g_live_json[i] = NULL;
  json_decref(j);
}

int cli_test_teardown(void **state) {
  (void)state;
  for (size_t i = 0; i < MAX_LIVE; i++) {
    free(g_live[i]);
    g_live[i] = NULL;
    json_decref(g_live_json[i]);
    g_live_json[i] = NULL;
  }
  return 0;
}

static const char *g_bin;
static char g_root[PATH_MAX];
static char g_dir[PATH_MAX];
static unsigned g_ndirs;

void cli_set_binary(const char *path) { g_bin = path; }

int cli_root_setup(void **state) {
  (void)state;
  return test_scratch_make(g_root, sizeof g_root, "gesta-cli");
}

int cli_root_teardown(void **state) {
  (void)state;
  if (!g_root[0]) return 0;
  /* GESTA_CLI_KEEP=1 keeps the scratch files for a post-mortem. */
  if (getenv("GESTA_CLI_KEEP")) {
    fprintf(stderr, "scratch files kept in %s\n", g_root);
    return 0;
  }
  test_scratch_remove(g_root);
  g_root[0] = 0;
  return 0;
}

const char *cli_fresh_dir(void) {
  assert_true(g_root[0] != 0);
  int n = snprintf(g_dir, sizeof g_dir, "%s/t%03u", g_root, ++g_ndirs);
  assert_true(n > 0 && (size_t)n < sizeof g_dir);
  if (mkdir(g_dir, 0700) != 0) fail_msg("mkdir %s: %s", g_dir, strerror(errno));
  return g_dir;
}

const char *cli_fresh_coding_dir(void) {
  const char *dir = cli_fresh_dir();
  cli_write_str("verbs.txt", "# CODE LANG PATTERN: just enough to code the test sentences\n"
                             "190 es atacar\n"
                             "190 en attack\n");
  return dir;
}

static void join(char *buf, size_t cap, const char *name) {
  assert_true(g_dir[0] != 0);
  int n = snprintf(buf, cap, "%s/%s", g_dir, name);
  assert_true(n > 0 && (size_t)n < cap);
}

static void write_fd_all(int fd, const char *data, size_t len) {
  while (len) {
    ssize_t k = write(fd, data, len);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) fail_msg("write: %s", strerror(errno));
    data += k;
    len -= (size_t)k;
  }
}

void cli_write(const char *name, const char *data, size_t len) {
  char path[PATH_MAX];
  join(path, sizeof path, name);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) fail_msg("open %s: %s", path, strerror(errno));
  write_fd_all(fd, data, len);
  close(fd);
}

void cli_write_str(const char *name, const char *text) { cli_write(name, text, strlen(text)); }

void cli_mkdir(const char *name) {
  char path[PATH_MAX];
  join(path, sizeof path, name);
  if (mkdir(path, 0700) != 0) fail_msg("mkdir %s: %s", path, strerror(errno));
}

/* An anonymous read-write file: created under the scratch root and unlinked at once. */
static int anon_file(void) {
  char path[PATH_MAX];
  int n = snprintf(path, sizeof path, "%s/.capture-XXXXXX", g_root);
  assert_true(n > 0 && (size_t)n < sizeof path);
  int fd = mkstemp(path);
  if (fd < 0) fail_msg("mkstemp %s: %s", path, strerror(errno));
  unlink(path);
  return fd;
}

/* Reads a whole file from its start. The caller frees the NUL-terminated result. */
static char *read_fd_all(int fd, size_t *len) {
  if (lseek(fd, 0, SEEK_SET) < 0) fail_msg("lseek: %s", strerror(errno));
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (;;) {
    if (cap - n < 2) {
      cap *= 2;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    ssize_t k = read(fd, buf + n, cap - n - 1);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) fail_msg("read: %s", strerror(errno));
    if (k == 0) break;
    n += (size_t)k;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Builds argv: the binary, then args. */
static void make_argv(const char **argv, const char *const *args) {
  size_t argc = 0;
  argv[argc++] = g_bin;
  for (size_t i = 0; args[i]; i++) {
    assert_true(argc <= MAX_ARGS);
    argv[argc++] = args[i];
  }
  argv[argc] = NULL;
}

/* In the child: the three standard descriptors, the test directory, the alarm, then gesta. */
static void exec_child(int in, int out, int err, const char **argv) {
  if (chdir(g_dir) != 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
  if (in > 2) close(in);
  if (out > 2) close(out);
  if (err > 2) close(err);
  alarm(CHILD_SECONDS); /* a pending alarm survives exec */
  /* An ignored signal stays ignored across exec: gesta must get the default SIGPIPE, so that a
   * test of a closed stdout sees it die if it does not handle that itself. */
  signal(SIGPIPE, SIG_DFL);
  execv(g_bin, (char *const *)argv);
  _exit(127);
}

/* Sets the status, peak RSS and run time of a child that has exited. */
static void child_done(cli_result *r, int st, const struct rusage *ru, double t0) {
  r->seconds = now_seconds() - t0;
  r->max_rss_kb = ru->ru_maxrss;
  if (WIFEXITED(st))
    r->status = WEXITSTATUS(st);
  else if (WIFSIGNALED(st))
    r->status = 128 + WTERMSIG(st);
  else
    r->status = -1;
}

static void check_ran(cli_result *r) {
  if (r->status == 127 || r->status == 126)
    fail_msg("cannot run %s (status %d)", g_bin, r->status);
  if (r->status >= 128) {
    cli_dump(r);
    fail_msg("gesta was killed by signal %d", r->status - 128);
  }
}

void cli_run(cli_result *r, const char *stdin_data, size_t stdin_len, const char *stdout_path,
             const char *const *args) {
  memset(r, 0, sizeof *r);
  assert_non_null(g_bin);
  assert_true(g_dir[0] != 0);
  const char *argv[MAX_ARGS + 2];
  make_argv(argv, args);

  int in = anon_file();
  if (stdin_data) write_fd_all(in, stdin_data, stdin_len);
  if (lseek(in, 0, SEEK_SET) < 0) fail_msg("lseek: %s", strerror(errno));
  int out;
  if (stdout_path && strcmp(stdout_path, CLI_STDOUT_CLOSED_PIPE) == 0) {
    int p[2];
    if (pipe(p) != 0) fail_msg("pipe: %s", strerror(errno));
    close(p[0]); /* no reader: every write gets EPIPE (or SIGPIPE) */
    out = p[1];
    r->stdout_redirected = 1;
  } else if (stdout_path) {
    out = open(stdout_path, O_WRONLY);
    if (out < 0) fail_msg("open %s: %s", stdout_path, strerror(errno));
    r->stdout_redirected = 1;
  } else {
    out = anon_file();
  }
  int err = anon_file();

  fflush(stdout);
  fflush(stderr);
  double t0 = now_seconds();
  pid_t pid = fork();
  if (pid < 0) fail_msg("fork: %s", strerror(errno));
  if (pid == 0) exec_child(in, out, err, argv);
  int st;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  while (wait4(pid, &st, 0, &ru) < 0) {
    if (errno != EINTR) fail_msg("wait4: %s", strerror(errno));
  }
  child_done(r, st, &ru, t0);
  if (r->stdout_redirected) {
    r->out = calloc(1, 1);
    assert_non_null(r->out);
  } else {
    r->out = read_fd_all(out, &r->out_len);
  }
  live_add(r->out);
  r->err = read_fd_all(err, &r->err_len);
  live_add(r->err);
  close(in);
  close(out);
  close(err);
  check_ran(r);
}

/* Appends what fd has to read now (it is non-blocking) to *buf. Returns 0 at its end (EOF, or
 * EIO from a pseudo-terminal master whose other side is closed), 1 otherwise. */
static int drain_fd(int fd, char **buf, size_t *len, size_t *cap) {
  for (;;) {
    if (*cap - *len < 4096) {
      *cap = *cap ? *cap * 2 : 8192;
      *buf = realloc(*buf, *cap);
      assert_non_null(*buf);
    }
    ssize_t k = read(fd, *buf + *len, *cap - *len - 1);
    if (k > 0) {
      *len += (size_t)k;
      continue;
    }
    if (k < 0 && errno == EINTR) continue;
    if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 1;
    return 0;
  }
}

/* Opens a pseudo-terminal with output processing off. Returns the master, or -1. */
static int open_pty(int *slave) {
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  if (m < 0) return -1;
  const char *name = grantpt(m) == 0 && unlockpt(m) == 0 ? ptsname(m) : NULL;
  int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
  struct termios t;
  if (s < 0 || tcgetattr(s, &t) != 0) {
    if (s >= 0) close(s);
    close(m);
    return -1;
  }
  t.c_oflag &= ~(tcflag_t)OPOST;
  tcsetattr(s, TCSANOW, &t);
  *slave = s;
  return m;
}

void cli_run_fed(cli_result *r, const char *const *chunks, size_t nchunks, unsigned delay_ms,
                 int tty_stderr, const char *const *args) {
  memset(r, 0, sizeof *r);
  assert_non_null(g_bin);
  assert_true(g_dir[0] != 0);
  const char *argv[MAX_ARGS + 2];
  make_argv(argv, args);

  int in[2];
  if (pipe(in) != 0) fail_msg("pipe: %s", strerror(errno));
  int out = anon_file();
  int err = -1, master = -1;
  if (tty_stderr) {
    master = open_pty(&err);
    if (master < 0) {
      close(in[0]);
      close(in[1]);
      close(out);
      print_message("no pseudo-terminal: %s\n", strerror(errno));
      skip();
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  } else {
    err = anon_file();
  }

  fflush(stdout);
  fflush(stderr);
  /* A gesta that exits early must not kill the test with SIGPIPE while it is fed. */
  signal(SIGPIPE, SIG_IGN);
  double t0 = now_seconds();
  pid_t pid = fork();
  if (pid < 0) fail_msg("fork: %s", strerror(errno));
  if (pid == 0) {
    close(in[1]);
    if (master >= 0) close(master);
    exec_child(in[0], out, err, argv);
  }
  close(in[0]);
  if (master >= 0) close(err); /* the child holds the terminal's only other end */
  int st = 0, exited = 0;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  size_t next = 0, tty_cap = 0;
  char *tty = NULL;
  size_t tty_len = 0;
  if (nchunks == 0) close(in[1]);
  while (!exited) {
    double t = now_seconds();
    if (next < nchunks && t >= t0 + (double)next * delay_ms / 1000.0) {
      write_fd_all(in[1], chunks[next], strlen(chunks[next]));
      if (++next == nchunks) close(in[1]);
    }
    if (master >= 0) {
      struct pollfd p = {master, POLLIN, 0};
      poll(&p, 1, 10);
      drain_fd(master, &tty, &tty_len, &tty_cap);
    } else {
      struct timespec ts = {0, 10 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
    pid_t w = wait4(pid, &st, WNOHANG, &ru);
    if (w < 0 && errno != EINTR) fail_msg("wait4: %s", strerror(errno));
    exited = w == pid;
  }
  if (next < nchunks) close(in[1]); /* gesta exited before reading everything */
  child_done(r, st, &ru, t0);
  r->out = read_fd_all(out, &r->out_len);
  live_add(r->out);
  if (master >= 0) {
    while (drain_fd(master, &tty, &tty_len, &tty_cap)) {
      struct pollfd p = {master, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) break;
    }
    close(master);
    if (!tty) {
      tty = malloc(1);
      assert_non_null(tty);
    }
    tty[tty_len] = 0;
    r->err = tty;
    r->err_len = tty_len;
  } else {
    r->err = read_fd_all(err, &r->err_len);
    close(err);
  }
  live_add(r->err);
  close(out);
  check_ran(r);
}

void cli_runl(cli_result *r, const char *arg, ...) {
  const char *args[MAX_ARGS + 1];
  size_t n = 0;
  va_list ap;
  va_start(ap, arg);
  for (const char *a = arg; a; a = va_arg(ap, const char *)) {
    assert_true(n < MAX_ARGS);
    args[n++] = a;
  }
  va_end(ap);
  args[n] = NULL;
  cli_run(r, NULL, 0, NULL, args);
}

void cli_result_free(cli_result *r) {
  live_free(r->out);
  live_free(r->err);
  live_free_json(r->events);
  memset(r, 0, sizeof *r);
}

void cli_dump(const cli_result *r) {
  print_error("--- gesta exit status %d\n", r->status);
  if (r->stdout_redirected)
    print_error("--- stdout was redirected\n");
  else
    print_error("--- stdout (%zu bytes)\n%.*s%s\n", r->out_len,
                (int)(r->out_len > 6000 ? 6000 : r->out_len), r->out ? r->out : "",
                r->out_len > 6000 ? "\n[...]" : "");
  print_error("--- stderr (%zu bytes)\n%.*s\n", r->err_len,
              (int)(r->err_len > 6000 ? 6000 : r->err_len), r->err ? r->err : "");
}

/* Iterates over the lines of buf (without their newline). Returns 0 at the end. */
static int next_line(const char *buf, size_t len, size_t *pos, const char **line,
                     size_t *line_len) {
  if (*pos >= len) return 0;
  const char *s = buf + *pos;
  const char *nl = memchr(s, '\n', len - *pos);
  size_t n = nl ? (size_t)(nl - s) : len - *pos;
  *line = s;
  *line_len = n;
  *pos += n + (nl ? 1 : 0);
  return 1;
}

json_t *cli_events(cli_result *r) {
  if (r->events) return r->events;
  assert_false(r->stdout_redirected);
  json_t *arr = json_array();
  assert_non_null(arr);
  live_add_json(arr);
  if (r->out_len && r->out[r->out_len - 1] != '\n') {
    cli_dump(r);
    fail_msg("stdout does not end with a newline");
  }
  size_t pos = 0, lineno = 0, n;
  const char *line;
  while (next_line(r->out, r->out_len, &pos, &line, &n)) {
    lineno++;
    if (n == 0) {
      cli_dump(r);
      fail_msg("stdout line %zu is blank: expected one JSON object per line", lineno);
    }
    json_error_t je;
    json_t *v = json_loadb(line, n, JSON_REJECT_DUPLICATES, &je);
    if (!v) {
      cli_dump(r);
      fail_msg("stdout line %zu is not valid JSON (%s at column %d): %.*s", lineno, je.text,
               je.column, (int)(n > 300 ? 300 : n), line);
    }
    if (!json_is_object(v)) {
      json_decref(v);
      cli_dump(r);
      fail_msg("stdout line %zu is not a JSON object", lineno);
    }
    json_array_append_new(arr, v);
  }
  r->events = arr;
  return arr;
}

json_t *cli_event_at(cli_result *r, size_t i) {
  json_t *evs = cli_events(r);
  if (i >= json_array_size(evs)) {
    cli_dump(r);
    fail_msg("expected an event #%zu, stdout has %zu", i + 1, json_array_size(evs));
  }
  return json_array_get(evs, i);
}

void cli_expect_status(const cli_result *r, int status) {
  if (r->status != status) {
    cli_dump(r);
    fail_msg("gesta exited with status %d, expected %d", r->status, status);
  }
}

size_t cli_err_line_count(const cli_result *r) {
  size_t pos = 0, n, count = 0;
  const char *line;
  while (next_line(r->err, r->err_len, &pos, &line, &n)) count++;
  return count;
}

static int line_matches(const char *line, size_t n, const char *prefix, const char *needle) {
  size_t plen = prefix ? strlen(prefix) : 0;
  if (plen > n || (plen && memcmp(line, prefix, plen) != 0)) return 0;
  if (!needle || !*needle) return 1;
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(line + i, needle, k) == 0) return 1;
  return 0;
}

int cli_err_has_line(const cli_result *r, const char *prefix, const char *needle) {
  size_t pos = 0, n;
  const char *line;
  while (next_line(r->err, r->err_len, &pos, &line, &n))
    if (line_matches(line, n, prefix, needle)) return 1;
  return 0;
}

int cli_err_has_exact_line(const cli_result *r, const char *want) {
  size_t pos = 0, n, k = strlen(want);
  const char *line;
  while (next_line(r->err, r->err_len, &pos, &line, &n))
    if (n == k && memcmp(line, want, k) == 0) return 1;
  return 0;
}

void cli_expect_err_line(const cli_result *r, const char *prefix, const char *needle) {
  if (!cli_err_has_line(r, prefix, needle)) {
    cli_dump(r);
    fail_msg("no stderr line starts with \"%s\" and contains \"%s\"", prefix ? prefix : "",
             needle ? needle : "");
  }
}

void cli_expect_no_output(const cli_result *r) {
  if (r->out_len) {
    cli_dump(r);
    fail_msg("expected nothing on stdout, got %zu bytes", r->out_len);
  }
}

void cli_expect_summary(cli_result *r, size_t read, size_t coded, size_t failed, size_t events) {
  static const char prefix[] = "gesta: documents read ";
  if (r->err_len == 0 || r->err[r->err_len - 1] != '\n') {
    cli_dump(r);
    fail_msg("stderr must end with the summary line and a newline");
  }
  size_t pos = 0, n, nsummary = 0;
  const char *line, *last = NULL;
  size_t last_len = 0;
  while (next_line(r->err, r->err_len, &pos, &line, &n)) {
    if (line_matches(line, n, prefix, NULL)) nsummary++;
    last = line;
    last_len = n;
  }
  char buf[256];
  if (!last || last_len >= sizeof buf) {
    cli_dump(r);
    fail_msg("the last stderr line is not a summary line");
  }
  memcpy(buf, last, last_len);
  buf[last_len] = 0;
  size_t R, C, F, E;
  int used = -1;
  if (sscanf(buf, "gesta: documents read %zu, coded %zu, failed %zu; events %zu%n", &R, &C, &F, &E,
             &used) != 4 ||
      used != (int)last_len) {
    cli_dump(r);
    fail_msg("the last stderr line is not the summary: \"%s\"", buf);
  }
  if (nsummary != 1) {
    cli_dump(r);
    fail_msg("%zu summary lines on stderr, expected exactly one", nsummary);
  }
  if (R != C + F) {
    cli_dump(r);
    fail_msg("summary \"%s\": read %zu is not coded %zu + failed %zu", buf, R, C, F);
  }
  if (R != read || C != coded || F != failed || E != events) {
    cli_dump(r);
    fail_msg("summary \"%s\", expected read %zu, coded %zu, failed %zu; events %zu", buf, read,
             coded, failed, events);
  }
  if (!r->stdout_redirected) {
    size_t lines = json_array_size(cli_events(r));
    if (lines != E) {
      cli_dump(r);
      fail_msg("summary counts %zu events but stdout has %zu", E, lines);
    }
  }
}

/* ---- events ------------------------------------------------------------------------------- */

static const char *const k_fields[] = {
    "doc",         "sentence_index", "sentence",    "lang",        "date",        "source",
    "target",      "code",           "root",        "quad_class",  "goldstein",   "source_text",
    "target_text", "verb_text",      "source_span", "target_span", "verb_span"};
#define NFIELDS (sizeof k_fields / sizeof k_fields[0])

static void fail_event(const json_t *ev, const char *why, const char *key) {
  char *s = json_dumps(ev, JSON_COMPACT | JSON_ENSURE_ASCII);
  print_error("event: %s\n", s ? s : "?");
  free(s);
  fail_msg("%s (field \"%s\")", why, key);
}

static const char *str_field(const json_t *ev, const char *key) {
  const json_t *v = json_object_get(ev, key);
  if (!json_is_string(v)) fail_event(ev, "not a string", key);
  return json_string_value(v);
}

/* Checks that span [a, b) of sentence spells the string field text_key exactly. A span is never
 * empty; it may be null only when allow_empty is set, and then the text must be "". */
static void check_span(const json_t *ev, const char *span_key, const char *text_key,
                       int allow_empty) {
  const json_t *sent = json_object_get(ev, "sentence");
  const char *s = json_string_value(sent);
  size_t slen = json_string_length(sent);
  const json_t *text = json_object_get(ev, text_key);
  const char *t = json_string_value(text);
  size_t tlen = json_string_length(text);
  const json_t *span = json_object_get(ev, span_key);
  if (allow_empty && json_is_null(span)) {
    if (tlen) fail_event(ev, "null span with a non-empty text", span_key);
    return;
  }
  if (!json_is_array(span) || json_array_size(span) != 2 ||
      !json_is_integer(json_array_get(span, 0)) || !json_is_integer(json_array_get(span, 1)))
    fail_event(ev, "a span must be [start, end] with two integers", span_key);
  json_int_t a = json_integer_value(json_array_get(span, 0));
  json_int_t b = json_integer_value(json_array_get(span, 1));
  if (a < 0 || b < a || (size_t)b > slen) fail_event(ev, "span outside the sentence", span_key);
  if (a == b) fail_event(ev, allow_empty ? "an empty span must be null" : "empty span", span_key);
  if ((size_t)(b - a) != tlen || memcmp(s + a, t, tlen) != 0) {
    print_error("sentence[%lld, %lld) is \"%.*s\", %s is \"%s\"\n", (long long)a, (long long)b,
                (int)(b - a), s + a, text_key, t);
    fail_event(ev, "span does not index the sentence to give the text", span_key);
  }
}

void cli_check_event_shape(const json_t *ev) {
  if (!json_is_object(ev)) fail_msg("an event must be a JSON object");
  /* docs/output.md: new fields may be added, none is renamed or removed. */
  for (size_t i = 0; i < NFIELDS; i++)
    if (!json_object_get(ev, k_fields[i])) fail_event(ev, "missing field", k_fields[i]);

  if (!str_field(ev, "doc")[0]) fail_event(ev, "empty document id", "doc");
  const json_t *idx = json_object_get(ev, "sentence_index");
  if (!json_is_integer(idx) || json_integer_value(idx) < 0)
    fail_event(ev, "not a non-negative integer", "sentence_index");
  str_field(ev, "sentence");
  const char *lang = str_field(ev, "lang");
  if (strcmp(lang, "es") != 0 && strcmp(lang, "en") != 0)
    fail_event(ev, "lang is not es or en", "lang");
  const json_t *date = json_object_get(ev, "date");
  if (!json_is_null(date) && !(json_is_string(date) && gesta_date_valid(json_string_value(date))))
    fail_event(ev, "date is neither null nor YYYY-MM-DD", "date");
  /* An empty source (--sourceless: the text names none) has no span. */
  if (!str_field(ev, "source")[0] && !json_is_null(json_object_get(ev, "source_span")))
    fail_event(ev, "empty source with a span", "source");
  const char *target = str_field(ev, "target");
  const char *code = str_field(ev, "code");
  size_t clen = strlen(code);
  if (clen < 2 || clen > 4 || strspn(code, "0123456789") != clen)
    fail_event(ev, "code is not 2 to 4 digits", "code");
  const char *root = str_field(ev, "root");
  if (strlen(root) != 2 || memcmp(root, code, 2) != 0)
    fail_event(ev, "root is not the first two digits of code", "root");
  const json_t *quad = json_object_get(ev, "quad_class");
  if (!json_is_integer(quad) || json_integer_value(quad) < 1 || json_integer_value(quad) > 4)
    fail_event(ev, "quad_class is not an integer 1..4", "quad_class");
  const json_t *gs = json_object_get(ev, "goldstein");
  if (!json_is_number(gs) || json_number_value(gs) < -10.0 || json_number_value(gs) > 10.0)
    fail_event(ev, "goldstein is not a number in -10..10", "goldstein");
  str_field(ev, "source_text");
  str_field(ev, "target_text");
  str_field(ev, "verb_text");
  /* source_span is null (and source_text "") when the source was carried over from an earlier
   * sentence: a dropped subject. */
  check_span(ev, "source_span", "source_text", 1);
  check_span(ev, "verb_span", "verb_text", 0);
  if (target[0]) {
    check_span(ev, "target_span", "target_text", 0);
  } else {
    if (str_field(ev, "target_text")[0])
      fail_event(ev, "target text without a target", "target_text");
    check_span(ev, "target_span", "target_text", 1);
  }
}

static void expect_str(const json_t *ev, const char *key, const char *want) {
  const char *got = str_field(ev, key);
  if (strcmp(got, want) != 0) {
    print_error("%s: got \"%s\", expected \"%s\"\n", key, got, want);
    fail_event(ev, "unexpected value", key);
  }
}

void cli_expect_event(const json_t *ev, const char *doc, size_t sentence_index, const char *date,
                      const char *lang, const char *source, const char *target, const char *code,
                      const char *source_text, const char *target_text, const char *verb_text) {
  cli_check_event_shape(ev);
  expect_str(ev, "doc", doc);
  json_int_t idx = json_integer_value(json_object_get(ev, "sentence_index"));
  if (idx != (json_int_t)sentence_index) {
    print_error("sentence_index: got %lld, expected %zu\n", (long long)idx, sentence_index);
    fail_event(ev, "unexpected value", "sentence_index");
  }
  const json_t *d = json_object_get(ev, "date");
  if (date) {
    expect_str(ev, "date", date);
  } else if (!json_is_null(d)) {
    fail_event(ev, "expected null (no date given)", "date");
  }
  expect_str(ev, "lang", lang);
  expect_str(ev, "source", source);
  expect_str(ev, "target", target);
  expect_str(ev, "code", code);
  if (source_text) expect_str(ev, "source_text", source_text);
  if (target_text) expect_str(ev, "target_text", target_text);
  if (verb_text) expect_str(ev, "verb_text", verb_text);
}
