#include <atomic.h>

/* An event that waiters reset before they check for a reason to sleep. */
enum { EV_SET, EV_FREE, EV_BUSY };

struct event {
  int value;
  int ready;
  int cancelled;
  int users;
};

void event_reset(struct event *ev);
void event_publish(struct event *ev);
void event_cancel(struct event *ev);
unsigned event_get(struct event *ev);
