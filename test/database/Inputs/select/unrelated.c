/* Nothing to do with ordering: left out. */
int add(int a, int b) { return a + b; }
