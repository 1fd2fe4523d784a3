/* An event object whose state is set and tested in its own file. */
struct event {
  int state;
};

void event_set(struct event *ev);
int event_is_set(struct event *ev);

/* Every file that includes this header records this barrier; the database
   keeps it once. */
static inline void event_fence(void) { smp_mb(); }
