// RUN: %check_atomics_tidy %s atomics-unpaired-barrier %t -- -- -isystem %inputs/qemu
// QEMU's qatomic_rcu_read() is, outside TSAN builds, a relaxed load followed
// by smp_read_barrier_depends(), nested in further macros: it is the
// acquire partner of qatomic_rcu_set() by its name, whatever it expands to.
#include <atomic.h>

#undef qatomic_rcu_read
#define qatomic_rcu_read__nocheck(ptr, valptr) \
    __atomic_load(ptr, valptr, __ATOMIC_RELAXED); \
    smp_read_barrier_depends();
#define qatomic_rcu_read_internal(ptr, _val) \
    ({ __typeof__(*ptr) _val; qatomic_rcu_read__nocheck(ptr, &_val); _val; })
#define qatomic_rcu_read(ptr) qatomic_rcu_read_internal((ptr), rcu_val_)

struct node {
  int value;
  struct node *next;
};

static struct node *head;

void publish(struct node *n) {
  n->next = head;
  qatomic_rcu_set(&head, n);
}

int first_value(void) {
  struct node *n = qatomic_rcu_read(&head);
  return n ? n->value : -1;
}

/* Nothing reads this one: its qatomic_rcu_set() has no partner. */
static struct node *unread;

void publish_unread(struct node *n) {
  qatomic_rcu_set(&unread, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: store-release 'qatomic_rcu_set' publishes by storing 'unread'; no acquire operation in this translation unit loads 'unread' (a load-acquire, or a load followed by an acquire barrier) [atomics-unpaired-barrier]
}

/* A tail queue in the style of QEMU's QTAILQ: the head is a union of the
   first element and a link; insertion publishes through the link
   (tql_prev->tql_next), readers load the first element. They are one
   location, and pair. */
struct link {
  void *tql_next;
  struct link *tql_prev;
};
struct item;
union item_head {
  struct item *tqh_first;
  struct link tqh_circ;
};
union item_entry {
  struct item *tqe_next;
  struct link tqe_circ;
};
struct item {
  int value;
  union item_entry node;
};
static union item_head items;

void append_item(struct item *it) {
  it->node.tqe_next = 0;
  it->node.tqe_circ.tql_prev = items.tqh_circ.tql_prev;
  qatomic_rcu_set(&items.tqh_circ.tql_prev->tql_next, it);
  items.tqh_circ.tql_prev = &it->node.tqe_circ;
}

int sum_items(void) {
  int sum = 0;
  for (struct item *it = qatomic_rcu_read(&items.tqh_first); it;
       it = qatomic_rcu_read(&it->node.tqe_next))
    sum += it->value;
  return sum;
}

/* An RCU list in the style of QLIST: the element's next pointer is stored
   before the element is published through the head; readers load it by
   dependency. */
struct entry {
  int value;
  struct entry *le_next;
};
static struct entry *lh_first;

void insert_head(struct entry *e) {
  e->le_next = lh_first;
  qatomic_rcu_set(&lh_first, e);
}

int sum_entries(void) {
  int sum = 0;
  for (struct entry *e = qatomic_rcu_read(&lh_first); e;
       e = qatomic_rcu_read(&e->le_next))
    sum += e->value;
  return sum;
}
