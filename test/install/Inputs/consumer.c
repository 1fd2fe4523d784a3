/* A program outside the project that uses the installed
 * <atomics-tidy/atomic.h>: a counter incremented by several threads with
 * qatomic_fetch_add, a full barrier after a read-modify-write, and a message
 * passed with qatomic_store_release/qatomic_load_acquire. Every line it
 * prints is checked by the install tests. */
#include <atomics-tidy/atomic.h>

#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define INCREMENTS 100000

static long counter;
static int message;
static int ready;

static void *increment(void *arg) {
  (void)arg;
  for (int n = 0; n < INCREMENTS; n++) {
    qatomic_fetch_add(&counter, 1);
  }
  return NULL;
}

static void *producer(void *arg) {
  (void)arg;
  qatomic_set(&message, 42);
  qatomic_store_release(&ready, 1);
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS], prod;

  long old = qatomic_fetch_add(&counter, 5);
  smp_mb__after_rmw();
  printf("fetch_add: old %ld, new %ld\n", old, qatomic_read(&counter));

  qatomic_set(&counter, 0);
  for (int t = 0; t < THREADS; t++) {
    if (pthread_create(&threads[t], NULL, increment, NULL) != 0) {
      return 1;
    }
  }
  for (int t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
  }
  printf("threads: %d x %d increments = %ld\n", THREADS, INCREMENTS,
         qatomic_read(&counter));

  if (pthread_create(&prod, NULL, producer, NULL) != 0) {
    return 1;
  }
  while (!qatomic_load_acquire(&ready)) {
    /* spin until the producer publishes */
  }
  printf("message: %d\n", qatomic_read(&message));
  pthread_join(prod, NULL);

  int v = 7;
  int seen = qatomic_cmpxchg(&v, 7, 8);
  printf("cmpxchg: saw %d, now %d\n", seen, qatomic_read(&v));

  printf("C standard: %ldL\n", (long)__STDC_VERSION__);
  return 0;
}
