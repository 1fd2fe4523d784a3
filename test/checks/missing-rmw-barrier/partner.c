// RUN: %check_atomics_tidy -check-suffixes=RACE %s atomics-missing-rmw-barrier %t -- -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=RACE,PLAIN %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.CheckPlainLoads: true}}" -- -isystem %inputs/qemu
// RUN: %check_atomics_tidy -check-suffixes=ALL %s atomics-missing-rmw-barrier %t -- \
// RUN:   --config="{CheckOptions: {atomics-missing-rmw-barrier.RequirePartner: false}}" -- -isystem %inputs/qemu
//
// A seq-cst RMW of X, then a weaker load of Y, is reported only when the
// program has the other thread of a store-buffering race: code that writes
// Y and then loads X, and tries to order the two (its write is a seq-cst
// RMW or a release store, or a full barrier or seq-cst operation stands
// between). Then both threads can read the old value. Without such a
// partner nothing can go wrong, and nothing is reported (RACE); with
// RequirePartner: false every reordering is (ALL).
#include <atomic.h>

/* --- No partner: a reference count, then an RCU read-side counter --- */

typedef struct Object {
  int ref;
  int cast_cache;
} Object;

unsigned rcu_gp_ctr;

static void object_ref(Object *obj) {
  qatomic_inc(&obj->ref);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'obj->ref' is not a full barrier; the relaxed load of 'rcu_gp_ctr' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
}

/* rcu_gp_ctr is written by the grace-period thread only after its own
 * barrier, and it never reads a reference count: no race. */
unsigned object_ref_then_rcu(Object *obj) {
  object_ref(obj);
  return qatomic_read(&rcu_gp_ctr);
}

void synchronize_rcu_like(void) {
  qatomic_set(&rcu_gp_ctr, rcu_gp_ctr + 1);
  smp_mb();
}

/* --- No partner: statistics, then a configuration flag --- */

typedef struct Device {
  long rx_packets;
  int promisc;
  int link_up;
} Device;

int device_receive(Device *d) {
  qatomic_add(&d->rx_packets, 1);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_add' on 'd->rx_packets' is not a full barrier; the relaxed load of 'd->promisc' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&d->promisc);
}

/* The configuration thread writes the flag, with a full barrier even, but
 * never reads the statistics afterwards. */
void device_set_promisc(Device *d, int on) {
  qatomic_set(&d->promisc, on);
  smp_mb();
  qatomic_set(&d->link_up, 1);
}

/* A reader of the statistics that writes the flag first, but reaches the
 * counter only with an RMW: two RMWs of one location are ordered by
 * coherence, so it is no partner. */
void device_reset_stats(Device *d) {
  qatomic_set(&d->promisc, 0);
  smp_mb();
  qatomic_xchg(&d->rx_packets, 0);
}

/* --- A store + smp_mb() partner: the notify_me protocol --- */

typedef struct Loop {
  int notify_me;
  int scheduled;
} Loop;

void event_notifier_set(Loop *l);

/* Thread 1: announce the poll, then check for work. */
void loop_poll(Loop *l) {
  qatomic_add(&l->notify_me, 2);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_add' on 'l->notify_me' is not a full barrier: the relaxed load of 'l->scheduled' after it can be satisfied before its store is visible, while 'loop_schedule' writes 'l->scheduled' and then loads 'l->notify_me'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-RACE: :[[@LINE+5]]:7: note: relaxed load of 'l->scheduled' here
  // CHECK-MESSAGES-RACE: :[[@LINE+13]]:3: note: the other thread writes 'l->scheduled' here
  // CHECK-MESSAGES-RACE: :[[@LINE+13]]:3: note: then the full barrier in 'loop_schedule' orders that write before its later loads
  // CHECK-MESSAGES-RACE: :[[@LINE+13]]:7: note: and then loads 'l->notify_me' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES-ALL: :[[@LINE-6]]:3: warning: seq-cst read-modify-write 'qatomic_add' on 'l->notify_me' is not a full barrier; the relaxed load of 'l->scheduled' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (qatomic_read(&l->scheduled))
    return;
  qatomic_sub(&l->notify_me, 2);
}

/* Thread 2: schedule work, then (after a full barrier) check whether the
 * loop must be woken. Both can read the old value: the loop sleeps with
 * work scheduled. */
