/* The flag and the payload a publisher and its readers share. */
#include <atomic.h>
extern int ready, payload;
