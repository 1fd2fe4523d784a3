/* An event object whose state is set and tested in its own file. */
struct event {
  int state;
};

void event_set(struct event *ev);
int event_is_set(struct event *ev);
