#include "shared.h"
/* Another reader of head, before publisher.c in the database: it shares
   head and the node's fields with first_value(), but is no partner of it
   (both only read). */
int second_value(void) {
  struct node *n = qatomic_rcu_read(&head);
  return n && n->next ? n->next->val : 0;
}