void loop_schedule(Loop *l) {
  qatomic_set(&l->scheduled, 1);
  smp_mb();
  if (qatomic_read(&l->notify_me))
    event_notifier_set(l);
}
// CHECK-FIXES-RACE:      {{^}}  qatomic_add(&l->notify_me, 2);{{$}}
// CHECK-FIXES-RACE-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- A partner that is itself an RMW then a load: both are reported --- */

typedef struct Waiters {
  int num_waiters;
  int done;
} Waiters;

/* QEMU 5.2's AIO_WAIT_WHILE shape: count ourselves, then test the
 * condition. */
void wait_while(Waiters *w) {
  qatomic_inc(&w->num_waiters);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'w->num_waiters' is not a full barrier: the relaxed load of 'w->done' after it can be satisfied before its store is visible, while 'wait_kick' writes 'w->done' and then loads 'w->num_waiters'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-RACE: :[[@LINE+4]]:11: note: relaxed load of 'w->done' here
  // CHECK-MESSAGES-RACE: :[[@LINE+11]]:3: note: the other thread writes 'w->done' here, with a seq-cst read-modify-write in 'wait_kick'
  // CHECK-MESSAGES-RACE: :[[@LINE+16]]:7: note: and then loads 'w->num_waiters' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES-ALL: :[[@LINE-5]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'w->num_waiters' is not a full barrier; the relaxed load of 'w->done' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  while (!qatomic_read(&w->done))
    ;
  qatomic_dec(&w->num_waiters);
}

/* ... and aio_wait_kick()'s: change the condition, then look for waiters,
 * relying on "an atomic op in the caller". */
void wait_kick(Waiters *w) {
  qatomic_xchg(&w->done, 1);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_xchg' on 'w->done' is not a full barrier: the relaxed load of 'w->num_waiters' after it can be satisfied before its store is visible, while 'wait_while' writes 'w->num_waiters' and then loads 'w->done'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-RACE: :[[@LINE+4]]:7: note: relaxed load of 'w->num_waiters' here
  // CHECK-MESSAGES-RACE: :[[@LINE-17]]:3: note: the other thread writes 'w->num_waiters' here, with a seq-cst read-modify-write in 'wait_while'
  // CHECK-MESSAGES-RACE: :[[@LINE-12]]:11: note: and then loads 'w->done' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES-ALL: :[[@LINE-5]]:3: warning: seq-cst read-modify-write 'qatomic_xchg' on 'w->done' is not a full barrier; the relaxed load of 'w->num_waiters' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  if (qatomic_read(&w->num_waiters))
    event_notifier_set(0);
}
// CHECK-FIXES-RACE:      {{^}}  qatomic_inc(&w->num_waiters);{{$}}
// CHECK-FIXES-RACE-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-RACE:      {{^}}  qatomic_xchg(&w->done, 1);{{$}}
// CHECK-FIXES-RACE-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- A partner reached through a call --- */

typedef struct Queue {
  int pending;
  int sleeping;
} Queue;

/* The consumer announces it is going to sleep, then checks for work. */
int queue_try_sleep(Queue *q) {
  qatomic_or(&q->sleeping, 1);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_or' on 'q->sleeping' is not a full barrier: the relaxed load of 'q->pending' after it can be satisfied before its store is visible, while 'queue_push' writes 'q->pending' and then loads 'q->sleeping'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-RACE: :[[@LINE+5]]:10: note: relaxed load of 'q->pending' here
  // CHECK-MESSAGES-RACE: :[[@LINE+15]]:3: note: the other thread writes 'q->pending' here
  // CHECK-MESSAGES-RACE: :[[@LINE+15]]:3: note: then the full barrier in 'queue_push' orders that write before its later loads
  // CHECK-MESSAGES-RACE: :[[@LINE+7]]:10: note: and then loads 'q->sleeping' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES-ALL: :[[@LINE-6]]:3: warning: seq-cst read-modify-write 'qatomic_or' on 'q->sleeping' is not a full barrier; the relaxed load of 'q->pending' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&q->pending) == 0;
}

/* The producer's load of 'sleeping' is in a helper it calls. */
static int queue_consumer_sleeps(Queue *q) {
  return qatomic_read(&q->sleeping);
}

void wake_consumer(Queue *q);

