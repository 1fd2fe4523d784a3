/*
 * atomics-tidy/atomic.h - atomic operations and memory barriers with QEMU's API
 *
 * This header is the runtime companion of the atomics-tidy clang-tidy
 * module. It is for C code (and C++ code that shares its headers) written
 * against QEMU's atomics API: qatomic_*() accesses and read-modify-writes,
 * smp_*() barriers, barrier(). It is source-compatible with QEMU's
 * <qemu/atomic.h> as documented in QEMU's docs/devel/atomics.rst, so code
 * that follows the checks' advice (for example "add smp_mb__after_rmw()
 * after this read-modify-write") has a correct primitive to call outside
 * QEMU as well. It is an independent implementation, not a copy of QEMU's.
 *
 *   #include <atomics-tidy/atomic.h>
 *
 * Requirements: GCC or Clang (both provide the __atomic builtins, __typeof__
 * and statement expressions, which this header uses), C11 or GNU C11 and
 * later, or C++11 and later. It compiles cleanly with -Wall -Wextra
 * -Werror; it is not -pedantic clean (statement expressions are a GNU
 * extension).
 *
 * Semantics, in C11 terms (see QEMU's atomics documentation for the rules):
 *
 *   qatomic_read/set (+ _i64/_u64)   relaxed load / store
 *   qatomic_load_acquire             acquire load
 *   qatomic_store_release            release store
 *   qatomic_rcu_read / rcu_set       consume load / release store
 *   every read-modify-write          sequentially consistent; towards other
 *                                    accesses only a load-acquire followed by
 *                                    a store-release, NOT a full barrier
 *   smp_mb__before/after_rmw()       full barrier next to such an RMW
 *   qatomic_set_mb                   store(-release), then a full barrier
 *   smp_mb / smp_rmb / smp_wmb ...   fences (see each one below)
 *
 * Operands of the generic operations may be of any type (integer, pointer,
 * small struct) that is no wider than a pointer; wider operands are refused
 * at compile time. 64-bit values on 32-bit hosts go through
 * qatomic_read_i64()/qatomic_set_i64() and the _u64 variants.
 *
 * Not provided: the pre-2020 unprefixed names (atomic_read, atomic_set, ...),
 * which clash with <stdatomic.h>. The deprecated qatomic_mb_read() and
 * qatomic_mb_set() are provided, and using them makes the compiler warn
 * (-Wdeprecated-declarations) with the name of the replacement.
 *
 * ThreadSanitizer: under -fsanitize=thread the barriers that are reduced to
 * compiler barriers on strongly ordered hosts become real fences, because
 * TSan checks the C11 model, not the host's. (GCC's -Wtsan warns that it
 * does not instrument fences; add -Wno-tsan to such builds.)
 */
#ifndef ATOMICS_TIDY_ATOMIC_H
#define ATOMICS_TIDY_ATOMIC_H

#if !defined(__GNUC__) || !defined(__ATOMIC_SEQ_CST)
/* The __atomic builtins, __typeof__ and statement expressions. */
#error "atomics-tidy/atomic.h needs GCC or Clang"
#endif

#include <stdint.h> /* int64_t, uint64_t for the _i64/_u64 variants */

/* ------------------------------------------------------------------------
 * Internal helpers. Everything named ATOMICS_TIDY_*_ or atomics_tidy_*_ is
 * private to this header.
 * ------------------------------------------------------------------------ */

/* Is this a ThreadSanitizer build? GCC defines __SANITIZE_THREAD__; Clang
 * answers __has_feature(thread_sanitizer) (newer Clangs define both). The
 * nested #if keeps preprocessors without __has_feature happy. */
#if defined(__SANITIZE_THREAD__)
#define ATOMICS_TIDY_TSAN_ 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ATOMICS_TIDY_TSAN_ 1
#endif
#endif
#ifndef ATOMICS_TIDY_TSAN_
#define ATOMICS_TIDY_TSAN_ 0
#endif

