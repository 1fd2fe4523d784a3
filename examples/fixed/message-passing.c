/*
 * The mailbox of ../message-passing.c, corrected: the consumer's smp_rmb()
 * pairs with the producer's smp_wmb(), so a consumer that sees ready set
 * also sees the message written before it.
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
    /* Pairs with smp_rmb() in mailbox_receive(). */
    smp_wmb();
    qatomic_set(&box.ready, 1);
}

int mailbox_receive(char *out)
{
    if (!qatomic_read(&box.ready)) {
        return -1;
    }
    /* Pairs with smp_wmb() in mailbox_send(). */
    smp_rmb();
    for (int i = 0; i < box.len; i++) {
        out[i] = box.data[i];
    }
    return box.len;
}
