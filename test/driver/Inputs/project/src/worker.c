#include "event.h"

int worker_wait(struct event *ev)
{
    return event_reset(ev);
}