/* A compile-time assertion usable as a statement inside a statement
 * expression, in C (a declaration, allowed in a block) and in C++. */
#ifdef __cplusplus
#define ATOMICS_TIDY_STATIC_ASSERT_(cond, msg) static_assert(cond, msg)
#else
#define ATOMICS_TIDY_STATIC_ASSERT_(cond, msg) _Static_assert(cond, msg)
#endif

/* The generic operations accept operands no wider than a pointer: those are
 * lock-free on every host GCC and Clang support, so they never turn into a
 * call to libatomic. On a 64-bit host that includes 64-bit integers; on a
 * 32-bit host 64-bit values must use the _i64/_u64 functions below, so that
 * the cost (and, on some hosts, libatomic) is visible at the call. */
#define ATOMICS_TIDY_CHECK_SIZE_(p)                                            \
  ATOMICS_TIDY_STATIC_ASSERT_(                                                 \
      sizeof(*(p)) <= sizeof(void *),                                          \
      "atomics-tidy/atomic.h: atomic operand is wider than a pointer "         \
      "(64-bit values on 32-bit hosts: use qatomic_read_i64/qatomic_set_i64)")

/* The type of *(p) without const/volatile, for temporaries: in C the comma
 * operator yields a value, which is never qualified (and, unlike unary +,
 * does not promote char or short); C++ needs a small trait. */
#ifdef __cplusplus
extern "C++" {
template <typename T> struct atomics_tidy_unqual_ {
  typedef T type;
};
template <typename T> struct atomics_tidy_unqual_<const T> {
  typedef T type;
};
template <typename T> struct atomics_tidy_unqual_<volatile T> {
  typedef T type;
};
template <typename T> struct atomics_tidy_unqual_<const volatile T> {
  typedef T type;
};
}
#define ATOMICS_TIDY_UNQUAL_TYPEOF_(x)                                         \
  typename atomics_tidy_unqual_<__typeof__(x)>::type
#else
#define ATOMICS_TIDY_UNQUAL_TYPEOF_(x) __typeof__((void)0, (x))
#endif

/* Each expansion gets its own names for its temporaries (via __COUNTER__),
 * so that nested uses such as qatomic_set(&a, qatomic_read(&b)) neither
 * shadow one another (-Wshadow) nor capture a caller's variable. */
#define ATOMICS_TIDY_CAT2_(a, b) a##b
#define ATOMICS_TIDY_CAT_(a, b) ATOMICS_TIDY_CAT2_(a, b)
#define ATOMICS_TIDY_ID_ ATOMICS_TIDY_CAT_(atomics_tidy_tmp_, __COUNTER__)

/* The size check, or none (the __nocheck variants). */
#define ATOMICS_TIDY_NO_CHECK_(p) ((void)0)

/* Load and store with a given memory order. The generic builtins
 * (__atomic_load, __atomic_store, __atomic_exchange,
 * __atomic_compare_exchange) work on any type of the right size, not only
 * on integers and pointers. */
#define ATOMICS_TIDY_LOAD_(check, p, order, tmp)                               \
  ({                                                                           \
    check(p);                                                                  \
    ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p)) tmp;                                     \
    __atomic_load(p, &tmp, order);                                             \
    tmp;                                                                       \
  })
#define ATOMICS_TIDY_STORE_(check, p, v, order, tmp)                           \
  ({                                                                           \
    check(p);                                                                  \
    ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p)) tmp = (v);                               \
    __atomic_store(p, &tmp, order);                                            \
  })
#define ATOMICS_TIDY_XCHG_(check, p, v, tmp)                                   \
  ({                                                                           \
    check(p);                                                                  \
    ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p)) ATOMICS_TIDY_CAT_(tmp, _new) = (v);      \
    ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p)) ATOMICS_TIDY_CAT_(tmp, _old);            \
    __atomic_exchange(p, &ATOMICS_TIDY_CAT_(tmp, _new),                        \
                      &ATOMICS_TIDY_CAT_(tmp, _old), __ATOMIC_SEQ_CST);        \
    ATOMICS_TIDY_CAT_(tmp, _old);                                              \
  })
