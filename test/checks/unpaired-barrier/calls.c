// RUN: %check_atomics_tidy -check-suffixes=DEFAULT %s atomics-unpaired-barrier %t -- -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=DEFAULT,NOCALLS %s atomics-unpaired-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-unpaired-barrier.CallDepth: 0}}" -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy %s atomics-unpaired-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-unpaired-barrier.CallDepth: 3}}" -- -isystem %inputs/qemu
// Protocols publish and observe in helpers: what a call accesses counts
// around a barrier, CallDepth levels of calls deep (2 by default).
#include <atomic.h>

struct job {
  int payload;
  int ready;
};
static struct job the_job;

/* The reader tests the flag in a helper: the barrier comes after the
   helper's load. */
static int job_ready(void) { return qatomic_read(&the_job.ready); }

int take_job(void) {
  if (!job_ready())
    return -1;
  smp_rmb();
  return the_job.payload;
}

void give_job(int v) {
  the_job.payload = v;
  smp_wmb();
  // CHECK-MESSAGES-NOCALLS: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'the_job.payload' before the stores to 'the_job.ready'; no acquire operation in this translation unit loads 'the_job.ready' and then 'the_job.payload' [atomics-unpaired-barrier]
  qatomic_set(&the_job.ready, 1);
}

/* Three levels down: followed with CallDepth 3, not by default. */
static int counter_data, counter_flag;
static int load_flag(void) { return qatomic_read(&counter_flag); }
static int flag_is_set(void) { return load_flag() != 0; }
static int check_flag(void) { return flag_is_set(); }

int read_counter(void) {
  if (!check_flag())
    return 0;
  smp_rmb();
  return counter_data;
}

void write_counter(int v) {
  counter_data = v;
  smp_wmb();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'counter_data' before the stores to 'counter_flag'; no acquire operation in this translation unit loads 'counter_flag' and then 'counter_data' [atomics-unpaired-barrier]
  qatomic_set(&counter_flag, 1);
}

/* Recursion ends: each function is read once. */
static int spin_data, spin_flag;
static int poll_flag(int n) { return n ? poll_flag(n - 1) : qatomic_read(&spin_flag); }

int spin_reader(void) {
  while (!poll_flag(3))
    ;
  smp_rmb();
  return spin_data;
}

void spin_writer(void) {
  spin_data = 1;
  smp_wmb();
  // CHECK-MESSAGES-NOCALLS: :[[@LINE-1]]:3: warning: release barrier 'smp_wmb' orders the stores to 'spin_data' before the stores to 'spin_flag'; no acquire operation in this translation unit loads 'spin_flag' and then 'spin_data' [atomics-unpaired-barrier]
  qatomic_set(&spin_flag, 1);
}