void queue_push(Queue *q) {
  qatomic_set(&q->pending, 1);
  smp_mb();
  if (queue_consumer_sleeps(q))
    wake_consumer(q);
}
// CHECK-FIXES-RACE:      {{^}}  qatomic_or(&q->sleeping, 1);{{$}}
// CHECK-FIXES-RACE-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* --- A partner that does not try to order: no race is claimed --- */

typedef struct Stats {
  int hits;
  int epoch;
} Stats;

int stats_hit(Stats *s) {
  qatomic_inc(&s->hits);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 's->hits' is not a full barrier; the relaxed load of 's->epoch' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&s->epoch);
}

/* A relaxed store, then a relaxed load, nothing between: this side makes
 * no attempt to order them, so it is no partner (its own reordering would
 * be the bug, and no barrier on the other side can fix it). */
int stats_new_epoch(Stats *s) {
  qatomic_set(&s->epoch, 1);
  return qatomic_read(&s->hits);
}

/* --- A plain write, then a full barrier: a partner (the Dekker idiom) --- */

typedef struct Slot {
  int owner;
  int data;
} Slot;

int slot_claim(Slot *s) {
  qatomic_xchg(&s->owner, 1);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_xchg' on 's->owner' is not a full barrier: the relaxed load of 's->data' after it can be satisfied before its store is visible, while 'slot_fill' writes 's->data' and then loads 's->owner'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-RACE: :[[@LINE+5]]:10: note: relaxed load of 's->data' here
  // CHECK-MESSAGES-RACE: :[[@LINE+17]]:3: note: the other thread writes 's->data' here
  // CHECK-MESSAGES-RACE: :[[@LINE+17]]:3: note: then the full barrier in 'slot_fill' orders that write before its later loads
  // CHECK-MESSAGES-RACE: :[[@LINE+17]]:10: note: and then loads 's->owner' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES-ALL: :[[@LINE-6]]:3: warning: seq-cst read-modify-write 'qatomic_xchg' on 's->owner' is not a full barrier; the relaxed load of 's->data' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&s->data);
}

// CHECK-FIXES-RACE:      {{^}}  qatomic_xchg(&s->owner, 1);{{$}}
// CHECK-FIXES-RACE-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// Every reordering gets its barrier, race or not:
// CHECK-FIXES-ALL:      {{^}}  qatomic_inc(&s->hits);{{$}}
// CHECK-FIXES-ALL-NEXT: {{^}}  smp_mb__after_rmw();{{$}}
// CHECK-FIXES-ALL:      {{^}}  qatomic_xchg(&s->owner, 1);{{$}}
// CHECK-FIXES-ALL-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

/* The data is written plainly, then a full barrier, then the owner read. */
int slot_fill(Slot *s, int v) {
  s->data = v;
  smp_mb();
  return qatomic_read(&s->owner);
}

/* --- Calls the check cannot see into, on the way to the load --- */

typedef struct Clients {
  int count;
  int stopping;
} Clients;

void mutex_unlock(void *m);
void trace_client_done(int count);
void client_abort(void) __attribute__((noreturn));

/* The path from the RMW to the load passes through two functions without
 * a body here: the check takes them to do nothing atomic, and says so. A
 * call that does not return is not on the way. */
void client_done(Clients *c, void *lock) {
  qatomic_dec(&c->count);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_dec' on 'c->count' is not a full barrier: the relaxed load of 'c->stopping' after it can be satisfied before its store is visible, while 'clients_stop' writes 'c->stopping' and then loads 'c->count'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-RACE: :[[@LINE+10]]:7: note: relaxed load of 'c->stopping' here
  // CHECK-MESSAGES-RACE: :[[@LINE+5]]:3: note: the path passes through 'mutex_unlock' and 1 more call that the check cannot see into and takes to do nothing atomic; name a full barrier in FullBarrierFunctions
  // CHECK-MESSAGES-RACE: :[[@LINE+13]]:3: note: the other thread writes 'c->stopping' here
  // CHECK-MESSAGES-RACE: :[[@LINE+13]]:3: note: then the full barrier in 'clients_stop' orders that write before its later loads
  // CHECK-MESSAGES-RACE: :[[@LINE+13]]:7: note: and then loads 'c->count' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES-ALL: :[[@LINE-7]]:3: warning: seq-cst read-modify-write 'qatomic_dec' on 'c->count' is not a full barrier; the relaxed load of 'c->stopping' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  mutex_unlock(lock);
  if (!lock)
    client_abort();
  trace_client_done(0);
  if (qatomic_read(&c->stopping))
    return;
}

