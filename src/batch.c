/*
 * Parallel coding with ordered output. A batch of documents is shared by the worker threads,
 * which take documents one at a time (an atomic counter) and code each with their own coder,
 * writing its events as JSON lines and its warnings into that document's slot. The calling
 * thread then delivers the slots in input order. Threads live as long as the batch object and
 * wait on a condition variable between batches. With one thread no thread is started.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "internal.h"

typedef struct slot {
  gbuf jsonl, warnings;
  size_t events;
  int status;
  char errmsg[512];
} slot;

typedef struct worker {
  gesta_batch *b;
  gesta_coder *coder;
  gbuf json; /* one event */
  slot *cur;
  pthread_t thread;
  int started;
} worker;

struct gesta_batch {
  int nthreads;
  worker *w;
  /* The batch being coded. */
  const gesta_document *docs;
  size_t n;
  slot *slots;
  size_t nslots_cap;
  atomic_size_t next;
  size_t done;
  unsigned generation;
  int quit;
  pthread_mutex_t mu;
  pthread_cond_t work, finished;
};

static int on_event(const gesta_event *ev, void *user) {
  worker *w = user;
  size_t need = gesta_event_to_json(ev, w->json.data, w->json.cap);
  if (need + 1 >= w->json.cap) {
    if (gesta__buf_reserve(&w->json, need + 2)) return 1;
    gesta_event_to_json(ev, w->json.data, w->json.cap);
  }
  if (gesta__buf_append(&w->cur->jsonl, w->json.data, need) || gesta__buf_putc(&w->cur->jsonl, '\n'))
    return 1;
  w->cur->events++;
  return 0;
}

static void on_warn(const char *doc, size_t line, const char *message, void *user) {
  worker *w = user;
  GESTA_UNUSED(doc);
  char head[48];
  int n = snprintf(head, sizeof head, "line %zu: ", line);
  if (n < 0) n = 0;
  if (gesta__buf_append(&w->cur->warnings, head, (size_t)n) ||
      gesta__buf_append(&w->cur->warnings, message, strlen(message)) ||
      gesta__buf_putc(&w->cur->warnings, '\n')) {
    /* A lost warning is not worth failing the document for. */
  }
}

static void code_one(worker *w, size_t i) {
  gesta_batch *b = w->b;
  slot *s = &b->slots[i];
  w->cur = s;
  s->jsonl.len = s->warnings.len = 0;
  if (s->jsonl.data) s->jsonl.data[0] = 0;
  if (s->warnings.data) s->warnings.data[0] = 0;
  s->events = 0;
  s->errmsg[0] = 0;
  s->status = gesta_coder_code(w->coder, &b->docs[i], on_event, w);
  if (s->status) {
    snprintf(s->errmsg, sizeof s->errmsg, "%s", gesta_coder_errmsg(w->coder));
    if (s->status == GESTA_ESTOP) {
      /* Our own callback stops only when memory runs out. */
      s->status = GESTA_ENOMEM;
      snprintf(s->errmsg, sizeof s->errmsg, "document %s: out of memory", b->docs[i].id);
    }
  }
}

/* Takes documents until the batch is exhausted. */
static void drain(worker *w) {
  gesta_batch *b = w->b;
  size_t i;
  while ((i = atomic_fetch_add(&b->next, 1)) < b->n) {
    code_one(w, i);
    pthread_mutex_lock(&b->mu);
    if (++b->done == b->n) pthread_cond_signal(&b->finished);
    pthread_mutex_unlock(&b->mu);
  }
}

static void *run(void *arg) {
  worker *w = arg;
  gesta_batch *b = w->b;
  unsigned seen = 0;
  for (;;) {
    pthread_mutex_lock(&b->mu);
    while (!b->quit && b->generation == seen) pthread_cond_wait(&b->work, &b->mu);
    if (b->quit) {
      pthread_mutex_unlock(&b->mu);
      return NULL;
    }
    seen = b->generation;
    pthread_mutex_unlock(&b->mu);
    drain(w);
  }
}