/* On failure the builtin writes the current value into the "expected"
 * operand; on success that operand already holds it. Either way it ends up
 * holding the old value, which is what qatomic_cmpxchg() returns. */
#define ATOMICS_TIDY_CMPXCHG_(check, p, expected, desired, tmp)                \
  ({                                                                           \
    check(p);                                                                  \
    ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p))                                          \
    ATOMICS_TIDY_CAT_(tmp, _old) = (expected);                                 \
    ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p))                                          \
    ATOMICS_TIDY_CAT_(tmp, _new) = (desired);                                  \
    (void)__atomic_compare_exchange(p, &ATOMICS_TIDY_CAT_(tmp, _old),          \
                                    &ATOMICS_TIDY_CAT_(tmp, _new), 0,          \
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);       \
    ATOMICS_TIDY_CAT_(tmp, _old);                                              \
  })
/* The arithmetic and bitwise read-modify-writes (integers; pointers too,
 * in which case n counts bytes, as with the builtins). */
#define ATOMICS_TIDY_RMW_(builtin, p, n)                                       \
  ({                                                                           \
    ATOMICS_TIDY_CHECK_SIZE_(p);                                               \
    builtin(p, n, __ATOMIC_SEQ_CST);                                           \
  })
/* Increment unless zero: a compare-and-swap loop. p is evaluated once. */
#define ATOMICS_TIDY_FETCH_INC_NONZERO_(p, tmp)                                \
  ({                                                                           \
    ATOMICS_TIDY_CHECK_SIZE_(p);                                               \
    __typeof__(&*(p)) ATOMICS_TIDY_CAT_(tmp, _ptr) = (p);                      \
    ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p)) ATOMICS_TIDY_CAT_(tmp, _old) =           \
        __atomic_load_n(ATOMICS_TIDY_CAT_(tmp, _ptr), __ATOMIC_RELAXED);       \
    while (ATOMICS_TIDY_CAT_(tmp, _old) != 0 &&                                \
           !__atomic_compare_exchange_n(                                       \
               ATOMICS_TIDY_CAT_(tmp, _ptr), &ATOMICS_TIDY_CAT_(tmp, _old),    \
               (ATOMICS_TIDY_UNQUAL_TYPEOF_(*(p)))(                            \
                   ATOMICS_TIDY_CAT_(tmp, _old) + 1),                          \
               1, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {                       \
    }                                                                          \
    ATOMICS_TIDY_CAT_(tmp, _old);                                              \
  })

/* A C11 fence bracketed by compiler barriers. A C11 fence orders atomic
 * accesses only, but QEMU's barriers also order plain accesses (smp_wmb()
 * between plain stores that fill a buffer and the store that publishes
 * it). Where the fence needs no instruction (acquire and release fences on
 * x86, for example) the compiler barriers are all that is left, and they
 * are what keeps the compiler from moving plain accesses across. */
#define ATOMICS_TIDY_FENCE_(order)                                             \
  ({                                                                           \
    ATOMICS_TIDY_COMPILER_BARRIER_();                                          \
    __atomic_thread_fence(order);                                              \
    ATOMICS_TIDY_COMPILER_BARRIER_();                                          \
  })
/* No instruction, but the compiler may not move any memory access, atomic
 * or not, across it, and must assume that all memory changed. */
#define ATOMICS_TIDY_COMPILER_BARRIER_()                                       \
  ({ __asm__ __volatile__("" ::: "memory"); })

/* ------------------------------------------------------------------------
 * Compiler barriers
 * ------------------------------------------------------------------------ */

/* barrier(): the compiler may not move memory accesses across it in either
 * direction. It emits no instruction, so the CPU may still reorder them.
 * An expression of type void. */
#define barrier() ATOMICS_TIDY_COMPILER_BARRIER_()

/* signal_barrier(): orders this thread's accesses against a signal handler
 * that interrupts the same thread; emits no instruction. */
#define signal_barrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)

