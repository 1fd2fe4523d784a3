#include <atomic.h>

/* Named after QEMU's accel/kvm/kvm-all.c. The ring is shared with the
   kernel, which fills it. */
struct ring {
  unsigned first, last;
  int data[16];
};
static struct ring *coalesced_ring;
static int flushed;

void kvm_flush_coalesced_mmio_buffer(void) {
  struct ring *r = coalesced_ring;
  flushed = r->data[r->first];
  smp_wmb();
  r->first = (r->first + 1) % 16;
}

/* Not in the list: its partner is in QEMU (here, missing). */
static int exit_request, exited;
void kvm_eat_signals(void) {
  exited = 1;
  smp_wmb();
  qatomic_set(&exit_request, 0);
}