int gesta_batch_new(gesta_batch **out, const gesta_dict *d, const gesta_coder_options *o,
                    int threads) {
  if (!out) return GESTA_EINVAL;
  *out = NULL;
  if (!d || threads < 1 || threads > 256) return GESTA_EINVAL;
  gesta_batch *b = gesta__calloc(1, sizeof *b);
  if (!b) return GESTA_ENOMEM;
  b->nthreads = threads;
  pthread_mutex_init(&b->mu, NULL);
  pthread_cond_init(&b->work, NULL);
  pthread_cond_init(&b->finished, NULL);
  b->w = gesta__calloc((size_t)threads, sizeof *b->w);
  int rc = b->w ? 0 : GESTA_ENOMEM;
  for (int t = 0; t < threads && !rc; t++) {
    worker *w = &b->w[t];
    w->b = b;
    gesta_coder_options co;
    if (o)
      co = *o;
    else
      gesta_coder_options_default(&co);
    co.warn = on_warn;
    co.warn_user = w;
    rc = gesta_coder_new(&w->coder, d, &co);
    /* The calling thread is worker 0; the others get threads of their own. */
    if (!rc && t > 0) {
      if (pthread_create(&w->thread, NULL, run, w) != 0)
        rc = GESTA_ENOMEM;
      else
        w->started = 1;
    }
  }
  if (rc) {
    gesta_batch_free(b);
    return rc;
  }
  *out = b;
  return GESTA_OK;
}

int gesta_batch_code(gesta_batch *b, const gesta_document *docs, size_t n, gesta_batch_cb cb,
                     void *user) {
  if (!b || (!docs && n)) return GESTA_EINVAL;
  if (n > b->nslots_cap) {
    slot *s = gesta__realloc(b->slots, n * sizeof *s);
    if (!s) return GESTA_ENOMEM;
    memset(s + b->nslots_cap, 0, (n - b->nslots_cap) * sizeof *s);
    b->slots = s;
    b->nslots_cap = n;
  }
  pthread_mutex_lock(&b->mu);
  b->docs = docs;
  b->n = n;
  b->done = 0;
  atomic_store(&b->next, 0);
  b->generation++;
  pthread_cond_broadcast(&b->work);
  pthread_mutex_unlock(&b->mu);
  drain(&b->w[0]);
  pthread_mutex_lock(&b->mu);
  while (b->done < n) pthread_cond_wait(&b->finished, &b->mu);
  pthread_mutex_unlock(&b->mu);
  for (size_t i = 0; i < n; i++) {
    const slot *s = &b->slots[i];
    gesta_batch_result r;
    r.index = i;
    r.status = s->status;
    r.errmsg = s->errmsg;
    r.jsonl = s->jsonl.data ? s->jsonl.data : "";
    r.jsonl_len = s->jsonl.len;
    r.events = s->events;
    r.warnings = s->warnings.data ? s->warnings.data : "";
    r.warnings_len = s->warnings.len;
    if (cb && cb(&r, user)) return GESTA_ESTOP;
  }
  return GESTA_OK;
}

void gesta_batch_free(gesta_batch *b) {
  if (!b) return;
  pthread_mutex_lock(&b->mu);
  b->quit = 1;
  pthread_cond_broadcast(&b->work);
  pthread_mutex_unlock(&b->mu);
  for (int t = 0; b->w && t < b->nthreads; t++) {
    if (b->w[t].started) pthread_join(b->w[t].thread, NULL);
    gesta_coder_free(b->w[t].coder);
    gesta__buf_free(&b->w[t].json);
  }
  for (size_t i = 0; i < b->nslots_cap; i++) {
    gesta__buf_free(&b->slots[i].jsonl);
    gesta__buf_free(&b->slots[i].warnings);
  }
  gesta__free(b->slots);
  gesta__free(b->w);
  pthread_mutex_destroy(&b->mu);
  pthread_cond_destroy(&b->work);
  pthread_cond_destroy(&b->finished);
  gesta__free(b);
}

size_t gesta_batch_sentences(const gesta_batch *b) {
  size_t n = 0;
  for (int t = 0; b && t < b->nthreads; t++) n += gesta_coder_sentences(b->w[t].coder);
  return n;
}
