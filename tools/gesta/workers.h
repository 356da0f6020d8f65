/*
 * A fixed set of threads that run jobs and hand them back in the order they were submitted.
 * The caller owns the jobs (opaque pointers) and bounds how many are in flight: at most the
 * capacity given to workers_new. Only one thread (the caller's) submits and takes jobs back.
 * It knows nothing about documents; tools/gesta/main.c puts batches of input lines through it.
 */
#ifndef GESTA_TOOL_WORKERS_H
#define GESTA_TOOL_WORKERS_H

#include <stddef.h>

typedef struct workers workers;

/* Runs one job on worker thread `worker` (0 .. threads - 1). */
typedef void (*workers_fn)(void *job, int worker, void *ctx);

/* Starts `threads` threads (>= 1) that run fn on the jobs submitted, at most `capacity` (>= 1)
 * of them in flight. Returns 0, or -1 (nothing started, *out NULL). Free with workers_free. */
int workers_new(workers **out, int threads, size_t capacity, workers_fn fn, void *ctx);

/* Jobs submitted and not yet taken back. */
size_t workers_in_flight(const workers *w);

/* Queues a job; the caller keeps at most `capacity` in flight (returns -1 otherwise). */
int workers_submit(workers *w, void *job);

/* The oldest job in flight once it has run (waiting for it when `wait`), or NULL when none is in
 * flight or, without `wait`, when it has not run yet. */
void *workers_take(workers *w, int wait);

/* Waits for the jobs in flight to finish, stops the threads and frees w (NULL is a no-op). Jobs
 * not taken back are dropped: the caller still owns them. */
void workers_free(workers *w);

#endif
