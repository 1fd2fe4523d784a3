/*
 * Test stand-in for QEMU's <qemu/atomic.h>, current ("qatomic_") names,
 * written for atomics-tidy's tests on the __atomic builtins.
 *
 * QEMU_VERSION_MAJOR picks which API the header offers, as QEMU did:
 *   7: qatomic_mb_read()/qatomic_mb_set(), no qatomic_set_mb() yet;
 *   8: qatomic_set_mb() and smp_mb__before/after_rmw() added, the
 *      deprecated pair still present (the default).
 */
#ifndef TEST_QEMU_ATOMIC_H
#define TEST_QEMU_ATOMIC_H

#ifndef QEMU_VERSION_MAJOR
#define QEMU_VERSION_MAJOR 8
#endif

#define barrier() __asm__ __volatile__("" ::: "memory")
#define signal_barrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)

#define qatomic_read(p) __atomic_load_n(p, __ATOMIC_RELAXED)
#define qatomic_set(p, v) __atomic_store_n(p, v, __ATOMIC_RELAXED)
#define qatomic_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define qatomic_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#define qatomic_rcu_read(p) __atomic_load_n(p, __ATOMIC_CONSUME)
#define qatomic_rcu_set(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)

#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_mb_acquire() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_mb_release() __atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_rmb() smp_mb_acquire()
#define smp_wmb() smp_mb_release()
#define smp_read_barrier_depends() barrier()

#define qatomic_inc(p) ((void)__atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST))
#define qatomic_dec(p) ((void)__atomic_fetch_sub(p, 1, __ATOMIC_SEQ_CST))
#define qatomic_add(p, n) ((void)__atomic_fetch_add(p, n, __ATOMIC_SEQ_CST))
#define qatomic_sub(p, n) ((void)__atomic_fetch_sub(p, n, __ATOMIC_SEQ_CST))
#define qatomic_and(p, n) ((void)__atomic_fetch_and(p, n, __ATOMIC_SEQ_CST))
#define qatomic_or(p, n) ((void)__atomic_fetch_or(p, n, __ATOMIC_SEQ_CST))
#define qatomic_xor(p, n) ((void)__atomic_fetch_xor(p, n, __ATOMIC_SEQ_CST))
#define qatomic_fetch_dec(p) __atomic_fetch_sub(p, 1, __ATOMIC_SEQ_CST)
#define qatomic_fetch_sub(p, n) __atomic_fetch_sub(p, n, __ATOMIC_SEQ_CST)
#define qatomic_fetch_xor(p, n) __atomic_fetch_xor(p, n, __ATOMIC_SEQ_CST)
#define qatomic_add_fetch(p, n) __atomic_add_fetch(p, n, __ATOMIC_SEQ_CST)
#define qatomic_or_fetch(p, n) __atomic_or_fetch(p, n, __ATOMIC_SEQ_CST)
#define qatomic_fetch_inc(p) __atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST)
#define qatomic_fetch_add(p, n) __atomic_fetch_add(p, n, __ATOMIC_SEQ_CST)
#define qatomic_fetch_or(p, n) __atomic_fetch_or(p, n, __ATOMIC_SEQ_CST)
#define qatomic_fetch_and(p, n) __atomic_fetch_and(p, n, __ATOMIC_SEQ_CST)
#define qatomic_inc_fetch(p) __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST)
#define qatomic_dec_fetch(p) __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST)
#define qatomic_xchg(p, v) __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST)
#define qatomic_cmpxchg(p, o, n) ({                                          \
    __typeof__(*(p)) qatomic_old_ = (o);                                    \
    (void)__atomic_compare_exchange_n(p, &qatomic_old_, n, 0,               \
                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);  \
    qatomic_old_; })

#if QEMU_VERSION_MAJOR >= 8
/* Where a seq-cst RMW is already a full barrier, only the compiler needs
 * telling. */
#if defined(__x86_64__) || defined(__i386__) || defined(__s390x__)
#define smp_mb__before_rmw() barrier()
#define smp_mb__after_rmw() barrier()
#else
#define smp_mb__before_rmw() smp_mb()
#define smp_mb__after_rmw() smp_mb()
#endif
/* As QEMU does: on x86 and s390x an xchg is cheaper than a store and a
 * fence, and is a full barrier there. */
#if defined(__x86_64__) || defined(__i386__) || defined(__s390x__)
#define qatomic_set_mb(p, v) ((void)qatomic_xchg(p, v))
#else
#define qatomic_set_mb(p, v) ({ qatomic_store_release(p, v); smp_mb(); })
#endif
#endif

/* Deprecated. */
#define qatomic_mb_read(p) qatomic_load_acquire(p)
#define qatomic_mb_set(p, v) do { qatomic_store_release(p, v); smp_mb(); } while (0)

#endif
