// RUN: %check_atomics_tidy -check-suffixes=ALL %s atomics-pairing-comment %t -- -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=ALL,NOCALLS %s atomics-pairing-comment %t -- \
// RUN:   --config="{CheckOptions: {atomics-pairing-comment.CallDepth: 0}}" -- -isystem %inputs/qemu
// Pairing comments are verified against the code they name: the function or
// macro exists and holds an operation of the opposite kind on a variable
// this one orders (what calls access counts, CallDepth levels deep). Stale
// ones are reported at the comment.
#include <atomic.h>

static int a, b, c;

/* --- Comments that hold --- */

void mp_writer(void) {
  qatomic_set(&a, 1);
  /* Pairs with smp_rmb() in mp_reader(). */
  smp_wmb();
  qatomic_set(&b, 1);
}

int mp_reader(void) {
  int x = qatomic_read(&b);
  smp_rmb(); // PAIRS WITH smp_wmb() IN mp_writer()
  return x + qatomic_read(&a);
}

#define WAIT_FOR(cond) do { smp_mb(); } while (!(cond))

int waits(void) {
  qatomic_set(&c, 1);
  /* Paired with smp_mb in WAIT_FOR */
  smp_mb();
  return qatomic_read(&a);
}

/* The variables meet in callees: the writer publishes through a helper,
   the reader tests through another. */
struct ring {
  int head, count;
};
static struct ring r;
static int statistics;
static void ring_push(int v) { r.head = v; }
static void ring_commit(void) { qatomic_set(&r.count, r.count + 1); }
void ring_writer(int v) {
  ring_push(v);
  statistics++;
  /* Pairs with smp_rmb() in ring_reader(). */
  // CHECK-MESSAGES-NOCALLS: :[[@LINE-1]]:3: warning: stale pairing comment: it names 'ring_reader' as the partner of this release barrier, but the acquire operations of 'ring_reader' access none of the variables this one orders ('statistics') [atomics-pairing-comment]
  smp_wmb();
  // CHECK-MESSAGES-NOCALLS: :[[@LINE-1]]:3: note: release barrier 'smp_wmb' here
  ring_commit();
}
static int ring_empty(void) { return qatomic_read(&r.count) == 0; }
int ring_reader(void) {
  if (ring_empty())
    return -1;
  smp_rmb(); /* Pairs with smp_wmb() in ring_writer() */
  // CHECK-MESSAGES-NOCALLS: :[[@LINE-1]]:14: warning: stale pairing comment: it names 'ring_writer' as the partner of this acquire barrier, but the release operations of 'ring_writer' access none of the variables this one orders ('r.head') [atomics-pairing-comment]
  // CHECK-MESSAGES-NOCALLS: :[[@LINE-2]]:3: note: acquire barrier 'smp_rmb' here
  return r.head;
}

/* The partner ends in a full barrier and returns: what it orders for the
   reader is in its callers (an event loop, then callbacks), which the check
   cannot see. The comment is trusted. */
static int loop_notified, device_started, device_kick;
void loop_accept(void) {
  qatomic_set(&loop_notified, 0);
  smp_mb();
}
void start_device(void) {
  device_started = 1;
  smp_wmb(); /* paired with loop_accept() on the read side */
  qatomic_set(&device_kick, 1);
}

/* Partners outside the program (ExternalPartnerKeywords). */
void to_the_guest(void) {
  qatomic_set(&a, 5);
  /* These barriers pair with read barriers in the guest */
  smp_wmb();
  qatomic_set(&b, 5);
  /* Pairs with the memory barrier in the kernel futex_wait system call. */
  smp_mb();
}

/* A function of another file: without the whole-program database there is
   nothing to check it against. */
void elsewhere(void);
void publish(void) {
  qatomic_set(&a, 2);
  /* Pairs with smp_rmb() in elsewhere() and in remote_reader(). */
  smp_wmb();
  qatomic_set(&b, 2);
}

/* --- Stale comments --- */

int helper(void) { return qatomic_read(&a); }

void stale_no_partner(void) {
  qatomic_set(&a, 3);
  /* Pairs with smp_rmb() in helper(). */
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: stale pairing comment: it names 'helper' as the partner of this release barrier, but 'helper' performs no acquire operation [atomics-pairing-comment]
  smp_wmb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: note: release barrier 'smp_wmb' here
  qatomic_set(&b, 3);
}

static int x, y;
int other_reader(void) {
  int v = qatomic_read(&x);
  smp_rmb();
  return v + qatomic_read(&y);
}

/* The partner exists, but orders other variables: a comment left behind
   when the protocol changed. */
void other_variables(void) {
  qatomic_set(&a, 4);
  smp_wmb(); /* pairs with the smp_rmb in other_reader */
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:14: warning: stale pairing comment: it names 'other_reader' as the partner of this release barrier, but the acquire operations of 'other_reader' access none of the variables this one orders ('a' and 'b') [atomics-pairing-comment]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: note: release barrier 'smp_wmb' here
  qatomic_set(&b, 4);
}

int stale_wrong_kind(void) {
  int v = qatomic_read(&b);
  /* Pairs with both smp_rmb() in other_reader() and mp_writer(). */
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: stale pairing comment: it names 'other_reader' as the partner of this acquire barrier, but 'other_reader' performs no release operation [atomics-pairing-comment]
  smp_rmb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: note: acquire barrier 'smp_rmb' here
  return v + qatomic_read(&a);
}

#define SPIN_UNTIL(cond) while (!(cond)) { }

int stale_macro(void) {
  int v = qatomic_read(&b);
  /* Paired with the barrier in SPIN_UNTIL. */
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: stale pairing comment: it names 'SPIN_UNTIL' as the partner of this acquire barrier, but macro 'SPIN_UNTIL' uses no release operation [atomics-pairing-comment]
  smp_rmb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: note: acquire barrier 'smp_rmb' here
  return v + qatomic_read(&a);
}

/* A comment that names a file by its path: 'linux' and 'fs' name no
 * function or macro of this program, though GNU C predefines the macro
 * 'linux' on Linux targets. */
#define linux 1
#define fs 1
int kernel_ring_tail(void) {
  int v = qatomic_read(&b);
  /* Paired with smp_wmb() inside linux/fs/aio.c: aio_complete(). */
  smp_rmb();
  return v + qatomic_read(&a);
}

int kernel_ring_head(void) {
  int v = qatomic_read(&a);
  /* Pairs with the barrier in fs/aio.c. */
  smp_rmb();
  return v + qatomic_read(&b);
}