/* ------------------------------------------------------------------------
 * Memory barriers. Each is a C11 fence of the strength QEMU documents, with
 * compiler barriers around it (see ATOMICS_TIDY_FENCE_). All are
 * expressions of type void.
 * ------------------------------------------------------------------------ */

/* smp_mb(): full barrier. Every load and store before it is ordered before
 * every load and store after it, including an earlier store against a
 * later load (store buffering), which nothing weaker orders.
 * x86: mfence or a locked instruction; Arm: dmb ish; POWER: sync;
 * RISC-V: fence rw,rw; s390x: bcr 14,0 (bcr 15,0 on old CPUs). */
#define smp_mb() ATOMICS_TIDY_FENCE_(__ATOMIC_SEQ_CST)

/* smp_mb_acquire(): earlier loads are ordered before all later loads and
 * stores. An acquire fence: no instruction on x86 and s390x (loads are not
 * reordered with later accesses there); dmb ishld on AArch64, dmb ish on
 * 32-bit Arm, lwsync on POWER, fence r,rw on RISC-V. */
#define smp_mb_acquire() ATOMICS_TIDY_FENCE_(__ATOMIC_ACQUIRE)

/* smp_mb_release(): all earlier loads and stores are ordered before later
 * stores. A release fence: no instruction on x86 and s390x (stores are not
 * reordered with earlier accesses there); dmb ish on Arm, lwsync on POWER,
 * fence rw,w on RISC-V. */
#define smp_mb_release() ATOMICS_TIDY_FENCE_(__ATOMIC_RELEASE)

/* smp_rmb(): earlier loads are ordered before later loads. The acquire
 * fence, the weakest C11 fence that orders load against load (C11 has no
 * load-load-only fence; of the hosts above only RISC-V has a cheaper
 * instruction for that, fence r,r). */
#define smp_rmb() ATOMICS_TIDY_FENCE_(__ATOMIC_ACQUIRE)

/* smp_wmb(): earlier stores are ordered before later stores. The release
 * fence: the weakest C11 fence that orders store against store; it also
 * lets smp_wmb() pair with any acquire operation, as QEMU documents. */
#define smp_wmb() ATOMICS_TIDY_FENCE_(__ATOMIC_RELEASE)

/* smp_read_barrier_depends(): orders a load before a later load whose
 * address depends on the loaded value (following a pointer published with
 * qatomic_rcu_set()). Every host except Alpha keeps such loads in order by
 * itself, so there only the compiler needs stopping. Alpha needs a real
 * fence, and so does ThreadSanitizer, which does not see address
 * dependencies: the C11 consume fence (compilers treat it as acquire). */
#if defined(__alpha__) || ATOMICS_TIDY_TSAN_
#define smp_read_barrier_depends() ATOMICS_TIDY_FENCE_(__ATOMIC_CONSUME)
#else
#define smp_read_barrier_depends() ATOMICS_TIDY_COMPILER_BARRIER_()
#endif

/* ------------------------------------------------------------------------
 * The per-architecture decision about read-modify-writes, made here once.
 *
 * In C11 a sequentially consistent read-modify-write is ordered against
 * other seq-cst operations only. Towards relaxed and acquire/release
 * accesses it is a load-acquire followed by a store-release: an earlier
 * store may become visible after it, and a later load may be satisfied
 * before its store is visible (AArch64's ldaddal, or ldaxr/stlxr, really
 * allow the latter). smp_mb__before_rmw(), smp_mb__after_rmw() and
 * qatomic_set_mb() supply the missing full barrier.
 *
 * On x86 (xchg and every lock-prefixed instruction are full barriers) and
 * s390x (its interlocked-update and compare-and-swap instructions serialize
 * the CPU; Linux also reduces smp_mb__before/after_atomic() to compiler
 * barriers there) the RMW instruction already is that full barrier, so
 * only the compiler needs stopping. Everywhere else it takes a real fence.
 *
 * ThreadSanitizer checks the C11 model, not the CPU's, so it would not
 * know that the RMW is a full barrier here: under TSan always a real fence.
 * ------------------------------------------------------------------------ */
