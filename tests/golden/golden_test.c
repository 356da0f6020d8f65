/*
 * Golden end-to-end cases: each *.test file under tests/golden holds short documents with the
 * exact set of (source, target, code) events they must yield with the built-in dictionaries
 * (format: tests/golden/README.md). Every case is one cmocka test.
 * Usage: golden_test FILE.test...
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gesta/gesta.h>

#define MAX_EVENTS 64

typedef struct triple {
  char src[40], tgt[40], code[8];
} triple;

typedef struct gcase {
  char name[128];
  char date[16];
  char lang[8];
  char country[8];
  char *text;
  size_t text_len;
  triple expect[MAX_EVENTS];
  int nexpect;
  int expect_none;
} gcase;

static gesta_dict *g_dict;

static void trim(char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = 0;
}

/* Removes a trailing "  # comment" from a field line. */
static void strip_comment(char *s) {
  char *h = strstr(s, " #");
  if (!h) h = strstr(s, "\t#");
  if (h) *h = 0;
  trim(s);
}

static int parse_triple(const char *s, triple *t) {
  char a[40], b[40], c[8];
  if (sscanf(s, "%39s %39s %7s", a, b, c) != 3) return -1;
  if (strcmp(a, "-") == 0) a[0] = 0;
  memcpy(t->src, a, sizeof a);
  if (strcmp(b, "-") == 0) b[0] = 0;
  memcpy(t->tgt, b, sizeof b);
  memcpy(t->code, c, sizeof c);
  return 0;
}

static gcase *load_cases(const char *path, size_t *count) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  gcase *cases = NULL;
  size_t n = 0, cap = 0;
  gcase *cur = NULL;
  char *line = NULL;
  size_t lcap = 0;
  size_t lineno = 0;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  while (getline(&line, &lcap, f) >= 0) {
    lineno++;
    trim(line);
    if (line[0] == '#') continue;
    if (line[0] == 0) {
      cur = NULL;
      continue;
    }
    if (!cur) {
      if (n == cap) {
        cap = cap ? cap * 2 : 64;
        cases = realloc(cases, cap * sizeof *cases);
        if (!cases) exit(2);
      }
      cur = &cases[n++];
      memset(cur, 0, sizeof *cur);
      snprintf(cur->name, sizeof cur->name, "%s:%zu", base, lineno);
      snprintf(cur->date, sizeof cur->date, "2025-03-03");
    }
    if (strncmp(line, "date:", 5) == 0) {
      strip_comment(line);
      snprintf(cur->date, sizeof cur->date, "%s", line + 5 + strspn(line + 5, " "));
    } else if (strncmp(line, "lang:", 5) == 0) {
      strip_comment(line);
      snprintf(cur->lang, sizeof cur->lang, "%s", line + 5 + strspn(line + 5, " "));
    } else if (strncmp(line, "country:", 8) == 0) {
      strip_comment(line);
      snprintf(cur->country, sizeof cur->country, "%s", line + 8 + strspn(line + 8, " "));
    } else if (strncmp(line, "text:", 5) == 0) {
      const char *t = line + 5 + strspn(line + 5, " ");
      size_t tl = strlen(t);
      cur->text = realloc(cur->text, cur->text_len + tl + 2);
      if (!cur->text) exit(2);
      if (cur->text_len) cur->text[cur->text_len++] = '\n';
      memcpy(cur->text + cur->text_len, t, tl + 1);
      cur->text_len += tl;
    } else if (strncmp(line, "expect:", 7) == 0) {
      strip_comment(line);
      const char *e = line + 7 + strspn(line + 7, " ");
      if (strcmp(e, "none") == 0) {
        cur->expect_none = 1;
      } else if (cur->nexpect == MAX_EVENTS || parse_triple(e, &cur->expect[cur->nexpect++])) {
        fprintf(stderr, "%s:%zu: bad expect line\n", path, lineno);
        exit(2);
      }
    } else {
      fprintf(stderr, "%s:%zu: unknown line: %s\n", path, lineno, line);
      exit(2);
    }
  }
  free(line);
  fclose(f);
  for (size_t i = 0; i < n; i++) {
    if (!cases[i].text || (!cases[i].nexpect && !cases[i].expect_none)) {
      fprintf(stderr, "%s: case %s needs text: and expect: lines\n", path, cases[i].name);
      exit(2);
    }
    if (cases[i].nexpect && cases[i].expect_none) {
      fprintf(stderr, "%s: case %s expects both none and events\n", path, cases[i].name);
      exit(2);
    }
  }
  *count = n;
  return cases;
}

