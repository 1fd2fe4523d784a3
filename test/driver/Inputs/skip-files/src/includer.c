/* No operation of its own, but it includes inline.h, whose function has an
 * unpaired barrier: analysed, and the header's finding comes from here. */
#include "inline.h"

int includer_value(int x)
{
    return x + 1;
}
