#ifndef RING_H
#define RING_H

struct ring {
    int head;
    int count;
    int epoch;
    int stat;
    int slots[16];
};

extern struct ring ring;

#endif
