#include "shared.h"
/* A reader of head: its partner is publish()'s store-release, in
   publisher.c. */
int first_value(void) {
  struct node *n = qatomic_rcu_read(&head);
  return n ? n->val : 0;
}
