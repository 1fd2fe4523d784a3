#include "counter.h"

void count(void) { hits++; }