#if !ATOMICS_TIDY_TSAN_ &&                                                     \
    (defined(__x86_64__) || defined(__i386__) || defined(__s390x__))
#define ATOMICS_TIDY_RMW_IS_FULL_BARRIER_ 1
#define ATOMICS_TIDY_RMW_BARRIER_() ATOMICS_TIDY_COMPILER_BARRIER_()
#else
#define ATOMICS_TIDY_RMW_IS_FULL_BARRIER_ 0
#define ATOMICS_TIDY_RMW_BARRIER_() ATOMICS_TIDY_FENCE_(__ATOMIC_SEQ_CST)
#endif

/* smp_mb__before_rmw(): put right before a read-modify-write; orders every
 * earlier access, in particular stores, before the RMW (an earlier store
 * could otherwise still be in flight when the RMW's load reads). A compiler
 * barrier or a full fence, as decided above. */
#define smp_mb__before_rmw() ATOMICS_TIDY_RMW_BARRIER_()

/* smp_mb__after_rmw(): put right after a read-modify-write; orders the RMW,
 * in particular its store, before every later access (a later load of
 * another location could otherwise be satisfied before the store is
 * visible: the bug in QEMU's QemuEvent). A compiler barrier or a full
 * fence, as decided above. */
#define smp_mb__after_rmw() ATOMICS_TIDY_RMW_BARRIER_()

/* ------------------------------------------------------------------------
 * Relaxed accesses: no ordering, only freedom from data races and from
 * the compiler inventing, merging, tearing or dropping accesses.
 * ------------------------------------------------------------------------ */

#define qatomic_read(p)                                                        \
  ATOMICS_TIDY_LOAD_(ATOMICS_TIDY_CHECK_SIZE_, p, __ATOMIC_RELAXED,            \
                     ATOMICS_TIDY_ID_)
#define qatomic_set(p, v)                                                      \
  ATOMICS_TIDY_STORE_(ATOMICS_TIDY_CHECK_SIZE_, p, v, __ATOMIC_RELAXED,        \
                      ATOMICS_TIDY_ID_)

/* The same without the size check, as QEMU names them: for code that knows
 * a wider access is fine on its hosts (it may call libatomic). */
#define qatomic_read__nocheck(p)                                               \
  ATOMICS_TIDY_LOAD_(ATOMICS_TIDY_NO_CHECK_, p, __ATOMIC_RELAXED,              \
                     ATOMICS_TIDY_ID_)
#define qatomic_set__nocheck(p, v)                                             \
  ATOMICS_TIDY_STORE_(ATOMICS_TIDY_NO_CHECK_, p, v, __ATOMIC_RELAXED,          \
                      ATOMICS_TIDY_ID_)

/* 64-bit relaxed accesses, on 32-bit hosts too. Lock-free where the host
 * has 64-bit atomic instructions: every 64-bit host, and among 32-bit ones
 * i586 and later (cmpxchg8b, x87/SSE 8-byte moves) and ARMv7-A
 * (ldrexd/strexd). On the others (32-bit MIPS and POWER, for example) the
 * compiler calls libatomic, so link those with -latomic.
 *
 * The variable must be 8-byte aligned, which only matters on i386: there
 * int64_t fields of structs are 4-byte aligned unless declared with
 * __attribute__((aligned(8))). The accesses are made through an 8-aligned
 * type, as GCC assumes anyway; without it Clang would warn and call
 * libatomic on i386. Functions, as in QEMU, so the argument type is
 * checked.
 *
 * Clang warns (-Watomic-alignment) where it has to call libatomic; that is
 * the documented behaviour on those hosts, and the warning would come from
 * these definitions in every file that includes the header, so it is
 * silenced here, for these four functions only. */
