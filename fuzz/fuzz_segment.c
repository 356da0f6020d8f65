/*
 * Fuzz target: segmentation and normalisation, the internal stages before matching, driven the
 * way src/coder.c drives them: gesta__utf8_repair() on the bytes, gesta__split_paragraphs(), then
 * for each paragraph gesta__tokenize(), gesta__furniture() and gesta__split_sentences(), with the
 * built-in dictionaries for abbreviations, credits and sentence starts. Besides memory errors it
 * checks what each stage promises: repaired text is valid UTF-8 without NUL, paragraphs and tokens
 * are ordered and inside their range, folded forms are NUL-terminated, sentences tile the kept
 * range. It does not identify languages or match dictionaries (fuzz_text and fuzz_pipeline do).
 */
#include "fuzz.h"
#include "normalize.h"
#include "pipeline.h"

static int abbrev_cb(const void *ctx, uint64_t hash) {
  return gesta__lex_word_in_class((const gesta_dict *)ctx, hash, -1, CLS_ABBREV);
}

static void check_repair(const uint8_t *data, size_t size, const gbuf *buf, long bad,
                         size_t first_bad) {
  FUZZ_CHECK(bad >= 0);
  FUZZ_CHECK(fuzz_utf8_valid(buf->data ? buf->data : "", buf->len));
  if (buf->len) FUZZ_CHECK(memchr(buf->data, 0, buf->len) == NULL);
  if (bad == 0) {
    FUZZ_CHECK(buf->len == size);
    if (size) FUZZ_CHECK(memcmp(buf->data, data, size) == 0);
  } else {
    FUZZ_CHECK(first_bad < size);
    /* Each replacement turns at least one byte into the three of U+FFFD. */
    FUZZ_CHECK((size_t)bad <= size && buf->len >= size && buf->len <= size + 2 * (size_t)bad);
    FUZZ_CHECK(memcmp(buf->data, data, first_bad) == 0);
    FUZZ_CHECK(memcmp(buf->data + first_bad, "\xEF\xBF\xBD", 3) == 0);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const gesta_dict *d = fuzz_builtin_dict();
  gbuf buf = {0};
  size_t first_bad = 0;
  long bad = gesta__utf8_repair((const char *)data, size, &buf, &first_bad);
  check_repair(data, size, &buf, bad, first_bad);
  /* The coder NUL-terminates its buffer before segmenting: do the same. */
  FUZZ_CHECK(gesta__buf_reserve(&buf, 1) == 0);
  buf.data[buf.len] = 0;

  gvec paras, toks, sents;
  arena ar;
  gesta__vec_init(&paras, sizeof(paragraph));
  gesta__vec_init(&toks, sizeof(token));
  gesta__vec_init(&sents, sizeof(sentence));
  gesta__arena_init(&ar, 4096);
  FUZZ_CHECK(gesta__split_paragraphs(buf.data, 0, buf.len, 1, &paras) == 0);
  uint32_t prev_end = 0, prev_line = 0;
  for (size_t p = 0; p < paras.len; p++) {
    paragraph *pg = &GVEC_AT(&paras, paragraph, p);
    FUZZ_CHECK(pg->start < pg->end && pg->end <= buf.len);
    FUZZ_CHECK(pg->start >= prev_end && pg->line > prev_line);
    prev_end = pg->end;
    prev_line = pg->line;
    /* Paragraphs start and end on character boundaries. */
    FUZZ_CHECK(fuzz_utf8_valid(buf.data + pg->start, pg->end - pg->start));

    size_t first = toks.len;
    FUZZ_CHECK(gesta__tokenize(buf.data, pg->start, pg->end, &ar, &toks, abbrev_cb, d) == 0);
    const token *tok = (const token *)toks.data;
    uint32_t last_end = pg->start;
    for (size_t t = first; t < toks.len; t++) {
      const token *tk = &tok[t];
      FUZZ_CHECK(tk->start < tk->end && tk->start >= last_end && tk->end <= pg->end);
      FUZZ_CHECK(fuzz_utf8_valid(buf.data + tk->start, tk->end - tk->start));
      /* corpus/segment/norm_exactly_fills_buffer.txt folds to exactly the bytes token.c's
       * emit() first reserves: the NUL must still be there. */
      FUZZ_CHECK(tk->norm != NULL && tk->norm[tk->norm_len] == 0);
      FUZZ_CHECK(fuzz_utf8_valid(tk->norm, tk->norm_len));
      FUZZ_CHECK(!!(tk->flags & TF_WORD) + !!(tk->flags & TF_PUNCT) == 1);
      last_end = tk->end;
    }
    uint32_t a = (uint32_t)first, b = (uint32_t)toks.len;
    if (a == b) continue; /* only spaces the line trimming does not know */
    uint32_t dash;
    int kept = gesta__furniture(d, buf.data, tok, &a, &b, &dash);
    FUZZ_CHECK(a >= first && b <= toks.len);
    if (dash) {
      FUZZ_CHECK(dash > first && dash < a);
      const char *c = gesta__dateline_country(d, tok, (uint32_t)first, dash, 0);
      FUZZ_CHECK(!c || strlen(c) >= 3);
    }
    if (!kept) continue;
    FUZZ_CHECK(a < b);
    size_t s0 = sents.len;
    FUZZ_CHECK(gesta__split_sentences(d, tok, a, b, &sents) == 0);
    FUZZ_CHECK(sents.len > s0);
    uint32_t expect = a;
    for (size_t k = s0; k < sents.len; k++) {
      const sentence *se = &GVEC_AT(&sents, sentence, k);
      FUZZ_CHECK(se->tok_a == expect && se->tok_a < se->tok_b);
      expect = se->tok_b;
    }
    FUZZ_CHECK(expect == b);
  }
  gesta__arena_free(&ar);
  gesta__vec_free(&sents);
  gesta__vec_free(&toks);
  gesta__vec_free(&paras);
  gesta__buf_free(&buf);
  return 0;
}
