#include "shared.h"
struct node *head;
/* Writes the element, then publishes it: the store-release pairs with a
   reader's consume load of head. */
void publish(struct node *n) {
  n->val = 1;
  n->next = head;
  qatomic_rcu_set(&head, n);
}
