/* A pairing comment next to an operation: the operation's name is in the
 * code, so the file is analysed and the stale comment reported. */
#include <atomic.h>

static int data, flag;

void commented_publish(int v)
{
    data = v;
    /* Pairs with smp_rmb() in no_such_reader(). */
    smp_wmb();
    flag = 1;
}