void clients_stop(Clients *c) {
  qatomic_set(&c->stopping, 1);
  smp_mb();
  if (qatomic_read(&c->count) == 0)
    trace_client_done(0);
}

/* --- The same code on both sides: not another thread --- */

typedef struct Drainer {
  int queued;   /* incremented by producers, decremented by the drainer */
  int *tail;
} Drainer;

/* The one thread that drains the queue: it swaps the tail (an RMW), then
 * reads the count; and it decrements the count (an RMW of the count, a
 * write), then reads the tail. Two calls of this function are not two
 * threads of a handshake: only the drainer runs it. */
static int *drainer_take(Drainer *d) {
  return qatomic_xchg(&d->tail, (int *)0);
}

void drainer_loop(Drainer *d) {
  for (;;) {
    int *t = drainer_take(d);
    // CHECK-MESSAGES-ALL: :[[@LINE-6]]:10: warning: seq-cst read-modify-write 'qatomic_xchg' on 'd->tail' is not a full barrier; the relaxed load of 'd->queued' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    if (!t && qatomic_read(&d->queued) == 0)
      break;
    qatomic_dec(&d->queued);
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:5: warning: seq-cst read-modify-write 'qatomic_dec' on 'd->queued' is not a full barrier; the relaxed load of 'd->tail' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
    if (qatomic_read(&d->tail))
      continue;
  }
}

/* --- A seq-cst operation on a third location orders neither --- */

typedef struct Meter {
  int hits;
  int enabled;
  int requests;
} Meter;

/* The RMW of hits, then a read of enabled. */
int meter_hit(Meter *s) {
  qatomic_inc(&s->hits);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 's->hits' is not a full barrier; the relaxed load of 's->enabled' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&s->enabled);
}

/* Writes enabled, then reads hits; the RMW of requests between is no
 * barrier for them (on Arm the load after it can pass the store before it),
 * and nothing here tries to order the two. */
int meter_enable(Meter *s) {
  qatomic_set(&s->enabled, 1);
  qatomic_inc(&s->requests);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 's->requests' is not a full barrier; the relaxed load of 's->hits' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&s->hits);
}

/* --- This thread's plain load: only with CheckPlainLoads --- */

typedef struct Door {
  int knocks;
  int open;
} Door;

int door_knock(Door *d) {
  qatomic_inc(&d->knocks);
  // CHECK-MESSAGES-PLAIN: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'd->knocks' is not a full barrier: the plain load of 'd->open' after it can be satisfied before its store is visible, while 'door_open' writes 'd->open' and then loads 'd->knocks'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-PLAIN: :[[@LINE+4]]:10: note: plain load of 'd->open' here
  // CHECK-MESSAGES-PLAIN: :[[@LINE+9]]:3: note: the other thread writes 'd->open' here
  // CHECK-MESSAGES-PLAIN: :[[@LINE+9]]:3: note: then the full barrier in 'door_open' orders that write before its later loads
  // CHECK-MESSAGES-PLAIN: :[[@LINE+9]]:7: note: and then loads 'd->knocks' here: it can miss this thread's read-modify-write as this thread misses its write
  return d->open;
}
// CHECK-FIXES-PLAIN:      {{^}}  qatomic_inc(&d->knocks);{{$}}
// CHECK-FIXES-PLAIN-NEXT: {{^}}  smp_mb__after_rmw();{{$}}

void door_open(Door *d, void (*greet)(void)) {
  qatomic_set(&d->open, 1);
  smp_mb();
  if (qatomic_read(&d->knocks))
    greet();
}

/* --- A store that is a full barrier (qatomic_set_mb) --- */

typedef struct Bell {
  int waiting;
  int rung;
} Bell;

int bell_wait(Bell *b) {
  qatomic_inc(&b->waiting);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'b->waiting' is not a full barrier: the relaxed load of 'b->rung' after it can be satisfied before its store is visible, while 'bell_ring' writes 'b->rung' and then loads 'b->waiting'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-RACE: :[[@LINE+4]]:10: note: relaxed load of 'b->rung' here
  // CHECK-MESSAGES-RACE: :[[@LINE+7]]:3: note: the other thread writes 'b->rung' here, with a full barrier of 'qatomic_set_mb' in 'bell_ring'
  // CHECK-MESSAGES-RACE: :[[@LINE+7]]:7: note: and then loads 'b->waiting' here: it can miss this thread's read-modify-write as this thread misses its write
  // CHECK-MESSAGES-ALL: :[[@LINE-5]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'b->waiting' is not a full barrier; the relaxed load of 'b->rung' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&b->rung);
}

