/*
 * Test stand-in for QEMU's <qemu/atomic.h> before the late-2020 rename
 * ("atomic_" names), written for atomics-tidy's tests. It clashes with
 * <stdatomic.h>, as QEMU's did; that is why QEMU renamed it.
 */
#ifndef TEST_QEMU_ATOMIC_LEGACY_H
#define TEST_QEMU_ATOMIC_LEGACY_H

#define barrier() __asm__ __volatile__("" ::: "memory")
#define atomic_read(p) __atomic_load_n(p, __ATOMIC_RELAXED)
#define atomic_set(p, v) __atomic_store_n(p, v, __ATOMIC_RELAXED)
#define atomic_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define atomic_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#define atomic_fetch_inc(p) __atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST)
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)

#define atomic_mb_read(p) ({ __typeof__(*(p)) atomic_v_ = atomic_read(p); smp_rmb(); atomic_v_; })
#define atomic_mb_set(p, v) do { smp_wmb(); atomic_set(p, v); smp_mb(); } while (0)

#endif
