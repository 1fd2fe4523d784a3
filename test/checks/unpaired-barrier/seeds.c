// RUN: %check_atomics_tidy -check-suffixes=ALL %s atomics-unpaired-barrier %t -- -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=ALL,NOGUEST %s atomics-unpaired-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-unpaired-barrier.ExternalPartnerKeywords: 'hardware; firmware'}}" \
// RUN:   -- -isystem %inputs/qemu
// The pairing shapes of QEMU's docs/devel/atomics.rst, each paired and each
// with a partner missing. Every variable is static, so the translation unit
// holds every partner there can be.
#include <atomic.h>

/* --- Message passing with barriers (paired) --- */
static int a, b;

void mp_writer(void) {
  qatomic_set(&a, 1);
  smp_wmb();
  qatomic_set(&b, 2);
}

int mp_reader(void) {
  int x = qatomic_read(&b);
  smp_rmb();
  return x + qatomic_read(&a);
}

/* --- Store-release and load-acquire of one variable (paired) --- */
static int c, d;

void rel_writer(void) {
  qatomic_set(&c, 1);
  qatomic_store_release(&d, 2);
}

int acq_reader(void) {
  int x = qatomic_load_acquire(&d);
  return x + qatomic_read(&c);
}

/* --- Data dependency barriers, plain accesses (paired) --- */
struct item { int i; };
static int table[4];
static struct item *head;

void dep_writer(struct item *x) {
  table[2] = 1;
  smp_wmb();
  x->i = 2;
  smp_wmb();
  qatomic_set(&head, x);
}

int dep_reader(void) {
  struct item *x = qatomic_read(&head);
  smp_read_barrier_depends();
  int y = x->i;
  smp_read_barrier_depends();
  return table[y];
}

/* --- Dekker (paired) --- */
static int flag0, flag1;

int dekker0(void) {
  qatomic_set(&flag0, 1);
  smp_mb();
  return qatomic_read(&flag1);
}

int dekker1(void) {
  qatomic_set(&flag1, 1);
  smp_mb();
  return qatomic_read(&flag0);
}

/* --- Unpaired --- */
static int e, f, g;

void lonely_writer(void) {
  qatomic_set(&e, 1);
  smp_wmb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'e' before the stores to 'f'; no acquire operation in this translation unit loads 'f' and then 'e' [atomics-unpaired-barrier]
  // CHECK-MESSAGES-ALL: :[[@LINE+6]]:3: note: closest candidate: acquire barrier 'smp_rmb' in 'wrong_data_reader' reads none of 'e' after it
  qatomic_set(&f, 1);
}

int wrong_data_reader(void) {
  int x = qatomic_read(&f);
  smp_rmb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: acquire barrier 'smp_rmb' orders the loads of 'f' before the loads of 'g'; no release operation in this translation unit stores 'g' and then 'f' [atomics-unpaired-barrier]
  // CHECK-MESSAGES-ALL: :[[@LINE-10]]:3: note: closest candidate: release barrier 'smp_wmb' in 'lonely_writer' writes none of 'g' before it
  return x + qatomic_read(&g);
}

static int h;
void lonely_release(void) { qatomic_store_release(&h, 1); }
// CHECK-MESSAGES-ALL: :[[@LINE-1]]:29: warning: store-release 'qatomic_store_release' publishes by storing 'h'; no acquire operation in this translation unit loads 'h' (a load-acquire, or a load followed by an acquire barrier) [atomics-unpaired-barrier]

static int k;
int lonely_acquire(void) { return qatomic_load_acquire(&k); }
// CHECK-MESSAGES-ALL: :[[@LINE-1]]:35: warning: load-acquire 'qatomic_load_acquire' observes by loading 'k'; no release operation in this translation unit stores 'k' (a store-release, a read-modify-write, or a store after a release barrier) [atomics-unpaired-barrier]

static int m, n;
int half_dekker(void) {
  qatomic_set(&m, 1);
  smp_mb();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: full barrier 'smp_mb' orders the stores to 'm' before the loads of 'n'; no barrier in this translation unit orders stores to 'n' before loads of 'm', or pairs with it as acquire or release [atomics-unpaired-barrier]
  return qatomic_read(&n);
}

/* --- Declared partners, and what the file cannot prove --- */

/* A comment that names a partner outside the program (ExternalPartnerKeywords,
   "guest" by default). */
static int p, q;
void to_guest(void) {
  qatomic_set(&p, 1);
  /* The guest driver reads q, then p. */
  smp_wmb();
  // CHECK-MESSAGES-NOGUEST: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'p' before the stores to 'q'; no acquire operation in this translation unit loads 'q' and then 'p' [atomics-unpaired-barrier]
  qatomic_set(&q, 1);
}

/* Variables other files can access: the partner may be there. */
extern int shared_data, shared_flag;
void to_other_file(void) {
  qatomic_set(&shared_data, 1);
  smp_wmb();
  qatomic_set(&shared_flag, 1);
}

/* --- A store-release observed by a load and an acquire barrier, and a
   release barrier observed by a load-acquire: the flag is enough. --- */
static int ready, data;

void publish_released(void) {
  data = 1;
  qatomic_store_release(&ready, 1);
}

/* The barrier orders this load before the caller's reads of the data. */
int observe_with_barrier(void) {
  int seen = qatomic_read(&ready);
  smp_rmb();
  return seen;
}

static int go, work;

void publish_with_barrier(void) {
  work = 1;
  smp_wmb();
  qatomic_set(&go, 1);
}

int observe_acquired(void) {
  return qatomic_load_acquire(&go) ? work : 0;
}