void bell_ring(Bell *b, void (*wake)(void)) {
  qatomic_set_mb(&b->rung, 1);
  if (qatomic_read(&b->waiting))
    wake();
}

/* --- Two lists' links in one struct are two locations --- */

/* As QEMU's QLIST_ENTRY() declares them: an anonymous struct per field. */
typedef struct Job {
  int state;
  struct { struct Job *le_next; } queued;
  struct { struct Job *le_next; } done;
} Job;

int job_poll;

/* Writes the done list's link, then reads the poll counter: no partner of
 * a read of the queued list's link. */
void job_finish(Job *j) {
  qatomic_set(&j->done.le_next, (Job *)0);
  smp_mb();
  (void)qatomic_read(&job_poll);
}

Job *job_next(Job *j) {
  qatomic_inc(&job_poll);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'job_poll' is not a full barrier; the relaxed load of 'j->queued.le_next' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&j->queued.le_next);
}

/* --- A list link type that every list embeds stands for every list --- */

/* As QEMU's QTAILQ_HEAD() and QTAILQ_ENTRY() declare them: a union of the
 * first pointer and a link of a type shared by all tail queues, so that
 * inserting through a link pointer and reading the head meet. The
 * location of either is that link type's field: it stands for every tail
 * queue of the program. */
typedef struct TailLink {
  void *next;
  struct TailLink *prev;
} TailLink;

typedef struct Cpu Cpu;
typedef struct Waiter Waiter;
struct Cpu { union { Cpu *next; TailLink link; } node; int stopped; };
struct Waiter { union { Waiter *next; TailLink link; } node; int id; };

typedef struct Object2 {
  int ref;
} Object2;

union { Cpu *first; TailLink link; } cpus;
union { Waiter *first; TailLink link; } waiters;

/* Takes a reference, then walks the CPU list. */
Cpu *object2_ref_then_first_cpu(Object2 *o) {
  qatomic_inc(&o->ref);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'o->ref' is not a full barrier; the relaxed load of 'cpus.first' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&cpus.first);
}

/* Empties the waiters' list, which is not the CPU list though its link has
 * the same type, then a full barrier, then reads an object's count: with
 * locations that stand for every list, no partner of the above. */
int waiters_clear_then_ref(Object2 *o) {
  qatomic_set(&waiters.first, (Waiter *)0);
  smp_mb();
  return qatomic_read(&o->ref);
}

/* --- A barrier between two callees' accesses orders them by accident --- */

int tasks_done;
int stat_count;

static void task_finish(void) { qatomic_set(&tasks_done, 1); }
static int task_stats(void) { return qatomic_read(&stat_count); }

/* A scheduler: one task's write, the run queue's barrier, another task's
 * read. It performs neither access itself, so it is no partner. */
void scheduler_loop(void) {
  task_finish();
  smp_mb();
  (void)task_stats();
}

int count_then_check(void) {
  qatomic_inc(&stat_count);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'stat_count' is not a full barrier; the relaxed load of 'tasks_done' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&tasks_done);
}

/* The same write in the barrier's own function is a partner: it orders
 * its own write before what its callee loads. */
int stat_total;
static int total_stats(void) { return qatomic_read(&stat_total); }

void finish_then_total(void) {
  qatomic_set(&tasks_done, 2);
  smp_mb();
  (void)total_stats();
}

int add_then_check(void) {
  qatomic_inc(&stat_total);
  // CHECK-MESSAGES-RACE: :[[@LINE-1]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'stat_total' is not a full barrier: the relaxed load of 'tasks_done' after it can be satisfied before its store is visible, while 'finish_then_total' writes 'tasks_done' and then loads 'stat_total'; each thread can miss the other's update [atomics-missing-rmw-barrier]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: warning: seq-cst read-modify-write 'qatomic_inc' on 'stat_total' is not a full barrier; the relaxed load of 'tasks_done' after it can be satisfied before its store is visible [atomics-missing-rmw-barrier]
  return qatomic_read(&tasks_done);
}