#if defined(__clang__) && defined(__has_warning)
#if __has_warning("-Watomic-alignment")
#define ATOMICS_TIDY_SILENCE_ATOMIC_ALIGNMENT_ 1
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Watomic-alignment"
#endif
#endif
typedef int64_t atomics_tidy_i64_ __attribute__((__aligned__(8)));
typedef uint64_t atomics_tidy_u64_ __attribute__((__aligned__(8)));
static __inline__ int64_t qatomic_read_i64(const int64_t *ptr) {
  return __atomic_load_n((const atomics_tidy_i64_ *)ptr, __ATOMIC_RELAXED);
}
static __inline__ uint64_t qatomic_read_u64(const uint64_t *ptr) {
  return __atomic_load_n((const atomics_tidy_u64_ *)ptr, __ATOMIC_RELAXED);
}
static __inline__ void qatomic_set_i64(int64_t *ptr, int64_t val) {
  __atomic_store_n((atomics_tidy_i64_ *)ptr, val, __ATOMIC_RELAXED);
}
static __inline__ void qatomic_set_u64(uint64_t *ptr, uint64_t val) {
  __atomic_store_n((atomics_tidy_u64_ *)ptr, val, __ATOMIC_RELAXED);
}
#ifdef ATOMICS_TIDY_SILENCE_ATOMIC_ALIGNMENT_
#pragma clang diagnostic pop
#undef ATOMICS_TIDY_SILENCE_ATOMIC_ALIGNMENT_
#endif

/* ------------------------------------------------------------------------
 * Acquire and release accesses
 * ------------------------------------------------------------------------ */

/* qatomic_load_acquire(): the load is ordered before every later access.
 * (Earlier accesses may still move after it.) */
#define qatomic_load_acquire(p)                                                \
  ATOMICS_TIDY_LOAD_(ATOMICS_TIDY_CHECK_SIZE_, p, __ATOMIC_ACQUIRE,            \
                     ATOMICS_TIDY_ID_)

/* qatomic_store_release(): every earlier access is ordered before the
 * store. (Later accesses may still move before it.) */
#define qatomic_store_release(p, v)                                            \
  ATOMICS_TIDY_STORE_(ATOMICS_TIDY_CHECK_SIZE_, p, v, __ATOMIC_RELEASE,        \
                      ATOMICS_TIDY_ID_)

/* qatomic_rcu_read(): load a pointer published with qatomic_rcu_set();
 * accesses through it see what was written before the publication. A
 * consume load, which compilers implement as acquire. */
#define qatomic_rcu_read(p)                                                    \
  ATOMICS_TIDY_LOAD_(ATOMICS_TIDY_CHECK_SIZE_, p, __ATOMIC_CONSUME,            \
                     ATOMICS_TIDY_ID_)

/* qatomic_rcu_set(): publish a pointer; the data it points to is
 * initialised before the pointer becomes visible. A release store. */
#define qatomic_rcu_set(p, v)                                                  \
  ATOMICS_TIDY_STORE_(ATOMICS_TIDY_CHECK_SIZE_, p, v, __ATOMIC_RELEASE,        \
                      ATOMICS_TIDY_ID_)

/* ------------------------------------------------------------------------
 * Sequentially consistent read-modify-writes. Not full barriers towards
 * other accesses: see smp_mb__before_rmw()/smp_mb__after_rmw() above.
 * ------------------------------------------------------------------------ */

/* Return the old value. */
#define qatomic_fetch_inc(p) ATOMICS_TIDY_RMW_(__atomic_fetch_add, p, 1)
#define qatomic_fetch_dec(p) ATOMICS_TIDY_RMW_(__atomic_fetch_sub, p, 1)
#define qatomic_fetch_add(p, n) ATOMICS_TIDY_RMW_(__atomic_fetch_add, p, n)
#define qatomic_fetch_sub(p, n) ATOMICS_TIDY_RMW_(__atomic_fetch_sub, p, n)
#define qatomic_fetch_and(p, n) ATOMICS_TIDY_RMW_(__atomic_fetch_and, p, n)
#define qatomic_fetch_or(p, n) ATOMICS_TIDY_RMW_(__atomic_fetch_or, p, n)
#define qatomic_fetch_xor(p, n) ATOMICS_TIDY_RMW_(__atomic_fetch_xor, p, n)

