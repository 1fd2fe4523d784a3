int consume(void) {
  if (qatomic_load_acquire(&ready))
    return payload;
  return 0;
}
