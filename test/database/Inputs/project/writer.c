#include "shared.h"
struct ring the_ring;
int ready, payload;
void produce(int v) {
  the_ring.data[0] = v;
  smp_wmb();
  qatomic_set(&the_ring.head, 1);
}
void publish(int v) {
  payload = v;
  qatomic_store_release(&ready, 1);
}
