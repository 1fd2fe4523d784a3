/* A message channel split over two files: the writer publishes, the
   reader consumes. Nothing is static, so only the whole program shows
   which barriers pair. */
#include <atomic.h>
struct ring { int head; int data[16]; };
extern struct ring the_ring;
extern int ready, payload;
