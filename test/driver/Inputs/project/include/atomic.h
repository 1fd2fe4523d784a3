/* The part of QEMU's qemu/atomic.h that the project below uses. */
#ifndef PROJECT_ATOMIC_H
#define PROJECT_ATOMIC_H

#define barrier() __asm__ __volatile__("" ::: "memory")
#define qatomic_read(p) __atomic_load_n(p, __ATOMIC_RELAXED)
#define qatomic_set(p, v) __atomic_store_n(p, v, __ATOMIC_RELAXED)
#define qatomic_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define qatomic_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define qatomic_or(p, n) ((void)__atomic_fetch_or(p, n, __ATOMIC_SEQ_CST))
#define qatomic_fetch_add(p, n) __atomic_fetch_add(p, n, __ATOMIC_SEQ_CST)
#define qatomic_xchg(p, v) __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST)
#define smp_mb__after_rmw() smp_mb()
#define qatomic_mb_read(p) qatomic_load_acquire(p)
#define qatomic_mb_set(p, v) do { qatomic_store_release(p, v); smp_mb(); } while (0)

#endif