/* Return the new value. */
#define qatomic_inc_fetch(p) ATOMICS_TIDY_RMW_(__atomic_add_fetch, p, 1)
#define qatomic_dec_fetch(p) ATOMICS_TIDY_RMW_(__atomic_sub_fetch, p, 1)
#define qatomic_add_fetch(p, n) ATOMICS_TIDY_RMW_(__atomic_add_fetch, p, n)
#define qatomic_sub_fetch(p, n) ATOMICS_TIDY_RMW_(__atomic_sub_fetch, p, n)
#define qatomic_and_fetch(p, n) ATOMICS_TIDY_RMW_(__atomic_and_fetch, p, n)
#define qatomic_or_fetch(p, n) ATOMICS_TIDY_RMW_(__atomic_or_fetch, p, n)
#define qatomic_xor_fetch(p, n) ATOMICS_TIDY_RMW_(__atomic_xor_fetch, p, n)

/* Return nothing. */
#define qatomic_inc(p) ((void)ATOMICS_TIDY_RMW_(__atomic_fetch_add, p, 1))
#define qatomic_dec(p) ((void)ATOMICS_TIDY_RMW_(__atomic_fetch_sub, p, 1))
#define qatomic_add(p, n) ((void)ATOMICS_TIDY_RMW_(__atomic_fetch_add, p, n))
#define qatomic_sub(p, n) ((void)ATOMICS_TIDY_RMW_(__atomic_fetch_sub, p, n))
#define qatomic_and(p, n) ((void)ATOMICS_TIDY_RMW_(__atomic_fetch_and, p, n))
#define qatomic_or(p, n) ((void)ATOMICS_TIDY_RMW_(__atomic_fetch_or, p, n))
#define qatomic_xor(p, n) ((void)ATOMICS_TIDY_RMW_(__atomic_fetch_xor, p, n))

/* qatomic_xchg(): store v, return the old value. */
#define qatomic_xchg(p, v)                                                     \
  ATOMICS_TIDY_XCHG_(ATOMICS_TIDY_CHECK_SIZE_, p, v, ATOMICS_TIDY_ID_)

/* qatomic_cmpxchg(): store new if *p equals old; return the old value of *p
 * (equal to old if and only if the store happened). */
#define qatomic_cmpxchg(p, old, new)                                           \
  ATOMICS_TIDY_CMPXCHG_(ATOMICS_TIDY_CHECK_SIZE_, p, old, new,                 \
                        ATOMICS_TIDY_ID_)

/* The same without the size check. */
#define qatomic_xchg__nocheck(p, v)                                            \
  ATOMICS_TIDY_XCHG_(ATOMICS_TIDY_NO_CHECK_, p, v, ATOMICS_TIDY_ID_)
#define qatomic_cmpxchg__nocheck(p, old, new)                                  \
  ATOMICS_TIDY_CMPXCHG_(ATOMICS_TIDY_NO_CHECK_, p, old, new, ATOMICS_TIDY_ID_)

/* qatomic_fetch_inc_nonzero(): increment *p unless it is zero; return the
 * old value, so 0 means "not incremented" (taking a reference only while
 * the object is alive). When it returns 0 it has done a relaxed load only,
 * no read-modify-write. */
#define qatomic_fetch_inc_nonzero(p)                                           \
  ATOMICS_TIDY_FETCH_INC_NONZERO_(p, ATOMICS_TIDY_ID_)