typedef struct got {
  triple t[MAX_EVENTS];
  int n;
} got;

static int has(const triple *set, int n, const triple *x) {
  for (int i = 0; i < n; i++)
    if (!strcmp(set[i].src, x->src) && !strcmp(set[i].tgt, x->tgt) && !strcmp(set[i].code, x->code))
      return 1;
  return 0;
}

static int collect(const gesta_event *ev, void *user) {
  got *g = user;
  triple t;
  snprintf(t.src, sizeof t.src, "%s", ev->source);
  snprintf(t.tgt, sizeof t.tgt, "%s", ev->target);
  snprintf(t.code, sizeof t.code, "%s", ev->code);
  if (!has(g->t, g->n, &t) && g->n < MAX_EVENTS) g->t[g->n++] = t;
  return 0;
}

static void run_case(void **state) {
  const gcase *c = *state;
  gesta_coder *coder;
  assert_int_equal(gesta_coder_new(&coder, g_dict, NULL), 0);
  gesta_document doc = {0};
  doc.id = c->name;
  doc.text = c->text;
  doc.text_len = c->text_len;
  doc.date = strcmp(c->date, "none") == 0 ? NULL : c->date; /* "date: none": an undated text */
  doc.lang = c->lang[0] ? c->lang : NULL;
  doc.country = c->country[0] ? c->country : NULL;
  got g = {0};
  int rc = gesta_coder_code(coder, &doc, collect, &g);
  gesta_coder_free(coder);
  assert_int_equal(rc, 0);
  int ok = g.n == c->nexpect;
  for (int i = 0; ok && i < c->nexpect; i++) ok = has(g.t, g.n, &c->expect[i]);
  if (!ok) {
    print_error("%s\n  text: %s\n", c->name, c->text);
    for (int i = 0; i < c->nexpect; i++)
      print_error("  expected: %s %s %s%s\n", c->expect[i].src[0] ? c->expect[i].src : "-",
                  c->expect[i].tgt[0] ? c->expect[i].tgt : "-", c->expect[i].code,
                  has(g.t, g.n, &c->expect[i]) ? "" : "   <- missing");
    for (int i = 0; i < g.n; i++)
      print_error("  got:      %s %s %s%s\n", g.t[i].src[0] ? g.t[i].src : "-", g.t[i].tgt[0] ? g.t[i].tgt : "-",
                  g.t[i].code, has(c->expect, c->nexpect, &g.t[i]) ? "" : "   <- unexpected");
    fail();
  }
}

int main(int argc, char **argv) {
  gesta_dict_builder *b;
  if (gesta_dict_builder_new(&b) || gesta_dict_builder_add_builtin(b, GESTA_DICT_ALL) ||
      gesta_dict_builder_build(b, &g_dict)) {
    fprintf(stderr, "cannot load the built-in dictionaries: %s\n", gesta_dict_builder_errmsg(b));
    return 2;
  }
  gesta_dict_builder_free(b);
  size_t total = 0;
  gcase **files = calloc((size_t)argc, sizeof *files);
  size_t *counts = calloc((size_t)argc, sizeof *counts);
  for (int i = 1; i < argc; i++) {
    files[i] = load_cases(argv[i], &counts[i]);
    total += counts[i];
  }
  struct CMUnitTest *tests = calloc(total ? total : 1, sizeof *tests);
  size_t k = 0;
  for (int i = 1; i < argc; i++)
    for (size_t j = 0; j < counts[i]; j++) {
      tests[k].name = files[i][j].name;
      tests[k].test_func = run_case;
      tests[k].initial_state = &files[i][j];
      k++;
    }
  int failed = _cmocka_run_group_tests("golden", tests, total, NULL, NULL);
  for (int i = 1; i < argc; i++) {
    for (size_t j = 0; j < counts[i]; j++) free(files[i][j].text);
    free(files[i]);
  }
  free(files);
  free(counts);
  free(tests);
  gesta_dict_free(g_dict);
  return failed ? 1 : 0;
}
