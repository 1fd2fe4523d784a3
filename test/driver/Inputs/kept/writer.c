#include "shared.h"
int ready, payload;
void publish(int v) {
  payload = v;
  qatomic_store_release(&ready, 1);
}
