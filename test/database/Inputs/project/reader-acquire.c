int wait_published(void) {
  while (!qatomic_load_acquire(&ready))
    ;
  return payload;
}
