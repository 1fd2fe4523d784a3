/* A library header installed as a system header, written against QEMU's
 * pre-2020 atomics: its own RMW-then-load sequences are the library's to
 * fix, not the user's, wherever they are expanded. */
#ifndef TEST_LEGACY_LIB_H
#define TEST_LEGACY_LIB_H
#include <atomic-legacy.h>

typedef struct LibQueue {
  int pending;
  int sleepers;
} LibQueue;

void lib_wake(LibQueue *q);

/* Missing barrier between the increment and the read: the library's bug. */
static inline void lib_queue_push(LibQueue *q) {
  atomic_fetch_inc(&q->pending);
  if (atomic_read(&q->sleepers))
    lib_wake(q);
}

#define LIB_QUEUE_PUSH(q)                                                      \
  do {                                                                         \
    atomic_fetch_inc(&(q)->pending);                                           \
    if (atomic_read(&(q)->sleepers))                                           \
      lib_wake(q);                                                             \
  } while (0)

#endif
