/*
 * A single-producer, single-consumer mailbox: the producer fills the
 * message, then publishes it by setting ready; the consumer waits for ready,
 * then reads the message.
 *
 * Problem atomics-tidy finds here: the producer's smp_wmb() has no partner.
 * The consumer reads ready and then the message with no smp_rmb() (or
 * load-acquire) in between, so on a weakly ordered CPU it can see ready set
 * and still read a stale message.
 * The corrected version is fixed/message-passing.c.
 */
#include <atomics-tidy/atomic.h>

struct mailbox {
    int ready;
    int len;
    char data[64];
};

static struct mailbox box;

void mailbox_send(const char *msg, int len)
{
    for (int i = 0; i < len && i < (int)sizeof(box.data); i++) {
        box.data[i] = msg[i];
    }
    box.len = len;
    smp_wmb();
    qatomic_set(&box.ready, 1);
}

int mailbox_receive(char *out)
{
    if (!qatomic_read(&box.ready)) {
        return -1;
    }
    for (int i = 0; i < box.len; i++) {
        out[i] = box.data[i];
    }
    return box.len;
}
