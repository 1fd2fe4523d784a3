// RUN: %check_atomics_tidy %s atomics-unpaired-barrier %t -- -- -isystem %inputs/qemu
// Inline assembly: a fence instruction is a full barrier with a partner to
// find; a locked instruction on a memory operand (x86's way to write an
// atomic read-modify-write, as in haproxy's and liburcu's headers) is a
// read-modify-write of that operand, which needs no partner of its own.
#include <atomic.h>

struct ctx {
  long lock;
  int data;
  int state;
};

#define unlock(l) ({ __asm__ __volatile__("lock subq %1, %0" : "+m"(*(l)) : "r"(1L) : "cc"); })

void finish(struct ctx *c, int v) {
  c->data = v;
  unlock(&c->lock);
  c->state = 1;
}

static int counter, seen;

void fence_only(void) {
  counter = 1;
  __asm__ __volatile__("mfence" ::: "memory");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: full barrier 'asm' orders the stores to 'counter' before the stores to 'seen'; no acquire operation in this translation unit loads 'seen' and then 'counter' [atomics-unpaired-barrier]
  seen = 1;
}

/* Assemblers take mnemonics in either case. */
static int counter_upper, seen_upper;

void fence_upper_case(void) {
  counter_upper = 1;
  __asm__ __volatile__("MFENCE" ::: "memory");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: full barrier 'asm' orders the stores to 'counter_upper' before the stores to 'seen_upper'; no acquire operation in this translation unit loads 'seen_upper' and then 'counter_upper' [atomics-unpaired-barrier]
  seen_upper = 1;
}
