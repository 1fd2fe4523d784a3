#include <atomic.h>

int req[8];
unsigned prod;
int evt_pending, evt_data;
int log_head, log_data;

/* Its barriers pair with the guest: ExternalPartnerFunctions 'ring_*'. */
void ring_push(int v) {
  req[prod % 8] = v;
  smp_wmb();
  qatomic_set(&prod, prod + 1);
}

void notify_guest(int v) {
  evt_data = v;
  /* The guest reads evt_pending, then evt_data. */
  smp_wmb();
  qatomic_set(&evt_pending, 1);
}

/* Nobody reads the log in this program. */
void log_append(int v) {
  log_data = v;
  smp_wmb();
  qatomic_set(&log_head, 1);
}
