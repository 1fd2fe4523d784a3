/* An _Atomic object: code that includes this header can perform
   sequentially consistent operations on it with plain operators. */
extern _Atomic int hits;
