/* A static inline function with a barrier that no one pairs with: it is
 * analysed, and reported, in every file that includes this header, whether
 * or not the file calls it. */
#include <atomic.h>

static int sent, epoch;

static inline void stats_bump(void)
{
    sent = 1;
    smp_wmb();
    epoch = 2;
}
