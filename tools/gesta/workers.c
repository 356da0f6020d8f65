/*
 * The ordered worker pool (workers.h). Jobs sit in a ring of `capacity` entries in the order
 * they were submitted: workers take them from the front of the part not yet started, the caller
 * takes them back from the oldest end once each is marked done. One mutex guards the ring; it is
 * held only to move an index, never while a job runs.
 */
#define _POSIX_C_SOURCE 200809L
#include "workers.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct entry {
  void *job;
  int done;
} entry;

typedef struct thread {
  workers *w;
  int id;
  pthread_t t;
} thread;

struct workers {
  workers_fn fn;
  void *ctx;
  entry *ring;
  size_t cap;
  size_t submitted; /* jobs ever submitted */
  size_t started;   /* jobs ever taken by a worker */
  size_t returned;  /* jobs ever taken back by the caller */
  int quit;
  pthread_mutex_t mu;
  pthread_cond_t work; /* a job was submitted, or quit was set */
  pthread_cond_t done; /* a job finished */
  thread *threads;
  int nthreads; /* threads started */
};

static void *run(void *arg) {
  thread *self = arg;
  workers *w = self->w;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while (!w->quit && w->started == w->submitted) pthread_cond_wait(&w->work, &w->mu);
    if (w->started == w->submitted) break; /* quit, and nothing left to run */
    entry *e = &w->ring[w->started++ % w->cap];
    pthread_mutex_unlock(&w->mu);
    w->fn(e->job, self->id, w->ctx);
    pthread_mutex_lock(&w->mu);
    e->done = 1;
    pthread_cond_signal(&w->done);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

int workers_new(workers **out, int threads, size_t capacity, workers_fn fn, void *ctx) {
  *out = NULL;
  if (threads < 1 || capacity < 1 || !fn) return -1;
  workers *w = calloc(1, sizeof *w);
  if (!w) return -1;
  w->fn = fn;
  w->ctx = ctx;
  w->cap = capacity;
  w->ring = calloc(capacity, sizeof *w->ring);
  w->threads = calloc((size_t)threads, sizeof *w->threads);
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->work, NULL);
  pthread_cond_init(&w->done, NULL);
  if (!w->ring || !w->threads) {
    workers_free(w);
    return -1;
  }
  for (int i = 0; i < threads; i++) {
    w->threads[i].w = w;
    w->threads[i].id = i;
    if (pthread_create(&w->threads[i].t, NULL, run, &w->threads[i]) != 0) {
      workers_free(w);
      return -1;
    }
    w->nthreads++;
  }
  *out = w;
  return 0;
}

size_t workers_in_flight(const workers *w) { return w->submitted - w->returned; }

int workers_submit(workers *w, void *job) {
  if (w->submitted - w->returned == w->cap) return -1;
  pthread_mutex_lock(&w->mu);
  entry *e = &w->ring[w->submitted % w->cap];
  e->job = job;
  e->done = 0;
  w->submitted++;
  pthread_cond_signal(&w->work);
  pthread_mutex_unlock(&w->mu);
  return 0;
}

void *workers_take(workers *w, int wait) {
  if (w->returned == w->submitted) return NULL;
  entry *e = &w->ring[w->returned % w->cap];
  void *job = NULL;
  pthread_mutex_lock(&w->mu);
  while (wait && !e->done) pthread_cond_wait(&w->done, &w->mu);
  if (e->done) {
    job = e->job;
    e->done = 0;
    w->returned++;
  }
  pthread_mutex_unlock(&w->mu);
  return job;
}

void workers_free(workers *w) {
  if (!w) return;
  pthread_mutex_lock(&w->mu);
  w->quit = 1;
  pthread_cond_broadcast(&w->work);
  pthread_mutex_unlock(&w->mu);
  for (int i = 0; i < w->nthreads; i++) pthread_join(w->threads[i].t, NULL);
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->work);
  pthread_cond_destroy(&w->done);
  free(w->threads);
  free(w->ring);
  free(w);
}