/* ------------------------------------------------------------------------
 * qatomic_set_mb(p, v): a store followed by a full barrier (Linux's
 * smp_store_mb()): the store is ordered before every later load and store.
 * An expression of type void.
 *
 * QEMU documents it as qatomic_set() followed by smp_mb(). Here the store
 * is a store-release, so that earlier accesses are ordered before it too,
 * as they are by the exchange used on x86 and s390x: the meaning does not
 * change with the target, and code migrated from the deprecated
 * qatomic_mb_set() (a store-release followed by a full barrier) keeps what
 * it had. The release is free on x86 and s390x and costs little elsewhere
 * next to the full fence.
 *
 * Where a seq-cst RMW is a full barrier (ATOMICS_TIDY_RMW_IS_FULL_BARRIER_,
 * above), an exchange followed by smp_mb__after_rmw() (a compiler barrier
 * there) is exactly that, and cheaper than a store plus a fence: one xchg
 * on x86 instead of mov + mfence. Elsewhere: store-release, then the full
 * fence.
 * ------------------------------------------------------------------------ */
#if ATOMICS_TIDY_RMW_IS_FULL_BARRIER_
#define ATOMICS_TIDY_SET_MB_(p, v)                                             \
  ({                                                                           \
    (void)ATOMICS_TIDY_XCHG_(ATOMICS_TIDY_CHECK_SIZE_, p, v,                   \
                             ATOMICS_TIDY_ID_);                                \
    ATOMICS_TIDY_RMW_BARRIER_();                                               \
  })
#else
#define ATOMICS_TIDY_SET_MB_(p, v)                                             \
  ({                                                                           \
    ATOMICS_TIDY_STORE_(ATOMICS_TIDY_CHECK_SIZE_, p, v, __ATOMIC_RELEASE,      \
                        ATOMICS_TIDY_ID_);                                     \
    ATOMICS_TIDY_FENCE_(__ATOMIC_SEQ_CST);                                     \
  })
#endif
#define qatomic_set_mb(p, v) ATOMICS_TIDY_SET_MB_(p, v)

/* ------------------------------------------------------------------------
 * Deprecated: qatomic_mb_read() and qatomic_mb_set(). They take no part in
 * the single total order of sequentially consistent operations, which made
 * them easy to misuse; QEMU removed them. They still work here (mb_read is
 * qatomic_load_acquire(), mb_set is qatomic_set_mb()), and every use makes
 * the compiler warn (-Wdeprecated-declarations) at the use, naming the
 * replacement. Code that does not use them gets no warning.
 * ------------------------------------------------------------------------ */
#ifdef __cplusplus
/* C++: deprecated function templates. The caller's own tokens name the
 * deprecated entity, so every compiler reports the caller's line; G++
 * reports a diagnostic from inside a macro at the macro's definition, and
 * drops it altogether when the header is a system header. */
extern "C++" {
template <typename T>
__attribute__((__deprecated__("use qatomic_load_acquire() instead")))
inline T qatomic_mb_read(const volatile T *p) {
  return ATOMICS_TIDY_LOAD_(ATOMICS_TIDY_CHECK_SIZE_, p, __ATOMIC_ACQUIRE,
                            ATOMICS_TIDY_ID_);
}
template <typename T, typename V>
__attribute__((__deprecated__("use qatomic_set_mb() instead")))
inline void qatomic_mb_set(volatile T *p, V v) {
  ATOMICS_TIDY_SET_MB_(p, v);
}
}
#else
/* C: macros (the operand type varies) that call a deprecated no-op
 * function; GCC and Clang report its use at the caller's line, with the
 * macro named in a note (Clang). */
__attribute__((__deprecated__("use qatomic_load_acquire() instead")))
static __inline__ void qatomic_mb_read_is_deprecated(void) {}
__attribute__((__deprecated__("use qatomic_set_mb() instead")))
static __inline__ void qatomic_mb_set_is_deprecated(void) {}

#define qatomic_mb_read(p)                                                     \
  (qatomic_mb_read_is_deprecated(),                                            \
   ATOMICS_TIDY_LOAD_(ATOMICS_TIDY_CHECK_SIZE_, p, __ATOMIC_ACQUIRE,           \
                      ATOMICS_TIDY_ID_))
#define qatomic_mb_set(p, v)                                                   \
  (qatomic_mb_set_is_deprecated(), ATOMICS_TIDY_SET_MB_(p, v))
#endif

#endif /* ATOMICS_TIDY_ATOMIC_H */
